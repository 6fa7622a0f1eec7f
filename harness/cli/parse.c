/*
 * parse.c -- `h1 parse`: bytes in, Node's view out (CONTRACT.md section 1).
 *
 * Drives the engine over the whole input (optionally N bytes per call) and
 * prints Node's IncomingMessage fields for every message Node would have
 * dispatched, then the error that stopped parsing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "h1/h1.h"
#include "json.h"

struct parse_opts {
  h1_type type;
  h1_method method;
  h1_profile profile;
  int insecure;
  uint32_t max_header_size;
  int64_t max_headers_count; /* Node's option; -1 when not given */
  int join_duplicates;
  size_t chunk;
};

/* `headers` as Node builds it: an object, set-cookie as an array. */
static void emit_headers(struct buf *o, const struct h1_header *lines, size_t n,
                         int join) {
  struct h1_view_entry *ents = NULL;
  char *vb = NULL;
  size_t need = 0, k, i, nk;
  ents = calloc(n ? n : 1, sizeof(*ents));
  nk = h1_view_build(lines, n, join, ents, n, NULL, 0, &need);
  vb = malloc(need ? need : 1);
  if (ents == NULL || vb == NULL) {
    fputs("h1: out of memory\n", stderr);
    exit(2);
  }
  nk = h1_view_build(lines, n, join, ents, n, vb, need, &need);
  buf_puts(o, "{");
  for (k = 0; k < nk; k++) {
    if (k)
      buf_puts(o, ", ");
    json_str(o, ents[k].key.ptr, ents[k].key.len);
    buf_puts(o, ": ");
    if (ents[k].rule == H1_MERGE_LIST) {
      int first = 1;
      buf_puts(o, "[");
      for (i = ents[k].first; i < n; i++) {
        struct h1_span v;
        if (!h1_span_ieq(lines[i].name, ents[k].key.ptr, ents[k].key.len))
          continue;
        v = h1_trim_value(lines[i].value);
        if (!first)
          buf_puts(o, ", ");
        first = 0;
        json_str(o, v.ptr, v.len);
      }
      buf_puts(o, "]");
    } else {
      json_str(o, ents[k].joined.ptr, ents[k].joined.len);
    }
  }
  buf_puts(o, "}");
  free(ents);
  free(vb);
}

/* `headersDistinct`: every lower-cased key with all its values. */
static void emit_distinct(struct buf *o, const struct h1_header *lines,
                          size_t n) {
  size_t i, j, nk = 0;
  size_t *firsts = malloc((n ? n : 1) * sizeof(size_t));
  if (firsts == NULL) {
    fputs("h1: out of memory\n", stderr);
    exit(2);
  }
  buf_puts(o, "{");
  for (i = 0; i < n; i++) {
    for (j = 0; j < nk; j++) {
      const struct h1_span a = lines[firsts[j]].name;
      char lower[64];
      if (a.len != lines[i].name.len)
        continue;
      if (a.len <= sizeof(lower)) {
        h1_lower(lower, a.ptr, a.len);
        if (h1_span_ieq(lines[i].name, lower, a.len))
          break;
      } else {
        char *big = malloc(a.len);
        int eq;
        if (big == NULL)
          exit(2);
        h1_lower(big, a.ptr, a.len);
        eq = h1_span_ieq(lines[i].name, big, a.len);
        free(big);
        if (eq)
          break;
      }
    }
    if (j < nk)
      continue;
    firsts[nk++] = i;
  }
  for (j = 0; j < nk; j++) {
    const struct h1_span key = lines[firsts[j]].name;
    char *lower = malloc(key.len ? key.len : 1);
    int first = 1;
    if (lower == NULL)
      exit(2);
    h1_lower(lower, key.ptr, key.len);
    if (j)
      buf_puts(o, ", ");
    json_str(o, lower, key.len);
    buf_puts(o, ": [");
    for (i = firsts[j]; i < n; i++) {
      struct h1_span v;
      if (!h1_span_ieq(lines[i].name, lower, key.len))
        continue;
      v = h1_trim_value(lines[i].value);
      if (!first)
        buf_puts(o, ", ");
      first = 0;
      json_str(o, v.ptr, v.len);
    }
    buf_puts(o, "]");
    free(lower);
  }
  buf_puts(o, "}");
  free(firsts);
}

static void emit_raw(struct buf *o, const struct h1_header *lines, size_t n) {
  size_t i;
  buf_puts(o, "[");
  for (i = 0; i < n; i++) {
    struct h1_span v = h1_trim_value(lines[i].value);
    if (i)
      buf_puts(o, ", ");
    json_str(o, lines[i].name.ptr, lines[i].name.len);
    buf_puts(o, ", ");
    json_str(o, v.ptr, v.len);
  }
  buf_puts(o, "]");
}

/* The three views of one section (headers or trailers). */
static void emit_section(struct buf *o, const char *names[3],
                         const struct h1_header *lines, size_t n, int trailers,
                         const struct parse_opts *po) {
  size_t raw, merge;
  h1_node_header_counts(n, po->max_headers_count, trailers, &raw, &merge);
  buf_printf(o, "\"%s\": ", names[0]);
  emit_headers(o, lines, merge, po->join_duplicates);
  if (names[1] != NULL) {
    buf_printf(o, ", \"%s\": ", names[1]);
    emit_distinct(o, lines, merge);
  }
  buf_printf(o, ", \"%s\": ", names[2]);
  emit_raw(o, lines, raw);
}

/* The head of a message, up to and including rawHeaders. */
static void emit_head(struct buf *o, const h1_parser *p,
                      const struct parse_opts *po, int informational) {
  static const char *hnames[3] = {"headers", "headersDistinct", "rawHeaders"};
  static const char *inames[3] = {"headers", NULL, "rawHeaders"};
  const struct h1_message *m = &p->msg;
  buf_puts(o, "{");
  if (po->type == H1_REQUEST) {
    const char *name = h1_method_name(m->method);
    buf_puts(o, "\"method\": ");
    json_str(o, name, strlen(name));
    buf_puts(o, ", \"url\": ");
    json_str(o, m->url.ptr, m->url.len);
  } else {
    buf_printf(o,
               "\"statusCode\": %u, \"statusMessage\": ", (unsigned)m->status);
    json_str(o, m->reason.ptr, m->reason.len);
  }
  buf_printf(o, ", \"httpVersion\": \"%u.%u\", ", (unsigned)m->version_major,
             (unsigned)m->version_minor);
  emit_section(o, informational ? inames : hnames, m->headers, m->num_headers,
               0, po);
}

static void emit_tail(struct buf *o, const h1_parser *p,
                      const struct parse_opts *po, const struct buf *body,
                      int complete, int have_trailers) {
  static const char *tnames[3] = {"trailers", "trailersDistinct",
                                  "rawTrailers"};
  buf_puts(o, ", ");
  emit_section(o, tnames, p->msg.trailers,
               have_trailers ? p->msg.num_trailers : 0, 1, po);
  buf_puts(o, ", \"body\": ");
  json_str(o, body->ptr ? body->ptr : "", body->len);
  if (!complete)
    buf_puts(o, ", \"complete\": false");
}

static int parse_main(const struct parse_opts *po, const char *in,
                      size_t inlen) {
  struct h1_settings set;
  h1_parser p;
  struct h1_header *slots;
  char *arena;
  /* Never more lines than input bytes, never more arena than the input: a
   * huge --max-header-size costs no more memory than the input itself. */
  size_t nslots = H1_SLOTS_FOR(po->max_header_size);
  size_t acap = H1_ARENA_FOR(po->max_header_size);
  struct buf out = {0}, cur = {0}, body = {0};
  size_t off = 0, nmsg = 0;
  int in_msg = 0, informational = 0, done = 0, eof_sent = 0, finals = 0;
  int suppressed = 0, final_done = 0;
  struct h1_event ev;

  if (nslots > inlen + 2)
    nslots = inlen + 2;
  if (acap > inlen + 64)
    acap = inlen + 64;
  memset(&set, 0, sizeof(set));
  set.type = po->type;
  set.profile = po->profile;
  set.lenient = po->insecure ? H1_LENIENT_ALL : 0;
  set.max_header_size = po->max_header_size;
  set.request_method = po->method;
  set.max_headers_count = H1_HEADERS_COUNT_FROM_NODE(po->max_headers_count);
  slots = malloc(nslots * sizeof(*slots));
  arena = malloc(acap);
  if (slots == NULL || arena == NULL) {
    fputs("h1: out of memory\n", stderr);
    return 2;
  }
  h1_parser_init(&p, &set, slots, nslots, arena, acap);

  buf_puts(&out, "{\"messages\": [");
  while (!done) {
    size_t n = inlen - off;
    if (po->chunk && n > po->chunk)
      n = po->chunk;
    if (off == inlen && ev.type == H1_EV_NONE) {
      if (eof_sent)
        break;
      h1_finish(&p, &ev);
      if (ev.type == H1_EV_NONE)
        eof_sent = 1;
    } else {
      off += h1_execute(&p, in + off, n, &ev);
    }
    switch (ev.type) {
    case H1_EV_NONE:
      break;
    case H1_EV_HEAD:
      if (po->type == H1_RESPONSE && finals > 0) {
        /* Node's client destroys the socket at a second response and
         * reports nothing of it, but parses the rest of the packet: a
         * later parse error still surfaces. */
        in_msg = 0;
        suppressed = 1;
        break;
      }
      cur.len = 0;
      body.len = 0;
      informational = po->type == H1_RESPONSE &&
                      !(p.msg.flags & H1_F_IS_UPGRADE) && p.msg.status >= 100 &&
                      p.msg.status < 200 && p.msg.status != 101;
      emit_head(&cur, &p, po, informational);
      if (!informational && po->type == H1_RESPONSE)
        finals++;
      in_msg = 1;
      break;
    case H1_EV_BODY:
      if (in_msg)
        buf_put(&body, ev.data.ptr, ev.data.len);
      break;
    case H1_EV_MESSAGE_END:
      if (!in_msg)
        break;
      if (informational)
        buf_puts(&cur, ", \"informational\": true");
      else
        emit_tail(&cur, &p, po, &body, 1, 1);
      if (p.msg.flags & H1_F_IS_UPGRADE) {
        buf_puts(&cur, ", \"upgrade\": true, \"head\": ");
        json_str(&cur, in + p.nread, inlen - (size_t)p.nread);
        done = 1;
      }
      if (!informational && po->type == H1_RESPONSE)
        final_done = 1;
      buf_puts(&cur, "}");
      if (nmsg++)
        buf_puts(&out, ", ");
      buf_put(&out, cur.ptr, cur.len);
      in_msg = 0;
      break;
    case H1_EV_UPGRADE:
      done = 1;
      break;
    case H1_EV_ERROR:
      done = 1;
      break;
    }
  }
  /* A head Node dispatched, then rejected (Transfer-Encoding without
   * chunked last on a request): Node's view has the message, incomplete. */
  if (!in_msg && !suppressed && p.error != H1_E_OK && p.head_complete &&
      po->profile == H1_PROFILE_NODE) {
    cur.len = 0;
    body.len = 0;
    informational = 0;
    emit_head(&cur, &p, po, 0);
    in_msg = 1;
  }
  if (in_msg && !informational) {
    emit_tail(&cur, &p, po, &body, 0, 0);
    buf_puts(&cur, "}");
    if (nmsg++)
      buf_puts(&out, ", ");
    buf_put(&out, cur.ptr, cur.len);
  }
  /* Node's client stops reading once the final response is complete (it
   * frees the parser in socketOnData) or destroys the socket at a second
   * response head: either way the end of input is never reported. */
  if (po->type == H1_RESPONSE && (final_done || suppressed) &&
      p.error == H1_E_INVALID_EOF_STATE)
    p.error = H1_E_OK;
  buf_puts(&out, "], \"error\": ");
  if (p.error == H1_E_OK) {
    buf_puts(&out, "null");
  } else {
    const char *name = h1_errno_name(p.error);
    buf_puts(&out, "{\"code\": ");
    json_str(&out, name, strlen(name));
    buf_puts(&out, ", \"reason\": ");
    json_str(&out, p.reason, strlen(p.reason));
    buf_printf(&out, ", \"offset\": %llu}", (unsigned long long)p.error_offset);
  }
  buf_puts(&out, "}\n");
  fwrite(out.ptr, 1, out.len, stdout);
  buf_free(&out);
  buf_free(&cur);
  buf_free(&body);
  free(slots);
  free(arena);
  return p.error == H1_E_OK ? 0 : 1;
}

static h1_method method_from_name(const char *s) {
  int m;
  for (m = 1; m < H1_METHOD__COUNT; m++) {
    if (strcmp(h1_method_name((h1_method)m), s) == 0)
      return (h1_method)m;
  }
  return H1_METHOD_NONE;
}

static int parse_u64(const char *s, unsigned long long *out) {
  unsigned long long v = 0;
  if (*s == '\0')
    return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || v > (~0ull - 9) / 10)
      return -1;
    v = v * 10 + (unsigned)(*s - '0');
  }
  *out = v;
  return 0;
}

int cmd_parse(int argc, char **argv) {
  struct parse_opts po;
  const char *file = NULL;
  unsigned long long v;
  char *in;
  size_t inlen;
  int i, rc;

  memset(&po, 0, sizeof(po));
  po.type = H1_REQUEST;
  po.method = H1_METHOD_GET;
  po.profile = H1_PROFILE_NODE;
  po.max_header_size = H1_DEFAULT_MAX_HEADER_SIZE;
  po.max_headers_count = -1;
  for (i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--response") == 0) {
      po.type = H1_RESPONSE;
    } else if (strcmp(a, "--method") == 0 && i + 1 < argc) {
      po.method = method_from_name(argv[++i]);
      if (po.method == H1_METHOD_NONE)
        return usage_error("unknown method");
    } else if (strcmp(a, "--profile") == 0 && i + 1 < argc) {
      i++;
      if (strcmp(argv[i], "node") == 0)
        po.profile = H1_PROFILE_NODE;
      else if (strcmp(argv[i], "strict") == 0)
        po.profile = H1_PROFILE_STRICT;
      else
        return usage_error("--profile takes node or strict");
    } else if (strcmp(a, "--insecure") == 0) {
      po.insecure = 1;
    } else if (strcmp(a, "--max-header-size") == 0 && i + 1 < argc) {
      if (parse_u64(argv[++i], &v) != 0 || v > 0x7fffffffull)
        return usage_error("--max-header-size takes a number");
      po.max_header_size = v ? (uint32_t)v : H1_DEFAULT_MAX_HEADER_SIZE;
    } else if (strcmp(a, "--max-headers-count") == 0 && i + 1 < argc) {
      if (parse_u64(argv[++i], &v) != 0 || v > 0x3fffffffull)
        return usage_error("--max-headers-count takes a number");
      po.max_headers_count = (int64_t)v;
    } else if (strcmp(a, "--join-duplicate-headers") == 0) {
      po.join_duplicates = 1;
    } else if (strcmp(a, "--chunk") == 0 && i + 1 < argc) {
      if (parse_u64(argv[++i], &v) != 0 || v == 0)
        return usage_error("--chunk takes a positive number");
      po.chunk = (size_t)v;
    } else if (a[0] == '-' && a[1] != '\0') {
      return usage_error("unknown option");
    } else if (file == NULL) {
      file = a;
    } else {
      return usage_error("one input file at most");
    }
  }
  if (read_input(file, &in, &inlen) != 0)
    return 2;
  rc = parse_main(&po, in, inlen);
  free(in);
  return rc;
}
