/*
 * parser_status.c -- the rest of a status line after the version
 * (RFC 9112 4): SP, three digits, SP and the reason phrase, CRLF.  The
 * version itself shares the request line's states (parser.c).
 */
#include "parser_int.h"
#include "scan.h"
#include "tables.h"

#define FAIL H1__RULE_FAIL

int h1__status_line(h1_parser *P, struct h1__run *r) {
  H1__RULE_LOCALS;

  while (p < end) {
    c = *p;
    switch (state) {

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

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
