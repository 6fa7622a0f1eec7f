/*
 * client.c -- the blocking ClientRequest (h1_client.h): a small loop around
 * the engine's client connection (h1_conn.h) over a socket the Agent lends.
 *
 * The loop (step) is BearSSL's: take the engine's next event; else send
 * what it has to send; else read what it asks for.  Every decision about
 * the response is the engine's; this file maps stream failures to Node's
 * error codes and keeps a request's own memory.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client_int.h"
#include "h1/h1_conn.h"

#define IN_CAP 16384u
#define OUT_CAP 65536u
#define NLINES 256u
#define NTRAILERS 64u

struct h1_creq {
  struct h1_request_options o;
  char *strs; /* copies of the option strings */
  h1_agent *agent;
  int own_agent;
  struct h1__sock *sock;
  int reused;
  h1_client_conn conn;
  struct h1_conn_mem mem;
  void *block; /* every buffer of mem */
  struct h1_wrequest_options ro;
  h1_method method;
  struct h1_client_error err;
  int failed, have_response, complete, upgraded, expect_continue, got_continue;
  struct h1_span pending; /* body bytes not handed to the reader yet */
  int64_t keep_hint;      /* see struct h1__sock */
  char *up_head;          /* what followed an upgrade head */
  size_t up_len;
};

void h1_request_options_default(struct h1_request_options *o) {
  memset(o, 0, sizeof(*o));
  o->set_host = 1;
  o->max_header_size = H1_DEFAULT_MAX_HEADER_SIZE;
  o->continue_timeout = 1000;
  o->reject_unauthorized = 1;
}

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

static const char aborted[] = "The operation was aborted"; /* AbortError */

static void set_error(struct h1_client_error *e, const char *code,
                      const char *fmt, const char *a, const char *b) {
  size_t n = strlen(code);
  if (n >= sizeof e->code)
    n = sizeof e->code - 1;
  memcpy(e->code, code, n);
  e->code[n] = 0;
  snprintf(e->message, sizeof e->message, fmt, a, b);
  e->offset = 0;
}

static int fail(h1_creq *r, const char *code, const char *fmt, const char *a,
                const char *b) {
  if (!r->failed)
    set_error(&r->err, code, fmt, a, b);
  r->failed = 1;
  return -1;
}

static const char *errno_code(int e) {
  const char *n = strerrorname_np(e);
  return n != NULL ? n : "EIO";
}

/* A TLS failure named as Node names it: the certificate check's OpenSSL
 * code without its X509_V_ERR_ prefix, Node's own for a host name. */
static const char *tls_code(const h1_io *s) {
  long v = s->ssl != NULL ? SSL_get_verify_result(s->ssl) : X509_V_OK;
  switch (v) {
  case X509_V_OK:
    return "EPROTO";
  case X509_V_ERR_HOSTNAME_MISMATCH:
  case X509_V_ERR_IP_ADDRESS_MISMATCH:
    return "ERR_TLS_CERT_ALTNAME_INVALID";
  case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    return "DEPTH_ZERO_SELF_SIGNED_CERT";
  case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    return "SELF_SIGNED_CERT_IN_CHAIN";
  case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    /* a lone leaf whose issuer is unknown: Node's OpenSSL names it so */
    if (sk_X509_num(SSL_get_peer_cert_chain(s->ssl)) <= 1)
      return "UNABLE_TO_VERIFY_LEAF_SIGNATURE";
    return "UNABLE_TO_GET_ISSUER_CERT_LOCALLY";
  case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    return "UNABLE_TO_VERIFY_LEAF_SIGNATURE";
  case X509_V_ERR_CERT_HAS_EXPIRED:
    return "CERT_HAS_EXPIRED";
  default:
    return "ERR_TLS_CERT_INVALID";
  }
}

/* A stream status as Node's error (`what`: "read", "write", "connect"). */
static int fail_io(h1_creq *r, int st, const char *what) {
  char m[64];
  const h1_io *s = &r->sock->io;
  switch (st) {
  case H1_IO_TIMEOUT:
    return fail(r, "ETIMEDOUT", "%s%s", "timeout", "");
  case H1_IO_ABORTED:
    return fail(r, "ABORT_ERR", "%s%s", aborted, "");
  case H1_IO_TLS:
    return fail(r, tls_code(s), "%s%s", s->reason, "");
  default:
    snprintf(m, sizeof m, "%s", errno_code(s->sys_errno));
    return fail(r, m, "%s %s", what, m);
  }
}

static int fail_write(h1_creq *r, h1_werrno e) {
  char msg[sizeof r->err.message];
  size_t n = h1_werror_format(&r->conn.writer.err, msg, sizeof msg - 1);
  msg[n < sizeof msg - 1 ? n : sizeof msg - 1] = 0;
  return fail(r, h1_werror_name(e), "%s%s", msg, "");
}

const struct h1_client_error *h1_creq_error(const h1_creq *r) {
  return r->failed ? &r->err : NULL;
}

/* ------------------------------------------------------------------------
 * Setting up: options, memory, the socket
 * ------------------------------------------------------------------------ */

static char *copy_str(char **at, const char *s) {
  char *d = *at;
  size_t n;
  if (s == NULL)
    return NULL;
  n = strlen(s) + 1;
  memcpy(d, s, n);
  *at += n;
  return d;
}

static int copy_options(h1_creq *r, const struct h1_request_options *o) {
  const char *strs[8];
  const char **dst[8];
  size_t i, total = 0;
  char *at;
  r->o = *o;
  strs[0] = o->host, dst[0] = &r->o.host;
  strs[1] = o->hostname, dst[1] = &r->o.hostname;
  strs[2] = o->local_address, dst[2] = &r->o.local_address;
  strs[3] = o->method, dst[3] = &r->o.method;
  strs[4] = o->path, dst[4] = &r->o.path;
  strs[5] = o->auth, dst[5] = &r->o.auth;
  strs[6] = o->ca_file, dst[6] = &r->o.ca_file;
  strs[7] = o->servername, dst[7] = &r->o.servername;
  for (i = 0; i < 8; i++)
    total += strs[i] != NULL ? strlen(strs[i]) + 1 : 0;
  if ((r->strs = at = malloc(total + 1)) == NULL)
    return -1;
  for (i = 0; i < 8; i++)
    *dst[i] = copy_str(&at, strs[i]);
  return 0;
}

static int alloc_mem(h1_creq *r) {
  size_t mhs = r->o.max_header_size, nslots = H1_CONN_SLOTS_FOR(mhs);
  size_t arena = H1_CONN_ARENA_FOR(mhs), head = H1_WRITER_HEAD_DEFAULT;
  size_t sz = nslots * sizeof(struct h1_header) +
              (NLINES + NTRAILERS) * sizeof(struct h1_wline) + arena + IN_CAP +
              OUT_CAP + head;
  char *p = malloc(sz);
  struct h1_conn_mem *m = &r->mem;
  if (p == NULL)
    return -1;
  r->block = p;
  m->slots = (struct h1_header *)(void *)p;
  m->nslots = nslots;
  p += nslots * sizeof(struct h1_header);
  m->lines = (struct h1_wline *)(void *)p;
  m->nlines = NLINES;
  p += NLINES * sizeof(struct h1_wline);
  m->trailers = (struct h1_wline *)(void *)p;
  m->ntrailers = NTRAILERS;
  p += NTRAILERS * sizeof(struct h1_wline);
  m->arena = p, m->arena_cap = arena, p += arena;
  m->in = p, m->in_cap = IN_CAP, p += IN_CAP;
  m->out = p, m->out_cap = OUT_CAP, p += OUT_CAP;
  m->head = p, m->head_cap = head;
  return 0;
}

static struct h1_span span_of(const char *s) {
  struct h1_span v;
  v.ptr = s;
  v.len = s != NULL ? strlen(s) : 0;
  return v;
}

static const char *host_of(const h1_creq *r) {
  return r->o.hostname != NULL ? r->o.hostname
         : r->o.host != NULL   ? r->o.host
                               : "localhost";
}

static unsigned port_of(const h1_creq *r) {
  return r->o.port ? r->o.port : r->o.https ? 443u : 80u;
}

static h1_method method_of(struct h1_span upper) {
  int m;
  for (m = 0; m < H1_METHOD__COUNT; m++) {
    const char *n = h1_method_name((h1_method)m);
    if (n != NULL && strlen(n) == upper.len &&
        memcmp(n, upper.ptr, upper.len) == 0)
      return (h1_method)m;
  }
  return H1_METHOD_GET; /* a method llhttp does not know frames as GET */
}

static void request_options(h1_creq *r) {
  struct h1_wrequest_options *ro = &r->ro;
  memset(ro, 0, sizeof(*ro));
  ro->method = span_of(r->o.method);
  ro->path = span_of(r->o.path);
  ro->host = span_of(host_of(r));
  /* Host leaves out the protocol's default port (Node's defaultPort) */
  ro->port = port_of(r);
  ro->default_port = r->o.https ? 443u : 80u;
  ro->set_host = r->o.set_host;
  ro->auth = span_of(r->o.auth);
  ro->agent_keep_alive = h1__agent_sends_keep_alive(r->agent);
  ro->headers = r->o.headers;
  ro->nheaders = r->o.nheaders;
  ro->headers_array = r->o.headers_array;
  ro->unique_headers = r->o.unique_headers;
  ro->nunique = r->o.nunique;
}

/* Node's agent.getName(), and the TLS settings an https.Agent adds. */
static void origin_name(const h1_creq *r, char *out, size_t cap) {
  int n = snprintf(out, cap, "%s:%u:%s", host_of(r), port_of(r),
                   r->o.local_address ? r->o.local_address : "");
  if (r->o.family == 4 || r->o.family == 6)
    n += snprintf(out + n, cap - (size_t)n, ":%d", r->o.family);
  if (r->o.https)
    snprintf(out + n, cap - (size_t)n, ":tls:%s:%s:%d",
             r->o.servername ? r->o.servername : "",
             r->o.ca_file ? r->o.ca_file : "", r->o.reject_unauthorized);
}

static int64_t deadline_in(uint32_t ms) {
  return ms ? h1_io_now() + ms : H1_IO_FOREVER;
}

/* Node's net.isIP(): 4, 6 or 0. */
static int ip_family(const char *s) {
  unsigned char a[16];
  if (s == NULL)
    return 0;
  return inet_pton(AF_INET, s, a) == 1    ? 4
         : inet_pton(AF_INET6, s, a) == 1 ? 6
                                          : 0;
}

static int connect_sock(h1_creq *r) {
  char port[16], errbuf[128];
  const char *host = host_of(r), *local = r->o.local_address;
  int e = 0, fd, st, family = r->o.family;
  h1_tls_ctx *ctx = NULL;
  /* what net.connect() throws before connecting */
  if (local != NULL && local[0] && !ip_family(local))
    return fail(r, "ERR_INVALID_IP_ADDRESS", "Invalid IP address: %s%s", local,
                "");
  /* dns.lookup() returns an IP address as it is, whatever the family */
  if (ip_family(host))
    family = 0;
  snprintf(port, sizeof port, "%u", port_of(r));
  if (r->o.https) {
    ctx = h1__agent_tls(r->agent, r->o.ca_file, r->o.reject_unauthorized,
                        errbuf, sizeof errbuf);
    if (ctx == NULL)
      return fail(r, "ERR_TLS_CONTEXT", "%s%s", errbuf, "");
  }
  fd = h1_io_connect_ex(host, port, family, local,
                        deadline_in(r->o.connect_timeout),
                        r->o.signal != NULL ? &r->o.signal->aborted : NULL, &e);
  if (fd == H1_IO_NOTFOUND)
    return fail(r, "ENOTFOUND", "getaddrinfo ENOTFOUND %s%s", host, "");
  if (fd == H1_IO_ABORTED)
    return fail(r, "ABORT_ERR", "%s%s", aborted, "");
  if (fd == H1_IO_BIND)
    return fail(r, errno_code(e), "bind %s %s", errno_code(e), local);
  if (fd < 0) {
    const char *code = fd == H1_IO_TIMEOUT ? "ETIMEDOUT" : errno_code(e);
    char m[96];
    snprintf(m, sizeof m, "connect %s %s:", code, host);
    return fail(r, code, "%s%s", m, port);
  }
  h1_io_init(&r->sock->io, fd);
  r->sock->io.abort = r->o.signal != NULL ? &r->o.signal->aborted : NULL;
  h1_io_set_nodelay(fd, 1);
  if (ctx != NULL) {
    st = h1_io_tls_connect(&r->sock->io, ctx,
                           r->o.servername ? r->o.servername : host,
                           deadline_in(r->o.connect_timeout));
    if (st != H1_IO_OK)
      return fail_io(r, st, "connect");
  }
  return 0;
}

h1_creq *h1_request(const struct h1_request_options *o,
                    struct h1_client_error *err) {
  h1_creq *r = calloc(1, sizeof(*r));
  struct h1_client_options co;
  char name[1024];
  h1_werrno we;
  int got;
  if (r != NULL)
    r->keep_hint = -1;
  if (r == NULL || copy_options(r, o) != 0 || alloc_mem(r) != 0) {
    set_error(err, "ENOMEM", "out of memory%s%s", "", "");
    h1_creq_free(r);
    return NULL;
  }
  if (o->agent != NULL) {
    r->agent = o->agent;
  } else if (o->agent_mode == H1_AGENT_NONE) {
    r->agent = h1_agent_new(NULL);
    r->own_agent = 1;
  } else {
    r->agent = h1_global_agent();
  }
  if (r->agent == NULL) {
    set_error(err, "ENOMEM", "out of memory%s%s", "", "");
    h1_creq_free(r);
    return NULL;
  }
  request_options(r);
  memset(&co, 0, sizeof co);
  co.profile = o->profile;
  co.lenient = o->insecure_http_parser ? H1_LENIENT_ALL : 0;
  co.max_header_size = o->max_header_size;
  co.join_duplicate_headers = o->join_duplicate_headers;
  co.on_upgrade = o->on_upgrade;
  co.on_connect = 1;
  h1_client_init(&r->conn, &co, &r->mem);
  /* what http.request() throws, before any socket */
  we = h1_writer_init_request(&r->conn.writer, o->profile, &r->ro, r->mem.lines,
                              r->mem.nlines, r->mem.trailers, r->mem.ntrailers,
                              r->mem.head, r->mem.head_cap);
  if (we != H1_WE_OK) {
    fail_write(r, we);
    *err = r->err;
    h1_creq_free(r);
    return NULL;
  }
  r->method = method_of(r->conn.writer.method);
  r->expect_continue = h1_writer_has_header(&r->conn.writer, span_of("expect"));
  origin_name(r, name, sizeof name);
  /* a signal already aborted: Node destroys the request before it writes */
  got = o->signal != NULL && o->signal->aborted
            ? -1
            : h1__agent_acquire(r->agent, name, &r->sock, o->signal,
                                deadline_in(o->timeout));
  if (got < 0) {
    if (o->signal != NULL && o->signal->aborted)
      fail(r, "ABORT_ERR", "%s%s", aborted, "");
    else
      fail(r, "ETIMEDOUT", "%s%s", "timeout", "");
  } else {
    r->reused = got == 1;
    /* the signal stops every wait on the socket from now on */
    r->sock->io.abort = o->signal != NULL ? &o->signal->aborted : NULL;
    if (got == 0)
      connect_sock(r);
    if (!r->failed) {
      we = h1_client_request(&r->conn, r->method, &r->ro);
      if (we != H1_WE_OK)
        fail_write(r, we);
    }
  }
  if (r->failed) {
    *err = r->err;
    h1_creq_free(r);
    return NULL;
  }
  return r;
}

h1_writer *h1_creq_writer(h1_creq *r) {
  return &r->conn.writer;
}
int h1_creq_reused_socket(const h1_creq *r) {
  return r->reused;
}
const struct h1_message *h1_creq_message(const h1_creq *r) {
  return r->have_response ? &r->conn.parser.msg : NULL;
}
int h1_creq_complete(const h1_creq *r) {
  return r->complete;
}
int h1_creq_upgraded(const h1_creq *r) {
  return r->upgraded;
}

/* ------------------------------------------------------------------------
 * The loop
 * ------------------------------------------------------------------------ */

static int flush(h1_creq *r) {
  const char *b;
  size_t n;
  while ((b = h1_client_send_buf(&r->conn, &n)) != NULL && n > 0) {
    int st;
    if (r->o.on_wire != NULL)
      r->o.on_wire(r->o.ctx, 0, b, n);
    st = h1_io_write_all(&r->sock->io, b, n, deadline_in(r->o.timeout));
    if (st != H1_IO_OK)
      return fail_io(r, st, "write");
    h1_client_send_ack(&r->conn, n);
  }
  return 0;
}

/* Waits until the socket is readable (1), `deadline` passes (0) or the
 * signal fires or the wait fails (-1). */
static int wait_input(h1_creq *r, int64_t deadline) {
  h1_io *s = &r->sock->io;
  int w;
  if (h1_io_pending(s))
    return 1;
  w = h1_io_wait_readable(s, deadline);
  return w < 0 ? fail_io(r, w, "read") : w;
}

/* One turn: the engine's next event (its type), H1_CEV_NONE when
 * `deadline` passed first, or -1 on an error. */
static int step(h1_creq *r, struct h1_client_event *ev, int64_t deadline) {
  for (;;) {
    unsigned st;
    h1_client_event_type t = h1_client_next(&r->conn, ev);
    if (t == H1_CEV_INFORMATION) {
      if (r->conn.parser.msg.status == 100)
        r->got_continue = 1;
      if (r->o.on_information != NULL)
        r->o.on_information(r->o.ctx, &r->conn.parser.msg);
      return t;
    }
    if (t == H1_CEV_ERROR) {
      if (ev->error != H1_CE_PARSE)
        return fail(r, h1_conn_error_code(ev->error), "%s%s",
                    h1_conn_error_message(ev->error), "");
      fail(r, h1_errno_name(r->conn.parser.error), "%s%s",
           r->conn.parser.reason, "");
      r->err.offset = r->conn.parser.error_offset;
      return -1;
    }
    if (t != H1_CEV_NONE)
      return t;
    st = h1_client_state(&r->conn);
    if (st & H1_CONN_SENDREC) {
      if (flush(r) != 0)
        return -1;
    } else if (st & H1_CONN_RECVREC) {
      size_t room;
      char *b;
      long n;
      int w = wait_input(r, deadline);
      if (w <= 0)
        return w;
      b = h1_client_recv_buf(&r->conn, &room);
      n = h1_io_read(&r->sock->io, b, room, deadline);
      if (n > 0) {
        if (r->o.on_wire != NULL)
          r->o.on_wire(r->o.ctx, 1, b, (size_t)n);
        h1_client_recv_ack(&r->conn, (size_t)n);
      } else if (n == 0) {
        h1_client_recv_eof(&r->conn);
      } else {
        return n == H1_IO_TIMEOUT ? 0 : fail_io(r, (int)n, "read");
      }
    } else {
      /* closed without an event: Node's socket hang up */
      return fail(r, "ECONNRESET", "%s%s", "socket hang up", "");
    }
  }
}

/* A turn that must not time out quietly: the idle timeout fails it. */
static int step_idle(h1_creq *r, struct h1_client_event *ev) {
  int t = step(r, ev, deadline_in(r->o.timeout));
  return t == 0 ? fail_io(r, H1_IO_TIMEOUT, "read") : t;
}

/* Node's keepSocketAlive(): /^timeout=(\d+)/ on res.headers['keep-alive']
 * (the first Keep-Alive line starts the joined value). */
static int64_t keep_alive_hint(const struct h1_message *m) {
  size_t i, k;
  for (i = 0; i < m->num_headers; i++) {
    const struct h1_span *n = &m->headers[i].name, *v = &m->headers[i].value;
    int64_t secs = 0;
    if (n->len != 10 || strncasecmp(n->ptr, "keep-alive", 10) != 0)
      continue;
    if (v->len < 9 || memcmp(v->ptr, "timeout=", 8) != 0 || v->ptr[8] < '0' ||
        v->ptr[8] > '9')
      return -1;
    for (k = 8; k < v->len && v->ptr[k] >= '0' && v->ptr[k] <= '9'; k++)
      if ((secs = secs * 10 + (v->ptr[k] - '0')) > INT32_MAX)
        secs = INT32_MAX;
    return secs > 1 ? secs * 1000 - 1000 : 0;
  }
  return -1;
}

static int on_response(h1_creq *r, const struct h1_client_event *ev) {
  r->have_response = 1;
  r->keep_hint = keep_alive_hint(&r->conn.parser.msg);
  if (ev->type == H1_CEV_UPGRADE) {
    r->upgraded = 1;
    r->complete = 1; /* Node marks an upgraded response complete */
    if (ev->data.len > 0) {
      if ((r->up_head = malloc(ev->data.len)) == NULL)
        return fail(r, "ENOMEM", "out of memory%s%s", "", "");
      memcpy(r->up_head, ev->data.ptr, ev->data.len);
      r->up_len = ev->data.len;
    }
  }
  return 0;
}

/* Expect: 100-continue: the body waits for 100, a final response or
 * continue_timeout. */
static int wait_continue(h1_creq *r) {
  int64_t until = deadline_in(r->o.continue_timeout);
  r->expect_continue = 0;
  while (!r->got_continue && !r->have_response) {
    struct h1_client_event ev;
    int t = step(r, &ev, until);
    if (t < 0)
      return -1;
    if (t == H1_CEV_NONE)
      break;
    if (t == H1_CEV_RESPONSE || t == H1_CEV_UPGRADE)
      return on_response(r, &ev);
  }
  return 0;
}

typedef h1_werrno (*write_fn)(h1_writer *w, const char *data, size_t len,
                              struct h1_wbuf *out);

static h1_werrno call_flush(h1_writer *w, const char *data, size_t len,
                            struct h1_wbuf *out) {
  (void)data, (void)len;
  return h1_writer_flush_headers(w, out);
}

/* One writer call, repeated after draining when the output was full; a
 * chunk larger than the whole output buffer goes out in pieces. */
static int write_call(h1_creq *r, write_fn fn, const char *data, size_t len) {
  h1_werrno e;
  if (r->failed)
    return -1;
  if (len > 0 && r->expect_continue && wait_continue(r) != 0)
    return -1;
  for (;;) {
    e = fn(&r->conn.writer, data, len, h1_client_out(&r->conn));
    if (e != H1_WE_NO_ROOM)
      break;
    if (h1_client_out(&r->conn)->len > 0) {
      if (flush(r) != 0)
        return -1;
      continue;
    }
    if (len < 2)
      break;
    if (write_call(r, h1_writer_write, data, len / 2) != 0)
      return -1;
    data += len / 2;
    len -= len / 2;
  }
  if (e != H1_WE_OK)
    return fail_write(r, e);
  return flush(r);
}

int h1_creq_write(h1_creq *r, const void *data, size_t len) {
  return write_call(r, h1_writer_write, data, len);
}

int h1_creq_end(h1_creq *r, const void *data, size_t len) {
  return write_call(r, h1_writer_end, data, data != NULL ? len : 0);
}

int h1_creq_flush_headers(h1_creq *r) {
  return write_call(r, call_flush, NULL, 0);
}

int h1_creq_response(h1_creq *r) {
  struct h1_client_event ev;
  if (r->have_response)
    return 0;
  if (r->failed)
    return -1;
  if (!h1_writer_headers_sent(&r->conn.writer) && h1_creq_flush_headers(r) != 0)
    return -1;
  for (;;) {
    int t = step_idle(r, &ev);
    if (t < 0)
      return -1;
    if (t == H1_CEV_RESPONSE || t == H1_CEV_UPGRADE)
      return on_response(r, &ev);
  }
}

/* After the response: the events of bytes already read (Node's parser runs
 * over the rest of the packet; an error there is the request's error). */
int h1_creq_finish(h1_creq *r) {
  struct h1_client_event ev;
  h1_client_event_type t;
  while ((t = h1_client_next(&r->conn, &ev)) != H1_CEV_NONE)
    if (t == H1_CEV_UPGRADE) {
      /* a 101 after a complete response: Node's 'upgrade' follows */
      if (on_response(r, &ev) != 0)
        break;
    } else if (t == H1_CEV_ERROR && ev.error == H1_CE_PARSE) {
      fail(r, h1_errno_name(r->conn.parser.error), "%s%s",
           r->conn.parser.reason, "");
      r->err.offset = r->conn.parser.error_offset;
    }
  return r->failed ? -1 : 0;
}

long h1_creq_read(h1_creq *r, void *buf, size_t n) {
  struct h1_client_event ev;
  if (r->pending.len == 0) {
    if (r->complete || r->upgraded)
      return 0;
    if (r->failed || h1_creq_response(r) != 0)
      return -1;
    for (;;) {
      int t = step_idle(r, &ev);
      if (t < 0)
        return -1;
      if (t == H1_CEV_RESPONSE_END) {
        r->complete = 1;
        return 0;
      }
      if (t == H1_CEV_BODY && ev.data.len > 0) {
        r->pending = ev.data;
        break;
      }
    }
  }
  if (n > r->pending.len)
    n = r->pending.len;
  memcpy(buf, r->pending.ptr, n);
  r->pending.ptr += n;
  r->pending.len -= n;
  return (long)n;
}

int h1_creq_take_socket(h1_creq *r, int *fd, void **ssl, const char **head,
                        size_t *head_len) {
  if (!r->upgraded || r->sock == NULL || r->sock->io.fd < 0)
    return -1;
  *fd = r->sock->io.fd;
  *ssl = r->sock->io.ssl;
  *head = r->up_head;
  *head_len = r->up_len;
  r->sock->io.fd = -1;
  r->sock->io.ssl = NULL;
  return 0;
}

void h1_creq_destroy(h1_creq *r) {
  if (!r->complete)
    fail(r, "ECONNRESET", "%s%s",
         r->have_response ? "aborted" : "socket hang up", "");
  if (r->sock != NULL) {
    h1_io_close(&r->sock->io);
    h1__agent_release(r->agent, r->sock, 0);
    r->sock = NULL;
  }
}

void h1_creq_free(h1_creq *r) {
  if (r == NULL)
    return;
  if (r->sock != NULL) {
    int reusable = r->complete && !r->failed && !r->upgraded &&
                   h1_writer_finished(&r->conn.writer) &&
                   h1_client_reusable(&r->conn);
    r->sock->keep_hint = r->keep_hint;
    h1__agent_release(r->agent, r->sock, reusable);
  }
  if (r->own_agent)
    h1_agent_free(r->agent);
  free(r->up_head);
  free(r->block);
  free(r->strs);
  free(r);
}
