/* The README's server example: a handler, a server on 127.0.0.1, and (so
 * that ctest can run it) one request made to itself before closing. */
#include <arpa/inet.h>
#include <h1/h1_http.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void hello(void *ud, h1_req *req, h1_res *res) {
  char body[256];
  const struct h1_message *m = h1_req_message(req);
  int n = snprintf(body, sizeof body, "hello, %s %.*s\n",
                   h1_method_name(m->method), (int)m->url.len, m->url.ptr);
  (void)ud;
  h1_res_set_header(res, "content-type", "text/plain");
  h1_res_end(res, body, (size_t)n);
}

int main(void) {
  struct h1_http_config cfg;
  h1_http_server *srv;
  char err[256], reply[1024];
  struct sockaddr_in a;
  const char *get =
      "GET /readme HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ssize_t n, got = 0;
  int fd;

  h1_http_config_default(&cfg); /* Node's defaults: headersTimeout 60 s... */
  cfg.on_request = hello;
  srv = h1_http_server_create(&cfg, err, sizeof err);
  if (srv == NULL ||
      h1_http_server_listen(srv, "127.0.0.1", "0", err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }

  /* a client, for the test: one request, the whole answer */
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)h1_http_server_port(srv));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
      write(fd, get, strlen(get)) < 0)
    return 1;
  while ((n = read(fd, reply + got, sizeof reply - 1 - (size_t)got)) > 0)
    got += n;
  close(fd);
  reply[got] = '\0';
  printf("%s\n",
         strstr(reply, "\r\n\r\n") ? strstr(reply, "\r\n\r\n") + 4 : reply);
  printf("%.*s\n", (int)(strchr(reply, '\r') ? strchr(reply, '\r') - reply : 0),
         reply);

  h1_http_server_close(srv); /* server.close(): idle connections go */
  h1_http_server_wait(srv);
  h1_http_server_free(srv);
  return 0;
}
