/*
 * get.c -- `h1 get URL`: a small curl over h1's client (h1_client.h), and
 * with --json the one-line description of what the client observed
 * (CONTRACT.md section 4; harness/oracle/node-get.js prints Node's).
 *
 * The command formats and drives; every decision is the client's.
 * Exit status: 0 a response below 400, 1 a response of 400 or more,
 * 2 a usage error, 3 a connection error (refused, reset, TLS, timeout,
 * hang up), 4 a parse error (HPE_*), 5 a request the writer refused
 * (ERR_*).
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "get.h"
#include "h1/h1_client.h"
#include "json.h"

enum { EXIT_HTTP = 1, EXIT_CONN = 3, EXIT_PARSE = 4, EXIT_REQUEST = 5 };

struct get_opts {
  const char *url, *method, *data, *out_file, *cacert, *local_address;
  size_t data_len;
  char *data_owned;
  int include, verbose, json, insecure_tls, insecure_parser, join;
  h1_profile profile;
  uint32_t max_header_size, timeout_ms;
  int family;    /* --family 4|6, 0 */
  long abort_ms; /* --abort-ms: the signal fires this late; -1: no signal */
  const char *hdr[128];
  size_t nhdr;
};

struct observed {
  struct buf body;
  int informational[64];
  size_t ninfo;
  int verbose;
};

static const char get_usage[] =
    "usage: h1 get URL [-X METHOD] [-H 'Name: value']... [-d DATA] "
    "[--data-binary @FILE] [-i] [-o FILE] [-k|--insecure] [--cacert FILE] "
    "[--insecure-http-parser] [--max-header-size N] "
    "[--join-duplicate-headers] [--timeout-ms MS] [--profile node|strict] "
    "[--local-address ADDR] [--family 4|6] [--abort-ms MS] [-v] [--json]\n"
    "       h1 get [--keep-alive] [--max-sockets N] [--max-total-sockets N] "
    "[--max-free-sockets N] [--fifo] [@MS] URL... [, [@MS] URL...]...\n"
    "\n"
    "One request as Node's http.request() makes it, through h1's client\n"
    "(h1_client.h); --json prints what the client observed as one line.\n"
    "--abort-ms fires the request's signal from another thread MS ms after\n"
    "the start (0: before the request, an AbortSignal already aborted).\n"
    "Several URLs, or the Agent options, run them through one Agent, in\n"
    "waves separated by a lone ','; \"@MS\" before a URL aborts that one's\n"
    "signal MS ms after it starts.  Exit status: 0 a status below 400,\n"
    "1 400 or more, 2 usage, 3 connection error, 4 parse error, 5 request\n"
    "refused by the writer.\n";

static int get_main(int argc, char **argv);

const struct cli_command cli_get = {
    "get", "one request as Node's http.request makes it (a small curl)",
    get_usage, get_main};

static int get_usage_error(const char *msg) {
  return cli_usage_error(&cli_get, "%s", msg);
}

/* ------------------------------------------------------------------------
 * The URL and the headers
 * ------------------------------------------------------------------------ */

/* In place, as new URL() gives `auth` to http.request(). */
static char *percent_decode(char *s) {
  char *r = s, *w = s;
  while (*r) {
    if (r[0] == '%' && isxdigit((unsigned char)r[1]) &&
        isxdigit((unsigned char)r[2])) {
      char hex[3] = {r[1], r[2], 0};
      *w++ = (char)strtol(hex, NULL, 16);
      r += 3;
    } else {
      *w++ = *r++;
    }
  }
  *w = 0;
  return s;
}

int parse_url(const char *s, struct url *u) {
  char *p, *auth_end, *slash, *colon;
  memset(u, 0, sizeof(*u));
  if (strncmp(s, "http://", 7) == 0) {
    s += 7;
  } else if (strncmp(s, "https://", 8) == 0) {
    s += 8;
    u->https = 1;
  }
  if (strlen(s) + 2 >= sizeof u->buf)
    return -1;
  /* authority, then a path that keeps its query ("/" when absent) */
  slash = strchr(s, '/');
  u->buf[0] = '/';
  if (slash != NULL) {
    size_t alen = (size_t)(slash - s);
    memcpy(u->buf + 1, slash, strlen(slash) + 1);
    u->path = u->buf + 1;
    p = u->buf + 2 + strlen(slash);
    memcpy(p, s, alen);
    p[alen] = 0;
  } else {
    u->buf[1] = 0;
    u->path = u->buf;
    p = u->buf + 2;
    memcpy(p, s, strlen(s) + 1);
  }
  auth_end = strrchr(p, '@');
  if (auth_end != NULL) {
    *auth_end = 0;
    u->auth = percent_decode(p);
    p = auth_end + 1;
  }
  if (p[0] == '[') { /* [v6]:port */
    char *end = strchr(p, ']');
    if (end == NULL)
      return -1;
    *end = 0;
    u->host = p + 1;
    colon = end[1] == ':' ? end + 1 : NULL;
  } else {
    colon = strrchr(p, ':');
    if (colon != NULL)
      *colon = 0;
    u->host = p;
  }
  if (colon != NULL && colon[1]) {
    char *e;
    unsigned long v = strtoul(colon + 1, &e, 10);
    if (*e || v == 0 || v > 65535)
      return -1;
    u->port = (unsigned)v;
  }
  return u->host[0] ? 0 : -1;
}

/* -H values, one field per name (case-insensitive) as a JS object holds
 * them: a repeated name becomes a list. */
struct fields {
  struct h1_wfield f[128];
  struct h1_span v[128];
  struct h1_span grouped[128];
  size_t n;
};

static int build_fields(const struct get_opts *go, struct fields *fs) {
  size_t i, j, nv = 0;
  struct h1_span names[128];
  fs->n = 0;
  for (i = 0; i < go->nhdr; i++) {
    const char *h = go->hdr[i], *c = strchr(h, ':');
    if (c == NULL)
      return -1;
    names[i].ptr = h;
    names[i].len = (size_t)(c - h);
    c++;
    while (*c == ' ' || *c == '\t')
      c++;
    fs->v[i].ptr = c;
    fs->v[i].len = strlen(c);
  }
  /* group: values of one name consecutively, names in first order */
  for (i = 0; i < go->nhdr; i++) {
    struct h1_wfield *f;
    for (j = 0; j < fs->n; j++)
      if (fs->f[j].name.len == names[i].len &&
          strncasecmp(fs->f[j].name.ptr, names[i].ptr, names[i].len) == 0)
        break;
    if (j < fs->n)
      continue;
    f = &fs->f[fs->n++];
    memset(f, 0, sizeof(*f));
    f->name = names[i];
  }
  for (j = 0; j < fs->n; j++) {
    fs->f[j].values = fs->grouped + nv;
    for (i = 0; i < go->nhdr; i++)
      if (names[i].len == fs->f[j].name.len &&
          strncasecmp(names[i].ptr, fs->f[j].name.ptr, names[i].len) == 0)
        fs->grouped[nv++] = fs->v[i];
    fs->f[j].nvalues = (size_t)(fs->grouped + nv - fs->f[j].values);
    fs->f[j].flags = fs->f[j].nvalues > 1 ? H1_WV_LIST : 0;
  }
  return 0;
}

/* ------------------------------------------------------------------------
 * Observation
 * ------------------------------------------------------------------------ */

static void on_wire(void *ctx, int dir, const char *p, size_t n) {
  struct observed *ob = ctx;
  size_t i = 0;
  if (!ob->verbose)
    return;
  while (i < n) {
    size_t j = i;
    while (j < n && p[j] != '\n')
      j++;
    fprintf(stderr, "%c ", dir ? '<' : '>');
    fwrite(p + i, 1, j - i, stderr);
    fputc('\n', stderr);
    i = j + 1;
  }
}

static void on_information(void *ctx, const struct h1_message *m) {
  struct observed *ob = ctx;
  if (ob->ninfo < sizeof ob->informational / sizeof ob->informational[0])
    ob->informational[ob->ninfo++] = m->status;
}

static void base64(struct buf *o, const unsigned char *p, size_t n) {
  static const char t[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i;
  for (i = 0; i + 2 < n; i += 3) {
    char q[4] = {t[p[i] >> 2], t[((p[i] & 3) << 4) | (p[i + 1] >> 4)],
                 t[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)], t[p[i + 2] & 63]};
    buf_put(o, q, 4);
  }
  if (n - i == 1) {
    char q[4] = {t[p[i] >> 2], t[(p[i] & 3) << 4], '=', '='};
    buf_put(o, q, 4);
  } else if (n - i == 2) {
    char q[4] = {t[p[i] >> 2], t[((p[i] & 3) << 4) | (p[i + 1] >> 4)],
                 t[(p[i + 1] & 15) << 2], '='};
    buf_put(o, q, 4);
  }
}

/* rawHeaders and headers as Node's client fills them (maxHeadersCount
 * unset: h1_node_header_counts). */
static void emit_view(struct buf *o, const char *raw_key, const char *key,
                      const struct h1_header *lines, size_t n, int trailers,
                      int join) {
  size_t raw, merge;
  h1_node_header_counts(n, -1, trailers, &raw, &merge);
  buf_printf(o, "\"%s\": ", raw_key);
  emit_raw(o, lines, raw);
  buf_printf(o, ", \"%s\": ", key);
  emit_headers(o, lines, merge, join);
}

/* The response's keys, up to "complete" (written before h1_creq_finish). */
static void emit_response(struct buf *o_, const struct get_opts *go, h1_creq *r,
                          const struct observed *ob) {
  const struct h1_message *m = r != NULL ? h1_creq_message(r) : NULL;
  struct buf o = *o_;
  if (m != NULL) {
    buf_printf(&o, "{\"status\": %u, \"statusMessage\": ", (unsigned)m->status);
    json_str(&o, m->reason.ptr, m->reason.len);
    buf_printf(&o, ", \"httpVersion\": \"%u.%u\", ", (unsigned)m->version_major,
               (unsigned)m->version_minor);
    emit_view(&o, "rawHeaders", "headers", m->headers, m->num_headers, 0,
              go->join);
    buf_puts(&o, ", ");
    emit_view(&o, "rawTrailers", "trailers", m->trailers,
              h1_creq_complete(r) ? m->num_trailers : 0, 1, go->join);
    buf_puts(&o, ", \"body_b64\": \"");
    base64(&o, (const unsigned char *)ob->body.ptr, ob->body.len);
    buf_printf(&o, "\", \"complete\": %s",
               h1_creq_complete(r) ? "true" : "false");
  } else {
    buf_puts(&o, "{\"status\": null, \"statusMessage\": null, "
                 "\"httpVersion\": null, \"rawHeaders\": null, "
                 "\"headers\": null, \"trailers\": null, "
                 "\"rawTrailers\": null, \"body_b64\": null, "
                 "\"complete\": null");
  }
  *o_ = o;
}

static void emit_json(struct buf *pre, h1_creq *r, const struct observed *ob,
                      const struct h1_client_error *err) {
  struct buf o = *pre;
  size_t i;
  buf_puts(&o, ", \"error\": ");
  if (err != NULL) {
    const char *code = strcmp(err->code, "ETIMEDOUT") == 0 && r != NULL
                           ? "TIMEOUT"
                           : err->code;
    buf_puts(&o, "{\"code\": ");
    json_str(&o, code, strlen(code));
    buf_puts(&o, ", \"message\": ");
    json_str(&o, err->message, strlen(err->message));
    buf_puts(&o, "}");
  } else {
    buf_puts(&o, "null");
  }
  buf_puts(&o, ", \"informational\": [");
  for (i = 0; i < ob->ninfo; i++)
    buf_printf(&o, "%s%d", i ? ", " : "", ob->informational[i]);
  buf_printf(&o, "], \"upgrade\": %s}\n",
             r != NULL && h1_creq_upgraded(r) ? "true" : "false");
  fwrite(o.ptr, 1, o.len, stdout);
  buf_free(&o);
}

static void print_head(FILE *f, const struct h1_message *m) {
  size_t i;
  fprintf(f, "HTTP/%u.%u %u %.*s\r\n", (unsigned)m->version_major,
          (unsigned)m->version_minor, (unsigned)m->status, (int)m->reason.len,
          m->reason.ptr);
  for (i = 0; i < m->num_headers; i++)
    fprintf(f, "%.*s: %.*s\r\n", (int)m->headers[i].name.len,
            m->headers[i].name.ptr, (int)m->headers[i].value.len,
            m->headers[i].value.ptr);
  fputs("\r\n", f);
}

static void progress(uint64_t got, int64_t total) {
  char bar[31];
  int k, fill = total > 0 ? (int)(got * 30 / (uint64_t)total) : 0;
  for (k = 0; k < 30; k++)
    bar[k] = k < fill ? '#' : '-';
  bar[30] = 0;
  if (total > 0)
    fprintf(stderr, "\r[%s] %llu / %lld bytes", bar, (unsigned long long)got,
            (long long)total);
  else
    fprintf(stderr, "\r%llu bytes", (unsigned long long)got);
}

static int64_t content_length(const struct h1_message *m) {
  size_t i;
  for (i = 0; i < m->num_headers; i++)
    if (m->headers[i].name.len == 14 &&
        strncasecmp(m->headers[i].name.ptr, "content-length", 14) == 0) {
      char tmp[24];
      size_t n = m->headers[i].value.len < 23 ? m->headers[i].value.len : 23;
      memcpy(tmp, m->headers[i].value.ptr, n);
      tmp[n] = 0;
      return strtoll(tmp, NULL, 10);
    }
  return -1;
}

static int exit_for(const struct h1_client_error *e) {
  if (strncmp(e->code, "HPE_", 4) == 0)
    return EXIT_PARSE;
  if (strncmp(e->code, "ERR_", 4) == 0 && strncmp(e->code, "ERR_TLS", 7) != 0)
    return EXIT_REQUEST;
  return EXIT_CONN;
}

static void *abort_later(void *arg) {
  struct get_abort *a = arg;
  struct timespec d;
  d.tv_sec = a->ms / 1000;
  d.tv_nsec = (a->ms % 1000) * 1000000L;
  nanosleep(&d, NULL);
  a->sig.aborted = 1;
  return NULL;
}

void get_abort_start(struct get_abort *a, long ms) {
  a->ms = ms;
  a->sig.aborted = ms == 0;
  a->started = ms > 0 && pthread_create(&a->thread, NULL, abort_later, a) == 0;
  if (ms > 0 && !a->started)
    a->sig.aborted = 1; /* no thread: abort now rather than never */
}

void get_abort_join(struct get_abort *a) {
  if (a->started)
    pthread_join(a->thread, NULL);
  a->started = 0;
}

/* The request and its response. */
static int run(const struct get_opts *go) {
  struct get_abort ab;
  struct h1_request_options o;
  struct url u;
  struct fields fs;
  struct observed ob;
  struct buf pre = {0};
  struct h1_client_error err;
  const struct h1_client_error *e = NULL;
  h1_creq *r;
  FILE *out = stdout;
  int rc = 0, bar, upgraded;
  uint64_t got = 0;
  int64_t total = -1;
  char buf[16384];

  if (parse_url(go->url, &u) != 0)
    return get_usage_error("cannot parse the URL");
  if (build_fields(go, &fs) != 0)
    return get_usage_error("-H takes 'Name: value'");
  memset(&ob, 0, sizeof ob);
  ob.verbose = go->verbose;
  h1_request_options_default(&o);
  o.https = u.https;
  o.host = u.host;
  o.port = u.port;
  o.path = u.path;
  o.auth = u.auth;
  o.method = go->method ? go->method : go->data ? "POST" : "GET";
  o.headers = fs.n ? fs.f : NULL;
  o.nheaders = fs.n;
  o.profile = go->profile;
  o.insecure_http_parser = go->insecure_parser;
  o.join_duplicate_headers = go->join;
  o.max_header_size = go->max_header_size;
  o.agent_mode = H1_AGENT_NONE;
  o.on_upgrade = 1;
  o.timeout = go->timeout_ms;
  o.connect_timeout = go->timeout_ms;
  o.ca_file = go->cacert;
  o.reject_unauthorized = !go->insecure_tls;
  o.on_wire = on_wire;
  o.on_information = on_information;
  o.ctx = &ob;
  o.local_address = go->local_address;
  o.family = go->family;
  ab.started = 0;
  if (go->abort_ms >= 0) {
    get_abort_start(&ab, go->abort_ms);
    o.signal = &ab.sig;
  }
  r = h1_request(&o, &err);
  if (r == NULL) {
    e = &err;
  } else if (h1_creq_end(r, go->data, go->data_len) != 0 ||
             h1_creq_response(r) != 0) {
    e = h1_creq_error(r);
  } else {
    const struct h1_message *m = h1_creq_message(r);
    long n;
    if (go->out_file != NULL && !go->json &&
        (out = fopen(go->out_file, "wb")) == NULL) {
      fprintf(stderr, "h1 get: cannot open %s\n", go->out_file);
      h1_creq_free(r);
      return 2;
    }
    if (go->include && !go->json)
      print_head(out, m);
    bar = go->out_file != NULL && !go->json && isatty(2);
    total = content_length(m);
    while ((n = h1_creq_read(r, buf, sizeof buf)) > 0) {
      got += (uint64_t)n;
      if (go->json)
        buf_put(&ob.body, buf, (size_t)n);
      else
        fwrite(buf, 1, (size_t)n, out);
      if (bar)
        progress(got, total);
    }
    if (bar)
      fputc('\n', stderr);
    if (go->json)
      emit_response(&pre, go, r, &ob);
    upgraded = h1_creq_upgraded(r);
    h1_creq_finish(r);
    if (go->json && !upgraded && h1_creq_upgraded(r)) {
      /* the bytes after the response held a 101: Node's 'upgrade' hands
       * over that head, the body read so far stays */
      pre.len = 0;
      emit_response(&pre, go, r, &ob);
    }
    e = h1_creq_error(r); /* also an error in bytes after the response */
    if (out != stdout)
      fclose(out);
    if (m->status >= 400)
      rc = EXIT_HTTP;
  }
  if (go->json) {
    if (pre.len == 0)
      emit_response(&pre, go, r, &ob);
    emit_json(&pre, r, &ob, e);
  } else if (e != NULL)
    fprintf(stderr, "h1 get: %s: %s\n", e->code, e->message);
  if (e != NULL)
    rc = exit_for(e);
  h1_creq_free(r);
  buf_free(&ob.body);
  get_abort_join(&ab); /* Node too lives until the abort timer fires */
  return rc;
}

static int get_main(int argc, char **argv) {
  enum {
    O_DATA_BINARY = 256,
    O_CACERT,
    O_INSECURE_PARSER,
    O_MAX_HEADER_SIZE,
    O_JOIN,
    O_TIMEOUT,
    O_PROFILE,
    O_JSON,
    O_KEEP_ALIVE,
    O_MAX_SOCKETS,
    O_MAX_TOTAL,
    O_MAX_FREE,
    O_FIFO,
    O_LOCAL_ADDRESS,
    O_FAMILY,
    O_ABORT_MS
  };
  static const struct option longs[] = {
      {"request", required_argument, NULL, 'X'},
      {"header", required_argument, NULL, 'H'},
      {"data", required_argument, NULL, 'd'},
      {"data-binary", required_argument, NULL, O_DATA_BINARY},
      {"include", no_argument, NULL, 'i'},
      {"output", required_argument, NULL, 'o'},
      {"insecure", no_argument, NULL, 'k'},
      {"cacert", required_argument, NULL, O_CACERT},
      {"insecure-http-parser", no_argument, NULL, O_INSECURE_PARSER},
      {"max-header-size", required_argument, NULL, O_MAX_HEADER_SIZE},
      {"join-duplicate-headers", no_argument, NULL, O_JOIN},
      {"timeout-ms", required_argument, NULL, O_TIMEOUT},
      {"profile", required_argument, NULL, O_PROFILE},
      {"verbose", no_argument, NULL, 'v'},
      {"json", no_argument, NULL, O_JSON},
      {"keep-alive", no_argument, NULL, O_KEEP_ALIVE},
      {"max-sockets", required_argument, NULL, O_MAX_SOCKETS},
      {"max-total-sockets", required_argument, NULL, O_MAX_TOTAL},
      {"max-free-sockets", required_argument, NULL, O_MAX_FREE},
      {"fifo", no_argument, NULL, O_FIFO},
      {"local-address", required_argument, NULL, O_LOCAL_ADDRESS},
      {"family", required_argument, NULL, O_FAMILY},
      {"abort-ms", required_argument, NULL, O_ABORT_MS},
      {NULL, 0, NULL, 0}};
  struct get_opts go;
  struct h1_agent_options ao;
  int c, rc, timeout_set = 0, scenario = 0, status = 0;
  char *end;
  unsigned long v;

  memset(&go, 0, sizeof go);
  h1_agent_options_default(&ao);
  go.profile = H1_PROFILE_NODE;
  go.max_header_size = H1_DEFAULT_MAX_HEADER_SIZE;
  go.abort_ms = -1;
  while ((c = cli_getopt(&cli_get, argc, argv, "X:H:d:io:kv", longs,
                         &status)) != -1) {
    switch (c) {
    case CLI_OPT_EXIT:
      return status;
    case 'X':
      go.method = optarg;
      break;
    case 'H':
      if (go.nhdr == sizeof go.hdr / sizeof go.hdr[0])
        return get_usage_error("too many -H");
      go.hdr[go.nhdr++] = optarg;
      break;
    case 'd':
      go.data = optarg;
      go.data_len = strlen(optarg);
      break;
    case O_DATA_BINARY:
      if (optarg[0] != '@') {
        go.data = optarg;
        go.data_len = strlen(optarg);
      } else if (cli_read_file("get", optarg + 1, &go.data_owned,
                               &go.data_len) != 0) {
        return 2;
      } else {
        go.data = go.data_owned ? go.data_owned : "";
      }
      break;
    case 'i':
      go.include = 1;
      break;
    case 'o':
      go.out_file = optarg;
      break;
    case 'k':
      go.insecure_tls = 1;
      break;
    case O_CACERT:
      go.cacert = optarg;
      break;
    case O_INSECURE_PARSER:
      go.insecure_parser = 1;
      break;
    case O_MAX_HEADER_SIZE:
    case O_TIMEOUT:
    case O_ABORT_MS:
      v = strtoul(optarg, &end, 10);
      if (*end || !optarg[0] || v > 0x7fffffffUL)
        return get_usage_error("a number was expected");
      if (c == O_TIMEOUT)
        go.timeout_ms = (uint32_t)v, timeout_set = 1;
      else if (c == O_ABORT_MS)
        go.abort_ms = (long)v;
      else
        go.max_header_size = v ? (uint32_t)v : H1_DEFAULT_MAX_HEADER_SIZE;
      break;
    case O_LOCAL_ADDRESS:
      go.local_address = optarg;
      break;
    case O_FAMILY:
      if (strcmp(optarg, "4") != 0 && strcmp(optarg, "6") != 0 &&
          strcmp(optarg, "0") != 0)
        return get_usage_error("--family takes 4, 6 or 0");
      go.family = optarg[0] - '0';
      break;
    case O_JOIN:
      go.join = 1;
      break;
    case O_PROFILE:
      if (strcmp(optarg, "node") == 0)
        go.profile = H1_PROFILE_NODE;
      else if (strcmp(optarg, "strict") == 0)
        go.profile = H1_PROFILE_STRICT;
      else
        return get_usage_error("--profile takes node or strict");
      break;
    case 'v':
      go.verbose = 1;
      break;
    case O_JSON:
      go.json = 1;
      break;
    case O_KEEP_ALIVE:
      ao.keep_alive = 1, scenario = 1;
      break;
    case O_FIFO:
      ao.fifo = 1, scenario = 1;
      break;
    case O_MAX_SOCKETS:
    case O_MAX_TOTAL:
    case O_MAX_FREE:
      v = strtoul(optarg, &end, 10);
      if (*end || !optarg[0] || v > 0x7fffffffUL)
        return get_usage_error("a number was expected");
      *(c == O_MAX_SOCKETS ? &ao.max_sockets
        : c == O_MAX_TOTAL ? &ao.max_total_sockets
                           : &ao.max_free_sockets) = (uint32_t)v;
      scenario = 1;
      break;
    default:
      return get_usage_error("unknown option");
    }
  }
  if (scenario || argc - optind > 1)
    return get_scenario(&ao, argv + optind, argc - optind);
  if (optind != argc - 1)
    return get_usage_error("one URL expected");
  go.url = argv[optind];
  if (go.json && !timeout_set)
    go.timeout_ms = 3000;
  rc = run(&go);
  free(go.data_owned);
  return rc;
}
