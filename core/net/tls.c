/*
 * tls.c -- the TLS half of the blocking stream (io.h), on OpenSSL.  The
 * session talks to the socket through a small BIO of our own that sends
 * with MSG_NOSIGNAL, so a peer gone away gives EPIPE, never SIGPIPE.
 */
#define _GNU_SOURCE
#include "io.h"

#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long h1__io_recv(h1_io *s, void *buf, size_t n);
long h1__io_send(h1_io *s, const void *buf, size_t n);
int h1__io_wait(h1_io *s, short events, int64_t deadline);

struct h1_tls_ctx {
  SSL_CTX *ctx;
};

/* ALPN: "http/1.1" in wire form. */
static const unsigned char alpn_h11[] = {8,   'h', 't', 't', 'p',
                                         '/', '1', '.', '1'};

/* --- The socket BIO ------------------------------------------------------ */

/* A read (out 0) or write (out 1) through the socket, as a BIO answers. */
static int bio_io(BIO *b, char *buf, int n, int out) {
  h1_io s;
  long r;
  h1_io_init(&s, -1);
  s.fd = (int)BIO_get_fd(b, NULL);
  BIO_clear_retry_flags(b);
  r = out ? h1__io_send(&s, buf, (size_t)n) : h1__io_recv(&s, buf, (size_t)n);
  if (!out && BIO_get_app_data(b) != NULL) /* a server's stream */
    ((h1_io *)BIO_get_app_data(b))->short_read = r < n;
  if (r == H1_IO_AGAIN) {
    if (out)
      BIO_set_retry_write(b);
    else
      BIO_set_retry_read(b);
    return -1;
  }
  if (r < 0) {
    errno = s.sys_errno;
    return -1;
  }
  return (int)r;
}

static int bio_write(BIO *b, const char *buf, int n) {
  return bio_io(b, (char *)(uintptr_t)buf, n, 1);
}

static int bio_read(BIO *b, char *buf, int n) {
  return bio_io(b, buf, n, 0);
}

static int bio_puts(BIO *b, const char *str) {
  return bio_write(b, str, (int)strnlen(str, 1u << 30));
}

static BIO_METHOD *nosig_method;
static pthread_once_t nosig_once = PTHREAD_ONCE_INIT;

/* A socket BIO whose reads and writes are ours (send with MSG_NOSIGNAL);
 * control, create and destroy stay the socket BIO's. */
static void make_method(void) {
  const BIO_METHOD *sock = BIO_s_socket();
  BIO_METHOD *m = BIO_meth_new(BIO_TYPE_SOCKET, "h1 socket");
  if (m == NULL)
    return;
  BIO_meth_set_write(m, bio_write);
  BIO_meth_set_read(m, bio_read);
  BIO_meth_set_puts(m, bio_puts);
  BIO_meth_set_ctrl(m, BIO_meth_get_ctrl(sock));
  BIO_meth_set_create(m, BIO_meth_get_create(sock));
  BIO_meth_set_destroy(m, BIO_meth_get_destroy(sock));
  nosig_method = m;
}

static BIO *new_bio(int fd) {
  BIO *b;
  pthread_once(&nosig_once, make_method);
  if (nosig_method == NULL)
    return NULL;
  b = BIO_new(nosig_method);
  if (b != NULL)
    BIO_set_fd(b, fd, BIO_NOCLOSE);
  return b;
}

/* The first queued OpenSSL error as one line (or `fallback`). */
static void reason(char *out, size_t cap, const char *fallback) {
  unsigned long e = ERR_get_error();
  if (cap == 0)
    return;
  if (e != 0)
    ERR_error_string_n(e, out, cap);
  else
    snprintf(out, cap, "%s", fallback);
  ERR_clear_error();
}

/* --- Contexts ------------------------------------------------------------ */

static int select_alpn(SSL *ssl, const unsigned char **out,
                       unsigned char *outlen, const unsigned char *in,
                       unsigned int inlen, void *arg) {
  unsigned char *o;
  (void)ssl;
  (void)arg;
  if (SSL_select_next_proto(&o, outlen, alpn_h11, sizeof alpn_h11, in, inlen) !=
      OPENSSL_NPN_NEGOTIATED)
    return SSL_TLSEXT_ERR_NOACK; /* no ALPN agreed: go on without one */
  *out = o;
  return SSL_TLSEXT_ERR_OK;
}

static h1_tls_ctx *new_ctx(const SSL_METHOD *method, char *err,
                           size_t err_cap) {
  h1_tls_ctx *c = malloc(sizeof *c);
  if (c == NULL) {
    snprintf(err, err_cap, "out of memory");
    return NULL;
  }
  c->ctx = SSL_CTX_new(method);
  if (c->ctx == NULL) {
    reason(err, err_cap, "SSL_CTX_new failed");
    free(c);
    return NULL;
  }
  SSL_CTX_set_min_proto_version(c->ctx, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(c->ctx, TLS1_3_VERSION);
  SSL_CTX_set_mode(c->ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
                               SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                               SSL_MODE_RELEASE_BUFFERS);
  return c;
}

h1_tls_ctx *h1_tls_server_ctx(const char *cert_chain_file, const char *key_file,
                              char *err, size_t err_cap) {
  h1_tls_ctx *c = new_ctx(TLS_server_method(), err, err_cap);
  if (c == NULL)
    return NULL;
  if (SSL_CTX_use_certificate_chain_file(c->ctx, cert_chain_file) != 1 ||
      SSL_CTX_use_PrivateKey_file(c->ctx, key_file, SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(c->ctx) != 1) {
    reason(err, err_cap, "cannot load the certificate or key");
    h1_tls_ctx_free(c);
    return NULL;
  }
  SSL_CTX_set_alpn_select_cb(c->ctx, select_alpn, NULL);
  /* records read as a socket read gives them (not a header, then a body):
   * fewer reads, and a short one tells that the socket is empty */
  SSL_CTX_set_read_ahead(c->ctx, 1);
  return c;
}

h1_tls_ctx *h1_tls_client_ctx(const char *ca_file, int reject_unauthorized,
                              char *err, size_t err_cap) {
  h1_tls_ctx *c = new_ctx(TLS_client_method(), err, err_cap);
  int ok;
  if (c == NULL)
    return NULL;
  ok = ca_file != NULL ? SSL_CTX_load_verify_locations(c->ctx, ca_file, NULL)
                       : SSL_CTX_set_default_verify_paths(c->ctx);
  if (ok != 1) {
    reason(err, err_cap, "cannot load the CA certificates");
    h1_tls_ctx_free(c);
    return NULL;
  }
  SSL_CTX_set_verify(
      c->ctx, reject_unauthorized ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, NULL);
  SSL_CTX_set_alpn_protos(c->ctx, alpn_h11, sizeof alpn_h11);
  return c;
}

void h1_tls_ctx_free(h1_tls_ctx *ctx) {
  if (ctx == NULL)
    return;
  SSL_CTX_free(ctx->ctx);
  free(ctx);
}

/* --- Sessions ------------------------------------------------------------ */

/* Waits for what OpenSSL asked for after a call returned r: 1 to retry,
 * 0 for a clean end of stream, or a negative status. */
static int settle(h1_io *s, int r, int64_t deadline, int wait) {
  SSL *ssl = s->ssl;
  int e = SSL_get_error(ssl, r), w;
  short ev;
  switch (e) {
  case SSL_ERROR_WANT_READ:
    ev = POLLIN;
    break;
  case SSL_ERROR_WANT_WRITE:
    ev = POLLOUT;
    break;
  case SSL_ERROR_ZERO_RETURN:
    return 0;
  case SSL_ERROR_SYSCALL:
    ERR_clear_error();
    if (s->sys_errno == 0 && errno == 0)
      return 0; /* EOF without close_notify: an end of stream too */
    s->sys_errno = errno ? errno : s->sys_errno;
    return (s->sys_errno == ECONNRESET || s->sys_errno == EPIPE) ? H1_IO_RESET
                                                                 : H1_IO_ERR;
  default:
    reason(s->reason, sizeof s->reason, "TLS error");
    if (e == SSL_ERROR_SSL && SSL_get_verify_result(ssl) != X509_V_OK)
      snprintf(s->reason, sizeof s->reason, "certificate verify failed: %s",
               X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
    return H1_IO_TLS;
  }
  if (!wait)
    return H1_IO_AGAIN;
  w = h1__io_wait(s, ev, deadline);
  if (w == 0)
    return H1_IO_TIMEOUT;
  return w < 0 ? w : 1;
}

/* A session on s, client or server side: H1_IO_OK or H1_IO_TLS. */
static int new_session(h1_io *s, h1_tls_ctx *ctx, int server,
                       const char *servername) {
  SSL *ssl = SSL_new(ctx->ctx);
  BIO *b = new_bio(s->fd);
  if (ssl == NULL || b == NULL) {
    SSL_free(ssl);
    BIO_free(b);
    reason(s->reason, sizeof s->reason, "SSL_new failed");
    return H1_IO_TLS;
  }
  SSL_set_bio(ssl, b, b);
  s->ssl = ssl;
  if (server) {
    BIO_set_app_data(b, s); /* the server's h1_io does not move */
    SSL_set_accept_state(ssl);
  } else {
    SSL_set_connect_state(ssl);
    if (servername != NULL && servername[0]) {
      ASN1_OCTET_STRING *ip = a2i_IPADDRESS(servername);
      if (ip != NULL) {
        ASN1_OCTET_STRING_free(ip);
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), servername);
      } else {
        SSL_set_tlsext_host_name(ssl, servername);
        SSL_set1_host(ssl, servername);
      }
    }
  }
  return H1_IO_OK;
}

/* Runs the handshake until it ends, or (wait_read 0) until it waits for
 * the peer's bytes: H1_IO_AGAIN. */
static int handshake(h1_io *s, int64_t deadline, int wait_read) {
  for (;;) {
    int r, st;
    ERR_clear_error();
    errno = 0;
    r = SSL_do_handshake(s->ssl);
    if (r == 1)
      return H1_IO_OK;
    if (!wait_read && SSL_get_error(s->ssl, r) == SSL_ERROR_WANT_READ)
      return H1_IO_AGAIN;
    st = settle(s, r, deadline, 1);
    if (st == 0) {
      snprintf(s->reason, sizeof s->reason, "peer closed during handshake");
      return H1_IO_TLS;
    }
    if (st < 0)
      return st;
  }
}

int h1_io_tls_accept(h1_io *s, h1_tls_ctx *ctx, int64_t deadline) {
  if (s->ssl == NULL && new_session(s, ctx, 1, NULL) != H1_IO_OK)
    return H1_IO_TLS;
  return handshake(s, deadline, 0);
}

int h1_io_tls_connect(h1_io *s, h1_tls_ctx *ctx, const char *servername,
                      int64_t deadline) {
  if (new_session(s, ctx, 0, servername) != H1_IO_OK)
    return H1_IO_TLS;
  return handshake(s, deadline, 1);
}

const char *h1_io_tls_alpn(const h1_io *s, size_t *len) {
  const unsigned char *p = NULL;
  unsigned n = 0;
  if (s->ssl != NULL)
    SSL_get0_alpn_selected(s->ssl, &p, &n);
  *len = n;
  return p != NULL ? (const char *)p : "";
}

long h1__tls_read(h1_io *s, void *buf, size_t n, int64_t deadline, int wait) {
  int cap = n > (size_t)INT32_MAX ? INT32_MAX : (int)n;
  for (;;) {
    int r, st;
    ERR_clear_error();
    errno = 0;
    r = SSL_read(s->ssl, buf, cap);
    if (r > 0)
      return r;
    st = settle(s, r, deadline, wait);
    if (st != 1)
      return st;
  }
}

int h1__tls_write(h1_io *s, const void *buf, size_t n, int64_t deadline) {
  const char *p = buf;
  while (n > 0) {
    int cap = n > (size_t)INT32_MAX ? INT32_MAX : (int)n, r, st;
    ERR_clear_error();
    errno = 0;
    r = SSL_write(s->ssl, p, cap);
    if (r > 0) {
      p += r;
      n -= (size_t)r;
      continue;
    }
    st = settle(s, r, deadline, 1);
    if (st == 0)
      return H1_IO_RESET;
    if (st < 0)
      return st;
  }
  return H1_IO_OK;
}

int h1__tls_pending(const h1_io *s) {
  return SSL_pending(s->ssl) > 0;
}

int h1__tls_emptied(const h1_io *s) {
  return s->short_read && !SSL_has_pending(s->ssl);
}

void h1__tls_free(h1_io *s, int notify) {
  if (notify) {
    ERR_clear_error();
    SSL_shutdown(s->ssl); /* one try: never waits */
    ERR_clear_error();
    return;
  }
  SSL_free(s->ssl);
  s->ssl = NULL;
}
