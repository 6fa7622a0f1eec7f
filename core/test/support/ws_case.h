/*
 * ws_case.h -- reads the WebSocket corpus (corpus/ws/NAME.cases, format in
 * corpus/ws/README.md): each case's frames as the bytes a peer sends to a
 * server (masked) and to a client (unmasked), and the log (ws_log.h) the
 * reader must print for them.
 */
#ifndef H1_TEST_WS_CASE_H
#define H1_TEST_WS_CASE_H

#include <stddef.h>
#include <stdint.h>

#include "ws_log.h"

enum { WS_CASE_SERVER = 1, WS_CASE_CLIENT = 2 };

struct ws_case {
  char id[32];       /* "5.19.2" */
  char autobahn[16]; /* the category mirrored: "5.19" */
  char title[160];
  const char *file;         /* the file it came from */
  int line;                 /* its `case` line */
  int roles;                /* WS_CASE_SERVER | WS_CASE_CLIENT */
  uint64_t max;             /* the reader's max_message_size (0: default) */
  uint32_t flags;           /* H1_WS_LENIENT_LENGTH ... */
  unsigned char *to_server; /* the frames, masked */
  size_t to_server_len;
  unsigned char *to_client; /* the same frames, unmasked */
  size_t to_client_len;
  struct ws_log expect; /* without offsets */
};

/* Reads every case of `path` into a new array (*cases, *n).  Returns 0, or
 * -1 with a message "file:line: what" in err. */
int ws_case_load(const char *path, struct ws_case **cases, size_t *n, char *err,
                 size_t err_len);
void ws_case_free(struct ws_case *cases, size_t n);

#endif /* H1_TEST_WS_CASE_H */
