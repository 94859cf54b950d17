/* archlane-cli validate FILE [--json]: the diagnostics of a document */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "al-cli.h"
#include "al-document-io.h"
#include "al-validate.h"

static void
print_json (GPtrArray *diagnostics)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const AlDiagnostic *d = g_ptr_array_index (diagnostics, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, al_severity_to_string (d->severity));
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, d->code);
      json_builder_set_member_name (builder, "subject");
      json_builder_add_string_value (builder, d->subject);
      json_builder_set_member_name (builder, "path");
      if (d->path != NULL)
        json_builder_add_string_value (builder, d->path);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, d->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_summary (guint n_errors, guint n_warnings)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;

  errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  /* TRANSLATORS: the summary of archlane-cli validate, "2 errors, 1 warning" */
  g_printerr (_("%s, %s\n"), errors, warnings);
}

int
al_cli_validate (int argc, char **argv)
{
  gboolean json = FALSE;
  gboolean check_images = FALSE;
  g_auto (GStrv) insecure = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the diagnostics as a JSON array of {severity, code, subject, path, message}"),
      NULL },
    { "check-images", 0, 0, G_OPTION_ARG_NONE, &check_images,
      N_("Ask the images' registries for their architectures (image-arch-mismatch)"), NULL },
    { "insecure-registry", 0, 0, G_OPTION_ARG_STRING_ARRAY, &insecure,
      N_("With --check-images, speak plain HTTP to this registry; may be repeated"), N_("HOST") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  guint n_errors;

  /* So that --help shows "archlane-cli validate [OPTION…] FILE". */
  g_set_prgname ("archlane-cli validate");
  context = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks a document and prints its diagnostics, one per line:\n"
                                  "<severity> <code> <subject>: <path>: <message>\n\n"
                                  "Exits with 0 without errors, 1 with errors and 2 when the file "
                                  "cannot be read."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (argc != 2)
    {
      al_cli_error ("%s", argc < 2 ? _("validate needs the FILE to check")
                                   : _("validate checks one FILE at a time"));
      return AL_CLI_EXIT_UNREADABLE;
    }

  document = al_cli_load_document (argv[1]);
  if (document == NULL)
    return AL_CLI_EXIT_UNREADABLE;

  if (check_images)
    al_cli_check_images (document, (const char *const *) insecure);
  diagnostics = al_validate_document (document);
  if (json)
    print_json (diagnostics);
  else
    al_cli_print_diagnostics (diagnostics, stdout);

  n_errors = al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR);
  print_summary (n_errors, al_diagnostic_list_count (diagnostics, AL_SEVERITY_WARNING));
  return n_errors > 0 ? AL_CLI_EXIT_ERRORS : AL_CLI_EXIT_OK;
}
