/* al-cli.h: the subcommands of archlane-cli */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes shared by every subcommand (DESIGN §6). */
enum
{
  AL_CLI_EXIT_OK = 0,
  AL_CLI_EXIT_ERRORS = 1,   /* the document has errors */
  AL_CLI_EXIT_UNREADABLE = 2, /* the file cannot be read or parsed, or bad usage */
};

/* Each takes the arguments after the subcommand name (argv[0] is the
 * subcommand) and returns the exit code. Messages go to stderr, results to
 * stdout. */
int al_cli_validate (int argc, char **argv);
int al_cli_compile (int argc, char **argv);
int al_cli_env (int argc, char **argv);

/* Prints "archlane-cli: <message>" to stderr. */
void al_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
