/*
 * zero.h -- clearing a structure of a few hundred bytes (the parser at
 * init and reset, once per request in a server).  Compilers expand a
 * memset of a known size above 256 bytes into `rep stos`, whose start-up
 * costs more than the clearing itself on current x86 cores (h1_parser_init
 * spent about 60 cycles there, more than the rest of a 37-byte request's
 * parse).  Plain 16-byte stores instead, with an empty asm statement in
 * the loop so that the compiler cannot turn it back into a memset; elsewhere
 * memset.
 */
#ifndef H1_ZERO_H
#define H1_ZERO_H

#include <stddef.h>
#include <string.h>

#include "scan.h"

static inline void h1__zero(void *dst, size_t n) {
#ifdef H1__HAVE_SSE2
  unsigned char *d = (unsigned char *)dst;
  const __m128i z = _mm_setzero_si128();
  size_t i;
  for (i = 0; i + 64 <= n; i += 64) {
    _mm_storeu_si128((__m128i *)(void *)(d + i), z);
    _mm_storeu_si128((__m128i *)(void *)(d + i + 16), z);
    _mm_storeu_si128((__m128i *)(void *)(d + i + 32), z);
    _mm_storeu_si128((__m128i *)(void *)(d + i + 48), z);
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : : "r"(d + i) : "memory");
#endif
  }
  for (; i + 16 <= n; i += 16)
    _mm_storeu_si128((__m128i *)(void *)(d + i), z);
  if (i < n)
    memset(d + i, 0, n - i);
#else
  memset(dst, 0, n);
#endif
}

#endif /* H1_ZERO_H */
