/*
 * json.h -- a growable output buffer and JSON string writing for the h1
 * CLI.  The harness may allocate; the engine never does.
 */
#ifndef H1_CLI_JSON_H
#define H1_CLI_JSON_H

#include <stddef.h>

struct buf {
  char *ptr;
  size_t len;
  size_t cap;
};

void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...);
void buf_free(struct buf *b);

/* A JSON string holding bytes as latin1 characters (one byte, one char). */
void json_str(struct buf *b, const char *s, size_t n);

/* Base64 (RFC 4648, with padding) of n bytes, appended to b. */
void buf_base64(struct buf *b, const void *s, size_t n);

/* A JSON string of UTF-8 text: bytes >= 0x80 kept as they are. */
void json_utf8(struct buf *b, const char *s, size_t n);

/* Node's views of header lines (parse.c): `headers` (an object merged by
 * Node's rules; join: joinDuplicateHeaders) and `rawHeaders` (a list). */
struct h1_header;
void emit_headers(struct buf *o, const struct h1_header *lines, size_t n,
                  int join);
void emit_raw(struct buf *o, const struct h1_header *lines, size_t n);

#endif
