/*
 * httpparser.c -- http-parser 2.9.4 (Debian's libhttp-parser), llhttp's
 * predecessor, as an adapter of adapter.h: the worked example of
 * fuzz/README.md.
 *
 * It plays Node's binding as the llhttp side of fuzz_differential.c does
 * (on_headers_complete answers 1 for a HEAD response, 2 for a CONNECT
 * response), and models every message, keep-alive and upgrade, bodies and
 * trailers, and where it stops for an upgrade.  Its error codes are its own
 * (HPE_INVALID_CONSTANT, ...) and its offsets count differently, so it does
 * not claim H1FA_ERRCODE or H1FA_ERROFF: an error is compared as "ERR".
 */
#include <http_parser.h>

#include "../adapter.h"

struct hp {
  http_parser p;
  h1_type type;
  h1_method method;
  struct fz_log *r;
  struct fz_str url; /* or the reason */
  struct h1fa_lines lines;
};

static struct hp *hp_of(http_parser *p) {
  return (struct hp *)p->data;
}

static int hp_begin(http_parser *p) {
  struct hp *h = hp_of(p);
  h->url.len = 0;
  h1fa_lines_reset(&h->lines);
  return 0;
}

static int hp_url(http_parser *p, const char *at, size_t n) {
  fz_add(&hp_of(p)->url, at, n);
  return 0;
}

static int hp_field(http_parser *p, const char *at, size_t n) {
  h1fa_lines_field(&hp_of(p)->lines, at, n);
  return 0;
}

static int hp_value(http_parser *p, const char *at, size_t n) {
  h1fa_lines_value(&hp_of(p)->lines, at, n);
  return 0;
}

static int hp_headers_complete(http_parser *p) {
  struct hp *h = hp_of(p);
  int ret = 0;
  char start[16];
  if (h->type == H1_REQUEST) {
    snprintf(start, sizeof start, "%s",
             http_method_str((enum http_method)p->method));
  } else {
    snprintf(start, sizeof start, "%u", (unsigned)p->status_code);
    if (h->method == H1_METHOD_CONNECT)
      ret = 2;
    else if (h->method == H1_METHOD_HEAD)
      ret = 1;
  }
  h1fa_head_start(h->r, start, h->url.s ? h->url.s : "", h->url.len,
                  p->http_major, p->http_minor);
  h1fa_lines_take(&h->lines, &h->r->log);
  fz_cstr(&h->r->log, http_should_keep_alive(p) ? " ka" : " close");
  if (p->upgrade || ret == 2)
    fz_cstr(&h->r->log, " upgrade");
  return ret;
}

static int hp_body(http_parser *p, const char *at, size_t n) {
  struct hp *h = hp_of(p);
  fz_add(&h->r->body, at, n);
  h->r->have_body = 1;
  return 0;
}

static int hp_complete(http_parser *p) {
  struct hp *h = hp_of(p);
  h1fa_event(h->r, "END");
  h1fa_lines_flush(&h->lines);
  if (h->lines.n) {
    fz_add(&h->r->log, " ", 1);
    h1fa_lines_take(&h->lines, &h->r->log);
  }
  return 0;
}

static const http_parser_settings hp_settings = {
    .on_message_begin = hp_begin,
    .on_url = hp_url,
    .on_status = hp_url,
    .on_header_field = hp_field,
    .on_header_value = hp_value,
    .on_headers_complete = hp_headers_complete,
    .on_body = hp_body,
    .on_message_complete = hp_complete,
};

static void *hp_init(const struct h1fa_settings *s) {
  struct hp *h = calloc(1, sizeof *h);
  if (h == NULL)
    return NULL;
  h->type = s->type;
  h->method = s->method;
  http_parser_init(&h->p, s->type == H1_REQUEST ? HTTP_REQUEST : HTTP_RESPONSE);
  h->p.data = h;
  return h;
}

static int hp_run(struct hp *h, const char *d, size_t len, struct fz_log *r) {
  h->r = r;
  size_t n = http_parser_execute(&h->p, &hp_settings, d, len);
  if (HTTP_PARSER_ERRNO(&h->p) != HPE_OK) {
    char ev[64];
    snprintf(ev, sizeof ev, "ERR %s @%zu",
             http_errno_name(HTTP_PARSER_ERRNO(&h->p)), n);
    h1fa_event(r, ev);
    return 0;
  }
  if (h->p.upgrade && len > 0) {
    char ev[48];
    snprintf(ev, sizeof ev, "UPGRADE @%zu", n);
    h1fa_event(r, ev);
    return 0;
  }
  return 1;
}

static int hp_feed(void *a, const char *d, size_t len, struct fz_log *r) {
  /* http-parser reads a zero length as the end of the data */
  return len == 0 ? 1 : hp_run(a, d, len, r);
}

static void hp_finish(void *a, struct fz_log *r) {
  if (hp_run(a, NULL, 0, r))
    h1fa_event(r, "EOF");
}

static void hp_free(void *a) {
  struct hp *h = a;
  free(h->url.s);
  h1fa_lines_free(&h->lines);
  free(h);
}

#include "../classes/httpparser.h"

const struct h1_fuzz_adapter h1fa_httpparser = {
    "httpparser",
    H1FA_HEAD | H1FA_CONN | H1FA_BODY | H1FA_PIPELINE | H1FA_UPGRADE,
    hp_init,
    hp_feed,
    hp_finish,
    hp_free,
    hp_classes,
    sizeof hp_classes / sizeof hp_classes[0]};
