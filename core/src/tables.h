/*
 * Character classes of the engine, as documented bitmaps.  Each class is the
 * set of bytes llhttp 9.3.1 (as built into Node 20) accepts in one grammar
 * position; the sets were checked byte by byte against Node.
 */
#ifndef H1_TABLES_H
#define H1_TABLES_H

#include <stdint.h>

enum {
  /* RFC 9110 tchar: ALPHA DIGIT ! # $ % & ' * + - . ^ _ ` | ~ */
  H1__C_TOKEN = 1u << 0,
  /* field-value bytes: HTAB, SP..~, 0x80..0xFF (not DEL, not other CTLs) */
  H1__C_HEADER = 1u << 1,
  /* request-target bytes in the path: 0x21..0x7E except ? and # */
  H1__C_PATH = 1u << 2,
  /* authority bytes: userinfo chars (ALPHA DIGIT - _ . ! ~ * ' ( ) % ; : & =
   * + $ ,) and [ ] */
  H1__C_SERVER = 1u << 3,
  /* HEXDIG */
  H1__C_HEX = 1u << 4,
  /* qdtext of a chunk-extension quoted-string: HTAB SP ! #..[ ]..~ obs-text */
  H1__C_QDTEXT = 1u << 5,
  /* quoted-pair second byte: HTAB SP VCHAR obs-text */
  H1__C_QPAIR = 1u << 6,
  /* tokens of Connection / Transfer-Encoding lists: field-value minus ',' */
  H1__C_CONN = 1u << 7
};

#define H1__IS_ALPHA(c)                                                        \
  (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define H1__IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define H1__IS_TOKEN(c)                                                        \
  (H1__IS_ALPHA(c) || H1__IS_DIGIT(c) || (c) == '!' || (c) == '#' ||           \
   (c) == '$' || (c) == '%' || (c) == '&' || (c) == '\'' || (c) == '*' ||      \
   (c) == '+' || (c) == '-' || (c) == '.' || (c) == '^' || (c) == '_' ||       \
   (c) == '`' || (c) == '|' || (c) == '~')
#define H1__IS_HEADER(c) ((c) == 9 || ((c) >= 32 && (c) != 127))
#define H1__IS_PATH(c) ((c) > 32 && (c) < 127 && (c) != '?' && (c) != '#')
#define H1__IS_SERVER(c)                                                       \
  (H1__IS_ALPHA(c) || H1__IS_DIGIT(c) || (c) == '-' || (c) == '_' ||           \
   (c) == '.' || (c) == '!' || (c) == '~' || (c) == '*' || (c) == '\'' ||      \
   (c) == '(' || (c) == ')' || (c) == '%' || (c) == ';' || (c) == ':' ||       \
   (c) == '&' || (c) == '=' || (c) == '+' || (c) == '$' || (c) == ',' ||       \
   (c) == '[' || (c) == ']')
#define H1__IS_HEX(c)                                                          \
  (H1__IS_DIGIT(c) || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))
#define H1__IS_QDTEXT(c)                                                       \
  ((c) == 9 || (c) == 32 || (c) == 33 || ((c) >= 0x23 && (c) <= 0x5b) ||       \
   ((c) >= 0x5d && (c) <= 0x7e) || (c) >= 0x80)
#define H1__IS_QPAIR(c) ((c) == 9 || ((c) >= 32 && (c) != 127))
#define H1__IS_CONN(c) (H1__IS_HEADER(c) && (c) != ',')

#define H1__CLS(c)                                                             \
  (uint8_t)((H1__IS_TOKEN(c) ? H1__C_TOKEN : 0) |                              \
            (H1__IS_HEADER(c) ? H1__C_HEADER : 0) |                            \
            (H1__IS_PATH(c) ? H1__C_PATH : 0) |                                \
            (H1__IS_SERVER(c) ? H1__C_SERVER : 0) |                            \
            (H1__IS_HEX(c) ? H1__C_HEX : 0) |                                  \
            (H1__IS_QDTEXT(c) ? H1__C_QDTEXT : 0) |                            \
            (H1__IS_QPAIR(c) ? H1__C_QPAIR : 0) |                              \
            (H1__IS_CONN(c) ? H1__C_CONN : 0))

#define H1__R4(b) H1__CLS(b), H1__CLS(b + 1), H1__CLS(b + 2), H1__CLS(b + 3)
#define H1__R16(b) H1__R4(b), H1__R4(b + 4), H1__R4(b + 8), H1__R4(b + 12)
#define H1__R64(b) H1__R16(b), H1__R16(b + 16), H1__R16(b + 32), H1__R16(b + 48)

/* The class table, generated at compile time from the macros above. */
static const uint8_t h1__cls[256] = {H1__R64(0), H1__R64(64), H1__R64(128),
                                     H1__R64(192)};

/* ASCII lower-casing that leaves every other byte alone (the safe tolower
 * of CVE-2020-8201: CR must never become '-'). */
#define H1__LOWER(c)                                                           \
  ((unsigned char)(((c) >= 'A' && (c) <= 'Z') ? ((c) | 0x20) : (c)))

#endif /* H1_TABLES_H */
