/*
 * ws_base64.c -- the base64 (RFC 4648, with padding) of the handshake:
 * Sec-WebSocket-Key from the client's 16 random bytes, its validation on
 * the server, and Sec-WebSocket-Accept from the SHA-1 digest the caller
 * computes over key + GUID.
 */
#include "h1/h1_ws.h"
#include <string.h>

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* base64 of n bytes (n % 3 != 0 gets '=' padding) into out. */
static void encode(const unsigned char *in, size_t n, char *out) {
  size_t i, o = 0;
  for (i = 0; i + 3 <= n; i += 3) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
    out[o++] = b64[v >> 18];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = b64[v & 63];
  }
  if (n - i == 1) {
    unsigned v = (unsigned)in[i] << 16;
    out[o++] = b64[v >> 18];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = '=';
    out[o++] = '=';
  } else if (n - i == 2) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
    out[o++] = b64[v >> 18];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = '=';
  }
}

void h1_ws_key_encode(const unsigned char nonce[16], char out[24]) {
  encode(nonce, 16, out);
}

void h1_ws_accept_encode(const unsigned char digest[20], char out[28]) {
  encode(digest, 20, out);
}

/* The value of a base64 character, or -1. */
static int b64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

static struct h1_span trim_ows(struct h1_span s) {
  while (s.len > 0 && (s.ptr[0] == ' ' || s.ptr[0] == '\t')) {
    s.ptr++;
    s.len--;
  }
  while (s.len > 0 && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t'))
    s.len--;
  return s;
}

int h1_ws_key_valid(struct h1_span key) {
  size_t i;
  key = trim_ows(key);
  if (key.len != H1_WS_KEY_LEN || key.ptr[22] != '=' || key.ptr[23] != '=')
    return 0;
  /* The 22nd character carries 2 bits of the 16th byte and 4 unused bits;
   * like the `ws` package, a non-zero unused part is accepted (it decodes
   * to the same 16 bytes). */
  for (i = 0; i < 22; i++)
    if (b64_value((unsigned char)key.ptr[i]) < 0)
      return 0;
  return 1;
}

size_t h1_ws_accept_input(struct h1_span key, char out[60]) {
  if (!h1_ws_key_valid(key))
    return 0;
  key = trim_ows(key);
  memcpy(out, key.ptr, H1_WS_KEY_LEN);
  memcpy(out + H1_WS_KEY_LEN, H1_WS_GUID, sizeof H1_WS_GUID - 1);
  return H1_WS_ACCEPT_INPUT_LEN;
}
