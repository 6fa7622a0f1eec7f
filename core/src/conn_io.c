/*
 * conn_io.c -- a connection's buffers: the caller's input buffer, filled
 * through recv_buf / recv_ack and parsed in place, and its output buffer,
 * appended to by the writer and drained through send_buf / send_ack.
 */
#include <string.h>

#include "conn.h"

void h1__io_init(struct h1_conn_io *io, const struct h1_conn_mem *mem) {
  memset(io, 0, sizeof(*io));
  io->mem = *mem;
  io->out.ptr = mem->out;
  io->out.cap = mem->out_cap;
  io->attached = 1;
}

char *h1__io_recv_buf(struct h1_conn_io *io, size_t *len) {
  if (!io->attached) {
    *len = 0;
    return NULL;
  }
  /* every event of the bytes before in_off has been handed over */
  if (io->in_off > 0) {
    memmove(io->mem.in, io->mem.in + io->in_off, io->in_len - io->in_off);
    io->in_len -= io->in_off;
    io->in_off = 0;
  }
  *len = io->mem.in_cap - io->in_len;
  return io->mem.in + io->in_len;
}

void h1__io_recv_ack(struct h1_conn_io *io, size_t n) {
  if (n > io->mem.in_cap - io->in_len)
    n = io->mem.in_cap - io->in_len;
  io->in_len += n;
}

const char *h1__io_send_buf(const struct h1_conn_io *io, size_t *len) {
  *len = io->out.len - io->sent;
  return *len ? io->out.ptr + io->sent : NULL;
}

void h1__io_send_ack(struct h1_conn_io *io, size_t n) {
  if (n > io->out.len - io->sent)
    n = io->out.len - io->sent;
  io->sent += n;
  memmove(io->out.ptr, io->out.ptr + io->sent, io->out.len - io->sent);
  io->out.len -= io->sent;
  io->sent = 0;
}

int h1__io_put(struct h1_conn_io *io, const char *s, size_t n) {
  if (!io->attached || n > io->out.cap - io->out.len)
    return -1;
  memcpy(io->out.ptr + io->out.len, s, n);
  io->out.len += n;
  return 0;
}

h1_event_type h1__io_execute(struct h1_conn_io *io, h1_parser *p,
                             struct h1_event *ev) {
  io->in_off +=
      h1_execute(p, io->mem.in + io->in_off, io->in_len - io->in_off, ev);
  return ev->type;
}

int h1__io_none_again(const struct h1_conn_io *io, size_t before) {
  return io->in_off > before && io->in_off < io->in_len;
}

struct h1_span h1__io_rest(const struct h1_conn_io *io) {
  struct h1_span s;
  s.ptr = io->mem.in + io->in_off;
  s.len = io->in_len - io->in_off;
  return s;
}

void h1__io_drop_input(struct h1_conn_io *io) {
  io->in_off = io->in_len;
}

int h1__io_has_input(const struct h1_conn_io *io) {
  return io->in_len > io->in_off;
}

int h1__io_has_output(const struct h1_conn_io *io) {
  return io->out.len > io->sent;
}

int h1__io_detach(struct h1_conn_io *io, h1_parser *p, struct h1_conn_mem *m) {
  if (!io->attached || h1__io_has_input(io) || h1__io_has_output(io) ||
      h1_message_in_progress(p))
    return -1;
  *m = io->mem;
  h1_parser_set_memory(p, NULL, 0, NULL, 0);
  memset(&io->mem, 0, sizeof(io->mem));
  memset(&io->out, 0, sizeof(io->out));
  io->in_off = io->in_len = io->sent = 0;
  io->attached = 0;
  return 0;
}

void h1__io_attach(struct h1_conn_io *io, h1_parser *p,
                   const struct h1_conn_mem *mem) {
  h1__io_init(io, mem);
  h1_parser_set_memory(p, mem->slots, mem->nslots, mem->arena, mem->arena_cap);
}

void h1__io_response(struct h1_conn_io *io, h1_writer *w, h1_profile profile,
                     const struct h1_wresponse_options *wo) {
  h1_writer_init_response(w, profile, wo, io->mem.lines, io->mem.nlines,
                          io->mem.trailers, io->mem.ntrailers, io->mem.head,
                          io->mem.head_cap);
}
