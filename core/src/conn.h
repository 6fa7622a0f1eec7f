/*
 * conn.h -- private: what the server and client connections share (their
 * buffers, Node's canned answers, deadlines).  Not installed.
 */
#ifndef H1_SRC_CONN_H
#define H1_SRC_CONN_H

#include "h1/h1_conn.h"

/* conn_io.c: the caller's buffers, input and output positions. */
void h1__io_init(struct h1_conn_io *io, const struct h1_conn_mem *mem);
char *h1__io_recv_buf(struct h1_conn_io *io, size_t *len);
void h1__io_recv_ack(struct h1_conn_io *io, size_t n);
const char *h1__io_send_buf(const struct h1_conn_io *io, size_t *len);
void h1__io_send_ack(struct h1_conn_io *io, size_t n);
/* Appends raw bytes to the output; -1 (nothing written) when short. */
int h1__io_put(struct h1_conn_io *io, const char *s, size_t n);
/* Parses buffered input: the event, and whether H1_EV_NONE left input that
 * a further call will take (h1_execute may stop early; a wrapped one in
 * tests does). */
h1_event_type h1__io_execute(struct h1_conn_io *io, h1_parser *p,
                             struct h1_event *ev);
int h1__io_none_again(const struct h1_conn_io *io, size_t before);
/* The input not parsed yet (what followed an upgrade head). */
struct h1_span h1__io_rest(const struct h1_conn_io *io);
void h1__io_drop_input(struct h1_conn_io *io);
int h1__io_has_input(const struct h1_conn_io *io);
int h1__io_has_output(const struct h1_conn_io *io);
int h1__io_detach(struct h1_conn_io *io, h1_parser *p, struct h1_conn_mem *m);
void h1__io_attach(struct h1_conn_io *io, h1_parser *p,
                   const struct h1_conn_mem *mem);
/* The writer's memory from the caller's. */
void h1__io_response(struct h1_conn_io *io, h1_writer *w, h1_profile profile,
                     const struct h1_wresponse_options *wo);

/* parser.c: from a message boundary on, the parser checks without keeping
 * lines or heads (h1_parser_init with slots NULL); a copy of a connection's
 * parser parses ahead so, without memory of its own. */
void h1__parser_check_only(h1_parser *p);

/* conn_errors.c: Node's answer to a server-side error (socketOnError), as
 * a status (0: none) and its bytes. */
unsigned h1__canned_status(h1_conn_error e, h1_errno pe);
struct h1_span h1__canned_bytes(unsigned status);

/* conn_deadline.c */
int64_t h1__deadline_after(int64_t start, uint32_t timeout);
int64_t h1__deadline_at_tick(int64_t deadline, int64_t origin,
                             uint32_t interval);
int64_t h1__deadline_min(int64_t a, int64_t b);

#endif /* H1_SRC_CONN_H */
