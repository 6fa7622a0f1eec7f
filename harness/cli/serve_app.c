/*
 * serve_app.c -- the handlers of `h1 serve`: --echo-json and --echo-raw
 * (CONTRACT.md section 2), --hello, the Upgrade / CONNECT echo, and the
 * --log lines.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "serve.h"

static void base64(struct buf *b, const char *s, size_t n) {
  static const char tab[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const unsigned char *p = (const unsigned char *)s;
  size_t i;
  char q[4];
  for (i = 0; i + 3 <= n; i += 3) {
    q[0] = tab[p[i] >> 2];
    q[1] = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
    q[2] = tab[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
    q[3] = tab[p[i + 2] & 63];
    buf_put(b, q, 4);
  }
  if (n - i == 1) {
    q[0] = tab[p[i] >> 2];
    q[1] = tab[(p[i] & 3) << 4];
    q[2] = q[3] = '=';
    buf_put(b, q, 4);
  } else if (n - i == 2) {
    q[0] = tab[p[i] >> 2];
    q[1] = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
    q[2] = tab[(p[i + 1] & 15) << 2];
    q[3] = '=';
    buf_put(b, q, 4);
  }
}

static void b64_str(struct buf *b, const char *s, size_t n) {
  buf_put(b, "\"", 1);
  base64(b, s, n);
  buf_put(b, "\"", 1);
}

/* The whole body; -1 when the request failed. */
static int read_body(h1_req *req, struct buf *body) {
  char chunk[16384];
  long r;
  while ((r = h1_req_read(req, chunk, sizeof chunk)) > 0)
    buf_put(body, chunk, (size_t)r);
  return r < 0 ? -1 : 0;
}

static void send_json(h1_res *res, struct buf *out) {
  h1_res_set_header(res, "content-type", "application/json");
  h1_res_end(res, out->ptr, out->len);
}

/* JSON.stringify({method, uri, version, headers, body}), base64 values. */
static void echo_json(const struct serve_app *app, h1_req *req, h1_res *res) {
  const struct h1_message *m = h1_req_message(req);
  struct buf body = {0}, out = {0};
  const char *method = h1_method_name(m->method);
  char version[16];
  size_t i, raw, merge;
  if (read_body(req, &body) != 0) {
    buf_free(&body);
    return; /* Node's handler never answers a request that failed */
  }
  h1_node_header_counts(m->num_headers, app->max_headers_count, 0, &raw,
                        &merge);
  snprintf(version, sizeof version, "%u.%u", (unsigned)m->version_major,
           (unsigned)m->version_minor);
  buf_puts(&out, "{\"method\":");
  b64_str(&out, method, strlen(method));
  buf_puts(&out, ",\"uri\":");
  b64_str(&out, m->url.ptr, m->url.len);
  buf_puts(&out, ",\"version\":");
  b64_str(&out, version, strlen(version));
  buf_puts(&out, ",\"headers\":[");
  for (i = 0; i < m->num_headers && i < raw; i++) {
    buf_puts(&out, i ? ",[" : "[");
    b64_str(&out, m->headers[i].name.ptr, m->headers[i].name.len);
    buf_puts(&out, ",");
    {
      struct h1_span v = h1_trim_value(m->headers[i].value);
      b64_str(&out, v.ptr, v.len); /* rawHeaders values: trailing OWS dropped */
    }
    buf_puts(&out, "]");
  }
  buf_puts(&out, "],\"body\":");
  b64_str(&out, body.ptr, body.len);
  buf_puts(&out, "}");
  send_json(res, &out);
  buf_free(&body);
  buf_free(&out);
}

/* --echo-raw: the bytes the connection received so far, as the body, with
 * no header of its own (harness/oracle/node-echo.js --echo-raw). */
static void echo_raw(h1_req *req, h1_res *res) {
  struct buf body = {0};
  struct buf *seen = *h1_req_user(req);
  if (read_body(req, &body) != 0) {
    buf_free(&body);
    return;
  }
  buf_free(&body);
  h1_res_end(res, seen != NULL ? seen->ptr : "", seen != NULL ? seen->len : 0);
}

static void on_recv(void *ud, void **user, const char *data, size_t len) {
  struct buf *seen = *user;
  (void)ud;
  if (seen == NULL) {
    seen = calloc(1, sizeof(*seen));
    if (seen == NULL)
      return;
    *user = seen;
  }
  buf_put(seen, data, len);
}

static void on_close(void *ud, void **user) {
  struct buf *seen = *user;
  (void)ud;
  if (seen != NULL) {
    buf_free(seen);
    free(seen);
    *user = NULL;
  }
}

static void handler(void *ud, h1_req *req, h1_res *res) {
  const struct serve_app *app = ud;
  switch (app->mode) {
  case SERVE_ECHO_JSON:
    echo_json(app, req, res);
    break;
  case SERVE_ECHO_RAW:
    echo_raw(req, res);
    break;
  case SERVE_STATIC:
    serve_static(app->root, req, res);
    break;
  case SERVE_HELLO:
    h1_res_set_header(res, "content-type", "text/plain");
    h1_res_end(res, "Hello, World!", 13);
    break;
  }
}

/* Upgrade and CONNECT: the fixed answer, then an echo until the peer's
 * end. */
static void echo_socket(h1_sock *sock, const char *answer, const char *head,
                        size_t len) {
  char b[16384];
  long r;
  if (h1_sock_write(sock, answer, strlen(answer), -1) != 0)
    return;
  if (len > 0 && h1_sock_write(sock, head, len, -1) != 0)
    return;
  while ((r = h1_sock_read(sock, b, sizeof b, -1)) > 0) {
    if (h1_sock_write(sock, b, (size_t)r, -1) != 0)
      return;
  }
  h1_sock_shutdown_write(sock);
}

static void on_upgrade(void *ud, h1_req *req, h1_sock *sock, const char *head,
                       size_t len) {
  (void)ud;
  (void)req;
  echo_socket(sock,
              "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
              "Upgrade: echo\r\n\r\n",
              head, len);
}

static void on_connect(void *ud, h1_req *req, h1_sock *sock, const char *head,
                       size_t len) {
  (void)ud;
  (void)req;
  echo_socket(sock, "HTTP/1.1 200 Connection Established\r\n\r\n", head, len);
}

/* --- --log --------------------------------------------------------------- */

static void stamp(char out[32]) {
  struct timespec ts;
  struct tm tm;
  size_t n;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out + n, 32 - n, ".%03ldZ", (long)(ts.tv_nsec / 1000000) % 1000);
}

static void on_finish(void *ud, h1_req *req, h1_res *res) {
  const struct h1_message *m = h1_req_message(req);
  char t[32];
  (void)ud;
  stamp(t);
  fprintf(stderr, "%s %s %s %.*s %u %llu %lldms\n", t, h1_req_peer(req),
          h1_method_name(m->method), (int)m->url.len, m->url.ptr,
          h1_res_status(res), (unsigned long long)h1_res_bytes(res),
          (long long)(h1_http_now() - h1_req_start(req)));
}

static int on_client_error(void *ud, const struct h1_http_client_error *e,
                           h1_sock *sock) {
  char t[32];
  (void)ud;
  (void)sock;
  stamp(t);
  if (e->error == H1_CE_PARSE)
    fprintf(stderr, "%s %s error %s at %llu: %s (answer %u)\n", t, e->peer,
            h1_errno_name(e->parse_error), (unsigned long long)e->offset,
            e->reason, e->code);
  else
    fprintf(stderr, "%s %s error %s: %s (answer %u)\n", t, e->peer,
            h1_conn_error_code(e->error), e->reason, e->code);
  return 1; /* Node's default answer */
}

void serve_app_config(struct serve_app *app, struct h1_http_config *cfg) {
  cfg->ud = app;
  app->max_headers_count = cfg->http.max_headers_count;
  cfg->on_request = handler;
  if (app->mode == SERVE_ECHO_JSON) {
    cfg->on_upgrade = on_upgrade;
    cfg->on_connect = on_connect;
  }
  if (app->mode == SERVE_ECHO_RAW) {
    cfg->on_recv = on_recv;
    cfg->on_close = on_close;
  }
  if (app->log) {
    cfg->on_finish = on_finish;
    cfg->on_client_error = on_client_error;
  }
}
