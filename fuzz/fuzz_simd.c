/*
 * fuzz_simd.c -- every SIMD scanner of the engine (core/src/scan.h) against
 * its scalar twin: for each start offset of the input (the first 64, then
 * every 7th) and for the full end and a few shorter ones, the SSE2 scanner
 * must stop at exactly the byte the scalar one stops at.  The input sits at
 * the end of its own allocation, so a scanner reading past `end` is an ASan
 * report.  Without SSE2 (or with H1_NO_SIMD) the scanners are the scalar
 * ones and the target checks nothing but memory safety.
 *
 * The input is raw bytes (no option bytes).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

#define CHECK_TWIN(name, fast, slow)                                           \
  do {                                                                         \
    const unsigned char *a = fast(p, e), *b = slow(p, e);                      \
    if (a != b) {                                                              \
      fprintf(stderr,                                                          \
              "h1 fuzz oracle failed: %s from %zu to %zu: SIMD stops at "      \
              "%zu, scalar at %zu\n",                                          \
              name, (size_t)(p - buf), (size_t)(e - buf), (size_t)(a - buf),   \
              (size_t)(b - buf));                                              \
      abort();                                                                 \
    }                                                                          \
  } while (0)

/* h1__scan_value_from with every byte of the buffer readable */
#define SCAN_VALUE_FROM_BUF(p, e) h1__scan_value_from(buf, p, e)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 65536)
    size = 65536;
  unsigned char *buf = malloc(size ? size : 1);
  if (buf == NULL)
    abort();
  memcpy(buf, data, size);
  for (size_t s = 0; s <= size; s = s < 64 ? s + 1 : s + 7) {
    static const size_t short_by[] = {0, 1, 15, 16, 17, 31, 33};
    for (size_t k = 0; k < sizeof short_by / sizeof short_by[0]; k++) {
      if (short_by[k] > size - s)
        break;
      const unsigned char *p = buf + s, *e = buf + size - short_by[k];
      CHECK_TWIN("value", h1__scan_value, h1__scan_value_scalar);
      CHECK_TWIN("value from the start", SCAN_VALUE_FROM_BUF,
                 h1__scan_value_scalar);
      CHECK_TWIN("path", h1__scan_path, h1__scan_path_scalar);
      CHECK_TWIN("origin", h1__scan_origin, h1__scan_origin_scalar);
      CHECK_TWIN("line", h1__scan_line, h1__scan_line_scalar);
    }
  }
  free(buf);
  return 0;
}
