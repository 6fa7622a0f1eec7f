/*
 * feed.c -- runs the parser over a case in every segmentation and prints
 * the canonical event log (grammar: core/test/tools/probe.js).
 */
#define _DEFAULT_SOURCE
#include "feed.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

/* ------------------------------------------------------------------------
 * Strings
 * ------------------------------------------------------------------------ */

void feed_str_add(struct feed_str *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    b->s = realloc(b->s, cap);
    if (b->s == NULL)
      abort();
    b->cap = cap;
  }
  if (n)
    memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void feed_str_cstr(struct feed_str *b, const char *s) {
  feed_str_add(b, s, strlen(s));
}

static void str_fmt(struct feed_str *b, const char *fmt, ...) {
  char tmp[128];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof tmp)
    abort();
  feed_str_add(b, tmp, (size_t)n);
}

static void esc1(struct feed_str *b, unsigned char c) {
  switch (c) {
  case '"':
    feed_str_cstr(b, "\\\"");
    return;
  case '\\':
    feed_str_cstr(b, "\\\\");
    return;
  case '\r':
    feed_str_cstr(b, "\\r");
    return;
  case '\n':
    feed_str_cstr(b, "\\n");
    return;
  case '\t':
    feed_str_cstr(b, "\\t");
    return;
  default:
    break;
  }
  if (c >= 0x20 && c <= 0x7e) {
    char ch = (char)c;
    feed_str_add(b, &ch, 1);
  } else {
    str_fmt(b, "\\x%02x", c);
  }
}

void feed_str_quote(struct feed_str *b, const char *s, size_t n) {
  size_t i = 0;
  feed_str_add(b, "\"", 1);
  while (i < n) {
    size_t j = i + 1;
    while (j < n && s[j] == s[i])
      j++;
    if (j - i >= 16) {
      str_fmt(b, "\\{%zu}", j - i);
      esc1(b, (unsigned char)s[i]);
      i = j;
    } else {
      esc1(b, (unsigned char)s[i]);
      i++;
    }
  }
  feed_str_add(b, "\"", 1);
}

/* ------------------------------------------------------------------------
 * Guarded placement
 * ------------------------------------------------------------------------ */

static size_t page_size(void) {
  static size_t ps;
  if (ps == 0)
    ps = (size_t)sysconf(_SC_PAGESIZE);
  return ps;
}

static size_t place_pages(size_t n) {
  size_t ps = page_size();
  return (n + ps - 1) / ps + 1; /* data pages plus the guard */
}

/* Maps room for n bytes followed by a PROT_NONE page; returns the first
 * unreadable byte (the end of the readable part). */
static char *map_guarded(size_t n) {
  size_t ps = page_size(), pages = place_pages(n);
  char *base = mmap(NULL, pages * ps, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    abort();
  if (mprotect(base + (pages - 1) * ps, ps, PROT_NONE) != 0)
    abort();
  return base + (pages - 1) * ps;
}

/* Unmaps what map_guarded(n) returned as `end`. */
static void unmap_guarded(char *end, size_t n) {
  size_t ps = page_size(), pages = place_pages(n);
  munmap(end - (pages - 1) * ps, pages * ps);
}

char *feed_place(const char *src, size_t n) {
  char *p = map_guarded(n) - n;
  if (n)
    memcpy(p, src, n);
  return p;
}

void feed_unplace(char *p, size_t n) {
  unmap_guarded(p + n, n);
}

/* What is left of an earlier piece is overwritten with a byte that is no
 * part of HTTP syntax, so a span kept into it shows in the log. */
#define FEED_POISON 0xa5

void feed_guard_init(struct feed_guard *g, size_t cap) {
  g->end = map_guarded(cap);
  g->cap = cap;
  g->last = 0;
}

const char *feed_guard_place(struct feed_guard *g, const char *src, size_t n) {
  if (n > g->cap)
    abort();
  char *end = g->end;
  if (g->last > n)
    memset(end - g->last, FEED_POISON, g->last - n);
  if (n)
    memcpy(end - n, src, n);
  g->last = n;
  return end - n;
}

void feed_guard_free(struct feed_guard *g) {
  unmap_guarded(g->end, g->cap);
  g->end = NULL;
}

static struct h1_span trim(struct h1_span v) {
  while (v.len && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t'))
    v.len--;
  return v;
}

static void log_lines(struct feed_str *b, const struct h1_header *h, size_t n) {
  if (n == 0) {
    feed_str_cstr(b, "[]");
    return;
  }
  for (size_t i = 0; i < n; i++) {
    struct h1_span v = trim(h[i].value);
    feed_str_add(b, "[", 1);
    feed_str_quote(b, h[i].name.ptr, h[i].name.len);
    feed_str_add(b, " ", 1);
    feed_str_quote(b, v.ptr, v.len);
    feed_str_add(b, "]", 1);
  }
}

void feed_view(struct feed_str *b, const struct h1_header *lines, size_t n,
               int64_t max_headers_count, int trailers, int join) {
  size_t raw = 0, merge = 0, need = 0;
  h1_node_header_counts(n, max_headers_count, trailers, &raw, &merge);
  str_fmt(b, " VIEW raw=%zu ", raw);
  if (merge > n) {
    feed_str_cstr(b, "<merge count beyond the lines>");
    return;
  }
  struct h1_view_entry *e = calloc(merge + 1, sizeof *e);
  char probe[1];
  size_t k = h1_view_build(lines, merge, join, e, merge + 1, probe, 0, &need);
  char *buf = NULL;
  if (k == (size_t)-1) {
    buf = malloc(need + 1);
    k = h1_view_build(lines, merge, join, e, merge + 1, buf, need, &need);
  }
  if (k == (size_t)-1) {
    feed_str_cstr(b, "<view_build failed>");
  } else {
    feed_str_add(b, "{", 1);
    for (size_t i = 0; i < k; i++) {
      if (i)
        feed_str_add(b, ",", 1);
      feed_str_quote(b, e[i].key.ptr, e[i].key.len);
      feed_str_add(b, ":", 1);
      if (e[i].rule == H1_MERGE_LIST) {
        int first = 1;
        feed_str_add(b, "[", 1);
        for (size_t j = e[i].first; j < merge; j++) {
          if (!h1_span_ieq(lines[j].name, e[i].key.ptr, e[i].key.len))
            continue;
          struct h1_span v = trim(lines[j].value);
          if (!first)
            feed_str_add(b, ",", 1);
          first = 0;
          feed_str_quote(b, v.ptr, v.len);
        }
        feed_str_add(b, "]", 1);
      } else {
        feed_str_quote(b, e[i].joined.ptr, e[i].joined.len);
      }
    }
    feed_str_add(b, "}", 1);
  }
  free(buf);
  free(e);
}

static void log_view(struct feed_str *b, const struct feed_case *c,
                     const struct h1_header *lines, size_t n, int trailers) {
  feed_view(b, lines, n, c->max_headers_count, trailers, c->join);
}

static void log_head(struct feed_str *b, const struct feed_case *c,
                     const h1_parser *p) {
  const struct h1_message *m = &p->msg;
  feed_str_cstr(b, "HEAD ");
  if (c->type == H1_REQUEST) {
    const char *name = h1_method_name(m->method);
    feed_str_cstr(b, name ? name : "<no method>");
    feed_str_add(b, " ", 1);
    feed_str_quote(b, m->url.ptr, m->url.len);
  } else {
    str_fmt(b, "%u ", (unsigned)m->status);
    feed_str_quote(b, m->reason.ptr, m->reason.len);
  }
  str_fmt(b, " %u.%u ", (unsigned)m->version_major, (unsigned)m->version_minor);
  log_lines(b, m->headers, m->num_headers);
  feed_str_cstr(b, h1_should_keep_alive(p) ? " ka" : " close");
  if (m->flags & H1_F_IS_UPGRADE)
    feed_str_cstr(b, " upgrade");
  if (c->type == H1_REQUEST && (m->flags & H1_F_EXPECT_CONTINUE))
    feed_str_cstr(b, " 100-continue");
  if (c->view)
    log_view(b, c, m->headers, m->num_headers, 0);
}

static void log_end(struct feed_str *b, const struct feed_case *c,
                    const h1_parser *p) {
  const struct h1_message *m = &p->msg;
  feed_str_cstr(b, "END");
  if (m->num_trailers) {
    feed_str_add(b, " ", 1);
    log_lines(b, m->trailers, m->num_trailers);
    if (c->view)
      log_view(b, c, m->trailers, m->num_trailers, 1);
  }
}

struct run {
  struct feed_str log;
  struct feed_str body; /* pending BODY bytes, merged */
  int have_body;
  int head_logged; /* a HEAD was logged for the message in progress */
  int stopped;
};

static void sep(struct run *r) {
  if (r->log.len)
    feed_str_cstr(&r->log, " | ");
}

static void flush_body(struct run *r) {
  if (!r->have_body)
    return;
  sep(r);
  feed_str_cstr(&r->log, "BODY ");
  feed_str_quote(&r->log, r->body.s, r->body.len);
  r->body.len = 0;
  r->have_body = 0;
}

static void log_error(struct run *r, const struct feed_case *c,
                      const h1_parser *p) {
  flush_body(r);
  /* A head that was complete but rejected: Node dispatched it first. */
  if (p->head_complete && !r->head_logged && h1_message_in_progress(p)) {
    sep(r);
    log_head(&r->log, c, p);
  }
  sep(r);
  feed_str_cstr(&r->log, "ERR ");
  feed_str_cstr(&r->log, h1_errno_name(p->error));
  feed_str_add(&r->log, " ", 1);
  feed_str_quote(&r->log, p->reason, strlen(p->reason));
  str_fmt(&r->log, " @%llu", (unsigned long long)p->error_offset);
}

/* Handles one event; returns 1 to continue, 0 when parsing stopped. */
static int on_event(struct run *r, const struct feed_case *c, h1_parser *p,
                    const struct h1_event *ev, uint64_t abs_pos) {
  switch (ev->type) {
  case H1_EV_NONE:
    return 1;
  case H1_EV_HEAD:
    flush_body(r);
    sep(r);
    log_head(&r->log, c, p);
    r->head_logged = 1;
    return 1;
  case H1_EV_BODY:
    feed_str_add(&r->body, ev->data.ptr, ev->data.len);
    r->have_body = 1;
    return 1;
  case H1_EV_MESSAGE_END:
    flush_body(r);
    sep(r);
    log_end(&r->log, c, p);
    r->head_logged = 0;
    return 1;
  case H1_EV_UPGRADE:
    flush_body(r);
    sep(r);
    str_fmt(&r->log, "UPGRADE @%llu", (unsigned long long)abs_pos);
    return 0;
  case H1_EV_ERROR:
    log_error(r, c, p);
    return 0;
  }
  flush_body(r);
  sep(r);
  str_fmt(&r->log, "<unknown event %d>", (int)ev->type);
  return 0;
}

void feed_env_init(struct feed_env *e, const struct feed_case *c) {
  uint32_t mhs =
      c->max_header_size ? c->max_header_size : H1_DEFAULT_MAX_HEADER_SIZE;
  feed_guard_init(&e->guard, c->in_len);
  e->nslots = H1_SLOTS_FOR(mhs);
  e->arena_cap = H1_ARENA_FOR(mhs);
  e->slots = malloc(e->nslots * sizeof *e->slots);
  e->arena = malloc(e->arena_cap);
  e->parser = malloc(sizeof *e->parser);
  if (e->slots == NULL || e->arena == NULL || e->parser == NULL)
    abort();
  /* Nothing the engine did not write this run may look valid. */
  memset(e->slots, FEED_POISON, e->nslots * sizeof *e->slots);
  memset(e->arena, FEED_POISON, e->arena_cap);
}

void feed_env_free(struct feed_env *e) {
  feed_guard_free(&e->guard);
  free(e->parser);
  free(e->arena);
  free(e->slots);
}

char *feed_log(const struct feed_case *c, h1_profile profile,
               struct feed_env *e, const char *input, size_t len,
               const size_t *cuts, size_t ncuts) {
  struct feed_guard *g = &e->guard;
  struct h1_settings set;
  memset(&set, 0, sizeof set);
  set.type = c->type;
  set.profile = profile;
  set.lenient = c->lenient;
  set.max_header_size = c->max_header_size;
  set.request_method = c->method;
  /* cases without a view leave maxHeadersCount unset */
  set.max_headers_count =
      c->view ? H1_HEADERS_COUNT_FROM_NODE(c->max_headers_count) : 0;
  h1_parser *p = e->parser;
  h1_parser_init(p, &set, e->slots, e->nslots, e->arena, e->arena_cap);

  int bytewise = ncuts == (size_t)-1;
  size_t npieces = bytewise ? len : ncuts + 1;
  if (len == 0)
    npieces = 0;
  struct run r;
  memset(&r, 0, sizeof r);

  size_t start = 0;
  for (size_t i = 0; i < npieces && !r.stopped; i++) {
    size_t end = bytewise ? i + 1 : (i < ncuts ? cuts[i] : len);
    size_t n = end - start;
    /* Spans into a piece are only read before the next one is placed:
     * the engine copies a head split across calls into the arena. */
    const char *piece = feed_guard_place(g, input + start, n);
    size_t pos = 0;
    unsigned spins = 0;
    for (;;) {
      struct h1_event ev;
      memset(&ev, 0, sizeof ev);
      size_t used = h1_execute(p, piece + pos, n - pos, &ev);
      if (used > n - pos) {
        sep(&r);
        feed_str_cstr(&r.log, "<consumed more than given>");
        r.stopped = 1;
        break;
      }
      pos += used;
      spins = used ? 0 : spins + 1;
      if (!on_event(&r, c, p, &ev, (uint64_t)(start + pos))) {
        r.stopped = 1;
        break;
      }
      if (ev.type == H1_EV_NONE) {
        if (pos != n) {
          sep(&r);
          feed_str_cstr(&r.log, "<NONE before the end of the piece>");
          r.stopped = 1;
        }
        break;
      }
      if (spins > 64) {
        sep(&r);
        feed_str_cstr(&r.log, "<no progress>");
        r.stopped = 1;
        break;
      }
    }
    start = end;
  }
  if (!r.stopped) {
    struct h1_event ev;
    memset(&ev, 0, sizeof ev);
    h1_finish(p, &ev);
    if (ev.type == H1_EV_UPGRADE) {
      flush_body(&r);
      sep(&r);
      feed_str_cstr(&r.log, "<UPGRADE from finish>");
    } else {
      on_event(&r, c, p, &ev, (uint64_t)len);
    }
    flush_body(&r);
    sep(&r);
    feed_str_cstr(&r.log, "EOF");
  }
  flush_body(&r);
  free(r.body.s);
  if (r.log.s == NULL)
    feed_str_cstr(&r.log, "");
  return r.log.s;
}

/* ------------------------------------------------------------------------
 * Checking a case
 * ------------------------------------------------------------------------ */

static int report(const struct feed_case *c, const char *what, const char *want,
                  const char *got) {
  print_error("case %s (%s)\n  want: %s\n  got:  %s\n", c->name, what, want,
              got);
  return 1;
}

/* Events of a log, split at " | " (escaped strings never hold "\" | \""
 * unescaped... a quote inside a string is always \", so " | " inside a
 * string would need an unescaped quote after it: the split is safe as long
 * as the separator is matched outside quotes). */
static size_t split_events(const char *log, const char ***out) {
  size_t n = 0, cap = 16;
  const char **v = malloc(cap * sizeof *v);
  int inq = 0;
  v[n++] = log;
  for (const char *s = log; *s; s++) {
    if (inq && *s == '\\' && s[1]) {
      s++;
      continue;
    }
    if (*s == '"')
      inq = !inq;
    if (!inq && s[0] == ' ' && s[1] == '|' && s[2] == ' ') {
      if (n == cap)
        v = realloc(v, (cap *= 2) * sizeof *v);
      v[n++] = s + 3;
    }
  }
  *out = v;
  return n;
}

static size_t ev_len(const char *e) {
  int inq = 0;
  const char *s = e;
  for (; *s; s++) {
    if (inq && *s == '\\' && s[1]) {
      s++;
      continue;
    }
    if (*s == '"')
      inq = !inq;
    if (!inq && s[0] == ' ' && s[1] == '|' && s[2] == ' ')
      break;
  }
  return (size_t)(s - e);
}

static unsigned long long err_offset(const char *e, size_t n) {
  const char *at = NULL;
  for (size_t i = 0; i < n; i++)
    if (e[i] == '@')
      at = e + i;
  return at ? strtoull(at + 1, NULL, 10) : 0;
}

/* Whether strict's event s (n bytes) is Node's event e (m bytes) but for
 * " close" where Node says " ka": strict reads `Connection: close` padded
 * with HTAB as close (README, strict rule 8a), llhttp 9.3.1 does not. */
static int strict_closes(const char *e, size_t m, const char *s, size_t n) {
  size_t i = 0;
  while (i < m && i < n && e[i] == s[i])
    i++;
  return i > 0 && e[i - 1] == ' ' && m - i >= 2 && n - i >= 5 &&
         memcmp(e + i, "ka", 2) == 0 && memcmp(s + i, "close", 5) == 0 &&
         m - i - 2 == n - i - 5 && memcmp(e + i + 2, s + i + 5, m - i - 2) == 0;
}

/* The strict profile may only reject more: its log is Node's, or a prefix
 * of Node's events followed by an ERR no later than Node's own error (with
 * strict_closes() for heads). */
static const char *strict_ok(const char *node, const char *strict,
                             int must_reject) {
  const char **ne, **se;
  size_t nn = split_events(node, &ne), sn = split_events(strict, &se);
  const char *why = NULL;
  size_t slast = ev_len(se[sn - 1]);
  int s_err = strncmp(se[sn - 1], "ERR ", 4) == 0;
  if (!s_err) {
    if (must_reject)
      why = "the strict profile accepted what it must reject";
    else if (sn != nn)
      why = "the strict profile accepted differently from Node";
    for (size_t i = 0; i < sn && why == NULL; i++) {
      size_t a = ev_len(ne[i]), b = ev_len(se[i]);
      if (!(a == b && memcmp(ne[i], se[i], a) == 0) &&
          !strict_closes(ne[i], a, se[i], b))
        why = "the strict profile accepted differently from Node";
    }
    goto out;
  }
  if (sn - 1 > nn) {
    why = "the strict profile produced more events than Node";
    goto out;
  }
  for (size_t i = 0; i + 1 < sn; i++) {
    size_t a = ev_len(ne[i]), b = ev_len(se[i]);
    int last = i + 2 == sn;
    if ((a == b && memcmp(ne[i], se[i], a) == 0) ||
        strict_closes(ne[i], a, se[i], b))
      continue;
    /* the body event just before the rejection may be cut short */
    if (last && strncmp(se[i], "BODY \"", 6) == 0 &&
        strncmp(ne[i], "BODY \"", 6) == 0 && b - 1 <= a &&
        memcmp(ne[i], se[i], b - 1) == 0)
      continue;
    why = "the strict profile parsed an accepted part differently";
    goto out;
  }
  if (sn - 1 < nn && strncmp(ne[sn - 1], "ERR ", 4) == 0) {
    size_t nl = ev_len(ne[sn - 1]);
    if (err_offset(se[sn - 1], slast) > err_offset(ne[sn - 1], nl))
      why = "the strict profile failed later than Node";
  }
out:
  free(ne);
  free(se);
  return why;
}

static int check_profile(const struct feed_case *c, h1_profile profile,
                         struct feed_env *e, const char *want) {
  const char *input = c->in;
  size_t len = c->in_len;
  int bad = 0;
  char *got = feed_log(c, profile, e, input, len, NULL, 0);
  char what[96];
  snprintf(what, sizeof what, "%s, one-shot",
           profile == H1_PROFILE_STRICT ? "strict" : "node");
  if (want != NULL && strcmp(got, want) != 0)
    bad |= report(c, what, want, got);
  const char *ref = want != NULL ? want : got;
  int split_bad = 0;
  size_t step = 1;
  if (c->splits != 0 && len / c->splits > 1)
    step = len / c->splits;
  for (size_t k = 1; k < len && !split_bad; k += step) {
    char *s = feed_log(c, profile, e, input, len, &k, 1);
    if (strcmp(s, ref) != 0) {
      snprintf(what, sizeof what, "%s, split at %zu",
               profile == H1_PROFILE_STRICT ? "strict" : "node", k);
      split_bad = report(c, what, ref, s);
    }
    free(s);
  }
  bad |= split_bad;
  if (len > 1) {
    char *s = feed_log(c, profile, e, input, len, NULL, (size_t)-1);
    if (strcmp(s, ref) != 0) {
      snprintf(what, sizeof what, "%s, byte by byte",
               profile == H1_PROFILE_STRICT ? "strict" : "node");
      bad |= report(c, what, ref, s);
    }
    free(s);
  }
  if (profile == H1_PROFILE_STRICT && c->profile == H1_PROFILE_NODE) {
    const char *why = strict_ok(c->expect, got, c->strict_rejects);
    if (why != NULL)
      bad |= report(c, why, c->expect, got);
  }
  free(got);
  return bad;
}

void feed_check(const struct feed_case *c) {
  struct feed_env e;
  feed_env_init(&e, c);
  int bad = check_profile(c, c->profile, &e, c->expect);
  /* Every Node-profile case without leniency doubles as a strict case. */
  if (c->profile == H1_PROFILE_NODE && c->lenient == 0)
    bad |= check_profile(c, H1_PROFILE_STRICT, &e, NULL);
  feed_env_free(&e);
  if (bad)
    fail();
}

static void case_test(void **state) {
  feed_check((const struct feed_case *)*state);
}

int feed_run_table(const char *group, const struct feed_case *cases, size_t n) {
  struct CMUnitTest *t = calloc(n, sizeof *t);
  for (size_t i = 0; i < n; i++) {
    t[i].name = cases[i].name;
    t[i].test_func = case_test;
    t[i].initial_state = (void *)(uintptr_t)&cases[i];
  }
  int rc = _cmocka_run_group_tests(group, t, n, NULL, NULL);
  free(t);
  return rc;
}
