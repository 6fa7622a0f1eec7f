/* conn_mem.h -- caller memory for the connection tests (h1_conn.h). */
#ifndef H1_TEST_CONN_MEM_H
#define H1_TEST_CONN_MEM_H

#include <stddef.h>

#include "h1/h1_conn.h"

/* Fills `m` with one static set of buffers sized for the default
 * maxHeaderSize, an input buffer of in_cap bytes (at most 4096) and an
 * 8 KiB output buffer.  One connection at a time may use them. */
void conn_test_mem(struct h1_conn_mem *m, size_t in_cap);

#endif
