/* Placeholder until the subcommand lands. */
#include <glib/gi18n.h>

#include "al-cli.h"

int
al_cli_compile (int argc, char **argv)
{
  al_cli_error ("%s", _("this command is not available yet"));
  return AL_CLI_EXIT_UNREADABLE;
}
