/*
 * parser_body.c -- the body: chunk data and the CRLF after it, a
 * Content-Length body, a body read until the peer closes, and the bytes after
 * a message that closes the connection.  Each call reports one BODY event
 * over the bytes it has.
 */
#include "parser_int.h"

#define FAIL H1__RULE_FAIL

int h1__body(h1_parser *P, struct h1__run *r, struct h1_event *ev) {
  H1__RULE_LOCALS;

  while (p < end) {
    c = *p;
    switch (state) {
    case S_CHUNK_DATA:
    case S_BODY_IDENTITY:
      state = h1__body_bytes(P, &p, end, state, ev);
      res = H1__R_EVENT;
      goto out;

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
      res = H1__R_EVENT;
      goto out;

    case S_CLOSED:
      if (c == '\r' || c == '\n') {
        p++;
        break;
      }
      if (!LENIENT(H1_LENIENT_DATA_AFTER_CLOSE))
        FAIL(H1_E_CLOSED_CONNECTION, "Data after `Connection: close`", p + 1);
      p++;
      break;

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
