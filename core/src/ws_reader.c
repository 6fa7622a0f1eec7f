/*
 * ws_reader.c -- the RFC 6455 frame reader: a resumable state machine over
 * the caller's bytes.  Every rule is checked at the first byte that makes
 * the violation certain (fail fast, as the Autobahn suite expects): RSV bits
 * and opcodes at the first header byte, the mask bit and control lengths at
 * the second, the length forms at their last byte, payload UTF-8 at the
 * offending byte.
 */
#include "h1/h1_ws.h"
#include <string.h>

enum {
  S_B0,      /* the first header byte: FIN, RSV, opcode */
  S_B1,      /* the second: MASK, 7-bit length */
  S_LEN16,   /* 2 bytes of extended length */
  S_LEN64,   /* 8 bytes of extended length */
  S_MASK,    /* 4 bytes of masking key */
  S_START,   /* header complete: set up the payload */
  S_PAYLOAD, /* data frame payload */
  S_CONTROL, /* control frame payload, gathered into the reader */
  S_CLOSED,  /* after a close frame: input is discarded */
  S_ERROR    /* sticky */
};

#define FIN 0x80u
#define RSV 0x70u
#define OPCODE(b0) ((unsigned)(b0)&0x0Fu)
#define IS_CONTROL(op) ((op) >= 0x8u)

void h1_ws_reader_init(h1_ws_reader *r, const struct h1_ws_settings *s) {
  memset(r, 0, sizeof *r);
  if (s != NULL)
    r->h1__set = *s;
  if (r->h1__set.max_message_size == 0)
    r->h1__set.max_message_size = H1_WS_DEFAULT_MAX_MESSAGE;
  h1_ws_reader_reset(r);
}

void h1_ws_reader_reset(h1_ws_reader *r) {
  struct h1_ws_settings s = r->h1__set;
  memset(r, 0, sizeof *r);
  r->h1__set = s;
  r->error = H1_WS_E_OK;
  r->reason = h1_ws_errno_reason(H1_WS_E_OK);
  r->h1__state = S_B0;
  h1_ws_utf8_init(&r->h1__utf8);
}

int h1_ws_in_message(const h1_ws_reader *r) {
  return r->h1__msg_op != 0;
}

static int check_utf8(const h1_ws_reader *r) {
  return (r->h1__set.flags & H1_WS_NO_UTF8_CHECK) == 0;
}

/* Records error e at absolute offset `at`; the event reports it. */
static void fail(h1_ws_reader *r, h1_ws_errno e, uint64_t at,
                 struct h1_ws_event *ev) {
  r->error = e;
  r->reason = h1_ws_errno_reason(e);
  r->error_offset = at;
  r->close_code = h1_ws_errno_close_code(e);
  r->h1__state = S_ERROR;
  ev->type = H1_WS_EV_ERROR;
}

/* The first header byte: every rule that needs only it. */
static h1_ws_errno check_b0(const h1_ws_reader *r, unsigned b) {
  unsigned op = OPCODE(b);
  if (b & RSV)
    return H1_WS_E_RSV;
  if ((op >= 0x3u && op <= 0x7u) || op >= 0xBu)
    return H1_WS_E_OPCODE;
  if (IS_CONTROL(op))
    return (b & FIN) ? H1_WS_E_OK : H1_WS_E_CONTROL_FRAGMENTED;
  if (op == H1_WS_OP_CONTINUATION)
    return r->h1__msg_op ? H1_WS_E_OK : H1_WS_E_CONTINUATION_UNEXPECTED;
  return r->h1__msg_op ? H1_WS_E_CONTINUATION_EXPECTED : H1_WS_E_OK;
}

/* The second header byte: the mask bit for the role, control lengths. */
static h1_ws_errno check_b1(const h1_ws_reader *r, unsigned b) {
  unsigned op = OPCODE(r->h1__b0), len7 = b & 0x7Fu;
  if (r->h1__set.role == H1_WS_SERVER && !(b & 0x80u))
    return H1_WS_E_MASK_EXPECTED;
  if (r->h1__set.role == H1_WS_CLIENT && (b & 0x80u))
    return H1_WS_E_MASK_UNEXPECTED;
  if (IS_CONTROL(op) && len7 > H1_WS_MAX_CONTROL_PAYLOAD)
    return H1_WS_E_CONTROL_TOO_LONG;
  if (op == H1_WS_OP_CLOSE && len7 == 1)
    return H1_WS_E_CLOSE_LENGTH;
  return H1_WS_E_OK;
}

/* The length is known: the minimal-form rule and the message size. */
static h1_ws_errno check_length(const h1_ws_reader *r, unsigned form) {
  uint64_t len = r->h1__len, room;
  if (!(r->h1__set.flags & H1_WS_LENIENT_LENGTH) &&
      ((form == S_LEN16 && len < 126u) || (form == S_LEN64 && len < 65536u)))
    return H1_WS_E_LENGTH_NOT_MINIMAL;
  if (IS_CONTROL(OPCODE(r->h1__b0)))
    return H1_WS_E_OK;
  room = r->h1__set.max_message_size - r->h1__msg_len;
  return len > room ? H1_WS_E_TOO_BIG : H1_WS_E_OK;
}

/* A close frame's payload byte (unmasked) has just been stored. */
static h1_ws_errno check_close_byte(h1_ws_reader *r) {
  unsigned n = r->h1__ctl_len;
  if (n == 2) {
    unsigned code = (unsigned)r->h1__ctl[0] << 8 | r->h1__ctl[1];
    return h1_ws_close_code_valid(code) ? H1_WS_E_OK : H1_WS_E_CLOSE_CODE;
  }
  if (n > 2 && check_utf8(r) &&
      h1_ws_utf8_feed(&r->h1__utf8, &r->h1__ctl[n - 1], 1) != 1)
    return H1_WS_E_CLOSE_UTF8;
  return H1_WS_E_OK;
}

/* The control frame's payload is complete: fills the event. */
static h1_ws_errno control_event(h1_ws_reader *r, struct h1_ws_event *ev) {
  unsigned op = OPCODE(r->h1__b0);
  ev->opcode = (h1_ws_opcode)op;
  ev->data.ptr = (const char *)r->h1__ctl;
  ev->data.len = r->h1__ctl_len;
  if (op == H1_WS_OP_PING) {
    ev->type = H1_WS_EV_PING;
  } else if (op == H1_WS_OP_PONG) {
    ev->type = H1_WS_EV_PONG;
  } else {
    if (r->h1__ctl_len > 2 && check_utf8(r) &&
        !h1_ws_utf8_complete(&r->h1__utf8))
      return H1_WS_E_CLOSE_UTF8;
    ev->type = H1_WS_EV_CLOSE;
    ev->close_code = H1_WS_CLOSE_NO_STATUS;
    if (r->h1__ctl_len >= 2) {
      ev->close_code = (unsigned)r->h1__ctl[0] << 8 | r->h1__ctl[1];
      ev->data.ptr += 2;
      ev->data.len -= 2;
    }
    r->closed = 1;
  }
  return H1_WS_E_OK;
}

/*
 * Data payload: unmasks what is available of the frame in place, checks a
 * text message's bytes, and returns how many bytes to hand over.  A bad
 * byte at index k > 0 hands over the k good ones (the rest is masked back,
 * untouched); at k == 0, *bad is set.
 */
static size_t data_chunk(h1_ws_reader *r, char *p, size_t avail, int *bad) {
  size_t n = avail, k;
  if ((uint64_t)n > r->h1__remaining)
    n = (size_t)r->h1__remaining;
  if (r->h1__masked)
    h1_ws_mask(p, p, n, r->h1__mask, r->h1__mpos);
  *bad = 0;
  if (r->h1__msg_op == H1_WS_OP_TEXT && check_utf8(r)) {
    k = h1_ws_utf8_feed(&r->h1__utf8, p, n);
    if (k < n) {
      if (r->h1__masked)
        h1_ws_mask(p + k, p + k, n - k, r->h1__mask, r->h1__mpos + k);
      *bad = k == 0;
      n = k;
    }
  }
  return n;
}

size_t h1_ws_read(h1_ws_reader *r, char *data, size_t len,
                  struct h1_ws_event *ev) {
  size_t p = 0;
  h1_ws_errno e;
  unsigned b, op;

  memset(ev, 0, sizeof *ev);
  ev->type = H1_WS_EV_NONE;
  if (r->h1__state == S_ERROR) {
    ev->type = H1_WS_EV_ERROR;
    return 0;
  }
  if (r->h1__state == S_CLOSED) {
    r->nread += len;
    return len;
  }

  for (;;) {
    switch (r->h1__state) {
    case S_B0:
      if (p == len)
        goto out;
      b = (unsigned char)data[p];
      if ((e = check_b0(r, b)) != H1_WS_E_OK)
        goto error;
      r->h1__b0 = (uint8_t)b;
      r->h1__state = S_B1;
      p++;
      break;

    case S_B1:
      if (p == len)
        goto out;
      b = (unsigned char)data[p];
      if ((e = check_b1(r, b)) != H1_WS_E_OK)
        goto error;
      r->h1__masked = (uint8_t)(b >> 7);
      r->h1__len = b & 0x7Fu;
      r->h1__hpos = 0;
      if (r->h1__len == 126u) {
        r->h1__len = 0;
        r->h1__state = S_LEN16;
      } else if (r->h1__len == 127u) {
        r->h1__len = 0;
        r->h1__state = S_LEN64;
      } else {
        if ((e = check_length(r, S_B1)) != H1_WS_E_OK)
          goto error;
        r->h1__state = r->h1__masked ? S_MASK : S_START;
      }
      p++;
      break;

    case S_LEN16:
    case S_LEN64: {
      unsigned need = r->h1__state == S_LEN16 ? 2u : 8u;
      if (p == len)
        goto out;
      b = (unsigned char)data[p];
      if (need == 8u && r->h1__hpos == 0 && (b & 0x80u)) {
        e = H1_WS_E_LENGTH_MSB;
        goto error;
      }
      r->h1__len = r->h1__len << 8 | b;
      if (++r->h1__hpos == need) {
        if ((e = check_length(r, r->h1__state)) != H1_WS_E_OK)
          goto error;
        r->h1__hpos = 0;
        r->h1__state = r->h1__masked ? S_MASK : S_START;
      }
      p++;
      break;
    }

    case S_MASK:
      if (p == len)
        goto out;
      r->h1__mask[r->h1__hpos++] = (uint8_t)data[p++];
      if (r->h1__hpos == 4)
        r->h1__state = S_START;
      break;

    case S_START:
      op = OPCODE(r->h1__b0);
      r->h1__remaining = r->h1__len;
      r->h1__mpos = 0;
      if (IS_CONTROL(op)) {
        r->h1__ctl_len = 0;
        /* Only a close frame uses it (its reason), and nothing is read
         * after one: the open message's state may go. */
        if (op == H1_WS_OP_CLOSE)
          h1_ws_utf8_init(&r->h1__utf8);
        r->h1__state = S_CONTROL;
        break;
      }
      r->h1__state = S_PAYLOAD;
      r->h1__msg_len += r->h1__len;
      if (op != H1_WS_OP_CONTINUATION) {
        r->h1__msg_op = (uint8_t)op;
        h1_ws_utf8_init(&r->h1__utf8);
        ev->type = H1_WS_EV_MESSAGE_START;
        ev->opcode = (h1_ws_opcode)op;
        goto out;
      }
      break;

    case S_PAYLOAD: {
      size_t n;
      int bad;
      if (r->h1__remaining == 0) {
        r->h1__state = S_B0;
        if (!(r->h1__b0 & FIN))
          break;
        if (r->h1__msg_op == H1_WS_OP_TEXT && check_utf8(r) &&
            !h1_ws_utf8_complete(&r->h1__utf8)) {
          e = H1_WS_E_TEXT_UTF8;
          goto error;
        }
        ev->type = H1_WS_EV_MESSAGE_END;
        ev->opcode = (h1_ws_opcode)r->h1__msg_op;
        r->h1__msg_op = 0;
        r->h1__msg_len = 0;
        r->messages++;
        goto out;
      }
      if (p == len)
        goto out;
      n = data_chunk(r, data + p, len - p, &bad);
      if (bad) {
        e = H1_WS_E_TEXT_UTF8;
        goto error;
      }
      ev->type = H1_WS_EV_DATA;
      ev->opcode = (h1_ws_opcode)r->h1__msg_op;
      ev->data.ptr = data + p;
      ev->data.len = n;
      r->h1__remaining -= n;
      r->h1__mpos = (uint8_t)((r->h1__mpos + n) & 3u);
      p += n;
      goto out;
    }

    case S_CONTROL:
      if (r->h1__remaining == 0) {
        if ((e = control_event(r, ev)) != H1_WS_E_OK)
          goto error;
        r->h1__state = r->closed ? S_CLOSED : S_B0;
        if (r->closed) {
          /* Everything after the close frame is discarded. */
          r->nread += len;
          return len;
        }
        goto out;
      }
      if (p == len)
        goto out;
      b = (unsigned char)data[p];
      if (r->h1__masked)
        b ^= r->h1__mask[r->h1__ctl_len & 3u];
      r->h1__ctl[r->h1__ctl_len++] = (uint8_t)b;
      r->h1__remaining--;
      if (OPCODE(r->h1__b0) == H1_WS_OP_CLOSE &&
          (e = check_close_byte(r)) != H1_WS_E_OK)
        goto error;
      p++;
      break;

    default:
      ev->type = H1_WS_EV_ERROR;
      return 0;
    }
  }

error:
  fail(r, e, r->nread + p, ev);
out:
  r->nread += p;
  return p;
}

void h1_ws_reader_finish(h1_ws_reader *r, struct h1_ws_event *ev) {
  memset(ev, 0, sizeof *ev);
  ev->type = H1_WS_EV_NONE;
  if (r->h1__state == S_ERROR) {
    ev->type = H1_WS_EV_ERROR;
    return;
  }
  if (r->h1__state == S_CLOSED || (r->h1__state == S_B0 && r->h1__msg_op == 0))
    return;
  fail(r, H1_WS_E_TRUNCATED, r->nread, ev);
}
