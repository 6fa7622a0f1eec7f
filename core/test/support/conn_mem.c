/* conn_mem.c -- caller memory for the connection tests. */
#include "conn_mem.h"

#include <string.h>

#define MHS H1_DEFAULT_MAX_HEADER_SIZE
static struct h1_header slots[H1_CONN_SLOTS_FOR(MHS)];
static char arena[H1_CONN_ARENA_FOR(MHS)];
static char inbuf[4096];
static char outbuf[8192];
static struct h1_wline lines[64];
static char head[4096];

void conn_test_mem(struct h1_conn_mem *m, size_t in_cap) {
  memset(m, 0, sizeof(*m));
  m->slots = slots;
  m->nslots = sizeof slots / sizeof slots[0];
  m->arena = arena;
  m->arena_cap = sizeof arena;
  m->in = inbuf;
  m->in_cap = in_cap < sizeof inbuf ? in_cap : sizeof inbuf;
  m->out = outbuf;
  m->out_cap = sizeof outbuf;
  m->lines = lines;
  m->nlines = sizeof lines / sizeof lines[0];
  m->head = head;
  m->head_cap = sizeof head;
}
