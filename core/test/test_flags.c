/*
 * test_flags.c -- message flags that are h1's own (Node has no such
 * field): H1_F_AUTHORITY_MISMATCH.  Each input is fed whole and byte by
 * byte; the flag must not depend on the split.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "h1/h1.h"

/* The message flags at H1_EV_HEAD, feeding `step` bytes per call. */
static uint32_t head_flags(const char *in, size_t step) {
  static struct h1_header slots[64];
  static char arena[4096];
  h1_parser p;
  struct h1_event ev;
  size_t len = strlen(in), off = 0;
  h1_parser_init(&p, NULL, slots, 64, arena, sizeof arena);
  while (off < len) {
    size_t n = len - off < step ? len - off : step;
    size_t used = h1_execute(&p, in + off, n, &ev);
    off += used;
    if (ev.type == H1_EV_HEAD)
      return p.msg.flags;
    assert_int_not_equal(ev.type, H1_EV_ERROR);
  }
  fail_msg("no head in %s", in);
  return 0;
}

static void check(const char *in, int mismatch) {
  size_t steps[] = {1, 2, 7, 1000};
  size_t i;
  for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    uint32_t f = head_flags(in, steps[i]);
    if (!!(f & H1_F_AUTHORITY_MISMATCH) != mismatch)
      fail_msg("%s (step %zu): mismatch flag %d, want %d", in, steps[i],
               !!(f & H1_F_AUTHORITY_MISMATCH), mismatch);
  }
}

static void test_authority_mismatch(void **state) {
  (void)state;
  check("GET http://b/ HTTP/1.1\r\nHost: a\r\n\r\n", 1);
  check("GET http://a/x HTTP/1.1\r\nHost: a\r\n\r\n", 0);
  check("GET http://A.example:80/x HTTP/1.1\r\nHost: a.EXAMPLE:80 \r\n\r\n", 0);
  check("GET http://a.example/x HTTP/1.1\r\nHost: a.example:80\r\n\r\n", 1);
  check("GET http://u:p@a/ HTTP/1.1\r\nHost: a\r\n\r\n", 0);
  check("GET http://a?q HTTP/1.1\r\nHost: a\r\n\r\n", 0);
  check("GET http://a HTTP/1.1\r\n\r\n", 1);     /* no Host at all */
  check("GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0); /* origin-form */
  check("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 0);
  check("GET http://b/ HTTP/1.1\r\nX: 1\r\nHost: a\r\nHost: b\r\n\r\n", 1);
}

/* The flags at MESSAGE_END, ending by its length or by h1_finish(). */
static uint32_t end_flags(const char *in, uint32_t lenient) {
  static struct h1_header slots[64];
  static char arena[4096];
  struct h1_settings set;
  h1_parser p;
  struct h1_event ev;
  size_t len = strlen(in), off = 0;
  memset(&set, 0, sizeof set);
  set.lenient = lenient;
  h1_parser_init(&p, &set, slots, 64, arena, sizeof arena);
  do {
    off += h1_execute(&p, in + off, len - off, &ev);
    if (ev.type == H1_EV_MESSAGE_END)
      return p.msg.flags;
    assert_int_not_equal(ev.type, H1_EV_ERROR);
  } while (off < len || ev.type != H1_EV_NONE);
  h1_finish(&p, &ev);
  assert_int_equal(ev.type, H1_EV_MESSAGE_END);
  return p.msg.flags;
}

/* Issue 9, defect 1: the head's flags must not depend on how the message
 * ended. */
static void test_head_flags_at_end(void **state) {
  const uint32_t both = H1_F_EXPECT_CONTINUE | H1_F_AUTHORITY_MISMATCH;
  (void)state;
  assert_int_equal(end_flags("POST http://a/ HTTP/1.1\r\nHost: b\r\nExpect: "
                             "100-continue\r\nContent-Length: 1\r\n\r\nx",
                             0) &
                       both,
                   both);
  assert_int_equal(end_flags("POST http://a/ HTTP/1.1\r\nHost: b\r\nExpect: "
                             "100-continue\r\nTransfer-Encoding: "
                             "identity\r\n\r\nx",
                             H1_LENIENT_TRANSFER_ENCODING) &
                       both,
                   both);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_authority_mismatch),
      cmocka_unit_test(test_head_flags_at_end),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
