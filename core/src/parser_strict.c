/*
 * parser_strict.c -- the strict profile's rules, out of the node profile's
 * path, and the checks of the request target against Host.
 */
#include "parser_int.h"

#include <string.h>

#include "tables.h"
#include "text.h"

/* The authority of an absolute-form target (`scheme://authority...`), or,
 * with `connect`, CONNECT's authority-form target; userinfo included.  0
 * when the target has none. */
static int h1__target_authority(const h1_parser *P, int connect,
                                struct h1_span *auth) {
  struct h1_span u = P->msg.url;
  size_t i;
  if (connect && P->msg.method == H1_METHOD_CONNECT) {
    *auth = u;
    return 1;
  }
  for (i = 0; i < u.len && H1__IS_ALPHA((unsigned char)u.ptr[i]); i++)
    ;
  if (i == 0 || u.len - i < 3 || memcmp(u.ptr + i, "://", 3) != 0)
    return 0; /* not absolute-form */
  auth->ptr = u.ptr + i + 3;
  for (auth->len = 0; i + 3 + auth->len < u.len; auth->len++) {
    char c = auth->ptr[auth->len];
    if (c == '/' || c == '?' || c == '#')
      break;
  }
  return 1;
}

/* Whether an authority, its userinfo dropped, is the Host value `host`
 * (case-insensitively). */
static int h1__same_authority(struct h1_span auth, struct h1_span host) {
  size_t i;
  for (i = auth.len; i > 0; i--) {
    if (auth.ptr[i - 1] == '@') {
      auth.ptr += i;
      auth.len -= i;
      break;
    }
  }
  if (host.len != auth.len)
    return 0;
  for (i = 0; i < host.len; i++) {
    if (H1__LOWER((unsigned char)host.ptr[i]) !=
        H1__LOWER((unsigned char)auth.ptr[i]))
      return 0;
  }
  return 1;
}

/* An absolute-form target whose authority is not the Host field's value
 * (case-insensitively; userinfo dropped): the cache-poisoning and routing
 * hazard of the checklist's rule 13.  Node ignores it; h1 reports it in
 * msg.flags for the application to act on (the strict profile rejects it:
 * h1__strict_field). */
int h1__authority_mismatch(const h1_parser *P) {
  struct h1_span auth;
  size_t i, n = P->msg.num_headers;
  if (P->h1__set.type != H1_REQUEST || P->h1__slots == &P->h1__scratch ||
      !h1__target_authority(P, 0, &auth))
    return 0;
  for (i = 0; i < n; i++) {
    if (P->h1__slots[i].name.len == 4 &&
        h1_span_ieq(P->h1__slots[i].name, "host", 4))
      return !h1__same_authority(auth, h1_trim_value(P->h1__slots[i].value));
  }
  return 1;
}

/* ------------------------------------------------------------------------
 * The strict profile's rules (each listed in the README's profile section
 * with the smuggling class it closes)
 * ------------------------------------------------------------------------ */

/* The rules run outside the node profile's path: out of line, so that the
 * machine's code and registers stay as they are without them. */
#if defined(__GNUC__) || defined(__clang__)
#define H1__STRICT_RULE __attribute__((noinline, cold))
#else
#define H1__STRICT_RULE
#endif

const char h1__too_many_lines[] =
    "More header lines than maxHeadersCount (Node would drop some)";
static const char h1__trailer_field[] =
    "Framing or routing field (Content-Length, Transfer-Encoding, Host) in "
    "trailers";

/* Host = uri-host [ ":" port ] (RFC 9110 7.2), uri-host narrowed to what
 * names a host: a DNS-style name (ALPHA DIGIT - . _ ~) or an IP literal in
 * brackets.  No userinfo, path, backslash, sub-delims or pct-encoding, which
 * hops split or decode differently.  Empty is allowed (RFC 9112 3.2). */
static int h1__host_ok(struct h1_span v) {
  const unsigned char *s = (const unsigned char *)v.ptr;
  size_t i = 0, port;
  if (v.len > 0 && s[0] == '[') {
    for (i = 1; i < v.len &&
                ((h1__cls[s[i]] & H1__C_HEX) || s[i] == ':' || s[i] == '.');
         i++)
      ;
    if (i == 1 || i == v.len || s[i] != ']')
      return 0;
    i++;
  } else {
    for (; i < v.len &&
           (H1__IS_ALPHA(s[i]) || H1__IS_DIGIT(s[i]) || s[i] == '-' ||
            s[i] == '.' || s[i] == '_' || s[i] == '~');
         i++)
      ;
  }
  if (i == v.len)
    return 1;
  if (i == 0 || s[i] != ':')
    return 0;
  port = ++i;
  while (i < v.len && H1__IS_DIGIT(s[i]))
    i++;
  return i == v.len && i - port <= 5;
}

/* Connection and Proxy-Connection = #token (RFC 9110 7.6.1).  Every member,
 * OWS trimmed, must be a token (a hop that splits on SP reads `close foo`
 * differently); none may name a framing or routing field (a hop that
 * honours it drops that field: CVE-2022-45059); `close` means close however
 * it is padded (llhttp 9.3.1 misses it before an HTAB, 9.4.2 does not).
 * `upgrade` before an HTAB, which 9.3.1 misses too, is noted for
 * h1__strict_head.  (`keep-alive` so padded is left unseen, as in Node:
 * the connection then closes, which no hop can smuggle through.)  `v` keeps
 * its trailing OWS. */
static const char *h1__strict_connection(struct h1_span v, uint32_t *flags) {
  const unsigned char *s = (const unsigned char *)v.ptr;
  size_t i = 0;
  while (i <= v.len) {
    struct h1_span t;
    int htab = 0;
    while (i < v.len && (s[i] == ' ' || s[i] == '\t'))
      i++;
    t.ptr = (const char *)s + i;
    while (i < v.len && (h1__cls[s[i]] & H1__C_TOKEN))
      i++;
    t.len = (size_t)((const char *)s + i - t.ptr);
    for (; i < v.len && (s[i] == ' ' || s[i] == '\t'); i++)
      htab |= s[i] == '\t';
    if (i < v.len && s[i] != ',')
      return "Invalid Connection header value (not a list of tokens)";
    i++;
    if (h1_span_ieq(t, "content-length", 14) ||
        h1_span_ieq(t, "transfer-encoding", 17) || h1_span_ieq(t, "host", 4))
      return "Connection option names a framing or routing field";
    if (h1_span_ieq(t, "close", 5))
      *flags |= H1_F_CONNECTION_CLOSE;
    else if (htab && h1_span_ieq(t, "upgrade", 7))
      *flags |= F_UPGRADE_HTAB;
  }
  return NULL;
}

/* The checks of one complete field line (the whole value, also when split
 * across calls or, under H1_LENIENT_HEADERS, folded).  Returns the reason
 * of a rejection (its code in *code, HPE_STRICT unless set) or NULL. */
H1__STRICT_RULE
const char *h1__strict_field(h1_parser *P, uint32_t *flags, h1_errno *code) {
  const struct h1_header *h = &P->h1__slots[P->h1__nlines - 1];
  struct h1_span v = h1_trim_value(h->value), auth;
  int trailing = (*flags & H1_F_TRAILING) != 0;
  int req = P->h1__set.type == H1_REQUEST;
  switch (h->name.len) {
  case 4:
    if (!h1_span_ieq(h->name, "host", 4))
      return NULL;
    if (trailing)
      return h1__trailer_field;
    if (!req)
      return NULL;
    if (!h1__host_ok(v))
      return "Invalid Host header value (not host[:port])";
    if (h1__target_authority(P, 0, &auth) && !h1__same_authority(auth, v))
      return "Request target authority differs from Host";
    return NULL;
  case 6:
    if (!req || trailing || !h1_span_ieq(h->name, "expect", 6))
      return NULL;
    if (*flags & F_EXPECT_LINE)
      return "More than one Expect line";
    *flags |= F_EXPECT_LINE;
    if (!(v.len == 12 && h1_span_ieq(v, "100-continue", 12))) {
      size_t i;
      for (i = 0; i + 12 <= v.len; i++) {
        struct h1_span w;
        w.ptr = v.ptr + i;
        w.len = 12;
        if (h1_span_ieq(w, "100-continue", 12))
          return "Obfuscated Expect: 100-continue";
      }
    }
    return NULL;
  case 10:
  case 16:
    if (h1_span_ieq(h->name, "connection", 10) ||
        h1_span_ieq(h->name, "proxy-connection", 16))
      return h1__strict_connection(h->value, flags);
    return NULL;
  case 14:
    return trailing && h1_span_ieq(h->name, "content-length", 14)
               ? h1__trailer_field
               : NULL;
  case 17:
    if (!h1_span_ieq(h->name, "transfer-encoding", 17))
      return NULL;
    if (trailing)
      return h1__trailer_field;
    *code = H1_E_INVALID_TRANSFER_ENCODING;
    if (req && P->msg.version_major == 1 && P->msg.version_minor == 0)
      return "Transfer-Encoding on an HTTP/1.0 request";
    if (P->h1__set.lenient & H1_LENIENT_TRANSFER_ENCODING)
      return NULL; /* the caller accepts TE.TE */
    if (*flags & F_TE_SEEN)
      return "More than one Transfer-Encoding line";
    *flags |= F_TE_SEEN;
    if (!h1_span_ieq(v, "chunked", 7))
      return "Transfer-Encoding other than chunked";
    return NULL;
  default:
    return NULL;
  }
}

/* The checks of a complete head (requests only), before it is
 * dispatched. */
H1__STRICT_RULE
const char *h1__strict_head(h1_parser *P, uint32_t flags) {
  struct h1_span auth;
  h1_method m = P->msg.method;
  int body = (flags & H1_F_TRANSFER_ENCODING) ||
             ((flags & H1_F_CONTENT_LENGTH) && P->msg.content_length > 0);
  P->h1__nchecked = 0; /* the next head's count (checking only) */
  if (P->h1__set.type != H1_REQUEST)
    return NULL;
  if (h1__target_authority(P, 1, &auth) && auth.len != 0 &&
      memchr(auth.ptr, '@', auth.len) != NULL)
    return "Userinfo in the request target";
  if (!(flags & F_HOST_SEEN) && h1__target_authority(P, 0, &auth))
    return "Absolute-form request target and no Host";
  if ((flags & F_UPGRADE_HTAB) && (flags & H1_F_UPGRADE) &&
      !(flags & H1_F_CONNECTION_UPGRADE))
    return "Upgrade with `Connection: upgrade` before an HTAB (unseen by "
           "llhttp 9.3.1)";
  if (!body)
    return NULL;
  if (m == H1_METHOD_GET || m == H1_METHOD_HEAD || m == H1_METHOD_TRACE ||
      m == H1_METHOD_CONNECT ||
      ((m == H1_METHOD_DELETE || m == H1_METHOD_OPTIONS) &&
       !(P->h1__set.lenient & H1_LENIENT_DELETE_OPTIONS_BODY)))
    return "Body on a GET, HEAD, DELETE, OPTIONS, TRACE or CONNECT request";
  if (flags & H1_F_UPGRADE)
    return "Body on an Upgrade request";
  return NULL;
}
