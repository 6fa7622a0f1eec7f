/*
 * view.c -- Node's IncomingMessage view (headers, rawHeaders selection)
 * computed from the parser's spans, in caller memory.
 *
 * The rules are those of Node 20's lib/_http_incoming.js (matchKnownFields,
 * _addHeaderLine) and lib/_http_common.js (parserOnHeaders), which decide
 * how duplicates merge and how many lines reach JavaScript.
 */
#include "h1/h1.h"

#include <stdint.h>
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
 * name appeared before adds to that key (quadratic in distinct keys: only
 * used when the caller's entries ran out, to say how much they must hold). */
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

/* Keys are found through a hash of the lower-cased name: a table of chain
 * heads on the stack, the chain itself through the entries, so that the
 * view is linear in the number of lines.  While the view is being built an
 * entry's joined.ptr links to the next entry of its chain; it gets its real
 * value last. */
#define H1__VIEW_BUCKETS 1024u

static unsigned h1__view_hash(struct h1_span name, unsigned mask) {
  unsigned h = (unsigned)name.len;
  size_t i;
  for (i = 0; i < name.len; i++)
    h = h * 31u +
        ((unsigned char)name.ptr[i] | 0x20u); /* equal for equal names */
  return h & mask;
}

static struct h1_view_entry *h1__view_next(const struct h1_view_entry *e) {
  return (struct h1_view_entry *)(uintptr_t)e->joined.ptr;
}

/* The entry whose key is `name` in the chain from entries[head - 1], or
 * NULL. */
static struct h1_view_entry *h1__view_find(struct h1_view_entry *entries,
                                           uint32_t head, struct h1_span name) {
  struct h1_view_entry *e = head ? &entries[head - 1] : NULL;
  while (e != NULL && !h1__ieq(e->key, name))
    e = h1__view_next(e);
  return e;
}

static int h1__joins(h1_merge_rule rule) {
  return rule == H1_MERGE_JOIN_COMMA || rule == H1_MERGE_JOIN_SEMI;
}

size_t h1_view_build(const struct h1_header *lines, size_t n,
                     int join_duplicate_headers, struct h1_view_entry *entries,
                     size_t max_entries, char *buf, size_t buf_len,
                     size_t *buf_needed) {
  uint32_t head[H1__VIEW_BUCKETS]; /* 1 + the chain's first entry, or 0 */
  size_t i, j, nkeys = 0, need = 0, off = 0;
  unsigned mask = 15u; /* chains - 1 */

  /* as many chains as lines up to the table's size: a short head clears
   * little */
  while (mask + 1u < H1__VIEW_BUCKETS && mask + 1u < n)
    mask = mask * 2u + 1u;
  memset(head, 0, (mask + 1u) * sizeof(head[0]));
  /* Pass 1: keys in first-appearance order and the bytes each needs. */
  for (i = 0; i < n; i++) {
    const struct h1_header *h = &lines[i];
    struct h1_view_entry *e;
    unsigned b;
    if (h1_span_ieq(h->name, "__proto__", 9))
      continue;
    b = h1__view_hash(h->name, mask);
    e = h1__view_find(entries, head[b], h->name);
    if (e == NULL) {
      h1_merge_rule rule = h1_merge_rule_of(h->name);
      if (rule == H1_MERGE_DISCARD && join_duplicate_headers)
        rule = H1_MERGE_JOIN_COMMA;
      if (nkeys == max_entries) {
        /* entries ran out: the exact size is computed apart */
        *buf_needed = h1__view_need(lines, n, join_duplicate_headers);
        return (size_t)-1;
      }
      e = &entries[nkeys++];
      e->rule = rule;
      e->first = i;
      e->count = 0;
      e->joined.len = 0;
      e->joined.ptr = head[b] ? (const char *)&entries[head[b] - 1] : NULL;
      head[b] = (uint32_t)nkeys;
      /* the key is laid out later; remember the name for comparisons */
      e->key = h->name;
      need += h->name.len;
    }
    if (h1__joins(e->rule)) {
      size_t add = h1_trim_value(h->value).len + (e->count ? 2 : 0);
      e->joined.len += add;
      need += add;
    }
    e->count++;
  }
  *buf_needed = need;
  if (need > buf_len)
    return (size_t)-1;

  /* Pass 2: lower-cased keys, each followed by its joined value. */
  for (j = 0; j < nkeys; j++) {
    struct h1_view_entry *e = &entries[j];
    char *k = buf + off;
    h1_lower(k, e->key.ptr, e->key.len);
    e->key.ptr = k;
    off += e->key.len + (h1__joins(e->rule) ? e->joined.len : 0);
    e->joined.len = 0; /* a cursor while filling */
  }
  for (i = 0; i < n; i++) {
    const struct h1_header *h = &lines[i];
    struct h1_view_entry *e;
    struct h1_span v;
    char *w;
    if (h1_span_ieq(h->name, "__proto__", 9))
      continue;
    e = h1__view_find(entries, head[h1__view_hash(h->name, mask)], h->name);
    if (!h1__joins(e->rule))
      continue;
    v = h1_trim_value(h->value);
    w = (char *)e->key.ptr + e->key.len + e->joined.len;
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
  /* Last: the chains give way to the values. */
  for (j = 0; j < nkeys; j++) {
    struct h1_view_entry *e = &entries[j];
    if (h1__joins(e->rule))
      e->joined.ptr = e->key.ptr + e->key.len;
    else
      e->joined = h1_trim_value(lines[e->first].value);
  }
  return nkeys;
}
