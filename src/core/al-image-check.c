/* al-image-check.c: image platforms known to the document, image-arch-mismatch */
#include "al-image-check.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-json-path.h"
#include "al-types.h"

#define PLATFORMS_KEY "al-image-platforms"

typedef struct
{
  AlImageState state;
  GStrv platforms;
} Entry;

struct _AlImagePlatforms
{
  gatomicrefcount ref_count;
  GHashTable *entries; /* image → Entry */
};

G_DEFINE_BOXED_TYPE (AlImagePlatforms, al_image_platforms, al_image_platforms_ref,
                     al_image_platforms_unref)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_strfreev (entry->platforms);
  g_free (entry);
}

AlImagePlatforms *
al_image_platforms_new (void)
{
  AlImagePlatforms *self = g_new0 (AlImagePlatforms, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  return self;
}

AlImagePlatforms *
al_image_platforms_ref (AlImagePlatforms *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
al_image_platforms_unref (AlImagePlatforms *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->entries);
  g_free (self);
}

static void
set_entry (AlImagePlatforms *self, const char *image, AlImageState state,
           const char *const *platforms)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->state = state;
  entry->platforms = g_strdupv ((char **) platforms);
  g_hash_table_replace (self->entries, g_strdup (image), entry);
}

void
al_image_platforms_set_found (AlImagePlatforms *self, const char *image,
                              const char *const *platforms)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (self != NULL);
  g_return_if_fail (image != NULL);

  set_entry (self, image, AL_IMAGE_STATE_FOUND, platforms != NULL ? platforms : none);
}

void
al_image_platforms_set_not_found (AlImagePlatforms *self, const char *image)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (image != NULL);

  set_entry (self, image, AL_IMAGE_STATE_NOT_FOUND, NULL);
}

void
al_image_platforms_set_unknown (AlImagePlatforms *self, const char *image)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (image != NULL);

  g_hash_table_remove (self->entries, image);
}

AlImageState
al_image_platforms_lookup (AlImagePlatforms *self, const char *image,
                           const char *const **platforms)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, AL_IMAGE_STATE_UNKNOWN);
  g_return_val_if_fail (image != NULL, AL_IMAGE_STATE_UNKNOWN);

  entry = g_hash_table_lookup (self->entries, image);
  if (platforms != NULL)
    *platforms = entry != NULL ? (const char *const *) entry->platforms : NULL;
  return entry != NULL ? entry->state : AL_IMAGE_STATE_UNKNOWN;
}

/* The arch of "os/arch[/variant]" when os is linux, normalised; NULL
 * otherwise. */
static const char *
linux_arch_of (const char *platform, char **scratch)
{
  g_auto (GStrv) parts = g_strsplit (platform, "/", 3);

  if (parts[0] == NULL || parts[1] == NULL || g_strcmp0 (parts[0], "linux") != 0)
    return NULL;
  g_free (*scratch);
  *scratch = g_strdup (parts[1]);
  return al_arch_normalize (*scratch) != NULL ? al_arch_normalize (*scratch) : *scratch;
}

gboolean
al_image_platforms_supports_arch (const char *const *platforms, const char *arch)
{
  const char *wanted;

  g_return_val_if_fail (arch != NULL, FALSE);

  wanted = al_arch_normalize (arch) != NULL ? al_arch_normalize (arch) : arch;
  for (guint i = 0; platforms != NULL && platforms[i] != NULL; i++)
    {
      g_autofree char *scratch = NULL;
      const char *have = linux_arch_of (platforms[i], &scratch);

      if (have != NULL && strcmp (have, wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

void
al_image_check_set_platforms (AlDocument *document, AlImagePlatforms *platforms)
{
  g_return_if_fail (AL_IS_DOCUMENT (document));

  g_object_set_data_full (G_OBJECT (document), PLATFORMS_KEY,
                          platforms != NULL ? al_image_platforms_ref (platforms) : NULL,
                          (GDestroyNotify) al_image_platforms_unref);
}

AlImagePlatforms *
al_image_check_get_platforms (AlDocument *document)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  return g_object_get_data (G_OBJECT (document), PLATFORMS_KEY);
}

/* "amd64, s390x": the distinct architectures of @platforms, Linux builds
 * first; the whole platform for other systems ("windows/amd64"). */
static char *
describe_platforms (const char *const *platforms)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; platforms != NULL && platforms[i] != NULL; i++)
      {
        g_autofree char *scratch = NULL;
        const char *arch = linux_arch_of (platforms[i], &scratch);
        const char *shown = pass == 0 ? arch : (arch == NULL ? platforms[i] : NULL);

        if (shown == NULL
            || g_ptr_array_find_with_equal_func (seen, shown, g_str_equal, NULL))
          continue;
        g_ptr_array_add (seen, g_strdup (shown));
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", shown);
      }
  if (text->len == 0)
    /* TRANSLATORS: an image whose registry lists no platform at all */
    g_string_append (text, _("no platform"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
al_image_check_graph (AlGraph *graph, GPtrArray *diagnostics)
{
  AlDocument *document;
  AlImagePlatforms *table;
  guint n;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (diagnostics != NULL);

  document = al_graph_get_document (graph);
  table = al_image_check_get_platforms (document);
  if (table == NULL)
    return;

  n = al_graph_get_n_components (graph);
  for (guint i = 0; i < n; i++)
    {
      AlComponent *component = al_graph_get_component (graph, i);
      const char *image = al_component_get_image (component);
      const char *name = al_component_get_name (component);
      const char *const *platforms = NULL;
      AlLane *lane;
      const char *arch;
      g_autofree char *path = NULL;
      g_autofree char *have = NULL;

      if (image == NULL || *image == '\0')
        continue;
      if (name == NULL || *name == '\0')
        name = al_component_get_id (component);
      path = al_json_path_in_list ("components", i, "image");

      switch (al_image_platforms_lookup (table, image, &platforms))
        {
        case AL_IMAGE_STATE_UNKNOWN:
          break;

        case AL_IMAGE_STATE_NOT_FOUND:
          g_ptr_array_add (diagnostics,
                           al_diagnostic_new (
                               AL_SEVERITY_WARNING, "image-not-found",
                               al_component_get_id (component), path,
                               _("The registry has no image “%s” for “%s”; check the name "
                                 "and the tag, or push the image before deploying."),
                               image, name));
          break;

        case AL_IMAGE_STATE_FOUND:
          lane = al_document_get_component_lane (document, component);
          arch = lane != NULL ? al_arch_normalize (al_lane_get_arch (lane)) : NULL;
          if (arch == NULL || al_image_platforms_supports_arch (platforms, arch))
            break;
          have = describe_platforms (platforms);
          g_ptr_array_add (diagnostics,
                           al_diagnostic_new (
                               AL_SEVERITY_ERROR, "image-arch-mismatch",
                               al_component_get_id (component), path,
                               _("“%s” runs on %s, but image “%s” has builds only for %s; "
                                 "use an image built for %s, or move “%s” to a lane with "
                                 "one of those architectures."),
                               name, arch, image, have, arch, name));
          break;
        }
    }
}
