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

/* Node's matchKnownFields: set-cookie is a list, cookie joins with "; ",
 * the 18 names below keep their first value, every other name joins with
 * ", ".  Switched on the length, so that a name is compared with at most
 * three candidates. */
static int h1__is(struct h1_span name, const char *lower) {
  return h1_span_ieq(name, lower, name.len);
}

h1_merge_rule h1_merge_rule_of(struct h1_span name) {
  int discard;
  switch (name.len) {
  case 3:
    discard = h1__is(name, "age");
    break;
  case 4:
    discard =
        h1__is(name, "etag") || h1__is(name, "from") || h1__is(name, "host");
    break;
  case 6:
    if (h1__is(name, "cookie"))
      return H1_MERGE_JOIN_SEMI;
    discard = h1__is(name, "server");
    break;
  case 7:
    discard = h1__is(name, "expires") || h1__is(name, "referer");
    break;
  case 8:
    discard = h1__is(name, "location");
    break;
  case 10:
    if (h1__is(name, "set-cookie"))
      return H1_MERGE_LIST;
    discard = h1__is(name, "user-agent");
    break;
  case 11:
    discard = h1__is(name, "retry-after");
    break;
  case 12:
    discard = h1__is(name, "content-type") || h1__is(name, "max-forwards");
    break;
  case 13:
    discard = h1__is(name, "authorization") || h1__is(name, "last-modified");
    break;
  case 14:
    discard = h1__is(name, "content-length");
    break;
  case 17:
    discard = h1__is(name, "if-modified-since");
    break;
  case 19:
    discard = h1__is(name, "if-unmodified-since") ||
              h1__is(name, "proxy-authorization");
    break;
  default:
    discard = 0;
  }
  return discard ? H1_MERGE_DISCARD : H1_MERGE_JOIN_COMMA;
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

/* Node's plain-object `headers` loses a key named __proto__. */
static int h1__is_proto(struct h1_span name) {
  return name.len == 9 && h1_span_ieq(name, "__proto__", 9);
}

static int h1__joins(h1_merge_rule rule) {
  return rule == H1_MERGE_JOIN_COMMA || rule == H1_MERGE_JOIN_SEMI;
}

static h1_merge_rule h1__view_rule(struct h1_span name,
                                   int join_duplicate_headers) {
  h1_merge_rule rule = h1_merge_rule_of(name);
  return rule == H1_MERGE_DISCARD && join_duplicate_headers
             ? H1_MERGE_JOIN_COMMA
             : rule;
}

/* Keys are found through a hash of the lower-cased name: a table of chain
 * heads on the stack, the chain itself through the entries, so that the
 * view is linear in the number of lines.  While the view is being built an
 * entry's joined.ptr links to the next entry of its chain; it gets its real
 * value last. */
#define H1__VIEW_BUCKETS 1024u

static unsigned h1__view_hash(struct h1_span name, unsigned mask) {
  uint32_t h = (uint32_t)name.len;
  size_t i;
  for (i = 0; i < name.len; i++)
    h = h * 31u +
        ((unsigned char)name.ptr[i] | 0x20u); /* equal for equal names */
  /* mixed, so that names differing in their last byte spread out */
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  return (unsigned)h & mask;
}

/* The exact bytes h1_view_build needs when the caller's entries ran out,
 * with no entry storage: an open hash (twice the chain table's size) of
 * each key's first line, so that a line finds whether its name came before
 * in a few probes.  Linear up to H1__VIEW_BUCKETS distinct keys (Node
 * merges at most 1,000 lines by default); past that, a line whose name is
 * not among them compares with the lines before it. */
#define H1__NEED_SLOTS (2u * H1__VIEW_BUCKETS)

static size_t h1__view_need(const struct h1_header *lines, size_t n,
                            int join_duplicate_headers) {
  uint32_t table[H1__NEED_SLOTS]; /* 1 + a key's first line, or 0 */
  const unsigned mask = H1__NEED_SLOTS - 1u;
  size_t i, j, need = 0, held = 0;
  memset(table, 0, sizeof table);
  for (i = 0; i < n; i++) {
    const struct h1_header *h = &lines[i];
    unsigned b, probes;
    int seen = 0;
    h1_merge_rule rule;
    if (h1__is_proto(h->name))
      continue;
    b = h1__view_hash(h->name, mask);
    for (probes = 0; probes < H1__NEED_SLOTS && table[b] != 0; probes++) {
      if (h1__ieq(lines[table[b] - 1].name, h->name)) {
        seen = 1;
        break;
      }
      b = (b + 1u) & mask;
    }
    if (!seen && held == H1__VIEW_BUCKETS) {
      for (j = 0; j < i && !seen; j++)
        seen = h1__ieq(lines[j].name, h->name);
    }
    if (!seen && held < H1__VIEW_BUCKETS) {
      table[b] = (uint32_t)(i + 1);
      held++;
    }
    rule = h1__view_rule(h->name, join_duplicate_headers);
    if (!seen)
      need += h->name.len;
    if (h1__joins(rule))
      need += h1_trim_value(h->value).len + (seen ? 2 : 0);
  }
  return need;
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

size_t h1_view_build(const struct h1_header *lines, size_t n,
                     int join_duplicate_headers, struct h1_view_entry *entries,
                     size_t max_entries, char *buf, size_t buf_len,
                     size_t *buf_needed) {
  uint32_t head[H1__VIEW_BUCKETS]; /* 1 + the chain's first entry, or 0 */
  size_t i, j, nkeys = 0, need = 0, off = 0;
  size_t merged_from = n; /* first line of a key joined from several */
  unsigned mask = 15u;    /* chains - 1 */

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
    if (h1__is_proto(h->name))
      continue;
    b = h1__view_hash(h->name, mask);
    e = h1__view_find(entries, head[b], h->name);
    if (e == NULL) {
      if (nkeys == max_entries) {
        /* entries ran out: the exact size is computed apart */
        *buf_needed = h1__view_need(lines, n, join_duplicate_headers);
        return (size_t)-1;
      }
      e = &entries[nkeys++];
      e->rule = h1__view_rule(h->name, join_duplicate_headers);
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
      if (e->count == 1 && e->first < merged_from)
        merged_from = e->first;
    }
    e->count++;
  }
  *buf_needed = need;
  if (need > buf_len)
    return (size_t)-1;

  /* Pass 2: lower-cased keys, each followed by its joined value; a value
   * from one line is copied here, one joined from several lines (only
   * those need their lines found again) is filled below. */
  for (j = 0; j < nkeys; j++) {
    struct h1_view_entry *e = &entries[j];
    char *k = buf + off;
    h1_lower(k, e->key.ptr, e->key.len);
    e->key.ptr = k;
    off += e->key.len;
    if (!h1__joins(e->rule))
      continue;
    off += e->joined.len;
    if (e->count == 1) {
      struct h1_span v = h1_trim_value(lines[e->first].value);
      if (v.len != 0)
        memcpy(k + e->key.len, v.ptr, v.len);
    } else {
      e->joined.len = 0; /* a cursor while filling */
    }
  }
  for (i = merged_from; i < n; i++) {
    const struct h1_header *h = &lines[i];
    struct h1_view_entry *e;
    struct h1_span v;
    char *w;
    if (h1__is_proto(h->name))
      continue;
    e = h1__view_find(entries, head[h1__view_hash(h->name, mask)], h->name);
    if (!h1__joins(e->rule) || e->count == 1)
      continue;
    v = h1_trim_value(h->value);
    w = (char *)e->key.ptr + e->key.len + e->joined.len;
    if (i != e->first) {
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
