/*
 * query.c -- the header-store queries of `h1 write` (see query.h).
 */
#include "query.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A stored value: its first slot is `line`. */
static void put_value(struct buf *out, const struct h1_wline *line) {
  uint32_t i;
  if (!(line->flags & H1_WV_LIST)) {
    json_str(out, line->value.ptr, line->value.len);
    return;
  }
  buf_puts(out, "[");
  for (i = 0; i < line->nvalues; i++) {
    if (i)
      buf_puts(out, ", ");
    json_str(out, line[i].value.ptr, line[i].value.len);
  }
  buf_puts(out, "]");
}

/* A name, lower-cased when `lower`. */
static void put_name(struct buf *out, struct h1_span name, int lower) {
  char *tmp;
  if (!lower) {
    json_str(out, name.ptr, name.len);
    return;
  }
  tmp = malloc(name.len ? name.len : 1);
  if (tmp == NULL)
    cli_out_of_memory();
  h1_lower(tmp, name.ptr, name.len);
  json_str(out, tmp, name.len);
  free(tmp);
}

/* getHeaderNames, getRawHeaderNames (`raw`), getHeaders (`values`). */
static void put_names(struct buf *out, const h1_writer *w, int raw,
                      int values) {
  const struct h1_wline *line;
  size_t i;
  buf_puts(out, values ? "{" : "[");
  for (i = 0; (line = h1_writer_header_at(w, i)) != NULL; i++) {
    if (i)
      buf_puts(out, ", ");
    put_name(out, line->name, !raw);
    if (values) {
      buf_puts(out, ": ");
      put_value(out, line);
    }
  }
  buf_puts(out, values ? "}" : "]");
}

int query_result(const h1_writer *w, const char *op, struct h1_span name,
                 struct buf *out) {
  if (strcmp(op, "getHeader") == 0) {
    const struct h1_wline *line = h1_writer_get_header(w, name);
    if (line == NULL)
      buf_puts(out, "null");
    else
      put_value(out, line);
  } else if (strcmp(op, "hasHeader") == 0) {
    buf_puts(out, h1_writer_has_header(w, name) ? "true" : "false");
  } else if (strcmp(op, "getHeaderNames") == 0) {
    put_names(out, w, 0, 0);
  } else if (strcmp(op, "getRawHeaderNames") == 0) {
    put_names(out, w, 1, 0);
  } else if (strcmp(op, "getHeaders") == 0) {
    put_names(out, w, 0, 1);
  } else {
    return 0;
  }
  return 1;
}
