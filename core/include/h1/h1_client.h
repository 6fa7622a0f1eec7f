/*
 * h1_client.h -- a blocking HTTP/1.1 client and Agent over TCP and TLS,
 * with Node.js 20's http.request() and http.Agent semantics (h1::net).
 *
 * The client is a small loop around the engine's client connection
 * (h1_conn.h): every Node decision (which heads are reported, when a
 * socket may be reused, what an early end of input is) is the engine's;
 * this layer connects, sends, reads and pools sockets.
 *
 *     struct h1_request_options o;
 *     h1_request_options_default(&o);
 *     o.host = "example.com"; o.path = "/";
 *     h1_creq *r = h1_request(&o, &err);          // http.request()
 *     h1_creq_end(r, NULL, 0);                    // req.end()
 *     if (h1_creq_response(r) == 0) {             // 'response'
 *       const struct h1_message *m = h1_creq_message(r);
 *       while ((n = h1_creq_read(r, buf, sizeof buf)) > 0) use(buf, n);
 *     }                                          // n < 0: h1_creq_error(r)
 *     h1_creq_free(r);                            // the socket goes back
 *
 * Conventions
 * -----------
 * - Blocking.  Every call returns when its work is done, failed, or the
 *   request's deadline passed.  Calls that fail return -1 (or NULL) and
 *   leave Node's err.code and err.message in h1_creq_error(); a request that
 *   failed stays failed (its socket is destroyed, never reused).
 * - Memory.  The client and the Agent allocate (malloc) their sockets and
 *   buffers; the engine underneath does not.  Strings in the options are
 *   copied by h1_request(); header spans (h1_wfield) must stay valid until
 *   the head has been sent (the first write, end or flush_headers).
 * - Threads.  An Agent may be shared by any number of threads; a request
 *   belongs to one thread at a time.
 * - Time.  Timeouts are milliseconds on the monotonic clock.
 */
#ifndef H1_CLIENT_H
#define H1_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "h1/h1.h"
#include "h1/h1_write.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * The Agent (http.Agent).
 * ------------------------------------------------------------------------ */

typedef struct h1_agent h1_agent;

struct h1_agent_options {
  int keep_alive;             /* keepAlive, 0 */
  uint32_t keep_alive_msecs;  /* keepAliveMsecs, 1000 */
  uint32_t max_sockets;       /* maxSockets per origin, 0: Infinity */
  uint32_t max_total_sockets; /* maxTotalSockets, 0: Infinity */
  uint32_t max_free_sockets;  /* maxFreeSockets, 256 */
  int fifo;                   /* scheduling 'fifo'; 0 is 'lifo' */
  uint32_t timeout;           /* timeout, ms, 0: none (free sockets that
                                 stay idle this long are destroyed) */
};

/* new Agent()'s defaults. */
void h1_agent_options_default(struct h1_agent_options *o);
/* NULL options: the defaults.  NULL when out of memory. */
h1_agent *h1_agent_new(const struct h1_agent_options *o);
/* agent.destroy(): closes the free sockets; sockets in use are closed when
 * their requests end.  The agent must have no request left. */
void h1_agent_free(h1_agent *a);
/* http.globalAgent: keepAlive true, timeout 5000, lifo; made on first use,
 * never freed. */
h1_agent *h1_global_agent(void);

/* Counts (for tests and monitoring): sockets in use and free, over all
 * origins. */
void h1_agent_counts(h1_agent *a, size_t *in_use, size_t *free_count);

/* ------------------------------------------------------------------------
 * Requests (http.request / ClientRequest).
 * ------------------------------------------------------------------------ */

/* Cancellation (an AbortSignal): set `aborted` from any thread; a request
 * that sees it fails with ABORT_ERR within about 50 ms. */
struct h1_signal {
  volatile int aborted;
};

enum { H1_AGENT_DEFAULT = 0, H1_AGENT_NONE = 1 };

struct h1_request_options {
  /* Where. */
  int https;                 /* protocol 'https:' */
  const char *host;          /* host, 'localhost' when NULL */
  const char *hostname;      /* wins over host; may be NULL */
  unsigned port;             /* 0: 80, or 443 with https */
  int family;                /* 4, 6 or 0 */
  const char *local_address; /* localAddress; may be NULL */
  /* What. */
  const char *method;              /* 'GET' when NULL */
  const char *path;                /* '/' when NULL */
  const struct h1_wfield *headers; /* options.headers; may be NULL */
  size_t nheaders;
  int headers_array; /* headers given as a flat [k, v, ...] list */
  int set_host;      /* setHost, 1 */
  const char *auth;  /* 'user:password'; may be NULL */
  const struct h1_span *unique_headers; /* uniqueHeaders; may be NULL */
  size_t nunique;
  /* How the response is read. */
  h1_profile profile;
  int insecure_http_parser;   /* insecureHTTPParser */
  int join_duplicate_headers; /* joinDuplicateHeaders */
  uint32_t max_header_size;   /* maxHeaderSize, 16384 */
  int on_upgrade;             /* hand 101 + Upgrade over (an 'upgrade'
                                 listener); else Node destroys the socket */
  /* Sockets. */
  h1_agent *agent;           /* NULL: see agent_mode */
  int agent_mode;            /* H1_AGENT_DEFAULT: http.globalAgent when agent is
                                NULL; H1_AGENT_NONE: agent: false (a fresh Agent
                                with the defaults, its socket closed at the end) */
  uint32_t timeout;          /* timeout: socket idle ms, 0 none; it fails the
                                request with ETIMEDOUT (Node's 'timeout' + destroy) */
  uint32_t connect_timeout;  /* ms, 0: none (the system's) */
  uint32_t continue_timeout; /* Expect: 100-continue: ms the body is held
                                waiting for 100, 1000 */
  struct h1_signal *signal;  /* may be NULL */
  /* TLS. */
  const char *ca_file;     /* PEM CA bundle; NULL: the system store */
  int reject_unauthorized; /* rejectUnauthorized, 1 */
  const char *servername;  /* SNI and name check; NULL: the host */
  /* Observation (may be NULL): every byte sent (dir 0) and received
   * (dir 1) on the socket, and each 1xx 'information' head. */
  void (*on_wire)(void *ctx, int dir, const char *p, size_t n);
  void (*on_information)(void *ctx, const struct h1_message *m);
  void *ctx;
};

void h1_request_options_default(struct h1_request_options *o);

/* Node's err.code ("ECONNREFUSED", "HPE_INVALID_CONSTANT", "ERR_...") and
 * err.message; offset is the parser's for HPE_* (else 0). */
struct h1_client_error {
  char code[48];
  char message[256];
  uint64_t offset;
};

typedef struct h1_creq h1_creq;

/* http.request(options): checks the options as Node does (an ERR_* error
 * in *err, NULL returned, nothing sent), then takes a socket from the
 * agent (a free one, or a new connection, waiting while the pool is at its
 * limits).  A connection error is reported here too (NULL, *err). */
h1_creq *h1_request(const struct h1_request_options *o,
                    struct h1_client_error *err);

/* The ClientRequest's writer for setHeader / getHeader / removeHeader and
 * friends (h1_write.h) before the head is sent. */
h1_writer *h1_creq_writer(h1_creq *r);
/* req.write(data) / req.end([data]) (data NULL: no chunk) /
 * req.flushHeaders(): 0, or -1 with an error (ERR_* from the writer,
 * socket errors).  With Expect: 100-continue the first body bytes wait
 * for 100 (or the response, or continue_timeout). */
int h1_creq_write(h1_creq *r, const void *data, size_t len);
int h1_creq_end(h1_creq *r, const void *data, size_t len);
int h1_creq_flush_headers(h1_creq *r);

/* Waits for the final response head: 0 (h1_creq_message), or -1.  1xx heads
 * go to on_information on the way. */
int h1_creq_response(h1_creq *r);
const struct h1_message *h1_creq_message(const h1_creq *r);
/* Reads body bytes: > 0, 0 at the end of the response (res.complete), or
 * -1 on an error (a body that ends early is "aborted" ECONNRESET). */
long h1_creq_read(h1_creq *r, void *buf, size_t n);
/* After the body: parses the bytes that already arrived after the
 * response, as Node's parser does with the rest of a packet; -1 with their
 * error (HPE_*) when they do not parse.  h1_creq_message() is no longer
 * valid afterwards. */
int h1_creq_finish(h1_creq *r);
/* res.complete. */
int h1_creq_complete(const h1_creq *r);
/* request.reusedSocket. */
int h1_creq_reused_socket(const h1_creq *r);
/* The error, or NULL when there is none. */
const struct h1_client_error *h1_creq_error(const h1_creq *r);

/* 'upgrade' (101 with on_upgrade) or 'connect' (a response to CONNECT):
 * 1 after h1_creq_response() when HTTP is over on this socket. */
int h1_creq_upgraded(const h1_creq *r);
/* Takes the socket of an upgraded request: its fd, its SSL * (NULL for
 * TCP) and the bytes that followed the head (valid until h1_creq_free).
 * The caller closes the fd (and frees the SSL). -1 when not upgraded. */
int h1_creq_take_socket(h1_creq *r, int *fd, void **ssl, const char **head,
                        size_t *head_len);

/* req.destroy(): closes the socket at once (a reset). */
void h1_creq_destroy(h1_creq *r);
/* Ends the request: a response read to its end on a keep-alive socket
 * returns the socket to the agent; anything else destroys it. */
void h1_creq_free(h1_creq *r);

#ifdef __cplusplus
}
#endif

#endif /* H1_CLIENT_H */
