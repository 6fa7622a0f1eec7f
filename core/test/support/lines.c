/*
 * lines.c -- reading the test data files line by line (see lines.h).
 */
#include "lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int lines_load(const char *path, int (*read)(struct lines *r, void *ctx),
               void *ctx) {
  struct lines r;
  memset(&r, 0, sizeof r);
  r.path = path;
  r.f = fopen(path, "rb");
  if (r.f == NULL) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return -1;
  }
  int rc = read(&r, ctx);
  if (ferror(r.f))
    rc = lines_fail(&r, "read error", NULL);
  fclose(r.f);
  free(r.buf.s);
  return rc;
}

const char *lines_next(struct lines *r) {
  int c;
  r->buf.len = 0;
  feed_str_add(&r->buf, "", 0);
  c = getc(r->f);
  if (c == EOF)
    return NULL;
  for (; c != EOF && c != '\n'; c = getc(r->f)) {
    char ch = (char)c;
    feed_str_add(&r->buf, &ch, 1);
  }
  r->line++;
  return r->buf.s;
}

int lines_fail(const struct lines *r, const char *why, const char *what) {
  fprintf(stderr, "%s:%u: %s%s%s\n", r->path, r->line, why, what ? ": " : "",
          what ? what : "");
  return -1;
}

int lines_number(const char *v, unsigned long long max,
                 unsigned long long *out) {
  char *after;
  if (*v < '0' || *v > '9')
    return -1;
  errno = 0;
  *out = strtoull(v, &after, 10);
  return *after != '\0' || errno != 0 || *out > max ? -1 : 0;
}

char *lines_dup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d == NULL)
    abort();
  memcpy(d, s, n);
  return d;
}
