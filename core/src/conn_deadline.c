/*
 * conn_deadline.c -- the server's timeouts as "next deadline" values.
 *
 * Node's ConnectionsList::Expired calls a request expired when
 * now - start > timeout, so the first whole millisecond at which it has
 * expired is start + timeout + 1.  Node looks only at the ticks of its
 * connectionsCheckingInterval timer, started with the server at `origin`:
 * the 408 comes at the first tick at or after that millisecond.
 */
#include "conn.h"

int64_t h1__deadline_after(int64_t start, uint32_t timeout) {
  return start + (int64_t)timeout + 1;
}

int64_t h1__deadline_at_tick(int64_t deadline, int64_t origin,
                             uint32_t interval) {
  int64_t k = 1;
  if (deadline == INT64_MAX || interval == 0)
    return deadline;
  if (deadline > origin)
    k = (deadline - origin + (int64_t)interval - 1) / (int64_t)interval;
  return origin + k * (int64_t)interval;
}

int64_t h1__deadline_min(int64_t a, int64_t b) {
  return a < b ? a : b;
}
