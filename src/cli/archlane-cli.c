/* archlane-cli: the headless entry point (validate, compile, env) */
#include <glib/gi18n.h>
#include <malloc.h>
#include <sys/mman.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "al-cli.h"
#include "al-diagnostic.h"
#include "al-document-io.h"
#include "al-export.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} AlCliCommand;

static const AlCliCommand commands[] = {
  { "validate", al_cli_validate, N_("Print the diagnostics of a document") },
  { "compile", al_cli_compile, N_("Write the Kubernetes manifests of a document") },
  { "env", al_cli_env, N_("Show the resolved environment of one component") },
  { "probe-image", al_cli_probe_image, N_("Print the platforms an image is built for") },
  { "deploy", al_cli_deploy, N_("Deploy a document to a Kubernetes cluster") },
  { "export", al_cli_export, N_("Draw a document as a PNG, SVG or PDF image") },
};

void
al_cli_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("archlane-cli: %s\n", message);
}

AlDocument *
al_cli_load_document (const char *path)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  AlDocument *document;

  /* Images exported by Archlane carry their document. */
  document = al_export_load_document_full (path, &problems, &error);
  if (document != NULL)
    return document;

  if (g_error_matches (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT))
    {
      /* The message names the file already. */
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  if (problems == NULL || problems->len == 0)
    {
      g_printerr ("%s: %s\n", path, error ? error->message : _("cannot be read"));
      return NULL;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      const AlLoadProblem *problem = g_ptr_array_index (problems, i);

      if (problem->path != NULL && *problem->path != '\0')
        g_printerr ("%s: %s: %s\n", path, problem->path, problem->message);
      else
        g_printerr ("%s: %s\n", path, problem->message);
    }
  return NULL;
}

void
al_cli_print_diagnostics (GPtrArray *diagnostics, FILE *stream)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = al_diagnostic_to_line (g_ptr_array_index (diagnostics, i));
      fprintf (stream, "%s\n", line);
    }
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: archlane-cli COMMAND [OPTION…] FILE"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “archlane-cli COMMAND --help” for the options of a command."));
}

/* A command runs once: it reads a document, builds what it needs (some
 * tens of megabytes for a large one) and ends. Faulting that memory in
 * 4 kB at a time costs a tenth of an export, so the heap is grown once,
 * ahead, and marked for huge pages where the system allows them; memory
 * freed along the way stays for what comes next. Address space reserved
 * and never written costs nothing. */
static void
prepare_heap (void)
{
#ifdef MADV_HUGEPAGE
  const gsize huge = 2 * 1024 * 1024;
  const gsize reserve = 128 * 1024 * 1024;
  g_autofree char *maps = NULL;
  const char *line;
  guintptr start, end;

  if (!mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024) || !mallopt (M_TRIM_THRESHOLD, 2 * reserve)
      || !mallopt (M_TOP_PAD, reserve))
    return;
  /* The next time the heap grows, it grows by the reserve. */
  g_free (g_malloc (huge));
  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL)
      || (line = strstr (maps, "[heap]")) == NULL)
    return;
  while (line > maps && line[-1] != '\n')
    line--;
  if (sscanf (line, "%" G_GINTPTR_MODIFIER "x-%" G_GINTPTR_MODIFIER "x", &start, &end) != 2)
    return;
  start = (start + huge - 1) & ~(huge - 1);
  end &= ~(huge - 1);
  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

int
main (int argc, char **argv)
{
  prepare_heap ();
  setlocale (LC_ALL, "");
  /* ARCHLANE_LOCALEDIR lets an uninstalled build (and its tests) find the
   * translations it just compiled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ARCHLANE_LOCALEDIR") ? g_getenv ("ARCHLANE_LOCALEDIR")
                                                                    : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("archlane-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return AL_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("archlane-cli %s\n", ARCHLANE_VERSION);
      return AL_CLI_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  al_cli_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return AL_CLI_EXIT_UNREADABLE;
}
