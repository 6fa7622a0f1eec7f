/*
 * text.h -- the engine's private text helpers: ASCII case-insensitive
 * compares, the token (tchar) check, JavaScript "whole word" matches and
 * JavaScript's integer property keys.  Parser, view and writer share these;
 * nothing else in core/src compares text its own way.
 *
 * Every compare lower-cases ASCII letters only (the safe tolower of
 * CVE-2020-8201): no other byte ever matches a different one.
 */
#ifndef H1_TEXT_H
#define H1_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "h1/h1.h"
#include "tables.h"

/* Length of a NUL-terminated string (the engine may not call strlen). */
size_t h1__cstrlen(const char *s);

/* A span over a NUL-terminated string. */
struct h1_span h1__lit(const char *s);

/* a and b are equal, ASCII letters compared case-insensitively. */
int h1__ieq(struct h1_span a, struct h1_span b);

/* head + tail (one name split across two pieces) equals `lower` (n bytes,
 * lower-case), case-insensitively.  Inline: the parser's head loop keeps
 * its registers when the compiler sees this whole. */
static inline int h1__ieq_split(struct h1_span head, struct h1_span tail,
                                const char *lower, size_t n) {
  size_t i;
  if (head.len + tail.len != n)
    return 0;
  for (i = 0; i < n; i++) {
    unsigned char c =
        (unsigned char)(i < head.len ? head.ptr[i] : tail.ptr[i - head.len]);
    if (H1__LOWER(c) != (unsigned char)lower[i])
      return 0;
  }
  return 1;
}

/* JavaScript's \w without the u flag: ASCII letters, digits and '_'. */
int h1__word_char(unsigned char c);

/* /(?:^|\W)WORD(?:$|\W)/i on v, WORD being `lower` (n bytes, lower-case):
 * Node's tests for close, chunked and 100-continue in a header value. */
int h1__has_word(struct h1_span v, const char *lower, size_t n);

/* A canonical array index ("0", "17"; not "017", not 4294967295):
 * JavaScript orders such object keys first, ascending.  Sets *v. */
int h1__int_key(struct h1_span k, uint32_t *v);

#endif /* H1_TEXT_H */
