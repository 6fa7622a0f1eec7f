/*
 * parser_names.h -- the special field names (llhttp's SPECIAL_HEADERS),
 * the Connection tokens and the HTTP/1.x version, matched a word at a time.
 * Inline: the head loop keeps its registers when the compiler sees these.
 */
#ifndef H1_PARSER_NAMES_H
#define H1_PARSER_NAMES_H

#include <string.h>

#include "parser_int.h"
#include "text.h"

/* llhttp's SPECIAL_HEADERS: the names whose values frame the message. */
static inline uint8_t h1__special_header(struct h1_span head,
                                         struct h1_span tail) {
  switch (head.len + tail.len) {
  case 7:
    return h1__ieq_split(head, tail, "upgrade", 7) ? HS_UPGRADE : HS_GENERAL;
  case 10:
    return h1__ieq_split(head, tail, "connection", 10) ? HS_CONNECTION
                                                       : HS_GENERAL;
  case 14:
    return h1__ieq_split(head, tail, "content-length", 14) ? HS_CONTENT_LENGTH
                                                           : HS_GENERAL;
  case 16:
    return h1__ieq_split(head, tail, "proxy-connection", 16) ? HS_CONNECTION
                                                             : HS_GENERAL;
  case 17:
    return h1__ieq_split(head, tail, "transfer-encoding", 17)
               ? HS_TRANSFER_ENCODING
               : HS_GENERAL;
  default:
    return HS_GENERAL;
  }
}

/* h1__special_header for a name in one piece.  Its bytes are tchars (the
 * scan that ended it guarantees this), plus SP under H1_LENIENT_HEADERS.
 * ORing 0x20 into such a byte gives a lower-case letter only for that
 * letter in either case, and '-' only for '-' (0x0D, the other byte that
 * becomes '-', is neither), so eight bytes compare at once.  Names of 4 to
 * 16 bytes: two overlapping words cover each. */
static inline uint64_t h1__load8(const unsigned char *s) {
  uint64_t w;
  memcpy(&w, s, 8);
  return w | 0x2020202020202020u;
}
static inline int h1__name_is(const unsigned char *s, size_t n,
                              const char *lower) {
  if (n < 8) { /* 4 to 7 bytes */
    uint32_t a, b, la, lb;
    memcpy(&a, s, 4);
    memcpy(&b, s + n - 4, 4);
    memcpy(&la, lower, 4);
    memcpy(&lb, lower + n - 4, 4);
    return ((a | 0x20202020u) == la) && ((b | 0x20202020u) == lb);
  } else {
    uint64_t la, lb;
    memcpy(&la, lower, 8);
    memcpy(&lb, lower + n - 8, 8);
    return (h1__load8(s) == la) && (h1__load8(s + n - 8) == lb);
  }
}
static inline uint8_t h1__special_name(const unsigned char *s, size_t n) {
  switch (n) {
  case 7:
    return h1__name_is(s, 7, "upgrade") ? HS_UPGRADE : HS_GENERAL;
  case 10:
    return h1__name_is(s, 10, "connection") ? HS_CONNECTION : HS_GENERAL;
  case 14:
    return h1__name_is(s, 14, "content-length") ? HS_CONTENT_LENGTH
                                                : HS_GENERAL;
  case 16:
    return h1__name_is(s, 16, "proxy-connection") ? HS_CONNECTION : HS_GENERAL;
  case 17:
    /* "transfer-encoding": 8 + 8 + the last byte */
    return (h1__name_is(s, 16, "transfer-encodin") && (s[16] | 0x20) == 'g')
               ? HS_TRANSFER_ENCODING
               : HS_GENERAL;
  default:
    return HS_GENERAL;
  }
}

/* How many bytes from p match `lower` (a NUL-terminated lower-case literal)
 * case-insensitively, stopping at the end of data or of the literal. */
static inline size_t h1__match_lower(const unsigned char *p,
                                     const unsigned char *end,
                                     const char *lower) {
  size_t k = 0;
  while (p + k < end && lower[k] != '\0' &&
         H1__LOWER(p[k]) == (unsigned char)lower[k])
    k++;
  return k;
}

/* Whether the whole Connection token `which` (close, upgrade, keep-alive)
 * is at p, case-insensitively: what h1__match_lower finds byte by byte, a
 * word at a time.  Letters compare ORed with 0x20 (exact for a letter: only
 * its two cases give it), '-' exactly (0x0D | 0x20 is '-' too: the
 * CVE-2020-8201 trap). */
static inline int h1__conn_token(const unsigned char *p,
                                 const unsigned char *end, unsigned which) {
  uint32_t a, b;
  switch (which) {
  case 0:
    if (end - p < 5)
      return 0;
    memcpy(&a, p, 4);
    memcpy(&b, "clos", 4);
    return (a | 0x20202020u) == b && (p[4] | 0x20) == 'e';
  case 1:
    if (end - p < 7)
      return 0;
    memcpy(&a, p, 4);
    memcpy(&b, "upgr", 4);
    if ((a | 0x20202020u) != b)
      return 0;
    memcpy(&a, p + 3, 4);
    memcpy(&b, "rade", 4);
    return (a | 0x20202020u) == b;
  default: {
    static const unsigned char m8[8] = {0x20, 0x20, 0x20, 0x20,
                                        0,    0x20, 0x20, 0x20};
    uint64_t w, l, m;
    if (end - p < 10)
      return 0;
    memcpy(&w, p, 8);
    memcpy(&l, "keep-ali", 8);
    memcpy(&m, m8, 8);
    return (w | m) == l && (p[8] | 0x20) == 'v' && (p[9] | 0x20) == 'e';
  }
  }
}

/* Whether the 8 bytes at p are "HTTP/1.1" or "HTTP/1.0". */
static inline int h1__http1x(const unsigned char *p) {
  uint64_t w, v11, v10;
  memcpy(&w, p, 8);
  memcpy(&v11, "HTTP/1.1", 8);
  memcpy(&v10, "HTTP/1.0", 8);
  return w == v11 || w == v10;
}

/* Whether the 2 bytes at p are CR LF: one compare. */
static inline int h1__is_crlf(const unsigned char *p) {
  uint16_t t, crlf;
  memcpy(&t, p, 2);
  memcpy(&crlf, "\r\n", 2);
  return t == crlf;
}

/* Whether the 10 bytes at p are "HTTP/1.1\r\n" or "HTTP/1.0\r\n". */
static inline int h1__http1x_crlf(const unsigned char *p) {
  return h1__http1x(p) && h1__is_crlf(p + 8);
}

#endif /* H1_PARSER_NAMES_H */
