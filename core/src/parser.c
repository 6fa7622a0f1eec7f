/*
 * parser.c -- the h1 engine's HTTP/1.x parser.
 *
 * One resumable state machine over caller buffers, in the style of nginx's
 * ngx_http_parse.c: the state lives in the parser struct, is loaded into
 * locals on entry and stored back on exit, and every state says in a comment
 * which bytes it accepts.  The graph and every error (code, sentence and byte
 * offset) follow llhttp 9.3.1 as built into Node 20, and Node's binding
 * (node_http_parser.cc) for the header-size and chunk-extension counters.
 *
 * Offsets are canonical: an input fed in pieces reports what the same input
 * fed in one piece reports.  (Node's binding counts header bytes whenever a
 * span is flushed, which it also does at the end of every read; h1 reports
 * the one-piece answer for every split.)
 *
 * Spans of a head point into the caller's data.  When a call ends inside a
 * head, every span of that head not yet in the arena is copied there, once;
 * later pieces of the span being scanned are appended to it.  Each byte is
 * therefore scanned once and copied at most once.
 */
#include "h1/h1.h"

#include <string.h>

#include "scan.h"
#include "tables.h"
#include "text.h"

/* The fast paths below (whole methods, the version, plain field lines) skip
 * states the byte-by-byte machine would go through with the same result.
 * H1_NO_FAST_PATHS leaves them out; fuzz/fuzz_twin.c compares an engine
 * built so (and with H1_NO_SIMD) against the normal one. */
#ifdef H1_NO_FAST_PATHS
#define H1__FAST 0
#else
#define H1__FAST 1
#endif

/* ------------------------------------------------------------------------
 * Tables: errors and methods
 * ------------------------------------------------------------------------ */

static const char *const h1__errno_names[] = {
#define H1__ERRNO_NAME(name, str, reason) str,
    H1_ERRNO_MAP(H1__ERRNO_NAME)
#undef H1__ERRNO_NAME
};

static const char *const h1__errno_reasons[] = {
#define H1__ERRNO_REASON(name, str, reason) reason,
    H1_ERRNO_MAP(H1__ERRNO_REASON)
#undef H1__ERRNO_REASON
};

const char *h1_errno_name(h1_errno e) {
  if ((unsigned)e >= (unsigned)H1_E__COUNT)
    return "H1_UNKNOWN";
  return h1__errno_names[e];
}

const char *h1_errno_reason(h1_errno e) {
  if ((unsigned)e >= (unsigned)H1_E__COUNT)
    return "Unknown error";
  return h1__errno_reasons[e];
}

struct h1__method_entry {
  const char *name;
  uint8_t len;
};

static const struct h1__method_entry h1__methods[] = {
    {"", 0},
#define H1__METHOD_ENTRY(name, str, node) {str, (uint8_t)(sizeof(str) - 1)},
    H1_METHOD_MAP(H1__METHOD_ENTRY)
#undef H1__METHOD_ENTRY
};

#define H1__NMETHODS ((int)(sizeof(h1__methods) / sizeof(h1__methods[0])))
#define H1__METHOD_MAX_LEN 13

const char *h1_method_name(h1_method m) {
  if ((int)m <= 0 || (int)m >= H1__NMETHODS)
    return NULL;
  return h1__methods[m].name;
}

/* Exact lookup of a method name; H1_METHOD_NONE if it is none.  ("GET " and
 * "POST " never get here: S_REQ_METHOD matches them first.) */
static h1_method h1__method_lookup(const char *s, size_t n) {
  int i;
  for (i = 1; i < H1__NMETHODS; i++) {
    if (h1__methods[i].len == n && h1__methods[i].name[0] == s[0] &&
        memcmp(h1__methods[i].name, s, n) == 0)
      return (h1_method)i;
  }
  return H1_METHOD_NONE;
}

/* True if some method name starts with s[0..n). */
static int h1__method_prefix(const char *s, size_t n) {
  int i;
  for (i = 1; i < H1__NMETHODS; i++) {
    if (h1__methods[i].len >= n && memcmp(h1__methods[i].name, s, n) == 0)
      return 1;
  }
  return 0;
}

/* llhttp's protocol tables: which methods each protocol admits. */
static int h1__method_is_rtsp(h1_method m) {
  switch (m) {
  case H1_METHOD_OPTIONS:
  case H1_METHOD_GET:
  case H1_METHOD_POST:
  case H1_METHOD_DESCRIBE:
  case H1_METHOD_ANNOUNCE:
  case H1_METHOD_SETUP:
  case H1_METHOD_PLAY:
  case H1_METHOD_PAUSE:
  case H1_METHOD_TEARDOWN:
  case H1_METHOD_GET_PARAMETER:
  case H1_METHOD_SET_PARAMETER:
  case H1_METHOD_REDIRECT:
  case H1_METHOD_RECORD:
  case H1_METHOD_FLUSH:
    return 1;
  default:
    return 0;
  }
}

static int h1__method_is_http(h1_method m) {
  return m != H1_METHOD_NONE &&
         (m <= H1_METHOD_UNSUBSCRIBE || m == H1_METHOD_PRI);
}

/* ------------------------------------------------------------------------
 * States
 * ------------------------------------------------------------------------ */

enum h1__state {
  S_START = 0,         /* CR/LF skipped; anything else begins a message */
  S_REQ_METHOD,        /* method bytes, matched against the method table */
  S_REQ_FIRST_SPACE,   /* SP after the method */
  S_REQ_SPACES,        /* further SP before the target */
  S_URL_START,         /* '/' '*' begin a path, ALPHA a scheme */
  S_URL_SCHEMA,        /* ALPHA, then ':' */
  S_URL_SCHEMA_DELIM,  /* "//" */
  S_URL_SERVER,        /* authority bytes, '@' once between them */
  S_URL_SERVER_AT,     /* authority after '@' */
  S_URL_PATH,          /* path bytes 0x21..0x7E */
  S_URL_QUERY,         /* query bytes, '?' allowed */
  S_URL_FRAGMENT,      /* fragment bytes, '?' and '#' allowed */
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
  S_RES_PROTO,         /* "HTTP", "RTSP" or "ICE" */
  S_RES_AFTER_PROTO,   /* '/' */
  S_RES_MAJOR,         /* one digit */
  S_RES_DOT,           /* '.' */
  S_RES_MINOR,         /* one digit */
  S_RES_AFTER_VERSION, /* SP */
  S_RES_STATUS_1,      /* three digits */
  S_RES_STATUS_2,
  S_RES_STATUS_3,
  S_RES_STATUS_OTHER,        /* SP, CR or (lenient) LF after the status code */
  S_RES_STATUS_START,        /* opens the reason-phrase span */
  S_RES_STATUS,              /* reason phrase: any byte but CR and LF */
  S_RES_LINE_ALMOST,         /* LF after the status line's CR */
  S_HEADERS_START,           /* a SP here is a space after the start line */
  S_FIELD_START,             /* CR ends the section, else a field name starts */
  S_FIELD,                   /* tchar of a field name */
  S_FIELD_COLON_WS,          /* lenient: SP between a framing name and ':' */
  S_VALUE_DISCARD_WS,        /* OWS before a value */
  S_VALUE_DISCARD_WS_ALMOST, /* LF after a CR in the OWS */
  S_VALUE_DISCARD_LWS,       /* the line after an empty value */
  S_VALUE,                   /* field-value bytes */
  S_VALUE_LENIENT,           /* lenient: any byte until CR or LF */
  S_VALUE_ALMOST,            /* LF after a value's CR */
  S_VALUE_LWS,               /* SP/HTAB here is obs-fold */
  S_TE_CHUNKED,              /* "chunked" at the start of a coding */
  S_TE_CHUNKED_LAST,         /* SP, then CR/LF or ',' after "chunked" */
  S_TE_TOKEN,                /* another coding's bytes */
  S_TE_TOKEN_OWS,            /* OWS after ',' */
  S_CL,                      /* Content-Length digits */
  S_CL_WS,                   /* OWS after the digits */
  S_CONN,              /* a Connection token: close, upgrade, keep-alive */
  S_CONN_WS,           /* SP or ',' after a known token */
  S_CONN_TOKEN,        /* any other token */
  S_HEADERS_ALMOST,    /* LF ending the header section */
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
  S_CHUNK_DATA,        /* chunk bytes */
  S_CHUNK_DATA_ALMOST, /* CRLF after chunk data */
  S_BODY_IDENTITY,     /* Content-Length body bytes */
  S_BODY_EOF,          /* body bytes until the peer closes */
  S_MESSAGE_DONE,      /* pseudo: reports the end of the message */
  S_CLOSED,            /* after a non-persistent message: CR/LF only */
  S_UPGRADED,          /* the rest is another protocol */
  S_DEAD               /* an error was reported */
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

/* ------------------------------------------------------------------------
 * Init
 * ------------------------------------------------------------------------ */

/* The strict profile's head-line limit: the lines Node merges into
 * `headers` (h1_node_header_counts()).  Node's maxHeaderPairs is 2000
 * entries when maxHeadersCount is unset, else maxHeadersCount * 2 as a
 * 32-bit int, no limit when not positive; two entries per line.  0: no
 * limit. */
static uint32_t h1__strict_max_lines(uint32_t max_headers_count) {
  int64_t pairs;
  if (max_headers_count == 0)
    pairs = H1_NODE_DEFAULT_HEADER_PAIRS;
  else if (max_headers_count == H1_HEADERS_COUNT_UNLIMITED)
    return 0;
  else
    pairs = (int64_t)(int32_t)(max_headers_count * 2u);
  return pairs <= 0 ? 0 : (uint32_t)(pairs / 2);
}

void h1_parser_init(h1_parser *p, const struct h1_settings *settings,
                    struct h1_header *slots, size_t nslots, char *arena,
                    size_t arena_cap) {
  memset(p, 0, sizeof(*p));
  if (settings != NULL)
    p->h1__set = *settings;
  if (p->h1__set.max_header_size == 0)
    p->h1__set.max_header_size = H1_DEFAULT_MAX_HEADER_SIZE;
  p->h1__slots = slots;
  p->h1__nslots = nslots;
  if (slots == NULL) {
    /* checking only: every line is parsed and checked, none is kept */
    p->h1__slots = &p->h1__scratch;
    p->h1__nslots = 1;
  }
  p->h1__fast_lines = p->h1__nslots;
  if (p->h1__set.profile == H1_PROFILE_STRICT) {
    p->h1__max_lines = h1__strict_max_lines(p->h1__set.max_headers_count);
    if (p->h1__max_lines != 0 && p->h1__max_lines < p->h1__fast_lines)
      p->h1__fast_lines = p->h1__max_lines;
  }
  p->h1__arena = arena;
  p->h1__arena_cap = arena_cap;
  p->reason = h1__errno_reasons[H1_E_OK];
  p->h1__state = S_START;
  p->msg.headers = slots;
  p->msg.trailers = slots;
}

void h1_parser_reset(h1_parser *p) {
  struct h1_settings s = p->h1__set;
  int checking = p->h1__slots == &p->h1__scratch;
  h1_parser_init(p, &s, checking ? NULL : p->h1__slots,
                 checking ? 0 : p->h1__nslots, p->h1__arena, p->h1__arena_cap);
}

/* ------------------------------------------------------------------------
 * Keep-alive (llhttp_message_needs_eof / llhttp_should_keep_alive)
 * ------------------------------------------------------------------------ */

static inline int h1__needs_eof(const h1_parser *p, uint32_t flags) {
  unsigned status = p->msg.status;
  if (p->h1__set.type == H1_REQUEST)
    return 0;
  if (status / 100 == 1 || status == 204 || status == 304 ||
      (flags & H1_F_SKIPBODY))
    return 0;
  if ((flags & H1_F_TRANSFER_ENCODING) && (flags & H1_F_CHUNKED) == 0)
    return 1;
  if (flags & (H1_F_CHUNKED | H1_F_CONTENT_LENGTH))
    return 0;
  return 1;
}

static inline int h1__keep_alive(const h1_parser *p, uint32_t flags) {
  if (p->msg.version_major > 0 && p->msg.version_minor > 0) {
    if (flags & H1_F_CONNECTION_CLOSE)
      return 0;
  } else {
    if (!(flags & H1_F_CONNECTION_KEEP_ALIVE))
      return 0;
  }
  return !h1__needs_eof(p, flags);
}

int h1_should_keep_alive(const h1_parser *p) {
  return (p->msg.flags & H1_F_KEEP_ALIVE) != 0;
}

int h1_message_in_progress(const h1_parser *p) {
  return p->h1__finish == FINISH_UNSAFE || p->h1__finish == FINISH_SAFE_WITH_CB;
}

/* ------------------------------------------------------------------------
 * Spans and the arena
 * ------------------------------------------------------------------------ */

static int h1__in_arena(const h1_parser *p, const char *ptr) {
  return p->h1__arena != NULL && ptr >= p->h1__arena &&
         ptr < p->h1__arena + p->h1__arena_cap;
}

/* Appends n bytes to the arena; 0 on success. */
static int h1__arena_put(h1_parser *p, const char *src, size_t n,
                         char **where) {
  if (n > p->h1__arena_cap - p->h1__arena_len)
    return -1;
  *where = p->h1__arena + p->h1__arena_len;
  if (n != 0)
    memcpy(*where, src, n);
  p->h1__arena_len += n;
  return 0;
}

/* Moves a finished span into the arena unless it is there already. */
static int h1__spill_span(h1_parser *p, struct h1_span *s) {
  char *where;
  if (s->len == 0 || h1__in_arena(p, s->ptr))
    return 0;
  if (h1__arena_put(p, s->ptr, s->len, &where) != 0)
    return -1;
  s->ptr = where;
  return 0;
}

/* ------------------------------------------------------------------------
 * The machine
 * ------------------------------------------------------------------------ */

#define LENIENT(flag) (P->h1__set.lenient & (flag))
#define STRICT_PROFILE (P->h1__set.profile == H1_PROFILE_STRICT)

static int h1__span_close(h1_parser *P, uint32_t *flags,
                          const unsigned char *mark, const unsigned char *q);
static int h1__spill(h1_parser *P, uint32_t *flags, const unsigned char *mark,
                     const unsigned char *end);
static int h1__spill_done(h1_parser *P, unsigned open);

/* llhttp's SPECIAL_HEADERS: the names whose values frame the message. */
static uint8_t h1__special_header(struct h1_span head, struct h1_span tail) {
  switch (head.len + tail.len) {
  case 7:
    return h1__ieq_split(head, tail, "upgrade", 7) ? HS_UPGRADE : HS_GENERAL;
  case 10:
    return h1__ieq_split(head, tail, "connection", 10) ? HS_CONNECTION
                                                       : HS_GENERAL;
  case 14:
    return h1__ieq_split(head, tail, "content-length", 14) ? HS_CONTENT_LENGTH
                                                           : HS_GENERAL;
  case 16:
    return h1__ieq_split(head, tail, "proxy-connection", 16) ? HS_CONNECTION
                                                             : HS_GENERAL;
  case 17:
    return h1__ieq_split(head, tail, "transfer-encoding", 17)
               ? HS_TRANSFER_ENCODING
               : HS_GENERAL;
  default:
    return HS_GENERAL;
  }
}

/* h1__special_header for a name in one piece.  Its bytes are tchars (the
 * scan that ended it guarantees this), plus SP under H1_LENIENT_HEADERS.
 * ORing 0x20 into such a byte gives a lower-case letter only for that
 * letter in either case, and '-' only for '-' (0x0D, the other byte that
 * becomes '-', is neither), so eight bytes compare at once.  Names of 4 to
 * 16 bytes: two overlapping words cover each. */
static uint64_t h1__load8(const unsigned char *s) {
  uint64_t w;
  memcpy(&w, s, 8);
  return w | 0x2020202020202020u;
}
static int h1__name_is(const unsigned char *s, size_t n, const char *lower) {
  if (n < 8) { /* 4 to 7 bytes */
    uint32_t a, b, la, lb;
    memcpy(&a, s, 4);
    memcpy(&b, s + n - 4, 4);
    memcpy(&la, lower, 4);
    memcpy(&lb, lower + n - 4, 4);
    return ((a | 0x20202020u) == la) && ((b | 0x20202020u) == lb);
  } else {
    uint64_t la, lb;
    memcpy(&la, lower, 8);
    memcpy(&lb, lower + n - 8, 8);
    return (h1__load8(s) == la) && (h1__load8(s + n - 8) == lb);
  }
}
static uint8_t h1__special_name(const unsigned char *s, size_t n) {
  switch (n) {
  case 7:
    return h1__name_is(s, 7, "upgrade") ? HS_UPGRADE : HS_GENERAL;
  case 10:
    return h1__name_is(s, 10, "connection") ? HS_CONNECTION : HS_GENERAL;
  case 14:
    return h1__name_is(s, 14, "content-length") ? HS_CONTENT_LENGTH
                                                : HS_GENERAL;
  case 16:
    return h1__name_is(s, 16, "proxy-connection") ? HS_CONNECTION : HS_GENERAL;
  case 17:
    /* "transfer-encoding": 8 + 8 + the last byte */
    return (h1__name_is(s, 16, "transfer-encodin") && (s[16] | 0x20) == 'g')
               ? HS_TRANSFER_ENCODING
               : HS_GENERAL;
  default:
    return HS_GENERAL;
  }
}

/* Node's continueExpression, /(?:^|\W)100-continue(?:\W|$)/i, on a value.
 * text.h's h1__has_word is the same test; calling it from here costs the
 * head loop 2 to 17 instructions per message (ci/bench --instructions), by
 * register allocation alone, so the parser keeps its own. */
static int h1__continue_word(struct h1_span v) {
  size_t i;
  for (i = 0; i + 12 <= v.len; i++) {
    struct h1_span w;
    unsigned char before = i ? (unsigned char)v.ptr[i - 1] : ' ';
    unsigned char after = i + 12 < v.len ? (unsigned char)v.ptr[i + 12] : ' ';
    w.ptr = v.ptr + i;
    w.len = 12;
    if (H1__IS_ALPHA(before) || H1__IS_DIGIT(before) || before == '_' ||
        H1__IS_ALPHA(after) || H1__IS_DIGIT(after) || after == '_')
      continue;
    if (h1_span_ieq(w, "100-continue", 12))
      return 1;
  }
  return 0;
}

/* The authority of an absolute-form target (`scheme://authority...`), or,
 * with `connect`, CONNECT's authority-form target; userinfo included.  0
 * when the target has none. */
static int h1__target_authority(const h1_parser *P, int connect,
                                struct h1_span *auth) {
  struct h1_span u = P->msg.url;
  size_t i;
  if (connect && P->msg.method == H1_METHOD_CONNECT) {
    *auth = u;
    return 1;
  }
  for (i = 0; i < u.len && H1__IS_ALPHA((unsigned char)u.ptr[i]); i++)
    ;
  if (i == 0 || u.len - i < 3 || memcmp(u.ptr + i, "://", 3) != 0)
    return 0; /* not absolute-form */
  auth->ptr = u.ptr + i + 3;
  for (auth->len = 0; i + 3 + auth->len < u.len; auth->len++) {
    char c = auth->ptr[auth->len];
    if (c == '/' || c == '?' || c == '#')
      break;
  }
  return 1;
}

/* Whether an authority, its userinfo dropped, is the Host value `host`
 * (case-insensitively). */
static int h1__same_authority(struct h1_span auth, struct h1_span host) {
  size_t i;
  for (i = auth.len; i > 0; i--) {
    if (auth.ptr[i - 1] == '@') {
      auth.ptr += i;
      auth.len -= i;
      break;
    }
  }
  if (host.len != auth.len)
    return 0;
  for (i = 0; i < host.len; i++) {
    if (H1__LOWER((unsigned char)host.ptr[i]) !=
        H1__LOWER((unsigned char)auth.ptr[i]))
      return 0;
  }
  return 1;
}

/* An absolute-form target whose authority is not the Host field's value
 * (case-insensitively; userinfo dropped): the cache-poisoning and routing
 * hazard of the checklist's rule 13.  Node ignores it; h1 reports it in
 * msg.flags for the application to act on (the strict profile rejects it:
 * h1__strict_field). */
static int h1__authority_mismatch(const h1_parser *P) {
  struct h1_span auth;
  size_t i, n = P->msg.num_headers;
  if (P->h1__set.type != H1_REQUEST || P->h1__slots == &P->h1__scratch ||
      !h1__target_authority(P, 0, &auth))
    return 0;
  for (i = 0; i < n; i++) {
    if (P->h1__slots[i].name.len == 4 &&
        h1_span_ieq(P->h1__slots[i].name, "host", 4))
      return !h1__same_authority(auth, h1_trim_value(P->h1__slots[i].value));
  }
  return 1;
}

/* ------------------------------------------------------------------------
 * The strict profile's rules (each listed in the README's profile section
 * with the smuggling class it closes)
 * ------------------------------------------------------------------------ */

/* The rules run outside the node profile's path: out of line, so that the
 * machine's code and registers stay as they are without them. */
#if defined(__GNUC__) || defined(__clang__)
#define H1__STRICT_RULE __attribute__((noinline, cold))
#else
#define H1__STRICT_RULE
#endif

static const char h1__too_many_lines[] =
    "More header lines than maxHeadersCount (Node would drop some)";
static const char h1__trailer_field[] =
    "Framing or routing field (Content-Length, Transfer-Encoding, Host) in "
    "trailers";

/* Host = uri-host [ ":" port ] (RFC 9110 7.2), uri-host narrowed to what
 * names a host: a DNS-style name (ALPHA DIGIT - . _ ~) or an IP literal in
 * brackets.  No userinfo, path, backslash, sub-delims or pct-encoding, which
 * hops split or decode differently.  Empty is allowed (RFC 9112 3.2). */
static int h1__host_ok(struct h1_span v) {
  const unsigned char *s = (const unsigned char *)v.ptr;
  size_t i = 0, port;
  if (v.len > 0 && s[0] == '[') {
    for (i = 1; i < v.len &&
                ((h1__cls[s[i]] & H1__C_HEX) || s[i] == ':' || s[i] == '.');
         i++)
      ;
    if (i == 1 || i == v.len || s[i] != ']')
      return 0;
    i++;
  } else {
    for (; i < v.len &&
           (H1__IS_ALPHA(s[i]) || H1__IS_DIGIT(s[i]) || s[i] == '-' ||
            s[i] == '.' || s[i] == '_' || s[i] == '~');
         i++)
      ;
  }
  if (i == v.len)
    return 1;
  if (i == 0 || s[i] != ':')
    return 0;
  port = ++i;
  while (i < v.len && H1__IS_DIGIT(s[i]))
    i++;
  return i == v.len && i - port <= 5;
}

/* Connection and Proxy-Connection = #token (RFC 9110 7.6.1).  Every member,
 * OWS trimmed, must be a token (a hop that splits on SP reads `close foo`
 * differently); none may name a framing or routing field (a hop that
 * honours it drops that field: CVE-2022-45059); `close` means close however
 * it is padded (llhttp 9.3.1 misses it before an HTAB, 9.4.2 does not).
 * `upgrade` before an HTAB, which 9.3.1 misses too, is noted for
 * h1__strict_head.  (`keep-alive` so padded is left unseen, as in Node:
 * the connection then closes, which no hop can smuggle through.)  `v` keeps
 * its trailing OWS. */
static const char *h1__strict_connection(struct h1_span v, uint32_t *flags) {
  const unsigned char *s = (const unsigned char *)v.ptr;
  size_t i = 0;
  while (i <= v.len) {
    struct h1_span t;
    int htab = 0;
    while (i < v.len && (s[i] == ' ' || s[i] == '\t'))
      i++;
    t.ptr = (const char *)s + i;
    while (i < v.len && (h1__cls[s[i]] & H1__C_TOKEN))
      i++;
    t.len = (size_t)((const char *)s + i - t.ptr);
    for (; i < v.len && (s[i] == ' ' || s[i] == '\t'); i++)
      htab |= s[i] == '\t';
    if (i < v.len && s[i] != ',')
      return "Invalid Connection header value (not a list of tokens)";
    i++;
    if (h1_span_ieq(t, "content-length", 14) ||
        h1_span_ieq(t, "transfer-encoding", 17) || h1_span_ieq(t, "host", 4))
      return "Connection option names a framing or routing field";
    if (h1_span_ieq(t, "close", 5))
      *flags |= H1_F_CONNECTION_CLOSE;
    else if (htab && h1_span_ieq(t, "upgrade", 7))
      *flags |= F_UPGRADE_HTAB;
  }
  return NULL;
}

/* The checks of one complete field line (the whole value, also when split
 * across calls or, under H1_LENIENT_HEADERS, folded).  Returns the reason
 * of a rejection (its code in *code, HPE_STRICT unless set) or NULL. */
H1__STRICT_RULE
static const char *h1__strict_field(h1_parser *P, uint32_t *flags,
                                    h1_errno *code) {
  const struct h1_header *h = &P->h1__slots[P->h1__nlines - 1];
  struct h1_span v = h1_trim_value(h->value), auth;
  int trailing = (*flags & H1_F_TRAILING) != 0;
  int req = P->h1__set.type == H1_REQUEST;
  switch (h->name.len) {
  case 4:
    if (!h1_span_ieq(h->name, "host", 4))
      return NULL;
    if (trailing)
      return h1__trailer_field;
    if (!req)
      return NULL;
    if (!h1__host_ok(v))
      return "Invalid Host header value (not host[:port])";
    if (h1__target_authority(P, 0, &auth) && !h1__same_authority(auth, v))
      return "Request target authority differs from Host";
    return NULL;
  case 6:
    if (!req || trailing || !h1_span_ieq(h->name, "expect", 6))
      return NULL;
    if (*flags & F_EXPECT_LINE)
      return "More than one Expect line";
    *flags |= F_EXPECT_LINE;
    return NULL;
  case 10:
  case 16:
    if (h1_span_ieq(h->name, "connection", 10) ||
        h1_span_ieq(h->name, "proxy-connection", 16))
      return h1__strict_connection(h->value, flags);
    return NULL;
  case 14:
    return trailing && h1_span_ieq(h->name, "content-length", 14)
               ? h1__trailer_field
               : NULL;
  case 17:
    if (!h1_span_ieq(h->name, "transfer-encoding", 17))
      return NULL;
    if (trailing)
      return h1__trailer_field;
    *code = H1_E_INVALID_TRANSFER_ENCODING;
    if (req && P->msg.version_major == 1 && P->msg.version_minor == 0)
      return "Transfer-Encoding on an HTTP/1.0 request";
    if (P->h1__set.lenient & H1_LENIENT_TRANSFER_ENCODING)
      return NULL; /* the caller accepts TE.TE */
    if (*flags & F_TE_SEEN)
      return "More than one Transfer-Encoding line";
    *flags |= F_TE_SEEN;
    if (!h1_span_ieq(v, "chunked", 7))
      return "Transfer-Encoding other than chunked";
    return NULL;
  default:
    return NULL;
  }
}

/* The checks of a complete head (requests only), before it is
 * dispatched. */
H1__STRICT_RULE
static const char *h1__strict_head(h1_parser *P, uint32_t flags) {
  struct h1_span auth;
  h1_method m = P->msg.method;
  int body = (flags & H1_F_TRANSFER_ENCODING) ||
             ((flags & H1_F_CONTENT_LENGTH) && P->msg.content_length > 0);
  P->h1__nchecked = 0; /* the next head's count (checking only) */
  if (P->h1__set.type != H1_REQUEST)
    return NULL;
  if (h1__target_authority(P, 1, &auth) && auth.len != 0 &&
      memchr(auth.ptr, '@', auth.len) != NULL)
    return "Userinfo in the request target";
  if (!(flags & F_HOST_SEEN) && h1__target_authority(P, 0, &auth))
    return "Absolute-form request target and no Host";
  if ((flags & F_UPGRADE_HTAB) && (flags & H1_F_UPGRADE) &&
      !(flags & H1_F_CONNECTION_UPGRADE))
    return "Upgrade with `Connection: upgrade` before an HTAB (unseen by "
           "llhttp 9.3.1)";
  if (!body)
    return NULL;
  if (m == H1_METHOD_GET || m == H1_METHOD_HEAD || m == H1_METHOD_TRACE ||
      m == H1_METHOD_CONNECT ||
      ((m == H1_METHOD_DELETE || m == H1_METHOD_OPTIONS) &&
       !(P->h1__set.lenient & H1_LENIENT_DELETE_OPTIONS_BODY)))
    return "Body on a GET, HEAD, DELETE, OPTIONS, TRACE or CONNECT request";
  if (flags & H1_F_UPGRADE)
    return "Body on an Upgrade request";
  return NULL;
}

/* How many bytes from p match `lower` (a NUL-terminated lower-case literal)
 * case-insensitively, stopping at the end of data or of the literal. */
static size_t h1__match_lower(const unsigned char *p, const unsigned char *end,
                              const char *lower) {
  size_t k = 0;
  while (p + k < end && lower[k] != '\0' &&
         H1__LOWER(p[k]) == (unsigned char)lower[k])
    k++;
  return k;
}

/* Whether the whole Connection token `which` (close, upgrade, keep-alive)
 * is at p, case-insensitively: what h1__match_lower finds byte by byte, a
 * word at a time.  Letters compare ORed with 0x20 (exact for a letter: only
 * its two cases give it), '-' exactly (0x0D | 0x20 is '-' too: the
 * CVE-2020-8201 trap). */
static int h1__conn_token(const unsigned char *p, const unsigned char *end,
                          unsigned which) {
  uint32_t a, b;
  switch (which) {
  case 0:
    if (end - p < 5)
      return 0;
    memcpy(&a, p, 4);
    memcpy(&b, "clos", 4);
    return (a | 0x20202020u) == b && (p[4] | 0x20) == 'e';
  case 1:
    if (end - p < 7)
      return 0;
    memcpy(&a, p, 4);
    memcpy(&b, "upgr", 4);
    if ((a | 0x20202020u) != b)
      return 0;
    memcpy(&a, p + 3, 4);
    memcpy(&b, "rade", 4);
    return (a | 0x20202020u) == b;
  default: {
    static const unsigned char m8[8] = {0x20, 0x20, 0x20, 0x20,
                                        0,    0x20, 0x20, 0x20};
    uint64_t w, l, m;
    if (end - p < 10)
      return 0;
    memcpy(&w, p, 8);
    memcpy(&l, "keep-ali", 8);
    memcpy(&m, m8, 8);
    return (w | m) == l && (p[8] | 0x20) == 'v' && (p[9] | 0x20) == 'e';
  }
  }
}

/* Whether the 10 bytes at p are "HTTP/1.1\r\n" or "HTTP/1.0\r\n". */
static int h1__http1x_crlf(const unsigned char *p) {
  uint64_t w, v11, v10;
  uint16_t t, crlf;
  memcpy(&w, p, 8);
  memcpy(&v11, "HTTP/1.1", 8);
  memcpy(&v10, "HTTP/1.0", 8);
  memcpy(&t, p + 8, 2);
  memcpy(&crlf, "\r\n", 2);
  return (w == v11 || w == v10) && t == crlf;
}

/*
 * Fast path over whole field lines at the start of a line: each
 * `name: value CRLF` whose next line is no obs-fold, with
 * - a name that frames nothing (and is no Expect, nor Host in the strict
 *   profile) and a plain, non-empty value;
 * - or Content-Length, the first of the message's framing headers, with 1
 *   to 19 digits (no overflow) and nothing else;
 * - or Connection / Proxy-Connection with exactly one of close, upgrade,
 *   keep-alive;
 * is stored as the states S_FIELD_START ... S_VALUE_LWS would store it, with
 * the same header byte count and the same message flags.  Stops at the
 * first line it does not take (or out of data, or of slots) and returns
 * where that line begins; the states go on from there.
 */
static const unsigned char *h1__fast_fields(h1_parser *P,
                                            const unsigned char *p,
                                            const unsigned char *end,
                                            uint32_t *flags) {
  const int strict = P->h1__set.profile == H1_PROFILE_STRICT;
  const uint64_t max = P->h1__set.max_header_size;
  while (P->h1__nlines < P->h1__fast_lines) {
    const unsigned char *e = h1__scan_token(p, end), *v, *ve;
    size_t n = (size_t)(e - p);
    uint32_t set = 0;
    uint64_t cl = 0;
    struct h1_header *h;
    if (e == end || *e != ':' || n == 0 ||
        (n == 6 && h1__name_is(p, 6, "expect")) ||
        (n == 4 && strict && h1__name_is(p, 4, "host")))
      break;
    v = e + 1;
    while (v < end && (*v == ' ' || *v == '\t'))
      v++;
    if (v == end || !(h1__cls[*v] & H1__C_HEADER))
      break; /* an empty value, a bad byte, or out of data */
    switch (h1__special_name(p, n)) {
    case HS_GENERAL:
      ve = h1__scan_value(v, end);
      break;
    case HS_CONTENT_LENGTH:
      if (*flags & (H1_F_CONTENT_LENGTH | H1_F_TRANSFER_ENCODING))
        return p;
      for (ve = v; ve < end && ve - v < 19 && H1__IS_DIGIT(*ve); ve++)
        cl = cl * 10 + (uint64_t)(*ve - '0');
      if (ve == v)
        return p;
      set = H1_F_CONTENT_LENGTH;
      break;
    case HS_CONNECTION: {
      unsigned lc = H1__LOWER(*v);
      unsigned which = lc == 'c' ? 0 : lc == 'u' ? 1 : lc == 'k' ? 2 : 3;
      static const uint8_t toklen[3] = {5, 7, 10};
      static const uint32_t tokflag[3] = {H1_F_CONNECTION_CLOSE,
                                          H1_F_CONNECTION_UPGRADE,
                                          H1_F_CONNECTION_KEEP_ALIVE};
      if (which == 3 || !h1__conn_token(v, end, which))
        return p;
      ve = v + toklen[which];
      set = tokflag[which];
      break;
    }
    default:
      return p; /* Transfer-Encoding, Upgrade */
    }
    if (end - ve < 3 || ve[0] != '\r' || ve[1] != '\n' || ve[2] == ' ' ||
        ve[2] == '\t' || P->h1__header_nread + n + (size_t)(ve - v) >= max)
      break;
    h = &P->h1__slots[P->h1__nlines++];
    h->name.ptr = (const char *)p;
    h->name.len = n;
    h->value.ptr = (const char *)v;
    h->value.len = (size_t)(ve - v);
    P->h1__header_nread += n + (size_t)(ve - v);
    if (set != 0) {
      if (set == H1_F_CONTENT_LENGTH)
        P->msg.content_length = cl;
      *flags |= set;
    }
    p = ve + 2;
    if (!(h1__cls[*p] & H1__C_TOKEN))
      break;
  }
  return p;
}

/* on_message_complete, then llhttp's cleanup / after_message_complete:
 * the MESSAGE_END event and the state after it. */
/* msg.flags at MESSAGE_END, however the message ended: the head's own
 * flags kept, the framing flags as they are now. */
static uint32_t h1__end_flags(const h1_parser *P, uint32_t flags) {
  return (P->msg.flags & (H1_F_KEEP_ALIVE | H1_F_IS_UPGRADE |
                          H1_F_EXPECT_CONTINUE | H1_F_AUTHORITY_MISMATCH)) |
         (flags & 0xffffu);
}

static void h1__message_end(h1_parser *P, unsigned *state, uint32_t *flags,
                            struct h1_event *ev) {
  P->messages++;
  P->head_complete = 0;
  P->msg.flags = h1__end_flags(P, *flags);
  ev->type = H1_EV_MESSAGE_END;
  if (P->h1__upgrade || P->h1__stop) {
    *state = S_UPGRADED;
  } else {
    int keep = h1__keep_alive(P, *flags);
    P->h1__finish = FINISH_SAFE;
    if (keep || (P->h1__set.lenient & H1_LENIENT_KEEP_ALIVE))
      *state = S_START;
    else
      *state = S_CLOSED;
    *flags = 0;
  }
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static size_t
h1__execute(h1_parser *P, const char *data, size_t len, struct h1_event *ev);

/* The MESSAGE_END that follows a bodiless head is reported without entering
 * the machine (whose entry saves every register it uses). */
size_t h1_execute(h1_parser *P, const char *data, size_t len,
                  struct h1_event *ev) {
  if (P->h1__state == S_MESSAGE_DONE) {
    unsigned state = S_MESSAGE_DONE;
    uint32_t flags = P->h1__flags;
    ev->data.ptr = NULL;
    ev->data.len = 0;
    h1__message_end(P, &state, &flags, ev);
    P->h1__state = (uint16_t)state;
    P->h1__flags = flags;
    return 0;
  }
  return h1__execute(P, data, len, ev);
}

static size_t h1__execute(h1_parser *P, const char *data, size_t len,
                          struct h1_event *ev) {
  const unsigned char *p = (const unsigned char *)data;
  const unsigned char *const end = p + len;
  const unsigned char *mark = p; /* start of the open span's piece */
  unsigned state = P->h1__state;
  uint32_t flags = P->h1__flags;
  h1_errno err = H1_E_OK;
  const char *why = NULL;
  struct h1_span *sp;
  size_t consumed;
  unsigned c;

  ev->type = H1_EV_NONE;
  ev->data.ptr = NULL;
  ev->data.len = 0;

  if (state == S_DEAD) {
    ev->type = H1_EV_ERROR;
    return 0;
  }

/* Closes the open span at q.  A count at or past the limit fails the parse
 * (Node's TrackHeader runs when a span ends), at `resume`: llparse reports a
 * span callback's error where parsing would have resumed, q + 1 when the
 * span's end also consumes the byte, q when it does not. */
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
      err = P->h1__pending;                                                    \
      why = NULL;                                                              \
      p = (resume);                                                            \
      goto error;                                                              \
    }                                                                          \
  } while (0)
/* Goes on in state `st` at its label without a trip through the switch (when
 * a byte is left), else stops this call's loop.  A statement of its own. */
#define NEXT(st, label)                                                        \
  {                                                                            \
    state = (st);                                                              \
    if (p < end) {                                                             \
      c = *p;                                                                  \
      goto label;                                                              \
    }                                                                          \
    break;                                                                     \
  }
#define FAIL(code, sentence, q)                                                \
  do {                                                                         \
    err = (code);                                                              \
    why = (sentence);                                                          \
    p = (q);                                                                   \
    goto error;                                                                \
  } while (0)

  /* Pseudo-states that report without consuming (S_MESSAGE_DONE: in
   * h1_execute). */
  if (state == S_UPGRADED) {
    ev->type = H1_EV_UPGRADE;
    return 0;
  }

  while (p < end) {
    c = *p;
    switch (state) {

    case S_START:
      if (c == '\r' || c == '\n') {
        p++;
        break;
      }
      /* message begins */
      P->h1__finish = FINISH_UNSAFE;
      P->head_complete = 0;
      P->h1__arena_len = 0;
      P->h1__nlines = 0;
      P->h1__spilled = 0;
      P->h1__header_nread = 0;
      P->h1__mlen = 0;
      P->h1__upgrade = 0;
      P->h1__stop = 0;
      memset(&P->msg, 0, sizeof(P->msg));
      P->msg.headers = P->h1__slots;
      P->msg.trailers = P->h1__slots;
      flags = F_IN_SECTION;
      if (P->h1__set.type != H1_REQUEST) {
        P->h1__index = 0;
        state = S_RES_PROTO;
        break;
      }
      NEXT(S_REQ_METHOD, req_method);

      /* ---------------- request line ---------------- */

    case S_REQ_METHOD: {
    req_method:
      /* Fast paths: "GET " and "POST ", then any whole method and its SP. */
      if (H1__FAST && P->h1__mlen == 0 && end - p >= 5) {
        if (p[0] == 'G' && p[1] == 'E' && p[2] == 'T' && p[3] == ' ') {
          P->msg.method = H1_METHOD_GET;
          p += 4;
          NEXT(S_REQ_SPACES, req_spaces);
        }
        if (p[0] == 'P' && p[1] == 'O' && p[2] == 'S' && p[3] == 'T' &&
            p[4] == ' ') {
          P->msg.method = H1_METHOD_POST;
          p += 5;
          NEXT(S_REQ_SPACES, req_spaces);
        }
      }
      if (H1__FAST && P->h1__mlen == 0) {
        const unsigned char *q = p;
        while (q < end && q - p <= H1__METHOD_MAX_LEN && *q != ' ')
          q++;
        if (q < end && *q == ' ') {
          h1_method m = h1__method_lookup((const char *)p, (size_t)(q - p));
          if (m != H1_METHOD_NONE) {
            P->msg.method = m;
            p = q + 1;
            NEXT(S_REQ_SPACES, req_spaces);
          }
        }
      }
      /* Byte by byte: llparse's trie select, longest match. */
      if (P->h1__mlen < H1__METHOD_MAX_LEN) {
        P->h1__mbuf[P->h1__mlen] = (char)c;
        if (h1__method_prefix(P->h1__mbuf, (size_t)P->h1__mlen + 1)) {
          P->h1__mlen++;
          p++;
          break;
        }
      }
      {
        h1_method m = P->h1__mlen ? h1__method_lookup(P->h1__mbuf, P->h1__mlen)
                                  : H1_METHOD_NONE;
        if (m == H1_METHOD_NONE)
          FAIL(H1_E_INVALID_METHOD, "Invalid method encountered", p);
        P->msg.method = m;
        state = S_REQ_FIRST_SPACE;
      }
      break;
    }

    case S_REQ_FIRST_SPACE:
      if (c != ' ')
        FAIL(H1_E_INVALID_METHOD, "Expected space after method", p);
      p++;
      state = S_REQ_SPACES;
      break;

    case S_REQ_SPACES:
    req_spaces:
      if (c == ' ') {
        p++;
        break;
      }
      if (H1__FAST && c == '/' && P->msg.method != H1_METHOD_CONNECT) {
        /* Fast path: an origin-form target (path, then query) ended by SP,
         * as S_URL_PATH and S_URL_QUERY accept it and url_end closes it. */
        const unsigned char *q = h1__scan_path(p + 1, end);
        while (q < end && *q == '?')
          q = h1__scan_path(q + 1, end);
        if (q < end && *q == ' ' &&
            P->h1__header_nread + (size_t)(q - p) <
                P->h1__set.max_header_size) {
          P->msg.url.ptr = (const char *)p;
          P->msg.url.len = (size_t)(q - p);
          P->h1__header_nread += (size_t)(q - p);
          p = q + 1;
          NEXT(S_URL_TO_HTTP, to_http);
        }
      }
      P->msg.url.ptr = (const char *)p;
      P->msg.url.len = 0;
      P->h1__span_kind = 1;
      P->h1__tgt = &P->msg.url;
      flags |= F_SPAN_OPEN;
      flags &= ~(F_SPAN_ARENA | F_SPAN_LOST);
      mark = p;
      if (P->msg.method == H1_METHOD_CONNECT) {
        state = S_URL_SERVER;
        break;
      }
      if (c == '/') { /* S_URL_START's common case */
        p++;
        NEXT(S_URL_PATH, url_path);
      }
      state = S_URL_START;
      break;

    case S_URL_START:
      if (c == '/' || c == '*') {
        p++;
        state = S_URL_PATH;
      } else if (H1__IS_ALPHA(c)) {
        state = S_URL_SCHEMA;
      } else if (c == ' ' || c == '\r' || c == '\n' || c == '\t' || c == '\f') {
        FAIL(H1_E_INVALID_URL, "Invalid characters in url", p + 1);
      } else {
        FAIL(H1_E_INVALID_URL, "Unexpected start char in url", p);
      }
      break;

    case S_URL_SCHEMA:
      if (H1__IS_ALPHA(c)) {
        p++;
      } else if (c == ':') {
        p++;
        P->h1__index = 0;
        state = S_URL_SCHEMA_DELIM;
      } else if (c == ' ' || c == '\r' || c == '\n' || c == '\t' || c == '\f') {
        FAIL(H1_E_INVALID_URL, "Invalid characters in url", p + 1);
      } else {
        FAIL(H1_E_INVALID_URL, "Unexpected char in url schema", p);
      }
      break;

    case S_URL_SCHEMA_DELIM:
      if (c == '/') {
        p++;
        if (++P->h1__index == 2)
          state = S_URL_SERVER;
      } else if (P->h1__index == 0 && (c == ' ' || c == '\r' || c == '\n' ||
                                       c == '\t' || c == '\f')) {
        FAIL(H1_E_INVALID_URL, "Invalid characters in url", p + 1);
      } else {
        FAIL(H1_E_INVALID_URL, "Unexpected char in url schema", p);
      }
      break;

    case S_URL_SERVER:
    case S_URL_SERVER_AT:
      if (h1__cls[c] & H1__C_SERVER) {
        p++;
        state = S_URL_SERVER;
      } else if (c == '/') {
        p++;
        state = S_URL_PATH;
      } else if (c == '?') {
        p++;
        state = S_URL_QUERY;
      } else if (c == '@') {
        if (state == S_URL_SERVER_AT)
          FAIL(H1_E_INVALID_URL, "Double @ in url", p + 1);
        p++;
        state = S_URL_SERVER_AT;
      } else {
        goto url_end;
      }
      break;

    case S_URL_PATH:
    url_path:
      p = h1__scan_path(p, end);
      if (p == end)
        break;
      c = *p;
      if (c == '?') {
        p++;
        state = S_URL_QUERY;
        break;
      }
      if (c == '#') {
        p++;
        state = S_URL_FRAGMENT;
        break;
      }
      goto url_end;

    case S_URL_QUERY:
      while (p < end && ((h1__cls[*p] & H1__C_PATH) || *p == '?'))
        p++;
      if (p == end)
        break;
      c = *p;
      if (c == '#') {
        p++;
        state = S_URL_FRAGMENT;
        break;
      }
      goto url_end;

    case S_URL_FRAGMENT:
      while (p < end && ((h1__cls[*p] & H1__C_PATH) || *p == '?' || *p == '#'))
        p++;
      if (p == end)
        break;
      c = *p;
      goto url_end;

    url_end:
      /* SP, CR, LF end the target; HTAB/FF are invalid; anything else is a
       * bad character of the current component. */
      if (c == ' ') {
        SPAN_CLOSE(p, p);
        p++;
        NEXT(S_URL_TO_HTTP, to_http);
      } else if (c == '\r') {
        SPAN_CLOSE(p, p);
        p++;
        state = S_URL_SKIP_LF;
      } else if (c == '\n') {
        SPAN_CLOSE(p, p);
        p++;
        state = S_URL_TO_HTTP09;
      } else if (c == '\t' || c == '\f') {
        FAIL(H1_E_INVALID_URL, "Invalid characters in url", p + 1);
      } else if (state == S_URL_PATH) {
        FAIL(H1_E_INVALID_URL, "Invalid char in url path", p);
      } else if (state == S_URL_QUERY) {
        FAIL(H1_E_INVALID_URL, "Invalid char in url query", p);
      } else if (state == S_URL_FRAGMENT) {
        FAIL(H1_E_INVALID_URL, "Invalid char in url fragment start", p);
      } else {
        FAIL(H1_E_INVALID_URL, "Unexpected char in url server", p);
      }
      break;

    case S_URL_SKIP_LF:
      if (c != '\n')
        FAIL(H1_E_INVALID_URL, "Expected CRLF", p);
      p++;
      state = S_URL_TO_HTTP09;
      break;

    case S_URL_TO_HTTP:
    case S_URL_TO_HTTP09:
    to_http:
      /* llhttp's url_to_http nodes: HTAB and FF are still url errors */
      if (c == '\t' || c == '\f')
        FAIL(H1_E_INVALID_URL, "Invalid characters in url", p + 1);
      if (state == S_URL_TO_HTTP) {
        state = S_REQ_HTTP_START;
        goto req_http_start;
      }
      /* A version-less request line: HTTP/0.9, headers still parsed
       * (llhttp #877, reproduced in the node profile). */
      P->msg.version_major = 0;
      P->msg.version_minor = 9;
      if (STRICT_PROFILE)
        FAIL(H1_E_INVALID_VERSION, "Request line without a version (HTTP/0.9)",
             p);
      state = S_HEADERS_START;
      break;

    case S_REQ_HTTP_START:
    req_http_start:
      if (c == ' ') {
        p++;
        break;
      }
      /* Fast path: "HTTP/1.1" or "HTTP/1.0" and CRLF, for an HTTP method;
       * exactly what the byte-by-byte states below accept. */
      if (H1__FAST && end - p >= 10 && h1__http1x_crlf(p) &&
          h1__method_is_http(P->msg.method) && P->msg.method != H1_METHOD_PRI) {
        P->msg.version_major = 1;
        P->msg.version_minor = (uint8_t)(p[7] - '0');
        p += 10;
        NEXT(S_HEADERS_START, headers_start);
      }
      P->h1__index = 0;
      state = S_REQ_PROTO;
      /* fallthrough */
    case S_REQ_PROTO:
    case S_RES_PROTO: {
      /* "HTTP", "RTSP" or "ICE", one byte at a time (a trie). */
      static const char *const protos[3] = {"HTTP", "RTSP", "ICE"};
      unsigned i = P->h1__index, which;
      if (i == 0) {
        which = c == 'H' ? 0 : c == 'R' ? 1 : c == 'I' ? 2 : 3;
        if (which == 3)
          FAIL(H1_E_INVALID_CONSTANT, "Expected HTTP/, RTSP/ or ICE/", p);
        flags = (flags & ~(F_PROTO_RTSP | F_PROTO_ICE)) |
                (which == 1   ? F_PROTO_RTSP
                 : which == 2 ? F_PROTO_ICE
                              : 0);
      } else {
        which = (flags & F_PROTO_RTSP) ? 1 : (flags & F_PROTO_ICE) ? 2 : 0;
        if ((unsigned char)protos[which][i] != c)
          FAIL(H1_E_INVALID_CONSTANT, "Expected HTTP/, RTSP/ or ICE/", p);
      }
      p++;
      P->h1__index = (uint8_t)++i;
      if (protos[which][i] != '\0')
        break;
      if (state == S_RES_PROTO) {
        state = S_RES_AFTER_PROTO;
        break;
      }
      if (which == 0 && !h1__method_is_http(P->msg.method))
        FAIL(H1_E_INVALID_CONSTANT, "Invalid method for HTTP/x.x request", p);
      if (which == 1 && !h1__method_is_rtsp(P->msg.method))
        FAIL(H1_E_INVALID_CONSTANT, "Invalid method for RTSP/x.x request", p);
      if (which == 2 && P->msg.method != H1_METHOD_SOURCE)
        FAIL(H1_E_INVALID_CONSTANT,
             "Expected SOURCE method for ICE/x.x request", p);
      state = S_REQ_AFTER_PROTO;
      break;
    }

    case S_REQ_AFTER_PROTO:
    case S_RES_AFTER_PROTO:
      if (c != '/')
        FAIL(H1_E_INVALID_CONSTANT, "Expected HTTP/, RTSP/ or ICE/", p);
      p++;
      state = state == S_REQ_AFTER_PROTO ? S_REQ_MAJOR : S_RES_MAJOR;
      break;

    case S_REQ_MAJOR:
    case S_RES_MAJOR:
      if (!H1__IS_DIGIT(c))
        FAIL(H1_E_INVALID_VERSION, "Invalid major version", p);
      P->msg.version_major = (uint8_t)(c - '0');
      p++;
      state = state == S_REQ_MAJOR ? S_REQ_DOT : S_RES_DOT;
      break;

    case S_REQ_DOT:
    case S_RES_DOT:
      if (c != '.')
        FAIL(H1_E_INVALID_VERSION, "Expected dot", p);
      p++;
      state = state == S_REQ_DOT ? S_REQ_MINOR : S_RES_MINOR;
      break;

    case S_REQ_MINOR:
    case S_RES_MINOR: {
      unsigned ma = P->msg.version_major, mi;
      if (!H1__IS_DIGIT(c))
        FAIL(H1_E_INVALID_VERSION, "Invalid minor version", p);
      mi = c - '0';
      P->msg.version_minor = (uint8_t)mi;
      p++;
      if (!LENIENT(H1_LENIENT_VERSION) &&
          !((ma == 0 && mi == 9) || (ma == 1 && mi <= 1) ||
            (ma == 2 && mi == 0)))
        FAIL(H1_E_INVALID_VERSION, "Invalid HTTP version", p);
      if (state == S_RES_MINOR) {
        state = S_RES_AFTER_VERSION;
        break;
      }
      if (STRICT_PROFILE && !(ma == 1 && mi <= 1))
        FAIL(H1_E_INVALID_VERSION, "Invalid HTTP version", p);
      if (P->msg.method == H1_METHOD_PRI) {
        P->h1__index = 0;
        state = S_REQ_PRI;
      } else {
        state = S_REQ_COMPLETE;
      }
      break;
    }

    case S_REQ_PRI: {
      static const char preface[] = "\r\n\r\nSM\r\n\r\n";
      if ((unsigned char)preface[P->h1__index] != c)
        FAIL(H1_E_INVALID_VERSION, "Expected HTTP/2 Connection Preface", p);
      p++;
      if (preface[++P->h1__index] == '\0')
        FAIL(H1_E_PAUSED_H2_UPGRADE, "Pause on PRI/Upgrade", p);
      break;
    }

    case S_REQ_COMPLETE:
      if (c == '\r') {
        p++;
        state = S_REQ_COMPLETE_CRLF;
      } else if (c == '\n') {
        if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
          FAIL(H1_E_INVALID_VERSION, "Expected CRLF after version", p + 1);
        p++;
        state = S_REQ_COMPLETE_CRLF; /* as llhttp: still wants an LF */
      } else {
        FAIL(H1_E_INVALID_VERSION, "Expected CRLF after version", p);
      }
      break;

    case S_REQ_COMPLETE_CRLF:
      if (c == '\n') {
        p++;
      } else if (!LENIENT(H1_LENIENT_OPTIONAL_LF_AFTER_CR)) {
        FAIL(H1_E_STRICT, "Expected CRLF after version", p);
      }
      state = S_HEADERS_START;
      break;

      /* ---------------- status line ---------------- */

    case S_RES_AFTER_VERSION:
      if (c != ' ')
        FAIL(H1_E_INVALID_VERSION, "Expected space after version", p);
      p++;
      P->msg.status = 0;
      state = S_RES_STATUS_1;
      break;

    case S_RES_STATUS_1:
    case S_RES_STATUS_2:
    case S_RES_STATUS_3:
      if (!H1__IS_DIGIT(c))
        FAIL(H1_E_INVALID_STATUS, "Invalid status code", p);
      P->msg.status = (uint16_t)(P->msg.status * 10 + (c - '0'));
      p++;
      state++;
      break;

    case S_RES_STATUS_OTHER:
      if (c == ' ') {
        p++;
        state = S_RES_STATUS_START;
      } else if (c == '\r') {
        p++;
        state = S_RES_LINE_ALMOST;
      } else if (c == '\n') {
        if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
          FAIL(H1_E_INVALID_STATUS, "Invalid response status", p + 1);
        p++;
        state = S_HEADERS_START;
      } else {
        FAIL(H1_E_INVALID_STATUS, "Invalid response status", p);
      }
      break;

    case S_RES_STATUS_START:
      P->msg.reason.ptr = (const char *)p;
      P->msg.reason.len = 0;
      P->h1__span_kind = 2;
      P->h1__tgt = &P->msg.reason;
      flags |= F_SPAN_OPEN;
      flags &= ~(F_SPAN_ARENA | F_SPAN_LOST);
      mark = p;
      state = S_RES_STATUS;
      /* fallthrough */
    case S_RES_STATUS: {
      p = h1__scan_line(p, end);
      if (p == end)
        break;
      SPAN_CLOSE(p, p + 1);
      if (*p == '\r') {
        p++;
        state = S_RES_LINE_ALMOST;
      } else {
        p++;
        if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
          FAIL(H1_E_CR_EXPECTED, "Missing expected CR after response line", p);
        state = S_HEADERS_START;
      }
      break;
    }

    case S_RES_LINE_ALMOST:
      if (c == '\n' || c == '\r') /* 9.3.1 takes a second CR here too */
        p++;
      else if (!LENIENT(H1_LENIENT_OPTIONAL_LF_AFTER_CR))
        FAIL(H1_E_STRICT, "Expected LF after CR", p);
      state = S_HEADERS_START;
      break;

      /* ---------------- header fields ---------------- */

    case S_HEADERS_START:
    headers_start:
      if (c == ' ') {
        if (!LENIENT(H1_LENIENT_HEADERS))
          FAIL(H1_E_UNEXPECTED_SPACE, "Unexpected space after start line",
               p + 1);
        p++;
        NEXT(S_FIELD_START, field_start);
      }
      state = S_FIELD_START;
      goto field_start;

    case S_FIELD_START:
    field_start:
      if (H1__FAST && (h1__cls[c] & H1__C_TOKEN) &&
          P->h1__slots != &P->h1__scratch) {
        uint32_t ff = flags; /* flags itself stays in a register */
        p = h1__fast_fields(P, p, end, &ff);
        flags = ff;
        if (p == end)
          break;
        c = *p;
      }
      if (c == '\r') {
        p++;
        NEXT(S_HEADERS_ALMOST, headers_almost);
      }
      if (c == '\n') {
        if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
          FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header field char", p + 1);
        p++;
        goto section_end;
      }
      if (c == ':')
        FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header token", p);
      if (P->h1__slots == &P->h1__scratch) {
        P->h1__nlines = 0; /* checking only: one line at a time */
        if (P->h1__max_lines != 0 && !(flags & H1_F_TRAILING) &&
            P->h1__nchecked++ >= P->h1__max_lines)
          FAIL(H1_E_HEADER_OVERFLOW, h1__too_many_lines, p);
      }
      if (P->h1__nlines >= P->h1__fast_lines) {
        /* the node profile: h1__fast_lines is h1__nslots */
        if (P->h1__nlines >= P->h1__nslots)
          FAIL(H1_E_SLOTS_FULL, NULL, p);
        if (!(flags & H1_F_TRAILING))
          FAIL(H1_E_HEADER_OVERFLOW, h1__too_many_lines, p);
      }
      sp = &P->h1__slots[P->h1__nlines].name;
      P->h1__nlines++;
      sp->ptr = (const char *)p;
      sp->len = 0;
      P->h1__slots[P->h1__nlines - 1].value.ptr = (const char *)p;
      P->h1__slots[P->h1__nlines - 1].value.len = 0;
      P->h1__span_kind = 3;
      P->h1__tgt = sp;
      flags |= F_SPAN_OPEN;
      flags &= ~(F_SPAN_ARENA | F_SPAN_LOST);
      mark = p;
      state = S_FIELD;
      /* fallthrough */
    case S_FIELD: {
      p = h1__scan_token(p, end);
      if (p == end)
        break;
      c = *p;
      if (c != ':' && c != ' ')
        FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header token", p);
      /* The name so far: an arena part (when split) plus this piece. */
      sp = &P->h1__slots[P->h1__nlines - 1].name;
      if (H1__FAST && !(flags & (F_SPAN_LOST | F_SPAN_ARENA))) {
        P->h1__header_state =
            h1__special_name((const unsigned char *)sp->ptr,
                             (size_t)((const char *)p - sp->ptr));
      } else if (flags & F_SPAN_LOST) {
        /* longer than any framing name: its bytes were not kept */
        P->h1__header_state = HS_GENERAL;
      } else {
        struct h1_span head = {NULL, 0}, tail;
        if (flags & F_SPAN_ARENA)
          head = *sp;
        tail.ptr = (flags & F_SPAN_ARENA) ? (const char *)mark : sp->ptr;
        tail.len = (size_t)((const char *)p - tail.ptr);
        P->h1__header_state = h1__special_header(head, tail);
      }
      if (c == ' ') {
        if (P->h1__header_state == HS_GENERAL)
          FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header token", p);
        if (!LENIENT(H1_LENIENT_HEADERS)) {
          SPAN_CLOSE(p, p + 1);
          FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header field char", p + 1);
        }
        /* lenient: the spaces stay in the name, as in llhttp */
        p++;
        state = S_FIELD_COLON_WS;
        break;
      }
    field_colon:
      SPAN_CLOSE(p, p + 1);
      p++; /* ':' */
      sp = &P->h1__slots[P->h1__nlines - 1].name;
      if (STRICT_PROFILE && (flags & F_IN_SECTION) && sp->len == 4 &&
          h1_span_ieq(*sp, "host", 4) && !(flags & H1_F_TRAILING)) {
        if (flags & F_HOST_SEEN)
          FAIL(H1_E_STRICT, "Duplicate Host header", p);
        flags |= F_HOST_SEEN;
      }
      if (P->h1__header_state == HS_TRANSFER_ENCODING &&
          (flags & H1_F_CONTENT_LENGTH) && !LENIENT(H1_LENIENT_CHUNKED_LENGTH))
        FAIL(H1_E_INVALID_TRANSFER_ENCODING,
             "Transfer-Encoding can't be present with Content-Length", p);
      if (P->h1__header_state == HS_CONTENT_LENGTH &&
          (flags & H1_F_TRANSFER_ENCODING) &&
          !LENIENT(H1_LENIENT_CHUNKED_LENGTH))
        FAIL(H1_E_INVALID_CONTENT_LENGTH,
             "Content-Length can't be present with Transfer-Encoding", p);
      state = S_VALUE_DISCARD_WS;
      if (H1__FAST && P->h1__header_state == HS_GENERAL) {
        /* Fast path: OWS, a value, CRLF and a next line that is no
         * obs-fold; the same as the states S_VALUE_DISCARD_WS, S_VALUE,
         * S_VALUE_ALMOST and S_VALUE_LWS would do. */
        const unsigned char *v = p, *e;
        while (v < end && (*v == ' ' || *v == '\t'))
          v++;
        if (v < end && *v != ' ' && *v != '\t' &&
            (h1__cls[*v] & H1__C_HEADER)) {
          e = h1__scan_value(v, end);
          if (end - e >= 3 && e[0] == '\r' && e[1] == '\n' && e[2] != ' ' &&
              e[2] != '\t' &&
              P->h1__header_nread + (size_t)(e - v) <
                  P->h1__set.max_header_size) {
            sp = &P->h1__slots[P->h1__nlines - 1].value;
            sp->ptr = (const char *)v;
            sp->len = (size_t)(e - v);
            P->h1__header_nread += (size_t)(e - v);
            p = e + 2;
            goto value_complete;
          }
        }
      }
      break;
    }

    case S_FIELD_COLON_WS:
      if (c == ' ') {
        p++;
        break;
      }
      if (c == ':')
        goto field_colon;
      P->h1__header_state = HS_GENERAL;
      state = S_FIELD;
      /* a further tchar continues the (general) name */
      if (!(h1__cls[c] & H1__C_TOKEN))
        FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header token", p);
      p++;
      break;

      /* ---------------- field values ---------------- */

    case S_VALUE_DISCARD_WS:
      if (c == ' ' || c == '\t') {
        p++;
        break;
      }
      if (c == '\r') {
        p++;
        state = S_VALUE_DISCARD_WS_ALMOST;
        break;
      }
      if (c == '\n') {
        if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
          FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header value char", p + 1);
        p++;
        state = S_VALUE_DISCARD_LWS;
        break;
      }
      sp = &P->h1__slots[P->h1__nlines - 1].value;
      sp->ptr = (const char *)p;
      sp->len = 0;
      P->h1__span_kind = 4;
      P->h1__tgt = sp;
      flags |= F_SPAN_OPEN;
      flags &= ~(F_SPAN_ARENA | F_SPAN_LOST);
      mark = p;
      goto value_start;

    case S_VALUE_DISCARD_WS_ALMOST:
      if (c == '\n')
        p++;
      else if (!LENIENT(H1_LENIENT_HEADERS))
        FAIL(H1_E_STRICT, "Expected LF after CR", p);
      state = S_VALUE_DISCARD_LWS;
      break;

    case S_VALUE_DISCARD_LWS:
      if (c == ' ' || c == '\t') {
        if (!LENIENT(H1_LENIENT_HEADERS))
          FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header value char", p + 1);
        p++;
        state = S_VALUE_DISCARD_WS;
        break;
      }
      /* an empty value */
      if (P->h1__header_state == HS_CONTENT_LENGTH)
        FAIL(H1_E_INVALID_CONTENT_LENGTH, "Empty Content-Length", p);
      sp = &P->h1__slots[P->h1__nlines - 1].value;
      sp->ptr = (const char *)p;
      sp->len = 0;
      goto value_complete;

    value_start:
      /* llhttp's header_value_start: the first byte picks the sub-grammar */
      switch (P->h1__header_state) {
      case HS_UPGRADE:
        flags |= H1_F_UPGRADE;
        P->h1__header_state = HS_GENERAL;
        state = S_VALUE;
        break;
      case HS_TRANSFER_ENCODING:
        if ((flags & H1_F_CHUNKED) && P->h1__set.type == H1_REQUEST &&
            !LENIENT(H1_LENIENT_TRANSFER_ENCODING)) {
          SPAN_CLOSE(p, p + 1);
          FAIL(H1_E_INVALID_TRANSFER_ENCODING,
               "Invalid `Transfer-Encoding` header value", p + 1);
        }
        flags |= H1_F_TRANSFER_ENCODING;
        flags &= ~H1_F_CHUNKED;
        P->h1__index = 0;
        state = S_TE_CHUNKED;
        break;
      case HS_CONTENT_LENGTH:
        if (flags & H1_F_CONTENT_LENGTH)
          FAIL(H1_E_UNEXPECTED_CONTENT_LENGTH, "Duplicate Content-Length", p);
        P->msg.content_length = 0;
        state = S_CL;
        break;
      case HS_CONNECTION:
        P->h1__index = 0;
        state = S_CONN;
        break;
      default:
        state = S_VALUE;
        break;
      }
      break;

    case S_VALUE:
      p = h1__scan_value(p, end);
      if (p == end)
        break;
      c = *p;
    value_other:
      /* llhttp's header_value_otherwise */
      if (c == '\r') {
        SPAN_CLOSE(p, p + 1);
        p++;
        state = S_VALUE_ALMOST;
      } else if (c == '\n') {
        SPAN_CLOSE(p, p);
        if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
          FAIL(H1_E_CR_EXPECTED, "Missing expected CR after header value", p);
        state = S_VALUE_ALMOST;
      } else if (LENIENT(H1_LENIENT_HEADERS)) {
        state = S_VALUE_LENIENT;
      } else {
        SPAN_CLOSE(p, p);
        FAIL(H1_E_INVALID_HEADER_TOKEN, "Invalid header value char", p);
      }
      break;

    case S_VALUE_LENIENT:
      p = h1__scan_line(p, end);
      if (p == end)
        break;
      SPAN_CLOSE(p, *p == '\r' ? p + 1 : p);
      if (*p == '\r')
        p++;
      state = S_VALUE_ALMOST;
      break;

    case S_VALUE_ALMOST:
      if (c != '\n')
        FAIL(H1_E_LF_EXPECTED, "Missing expected LF after header value", p);
      p++;
      state = S_VALUE_LWS;
      break;

    case S_VALUE_LWS:
      if (c == ' ' || c == '\t') {
        if (!LENIENT(H1_LENIENT_HEADERS))
          FAIL(H1_E_INVALID_HEADER_TOKEN,
               "Unexpected whitespace after header value", p);
        /* obs-fold, lenient: the value goes on, joined without the CRLF */
        if (P->h1__header_state == HS_TRANSFER_ENCODING_CHUNKED)
          P->h1__header_state = HS_GENERAL;
        /* Every finished span of the head moves to the arena first, so
         * that this value ends up last there and can grow in place. */
        sp = &P->h1__slots[P->h1__nlines - 1].value;
        if (P->h1__header_nread < P->h1__set.max_header_size &&
            h1__spill_done(P, 0) != 0)
          FAIL(H1_E_ARENA_FULL, NULL, p);
        if (sp->len == 0)
          sp->ptr = P->h1__arena + P->h1__arena_len;
        P->h1__span_kind = 4;
        P->h1__tgt = sp;
        flags |= F_SPAN_OPEN | F_SPAN_ARENA;
        mark = p;
        goto value_start;
      }
    value_complete:
      /* llhttp's setHeaderFlags, then the next field */
      switch (P->h1__header_state) {
      case HS_CONNECTION_KEEP_ALIVE:
        flags |= H1_F_CONNECTION_KEEP_ALIVE;
        break;
      case HS_CONNECTION_CLOSE:
        flags |= H1_F_CONNECTION_CLOSE;
        break;
      case HS_CONNECTION_UPGRADE:
        flags |= H1_F_CONNECTION_UPGRADE;
        break;
      case HS_TRANSFER_ENCODING_CHUNKED:
        flags |= H1_F_CHUNKED;
        break;
      default:
        break;
      }
      if (STRICT_PROFILE) {
        h1_errno code = H1_E_STRICT;
        const char *no = h1__strict_field(P, &flags, &code);
        if (no != NULL)
          FAIL(code, no, p);
      }
      if (P->h1__slots[P->h1__nlines - 1].name.len == 6 &&
          P->h1__set.type == H1_REQUEST && !(flags & H1_F_TRAILING) &&
          h1_span_ieq(P->h1__slots[P->h1__nlines - 1].name, "expect", 6)) {
        struct h1_header *h = &P->h1__slots[P->h1__nlines - 1];
        if (h1__continue_word(h->value))
          flags |= F_EXPECT_SEEN;
        if (STRICT_PROFILE) {
          struct h1_span v = h1_trim_value(h->value);
          if (!(v.len == 12 && h1_span_ieq(v, "100-continue", 12))) {
            size_t i;
            for (i = 0; i + 12 <= v.len; i++) {
              struct h1_span w;
              w.ptr = v.ptr + i;
              w.len = 12;
              if (h1_span_ieq(w, "100-continue", 12))
                FAIL(H1_E_STRICT, "Obfuscated Expect: 100-continue", p);
            }
          }
        }
      }
      NEXT(S_FIELD_START, field_start);

    /* Transfer-Encoding: is chunked the last coding? */
    case S_TE_CHUNKED: {
      /* "chunked", case-insensitively; a mismatch leaves the byte to
       * S_TE_TOKEN */
      static const char chunked[] = "chunked";
      size_t k = h1__match_lower(p, end, chunked + P->h1__index);
      p += k;
      P->h1__index = (uint8_t)(P->h1__index + k);
      if (chunked[P->h1__index] == '\0')
        state = S_TE_CHUNKED_LAST;
      else if (p < end)
        state = S_TE_TOKEN;
      break;
    }

    case S_TE_CHUNKED_LAST:
      if (c == ' ') {
        p++;
      } else if (c == '\r' || c == '\n') {
        P->h1__header_state = HS_TRANSFER_ENCODING_CHUNKED;
        goto value_other;
      } else if (c == ',') {
        if (P->h1__set.type == H1_REQUEST &&
            !LENIENT(H1_LENIENT_TRANSFER_ENCODING)) {
          SPAN_CLOSE(p, p + 1);
          FAIL(H1_E_INVALID_TRANSFER_ENCODING,
               "Invalid `Transfer-Encoding` header value", p + 1);
        }
        p++;
        state = S_TE_TOKEN_OWS;
      } else {
        state = S_TE_TOKEN;
      }
      break;

    case S_TE_TOKEN:
      if (c == ',') {
        p++;
        state = S_TE_TOKEN_OWS;
      } else if (h1__cls[c] & H1__C_CONN) {
        p++;
      } else {
        P->h1__header_state = HS_GENERAL;
        state = S_VALUE;
      }
      break;

    case S_TE_TOKEN_OWS:
      if (c == ' ' || c == '\t') {
        p++;
      } else {
        P->h1__index = 0;
        state = S_TE_CHUNKED;
      }
      break;

    /* Content-Length: digits, then OWS */
    case S_CL:
      if (H1__IS_DIGIT(c)) {
        uint64_t d = c - '0', v = P->msg.content_length;
        if (v > UINT64_MAX / 10 || v * 10 > UINT64_MAX - d) {
          SPAN_CLOSE(p + 1, p + 1);
          FAIL(H1_E_INVALID_CONTENT_LENGTH, "Content-Length overflow", p + 1);
        }
        P->msg.content_length = v * 10 + d;
        p++;
        break;
      }
      state = S_CL_WS;
      /* fallthrough */
    case S_CL_WS:
      if (c == ' ') { /* 9.3.1: SP only, a HTAB here is an error */
        p++;
      } else if (c == '\r' || c == '\n') {
        flags |= H1_F_CONTENT_LENGTH;
        goto value_other;
      } else {
        SPAN_CLOSE(p, p);
        FAIL(H1_E_INVALID_CONTENT_LENGTH, "Invalid character in Content-Length",
             p);
      }
      break;

    /* Connection: close, upgrade, keep-alive among the tokens */
    case S_CONN: {
      static const char *const toks[3] = {"close", "upgrade", "keep-alive"};
      unsigned i = P->h1__index, lc = H1__LOWER(c), which;
      if (i == 0) {
        if (c == ' ' || c == '\t') {
          p++;
          break;
        }
        which = lc == 'c' ? 0 : lc == 'u' ? 1 : lc == 'k' ? 2 : 3;
        if (which == 3) {
          state = S_CONN_TOKEN;
          break;
        }
        P->h1__conn = (uint8_t)which;
        if (H1__FAST && h1__conn_token(p, end, which)) {
          static const uint8_t toklen[3] = {5, 7, 10};
          p += toklen[which];
          P->h1__index = toklen[which];
          P->h1__header_state = which == 0   ? HS_CONNECTION_CLOSE
                                : which == 1 ? HS_CONNECTION_UPGRADE
                                             : HS_CONNECTION_KEEP_ALIVE;
          state = S_CONN_WS;
          break;
        }
      } else {
        which = P->h1__conn;
      }
      {
        size_t k = h1__match_lower(p, end, toks[which] + i);
        p += k;
        i += (unsigned)k;
        P->h1__index = (uint8_t)i;
        if (toks[which][i] == '\0') {
          P->h1__header_state = which == 0   ? HS_CONNECTION_CLOSE
                                : which == 1 ? HS_CONNECTION_UPGRADE
                                             : HS_CONNECTION_KEEP_ALIVE;
          state = S_CONN_WS;
        } else if (p < end) {
          state = S_CONN_TOKEN; /* the mismatching byte is a token's */
        }
      }
      break;
    }

    case S_CONN_WS:
      if (c == ',') {
        switch (P->h1__header_state) {
        case HS_CONNECTION_KEEP_ALIVE:
          flags |= H1_F_CONNECTION_KEEP_ALIVE;
          break;
        case HS_CONNECTION_CLOSE:
          flags |= H1_F_CONNECTION_CLOSE;
          break;
        case HS_CONNECTION_UPGRADE:
          flags |= H1_F_CONNECTION_UPGRADE;
          break;
        default:
          break;
        }
        P->h1__header_state = HS_CONNECTION;
        P->h1__index = 0;
        p++;
        state = S_CONN;
      } else if (c == ' ') {
        p++;
      } else if (c == '\r' || c == '\n') {
        goto value_other;
      } else {
        P->h1__header_state = HS_GENERAL;
        state = S_CONN_TOKEN;
      }
      break;

    case S_CONN_TOKEN:
      if (c == ',') {
        p++;
        P->h1__index = 0;
        state = S_CONN;
      } else if (h1__cls[c] & H1__C_CONN) {
        p++;
      } else {
        goto value_other;
      }
      break;

    case S_HEADERS_ALMOST:
    headers_almost:
      if (c == '\n')
        p++;
      else if (!LENIENT(H1_LENIENT_OPTIONAL_LF_AFTER_CR))
        FAIL(H1_E_STRICT, "Expected LF after headers", p);
    section_end:
      if (flags & H1_F_TRAILING) {
        /* the trailer section ends the message */
        P->msg.num_trailers = P->h1__slots == &P->h1__scratch
                                  ? 0
                                  : P->h1__nlines - P->msg.num_headers;
        P->h1__header_nread = 0;
        flags &= ~F_IN_SECTION;
        state = S_MESSAGE_DONE;
        goto message_done;
      }
      goto headers_complete;

      /* ---------------- chunked body ---------------- */

    case S_CHUNK_SIZE_START:
      if (!(h1__cls[c] & H1__C_HEX))
        FAIL(H1_E_INVALID_CHUNK_SIZE, "Invalid character in chunk size", p);
      P->h1__remaining = 0;
      state = S_CHUNK_SIZE;
      /* fallthrough */
    case S_CHUNK_SIZE:
      if (h1__cls[c] & H1__C_HEX) {
        uint64_t d = H1__IS_DIGIT(c) ? (uint64_t)(c - '0')
                                     : (uint64_t)(H1__LOWER(c) - 'a' + 10);
        uint64_t v = P->h1__remaining;
        if (v > UINT64_MAX / 16 || v * 16 > UINT64_MAX - d)
          FAIL(H1_E_INVALID_CHUNK_SIZE, "Chunk size overflow", p + 1);
        P->h1__remaining = v * 16 + d;
        p++;
        break;
      }
      state = S_CHUNK_SIZE_OTHER;
      /* fallthrough */
    case S_CHUNK_SIZE_OTHER:
      if (c == ' ' || c == '\t') {
        if (!LENIENT(H1_LENIENT_SPACES_AFTER_CHUNK_SIZE))
          FAIL(H1_E_INVALID_CHUNK_SIZE, "Invalid character in chunk size",
               p + 1);
        p++;
      } else if (c == '\r') {
        p++;
        state = S_CHUNK_SIZE_ALMOST;
      } else if (c == '\n') {
        if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
          FAIL(H1_E_CR_EXPECTED, "Missing expected CR after chunk size", p + 1);
        p++;
        state = S_CHUNK_SIZE_ALMOST; /* as llhttp: still wants an LF */
      } else if (c == ';') {
        p++;
        state = S_CHUNK_EXT;
      } else {
        FAIL(H1_E_INVALID_CHUNK_SIZE, "Invalid character in chunk size", p);
      }
      break;

    case S_CHUNK_EXT:
      if (c == ' ' || c == '\r')
        FAIL(H1_E_STRICT, "Invalid character in chunk extensions", p + 1);
      P->h1__span_kind = 5;
      flags |= F_SPAN_OPEN | F_SPAN_EXT;
      mark = p;
      state = S_CHUNK_EXT_NAME;
      /* fallthrough */
    case S_CHUNK_EXT_NAME:
      while (p < end && (h1__cls[*p] & H1__C_TOKEN))
        p++;
      if (p == end)
        break;
      c = *p;
      SPAN_CLOSE(p, c == '\n' ? p : p + 1);
      if (c != '=')
        goto ext_end;
      p++;
      P->h1__span_kind = 5;
      flags |= F_SPAN_OPEN | F_SPAN_EXT;
      mark = p;
      state = S_CHUNK_EXT_VALUE;
      break;

    case S_CHUNK_EXT_VALUE:
      while (p < end && (h1__cls[*p] & H1__C_TOKEN))
        p++;
      if (p == end)
        break;
      c = *p;
      if (c == '"') {
        p++;
        state = S_CHUNK_EXT_QUOTED;
        break;
      }
      SPAN_CLOSE(p, c == '\n' ? p : p + 1);
      goto ext_end;

    case S_CHUNK_EXT_QUOTED:
      while (p < end && (h1__cls[*p] & H1__C_QDTEXT) && *p != '\\')
        p++;
      if (p == end)
        break;
      c = *p;
      if (c == '"') {
        p++;
        SPAN_CLOSE(p, p);
        state = S_CHUNK_EXT_QDONE;
      } else if (c == '\\') {
        p++;
        state = S_CHUNK_EXT_QPAIR;
      } else {
        SPAN_CLOSE(p, p + 1);
        FAIL(H1_E_STRICT, "Invalid character in chunk extensions quoted value",
             p + 1);
      }
      break;

    case S_CHUNK_EXT_QPAIR:
      if (!(h1__cls[c] & H1__C_QPAIR)) {
        SPAN_CLOSE(p, p + 1);
        FAIL(H1_E_STRICT,
             "Invalid quoted-pair in chunk extensions quoted value", p + 1);
      }
      p++;
      state = S_CHUNK_EXT_QUOTED;
      break;

    case S_CHUNK_EXT_QDONE:
    ext_end:
      /* after an extension name, a value or a quoted value */
      if (c == ';') {
        p++;
        state = S_CHUNK_EXT;
      } else if (c == '\r') {
        p++;
        state = S_CHUNK_SIZE_ALMOST;
      } else if (c == '\n') {
        if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
          FAIL(H1_E_CR_EXPECTED,
               state == S_CHUNK_EXT_NAME
                   ? "Missing expected CR after chunk extension name"
                   : "Missing expected CR after chunk extension value",
               p);
        state = S_CHUNK_SIZE_ALMOST;
      } else if (state == S_CHUNK_EXT_NAME) {
        FAIL(H1_E_STRICT, "Invalid character in chunk extensions name", p + 1);
      } else if (state == S_CHUNK_EXT_VALUE) {
        FAIL(H1_E_STRICT, "Invalid character in chunk extensions value", p + 1);
      } else {
        FAIL(H1_E_STRICT, "Invalid character in chunk extensions quote value",
             p);
      }
      break;

    case S_CHUNK_SIZE_ALMOST:
      if (c == '\n')
        p++;
      else if (!LENIENT(H1_LENIENT_OPTIONAL_LF_AFTER_CR))
        FAIL(H1_E_STRICT, "Expected LF after chunk size", p);
      /* on_chunk_header: Node resets both counters */
      P->h1__header_nread = 0;
      P->h1__ext_nread = 0;
      if (P->h1__remaining == 0) {
        flags |= H1_F_TRAILING | F_IN_SECTION;
        P->msg.num_headers = P->h1__nlines_head;
        P->msg.trailers = P->h1__slots == &P->h1__scratch
                              ? P->h1__slots
                              : P->h1__slots + P->h1__nlines_head;
        P->msg.num_trailers = 0;
        P->h1__spilled = P->h1__nlines;
        state = S_FIELD_START;
      } else {
        state = S_CHUNK_DATA;
      }
      break;

    case S_CHUNK_DATA:
    case S_BODY_IDENTITY: {
      size_t avail = (size_t)(end - p), n;
      n = P->h1__remaining < avail ? (size_t)P->h1__remaining : avail;
      ev->type = H1_EV_BODY;
      ev->data.ptr = (const char *)p;
      ev->data.len = n;
      p += n;
      P->h1__remaining -= n;
      if (P->h1__remaining == 0) {
        if (state == S_CHUNK_DATA) {
          P->h1__index = 0;
          state = S_CHUNK_DATA_ALMOST;
        } else {
          state = S_MESSAGE_DONE;
        }
      }
      goto out_event;
    }

    case S_CHUNK_DATA_ALMOST:
      if (P->h1__index == 0) {
        if (c == '\r') {
          p++;
          P->h1__index = 1;
          break;
        }
        if (c == '\n') {
          if (!LENIENT(H1_LENIENT_OPTIONAL_CR_BEFORE_LF))
            FAIL(H1_E_CR_EXPECTED, "Missing expected CR after chunk data",
                 p + 1);
          p++;
        } else if (!LENIENT(H1_LENIENT_OPTIONAL_CRLF_AFTER_CHUNK)) {
          FAIL(H1_E_STRICT, "Expected LF after chunk data", p);
        }
      } else if (c == '\n') {
        p++;
      } else if (!LENIENT(H1_LENIENT_OPTIONAL_CRLF_AFTER_CHUNK)) {
        FAIL(H1_E_STRICT, "Expected LF after chunk data", p);
      }
      /* on_chunk_complete */
      P->h1__header_nread = 0;
      state = S_CHUNK_SIZE_START;
      break;

    case S_BODY_EOF:
      ev->type = H1_EV_BODY;
      ev->data.ptr = (const char *)p;
      ev->data.len = (size_t)(end - p);
      p = end;
      goto out_event;

    case S_CLOSED:
      if (c == '\r' || c == '\n') {
        p++;
        break;
      }
      if (!LENIENT(H1_LENIENT_DATA_AFTER_CLOSE))
        FAIL(H1_E_CLOSED_CONNECTION, "Data after `Connection: close`", p + 1);
      p++;
      break;

    default:
      FAIL(H1_E_INTERNAL, NULL, p);
    }
  }

  /* Out of data.  Inside a head, move this call's spans to the arena. */
  if (flags & (F_IN_SECTION | F_SPAN_OPEN)) {
    if (h1__spill(P, &flags, mark, end) != 0)
      FAIL(H1_E_ARENA_FULL, NULL, p);
  }
  P->h1__state = (uint16_t)state;
  P->h1__flags = flags;
  P->nread += len;
  return len;

headers_complete : {
  /* llhttp's before_headers_complete, Node's onHeadersComplete return value
   * (2 = upgrade, 1 = no body), then after_headers_complete. */
  uint32_t head_flags;
  int ret = 0, has_body, ka_at_head, is_res = P->h1__set.type == H1_RESPONSE;
  h1_method req = P->h1__set.request_method;
  if ((flags & H1_F_UPGRADE) && (flags & H1_F_CONNECTION_UPGRADE))
    P->h1__upgrade =
        (uint8_t)(P->h1__set.type == H1_REQUEST || P->msg.status == 101);
  else
    P->h1__upgrade = (uint8_t)(P->h1__set.type == H1_REQUEST &&
                               P->msg.method == H1_METHOD_CONNECT);
  /* what Node's onHeadersComplete is told: computed before its answer */
  ka_at_head = h1__keep_alive(P, flags);
  if (P->h1__set.type == H1_REQUEST) {
    ret = P->h1__upgrade ? 2 : 0;
  } else if (P->h1__upgrade || req == H1_METHOD_CONNECT) {
    ret = 2;
  } else if (P->msg.status >= 100 && P->msg.status < 200) {
    ret = 1; /* 1xx other than 101: information */
  } else if (req == H1_METHOD_HEAD || P->msg.status == 304) {
    ret = 1;
  }
  if (ret == 1) {
    flags |= H1_F_SKIPBODY;
  } else if (ret == 2) {
    P->h1__upgrade = 1;
    flags |= H1_F_SKIPBODY;
  }
  P->msg.num_headers = P->h1__nlines;
  P->h1__nlines_head = P->h1__nlines;
  P->h1__header_nread = 0;
  if (STRICT_PROFILE) {
    /* before the head is dispatched: the application never sees it */
    const char *no = h1__strict_head(P, flags);
    if (no != NULL)
      FAIL(H1_E_STRICT, no, p);
  }
  P->head_complete = 1;
  flags &= ~F_IN_SECTION;
  /* the head's flags, also for a head that is rejected below */
  head_flags = (ka_at_head ? H1_F_KEEP_ALIVE : 0) |
               ((flags & F_EXPECT_SEEN) ? H1_F_EXPECT_CONTINUE : 0) |
               /* only an absolute-form target can mismatch */
               (P->msg.url.len != 0 && P->msg.url.ptr[0] != '/' &&
                        h1__authority_mismatch(P)
                    ? H1_F_AUTHORITY_MISMATCH
                    : 0);
  P->msg.flags = (flags & 0xffffu) | head_flags;
  has_body = (flags & H1_F_CHUNKED) || P->msg.content_length > 0;
  if ((P->h1__upgrade && (P->msg.method == H1_METHOD_CONNECT ||
                          (flags & H1_F_SKIPBODY) || !has_body)) ||
      (is_res && P->msg.status == 101)) {
    /* the rest is another protocol (a 101 stops parsing even without the
     * Upgrade headers; Node then drops the bytes that follow) */
    state = S_MESSAGE_DONE;
    P->h1__stop = 1;
  } else if ((flags & H1_F_SKIPBODY) ||
             (is_res && (P->msg.status == 100 || P->msg.status == 102 ||
                         P->msg.status == 103 || P->msg.status == 204 ||
                         P->msg.status == 304))) {
    state = S_MESSAGE_DONE;
  } else if (flags & H1_F_CHUNKED) {
    state = S_CHUNK_SIZE_START;
  } else if (flags & H1_F_TRANSFER_ENCODING) {
    if (P->h1__set.type == H1_REQUEST &&
        !LENIENT(H1_LENIENT_CHUNKED_LENGTH | H1_LENIENT_TRANSFER_ENCODING))
      FAIL(H1_E_INVALID_TRANSFER_ENCODING,
           "Request has invalid `Transfer-Encoding`", p);
    state = S_BODY_EOF;
  } else if (!(flags & H1_F_CONTENT_LENGTH)) {
    state = h1__needs_eof(P, flags) ? S_BODY_EOF : S_MESSAGE_DONE;
  } else if (P->msg.content_length == 0) {
    state = S_MESSAGE_DONE;
  } else {
    P->h1__remaining = P->msg.content_length;
    state = S_BODY_IDENTITY;
  }
  if (state == S_BODY_EOF) {
    P->h1__finish = FINISH_SAFE_WITH_CB;
    flags |= H1_F_BODY_EOF;
  }
  P->msg.flags = (flags & 0xffffu) | head_flags;
  if (P->h1__upgrade)
    P->msg.flags |= H1_F_IS_UPGRADE;
  ev->type = H1_EV_HEAD;
  goto out_event;
}

message_done:
  h1__message_end(P, &state, &flags, ev);
  goto out_event;

out_event:
  consumed = (size_t)((const char *)p - data);
  P->h1__state = (uint16_t)state;
  P->h1__flags = flags;
  P->nread += consumed;
  return consumed;

error:
  consumed = (size_t)((const char *)p - data);
  P->error = err;
  P->reason = why != NULL ? why : h1__errno_reasons[err];
  P->error_offset = P->nread + consumed;
  P->nread += consumed;
  P->h1__state = S_DEAD;
  P->h1__flags = flags;
  ev->type = H1_EV_ERROR;
  return consumed;

#undef SPAN_CLOSE
#undef NEXT
#undef FAIL
}

/* ------------------------------------------------------------------------
 * Span helpers used by the machine (defined after it for reading order)
 * ------------------------------------------------------------------------ */

static int h1__span_close(h1_parser *P, uint32_t *flags,
                          const unsigned char *mark, const unsigned char *q) {
  size_t n = (size_t)(q - mark);
  struct h1_span *sp;
  char *where;

  *flags &= ~F_SPAN_OPEN;
  if (*flags & F_SPAN_EXT) {
    *flags &= ~F_SPAN_EXT;
    P->h1__ext_nread += n;
    if (P->h1__ext_nread > H1_MAX_CHUNK_EXTENSIONS_SIZE) {
      P->h1__pending = H1_E_CHUNK_EXTENSIONS_OVERFLOW;
      return -1;
    }
    return 0;
  }
  P->h1__header_nread += n;
  if (P->h1__header_nread >= P->h1__set.max_header_size) {
    P->h1__pending = H1_E_HEADER_OVERFLOW;
    return -1;
  }
  sp = P->h1__tgt;
  if (*flags & F_SPAN_ARENA) {
    if (h1__arena_put(P, (const char *)mark, n, &where) != 0) {
      P->h1__pending = H1_E_ARENA_FULL;
      return -1;
    }
    sp->len += n;
  } else {
    sp->len = (size_t)((const char *)q - sp->ptr);
  }
  *flags &= ~(F_SPAN_ARENA | F_SPAN_LOST);
  return 0;
}

static int h1__spill(h1_parser *P, uint32_t *flags, const unsigned char *mark,
                     const unsigned char *end) {
  size_t n = (size_t)(end - mark);
  unsigned open = (*flags & F_SPAN_OPEN) ? P->h1__span_kind : 0;
  char *where;

  if (open == 5) {
    P->h1__ext_nread += n;
    return 0;
  }
  if (!(*flags & F_IN_SECTION))
    return 0;
  if (h1__spill_done(P, open) != 0)
    return -1;
  /* the open span: count this piece; keep it unless it must overflow */
  if (open != 0) {
    struct h1_span *sp = P->h1__tgt;
    size_t total = ((*flags & F_SPAN_ARENA) ? sp->len : 0) + n;
    P->h1__header_nread += n;
    /* Past the limit the span's end reports HPE_HEADER_OVERFLOW, so its
     * bytes are not needed, except a field name short enough to be one of
     * the framing names: whether it is decides the error at a SP. */
    if (P->h1__header_nread >= P->h1__set.max_header_size &&
        !(open == 3 && total <= 17 && !(*flags & F_SPAN_LOST))) {
      *flags |= F_SPAN_LOST;
      return 0;
    }
    if (h1__arena_put(P, (const char *)mark, n, &where) != 0)
      return -1;
    if (*flags & F_SPAN_ARENA) {
      sp->len += n;
    } else {
      sp->ptr = where;
      sp->len = n;
      *flags |= F_SPAN_ARENA;
    }
  }
  return 0;
}

/* Moves the finished spans of the current section (all but the open one,
 * of kind `open`) to the arena, in wire order. */
static int h1__spill_done(h1_parser *P, unsigned open) {
  size_t i;
  if (open != 1 && h1__spill_span(P, &P->msg.url) != 0)
    return -1;
  if (open != 2 && h1__spill_span(P, &P->msg.reason) != 0)
    return -1;
  for (i = P->h1__spilled; i < P->h1__nlines; i++) {
    int last = i + 1 == P->h1__nlines;
    if (!(last && open == 3) && h1__spill_span(P, &P->h1__slots[i].name) != 0)
      return -1;
    if (!(last && (open == 3 || open == 4)) &&
        h1__spill_span(P, &P->h1__slots[i].value) != 0)
      return -1;
  }
  P->h1__spilled = P->h1__nlines ? P->h1__nlines - 1 : 0;
  return 0;
}

void h1_finish(h1_parser *P, struct h1_event *ev) {
  uint32_t flags = P->h1__flags;
  ev->type = H1_EV_NONE;
  ev->data.ptr = NULL;
  ev->data.len = 0;
  switch (P->h1__state) {
  case S_DEAD:
    ev->type = H1_EV_ERROR;
    return;
  case S_MESSAGE_DONE:
    (void)h1_execute(P, NULL, 0, ev);
    return;
  case S_UPGRADED:
    return;
  default:
    break;
  }
  /* Node flushes an open span at the end of the input: its count may fail */
  if (flags & F_SPAN_OPEN) {
    h1_errno e = H1_E_OK;
    if (P->h1__span_kind == 5) {
      if (P->h1__ext_nread > H1_MAX_CHUNK_EXTENSIONS_SIZE)
        e = H1_E_CHUNK_EXTENSIONS_OVERFLOW;
    } else if (P->h1__header_nread >= P->h1__set.max_header_size) {
      e = H1_E_HEADER_OVERFLOW;
    }
    if (e != H1_E_OK) {
      P->error = e;
      P->reason = h1__errno_reasons[e];
      P->error_offset = P->nread;
      P->h1__state = S_DEAD;
      ev->type = H1_EV_ERROR;
      return;
    }
  }
  switch (P->h1__finish) {
  case FINISH_SAFE_WITH_CB:
    P->h1__finish = FINISH_SAFE;
    P->messages++;
    P->head_complete = 0;
    P->msg.flags = h1__end_flags(P, flags);
    P->h1__state = S_CLOSED;
    ev->type = H1_EV_MESSAGE_END;
    return;
  case FINISH_UNSAFE:
    P->error = H1_E_INVALID_EOF_STATE;
    P->reason = "Invalid EOF state";
    P->error_offset = P->nread;
    P->h1__state = S_DEAD;
    ev->type = H1_EV_ERROR;
    return;
  default:
    return;
  }
}

/* ------------------------------------------------------------------------
 * What a connection driver needs between events
 * ------------------------------------------------------------------------ */

h1_errno h1_parser_keep_head(h1_parser *P) {
  if (h1__spill_done(P, 0) != 0)
    return H1_E_ARENA_FULL;
  P->h1__spilled = P->h1__nlines;
  return H1_E_OK;
}

void h1_parser_set_request_method(h1_parser *P, h1_method m) {
  P->h1__set.request_method = m;
}

void h1_parser_set_memory(h1_parser *P, struct h1_header *slots, size_t nslots,
                          char *arena, size_t arena_cap) {
  if (P->h1__slots != &P->h1__scratch) {
    P->h1__slots = slots;
    P->h1__nslots = nslots;
    P->msg.headers = slots;
    P->msg.trailers = slots;
    P->msg.num_headers = 0;
    P->msg.num_trailers = 0;
  }
  P->h1__arena = arena;
  P->h1__arena_cap = arena_cap;
  P->h1__arena_len = 0;
}

/* conn.h: between messages, the parser goes on checking only (as after
 * h1_parser_init with slots NULL), in the state it has; the memory it had
 * is no longer touched. */
void h1__parser_check_only(h1_parser *P) {
  P->h1__slots = &P->h1__scratch;
  P->h1__nslots = 1;
  P->h1__fast_lines = 1;
  P->h1__nlines = P->h1__nlines_head = P->h1__spilled = 0;
  P->msg.headers = P->msg.trailers = NULL;
  P->msg.num_headers = P->msg.num_trailers = 0;
  P->h1__arena = NULL;
  P->h1__arena_cap = P->h1__arena_len = 0;
}

/* ------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------ */

void h1_lower(char *dst, const char *src, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    dst[i] = (char)H1__LOWER((unsigned char)src[i]);
}

struct h1_span h1_trim_value(struct h1_span v) {
  while (v.len > 0 && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t'))
    v.len--;
  return v;
}
