/*
 * app.c -- the consumer of ci/check-install: a program outside h1 that
 * includes <h1/h1.h>, links the library found by its build (add_subdirectory,
 * find_package or pkg-config) and parses one request.  Exits 0 only if the
 * header's version is the one the build expects and the request parses.
 */
#include <h1/h1.h>
#include <stdio.h>
#include <string.h>

#ifndef EXPECT_VERSION_MINOR
#error "EXPECT_VERSION_MINOR: the build passes h1's minor version"
#endif

int main(void) {
  static const char req[] = "GET /embed HTTP/1.1\r\nHost: a\r\n\r\n";
  static struct h1_header slots[H1_SLOTS_FOR(H1_DEFAULT_MAX_HEADER_SIZE)];
  static char arena[H1_ARENA_FOR(H1_DEFAULT_MAX_HEADER_SIZE)];
  h1_parser p;
  struct h1_event ev;
  size_t off = 0;
  int heads = 0, ends = 0;

  if (H1_VERSION_MINOR != EXPECT_VERSION_MINOR) {
    fprintf(stderr, "h1.h says 0.%d, the build 0.%d\n", H1_VERSION_MINOR,
            EXPECT_VERSION_MINOR);
    return 1;
  }
  h1_parser_init(&p, NULL, slots, sizeof slots / sizeof slots[0], arena,
                 sizeof arena);
  do {
    off += h1_execute(&p, req + off, sizeof req - 1 - off, &ev);
    if (ev.type == H1_EV_HEAD && p.msg.url.len == 6 &&
        memcmp(p.msg.url.ptr, "/embed", 6) == 0 && p.msg.num_headers == 1)
      heads++;
    else if (ev.type == H1_EV_MESSAGE_END)
      ends++;
    else if (ev.type == H1_EV_ERROR)
      fprintf(stderr, "%s\n", h1_errno_name(p.error));
  } while (ev.type != H1_EV_NONE && ev.type != H1_EV_ERROR);
  if (heads != 1 || ends != 1 || off != sizeof req - 1) {
    fprintf(stderr, "parse: %d heads, %d ends, %zu bytes\n", heads, ends, off);
    return 1;
  }
  printf("h1 %s ok\n", H1_EMBED_MODE);
  return 0;
}
