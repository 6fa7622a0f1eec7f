/*
 * parser_target.c -- the request target (RFC 9112 3.2), as llhttp's url
 * nodes read it: origin-form (a path and a query), absolute-form (a scheme,
 * "//", an authority, then a path), authority-form for CONNECT, and '*';
 * a fragment is taken.  SP ends the target, CR or LF a line without a
 * version; the target's span closes there.
 */
#include "parser_int.h"
#include "scan.h"
#include "tables.h"

#define FAIL H1__RULE_FAIL

/* SP, CR, LF, HTAB and FF: the bytes llhttp's url nodes call "Invalid
 * characters in url" (or, for the first three, the target's end). */
static int h1__url_space(unsigned c) {
  return c == ' ' || c == '\r' || c == '\n' || c == '\t' || c == '\f';
}

int h1__target(h1_parser *P, struct h1__run *r) {
  H1__RULE_LOCALS;
  const char *bad; /* the sentence for a bad character */

  while (p < end) {
    c = *p;
    switch (state) {

    case S_URL_START:
      if (c == '/' || c == '*') {
        p++;
        state = S_URL_PATH;
      } else if (H1__IS_ALPHA(c)) {
        state = S_URL_SCHEMA;
      } else {
        bad = "Unexpected start char in url";
        goto bad_char;
      }
      break;

    case S_URL_SCHEMA:
      if (H1__IS_ALPHA(c)) {
        p++;
      } else if (c == ':') {
        p++;
        P->h1__index = 0;
        state = S_URL_SCHEMA_DELIM;
      } else {
        bad = "Unexpected char in url schema";
        goto bad_char;
      }
      break;

    case S_URL_SCHEMA_DELIM:
      if (c == '/') {
        p++;
        if (++P->h1__index == 2)
          state = S_URL_SERVER;
      } else {
        bad = "Unexpected char in url schema";
        if (P->h1__index != 0) /* after a '/', any byte is that */
          FAIL(H1_E_INVALID_URL, bad, p);
        goto bad_char;
      }
      break;

    case S_URL_SERVER:
    case S_URL_SERVER_AT:
      if (h1__cls[c] & H1__C_SERVER) {
        p++;
        state = S_URL_SERVER;
      } else if (c == '/') {
        p++;
        state = S_URL_PATH;
      } else if (c == '?') {
        p++;
        state = S_URL_QUERY;
      } else if (c == '@') {
        if (state == S_URL_SERVER_AT)
          FAIL(H1_E_INVALID_URL, "Double @ in url", p + 1);
        p++;
        state = S_URL_SERVER_AT;
      } else {
        goto url_end;
      }
      break;

    case S_URL_PATH:
      p = h1__scan_path(p, end);
      if (p == end)
        break;
      c = *p;
      if (c == '?') {
        p++;
        state = S_URL_QUERY;
        break;
      }
      if (c == '#') {
        p++;
        state = S_URL_FRAGMENT;
        break;
      }
      goto url_end;

    case S_URL_QUERY:
      p = h1__scan_origin(p, end); /* query bytes: path bytes and '?' */
      if (p == end)
        break;
      c = *p;
      if (c == '#') {
        p++;
        state = S_URL_FRAGMENT;
        break;
      }
      goto url_end;

    case S_URL_FRAGMENT:
      while (p < end && ((h1__cls[*p] & H1__C_PATH) || *p == '?' || *p == '#'))
        p++;
      if (p == end)
        break;
      c = *p;
    url_end:
      /* SP, CR, LF end the target; HTAB/FF are invalid; anything else is a
       * bad character of the current component. */
      if (c == ' ' || c == '\r' || c == '\n') {
        SPAN_CLOSE(p, p);
        p++;
        H1__RULE_LEAVE(c == ' '    ? S_URL_TO_HTTP
                       : c == '\r' ? S_URL_SKIP_LF
                                   : S_URL_TO_HTTP09);
      }
      bad = state == S_URL_PATH       ? "Invalid char in url path"
            : state == S_URL_QUERY    ? "Invalid char in url query"
            : state == S_URL_FRAGMENT ? "Invalid char in url fragment start"
                                      : "Unexpected char in url server";
    bad_char:
      /* SP, CR, LF (not ending the target here), HTAB and FF are invalid
       * characters, reported after them; any other byte is `bad` at it */
      if (h1__url_space(c))
        FAIL(H1_E_INVALID_URL, "Invalid characters in url", p + 1);
      FAIL(H1_E_INVALID_URL, bad, p);

      H1__RULE_OTHER;
    }
  }
  H1__RULE_OUT;
}
