/*
 * h1.c -- the `h1` program: `main` and its command table.
 *
 *   h1 parse   bytes in, Node's view of them out (doc/cli.md, section 1)
 *   h1 write   Node's OutgoingMessage calls in, wire bytes out (section 3)
 *   h1 serve   a server with Node's http.Server semantics (section 2)
 *   h1 get     one request as Node's http.request makes it (section 4)
 *   h1 probe   the corpus sent to HTTP servers, their answers judged
 *   h1 ws      a WebSocket client as Node's WebSocket (section 6)
 *   h1 help [COMMAND], h1 --help, h1 COMMAND --help: usage, exit 0
 *   h1 --version: the library's version
 *
 * Each command lives in its own file with its own usage text; options are
 * parsed by cli_getopt() (cli.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct cli_command *const commands[] = {
    &cli_parse, &cli_write, &cli_serve, &cli_get, &cli_probe, &cli_ws};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int help_main(int argc, char **argv);

static const struct cli_command cli_help_command = {
    "help", "print the usage of h1 or of one command",
    "usage: h1 help [COMMAND]\n"
    "\n"
    "Prints the usage of COMMAND, or h1's list of commands, on standard\n"
    "output.  'h1 COMMAND --help' does the same.\n",
    help_main};

static const struct cli_command *find_command(const char *name) {
  size_t i;
  for (i = 0; i < NCOMMANDS; i++) {
    if (strcmp(commands[i]->name, name) == 0)
      return commands[i];
  }
  if (strcmp(name, cli_help_command.name) == 0)
    return &cli_help_command;
  return NULL;
}

static int overview(void) {
  size_t i;
  printf("usage: h1 COMMAND [OPTION]... [ARGUMENT]...\n"
         "       h1 --help | --version\n"
         "\n"
         "Commands:\n");
  for (i = 0; i < NCOMMANDS; i++)
    printf("  %-8s%s\n", commands[i]->name, commands[i]->summary);
  printf("  %-8s%s\n", cli_help_command.name, cli_help_command.summary);
  printf("\n'h1 help COMMAND' or 'h1 COMMAND --help' prints a command's "
         "usage.\n"
         "Exit status: 0 success, 1 the input was rejected, 2 usage error.\n");
  return fflush(stdout) == 0 ? 0 : 2;
}

static int help_main(int argc, char **argv) {
  static const struct option longs[] = {{NULL, 0, NULL, 0}};
  const struct cli_command *cmd;
  int c, status = 0;
  while ((c = cli_getopt(&cli_help_command, argc, argv, "", longs, &status)) !=
         -1) {
    if (c == CLI_OPT_EXIT)
      return status;
  }
  if (optind == argc)
    return overview();
  if (optind + 1 < argc)
    return cli_usage_error(&cli_help_command, "one command at most");
  cmd = find_command(argv[optind]);
  if (cmd == NULL)
    return cli_usage_error(&cli_help_command, "unknown command '%s'",
                           argv[optind]);
  return cli_help(cmd);
}

static int version(void) {
  printf("h1 %d.%d.%d\n", H1_VERSION_MAJOR, H1_VERSION_MINOR, H1_VERSION_PATCH);
  return fflush(stdout) == 0 ? 0 : 2;
}

int main(int argc, char **argv) {
  const struct cli_command *cmd;
  const char *name = argc >= 2 ? argv[1] : NULL;
  if (name == NULL) {
    fputs("h1: missing command (see 'h1 --help')\n", stderr);
    return 2;
  }
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
    return overview();
  if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
    return version();
  cmd = find_command(name);
  if (cmd == NULL) {
    fprintf(stderr, "h1: unknown %s '%s' (see 'h1 --help')\n",
            name[0] == '-' ? "option" : "command", name);
    return 2;
  }
  return cmd->run(argc - 1, argv + 1);
}
