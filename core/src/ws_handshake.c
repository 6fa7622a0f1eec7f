/*
 * ws_handshake.c -- the opening handshake's decisions (RFC 6455 4.1, 4.2),
 * made on h1 message views: a server's answer to an Upgrade request (101,
 * or the refusal a browser-facing server gives) and a client's verdict on
 * the server's response.  Header lists are read as RFC 9110 5.6.1 lists.
 */
#include "h1/h1_ws.h"
#include <string.h>

/* RFC 9110 tchar. */
static int is_tchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9'))
    return 1;
  return c != 0 && memchr("!#$%&'*+-.^_`|~", c, 15) != NULL;
}

static int is_ows(char c) {
  return c == ' ' || c == '\t';
}

int h1_ws_next_token(struct h1_span *list, struct h1_span *token) {
  const char *s = list->ptr;
  size_t n = list->len, i = 0, start, end;

  for (;;) {
    while (i < n && (is_ows(s[i]) || s[i] == ','))
      i++;
    if (i == n) {
      list->ptr = s + n;
      list->len = 0;
      return 0;
    }
    start = i;
    while (i < n && s[i] != ',')
      i++;
    end = i;
    while (end > start && is_ows(s[end - 1]))
      end--;
    token->ptr = s + start;
    token->len = end - start;
    list->ptr = s + i;
    list->len = n - i;
    for (i = 0; i < token->len; i++)
      if (!is_tchar((unsigned char)token->ptr[i]))
        return -1;
    return 1;
  }
}

static int span_eq(struct h1_span a, struct h1_span b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* Counts the lines named `name` (lower case), and sets *last to the value
 * (trailing OWS trimmed) of the last one. */
static size_t find(const struct h1_message *m, const char *name, size_t n,
                   struct h1_span *last) {
  size_t i, count = 0;
  for (i = 0; i < m->num_headers; i++) {
    if (h1_span_ieq(m->headers[i].name, name, n)) {
      count++;
      if (last != NULL)
        *last = h1_trim_value(m->headers[i].value);
    }
  }
  return count;
}

/* True when some line named `name` lists token `tok` (lower case, compared
 * case-insensitively). */
static int has_token(const struct h1_message *m, const char *name, size_t n,
                     const char *tok, size_t tok_len) {
  size_t i;
  struct h1_span list, t;
  int r;
  for (i = 0; i < m->num_headers; i++) {
    if (!h1_span_ieq(m->headers[i].name, name, n))
      continue;
    list = m->headers[i].value;
    while ((r = h1_ws_next_token(&list, &t)) != 0)
      if (r > 0 && h1_span_ieq(t, tok, tok_len))
        return 1;
  }
  return 0;
}

#define HAS_TOKEN(m, name, tok)                                                \
  has_token(m, name, sizeof name - 1, tok, sizeof tok - 1)
#define FIND(m, name, last) find(m, name, sizeof name - 1, last)

/* Calls f(ctx, token) on every Sec-WebSocket-Protocol token of `m` until f
 * returns non-zero; returns that, or -1 at a member that is not a token. */
static int each_protocol(const struct h1_message *m,
                         int (*f)(const void *ctx, struct h1_span t),
                         const void *ctx) {
  size_t i;
  struct h1_span list, t;
  int r, found;
  for (i = 0; i < m->num_headers; i++) {
    if (!h1_span_ieq(m->headers[i].name, "sec-websocket-protocol", 22))
      continue;
    list = m->headers[i].value;
    while ((r = h1_ws_next_token(&list, &t)) != 0) {
      if (r < 0)
        return -1;
      if ((found = f(ctx, t)) != 0)
        return found;
    }
  }
  return 0;
}

/* 1 when the protocol tokens include `name`. */
static int equals(const void *ctx, struct h1_span t) {
  return span_eq(*(const struct h1_span *)ctx, t);
}

/* How many times `name` is listed (a subprotocol offered twice is a bad
 * request, as in the `ws` package). */
static int count_of(const struct h1_message *m, struct h1_span name) {
  size_t i;
  struct h1_span list, t;
  int count = 0;
  for (i = 0; i < m->num_headers; i++) {
    if (!h1_span_ieq(m->headers[i].name, "sec-websocket-protocol", 22))
      continue;
    list = m->headers[i].value;
    while (h1_ws_next_token(&list, &t) > 0)
      count += span_eq(t, name);
  }
  return count;
}

static int duplicated(const void *ctx, struct h1_span t) {
  return count_of((const struct h1_message *)ctx, t) > 1;
}

int h1_ws_protocol_offered(const struct h1_message *req, struct h1_span name) {
  return each_protocol(req, equals, &name) > 0;
}

h1_ws_hs h1_ws_server_check(const struct h1_message *req,
                            struct h1_ws_request *out) {
  struct h1_span key, version;
  if (req->method != H1_METHOD_GET)
    return H1_WS_HS_METHOD;
  if (req->version_major < 1 ||
      (req->version_major == 1 && req->version_minor < 1))
    return H1_WS_HS_VERSION_HTTP;
  if (!HAS_TOKEN(req, "upgrade", "websocket"))
    return H1_WS_HS_UPGRADE;
  if (!HAS_TOKEN(req, "connection", "upgrade"))
    return H1_WS_HS_CONNECTION;
  if (FIND(req, "sec-websocket-key", &key) != 1 || !h1_ws_key_valid(key))
    return H1_WS_HS_KEY;
  if (FIND(req, "sec-websocket-version", &version) != 1 ||
      !span_eq(version, (struct h1_span){"13", 2}))
    return H1_WS_HS_VERSION;
  if (each_protocol(req, duplicated, req) != 0)
    return H1_WS_HS_PROTOCOL;
  out->key = key; /* h1 drops leading OWS, find() the trailing */
  out->num_protocol_lines = FIND(req, "sec-websocket-protocol", NULL);
  return H1_WS_HS_OK;
}

h1_ws_hs h1_ws_client_check(const struct h1_message *res, struct h1_span accept,
                            const struct h1_span *offered, size_t n_offered,
                            struct h1_span *protocol) {
  struct h1_span got, t, list;
  size_t i, lines;

  if (res->status != 101)
    return H1_WS_HS_STATUS;
  if (!HAS_TOKEN(res, "upgrade", "websocket"))
    return H1_WS_HS_UPGRADE;
  if (!HAS_TOKEN(res, "connection", "upgrade"))
    return H1_WS_HS_CONNECTION;
  if (FIND(res, "sec-websocket-accept", &got) != 1 || !span_eq(got, accept))
    return H1_WS_HS_ACCEPT;
  if (FIND(res, "sec-websocket-extensions", NULL) != 0)
    return H1_WS_HS_EXTENSION;
  got.ptr = NULL;
  got.len = 0;
  lines = FIND(res, "sec-websocket-protocol", &list);
  if (lines > 1)
    return H1_WS_HS_BAD_SUBPROTOCOL;
  if (lines == 1) {
    /* exactly one token, one of those offered */
    if (h1_ws_next_token(&list, &got) != 1 || h1_ws_next_token(&list, &t) != 0)
      return H1_WS_HS_BAD_SUBPROTOCOL;
    for (i = 0; i < n_offered && !span_eq(offered[i], got); i++)
      ;
    if (i == n_offered)
      return H1_WS_HS_BAD_SUBPROTOCOL;
  }
  if (protocol != NULL)
    *protocol = got;
  return H1_WS_HS_OK;
}
