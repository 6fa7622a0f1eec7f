/*
 * cli.h -- what the commands of the `h1` program share: the command table
 * entry, option parsing with getopt_long, usage errors and input reading.
 *
 * A command is a `struct cli_command` (name, one-line summary, usage text,
 * entry point); h1.c lists them.  Usage errors print one line on standard
 * error and nothing on standard output, and exit 2; `--help` prints the
 * command's usage on standard output and exits 0.
 */
#ifndef H1_CLI_H
#define H1_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "h1/h1.h"

struct cli_command {
  const char *name;    /* "parse" */
  const char *summary; /* one line for `h1 --help` */
  const char *usage;   /* the whole usage text, ending in a newline */
  /* argv[0] is the command's name, argv[1..argc) its arguments. */
  int (*run)(int argc, char **argv);
};

extern const struct cli_command cli_parse;
extern const struct cli_command cli_write;
extern const struct cli_command cli_serve;
extern const struct cli_command cli_get;
extern const struct cli_command cli_probe;
extern const struct cli_command cli_ws;

/* Prints `h1 NAME: MESSAGE (see 'h1 NAME --help')` on one line of standard
 * error; returns 2, the exit status of a usage error. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints the command's usage on standard output; returns 0. */
int cli_help(const struct cli_command *cmd);

/*
 * getopt_long over argv[0..argc) (argv[0] the command's name), with the
 * long and short forms, `--opt=value` and `--`.  Returns the option's value,
 * or -1 once the options end (operands then start at `optind`).  `--help`
 * and `-h` are handled here, as are unknown options and missing values:
 * those return CLI_OPT_EXIT with *status set to the exit status (0 after
 * printing the usage, 2 after a usage error).  `shorts` must not start with
 * ':' (this adds it) and must not list 'h'.
 */
enum { CLI_OPT_EXIT = -2 };
int cli_getopt(const struct cli_command *cmd, int argc, char **argv,
               const char *shorts, const struct option *longs, int *status);

/* --profile's value: "node" or "strict"; -1 when neither. */
int cli_profile(const char *s, h1_profile *out);

/* A decimal number in [0, max]; -1 when s is not one. */
int cli_number(const char *s, unsigned long long max, unsigned long long *out);

/*
 * Reads the command's one optional operand, argv[optind] once the options
 * are parsed (a file; "-" or none: standard input), whole into a malloc'd
 * buffer.  Returns 0, or 2 after saying on standard error why not (more
 * than one operand, a file that cannot be read).
 */
int cli_read_operand(const struct cli_command *cmd, int argc, char **argv,
                     char **out, size_t *len);
/* Reads FILE ("-": standard input) whole into a malloc'd buffer; 0, or 2
 * after saying on standard error why not ("h1 WHO: cannot ..."). */
int cli_read_file(const char *who, const char *file, char **out, size_t *len);

/* "h1: out of memory" on standard error, then exit status 2. */
void cli_out_of_memory(void);

#endif
