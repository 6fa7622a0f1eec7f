/*
 * parser_version.c -- the HTTP-version of a request line or a status line
 * (RFC 9112 2.3), as llhttp reads it in both: "HTTP", "RTSP" or "ICE"
 * (a trie, one byte at a time), '/', a digit, '.', a digit, and the
 * versions llhttp knows unless H1_LENIENT_VERSION.
 */
#include "parser_int.h"
#include "tables.h"

int h1__version(h1_parser *P, int step, uint32_t *flags,
                const unsigned char **pp, struct h1__run *r) {
  static const char *const protos[3] = {"HTTP", "RTSP", "ICE"};
  const unsigned char *p = *pp;
  const unsigned char *const end = r->end;
  unsigned ma, mi, c;

  for (; p < end; p++) {
    c = *p;
    switch (step) {
    case 0: {
      unsigned i = P->h1__index, which;
      if (i == 0) {
        which = c == 'H' ? 0 : c == 'R' ? 1 : c == 'I' ? 2 : 3;
        if (which == 3)
          goto bad_proto;
        *flags = (*flags & ~(F_PROTO_RTSP | F_PROTO_ICE)) |
                 (which == 1   ? F_PROTO_RTSP
                  : which == 2 ? F_PROTO_ICE
                               : 0);
      } else {
        which = (*flags & F_PROTO_RTSP) ? 1 : (*flags & F_PROTO_ICE) ? 2 : 0;
        if ((unsigned char)protos[which][i] != c)
          goto bad_proto;
      }
      P->h1__index = (uint8_t)++i;
      if (protos[which][i] == '\0') {
        *pp = p + 1;
        return 1; /* the caller checks the protocol against the method */
      }
      break;
    }
    case 1:
      if (c != '/')
        goto bad_proto;
      step = 2;
      break;
    case 2:
      if (!H1__IS_DIGIT(c)) {
        r->why = "Invalid major version";
        goto bad_version;
      }
      P->msg.version_major = (uint8_t)(c - '0');
      step = 3;
      break;
    case 3:
      if (c != '.') {
        r->why = "Expected dot";
        goto bad_version;
      }
      step = 4;
      break;
    default:
      if (!H1__IS_DIGIT(c)) {
        r->why = "Invalid minor version";
        goto bad_version;
      }
      ma = P->msg.version_major;
      mi = c - '0';
      P->msg.version_minor = (uint8_t)mi;
      *pp = p + 1;
      if (!LENIENT(H1_LENIENT_VERSION) &&
          !((ma == 0 && mi == 9) || (ma == 1 && mi <= 1) ||
            (ma == 2 && mi == 0))) {
        r->err = H1_E_INVALID_VERSION;
        r->why = "Invalid HTTP version";
        return -1;
      }
      return 5;
    }
  }
  *pp = p;
  return step;

bad_proto:
  r->err = H1_E_INVALID_CONSTANT;
  r->why = "Expected HTTP/, RTSP/ or ICE/";
  *pp = p;
  return -1;
bad_version:
  r->err = H1_E_INVALID_VERSION;
  *pp = p;
  return -1;
}
