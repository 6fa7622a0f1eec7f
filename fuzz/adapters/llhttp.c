/*
 * llhttp.c -- llhttp's own C (Debian's node-llhttp 8.1.0, compiled from
 * /usr/share/llhttp by fuzz/CMakeLists.txt; Node 20 ships 9.3.1) as an
 * adapter of adapter.h, driven as Node's binding (node_http_parser.cc)
 * drives it: header bytes are counted per callback against max_header_size
 * (HPE_HEADER_OVERFLOW), chunk extension bytes against 16 KiB, and
 * on_headers_complete answers as Node's server (2 for an upgrade) and
 * client (1 for HEAD, 1xx and 304; 2 for CONNECT and upgrades) do.
 *
 * It models everything, error codes and offsets included (reasons and
 * Node's 100-continue flag are left out of both logs).  fuzz_differential.c
 * compares it with h1 through its version table (llhttp_versions.h) rather
 * than classes.  Only the leniencies 8.1.0 has are passed (LV_LENIENT).
 */
#include "llhttp.h"

#include "../adapter.h"

#define LV_LENIENT 0x1fu

struct ll {
  llhttp_t p;
  struct h1fa_settings o;
  struct fz_log *r;
  struct fz_str url, reason;
  struct h1fa_lines lines;
  uint64_t header_nread;
  uint64_t ext_nread;
  int overflow; /* 1 header, 2 chunk extensions */
  size_t len;   /* of the data fed */
};

static struct ll *ll_of(llhttp_t *p) {
  return (struct ll *)p->data;
}

static int track(struct ll *l, size_t n) {
  uint32_t mhs =
      l->o.max_header_size ? l->o.max_header_size : H1_DEFAULT_MAX_HEADER_SIZE;
  l->header_nread += n;
  if (l->header_nread >= mhs) {
    l->overflow = 1;
    llhttp_set_error_reason(&l->p, "HPE_HEADER_OVERFLOW:Header overflow");
    return HPE_USER;
  }
  return 0;
}

static int on_message_begin(llhttp_t *p) {
  struct ll *l = ll_of(p);
  l->url.len = l->reason.len = 0;
  h1fa_lines_reset(&l->lines);
  l->header_nread = 0;
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
  h1fa_lines_field(&l->lines, at, n);
  return 0;
}

static int on_header_value(llhttp_t *p, const char *at, size_t n) {
  struct ll *l = ll_of(p);
  int rv = track(l, n);
  if (rv)
    return rv;
  h1fa_lines_value(&l->lines, at, n);
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
  int ka = llhttp_should_keep_alive(p);
  int ret = 0;
  char start[32];
  if (l->o.type == H1_REQUEST) {
    ret = p->upgrade ? 2 : 0;
  } else if (p->upgrade || l->o.method == H1_METHOD_CONNECT) {
    ret = 2;
  } else if (p->status_code >= 100 && p->status_code < 200) {
    ret = 1;
  } else if (l->o.method == H1_METHOD_HEAD || p->status_code == 304) {
    ret = 1;
  }
  if (l->o.type == H1_REQUEST) {
    snprintf(start, sizeof start, "%s",
             llhttp_method_name((llhttp_method_t)p->method));
    h1fa_head_start(l->r, start, l->url.s ? l->url.s : "", l->url.len,
                    p->http_major, p->http_minor);
  } else {
    snprintf(start, sizeof start, "%u", (unsigned)p->status_code);
    h1fa_head_start(l->r, start, l->reason.s ? l->reason.s : "", l->reason.len,
                    p->http_major, p->http_minor);
  }
  h1fa_lines_take(&l->lines, &l->r->log);
  fz_cstr(&l->r->log, ka ? " ka" : " close");
  if (p->upgrade || ret == 2)
    fz_cstr(&l->r->log, " upgrade");
  l->r->head_logged = 1;
  l->header_nread = 0;
  return ret;
}

static int on_body(llhttp_t *p, const char *at, size_t n) {
  struct ll *l = ll_of(p);
  fz_add(&l->r->body, at, n);
  l->r->have_body = 1;
  return 0;
}

static int on_message_complete(llhttp_t *p) {
  struct ll *l = ll_of(p);
  h1fa_event(l->r, "END");
  h1fa_lines_flush(&l->lines);
  if (l->lines.n) {
    fz_add(&l->r->log, " ", 1);
    h1fa_lines_take(&l->lines, &l->r->log);
  }
  h1fa_lines_reset(&l->lines);
  l->r->head_logged = 0;
  return 0;
}

static void ll_error(struct ll *l, llhttp_errno_t e, uint64_t off) {
  const char *name = llhttp_errno_name(e);
  if (e == HPE_USER && l->overflow == 1)
    name = "HPE_HEADER_OVERFLOW";
  else if (e == HPE_USER && l->overflow == 2)
    name = "HPE_CHUNK_EXTENSIONS_OVERFLOW";
  fz_flush_body(l->r);
  fz_sep(l->r);
  fz_fmt(&l->r->log, "ERR %s @%llu", name, (unsigned long long)off);
}

static const llhttp_settings_t *ll_settings(void) {
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
  return &s;
}

static void *ll_init(const struct h1fa_settings *o) {
  struct ll *l = calloc(1, sizeof *l);
  if (l == NULL)
    return NULL;
  l->o = *o;
  llhttp_init(&l->p, o->type == H1_REQUEST ? HTTP_REQUEST : HTTP_RESPONSE,
              ll_settings());
  l->p.data = l;
  l->p.lenient_flags = (uint8_t)(o->lenient & LV_LENIENT);
  return l;
}

static int ll_feed(void *a, const char *d, size_t len, struct fz_log *r) {
  struct ll *l = a;
  l->r = r;
  l->len = len;
  llhttp_errno_t e = llhttp_execute(&l->p, d, len);
  if (e == HPE_PAUSED_UPGRADE) {
    fz_flush_body(r);
    fz_sep(r);
    fz_fmt(&r->log, "UPGRADE @%llu",
           (unsigned long long)(llhttp_get_error_pos(&l->p) - d));
    return 0;
  }
  if (e != HPE_OK) {
    ll_error(l, e, (uint64_t)(llhttp_get_error_pos(&l->p) - d));
    return 0;
  }
  return 1;
}

static void ll_finish(void *a, struct fz_log *r) {
  struct ll *l = a;
  l->r = r;
  llhttp_errno_t e = llhttp_finish(&l->p);
  if (e != HPE_OK)
    ll_error(l, e, (uint64_t)l->len);
  else
    h1fa_event(r, "EOF");
}

static void ll_free(void *a) {
  struct ll *l = a;
  free(l->url.s);
  free(l->reason.s);
  h1fa_lines_free(&l->lines);
  free(l);
}

const struct h1_fuzz_adapter h1fa_llhttp = {"llhttp",
                                            H1FA_HEAD | H1FA_CONN | H1FA_BODY |
                                                H1FA_PIPELINE | H1FA_UPGRADE |
                                                H1FA_ERRCODE | H1FA_ERROFF,
                                            ll_init,
                                            ll_feed,
                                            ll_finish,
                                            ll_free,
                                            NULL,
                                            0};
