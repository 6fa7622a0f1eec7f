/*
 * text.c -- the engine's private text helpers (text.h) and the public ones
 * built on them (h1_span_ieq, h1_is_token, h1_has_invalid_header_char).
 */
#include "text.h"

#include <string.h>

#include "h1/h1_write.h"
#include "tables.h"

/* memchr reads as if byte by byte and stops at the match (C11 7.24.5.1),
 * so no byte past the NUL is read; a plain loop would be compiled into a
 * call to strlen, which the engine may not reference. */
size_t h1__cstrlen(const char *s) {
  const char *e;
  size_t n = 0;
  while ((e = memchr(s + n, '\0', 4096)) == NULL)
    n += 4096;
  return (size_t)(e - s);
}

struct h1_span h1__lit(const char *s) {
  struct h1_span sp;
  sp.ptr = s;
  sp.len = h1__cstrlen(s);
  return sp;
}

int h1__ieq(struct h1_span a, struct h1_span b) {
  size_t i;
  if (a.len != b.len)
    return 0;
  for (i = 0; i < a.len; i++) {
    if (H1__LOWER((unsigned char)a.ptr[i]) !=
        H1__LOWER((unsigned char)b.ptr[i]))
      return 0;
  }
  return 1;
}

int h1_span_ieq(struct h1_span s, const char *lower, size_t n) {
  size_t i;
  if (s.len != n)
    return 0;
  for (i = 0; i < n; i++) {
    if (H1__LOWER((unsigned char)s.ptr[i]) != (unsigned char)lower[i])
      return 0;
  }
  return 1;
}

int h1__word_char(unsigned char c) {
  return H1__IS_ALPHA(c) || H1__IS_DIGIT(c) || c == '_';
}

int h1__has_word(struct h1_span v, const char *lower, size_t n) {
  size_t i;
  for (i = 0; i + n <= v.len; i++) {
    struct h1_span w;
    if (i > 0 && h1__word_char((unsigned char)v.ptr[i - 1]))
      continue;
    if (i + n < v.len && h1__word_char((unsigned char)v.ptr[i + n]))
      continue;
    w.ptr = v.ptr + i;
    w.len = n;
    if (h1_span_ieq(w, lower, n))
      return 1;
  }
  return 0;
}

int h1__int_key(struct h1_span k, uint32_t *v) {
  size_t i;
  uint64_t x = 0;
  if (k.len == 0 || k.len > 10 || (k.len > 1 && k.ptr[0] == '0'))
    return 0;
  for (i = 0; i < k.len; i++) {
    if (!H1__IS_DIGIT(k.ptr[i]))
      return 0;
    x = x * 10 + (uint64_t)(k.ptr[i] - '0');
  }
  if (x > 4294967294u)
    return 0;
  *v = (uint32_t)x;
  return 1;
}

int h1_is_token(struct h1_span s) {
  size_t i;
  if (s.len == 0)
    return 0;
  for (i = 0; i < s.len; i++) {
    if (!(h1__cls[(unsigned char)s.ptr[i]] & H1__C_TOKEN))
      return 0;
  }
  return 1;
}

int h1_has_invalid_header_char(struct h1_span s) {
  size_t i;
  for (i = 0; i < s.len; i++) {
    if (!(h1__cls[(unsigned char)s.ptr[i]] & H1__C_HEADER))
      return 1;
  }
  return 0;
}
