/*
 * view.c -- Node's IncomingMessage view (headers, rawHeaders selection)
 * computed from the parser's spans, in caller memory.
 *
 * The rules are those of Node 20's lib/_http_incoming.js (matchKnownFields,
 * _addHeaderLine) and lib/_http_common.js (parserOnHeaders), which decide
 * how duplicates merge and how many lines reach JavaScript.
 */
#include "h1/h1.h"

#include <string.h>

#include "text.h"

/* The 18 names whose duplicates Node discards (the first value wins). */
static const struct {
  const char *name;
  size_t len;
} h1__discard[] = {
    {"age", 3},
    {"authorization", 13},
    {"content-length", 14},
    {"content-type", 12},
    {"etag", 4},
    {"expires", 7},
    {"from", 4},
    {"host", 4},
    {"if-modified-since", 17},
    {"if-unmodified-since", 19},
    {"last-modified", 13},
    {"location", 8},
    {"max-forwards", 12},
    {"proxy-authorization", 19},
    {"referer", 7},
    {"retry-after", 11},
    {"server", 6},
    {"user-agent", 10},
};

h1_merge_rule h1_merge_rule_of(struct h1_span name) {
  size_t i;
  if (h1_span_ieq(name, "set-cookie", 10))
    return H1_MERGE_LIST;
  if (h1_span_ieq(name, "cookie", 6))
    return H1_MERGE_JOIN_SEMI;
  for (i = 0; i < sizeof(h1__discard) / sizeof(h1__discard[0]); i++) {
    if (h1_span_ieq(name, h1__discard[i].name, h1__discard[i].len))
      return H1_MERGE_DISCARD;
  }
  return H1_MERGE_JOIN_COMMA;
}

void h1_node_header_counts(size_t n, int64_t max_headers_count, int trailers,
                           size_t *raw_count, size_t *merge_count) {
  /* parser.maxHeaderPairs: entries, two per line */
  int64_t max_header_pairs = max_headers_count < 0
                                 ? H1_NODE_DEFAULT_HEADER_PAIRS
                                 : (int64_t)(int32_t)(max_headers_count * 2);
  size_t raw;
  if (!trailers && n <= 31) {
    /* no flush: all lines arrive with onHeadersComplete */
    raw = n;
  } else {
    size_t left = n, batch;
    raw = 0;
    while (left > 0) {
      batch = left > 31 ? 31 : left;
      if (max_header_pairs <= 0 || (int64_t)(2 * raw) < max_header_pairs)
        raw += batch;
      left -= batch;
    }
  }
  *raw_count = raw;
  if (trailers || max_header_pairs <= 0 || (int64_t)raw * 2 <= max_header_pairs)
    *merge_count = raw;
  else
    *merge_count = (size_t)(max_header_pairs / 2);
}

/* The exact bytes h1_view_build needs, without entry storage: a line whose
 * name appeared before adds to that key (quadratic; only used when the
 * caller's entries ran out). */
static size_t h1__view_need(const struct h1_header *lines, size_t n,
                            int join_duplicate_headers) {
  size_t i, j, need = 0;
  for (i = 0; i < n; i++) {
    const struct h1_header *h = &lines[i];
    int seen = 0;
    h1_merge_rule rule;
    if (h1_span_ieq(h->name, "__proto__", 9))
      continue;
    for (j = 0; j < i && !seen; j++)
      seen = h1__ieq(lines[j].name, h->name);
    rule = h1_merge_rule_of(h->name);
    if (rule == H1_MERGE_DISCARD && join_duplicate_headers)
      rule = H1_MERGE_JOIN_COMMA;
    if (!seen)
      need += h->name.len;
    if (rule == H1_MERGE_JOIN_COMMA || rule == H1_MERGE_JOIN_SEMI)
      need += h1_trim_value(h->value).len + (seen ? 2 : 0);
  }
  return need;
}

size_t h1_view_build(const struct h1_header *lines, size_t n,
                     int join_duplicate_headers, struct h1_view_entry *entries,
                     size_t max_entries, char *buf, size_t buf_len,
                     size_t *buf_needed) {
  size_t i, j, nkeys = 0, need = 0, off = 0;
  int fits = 1;

  /* Pass 1: keys in first-appearance order and the bytes each needs. */
  for (i = 0; i < n; i++) {
    const struct h1_header *h = &lines[i];
    struct h1_span v = h1_trim_value(h->value);
    if (h1_span_ieq(h->name, "__proto__", 9))
      continue;
    for (j = 0; j < nkeys && fits; j++) {
      if (h1__ieq(entries[j].key, h->name))
        break;
    }
    if (!fits)
      break; /* entries ran out: the exact size is computed below */
    if (j == nkeys) {
      h1_merge_rule rule = h1_merge_rule_of(h->name);
      if (rule == H1_MERGE_DISCARD && join_duplicate_headers)
        rule = H1_MERGE_JOIN_COMMA;
      if (nkeys == max_entries) {
        fits = 0;
        break;
      }
      entries[j].rule = rule;
      entries[j].first = i;
      entries[j].count = 0;
      entries[j].joined.len = 0;
      /* the key is laid out later; remember the name for comparisons */
      entries[j].key.ptr = h->name.ptr;
      entries[j].key.len = h->name.len;
      nkeys++;
      need += h->name.len;
    }
    if (entries[j].rule == H1_MERGE_JOIN_COMMA ||
        entries[j].rule == H1_MERGE_JOIN_SEMI) {
      size_t add = v.len + (entries[j].count ? 2 : 0);
      entries[j].joined.len += add;
      need += add;
    }
    entries[j].count++;
  }
  if (!fits)
    need = h1__view_need(lines, n, join_duplicate_headers);
  *buf_needed = need;
  if (!fits || need > buf_len)
    return (size_t)-1;

  /* Pass 2: lay out lower-cased keys and joined values. */
  for (j = 0; j < nkeys; j++) {
    struct h1_view_entry *e = &entries[j];
    char *k = buf + off;
    h1_lower(k, e->key.ptr, e->key.len);
    e->key.ptr = k;
    off += e->key.len;
    if (e->rule == H1_MERGE_JOIN_COMMA || e->rule == H1_MERGE_JOIN_SEMI) {
      e->joined.ptr = buf + off;
      off += e->joined.len;
      e->joined.len = 0; /* a cursor while filling */
    } else {
      e->joined = h1_trim_value(lines[e->first].value);
    }
  }
  for (i = 0; i < n; i++) {
    const struct h1_header *h = &lines[i];
    struct h1_view_entry *e = NULL;
    struct h1_span v;
    char *w;
    if (h1_span_ieq(h->name, "__proto__", 9))
      continue;
    for (j = 0; j < nkeys; j++) {
      if (h1__ieq(entries[j].key, h->name)) {
        e = &entries[j];
        break;
      }
    }
    if (e == NULL ||
        (e->rule != H1_MERGE_JOIN_COMMA && e->rule != H1_MERGE_JOIN_SEMI))
      continue;
    v = h1_trim_value(h->value);
    w = (char *)e->joined.ptr + e->joined.len;
    if (e->joined.len != 0 || i != e->first) {
      w[0] = e->rule == H1_MERGE_JOIN_SEMI ? ';' : ',';
      w[1] = ' ';
      w += 2;
      e->joined.len += 2;
    }
    if (v.len != 0)
      memcpy(w, v.ptr, v.len);
    e->joined.len += v.len;
  }
  return nkeys;
}
