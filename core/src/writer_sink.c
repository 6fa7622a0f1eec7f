/*
 * writer_sink.c -- text appended to caller memory, counted when it does not
 * fit (one routine measures and writes).
 */
#include "writer_int.h"

#include <string.h>

void h1__put(struct h1__sink *s, const char *d, size_t n) {
  if (n != 0 && s->p != NULL && s->len + n <= s->cap)
    memcpy(s->p + s->len, d, n);
  s->len += n;
}

void h1__puts(struct h1__sink *s, const char *d) {
  h1__put(s, d, h1__cstrlen(d));
}

void h1__putsp(struct h1__sink *s, struct h1_span sp) {
  h1__put(s, sp.ptr, sp.len);
}

/* Decimal of a signed number. */
void h1__putnum(struct h1__sink *s, int64_t v) {
  char tmp[24];
  size_t i = sizeof(tmp);
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0)
    tmp[--i] = '-';
  h1__put(s, tmp + i, sizeof(tmp) - i);
}
