/*
 * cli.c -- helpers shared by the `h1` commands: option parsing, usage
 * errors, numbers, input reading.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "h1 %s: ", cmd->name);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, " (see 'h1 %s --help')\n", cmd->name);
  return 2;
}

int cli_help(const struct cli_command *cmd) {
  fputs(cmd->usage, stdout);
  return fflush(stdout) == 0 ? 0 : 2;
}

int cli_getopt(const struct cli_command *cmd, int argc, char **argv,
               const char *shorts, const struct option *longs, int *status) {
  char optstring[64];
  struct option all[48];
  size_t n = 0, k;
  int c, prev = optind;
  const char *arg;

  k = strlen(shorts);
  if (k + 3 > sizeof(optstring))
    abort(); /* a programming error, not an input */
  optstring[0] = ':';
  memcpy(optstring + 1, shorts, k);
  memcpy(optstring + 1 + k, "h", 2);
  while (longs[n].name != NULL) {
    if (n + 2 >= sizeof(all) / sizeof(all[0]))
      abort();
    all[n] = longs[n];
    n++;
  }
  all[n].name = "help";
  all[n].has_arg = no_argument;
  all[n].flag = NULL;
  all[n].val = 'h';
  memset(&all[n + 1], 0, sizeof(all[n + 1]));

  opterr = 0;
  c = getopt_long(argc, argv, optstring, all, NULL);
  if (c == 'h') {
    *status = cli_help(cmd);
    return CLI_OPT_EXIT;
  }
  if (c != '?' && c != ':')
    return c;
  /* The argument getopt stopped at: a long option, or a short one. */
  arg = optind > prev && optind - 1 < argc ? argv[optind - 1] : "";
  if (arg[0] == '-' && arg[1] == '-') {
    int len = (int)strcspn(arg, "=");
    *status = cli_usage_error(cmd,
                              c == ':' ? "option '%.*s' needs a value"
                                       : "unknown or misused option '%.*s'",
                              len, arg);
  } else if (c == ':') {
    *status = cli_usage_error(cmd, "option '-%c' needs a value", optopt);
  } else {
    *status = cli_usage_error(cmd, "unknown option '-%c'", optopt);
  }
  return CLI_OPT_EXIT;
}

int cli_profile(const char *s, h1_profile *out) {
  if (strcmp(s, "node") == 0)
    *out = H1_PROFILE_NODE;
  else if (strcmp(s, "strict") == 0)
    *out = H1_PROFILE_STRICT;
  else
    return -1;
  return 0;
}

int cli_number(const char *s, unsigned long long max, unsigned long long *out) {
  unsigned long long v = 0;
  if (*s == '\0')
    return -1;
  for (; *s; s++) {
    unsigned d = (unsigned)(*s - '0');
    if (*s < '0' || *s > '9' || d > max || v > (max - d) / 10)
      return -1;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

void cli_out_of_memory(void) {
  fputs("h1: out of memory\n", stderr);
  exit(2);
}

int cli_read_file(const char *who, const char *file, char **out, size_t *len) {
  FILE *f = stdin;
  char *b = NULL;
  size_t n = 0, cap = 0;
  int failed;
  if (strcmp(file, "-") != 0) {
    f = fopen(file, "rb");
    if (f == NULL) {
      fprintf(stderr, "h1 %s: cannot open %s: %s\n", who, file,
              strerror(errno));
      return 2;
    }
  }
  for (;;) {
    size_t r;
    if (n == cap) {
      char *nb;
      cap = cap ? cap * 2 : 65536;
      nb = realloc(b, cap);
      if (nb == NULL)
        cli_out_of_memory();
      b = nb;
    }
    r = fread(b + n, 1, cap - n, f);
    n += r;
    if (r == 0)
      break;
  }
  failed = ferror(f);
  if (f != stdin)
    fclose(f);
  if (failed) {
    fprintf(stderr, "h1 %s: cannot read %s\n", who,
            f == stdin ? "standard input" : file);
    free(b);
    return 2;
  }
  *out = b;
  *len = n;
  return 0;
}

int cli_read_operand(const struct cli_command *cmd, int argc, char **argv,
                     char **out, size_t *len) {
  if (argc - optind > 1)
    return cli_usage_error(cmd, "one input file at most");
  return cli_read_file(cmd->name, optind < argc ? argv[optind] : "-", out, len);
}
