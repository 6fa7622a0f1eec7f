/*
 * fz.h -- what the fuzz targets share: the option bytes that lead every
 * input, a run of the parser over pieces of an input, and the canonical
 * event log two runs are compared by.
 *
 * Header-only (static functions) so that each target stays one translation
 * unit plus this file, whichever way it is built (libFuzzer, AFL++, replay).
 *
 * Input layout (every target):
 *
 *   byte 0     bit 0 response, bit 1 strict profile, bit 2 joinDuplicate-
 *              Headers, bit 3 tight slot/arena buffers (parse only),
 *              bits 4-7 piece size for `parse` (0 one-shot, k: 1 << (k-1))
 *   byte 1     responses: the request method (index into h1_method; 0 means
 *              GET)
 *   bytes 2-3  leniency flags, little-endian, masked with H1_LENIENT_ALL
 *   bytes 4-5  max_header_size, little-endian; 0 is Node's default, 0xffff
 *              means 1000000 (the corpus's "no practical limit")
 *   bytes 6-7  Node's maxHeadersCount, little-endian: 0 not set, v > 0 is
 *              v - 1 (so 1 is 0, no limit)
 *   rest       the bytes the peer sent (targets may take a few more option
 *              bytes first; each says so)
 *
 * corpus/fuzz/tools/make_seeds.py writes these bytes from the conformance
 * sidecars; keep the two in step.
 */
#ifndef H1_FUZZ_FZ_H
#define H1_FUZZ_FZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "h1/h1.h"

#define FZ_OPT_LEN 8u
/* Inputs larger than this are cut: libFuzzer's -max_len is smaller anyway,
 * and byte-by-byte runs of huge inputs only slow a campaign down. */
#define FZ_MAX_INPUT 65536u

/* An oracle failure: print what broke and abort (the fuzzers' crash). */
#define FZ_CHECK(cond, ...)                                                    \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "h1 fuzz oracle failed: %s (%s:%d)\n  ", #cond,          \
              __FILE__, __LINE__);                                             \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
      abort();                                                                 \
    }                                                                          \
  } while (0)

struct fz_opts {
  h1_type type;
  h1_profile profile;
  h1_method method; /* responses: the request answered */
  uint32_t lenient;
  uint32_t max_header_size;  /* 0: Node's default */
  int64_t max_headers_count; /* Node's option: -1 unset, 0 no limit */
  int join;                  /* joinDuplicateHeaders */
  int tight;                 /* parse: small slot array and arena */
  unsigned piece_shift;      /* parse: 0 one-shot, k: pieces of 1<<(k-1) */
  int bare;      /* differential: logs without reasons and 100-continue */
  int no_finish; /* differential: stop at the end of the data, no EOF */
};

/* Reads the option bytes; returns 0 when the input is too short. */
static inline int fz_opts_read(const uint8_t *d, size_t n, struct fz_opts *o) {
  if (n < FZ_OPT_LEN)
    return 0;
  memset(o, 0, sizeof *o);
  o->type = (d[0] & 1) ? H1_RESPONSE : H1_REQUEST;
  o->profile = (d[0] & 2) ? H1_PROFILE_STRICT : H1_PROFILE_NODE;
  o->join = (d[0] >> 2) & 1;
  o->tight = (d[0] >> 3) & 1;
  o->piece_shift = (unsigned)(d[0] >> 4);
  o->method = H1_METHOD_GET;
  if (o->type == H1_RESPONSE && d[1] % H1_METHOD__COUNT != 0)
    o->method = (h1_method)(d[1] % H1_METHOD__COUNT);
  o->lenient = ((uint32_t)d[2] | (uint32_t)d[3] << 8) & H1_LENIENT_ALL;
  uint32_t mhs = (uint32_t)d[4] | (uint32_t)d[5] << 8;
  o->max_header_size = mhs == 0xffffu ? 1000000u : mhs;
  uint32_t mhc = (uint32_t)d[6] | (uint32_t)d[7] << 8;
  o->max_headers_count = mhc == 0 ? -1 : (int64_t)mhc - 1;
  return 1;
}

static inline struct h1_settings fz_settings(const struct fz_opts *o) {
  struct h1_settings s;
  memset(&s, 0, sizeof s);
  s.type = o->type;
  s.profile = o->profile;
  s.lenient = o->lenient;
  s.max_header_size = o->max_header_size;
  s.max_headers_count = H1_HEADERS_COUNT_FROM_NODE(o->max_headers_count);
  s.request_method = o->type == H1_RESPONSE ? o->method : H1_METHOD_NONE;
  return s;
}

/* ------------------------------------------------------------------------
 * Growable strings
 * ------------------------------------------------------------------------ */

struct fz_str {
  char *s;
  size_t len, cap;
};

static inline void fz_add(struct fz_str *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *ns = realloc(b->s, cap);
    if (ns == NULL)
      abort();
    b->s = ns;
    b->cap = cap;
  }
  if (n)
    memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static inline void fz_cstr(struct fz_str *b, const char *s) {
  fz_add(b, s, strlen(s));
}

static inline void fz_fmt(struct fz_str *b, const char *fmt, ...) {
  char tmp[160];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof tmp)
    abort();
  fz_add(b, tmp, (size_t)n);
}

static inline void fz_quote(struct fz_str *b, const char *s, size_t n) {
  fz_add(b, "\"", 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      char e[2] = {'\\', (char)c};
      fz_add(b, e, 2);
    } else if (c >= 0x20 && c <= 0x7e) {
      fz_add(b, (const char *)&c, 1);
    } else {
      fz_fmt(b, "\\x%02x", c);
    }
  }
  fz_add(b, "\"", 1);
}

/* ------------------------------------------------------------------------
 * The canonical event log
 *
 * Grammar as in core/test/tools/probe.js (and core/test/support/feed.c,
 * whose logic this follows): events separated by " | ", BODY pieces of one
 * message merged, the log ends with EOF, ERR <code> "<reason>" @<offset> or
 * UPGRADE @<offset>.  With views on, HEAD and END carry Node's `headers`
 * object as the message view builds it.
 * ------------------------------------------------------------------------ */

struct fz_log {
  struct fz_str log;
  size_t *ev; /* where each event starts in log.s */
  size_t nev, evcap;
  struct fz_str body;
  int have_body;
  int head_logged;
  int views;                 /* render the message view too */
  int bare;                  /* fz_opts.bare */
  int join;                  /* for the view */
  int64_t max_headers_count; /* for the view */
};

/* Starts an event. */
static inline void fz_sep(struct fz_log *r) {
  if (r->log.len)
    fz_cstr(&r->log, " | ");
  if (r->nev == r->evcap) {
    size_t cap = r->evcap ? 2 * r->evcap : 16;
    size_t *ne = realloc(r->ev, cap * sizeof *ne);
    if (ne == NULL)
      abort();
    r->ev = ne;
    r->evcap = cap;
  }
  r->ev[r->nev++] = r->log.len;
}

static inline void fz_flush_body(struct fz_log *r) {
  if (!r->have_body)
    return;
  fz_sep(r);
  fz_cstr(&r->log, "BODY ");
  fz_quote(&r->log, r->body.s, r->body.len);
  r->body.len = 0;
  r->have_body = 0;
}

static inline void fz_log_lines(struct fz_str *b, const struct h1_header *h,
                                size_t n) {
  if (n == 0) {
    fz_cstr(b, "[]");
    return;
  }
  for (size_t i = 0; i < n; i++) {
    struct h1_span v = h1_trim_value(h[i].value);
    fz_add(b, "[", 1);
    fz_quote(b, h[i].name.ptr, h[i].name.len);
    fz_add(b, " ", 1);
    fz_quote(b, v.ptr, v.len);
    fz_add(b, "]", 1);
  }
}

/*
 * Builds the view of lines[0..n) and checks it stays within the sizes it
 * reports: the exact buffer is enough, one byte less is not, every key and
 * joined value lies inside the buffer or (a DISCARD value) is a line's value.
 * Appends the rendering to `b` when b is not NULL.
 */
static inline void fz_view(struct fz_str *b, const struct h1_header *lines,
                           size_t n, int join, int64_t max_headers_count,
                           int trailers) {
  size_t raw = 0, merge = 0, need = 0;
  h1_node_header_counts(n, max_headers_count, trailers, &raw, &merge);
  FZ_CHECK(raw <= n && merge <= raw, "n=%zu raw=%zu merge=%zu", n, raw, merge);
  struct h1_view_entry *e = calloc(merge + 1, sizeof *e);
  if (e == NULL)
    abort();
  size_t k = h1_view_build(lines, merge, join, e, merge, NULL, 0, &need);
  if (k == (size_t)-1) {
    FZ_CHECK(need > 0, "view_build failed with need=0 (merge=%zu)", merge);
  } else {
    FZ_CHECK(k <= merge, "k=%zu merge=%zu", k, merge);
  }
  /* the exact size, at the end of its own allocation (ASan sees overruns) */
  char *buf = malloc(need ? need : 1);
  if (buf == NULL)
    abort();
  size_t need2 = 0;
  k = h1_view_build(lines, merge, join, e, merge, buf, need, &need2);
  FZ_CHECK(k != (size_t)-1, "view_build failed with its own size %zu", need);
  FZ_CHECK(k <= merge, "k=%zu merge=%zu", k, merge);
  if (need > 0) {
    size_t need3 = 0;
    struct h1_view_entry *e2 = calloc(merge + 1, sizeof *e2);
    if (e2 == NULL)
      abort();
    size_t k2 =
        h1_view_build(lines, merge, join, e2, merge, buf, need - 1, &need3);
    FZ_CHECK(k2 == (size_t)-1 && need3 == need,
             "view_build fit in %zu bytes, less than the %zu it asked for",
             need - 1, need);
    free(e2);
  }
  for (size_t i = 0; i < k; i++) {
    const char *lo = buf, *hi = buf + need;
    FZ_CHECK(e[i].key.len == 0 ||
                 (e[i].key.ptr >= lo && e[i].key.ptr + e[i].key.len <= hi),
             "view key %zu outside its buffer", i);
    FZ_CHECK(e[i].first < merge && e[i].count >= 1 &&
                 e[i].first + e[i].count <= merge,
             "view entry %zu: first=%zu count=%zu merge=%zu", i, e[i].first,
             e[i].count, merge);
    if (e[i].rule != H1_MERGE_LIST && e[i].joined.len > 0) {
      int inbuf =
          e[i].joined.ptr >= lo && e[i].joined.ptr + e[i].joined.len <= hi;
      struct h1_span fv = lines[e[i].first].value;
      int inline_ = e[i].joined.ptr >= fv.ptr &&
                    e[i].joined.ptr + e[i].joined.len <= fv.ptr + fv.len;
      FZ_CHECK(inbuf || inline_, "view value %zu outside its buffer", i);
    }
  }
  if (b != NULL) {
    fz_fmt(b, " VIEW raw=%zu {", raw);
    for (size_t i = 0; i < k; i++) {
      if (i)
        fz_add(b, ",", 1);
      fz_quote(b, e[i].key.ptr, e[i].key.len);
      fz_add(b, ":", 1);
      if (e[i].rule == H1_MERGE_LIST) {
        int first = 1;
        fz_add(b, "[", 1);
        for (size_t j = e[i].first; j < merge; j++) {
          if (!h1_span_ieq(lines[j].name, e[i].key.ptr, e[i].key.len))
            continue;
          struct h1_span v = h1_trim_value(lines[j].value);
          if (!first)
            fz_add(b, ",", 1);
          first = 0;
          fz_quote(b, v.ptr, v.len);
        }
        fz_add(b, "]", 1);
      } else {
        fz_quote(b, e[i].joined.ptr, e[i].joined.len);
      }
    }
    fz_add(b, "}", 1);
  }
  free(buf);
  free(e);
}

static inline void fz_log_head(struct fz_log *r, const h1_parser *p,
                               h1_type type) {
  const struct h1_message *m = &p->msg;
  struct fz_str *b = &r->log;
  fz_cstr(b, "HEAD ");
  if (type == H1_REQUEST) {
    const char *name = h1_method_name(m->method);
    fz_cstr(b, name ? name : "<no method>");
    fz_add(b, " ", 1);
    fz_quote(b, m->url.ptr, m->url.len);
  } else {
    fz_fmt(b, "%u ", (unsigned)m->status);
    fz_quote(b, m->reason.ptr, m->reason.len);
  }
  fz_fmt(b, " %u.%u ", (unsigned)m->version_major, (unsigned)m->version_minor);
  fz_log_lines(b, m->headers, m->num_headers);
  fz_cstr(b, h1_should_keep_alive(p) ? " ka" : " close");
  if (m->flags & H1_F_IS_UPGRADE)
    fz_cstr(b, " upgrade");
  if (type == H1_REQUEST && (m->flags & H1_F_EXPECT_CONTINUE) && !r->bare)
    fz_cstr(b, " 100-continue");
  if (r->views)
    fz_view(b, m->headers, m->num_headers, r->join, r->max_headers_count, 0);
}

static inline void fz_log_end(struct fz_log *r, const h1_parser *p) {
  const struct h1_message *m = &p->msg;
  fz_cstr(&r->log, "END");
  if (m->num_trailers) {
    fz_add(&r->log, " ", 1);
    fz_log_lines(&r->log, m->trailers, m->num_trailers);
    if (r->views)
      fz_view(&r->log, m->trailers, m->num_trailers, r->join,
              r->max_headers_count, 1);
  }
}

static inline void fz_log_error(struct fz_log *r, const h1_parser *p,
                                h1_type type) {
  fz_flush_body(r);
  /* A head that was complete but rejected: Node dispatched it first. */
  if (p->head_complete && !r->head_logged && h1_message_in_progress(p)) {
    fz_sep(r);
    fz_log_head(r, p, type);
  }
  fz_sep(r);
  fz_cstr(&r->log, "ERR ");
  fz_cstr(&r->log, h1_errno_name(p->error));
  if (!r->bare) {
    fz_add(&r->log, " ", 1);
    fz_quote(&r->log, p->reason, strlen(p->reason));
  }
  fz_fmt(&r->log, " @%llu", (unsigned long long)p->error_offset);
}

/* Logs one event; returns 0 when parsing stopped. */
static inline int fz_log_event(struct fz_log *r, const h1_parser *p,
                               h1_type type, const struct h1_event *ev,
                               uint64_t abs_pos) {
  switch (ev->type) {
  case H1_EV_NONE:
    return 1;
  case H1_EV_HEAD:
    fz_flush_body(r);
    fz_sep(r);
    fz_log_head(r, p, type);
    r->head_logged = 1;
    return 1;
  case H1_EV_BODY:
    fz_add(&r->body, ev->data.ptr, ev->data.len);
    r->have_body = 1;
    return 1;
  case H1_EV_MESSAGE_END:
    fz_flush_body(r);
    fz_sep(r);
    fz_log_end(r, p);
    r->head_logged = 0;
    return 1;
  case H1_EV_UPGRADE:
    fz_flush_body(r);
    fz_sep(r);
    fz_fmt(&r->log, "UPGRADE @%llu", (unsigned long long)abs_pos);
    return 0;
  case H1_EV_ERROR:
    fz_log_error(r, p, type);
    return 0;
  }
  FZ_CHECK(0, "unknown event type %d", (int)ev->type);
  return 0;
}

/* The result of one run. */
struct fz_out {
  char *log;    /* the whole log */
  size_t *ev;   /* where each event starts in log */
  size_t nev;   /* events (the last is EOF, ERR or UPGRADE) */
  int rejected; /* the last event is ERR */
  uint64_t error_offset;
};

static inline void fz_out_free(struct fz_out *o) {
  free(o->log);
  free(o->ev);
  memset(o, 0, sizeof *o);
}

/* Event i of a result, as pointer and length. */
static inline const char *fz_ev(const struct fz_out *o, size_t i, size_t *n) {
  size_t a = o->ev[i];
  size_t b = i + 1 < o->nev ? o->ev[i + 1] - 3 : strlen(o->log);
  *n = b - a;
  return o->log + a;
}

/* ------------------------------------------------------------------------
 * One run: the input fed in pieces.
 * ------------------------------------------------------------------------ */

/* Slots and arena that never run out for this input (every header line
 * costs at least one counted byte and one input byte). */
static inline void fz_sizes(uint32_t max_header_size, size_t len,
                            size_t *nslots, size_t *arena_cap) {
  size_t mhs = max_header_size ? max_header_size : H1_DEFAULT_MAX_HEADER_SIZE;
  size_t s = H1_SLOTS_FOR(mhs), a = H1_ARENA_FOR(mhs);
  if (H1_SLOTS_FOR(len + 1) < s)
    s = H1_SLOTS_FOR(len + 1);
  if (H1_ARENA_FOR(len + 1) < a)
    a = H1_ARENA_FOR(len + 1);
  *nslots = s;
  *arena_cap = a;
}

/*
 * Runs `settings` over data[0..len) cut at cuts[0..ncuts) (increasing,
 * 0 < cut < len); ncuts == (size_t)-1 means byte by byte.  Each piece is
 * copied into its own allocation, kept until the end (head spans may point
 * into earlier pieces).  Checks the engine's per-call contract on the way.
 */
static inline struct fz_out fz_run(const struct h1_settings *set,
                                   const struct fz_opts *o, int views,
                                   const uint8_t *data, size_t len,
                                   const size_t *cuts, size_t ncuts) {
  size_t nslots, arena_cap;
  fz_sizes(set->max_header_size, len, &nslots, &arena_cap);
  struct h1_header *slots = calloc(nslots, sizeof *slots);
  char *arena = malloc(arena_cap);
  h1_parser *p = malloc(sizeof *p);
  if (slots == NULL || arena == NULL || p == NULL)
    abort();
  h1_parser_init(p, set, slots, nslots, arena, arena_cap);

  int bytewise = ncuts == (size_t)-1;
  size_t npieces = len == 0 ? 0 : bytewise ? len : ncuts + 1;
  char **pieces = calloc(npieces + 1, sizeof *pieces);
  if (pieces == NULL)
    abort();
  struct fz_log r;
  memset(&r, 0, sizeof r);
  r.views = views;
  r.bare = o->bare;
  r.join = o->join;
  r.max_headers_count = o->max_headers_count;
  int stopped = 0;
  size_t start = 0;
  uint64_t total = 0;
  for (size_t i = 0; i < npieces && !stopped; i++) {
    size_t end = bytewise ? i + 1 : (i < ncuts ? cuts[i] : len);
    size_t n = end - start;
    pieces[i] = malloc(n ? n : 1);
    if (pieces[i] == NULL)
      abort();
    memcpy(pieces[i], data + start, n);
    size_t pos = 0;
    unsigned spins = 0;
    for (;;) {
      struct h1_event ev;
      size_t used = h1_execute(p, pieces[i] + pos, n - pos, &ev);
      FZ_CHECK(used <= n - pos, "consumed %zu of %zu", used, n - pos);
      pos += used;
      total += used;
      FZ_CHECK(p->nread == total, "nread %llu, consumed %llu",
               (unsigned long long)p->nread, (unsigned long long)total);
      spins = used ? 0 : spins + 1;
      if (!fz_log_event(&r, p, set->type, &ev, (uint64_t)(start + pos))) {
        stopped = 1;
        break;
      }
      if (ev.type == H1_EV_NONE) {
        FZ_CHECK(pos == n, "NONE with %zu of %zu bytes left", n - pos, n);
        break;
      }
      FZ_CHECK(spins <= 64, "no progress at offset %zu", start + pos);
    }
    start = end;
  }
  if (!stopped && o->no_finish) {
    fz_flush_body(&r);
    fz_sep(&r);
    fz_cstr(&r.log, "CUT");
  } else if (!stopped) {
    struct h1_event ev;
    h1_finish(p, &ev);
    FZ_CHECK(ev.type != H1_EV_UPGRADE && ev.type != H1_EV_HEAD &&
                 ev.type != H1_EV_BODY,
             "h1_finish gave event %d", (int)ev.type);
    fz_log_event(&r, p, set->type, &ev, (uint64_t)len);
    fz_flush_body(&r);
    if (ev.type != H1_EV_ERROR) {
      fz_sep(&r);
      fz_cstr(&r.log, "EOF");
    }
  }
  fz_flush_body(&r);
  struct fz_out out;
  memset(&out, 0, sizeof out);
  FZ_CHECK(r.nev > 0, "a run without a final event");
  out.log = r.log.s;
  out.ev = r.ev;
  out.nev = r.nev;
  out.rejected = p->error != H1_E_OK;
  out.error_offset = p->error_offset;
  for (size_t i = 0; i < npieces; i++)
    free(pieces[i]);
  free(pieces);
  free(r.body.s);
  free(p);
  free(arena);
  free(slots);
  return out;
}

/*
 * The input layout of most targets: the option bytes, then the data (at
 * most FZ_MAX_INPUT bytes).  Returns 0 when the input is too short.
 */
static inline int fz_input_read(const uint8_t *data, size_t size,
                                struct fz_opts *o, const uint8_t **in,
                                size_t *len) {
  if (!fz_opts_read(data, size, o))
    return 0;
  *in = data + FZ_OPT_LEN;
  *len = size - FZ_OPT_LEN;
  if (*len > FZ_MAX_INPUT)
    *len = FZ_MAX_INPUT;
  return 1;
}

/*
 * The input layout of the split and twin targets: the option bytes, one
 * byte k (k % 16 cuts), k gap bytes (each cut 1 + byte after the one
 * before), then the data (at most FZ_MAX_INPUT bytes).  Cuts at or past the
 * end of the data are dropped.  Returns 0 when the input is too short.
 */
struct fz_split {
  struct fz_opts o;
  const uint8_t *in;
  size_t len;
  size_t cuts[16], ncuts;
};

static inline int fz_split_read(const uint8_t *data, size_t size,
                                struct fz_split *s) {
  if (!fz_opts_read(data, size, &s->o) || size < FZ_OPT_LEN + 1)
    return 0;
  size_t at = FZ_OPT_LEN;
  size_t k = data[at++] % 16u;
  if (size - at < k)
    return 0;
  const uint8_t *gaps = data + at;
  at += k;
  s->in = data + at;
  s->len = size - at;
  if (s->len > FZ_MAX_INPUT)
    s->len = FZ_MAX_INPUT;
  size_t pos = 0;
  s->ncuts = 0;
  for (size_t i = 0; i < k; i++) {
    pos += 1u + gaps[i];
    if (pos >= s->len)
      break;
    s->cuts[s->ncuts++] = pos;
  }
  return 1;
}

#endif /* H1_FUZZ_FZ_H */
