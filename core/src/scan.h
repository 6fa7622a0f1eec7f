/*
 * scan.h -- the engine's bulk scanners.  Each returns the first byte at or
 * after `p` (and before `end`) that leaves its class, or `end`.  The SSE2
 * versions read 16 bytes at a time, never past `end`; each has a scalar twin
 * that must give bit-identical results (a fuzz target checks this).  Define
 * H1_NO_SIMD to build the scalar versions only.
 */
#ifndef H1_SCAN_H
#define H1_SCAN_H

#include <stdint.h>

#include "tables.h"

#if !defined(H1_NO_SIMD) && (defined(__SSE2__) || defined(_M_X64))
#define H1__HAVE_SSE2 1
#include <emmintrin.h>
#endif

/* field-value bytes: HTAB, SP..~, 0x80..0xFF */
static inline const unsigned char *
h1__scan_value_scalar(const unsigned char *p, const unsigned char *end) {
  while (p < end && (h1__cls[*p] & H1__C_HEADER))
    p++;
  return p;
}

/* path bytes: 0x21..0x7E except '?' and '#' */
static inline const unsigned char *
h1__scan_path_scalar(const unsigned char *p, const unsigned char *end) {
  while (p < end && (h1__cls[*p] & H1__C_PATH))
    p++;
  return p;
}

/* origin-form bytes, path and query together: 0x21..0x7E except '#' (the
 * one-pass paths take `?` and the query in the same scan) */
static inline const unsigned char *
h1__scan_origin_scalar(const unsigned char *p, const unsigned char *end) {
  while (p < end && ((h1__cls[*p] & H1__C_PATH) || *p == '?'))
    p++;
  return p;
}

/* any byte but CR and LF */
static inline const unsigned char *
h1__scan_line_scalar(const unsigned char *p, const unsigned char *end) {
  while (p < end && *p != '\r' && *p != '\n')
    p++;
  return p;
}

/* field-name bytes: RFC 9110 tchar.  Four bytes at a time, and no SSE2
 * version: names are short (4 to 20 bytes), and where a name ends is then
 * a branch the CPU predicts and runs past, where a vector scan makes it a
 * chain of load, compare, mask and count that each line waits for.
 * Measured (ci/bench, interleaved runs): the SSE2 scan took 592 ns on the
 * 40-line head, this one 405 ns; 127 and 97 ns on the response head. */
static inline const unsigned char *
h1__scan_token_scalar(const unsigned char *p, const unsigned char *end) {
  while (end - p >= 4 && (h1__cls[p[0]] & h1__cls[p[1]] & h1__cls[p[2]] &
                          h1__cls[p[3]] & H1__C_TOKEN))
    p += 4;
  while (p < end && (h1__cls[*p] & H1__C_TOKEN))
    p++;
  return p;
}

#ifdef H1__HAVE_SSE2
static inline unsigned h1__ctz(unsigned m) {
#if defined(__GNUC__) || defined(__clang__)
  return (unsigned)__builtin_ctz(m);
#else
  unsigned n = 0;
  while (!(m & 1u)) {
    m >>= 1;
    n++;
  }
  return n;
#endif
}

/* The bytes among the 16 at p that are no field-value bytes, as a mask. */
static inline unsigned h1__value_stops16(const unsigned char *p) {
  const __m128i c1f = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f),
                tab = _mm_set1_epi8(0x09);
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f); /* x <= 0x1f */
  __m128i bad = _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(x, tab), ctl),
                             _mm_cmpeq_epi8(x, del));
  return (unsigned)_mm_movemask_epi8(bad);
}

/* h1__scan_value when the bytes from `lo` up to p may be read too: the
 * last bytes, fewer than 16, are read as the 16 bytes that end at end when
 * lo is that far back. */
static inline const unsigned char *
h1__scan_value_from(const unsigned char *lo, const unsigned char *p,
                    const unsigned char *end) {
  unsigned m;
  while (end - p >= 16) {
    m = h1__value_stops16(p);
    if (m != 0)
      return p + h1__ctz(m);
    p += 16;
  }
  if (p == end || end - lo < 16)
    return h1__scan_value_scalar(p, end);
  m = h1__value_stops16(end - 16) >> (16 - (end - p));
  return m != 0 ? p + h1__ctz(m) : end;
}

static inline const unsigned char *h1__scan_value(const unsigned char *p,
                                                  const unsigned char *end) {
  return h1__scan_value_from(p, p, end);
}

static inline const unsigned char *h1__scan_path(const unsigned char *p,
                                                 const unsigned char *end) {
  const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f),
                q = _mm_set1_epi8('?'), h = _mm_set1_epi8('#');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i lo = _mm_cmpeq_epi8(_mm_max_epu8(x, sp), sp);   /* x <= 0x20 */
    __m128i hi = _mm_cmpeq_epi8(_mm_min_epu8(x, del), del); /* x >= 0x7f */
    __m128i bad =
        _mm_or_si128(_mm_or_si128(lo, hi),
                     _mm_or_si128(_mm_cmpeq_epi8(x, q), _mm_cmpeq_epi8(x, h)));
    unsigned m = (unsigned)_mm_movemask_epi8(bad);
    if (m != 0)
      return p + h1__ctz(m);
    p += 16;
  }
  return h1__scan_path_scalar(p, end);
}

static inline const unsigned char *h1__scan_origin(const unsigned char *p,
                                                   const unsigned char *end) {
  const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f),
                h = _mm_set1_epi8('#');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i lo = _mm_cmpeq_epi8(_mm_max_epu8(x, sp), sp);   /* x <= 0x20 */
    __m128i hi = _mm_cmpeq_epi8(_mm_min_epu8(x, del), del); /* x >= 0x7f */
    __m128i bad = _mm_or_si128(_mm_or_si128(lo, hi), _mm_cmpeq_epi8(x, h));
    unsigned m = (unsigned)_mm_movemask_epi8(bad);
    if (m != 0)
      return p + h1__ctz(m);
    p += 16;
  }
  return h1__scan_origin_scalar(p, end);
}

static inline const unsigned char *h1__scan_line(const unsigned char *p,
                                                 const unsigned char *end) {
  const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    unsigned m = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, lf)));
    if (m != 0)
      return p + h1__ctz(m);
    p += 16;
  }
  return h1__scan_line_scalar(p, end);
}
#else
#define h1__scan_value h1__scan_value_scalar
#define h1__scan_value_from(lo, p, end)                                        \
  ((void)(lo), h1__scan_value_scalar(p, end))
#define h1__scan_path h1__scan_path_scalar
#define h1__scan_origin h1__scan_origin_scalar
#define h1__scan_line h1__scan_line_scalar
#endif
#define h1__scan_token h1__scan_token_scalar

#endif /* H1_SCAN_H */
