/*
 * parser_int.h -- the parser's private definitions, shared by its files:
 * the states, llhttp's header_state and finish, the private flags, and the
 * functions one grammar rule or shared piece offers the others.
 */
#ifndef H1_PARSER_INT_H
#define H1_PARSER_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "h1/h1.h"

/* The fast paths (the one-pass head path of parser_head.c; whole methods,
 * the version and plain field lines in the machine) skip states the
 * byte-by-byte machine would go through with the same result.
 * H1_NO_FAST_PATHS leaves them out; fuzz/fuzz_twin.c compares an engine
 * built so (and with H1_NO_SIMD) against the normal one. */
#ifdef H1_NO_FAST_PATHS
#define H1__FAST 0
#else
#define H1__FAST 1
#endif

/* ------------------------------------------------------------------------
 * States
 * ------------------------------------------------------------------------ */

enum h1__state {
  S_START = 0, /* CR/LF skipped; anything else begins a message (parser.c) */
  /* the request line: parser_request.c */
  S_REQ_METHOD,        /* method bytes, matched against the method table */
  S_REQ_FIRST_SPACE,   /* SP after the method */
  S_REQ_SPACES,        /* further SP before the target */
  S_URL_SKIP_LF,       /* LF after a CR that ended a version-less line */
  S_URL_TO_HTTP,       /* the byte after the target's SP: not HTAB/FF */
  S_URL_TO_HTTP09,     /* the byte after a version-less line: not HTAB/FF */
  S_REQ_HTTP_START,    /* SP before the protocol */
  S_REQ_PROTO,         /* "HTTP", "RTSP" or "ICE" */
  S_REQ_AFTER_PROTO,   /* '/' */
  S_REQ_MAJOR,         /* one digit */
  S_REQ_DOT,           /* '.' */
  S_REQ_MINOR,         /* one digit */
  S_REQ_PRI,           /* the rest of the HTTP/2 connection preface */
  S_REQ_COMPLETE,      /* CR (LF when lenient) after the version */
  S_REQ_COMPLETE_CRLF, /* LF after that CR */
  /* the request target: parser_target.c */
  S_URL_START,        /* '/' '*' begin a path, ALPHA a scheme */
  S_URL_SCHEMA,       /* ALPHA, then ':' */
  S_URL_SCHEMA_DELIM, /* "//" */
  S_URL_SERVER,       /* authority bytes, '@' once between them */
  S_URL_SERVER_AT,    /* authority after '@' */
  S_URL_PATH,         /* path bytes 0x21..0x7E */
  S_URL_QUERY,        /* query bytes, '?' allowed */
  S_URL_FRAGMENT,     /* fragment bytes, '?' and '#' allowed */
  /* the status line: parser_status.c */
  S_RES_PROTO,         /* "HTTP", "RTSP" or "ICE" */
  S_RES_AFTER_PROTO,   /* '/' */
  S_RES_MAJOR,         /* one digit */
  S_RES_DOT,           /* '.' */
  S_RES_MINOR,         /* one digit */
  S_RES_AFTER_VERSION, /* SP */
  S_RES_STATUS_1,      /* three digits */
  S_RES_STATUS_2,
  S_RES_STATUS_3,
  S_RES_STATUS_OTHER, /* SP, CR or (lenient) LF after the status code */
  S_RES_STATUS_START, /* opens the reason-phrase span */
  S_RES_STATUS,       /* reason phrase: any byte but CR and LF */
  S_RES_LINE_ALMOST,  /* LF after the status line's CR */
  /* field lines: parser_fields.c */
  S_HEADERS_START,  /* a SP here is a space after the start line */
  S_FIELD_START,    /* CR ends the section, else a field name starts */
  S_FIELD,          /* tchar of a field name */
  S_FIELD_COLON_WS, /* lenient: SP between a framing name and ':' */
  S_HEADERS_ALMOST, /* LF ending the header section */
  /* a field's value: parser_field_value.c */
  S_VALUE_DISCARD_WS,        /* OWS before a value */
  S_VALUE_DISCARD_WS_ALMOST, /* LF after a CR in the OWS */
  S_VALUE_DISCARD_LWS,       /* the line after an empty value */
  S_VALUE,                   /* field-value bytes */
  S_VALUE_LENIENT,           /* lenient: any byte until CR or LF */
  S_VALUE_ALMOST,            /* LF after a value's CR */
  S_VALUE_LWS,               /* SP/HTAB here is obs-fold */
  /* the values of framing fields: parser_framing_value.c */
  S_TE_CHUNKED,      /* "chunked" at the start of a coding */
  S_TE_CHUNKED_LAST, /* SP, then CR/LF or ',' after "chunked" */
  S_TE_TOKEN,        /* another coding's bytes */
  S_TE_TOKEN_OWS,    /* OWS after ',' */
  S_CL,              /* Content-Length digits */
  S_CL_WS,           /* OWS after the digits */
  S_CONN,            /* a Connection token: close, upgrade, keep-alive */
  S_CONN_WS,         /* SP or ',' after a known token */
  S_CONN_TOKEN,      /* any other token */
  /* the chunk-size line: parser_chunk.c */
  S_CHUNK_SIZE_START,  /* first hex digit */
  S_CHUNK_SIZE,        /* hex digits */
  S_CHUNK_SIZE_OTHER,  /* (lenient) SP, then CR, ';' */
  S_CHUNK_EXT,         /* after ';': an extension name starts */
  S_CHUNK_EXT_NAME,    /* tchar */
  S_CHUNK_EXT_VALUE,   /* tchar or a quoted-string */
  S_CHUNK_EXT_QUOTED,  /* qdtext */
  S_CHUNK_EXT_QPAIR,   /* the byte after a backslash */
  S_CHUNK_EXT_QDONE,   /* ';' or CR after a quoted-string */
  S_CHUNK_SIZE_ALMOST, /* LF after the chunk line's CR */
  /* the body: parser_body.c */
  S_CHUNK_DATA,        /* chunk bytes */
  S_CHUNK_DATA_ALMOST, /* CRLF after chunk data */
  S_BODY_IDENTITY,     /* Content-Length body bytes */
  S_BODY_EOF,          /* body bytes until the peer closes */
  S_CLOSED,            /* after a non-persistent message: CR/LF only */
  /* pseudo-states (parser.c) */
  S_MESSAGE_DONE, /* reports the end of the message */
  S_UPGRADED,     /* the rest is another protocol */
  S_DEAD          /* an error was reported */
};

/* llhttp's header_state */
enum {
  HS_GENERAL = 0,
  HS_CONNECTION,
  HS_CONTENT_LENGTH,
  HS_TRANSFER_ENCODING,
  HS_UPGRADE,
  HS_CONNECTION_KEEP_ALIVE,
  HS_CONNECTION_CLOSE,
  HS_CONNECTION_UPGRADE,
  HS_TRANSFER_ENCODING_CHUNKED
};

/* llhttp's setHeaderFlags: the message flag a field's value sets once it
 * is complete (a Connection token, also before a comma). */
static inline uint32_t h1__token_flag(unsigned header_state) {
  switch (header_state) {
  case HS_CONNECTION_KEEP_ALIVE:
    return H1_F_CONNECTION_KEEP_ALIVE;
  case HS_CONNECTION_CLOSE:
    return H1_F_CONNECTION_CLOSE;
  case HS_CONNECTION_UPGRADE:
    return H1_F_CONNECTION_UPGRADE;
  case HS_TRANSFER_ENCODING_CHUNKED:
    return H1_F_CHUNKED;
  default:
    return 0;
  }
}

/* llhttp's finish */
enum { FINISH_SAFE = 0, FINISH_SAFE_WITH_CB = 1, FINISH_UNSAFE = 2 };

/* private flags beyond the public H1_F_* */
#define F_TE_SEEN (1u << 16)      /* strict: a Transfer-Encoding line */
#define F_EXPECT_LINE (1u << 17)  /* strict: an Expect line */
#define F_UPGRADE_HTAB (1u << 18) /* strict: `upgrade` before an HTAB */
#define F_HOST_SEEN (1u << 20)
#define F_SPAN_ARENA (1u << 21) /* the open span lives in the arena */
#define F_SPAN_EXT (1u << 22)   /* the open span is a chunk extension */
#define F_SPAN_OPEN (1u << 23)
#define F_IN_SECTION (1u << 24) /* inside a head or trailer section */
#define F_PROTO_RTSP (1u << 26)
#define F_PROTO_ICE (1u << 27)
#define F_EXPECT_SEEN (1u << 28)
#define F_SPAN_LOST (1u << 29) /* past the size limit: bytes not kept */

#define LENIENT(flag) (P->h1__set.lenient & (flag))
#define STRICT_PROFILE (P->h1__set.profile == H1_PROFILE_STRICT)

/* Closes the open span at q.  A count at or past the limit fails the parse
 * (Node's TrackHeader runs when a span ends), at `resume`: llparse reports a
 * span callback's error where parsing would have resumed, q + 1 when the
 * span's end also consumes the byte, q when it does not.  Uses the
 * including file's P, mark, flags and FAIL. */
#define SPAN_CLOSE(q, resume)                                                  \
  do {                                                                         \
    size_t n_ = (size_t)((q)-mark);                                            \
    if (!(flags & (F_SPAN_ARENA | F_SPAN_EXT)) &&                              \
        P->h1__header_nread + n_ < P->h1__set.max_header_size) {               \
      /* the common case: a span that began in this call */                    \
      P->h1__header_nread += n_;                                               \
      P->h1__tgt->len = (size_t)((const char *)(q)-P->h1__tgt->ptr);           \
      flags &= ~F_SPAN_OPEN;                                                   \
    } else if (h1__span_close(P, &flags, mark, (q)) != 0) {                    \
      FAIL(P->h1__pending, NULL, (resume));                                    \
    }                                                                          \
  } while (0)

/* Opens the span sp (of kind 1 url, 2 reason, 3 name, 4 value) at p: its
 * bytes so far are none, and none of them is in the arena yet.  Uses the
 * including file's P, p, mark and flags. */
#define SPAN_OPEN(sp, kind)                                                    \
  do {                                                                         \
    (sp)->ptr = (const char *)p;                                               \
    (sp)->len = 0;                                                             \
    P->h1__span_kind = (kind);                                                 \
    P->h1__tgt = (sp);                                                         \
    flags = (flags | F_SPAN_OPEN) & ~(F_SPAN_ARENA | F_SPAN_LOST);             \
    mark = p;                                                                  \
  } while (0)

/* Each grammar rule is a function of its own file, over the states its
 * file's part of enum h1__state names.  h1__execute (parser.c) keeps the
 * run and calls the rule whose state it is; the rule loads the run into
 * registers, goes on until its rule ends, an event, an error or the end of
 * the data, and gives it back with what happened. */
struct h1__run {
  const unsigned char *p, *end;
  const unsigned char *mark; /* start of the open span's piece */
  unsigned state;
  uint32_t flags;
  h1_errno err;    /* H1__R_ERROR: the error, */
  const char *why; /* its sentence (NULL: the code's own) */
};
enum {
  H1__R_NEXT,  /* the state is another rule's */
  H1__R_OUT,   /* out of data */
  H1__R_EVENT, /* *ev is set */
  H1__R_HEAD,  /* the head section is complete */
  H1__R_ERROR
};
/* A rule's FAIL: its `res` and `out` store the run back and return. */
#define H1__RULE_FAIL(code, sentence, q)                                       \
  do {                                                                         \
    r->err = (code);                                                           \
    r->why = (sentence);                                                       \
    p = (q);                                                                   \
    res = H1__R_ERROR;                                                         \
    goto out;                                                                  \
  } while (0)
/* A rule's NEXT: goes on in state `st` at its label without a trip through
 * the switch (when a byte is left), else leaves the loop.  A statement of
 * its own. */
#define H1__RULE_NEXT(st, label)                                               \
  {                                                                            \
    state = (st);                                                              \
    if (p < end) {                                                             \
      c = *p;                                                                  \
      goto label;                                                              \
    }                                                                          \
    break;                                                                     \
  }
/* A rule's way to another rule's state `st`: the byte at p is that
 * rule's. */
#define H1__RULE_LEAVE(st)                                                     \
  do {                                                                         \
    state = (st);                                                              \
    res = H1__R_NEXT;                                                          \
    goto out;                                                                  \
  } while (0)
/* A start line's way to the field lines, which follow it directly: the run
 * stored back, and the field-line rule called in its place. */
#define H1__RULE_TO_FIELDS()                                                   \
  do {                                                                         \
    r->p = p;                                                                  \
    r->mark = mark;                                                            \
    r->state = S_HEADERS_START;                                                \
    r->flags = flags;                                                          \
    return h1__field_lines(P, r);                                              \
  } while (0)
/* A rule's one-byte states: the byte c must be ch (else the error, at it),
 * and the state after it is `next`. */
#define H1__RULE_EXPECT(ch, code, sentence, next)                              \
  do {                                                                         \
    if (c != (ch))                                                             \
      FAIL(code, sentence, p);                                                 \
    p++;                                                                       \
    state = (next);                                                            \
  } while (0)
/* A rule's LF after a CR: taken, or missing where `lenient` allows it (the
 * byte is then the next state's), else the error. */
#define H1__RULE_LF(lenient, code, sentence)                                   \
  do {                                                                         \
    if (c == '\n')                                                             \
      p++;                                                                     \
    else if (!LENIENT(lenient))                                                \
      FAIL(code, sentence, p);                                                 \
  } while (0)
/* A start line's HTTP-version, by h1__version from `step` (a state less
 * `base`), into the int `to`.  Copies keep p and flags in registers. */
#define H1__RULE_VERSION(to, base)                                             \
  do {                                                                         \
    const unsigned char *q_ = p;                                               \
    uint32_t f_ = flags;                                                       \
    (to) = h1__version(P, (int)(state - (base)), &f_, &q_, r);                 \
    p = q_;                                                                    \
    flags = f_;                                                                \
    if ((to) < 0)                                                              \
      FAIL(r->err, r->why, p);                                                 \
  } while (0)
/* A rule's locals: the run, loaded into registers. */
#define H1__RULE_LOCALS                                                        \
  const unsigned char *p = r->p;                                               \
  const unsigned char *const end = r->end;                                     \
  const unsigned char *mark = r->mark;                                         \
  unsigned state = r->state;                                                   \
  uint32_t flags = r->flags;                                                   \
  unsigned c;                                                                  \
  int res
/* A rule's last case: any other state is another rule's. */
#define H1__RULE_OTHER                                                         \
  default:                                                                     \
    res = H1__R_NEXT;                                                          \
    goto out
/* A rule's way out, past its loop (out of data) or from `goto out`: the run
 * stored back, and what happened. */
#define H1__RULE_OUT                                                           \
  res = H1__R_OUT;                                                             \
  out:                                                                         \
  r->p = p;                                                                    \
  r->mark = mark;                                                              \
  r->state = state;                                                            \
  r->flags = flags;                                                            \
  return res

/* The rules, in the order of enum h1__state. */
int h1__request_line(h1_parser *P, struct h1__run *r); /* parser_request.c */
int h1__target(h1_parser *P, struct h1__run *r);       /* parser_target.c */
int h1__status_line(h1_parser *P, struct h1__run *r);  /* parser_status.c */
int h1__field_lines(h1_parser *P, struct h1__run *r);  /* parser_fields.c */
int h1__field_value(h1_parser *P, struct h1__run *r); /* parser_field_value.c */
int h1__framing_value(h1_parser *P,
                      struct h1__run *r); /* parser_framing_value.c */
int h1__chunk_line(h1_parser *P, struct h1__run *r); /* parser_chunk.c */
int h1__body(h1_parser *P, struct h1__run *r,
             struct h1_event *ev); /* parser_body.c */
/* parser_body.c: h1__chunk_line and h1__body in turn */
int h1__chunked_body(h1_parser *P, struct h1__run *r, struct h1_event *ev);

/* llhttp's on_chunk_header, once a chunk-size line is complete: Node resets
 * both counters; a zero size opens the trailer section.  Returns the next
 * state. */
static inline unsigned h1__chunk_header(h1_parser *P, uint32_t *flags) {
  P->h1__header_nread = 0;
  P->h1__ext_nread = 0;
  if (P->h1__remaining != 0)
    return S_CHUNK_DATA;
  *flags |= H1_F_TRAILING | F_IN_SECTION;
  P->msg.num_headers = P->h1__nlines_head;
  P->msg.trailers = P->h1__slots == &P->h1__scratch
                        ? P->h1__slots
                        : P->h1__slots + P->h1__nlines_head;
  P->msg.num_trailers = 0;
  P->h1__spilled = P->h1__nlines;
  return S_FIELD_START;
}

/* The end of a trailer section (after its empty line): the trailers are
 * counted and the message ends (S_MESSAGE_DONE). */
static inline void h1__trailers_end(h1_parser *P, uint32_t *flags) {
  P->msg.num_trailers =
      P->h1__slots == &P->h1__scratch ? 0 : P->h1__nlines - P->msg.num_headers;
  P->h1__header_nread = 0;
  *flags &= ~F_IN_SECTION;
}

/* The body bytes at *pp that the current chunk or Content-Length body has
 * (at least one), as a BODY event; the state after them. */
static inline unsigned h1__body_bytes(h1_parser *P, const unsigned char **pp,
                                      const unsigned char *end, unsigned state,
                                      struct h1_event *ev) {
  size_t avail = (size_t)(end - *pp), n;
  n = P->h1__remaining < avail ? (size_t)P->h1__remaining : avail;
  ev->type = H1_EV_BODY;
  ev->data.ptr = (const char *)*pp;
  ev->data.len = n;
  *pp += n;
  P->h1__remaining -= n;
  if (P->h1__remaining != 0)
    return state;
  if (state == S_CHUNK_DATA) {
    P->h1__index = 0;
    return S_CHUNK_DATA_ALMOST;
  }
  return S_MESSAGE_DONE;
}

/* parser.c: the machine, h1_execute's reference path. */
size_t h1__execute(h1_parser *P, const char *data, size_t len,
                   struct h1_event *ev);

/* parser_chunk.c: h1_execute at S_CHUNK_DATA_ALMOST or S_CHUNK_SIZE_START:
 * the next chunk without the machine when its line is whole in the buffer,
 * and the machine for the rest. */
size_t h1__next_chunk(h1_parser *P, const char *data, size_t len,
                      struct h1_event *ev);

/* parser_field_value.c: a field line is complete (its value too): the
 * flags its value sets, the strict profile's rules, Expect: 100-continue.
 * NULL, or the sentence of an error (*code its code, H1_E_STRICT unless
 * set). */
const char *h1__field_done(h1_parser *P, uint32_t *flags, h1_errno *code);

/* parser_version.c: the HTTP-version of either start line.  Reads from *pp
 * at `step` (0 the protocol name, 1 '/', 2 the major digit, 3 '.', 4 the
 * minor digit) until the data ends, the protocol name is complete (step 1)
 * or the version is (step 5); returns the step reached, or -1 with r->err,
 * r->why and *pp the error. */
int h1__version(h1_parser *P, int step, uint32_t *flags,
                const unsigned char **pp, struct h1__run *r);

/* parser_head.c: the one-pass head path and the plain field lines.
 * h1__head is h1_execute at S_START with input: a head that starts at data
 * and is complete in it is parsed in one pass and reported (H1_EV_HEAD) as
 * the machine would; anything else goes to the machine, h1__execute, with
 * nothing changed.  h1__fast_fields takes plain field lines at the start of
 * a line and returns where the first line it does not take begins. */
size_t h1__head(h1_parser *P, const char *data, size_t len,
                struct h1_event *ev);
const unsigned char *h1__fast_fields(h1_parser *P, const unsigned char *p,
                                     const unsigned char *end, uint32_t *flags);

/* parser_tables.c: errors and methods */
#define H1__METHOD_MAX_LEN 13
extern const char *const h1__errno_reasons[];
h1_method h1__method_lookup(const char *s, size_t n);
int h1__method_prefix(const char *s, size_t n);
int h1__method_is_rtsp(h1_method m);

/* parser_span.c: spans and the arena */
int h1__span_close(h1_parser *P, uint32_t *flags, const unsigned char *mark,
                   const unsigned char *q);
int h1__spill(h1_parser *P, uint32_t *flags, const unsigned char *mark,
              const unsigned char *end);
int h1__spill_done(h1_parser *P, unsigned open);

/* parser_strict.c: the strict profile's rules and the Host checks */
extern const char h1__too_many_lines[];
int h1__authority_mismatch(const h1_parser *P);
const char *h1__strict_field(h1_parser *P, uint32_t *flags, h1_errno *code);
const char *h1__strict_head(h1_parser *P, uint32_t flags);

/* The lines the fast paths may store: the slots, or fewer when the strict
 * profile allows fewer head lines. */
static inline size_t h1__fast_lines_for(const h1_parser *P) {
  if (P->h1__max_lines != 0 && P->h1__max_lines < P->h1__nslots)
    return P->h1__max_lines;
  return P->h1__nslots;
}

/* A message begins (S_START): what the last one left is cleared, but for
 * msg (h1__message_begin clears it). */
static inline void h1__message_begin_state(h1_parser *P) {
  P->h1__finish = FINISH_UNSAFE;
  P->head_complete = 0;
  P->h1__arena_len = 0;
  P->h1__nlines = 0;
  P->h1__spilled = 0;
  P->h1__header_nread = 0;
  P->h1__mlen = 0;
  P->h1__upgrade = 0;
  P->h1__stop = 0;
}

/* A message begins (S_START): what the last one left is cleared. */
static inline void h1__message_begin(h1_parser *P) {
  h1__message_begin_state(P);
  memset(&P->msg, 0, sizeof(P->msg));
  P->msg.headers = P->h1__slots;
  P->msg.trailers = P->h1__slots;
}

static inline int h1__method_is_http(h1_method m) {
  return m != H1_METHOD_NONE &&
         (m <= H1_METHOD_UNSUBSCRIBE || m == H1_METHOD_PRI);
}

#endif /* H1_PARSER_INT_H */
