/*
 * conn_server.c -- the server side of a connection: what Node 20's
 * _http_server.js decides between the socket and the handler.
 *
 * One request is served at a time, in order (h11's model): after a head
 * has been handed over, its body is read, but the next head is not parsed
 * until the response has ended (or the driver said it will not answer
 * here).  Node parses pipelined requests ahead and queues their responses;
 * the order on the wire is the same.  What Node's parsing ahead changes
 * (an error later in the same read) is looked for when a request ends
 * (h1__request_end).
 */
#include <string.h>

#include "conn.h"

/* h1__phase */
enum {
  PH_HEAD = 0,  /* waiting for / reading a request head */
  PH_BODY,      /* the head was handed over; its body is read */
  PH_CLOSING,   /* no more reading: close once the output is sent */
  PH_UPGRADED,  /* HTTP is over */
  PH_ERROR_NEXT /* a dispatched head was rejected: the error follows */
};

/* h1__flags */
#define SF_ACTIVE (1u << 0)     /* a request has begun and is incomplete */
#define SF_RESPONSE (1u << 1)   /* the writer's response has not ended */
#define SF_KA_TIMER (1u << 2)   /* the keep-alive socket timeout runs */
#define SF_EOF (1u << 3)        /* the peer's FIN arrived */
#define SF_EOF_DONE (1u << 4)   /* ... and was given to the parser */
#define SF_MORE (1u << 5)       /* the parser may have an event without input */
#define SF_TIMEOUT (1u << 6)    /* a request timeout is due */
#define SF_STOPPED (1u << 7)    /* an Upgrade head served as a request */
#define SF_HANDOVER (1u << 8)   /* the head is Node's upgrade / connect */
#define SF_DETACHED (1u << 9)   /* the last response ended (detachSocket) */
#define SF_BODY_SEEN (1u << 10) /* body bytes of this request came */

/* h1__pending */
enum { PEND_NONE = 0, PEND_CANNED };

void h1_server_options_default(struct h1_server_options *o) {
  memset(o, 0, sizeof(*o));
  o->max_header_size = H1_DEFAULT_MAX_HEADER_SIZE;
  o->profile = H1_PROFILE_NODE;
  o->require_host_header = 1;
  o->headers_timeout = 60000;
  o->request_timeout = 300000;
  o->keep_alive_timeout = 5000;
  o->connections_checking_interval = 30000;
  o->max_headers_count = -1;
}

void h1_server_init(h1_server_conn *c, const struct h1_server_options *opt,
                    const struct h1_conn_mem *mem, int64_t now) {
  struct h1_settings set;
  memset(c, 0, sizeof(*c));
  if (opt != NULL)
    c->h1__opt = *opt;
  else
    h1_server_options_default(&c->h1__opt);
  memset(&set, 0, sizeof(set));
  set.type = H1_REQUEST;
  set.profile = c->h1__opt.profile;
  set.lenient = c->h1__opt.lenient;
  set.max_header_size = c->h1__opt.max_header_size;
  set.max_headers_count =
      H1_HEADERS_COUNT_FROM_NODE(c->h1__opt.max_headers_count);
  h1__io_init(&c->h1__io, mem);
  h1_parser_init(&c->parser, &set, mem->slots, mem->nslots, mem->arena,
                 mem->arena_cap);
  /* Node's parser starts its clock when the connection is accepted */
  c->h1__flags = SF_ACTIVE;
  c->h1__msg_start = now;
  c->h1__last_active = now;
}

unsigned h1_server_state(const h1_server_conn *c) {
  unsigned st = 0;
  const struct h1_conn_io *io = &c->h1__io;
  if (h1__io_has_output(io))
    st |= H1_CONN_SENDREC;
  if (c->h1__phase == PH_CLOSING)
    st |= H1_CONN_CLOSED;
  else if (c->h1__phase == PH_UPGRADED)
    st |= H1_CONN_UPGRADED;
  else if (io->attached && !(c->h1__flags & SF_EOF) &&
           io->in_len - io->in_off < io->mem.in_cap)
    st |= H1_CONN_RECVREC;
  if (c->h1__phase == PH_HEAD && !(c->h1__flags & (SF_ACTIVE | SF_RESPONSE)) &&
      !h1__io_has_input(io) && !h1__io_has_output(io))
    st |= H1_CONN_IDLE;
  return st;
}

char *h1_server_recv_buf(h1_server_conn *c, size_t *len) {
  return h1__io_recv_buf(&c->h1__io, len);
}

void h1_server_recv_ack(h1_server_conn *c, size_t n, int64_t now) {
  h1__io_recv_ack(&c->h1__io, n);
  if (n > 0) {
    c->h1__flags |= SF_MORE;
    c->h1__last_active = now;
  }
}

void h1_server_recv_eof(h1_server_conn *c, int64_t now) {
  c->h1__flags |= SF_EOF | SF_MORE;
  c->h1__last_active = now;
}

const char *h1_server_send_buf(const h1_server_conn *c, size_t *len) {
  return h1__io_send_buf(&c->h1__io, len);
}

void h1_server_send_ack(h1_server_conn *c, size_t n, int64_t now) {
  h1__io_send_ack(&c->h1__io, n);
  if (n > 0)
    c->h1__last_active = now;
}

void h1_server_set_time(h1_server_conn *c, int64_t unix_seconds) {
  c->h1__unix_time = unix_seconds;
  h1_writer_set_time(&c->writer, unix_seconds);
}

h1_writer *h1_server_writer(h1_server_conn *c) {
  return &c->writer;
}

struct h1_wbuf *h1_server_out(h1_server_conn *c) {
  return &c->h1__io.out;
}

const struct h1_wresponse_options *
h1_server_response_options(const h1_server_conn *c) {
  return &c->h1__wo;
}

void h1_server_skip_response(h1_server_conn *c) {
  c->h1__flags &= ~SF_RESPONSE;
}

/* ------------------------------------------------------------------------
 * The request as Node's parserOnIncoming sees it
 * ------------------------------------------------------------------------ */

static int h1__word_byte(unsigned char b) {
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') ||
         (b >= 'A' && b <= 'Z') || b == '_';
}

/* /(?:^|\W)chunked(?:$|\W)/i: some maximal run of \w bytes is `chunked`. */
static int h1__names_chunked(struct h1_span v) {
  size_t i = 0, start;
  while (i < v.len) {
    while (i < v.len && !h1__word_byte((unsigned char)v.ptr[i]))
      i++;
    start = i;
    while (i < v.len && h1__word_byte((unsigned char)v.ptr[i]))
      i++;
    if (h1_span_ieq((struct h1_span){v.ptr + start, i - start}, "chunked", 7))
      return 1;
  }
  return 0;
}

/* Lines Node merges into req.headers. */
static size_t h1__merged(const h1_server_conn *c) {
  size_t raw, merge;
  h1_node_header_counts(c->parser.msg.num_headers, c->h1__opt.max_headers_count,
                        0, &raw, &merge);
  return merge;
}

/* req.headers[name] !== undefined */
static int h1__has(const h1_server_conn *c, const char *name, size_t n) {
  size_t i, m = h1__merged(c);
  for (i = 0; i < m; i++) {
    if (h1_span_ieq(c->parser.msg.headers[i].name, name, n))
      return 1;
  }
  return 0;
}

static int h1__te_chunked(const h1_server_conn *c) {
  size_t i, m = h1__merged(c);
  for (i = 0; i < m; i++) {
    if (h1_span_ieq(c->parser.msg.headers[i].name, "te", 2) &&
        h1__names_chunked(c->parser.msg.headers[i].value))
      return 1;
  }
  return 0;
}

/* The ServerResponse for the head just parsed, then what Node does before
 * (or instead of) emitting 'request'. */
static h1_dispatch h1__dispatch(h1_server_conn *c) {
  const struct h1_server_options *o = &c->h1__opt;
  const struct h1_message *m = &c->parser.msg;
  struct h1_wresponse_options *wp = &c->h1__wo, wo;
  int v11 = m->version_major == 1 && m->version_minor == 1;
  int expect = v11 && h1__has(c, "expect", 6);
  int limited = v11 && o->max_requests_per_socket > 0;
  struct h1_wbuf *out = &c->h1__io.out;

  memset(&wo, 0, sizeof(wo));
  wo.head = m->method == H1_METHOD_HEAD;
  wo.version_major = m->version_major;
  wo.version_minor = m->version_minor;
  wo.keep_alive = h1_should_keep_alive(&c->parser);
  wo.te_chunked = h1__te_chunked(c);
  wo.keep_alive_timeout = o->keep_alive_timeout;
  wo.max_requests_per_socket = o->max_requests_per_socket;
  wo.reject_non_standard_body_writes = o->reject_non_standard_body_writes;
  wo.unique_headers = o->unique_headers;
  wo.nunique = o->nunique;
  c->requests++;
  c->h1__flags |= SF_RESPONSE;
  c->h1__flags &= ~SF_DETACHED;
  c->h1__flags &= ~SF_KA_TIMER; /* resetSocketTimeout */
  if (v11 && o->require_host_header && !h1__has(c, "host", 4)) {
    static const struct h1_span close = {"close", 5};
    static const struct h1_wfield conn = {{"Connection", 10}, &close, 1, 0};
    *wp = wo;
    h1__io_response(&c->h1__io, &c->writer, o->profile, &wo);
    h1_writer_set_time(&c->writer, c->h1__unix_time);
    (void)h1_writer_write_head(&c->writer, 400, NULL, &conn, 1, H1_WH_ARRAY);
    (void)h1_writer_end(&c->writer, NULL, 0, out);
    return H1_DISPATCH_ANSWERED;
  }
  if (limited) {
    c->h1__count++; /* state.requestsCount */
    wo.max_requests_reached = o->max_requests_per_socket <= c->h1__count;
  }
  wo.expect_continue =
      expect && (c->parser.msg.flags & H1_F_EXPECT_CONTINUE) != 0;
  *wp = wo;
  h1__io_response(&c->h1__io, &c->writer, o->profile, &wo);
  h1_writer_set_time(&c->writer, c->h1__unix_time);
  if (limited && o->max_requests_per_socket < c->h1__count) {
    (void)h1_writer_write_head(&c->writer, 503, NULL, NULL, 0, 0);
    (void)h1_writer_end(&c->writer, NULL, 0, out);
    return H1_DISPATCH_DROPPED;
  }
  if (!expect)
    return H1_DISPATCH_REQUEST;
  if (wo.expect_continue) {
    if (o->on_check_continue)
      return H1_DISPATCH_CHECK_CONTINUE;
    (void)h1_writer_write_continue(&c->writer, out);
    return H1_DISPATCH_REQUEST;
  }
  if (o->on_check_expectation)
    return H1_DISPATCH_CHECK_EXPECT;
  (void)h1_writer_write_head(&c->writer, 417, NULL, NULL, 0, 0);
  (void)h1_writer_end(&c->writer, NULL, 0, out);
  return H1_DISPATCH_ANSWERED;
}

/* ------------------------------------------------------------------------
 * Errors, timeouts, the end of a response
 * ------------------------------------------------------------------------ */

/* The canned answer goes out as soon as the output has room for it. */
static int h1__flush_pending(h1_server_conn *c) {
  struct h1_span s;
  if (c->h1__pending == PEND_NONE)
    return 0;
  s = h1__canned_bytes(c->h1__code);
  if (h1__io_put(&c->h1__io, s.ptr, s.len) != 0)
    return -1;
  c->h1__pending = PEND_NONE;
  return 0;
}

/* socketOnError: Node's raw answer when the socket is still writable and
 * no response has put its head out, then close. */
static h1_server_event_type h1__client_error(h1_server_conn *c, h1_conn_error e,
                                             struct h1_server_event *ev) {
  unsigned status = h1__canned_status(e, c->parser.error);
  /* socket._httpMessage._headerSent */
  int started = c->requests > 0 && !(c->h1__flags & SF_DETACHED) &&
                h1_writer_headers_sent(&c->writer);
  if (started || c->h1__phase == PH_CLOSING)
    status = 0;
  c->h1__flags &= ~(SF_ACTIVE | SF_RESPONSE | SF_KA_TIMER | SF_TIMEOUT);
  c->h1__phase = PH_CLOSING;
  c->h1__code = status;
  c->h1__pending = status ? PEND_CANNED : PEND_NONE;
  ev->type = H1_SEV_CLIENT_ERROR;
  ev->error = e;
  ev->code = status;
  (void)h1__flush_pending(c);
  return ev->type;
}

/* resOnFinish */
static void h1__response_ended(h1_server_conn *c, int64_t now) {
  c->h1__flags &= ~SF_RESPONSE;
  c->h1__flags |= SF_DETACHED;
  if (h1_writer_last(&c->writer)) {
    c->h1__phase = PH_CLOSING;
    return;
  }
  if (c->h1__flags & SF_STOPPED) {
    /* an Upgrade served as a request: Node resumes its parser after the
     * upgrade pause and drops the rest of that read */
    h1_parser_reset(&c->parser);
    h1__io_drop_input(&c->h1__io);
    c->h1__ahead_to = 0;
    c->h1__flags &= ~SF_STOPPED;
  }
  if (c->h1__opt.keep_alive_timeout > 0) {
    c->h1__flags |= SF_KA_TIMER;
    c->h1__last_active = now;
  }
}

int64_t h1_server_deadline(const h1_server_conn *c) {
  const struct h1_server_options *o = &c->h1__opt;
  int64_t d = INT64_MAX;
  if (c->h1__phase >= PH_CLOSING)
    return d;
  if ((c->h1__flags & SF_ACTIVE) &&
      (o->headers_timeout != 0 || o->request_timeout != 0)) {
    if (c->h1__phase == PH_HEAD && o->headers_timeout > 0)
      d = h1__deadline_after(c->h1__msg_start, o->headers_timeout);
    if (o->request_timeout > 0)
      d = h1__deadline_min(
          d, h1__deadline_after(c->h1__msg_start, o->request_timeout));
  }
  return d;
}

/* The socket's timeout (socket.setTimeout): keepAliveTimeout + 1 s after a
 * response, server.timeout otherwise (resetSocketTimeout puts it back at
 * the next head); Node refreshes it with every byte read or written. */
static int64_t h1__socket_deadline(const h1_server_conn *c) {
  if (c->h1__phase >= PH_CLOSING)
    return INT64_MAX;
  if (c->h1__flags & SF_KA_TIMER)
    return c->h1__last_active + (int64_t)c->h1__opt.keep_alive_timeout + 1000;
  if (c->h1__opt.timeout > 0)
    return c->h1__last_active + (int64_t)c->h1__opt.timeout;
  return INT64_MAX;
}

int64_t h1_server_node_deadline(const h1_server_conn *c, int64_t origin) {
  return h1__deadline_min(
      h1__deadline_at_tick(h1_server_deadline(c), origin,
                           c->h1__opt.connections_checking_interval),
      h1__socket_deadline(c));
}

void h1_server_check_timeouts(h1_server_conn *c, int64_t now) {
  if (now >= h1__socket_deadline(c)) {
    c->h1__phase = PH_CLOSING; /* socketOnTimeout: destroy, no bytes */
    return;
  }
  if (now >= h1_server_deadline(c))
    c->h1__flags |= SF_TIMEOUT;
}

/* ------------------------------------------------------------------------
 * Parsing ahead: what Node's parser reaches before the handler answers
 * ------------------------------------------------------------------------ */

/* Node's parser runs over a whole read (llhttp_execute) before any
 * nextTick callback; it drains that queue only after each body callback.
 * So when a request ends, Node has already parsed the input that followed
 * it in the same read, up to the first body byte of a later request (or an
 * upgrade head, where it stops), before
 * - a handler that answers at the request's 'end' (a tick later) has
 *   written anything: an error found there is answered by socketOnError
 *   (400, 431, 413) and the response never goes out;
 * - a response written synchronously at the head (the connection's own
 *   answers: missing Host, 417, 503; or a driver that answered before the
 *   end) has finished: still socket._httpMessage with its head sent, so
 *   the error closes the socket silently and no later response goes out;
 *   when the request had a body, the tick after its first body bytes
 *   finished the response and nothing changes.
 * A CONNECT head there, with no 'connect' listener, makes Node destroy the
 * socket at once: nothing more is written.
 * The buffered input not parsed yet stands for the rest of Node's read.
 * A copy of the parser, checking only, finds the error; h1__ahead_to is
 * where an earlier look found none (input positions, parser.nread). */
enum { AHEAD_CLEAN = 0, AHEAD_ERROR, AHEAD_DESTROY };

static int h1__look_ahead(h1_server_conn *c) {
  const struct h1_conn_io *io = &c->h1__io;
  const char *p = io->mem.in + io->in_off;
  size_t n = io->in_len - io->in_off;
  uint64_t end = c->parser.nread + n;
  h1_parser ahead;
  struct h1_event pe;
  if (n == 0 || c->h1__ahead_to >= end)
    return AHEAD_CLEAN;
  ahead = c->parser;
  h1__parser_check_only(&ahead);
  while (n > 0) {
    size_t k = h1_execute(&ahead, p, n, &pe);
    p += k;
    n -= k;
    if (pe.type == H1_EV_ERROR) {
      if (ahead.error == H1_E_SLOTS_FULL || ahead.error == H1_E_ARENA_FULL)
        return AHEAD_CLEAN; /* h1's limits, not Node's: a head cut short */
      c->parser.error = ahead.error;
      c->parser.reason = ahead.reason;
      c->parser.error_offset = ahead.error_offset;
      return AHEAD_ERROR;
    }
    if (pe.type == H1_EV_HEAD && (ahead.msg.flags & H1_F_IS_UPGRADE) &&
        ahead.msg.method == H1_METHOD_CONNECT && !c->h1__opt.on_connect)
      return AHEAD_DESTROY;
    if ((pe.type == H1_EV_BODY && pe.data.len > 0) ||
        pe.type == H1_EV_UPGRADE ||
        (pe.type == H1_EV_HEAD && (ahead.msg.flags & H1_F_IS_UPGRADE)))
      return AHEAD_CLEAN; /* Node's handler answers before it goes on */
    if (pe.type == H1_EV_NONE && k == 0)
      break;
  }
  c->h1__ahead_to = end;
  return AHEAD_CLEAN;
}

/* H1_SEV_REQUEST_END in `ev`, or what Node found ahead of it: an error
 * (H1_SEV_CLIENT_ERROR), or a socket destroyed (NONE, closed). */
static h1_server_event_type h1__request_end(h1_server_conn *c,
                                            struct h1_server_event *ev) {
  int sent = h1_writer_headers_sent(&c->writer);
  int async = !sent && (c->h1__flags & SF_RESPONSE);
  int sync = sent && !(c->h1__flags & SF_BODY_SEEN);
  int found;
  if (c->h1__opt.profile != H1_PROFILE_NODE || (c->h1__flags & SF_STOPPED) ||
      !(async || sync))
    return ev->type;
  found = h1__look_ahead(c);
  if (found == AHEAD_CLEAN)
    return ev->type;
  if (found == AHEAD_DESTROY) {
    c->h1__flags &= ~(SF_RESPONSE | SF_KA_TIMER | SF_TIMEOUT);
    c->h1__phase = PH_CLOSING;
    ev->type = H1_SEV_NONE;
    return ev->type;
  }
  if (sync) {
    /* the answer written goes out; then the socket is destroyed */
    c->h1__flags &= ~SF_RESPONSE;
    c->h1__phase = PH_CLOSING;
  }
  return h1__client_error(c, H1_CE_PARSE, ev);
}

/* ------------------------------------------------------------------------
 * Events
 * ------------------------------------------------------------------------ */

static h1_server_event_type h1__on_head(h1_server_conn *c,
                                        struct h1_server_event *ev) {
  const struct h1_message *m = &c->parser.msg;
  (void)h1_parser_keep_head(&c->parser);
  c->h1__phase = PH_BODY;
  if (m->flags & H1_F_IS_UPGRADE) {
    int connect = m->method == H1_METHOD_CONNECT;
    if (connect || c->h1__opt.on_upgrade) {
      c->h1__flags |= SF_HANDOVER;
      return H1_SEV_NONE; /* handed over at its end */
    }
    c->h1__flags |= SF_STOPPED;
  }
  c->h1__flags &= ~SF_BODY_SEEN;
  ev->type = H1_SEV_REQUEST;
  ev->dispatch = h1__dispatch(c);
  return ev->type;
}

static h1_server_event_type h1__on_eof(h1_server_conn *c,
                                       struct h1_server_event *ev) {
  struct h1_event pe;
  c->h1__flags |= SF_EOF_DONE;
  h1_finish(&c->parser, &pe);
  if (pe.type == H1_EV_MESSAGE_END) {
    c->h1__flags &= ~SF_ACTIVE;
    ev->type = H1_SEV_REQUEST_END;
  } else if (pe.type == H1_EV_ERROR) {
    return h1__client_error(c, H1_CE_PARSE, ev);
  }
  /* !httpAllowHalfOpen: socket.end() once the response in progress ends */
  if (!(c->h1__flags & SF_RESPONSE))
    c->h1__phase = PH_CLOSING;
  return ev->type;
}

h1_server_event_type h1_server_next(h1_server_conn *c, int64_t now,
                                    struct h1_server_event *ev) {
  struct h1_event pe;
  memset(ev, 0, sizeof(*ev));
  if (h1__flush_pending(c) != 0)
    return H1_SEV_NONE;
  if (c->h1__phase == PH_ERROR_NEXT)
    return h1__client_error(c, H1_CE_PARSE, ev);
  if ((c->h1__flags & SF_RESPONSE) && h1_writer_finished(&c->writer))
    h1__response_ended(c, now);
  if (c->h1__phase >= PH_CLOSING)
    return H1_SEV_NONE;
  if (c->h1__flags & SF_TIMEOUT)
    return h1__client_error(c, H1_CE_REQUEST_TIMEOUT, ev);
  if (c->h1__phase == PH_HEAD && (c->h1__flags & SF_RESPONSE))
    return H1_SEV_NONE; /* the next head waits for this response */
  if ((c->h1__flags & SF_EOF) && (c->h1__flags & SF_EOF_DONE) &&
      !h1__io_has_input(&c->h1__io)) {
    if (!(c->h1__flags & SF_RESPONSE))
      c->h1__phase = PH_CLOSING;
    return H1_SEV_NONE;
  }
  for (;;) {
    int began = h1_message_in_progress(&c->parser);
    size_t before = c->h1__io.in_off;
    if (!(c->h1__flags & SF_MORE) && !h1__io_has_input(&c->h1__io))
      pe.type = H1_EV_NONE;
    else
      h1__io_execute(&c->h1__io, &c->parser, &pe);
    c->h1__flags |= SF_MORE;
    if (!began && h1_message_in_progress(&c->parser) &&
        !(c->h1__flags & SF_ACTIVE)) {
      c->h1__flags |= SF_ACTIVE; /* on_message_begin */
      c->h1__msg_start = c->h1__last_active;
    }
    switch (pe.type) {
    case H1_EV_NONE:
      if (h1__io_none_again(&c->h1__io, before))
        continue;
      c->h1__flags &= ~SF_MORE;
      if ((c->h1__flags & (SF_EOF | SF_EOF_DONE)) == SF_EOF)
        return h1__on_eof(c, ev);
      return H1_SEV_NONE;
    case H1_EV_HEAD:
      if (h1__on_head(c, ev) != H1_SEV_NONE)
        return ev->type;
      continue;
    case H1_EV_BODY:
      if (c->h1__flags & SF_HANDOVER)
        continue;
      if (pe.data.len > 0)
        c->h1__flags |= SF_BODY_SEEN;
      ev->type = H1_SEV_BODY;
      ev->data = pe.data;
      return ev->type;
    case H1_EV_MESSAGE_END:
      c->h1__flags &= ~SF_ACTIVE;
      c->h1__phase = PH_HEAD;
      if (c->h1__flags & SF_HANDOVER) {
        if (c->parser.msg.method == H1_METHOD_CONNECT &&
            !c->h1__opt.on_connect) {
          c->h1__phase = PH_CLOSING; /* no 'connect' listener: destroy */
          return H1_SEV_NONE;
        }
        c->h1__phase = PH_UPGRADED;
        ev->type = H1_SEV_UPGRADE;
        ev->data = h1__io_rest(&c->h1__io);
        h1__io_drop_input(&c->h1__io);
        return ev->type;
      }
      ev->type = H1_SEV_REQUEST_END;
      return h1__request_end(c, ev);
    case H1_EV_UPGRADE:
      /* the parser stopped after an Upgrade head served as a request; the
       * end of input then only ends the connection; finish() says nothing */
      c->h1__flags &= ~SF_MORE;
      if (c->h1__flags & SF_EOF) {
        c->h1__flags |= SF_EOF_DONE;
        if (!(c->h1__flags & SF_RESPONSE))
          c->h1__phase = PH_CLOSING;
      }
      return H1_SEV_NONE;
    case H1_EV_ERROR:
      if (c->parser.head_complete && c->h1__phase == PH_HEAD &&
          c->h1__opt.profile == H1_PROFILE_NODE) {
        /* Node dispatched this head before rejecting it */
        if (h1__on_head(c, ev) != H1_SEV_NONE) {
          c->h1__phase = PH_ERROR_NEXT;
          return ev->type;
        }
      }
      return h1__client_error(c, H1_CE_PARSE, ev);
    }
  }
}

int h1_server_detach(h1_server_conn *c, struct h1_conn_mem *mem) {
  /* idle between requests, or new: no byte received yet (its clock runs,
   * its buffers hold nothing) */
  int fresh = c->h1__phase == PH_HEAD && c->requests == 0 &&
              c->parser.nread == 0 && !(c->h1__flags & SF_RESPONSE);
  if (!(h1_server_state(c) & H1_CONN_IDLE) && !fresh)
    return -1;
  return h1__io_detach(&c->h1__io, &c->parser, mem);
}

void h1_server_attach(h1_server_conn *c, const struct h1_conn_mem *mem) {
  h1__io_attach(&c->h1__io, &c->parser, mem);
}
