/*
 * test_agent_faults.c -- 10,000 requests through one shared Agent (four
 * threads, keepAlive, maxSockets 3) against a server on 127.0.0.1 that mixes
 * faults into its answers by request number: a keep-alive response, one
 * with Connection: close, a close before any response (socket hang up), a
 * body cut short (aborted), a reset, and bytes that are not HTTP.  Every
 * request must end exactly as Node's client would name it; run under
 * ASan/LSan it also proves the client and the Agent leak nothing.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "h1/h1_client.h"

#define THREADS 4
#define PER_THREAD 2500
#define FAULTS 8

static int listen_fd;
static unsigned port;

/* What the server does for request n (its path is /n); 1 when the
 * connection is to be reset at once. */
static int answer(int fd, unsigned long n) {
  static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  static const char closing[] =
      "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello";
  static const char cut[] = "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhel";
  static const char junk[] = "XTTP/1.1 200 OK\r\n\r\n";
  struct linger lg = {1, 0};
  switch (n % FAULTS) {
  case 4:
    send(fd, closing, sizeof closing - 1, MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
    break;
  case 5:
    shutdown(fd, SHUT_WR);
    break;
  case 6:
    send(fd, cut, sizeof cut - 1, MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
    break;
  case 7:
    if (n % 16 == 7) {
      setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      return 1;
    } else {
      send(fd, junk, sizeof junk - 1, MSG_NOSIGNAL);
      shutdown(fd, SHUT_WR);
    }
    break;
  default:
    send(fd, ok, sizeof ok - 1, MSG_NOSIGNAL);
    return 0;
  }
  return 0;
}

static void *serve(void *arg) {
  int fd = (int)(intptr_t)arg;
  char buf[4096];
  size_t have = 0;
  for (;;) {
    char *end;
    ssize_t k;
    buf[have] = 0;
    end = strstr(buf, "\r\n\r\n");
    if (end != NULL) {
      unsigned long n = strtoul(strchr(buf, '/') + 1, NULL, 10);
      size_t used = (size_t)(end + 4 - buf);
      memmove(buf, buf + used, have - used);
      have -= used;
      if (answer(fd, n)) {
        close(fd);
        return NULL;
      }
      if (n % FAULTS >= 4)
        break;
      continue;
    }
    k = recv(fd, buf + have, sizeof buf - 1 - have, 0);
    if (k <= 0)
      break;
    have += (size_t)k;
  }
  /* wait for the client's close, so a FIN is never turned into a reset */
  while (recv(fd, buf, sizeof buf, 0) > 0)
    ;
  close(fd);
  return NULL;
}

static void *acceptor(void *arg) {
  (void)arg;
  for (;;) {
    pthread_t t;
    int fd = accept(listen_fd, NULL, NULL);
    if (fd < 0)
      return NULL;
    pthread_create(&t, NULL, serve, (void *)(intptr_t)fd);
    pthread_detach(t);
  }
}

struct worker {
  h1_agent *agent;
  unsigned first;
  unsigned ok, errors, reused;
  char wrong[400];
};

static const char *expected(unsigned long n) {
  switch (n % FAULTS) {
  case 5:
    return "ECONNRESET"; /* socket hang up */
  case 6:
    return "ECONNRESET"; /* aborted */
  case 7:
    return n % 16 == 7 ? "ECONNRESET" : "HPE_INVALID_CONSTANT";
  default:
    return NULL;
  }
}

static void *work(void *arg) {
  struct worker *w = arg;
  unsigned i;
  for (i = 0; i < PER_THREAD; i++) {
    unsigned long n = w->first + i;
    struct h1_request_options o;
    struct h1_client_error err;
    const struct h1_client_error *e;
    char path[32], body[64];
    size_t got = 0;
    long k = 0;
    h1_creq *r;
    snprintf(path, sizeof path, "/%lu", n);
    h1_request_options_default(&o);
    o.host = "127.0.0.1";
    o.port = port;
    o.path = path;
    o.agent = w->agent;
    o.timeout = 30000;
    r = h1_request(&o, &err);
    e = &err;
    if (r != NULL) {
      w->reused += (unsigned)h1_creq_reused_socket(r);
      if (h1_creq_end(r, NULL, 0) == 0 && h1_creq_response(r) == 0)
        while ((k = h1_creq_read(r, body + got, sizeof body - got)) > 0)
          got += (size_t)k;
      e = h1_creq_error(r);
    }
    if (e == NULL && got == 5 && memcmp(body, "hello", 5) == 0 &&
        expected(n) == NULL) {
      w->ok++;
    } else if (e != NULL && expected(n) != NULL &&
               strcmp(e->code, expected(n)) == 0) {
      w->errors++;
    } else if (!w->wrong[0]) {
      snprintf(w->wrong, sizeof w->wrong, "request %lu: %s (%s)", n,
               e ? e->code : "no error", e ? e->message : "");
    }
    h1_creq_free(r);
  }
  return NULL;
}

static void test_ten_thousand(void **state) {
  struct sockaddr_in sa;
  socklen_t sl = sizeof sa;
  struct h1_agent_options ao;
  h1_agent *agent;
  struct worker ws[THREADS];
  pthread_t acc, t[THREADS];
  size_t in_use, nfree;
  unsigned i, ok = 0, errors = 0, reused = 0;
  (void)state;

  listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(bind(listen_fd, (struct sockaddr *)&sa, sizeof sa), 0);
  assert_int_equal(listen(listen_fd, 64), 0);
  getsockname(listen_fd, (struct sockaddr *)&sa, &sl);
  port = ntohs(sa.sin_port);
  pthread_create(&acc, NULL, acceptor, NULL);

  h1_agent_options_default(&ao);
  ao.keep_alive = 1;
  ao.max_sockets = 3;
  agent = h1_agent_new(&ao);
  assert_non_null(agent);
  for (i = 0; i < THREADS; i++) {
    memset(&ws[i], 0, sizeof ws[i]);
    ws[i].agent = agent;
    ws[i].first = i * PER_THREAD;
    pthread_create(&t[i], NULL, work, &ws[i]);
  }
  for (i = 0; i < THREADS; i++) {
    pthread_join(t[i], NULL);
    ok += ws[i].ok;
    errors += ws[i].errors;
    reused += ws[i].reused;
    assert_string_equal(ws[i].wrong, "");
  }
  assert_int_equal(ok + errors, THREADS * PER_THREAD);
  assert_int_equal(ok, THREADS * PER_THREAD / FAULTS * 5); /* cases 0-4 */
  /* keep-alive sockets were reused */
  printf("%u ok, %u errors as expected, %u on reused sockets\n", ok, errors,
         reused);
  assert_true(reused > 0);
  h1_agent_counts(agent, &in_use, &nfree);
  assert_int_equal(in_use, 0);
  assert_true(nfree <= 3);
  h1_agent_free(agent);
  shutdown(listen_fd, SHUT_RDWR);
  close(listen_fd);
  pthread_join(acc, NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_ten_thousand)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
