/*
 * parser_fields.c -- the field lines of a head or a trailer section
 * (RFC 9112 5): each line's name and ':' (its value by
 * parser_field_value.c, but for the fast paths of plain lines), until the
 * empty line that ends the section.  Names go to the slots; the framing
 * fields are recognised by name.
 */
#include "parser_int.h"

#include "parser_names.h"
#include "scan.h"
#include "tables.h"
#include "text.h"

#define FAIL H1__RULE_FAIL
#define NEXT H1__RULE_NEXT

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
            {
              h1_errno code = H1_E_STRICT;
              const char *no = h1__field_done(P, &flags, &code);
              if (no != NULL)
                FAIL(code, no, p);
            }
            NEXT(S_FIELD_START, field_start);
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
