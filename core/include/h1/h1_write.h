/*
 * h1_write.h -- the h1 writer: requests and responses put on the wire exactly
 * as Node.js 20's OutgoingMessage, ServerResponse and ClientRequest put them.
 *
 * Conventions
 * -----------
 * - Memory.  The writer never allocates.  It works in memory the caller hands
 *   to h1_writer_init_response() or h1_writer_init_request(): the
 *   `h1_writer` struct, a header store (an array of `struct h1_wline`), an
 *   optional trailer store, and a head buffer that holds the rendered head
 *   between writeHead and the first body write (Node keeps it as `_header`
 *   until then).  A store or head buffer that is too
 *   small gives H1_WE_STORE_FULL / H1_WE_NO_ROOM, never a truncation.
 * - Spans.  Names and values are `struct h1_span`s (h1.h) pointing into the
 *   caller's memory; the writer keeps the spans, not copies, so the bytes
 *   must stay valid until the head has been rendered (writeHead, or the
 *   first write/end/flushHeaders) and, for trailers, until end().  Strings
 *   are bytes as Node's latin1 strings are: one byte, one character.
 * - Output.  Every call that puts bytes on the wire takes a `struct h1_wbuf`
 *   and appends to it.  When the room left is short, the call returns
 *   H1_WE_NO_ROOM, sets `needed` to exactly the number of bytes it would
 *   append, writes nothing and changes no state: grow the buffer (or drain
 *   it) and repeat the call.  The `_vec` calls put out the same bytes as
 *   parts for writev: framing (the head, chunk-size lines, CRLFs, trailers)
 *   copied into the caller's buffer, body bytes referenced where the caller
 *   has them (`struct h1_wvec`; they stay valid as long as the caller keeps
 *   them), with the same all-or-nothing rule.  write, end, flushHeaders and
 *   send have `_vec` forms; the interim responses are all framing and take
 *   a `struct h1_wbuf` only.
 * - Encodings.  Node writes the stored head together with the first chunk:
 *   when that chunk is a string in the default ('utf8') encoding, the head's
 *   characters 0x80-0xFF go out as UTF-8 (two bytes each); after a Buffer,
 *   a 'latin1' string, end() without a chunk or a chunk-size line, as
 *   latin1 (one byte each).  flushHeaders() and the early head of an Expect
 *   request are UTF-8.  Calls with an `enc` argument say which the chunk is
 *   (h1_wenc); the others are H1_WENC_LATIN1.  The strict profile refuses a
 *   head with bytes above 0x7F that would go out as UTF-8
 *   (H1_WE_STRICT_FRAMING).
 * - Errors.  A call that Node would make throw returns Node's error (code
 *   name and message from h1_werror_name() / h1_werror_format()), with
 *   `w->err` describing it; it writes nothing and changes no state (the
 *   header store excepted: a writeHead that fails half-way keeps the
 *   setHeader merges Node made before throwing).  One exception, because
 *   Node's wire has it: in the node profile, end(chunk) that fails
 *   strictContentLength's final check has already written the chunk (and
 *   the head), exactly as Node does; the strict profile writes nothing.
 *   Errors are not sticky: the object stays usable, as in Node.
 * - I/O, clock and globals.  None.  The Date header is built from the time
 *   the caller last gave h1_writer_set_time().  Tables are const.
 * - NULL.  No pointer argument may be NULL unless its comment says so.
 * - Profiles.  H1_PROFILE_NODE writes what Node writes, including its unsafe
 *   cases; H1_PROFILE_STRICT refuses those with H1_WE_STRICT_FRAMING (a body
 *   that disagrees with its framing, Transfer-Encoding without chunked last,
 *   Content-Length together with Transfer-Encoding, a Content-Length that is
 *   not one decimal number, unvalidated 103 hint fields) and always checks
 *   the body length against Content-Length (strictContentLength).
 */
#ifndef H1_WRITE_H
#define H1_WRITE_H

#include "h1/h1.h"

#ifdef __cplusplus
extern "C" {
#endif

/* XX(suffix, Node's err.code, message head).  Messages are completed by
 * h1_werror_format() with the details in `struct h1_werror`. */
#define H1_WERRNO_MAP(XX)                                                      \
  XX(OK, "OK", "")                                                             \
  XX(NO_ROOM, "H1_NO_ROOM", "The output buffer is too small")                  \
  XX(STORE_FULL, "H1_STORE_FULL", "The caller's header store is full")         \
  XX(INVALID_HTTP_TOKEN, "ERR_INVALID_HTTP_TOKEN", "")                         \
  XX(INVALID_CHAR, "ERR_INVALID_CHAR", "")                                     \
  XX(INVALID_HEADER_VALUE, "ERR_HTTP_INVALID_HEADER_VALUE", "")                \
  XX(HEADERS_SENT, "ERR_HTTP_HEADERS_SENT", "")                                \
  XX(INVALID_STATUS_CODE, "ERR_HTTP_INVALID_STATUS_CODE", "")                  \
  XX(BODY_NOT_ALLOWED, "ERR_HTTP_BODY_NOT_ALLOWED",                            \
     "Adding content for this request method or response status is not "       \
     "allowed.")                                                               \
  XX(CONTENT_LENGTH_MISMATCH, "ERR_HTTP_CONTENT_LENGTH_MISMATCH", "")          \
  XX(UNESCAPED_CHARACTERS, "ERR_UNESCAPED_CHARACTERS", "")                     \
  XX(TRAILER_INVALID, "ERR_HTTP_TRAILER_INVALID",                              \
     "Trailers are invalid with this transfer encoding")                       \
  XX(INVALID_ARG_VALUE, "ERR_INVALID_ARG_VALUE", "")                           \
  XX(INVALID_ARG_TYPE, "ERR_INVALID_ARG_TYPE", "")                             \
  XX(WRITE_AFTER_END, "ERR_STREAM_WRITE_AFTER_END", "write after end")         \
  XX(STRICT_FRAMING, "H1_STRICT_FRAMING", "")

typedef enum h1_werrno {
#define H1__WERRNO_ENUM(name, str, msg) H1_WE_##name,
  H1_WERRNO_MAP(H1__WERRNO_ENUM)
#undef H1__WERRNO_ENUM
      H1_WE__COUNT
} h1_werrno;

/* "ERR_INVALID_CHAR" etc.; "H1_UNKNOWN" out of range. */
const char *h1_werror_name(h1_werrno e);

/* What an error is about; h1_werror_format() turns it into Node's message. */
struct h1_werror {
  h1_werrno code;
  const char *what;    /* "Header name", "header content", "set", ... */
  struct h1_span name; /* the offending name or token (ptr may be NULL) */
  int has_name;
  int64_t a, b; /* status code; body bytes (a) and declared length (b, -1
                   for NaN) */
};
/* INVALID_ARG_VALUE and INVALID_ARG_TYPE messages end where Node's go on
 * with util.inspect of the value (" Received ..."): the caller's part. */

/* Writes Node's err.message for `e` into buf (at most cap bytes, no NUL);
 * returns the full length (call again with a bigger buffer if larger). */
size_t h1_werror_format(const struct h1_werror *e, char *buf, size_t cap);

/* ------------------------------------------------------------------------
 * Validation helpers: http.validateHeaderName / http.validateHeaderValue.
 * ------------------------------------------------------------------------ */

/* 1 when every byte of s is a tchar and s is not empty (Node's
 * checkIsHttpToken). */
int h1_is_token(struct h1_span s);
/* 1 when s holds a byte Node refuses in a header value: anything but HTAB,
 * 0x20-0x7E, 0x80-0xFF (Node's checkInvalidHeaderChar). */
int h1_has_invalid_header_char(struct h1_span s);

/* validateHeaderName(name[, label]): H1_WE_OK or H1_WE_INVALID_HTTP_TOKEN;
 * `label` NULL means "Header name".  `err` may be NULL. */
h1_werrno h1_validate_header_name(struct h1_span name, const char *label,
                                  struct h1_werror *err);

/* validateHeaderValue(name, value): value NULL is `undefined`
 * (ERR_HTTP_INVALID_HEADER_VALUE); a bad byte gives ERR_INVALID_CHAR.
 * `err` may be NULL. */
h1_werrno h1_validate_header_value(struct h1_span name,
                                   const struct h1_span *value,
                                   struct h1_werror *err);

/* STATUS_CODES[code], or NULL for an unlisted code. */
const char *h1_status_text(unsigned code);

/* IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT", 29 bytes) of a Unix time. */
#define H1_DATE_LEN 29u
void h1_format_date(int64_t unix_seconds, char out[H1_DATE_LEN]);

/* ------------------------------------------------------------------------
 * Values and headers as the caller passes them.
 * ------------------------------------------------------------------------ */

enum {
  H1_WV_LIST = 1u << 0,      /* the value is an array (possibly of 1 or 0) */
  H1_WV_UNDEFINED = 1u << 1, /* the value is `undefined` */
  H1_WV_FALSY = 1u << 2,     /* JS-falsy (null, 0, false); "" is detected */
  H1_WV_NONSTRING = 1u << 3  /* not a JavaScript string (a number, a boolean,
                                an object); its span is String(value) */
};

/* One header as given to writeHead, request options or addTrailers.  A
 * headers object's fields come in JavaScript's key order (integer keys
 * first, ascending, then the order written), as Object.keys gives them. */
struct h1_wfield {
  struct h1_span name;
  const struct h1_span *values; /* nvalues items (NULL when 0) */
  size_t nvalues;
  unsigned flags; /* H1_WV_* */
};

/* One slot of a store.  A key takes max(1, nvalues) consecutive slots; its
 * first slot holds the name as last given to setHeader and the key's
 * `nvalues` and `flags`. */
struct h1_wline {
  struct h1_span name;
  struct h1_span value;
  uint32_t nvalues;
  uint32_t flags;
};

struct h1_wbuf {
  char *ptr;
  size_t cap;
  size_t len;    /* bytes in use; calls append after them */
  size_t needed; /* set with H1_WE_NO_ROOM: bytes the call must append */
};

/* Output as parts for writev: parts[0..nparts) in wire order, each either
 * framing bytes in buf or body bytes where the caller passed them (valid as
 * long as the caller keeps them).  Calls append to both. */
struct h1_wvec {
  char *buf;
  size_t cap;
  size_t len; /* framing bytes in use */
  struct h1_span *parts;
  size_t parts_cap;
  size_t nparts;
  size_t needed;       /* with H1_WE_NO_ROOM: framing bytes the call needs */
  size_t needed_parts; /* with H1_WE_NO_ROOM: parts the call needs */
};

/* What a chunk given to write/end is, as far as the head's bytes go. */
typedef enum h1_wenc {
  H1_WENC_LATIN1 = 0, /* a Buffer, or a string in any encoding but 'utf8' */
  H1_WENC_UTF8 = 1    /* a string in the default or 'utf8' encoding; data
                         holds its UTF-8 bytes */
} h1_wenc;

/* ------------------------------------------------------------------------
 * The writer.
 * ------------------------------------------------------------------------ */

typedef enum h1_wkind { H1_W_RESPONSE = 0, H1_W_REQUEST = 1 } h1_wkind;

/* What a ServerResponse knows about the request it answers and the server. */
struct h1_wresponse_options {
  int head;                         /* req.method === 'HEAD' */
  uint8_t version_major;            /* of the request */
  uint8_t version_minor;            /* HTTP/x.0 peers get no chunking */
  int keep_alive;                   /* the parser's shouldKeepAlive */
  int te_chunked;                   /* the request's TE header names chunked */
  int expect_continue;              /* the server saw Expect: 100-continue */
  uint32_t keep_alive_timeout;      /* server.keepAliveTimeout, ms (5000) */
  uint32_t max_requests_per_socket; /* 0: no limit */
  int max_requests_reached;         /* this is the last allowed request */
  int reject_non_standard_body_writes;
  const struct h1_span *unique_headers; /* uniqueHeaders; may be NULL */
  size_t nunique;
};

/* http.request() options. */
struct h1_wrequest_options {
  struct h1_span method; /* ptr NULL or empty: GET */
  struct h1_span path;   /* ptr NULL or empty: "/" */
  struct h1_span host;   /* hostname || host; ptr NULL or empty: localhost */
  uint32_t port;         /* 0: the default port */
  uint32_t default_port; /* defaultPort (443 for https); 0: 80. Host gets
                            ":port" when port is neither 0 nor this */
  int set_host;          /* setHost (true by default in Node) */
  struct h1_span auth;   /* UTF-8 bytes; ptr NULL or empty: none */
  int agent_keep_alive;  /* 1 for http.globalAgent, 0 for agent: false or a
                            default new Agent() */
  const struct h1_wfield *headers; /* options.headers; may be NULL */
  size_t nheaders;
  int headers_array; /* options.headers is a flat [k, v, ...] array */
  const struct h1_span *unique_headers; /* may be NULL */
  size_t nunique;
};

typedef struct h1_writer {
  /* read */
  struct h1_werror err; /* the last error */
  uint16_t status_code; /* statusCode */
  struct h1_span status_message;
  int has_status_message;
  int send_date;             /* sendDate */
  int strict_content_length; /* strictContentLength */
  struct h1_span method;     /* requests: the upper-cased method */

  /* private */
  h1_wkind h1__kind;
  h1_profile h1__profile;
  struct h1_wline *h1__lines;
  size_t h1__nlines, h1__cap;
  int h1__has_store; /* kOutHeaders !== null */
  struct h1_wline *h1__tlines;
  size_t h1__ntlines, h1__tcap;
  char *h1__head;
  size_t h1__head_cap, h1__head_len;
  char h1__mbuf[24]; /* upper-cased request method */
  const struct h1_span *h1__unique;
  size_t h1__nunique;
  int64_t h1__now;
  int h1__status; /* statusCode as set (writeHead checks its range) */
  int64_t h1__content_length; /* _contentLength: -1 null, -2 NaN */
  uint64_t h1__bytes_written; /* kBytesWritten */
  uint32_t h1__keep_alive_timeout;
  uint32_t h1__max_requests;
  struct h1_span h1__path;
  uint32_t h1__flags;
} h1_writer;

/* Sizes that suit most uses: a head buffer holding Node's 16 KiB of header
 * bytes plus the implicit headers. */
#define H1_WRITER_HEAD_DEFAULT 17408u

/*
 * A ServerResponse.  `lines` (cap slots) is the header store, `trailers`
 * (tcap slots, may be NULL with 0) receives addTrailers(), `head` (head_cap
 * bytes) holds the rendered head until it is sent.
 */
void h1_writer_init_response(h1_writer *w, h1_profile profile,
                             const struct h1_wresponse_options *opt,
                             struct h1_wline *lines, size_t cap,
                             struct h1_wline *trailers, size_t tcap, char *head,
                             size_t head_cap);

/*
 * A ClientRequest: runs what http.request() does before returning (method
 * and path checks, options.headers, Host, Authorization, and the early head
 * of an Expect or array-headers request, and the agent's check that a
 * truthy Host header is a string: H1_WE_INVALID_ARG_TYPE for a list or an
 * H1_WV_NONSTRING value).  An error here is what http.request() throws.  After
 * it, h1_writer_wants_send() says whether Node already put the head on the wire
 * (call h1_writer_send()).
 */
h1_werrno h1_writer_init_request(h1_writer *w, h1_profile profile,
                                 const struct h1_wrequest_options *opt,
                                 struct h1_wline *lines, size_t cap,
                                 struct h1_wline *trailers, size_t tcap,
                                 char *head, size_t head_cap);

/* The time used for the Date header from now on. */
void h1_writer_set_time(h1_writer *w, int64_t unix_seconds);

/* Header store (Node's setHeader ... getRawHeaderNames). */
h1_werrno h1_writer_set_header(h1_writer *w, struct h1_span name,
                               const struct h1_span *values, size_t n,
                               unsigned flags);
h1_werrno h1_writer_append_header(h1_writer *w, struct h1_span name,
                                  const struct h1_span *values, size_t n,
                                  unsigned flags);
h1_werrno h1_writer_remove_header(h1_writer *w, struct h1_span name);
int h1_writer_has_header(const h1_writer *w, struct h1_span name);
/* getHeader: the key's first slot, or NULL (undefined).  Its value count is
 * slot->nvalues; the values are slot[0..nvalues).value. */
const struct h1_wline *h1_writer_get_header(const h1_writer *w,
                                            struct h1_span name);
/* getHeaderNames / getRawHeaderNames: the i-th key in Node's order (integer
 * keys first, ascending, then insertion order); NULL past the end.  The
 * slot's name is the name as last given (getRawHeaderNames); for
 * getHeaderNames the caller lower-cases it (h1_lower). */
const struct h1_wline *h1_writer_header_at(const h1_writer *w, size_t i);

/* Properties.  An empty status message is any JavaScript-falsy value
 * ("", false, 0, null, undefined): writeHead gives the default reason
 * phrase for it, as `statusMessage ||= STATUS_CODES[code]` does. */
void h1_writer_set_status(h1_writer *w, int status_code);
void h1_writer_set_status_message(h1_writer *w, struct h1_span msg);

/*
 * writeHead(statusCode[, statusMessage][, headers]).  `reason` NULL: none.
 * `fields` (n) are the headers argument (NULL when absent); `flags`:
 * H1_WH_ARRAY for the flat [k, v, ...] form, H1_WH_ODD when that array had
 * an odd length.  Never writes (Node stores the head until the first write);
 * see h1_writer_wants_send().
 */
enum { H1_WH_ARRAY = 1u << 0, H1_WH_ODD = 1u << 1 };
h1_werrno h1_writer_write_head(h1_writer *w, int status_code,
                               const struct h1_span *reason,
                               const struct h1_wfield *fields, size_t n,
                               unsigned flags);

/* 1 when Node has already sent the stored head (an Expect header makes
 * _storeHeader send it at once): call h1_writer_send() to put it out. */
int h1_writer_wants_send(const h1_writer *w);
h1_werrno h1_writer_send(h1_writer *w, struct h1_wbuf *out);
h1_werrno h1_writer_send_vec(h1_writer *w, struct h1_wvec *out);

/* Interim responses (written at once, before a stored head). */
h1_werrno h1_writer_write_continue(h1_writer *w, struct h1_wbuf *out);
h1_werrno h1_writer_write_processing(h1_writer *w, struct h1_wbuf *out);
/* writeEarlyHints({link, ...}): `links` (nlinks, list when links_list) are
 * hints.link; `others` the other keys, each written as `key: value` with
 * its values joined by "," (JavaScript's String(array)). */
h1_werrno h1_writer_write_early_hints(h1_writer *w, const struct h1_span *links,
                                      size_t nlinks, int links_list,
                                      const struct h1_wfield *others,
                                      size_t nothers, struct h1_wbuf *out);

/* write(chunk), end([chunk]), flushHeaders(), addTrailers(headers).
 * Without `enc` the chunk is H1_WENC_LATIN1 (a Buffer). */
h1_werrno h1_writer_write(h1_writer *w, const char *data, size_t len,
                          struct h1_wbuf *out);
h1_werrno h1_writer_write_enc(h1_writer *w, const char *data, size_t len,
                              h1_wenc enc, struct h1_wbuf *out);
h1_werrno h1_writer_write_vec(h1_writer *w, const char *data, size_t len,
                              h1_wenc enc, struct h1_wvec *out);
/* data NULL: end() with no chunk; an empty chunk is end('') (falsy). */
h1_werrno h1_writer_end(h1_writer *w, const char *data, size_t len,
                        struct h1_wbuf *out);
h1_werrno h1_writer_end_enc(h1_writer *w, const char *data, size_t len,
                            h1_wenc enc, struct h1_wbuf *out);
h1_werrno h1_writer_end_vec(h1_writer *w, const char *data, size_t len,
                            h1_wenc enc, struct h1_wvec *out);
h1_werrno h1_writer_flush_headers(h1_writer *w, struct h1_wbuf *out);
h1_werrno h1_writer_flush_headers_vec(h1_writer *w, struct h1_wvec *out);
/* The trailers in the order given (an object's in Object.keys order). */
h1_werrno h1_writer_add_trailers(h1_writer *w, const struct h1_wfield *fields,
                                 size_t n);

/* State, as Node's properties say it. */
int h1_writer_headers_sent(const h1_writer *w); /* headersSent */
int h1_writer_finished(const h1_writer *w);     /* writableEnded */
/* The connection must close after this message (Node's _last). */
int h1_writer_last(const h1_writer *w);
int h1_writer_chunked(const h1_writer *w); /* chunkedEncoding */

#ifdef __cplusplus
}
#endif

#endif /* H1_WRITE_H */
