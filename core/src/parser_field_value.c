/*
 * parser_field_value.c -- a field line's value (RFC 9112 5): OWS, the value
 * bytes (those of framing fields by parser_framing_value.c), CR LF, and
 * obs-fold where lenient; then the line is complete: its flags, the strict
 * profile's rules on it, Expect: 100-continue.
 */
#include "parser_int.h"

#include "scan.h"
#include "tables.h"
#include "text.h"

#define FAIL H1__RULE_FAIL

/* A field line is complete: llhttp's setHeaderFlags, the strict profile's
 * rules, and Node's Expect: 100-continue.  NULL, or the sentence of an
 * error (*code its code). */
const char *h1__field_done(h1_parser *P, uint32_t *flags, h1_errno *code) {
  const struct h1_header *h = &P->h1__slots[P->h1__nlines - 1];
  *flags |= h1__token_flag(P->h1__header_state);
  if (STRICT_PROFILE) {
    uint32_t f = *flags; /* a copy: the caller's flags stay in a register */
    const char *no = h1__strict_field(P, &f, code);
    *flags = f;
    if (no != NULL)
      return no;
  }
  if (h->name.len == 6 && P->h1__set.type == H1_REQUEST &&
      !(*flags & H1_F_TRAILING) && h1_span_ieq(h->name, "expect", 6) &&
      h1__has_word(h->value, "100-continue", 12))
    *flags |= F_EXPECT_SEEN;
  return NULL;
}

int h1__field_value(h1_parser *P, struct h1__run *r) {
  H1__RULE_LOCALS;
  struct h1_span *sp;

  while (p < end) {
    c = *p;
    switch (state) {

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
      SPAN_OPEN(&P->h1__slots[P->h1__nlines - 1].value, 4);
      goto value_start;

    case S_VALUE_DISCARD_WS_ALMOST:
      H1__RULE_LF(H1_LENIENT_HEADERS, H1_E_STRICT, "Expected LF after CR");
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
      H1__RULE_EXPECT('\n', H1_E_LF_EXPECTED,
                      "Missing expected LF after header value", S_VALUE_LWS);
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
    value_complete : {
      h1_errno code = H1_E_STRICT;
      const char *no = h1__field_done(P, &flags, &code);
      if (no != NULL)
        FAIL(code, no, p);
    }
      H1__RULE_LEAVE(S_FIELD_START);

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
