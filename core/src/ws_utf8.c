/*
 * ws_utf8.c -- incremental UTF-8 validation (RFC 3629) for text messages and
 * close reasons: the state is the number of continuation bytes still due and
 * the range the next one must fall in, which is how overlongs (E0 80..9F,
 * F0 80..8F), surrogates (ED A0..BF) and code points past U+10FFFF (F4 90..,
 * F5..FF) are refused at their first impossible byte.
 */
#include "h1/h1_ws.h"
#include <string.h>

void h1_ws_utf8_init(struct h1_ws_utf8 *u) {
  u->need = 0;
  u->lo = 0x80;
  u->hi = 0xBF;
}

/* Starts a sequence with lead byte b; 0 when b cannot lead one. */
static int lead(struct h1_ws_utf8 *u, unsigned b) {
  u->lo = 0x80;
  u->hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    u->need = 1;
  } else if (b >= 0xE0 && b <= 0xEF) {
    u->need = 2;
    if (b == 0xE0)
      u->lo = 0xA0; /* below: overlong */
    else if (b == 0xED)
      u->hi = 0x9F; /* above: surrogates */
  } else if (b >= 0xF0 && b <= 0xF4) {
    u->need = 3;
    if (b == 0xF0)
      u->lo = 0x90; /* below: overlong */
    else if (b == 0xF4)
      u->hi = 0x8F; /* above: past U+10FFFF */
  } else {
    return 0; /* 80..C1 (continuation, overlong 2-byte), F5..FF */
  }
  return 1;
}

size_t h1_ws_utf8_feed(struct h1_ws_utf8 *u, const void *data, size_t len) {
  const unsigned char *s = (const unsigned char *)data;
  size_t i = 0;
  struct h1_ws_utf8 st = *u;

  while (i < len) {
    unsigned b = s[i];
    if (st.need == 0) {
      if (b < 0x80) {
        uint64_t w;
        /* ASCII runs 8 bytes at a time */
        for (i++; i + 8 <= len; i += 8) {
          memcpy(&w, s + i, 8);
          if (w & 0x8080808080808080ull)
            break;
        }
        continue;
      }
      if (!lead(&st, b))
        break;
    } else {
      if (b < st.lo || b > st.hi)
        break;
      st.need--;
      st.lo = 0x80;
      st.hi = 0xBF;
    }
    i++;
  }
  *u = st;
  return i;
}

int h1_ws_utf8_complete(const struct h1_ws_utf8 *u) {
  return u->need == 0;
}

int h1_ws_utf8_valid(const void *data, size_t len) {
  struct h1_ws_utf8 u;
  h1_ws_utf8_init(&u);
  return h1_ws_utf8_feed(&u, data, len) == len && h1_ws_utf8_complete(&u);
}
