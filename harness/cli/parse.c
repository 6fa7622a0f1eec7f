/*
 * parse.c -- `h1 parse`: bytes in, Node's view out (doc/cli.md, section 1).
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
    cli_out_of_memory();
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
    cli_out_of_memory();
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
          cli_out_of_memory();
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
      cli_out_of_memory();
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

  ev.type = H1_EV_NONE; /* the loop tests it before the first call */
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
  slots = malloc(nslots * sizeof(*slots));
  arena = malloc(acap);
  if (slots == NULL || arena == NULL) {
    cli_out_of_memory();
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

static int parse_run(int argc, char **argv);

const struct cli_command cli_parse = {
    "parse", "bytes in, Node's view of the messages out (one JSON object)",
    "usage: h1 parse [OPTION]... [FILE]\n"
    "\n"
    "Reads FILE (standard input when absent or '-') to its end: the bytes one\n"
    "peer sent on one connection, the end of input being that peer closing.\n"
    "Prints, as one JSON object, the messages Node 20's http module reports\n"
    "and the error that stopped parsing (doc/cli.md, section 1).\n"
    "\n"
    "  -r, --response             the bytes are responses to one request\n"
    "  -m, --method M             that request's method (default GET)\n"
    "  -p, --profile node|strict  node: Node 20 exactly (default); strict:\n"
    "                             rejects more, never accepts more\n"
    "      --insecure             Node's insecureHTTPParser: true\n"
    "      --max-header-size N    Node's maxHeaderSize (default 16384)\n"
    "      --max-headers-count N  Node's maxHeadersCount (default 2000)\n"
    "      --join-duplicate-headers  Node's joinDuplicateHeaders\n"
    "  -c, --chunk N              feed the parser N bytes at a time\n"
    "  -h, --help                 print this help\n"
    "\n"
    "Exit status: 0 no error, 1 an error stopped parsing, 2 usage error or\n"
    "unreadable input.\n",
    parse_run};

enum {
  OPT_INSECURE = 256,
  OPT_MAX_HEADER_SIZE,
  OPT_MAX_HEADERS_COUNT,
  OPT_JOIN_DUPLICATES
};

static int parse_run(int argc, char **argv) {
  static const struct option longs[] = {
      {"response", no_argument, NULL, 'r'},
      {"method", required_argument, NULL, 'm'},
      {"profile", required_argument, NULL, 'p'},
      {"insecure", no_argument, NULL, OPT_INSECURE},
      {"max-header-size", required_argument, NULL, OPT_MAX_HEADER_SIZE},
      {"max-headers-count", required_argument, NULL, OPT_MAX_HEADERS_COUNT},
      {"join-duplicate-headers", no_argument, NULL, OPT_JOIN_DUPLICATES},
      {"chunk", required_argument, NULL, 'c'},
      {NULL, 0, NULL, 0}};
  const struct cli_command *me = &cli_parse;
  struct parse_opts po;
  unsigned long long v;
  char *in;
  size_t inlen;
  int c, rc, status = 0;

  memset(&po, 0, sizeof(po));
  po.type = H1_REQUEST;
  po.method = H1_METHOD_GET;
  po.profile = H1_PROFILE_NODE;
  po.max_header_size = H1_DEFAULT_MAX_HEADER_SIZE;
  po.max_headers_count = -1;
  while ((c = cli_getopt(me, argc, argv, "rm:p:c:", longs, &status)) != -1) {
    switch (c) {
    case 'r':
      po.type = H1_RESPONSE;
      break;
    case 'm':
      po.method = method_from_name(optarg);
      if (po.method == H1_METHOD_NONE)
        return cli_usage_error(me, "unknown method '%s'", optarg);
      break;
    case 'p':
      if (cli_profile(optarg, &po.profile) != 0)
        return cli_usage_error(me, "--profile takes node or strict");
      break;
    case OPT_INSECURE:
      po.insecure = 1;
      break;
    case OPT_MAX_HEADER_SIZE:
      if (cli_number(optarg, 0x7fffffffull, &v) != 0)
        return cli_usage_error(me, "--max-header-size takes a number");
      po.max_header_size = v ? (uint32_t)v : H1_DEFAULT_MAX_HEADER_SIZE;
      break;
    case OPT_MAX_HEADERS_COUNT:
      if (cli_number(optarg, 0x3fffffffull, &v) != 0)
        return cli_usage_error(me, "--max-headers-count takes a number");
      po.max_headers_count = (int64_t)v;
      break;
    case OPT_JOIN_DUPLICATES:
      po.join_duplicates = 1;
      break;
    case 'c':
      if (cli_number(optarg, ~0ull, &v) != 0 || v == 0 || v > SIZE_MAX)
        return cli_usage_error(me, "--chunk takes a positive number");
      po.chunk = (size_t)v;
      break;
    default:
      return status;
    }
  }
  if ((rc = cli_read_operand(me, argc, argv, &in, &inlen)) != 0)
    return rc;
  rc = parse_main(&po, in, inlen);
  free(in);
  return rc;
}
