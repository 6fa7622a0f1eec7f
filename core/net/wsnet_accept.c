/*
 * wsnet_accept.c -- the server side of the opening handshake, inside
 * h1_http's upgrade hook: the engine judges the request
 * (h1_ws_server_check); this file answers 101 with the accept value (SHA-1
 * through OpenSSL) and the chosen subprotocol, or the refusal in the form
 * the `ws` package writes it (status, Connection: close, a text body).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include <openssl/sha.h>

#include "h1/h1_write.h"
#include "wsnet_int.h"

#define ANSWER_TIMEOUT_MS 30000

static int answer(h1_sock *sock, const char *p, size_t n) {
  return h1_io_write_all(sock, p, n, h1_io_now() + ANSWER_TIMEOUT_MS);
}

static void refuse(h1_sock *sock, h1_ws_hs hs) {
  char buf[512];
  unsigned status = h1_ws_hs_status(hs);
  const char *body = h1_ws_hs_reason(hs);
  int n = snprintf(buf, sizeof buf,
                   "HTTP/1.1 %u %s\r\nConnection: close\r\n"
                   "Content-Type: text/html\r\nContent-Length: %zu\r\n%s\r\n%s",
                   status, h1_status_text(status), strlen(body),
                   status == 426 ? "Sec-WebSocket-Version: 13\r\n" : "", body);
  if (n > 0 && (size_t)n < sizeof buf)
    (void)answer(sock, buf, (size_t)n);
  h1_io_shutdown_write(sock);
}

h1_wsc *h1_wsc_accept(h1_req *req, h1_sock *sock, const char *head,
                      size_t head_len, const struct h1_wsc_options *o,
                      const struct h1_wsc_events *ev) {
  const struct h1_message *m = h1_req_message(req);
  struct h1_ws_request rq;
  char in[H1_WS_ACCEPT_INPUT_LEN], accept[H1_WS_ACCEPT_LEN], buf[1024];
  unsigned char digest[SHA_DIGEST_LENGTH];
  const char *chosen = NULL;
  size_t i;
  int n;
  h1_ws_hs hs = h1_ws_server_check(m, &rq);
  h1_wsc *ws;
  if (hs != H1_WS_HS_OK) {
    refuse(sock, hs);
    return NULL;
  }
  for (i = 0; o != NULL && i < o->nprotocols && chosen == NULL; i++) {
    struct h1_span name;
    name.ptr = o->protocols[i];
    name.len = strlen(o->protocols[i]);
    if (h1_ws_protocol_offered(m, name))
      chosen = o->protocols[i];
  }
  ws = h1__wsc_new(H1_WS_SERVER, o, ev);
  if (ws == NULL || h1__wsc_preload(ws, head, head_len) != 0) {
    h1_wsc_free(ws);
    return NULL;
  }
  ws->sock = sock;
  (void)h1_ws_accept_input(rq.key, in);
  SHA1((const unsigned char *)in, sizeof in, digest);
  h1_ws_accept_encode(digest, accept);
  n = snprintf(buf, sizeof buf,
               "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Accept: %.*s\r\n%s%s%s"
               "\r\n",
               (int)sizeof accept, accept,
               chosen != NULL ? "Sec-WebSocket-Protocol: " : "",
               chosen != NULL ? chosen : "", chosen != NULL ? "\r\n" : "");
  if (n <= 0 || (size_t)n >= sizeof buf ||
      answer(sock, buf, (size_t)n) != H1_IO_OK) {
    h1_wsc_free(ws);
    return NULL;
  }
  if (chosen != NULL)
    snprintf(ws->protocol, sizeof ws->protocol, "%s", chosen);
  return ws;
}
