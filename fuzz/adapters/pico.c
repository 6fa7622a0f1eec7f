/*
 * pico.c -- picohttpparser (as Debian's libh2o-evloop0.13 exports it) as an
 * adapter of adapter.h.
 *
 * picohttpparser parses a head from a complete buffer: no bodies, no
 * keep-alive or upgrade verdict, no error codes, so the adapter claims only
 * H1FA_HEAD: the first head, or that it failed.  Its -2 (incomplete) is
 * logged as an error, since the data has ended.
 *
 * Debian ships no header for it (libh2o-dev has none): the prototypes are
 * in harness/peers/phr.h, shared with the benchmark.
 */
#include "../../harness/peers/phr.h"
#include "../adapter.h"

#define PICO_MAX_HEADERS 1024u

struct pico {
  h1_type type;
  struct phr_header h[PICO_MAX_HEADERS];
};

static void *pico_init(const struct h1fa_settings *s) {
  struct pico *p = calloc(1, sizeof *p);
  if (p != NULL)
    p->type = s->type;
  return p;
}

static int pico_feed(void *a, const char *d, size_t len, struct fz_log *r) {
  struct pico *p = a;
  const char *m = NULL, *s = NULL;
  size_t mn = 0, sn = 0, nh = PICO_MAX_HEADERS;
  int minor = 0, status = 0, rv;
  if (len == 0) {
    h1fa_event(r, "EOF");
    return 0;
  }
  if (p->type == H1_REQUEST)
    rv = phr_parse_request(d, len, &m, &mn, &s, &sn, &minor, p->h, &nh, 0);
  else
    rv = phr_parse_response(d, len, &minor, &status, &s, &sn, p->h, &nh, 0);
  if (rv < 0) {
    h1fa_event(r, "ERR");
    return 0;
  }
  char start[32];
  if (p->type == H1_REQUEST)
    snprintf(start, sizeof start, "%.*s", (int)(mn < 31 ? mn : 31), m);
  else
    snprintf(start, sizeof start, "%d", status);
  h1fa_head_start(r, start, s, sn, 1, (unsigned)minor);
  if (nh == 0)
    fz_cstr(&r->log, "[]");
  for (size_t i = 0; i < nh; i++) {
    /* a continuation line has no name: picohttpparser keeps it apart */
    struct h1_span v = {p->h[i].value, p->h[i].value_len};
    v = h1_trim_value(v);
    fz_add(&r->log, "[", 1);
    fz_quote(&r->log, p->h[i].name ? p->h[i].name : "", p->h[i].name_len);
    fz_add(&r->log, " ", 1);
    fz_quote(&r->log, v.ptr, v.len);
    fz_add(&r->log, "]", 1);
  }
  return 0;
}

static void pico_finish(void *a, struct fz_log *r) {
  (void)a;
  h1fa_event(r, "EOF");
}

#include "../classes/pico.h"

const struct h1_fuzz_adapter h1fa_pico = {
    "pico",       H1FA_HEAD,
    pico_init,    pico_feed,
    pico_finish,  free,
    pico_classes, sizeof pico_classes / sizeof pico_classes[0]};
