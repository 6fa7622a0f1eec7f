/*
 * ws_writer.c -- frames into the caller's buffer.  Every call checks first
 * (role and mask, the message sequence, control sizes, close codes, UTF-8)
 * and writes only when the whole frame is valid and fits: a writer cannot
 * put an invalid frame on the wire, and a refused call changes nothing.
 */
#include "h1/h1_ws.h"
#include <string.h>

void h1_ws_writer_init(h1_ws_writer *w, h1_ws_role role, uint32_t flags) {
  memset(w, 0, sizeof *w);
  w->h1__role = role;
  w->h1__flags = flags;
  h1_ws_utf8_init(&w->h1__utf8);
}

size_t h1_ws_header_size(uint64_t payload_len, int masked) {
  size_t n = payload_len < 126u ? 2u : payload_len <= 0xFFFFu ? 4u : 10u;
  return n + (masked ? 4u : 0u);
}

void h1_ws_mask(void *dst, const void *src, size_t len,
                const unsigned char mask[4], uint64_t offset) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  unsigned char key8[8];
  uint64_t k8, w;
  size_t i = 0;
  unsigned k = (unsigned)(offset & 3u), j;

  /* 8 bytes at a time with the key rotated to the phase (memcpy keeps it
   * free of alignment and aliasing rules), then the tail byte by byte */
  for (j = 0; j < 8; j++)
    key8[j] = mask[(k + j) & 3u];
  memcpy(&k8, key8, 8);
  for (; i + 8 <= len; i += 8) {
    memcpy(&w, s + i, 8);
    w ^= k8;
    memcpy(d + i, &w, 8);
  }
  for (; i < len; i++)
    d[i] = (unsigned char)(s[i] ^ mask[(k + i) & 3u]);
}

/* The checks every frame passes: not closed, the mask matches the role. */
static h1_ws_errno check_common(const h1_ws_writer *w,
                                const unsigned char *mask) {
  if (w->closed)
    return H1_WS_E_CLOSED;
  if ((w->h1__role == H1_WS_CLIENT) != (mask != NULL))
    return H1_WS_E_MASK_ROLE;
  return H1_WS_E_OK;
}

/* Writes one checked frame: header, then the payload (masked if mask). */
static h1_ws_errno put_frame(h1_ws_writer *w, unsigned b0,
                             const unsigned char *mask, const void *payload,
                             size_t len, char *out, size_t cap,
                             size_t *written) {
  size_t hs = h1_ws_header_size(len, mask != NULL), o = 0;
  unsigned char *u = (unsigned char *)out;
  int i;

  if (len > SIZE_MAX - hs || cap < hs + len) {
    *written = len > SIZE_MAX - hs ? SIZE_MAX : hs + len;
    return H1_WS_E_NO_ROOM;
  }
  u[o++] = (unsigned char)b0;
  if (len < 126u) {
    u[o++] = (unsigned char)len;
  } else if (len <= 0xFFFFu) {
    u[o++] = 126u;
    u[o++] = (unsigned char)(len >> 8);
    u[o++] = (unsigned char)len;
  } else {
    u[o++] = 127u;
    for (i = 7; i >= 0; i--)
      u[o++] = (unsigned char)((uint64_t)len >> (8 * i));
  }
  if (mask != NULL) {
    u[1] |= 0x80u;
    memcpy(u + o, mask, 4);
    o += 4;
    h1_ws_mask(u + o, payload, len, mask, 0);
  } else if (len > 0) {
    memcpy(u + o, payload, len);
  }
  *written = o + len;
  w->frames++;
  return H1_WS_E_OK;
}

h1_ws_errno h1_ws_write_data(h1_ws_writer *w, h1_ws_opcode opcode, int fin,
                             const unsigned char *mask, const void *payload,
                             size_t len, char *out, size_t cap,
                             size_t *written) {
  h1_ws_errno e;
  unsigned msg_op;
  struct h1_ws_utf8 u = w->h1__utf8;

  if ((e = check_common(w, mask)) != H1_WS_E_OK)
    return e;
  if (opcode == H1_WS_OP_CONTINUATION) {
    if (w->h1__msg_op == 0)
      return H1_WS_E_NOT_IN_MESSAGE;
    msg_op = w->h1__msg_op;
  } else if (opcode == H1_WS_OP_TEXT || opcode == H1_WS_OP_BINARY) {
    if (w->h1__msg_op != 0)
      return H1_WS_E_IN_MESSAGE;
    msg_op = (unsigned)opcode;
    h1_ws_utf8_init(&u);
  } else {
    return H1_WS_E_BAD_OPCODE;
  }
  if (msg_op == H1_WS_OP_TEXT && (w->h1__flags & H1_WS_WRITE_CHECK_UTF8) &&
      (h1_ws_utf8_feed(&u, payload, len) != len ||
       (fin && !h1_ws_utf8_complete(&u))))
    return H1_WS_E_BAD_UTF8;
  if ((e = put_frame(w, (fin ? 0x80u : 0u) | (unsigned)opcode, mask, payload,
                     len, out, cap, written)) != H1_WS_E_OK)
    return e;
  w->h1__utf8 = u;
  w->h1__msg_op = fin ? 0u : (uint8_t)msg_op;
  return H1_WS_E_OK;
}

/* The most payload one frame can carry in `cap` bytes with this header. */
static size_t fits(size_t cap, size_t header, size_t form_max) {
  if (cap <= header)
    return 0;
  return cap - header < form_max ? cap - header : form_max;
}

h1_ws_errno h1_ws_write_some(h1_ws_writer *w, h1_ws_opcode opcode, int last,
                             const unsigned char *mask, const void *payload,
                             size_t len, char *out, size_t cap,
                             size_t *consumed, size_t *written) {
  size_t m = mask != NULL ? 4u : 0u, n, best;
  h1_ws_errno e;

  best = fits(cap, 2u + m, 125u);
  n = fits(cap, 4u + m, 0xFFFFu);
  best = n > best ? n : best;
  n = fits(cap, 10u + m, SIZE_MAX);
  best = n > best ? n : best;
  n = len < best ? len : best;
  if (n == 0 && len > 0) {
    *written = h1_ws_header_size(1, mask != NULL) + 1u;
    return H1_WS_E_NO_ROOM;
  }
  e = h1_ws_write_data(w, opcode, last && n == len, mask, payload, n, out, cap,
                       written);
  if (e == H1_WS_E_OK)
    *consumed = n;
  return e;
}

static h1_ws_errno write_control(h1_ws_writer *w, unsigned op,
                                 const unsigned char *mask, const void *payload,
                                 size_t len, char *out, size_t cap,
                                 size_t *written) {
  h1_ws_errno e;
  if ((e = check_common(w, mask)) != H1_WS_E_OK)
    return e;
  if (len > H1_WS_MAX_CONTROL_PAYLOAD)
    return H1_WS_E_CONTROL_PAYLOAD;
  return put_frame(w, 0x80u | op, mask, payload, len, out, cap, written);
}

h1_ws_errno h1_ws_write_ping(h1_ws_writer *w, const unsigned char *mask,
                             const void *payload, size_t len, char *out,
                             size_t cap, size_t *written) {
  return write_control(w, H1_WS_OP_PING, mask, payload, len, out, cap, written);
}

h1_ws_errno h1_ws_write_pong(h1_ws_writer *w, const unsigned char *mask,
                             const void *payload, size_t len, char *out,
                             size_t cap, size_t *written) {
  return write_control(w, H1_WS_OP_PONG, mask, payload, len, out, cap, written);
}

h1_ws_errno h1_ws_write_close(h1_ws_writer *w, const unsigned char *mask,
                              unsigned code, const void *reason,
                              size_t reason_len, char *out, size_t cap,
                              size_t *written) {
  unsigned char body[H1_WS_MAX_CONTROL_PAYLOAD];
  size_t n = 0;
  h1_ws_errno e;

  if ((e = check_common(w, mask)) != H1_WS_E_OK)
    return e;
  if (code == 0 && reason_len > 0)
    return H1_WS_E_REASON_WITHOUT_CODE;
  if (code != 0 && !h1_ws_close_code_valid(code))
    return H1_WS_E_BAD_CLOSE_CODE;
  if (reason_len > H1_WS_MAX_CONTROL_PAYLOAD - 2u)
    return H1_WS_E_CONTROL_PAYLOAD;
  if ((w->h1__flags & H1_WS_WRITE_CHECK_UTF8) &&
      !h1_ws_utf8_valid(reason, reason_len))
    return H1_WS_E_BAD_UTF8;
  if (code != 0) {
    body[0] = (unsigned char)(code >> 8);
    body[1] = (unsigned char)code;
    if (reason_len > 0)
      memcpy(body + 2, reason, reason_len);
    n = 2u + reason_len;
  }
  if ((e = write_control(w, H1_WS_OP_CLOSE, mask, body, n, out, cap,
                         written)) == H1_WS_E_OK)
    w->closed = 1;
  return e;
}
