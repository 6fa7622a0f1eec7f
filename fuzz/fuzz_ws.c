/*
 * fuzz_ws.c -- the WebSocket engine (h1_ws.h): split invariance of the
 * frame reader, its API invariants, and round trips (writer, then reader).
 *
 * Input (its own layout, not fz.h's option bytes):
 *
 *   byte 0   bit 0 client reader (frames unmasked; else a server's),
 *            bit 1 H1_WS_LENIENT_LENGTH, bit 2 H1_WS_NO_UTF8_CHECK,
 *            bit 3 a small maximum message size (byte 1 * 16 + 1 bytes)
 *   byte 1   the maximum (bit 3), and the seed of the random cuts
 *   rest     the bytes, read twice:
 *
 * 1. As a stream from the peer: the reader runs over it whole, byte by byte
 *    and cut at pseudo-random points; every run must give the same log (the
 *    events, data merged per message, the error with its name, offset and
 *    close code, the bytes consumed), and every event must keep the API's
 *    promises (spans inside the piece, DATA never empty, control payloads of
 *    at most 125 bytes, close codes valid, text and close reasons valid
 *    UTF-8, nothing consumed after an error).
 * 2. As a script for the writer of the other role (client writers mask with
 *    keys taken from the script): messages whole and fragmented (write_some
 *    into a small room), pings, pongs, a close.  Calls the writer refuses
 *    must write nothing; the frames it writes, read back whole and cut,
 *    must give exactly the messages written.
 */
#include "fz.h"
#include "h1/h1_ws.h"

#define WS_OUTCAP (1u << 16)

/* A run's log: a hash over the event sequence, merged DATA, counters. */
struct wlog {
  uint64_t h;
  uint64_t events;
  uint64_t msg_hash; /* the message in progress */
  uint64_t msg_len;
  struct h1_ws_utf8 utf8; /* the text message in progress */
};

static void mix(struct wlog *l, uint64_t v) {
  l->h = (l->h ^ v) * 1099511628211ull;
  l->events++;
}

static void mix_bytes(uint64_t *h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    *h = (*h ^ s[i]) * 1099511628211ull;
}

static void wlog_init(struct wlog *l) {
  memset(l, 0, sizeof *l);
  l->h = 14695981039346656037ull;
}

/* The events of a written message, as the reader must report them. */
static void wlog_message(struct wlog *l, unsigned op, const void *p, size_t n) {
  uint64_t h = 14695981039346656037ull;
  mix_bytes(&h, p, n);
  mix(l, 0x100u + op);
  mix(l, n);
  mix(l, h);
}

static void wlog_control(struct wlog *l, unsigned tag, unsigned code,
                         const void *p, size_t n) {
  uint64_t h = 14695981039346656037ull;
  mix_bytes(&h, p, n);
  mix(l, tag);
  mix(l, code);
  mix(l, h);
}

/* Checks and logs one event of a run; returns 1 at the error. */
static int wlog_event(struct wlog *l, const h1_ws_reader *r,
                      const struct h1_ws_event *ev, const char *piece, size_t n,
                      int check_utf8) {
  switch (ev->type) {
  case H1_WS_EV_NONE:
    return 0;
  case H1_WS_EV_MESSAGE_START:
    FZ_CHECK(ev->opcode == H1_WS_OP_TEXT || ev->opcode == H1_WS_OP_BINARY,
             "opcode %d", (int)ev->opcode);
    l->msg_hash = 14695981039346656037ull;
    l->msg_len = 0;
    h1_ws_utf8_init(&l->utf8);
    return 0;
  case H1_WS_EV_DATA:
    FZ_CHECK(ev->data.len > 0, "empty DATA");
    FZ_CHECK(ev->data.ptr >= piece && ev->data.ptr + ev->data.len <= piece + n,
             "DATA outside the piece");
    FZ_CHECK(h1_ws_in_message(r), "DATA outside a message");
    if (check_utf8 && ev->opcode == H1_WS_OP_TEXT)
      FZ_CHECK(h1_ws_utf8_feed(&l->utf8, ev->data.ptr, ev->data.len) ==
                   ev->data.len,
               "invalid UTF-8 in a text message");
    mix_bytes(&l->msg_hash, ev->data.ptr, ev->data.len);
    l->msg_len += ev->data.len;
    return 0;
  case H1_WS_EV_MESSAGE_END:
    if (check_utf8 && ev->opcode == H1_WS_OP_TEXT)
      FZ_CHECK(h1_ws_utf8_complete(&l->utf8), "text ends inside a character");
    mix(l, 0x100u + (unsigned)ev->opcode);
    mix(l, l->msg_len);
    mix(l, l->msg_hash);
    return 0;
  case H1_WS_EV_PING:
  case H1_WS_EV_PONG:
  case H1_WS_EV_CLOSE:
    FZ_CHECK(ev->data.len <= H1_WS_MAX_CONTROL_PAYLOAD, "control %zu",
             ev->data.len);
    if (ev->type == H1_WS_EV_CLOSE) {
      FZ_CHECK(ev->close_code == H1_WS_CLOSE_NO_STATUS ||
                   h1_ws_close_code_valid(ev->close_code),
               "close code %u", ev->close_code);
      FZ_CHECK(!check_utf8 || h1_ws_utf8_valid(ev->data.ptr, ev->data.len),
               "close reason not UTF-8");
      FZ_CHECK(r->closed, "CLOSE without closed");
    }
    wlog_control(l, (unsigned)ev->type, ev->close_code, ev->data.ptr,
                 ev->data.len);
    return 0;
  case H1_WS_EV_ERROR:
    FZ_CHECK(r->error != H1_WS_E_OK &&
                 r->close_code == h1_ws_errno_close_code(r->error),
             "error %d close %u", (int)r->error, r->close_code);
    FZ_CHECK(r->error_offset == r->nread, "offset %llu nread %llu",
             (unsigned long long)r->error_offset, (unsigned long long)r->nread);
    mix(l, 0x200u + (unsigned)r->error);
    mix(l, r->error_offset);
    return 1;
  }
  FZ_CHECK(0, "event type %d", (int)ev->type);
  return 1;
}

/* One run over in[0..len) in pieces: at most `piece` bytes each, or (piece
 * 0) random sizes from `seed`.  Each piece is copied to the end of one heap
 * buffer, so that ASan sees a read past it. */
#define WS_MAX_CUT 97u
static struct wlog run(const struct h1_ws_settings *s, const uint8_t *in,
                       size_t len, size_t piece, uint64_t seed) {
  h1_ws_reader r;
  struct h1_ws_event ev;
  struct wlog l;
  size_t start = 0, cap = piece ? piece : WS_MAX_CUT;
  int check_utf8 = !(s->flags & H1_WS_NO_UTF8_CHECK), stop = 0;
  char *mem = malloc(cap);

  wlog_init(&l);
  h1_ws_reader_init(&r, s);
  while (start < len && !stop) {
    size_t n = piece, off = 0;
    char *buf;
    if (n == 0) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      n = 1 + (size_t)((seed >> 33) % WS_MAX_CUT);
    }
    if (n > len - start)
      n = len - start;
    buf = mem + cap - n;
    memcpy(buf, in + start, n);
    for (;;) {
      uint64_t before = r.nread;
      size_t used = h1_ws_read(&r, buf + off, n - off, &ev);
      FZ_CHECK(used <= n - off && r.nread == before + used, "consumed %zu",
               used);
      off += used;
      if (wlog_event(&l, &r, &ev, buf, n, check_utf8)) {
        FZ_CHECK(h1_ws_read(&r, buf + off, n - off, &ev) == 0 &&
                     ev.type == H1_WS_EV_ERROR,
                 "error not sticky");
        stop = 1;
        break;
      }
      if (ev.type == H1_WS_EV_NONE) {
        FZ_CHECK(off == n, "NONE with %zu bytes left", n - off);
        break;
      }
    }
    start += n;
  }
  free(mem);
  h1_ws_reader_finish(&r, &ev);
  if (!stop && ev.type == H1_WS_EV_ERROR)
    wlog_event(&l, &r, &ev, NULL, 0, check_utf8);
  mix(&l, r.nread);
  mix(&l, r.closed);
  return l;
}

static void same_runs(const struct h1_ws_settings *s, const uint8_t *in,
                      size_t len, uint64_t seed, const struct wlog *want) {
  struct wlog whole = run(s, in, len, len ? len : 1, 0);
  struct wlog bytes = run(s, in, len, 1, 0);
  struct wlog cut = run(s, in, len, 0, seed);
  if (want != NULL)
    FZ_CHECK(whole.h == want->h && whole.events == want->events,
             "round trip: read %llu events, wrote %llu",
             (unsigned long long)whole.events,
             (unsigned long long)want->events);
  FZ_CHECK(bytes.h == whole.h && bytes.events == whole.events,
           "byte by byte differs from whole (%llu vs %llu events)",
           (unsigned long long)bytes.events, (unsigned long long)whole.events);
  FZ_CHECK(cut.h == whole.h && cut.events == whole.events,
           "random cuts differ from whole (%llu vs %llu events)",
           (unsigned long long)cut.events, (unsigned long long)whole.events);
}

/* Part 2: the script.  Each step: an op byte, then what it needs. */
struct script {
  const uint8_t *p;
  size_t n;
};

static size_t take(struct script *sc, size_t want, const uint8_t **at) {
  size_t k = want < sc->n ? want : sc->n;
  *at = sc->p;
  sc->p += k;
  sc->n -= k;
  return k;
}

static unsigned byte(struct script *sc) {
  const uint8_t *at;
  return take(sc, 1, &at) ? at[0] : 0u;
}

static void round_trip(h1_ws_role reader_role, const uint8_t *d, size_t n,
                       uint64_t seed) {
  h1_ws_role role = reader_role == H1_WS_SERVER ? H1_WS_CLIENT : H1_WS_SERVER;
  h1_ws_writer w;
  struct wlog want;
  struct script sc = {d, n};
  char *out = malloc(WS_OUTCAP);
  size_t len = 0, wrote, consumed;
  unsigned char key[4] = {0, 0, 0, 0};
  const unsigned char *mask = role == H1_WS_CLIENT ? key : NULL;
  struct h1_ws_settings s = {reader_role, H1_WS_NO_LIMIT, 0};

  h1_ws_writer_init(&w, role, H1_WS_WRITE_CHECK_UTF8);
  wlog_init(&want);
  while (sc.n > 0 && len + 2048 < WS_OUTCAP) {
    unsigned op = byte(&sc), k;
    const uint8_t *p;
    size_t plen = take(&sc, byte(&sc) % 160, &p), room = WS_OUTCAP - len;
    h1_ws_errno e;
    for (k = 0; k < 4; k++)
      key[k] = (unsigned char)(key[k] * 31u + op + k);
    memset(out + len, 0xA5, 16); /* a refused call leaves it */
    switch (op % 6) {
    case 0: /* a whole message */
    case 1:
      e = h1_ws_write_data(&w, op % 2 ? H1_WS_OP_BINARY : H1_WS_OP_TEXT, 1,
                           mask, p, plen, out + len, room, &wrote);
      FZ_CHECK(e == H1_WS_E_OK ? op % 2 || h1_ws_utf8_valid(p, plen)
                               : e == H1_WS_E_BAD_UTF8 && op % 2 == 0 &&
                                     !h1_ws_utf8_valid(p, plen),
               "data: %s", h1_ws_errno_name(e));
      if (e == H1_WS_E_OK)
        wlog_message(&want, op % 2 ? 2u : 1u, p, plen);
      break;
    case 2: { /* fragmented through write_some, frames of 3 to 34 bytes;
               * a text that is not UTF-8 goes as binary (case 0 has the
               * writer refuse it) */
      size_t off = 0, cap = 3 + (op >> 3) % 32 + (mask ? 4u : 0u);
      unsigned kind = (op >> 2) & 1 || !h1_ws_utf8_valid(p, plen)
                          ? H1_WS_OP_BINARY
                          : H1_WS_OP_TEXT;
      wrote = 0;
      do {
        size_t fw;
        e = h1_ws_write_some(&w, off ? H1_WS_OP_CONTINUATION : kind, 1, mask,
                             p + off, plen - off, out + len + wrote, cap,
                             &consumed, &fw);
        FZ_CHECK(e == H1_WS_E_OK, "write_some: %s", h1_ws_errno_name(e));
        FZ_CHECK(fw <= cap && (consumed > 0 || plen == 0),
                 "write_some wrote %zu for %zu", fw, consumed);
        off += consumed;
        wrote += fw;
      } while (off < plen);
      wlog_message(&want, kind, p, plen);
      break;
    }
    case 3:
    case 4:
      e = (op % 6 == 3 ? h1_ws_write_ping : h1_ws_write_pong)(
          &w, mask, p, plen, out + len, room, &wrote);
      if (e == H1_WS_E_OK)
        wlog_control(&want, op % 6 == 3 ? H1_WS_EV_PING : H1_WS_EV_PONG, 0, p,
                     plen);
      else
        FZ_CHECK(e == H1_WS_E_CONTROL_PAYLOAD, "ping: %s", h1_ws_errno_name(e));
      break;
    default: { /* close */
      unsigned code = plen >= 2 ? (unsigned)p[0] << 8 | p[1] : 0;
      size_t rl = plen >= 2 ? plen - 2 : 0;
      const uint8_t *reason = plen >= 2 ? p + 2 : p;
      e = h1_ws_write_close(&w, mask, code, reason, rl, out + len, room,
                            &wrote);
      if (e == H1_WS_E_OK)
        wlog_control(&want, H1_WS_EV_CLOSE, code ? code : H1_WS_CLOSE_NO_STATUS,
                     reason, rl);
      else
        FZ_CHECK((code != 0 && !h1_ws_close_code_valid(code)) || rl > 123 ||
                     !h1_ws_utf8_valid(reason, rl) || (code == 0 && rl > 0),
                 "close %u refused: %s", code, h1_ws_errno_name(e));
      break;
    }
    }
    if (e == H1_WS_E_OK) {
      len += wrote;
    } else {
      for (k = 0; k < 16; k++)
        FZ_CHECK((unsigned char)out[len + k] == 0xA5,
                 "a refused call wrote byte %u", k);
    }
    if (w.closed)
      break;
  }
  /* the reader's log ends with nread and closed */
  mix(&want, len);
  mix(&want, w.closed);
  same_runs(&s, (const uint8_t *)out, len, seed, &want);
  free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct h1_ws_settings s;
  uint64_t seed;
  if (size < 2)
    return 0;
  if (size > FZ_MAX_INPUT)
    size = FZ_MAX_INPUT;
  memset(&s, 0, sizeof s);
  s.role = (data[0] & 1) ? H1_WS_CLIENT : H1_WS_SERVER;
  s.flags = ((data[0] & 2) ? H1_WS_LENIENT_LENGTH : 0u) |
            ((data[0] & 4) ? H1_WS_NO_UTF8_CHECK : 0u);
  s.max_message_size = (data[0] & 8) ? (uint64_t)data[1] * 16u + 1u : 0u;
  seed = 0x9E3779B97F4A7C15ull ^ data[1];
  same_runs(&s, data + 2, size - 2, seed, NULL);
  round_trip(s.role, data + 2, size - 2, seed);
  return 0;
}
