/* The README's example: parse a request that arrives in two pieces. */
#include <h1/h1.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char *pieces[] = {"POST /upload?x=1 HTTP/1.1\r\nHost: exa",
                          "mple.com\r\nContent-Length: 5\r\n\r\nhello"};
  static struct h1_header slots[H1_SLOTS_FOR(H1_DEFAULT_MAX_HEADER_SIZE)];
  static char arena[H1_ARENA_FOR(H1_DEFAULT_MAX_HEADER_SIZE)];
  h1_parser p;
  struct h1_event ev;
  size_t i, k, off;

  h1_parser_init(&p, NULL, slots, sizeof slots / sizeof slots[0], arena,
                 sizeof arena); /* NULL settings: a Node-profile request */
  for (i = 0; i < 2; i++) {
    for (off = 0; off < strlen(pieces[i]) || ev.type != H1_EV_NONE;) {
      off += h1_execute(&p, pieces[i] + off, strlen(pieces[i]) - off, &ev);
      if (ev.type == H1_EV_HEAD) {
        printf("%s %.*s\n", h1_method_name(p.msg.method), (int)p.msg.url.len,
               p.msg.url.ptr);
        for (k = 0; k < p.msg.num_headers; k++)
          printf("  %.*s: %.*s\n", (int)slots[k].name.len, slots[k].name.ptr,
                 (int)slots[k].value.len, slots[k].value.ptr);
      } else if (ev.type == H1_EV_BODY) {
        printf("  body: %.*s\n", (int)ev.data.len, ev.data.ptr);
      } else if (ev.type == H1_EV_ERROR) {
        printf("%s at byte %llu: %s\n", h1_errno_name(p.error),
               (unsigned long long)p.error_offset, p.reason);
        return 1;
      }
    }
  }
  return 0;
}
