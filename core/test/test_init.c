/*
 * test_init.c -- h1_parser_init and h1_parser_reset leave nothing of what
 * the parser held before: every byte of the struct, padding included, is
 * what a fresh init gives, whatever was there (garbage, a parse stopped
 * inside a head with spans in the arena, an error).  init clears with its
 * own stores instead of memset (core/src/zero.h) and reads the settings
 * field by field; these tests hold both to the struct a plain memset
 * starts from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "h1/h1.h"

static struct h1_header slots[64];
static char arena[4096];

/* What init must give whatever was there: init over a struct that memset
 * has zeroed. */
static void reference(h1_parser *p, const struct h1_settings *s) {
  h1_parser q;
  memset(p, 0xa5, sizeof *p);
  memset(&q, 0, sizeof q);
  h1_parser_init(&q, s, slots, 64, arena, sizeof arena);
  memcpy(p, &q, sizeof q);
}

static void check_init_over(unsigned char fill, const struct h1_settings *s) {
  h1_parser a, b;
  memset(&a, fill, sizeof a);
  h1_parser_init(&a, s, slots, 64, arena, sizeof arena);
  reference(&b, s);
  assert_memory_equal(&a, &b, sizeof a);
}

static void test_init_clears_every_byte(void **state) {
  struct h1_settings s;
  unsigned fills[] = {0x00, 0xff, 0xa5, 0x5a, 0x01};
  size_t i;
  (void)state;
  memset(&s, 0, sizeof s);
  for (i = 0; i < sizeof fills / sizeof fills[0]; i++) {
    check_init_over((unsigned char)fills[i], NULL);
    check_init_over((unsigned char)fills[i], &s);
  }
}

static void test_init_keeps_settings(void **state) {
  struct h1_settings s;
  h1_parser p;
  (void)state;
  memset(&s, 0, sizeof s);
  s.type = H1_RESPONSE;
  s.profile = H1_PROFILE_STRICT;
  s.lenient = H1_LENIENT_HEADERS | H1_LENIENT_KEEP_ALIVE;
  s.max_header_size = 1234;
  s.request_method = H1_METHOD_HEAD;
  s.max_headers_count = 7;
  memset(&p, 0xff, sizeof p);
  h1_parser_init(&p, &s, slots, 64, arena, sizeof arena);
  assert_memory_equal(&p.h1__set, &s, sizeof s);
  assert_int_equal(p.h1__max_lines, 7);
  assert_int_equal(p.h1__fast_lines, 7);
  /* max_header_size 0 means Node's 16 KiB */
  s.max_header_size = 0;
  h1_parser_init(&p, &s, slots, 64, arena, sizeof arena);
  assert_int_equal(p.h1__set.max_header_size, 16384);
  check_init_over(0x3c, &s);
}

/* reset after a parse stopped anywhere: the bytes of a fresh init. */
static void test_reset_is_init(void **state) {
  static const char *inputs[] = {
      "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
      "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab",
      "GET /split HTTP/1.1\r\nX-Long: aaaaaaaa", /* spans in the arena */
      "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",   /* an error */
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nab",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    struct h1_settings s;
    h1_parser p, fresh;
    struct h1_event ev;
    size_t off = 0, len = strlen(inputs[i]);
    memset(&s, 0, sizeof s);
    s.lenient = H1_LENIENT_OPTIONAL_CR_BEFORE_LF;
    h1_parser_init(&p, &s, slots, 64, arena, sizeof arena);
    /* in pieces of 7, so that heads are split and spilled */
    while (off < len) {
      size_t n = len - off < 7 ? len - off : 7;
      off += h1_execute(&p, inputs[i] + off, n, &ev);
      if (ev.type == H1_EV_ERROR)
        break;
    }
    h1_parser_reset(&p);
    reference(&fresh, &s);
    assert_memory_equal(&p, &fresh, sizeof p);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_init_clears_every_byte),
      cmocka_unit_test(test_init_keeps_settings),
      cmocka_unit_test(test_reset_is_init),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
