/*
 * ws_log.c -- see ws_log.h.
 */
#include "ws_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ws_log_init(struct ws_log *l) {
  l->cap = 256;
  l->len = 0;
  l->buf = malloc(l->cap);
  l->buf[0] = '\0';
}

void ws_log_free(struct ws_log *l) {
  free(l->buf);
  l->buf = NULL;
  l->len = l->cap = 0;
}

void ws_log_printf(struct ws_log *l, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (l->len + (size_t)n + 1 > l->cap) {
    while (l->len + (size_t)n + 1 > l->cap)
      l->cap *= 2;
    l->buf = realloc(l->buf, l->cap);
  }
  va_start(ap, fmt);
  vsnprintf(l->buf + l->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  l->len += (size_t)n;
}

void ws_payload_init(struct ws_payload *p) {
  p->len = 0;
  p->fnv = 14695981039346656037ull;
}

void ws_payload_add(struct ws_payload *p, const void *data, size_t len) {
  const unsigned char *s = data;
  size_t i;
  for (i = 0; i < len; i++) {
    if (p->len + i < sizeof p->head)
      p->head[p->len + i] = s[i];
    p->fnv = (p->fnv ^ s[i]) * 1099511628211ull;
  }
  p->len += len;
}

void ws_payload_print(struct ws_log *l, const struct ws_payload *p) {
  size_t i;
  if (p->len > sizeof p->head) {
    ws_log_printf(l, " len=%llu fnv=%016llx", (unsigned long long)p->len,
                  (unsigned long long)p->fnv);
    return;
  }
  ws_log_printf(l, " \"");
  for (i = 0; i < p->len; i++)
    ws_log_printf(l, "%02x", p->head[i]);
  ws_log_printf(l, "\"");
}

static void print_span(struct ws_log *l, struct h1_span s) {
  struct ws_payload p;
  ws_payload_init(&p);
  ws_payload_add(&p, s.ptr, s.len);
  ws_payload_print(l, &p);
}

static void log_fail(struct ws_log *l, const h1_ws_reader *r, int offsets) {
  ws_log_printf(l, "fail %u %s", r->close_code, h1_ws_errno_name(r->error));
  if (offsets)
    ws_log_printf(l, " @%llu", (unsigned long long)r->error_offset);
  ws_log_printf(l, "\n");
}

static int broken(struct ws_log *l, const char *what) {
  ws_log_printf(l, "BROKEN %s\n", what);
  return -1;
}

/* Logs one event; returns 1 to stop feeding (error), -1 when broken. */
static int log_event(struct ws_log *l, const h1_ws_reader *r,
                     const struct h1_ws_event *ev, const char *piece,
                     size_t piece_len, struct ws_payload *msg, int *in_msg,
                     int offsets) {
  switch (ev->type) {
  case H1_WS_EV_NONE:
    return 0;
  case H1_WS_EV_MESSAGE_START:
    if (*in_msg)
      return broken(l, "MESSAGE_START inside a message");
    if (ev->opcode != H1_WS_OP_TEXT && ev->opcode != H1_WS_OP_BINARY)
      return broken(l, "MESSAGE_START opcode");
    *in_msg = (int)ev->opcode;
    ws_payload_init(msg);
    return 0;
  case H1_WS_EV_DATA:
    if (!*in_msg || (int)ev->opcode != *in_msg)
      return broken(l, "DATA outside its message");
    if (ev->data.len == 0)
      return broken(l, "empty DATA");
    if (ev->data.ptr < piece || ev->data.ptr + ev->data.len > piece + piece_len)
      return broken(l, "DATA outside the piece fed");
    ws_payload_add(msg, ev->data.ptr, ev->data.len);
    return 0;
  case H1_WS_EV_MESSAGE_END:
    if (!*in_msg || (int)ev->opcode != *in_msg)
      return broken(l, "MESSAGE_END outside its message");
    ws_log_printf(l, "%s", *in_msg == H1_WS_OP_TEXT ? "text" : "binary");
    ws_payload_print(l, msg);
    ws_log_printf(l, "\n");
    *in_msg = 0;
    return 0;
  case H1_WS_EV_PING:
  case H1_WS_EV_PONG:
    if (ev->data.len > H1_WS_MAX_CONTROL_PAYLOAD)
      return broken(l, "control payload over 125");
    ws_log_printf(l, "%s", ev->type == H1_WS_EV_PING ? "ping" : "pong");
    print_span(l, ev->data);
    ws_log_printf(l, "\n");
    return 0;
  case H1_WS_EV_CLOSE:
    if (!r->closed)
      return broken(l, "CLOSE without closed");
    ws_log_printf(l, "close %u", ev->close_code);
    print_span(l, ev->data);
    ws_log_printf(l, "\n");
    return 0;
  case H1_WS_EV_ERROR:
    if (r->error == H1_WS_E_OK || r->close_code == 0 ||
        r->close_code != h1_ws_errno_close_code(r->error))
      return broken(l, "ERROR fields");
    log_fail(l, r, offsets);
    return 1;
  }
  return broken(l, "unknown event");
}

int ws_log_run(const struct h1_ws_settings *settings, const unsigned char *in,
               size_t len, const size_t *cuts, size_t ncuts, int offsets,
               struct ws_log *log) {
  h1_ws_reader r;
  struct h1_ws_event ev;
  struct ws_payload msg;
  int in_msg = 0, rc;
  size_t k, start = 0, total = 0;

  h1_ws_reader_init(&r, settings);
  for (k = 0; k <= ncuts; k++) {
    size_t end = k < ncuts ? cuts[k] : len, n = end - start, off = 0;
    char *piece = malloc(n ? n : 1);
    if (n > 0)
      memcpy(piece, in + start, n);
    for (;;) {
      size_t used = h1_ws_read(&r, piece + off, n - off, &ev);
      if (used > n - off) {
        free(piece);
        return broken(log, "consumed more than given");
      }
      off += used;
      total += used;
      rc = log_event(log, &r, &ev, piece, n, &msg, &in_msg, offsets);
      if (rc < 0) {
        free(piece);
        return -1;
      }
      if (rc > 0) {
        free(piece);
        return 0;
      }
      if (ev.type == H1_WS_EV_NONE) {
        if (off != n) {
          free(piece);
          return broken(log, "NONE with bytes left");
        }
        break;
      }
    }
    free(piece);
    start = end;
  }
  if (r.nread != total)
    return broken(log, "nread");
  h1_ws_reader_finish(&r, &ev);
  if (ev.type == H1_WS_EV_ERROR) {
    log_fail(log, &r, offsets);
    return 0;
  }
  ws_log_printf(log, "end %s\n", r.closed ? "closed" : "open");
  return 0;
}

/* Compares a run with the reference; fills diag on a difference. */
static int same(const char *plan, const struct ws_log *got, const char *want,
                char *diag, size_t diag_len) {
  if (strcmp(got->buf, want) == 0)
    return 0;
  snprintf(diag, diag_len, "%s:\n--- want\n%.1500s--- got\n%.1500s", plan, want,
           got->buf);
  return -1;
}

static int run_plan(const struct h1_ws_settings *s, const unsigned char *in,
                    size_t len, const size_t *cuts, size_t ncuts,
                    const char *plan, const char *want, char *diag,
                    size_t diag_len) {
  struct ws_log l;
  int rc;
  ws_log_init(&l);
  rc = ws_log_run(s, in, len, cuts, ncuts, 1, &l);
  if (rc == 0)
    rc = same(plan, &l, want, diag, diag_len);
  else
    snprintf(diag, diag_len, "%s: %s", plan, l.buf);
  ws_log_free(&l);
  return rc;
}

int ws_log_check(const struct h1_ws_settings *s, const unsigned char *in,
                 size_t len, const char *expect, struct ws_log *whole,
                 char *diag, size_t diag_len) {
  struct ws_log ref, plain;
  size_t *cuts = malloc((len + 1) * sizeof *cuts), n, i, k;
  static const size_t chunks[] = {1, 2, 3, 7, 13, 64, 1000, 4096};
  uint64_t seed = 0x9E3779B97F4A7C15ull ^ len;
  char plan[64];
  int rc = -1;

  ws_log_init(&ref);
  ws_log_init(&plain);
  if (ws_log_run(s, in, len, NULL, 0, 1, &ref) != 0) {
    snprintf(diag, diag_len, "whole: %s", ref.buf);
    goto out;
  }
  if (expect != NULL) {
    ws_log_run(s, in, len, NULL, 0, 0, &plain);
    if (same("whole, against the expectation", &plain, expect, diag,
             diag_len) != 0)
      goto out;
  }
  for (i = 1; len <= 600 && i < len; i++) {
    snprintf(plan, sizeof plan, "cut at %zu", i);
    if (run_plan(s, in, len, &i, 1, plan, ref.buf, diag, diag_len) != 0)
      goto out;
  }
  for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
    if (chunks[k] >= len || (chunks[k] == 1 && len > 16384) ||
        (chunks[k] < 1000 && len > 65536))
      continue;
    for (n = 0, i = chunks[k]; i < len; i += chunks[k])
      cuts[n++] = i;
    snprintf(plan, sizeof plan, "chunks of %zu", chunks[k]);
    if (run_plan(s, in, len, cuts, n, plan, ref.buf, diag, diag_len) != 0)
      goto out;
  }
  for (k = 0; k < 4 && len > 1; k++) {
    for (n = 0, i = 0;;) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      i += 1 + (size_t)((seed >> 33) % (len / 8 + 2));
      if (i >= len)
        break;
      cuts[n++] = i;
    }
    snprintf(plan, sizeof plan, "random cuts #%zu", k);
    if (run_plan(s, in, len, cuts, n, plan, ref.buf, diag, diag_len) != 0)
      goto out;
  }
  rc = 0;
out:
  if (whole != NULL && rc == 0) {
    *whole = ref;
  } else {
    ws_log_free(&ref);
  }
  ws_log_free(&plain);
  free(cuts);
  return rc;
}
