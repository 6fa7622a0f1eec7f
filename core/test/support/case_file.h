/*
 * case_file.h -- reads a parser case file (core/test/data/<group>.cases).
 *
 * A case file is the data gen.js writes from cases.js and Node's answers:
 * blocks of "key value" lines, one block per case, blank lines and '#'
 * comments between them.  The format is described in core/test/README.md;
 * the reader is strict: an unknown key, a missing key, a malformed string
 * or a duplicate name is an error naming the file and line.
 */
#ifndef H1_TEST_CASE_FILE_H
#define H1_TEST_CASE_FILE_H

#include <stddef.h>

#include "feed.h"

struct case_file {
  struct feed_case *cases; /* cases[0..n), strings owned by the file */
  size_t n;
};

/* Loads `path`.  Returns 0, or -1 after printing "path:line: why" on
 * stderr (cf is then empty). */
int case_file_load(const char *path, struct case_file *cf);

void case_file_free(struct case_file *cf);

/* Decodes a quoted string in the log grammar (probe.js): escapes \" \\ \r
 * \n \t \xHH, and \{N} followed by one byte or escape for N copies of it.
 * `s` starts at the opening quote; on success *end points past the closing
 * quote.  Returns the bytes (NUL-terminated, caller frees) and their count
 * in *len, or NULL on a malformed string. */
char *case_file_unquote(const char *s, const char **end, size_t *len);

#endif /* H1_TEST_CASE_FILE_H */
