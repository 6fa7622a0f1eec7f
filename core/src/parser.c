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

#include "parser_framing.h"
#include "parser_int.h"
#include "parser_names.h"
#include "scan.h"
#include "tables.h"
#include "text.h"

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
  if (p->h1__set.profile == H1_PROFILE_STRICT)
    p->h1__max_lines = h1__strict_max_lines(p->h1__set.max_headers_count);
  p->h1__fast_lines = h1__fast_lines_for(p);
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
 * The machine
 * ------------------------------------------------------------------------ */

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static size_t
h1__execute(h1_parser *P, const char *data, size_t len, struct h1_event *ev);

/* At S_START with input: a head whole in the call is parsed in one pass
 * (parser_head.c), anything else by the machine.  A function of its own, so
 * that h1_execute's other answers save no registers. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static size_t
h1__begin(h1_parser *P, const char *data, size_t len, struct h1_event *ev) {
  size_t n = h1__head(P, data, len, ev);
  return n != 0 ? n : h1__execute(P, data, len, ev);
}

/* The MESSAGE_END that follows a bodiless head is reported without entering
 * the machine (whose entry saves every register it uses), and so is a head
 * that h1__head takes whole. */
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
  if (H1__FAST && P->h1__state == S_START) {
    if (len == 0) { /* between messages, no input: what the machine says */
      ev->type = H1_EV_NONE;
      ev->data.ptr = NULL;
      ev->data.len = 0;
      return 0;
    }
    return h1__begin(P, data, len, ev);
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
/* Runs a rule of its own file (`call` of a struct h1__run r) over the
 * machine's registers, which stay registers: r is a copy. */
#define RULE(call)                                                             \
  {                                                                            \
    struct h1__run r;                                                          \
    int res;                                                                   \
    r.p = p;                                                                   \
    r.end = end;                                                               \
    r.mark = mark;                                                             \
    r.state = state;                                                           \
    r.flags = flags;                                                           \
    res = (call);                                                              \
    p = r.p;                                                                   \
    mark = r.mark;                                                             \
    state = r.state;                                                           \
    flags = r.flags;                                                           \
    if (res == H1__R_EVENT)                                                    \
      goto out_event;                                                          \
    if (res == H1__R_ERROR)                                                    \
      FAIL(r.err, r.why, p);                                                   \
    break;                                                                     \
  }

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
      h1__message_begin(P);
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

      /* ---------------- status line: parser_status.c ---------------- */

    case S_RES_AFTER_VERSION:
    case S_RES_STATUS_1:
    case S_RES_STATUS_2:
    case S_RES_STATUS_3:
    case S_RES_STATUS_OTHER:
    case S_RES_STATUS_START:
    case S_RES_STATUS:
    case S_RES_LINE_ALMOST:
      RULE(h1__status_line(P, &r));

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
        if (h1__has_word(h->value, "100-continue", 12))
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

      /* ---------------- chunk lines and body: their own files ----------------
       */

    case S_CHUNK_SIZE_START:
    case S_CHUNK_SIZE:
    case S_CHUNK_SIZE_OTHER:
    case S_CHUNK_EXT:
    case S_CHUNK_EXT_NAME:
    case S_CHUNK_EXT_VALUE:
    case S_CHUNK_EXT_QUOTED:
    case S_CHUNK_EXT_QPAIR:
    case S_CHUNK_EXT_QDONE:
    case S_CHUNK_SIZE_ALMOST:
    case S_CHUNK_DATA:
    case S_CHUNK_DATA_ALMOST:
    case S_BODY_IDENTITY:
    case S_BODY_EOF:
    case S_CLOSED:
      RULE(h1__chunked_body(P, &r, ev));

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
  unsigned st = state; /* state and flags themselves stay in registers */
  uint32_t fl = flags;
  err = h1__head_complete(P, &st, &fl, &why);
  state = st;
  flags = fl;
  if (err != H1_E_OK)
    goto error;
  ev->type = H1_EV_HEAD;
  goto out_event;
}

message_done : {
  unsigned st = state;
  uint32_t fl = flags;
  h1__message_end(P, &st, &fl, ev);
  state = st;
  flags = fl;
  goto out_event;
}

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

#undef NEXT
#undef FAIL
#undef RULE
}

void h1_parser_set_request_method(h1_parser *P, h1_method m) {
  P->h1__set.request_method = m;
}
