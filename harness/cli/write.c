/*
 * write.c -- `h1 write` (doc/cli.md, section 3): replays a scenario of Node
 * OutgoingMessage calls against h1's writer and prints the bytes.
 *
 * Scenario values are JavaScript values: they are turned into the strings
 * Node would put on the wire (String(value)), with JavaScript's falsiness
 * noted where Node tests it.  An error thrown by http.request() itself (a
 * "request" scenario's options) is reported with "call": -1.
 *
 * Optional scenario fields (CONTRACT.md section 3 allows them): a write or
 * end call's args[1] names the chunk's encoding ("utf8", "latin1", null for
 * Node's default; absent means latin1, as the recorder has always written
 * strings), and "buffer": true on the call makes the chunk a Buffer of the
 * string's latin1 bytes.  The encoding decides whether Node sends a head
 * that goes out with the chunk as UTF-8 or as latin1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "h1/h1.h"
#include "h1/h1_conn.h"
#include "h1/h1_write.h"
#include "json.h"
#include "jsval.h"
#include "query.h"

/* Every allocation of a run, freed at the end. */
static void **keep;
static size_t nkeep, capkeep;

static void *kalloc(size_t n) {
  void *p = calloc(n ? n : 1, 1);
  if (p == NULL) {
    cli_out_of_memory();
  }
  if (nkeep == capkeep) {
    capkeep = capkeep ? capkeep * 2 : 64;
    keep = realloc(keep, capkeep * sizeof(*keep));
    if (keep == NULL) {
      cli_out_of_memory();
    }
  }
  keep[nkeep++] = p;
  return p;
}

static void kfree_all(void) {
  size_t i;
  for (i = 0; i < nkeep; i++)
    free(keep[i]);
  free(keep);
  keep = NULL;
  nkeep = capkeep = 0;
}

static struct h1_span sp(const char *p, size_t n) {
  struct h1_span s;
  s.ptr = p;
  s.len = n;
  return s;
}

/* String(v), header form (characters above U+00FF become NUL). */
static struct h1_span jstr(const struct jval *v) {
  return sp(v->mark, v->len);
}

/* A header value: v NULL is undefined. */
static void jfield(struct h1_wfield *f, struct h1_span name,
                   const struct jval *v) {
  f->name = name;
  f->values = NULL;
  f->nvalues = 0;
  f->flags = 0;
  if (v == NULL) {
    f->flags = H1_WV_UNDEFINED;
    return;
  }
  if (v->type == J_ARR) {
    struct h1_span *vals = kalloc(sizeof(*vals) * (v->n ? v->n : 1));
    size_t i;
    for (i = 0; i < v->n; i++)
      vals[i] = jstr(v->items[i]);
    f->values = vals;
    f->nvalues = v->n;
    f->flags = H1_WV_LIST;
    return;
  }
  {
    struct h1_span *one = kalloc(sizeof(*one));
    *one = jstr(v);
    f->values = one;
    f->nvalues = 1;
    if (jv_falsy(v))
      f->flags |= H1_WV_FALSY;
    if (v->type != J_STR)
      f->flags |= H1_WV_NONSTRING;
  }
}

/* Headers given as an object or a flat array. */
static struct h1_wfield *jfields(const struct jval *h, size_t *n,
                                 unsigned *flags) {
  struct h1_wfield *fs;
  size_t i;
  *n = 0;
  *flags = 0;
  if (h == NULL || h->type == J_NULL)
    return NULL;
  if (h->type == J_OBJ) {
    fs = kalloc(sizeof(*fs) * (h->n ? h->n : 1));
    for (i = 0; i < h->n; i++)
      jfield(&fs[i], jstr(h->kstr[i]), h->items[i]);
    *n = h->n;
    return fs;
  }
  if (h->type == J_ARR) {
    *flags = H1_WH_ARRAY;
    if (h->n % 2)
      *flags |= H1_WH_ODD;
    fs = kalloc(sizeof(*fs) * (h->n / 2 + 1));
    for (i = 0; i + 1 < h->n; i += 2)
      jfield(&fs[i / 2], jstr(h->items[i]), h->items[i + 1]);
    *n = h->n / 2;
    return fs;
  }
  return NULL;
}

/* addTrailers: an object, or an array of [name, value] pairs. */
static struct h1_wfield *jtrailers(const struct jval *h, size_t *n) {
  struct h1_wfield *fs;
  size_t i;
  unsigned fl;
  *n = 0;
  if (h != NULL && h->type == J_ARR) {
    fs = kalloc(sizeof(*fs) * (h->n ? h->n : 1));
    for (i = 0; i < h->n; i++) {
      const struct jval *e = h->items[i];
      const struct jval *k = e->type == J_ARR && e->n > 0 ? e->items[0] : NULL;
      const struct jval *v = e->type == J_ARR && e->n > 1 ? e->items[1] : NULL;
      jfield(&fs[i], k ? jstr(k) : sp("undefined", 9), v);
    }
    *n = h->n;
    return fs;
  }
  return jfields(h, n, &fl);
}

/* util.inspect of a string value (short form). */
static void inspect_str(struct buf *b, const char *s, size_t n) {
  char q = '\'';
  size_t i;
  if (memchr(s, '\'', n)) {
    if (!memchr(s, '"', n))
      q = '"';
    else if (!memchr(s, '`', n))
      q = '`';
  }
  buf_put(b, &q, 1);
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == (unsigned char)q || c == '\\') {
      buf_put(b, "\\", 1);
      buf_put(b, s + i, 1);
    } else if (c == '\n') {
      buf_puts(b, "\\n");
    } else if (c == '\r') {
      buf_puts(b, "\\r");
    } else if (c == '\t') {
      buf_puts(b, "\\t");
    } else if (c < 0x20 || c == 0x7f) {
      buf_printf(b, "\\x%02X", c);
    } else {
      buf_put(b, s + i, 1);
    }
  }
  buf_put(b, &q, 1);
}

static void inspect(struct buf *b, const struct jval *v) {
  size_t i;
  if (v == NULL) {
    buf_puts(b, "undefined");
    return;
  }
  switch (v->type) {
  case J_STR:
    inspect_str(b, v->lat, v->len);
    break;
  case J_ARR:
    if (v->n == 0) {
      buf_puts(b, "[]");
      break;
    }
    buf_puts(b, "[ ");
    for (i = 0; i < v->n; i++) {
      if (i)
        buf_puts(b, ", ");
      inspect(b, v->items[i]);
    }
    buf_puts(b, " ]");
    break;
  default: {
    struct h1_span s = jstr(v);
    buf_put(b, s.ptr, s.len);
  }
  }
}

struct run {
  h1_writer w;
  struct h1_wbuf out;
  const struct jval *root; /* the scenario */
  struct buf err;          /* the error object's JSON, empty when none */
  struct buf results;      /* {"call", "value"} of each query, JSON */
  struct buf query;        /* one query's value */
  const struct jval *status_arg;
  const struct jval *bad_arg; /* for " Received ..." */
};

static void grow(struct h1_wbuf *o, size_t need) {
  size_t cap = o->cap ? o->cap : 256;
  while (cap - o->len < need)
    cap *= 2;
  o->ptr = realloc(o->ptr, cap);
  if (o->ptr == NULL) {
    cli_out_of_memory();
  }
  o->cap = cap;
}

static void set_error(struct run *r, int call) {
  const struct h1_werror *e = &r->w.err;
  struct h1_werror ee = *e;
  struct buf m = {0};
  size_t n;
  char *tmp;
  int utf8 = 0;
  if (ee.has_name) {
    /* a name with characters above U+00FF: Node quotes it as it is */
    const struct jval *named = jv_find_mark(r->root, ee.name.ptr);
    if (named != NULL && named->wide) {
      ee.name = sp(named->utf8, named->ulen);
      utf8 = 1;
    }
  }
  n = h1_werror_format(&ee, NULL, 0);
  tmp = kalloc(n + 1);
  h1_werror_format(&ee, tmp, n);
  buf_put(&m, tmp, n);
  if (e->code == H1_WE_INVALID_STATUS_CODE && r->status_arg != NULL &&
      r->status_arg->type != J_NUM) {
    struct h1_span s = jstr(r->status_arg);
    m.len = 0;
    buf_puts(&m, "Invalid status code: ");
    buf_put(&m, s.ptr, s.len);
  }
  if (e->code == H1_WE_INVALID_ARG_TYPE) {
    /* Node's determineSpecificType */
    const struct jval *v = r->bad_arg;
    buf_puts(&m, " Received ");
    if (v != NULL && v->type == J_ARR) {
      buf_puts(&m, "an instance of Array");
    } else if (v != NULL && v->type == J_OBJ) {
      buf_puts(&m, "an instance of Object");
    } else if (v != NULL && (v->type == J_NUM || v->type == J_BOOL)) {
      struct h1_span s = jstr(v);
      buf_puts(&m, v->type == J_NUM ? "type number (" : "type boolean (");
      buf_put(&m, s.ptr, s.len);
      buf_puts(&m, ")");
    }
  }
  if (e->code == H1_WE_INVALID_ARG_VALUE) {
    buf_puts(&m, " Received ");
    if (e->has_name && strcmp(e->what, "hints") == 0)
      inspect_str(&m, e->name.ptr, e->name.len);
    else
      inspect(&m, r->bad_arg);
  }
  buf_puts(&r->err, "{\"code\": ");
  json_str(&r->err, h1_werror_name(e->code), strlen(h1_werror_name(e->code)));
  buf_puts(&r->err, ", \"message\": ");
  if (utf8)
    json_utf8(&r->err, m.ptr, m.len);
  else
    json_str(&r->err, m.ptr, m.len);
  buf_printf(&r->err, ", \"call\": %d}", call);
  buf_free(&m);
}

/* Runs an output call, growing the buffer on H1_WE_NO_ROOM. */
#define OUTCALL(r, expr)                                                       \
  do {                                                                         \
    for (;;) {                                                                 \
      e = (expr);                                                              \
      if (e != H1_WE_NO_ROOM || (r)->out.needed == 0)                          \
        break;                                                                 \
      grow(&(r)->out, (r)->out.needed);                                        \
      (r)->out.needed = 0;                                                     \
    }                                                                          \
  } while (0)

static const struct jval *arg(const struct jval *args, size_t i) {
  if (args == NULL || args->type != J_ARR || i >= args->n)
    return NULL;
  return args->items[i];
}

/* A write/end chunk: args[0] a string, written with the encoding args[1]
 * (absent: 'latin1', the recorder's default; null: Node's default, UTF-8),
 * or a Buffer of its latin1 bytes when the call has "buffer": true.  The
 * head goes out as UTF-8 only with a string in Node's 'utf8' (exactly that
 * name) or default encoding.  *d stays as set when there is no string. */
static int chunk_of(const struct jval *call, const struct jval *a0,
                    const struct jval *a1, const char **d, size_t *n,
                    h1_wenc *enc) {
  const struct jval *buffer = jv_get(call, "buffer");
  const char *e = a1 && a1->type == J_STR ? a1->lat : NULL;
  *enc = H1_WENC_LATIN1;
  if (a0 == NULL || a0->type != J_STR)
    return 0;
  *d = a0->lat;
  *n = a0->len;
  if (buffer != NULL && !jv_falsy(buffer))
    return 0;
  if (a1 != NULL && a1->type == J_NULL)
    e = "utf8";
  if (e == NULL || strcmp(e, "latin1") == 0 || strcmp(e, "binary") == 0)
    return 0;
  if (strcmp(e, "utf8") == 0 || strcmp(e, "utf-8") == 0 ||
      strcmp(e, "UTF8") == 0 || strcmp(e, "UTF-8") == 0) {
    *d = a0->utf8;
    *n = a0->ulen;
    *enc = strcmp(e, "utf8") == 0 ? H1_WENC_UTF8 : H1_WENC_LATIN1;
    return 0;
  }
  fprintf(stderr, "h1: write: encoding \"%s\" is not supported\n", e);
  return -1;
}

/* One call; returns 0 to go on, 1 when it threw. */
static int do_call(struct run *r, const struct jval *call, int idx) {
  const struct jval *opv = jv_get(call, "op");
  const struct jval *args = jv_get(call, "args");
  const char *op = opv && opv->type == J_STR ? opv->lat : "";
  h1_werrno e = H1_WE_OK;
  const struct jval *a0 = arg(args, 0), *a1 = arg(args, 1), *a2 = arg(args, 2);
  if (strcmp(op, "setHeader") == 0 || strcmp(op, "appendHeader") == 0) {
    struct h1_wfield f;
    jfield(&f, a0 ? jstr(a0) : sp("undefined", 9), a1);
    if (op[0] == 's')
      e = h1_writer_set_header(&r->w, f.name, f.values, f.nvalues, f.flags);
    else
      e = h1_writer_append_header(&r->w, f.name, f.values, f.nvalues, f.flags);
  } else if (strcmp(op, "removeHeader") == 0) {
    e = h1_writer_remove_header(&r->w, a0 ? jstr(a0) : sp("undefined", 9));
  } else if (query_result(&r->w, op, a0 ? jstr(a0) : sp("", 0), &r->query)) {
    /* getHeader ... getHeaders: the value goes to "results" */
    buf_printf(&r->results,
               "%s{\"call\": %d, \"value\": ", r->results.len ? ", " : "", idx);
    buf_put(&r->results, r->query.ptr, r->query.len);
    buf_puts(&r->results, "}");
    r->query.len = 0;
  } else if (strcmp(op, "writeHead") == 0) {
    const struct jval *reason = NULL, *obj = a2;
    struct h1_span rs;
    struct h1_wfield *fs;
    size_t n;
    unsigned fl;
    if (a1 != NULL && a1->type == J_STR) {
      rs = jstr(a1);
      reason = a1;
    } else if (obj == NULL || obj->type == J_NULL) {
      obj = a1;
    }
    r->status_arg = a0;
    r->bad_arg = obj;
    fs = jfields(obj, &n, &fl);
    e = h1_writer_write_head(&r->w, jv_int(a0), reason ? &rs : NULL, fs, n, fl);
  } else if (strcmp(op, "write") == 0) {
    const char *d = "";
    size_t n = 0;
    h1_wenc enc;
    if (chunk_of(call, a0, a1, &d, &n, &enc) != 0)
      return -1;
    r->status_arg = NULL;
    OUTCALL(r, h1_writer_write_enc(&r->w, d, n, enc, &r->out));
  } else if (strcmp(op, "end") == 0) {
    const char *d = NULL;
    size_t n = 0;
    h1_wenc enc;
    if (chunk_of(call, a0, a1, &d, &n, &enc) != 0)
      return -1;
    OUTCALL(r, h1_writer_end_enc(&r->w, d, n, enc, &r->out));
  } else if (strcmp(op, "flushHeaders") == 0) {
    OUTCALL(r, h1_writer_flush_headers(&r->w, &r->out));
  } else if (strcmp(op, "addTrailers") == 0) {
    size_t n;
    struct h1_wfield *fs = jtrailers(a0, &n);
    e = h1_writer_add_trailers(&r->w, fs, n);
  } else if (strcmp(op, "writeContinue") == 0) {
    OUTCALL(r, h1_writer_write_continue(&r->w, &r->out));
  } else if (strcmp(op, "writeProcessing") == 0) {
    OUTCALL(r, h1_writer_write_processing(&r->w, &r->out));
  } else if (strcmp(op, "writeEarlyHints") == 0) {
    const struct jval *link = jv_get(a0, "link");
    struct h1_span *links = NULL;
    size_t nl = 0, no = 0, i;
    int list = 0;
    struct h1_wfield *others = NULL;
    if (link != NULL && link->type != J_NULL) {
      if (link->type == J_ARR) {
        list = 1;
        links = kalloc(sizeof(*links) * (link->n ? link->n : 1));
        for (i = 0; i < link->n; i++) {
          links[i] = link->items[i]->type == J_STR ? jstr(link->items[i])
                                                   : sp("\x01", 1);
        }
        nl = link->n;
      } else {
        links = kalloc(sizeof(*links));
        links[0] = link->type == J_STR ? jstr(link) : sp("\x01", 1);
        nl = 1;
      }
    }
    if (a0 != NULL && a0->type == J_OBJ) {
      others = kalloc(sizeof(*others) * (a0->n ? a0->n : 1));
      for (i = 0; i < a0->n; i++) {
        if (a0->kstr[i]->len == 4 && memcmp(a0->kstr[i]->lat, "link", 4) == 0)
          continue;
        jfield(&others[no], jstr(a0->kstr[i]), a0->items[i]);
        /* hints[key] is written as String(value), lists joined by ',' */
        if (a0->items[i]->type == J_STR)
          others[no].values =
              memcpy(kalloc(sizeof(struct h1_span)),
                     &(struct h1_span){a0->items[i]->lat, a0->items[i]->len},
                     sizeof(struct h1_span));
        no++;
      }
    }
    OUTCALL(r, h1_writer_write_early_hints(&r->w, links, nl, list, others, no,
                                           &r->out));
  } else if (strcmp(op, "set") == 0) {
    const char *prop = a0 && a0->type == J_STR ? a0->lat : "";
    if (strcmp(prop, "statusCode") == 0) {
      h1_writer_set_status(&r->w, jv_int(a1));
      r->status_arg = a1;
    } else if (strcmp(prop, "statusMessage") == 0) {
      if (jv_falsy(a1)) /* statusMessage ||= STATUS_CODES[code] */
        h1_writer_set_status_message(&r->w, sp("", 0));
      else
        h1_writer_set_status_message(&r->w, jstr(a1));
    } else if (strcmp(prop, "sendDate") == 0) {
      r->w.send_date = !jv_falsy(a1);
    } else if (strcmp(prop, "strictContentLength") == 0) {
      r->w.strict_content_length = !jv_falsy(a1);
    }
  } else {
    cli_usage_error(&cli_write, "unknown op \"%s\" (call %d)", op, idx);
    return -1;
  }
  if (e != H1_WE_OK && e != H1_WE_WRITE_AFTER_END) {
    set_error(r, idx);
    return 1;
  }
  if (h1_writer_wants_send(&r->w))
    OUTCALL(r, h1_writer_send(&r->w, &r->out));
  return 0;
}

static struct h1_span *junique(const struct jval *u, size_t *n) {
  struct h1_span *s;
  size_t i;
  *n = 0;
  if (u == NULL || u->type != J_ARR)
    return NULL;
  s = kalloc(sizeof(*s) * (u->n ? u->n : 1));
  for (i = 0; i < u->n; i++)
    s[i] = jstr(u->items[i]);
  *n = u->n;
  return s;
}

/*
 * The scenario's request read by a server connection with the scenario's
 * server options.  What Node's server writes by itself (a 100 Continue, the
 * 400 for a missing Host, a 417) goes to r->out; r->w becomes the
 * ServerResponse the handler gets.  Returns how the request was dispatched
 * (h1_dispatch), -1 when it does not parse.
 */
static int serve_request(const char *req, size_t len, const struct jval *opts,
                         h1_profile profile, struct run *r) {
  static h1_server_conn c;
  struct h1_server_options so;
  struct h1_conn_mem m;
  struct h1_server_event ev;
  const struct jval *v;
  size_t room, n;
  const char *bytes;
  char *in;

  h1_server_options_default(&so);
  so.profile = profile;
  if ((v = jv_get(opts, "keepAliveTimeout")) != NULL && v->type == J_NUM)
    so.keep_alive_timeout = (uint32_t)v->num;
  if ((v = jv_get(opts, "maxRequestsPerSocket")) != NULL && v->type == J_NUM &&
      v->num > 0)
    so.max_requests_per_socket = (uint32_t)v->num;
  if ((v = jv_get(opts, "requireHostHeader")) != NULL)
    so.require_host_header = !jv_falsy(v);
  so.reject_non_standard_body_writes =
      !jv_falsy(jv_get(opts, "rejectNonStandardBodyWrites"));
  so.unique_headers = junique(jv_get(opts, "uniqueHeaders"), &so.nunique);
  memset(&m, 0, sizeof(m));
  m.nslots = 4096;
  m.slots = kalloc(sizeof(*m.slots) * m.nslots);
  m.arena_cap = 65536;
  m.arena = kalloc(m.arena_cap);
  m.in_cap = len ? len : 1;
  m.in = kalloc(m.in_cap);
  m.out_cap = 4096;
  m.out = kalloc(m.out_cap);
  m.nlines = 4096;
  m.lines = kalloc(sizeof(*m.lines) * m.nlines);
  m.ntrailers = 1024;
  m.trailers = kalloc(sizeof(*m.trailers) * m.ntrailers);
  m.head_cap = 1 << 20;
  m.head = kalloc(m.head_cap);
  h1_server_init(&c, &so, &m, 0);
  h1_server_set_time(&c, (int64_t)time(NULL));
  in = h1_server_recv_buf(&c, &room);
  memcpy(in, req, len);
  h1_server_recv_ack(&c, len, 0);
  if (h1_server_next(&c, 0, &ev) != H1_SEV_REQUEST)
    return -1;
  bytes = h1_server_send_buf(&c, &n);
  if (n > 0) {
    grow(&r->out, n);
    memcpy(r->out.ptr + r->out.len, bytes, n);
    r->out.len += n;
  }
  /* a response writer holds no pointer into itself: it can be moved */
  r->w = *h1_server_writer(&c);
  h1_writer_set_time(&r->w, (int64_t)time(NULL));
  return (int)ev.dispatch;
}

static void run_free(struct run *r) {
  free(r->out.ptr);
  buf_free(&r->err);
  buf_free(&r->results);
  buf_free(&r->query);
}

static int run_scenario(const struct jval *sc, h1_profile profile,
                        struct buf *outj) {
  struct run r;
  const struct jval *kind = jv_get(sc, "kind");
  const struct jval *opts = jv_get(sc, "options");
  const struct jval *calls = jv_get(sc, "calls");
  struct h1_wline *lines = kalloc(sizeof(*lines) * 4096);
  struct h1_wline *tl = kalloc(sizeof(*tl) * 1024);
  char *head = kalloc(1 << 20);
  int skip_calls = 0, rc = 0;
  size_t i;
  h1_werrno e = H1_WE_OK;
  memset(&r, 0, sizeof(r));
  r.root = sc;
  if (kind != NULL && kind->type == J_STR &&
      strcmp(kind->lat, "request") == 0) {
    struct h1_wrequest_options ro;
    const struct jval *v;
    unsigned fl = 0;
    memset(&ro, 0, sizeof(ro));
    if ((v = jv_get(opts, "method")) != NULL && v->type == J_STR)
      ro.method = jstr(v);
    if ((v = jv_get(opts, "path")) != NULL && !jv_falsy(v))
      ro.path = jstr(v);
    v = jv_get(opts, "hostname");
    if (jv_falsy(v))
      v = jv_get(opts, "host");
    if (v != NULL && !jv_falsy(v))
      ro.host = jstr(v);
    if ((v = jv_get(opts, "port")) != NULL)
      ro.port = (uint32_t)jv_int(v);
    if ((v = jv_get(opts, "defaultPort")) != NULL)
      ro.default_port = (uint32_t)jv_int(v);
    v = jv_get(opts, "setHost");
    ro.set_host = v == NULL || !jv_falsy(v);
    if ((v = jv_get(opts, "auth")) != NULL && v->type == J_STR)
      ro.auth = sp(v->utf8, v->ulen);
    v = jv_get(opts, "agent");
    ro.agent_keep_alive =
        v == NULL || (v->type == J_STR && strcmp(v->lat, "global") == 0);
    v = jv_get(opts, "headers");
    ro.headers = jfields(v, &ro.nheaders, &fl);
    ro.headers_array = (fl & H1_WH_ARRAY) != 0;
    ro.unique_headers = junique(jv_get(opts, "uniqueHeaders"), &ro.nunique);
    e = h1_writer_init_request(&r.w, profile, &ro, lines, 4096, tl, 1024, head,
                               1 << 20);
    if (e == H1_WE_INVALID_ARG_TYPE && v != NULL && v->type == J_OBJ) {
      /* the Host header's value, for " Received ..." */
      for (i = 0; i < v->n; i++) {
        if (h1_span_ieq(jstr(v->kstr[i]), "host", 4))
          r.bad_arg = v->items[i];
      }
    }
    if (e != H1_WE_OK) {
      set_error(&r, -1);
      skip_calls = 1;
    } else if (h1_writer_wants_send(&r.w)) {
      OUTCALL(&r, h1_writer_send(&r.w, &r.out));
    }
  } else {
    static const char defreq[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    const struct jval *req = jv_get(sc, "request");
    int d;
    if (req != NULL && req->type == J_STR)
      d = serve_request(req->lat, req->len, opts, profile, &r);
    else
      d = serve_request(defreq, sizeof(defreq) - 1, opts, profile, &r);
    if (d < 0) {
      return cli_usage_error(&cli_write,
                             "the scenario's request does not parse");
    }
    /* answered by the server itself (missing Host, Expect): no handler */
    skip_calls = d == H1_DISPATCH_ANSWERED || d == H1_DISPATCH_DROPPED;
  }
  if (!skip_calls && calls != NULL && calls->type == J_ARR) {
    for (i = 0; i < calls->n; i++) {
      int t = do_call(&r, calls->items[i], (int)i);
      if (t < 0) {
        run_free(&r);
        return 2;
      }
      if (t > 0)
        break;
    }
  }
  buf_puts(outj, "{\"bytes\": ");
  json_str(outj, r.out.ptr ? r.out.ptr : "", r.out.len);
  buf_puts(outj, ", \"error\": ");
  if (r.err.len) {
    buf_put(outj, r.err.ptr, r.err.len);
    rc = 1;
  } else {
    buf_puts(outj, "null");
  }
  if (r.results.len) {
    buf_puts(outj, ", \"results\": [");
    buf_put(outj, r.results.ptr, r.results.len);
    buf_puts(outj, "]");
  }
  buf_puts(outj, "}\n");
  run_free(&r);
  return rc;
}

static int write_run(int argc, char **argv);

const struct cli_command cli_write = {
    "write", "Node's OutgoingMessage calls in, the bytes written out",
    "usage: h1 write [OPTION]... [SCENARIO.json]\n"
    "\n"
    "Replays a scenario (standard input when absent or '-'): the calls a\n"
    "Node program makes on a ServerResponse or a ClientRequest, as JSON.\n"
    "Prints one JSON object: the bytes written to the connection, and the\n"
    "error a call threw (doc/cli.md, section 3).\n"
    "\n"
    "  -p, --profile node|strict  node: Node 20 exactly (default); strict:\n"
    "                             refuses what Node writes unsafely\n"
    "  -h, --help                 print this help\n"
    "\n"
    "Exit status: 0 no call threw, 1 a call threw, 2 usage error or a\n"
    "scenario that is not valid.\n",
    write_run};

static int write_run(int argc, char **argv) {
  static const struct option longs[] = {
      {"profile", required_argument, NULL, 'p'}, {NULL, 0, NULL, 0}};
  const struct cli_command *me = &cli_write;
  h1_profile profile = H1_PROFILE_NODE;
  int c, rc, status = 0;
  char *data;
  size_t len;
  char err[200];
  struct jval *sc;
  struct buf out = {0};
  while ((c = cli_getopt(me, argc, argv, "p:", longs, &status)) != -1) {
    switch (c) {
    case 'p':
      if (cli_profile(optarg, &profile) != 0)
        return cli_usage_error(me, "--profile takes node or strict");
      break;
    default:
      return status;
    }
  }
  if ((rc = cli_read_operand(me, argc, argv, &data, &len)) != 0)
    return rc;
  sc = jv_parse(data, len, err, sizeof(err));
  free(data);
  if (sc == NULL || sc->type != J_OBJ) {
    if (sc != NULL)
      snprintf(err, sizeof(err), "not an object");
    jv_free(sc);
    return cli_usage_error(me, "the scenario is not a JSON object: %s", err);
  }
  rc = run_scenario(sc, profile, &out);
  if (rc != 2)
    fwrite(out.ptr, 1, out.len, stdout);
  buf_free(&out);
  jv_free(sc);
  kfree_all();
  return rc;
}
