/*
 * ws_log.h -- the WebSocket reader's unit-test harness: runs a reader over a
 * byte stream cut into pieces and prints what it reported as a text log,
 * one line per event, so that runs (whole, split, byte by byte) and the
 * corpus's expectations compare as strings.
 *
 * Log lines:
 *   text PAYLOAD | binary PAYLOAD   a complete data message
 *   ping PAYLOAD | pong PAYLOAD
 *   close CODE PAYLOAD              the close frame (CODE 1005: empty)
 *   fail CODE NAME [@OFFSET]        an error: close code to send, its name
 *   end closed | end open           the stream ended (h1_ws_reader_finish)
 * PAYLOAD is "" or the bytes in hex when at most 64 bytes, else
 * len=N fnv=HASH (FNV-1a 64 of the bytes).  A message is logged when it
 * completes; an error inside a message drops its partial data.
 */
#ifndef H1_TEST_WS_LOG_H
#define H1_TEST_WS_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "h1/h1_ws.h"

/* A growing text log. */
struct ws_log {
  char *buf;
  size_t len, cap;
};

void ws_log_init(struct ws_log *l);
void ws_log_free(struct ws_log *l);
void ws_log_printf(struct ws_log *l, const char *fmt, ...);

/* Payload printing, incremental: the first 64 bytes, length and hash. */
struct ws_payload {
  unsigned char head[64];
  uint64_t len;
  uint64_t fnv;
};

void ws_payload_init(struct ws_payload *p);
void ws_payload_add(struct ws_payload *p, const void *data, size_t len);
/* Appends " PAYLOAD" to the log. */
void ws_payload_print(struct ws_log *l, const struct ws_payload *p);

/*
 * Runs a fresh reader with `settings` over in[0..len), cut before every
 * offset in cuts[0..ncuts) (ascending, within (0, len)), each piece copied
 * to a heap buffer of exactly its size; logs the events, then finish.
 * `offsets` adds @OFFSET to fail lines.  Returns 0, or -1 when the reader
 * broke an invariant of its API (the log then ends with a `BROKEN` line
 * saying which).
 */
int ws_log_run(const struct h1_ws_settings *settings, const unsigned char *in,
               size_t len, const size_t *cuts, size_t ncuts, int offsets,
               struct ws_log *log);

/*
 * Split invariance and expectations: runs in[0..len) whole (the reference
 * log, with offsets, into *whole when not NULL), then cut in two at every
 * point (inputs up to 600 bytes), byte by byte (up to 16384 bytes), in
 * chunks of 2, 3, 7, 13, 64 (inputs up to 64 KiB), 1000 and 4096 bytes
 * and at pseudo-random points, and requires every run to print the reference
 * log.  When `expect` is not NULL, the whole run without offsets must print it.
 * Returns 0, or -1 with the first difference described in diag.
 */
int ws_log_check(const struct h1_ws_settings *settings, const unsigned char *in,
                 size_t len, const char *expect, struct ws_log *whole,
                 char *diag, size_t diag_len);

#endif /* H1_TEST_WS_LOG_H */
