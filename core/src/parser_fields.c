/*
 * parser_fields.c -- the field lines of a head or a trailer section
 * (RFC 9112 5): a name, ':', OWS, a value (the values of framing fields in
 * parser_values.c), CRLF, obs-fold where lenient, until the empty line.
 * The spans of names and values go to the slots; the header byte count,
 * the framing flags and the strict profile's field rules are kept as each
 * line ends.
 */
#include "parser_int.h"

#include "parser_names.h"
#include "scan.h"
#include "tables.h"
#include "text.h"

#define FAIL H1__RULE_FAIL
#define NEXT H1__RULE_NEXT

/* A field line is complete: llhttp's setHeaderFlags, the strict profile's
 * rules, and Node's Expect: 100-continue.  NULL, or the sentence of an
 * error (*code its code). */
static const char *h1__field_done(h1_parser *P, uint32_t *flags,
                                  h1_errno *code) {
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

int h1__field_lines(h1_parser *P, struct h1__run *r) {
  H1__RULE_LOCALS;
  struct h1_span *sp;

  while (p < end) {
    c = *p;
    switch (state) {

    case S_HEADERS_START:
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
      sp = &P->h1__slots[P->h1__nlines].value;
      P->h1__nlines++;
      sp->ptr = (const char *)p;
      sp->len = 0;
      SPAN_OPEN(&P->h1__slots[P->h1__nlines - 1].name, 3);
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
      NEXT(S_FIELD_START, field_start);

    case S_HEADERS_ALMOST:
    headers_almost:
      H1__RULE_LF(H1_LENIENT_OPTIONAL_LF_AFTER_CR, H1_E_STRICT,
                  "Expected LF after headers");
    section_end:
      if (flags & H1_F_TRAILING) {
        /* the trailer section ends the message */
        h1__trailers_end(P, &flags);
        H1__RULE_LEAVE(S_MESSAGE_DONE);
      }
      res = H1__R_HEAD;
      goto out;

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
