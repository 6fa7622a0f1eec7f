/*
 * parser_request.c -- the request line (RFC 9112 3): the method, SP, the
 * request target (parser_target.c, but for the fast path of an
 * origin-form target), SP, the HTTP-version (parser_version.c, but for the
 * fast path of "HTTP/1.1" and "HTTP/1.0") and CRLF; or, as llhttp, a line
 * without a version (HTTP/0.9), and the rest of the HTTP/2 preface after
 * "PRI * HTTP/2.0".
 */
#include "parser_int.h"
#include "parser_names.h"
#include "scan.h"
#include "tables.h"

#define FAIL H1__RULE_FAIL
#define NEXT H1__RULE_NEXT

/* The method from its bytes: fast paths for "GET " and "POST ", then for
 * any whole method and its SP; else byte by byte, llparse's trie select
 * (longest match).  The byte-by-byte part keeps its bytes in h1__mbuf. */
static int h1__method(h1_parser *P, const unsigned char **pp,
                      const unsigned char *end) {
  const unsigned char *p = *pp;
  if (H1__FAST && P->h1__mlen == 0 && end - p >= 5) {
    if (p[0] == 'G' && p[1] == 'E' && p[2] == 'T' && p[3] == ' ') {
      P->msg.method = H1_METHOD_GET;
      *pp = p + 4;
      return S_REQ_SPACES;
    }
    if (p[0] == 'P' && p[1] == 'O' && p[2] == 'S' && p[3] == 'T' &&
        p[4] == ' ') {
      P->msg.method = H1_METHOD_POST;
      *pp = p + 5;
      return S_REQ_SPACES;
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
        *pp = q + 1;
        return S_REQ_SPACES;
      }
    }
  }
  for (; p < end; p++) {
    h1_method m;
    if (P->h1__mlen < H1__METHOD_MAX_LEN) {
      P->h1__mbuf[P->h1__mlen] = (char)*p;
      if (h1__method_prefix(P->h1__mbuf, (size_t)P->h1__mlen + 1)) {
        P->h1__mlen++;
        continue;
      }
    }
    m = P->h1__mlen ? h1__method_lookup(P->h1__mbuf, P->h1__mlen)
                    : H1_METHOD_NONE;
    *pp = p;
    if (m == H1_METHOD_NONE)
      return -1;
    P->msg.method = m;
    return S_REQ_FIRST_SPACE;
  }
  *pp = p;
  return S_REQ_METHOD;
}

/* Fast path: an origin-form target (path, then query) ended by SP, as
 * S_URL_PATH and S_URL_QUERY accept it and the target's end closes it.
 * Returns the SP, or NULL when the states must read the target. */
static const unsigned char *h1__origin_form(h1_parser *P,
                                            const unsigned char *p,
                                            const unsigned char *end) {
  const unsigned char *q = h1__scan_origin(p + 1, end);
  if (q == end || *q != ' ' ||
      P->h1__header_nread + (size_t)(q - p) >= P->h1__set.max_header_size)
    return NULL;
  P->msg.url.ptr = (const char *)p;
  P->msg.url.len = (size_t)(q - p);
  P->h1__header_nread += (size_t)(q - p);
  return q;
}

int h1__request_line(h1_parser *P, struct h1__run *r) {
  H1__RULE_LOCALS;

  while (p < end) {
    c = *p;
    switch (state) {

    case S_REQ_METHOD: {
      int next = h1__method(P, &p, end);
      if (next < 0)
        FAIL(H1_E_INVALID_METHOD, "Invalid method encountered", p);
      state = (unsigned)next;
      if (state == S_REQ_SPACES && p < end) {
        c = *p;
        goto req_spaces;
      }
      break;
    }

    case S_REQ_FIRST_SPACE:
      H1__RULE_EXPECT(' ', H1_E_INVALID_METHOD, "Expected space after method",
                      S_REQ_SPACES);
      break;

    case S_REQ_SPACES:
    req_spaces:
      if (c == ' ') {
        p++;
        break;
      }
      if (H1__FAST && c == '/' && P->msg.method != H1_METHOD_CONNECT) {
        const unsigned char *q = h1__origin_form(P, p, end);
        if (q != NULL) {
          p = q + 1;
          NEXT(S_URL_TO_HTTP, to_http);
        }
      }
      SPAN_OPEN(&P->msg.url, 1);
      if (P->msg.method == H1_METHOD_CONNECT)
        H1__RULE_LEAVE(S_URL_SERVER);
      if (c == '/') { /* S_URL_START's common case */
        p++;
        H1__RULE_LEAVE(S_URL_PATH);
      }
      H1__RULE_LEAVE(S_URL_START);

    case S_URL_SKIP_LF:
      H1__RULE_EXPECT('\n', H1_E_INVALID_URL, "Expected CRLF", S_URL_TO_HTTP09);
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
      H1__RULE_TO_FIELDS();

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
        H1__RULE_TO_FIELDS();
      }
      P->h1__index = 0;
      state = S_REQ_PROTO;
      /* fallthrough */
    case S_REQ_PROTO:
    case S_REQ_AFTER_PROTO:
    case S_REQ_MAJOR:
    case S_REQ_DOT:
    case S_REQ_MINOR: {
      int step;
      H1__RULE_VERSION(step, S_REQ_PROTO);
      if (state == S_REQ_PROTO && step == 1) {
        /* the protocol name is complete: does the method go with it? */
        if (!(flags & (F_PROTO_RTSP | F_PROTO_ICE)) &&
            !h1__method_is_http(P->msg.method))
          FAIL(H1_E_INVALID_CONSTANT, "Invalid method for HTTP/x.x request", p);
        if ((flags & F_PROTO_RTSP) && !h1__method_is_rtsp(P->msg.method))
          FAIL(H1_E_INVALID_CONSTANT, "Invalid method for RTSP/x.x request", p);
        if ((flags & F_PROTO_ICE) && P->msg.method != H1_METHOD_SOURCE)
          FAIL(H1_E_INVALID_CONSTANT,
               "Expected SOURCE method for ICE/x.x request", p);
      }
      if (step < 5) {
        state = S_REQ_PROTO + (unsigned)step;
        break;
      }
      if (STRICT_PROFILE &&
          !(P->msg.version_major == 1 && P->msg.version_minor <= 1))
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
      H1__RULE_LF(H1_LENIENT_OPTIONAL_LF_AFTER_CR, H1_E_STRICT,
                  "Expected CRLF after version");
      H1__RULE_TO_FIELDS();

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
