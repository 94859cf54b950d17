/* al-gen-document: writes a synthetic .archlane document (see al-gen.h)
 *
 *   al-gen-document --components N [--dependencies M] [--seed S] [--lanes L] -o FILE
 */
#include <stdlib.h>

#include "al-document-io.h"
#include "al-gen.h"

static gboolean
parse_count (const char *option, const char *text, guint64 max, guint64 *out, GError **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s expects a whole number from 0 to %" G_GUINT64_FORMAT ", not “%s”", option,
                   max, text);
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *components_text = NULL;
  g_autofree char *dependencies_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *lanes_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "components", 'n', 0, G_OPTION_ARG_STRING, &components_text, "Number of components", "N" },
    { "dependencies", 'm', 0, G_OPTION_ARG_STRING, &dependencies_text,
      "Number of dependencies (default 3N)", "M" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text, "Random seed (default 1)", "S" },
    { "lanes", 'l', 0, G_OPTION_ARG_STRING, &lanes_text, "Number of lanes, 1-6 (default 2)", "L" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "File to write", "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- write a synthetic .archlane document");
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  guint64 n_components = 0, n_dependencies = 0, seed = 1, n_lanes = 2;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (components_text == NULL || output == NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--components and -o are required");
      goto fail;
    }
  if (!parse_count ("--components", components_text, 1000000, &n_components, &error))
    goto fail;
  n_dependencies = AL_GEN_DEFAULT_DEPENDENCIES (n_components);
  if (dependencies_text != NULL
      && !parse_count ("--dependencies", dependencies_text, 10000000, &n_dependencies, &error))
    goto fail;
  if (seed_text != NULL && !parse_count ("--seed", seed_text, G_MAXUINT32, &seed, &error))
    goto fail;
  if (lanes_text != NULL && !parse_count ("--lanes", lanes_text, AL_GEN_MAX_LANES, &n_lanes, &error))
    goto fail;
  if (n_lanes == 0)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--lanes must be at least 1");
      goto fail;
    }

  document = al_gen_document_with_lanes ((guint) n_components, (guint) n_dependencies,
                                         (guint) n_lanes, (guint32) seed);
  if (!al_document_save_to_path (document, output, &error))
    goto fail;
  g_printerr ("%s: %u components, %u dependencies, %u lanes, seed %u\n", output,
              g_list_model_get_n_items (al_document_get_components (document)),
              g_list_model_get_n_items (al_document_get_dependencies (document)),
              (guint) n_lanes, (guint) seed);
  return EXIT_SUCCESS;

fail:
  g_printerr ("al-gen-document: %s\n", error->message);
  return EXIT_FAILURE;
}
