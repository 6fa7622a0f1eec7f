/*
 * parser_head.c -- the one-pass head path: a head that arrives whole in one
 * call is parsed here in a single pass, its fields counted in registers and
 * the bookkeeping (framing, keep-alive, Node's header byte count, the flags,
 * the body state) done once at its end.  Anything unusual leaves the parser
 * untouched and goes to the state machine (parser.c), the one reference for
 * every error and offset; what this path takes it stores exactly as the
 * states would have stored it.  Also here: the plain field lines that the
 * state machine takes whole at the start of a line (h1__fast_fields), with
 * the same line rule.
 */
#include "parser_int.h"

#include <string.h>

#include "parser_framing.h"
#include "parser_names.h"
#include "scan.h"
#include "tables.h"
#include "text.h"

/* What the field lines of a head add up to, kept in registers. */
struct h1__acc {
  size_t nlines;  /* slots used */
  uint64_t nread; /* Node's header byte count */
  uint64_t cl;    /* msg.content_length */
  uint32_t flags; /* message flags */
};

/*
 * One plain field line at p, taken whole: `name: value CRLF` whose next line
 * has begun in the data and is no obs-fold, the name a token and the value
 * non-empty and of field-value bytes, with Node's header byte count staying
 * under the limit, and
 * - a name that frames nothing (Expect sets F_EXPECT_SEEN as
 *   S_VALUE_LWS does; the strict profile leaves Expect and Host to the
 *   states, which check them);
 * - or Upgrade (any value);
 * - or Content-Length, the first of the message's framing headers, with 1
 *   to 19 digits (no overflow) and nothing else;
 * - or Transfer-Encoding, the first framing header, exactly `chunked`
 *   (the node profile: the strict one checks it in the states);
 * - or Connection / Proxy-Connection with exactly one of close, upgrade,
 *   keep-alive.
 * `strict`: the parser's profile is the strict one.  `whole`: the caller
 * is the head path, which declines a head whose next line does not begin
 * with a field name, so the next line's first byte (and that it is no
 * obs-fold) is left to it, and which compares Node's header byte count
 * with the limit once, at the end of the head (the count only grows, so
 * it stays under the limit at every line if it does at the last).  The
 * bytes from lo to p may be read.
 *
 * Stores the line in the next slot (the caller checks that there is one)
 * and adds to *a what the states would have set; returns the byte after
 * the CRLF.  NULL for any other line: nothing is stored then.  Inlined into
 * both callers, so that *a stays in registers.
 */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline const unsigned char *
h1__plain_line(const h1_parser *P, int strict, int whole,
               const unsigned char *lo, const unsigned char *p,
               const unsigned char *end, struct h1__acc *a) {
  const unsigned char *e = h1__scan_token(p, end), *v, *ve;
  size_t n = (size_t)(e - p);
  uint32_t set = 0;
  uint64_t cl = 0;
  struct h1_header *h;
  if (e == end || *e != ':' || n == 0)
    return NULL;
  if (n == 6 && h1__name_is(p, 6, "expect")) {
    if (strict)
      return NULL;
    /* kept if the value has the word (below) */
    if (P->h1__set.type == H1_REQUEST && !(a->flags & H1_F_TRAILING))
      set = F_EXPECT_SEEN;
  } else if (n == 4 && strict && h1__name_is(p, 4, "host")) {
    return NULL;
  }
  v = e + 1;
  if (end - v >= 2 && v[0] == ' ' && v[1] != ' ' && v[1] != '\t')
    v++; /* the usual one space */
  else
    while (v < end && (*v == ' ' || *v == '\t'))
      v++;
  if (v == end)
    return NULL;
  /* A value must not be empty: each case below stops at v on a byte that
   * cannot begin one (CR, a control), and the line is then refused. */
  switch (h1__special_name(p, n)) {
  case HS_GENERAL:
    ve = h1__scan_value_from(lo, v, end);
    if (ve == v)
      return NULL;
    break;
  case HS_UPGRADE:
    ve = h1__scan_value(v, end);
    if (ve == v)
      return NULL;
    set = H1_F_UPGRADE;
    break;
  case HS_CONTENT_LENGTH:
    if (a->flags & (H1_F_CONTENT_LENGTH | H1_F_TRANSFER_ENCODING))
      return NULL;
    for (ve = v; ve < end && ve - v < 19 && H1__IS_DIGIT(*ve); ve++)
      cl = cl * 10 + (uint64_t)(*ve - '0');
    if (ve == v)
      return NULL;
    set = H1_F_CONTENT_LENGTH;
    break;
  case HS_TRANSFER_ENCODING:
    if (strict || (a->flags & (H1_F_CONTENT_LENGTH | H1_F_TRANSFER_ENCODING)) ||
        end - v < 7 || !h1__name_is(v, 7, "chunked"))
      return NULL;
    ve = v + 7;
    set = H1_F_TRANSFER_ENCODING | H1_F_CHUNKED;
    break;
  case HS_CONNECTION: {
    unsigned lc = H1__LOWER(*v);
    unsigned which = lc == 'c' ? 0 : lc == 'u' ? 1 : lc == 'k' ? 2 : 3;
    static const uint8_t toklen[3] = {5, 7, 10};
    static const uint32_t tokflag[3] = {H1_F_CONNECTION_CLOSE,
                                        H1_F_CONNECTION_UPGRADE,
                                        H1_F_CONNECTION_KEEP_ALIVE};
    if (which == 3 || !h1__conn_token(v, end, which))
      return NULL;
    ve = v + toklen[which];
    set = tokflag[which];
    break;
  }
  default:
    return NULL;
  }
  if (end - ve < 3 || !h1__is_crlf(ve) ||
      (!whole &&
       (ve[2] == ' ' || ve[2] == '\t' ||
        a->nread + n + (size_t)(ve - v) >= P->h1__set.max_header_size)))
    return NULL;
  h = &P->h1__slots[a->nlines++];
  h->name.ptr = (const char *)p;
  h->name.len = n;
  h->value.ptr = (const char *)v;
  h->value.len = (size_t)(ve - v);
  a->nread += n + (size_t)(ve - v);
  if (set != 0) { /* a special name; most lines have none */
    a->cl += cl;  /* 0 but on the one Content-Length line (and a->cl is 0
                     until then: the states set it only with the flag) */
    if ((set & F_EXPECT_SEEN) && !h1__has_word(h->value, "100-continue", 12))
      set = 0;
    a->flags |= set;
  }
  return ve + 2;
}

const unsigned char *h1__fast_fields(h1_parser *P, const unsigned char *p,
                                     const unsigned char *end,
                                     uint32_t *flags) {
  const unsigned char *const lo = p;
  const int strict = P->h1__set.profile == H1_PROFILE_STRICT;
  struct h1__acc a;
  a.nlines = P->h1__nlines;
  a.nread = P->h1__header_nread;
  a.cl = P->msg.content_length;
  a.flags = *flags;
  while (a.nlines < P->h1__fast_lines) {
    const unsigned char *q = h1__plain_line(P, strict, 0, lo, p, end, &a);
    if (q == NULL)
      break;
    p = q;
    if (!(h1__cls[*p] & H1__C_TOKEN))
      break;
  }
  P->h1__nlines = a.nlines;
  P->h1__header_nread = a.nread;
  P->msg.content_length = a.cl;
  *flags = a.flags;
  return p;
}

/* The request line `METHOD SP origin-form SP HTTP/1.x CRLF` of an HTTP
 * method other than CONNECT and PRI: its end, or NULL.  What the states
 * S_REQ_METHOD ... S_REQ_COMPLETE_CRLF accept with these bytes. */
static const unsigned char *h1__plain_request_line(const unsigned char *p,
                                                   const unsigned char *end,
                                                   struct h1_message *m) {
  const unsigned char *q;
  if (end - p >= 5 && p[0] == 'G' && p[1] == 'E' && p[2] == 'T' &&
      p[3] == ' ') {
    m->method = H1_METHOD_GET;
    p += 4;
  } else if (end - p >= 6 && p[0] == 'P' && p[1] == 'O' && p[2] == 'S' &&
             p[3] == 'T' && p[4] == ' ') {
    m->method = H1_METHOD_POST;
    p += 5;
  } else {
    for (q = p; q < end && q - p <= H1__METHOD_MAX_LEN && *q != ' '; q++)
      ;
    if (q == end || *q != ' ')
      return NULL;
    m->method = h1__method_lookup((const char *)p, (size_t)(q - p));
    if (!h1__method_is_http(m->method) || m->method == H1_METHOD_CONNECT ||
        m->method == H1_METHOD_PRI)
      return NULL;
    p = q + 1;
  }
  if (p == end || *p != '/')
    return NULL;
  q = h1__scan_origin(p + 1, end);
  if (q == end || *q != ' ')
    return NULL;
  m->url.ptr = (const char *)p;
  m->url.len = (size_t)(q - p);
  p = q + 1;
  if (end - p < 10 || !h1__http1x_crlf(p))
    return NULL;
  m->version_major = 1;
  m->version_minor = (uint8_t)(p[7] - '0');
  return p + 10;
}

/* The status line `HTTP/1.x SP 3DIGIT SP reason CRLF`: its end, or NULL.
 * What the states S_RES_PROTO ... S_RES_LINE_ALMOST accept with these
 * bytes. */
static const unsigned char *h1__plain_status_line(const unsigned char *p,
                                                  const unsigned char *end,
                                                  struct h1_message *m) {
  const unsigned char *q;
  if (end - p < 13 || p[8] != ' ' || !H1__IS_DIGIT(p[9]) ||
      !H1__IS_DIGIT(p[10]) || !H1__IS_DIGIT(p[11]) || p[12] != ' ')
    return NULL;
  {
    uint64_t w, v11, v10;
    memcpy(&w, p, 8);
    memcpy(&v11, "HTTP/1.1", 8);
    memcpy(&v10, "HTTP/1.0", 8);
    if (w != v11 && w != v10)
      return NULL;
  }
  m->version_major = 1;
  m->version_minor = (uint8_t)(p[7] - '0');
  m->status =
      (uint16_t)((p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0'));
  q = h1__scan_line(p + 13, end);
  if (end - q < 2 || q[0] != '\r' || q[1] != '\n')
    return NULL;
  m->reason.ptr = (const char *)p + 13;
  m->reason.len = (size_t)(q - (p + 13));
  return q + 2;
}

size_t h1__head(h1_parser *P, const char *data, size_t len,
                struct h1_event *ev) {
  const unsigned char *const lo = (const unsigned char *)data, *const end =
                                                                   lo + len;
  const unsigned char *p = lo;
  struct h1_message m = {0};
  struct h1__acc a;
  unsigned state = S_DEAD;
  const char *why = NULL;
  h1_errno err;
  size_t consumed;
  if (P->h1__set.profile != H1_PROFILE_NODE || P->h1__slots == &P->h1__scratch)
    goto machine;
  p = P->h1__set.type == H1_REQUEST ? h1__plain_request_line(p, end, &m)
                                    : h1__plain_status_line(p, end, &m);
  if (p == NULL)
    goto machine;
  a.nlines = 0;
  a.nread = m.url.len + m.reason.len;
  a.cl = 0;
  a.flags = F_IN_SECTION;
  while (p < end && *p != '\r') {
    if (a.nlines >= P->h1__fast_lines)
      goto machine;
    /* the node profile; a line that begins with SP or HTAB (obs-fold) has
     * no name, and the head is declined */
    p = h1__plain_line(P, 0, 1, lo, p, end, &a);
    if (p == NULL)
      goto machine;
  }
  /* the empty line, and Node's header byte count under the limit (it only
   * grew: under it here, it was under it at every line) */
  if (end - p < 2 || p[1] != '\n' || a.nread >= P->h1__set.max_header_size)
    goto machine;
  p += 2;

  /* The head is taken: the message begins (S_START) and its head is
   * complete (S_HEADERS_ALMOST). */
  h1__message_begin_state(P); /* msg: the whole of m below */
  P->h1__nlines = a.nlines;
  P->h1__header_nread = a.nread;
  m.headers = P->h1__slots;
  m.trailers = P->h1__slots;
  m.content_length = a.cl;
  P->msg = m;
  consumed = (size_t)((const char *)p - data);
  err = h1__head_complete(P, P->h1__set.type == H1_REQUEST, &state, &a.flags,
                          &why); /* a request line here is origin-form */
  P->h1__state = (uint16_t)state;
  P->h1__flags = a.flags;
  P->nread += consumed;
  ev->data.ptr = NULL;
  ev->data.len = 0;
  ev->type = H1_EV_HEAD;
  if (err != H1_E_OK) {
    /* Not reached today: h1__head_complete fails only in the strict
     * profile or for a request Transfer-Encoding without chunked, neither
     * taken here.  Reported as the machine reports it, should that
     * change. */
    P->error = err;
    P->reason = why != NULL ? why : h1__errno_reasons[err];
    P->error_offset = P->nread;
    P->h1__state = S_DEAD;
    ev->type = H1_EV_ERROR;
  }
  return consumed;
machine: /* nothing changed: the state machine takes the head */
  return h1__execute(P, data, len, ev);
}
