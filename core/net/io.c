/*
 * io.c -- the plain-socket half of the blocking stream (io.h): deadlines
 * with poll, writes without SIGPIPE, listen / accept / connect.
 */
#define _GNU_SOURCE
#include "io.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

/* tls.c */
long h1__tls_read(h1_io *s, void *buf, size_t n, int64_t deadline, int wait);
int h1__tls_write(h1_io *s, const void *buf, size_t n, int64_t deadline);
void h1__tls_free(h1_io *s, int notify);
int h1__tls_pending(const h1_io *s);
int h1__tls_emptied(const h1_io *s);

const char *h1_io_status_name(int status) {
  switch (status) {
  case H1_IO_TIMEOUT:
    return "timeout";
  case H1_IO_RESET:
    return "reset";
  case H1_IO_ERR:
    return "error";
  case H1_IO_TLS:
    return "tls";
  case H1_IO_AGAIN:
    return "again";
  case H1_IO_ABORTED:
    return "aborted";
  case H1_IO_BIND:
    return "bind";
  case H1_IO_NOTFOUND:
    return "notfound";
  default:
    return status >= 0 ? "ok" : "unknown";
  }
}

int64_t h1_io_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void no_sigpipe(int fd) {
#ifdef SO_NOSIGPIPE
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#else
  (void)fd;
#endif
}

static void set_nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL, 0);
  if (fl >= 0)
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
}

void h1_io_init(h1_io *s, int fd) {
  if (fd >= 0) {
    set_nonblock(fd);
    no_sigpipe(fd);
  }
  s->fd = fd;
  s->ssl = NULL;
  s->sys_errno = 0;
  s->short_read = 0;
  s->reason[0] = '\0';
  s->abort = NULL;
}

void h1_io_init_accepted(h1_io *s, int fd) {
  h1_io_init(s, -1);
  s->fd = fd;
}

/* Status of a failed system call. */
static int fail(h1_io *s, int e) {
  s->sys_errno = e;
  return (e == ECONNRESET || e == EPIPE || e == ECONNABORTED) ? H1_IO_RESET
                                                              : H1_IO_ERR;
}

/* poll() for `events` until the deadline: 1 ready, 0 timeout, < 0 status
 * (H1_IO_ABORTED once s->abort is set: polled in 50 ms slices then). */
int h1__io_wait(h1_io *s, short events, int64_t deadline) {
  for (;;) {
    struct pollfd p;
    int64_t left;
    int ms, r, slice = 0;
    if (deadline == H1_IO_FOREVER) {
      ms = -1;
    } else {
      left = deadline - h1_io_now();
      ms = left <= 0 ? 0 : left > 1000000000 ? 1000000000 : (int)left;
    }
    if (s->abort != NULL) {
      if (*s->abort)
        return H1_IO_ABORTED;
      if (ms < 0 || ms > 50)
        ms = 50, slice = 1;
    }
    p.fd = s->fd;
    p.events = events;
    p.revents = 0;
    r = poll(&p, 1, ms);
    if (r > 0)
      return 1;
    if (r == 0 && !slice)
      return 0;
    if (r < 0 && errno != EINTR)
      return fail(s, errno);
  }
}

int h1_io_wait_readable(h1_io *s, int64_t deadline) {
  if (s->ssl != NULL && h1__tls_pending(s))
    return 1;
  return h1__io_wait(s, POLLIN, deadline);
}

int h1_io_pending(const h1_io *s) {
  return s->ssl != NULL && h1__tls_pending(s);
}

/* One recv (out 0) or send (out 1): > 0, 0 (EOF), H1_IO_AGAIN or a
 * status. */
static long sys_io(h1_io *s, void *buf, size_t n, int out) {
  for (;;) {
    ssize_t r =
        out ? send(s->fd, buf, n, MSG_NOSIGNAL) : recv(s->fd, buf, n, 0);
    if (r >= 0)
      return (long)r;
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return H1_IO_AGAIN;
    return fail(s, errno);
  }
}

long h1__io_recv(h1_io *s, void *buf, size_t n) {
  return sys_io(s, buf, n, 0);
}

long h1__io_send(h1_io *s, const void *buf, size_t n) {
  return sys_io(s, (void *)(uintptr_t)buf, n, 1);
}

long h1_io_read_nowait(h1_io *s, void *buf, size_t n) {
  if (s->ssl != NULL) {
    s->short_read = 0;
    return h1__tls_read(s, buf, n, 0, 0);
  }
  return h1__io_recv(s, buf, n);
}

int h1_io_read_emptied(const h1_io *s, long r, size_t n) {
  if (s->ssl != NULL)
    return h1__tls_emptied(s);
  return r >= 0 && (size_t)r < n;
}

long h1_io_read(h1_io *s, void *buf, size_t n, int64_t deadline) {
  if (s->ssl != NULL)
    return h1__tls_read(s, buf, n, deadline, 1);
  for (;;) {
    long r = h1__io_recv(s, buf, n);
    int w;
    if (r != H1_IO_AGAIN)
      return r;
    w = h1__io_wait(s, POLLIN, deadline);
    if (w == 0)
      return H1_IO_TIMEOUT;
    if (w < 0)
      return w;
  }
}

int h1_io_write_all(h1_io *s, const void *buf, size_t n, int64_t deadline) {
  const char *p = buf;
  if (s->ssl != NULL)
    return h1__tls_write(s, buf, n, deadline);
  while (n > 0) {
    long r = h1__io_send(s, p, n);
    if (r == H1_IO_AGAIN) {
      int w = h1__io_wait(s, POLLOUT, deadline);
      if (w == 0)
        return H1_IO_TIMEOUT;
      if (w < 0)
        return w;
      continue;
    }
    if (r < 0)
      return (int)r;
    p += r;
    n -= (size_t)r;
  }
  return H1_IO_OK;
}

void h1_io_shutdown_write(h1_io *s) {
  if (s->fd < 0)
    return;
  if (s->ssl != NULL)
    h1__tls_free(s, 1);
  shutdown(s->fd, SHUT_WR);
}

void h1_io_close(h1_io *s) {
  if (s->ssl != NULL)
    h1__tls_free(s, 0);
  if (s->fd >= 0)
    close(s->fd);
  s->fd = -1;
}

void h1_io_abort(h1_io *s) {
  struct linger l;
  l.l_onoff = 1;
  l.l_linger = 0;
  if (s->fd >= 0)
    setsockopt(s->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  h1_io_close(s);
}

/* --- Sockets ------------------------------------------------------------ */

int h1_io_listen(const char *host, const char *port, int backlog, int *err) {
  struct addrinfo hints, *res = NULL, *ai;
  int fd = -1, e = 0, rc;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  rc = getaddrinfo(host != NULL && host[0] ? host : NULL, port, &hints, &res);
  if (rc != 0) {
    if (err != NULL)
      *err = EINVAL;
    return H1_IO_ERR;
  }
  for (ai = res; ai != NULL; ai = ai->ai_next) {
    int one = 1;
    fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      e = errno;
      continue;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, backlog) == 0)
      break;
    e = errno;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  if (fd < 0) {
    if (err != NULL)
      *err = e;
    return H1_IO_ERR;
  }
  set_nonblock(fd);
  return fd;
}

unsigned h1_io_local_port(int fd) {
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
    return 0;
  if (ss.ss_family == AF_INET)
    return ntohs(((struct sockaddr_in *)&ss)->sin_port);
  if (ss.ss_family == AF_INET6)
    return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
  return 0;
}

static void format_peer(const struct sockaddr_storage *ss, char *peer,
                        size_t cap) {
  char host[INET6_ADDRSTRLEN] = "?";
  unsigned port = 0;
  if (ss->ss_family == AF_INET) {
    const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
    inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
    port = ntohs(a->sin_port);
  } else if (ss->ss_family == AF_INET6) {
    const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
    inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
    port = ntohs(a->sin6_port);
  }
  snprintf(peer, cap, "%s:%u", host, port);
}

int h1_io_accept(int lfd, char *peer, size_t peer_cap) {
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  int fd;
  do
    fd = accept4(lfd, (struct sockaddr *)&ss, &len,
                 SOCK_NONBLOCK | SOCK_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return -1;
  no_sigpipe(fd);
  if (peer != NULL && peer_cap > 0)
    format_peer(&ss, peer, peer_cap);
  return fd;
}

int h1_io_connect(const char *host, const char *port, int64_t deadline,
                  int *err) {
  return h1_io_connect_ex(host, port, 0, NULL, deadline, NULL, err);
}

/* Binds fd to local_address (any port) before connecting: 0 or an errno,
 * EINVAL when local_address is not an address of `family` (Node parses it
 * as one of the destination's family). */
static int bind_local(int fd, int family, const char *local_address) {
  struct addrinfo hints, *res = NULL;
  int r;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = family;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
  if (getaddrinfo(local_address, "0", &hints, &res) != 0)
    return EINVAL;
  r = bind(fd, res->ai_addr, res->ai_addrlen) == 0 ? 0 : errno;
  freeaddrinfo(res);
  return r;
}

int h1_io_connect_ex(const char *host, const char *port, int family,
                     const char *local_address, int64_t deadline,
                     const volatile int *abort, int *err) {
  struct addrinfo hints, *res = NULL, *ai;
  int fd = -1, e = ETIMEDOUT, status = H1_IO_TIMEOUT, g;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = family == 4 ? AF_INET : family == 6 ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  g = getaddrinfo(host != NULL && host[0] ? host : "localhost", port, &hints,
                  &res);
  if (g != 0) {
    if (err != NULL)
      *err = g == EAI_SYSTEM ? errno : EHOSTUNREACH;
    return g == EAI_SYSTEM ? H1_IO_ERR : H1_IO_NOTFOUND;
  }
  for (ai = res; ai != NULL; ai = ai->ai_next) {
    h1_io s;
    int w, soerr = 0;
    socklen_t sl = sizeof soerr;
    fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                0);
    if (fd < 0) {
      e = errno;
      status = H1_IO_ERR;
      continue;
    }
    no_sigpipe(fd);
    if (local_address != NULL && local_address[0] &&
        (e = bind_local(fd, ai->ai_family, local_address)) != 0) {
      status = H1_IO_BIND;
      close(fd);
      fd = -1;
      continue;
    }
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
      break;
    if (errno != EINPROGRESS) {
      e = errno;
      status = H1_IO_ERR;
      close(fd);
      fd = -1;
      continue;
    }
    h1_io_init(&s, fd);
    s.abort = abort;
    w = h1__io_wait(&s, POLLOUT, deadline);
    if (w == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 &&
        soerr == 0)
      break;
    e = w == 1 ? soerr : w == 0 ? ETIMEDOUT : s.sys_errno;
    status = w == 0 ? H1_IO_TIMEOUT : w == H1_IO_ABORTED ? w : H1_IO_ERR;
    close(fd);
    fd = -1;
    if (w == 0 || w == H1_IO_ABORTED)
      break; /* the deadline is shared by every address */
  }
  freeaddrinfo(res);
  if (fd < 0) {
    if (err != NULL)
      *err = e;
    return status;
  }
  return fd;
}

void h1_io_set_nodelay(int fd, int on) {
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

void h1_io_set_keepalive(int fd, int on, unsigned keepalive_ms) {
  setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
#ifdef TCP_KEEPIDLE
  if (on && keepalive_ms >= 1000) {
    int idle = (int)(keepalive_ms / 1000);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  }
#else
  (void)keepalive_ms;
#endif
}
