/*
 * parser_framing_value.c -- the values of the fields that frame a message, as
 * llhttp reads them: Transfer-Encoding (is "chunked" the last coding?),
 * Content-Length (digits, then OWS) and Connection (close, upgrade,
 * keep-alive among the tokens).  A value's CR or LF, and any byte these
 * grammars do not take, goes back to the value (parser_field_value.c),
 * which ends the value.
 */
#include "parser_int.h"

#include "parser_names.h"
#include "tables.h"

#define FAIL H1__RULE_FAIL

int h1__framing_value(h1_parser *P, struct h1__run *r) {
  H1__RULE_LOCALS;

  while (p < end) {
    c = *p;
    switch (state) {

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
        H1__RULE_LEAVE(S_VALUE);
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
        H1__RULE_LEAVE(S_VALUE);
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
        flags |= h1__token_flag(P->h1__header_state);
        P->h1__header_state = HS_CONNECTION;
        P->h1__index = 0;
        p++;
        state = S_CONN;
      } else if (c == ' ') {
        p++;
      } else if (c == '\r' || c == '\n') {
        H1__RULE_LEAVE(S_VALUE);
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
        H1__RULE_LEAVE(S_VALUE);
      }
      break;

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
