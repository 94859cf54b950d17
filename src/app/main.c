/* main.c: the archlane desktop application */
#include <glib/gi18n.h>
#include <locale.h>

#include "al-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (AlApplication) app = NULL;
  const char *localedir = g_getenv ("ARCHLANE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = al_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
