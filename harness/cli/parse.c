/*
 * parse.c -- `h1 parse`: bytes in, Node's view out (doc/cli.md, section 1).
 *
 * Feeds the input to a server connection (requests) or a client connection
 * (responses), optionally N bytes per read, and prints Node's
 * IncomingMessage fields for every message the connection reports, then the
 * error that stopped parsing.  Which messages Node reports is the
 * connection's decision (h1_conn.h); this file only formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "h1/h1.h"
#include "h1/h1_conn.h"
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
  int each; /* --each: every operand is an input of its own */
};

/* `headers` as Node builds it: an object, set-cookie as an array. */
void emit_headers(struct buf *o, const struct h1_header *lines, size_t n,
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

void emit_raw(struct buf *o, const struct h1_header *lines, size_t n) {
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

/* One message record of the output being built. */
struct rec {
  struct buf out, cur, body;
  size_t nmsg;
  int in_msg;
};

static void rec_close(struct rec *r) {
  buf_puts(&r->cur, "}");
  if (r->nmsg++)
    buf_puts(&r->out, ", ");
  buf_put(&r->out, r->cur.ptr, r->cur.len);
  r->in_msg = 0;
}

static void rec_head(struct rec *r, const h1_parser *p,
                     const struct parse_opts *po, int informational) {
  r->cur.len = 0;
  r->body.len = 0;
  emit_head(&r->cur, p, po, informational);
  r->in_msg = 1;
}

/* A message Node handed over as an upgrade / connect: its head, no body,
 * and every input byte after the head. */
static void rec_upgrade(struct rec *r, const h1_parser *p,
                        const struct parse_opts *po, const char *in,
                        size_t inlen) {
  rec_head(r, p, po, 0);
  emit_tail(&r->cur, p, po, &r->body, 1, 1);
  buf_puts(&r->cur, ", \"upgrade\": true, \"head\": ");
  json_str(&r->cur, in + p->nread, inlen - (size_t)p->nread);
  rec_close(r);
}

/* Feeds the input to a connection, `chunk` bytes per read, then its end;
 * `events` runs after each read until the connection has nothing more. */
struct feed {
  void *conn;
  char *(*recv_buf)(void *c, size_t *len);
  void (*recv_ack)(void *c, size_t n);
  void (*recv_eof)(void *c);
  int (*events)(void *c, void *ctx); /* nonzero: stop */
};

static void feed_all(const struct feed *f, const char *in, size_t inlen,
                     size_t chunk, void *ctx) {
  size_t off = 0;
  while (off < inlen) {
    size_t room, n = inlen - off;
    char *b = f->recv_buf(f->conn, &room);
    if (chunk && n > chunk)
      n = chunk;
    if (n > room)
      n = room;
    memcpy(b, in + off, n);
    f->recv_ack(f->conn, n);
    off += n;
    if (f->events(f->conn, ctx))
      return;
  }
  f->recv_eof(f->conn);
  (void)f->events(f->conn, ctx);
}

struct pctx {
  const struct parse_opts *po;
  const char *in;
  size_t inlen;
  struct rec *r;
};

/* The server connection as the oracle's Node server runs it: listeners for
 * everything, no Host rule, and a handler that never answers. */
static char *srv_recv_buf(void *c, size_t *len) {
  return h1_server_recv_buf(c, len);
}
static void srv_recv_ack(void *c, size_t n) {
  h1_server_recv_ack(c, n, 0);
}
static void srv_recv_eof(void *c) {
  h1_server_recv_eof(c, 0);
}
static int srv_events(void *conn, void *ctx) {
  h1_server_conn *c = conn;
  struct pctx *x = ctx;
  struct h1_server_event ev;
  size_t n;
  for (;;) {
    h1_server_send_ack(c, (h1_server_send_buf(c, &n), n), 0);
    switch (h1_server_next(c, 0, &ev)) {
    case H1_SEV_NONE:
      return 0;
    case H1_SEV_REQUEST:
      h1_server_skip_response(c);
      rec_head(x->r, &c->parser, x->po, 0);
      break;
    case H1_SEV_BODY:
      buf_put(&x->r->body, ev.data.ptr, ev.data.len);
      break;
    case H1_SEV_REQUEST_END:
      emit_tail(&x->r->cur, &c->parser, x->po, &x->r->body, 1, 1);
      rec_close(x->r);
      break;
    case H1_SEV_UPGRADE:
      rec_upgrade(x->r, &c->parser, x->po, x->in, x->inlen);
      return 1;
    case H1_SEV_CLIENT_ERROR:
      return 1;
    }
  }
}

/* The client connection as the oracle's http.request: 'upgrade' and
 * 'connect' listeners, nothing written (the request is the oracle's). */
static char *cli_recv_buf(void *c, size_t *len) {
  return h1_client_recv_buf(c, len);
}
static void cli_recv_ack(void *c, size_t n) {
  h1_client_recv_ack(c, n);
}
static void cli_recv_eof(void *c) {
  h1_client_recv_eof(c);
}
static int cli_events(void *conn, void *ctx) {
  h1_client_conn *c = conn;
  struct pctx *x = ctx;
  struct h1_client_event ev;
  for (;;) {
    switch (h1_client_next(c, &ev)) {
    case H1_CEV_NONE:
      return 0;
    case H1_CEV_INFORMATION:
      rec_head(x->r, &c->parser, x->po, 1);
      buf_puts(&x->r->cur, ", \"informational\": true");
      rec_close(x->r);
      break;
    case H1_CEV_RESPONSE:
      rec_head(x->r, &c->parser, x->po, 0);
      break;
    case H1_CEV_BODY:
      buf_put(&x->r->body, ev.data.ptr, ev.data.len);
      break;
    case H1_CEV_RESPONSE_END:
      emit_tail(&x->r->cur, &c->parser, x->po, &x->r->body, 1, 1);
      rec_close(x->r);
      break;
    case H1_CEV_UPGRADE:
      rec_upgrade(x->r, &c->parser, x->po, x->in, x->inlen);
      return 1;
    case H1_CEV_ERROR:
      return 1;
    }
  }
}

static int parse_main(const struct parse_opts *po, const char *in,
                      size_t inlen) {
  static h1_server_conn srv;
  static h1_client_conn cli;
  struct h1_conn_mem mem;
  const h1_parser *p;
  struct rec r;
  struct pctx x;
  struct feed f;
  /* Never more lines than input bytes, never more arena than the input: a
   * huge --max-header-size costs no more memory than the input itself. */
  size_t nslots = H1_CONN_SLOTS_FOR(po->max_header_size);
  size_t acap = H1_CONN_ARENA_FOR(po->max_header_size);
  static struct h1_wline lines[16];
  static char head[1024], out[1024];

  if (nslots > inlen + 2)
    nslots = inlen + 2;
  if (acap > inlen + 64)
    acap = inlen + 64;
  memset(&mem, 0, sizeof(mem));
  mem.slots = malloc(nslots * sizeof(*mem.slots));
  mem.nslots = nslots;
  mem.arena = malloc(acap);
  mem.arena_cap = acap;
  mem.in_cap = inlen ? inlen : 1;
  mem.in = malloc(mem.in_cap);
  mem.out = out;
  mem.out_cap = sizeof out;
  mem.lines = lines;
  mem.nlines = 16;
  mem.head = head;
  mem.head_cap = sizeof head;
  if (mem.slots == NULL || mem.arena == NULL || mem.in == NULL) {
    cli_out_of_memory();
  }
  memset(&r, 0, sizeof(r));
  x.po = po;
  x.in = in;
  x.inlen = inlen;
  x.r = &r;
  if (po->type == H1_REQUEST) {
    struct h1_server_options so;
    h1_server_options_default(&so);
    so.profile = po->profile;
    so.lenient = po->insecure ? H1_LENIENT_ALL : 0;
    so.max_header_size = po->max_header_size;
    so.max_headers_count = po->max_headers_count;
    so.join_duplicate_headers = po->join_duplicates;
    so.require_host_header = 0;
    so.on_check_continue = so.on_check_expectation = 1;
    so.on_upgrade = so.on_connect = 1;
    h1_server_init(&srv, &so, &mem, 0);
    f.conn = &srv;
    f.recv_buf = srv_recv_buf;
    f.recv_ack = srv_recv_ack;
    f.recv_eof = srv_recv_eof;
    f.events = srv_events;
    p = &srv.parser;
  } else {
    struct h1_client_options co;
    memset(&co, 0, sizeof(co));
    co.profile = po->profile;
    co.lenient = po->insecure ? H1_LENIENT_ALL : 0;
    co.max_header_size = po->max_header_size;
    co.join_duplicate_headers = po->join_duplicates;
    co.max_headers_count = H1_HEADERS_COUNT_FROM_NODE(po->max_headers_count);
    co.on_upgrade = co.on_connect = 1;
    h1_client_init(&cli, &co, &mem);
    (void)h1_client_request(&cli, po->method, NULL);
    f.conn = &cli;
    f.recv_buf = cli_recv_buf;
    f.recv_ack = cli_recv_ack;
    f.recv_eof = cli_recv_eof;
    f.events = cli_events;
    p = &cli.parser;
  }

  buf_puts(&r.out, "{\"messages\": [");
  feed_all(&f, in, inlen, po->chunk, &x);
  if (r.in_msg) {
    emit_tail(&r.cur, p, po, &r.body, 0, 0);
    rec_close(&r);
  }
  buf_puts(&r.out, "], \"error\": ");
  if (p->error == H1_E_OK) {
    buf_puts(&r.out, "null");
  } else {
    const char *name = h1_errno_name(p->error);
    buf_puts(&r.out, "{\"code\": ");
    json_str(&r.out, name, strlen(name));
    buf_puts(&r.out, ", \"reason\": ");
    json_str(&r.out, p->reason, strlen(p->reason));
    buf_printf(&r.out, ", \"offset\": %llu}",
               (unsigned long long)p->error_offset);
  }
  buf_puts(&r.out, "}\n");
  fwrite(r.out.ptr, 1, r.out.len, stdout);
  buf_free(&r.out);
  buf_free(&r.cur);
  buf_free(&r.body);
  free(mem.slots);
  free(mem.arena);
  free(mem.in);
  return p->error == H1_E_OK ? 0 : 1;
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
    "   or: h1 parse [OPTION]... --each FILE...\n"
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
    "      --each                 each FILE is a connection of its own: one\n"
    "                             JSON object per FILE, one per line, in "
    "order\n"
    "  -h, --help                 print this help\n"
    "\n"
    "Exit status: 0 no error, 1 an error stopped parsing, 2 usage error or\n"
    "unreadable input; with --each the highest of the FILEs', and an\n"
    "unreadable FILE stops there.\n",
    parse_run};

enum {
  OPT_INSECURE = 256,
  OPT_MAX_HEADER_SIZE,
  OPT_MAX_HEADERS_COUNT,
  OPT_JOIN_DUPLICATES,
  OPT_EACH
};

/* --each: parse_main over every operand in turn; the highest status. */
static int parse_each(const struct parse_opts *po, int argc, char **argv) {
  char *in;
  size_t inlen;
  int i, rc, worst = 0;

  if (optind >= argc)
    return cli_usage_error(&cli_parse, "--each needs at least one FILE");
  for (i = optind; i < argc; i++) {
    if ((rc = cli_read_file(cli_parse.name, argv[i], &in, &inlen)) != 0)
      return rc;
    rc = parse_main(po, in, inlen);
    free(in);
    if (rc > worst)
      worst = rc;
  }
  return worst;
}

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
      {"each", no_argument, NULL, OPT_EACH},
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
    case OPT_EACH:
      po.each = 1;
      break;
    default:
      return status;
    }
  }
  if (po.each)
    return parse_each(&po, argc, argv);
  if ((rc = cli_read_operand(me, argc, argv, &in, &inlen)) != 0)
    return rc;
  rc = parse_main(&po, in, inlen);
  free(in);
  return rc;
}
