/*
 * feed.h -- the feeding harness of the parser unit tests.
 *
 * A case is data: an input, the parser settings and Node's event log for
 * it (produced by core/test/tools/probe.js, see its header for the log
 * grammar).  feed_check() runs the parser over the input one-shot, split in
 * two at every position, and byte by byte, with every piece copied to the
 * end of a readable region followed by an unreadable page, and asserts that
 * every run prints exactly the expected log.  A case in the Node profile
 * with no leniency is also run in the strict profile, which may reject more
 * but must never accept more or parse differently.
 */
#ifndef H1_TEST_FEED_H
#define H1_TEST_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "h1/h1.h"

struct feed_case {
  const char *name;
  const char *in; /* input bytes (may hold NUL) */
  size_t in_len;
  h1_type type;
  h1_method method; /* responses: the method of the request answered */
  h1_profile profile;
  uint32_t lenient;
  uint32_t max_header_size;  /* 0: Node's default 16384 */
  int64_t max_headers_count; /* for VIEW: Node's option; <0 unset, 0 none */
  int join;                  /* joinDuplicateHeaders */
  int view;                  /* print Node's headers object at HEAD/END */
  int strict_rejects;        /* strict profile must end in ERR */
  const char *expect;        /* Node's log */
  unsigned splits; /* 0: every split point; N: N evenly spaced points */
};

/* A guarded region: readable pages followed by a PROT_NONE page, mapped once
 * and reused for every piece of every run of a case.  feed_guard_place()
 * copies a piece so that it ends exactly at the unreadable page (any
 * over-read faults) and overwrites what is left of the previous piece with
 * a poison byte (a span kept into an earlier piece reads garbage). */
struct feed_guard {
  char *end;   /* the first byte of the unreadable page */
  size_t cap;  /* readable bytes before it */
  size_t last; /* length of the piece placed last */
};
void feed_guard_init(struct feed_guard *g, size_t cap);
const char *feed_guard_place(struct feed_guard *g, const char *src, size_t n);
void feed_guard_free(struct feed_guard *g);

/* What every run of a case reuses, set up once per case: the guarded
 * region (as long as the input) and the parser, its header slots and arena
 * (sized for the case's max_header_size, filled with poison once). */
struct feed_env {
  struct feed_guard guard;
  h1_parser *parser;
  struct h1_header *slots;
  size_t nslots;
  char *arena;
  size_t arena_cap;
};
void feed_env_init(struct feed_env *e, const struct feed_case *c);
void feed_env_free(struct feed_env *e);

/* The log of one run in `e` (set up for a case of at least len bytes).
 * cuts[0..ncuts) are increasing split offsets (0 < cut < len);
 * ncuts == (size_t)-1 means byte by byte.  Caller frees. */
char *feed_log(const struct feed_case *c, h1_profile profile,
               struct feed_env *e, const char *input, size_t len,
               const size_t *cuts, size_t ncuts);

/* Every run of the case; fails the current cmocka test on a mismatch. */
void feed_check(const struct feed_case *c);

/* Runs cases[0..n) as a cmocka group named `group`, one test per case. */
int feed_run_table(const char *group, const struct feed_case *cases, size_t n);

/* Appends the log rendering of bytes (quoted, escaped) to a growable
 * string; exposed for the view tests. */
struct feed_str {
  char *s;
  size_t len, cap;
};
void feed_str_add(struct feed_str *b, const char *s, size_t n);
void feed_str_cstr(struct feed_str *b, const char *s);
void feed_str_quote(struct feed_str *b, const char *s, size_t n);

/* Appends " VIEW raw=N {...}": Node's rawHeaders count and headers object
 * for lines[0..n), computed with h1_node_header_counts() and
 * h1_view_build(). */
void feed_view(struct feed_str *b, const struct h1_header *lines, size_t n,
               int64_t max_headers_count, int trailers, int join);

/* A copy of `n` bytes at the very end of a readable mapping followed by a
 * PROT_NONE page; feed_unplace() releases it. */
char *feed_place(const char *src, size_t n);
void feed_unplace(char *p, size_t n);

#endif /* H1_TEST_FEED_H */
