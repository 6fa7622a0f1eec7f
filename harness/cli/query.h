/*
 * query.h -- `h1 write`'s header-store queries (getHeader, hasHeader,
 * getHeaderNames, getRawHeaderNames, getHeaders) and their results as
 * JSON, in the form harness/oracle/node-writer.js records Node's.
 */
#ifndef H1_CLI_QUERY_H
#define H1_CLI_QUERY_H

#include "h1/h1_write.h"
#include "json.h"

/*
 * When `op` is a query, appends its result to `out` as JSON and returns 1;
 * returns 0 for any other op.  `name` is getHeader's and hasHeader's
 * argument.  A header value is a string, or an array of strings when it
 * was set as an array; getHeader of a missing header is null; getHeaders is
 * an object keyed by lower-cased name, in Node's order.
 */
int query_result(const h1_writer *w, const char *op, struct h1_span name,
                 struct buf *out);

#endif
