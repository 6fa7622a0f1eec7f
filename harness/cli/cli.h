/* cli.h -- shared pieces of the h1 command-line programs. */
#ifndef H1_CLI_H
#define H1_CLI_H

#include <stddef.h>

/* Prints "h1: MSG" to standard error; returns 2 (usage error). */
int usage_error(const char *msg);

/* Reads FILE ("-" or NULL: standard input) whole into a malloc'd buffer. */
int read_input(const char *file, char **out, size_t *len);

int cmd_parse(int argc, char **argv);
int cmd_write(int argc, char **argv);
int cmd_get(int argc, char **argv);

#endif
