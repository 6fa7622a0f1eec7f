/*
 * parser_status.c -- the status line (RFC 9112 4): the HTTP-version
 * (parser_version.c, but for the fast path of "HTTP/1.1 " and "HTTP/1.0 "
 * with a three-digit code), SP, three digits, SP and the reason phrase,
 * CRLF.
 */
#include "parser_int.h"
#include "parser_names.h"
#include "scan.h"
#include "tables.h"

#define FAIL H1__RULE_FAIL

int h1__status_line(h1_parser *P, struct h1__run *r) {
  H1__RULE_LOCALS;

  while (p < end) {
    c = *p;
    switch (state) {

    case S_RES_PROTO:
      /* Fast path: "HTTP/1.1 " or "HTTP/1.0 " and three digits; exactly
       * what the byte-by-byte states accept. */
      if (H1__FAST && P->h1__index == 0 && end - p >= 12 && h1__http1x(p) &&
          p[8] == ' ' && H1__IS_DIGIT(p[9]) && H1__IS_DIGIT(p[10]) &&
          H1__IS_DIGIT(p[11])) {
        flags &= ~(F_PROTO_RTSP | F_PROTO_ICE);
        P->msg.version_major = 1;
        P->msg.version_minor = (uint8_t)(p[7] - '0');
        P->msg.status =
            (uint16_t)((p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0'));
        p += 12;
        state = S_RES_STATUS_OTHER;
        break;
      }
      /* fallthrough */
    case S_RES_AFTER_PROTO:
    case S_RES_MAJOR:
    case S_RES_DOT:
    case S_RES_MINOR: {
      int step;
      H1__RULE_VERSION(step, S_RES_PROTO);
      state = S_RES_PROTO + (unsigned)step; /* 5: S_RES_AFTER_VERSION */
      break;
    }

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
        H1__RULE_TO_FIELDS();
      } else {
        FAIL(H1_E_INVALID_STATUS, "Invalid response status", p);
      }
      break;

    case S_RES_STATUS_START:
      SPAN_OPEN(&P->msg.reason, 2);
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
        H1__RULE_TO_FIELDS();
      }
      break;
    }

    case S_RES_LINE_ALMOST:
      if (c == '\n' || c == '\r') /* 9.3.1 takes a second CR here too */
        p++;
      else if (!LENIENT(H1_LENIENT_OPTIONAL_LF_AFTER_CR))
        FAIL(H1_E_STRICT, "Expected LF after CR", p);
      H1__RULE_TO_FIELDS();

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
