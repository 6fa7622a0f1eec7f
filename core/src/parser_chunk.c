/*
 * parser_chunk.c -- the chunk-size line of a chunked body (RFC 9112 7.1):
 * hex digits, chunk extensions (names, token or quoted values), CRLF; a
 * zero size opens the trailer section.  The states S_CHUNK_SIZE_START to
 * S_CHUNK_SIZE_ALMOST, as llhttp 9.3.1 walks them; and the chunked body,
 * chunk lines and chunk data (parser_body.c) in turn.
 */
#include "parser_framing.h"
#include "parser_int.h"
#include "parser_names.h"
#include "tables.h"

#define FAIL H1__RULE_FAIL

/* The value of a hex digit c: '0'-'9' are 0x30-0x39, 'A'-'F' 0x41-0x46 and
 * 'a'-'f' 0x61-0x66, so the low nibble is the value, plus 9 for a letter
 * (bit 6 set). */
static inline unsigned h1__hex_value(unsigned c) {
  return (c & 0xfu) + (c >> 6) * 9u;
}

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
        uint64_t d = h1__hex_value(c);
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
      H1__RULE_LF(H1_LENIENT_OPTIONAL_LF_AFTER_CR, H1_E_STRICT,
                  "Expected LF after chunk size");
      state = h1__chunk_header(P, &flags);
      break;

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}

/* Fast path: at the CRLF after a chunk's data or at a chunk-size line, a
 * buffer that holds the whole of [CRLF] 1*15HEXDIG CRLF is taken as the
 * states S_CHUNK_DATA_ALMOST to S_CHUNK_SIZE_ALMOST take it.  Returns 0
 * when it took nothing: the states read the bytes. */
static int h1__chunk_line_fast(h1_parser *P, struct h1__run *r) {
  const unsigned char *p = r->p, *q;
  const unsigned char *const end = r->end;
  uint64_t size = 0;
  if (r->state == S_CHUNK_DATA_ALMOST) {
    if (P->h1__index != 0 || end - p < 2 || p[0] != '\r' || p[1] != '\n')
      return 0;
    p += 2;
  }
  {
    /* at most 15 digits: no overflow, and no bound check per digit */
    const unsigned char *lim = end - p > 15 ? p + 15 : end;
    for (q = p; q < lim && (h1__cls[*q] & H1__C_HEX); q++)
      size = size << 4 | h1__hex_value(*q);
  }
  if (q == p || end - q < 2 || !h1__is_crlf(q))
    return 0;
  P->h1__remaining = size;
  r->p = q + 2;
  r->state = h1__chunk_header(P, &r->flags);
  return 1;
}

size_t h1__next_chunk(h1_parser *P, const char *data, size_t len,
                      struct h1_event *ev) {
  struct h1__run r;
  unsigned state;
  size_t k;
  r.p = (const unsigned char *)data;
  r.end = r.p + len;
  r.state = P->h1__state;
  r.flags = P->h1__flags;
  if (len == 0 || !h1__chunk_line_fast(P, &r))
    return h1__execute(P, data, len, ev);
  ev->type = H1_EV_NONE;
  ev->data.ptr = NULL;
  ev->data.len = 0;
  state = r.state;
  if (state == S_CHUNK_DATA && r.p < r.end) {
    state = h1__body_bytes(P, &r.p, r.end, state, ev);
  } else if (state == S_FIELD_START && r.end - r.p >= 2 && r.p[0] == '\r' &&
             r.p[1] == '\n') {
    /* the last chunk, and no trailers */
    r.p += 2;
    h1__trailers_end(P, &r.flags);
    state = S_MESSAGE_DONE;
    h1__message_end(P, &state, &r.flags, ev);
  }
  k = (size_t)((const char *)r.p - data);
  P->h1__state = (uint16_t)state;
  P->h1__flags = r.flags;
  P->nread += k;
  if (ev->type == H1_EV_NONE) /* the rest by the machine */
    k += h1__execute(P, data + k, len - k, ev);
  return k;
}

/* Chunk lines and chunk data one after the other, without a return to the
 * machine between them, until an event, an error, the end of the data or
 * the trailer section. */
int h1__chunked_body(h1_parser *P, struct h1__run *r, struct h1_event *ev) {
  int res;
  do {
    res = r->state <= S_CHUNK_SIZE_ALMOST ? h1__chunk_line(P, r)
                                          : h1__body(P, r, ev);
  } while (res == H1__R_NEXT && r->state >= S_CHUNK_SIZE_START &&
           r->state <= S_CLOSED);
  return res;
}
