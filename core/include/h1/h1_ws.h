/*
 * h1_ws.h -- the h1 WebSocket engine: RFC 6455 frames read and written over
 * caller buffers, a UTF-8 validator, and the opening handshake's decisions.
 *
 * Conventions
 * -----------
 * - Memory.  The engine never allocates.  The reader (`h1_ws_reader`) and the
 *   writer (`h1_ws_writer`) are structs the caller owns; frame payloads are
 *   read from and written to the caller's buffers.  Control frame payloads
 *   (at most 125 bytes) are gathered inside the reader struct, so that a
 *   ping, pong or close is always handed over whole.
 * - Unmasking in place.  h1_ws_read() takes a writable buffer: a masked
 *   payload is unmasked where it lies, and H1_WS_EV_DATA points at the
 *   unmasked bytes inside the caller's buffer.  Bytes the reader has not
 *   consumed are never modified.
 * - I/O, clock, randomness and globals.  None.  A client's masking keys and
 *   its Sec-WebSocket-Key nonce are random bytes the caller supplies; SHA-1
 *   is computed by the caller (the driver uses OpenSSL), the engine only
 *   base64-encodes the digest.  Tables are const.
 * - Spans.  Strings are `struct h1_span` (h1.h), never NUL terminated.
 * - NULL.  No pointer argument may be NULL unless its comment says so.
 * - Errors.  Every violation of RFC 6455 by the peer is a named error
 *   (h1_ws_errno, one table) with a reason sentence, the absolute byte offset
 *   (counted from the first byte given to the reader since init or reset) of
 *   the byte at which the violation became certain, and the close code the
 *   endpoint should send before failing the connection (1002, 1007, 1009).
 *   Reader errors are sticky until h1_ws_reader_reset().  The writer refuses,
 *   with a named error, anything that would put an invalid frame on the wire;
 *   it then writes nothing and changes no state.
 * - Splits.  Input may be fed in pieces of any size, one byte at a time
 *   included.  The sequence of events, the concatenation of the data of
 *   consecutive H1_WS_EV_DATA events, errors and offsets do not depend on
 *   where the input is split.  When a text payload turns out invalid in the
 *   middle of a piece, the valid bytes before the bad one are handed over
 *   first (H1_WS_EV_DATA), and the error comes with the next call.
 * - Extensions.  None is supported: any RSV bit set is an error.
 */
#ifndef H1_WS_H
#define H1_WS_H

#include "h1/h1.h"
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Opcodes, roles, close codes.
 * ------------------------------------------------------------------------ */

typedef enum h1_ws_opcode {
  H1_WS_OP_CONTINUATION = 0x0,
  H1_WS_OP_TEXT = 0x1,
  H1_WS_OP_BINARY = 0x2,
  H1_WS_OP_CLOSE = 0x8,
  H1_WS_OP_PING = 0x9,
  H1_WS_OP_PONG = 0xA
} h1_ws_opcode;

/* Which end of the connection this is.  A server reads masked frames (a
 * client's) and writes unmasked ones; a client the reverse. */
typedef enum h1_ws_role { H1_WS_SERVER = 0, H1_WS_CLIENT = 1 } h1_ws_role;

/* Close codes the engine uses (RFC 6455 7.4.1). */
#define H1_WS_CLOSE_NORMAL 1000u
#define H1_WS_CLOSE_GOING_AWAY 1001u
#define H1_WS_CLOSE_PROTOCOL_ERROR 1002u
#define H1_WS_CLOSE_UNSUPPORTED 1003u
#define H1_WS_CLOSE_NO_STATUS 1005u /* reported, never sent */
#define H1_WS_CLOSE_ABNORMAL 1006u  /* reported, never sent */
#define H1_WS_CLOSE_INVALID_DATA 1007u
#define H1_WS_CLOSE_POLICY 1008u
#define H1_WS_CLOSE_TOO_BIG 1009u
#define H1_WS_CLOSE_MANDATORY_EXT 1010u
#define H1_WS_CLOSE_INTERNAL 1011u

/* A close code that may appear in a close frame on the wire, as the `ws`
 * package (which Node's ecosystem uses) and RFC 6455 7.4 read it:
 * 1000-1003, 1007-1014 and 3000-4999.  0-999, 1004, 1005, 1006, 1015,
 * 1016-2999 and 5000 up are invalid. */
int h1_ws_close_code_valid(unsigned code);

/* The largest control frame payload. */
#define H1_WS_MAX_CONTROL_PAYLOAD 125u
/* The largest frame header: 2 + 8 (64-bit length) + 4 (masking key). */
#define H1_WS_MAX_HEADER 14u
/* The default maximum message size: the `ws` package's maxPayload (100 MiB).
 */
#define H1_WS_DEFAULT_MAX_MESSAGE 104857600u
/* struct h1_ws_settings.max_message_size for no limit at all. */
#define H1_WS_NO_LIMIT UINT64_MAX

/* ------------------------------------------------------------------------
 * Errors: the peer's violations (reader) and the caller's (writer).
 * XX(constant suffix, name printed, close code to send, reason sentence).
 * The close code is 0 for writer errors (nothing is sent).
 * ------------------------------------------------------------------------ */
#define H1_WS_ERRNO_MAP(XX)                                                    \
  XX(OK, "WS_OK", 0, "Success")                                                \
  XX(RSV, "WS_RSV", 1002, "Reserved bit set without a negotiated extension")   \
  XX(OPCODE, "WS_OPCODE", 1002, "Reserved opcode")                             \
  XX(MASK_EXPECTED, "WS_MASK_EXPECTED", 1002, "Unmasked frame from a client")  \
  XX(MASK_UNEXPECTED, "WS_MASK_UNEXPECTED", 1002,                              \
     "Masked frame from a server")                                             \
  XX(LENGTH_NOT_MINIMAL, "WS_LENGTH_NOT_MINIMAL", 1002,                        \
     "Payload length not encoded in the minimal number of bytes")              \
  XX(LENGTH_MSB, "WS_LENGTH_MSB", 1002,                                        \
     "64-bit payload length with the most significant bit set")                \
  XX(CONTROL_TOO_LONG, "WS_CONTROL_TOO_LONG", 1002,                            \
     "Control frame payload longer than 125 bytes")                            \
  XX(CONTROL_FRAGMENTED, "WS_CONTROL_FRAGMENTED", 1002,                        \
     "Fragmented control frame")                                               \
  XX(CONTINUATION_UNEXPECTED, "WS_CONTINUATION_UNEXPECTED", 1002,              \
     "Continuation frame without a message to continue")                       \
  XX(CONTINUATION_EXPECTED, "WS_CONTINUATION_EXPECTED", 1002,                  \
     "New data frame inside a fragmented message")                             \
  XX(CLOSE_LENGTH, "WS_CLOSE_LENGTH", 1002,                                    \
     "Close frame with a 1-byte payload")                                      \
  XX(CLOSE_CODE, "WS_CLOSE_CODE", 1002, "Invalid close code")                  \
  XX(CLOSE_UTF8, "WS_CLOSE_UTF8", 1007, "Close reason is not valid UTF-8")     \
  XX(TEXT_UTF8, "WS_TEXT_UTF8", 1007, "Text message is not valid UTF-8")       \
  XX(TOO_BIG, "WS_TOO_BIG", 1009, "Message larger than the maximum size")      \
  XX(TRUNCATED, "WS_TRUNCATED", 1006,                                          \
     "Connection closed in the middle of a frame or message")                  \
  /* writer errors (the caller's) */                                           \
  XX(NO_ROOM, "WS_NO_ROOM", 0, "Output buffer too small")                      \
  XX(BAD_OPCODE, "WS_BAD_OPCODE", 0, "Opcode not allowed for this call")       \
  XX(NOT_IN_MESSAGE, "WS_NOT_IN_MESSAGE", 0,                                   \
     "Continuation without a message in progress")                             \
  XX(IN_MESSAGE, "WS_IN_MESSAGE", 0,                                           \
     "New message while a fragmented message is in progress")                  \
  XX(MASK_ROLE, "WS_MASK_ROLE", 0,                                             \
     "A client must mask every frame, a server must not mask")                 \
  XX(CONTROL_PAYLOAD, "WS_CONTROL_PAYLOAD", 0,                                 \
     "Control frame payload longer than 125 bytes")                            \
  XX(BAD_CLOSE_CODE, "WS_BAD_CLOSE_CODE", 0,                                   \
     "Close code not allowed on the wire")                                     \
  XX(REASON_WITHOUT_CODE, "WS_REASON_WITHOUT_CODE", 0,                         \
     "Close reason without a close code")                                      \
  XX(BAD_UTF8, "WS_BAD_UTF8", 0, "Text or close reason is not valid UTF-8")    \
  XX(CLOSED, "WS_CLOSED", 0, "A close frame has already been written")

typedef enum h1_ws_errno {
#define H1__WS_ERRNO_ENUM(name, str, code, reason) H1_WS_E_##name,
  H1_WS_ERRNO_MAP(H1__WS_ERRNO_ENUM)
#undef H1__WS_ERRNO_ENUM
      H1_WS_E__COUNT
} h1_ws_errno;

/* "WS_RSV" etc.; "WS_UNKNOWN" for an out-of-range value. */
const char *h1_ws_errno_name(h1_ws_errno e);
/* The table's reason sentence. */
const char *h1_ws_errno_reason(h1_ws_errno e);
/* The close code an endpoint sends when the peer made error `e` (1002,
 * 1007, 1009; 1006 for H1_WS_E_TRUNCATED, which is reported, never sent); 0
 * for H1_WS_E_OK and the writer's errors. */
unsigned h1_ws_errno_close_code(h1_ws_errno e);

/* ------------------------------------------------------------------------
 * UTF-8 validation, incremental: usable alone.
 * ------------------------------------------------------------------------ */

/* Zero-initialize (or h1_ws_utf8_init) before the first byte. */
struct h1_ws_utf8 {
  uint8_t need; /* continuation bytes still expected in this sequence */
  uint8_t lo;   /* the next byte's lowest allowed value */
  uint8_t hi;   /* the next byte's highest allowed value */
};

void h1_ws_utf8_init(struct h1_ws_utf8 *u);

/*
 * Checks `len` more bytes of a text (RFC 3629: no overlongs, no surrogates
 * U+D800-DFFF, nothing above U+10FFFF).  Returns `len` when every byte is
 * acceptable so far, or the index of the first byte that cannot be part of
 * valid UTF-8; the state then stays at that byte (it is not consumed).
 * `data` may be NULL when `len` is 0.
 */
size_t h1_ws_utf8_feed(struct h1_ws_utf8 *u, const void *data, size_t len);

/* True when the bytes fed so far end on a character boundary (a complete
 * text); false inside a multi-byte sequence. */
int h1_ws_utf8_complete(const struct h1_ws_utf8 *u);

/* True when the `len` bytes are complete, valid UTF-8. */
int h1_ws_utf8_valid(const void *data, size_t len);

/* ------------------------------------------------------------------------
 * The frame reader.
 * ------------------------------------------------------------------------ */

enum {
  /* Accept 16- and 64-bit lengths that would fit a shorter form (RFC 6455
   * 5.2 says the minimal form MUST be used; `ws` and browsers accept them).
   * Off by default: such a length is H1_WS_E_LENGTH_NOT_MINIMAL. */
  H1_WS_LENIENT_LENGTH = 1u << 0,
  /* Do not validate text messages and close reasons as UTF-8. */
  H1_WS_NO_UTF8_CHECK = 1u << 1
};

struct h1_ws_settings {
  h1_ws_role role; /* H1_WS_SERVER: frames must be masked; CLIENT: not */
  /* The largest data message (the sum of its fragments' payloads); a frame
   * header that would take a message past it is H1_WS_E_TOO_BIG (1009).
   * 0 means H1_WS_DEFAULT_MAX_MESSAGE; H1_WS_NO_LIMIT means none (a 64-bit
   * length is still at most 2^63 - 1). */
  uint64_t max_message_size;
  uint32_t flags; /* H1_WS_LENIENT_LENGTH, H1_WS_NO_UTF8_CHECK */
};

typedef enum h1_ws_event_type {
  H1_WS_EV_NONE = 0, /* all input consumed; feed more */
  /* A data message begins: ev.opcode is H1_WS_OP_TEXT or H1_WS_OP_BINARY.
   * Reported when its first frame's header is complete (and checked). */
  H1_WS_EV_MESSAGE_START,
  /* Payload bytes of the current message, unmasked, in the caller's buffer:
   * ev.data (never empty); ev.opcode is the message's opcode.  A text
   * message's bytes have been validated so far (a character may continue
   * in the next event). */
  H1_WS_EV_DATA,
  /* The message is complete (its final frame's payload is all read and a
   * text message ends on a character boundary); ev.opcode as above. */
  H1_WS_EV_MESSAGE_END,
  /* A ping, a pong: ev.data is the whole payload (0 to 125 bytes), in the
   * reader struct, valid until the next call.  Pings and pongs may arrive
   * between the fragments of a message. */
  H1_WS_EV_PING,
  H1_WS_EV_PONG,
  /* A close frame, checked: ev.close_code is its code, or 1005
   * (H1_WS_CLOSE_NO_STATUS) when its payload is empty; ev.data is the
   * reason (valid UTF-8, valid until the next call).  The reader then reads
   * nothing more: later bytes are counted in nread and discarded, and every
   * later call reports H1_WS_EV_NONE. */
  H1_WS_EV_CLOSE,
  /* The peer violated RFC 6455: see the reader's error, reason,
   * error_offset and close_code. */
  H1_WS_EV_ERROR
} h1_ws_event_type;

struct h1_ws_event {
  h1_ws_event_type type;
  h1_ws_opcode opcode; /* as each event type says */
  struct h1_span data; /* DATA, PING, PONG: payload; CLOSE: reason */
  unsigned close_code; /* CLOSE */
};

/*
 * The reader.  Caller-allocated; every field is private to the engine
 * except those in the "read" block.
 */
typedef struct h1_ws_reader {
  /* read: results */
  h1_ws_errno error;
  const char *reason; /* static sentence, never NULL */
  /* The absolute offset of the offending byte; for a text message or a
   * close reason that ends inside a character, and for H1_WS_E_TRUNCATED,
   * the offset just past the last byte read. */
  uint64_t error_offset;
  unsigned close_code; /* the code to send the peer: 1002, 1007, 1009 */
  uint64_t nread;      /* bytes consumed since init or reset */
  uint64_t messages;   /* data messages completed */
  uint8_t closed;      /* a close frame has been read */

  /* private */
  struct h1_ws_settings h1__set;
  uint64_t h1__remaining;     /* payload bytes left in the current frame */
  uint64_t h1__msg_len;       /* payload bytes of the current message so far */
  uint64_t h1__len;           /* the length being read */
  struct h1_ws_utf8 h1__utf8; /* current text message or close reason */
  uint8_t h1__state;
  uint8_t h1__b0;   /* the frame's first byte */
  uint8_t h1__hpos; /* bytes of extended length / mask read */
  uint8_t h1__mask[4];
  uint8_t h1__masked;
  uint8_t h1__mpos;   /* masking phase: payload bytes read, mod 4 */
  uint8_t h1__msg_op; /* opcode of the message in progress, 0: none */
  uint8_t h1__ctl_len;
  uint8_t h1__ctl[H1_WS_MAX_CONTROL_PAYLOAD];
} h1_ws_reader;

/* Prepares `r`.  `settings` may be NULL: a server reader with defaults. */
void h1_ws_reader_init(h1_ws_reader *r, const struct h1_ws_settings *settings);

/* Back to the state right after h1_ws_reader_init(), same settings. */
void h1_ws_reader_reset(h1_ws_reader *r);

/*
 * Reads up to `len` bytes of `data` and stops at the first event.  Returns
 * the number of bytes consumed and fills `*ev`; call again with the rest.
 * Masked payload bytes consumed are unmasked in place.  H1_WS_EV_NONE means
 * every byte was consumed.  After an event other than H1_WS_EV_NONE, call
 * again even when every byte has been consumed: an event may follow without
 * input (H1_WS_EV_MESSAGE_END after the last DATA, an empty frame's events).
 * `data` may be NULL when `len` is 0.
 */
size_t h1_ws_read(h1_ws_reader *r, char *data, size_t len,
                  struct h1_ws_event *ev);

/*
 * The peer closed the connection.  H1_WS_EV_NONE when the stream ended
 * cleanly (after a close frame, or between messages), else H1_WS_EV_ERROR
 * with H1_WS_E_TRUNCATED (close code 1006: report it, send nothing) at the
 * offset of the end of input.  A sticky error stays as it is.
 */
void h1_ws_reader_finish(h1_ws_reader *r, struct h1_ws_event *ev);

/* True while a data message has begun and is not complete. */
int h1_ws_in_message(const h1_ws_reader *r);

/* ------------------------------------------------------------------------
 * The frame writer.
 * ------------------------------------------------------------------------ */

/* The header size of a frame: 2, 4 or 10 bytes, plus 4 when masked. */
size_t h1_ws_header_size(uint64_t payload_len, int masked);

/*
 * XORs `len` bytes of `src` with the masking key into `dst` (which may be
 * `src`), starting at phase `offset` mod 4 of the key (the payload offset
 * of src[0]).  For a caller that streams a large payload itself.
 */
void h1_ws_mask(void *dst, const void *src, size_t len,
                const unsigned char mask[4], uint64_t offset);

/*
 * The writer: keeps the role (masking), the fragmentation state and, when
 * asked, the UTF-8 state of the text message being written, so that the
 * frames it writes always form a valid stream.
 */
enum {
  /* Validate text payloads (across fragments) and close reasons as UTF-8;
   * an invalid one is H1_WS_E_BAD_UTF8. */
  H1_WS_WRITE_CHECK_UTF8 = 1u << 0
};

typedef struct h1_ws_writer {
  /* read */
  uint64_t frames; /* frames written */
  uint8_t closed;  /* a close frame has been written */
  /* private */
  h1_ws_role h1__role;
  uint32_t h1__flags;
  uint8_t h1__msg_op; /* opcode of the fragmented message in progress */
  struct h1_ws_utf8 h1__utf8;
} h1_ws_writer;

void h1_ws_writer_init(h1_ws_writer *w, h1_ws_role role, uint32_t flags);

/*
 * All write calls append one frame at out[0..cap): they set *written to
 * the frame's size and return H1_WS_E_OK; or return an error, write
 * nothing, change no state, and (for H1_WS_E_NO_ROOM) set *written to the
 * bytes the frame needs.  `mask` is the 4-byte masking key: required for a
 * client writer (random bytes from the caller, fresh for every frame),
 * NULL for a server writer (else H1_WS_E_MASK_ROLE).  `payload` may be NULL
 * when `len` is 0.  After a close frame, every call is H1_WS_E_CLOSED.
 */

/*
 * A data frame.  `opcode` H1_WS_OP_TEXT or H1_WS_OP_BINARY starts a message
 * (H1_WS_E_IN_MESSAGE while a fragmented one is open),
 * H1_WS_OP_CONTINUATION continues the open one (H1_WS_E_NOT_IN_MESSAGE
 * without).  `fin` ends the message.  A whole message is one call with fin
 * set.  With H1_WS_WRITE_CHECK_UTF8, a text message must be valid UTF-8
 * (fragments may split a character; the final one must complete it).
 */
h1_ws_errno h1_ws_write_data(h1_ws_writer *w, h1_ws_opcode opcode, int fin,
                             const unsigned char *mask, const void *payload,
                             size_t len, char *out, size_t cap,
                             size_t *written);

/*
 * The fragmentation helper: writes as much of `payload[0..len)` as fits in
 * `cap` as one data frame (at least one byte of payload, or the whole when
 * `len` is 0), and sets *consumed to the payload bytes it took.  `opcode`
 * as for h1_ws_write_data() (TEXT/BINARY for the first piece, CONTINUATION
 * after); the frame is final when `last` is set and the whole rest fits.
 * H1_WS_E_NO_ROOM when not even one payload byte fits (*written: the room
 * for one).  Fragments may end inside a UTF-8 character: with
 * H1_WS_WRITE_CHECK_UTF8 each fragment of a text is checked as far as it
 * goes, and the final one must complete the text.
 */
h1_ws_errno h1_ws_write_some(h1_ws_writer *w, h1_ws_opcode opcode, int last,
                             const unsigned char *mask, const void *payload,
                             size_t len, char *out, size_t cap,
                             size_t *consumed, size_t *written);

/* A ping or a pong: `len` at most 125 (else H1_WS_E_CONTROL_PAYLOAD).
 * May be written between the fragments of a message. */
h1_ws_errno h1_ws_write_ping(h1_ws_writer *w, const unsigned char *mask,
                             const void *payload, size_t len, char *out,
                             size_t cap, size_t *written);
h1_ws_errno h1_ws_write_pong(h1_ws_writer *w, const unsigned char *mask,
                             const void *payload, size_t len, char *out,
                             size_t cap, size_t *written);

/*
 * A close frame.  `code` 0 writes an empty payload (then `reason_len` must
 * be 0: H1_WS_E_REASON_WITHOUT_CODE); otherwise the code must satisfy
 * h1_ws_close_code_valid() (H1_WS_E_BAD_CLOSE_CODE), the reason must fit
 * in 123 bytes (H1_WS_E_CONTROL_PAYLOAD) and, with H1_WS_WRITE_CHECK_UTF8,
 * be valid UTF-8.  The writer is closed after it.
 */
h1_ws_errno h1_ws_write_close(h1_ws_writer *w, const unsigned char *mask,
                              unsigned code, const void *reason,
                              size_t reason_len, char *out, size_t cap,
                              size_t *written);

/* ------------------------------------------------------------------------
 * The opening handshake (RFC 6455 4): decisions on h1 message views.
 * SHA-1 is the caller's; the engine formats its input and output.
 * ------------------------------------------------------------------------ */

/* Sec-WebSocket-Key is base64 of 16 bytes: 24 characters. */
#define H1_WS_KEY_LEN 24u
/* Sec-WebSocket-Accept is base64 of a 20-byte SHA-1 digest: 28. */
#define H1_WS_ACCEPT_LEN 28u
/* The GUID appended to the key before hashing (RFC 6455 1.3). */
#define H1_WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
/* Length of key + GUID, the SHA-1 input. */
#define H1_WS_ACCEPT_INPUT_LEN 60u

/* Writes the base64 of 16 random bytes (the client's nonce) into
 * out[0..24): a Sec-WebSocket-Key value. */
void h1_ws_key_encode(const unsigned char nonce[16], char out[24]);

/* True when `key` (a header value, OWS trimmed by the caller or not) is
 * base64 of exactly 16 bytes: 22 alphabet characters then "==" (the
 * unused low bits of the 22nd character are not checked, as in the `ws`
 * package).  Surrounding SP/HTAB are ignored. */
int h1_ws_key_valid(struct h1_span key);

/* Writes key + GUID into out[0..60): the bytes whose SHA-1 the caller
 * computes.  `key` must be valid (h1_ws_key_valid), surrounding OWS is
 * dropped.  Returns 60, or 0 when the key is not valid. */
size_t h1_ws_accept_input(struct h1_span key, char out[60]);

/* Writes the base64 of a 20-byte SHA-1 digest into out[0..28): the
 * Sec-WebSocket-Accept value. */
void h1_ws_accept_encode(const unsigned char digest[20], char out[28]);

/*
 * The next token of a comma-separated header list: skips empty members and
 * OWS, sets *token and advances *list past it.  Returns 1 with a token, 0
 * at the end of the list, -1 when the member is not an RFC 9110 token (a
 * space inside, a separator), *token then covering the bad member.
 */
int h1_ws_next_token(struct h1_span *list, struct h1_span *token);

/*
 * The server's refusals.  XX(constant suffix, name, HTTP status, sentence).
 * Sentences are those of the `ws` package where it has one.
 */
#define H1_WS_HS_MAP(XX)                                                       \
  XX(OK, "WS_HS_OK", 101, "Switching Protocols")                               \
  XX(METHOD, "WS_HS_METHOD", 405, "Invalid HTTP method")                       \
  XX(VERSION_HTTP, "WS_HS_HTTP_VERSION", 400,                                  \
     "WebSocket needs HTTP/1.1 or later")                                      \
  XX(UPGRADE, "WS_HS_UPGRADE", 400, "Invalid Upgrade header")                  \
  XX(CONNECTION, "WS_HS_CONNECTION", 400,                                      \
     "Connection header without the upgrade token")                            \
  XX(KEY, "WS_HS_KEY", 400, "Missing or invalid Sec-WebSocket-Key header")     \
  XX(VERSION, "WS_HS_VERSION", 426,                                            \
     "Missing or invalid Sec-WebSocket-Version header")                        \
  XX(PROTOCOL, "WS_HS_PROTOCOL", 400, "Invalid Sec-WebSocket-Protocol header") \
  /* client side: the server's response */                                     \
  XX(STATUS, "WS_HS_STATUS", 0, "Unexpected server response")                  \
  XX(ACCEPT, "WS_HS_ACCEPT", 0, "Invalid Sec-WebSocket-Accept header")         \
  XX(BAD_SUBPROTOCOL, "WS_HS_BAD_SUBPROTOCOL", 0,                              \
     "Server sent an invalid subprotocol")                                     \
  XX(EXTENSION, "WS_HS_EXTENSION", 0,                                          \
     "Server indicated an extension that was not requested")

typedef enum h1_ws_hs {
#define H1__WS_HS_ENUM(name, str, status, reason) H1_WS_HS_##name,
  H1_WS_HS_MAP(H1__WS_HS_ENUM)
#undef H1__WS_HS_ENUM
      H1_WS_HS__COUNT
} h1_ws_hs;

const char *h1_ws_hs_name(h1_ws_hs e);   /* "WS_HS_KEY"; "WS_HS_UNKNOWN" */
const char *h1_ws_hs_reason(h1_ws_hs e); /* the sentence */
/* The HTTP status a server answers with: 101 for H1_WS_HS_OK, 400, 405 or
 * 426 for a refusal (426 goes with `Sec-WebSocket-Version: 13`); 0 for the
 * client-side results. */
unsigned h1_ws_hs_status(h1_ws_hs e);

/* What the server learns from an acceptable request. */
struct h1_ws_request {
  struct h1_span key; /* Sec-WebSocket-Key, OWS trimmed */
  /* Every Sec-WebSocket-Protocol line, for h1_ws_protocol_offered(). */
  size_t num_protocol_lines;
};

/*
 * Decides a server's answer to an Upgrade request, in this order (the
 * `ws` package's, with the RFC's Connection check): method GET (405), HTTP
 * version 1.1 or later, an Upgrade list with the token `websocket` (any
 * case), a Connection list with `upgrade`, exactly one Sec-WebSocket-Key
 * that is base64 of 16 bytes, Sec-WebSocket-Version exactly `13` (426),
 * and every Sec-WebSocket-Protocol line a list of tokens with no token
 * twice (400).  Fills *out on H1_WS_HS_OK.  Sec-WebSocket-Extensions is
 * ignored (no extension is accepted).
 */
h1_ws_hs h1_ws_server_check(const struct h1_message *req,
                            struct h1_ws_request *out);

/* True when the request (checked by h1_ws_server_check) offers subprotocol
 * `name` (exact, case-sensitive as RFC 6455 says). */
int h1_ws_protocol_offered(const struct h1_message *req, struct h1_span name);

/*
 * Decides whether a client's handshake succeeded, given the response view,
 * the Sec-WebSocket-Accept value expected (28 characters, from
 * h1_ws_accept_encode() over the SHA-1 of h1_ws_accept_input()), and the
 * subprotocols the client offered (`offered`, `n_offered`; may be NULL with
 * 0).  In order: status 101 (H1_WS_HS_STATUS), Upgrade `websocket`,
 * Connection with `upgrade`, Sec-WebSocket-Accept equal to `accept`, no
 * Sec-WebSocket-Extensions, and Sec-WebSocket-Protocol either absent or
 * exactly one of the offered ones (H1_WS_HS_BAD_SUBPROTOCOL; also when none
 * was offered).  An absent Sec-WebSocket-Protocol is accepted even when
 * some were offered, as Node 20's WebSocket (WHATWG) accepts it.  On
 * H1_WS_HS_OK, *protocol (may be NULL) is the chosen subprotocol or an
 * empty span.
 */
h1_ws_hs h1_ws_client_check(const struct h1_message *res, struct h1_span accept,
                            const struct h1_span *offered, size_t n_offered,
                            struct h1_span *protocol);

#ifdef __cplusplus
}
#endif

#endif /* H1_WS_H */
