/*
 * test_strict.c -- the strict profile's settings that Node has no option
 * for, so that gen.js cannot ask Node about them: the opt-in flag for
 * DELETE and OPTIONS bodies, h1_settings.max_headers_count (explicit, Node's
 * default, no limit; with and without kept lines) and what a padded `close`
 * does to keep-alive.  Each input is fed whole and in pieces of 1, 2 and 7
 * bytes; the outcome and the error offset must not depend on the split.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "h1/h1.h"

struct outcome {
  h1_errno error; /* H1_E_OK: accepted */
  uint64_t offset;
  unsigned messages;
  int keep_alive; /* at the first head */
};

/* Feeds `in` in pieces of `step` bytes (0: whole); `keep` 0 parses without
 * kept lines (NULL slots). */
static struct outcome run(const struct h1_settings *set, const char *in,
                          size_t len, size_t step, int keep) {
  size_t nslots = H1_SLOTS_FOR(H1_DEFAULT_MAX_HEADER_SIZE);
  struct h1_header *slots = keep ? calloc(nslots, sizeof *slots) : NULL;
  size_t acap = H1_ARENA_FOR(H1_DEFAULT_MAX_HEADER_SIZE);
  char *arena = malloc(acap);
  struct outcome o = {H1_E_OK, 0, 0, -1};
  h1_parser p;
  struct h1_event ev;
  size_t off = 0;
  h1_parser_init(&p, set, slots, keep ? nslots : 0, arena, acap);
  while (off < len) {
    size_t n = step == 0 || len - off < step ? len - off : step;
    size_t used = 0;
    do {
      used += h1_execute(&p, in + off + used, n - used, &ev);
      if (ev.type == H1_EV_HEAD && o.keep_alive < 0)
        o.keep_alive = h1_should_keep_alive(&p);
      if (ev.type == H1_EV_ERROR) {
        o.error = p.error;
        o.offset = p.error_offset;
        goto out;
      }
    } while (ev.type != H1_EV_NONE && ev.type != H1_EV_UPGRADE);
    off += n;
  }
  h1_finish(&p, &ev);
  if (ev.type == H1_EV_ERROR) {
    o.error = p.error;
    o.offset = p.error_offset;
  }
out:
  o.messages = p.messages;
  free(slots);
  free(arena);
  return o;
}

/* The outcome of every split and both slot modes must be `want`. */
static void check(const struct h1_settings *set, const char *in,
                  struct outcome want) {
  static const size_t steps[] = {0, 1, 2, 7};
  size_t len = strlen(in);
  for (int keep = 0; keep <= 1; keep++) {
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
      struct outcome o = run(set, in, len, steps[i], keep);
      if (o.error != want.error || o.offset != want.offset ||
          o.messages != want.messages ||
          (want.keep_alive >= 0 && o.keep_alive != want.keep_alive))
        fail_msg("%.60s (step %zu, keep %d): %s @%llu, %u messages, ka %d; "
                 "want %s @%llu, %u messages, ka %d",
                 in, steps[i], keep, h1_errno_name(o.error),
                 (unsigned long long)o.offset, o.messages, o.keep_alive,
                 h1_errno_name(want.error), (unsigned long long)want.offset,
                 want.messages, want.keep_alive);
    }
  }
}

static struct h1_settings settings(h1_profile profile, uint32_t lenient,
                                   uint32_t max_headers_count) {
  struct h1_settings s;
  memset(&s, 0, sizeof s);
  s.type = H1_REQUEST;
  s.profile = profile;
  s.lenient = lenient;
  s.max_headers_count = max_headers_count;
  return s;
}

static void test_delete_options_body(void **state) {
  static const char del[] =
      "DELETE / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
  static const char opt[] =
      "OPTIONS * HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
      "0\r\n\r\n";
  static const char get[] =
      "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
  struct h1_settings strict = settings(H1_PROFILE_STRICT, 0, 0);
  struct h1_settings allow =
      settings(H1_PROFILE_STRICT, H1_LENIENT_DELETE_OPTIONS_BODY, 0);
  struct h1_settings node =
      settings(H1_PROFILE_NODE, H1_LENIENT_DELETE_OPTIONS_BODY, 0);
  (void)state;
  check(&strict, del, (struct outcome){H1_E_STRICT, 49, 0, -1});
  check(&strict, opt, (struct outcome){H1_E_STRICT, 59, 0, -1});
  check(&allow, del, (struct outcome){H1_E_OK, 0, 1, 1});
  check(&allow, opt, (struct outcome){H1_E_OK, 0, 1, 1});
  check(&allow, get, (struct outcome){H1_E_STRICT, 46, 0, -1});
  check(&node, get, (struct outcome){H1_E_OK, 0, 1, 1});
  assert_int_equal(H1_LENIENT_ALL & H1_LENIENT_DELETE_OPTIONS_BODY, 0);
}

/* "GET / HTTP/1.1\r\n" and n lines "Xk: v\r\n" (k < 10: 7 bytes each). */
static char *lines(unsigned n) {
  char *s = malloc(32 + (size_t)n * 16), *w = s;
  w += sprintf(w, "GET / HTTP/1.1\r\n");
  for (unsigned k = 0; k < n; k++)
    w += sprintf(w, "X%u: v\r\n", k);
  sprintf(w, "\r\n");
  return s;
}

static void test_max_headers_count(void **state) {
  char *four = lines(4), *three = lines(3), *many = lines(1001);
  struct h1_settings three_max = settings(H1_PROFILE_STRICT, 0, 3);
  struct h1_settings unset = settings(H1_PROFILE_STRICT, 0, 0);
  struct h1_settings unlimited =
      settings(H1_PROFILE_STRICT, 0, H1_HEADERS_COUNT_UNLIMITED);
  struct h1_settings node = settings(H1_PROFILE_NODE, 0, 3);
  uint64_t line1001 = 16;
  (void)state;
  for (unsigned k = 0; k < 1000; k++)
    line1001 += k < 10 ? 7 : k < 100 ? 8 : 9;
  /* the 4th line's first byte: 16 + 3 * 7 */
  check(&three_max, four, (struct outcome){H1_E_HEADER_OVERFLOW, 37, 0, -1});
  check(&three_max, three, (struct outcome){H1_E_OK, 0, 1, 1});
  check(&node, four, (struct outcome){H1_E_OK, 0, 1, 1});
  check(&unset, many, (struct outcome){H1_E_HEADER_OVERFLOW, line1001, 0, -1});
  check(&unlimited, many, (struct outcome){H1_E_OK, 0, 1, 1});
  assert_int_equal(H1_HEADERS_COUNT_FROM_NODE((int64_t)-1), 0);
  assert_int_equal(H1_HEADERS_COUNT_FROM_NODE((int64_t)0),
                   H1_HEADERS_COUNT_UNLIMITED);
  assert_int_equal(H1_HEADERS_COUNT_FROM_NODE((int64_t)31), 31);
  free(four);
  free(three);
  free(many);
}

static void test_close_padded(void **state) {
  static const char one[] =
      "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\t\r\n\r\n";
  static const char two[] = "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\t"
                            "\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n";
  struct h1_settings strict = settings(H1_PROFILE_STRICT, 0, 0);
  struct h1_settings node = settings(H1_PROFILE_NODE, 0, 0);
  (void)state;
  check(&strict, one, (struct outcome){H1_E_OK, 0, 1, 0});
  check(&node, one, (struct outcome){H1_E_OK, 0, 1, 1});
  check(&strict, two, (struct outcome){H1_E_CLOSED_CONNECTION, 48, 1, 0});
  check(&node, two, (struct outcome){H1_E_OK, 0, 2, 1});
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_delete_options_body),
      cmocka_unit_test(test_max_headers_count),
      cmocka_unit_test(test_close_padded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
