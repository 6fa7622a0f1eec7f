/*
 * h1.h -- the h1 engine: an allocation-free HTTP/1.1 parser that reads bytes
 * exactly as Node.js's `http` module (llhttp 9.3.1 plus Node's binding) does.
 *
 * Conventions
 * -----------
 * - Memory.  The engine never allocates.  Every byte it writes lives in
 *   memory the caller handed over: the `h1_parser` struct itself, the header
 *   slot array and the arena given to h1_parser_init().  Sizing rules are
 *   given with each field; h1_parser_init() with the helpers H1_SLOTS_FOR()
 *   and H1_ARENA_FOR() gives sizes that can never run out for a given
 *   max_header_size.
 * - I/O and globals.  The engine does no I/O, reads no clock and keeps no
 *   mutable global state; all tables are `const`.  Two parsers may run on
 *   two threads at once.
 * - Spans.  Strings are `struct h1_span` (pointer and length), never NUL
 *   terminated.  A span points either into the data passed to h1_execute()
 *   or into the caller's arena.  Spans of a head stay valid until the next
 *   message begins, provided the caller keeps the data it passed in alive
 *   that long; body spans point into the data of the current call only.
 * - NULL.  No function accepts NULL unless its comment says so.
 * - Errors.  An error is sticky: once h1_execute() reports H1_EV_ERROR, every
 *   later call reports the same error and consumes nothing, until
 *   h1_parser_reset().  An error carries a stable name (Node's `HPE_*` code,
 *   from one table), a reason sentence and the absolute byte offset, counted
 *   from the first byte given to the parser since init or reset, at which
 *   parsing stopped.
 * - Splits.  Data may be fed in pieces of any size.  Events, spans' contents,
 *   errors and offsets do not depend on where the input is split.  No byte is
 *   scanned more than a constant number of times.
 */
#ifndef H1_H
#define H1_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CMake reads these three lines: the library's version, and its SOVERSION
 * MAJOR.MINOR while MAJOR is 0.  Bump the minor with any change of a
 * caller-allocated struct; that one edit changes the SONAME. */
#define H1_VERSION_MAJOR 0
#define H1_VERSION_MINOR 2
#define H1_VERSION_PATCH 0

/* Node's defaults. */
#define H1_DEFAULT_MAX_HEADER_SIZE 16384u
#define H1_DEFAULT_MAX_HEADERS_COUNT 2000u
#define H1_MAX_CHUNK_EXTENSIONS_SIZE 16384u

struct h1_span {
  const char *ptr;
  size_t len;
};

struct h1_header {
  struct h1_span name;
  struct h1_span value; /* as on the wire: leading OWS dropped, trailing kept */
};

/*
 * The error table.  XX(constant suffix, name printed, default reason).  Names
 * are Node's `err.code` strings; reasons are llhttp's or Node's sentences.
 */
#define H1_ERRNO_MAP(XX)                                                       \
  XX(OK, "HPE_OK", "Success")                                                  \
  XX(INTERNAL, "HPE_INTERNAL", "Internal error")                               \
  XX(STRICT, "HPE_STRICT", "Strict mode assertion failed")                     \
  XX(CR_EXPECTED, "HPE_CR_EXPECTED", "Missing expected CR")                    \
  XX(LF_EXPECTED, "HPE_LF_EXPECTED", "Missing expected LF")                    \
  XX(UNEXPECTED_CONTENT_LENGTH, "HPE_UNEXPECTED_CONTENT_LENGTH",               \
     "Duplicate Content-Length")                                               \
  XX(UNEXPECTED_SPACE, "HPE_UNEXPECTED_SPACE", "Unexpected space")             \
  XX(CLOSED_CONNECTION, "HPE_CLOSED_CONNECTION",                               \
     "Data after `Connection: close`")                                         \
  XX(INVALID_METHOD, "HPE_INVALID_METHOD", "Invalid method encountered")       \
  XX(INVALID_URL, "HPE_INVALID_URL", "Invalid char in url path")               \
  XX(INVALID_CONSTANT, "HPE_INVALID_CONSTANT", "Invalid constant")             \
  XX(INVALID_VERSION, "HPE_INVALID_VERSION", "Invalid HTTP version")           \
  XX(INVALID_HEADER_TOKEN, "HPE_INVALID_HEADER_TOKEN", "Invalid header token") \
  XX(INVALID_CONTENT_LENGTH, "HPE_INVALID_CONTENT_LENGTH",                     \
     "Invalid character in Content-Length")                                    \
  XX(INVALID_CHUNK_SIZE, "HPE_INVALID_CHUNK_SIZE",                             \
     "Invalid character in chunk size")                                        \
  XX(INVALID_STATUS, "HPE_INVALID_STATUS", "Invalid status code")              \
  XX(INVALID_EOF_STATE, "HPE_INVALID_EOF_STATE", "Invalid EOF state")          \
  XX(INVALID_TRANSFER_ENCODING, "HPE_INVALID_TRANSFER_ENCODING",               \
     "Invalid `Transfer-Encoding` header value")                               \
  XX(PAUSED_H2_UPGRADE, "HPE_PAUSED_H2_UPGRADE", "Pause on PRI/Upgrade")       \
  XX(HEADER_OVERFLOW, "HPE_HEADER_OVERFLOW", "Header overflow")                \
  XX(CHUNK_EXTENSIONS_OVERFLOW, "HPE_CHUNK_EXTENSIONS_OVERFLOW",               \
     "Chunk extensions overflow")                                              \
  XX(SLOTS_FULL, "H1_SLOTS_FULL", "The caller's header slot array is full")    \
  XX(ARENA_FULL, "H1_ARENA_FULL", "The caller's arena is full")

typedef enum h1_errno {
#define H1__ERRNO_ENUM(name, str, reason) H1_E_##name,
  H1_ERRNO_MAP(H1__ERRNO_ENUM)
#undef H1__ERRNO_ENUM
      H1_E__COUNT
} h1_errno;

/* "HPE_INVALID_METHOD" etc.; "H1_UNKNOWN" for an out-of-range value. */
const char *h1_errno_name(h1_errno e);
/* The table's default reason sentence. */
const char *h1_errno_reason(h1_errno e);

/* Every method llhttp 9.3.1 reads, by name.  The first 35 (those marked 1)
 * are Node's http.METHODS; PRI and the RTSP methods are accepted by the
 * parser too (with an RTSP/ or HTTP/2.0 version line, as in Node), and Node
 * reports them in req.method. */
#define H1_METHOD_MAP(XX)                                                      \
  XX(ACL, "ACL", 1)                                                            \
  XX(BIND, "BIND", 1)                                                          \
  XX(CHECKOUT, "CHECKOUT", 1)                                                  \
  XX(CONNECT, "CONNECT", 1)                                                    \
  XX(COPY, "COPY", 1)                                                          \
  XX(DELETE, "DELETE", 1)                                                      \
  XX(GET, "GET", 1)                                                            \
  XX(HEAD, "HEAD", 1)                                                          \
  XX(LINK, "LINK", 1)                                                          \
  XX(LOCK, "LOCK", 1)                                                          \
  XX(M_SEARCH, "M-SEARCH", 1)                                                  \
  XX(MERGE, "MERGE", 1)                                                        \
  XX(MKACTIVITY, "MKACTIVITY", 1)                                              \
  XX(MKCALENDAR, "MKCALENDAR", 1)                                              \
  XX(MKCOL, "MKCOL", 1)                                                        \
  XX(MOVE, "MOVE", 1)                                                          \
  XX(NOTIFY, "NOTIFY", 1)                                                      \
  XX(OPTIONS, "OPTIONS", 1)                                                    \
  XX(PATCH, "PATCH", 1)                                                        \
  XX(POST, "POST", 1)                                                          \
  XX(PROPFIND, "PROPFIND", 1)                                                  \
  XX(PROPPATCH, "PROPPATCH", 1)                                                \
  XX(PURGE, "PURGE", 1)                                                        \
  XX(PUT, "PUT", 1)                                                            \
  XX(QUERY, "QUERY", 1)                                                        \
  XX(REBIND, "REBIND", 1)                                                      \
  XX(REPORT, "REPORT", 1)                                                      \
  XX(SEARCH, "SEARCH", 1)                                                      \
  XX(SOURCE, "SOURCE", 1)                                                      \
  XX(SUBSCRIBE, "SUBSCRIBE", 1)                                                \
  XX(TRACE, "TRACE", 1)                                                        \
  XX(UNBIND, "UNBIND", 1)                                                      \
  XX(UNLINK, "UNLINK", 1)                                                      \
  XX(UNLOCK, "UNLOCK", 1)                                                      \
  XX(UNSUBSCRIBE, "UNSUBSCRIBE", 1)                                            \
  XX(PRI, "PRI", 0)                                                            \
  XX(DESCRIBE, "DESCRIBE", 0)                                                  \
  XX(ANNOUNCE, "ANNOUNCE", 0)                                                  \
  XX(SETUP, "SETUP", 0)                                                        \
  XX(PLAY, "PLAY", 0)                                                          \
  XX(PAUSE, "PAUSE", 0)                                                        \
  XX(TEARDOWN, "TEARDOWN", 0)                                                  \
  XX(GET_PARAMETER, "GET_PARAMETER", 0)                                        \
  XX(SET_PARAMETER, "SET_PARAMETER", 0)                                        \
  XX(REDIRECT, "REDIRECT", 0)                                                  \
  XX(RECORD, "RECORD", 0)                                                      \
  XX(FLUSH, "FLUSH", 0)

typedef enum h1_method {
  H1_METHOD_NONE = 0, /* responses */
#define H1__METHOD_ENUM(name, str, node) H1_METHOD_##name,
  H1_METHOD_MAP(H1__METHOD_ENUM)
#undef H1__METHOD_ENUM
      H1_METHOD__COUNT
} h1_method;

/* "GET" etc.; NULL for H1_METHOD_NONE or an out-of-range value. */
const char *h1_method_name(h1_method m);

typedef enum h1_type { H1_REQUEST = 0, H1_RESPONSE = 1 } h1_type;

typedef enum h1_profile {
  H1_PROFILE_NODE = 0,  /* exactly Node 20 (llhttp 9.3.1 + Node's binding) */
  H1_PROFILE_STRICT = 1 /* rejects more, never accepts more: see the
                          README's profile section for every rule */
} h1_profile;

/*
 * Leniency flags, one per llhttp 9.3.1 leniency, all off by default.  Each
 * opens a class of parser disagreement (request smuggling); the comment names
 * it.  H1_LENIENT_ALL is Node's `insecureHTTPParser: true`.
 */
enum {
  /* obs-fold unfolded, SP before ':', any byte in values, bare CR at line
   * ends: header hiding (CVE-2024-27982, CVE-2023-30589). */
  H1_LENIENT_HEADERS = 1u << 0,
  /* Content-Length together with Transfer-Encoding: CL.TE / TE.CL. */
  H1_LENIENT_CHUNKED_LENGTH = 1u << 1,
  /* Keep reading after `Connection: close`: pipelining after close. */
  H1_LENIENT_KEEP_ALIVE = 1u << 2,
  /* Request Transfer-Encoding without chunked last: TE.TE. */
  H1_LENIENT_TRANSFER_ENCODING = 1u << 3,
  /* Any HTTP/x.y version: version confusion. */
  H1_LENIENT_VERSION = 1u << 4,
  /* Ignore bytes after `Connection: close` instead of failing. */
  H1_LENIENT_DATA_AFTER_CLOSE = 1u << 5,
  /* CR not followed by LF ends a line: bare-CR line ends. */
  H1_LENIENT_OPTIONAL_LF_AFTER_CR = 1u << 6,
  /* Chunk data not followed by CRLF: chunk terminator length (ONE.TWO). */
  H1_LENIENT_OPTIONAL_CRLF_AFTER_CHUNK = 1u << 7,
  /* Bare LF ends a line: bare-LF line ends (CVE-2022-32214). */
  H1_LENIENT_OPTIONAL_CR_BEFORE_LF = 1u << 8,
  /* SP/HTAB after the chunk size: chunk-size syntax. */
  H1_LENIENT_SPACES_AFTER_CHUNK_SIZE = 1u << 9,
  H1_LENIENT_ALL = (1u << 10) - 1,
  /* Strict profile only (Node has no such rule, so it is not part of
   * H1_LENIENT_ALL): a DELETE or OPTIONS request may carry a body, which
   * the strict profile otherwise rejects as on GET, HEAD, TRACE and CONNECT
   * (CL.0: hops that treat the method as bodiless). */
  H1_LENIENT_DELETE_OPTIONS_BODY = 1u << 10
};

/* struct h1_settings.max_headers_count for Node's `maxHeadersCount: 0`. */
#define H1_HEADERS_COUNT_UNLIMITED UINT32_MAX
/* Node's maxHeadersCount option as an int64_t (negative: not set, 0: no
 * limit) to struct h1_settings.max_headers_count. */
#define H1_HEADERS_COUNT_FROM_NODE(v)                                          \
  ((v) < 0                                  ? 0u                               \
   : (v) == 0 || (v) >= (int64_t)UINT32_MAX ? H1_HEADERS_COUNT_UNLIMITED       \
                                            : (uint32_t)(v))

struct h1_settings {
  h1_type type;
  h1_profile profile;
  uint32_t lenient;         /* H1_LENIENT_* bits */
  uint32_t max_header_size; /* Node's maxHeaderSize; 0 means 16384 */
  /* Responses only: the method of the request this response answers.  HEAD
   * and CONNECT change framing as in Node's client. */
  h1_method request_method;
  /* Node's maxHeadersCount, for the strict profile: a head with more lines
   * than Node merges into `headers` is rejected (HPE_HEADER_OVERFLOW)
   * instead of losing lines from the view.  0 means not set (Node's
   * default: 1000 lines, see h1_node_header_counts()),
   * H1_HEADERS_COUNT_UNLIMITED means Node's 0 (no limit).  The node profile
   * ignores it: Node drops the lines silently. */
  uint32_t max_headers_count;
};

/* The head of the message being parsed, filled in before H1_EV_HEAD and
 * completed (trailers) before H1_EV_MESSAGE_END. */
struct h1_message {
  h1_method method;      /* requests */
  struct h1_span url;    /* requests: the target exactly as sent */
  uint16_t status;       /* responses */
  struct h1_span reason; /* responses: the reason phrase, may be empty */
  uint8_t version_major; /* 0.9 for a version-less request line */
  uint8_t version_minor;
  struct h1_header *headers; /* header fields in wire order */
  size_t num_headers;
  struct h1_header *trailers; /* trailer fields, after the last chunk */
  size_t num_trailers;
  uint64_t content_length; /* valid when H1_F_CONTENT_LENGTH is set */
  uint32_t flags;          /* H1_F_* */
};

enum {
  H1_F_CONNECTION_KEEP_ALIVE = 1u << 0, /* `keep-alive` token seen */
  H1_F_CONNECTION_CLOSE = 1u << 1,      /* `close` token seen */
  H1_F_CONNECTION_UPGRADE = 1u << 2,    /* `upgrade` token seen */
  H1_F_CHUNKED = 1u << 3,               /* chunked is the final coding */
  H1_F_UPGRADE = 1u << 4,               /* an Upgrade header is present */
  H1_F_CONTENT_LENGTH = 1u << 5,        /* a Content-Length header */
  H1_F_SKIPBODY = 1u << 6,              /* response to HEAD, 1xx, ... */
  H1_F_TRAILING = 1u << 7,              /* in the trailer section */
  H1_F_TRANSFER_ENCODING = 1u << 9,     /* a Transfer-Encoding header */
  /* The four head flags below are set with H1_EV_HEAD and kept until the
   * message ends, whichever way it ends. */
  H1_F_KEEP_ALIVE = 1u << 10, /* at head: Node's shouldKeepAlive */
  H1_F_IS_UPGRADE = 1u << 11, /* set at head: Upgrade or CONNECT accepted */
  H1_F_EXPECT_CONTINUE = 1u << 12,    /* Expect contains 100-continue (Node) */
  H1_F_AUTHORITY_MISMATCH = 1u << 14, /* absolute-form target whose
                                         authority is not Host (reported,
                                         never rejected: Node accepts it) */
  H1_F_BODY_EOF = 1u << 13 /* the body is read until the peer closes */
};

typedef enum h1_event_type {
  H1_EV_NONE = 0,    /* all input consumed; feed more or call h1_finish() */
  H1_EV_HEAD,        /* a head is complete: see h1_parser.msg */
  H1_EV_BODY,        /* body bytes (de-chunked) in event.data */
  H1_EV_MESSAGE_END, /* the message is complete; trailers are in msg */
  H1_EV_UPGRADE,     /* Upgrade/CONNECT accepted: the bytes after the
                      * consumed count are not HTTP; parsing stops */
  H1_EV_ERROR        /* see h1_parser.error, .reason, .error_offset */
} h1_event_type;

struct h1_event {
  h1_event_type type;
  struct h1_span data; /* H1_EV_BODY */
};

/*
 * The parser.  Caller-allocated; every field is private to the engine
 * except those in the "read" block.
 */
typedef struct h1_parser {
  /* read: results */
  struct h1_message msg;
  h1_errno error;
  const char *reason;    /* static sentence, never NULL */
  uint64_t error_offset; /* absolute byte offset where parsing stopped */
  uint64_t nread;        /* bytes consumed since init/reset */
  uint32_t messages;     /* messages completed so far */
  /* msg holds the whole head of the message in progress: set before
   * H1_EV_HEAD, and also when a complete head is then rejected (Node
   * rejects a request `Transfer-Encoding: identity` only after dispatching
   * it); cleared when the message ends. */
  uint8_t head_complete;

  /* private */
  struct h1_settings h1__set;
  struct h1_header *h1__slots;
  size_t h1__nslots;
  size_t h1__nlines;      /* slots used by this message (head + trailers) */
  size_t h1__nlines_head; /* of which the head's */
  size_t h1__spilled;     /* slots before this one are in the arena */
  char *h1__arena;
  size_t h1__arena_cap;
  size_t h1__arena_len;
  uint64_t h1__remaining;    /* body bytes left (CL or chunk) */
  uint64_t h1__header_nread; /* Node's header byte count */
  uint64_t h1__ext_nread;    /* Node's chunk-extension byte count */
  uint32_t h1__flags;
  uint16_t h1__state;
  uint8_t h1__header_state;
  uint8_t h1__index;  /* position inside a matched constant */
  uint8_t h1__conn;   /* which Connection token is being matched */
  uint8_t h1__finish; /* llhttp's finish: 0 safe, 1 at EOF, 2 unsafe */
  uint8_t h1__upgrade;
  uint8_t h1__stop;      /* parsing stops after this message (upgrade, 101) */
  uint8_t h1__span_kind; /* 1 url, 2 reason, 3 name, 4 value, 5 chunk ext */
  uint8_t h1__mlen;
  char h1__mbuf[15];            /* a method split across calls */
  h1_errno h1__pending;         /* the error a span's end reports */
  struct h1_span *h1__tgt;      /* the span being filled */
  struct h1_header h1__scratch; /* the one line kept when checking only */
  size_t h1__fast_lines;  /* the field-line fast path stops at this many */
  uint32_t h1__max_lines; /* strict: head lines allowed (0: no limit) */
  uint32_t h1__nchecked;  /* strict, checking only: head lines so far */
} h1_parser;

/* Slots and arena sizes that cannot run out for a given max_header_size:
 * every header line costs at least one counted byte, headers and trailers
 * are counted separately. */
#define H1_SLOTS_FOR(max_header_size) (2u * (size_t)(max_header_size) + 2u)
#define H1_ARENA_FOR(max_header_size) (2u * (size_t)(max_header_size) + 64u)

/*
 * Prepares `p`.  `slots` (nslots entries) receives header and trailer lines;
 * `arena` (arena_cap bytes) receives the parts of heads that arrive split
 * across calls.  A message needing more slots or arena than given stops with
 * H1_E_SLOTS_FULL / H1_E_ARENA_FULL (never a truncation).  `settings` may be
 * NULL for a Node-profile request parser with defaults.  `slots` may be NULL
 * (with nslots 0) to check a message without keeping its lines: every line
 * is parsed and checked, msg.headers then holds at most the current one.
 * `arena` may be NULL (with arena_cap 0) when every head arrives in one
 * call.
 */
void h1_parser_init(h1_parser *p, const struct h1_settings *settings,
                    struct h1_header *slots, size_t nslots, char *arena,
                    size_t arena_cap);

/* Back to the state right after h1_parser_init(), same settings. */
void h1_parser_reset(h1_parser *p);

/*
 * Parses up to `len` bytes of `data` and stops at the first event.  Returns
 * the number of bytes consumed and fills `*ev`.  Call again with the rest.
 * H1_EV_NONE means every byte was consumed and more input is needed.
 * After any event but H1_EV_NONE, call h1_execute() again, even when every
 * byte has been consumed: an event may follow without any input (the
 * H1_EV_MESSAGE_END of a head without a body comes from a call with `len`
 * 0).  `data` may be NULL when `len` is 0.
 */
size_t h1_execute(h1_parser *p, const char *data, size_t len,
                  struct h1_event *ev);

/*
 * The peer closed its side.  Fills `*ev` with H1_EV_MESSAGE_END (a body that
 * runs to EOF is complete), H1_EV_NONE (nothing was pending) or H1_EV_ERROR
 * (HPE_INVALID_EOF_STATE: the input ended inside a head or a body that
 * needed more, or a deferred error).
 */
void h1_finish(h1_parser *p, struct h1_event *ev);

/* llhttp_should_keep_alive() as Node's binding reports it with the head
 * (before Node's answer to the head marks a response body as skipped). */
int h1_should_keep_alive(const h1_parser *p);

/* True while the current message has begun and is not complete. */
int h1_message_in_progress(const h1_parser *p);

/*
 * Copies the current head (url or reason, header names and values) into the
 * arena, so that the data it was parsed from may be reused while the body
 * streams.  Call after H1_EV_HEAD.  H1_E_OK, or H1_E_ARENA_FULL (nothing
 * is lost: the spans not copied keep pointing at the caller's data); an
 * arena of H1_ARENA_FOR(max_header_size) always suffices.
 */
h1_errno h1_parser_keep_head(h1_parser *p);

/* A response parser: the method of the request the next response answers
 * (a keep-alive client sends several).  Call between messages. */
void h1_parser_set_request_method(h1_parser *p, h1_method m);

/* Replaces the slot array and arena (same rules as h1_parser_init) between
 * messages: a driver may lend them to an idle connection only. */
void h1_parser_set_memory(h1_parser *p, struct h1_header *slots, size_t nslots,
                          char *arena, size_t arena_cap);

/* ------------------------------------------------------------------------
 * The message view: Node's IncomingMessage fields computed from spans.
 * ------------------------------------------------------------------------ */

/* Lower-cases ASCII A-Z of `n` bytes of `src` into `dst`. */
void h1_lower(char *dst, const char *src, size_t n);

/* Case-insensitive ASCII comparison of a span with a lower-case literal. */
int h1_span_ieq(struct h1_span s, const char *lower, size_t n);

/* How Node merges duplicates of a (lower-cased) field name. */
typedef enum h1_merge_rule {
  H1_MERGE_JOIN_COMMA = 0, /* joined with ", " */
  H1_MERGE_JOIN_SEMI,      /* cookie: joined with "; " */
  H1_MERGE_LIST,           /* set-cookie: always an array */
  H1_MERGE_DISCARD         /* the 18 names: first wins (joinDuplicateHeaders
                              makes them H1_MERGE_JOIN_COMMA) */
} h1_merge_rule;

h1_merge_rule h1_merge_rule_of(struct h1_span name);

/* Value trimmed of trailing SP/HTAB, as Node's binding presents it. */
struct h1_span h1_trim_value(struct h1_span v);

/*
 * Node's header selection: which of `n` raw lines reach `rawHeaders` and how
 * many of those are merged into `headers` (and `headersDistinct`).  Node's
 * binding hands lines to JavaScript in batches of 31 once a head has 32 or
 * more, and JavaScript stops collecting batches once it holds maxHeaderPairs
 * entries (two per line); `headers` then merges at most maxHeaderPairs / 2
 * lines.  `max_headers_count` is Node's maxHeadersCount option: negative when
 * it is not set (Node then keeps H1_NODE_DEFAULT_HEADER_PAIRS entries, that
 * is 1000 lines, not the documented 2000), 0 for no limit.  Trailers
 * (trailers=1) always go through the batches and are merged whole.
 */
#define H1_NODE_DEFAULT_HEADER_PAIRS 2000
void h1_node_header_counts(size_t n, int64_t max_headers_count, int trailers,
                           size_t *raw_count, size_t *merge_count);

struct h1_view_entry {
  struct h1_span key; /* lower-cased key, in the caller's buffer */
  h1_merge_rule rule;
  size_t first;          /* index of the first line with this key */
  size_t count;          /* lines with this key */
  struct h1_span joined; /* for JOIN rules: joined value in the caller's
                            buffer; for DISCARD: the first value */
};

/*
 * Builds Node's `headers` object from lines[0..n): keys in first-appearance
 * order, values trimmed of trailing OWS and merged.  A line named
 * `__proto__` is left out, as Node's plain-object `headers` loses it. `entries`
 * receives at most `max_entries` keys; `buf` receives lower-cased keys and
 * joined values.  Returns the number of keys, or (size_t)-1 if `entries` or
 * `buf` is too small, with *buf_needed set to the bytes required (entries
 * needed never exceed n).
 */
size_t h1_view_build(const struct h1_header *lines, size_t n,
                     int join_duplicate_headers, struct h1_view_entry *entries,
                     size_t max_entries, char *buf, size_t buf_len,
                     size_t *buf_needed);

#ifdef __cplusplus
}
#endif

#endif /* H1_H */
