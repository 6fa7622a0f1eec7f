/*
 * io.h -- h1's private blocking byte stream: a socket or a TLS session over
 * one, read and written with deadlines.  Used by core/net's server and
 * client drivers; it knows nothing of HTTP.
 *
 * Conventions
 * -----------
 * - Sockets are non-blocking, close-on-exec, and never raise SIGPIPE
 *   (MSG_NOSIGNAL on send, SO_NOSIGPIPE where it exists; TLS writes go
 *   through a BIO that uses MSG_NOSIGNAL as well).
 * - Time is CLOCK_MONOTONIC in milliseconds (h1_io_now()).  Every blocking
 *   call takes an absolute `deadline` on that clock; H1_IO_FOREVER waits
 *   without limit, and a deadline already past polls once.
 * - Results: a count >= 0 or a negative H1_IO_* status.  On H1_IO_ERR the
 *   system's errno is kept in `s->sys_errno`; on H1_IO_TLS a one-line
 *   OpenSSL reason in `s->reason`.  A stream that failed stays usable only
 *   for h1_io_close().
 * - Threads: a stream belongs to one thread at a time; a TLS context may be
 *   shared by any number of threads once made.
 */
#ifndef H1_NET_IO_H
#define H1_NET_IO_H

#include <stddef.h>
#include <stdint.h>

#define H1_IO_FOREVER INT64_MAX

typedef enum h1_io_status {
  H1_IO_OK = 0,
  H1_IO_TIMEOUT = -1,  /* the deadline passed first */
  H1_IO_RESET = -2,    /* the peer reset the connection (ECONNRESET, EPIPE) */
  H1_IO_ERR = -3,      /* another system error: sys_errno */
  H1_IO_TLS = -4,      /* a TLS failure (handshake, verification): reason */
  H1_IO_AGAIN = -5,    /* h1_io_read_nowait only: nothing to read now */
  H1_IO_NOTFOUND = -6, /* connect: the name did not resolve (ENOTFOUND) */
  H1_IO_ABORTED = -7,  /* the stream's abort flag was set (h1_io.abort) */
  H1_IO_BIND = -8      /* connect: binding the local address failed: errno
                          in *err (EINVAL when it is not an address of the
                          destination's family) */
} h1_io_status;

/* "ok", "timeout", "reset", "error", "tls", "again", "notfound",
 * "aborted", "bind". */
const char *h1_io_status_name(int status);

typedef struct h1_io {
  int fd;           /* -1 when closed */
  void *ssl;        /* SSL *, NULL for plain TCP */
  int sys_errno;    /* H1_IO_ERR / H1_IO_RESET */
  int short_read;   /* TLS server: the last socket read got less than asked */
  char reason[128]; /* H1_IO_TLS, NUL-terminated */
  /* NULL, or a flag another thread may set (an AbortSignal): every wait
   * of this stream (read, write, TLS handshake) then stops within 50 ms
   * with H1_IO_ABORTED.  h1_io_init() sets NULL. */
  const volatile int *abort;
} h1_io;

int64_t h1_io_now(void);

/* A stream over a connected socket (takes ownership of fd). */
void h1_io_init(h1_io *s, int fd);
/* The same for a socket from h1_io_accept(), already non-blocking and
 * close-on-exec (three fcntl calls fewer per connection). */
void h1_io_init_accepted(h1_io *s, int fd);

/* Reads up to n bytes: > 0 bytes read, 0 at the peer's end of stream (FIN,
 * or TLS close_notify), or a negative status. */
long h1_io_read(h1_io *s, void *buf, size_t n, int64_t deadline);
/* The same without waiting: H1_IO_AGAIN when nothing is buffered. */
long h1_io_read_nowait(h1_io *s, void *buf, size_t n);
/* 1 when bytes are already decrypted and waiting in the TLS session (poll
 * on the fd would not see them). */
int h1_io_pending(const h1_io *s);
/* After h1_io_read_nowait returned r > 0 bytes of the n asked for: 1 when
 * it emptied the socket, so that only new bytes make it readable (plain:
 * r < n; TLS server: a socket read got less than asked, and the session
 * holds nothing more, not even part of a record). */
int h1_io_read_emptied(const h1_io *s, long r, size_t n);
/* Writes all n bytes (partial writes resumed): H1_IO_OK or a status. */
int h1_io_write_all(h1_io *s, const void *buf, size_t n, int64_t deadline);
/* Waits until the fd is readable: 1 readable, 0 timed out, < 0 status. */
int h1_io_wait_readable(h1_io *s, int64_t deadline);
/* Half-close: TLS close_notify (if TLS) and shutdown(SHUT_WR). */
void h1_io_shutdown_write(h1_io *s);
/* Frees the TLS session and closes the fd; safe on a closed stream. */
void h1_io_close(h1_io *s);
/* Closes with a reset (SO_LINGER 0) instead of a FIN. */
void h1_io_abort(h1_io *s);

/* --- Sockets -------------------------------------------------------------
 * Addresses are getaddrinfo's: host NULL or "" is the wildcard for listen
 * and localhost for connect; IPv4 and IPv6 both work. */

/* A listening socket bound to host:port (SO_REUSEADDR), backlog given;
 * the fd, or a negative status (errno in *err when err is not NULL). */
int h1_io_listen(const char *host, const char *port, int backlog, int *err);
/* The port a socket is bound to (0 on failure). */
unsigned h1_io_local_port(int fd);
/* Accepts one connection (non-blocking, close-on-exec, no SIGPIPE): the
 * fd, or -1 with errno (EAGAIN when none waits, EMFILE / ENFILE when out of
 * descriptors).  peer (may be NULL) receives "addr:port", peer_cap bytes. */
int h1_io_accept(int lfd, char *peer, size_t peer_cap);
/* Connects to host:port, trying each address until the deadline: the fd or
 * a negative status (errno in *err). */
int h1_io_connect(const char *host, const char *port, int64_t deadline,
                  int *err);
/* The same with Node's `family` (4, 6, or 0 for either) and
 * `localAddress` (a numeric address to bind first, or NULL).  A name that
 * does not resolve gives H1_IO_NOTFOUND.  `abort` (may be NULL) is checked
 * every 50 ms while a connection is under way: once it is set, the attempt
 * stops with H1_IO_ABORTED (an AbortSignal firing while connecting). */
int h1_io_connect_ex(const char *host, const char *port, int family,
                     const char *local_address, int64_t deadline,
                     const volatile int *abort, int *err);
/* TCP_NODELAY / SO_KEEPALIVE (keepalive_ms: idle time before probes). */
void h1_io_set_nodelay(int fd, int on);
void h1_io_set_keepalive(int fd, int on, unsigned keepalive_ms);

/* --- TLS (OpenSSL) -------------------------------------------------------
 * A context is an SSL_CTX; TLS 1.2 and 1.3, ALPN "http/1.1". */

typedef struct h1_tls_ctx h1_tls_ctx;

/* Server side: PEM certificate chain file and private key file.  NULL on
 * failure, with a reason in err (err_cap bytes, NUL-terminated). */
h1_tls_ctx *h1_tls_server_ctx(const char *cert_chain_file, const char *key_file,
                              char *err, size_t err_cap);
/* Client side: verifies the peer against ca_file (PEM) or, when NULL, the
 * system store; reject_unauthorized 0 skips verification (Node's
 * rejectUnauthorized: false) and must be asked for explicitly. */
h1_tls_ctx *h1_tls_client_ctx(const char *ca_file, int reject_unauthorized,
                              char *err, size_t err_cap);
void h1_tls_ctx_free(h1_tls_ctx *ctx);

/* Server handshake on s (already h1_io_init'ed), without waiting for the
 * peer's bytes: H1_IO_OK, H1_IO_AGAIN when it needs more of them (call
 * again once the socket is readable: the session is kept), or a status.
 * The deadline bounds only a wait for room to write. */
int h1_io_tls_accept(h1_io *s, h1_tls_ctx *ctx, int64_t deadline);
/* Client handshake: SNI and host name check for `servername` (may be NULL:
 * no SNI, no name check; an IP address is checked as one). */
int h1_io_tls_connect(h1_io *s, h1_tls_ctx *ctx, const char *servername,
                      int64_t deadline);
/* The ALPN protocol agreed ("" when none), e.g. "http/1.1". */
const char *h1_io_tls_alpn(const h1_io *s, size_t *len);

#endif /* H1_NET_IO_H */
