/*
 * writer_int.h -- what the writer's files share: the state bits, the text
 * sink, the header store's primitives and the output plan.  Private to
 * core/src: callers see h1_write.h only.
 *
 * The files follow Node's: writer_errors.c (the error table and messages,
 * validateHeaderName / validateHeaderValue), writer_store.c (setHeader ...
 * getRawHeaderNames, the kOutHeaders object), writer_outgoing.c
 * (OutgoingMessage: _storeHeader, write, end, chunking, trailers,
 * Content-Length checks), writer_response.c (ServerResponse: writeHead, the
 * status line, interim responses, Date) and writer_request.c (ClientRequest:
 * http.request's options, Host, auth); two helpers of their own:
 * writer_plan.c (a call's output as parts, put out whole into a flat buffer
 * or a writev vector) and writer_sink.c (text into caller memory).
 */
#ifndef H1_WRITER_INT_H
#define H1_WRITER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "h1/h1_write.h"
#include "text.h"

enum {
  WF_HAS_BODY = 1u << 0,      /* _hasBody */
  WF_CHUNKED = 1u << 1,       /* chunkedEncoding */
  WF_KEEP_ALIVE = 1u << 2,    /* shouldKeepAlive */
  WF_LAST = 1u << 3,          /* _last */
  WF_CHUNK_DEFAULT = 1u << 4, /* useChunkedEncodingByDefault */
  WF_REMOVED_CONN = 1u << 5,  /* _removedConnection */
  WF_REMOVED_CL = 1u << 6,    /* _removedContLen */
  WF_REMOVED_TE = 1u << 7,    /* _removedTE */
  WF_DEFAULT_KA = 1u << 8,    /* _defaultKeepAlive */
  WF_HEADER = 1u << 9,        /* _header !== null */
  WF_HEADER_SENT = 1u << 10,  /* _headerSent */
  WF_FINISHED = 1u << 11,     /* finished */
  WF_EXPECT_CONT = 1u << 12,  /* _expect_continue */
  WF_SENT100 = 1u << 13,      /* _sent100 */
  WF_REJECT = 1u << 14,       /* kRejectNonStandardBodyWrites */
  WF_MAXREQ = 1u << 15,       /* maxRequestsOnConnectionReached */
  WF_WANTS_SEND = 1u << 16,   /* the head went out at once (Expect) */
  WF_AGENT = 1u << 17,        /* requests: this.agent is set */
  WF_CL_NAN = 1u << 18,       /* _contentLength is NaN */
  WF_CL_SET = 1u << 19,       /* _contentLength is a number */
  WF_FRAMED_CL = 1u << 20,    /* the head carries a Content-Length */
  WF_HAS_TE = 1u << 21,       /* the head carries a Transfer-Encoding */
  WF_TRAILERS_SET = 1u << 22, /* addTrailers was called */
  WF_UNIQUE_LATE = 1u << 23   /* requests: uniqueHeaders apply from now */
};

/* ------------------------------------------------------------------------
 * The sink: text appended to caller memory.  A sink whose memory is NULL or
 * too small only counts, so one routine both measures and writes.
 * ------------------------------------------------------------------------ */

struct h1__sink {
  char *p;
  size_t cap;
  size_t len;
};

void h1__put(struct h1__sink *s, const char *d, size_t n);
void h1__puts(struct h1__sink *s, const char *d);
void h1__putsp(struct h1__sink *s, struct h1_span sp);
void h1__putnum(struct h1__sink *s, int64_t v); /* decimal */

/* ------------------------------------------------------------------------
 * Errors (writer_errors.c).
 * ------------------------------------------------------------------------ */

/* Fills *err (may be NULL) and returns code. */
h1_werrno h1__fail(struct h1_werror *err, h1_werrno code, const char *what,
                   const struct h1_span *name);

/* validateHeaderValue over a caller's value list (each item of an array). */
h1_werrno h1__validate_values(struct h1_span name, const struct h1_span *values,
                              size_t n, unsigned flags, const char *what,
                              struct h1_werror *err);

/* ------------------------------------------------------------------------
 * The header store (writer_store.c).  A key takes max(1, nvalues) slots;
 * the store keeps JavaScript's key order itself (integer keys first,
 * ascending, then insertion order), so walking it is walking Node's object.
 * ------------------------------------------------------------------------ */

size_t h1__slots_of(const struct h1_wline *l);
/* Slot index of the key `name` (case-insensitive), or (size_t)-1. */
size_t h1__find(const struct h1_wline *lines, size_t n, struct h1_span name);
/* The key is one of the response's or request's uniqueHeaders. */
int h1__is_unique(const h1_writer *w, struct h1_span key);

/* ------------------------------------------------------------------------
 * OutgoingMessage (writer_outgoing.c).
 * ------------------------------------------------------------------------ */

void h1__init_common(h1_writer *w, h1_wkind kind, h1_profile profile,
                     struct h1_wline *lines, size_t cap,
                     struct h1_wline *tlines, size_t tcap, char *head,
                     size_t head_cap);

/* _storeHeader(firstLine, headers): the first line is l1a l1b l1c l1d l1e;
 * from_store renders the store, else `fields` (validated; odd: an odd flat
 * array).  Works on `w`, a copy the caller commits. */
h1_werrno h1__store_header(h1_writer *w, const char *l1a, struct h1_span l1b,
                           const char *l1c, struct h1_span l1d, const char *l1e,
                           int from_store, const struct h1_wfield *fields,
                           size_t n, int odd);

/* _implicitHeader() */
h1_werrno h1__implicit_header(h1_writer *w);

/* ServerResponse.writeHead on a copy (writer_response.c). */
h1_werrno h1__write_head(h1_writer *w, int status, const struct h1_span *reason,
                         const struct h1_wfield *fields, size_t n,
                         unsigned flags);

/* ------------------------------------------------------------------------
 * Output plans: what one call puts on the wire, as parts, committed whole
 * when the output has room, or not at all.
 * ------------------------------------------------------------------------ */

#define H1__PLAN_PARTS 12

struct h1__plan {
  struct h1_span part[H1__PLAN_PARTS];
  unsigned char body[H1__PLAN_PARTS]; /* the caller's body bytes */
  int n;
  int head_at;     /* part index of the stored head, or -1 */
  int head_utf8;   /* the head goes out as UTF-8 (Node's string concat) */
  int trailers_at; /* rendered from the trailer store before part i, or -1 */
  char hex[20];
};

/* Where a plan goes: a flat buffer, or framing bytes plus parts. */
struct h1__out {
  struct h1_wbuf *buf;
  struct h1_wvec *vec;
};

void h1__plan_init(struct h1__plan *p);
/* Framing bytes (copied on commit). */
void h1__plan_add(struct h1__plan *p, const char *d, size_t n);
/* _send(data): the stored head goes first, once, encoded as Node encodes
 * it for this data (UTF-8 for a string in the default encoding). */
void h1__send(h1_writer *w, struct h1__plan *p, const char *d, size_t n,
              int is_body, h1_wenc enc);
/* Puts the plan out and makes `t` the writer (`w`), or says how much room
 * it needs and changes nothing. */
h1_werrno h1__commit(h1_writer *w, h1_writer *t, struct h1__plan *p,
                     const struct h1__out *out);
struct h1__out h1__out_buf(struct h1_wbuf *b);
/* The strict profile refuses a head with bytes above 0x7F that goes out as
 * UTF-8 (a peer would read other bytes than the ones set). */
h1_werrno h1__strict_utf8_head(h1_writer *w, struct h1_span head);
struct h1__out h1__out_vec(struct h1_wvec *v);

#endif /* H1_WRITER_INT_H */
