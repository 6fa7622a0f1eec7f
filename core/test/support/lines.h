/*
 * lines.h -- reading the test data files line by line (case_file.c,
 * view_data.c): lines of any length, errors reported as "path:line: why".
 */
#ifndef H1_TEST_LINES_H
#define H1_TEST_LINES_H

#include <stdio.h>

#include "feed.h"

struct lines {
  const char *path;
  FILE *f;
  unsigned line; /* number of the line last read */
  struct feed_str buf;
};

/* Opens `path`, calls read(r, ctx) and closes: 0, or -1 if opening, read
 * or reading failed (reported). */
int lines_load(const char *path, int (*read)(struct lines *r, void *ctx),
               void *ctx);

/* The next line without its newline (valid until the next call), or NULL at
 * the end of the file. */
const char *lines_next(struct lines *r);

/* Prints "path:line: why[: what]" on stderr and returns -1. */
int lines_fail(const struct lines *r, const char *why, const char *what);

/* A decimal number that is the whole of `v`, at most max; 0 or -1. */
int lines_number(const char *v, unsigned long long max,
                 unsigned long long *out);

/* A heap copy of s; aborts when out of memory. */
char *lines_dup(const char *s);

#endif /* H1_TEST_LINES_H */
