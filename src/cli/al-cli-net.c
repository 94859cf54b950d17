/* al-cli-net.c: the commands that speak to the network, loaded when one
 * runs.
 *
 * deploy, probe-image and validate --check-images need libsoup and the
 * dozen libraries it brings (TLS, HTTP/2, Kerberos, public suffixes…).
 * Every library a program links is loaded and bound before main() runs,
 * which would cost every other command (validate, compile, export) a few
 * milliseconds; so these commands live in a module of their own. */
#include <glib/gi18n.h>

#include "al-cli.h"

#define MODULE_FILE "archlane-cli-net." G_MODULE_SUFFIX

/* Next to the program in a build tree; else where it is installed. */
static char *
module_path (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);

  if (program != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (program);
      g_autofree char *beside = g_build_filename (folder, MODULE_FILE, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (AL_CLI_MODULE_DIR, MODULE_FILE, NULL);
}

static gpointer
net_symbol (const char *name)
{
  static GModule *module;
  gpointer symbol = NULL;

  if (module == NULL)
    {
      g_autofree char *path = module_path ();

      module = g_module_open (path, G_MODULE_BIND_LOCAL);
      if (module == NULL)
        {
          al_cli_error (_("cannot load the network commands: %s"), g_module_error ());
          return NULL;
        }
    }
  if (!g_module_symbol (module, name, &symbol))
    al_cli_error (_("cannot load the network commands: %s"), g_module_error ());
  return symbol;
}

int
al_cli_deploy (int argc, char **argv)
{
  int (*run) (int, char **) = net_symbol ("al_cli_net_deploy");

  return run != NULL ? run (argc, argv) : AL_CLI_EXIT_UNREADABLE;
}

int
al_cli_probe_image (int argc, char **argv)
{
  int (*run) (int, char **) = net_symbol ("al_cli_net_probe_image");

  return run != NULL ? run (argc, argv) : AL_CLI_EXIT_UNREADABLE;
}

void
al_cli_check_images (struct _AlDocument *document, const char *const *insecure_registries)
{
  void (*check) (struct _AlDocument *, const char *const *) = net_symbol ("al_cli_net_check_images");

  if (check != NULL)
    check (document, insecure_registries);
}
