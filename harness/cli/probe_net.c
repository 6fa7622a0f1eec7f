/*
 * probe_net.c -- one exchange of `h1 probe`: a fresh connection, the case's
 * bytes out (whole, or in pieces at its split points), a half-close, and
 * everything the server sends until it ends the connection or the time is
 * up.  Raw bytes both ways, over core/net's stream layer.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../core/net/io.h"
#include "probe.h"

#define PROBE_MAX_RESPONSE (1u << 20)
#define PROBE_SPLIT_PAUSE_MS 50

int probe_target_parse(const char *s, struct probe_target *t) {
  const char *colon = strrchr(s, ':');
  size_t hl;
  if (colon == NULL || colon[1] == '\0')
    return -1;
  hl = (size_t)(colon - s);
  if (s[0] == '[' && hl >= 2 && s[hl - 1] == ']') {
    s++;
    hl -= 2;
  }
  if (hl >= sizeof t->host || strlen(colon + 1) >= sizeof t->port)
    return -1;
  memcpy(t->host, s, hl);
  t->host[hl] = '\0';
  memcpy(t->port, colon + 1, strlen(colon + 1) + 1);
  return 0;
}

static void pause_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

static int write_pieces(h1_io *s, const char *req, size_t len,
                        const size_t *splits, size_t nsplit, int64_t deadline) {
  size_t at = 0, i;
  for (i = 0; i <= nsplit; i++) {
    size_t end =
        i < nsplit && splits[i] > at && splits[i] < len ? splits[i] : len;
    int rc;
    if (end <= at && i < nsplit)
      continue;
    rc = h1_io_write_all(s, req + at, end - at, deadline);
    if (rc != H1_IO_OK)
      return rc;
    at = end;
    if (at < len)
      pause_ms(PROBE_SPLIT_PAUSE_MS);
  }
  return H1_IO_OK;
}

int probe_exchange(struct probe_target *t, const char *req, size_t len,
                   const size_t *splits, size_t nsplit, struct probe_result *r,
                   char *err, size_t errcap) {
  int64_t t0 = h1_io_now(), deadline = t0 + t->timeout_ms;
  int e = 0, fd, rc;
  h1_io s;
  char chunk[16384];
  fd = h1_io_connect(t->host, t->port, deadline, &e);
  if (fd < 0) {
    snprintf(err, errcap, "cannot connect to %s:%s (%s)", t->host, t->port,
             strerror(e));
    return -1;
  }
  h1_io_init(&s, fd);
  h1_io_set_nodelay(fd, 1);
  if (t->tls_ctx != NULL) {
    rc = h1_io_tls_connect(&s, t->tls_ctx, t->host, deadline);
    if (rc != H1_IO_OK) {
      snprintf(err, errcap, "TLS handshake with %s:%s failed: %s", t->host,
               t->port, s.reason);
      h1_io_close(&s);
      return -1;
    }
  }
  r->end = "eof";
  rc = write_pieces(&s, req, len, splits, nsplit, deadline);
  if (rc == H1_IO_OK)
    h1_io_shutdown_write(&s);
  /* A write the server cut short (it rejected and closed) is an answer
   * too: read what it said before it closed. */
  for (;;) {
    long n = h1_io_read(&s, chunk, sizeof chunk, deadline);
    if (n > 0) {
      size_t room = PROBE_MAX_RESPONSE - r->response.len;
      buf_put(&r->response, chunk, (size_t)n < room ? (size_t)n : room);
      continue;
    }
    if (n == H1_IO_TIMEOUT)
      r->end = "timeout";
    else if (n == H1_IO_RESET)
      r->end = "reset";
    else if (n < 0)
      r->end = "error";
    break;
  }
  h1_io_close(&s);
  r->ms = (long)(h1_io_now() - t0);
  return 0;
}
