/*
 * test_ws_utf8.c -- the incremental UTF-8 validator against a reference
 * decoder written here from RFC 3629 (decode, then check the code point's
 * range and minimal length): every string of 1, 2 and 3 bytes, 4-byte
 * strings over the boundary bytes, and random strings fed in pieces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "h1/h1_ws.h"

/* RFC 3629: decode each sequence and judge the code point. */
static int ref_valid(const unsigned char *s, size_t n) {
  size_t i = 0, len, j;
  uint32_t cp, min;
  while (i < n) {
    unsigned b = s[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if ((b & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = b & 0x07;
    } else {
      return 0;
    }
    if (i + len > n)
      return 0;
    for (j = 1; j < len; j++) {
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
      cp = cp << 6 | (s[i + j] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += len;
  }
  return 1;
}

/* Whole, and byte by byte through the incremental state. */
static void same(const unsigned char *s, size_t n) {
  struct h1_ws_utf8 u;
  size_t i;
  int want = ref_valid(s, n), inc = 1;
  if (h1_ws_utf8_valid(s, n) != want) {
    print_error("length %zu, bytes %02x %02x %02x %02x: want %d\n", n,
                n > 0 ? s[0] : 0, n > 1 ? s[1] : 0, n > 2 ? s[2] : 0,
                n > 3 ? s[3] : 0, want);
    fail();
  }
  h1_ws_utf8_init(&u);
  for (i = 0; i < n && inc; i++)
    inc = h1_ws_utf8_feed(&u, s + i, 1) == 1;
  assert_int_equal(inc && h1_ws_utf8_complete(&u), want);
}

static void test_short_strings(void **state) {
  unsigned char s[3] = {0, 0, 0};
  unsigned a, b, c;
  (void)state;
  same(s, 0);
  for (a = 0; a < 256; a++) {
    s[0] = (unsigned char)a;
    same(s, 1);
    for (b = 0; b < 256; b++) {
      s[1] = (unsigned char)b;
      same(s, 2);
      for (c = 0; c < 256; c++) {
        s[2] = (unsigned char)c;
        same(s, 3);
      }
    }
  }
}

static void test_four_bytes(void **state) {
  static const unsigned char edge[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                       0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF};
  unsigned char s[4];
  unsigned a;
  size_t b, c, d, n = sizeof edge;
  (void)state;
  for (a = 0xC0; a < 256; a++)
    for (b = 0; b < n; b++)
      for (c = 0; c < n; c++)
        for (d = 0; d < n; d++) {
          s[0] = (unsigned char)a;
          s[1] = edge[b];
          s[2] = edge[c];
          s[3] = edge[d];
          same(s, 4);
        }
}

/* Random strings over a biased alphabet, fed in random pieces: the index
 * returned is where the reference's judgement changes. */
static void test_random_pieces(void **state) {
  static const unsigned char alpha[] = {0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                        0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
                                        0xF0, 0xF4, 0xF5, 0xC0};
  uint64_t x = 0x243F6A8885A308D3ull;
  unsigned char s[32];
  int round;
  (void)state;
  for (round = 0; round < 300000; round++) {
    struct h1_ws_utf8 u;
    size_t n, i, off = 0, bad = (size_t)-1;
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    n = (size_t)(x >> 59) + 1;
    for (i = 0; i < n; i++) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      s[i] = alpha[(x >> 60) & 15];
    }
    same(s, n);
    h1_ws_utf8_init(&u);
    while (off < n) {
      size_t piece = 1 + (size_t)((x >> (off % 48)) % (n - off)), k;
      k = h1_ws_utf8_feed(&u, s + off, piece);
      if (k < piece) {
        bad = off + k;
        break;
      }
      off += piece;
    }
    /* the first bad byte: the longest prefix that can still be completed
     * ends right before it */
    if (bad != (size_t)-1) {
      struct h1_ws_utf8 v;
      h1_ws_utf8_init(&v);
      assert_int_equal(h1_ws_utf8_feed(&v, s, n), bad);
      assert_false(ref_valid(s, n));
    } else {
      assert_int_equal(h1_ws_utf8_complete(&u), ref_valid(s, n));
    }
  }
}

/* Long, mostly ASCII strings (the validator's 8-byte path) with a few
 * multi-byte sequences and strays: the same verdict and the same first bad
 * byte as a byte-at-a-time walk. */
static void test_ascii_runs(void **state) {
  static const unsigned char odd[] = {0xC2, 0xA9, 0xE2, 0x82, 0xAC, 0xF0,
                                      0x9F, 0x98, 0x80, 0xC0, 0xED, 0xA0};
  uint64_t x = 0x13198A2E03707344ull;
  unsigned char s[300];
  int round;
  (void)state;
  for (round = 0; round < 20000; round++) {
    struct h1_ws_utf8 u, v;
    size_t n, i, k, one = 0;
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    n = (size_t)(x >> 40) % sizeof s;
    for (i = 0; i < n; i++) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      s[i] = (x >> 60) < 15 ? (unsigned char)(0x20 + (x >> 33) % 95)
                            : odd[(x >> 33) % sizeof odd];
    }
    same(s, n);
    h1_ws_utf8_init(&u);
    h1_ws_utf8_init(&v);
    k = h1_ws_utf8_feed(&u, s, n);
    while (one < n && h1_ws_utf8_feed(&v, s + one, 1) == 1)
      one++;
    assert_int_equal(k, one);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_short_strings),
      cmocka_unit_test(test_four_bytes),
      cmocka_unit_test(test_random_pieces),
      cmocka_unit_test(test_ascii_runs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
