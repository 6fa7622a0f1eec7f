/*
 * h1_conn.h -- one HTTP/1.1 connection, server or client side, as Node.js
 * 20's `_http_server.js` and `_http_client.js` run it, without the socket.
 *
 * A connection owns a parser (h1.h) and a writer (h1_write.h) and decides
 * what Node decides around them: which requests reach the handler and which
 * are answered automatically (missing Host, Expect, maxRequestsPerSocket),
 * Node's canned answers to parse errors and timeouts, keep-alive and close,
 * pipelining order, the three server timeouts, and on the client side which
 * response heads the caller sees.  A socket layer is a small loop around it
 * (BearSSL's engine style):
 *
 *     for (;;) {
 *       st = h1_server_state(c);
 *       if (st & H1_CONN_SENDREC) { buf = h1_server_send_buf(c, &n);
 *                                   h1_server_send_ack(c, write(fd, buf, n)); }
 *       else if (st & H1_CONN_CLOSED) break;
 *       else if (st & H1_CONN_RECVREC) { buf = h1_server_recv_buf(c, &n);
 *                                        k = read(fd, buf, n);
 *                                        k ? h1_server_recv_ack(c, k, now)
 *                                          : h1_server_recv_eof(c, now); }
 *       while (h1_server_next(c, now, &ev) != H1_SEV_NONE) handle(ev);
 *       (poll with a timeout until h1_server_deadline(c);
 *        h1_server_check_timeouts(c, now) when it passes)
 *     }
 *
 * Conventions
 * -----------
 * - Memory.  The connection never allocates.  The caller hands over, in
 *   `struct h1_conn_mem`, every buffer: the parser's slot array and arena,
 *   the input and output buffers, the writer's header stores and head
 *   buffer.  H1_CONN_*_FOR() give sizes that cannot run out for a given
 *   maxHeaderSize.  While h1_*_state() says H1_CONN_IDLE, h1_*_detach()
 *   hands every buffer back and h1_*_attach() gives (possibly other)
 *   buffers of the same sizes before the next input: an idle keep-alive
 *   connection then holds only the struct.
 * - Bytes in.  h1_*_recv_buf() gives the room where input goes; after
 *   writing k bytes there, h1_*_recv_ack(k).  The end of input (the peer's
 *   FIN) is h1_*_recv_eof().  Heads are copied to the arena when they are
 *   complete (h1_parser_keep_head), so the input buffer is reused while a
 *   body streams.
 * - Bytes out.  h1_*_send_buf() gives the bytes waiting to be sent;
 *   h1_*_send_ack(k) says k of them went out.  Writer calls append to the
 *   output buffer (h1_*_out()); a call that answers H1_WE_NO_ROOM is
 *   repeated after draining.
 * - Events.  h1_*_next() returns one event at a time and NONE when it needs
 *   input, output drained, or the caller's response; call it again after
 *   every event but NONE.  Spans in an event stay valid until the next call
 *   to h1_*_next() or h1_*_recv_buf(); the head (parser.msg) until the next
 *   request (server) or response (client) begins.
 * - Order of calls (server).  After H1_SEV_REQUEST the driver may use the
 *   writer at once or later; BODY and REQUEST_END events of that request
 *   follow whether or not it has answered (unless the connection fails or
 *   closes first: see "Parsing ahead"), and the next REQUEST comes only
 *   after the response has ended (h1_writer_finished) or
 *   h1_server_skip_response().  After H1_SEV_UPGRADE or
 *   H1_SEV_CLIENT_ERROR only the output calls and h1_server_state() are
 *   useful.  (Client.)  h1_client_request() starts each request; after
 *   H1_CEV_RESPONSE_END ask h1_client_reusable() before the next one.
 * - Time.  Every `now` is a caller-supplied monotonic clock in
 *   milliseconds; the engine reads no clock.  The Date header is the
 *   writer's (h1_writer_set_time on h1_*_writer()).
 * - Errors.  A parse error or timeout is one event (H1_SEV_CLIENT_ERROR /
 *   H1_CEV_ERROR) with Node's code; the connection is then closed (after
 *   the canned answer, if Node writes one, has been sent).
 * - NULL.  No pointer argument may be NULL unless its comment says so.
 *
 * Where Node's outcome depends on its event-loop timing, the connection
 * takes the order a blocking driver sees:
 * - Pipelining.  One request is served at a time: the next head is parsed
 *   once the current response has ended (Node parses the whole read at once
 *   and queues the responses; the bytes on the wire are the same).
 * - Parsing ahead (node profile).  Node's parser runs over a whole read
 *   before its handlers answer, draining its nextTick queue only after a
 *   body callback.  The buffered input not parsed yet stands for the rest
 *   of that read: when a request ends, a checking copy of the parser looks
 *   through it up to the first body byte of a later request.  An error
 *   there (a bad head, data after `Connection: close` or HTTP/1.0, a 431)
 *   is what Node finds before the handler answers at the request's 'end':
 *   H1_SEV_CLIENT_ERROR comes instead of H1_SEV_REQUEST_END, with Node's
 *   answer (400, 431, 413), and the response is never written.  When the
 *   response's head was already written before the request's end (the
 *   connection's own 400 / 417 / 503, or a driver that answers at
 *   H1_SEV_REQUEST: Node's synchronous handler) and the request had no
 *   body bytes, Node's socket still holds that response, its head sent:
 *   the error closes the connection after it without an answer (code 0),
 *   and no later response is written.  With body bytes, Node's tick after
 *   them finished the response: the error is answered after it, as here
 *   without parsing ahead.  Node reads up to 64 KiB at a time; the engine
 *   looks only at its input buffer (an error further on comes after the
 *   response, as from a later read).  A CONNECT head found so, with no
 *   on_connect, is Node's socket.destroy(): the connection closes (NONE,
 *   H1_CONN_CLOSED) after what was written.  The strict profile does not
 *   parse ahead.
 * - End of input (the peer's FIN).  The response in progress may still end;
 *   the connection closes after it (Node's socket.end() comes at once).
 * - An Upgrade request served as a plain request (no on_upgrade): after its
 *   response the buffered input is dropped (Node drops the rest of that
 *   read).
 * - The client treats all buffered input as one read of Node's: what
 *   follows a complete response is still parsed (a second response is
 *   ignored, an upgrade still handed over, a parse error reported), so its
 *   events do not depend on how the input was split.
 * - Timeouts.  h1_server_deadline() is exact; Node's 408 comes at the next
 *   connectionsCheckingInterval tick (h1_server_node_deadline()).
 */
#ifndef H1_CONN_H
#define H1_CONN_H

#include "h1/h1.h"
#include "h1/h1_write.h"

#ifdef __cplusplus
extern "C" {
#endif

/* State bits, h1_server_state() / h1_client_state(). */
enum {
  H1_CONN_SENDREC = 1u << 0, /* output waits: send_buf / send_ack */
  H1_CONN_RECVREC = 1u << 1, /* input is wanted: recv_buf / recv_ack */
  H1_CONN_CLOSED = 1u << 2,  /* close the socket once SENDREC is clear */
  H1_CONN_IDLE = 1u << 3,    /* between messages, nothing buffered: the
                                buffers may be detached */
  H1_CONN_UPGRADED = 1u << 4 /* HTTP is over: the socket is the caller's */
};

/* Caller memory for one connection. */
struct h1_conn_mem {
  struct h1_header *slots; /* parser header lines */
  size_t nslots;
  char *arena; /* parser arena (whole heads are copied here) */
  size_t arena_cap;
  char *in; /* input buffer, any size >= 1 */
  size_t in_cap;
  char *out; /* output buffer, >= H1_CONN_OUT_MIN */
  size_t out_cap;
  struct h1_wline *lines; /* writer header store */
  size_t nlines;
  struct h1_wline *trailers; /* writer trailer store; may be NULL */
  size_t ntrailers;
  char *head; /* writer head buffer */
  size_t head_cap;
};

#define H1_CONN_SLOTS_FOR(mhs) H1_SLOTS_FOR(mhs)
#define H1_CONN_ARENA_FOR(mhs) H1_ARENA_FOR(mhs)
/* The output buffer must hold the longest answer the connection writes by
 * itself (a 417 or 503 head with its Date and empty chunked body). */
#define H1_CONN_OUT_MIN 256u

/* Buffers and positions shared by both sides; private. */
struct h1_conn_io {
  struct h1_conn_mem mem;
  struct h1_wbuf out; /* out.ptr = mem.out; bytes [sent, out.len) wait */
  size_t sent;
  size_t in_off, in_len; /* input bytes [in_off, in_len) not parsed yet */
  int attached;
};

/* Node's createServer() options, with Node's names and defaults
 * (h1_server_options_default). */
struct h1_server_options {
  uint32_t max_header_size; /* maxHeaderSize, 16384 */
  uint32_t lenient;         /* insecureHTTPParser: H1_LENIENT_ALL */
  h1_profile profile;
  int join_duplicate_headers;             /* joinDuplicateHeaders, 0 */
  int require_host_header;                /* requireHostHeader, 1 */
  uint32_t headers_timeout;               /* headersTimeout, ms, 60000 */
  uint32_t request_timeout;               /* requestTimeout, ms, 300000 */
  uint32_t keep_alive_timeout;            /* keepAliveTimeout, ms, 5000 */
  uint32_t connections_checking_interval; /* ms, 30000 (see deadlines) */
  uint32_t max_requests_per_socket;       /* maxRequestsPerSocket, 0 */
  int64_t max_headers_count;              /* maxHeadersCount; negative: unset */
  int keep_alive;   /* keepAlive (SO_KEEPALIVE: the driver's) */
  uint32_t timeout; /* server.timeout, ms, 0: none (see deadlines) */
  const struct h1_span *unique_headers; /* uniqueHeaders; may be NULL */
  size_t nunique;
  int reject_non_standard_body_writes; /* 0 */
  /* Listeners the driver has, which change what Node does. */
  int on_check_continue;    /* 'checkContinue': no automatic 100 */
  int on_check_expectation; /* 'checkExpectation': no automatic 417 */
  int on_upgrade;           /* 'upgrade': Upgrade requests are handed over */
  int on_connect;           /* 'connect': else a CONNECT closes silently */
};

void h1_server_options_default(struct h1_server_options *o);

/* Server events. */
typedef enum h1_server_event_type {
  H1_SEV_NONE = 0,    /* see h1_server_state() */
  H1_SEV_REQUEST,     /* a request head (parser.msg); `dispatch` says how
                         Node hands it over; answer it with the writer */
  H1_SEV_BODY,        /* request body bytes in `data` */
  H1_SEV_REQUEST_END, /* the request is complete; trailers in parser.msg */
  H1_SEV_UPGRADE,     /* Upgrade / CONNECT: head in parser.msg, `data` is
                         what followed the head; HTTP is over */
  H1_SEV_CLIENT_ERROR /* a parse error or a timeout ('clientError'):
                         `error`, `code`; the canned answer, if any, is
                         queued and the connection closes */
} h1_server_event_type;

/* How a request reaches the driver (Node's parserOnIncoming). */
typedef enum h1_dispatch {
  H1_DISPATCH_REQUEST = 0,    /* 'request' */
  H1_DISPATCH_CHECK_CONTINUE, /* 'checkContinue' */
  H1_DISPATCH_CHECK_EXPECT,   /* 'checkExpectation' */
  H1_DISPATCH_ANSWERED,       /* answered by the connection: missing Host
                                 400 or an automatic 417 */
  H1_DISPATCH_DROPPED         /* 'dropRequest': answered 503 */
} h1_dispatch;

/* Errors that are not the parser's. */
typedef enum h1_conn_error {
  H1_CE_NONE = 0,
  H1_CE_PARSE,           /* the parser's error: parser.error */
  H1_CE_REQUEST_TIMEOUT, /* ERR_HTTP_REQUEST_TIMEOUT "Request timeout" */
  H1_CE_HANG_UP,         /* ECONNRESET "socket hang up" */
  H1_CE_ABORTED          /* ECONNRESET "aborted" */
} h1_conn_error;

/* Node's err.code and err.message of a connection error (parse errors:
 * h1_errno_name / parser.reason). */
const char *h1_conn_error_code(h1_conn_error e);
const char *h1_conn_error_message(h1_conn_error e);

struct h1_server_event {
  h1_server_event_type type;
  h1_dispatch dispatch; /* H1_SEV_REQUEST */
  struct h1_span data;  /* H1_SEV_BODY, H1_SEV_UPGRADE */
  h1_conn_error error;  /* H1_SEV_CLIENT_ERROR */
  unsigned code; /* H1_SEV_CLIENT_ERROR: the status Node answers with (400,
                    408, 413, 431), 0 when it writes nothing */
};

typedef struct h1_server_conn {
  /* read */
  h1_parser parser;  /* the request being read: parser.msg */
  h1_writer writer;  /* the response being written */
  uint32_t requests; /* request heads handed over so far */

  /* private */
  struct h1_server_options h1__opt;
  struct h1_conn_io h1__io;
  int64_t h1__msg_start;   /* Node's last_message_start */
  int64_t h1__last_active; /* for the keep-alive socket timeout */
  uint32_t h1__flags;
  uint8_t h1__phase;
  uint8_t h1__pending; /* an answer the connection still has to write */
  unsigned h1__code;   /* its status */
  uint32_t h1__count;  /* Node's state.requestsCount */
  struct h1_wresponse_options h1__wo;
  int64_t h1__unix_time; /* for the Date of every response */
  uint64_t h1__ahead_to; /* input parsed ahead without an error */
} h1_server_conn;

/* A connection accepted at time `now`.  `opt` NULL: Node's defaults. */
void h1_server_init(h1_server_conn *c, const struct h1_server_options *opt,
                    const struct h1_conn_mem *mem, int64_t now);

unsigned h1_server_state(const h1_server_conn *c);

/* Input: room for up to *len bytes; then ack what was written there. */
char *h1_server_recv_buf(h1_server_conn *c, size_t *len);
void h1_server_recv_ack(h1_server_conn *c, size_t n, int64_t now);
/* The peer closed its sending side. */
void h1_server_recv_eof(h1_server_conn *c, int64_t now);

/* Output: *len bytes waiting (NULL, 0 when none); then ack what was sent. */
const char *h1_server_send_buf(const h1_server_conn *c, size_t *len);
void h1_server_send_ack(h1_server_conn *c, size_t n, int64_t now);

/* The next event. */
h1_server_event_type h1_server_next(h1_server_conn *c, int64_t now,
                                    struct h1_server_event *ev);

/* The wall-clock time (Unix seconds) for the Date header of the responses
 * the connection starts from now on, its own answers (400, 417, 503)
 * included; h1_writer_set_time() on the writer changes only the current
 * one. */
void h1_server_set_time(h1_server_conn *c, int64_t unix_seconds);

/* The response to the current request: use the writer calls (h1_write.h)
 * on h1_server_writer() with h1_server_out() as output.  The connection
 * sees the response end (h1_writer_finished) at the next h1_server_next(),
 * which reads no further request until then. */
h1_writer *h1_server_writer(h1_server_conn *c);
struct h1_wbuf *h1_server_out(h1_server_conn *c);

/* What Node's server told the current ServerResponse about its request
 * (for a driver that renders the response with a writer of its own). */
const struct h1_wresponse_options *
h1_server_response_options(const h1_server_conn *c);

/* The driver will not answer the current request through this connection
 * (an observer, or a handler that never responds): reading goes on as in a
 * Node server whose handler has not answered yet. */
void h1_server_skip_response(h1_server_conn *c);

/*
 * Deadlines.  h1_server_deadline() is the earliest time (ms, same clock) at
 * which a timeout is due: headersTimeout / requestTimeout counted from the
 * start of the request (of the connection for the first one) while it is
 * incomplete, or keepAliveTimeout + 1000 ms (Node's buffer) of inactivity
 * after a response; INT64_MAX when none.  Node only looks at the first two
 * every connectionsCheckingInterval (a timer started with the server), so
 * its 408 comes up to one interval later: h1_server_node_deadline() gives
 * that time for a server whose interval ticks started at `origin`, or the
 * socket's inactivity timeout if sooner: keepAliveTimeout + 1000 ms after
 * a response (until the next request's head), else server.timeout (ms
 * without a byte read or written; `timeout` in the options), which Node
 * applies from the connection's start and again at each request's head.
 * h1_server_check_timeouts() applies what is due at `now`; a CLIENT_ERROR
 * (408) or a silent close then follows from h1_server_next().
 */
int64_t h1_server_deadline(const h1_server_conn *c);
int64_t h1_server_node_deadline(const h1_server_conn *c, int64_t origin);
void h1_server_check_timeouts(h1_server_conn *c, int64_t now);

/* While H1_CONN_IDLE, or before the connection's first byte: hand the
 * buffers back (mem receives them; -1 and nothing changes otherwise) / give
 * buffers again (same sizes or larger) before any other call but
 * h1_server_state, the deadlines and h1_server_check_timeouts.  A server
 * holding many connections that send nothing keeps no buffers for them. */
int h1_server_detach(h1_server_conn *c, struct h1_conn_mem *mem);
void h1_server_attach(h1_server_conn *c, const struct h1_conn_mem *mem);

/* ------------------------------------------------------------------------
 * The client side: one request at a time on a connection (an Agent socket).
 * ------------------------------------------------------------------------ */

struct h1_client_options {
  h1_profile profile;
  uint32_t lenient;           /* insecureHTTPParser: H1_LENIENT_ALL */
  uint32_t max_header_size;   /* maxHeaderSize, 16384 */
  int join_duplicate_headers; /* joinDuplicateHeaders */
  int on_upgrade;             /* the request has an 'upgrade' listener */
  int on_connect;             /* the request has a 'connect' listener */
  /* maxHeadersCount in struct h1_settings' form (0: unset; convert Node's
   * value with H1_HEADERS_COUNT_FROM_NODE); the strict profile rejects a
   * head with more lines */
  uint32_t max_headers_count;
};

typedef enum h1_client_event_type {
  H1_CEV_NONE = 0,     /* see h1_client_state() */
  H1_CEV_INFORMATION,  /* a 1xx other than 101 (parser.msg) */
  H1_CEV_RESPONSE,     /* the final response head (parser.msg) */
  H1_CEV_BODY,         /* response body bytes in `data` */
  H1_CEV_RESPONSE_END, /* the response is complete */
  H1_CEV_UPGRADE,      /* 101 with Upgrade, or any response to CONNECT:
                          head in parser.msg, `data` what followed it */
  H1_CEV_ERROR         /* `error`: H1_CE_PARSE (parser.error),
                          H1_CE_HANG_UP or H1_CE_ABORTED */
} h1_client_event_type;

struct h1_client_event {
  h1_client_event_type type;
  struct h1_span data;
  h1_conn_error error;
};

typedef struct h1_client_conn {
  /* read */
  h1_parser parser;
  h1_writer writer;

  /* private */
  struct h1_client_options h1__opt;
  struct h1_conn_io h1__io;
  uint32_t h1__flags;
  h1_method h1__method; /* of the request in progress */
} h1_client_conn;

void h1_client_init(h1_client_conn *c, const struct h1_client_options *opt,
                    const struct h1_conn_mem *mem);

/* Starts a request (http.request() on this socket): a fresh parser for
 * its response, the writer set up by h1_writer_init_request().  `method`
 * is the method the response answers (HEAD and CONNECT frame it).  Only
 * on a new connection or when h1_client_reusable(). */
h1_werrno h1_client_request(h1_client_conn *c, h1_method method,
                            const struct h1_wrequest_options *ro);

unsigned h1_client_state(const h1_client_conn *c);
char *h1_client_recv_buf(h1_client_conn *c, size_t *len);
void h1_client_recv_ack(h1_client_conn *c, size_t n);
void h1_client_recv_eof(h1_client_conn *c);
const char *h1_client_send_buf(const h1_client_conn *c, size_t *len);
void h1_client_send_ack(h1_client_conn *c, size_t n);
h1_client_event_type h1_client_next(h1_client_conn *c,
                                    struct h1_client_event *ev);
h1_writer *h1_client_writer(h1_client_conn *c);
struct h1_wbuf *h1_client_out(h1_client_conn *c);

/* The socket may carry the next request (Agent reuse): the response ended
 * with keep-alive on both sides, the request was fully written and sent,
 * nothing else arrived and no error. */
int h1_client_reusable(const h1_client_conn *c);

int h1_client_detach(h1_client_conn *c, struct h1_conn_mem *mem);
void h1_client_attach(h1_client_conn *c, const struct h1_conn_mem *mem);

#ifdef __cplusplus
}
#endif

#endif /* H1_CONN_H */
