/*
 * collect.c -- the span collection the callback parsers' runners share:
 * each callback records its span, so that llhttp and http-parser end a head
 * holding what h1 and picohttpparser return (bench.h).
 */
#include "bench.h"

void collect_start(struct collect *c, struct tally *t) {
  c->t = t;
  c->lines = 0;
  c->target_len = 0;
}

void collect_target(struct collect *c, const char *at, size_t n) {
  c->target = at;
  c->target_len = n;
}

void collect_name(struct collect *c, const char *at, size_t n) {
  if (c->lines == sizeof c->name / sizeof c->name[0])
    return; /* the count then disagrees with h1's: bench.c stops */
  c->name[c->lines].ptr = at;
  c->name[c->lines].len = n;
  c->value[c->lines].ptr = at + n;
  c->value[c->lines].len = 0;
  c->lines++;
}

void collect_value(struct collect *c, const char *at, size_t n) {
  if (c->lines == 0)
    return;
  c->value[c->lines - 1].ptr = at;
  c->value[c->lines - 1].len = n;
}

void collect_head(struct collect *c) {
  size_t k;
  c->t->spans += c->target_len;
  for (k = 0; k < c->lines; k++)
    BENCH_LINE(c->t, c->name[k].len, c->value[k].len);
  c->lines = 0;
  c->target_len = 0;
}
