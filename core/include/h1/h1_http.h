/*
 * h1_http.h -- a blocking HTTP/1.1 server over TCP and TLS with Node.js
 * 20's http.Server semantics (library h1::net, libh1net).
 *
 * The connection engine (h1_conn.h) decides everything HTTP; this layer
 * only drives it: sockets, TLS, threads and the clock.  A handler is plain
 * sequential code: it reads the request body with a blocking call and
 * writes the response with the writer's calls (h1_write.h), which block
 * while the socket is full.
 *
 *     static void hello(void *ud, h1_req *req, h1_res *res) {
 *       h1_res_set_header(res, "content-type", "text/plain");
 *       h1_res_end(res, "hello\n", 6);
 *     }
 *     struct h1_http_config cfg;
 *     h1_http_config_default(&cfg);
 *     cfg.on_request = hello;
 *     h1_http_server *s = h1_http_server_create(&cfg, err, sizeof err);
 *     h1_http_server_listen(s, "127.0.0.1", "8080", err, sizeof err);
 *     h1_http_server_wait(s);   (until h1_http_server_close from elsewhere)
 *     h1_http_server_free(s);
 *
 * Threads and memory
 * ------------------
 * `threads` worker threads share one epoll set in which every connection
 * waiting for bytes is parked; a worker with nothing to run waits in epoll
 * (one at a time: leader and followers), accepts, and runs the connections
 * that have bytes, their handlers included.  With one worker, a request is
 * read, answered and its connection parked by the same thread, as in
 * nginx's worker.  A connection idle between requests, or new and without
 * bytes yet, holds no buffer and no thread: only its socket and its state
 * (about 1.3 KiB, see h1_http_idle_bytes(); plus OpenSSL's session when
 * TLS).  A connection with bytes to read, or a request in progress, holds
 * one buffer set, from a pool:
 *     slots   H1_CONN_SLOTS_FOR(maxHeaderSize) header slots of 32 B, one
 *             per header or trailer line (Node counts a line's name and
 *             value bytes against maxHeaderSize: "a:" costs one byte, so a
 *             head may have maxHeaderSize lines, and the trailers as many),
 *     arena   H1_CONN_ARENA_FOR(maxHeaderSize),
 *     input   maxHeaderSize bytes (at least 4 KiB),
 *     output  16 KiB, head buffer maxHeaderSize + 1 KiB, 64 header lines
 * (h1_http_active_bytes() gives the sum: 1.1 MiB with the default 16 KiB,
 * 1 MiB of it slots).  That is address space; memory is used only where a
 * request writes: a small request costs about 13 KiB resident, and each
 * header line 32 B more (measured: 13 KiB with 2 lines, 37 KiB with 600).
 * A set back in the pool (64 kept) gives back the pages of all but its
 * first 4 KiB of slots.  A response chunk that does not fit the output
 * buffer is written from a temporary buffer of its size.
 *
 * Handlers run on worker threads: `threads` handlers at most run at once,
 * and a handler that blocks (reading a slow body) holds its worker; the
 * other workers go on polling and serving.  With `threads` 1 a blocking
 * handler stops the whole server until it returns (as a blocking call in
 * Node's one thread or in an nginx worker would); a TLS handshake never
 * blocks a worker (it runs a step as bytes come).
 *
 * Node's choices kept: the three timeouts as Node applies them (headers and
 * request timeouts checked every connectionsCheckingInterval), keep-alive,
 * pipelining in order, Expect, 400/408/413/431/503 answers, close and
 * half-close.  A handler that reads the whole body before it answers is
 * Node's handler that answers at 'end'; one that answers before reading
 * the body is Node's synchronous one: a parse error later in the same
 * read then replaces the first one's response (400) or closes the
 * connection after the second one's (h1_conn.h, "Parsing ahead").  Choices of
 * this layer: a response write waits at most `send_timeout` ms for the peer to
 * read (Node waits forever unless `timeout` is set); a TLS handshake must
 * finish within headersTimeout.
 */
#ifndef H1_HTTP_H
#define H1_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "h1/h1_conn.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct h1_http_server h1_http_server;
typedef struct h1_req h1_req; /* IncomingMessage */
typedef struct h1_res h1_res; /* ServerResponse */

/* 'request' (and 'checkContinue' / 'checkExpectation' when set): answer
 * with h1_res_*.  Returning without h1_res_end() ends the response as
 * res.end() would, unless the request failed (then the connection closes
 * as Node closes it); the unread rest of the body is read and dropped. */
typedef void (*h1_http_handler)(void *ud, h1_req *req, h1_res *res);

/* The byte stream under a connection (a socket or a TLS session), for the
 * hooks that take it over. */
typedef struct h1_io h1_sock;

/* 'upgrade' / 'connect': the head (h1_req_message), the socket and the
 * bytes already read after the head.  The hook owns the stream until it
 * returns; the server then closes it. */
typedef void (*h1_http_upgrade)(void *ud, h1_req *req, h1_sock *sock,
                                const char *head, size_t head_len);

/* What a connection-level error ('clientError') is. */
struct h1_http_client_error {
  h1_conn_error error; /* H1_CE_PARSE: parse_error / offset / reason */
  h1_errno parse_error;
  uint64_t offset;
  const char *reason;
  unsigned code;    /* the status Node answers with, 0: a silent close */
  const char *peer; /* "addr:port" */
};

/* 'clientError': return 1 for Node's default (its canned answer, then
 * close), 0 to close without it (the hook may write its own bytes first
 * with h1_io_write_all on `sock`). */
typedef int (*h1_http_client_error_fn)(void *ud,
                                       const struct h1_http_client_error *e,
                                       h1_sock *sock);

/* 'finish' of every response (for access logs). */
typedef void (*h1_http_finish)(void *ud, h1_req *req, h1_res *res);

/* A tap on the bytes a connection receives ('data' on the socket), and
 * its 'close'; `user` is the connection's pointer (h1_req_user), NULL at
 * first.  Called on the connection's worker (on_close: on any thread,
 * with the server's lock held: keep it short). */
typedef void (*h1_http_recv_fn)(void *ud, void **user, const char *data,
                                size_t len);
typedef void (*h1_http_close_fn)(void *ud, void **user);

struct h1_http_config {
  struct h1_server_options http; /* Node's createServer options */
  uint32_t timeout; /* server.timeout, ms, 0: none (as Node: not between a
                       keep-alive response and the next head) */
  int no_delay;     /* noDelay, 1 */
  int keep_alive;   /* keepAlive (SO_KEEPALIVE), 0 */
  uint32_t keep_alive_initial_delay; /* keepAliveInitialDelay, ms, 0 */
  uint32_t send_timeout;             /* ms a write may wait, 300000 */
  unsigned threads;                  /* worker threads, 4 */
  int backlog;                       /* listen backlog, 511 */
  const char *tls_cert;              /* PEM chain file: HTTPS when set */
  const char *tls_key;               /* PEM key file */
  void *ud;                          /* passed to every hook */
  h1_http_handler on_request;
  h1_http_handler on_check_continue;       /* may be NULL */
  h1_http_handler on_check_expectation;    /* may be NULL */
  h1_http_upgrade on_upgrade;              /* may be NULL */
  h1_http_upgrade on_connect;              /* may be NULL */
  h1_http_client_error_fn on_client_error; /* may be NULL */
  h1_http_finish on_finish;                /* may be NULL */
  h1_http_recv_fn on_recv;                 /* may be NULL */
  h1_http_close_fn on_close;               /* may be NULL */
};

void h1_http_config_default(struct h1_http_config *cfg);

/* Bytes held by an idle connection / by a connection with a request in
 * progress (buffers), for this configuration. */
size_t h1_http_idle_bytes(const struct h1_http_config *cfg);
size_t h1_http_active_bytes(const struct h1_http_config *cfg);

/* createServer: NULL with a reason in err on failure. */
h1_http_server *h1_http_server_create(const struct h1_http_config *cfg,
                                      char *err, size_t err_cap);
/* listen(port, host): binds and starts the threads; 0 or -1 (err). */
int h1_http_server_listen(h1_http_server *s, const char *host, const char *port,
                          char *err, size_t err_cap);
/* server.address().port */
unsigned h1_http_server_port(const h1_http_server *s);
/* close(): no new connections, idle ones closed, the others when their
 * response ends.  Safe from any thread (not from a signal handler). */
void h1_http_server_close(h1_http_server *s);
void h1_http_server_close_idle_connections(h1_http_server *s);
void h1_http_server_close_all_connections(h1_http_server *s);
/* Blocks until closed and every connection is gone. */
void h1_http_server_wait(h1_http_server *s);
/* Connections open now. */
size_t h1_http_server_connections(h1_http_server *s);
void h1_http_server_free(h1_http_server *s);

/* --- The socket, for hooks ----------------------------------------------
 * timeout_ms < 0: no limit.  Read: > 0 bytes, 0 at the peer's end, -1 on
 * an error or timeout.  Write: 0 when all was sent, -1 otherwise. */
long h1_sock_read(h1_sock *sock, void *buf, size_t cap, int timeout_ms);
int h1_sock_write(h1_sock *sock, const void *buf, size_t len, int timeout_ms);
void h1_sock_shutdown_write(h1_sock *sock);

/* --- The request --------------------------------------------------------- */

/* The head (method, url, version, headers, rawHeaders order). */
const struct h1_message *h1_req_message(const h1_req *req);
const char *h1_req_peer(const h1_req *req);
/* Milliseconds on the server's monotonic clock. */
int64_t h1_http_now(void);
/* h1_http_now() when the handler was called. */
int64_t h1_req_start(const h1_req *req);
/* The connection's user pointer (see h1_http_recv_fn). */
void **h1_req_user(h1_req *req);
/* Reads body bytes: > 0, 0 at the end of the body, -1 when the request
 * failed (aborted, timed out, a parse error: the connection closes). */
long h1_req_read(h1_req *req, void *buf, size_t cap);

/* --- The response: ServerResponse, through the writer --------------------
 * Strings are NUL-terminated here; spans are copied into the response's
 * own storage only as the writer needs (names and values given to
 * set_header must stay valid until the head is written).  Every call
 * returns the writer's result (H1_WE_OK, or Node's error); a socket error
 * gives H1_WE_WRITE_AFTER_END and the connection closes. */
h1_writer *h1_res_writer(h1_res *res); /* for the calls not wrapped here */
h1_werrno h1_res_set_header(h1_res *res, const char *name, const char *value);
h1_werrno h1_res_write_head(h1_res *res, int status, const char *reason);
h1_werrno h1_res_write(h1_res *res, const void *data, size_t len);
h1_werrno h1_res_end(h1_res *res, const void *data, size_t len);
h1_werrno h1_res_write_continue(h1_res *res);
h1_werrno h1_res_write_early_hints(h1_res *res, const char *link);
h1_werrno h1_res_add_trailer(h1_res *res, const char *name, const char *value);
/* Runs a writer call (h1_write.h) that appends to `out`, flushing the
 * socket when it needs room; for the calls not wrapped above. */
h1_werrno h1_res_call(h1_res *res,
                      h1_werrno (*fn)(h1_writer *w, struct h1_wbuf *out,
                                      void *arg),
                      void *arg);
/* Status and body bytes written so far (for logs). */
unsigned h1_res_status(const h1_res *res);
uint64_t h1_res_bytes(const h1_res *res);

#ifdef __cplusplus
}
#endif

#endif /* H1_HTTP_H */
