/* al-cli.h: the subcommands of archlane-cli */
#pragma once

#include <glib.h>
#include <gmodule.h>
#include <stdio.h>

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
int al_cli_probe_image (int argc, char **argv);
int al_cli_deploy (int argc, char **argv);
int al_cli_export (int argc, char **argv);

/* Loads @path (an .archlane file, or a PNG or SVG image exported by
 * Archlane); when it cannot be read, prints every problem to stderr as
 * "<file>: <json path>: <message>" and returns %NULL (exit with
 * AL_CLI_EXIT_UNREADABLE then). */
struct _AlDocument *al_cli_load_document (const char *path);
/* Prints each diagnostic of @diagnostics (AlDiagnostic*) as a line on @stream. */
void al_cli_print_diagnostics (GPtrArray *diagnostics, FILE *stream);

/* Asks the registries of the images of @document for their platforms and
 * attaches the answers, so that validation reports image-arch-mismatch;
 * images that cannot be checked are named on stderr. */
void al_cli_check_images (struct _AlDocument *document, const char *const *insecure_registries);

/* The network commands' entry points in the module archlane-cli-net
 * (al-cli-deploy.c, al-cli-probe-image.c), which the ones above load and
 * call (al-cli-net.c). */
G_MODULE_EXPORT int  al_cli_net_deploy (int argc, char **argv);
G_MODULE_EXPORT int  al_cli_net_probe_image (int argc, char **argv);
G_MODULE_EXPORT void al_cli_net_check_images (struct _AlDocument *document,
                                              const char *const *insecure_registries);

/* Prints "archlane-cli: <message>" to stderr. */
void al_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
