/*
 * feed.h -- the feeding harness of the parser unit tests.
 *
 * A case is data: an input, the parser settings and Node's event log for
 * it (produced by core/test/tools/probe.js, see its header for the log
 * grammar).  feed_check() runs the parser over the input one-shot, split in
 * two at every position, and byte by byte, with every piece copied to the
 * end of a fresh mapping followed by an unreadable page, and asserts that
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
  /* Optional: rep_n copies of rep_ch inserted at offset rep_at of `in`. */
  size_t rep_at;
  size_t rep_n;
  char rep_ch;
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
  /* Long inputs and logs as NULL-terminated lists of pieces (C11 only
   * guarantees 4095-byte literals); used when `in` / `expect` are NULL. */
  const char *const *in_parts;
  const char *const *expect_parts;
  unsigned splits; /* 0: every split point; N: N evenly spaced points */
};

/* Input helpers for designated initializers. */
#define FEED_IN(s) .in = (s), .in_len = sizeof(s) - 1

/* Builds the case's input (with the repetition).  Caller frees. */
char *feed_input(const struct feed_case *c, size_t *len);

/* The expected log (joined pieces).  Caller frees. */
char *feed_expect(const struct feed_case *c);

/* The log of one run.  cuts[0..ncuts) are increasing split offsets (0 < cut
 * < len); ncuts == (size_t)-1 means byte by byte.  Caller frees. */
char *feed_log(const struct feed_case *c, h1_profile profile, const char *input,
               size_t len, const size_t *cuts, size_t ncuts);

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
