/*
 * h1.c -- the `h1` command: `h1 parse` (CONTRACT.md section 1), `h1 write`,
 * `h1 get` (section 4); further
 * subcommands arrive with their issues.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int usage_error(const char *msg) {
  fprintf(stderr,
          "h1: %s (usage: h1 parse [--response [--method M]] "
          "[--profile node|strict] [--insecure] [--max-header-size N] "
          "[--max-headers-count N] [--join-duplicate-headers] "
          "[--chunk N] [FILE])\n",
          msg);
  return 2;
}

int read_input(const char *file, char **out, size_t *len) {
  FILE *f = stdin;
  char *b = NULL;
  size_t n = 0, cap = 0;
  if (file != NULL && strcmp(file, "-") != 0) {
    f = fopen(file, "rb");
    if (f == NULL) {
      fprintf(stderr, "h1: cannot open %s\n", file);
      return -1;
    }
  }
  for (;;) {
    size_t r;
    if (n == cap) {
      char *nb;
      cap = cap ? cap * 2 : 65536;
      nb = realloc(b, cap);
      if (nb == NULL) {
        fputs("h1: out of memory\n", stderr);
        free(b);
        return -1;
      }
      b = nb;
    }
    r = fread(b + n, 1, cap - n, f);
    n += r;
    if (r == 0)
      break;
  }
  if (ferror(f)) {
    fputs("h1: cannot read the input\n", stderr);
    free(b);
    return -1;
  }
  if (f != stdin)
    fclose(f);
  *out = b;
  *len = n;
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "parse") == 0)
    return cmd_parse(argc - 2, argv + 2);
  if (argc >= 2 && strcmp(argv[1], "write") == 0)
    return cmd_write(argc - 2, argv + 2);
  if (argc >= 2 && strcmp(argv[1], "get") == 0)
    return cmd_get(argc - 2, argv + 2);
  return usage_error(argc < 2 ? "missing command" : "unknown command");
}
