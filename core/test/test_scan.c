/*
 * test_scan.c -- each bulk scanner of core/src/scan.h (SSE2 where the build
 * has it) against its scalar twin, exhaustively over one odd byte: every
 * byte value at every position of a 48-byte run of a class member, with
 * the run starting and ending at offsets around the 16-byte blocks.  Fillers
 * include members outside the SIMD fast subset (the token scanner's
 * non-alphanumeric tchars) so the scanners' slow lanes are reached.  Built
 * with H1_NO_SIMD the two sides are the same function and this only checks
 * the scalar scanners against the class table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "scan.h"

typedef const unsigned char *(*scan_fn)(const unsigned char *,
                                        const unsigned char *);

/* The class a scanner stops at, from the table: the reference for both. */
static int member(const char *which, unsigned char c) {
  if (strcmp(which, "value") == 0)
    return (h1__cls[c] & H1__C_HEADER) != 0;
  if (strcmp(which, "path") == 0)
    return (h1__cls[c] & H1__C_PATH) != 0;
  if (strcmp(which, "origin") == 0)
    return c > 0x20 && c < 0x7f && c != '#';
  if (strcmp(which, "token") == 0)
    return (h1__cls[c] & H1__C_TOKEN) != 0;
  return c != '\r' && c != '\n'; /* line */
}

static void check_scanner(const char *which, scan_fn fast, scan_fn slow,
                          const char *fillers) {
  enum { N = 48 };
  static const size_t offs[] = {0, 1, 2, 15, 16, 17};
  unsigned char buf[N], in[256];
  size_t f, pos, i, j;
  unsigned b;
  for (b = 0; b < 256; b++)
    in[b] = (unsigned char)member(which, (unsigned char)b);
  for (f = 0; fillers[f] != '\0'; f++) {
    for (b = 0; b < 256; b++) {
      for (pos = 0; pos < N; pos++) {
        memset(buf, fillers[f], N);
        buf[pos] = (unsigned char)b;
        for (i = 0; i < sizeof offs / sizeof offs[0]; i++) {
          for (j = 0; j < sizeof offs / sizeof offs[0]; j++) {
            size_t start = offs[i], cut = offs[j];
            const unsigned char *p = buf + start, *e = buf + N - cut, *want;
            want = p;
            while (want < e && in[*want])
              want++;
            if (fast(p, e) != want || slow(p, e) != want)
              fail_msg("%s: filler %#x, byte %#x at %zu, from %zu to %zu: "
                       "SIMD %td, scalar %td, table %td",
                       which, (unsigned)(unsigned char)fillers[f], b, pos,
                       start, N - cut, fast(p, e) - buf, slow(p, e) - buf,
                       want - buf);
          }
        }
      }
    }
  }
}

static void test_value(void **state) {
  (void)state;
  check_scanner("value", h1__scan_value, h1__scan_value_scalar, "a\t \x80");
}

static void test_path(void **state) {
  (void)state;
  check_scanner("path", h1__scan_path, h1__scan_path_scalar, "a/%~");
}

static void test_origin(void **state) {
  (void)state;
  check_scanner("origin", h1__scan_origin, h1__scan_origin_scalar, "a/?%~");
}

static void test_line(void **state) {
  (void)state;
  check_scanner("line", h1__scan_line, h1__scan_line_scalar, "a \x01\xff");
}

static void test_token(void **state) {
  (void)state;
  check_scanner("token", h1__scan_token, h1__scan_token_scalar, "aZ9-!_~");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_value),  cmocka_unit_test(test_path),
      cmocka_unit_test(test_origin), cmocka_unit_test(test_line),
      cmocka_unit_test(test_token),
  };
  return cmocka_run_group_tests_name("scan", tests, NULL, NULL);
}
