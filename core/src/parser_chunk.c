/*
 * parser_chunk.c -- the chunk-size line of a chunked body (RFC 9112 7.1):
 * hex digits, chunk extensions (names, token or quoted values), CRLF; a
 * zero size opens the trailer section.  The states S_CHUNK_SIZE_START to
 * S_CHUNK_SIZE_ALMOST, as llhttp 9.3.1 walks them.
 */
#include "parser_int.h"
#include "tables.h"

#define FAIL H1__RULE_FAIL

int h1__chunk_line(h1_parser *P, struct h1__run *r) {
  H1__RULE_LOCALS;

  while (p < end) {
    c = *p;
    switch (state) {

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
      state = S_CHUNK_EXT_NAME;
    ext_open:
      P->h1__span_kind = 5;
      flags |= F_SPAN_OPEN | F_SPAN_EXT;
      mark = p;
      /* fallthrough */
    case S_CHUNK_EXT_NAME:
    case S_CHUNK_EXT_VALUE:
      while (p < end && (h1__cls[*p] & H1__C_TOKEN))
        p++;
      if (p == end)
        break;
      c = *p;
      if (c == '"' && state == S_CHUNK_EXT_VALUE) {
        p++;
        state = S_CHUNK_EXT_QUOTED;
        break;
      }
      SPAN_CLOSE(p, c == '\n' ? p : p + 1);
      if (c != '=' || state == S_CHUNK_EXT_VALUE)
        goto ext_end;
      p++;
      state = S_CHUNK_EXT_VALUE;
      goto ext_open;

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

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
