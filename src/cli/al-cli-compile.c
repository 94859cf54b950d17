/* archlane-cli compile FILE -o DIR [--format yaml|json]: the Kubernetes manifests */
#include <glib/gi18n.h>
#include <string.h>

#include "al-cli.h"
#include "al-diagnostic.h"
#include "al-document-io.h"
#include "al-k8s-compiler.h"

int
al_cli_compile (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the manifests into DIR (created when missing)"), N_("DIR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("Write YAML (the default) or JSON files"), "yaml|json" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  AlManifestFormat format = AL_MANIFEST_YAML;
  gboolean written;
  guint n_files, n_errors;
  const char *file;
  const char *namespace_;

  g_set_prgname ("archlane-cli compile");
  context = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    context, _("Writes the Kubernetes manifests of a document: one file per component with its "
               "objects, a namespace file and a kustomization.yaml listing them, so that "
               "“kubectl apply -k DIR” deploys the application.\n\n"
               "Exits with 0 when the files are written, 1 when the document has errors (nothing "
               "is written then) and 2 when the file cannot be read or the files cannot be "
               "written."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (argc != 2)
    {
      al_cli_error ("%s", argc < 2 ? _("compile needs the FILE to compile")
                                   : _("compile takes one FILE at a time"));
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (output == NULL || *output == '\0')
    {
      al_cli_error ("%s", _("compile needs the folder to write to: -o DIR"));
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (format_name == NULL || g_ascii_strcasecmp (format_name, "yaml") == 0)
    format = AL_MANIFEST_YAML;
  else if (g_ascii_strcasecmp (format_name, "json") == 0)
    format = AL_MANIFEST_JSON;
  else
    {
      al_cli_error (_("unknown format “%s”; use yaml or json"), format_name);
      return AL_CLI_EXIT_UNREADABLE;
    }
  file = argv[1];

  document = al_cli_load_document (file);
  if (document == NULL)
    return AL_CLI_EXIT_UNREADABLE;

  graph = al_graph_new (document);
  /* One component at a time, straight to its file: a large document is
   * never held compiled in memory. */
  written = al_k8s_compile_to_directory (graph, output, format, &diagnostics, &error);
  /* Errors and warnings alike go to stderr: stdout stays empty. */
  if (diagnostics != NULL)
    al_cli_print_diagnostics (diagnostics, stderr);
  if (g_error_matches (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_DIAGNOSTICS))
    {
      n_errors = diagnostics ? al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR) : 0;
      al_cli_error (g_dngettext (GETTEXT_PACKAGE,
                                 "“%s” has %u error; nothing was written",
                                 "“%s” has %u errors; nothing was written", n_errors),
                    file, n_errors);
      return AL_CLI_EXIT_ERRORS;
    }

  if (!written)
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }

  /* One file per component, the namespace (unless the application has none),
   * the kustomization. */
  namespace_ = al_document_get_namespace (document);
  n_files = al_graph_get_n_components (graph) + (namespace_ != NULL && *namespace_ != '\0') + 1;
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %u file to “%s”\n", "Wrote %u files to “%s”\n",
                           n_files),
              n_files, output);
  return AL_CLI_EXIT_OK;
}
