/*
 * conn_client.c -- the client side of a connection: which response heads
 * Node 20's _http_client.js reports for one request, and when the socket
 * may carry the next one.
 *
 * Node's client parses a whole read before it acts: bytes after the final
 * response in the same read are still parsed (a second response head
 * destroys the socket silently, a 101 upgrade is still handed over, a
 * parse error is still reported).  The connection treats all buffered
 * input that way, so what it reports does not depend on how the input was
 * split.
 */
#include <string.h>

#include "conn.h"

#define CF_REQUEST (1u << 0)   /* a request was started */
#define CF_FINAL (1u << 1)     /* req.res: a final head was reported */
#define CF_IN_FINAL (1u << 2)  /* its body is being read */
#define CF_COMPLETE (1u << 3)  /* it ended */
#define CF_INFO (1u << 4)      /* a 1xx is being read */
#define CF_SUPPRESS (1u << 5)  /* a second response: reported nothing */
#define CF_DESTROYED (1u << 6) /* socket.destroy() */
#define CF_HANDOVER (1u << 7)  /* upgrade or connect at this message's end */
#define CF_UPGRADED (1u << 8)
#define CF_DEAD (1u << 9) /* nothing more to report */
#define CF_EOF (1u << 10)
#define CF_MORE (1u << 11)
#define CF_KEEP_ALIVE (1u << 12) /* req.shouldKeepAlive */
#define CF_ERROR (1u << 13)
#define CF_HEAD (1u << 14)       /* this message's head was looked at */
#define CF_ERROR_NEXT (1u << 15) /* a reported head was then rejected */

void h1_client_init(h1_client_conn *c, const struct h1_client_options *opt,
                    const struct h1_conn_mem *mem) {
  struct h1_settings set;
  memset(c, 0, sizeof(*c));
  if (opt != NULL)
    c->h1__opt = *opt;
  memset(&set, 0, sizeof(set));
  set.type = H1_RESPONSE;
  set.profile = c->h1__opt.profile;
  set.lenient = c->h1__opt.lenient;
  set.max_header_size = c->h1__opt.max_header_size;
  set.max_headers_count = c->h1__opt.max_headers_count;
  set.request_method = H1_METHOD_GET;
  c->h1__method = H1_METHOD_GET;
  h1__io_init(&c->h1__io, mem);
  h1_parser_init(&c->parser, &set, mem->slots, mem->nslots, mem->arena,
                 mem->arena_cap);
}

h1_werrno h1_client_request(h1_client_conn *c, h1_method method,
                            const struct h1_wrequest_options *ro) {
  struct h1_conn_io *io = &c->h1__io;
  h1_werrno e = H1_WE_OK;
  /* a fresh parser, as parsers.alloc() gives tickOnSocket */
  h1_parser_reset(&c->parser);
  h1_parser_set_request_method(&c->parser, method);
  c->h1__method = method;
  c->h1__flags = CF_REQUEST | CF_KEEP_ALIVE;
  if (ro != NULL) {
    e = h1_writer_init_request(
        &c->writer, c->h1__opt.profile, ro, io->mem.lines, io->mem.nlines,
        io->mem.trailers, io->mem.ntrailers, io->mem.head, io->mem.head_cap);
    if (e == H1_WE_OK && h1_writer_wants_send(&c->writer))
      e = h1_writer_send(&c->writer, &io->out);
    if (!ro->agent_keep_alive)
      c->h1__flags &= ~CF_KEEP_ALIVE;
  } else {
    memset(&c->writer, 0, sizeof(c->writer));
  }
  return e;
}

unsigned h1_client_state(const h1_client_conn *c) {
  unsigned st = 0;
  const struct h1_conn_io *io = &c->h1__io;
  if (h1__io_has_output(io))
    st |= H1_CONN_SENDREC;
  if (c->h1__flags & CF_UPGRADED)
    st |= H1_CONN_UPGRADED;
  else if (c->h1__flags & (CF_DEAD | CF_DESTROYED))
    st |= H1_CONN_CLOSED;
  else if (io->attached && !(c->h1__flags & CF_EOF) &&
           io->in_len - io->in_off < io->mem.in_cap)
    st |= H1_CONN_RECVREC;
  if (h1_client_reusable(c) || !(c->h1__flags & CF_REQUEST))
    st |= h1__io_has_input(io) || h1__io_has_output(io) ? 0 : H1_CONN_IDLE;
  return st;
}

char *h1_client_recv_buf(h1_client_conn *c, size_t *len) {
  return h1__io_recv_buf(&c->h1__io, len);
}

void h1_client_recv_ack(h1_client_conn *c, size_t n) {
  h1__io_recv_ack(&c->h1__io, n);
  if (n > 0)
    c->h1__flags |= CF_MORE;
}

void h1_client_recv_eof(h1_client_conn *c) {
  c->h1__flags |= CF_EOF | CF_MORE;
}

const char *h1_client_send_buf(const h1_client_conn *c, size_t *len) {
  return h1__io_send_buf(&c->h1__io, len);
}

void h1_client_send_ack(h1_client_conn *c, size_t n) {
  h1__io_send_ack(&c->h1__io, n);
}

h1_writer *h1_client_writer(h1_client_conn *c) {
  return &c->writer;
}

struct h1_wbuf *h1_client_out(h1_client_conn *c) {
  return &c->h1__io.out;
}

int h1_client_reusable(const h1_client_conn *c) {
  const uint32_t bad = CF_DESTROYED | CF_ERROR | CF_UPGRADED | CF_DEAD;
  return (c->h1__flags & CF_COMPLETE) && (c->h1__flags & CF_KEEP_ALIVE) &&
         !(c->h1__flags & bad) && h1_should_keep_alive(&c->parser) &&
         h1_writer_finished(&c->writer) && !h1__io_has_input(&c->h1__io) &&
         !h1__io_has_output(&c->h1__io);
}

/* statusIsInformational */
static int h1__informational(const struct h1_message *m) {
  return m->status >= 100 && m->status < 200 && m->status != 101;
}

/* parserOnIncomingClient */
static h1_client_event_type h1__on_head(h1_client_conn *c,
                                        struct h1_client_event *ev) {
  const struct h1_message *m = &c->parser.msg;
  int connect = c->h1__method == H1_METHOD_CONNECT;
  int listener = connect ? c->h1__opt.on_connect : c->h1__opt.on_upgrade;
  (void)h1_parser_keep_head(&c->parser);
  c->h1__flags |= CF_HEAD;
  if (c->h1__flags & CF_FINAL) {
    /* a double response: destroy the socket, report nothing; an upgrade
     * head still pauses the parser and is handed over */
    c->h1__flags |= CF_DESTROYED | CF_SUPPRESS;
    if ((m->flags & H1_F_IS_UPGRADE) && listener)
      c->h1__flags |= CF_HANDOVER;
    return H1_CEV_NONE;
  }
  if (m->flags & H1_F_IS_UPGRADE) {
    c->h1__flags |= CF_FINAL | (listener ? CF_HANDOVER : CF_DESTROYED);
    return H1_CEV_NONE;
  }
  if (h1__informational(m)) {
    c->h1__flags |= CF_INFO;
    ev->type = H1_CEV_INFORMATION;
    return ev->type;
  }
  c->h1__flags |= CF_FINAL | CF_IN_FINAL;
  ev->type = H1_CEV_RESPONSE;
  return ev->type;
}

static h1_client_event_type h1__on_end(h1_client_conn *c,
                                       struct h1_client_event *ev) {
  c->h1__flags &= ~CF_HEAD;
  if (c->h1__flags & CF_HANDOVER) {
    c->h1__flags &= ~(CF_HANDOVER | CF_SUPPRESS);
    c->h1__flags |= CF_UPGRADED;
    ev->type = H1_CEV_UPGRADE;
    ev->data = h1__io_rest(&c->h1__io);
    h1__io_drop_input(&c->h1__io);
    return ev->type;
  }
  if (c->h1__flags & CF_INFO) {
    c->h1__flags &= ~CF_INFO;
    return H1_CEV_NONE;
  }
  if (c->h1__flags & CF_IN_FINAL) {
    c->h1__flags &= ~CF_IN_FINAL;
    c->h1__flags |= CF_COMPLETE;
    ev->type = H1_CEV_RESPONSE_END;
    return ev->type;
  }
  c->h1__flags &= ~CF_SUPPRESS;
  return H1_CEV_NONE;
}

/* socketOnEnd: the finish() result is ignored; without a response the
 * request fails with "socket hang up", with an incomplete one the response
 * is aborted. */
static h1_client_event_type h1__on_eof(h1_client_conn *c,
                                       struct h1_client_event *ev) {
  struct h1_event pe;
  c->h1__flags |= CF_DEAD;
  if (c->h1__flags & (CF_COMPLETE | CF_DESTROYED | CF_UPGRADED))
    return H1_CEV_NONE;
  h1_finish(&c->parser, &pe);
  if (pe.type == H1_EV_MESSAGE_END && (c->h1__flags & CF_IN_FINAL))
    return h1__on_end(c, ev);
  c->h1__flags |= CF_ERROR;
  ev->type = H1_CEV_ERROR;
  ev->error = (c->h1__flags & CF_FINAL) ? H1_CE_ABORTED : H1_CE_HANG_UP;
  return ev->type;
}

h1_client_event_type h1_client_next(h1_client_conn *c,
                                    struct h1_client_event *ev) {
  struct h1_event pe;
  memset(ev, 0, sizeof(*ev));
  if (c->h1__flags & CF_ERROR_NEXT) {
    c->h1__flags &= ~CF_ERROR_NEXT;
    ev->type = H1_CEV_ERROR;
    ev->error = H1_CE_PARSE;
    return ev->type;
  }
  if (c->h1__flags & (CF_DEAD | CF_UPGRADED))
    return H1_CEV_NONE;
  for (;;) {
    size_t before = c->h1__io.in_off;
    if (!(c->h1__flags & CF_MORE) && !h1__io_has_input(&c->h1__io))
      pe.type = H1_EV_NONE;
    else
      h1__io_execute(&c->h1__io, &c->parser, &pe);
    c->h1__flags |= CF_MORE;
    switch (pe.type) {
    case H1_EV_NONE:
      if (h1__io_none_again(&c->h1__io, before))
        continue;
      c->h1__flags &= ~CF_MORE;
      if (c->h1__flags & CF_EOF)
        return h1__on_eof(c, ev);
      return H1_CEV_NONE;
    case H1_EV_HEAD:
      if (h1__on_head(c, ev) != H1_CEV_NONE)
        return ev->type;
      continue;
    case H1_EV_BODY:
      if (!(c->h1__flags & CF_IN_FINAL))
        continue;
      ev->type = H1_CEV_BODY;
      ev->data = pe.data;
      return ev->type;
    case H1_EV_MESSAGE_END:
      if (h1__on_end(c, ev) != H1_CEV_NONE)
        return ev->type;
      continue;
    case H1_EV_UPGRADE:
      /* a 101 without the upgrade headers: Node frees the parser and the
       * bytes after the head are dropped */
      c->h1__flags |= CF_DEAD;
      h1__io_drop_input(&c->h1__io);
      return H1_CEV_NONE;
    case H1_EV_ERROR:
      c->h1__flags |= CF_DEAD | CF_ERROR;
      if (c->parser.head_complete && !(c->h1__flags & CF_HEAD) &&
          c->h1__opt.profile == H1_PROFILE_NODE) {
        /* Node reported this head (on_headers_complete) before the error */
        c->h1__flags |= CF_ERROR_NEXT;
        if (h1__on_head(c, ev) != H1_CEV_NONE)
          return ev->type;
        c->h1__flags &= ~CF_ERROR_NEXT;
      }
      ev->type = H1_CEV_ERROR;
      ev->error = H1_CE_PARSE;
      return ev->type;
    }
  }
}

int h1_client_detach(h1_client_conn *c, struct h1_conn_mem *mem) {
  if (!(h1_client_state(c) & H1_CONN_IDLE))
    return -1;
  return h1__io_detach(&c->h1__io, &c->parser, mem);
}

void h1_client_attach(h1_client_conn *c, const struct h1_conn_mem *mem) {
  h1__io_attach(&c->h1__io, &c->parser, mem);
}
