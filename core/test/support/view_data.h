/*
 * view_data.h -- Node's answers for test_view.c, read from
 * core/test/data/view.data (written by core/test/tools/gen.js).
 *
 * The file holds lines of three kinds, '#' comments and blank lines aside:
 *   rule "NAME" list|discard|semi|comma
 *       the merge rule IncomingMessage applies to a header name;
 *   count N MHC TRAILERS RAW MERGE
 *       for N header lines, maxHeadersCount MHC (-1: unset) and trailers
 *       (0 or 1): how many lines rawHeaders holds and how many are merged;
 *   merge NAME JOIN, then `line "name" "value"` per header line, then
 *   `expect VIEW raw=N {...}`
 *       the headers object Node builds from those lines (JOIN: 0 or 1,
 *       joinDuplicateHeaders), rendered as the feeding harness's VIEW.
 * Strings are quoted in the event log's grammar (case_file_unquote).
 */
#ifndef H1_TEST_VIEW_DATA_H
#define H1_TEST_VIEW_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "h1/h1.h"

struct view_rule_case {
  const char *name;
  h1_merge_rule rule;
};

struct view_count_case {
  size_t n;
  int64_t max_headers_count; /* -1: Node's option unset */
  int trailers;
  size_t raw, merge;
};

struct view_merge_case {
  const char *name;
  int join;
  size_t n;           /* lines */
  const char **flat;  /* name, value, name, value, ... */
  const char *expect; /* " VIEW raw=N {...}" with no count limit */
};

struct view_data {
  struct view_rule_case *rules;
  size_t n_rules;
  struct view_count_case *counts;
  size_t n_counts;
  struct view_merge_case *merges;
  size_t n_merges;
};

/* Loads `path`.  Returns 0, or -1 after printing "path:line: why" on
 * stderr. */
int view_data_load(const char *path, struct view_data *vd);

void view_data_free(struct view_data *vd);

#endif /* H1_TEST_VIEW_DATA_H */
