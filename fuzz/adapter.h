/*
 * adapter.h -- the in-process adapter interface of the differential fuzz
 * targets: another HTTP/1 parser, linked into the fuzzer, read against h1's
 * Node semantics.
 *
 * An adapter is a `struct h1_fuzz_adapter`: init, feed, finish, free, and
 * `caps`, what of the log grammar of fz.h it models.  The driver
 * (h1fa_differential) runs h1 (Node's profile, no leniency, Node's header
 * size) and the adapter over the same bytes, projects both logs onto the
 * adapter's caps and compares.  A difference is accepted only when a class
 * of the adapter's table (fuzz/classes/NAME.h) matches it; an unclassified
 * one aborts, which is how a campaign finds the next class.
 *
 * Header-only, like fz.h: a target is fuzz_diff_NAME.c plus its adapter in
 * fuzz/adapters/NAME.c.  fuzz/README.md says how to write one.
 */
#ifndef H1_FUZZ_ADAPTER_H
#define H1_FUZZ_ADAPTER_H

#include "fz.h"

/* What an adapter models.  Without a cap, that part of h1's log is left
 * out of the comparison. */
enum {
  H1FA_HEAD = 1u << 0,     /* the first head: method/target or status,
                              version, header lines; or that it failed */
  H1FA_CONN = 1u << 1,     /* keep-alive and upgrade flags of a head */
  H1FA_BODY = 1u << 2,     /* BODY and END events (with trailers) */
  H1FA_PIPELINE = 1u << 3, /* every message, not only the first */
  H1FA_UPGRADE = 1u << 4,  /* UPGRADE @offset */
  H1FA_ERRCODE = 1u << 5,  /* ERR carries h1's code (HPE_...) */
  H1FA_ERROFF = 1u << 6    /* ERR carries h1's offset */
};

struct h1fa_settings {
  h1_type type;
  h1_method method;         /* responses: the method of the request answered */
  uint32_t max_header_size; /* 0: Node's default (adapters may ignore) */
  uint32_t lenient;         /* H1_LENIENT_* (adapters may ignore) */
};

/* A known difference: `match` sees the input, h1's whole log (with error
 * codes and offsets, whatever the caps) and the adapter's log, and says
 * whether this class explains the difference. */
struct h1fa_class {
  const char *name;
  const char *desc;
  int (*match)(const uint8_t *in, size_t len, const char *h1, const char *ad);
};

struct h1_fuzz_adapter {
  const char *name;
  unsigned caps;
  void *(*init)(const struct h1fa_settings *s);
  /* Parses data[0..len) (the whole input, once); appends events to `log`
   * in fz.h's grammar.  Returns 0 when parsing stopped (ERR or UPGRADE
   * logged). */
  int (*feed)(void *a, const char *data, size_t len, struct fz_log *log);
  /* The peer closed: appends EOF or ERR. */
  void (*finish)(void *a, struct fz_log *log);
  void (*free)(void *a);
  const struct h1fa_class *classes;
  size_t nclasses;
};

/* ------------------------------------------------------------------------
 * Helpers for adapters: a head event, collected header lines.
 * ------------------------------------------------------------------------ */

/* Header lines collected from callbacks that hand names and values in
 * pieces (llhttp, http-parser). */
struct h1fa_lines {
  struct fz_str name, value; /* the line being collected */
  struct fz_str lines;       /* rendered lines */
  size_t n;
  int in_value, have_line;
};

static inline void h1fa_lines_flush(struct h1fa_lines *l) {
  if (!l->have_line)
    return;
  struct h1_span v = {l->value.s ? l->value.s : "", l->value.len};
  v = h1_trim_value(v);
  fz_add(&l->lines, "[", 1);
  fz_quote(&l->lines, l->name.s ? l->name.s : "", l->name.len);
  fz_add(&l->lines, " ", 1);
  fz_quote(&l->lines, v.ptr, v.len);
  fz_add(&l->lines, "]", 1);
  l->n++;
  l->name.len = l->value.len = 0;
  l->have_line = l->in_value = 0;
}

static inline void h1fa_lines_field(struct h1fa_lines *l, const char *at,
                                    size_t n) {
  if (l->in_value)
    h1fa_lines_flush(l);
  fz_add(&l->name, at, n);
  l->have_line = 1;
}

static inline void h1fa_lines_value(struct h1fa_lines *l, const char *at,
                                    size_t n) {
  fz_add(&l->value, at, n);
  l->in_value = l->have_line = 1;
}

/* Appends the lines ("[]" for none) to b and starts a new section. */
static inline void h1fa_lines_take(struct h1fa_lines *l, struct fz_str *b) {
  h1fa_lines_flush(l);
  if (l->n == 0)
    fz_cstr(b, "[]");
  else
    fz_add(b, l->lines.s, l->lines.len);
  l->lines.len = 0;
  l->n = 0;
}

static inline void h1fa_lines_reset(struct h1fa_lines *l) {
  l->name.len = l->value.len = l->lines.len = 0;
  l->n = 0;
  l->in_value = l->have_line = 0;
}

static inline void h1fa_lines_free(struct h1fa_lines *l) {
  free(l->name.s);
  free(l->value.s);
  free(l->lines.s);
}

/* Starts a HEAD event up to its header lines: `HEAD GET "/x" 1.1 ` or
 * `HEAD 200 "OK" 1.1 ` (start is the method, or the status in decimal). */
static inline void h1fa_head_start(struct fz_log *r, const char *start,
                                   const char *s, size_t n, unsigned major,
                                   unsigned minor) {
  fz_flush_body(r);
  fz_sep(r);
  fz_cstr(&r->log, "HEAD ");
  fz_cstr(&r->log, start);
  fz_add(&r->log, " ", 1);
  fz_quote(&r->log, s, n);
  fz_fmt(&r->log, " %u.%u ", major, minor);
}

/* Appends a final event (EOF, ERR ..., UPGRADE @N). */
static inline void h1fa_event(struct fz_log *r, const char *ev) {
  fz_flush_body(r);
  fz_sep(r);
  fz_cstr(&r->log, ev);
}

/* ------------------------------------------------------------------------
 * Helpers for class tables
 * ------------------------------------------------------------------------ */

static inline int h1fa_starts(const char *log, const char *p) {
  return strncmp(log, p, strlen(p)) == 0;
}

/* d[0..n) equals the lower-case s, ignoring ASCII case. */
static inline int h1fa_ieq(const uint8_t *d, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int c = d[i] >= 'A' && d[i] <= 'Z' ? d[i] + 32 : d[i];
    if (c != (unsigned char)s[i])
      return 0;
  }
  return 1;
}

/* The log's last event is `ERR <code> ...`. */
static inline int h1fa_err_is(const char *log, const char *code) {
  const char *e = NULL, *q = log;
  while ((q = strstr(q, "ERR ")) != NULL)
    e = q++;
  size_t n = strlen(code);
  return e != NULL && strncmp(e + 4, code, n) == 0 &&
         (e[4 + n] == ' ' || e[4 + n] == '\0');
}

/* h1 rejected before any head (its log begins with ERR). */
static inline int h1fa_h1_rejects(const char *h1, const char *code) {
  return h1fa_starts(h1, "ERR ") && (code == NULL || h1fa_err_is(h1, code));
}

/* The end of the first head in the input: after its empty line (CRLF or
 * bare LF), or len. */
static inline size_t h1fa_head_len(const uint8_t *d, size_t n) {
  for (size_t i = 1; i < n; i++)
    if (d[i] == '\n' &&
        (d[i - 1] == '\n' || (d[i - 1] == '\r' && i >= 2 && d[i - 2] == '\n')))
      return i + 1;
  return n;
}

/* A control byte other than HTAB, CR and LF (or DEL) in d[0..n). */
static inline int h1fa_has_ctl(const uint8_t *d, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((d[i] < 0x20 && d[i] != '\t' && d[i] != '\r' && d[i] != '\n') ||
        d[i] == 0x7f)
      return 1;
  return 0;
}

/* An LF without CR before it, or a CR without LF after it, in d[0..n). */
static inline int h1fa_has_bare(const uint8_t *d, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((d[i] == '\n' && (i == 0 || d[i - 1] != '\r')) ||
        (d[i] == '\r' && (i + 1 >= n || d[i + 1] != '\n')))
      return 1;
  return 0;
}

/* The version of a log's first event when it is a HEAD (major * 10 + minor
 * for one-digit parts), or -1. */
static inline int h1fa_head_version(const char *log) {
  if (!h1fa_starts(log, "HEAD "))
    return -1;
  const char *q = strchr(log, '"');
  if (q == NULL)
    return -1;
  for (q++; *q != '\0' && *q != '"'; q++)
    if (*q == '\\' && q[1] != '\0')
      q++;
  if (*q != '"' || q[1] != ' ')
    return -1;
  unsigned maj = 0, min = 0;
  if (sscanf(q + 2, "%u.%u", &maj, &min) != 2)
    return -1;
  return (int)(maj * 10 + min);
}

/* ------------------------------------------------------------------------
 * The driver
 * ------------------------------------------------------------------------ */

static inline int h1fa_ends_with(const char *s, size_t n, const char *t) {
  size_t k = strlen(t);
  return n >= k && memcmp(s + n - k, t, k) == 0;
}

/* Appends event e[0..n) of a log projected onto caps; returns 0 when the
 * projection ends there. */
static inline int h1fa_project_ev(struct fz_str *b, const char *e, size_t n,
                                  unsigned caps) {
  int head_only = !(caps & H1FA_PIPELINE);
  if (n >= 4 && memcmp(e, "HEAD", 4) == 0) {
    if (!(caps & H1FA_CONN)) {
      if (h1fa_ends_with(e, n, " upgrade"))
        n -= 8;
      if (h1fa_ends_with(e, n, " ka"))
        n -= 3;
      else if (h1fa_ends_with(e, n, " close"))
        n -= 6;
    }
    fz_add(b, e, n);
    return !head_only;
  }
  if ((n >= 4 && memcmp(e, "BODY", 4) == 0) ||
      (n >= 3 && memcmp(e, "END", 3) == 0)) {
    if (caps & H1FA_BODY)
      fz_add(b, e, n);
    return 1;
  }
  if (n >= 3 && memcmp(e, "ERR", 3) == 0) {
    const char *code = e + 4, *at = memchr(e, '@', n);
    size_t cn = at ? (size_t)(at - code) - 1 : 0;
    fz_cstr(b, "ERR");
    if ((caps & H1FA_ERRCODE) && at != NULL) {
      fz_add(b, " ", 1);
      fz_add(b, code, cn);
    }
    if ((caps & H1FA_ERROFF) && at != NULL) {
      fz_add(b, " ", 1);
      fz_add(b, at, (size_t)(e + n - at));
    }
    return 0;
  }
  if (n >= 7 && memcmp(e, "UPGRADE", 7) == 0) {
    /* a head-only adapter saw the head, which is all it claims */
    if (caps & H1FA_UPGRADE)
      fz_add(b, e, n);
    else if (!head_only)
      fz_cstr(b, "UPGRADE");
    return 0;
  }
  fz_add(b, e, n); /* EOF */
  return 0;
}

/* The projection of a log (events at ev[0..nev)) onto caps, events
 * separated by " | ". */
static inline char *h1fa_project(const char *log, const size_t *ev, size_t nev,
                                 unsigned caps) {
  struct fz_str b = {0};
  fz_add(&b, "", 0);
  size_t total = strlen(log);
  for (size_t i = 0; i < nev; i++) {
    size_t a = ev[i], z = i + 1 < nev ? ev[i + 1] - 3 : total;
    size_t before = b.len;
    if (b.len)
      fz_cstr(&b, " | ");
    size_t mark = b.len;
    int more = h1fa_project_ev(&b, log + a, z - a, caps);
    if (b.len == mark)
      b.len = before, b.s[before] = '\0';
    if (!more)
      break;
  }
  return b.s;
}

/* Runs the adapter over in[0..len): its log and where each event starts
 * (fz_out_free frees them).  With o->no_finish, a log that did not stop
 * ends in CUT instead of finish()'s EOF or ERR. */
static inline struct fz_out h1fa_log(const struct h1_fuzz_adapter *ad,
                                     const struct fz_opts *o, const uint8_t *in,
                                     size_t len) {
  struct h1fa_settings s = {o->type, o->method, o->max_header_size, o->lenient};
  void *a = ad->init(&s);
  if (a == NULL)
    abort();
  struct fz_log r;
  memset(&r, 0, sizeof r);
  /* exactly `len` bytes, so that ASan sees an over-read */
  char *buf = malloc(len ? len : 1);
  if (buf == NULL)
    abort();
  if (len)
    memcpy(buf, in, len);
  if (ad->feed(a, buf, len, &r)) {
    if (o->no_finish)
      h1fa_event(&r, "CUT");
    else
      ad->finish(a, &r);
  }
  ad->free(a);
  free(buf);
  free(r.body.s);
  fz_add(&r.log, "", 0);
  struct fz_out out;
  memset(&out, 0, sizeof out);
  out.log = r.log.s;
  out.ev = r.ev;
  out.nev = r.nev;
  return out;
}

/* Runs the adapter over in[0..len) and returns its projected log. */
static inline char *h1fa_run(const struct h1_fuzz_adapter *ad,
                             const struct fz_opts *o, const uint8_t *in,
                             size_t len) {
  struct fz_out out = h1fa_log(ad, o, in, len);
  char *p = h1fa_project(out.log, out.ev, out.nev, ad->caps);
  fz_out_free(&out);
  return p;
}

/* The name of the class that explains h1 vs ad on this input, or NULL. */
static inline const char *h1fa_classify(const struct h1_fuzz_adapter *ad,
                                        const uint8_t *in, size_t len,
                                        const char *h1, const char *al) {
  for (size_t i = 0; i < ad->nclasses; i++)
    if (ad->classes[i].match != NULL && ad->classes[i].match(in, len, h1, al))
      return ad->classes[i].name;
  return NULL;
}

/* Reads an input as fz.h lays it out; the options that only h1 has
 * (strict profile, leniencies, header size and count) are fixed at Node's
 * defaults.  Returns 0 for an input too short. */
static inline int h1fa_input(const uint8_t *data, size_t size,
                             struct fz_opts *o, const uint8_t **in,
                             size_t *len) {
  if (!fz_input_read(data, size, o, in, len))
    return 0;
  o->profile = H1_PROFILE_NODE;
  o->lenient = 0;
  o->max_header_size = 0;
  o->bare = 1;
  return 1;
}

/* 1 when the head's first line names the RTSP protocol (RTSP/x.y), which
 * llhttp reads and parsers that know only HTTP/ reject. */
static inline int h1fa_rtsp_line(const uint8_t *in, size_t len) {
  size_t i = 0, n;
  /* the empty lines a parser skips before a message */
  while (i < len && (in[i] == '\r' || in[i] == '\n'))
    i++;
  n = i + h1fa_head_len(in + i, len - i);
  for (; i + 5 <= n && in[i] != '\n'; i++)
    if (memcmp(in + i, "RTSP/", 5) == 0)
      return 1;
  return 0;
}

/* Where the logs part at a head: both report the same messages, each
 * whole and without a body ("... | END | "), then h1 reports a head where
 * the other parser's log ends with ERR.  The offset in the input of that
 * head (after the heads before it), or (size_t)-1 when the logs part in
 * any other way. */
static inline size_t h1fa_parting_head(const uint8_t *in, size_t len,
                                       const char *h1, const char *ad) {
  size_t c = 0, i = 0, k = 0;
  const char *q = h1;
  while (h1[c] != '\0' && h1[c] == ad[c])
    c++;
  if (strcmp(ad + c, "ERR") != 0 || strncmp(h1 + c, "HEAD ", 5) != 0 ||
      (c != 0 && (c < 3 || strncmp(h1 + c - 3, " | ", 3) != 0)))
    return (size_t)-1;
  q = strstr(h1, "BODY ");
  if (q != NULL && q < h1 + c)
    return (size_t)-1;
  for (q = h1; (q = strstr(q, "| END | ")) != NULL && q < h1 + c; q++)
    k++;
  while (k-- > 0) {
    while (i < len && (in[i] == '\r' || in[i] == '\n'))
      i++;
    i += h1fa_head_len(in + i, len - i);
  }
  return i;
}

/* The RTSP classes: the logs part at a head (h1fa_parting_head) whose
 * start line names RTSP/x.y, the first message or a later one. */
static inline int h1fa_rtsp_parting(const uint8_t *in, size_t len,
                                    const char *h1, const char *ad) {
  size_t at = h1fa_parting_head(in, len, h1, ad);
  return at != (size_t)-1 && h1fa_rtsp_line(in + at, len - at);
}

/* The body of a target's LLVMFuzzerTestOneInput. */
static inline int h1fa_differential(const struct h1_fuzz_adapter *ad,
                                    const uint8_t *data, size_t size) {
  struct fz_opts o;
  const uint8_t *in;
  size_t len;
  if (!h1fa_input(data, size, &o, &in, &len))
    return 0;
  struct h1_settings set = fz_settings(&o);
  struct fz_out full = fz_run(&set, &o, 0, in, len, NULL, 0);
  char *h = h1fa_project(full.log, full.ev, full.nev, ad->caps);
  char *a = h1fa_run(ad, &o, in, len);
  if (strcmp(h, a) != 0) {
    const char *cls = h1fa_classify(ad, in, len, full.log, a);
    /* H1FA_REPORT set: print each difference and its class, never abort
     * (to sort a corpus into classes) */
    if (getenv("H1FA_REPORT") != NULL) {
      fprintf(stderr, "DIFF %s\n  h1: %s\n  h1 (full): %s\n  %s: %s\n",
              cls ? cls : "UNCLASSIFIED", h, full.log, ad->name, a);
      cls = "";
    }
    /* H1FA_SMOKE set (ci/fuzz --smoke, as ci/test runs it): a difference no
     * class explains is a campaign's finding about the other parser, not a
     * failure of h1; the run still fails on a crash or a sanitizer report */
    if (cls == NULL && getenv("H1FA_SMOKE") != NULL)
      cls = "";
    FZ_CHECK(cls != NULL,
             "h1 and %s differ, no class of fuzz/classes/%s.h explains it\n"
             "  h1: %s\n  %s: %s",
             ad->name, ad->name, h, ad->name, a);
  }
  fz_out_free(&full);
  free(h);
  free(a);
  return 0;
}

#endif
