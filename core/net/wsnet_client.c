/*
 * wsnet_client.c -- new WebSocket(url, protocols): the URL and protocol
 * checks that throw in Node, and the opening handshake over h1's client
 * (h1_client.h: a GET with Upgrade, the 101 handed over with its socket).
 * The response is judged by the engine (h1_ws_client_check); the key comes
 * from OpenSSL's RAND_bytes and the expected accept from its SHA-1.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "h1/h1_client.h"
#include "wsnet_int.h"

#define MAX_PROTOCOLS 32

/* The parts of a ws:// or wss:// URL. */
struct ws_url {
  int tls;
  char host[256];
  unsigned port;
  char path[4096];
};

/* 0, or -1: not a URL Node's WebSocket takes (a SyntaxError). */
static int parse_url(const char *url, struct ws_url *u) {
  const char *p, *host, *end, *colon = NULL;
  size_t hlen;
  unsigned long port = 0;
  memset(u, 0, sizeof *u);
  if (strncmp(url, "ws://", 5) == 0) {
    p = url + 5;
  } else if (strncmp(url, "wss://", 6) == 0) {
    u->tls = 1;
    p = url + 6;
  } else {
    return -1;
  }
  if (strchr(p, '#') != NULL)
    return -1; /* a fragment */
  host = p;
  end = p + strcspn(p, "/?");
  if (*host == '[') {
    const char *close = memchr(host, ']', (size_t)(end - host));
    if (close == NULL)
      return -1;
    hlen = (size_t)(close - host - 1);
    host++;
    if (close + 1 < end) {
      if (close[1] != ':')
        return -1;
      colon = close + 1;
    }
  } else {
    colon = memchr(host, ':', (size_t)(end - host));
    hlen = (size_t)((colon != NULL ? colon : end) - host);
  }
  if (hlen == 0 || hlen >= sizeof u->host || memchr(host, '@', hlen) != NULL)
    return -1;
  memcpy(u->host, host, hlen);
  if (colon != NULL && colon + 1 < end) {
    const char *d;
    for (d = colon + 1; d < end; d++) {
      if (*d < '0' || *d > '9' || port > 65535)
        return -1;
      port = port * 10 + (unsigned long)(*d - '0');
    }
    if (port > 65535)
      return -1;
  }
  u->port = port != 0 ? (unsigned)port : u->tls ? 443 : 80;
  if (*end != '/')
    snprintf(u->path, sizeof u->path, "/%s", end);
  else if (strlen(end) < sizeof u->path)
    snprintf(u->path, sizeof u->path, "%s", end);
  else
    return -1;
  return 0;
}

/* Each protocol a token, none twice (else Node throws a SyntaxError). */
static int check_protocols(const char *const *protocols, size_t n) {
  size_t i, j;
  if (n > MAX_PROTOCOLS)
    return -1;
  for (i = 0; i < n; i++) {
    struct h1_span list, tok;
    list.ptr = protocols[i];
    list.len = strlen(protocols[i]);
    if (h1_ws_next_token(&list, &tok) != 1 || tok.ptr != protocols[i] ||
        tok.len != strlen(protocols[i]))
      return -1;
    for (j = 0; j < i; j++) {
      if (strcmp(protocols[i], protocols[j]) == 0)
        return -1;
    }
  }
  return 0;
}

static void set_err(struct h1_wsc_error *err, const char *message) {
  if (err == NULL)
    return;
  snprintf(err->code, sizeof err->code, "SyntaxError");
  snprintf(err->message, sizeof err->message, "%s", message);
}

/* The expected Sec-WebSocket-Accept for `key`. */
static void expected_accept(const char key[H1_WS_KEY_LEN],
                            char accept[H1_WS_ACCEPT_LEN]) {
  char in[H1_WS_ACCEPT_INPUT_LEN];
  unsigned char digest[SHA_DIGEST_LENGTH];
  struct h1_span k;
  k.ptr = key;
  k.len = H1_WS_KEY_LEN;
  (void)h1_ws_accept_input(k, in);
  SHA1((const unsigned char *)in, sizeof in, digest);
  h1_ws_accept_encode(digest, accept);
}

/* The handshake: 0, or -1 after h1__wsc_fail. */
static int handshake(h1_wsc *ws, const struct ws_url *u,
                     const struct h1_wsc_options *o) {
  static const char *const names[] = {
      "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
      "Sec-WebSocket-Protocol"};
  unsigned char nonce[16];
  char key[H1_WS_KEY_LEN], accept[H1_WS_ACCEPT_LEN], protos[2048];
  struct h1_span values[5], offered[MAX_PROTOCOLS], proto;
  struct h1_wfield fields[5];
  struct h1_request_options ro;
  struct h1_client_error cerr;
  struct h1_span acc;
  const char *head;
  size_t i, nf = 4, plen = 0, head_len;
  h1_creq *r;
  void *ssl;
  int fd;
  h1_ws_hs hs;

  if (h1__ws_random(nonce, sizeof nonce) != 0) {
    h1__wsc_fail(ws, "no random bytes");
    return -1;
  }
  h1_ws_key_encode(nonce, key);
  expected_accept(key, accept);
  values[0].ptr = "websocket";
  values[1].ptr = "Upgrade";
  values[2].ptr = key;
  values[2].len = H1_WS_KEY_LEN;
  values[3].ptr = "13";
  for (i = 0; i < o->nprotocols; i++) {
    plen += (size_t)snprintf(protos + plen, sizeof protos - plen, "%s%s",
                             i ? ", " : "", o->protocols[i]);
    offered[i].ptr = o->protocols[i];
    offered[i].len = strlen(o->protocols[i]);
  }
  values[4].ptr = protos;
  values[4].len = plen;
  if (o->nprotocols > 0)
    nf = 5;
  memset(fields, 0, sizeof fields);
  for (i = 0; i < nf; i++) {
    if (i != 2 && i != 4)
      values[i].len = strlen(values[i].ptr);
    fields[i].name.ptr = names[i];
    fields[i].name.len = strlen(names[i]);
    fields[i].values = &values[i];
    fields[i].nvalues = 1;
  }
  h1_request_options_default(&ro);
  ro.https = u->tls;
  ro.hostname = u->host;
  ro.port = u->port;
  ro.path = u->path;
  ro.headers = fields;
  ro.nheaders = nf;
  ro.on_upgrade = 1;
  ro.agent_mode = H1_AGENT_NONE;
  ro.connect_timeout = o->connect_timeout;
  ro.ca_file = o->ca_file;
  ro.reject_unauthorized = o->reject_unauthorized;
  r = h1_request(&ro, &cerr);
  if (r == NULL) {
    h1__wsc_fail(ws, cerr.message);
    return -1;
  }
  if (h1_creq_end(r, NULL, 0) != 0 || h1_creq_response(r) != 0 ||
      !h1_creq_upgraded(r)) {
    h1_creq_free(r);
    h1__wsc_fail(ws, "Received network error or non-101 status code.");
    return -1;
  }
  acc.ptr = accept;
  acc.len = sizeof accept;
  hs = h1_ws_client_check(h1_creq_message(r), acc, offered, o->nprotocols,
                          &proto);
  if (hs != H1_WS_HS_OK ||
      h1_creq_take_socket(r, &fd, &ssl, &head, &head_len) != 0) {
    h1_creq_free(r);
    h1__wsc_fail(ws, h1_ws_hs_reason(hs));
    return -1;
  }
  if (proto.len > 0 && proto.len < sizeof ws->protocol)
    memcpy(ws->protocol, proto.ptr, proto.len);
  h1_io_init(&ws->own, fd);
  ws->own.ssl = ssl;
  if (h1__wsc_preload(ws, head, head_len) != 0) {
    h1_creq_free(r);
    h1__wsc_fail(ws, "too many bytes after the handshake");
    return -1;
  }
  h1_creq_free(r);
  return 0;
}

h1_wsc *h1_wsc_connect(const char *url, const struct h1_wsc_options *o,
                       const struct h1_wsc_events *ev,
                       struct h1_wsc_error *err) {
  struct h1_wsc_options def;
  struct ws_url *u;
  h1_wsc *ws;
  if (o == NULL) {
    h1_wsc_options_default(&def);
    o = &def;
  }
  u = malloc(sizeof *u);
  if (u == NULL) {
    set_err(err, "out of memory");
    return NULL;
  }
  if (parse_url(url, u) != 0) {
    free(u);
    set_err(err, "Invalid URL or scheme");
    return NULL;
  }
  if (check_protocols(o->protocols, o->nprotocols) != 0) {
    free(u);
    set_err(err, "Invalid Sec-WebSocket-Protocol value");
    return NULL;
  }
  ws = h1__wsc_new(H1_WS_CLIENT, o, ev);
  if (ws == NULL) {
    free(u);
    set_err(err, "out of memory");
    return NULL;
  }
  (void)handshake(ws, u, o);
  free(u);
  return ws;
}
