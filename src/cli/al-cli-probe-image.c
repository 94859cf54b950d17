/* archlane-cli probe-image REF: the platforms an image is built for */
#include <glib/gi18n.h>

#include "al-cli.h"
#include "al-document.h"
#include "al-image-check.h"
#include "al-net-error.h"
#include "al-registry-client.h"

typedef struct
{
  AlImagePlatforms *table;
  guint pending;
} CheckImages;

typedef struct
{
  CheckImages *check;
  char *image;
} CheckOne;

static void
on_image_probed (GObject *source, GAsyncResult *result, gpointer data)
{
  CheckOne *one = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlImageProbe) probe
      = al_registry_client_get_platforms_finish (AL_REGISTRY_CLIENT (source), result, &error);

  if (probe != NULL)
    al_image_probe_record (probe, one->check->table, one->image);
  /* Not found is a diagnostic; the others cannot be checked. */
  if (probe == NULL || probe->state == AL_IMAGE_STATE_UNKNOWN)
    al_cli_error (_("the architectures of image “%s” cannot be checked: %s"), one->image,
                  probe != NULL ? probe->error->message : error->message);
  one->check->pending--;
  g_free (one->image);
  g_free (one);
}

void
al_cli_net_check_images (AlDocument *document, const char *const *insecure_registries)
{
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();
  g_autoptr (AlImagePlatforms) table = al_image_platforms_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *components = al_document_get_components (document);
  CheckImages check = { table, 0 };

  al_registry_client_set_insecure_registries (client, insecure_registries);
  /* All images at once, each registry asked in parallel. */
  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      const char *image = al_component_get_image (component);
      CheckOne *one;

      if (image == NULL || *image == '\0' || g_hash_table_contains (seen, image))
        continue;
      g_hash_table_add (seen, (char *) image);
      one = g_new0 (CheckOne, 1);
      one->check = &check;
      one->image = g_strdup (image);
      check.pending++;
      al_registry_client_get_platforms_async (client, image, NULL, on_image_probed, one);
    }
  while (check.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  al_image_check_set_platforms (document, table);
}

int
al_cli_net_probe_image (int argc, char **argv)
{
  g_auto (GStrv) insecure = NULL;
  const GOptionEntry entries[] = {
    { "insecure-registry", 0, 0, G_OPTION_ARG_STRING_ARRAY, &insecure,
      N_("Speak plain HTTP to this registry (HOST or HOST:PORT); may be repeated"), N_("HOST") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlRegistryClient) client = NULL;
  g_autoptr (AlImageProbe) probe = NULL;

  g_set_prgname ("archlane-cli probe-image");
  context = g_option_context_new (_("REFERENCE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _("Asks the image's registry which platforms it is built for and prints them, "
                 "one per line (linux/arm64/v8). Registries on this machine are spoken to "
                 "over HTTP, others over HTTPS.\n\n"
                 "Exits with 0 when the image exists, 1 when the registry has no such image or "
                 "refuses anonymous access to it, and 2 when the registry cannot be reached or "
                 "the reference is not valid."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (argc != 2)
    {
      al_cli_error ("%s", argc < 2 ? _("probe-image needs the image REFERENCE to look up")
                                   : _("probe-image looks up one REFERENCE at a time"));
      return AL_CLI_EXIT_UNREADABLE;
    }

  client = al_registry_client_new ();
  al_registry_client_set_insecure_registries (client, (const char *const *) insecure);
  probe = al_registry_client_get_platforms (client, argv[1], NULL, &error);
  if (probe == NULL)
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }

  switch (probe->state)
    {
    case AL_IMAGE_STATE_FOUND:
      for (guint i = 0; probe->platforms[i] != NULL; i++)
        g_print ("%s\n", probe->platforms[i]);
      return AL_CLI_EXIT_OK;

    case AL_IMAGE_STATE_NOT_FOUND:
      al_cli_error ("%s", probe->error->message);
      return AL_CLI_EXIT_ERRORS;

    case AL_IMAGE_STATE_UNKNOWN:
    default:
      al_cli_error ("%s", probe->error->message);
      return g_error_matches (probe->error, AL_NET_ERROR, AL_NET_ERROR_REGISTRY_UNAUTHORIZED)
                 ? AL_CLI_EXIT_ERRORS
                 : AL_CLI_EXIT_UNREADABLE;
    }
}
