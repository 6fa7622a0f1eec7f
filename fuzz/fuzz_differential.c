/*
 * fuzz_differential.c -- h1 against llhttp's own C, as Node drives it.
 *
 * The llhttp here is Debian's node-llhttp (8.1.0), compiled from
 * /usr/share/llhttp by fuzz/CMakeLists.txt; Node 20 ships 9.3.1.  The
 * llhttp side plays Node's binding (node_http_parser.cc): header bytes are
 * counted per callback against max_header_size (HPE_HEADER_OVERFLOW), chunk
 * extension bytes against 16 KiB, and on_headers_complete answers as Node's
 * server (2 for an upgrade) and client (1 for HEAD, 1xx and 304; 2 for
 * CONNECT and upgrades) do.
 *
 * Both sides print the canonical log of fz.h (without reasons, which the two
 * versions word differently, and without Node's 100-continue flag).  When
 * the logs differ, the input is cut at the first pattern of
 * llhttp_versions.h and both must agree on the bytes before it; a
 * difference that no row explains aborts.
 *
 * Options as in fz.h; the profile is always Node's and only the leniencies
 * 8.1.0 has (headers, chunked length, keep-alive, transfer-encoding,
 * version) are used.
 */
#include "fz.h"
#include "llhttp.h"
#include "llhttp_versions.h"

#define LV_LENIENT 0x1fu

struct ll {
  llhttp_t p;
  const struct fz_opts *o;
  struct fz_log r;
  struct fz_str url, reason;
  struct fz_str names[1], values[1]; /* the line being collected */
  struct fz_str lines;               /* rendered lines of the section */
  size_t nlines;
  int in_value; /* last callback was a value */
  int have_line;
  uint64_t header_nread;
  uint64_t ext_nread;
  int overflow; /* 1 header, 2 chunk extensions */
  int trailing; /* after on_headers_complete */
  int ret;      /* what on_headers_complete answered */
};

static struct ll *ll_of(llhttp_t *p) {
  return (struct ll *)p->data;
}

static int track(struct ll *l, size_t n) {
  uint32_t mhs = l->o->max_header_size ? l->o->max_header_size
                                       : H1_DEFAULT_MAX_HEADER_SIZE;
  l->header_nread += n;
  if (l->header_nread >= mhs) {
    l->overflow = 1;
    llhttp_set_error_reason(&l->p, "HPE_HEADER_OVERFLOW:Header overflow");
    return HPE_USER;
  }
  return 0;
}

static void line_flush(struct ll *l) {
  if (!l->have_line)
    return;
  struct h1_span v = {l->values[0].s ? l->values[0].s : "", l->values[0].len};
  v = h1_trim_value(v);
  fz_add(&l->lines, "[", 1);
  fz_quote(&l->lines, l->names[0].s ? l->names[0].s : "", l->names[0].len);
  fz_add(&l->lines, " ", 1);
  fz_quote(&l->lines, v.ptr, v.len);
  fz_add(&l->lines, "]", 1);
  l->nlines++;
  l->names[0].len = l->values[0].len = 0;
  l->have_line = 0;
  l->in_value = 0;
}

static void lines_take(struct ll *l, struct fz_str *b) {
  line_flush(l);
  if (l->nlines == 0)
    fz_cstr(b, "[]");
  else
    fz_add(b, l->lines.s, l->lines.len);
  l->lines.len = 0;
  l->nlines = 0;
}

static int on_message_begin(llhttp_t *p) {
  struct ll *l = ll_of(p);
  l->url.len = l->reason.len = 0;
  l->lines.len = 0;
  l->nlines = 0;
  l->names[0].len = l->values[0].len = 0;
  l->have_line = l->in_value = 0;
  l->header_nread = 0;
  l->trailing = 0;
  return 0;
}

static int on_url(llhttp_t *p, const char *at, size_t n) {
  struct ll *l = ll_of(p);
  int rv = track(l, n);
  if (rv)
    return rv;
  fz_add(&l->url, at, n);
  return 0;
}

static int on_status(llhttp_t *p, const char *at, size_t n) {
  struct ll *l = ll_of(p);
  int rv = track(l, n);
  if (rv)
    return rv;
  fz_add(&l->reason, at, n);
  return 0;
}

static int on_header_field(llhttp_t *p, const char *at, size_t n) {
  struct ll *l = ll_of(p);
  int rv = track(l, n);
  if (rv)
    return rv;
  if (l->in_value)
    line_flush(l);
  fz_add(&l->names[0], at, n);
  l->have_line = 1;
  return 0;
}

static int on_header_value(llhttp_t *p, const char *at, size_t n) {
  struct ll *l = ll_of(p);
  int rv = track(l, n);
  if (rv)
    return rv;
  fz_add(&l->values[0], at, n);
  l->in_value = 1;
  l->have_line = 1;
  return 0;
}

static int on_chunk_extension(llhttp_t *p, const char *at, size_t n) {
  struct ll *l = ll_of(p);
  (void)at;
  l->ext_nread += n;
  if (l->ext_nread > H1_MAX_CHUNK_EXTENSIONS_SIZE) {
    l->overflow = 2;
    llhttp_set_error_reason(
        &l->p, "HPE_CHUNK_EXTENSIONS_OVERFLOW:Chunk extensions overflow");
    return HPE_USER;
  }
  return 0;
}

static int on_chunk_header(llhttp_t *p) {
  ll_of(p)->ext_nread = 0;
  return 0;
}

static int on_headers_complete(llhttp_t *p) {
  struct ll *l = ll_of(p);
  struct fz_str *b = &l->r.log;
  int ka = llhttp_should_keep_alive(p);
  int ret = 0;
  if (l->o->type == H1_REQUEST) {
    ret = p->upgrade ? 2 : 0;
  } else if (p->upgrade || l->o->method == H1_METHOD_CONNECT) {
    ret = 2;
  } else if (p->status_code >= 100 && p->status_code < 200) {
    ret = 1;
  } else if (l->o->method == H1_METHOD_HEAD || p->status_code == 304) {
    ret = 1;
  }
  l->ret = ret;
  fz_flush_body(&l->r);
  fz_sep(&l->r);
  fz_cstr(b, "HEAD ");
  if (l->o->type == H1_REQUEST) {
    fz_cstr(b, llhttp_method_name((llhttp_method_t)p->method));
    fz_add(b, " ", 1);
    fz_quote(b, l->url.s ? l->url.s : "", l->url.len);
  } else {
    fz_fmt(b, "%u ", (unsigned)p->status_code);
    fz_quote(b, l->reason.s ? l->reason.s : "", l->reason.len);
  }
  fz_fmt(b, " %u.%u ", (unsigned)p->http_major, (unsigned)p->http_minor);
  lines_take(l, b);
  fz_cstr(b, ka ? " ka" : " close");
  if (p->upgrade || ret == 2)
    fz_cstr(b, " upgrade");
  l->r.head_logged = 1;
  l->header_nread = 0;
  l->trailing = 1;
  return ret;
}

static int on_body(llhttp_t *p, const char *at, size_t n) {
  struct ll *l = ll_of(p);
  fz_add(&l->r.body, at, n);
  l->r.have_body = 1;
  return 0;
}

static int on_message_complete(llhttp_t *p) {
  struct ll *l = ll_of(p);
  fz_flush_body(&l->r);
  fz_sep(&l->r);
  fz_cstr(&l->r.log, "END");
  line_flush(l);
  if (l->nlines) {
    fz_add(&l->r.log, " ", 1);
    lines_take(l, &l->r.log);
  }
  l->lines.len = 0;
  l->nlines = 0;
  l->r.head_logged = 0;
  return 0;
}

static void ll_error(struct ll *l, llhttp_errno_t e, uint64_t off) {
  const char *name = llhttp_errno_name(e);
  if (e == HPE_USER && l->overflow == 1)
    name = "HPE_HEADER_OVERFLOW";
  else if (e == HPE_USER && l->overflow == 2)
    name = "HPE_CHUNK_EXTENSIONS_OVERFLOW";
  fz_flush_body(&l->r);
  fz_sep(&l->r);
  fz_fmt(&l->r.log, "ERR %s @%llu", name, (unsigned long long)off);
}

static char *ll_run(const struct fz_opts *o, const uint8_t *in, size_t len) {
  static llhttp_settings_t s;
  if (s.on_message_begin == NULL) {
    llhttp_settings_init(&s);
    s.on_message_begin = on_message_begin;
    s.on_url = on_url;
    s.on_status = on_status;
    s.on_header_field = on_header_field;
    s.on_header_value = on_header_value;
    s.on_chunk_extension_name = on_chunk_extension;
    s.on_chunk_extension_value = on_chunk_extension;
    s.on_chunk_header = on_chunk_header;
    s.on_headers_complete = on_headers_complete;
    s.on_body = on_body;
    s.on_message_complete = on_message_complete;
  }
  struct ll *l = calloc(1, sizeof *l);
  if (l == NULL)
    abort();
  l->o = o;
  llhttp_init(&l->p, o->type == H1_REQUEST ? HTTP_REQUEST : HTTP_RESPONSE, &s);
  l->p.data = l;
  l->p.lenient_flags = (uint8_t)(o->lenient & LV_LENIENT);
  /* exactly `len` bytes, so that ASan sees an over-read */
  char *buf = malloc(len ? len : 1);
  if (buf == NULL)
    abort();
  if (len)
    memcpy(buf, in, len);
  llhttp_errno_t e = llhttp_execute(&l->p, buf, len);
  if (e == HPE_PAUSED_UPGRADE) {
    fz_flush_body(&l->r);
    fz_sep(&l->r);
    fz_fmt(&l->r.log, "UPGRADE @%llu",
           (unsigned long long)(llhttp_get_error_pos(&l->p) - buf));
  } else if (e != HPE_OK) {
    ll_error(l, e, (uint64_t)(llhttp_get_error_pos(&l->p) - buf));
  } else if (o->no_finish) {
    fz_flush_body(&l->r);
    fz_sep(&l->r);
    fz_cstr(&l->r.log, "CUT");
  } else {
    e = llhttp_finish(&l->p);
    if (e != HPE_OK) {
      ll_error(l, e, (uint64_t)len);
    } else {
      fz_flush_body(&l->r);
      fz_sep(&l->r);
      fz_cstr(&l->r.log, "EOF");
    }
  }
  char *out = l->r.log.s;
  free(buf);
  free(l->r.body.s);
  free(l->r.ev);
  free(l->url.s);
  free(l->reason.s);
  free(l->names[0].s);
  free(l->values[0].s);
  free(l->lines.s);
  free(l);
  return out ? out : calloc(1, 1);
}

/* When a log ends in `ERR <code> @N`: N - 1 (the byte that failed, or the
 * one before it); for code "UPGRADE", a log ending in `UPGRADE @N`: N; else
 * SIZE_MAX. */
static size_t err_cut(const char *log, const char *code) {
  const char *e = NULL, *q = log;
  if (strcmp(code, "UPGRADE") == 0) {
    /* a log ending in `UPGRADE @N`: N */
    const char *u = NULL;
    while ((q = strstr(q, "UPGRADE @")) != NULL)
      u = q++;
    if (u == NULL || strchr(u, '|') != NULL)
      return SIZE_MAX;
    return (size_t)strtoull(u + 9, NULL, 10);
  }
  while ((q = strstr(q, "ERR ")) != NULL)
    e = q++;
  if (e == NULL)
    return SIZE_MAX;
  size_t n = strlen(code);
  if (strncmp(e + 4, code, n) != 0 || strncmp(e + 4 + n, " @", 2) != 0)
    return SIZE_MAX;
  unsigned long long off = strtoull(e + 6 + n, NULL, 10);
  return off ? (size_t)off - 1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct fz_opts o;
  const uint8_t *in;
  size_t len;
  if (!fz_input_read(data, size, &o, &in, &len))
    return 0;
  o.profile = H1_PROFILE_NODE;
  o.lenient &= LV_LENIENT;
  o.bare = 1;
  struct h1_settings set = fz_settings(&o);
  struct fz_out h = fz_run(&set, &o, 0, in, len, NULL, 0);
  char *l = ll_run(&o, in, len);
  if (strcmp(h.log, l) != 0) {
    size_t cut = SIZE_MAX;
    const char *why = NULL;
    for (size_t i = 0; i < LV_NROWS; i++) {
      size_t at = SIZE_MAX;
      if (lv_rows[i].first != NULL)
        at = lv_rows[i].first(in, len);
      else
        at = err_cut(lv_rows[i].side == 'h' ? h.log : l, lv_rows[i].code);
      if (at < cut) {
        cut = at;
        why = lv_rows[i].id;
      }
    }
    FZ_CHECK(cut != SIZE_MAX,
             "h1 and llhttp %d.%d.%d differ, no known version difference "
             "explains it\n  h1:     %s\n  llhttp: %s",
             LLHTTP_VERSION_MAJOR, LLHTTP_VERSION_MINOR, LLHTTP_VERSION_PATCH,
             h.log, l);
    o.no_finish = 1;
    struct fz_out hc = fz_run(&set, &o, 0, in, cut, NULL, 0);
    char *lc = ll_run(&o, in, cut);
    /* h1 stopping for an upgrade right at the cut is the cut */
    char stop[48];
    snprintf(stop, sizeof stop, "UPGRADE @%zu", cut);
    size_t hn = strlen(hc.log), sn = strlen(stop), ln = strlen(lc);
    int same = strcmp(hc.log, lc) == 0;
    if (!same && hn >= sn && strcmp(hc.log + hn - sn, stop) == 0 && ln >= 3 &&
        strcmp(lc + ln - 3, "CUT") == 0 && hn - sn == ln - 3 &&
        memcmp(hc.log, lc, ln - 3) == 0)
      same = 1;
    /* llhttp hands an open span to its callback when the data ends, and
     * Node's header count runs there: at a cut that can overflow, where
     * the whole input (and h1, which counts at the span's end) does not */
    static const char *const flush_errs[] = {"HPE_HEADER_OVERFLOW",
                                             "HPE_CHUNK_EXTENSIONS_OVERFLOW"};
    for (size_t i = 0; i < 2 && !same; i++) {
      char tail[64];
      snprintf(tail, sizeof tail, "ERR %s @%zu", flush_errs[i], cut);
      size_t tn = strlen(tail);
      if (ln >= tn && strcmp(lc + ln - tn, tail) == 0 && hn >= 3 &&
          strcmp(hc.log + hn - 3, "CUT") == 0 && hn - 3 == ln - tn &&
          memcmp(hc.log, lc, hn - 3) == 0)
        same = 1;
    }
    FZ_CHECK(same,
             "h1 and llhttp %d.%d.%d differ before the first known version "
             "difference (%s at %zu)\n  h1:     %s\n  llhttp: %s",
             LLHTTP_VERSION_MAJOR, LLHTTP_VERSION_MINOR, LLHTTP_VERSION_PATCH,
             why, cut, hc.log, lc);
    fz_out_free(&hc);
    free(lc);
  }
  fz_out_free(&h);
  free(l);
  return 0;
}
