#include "al-extras.h"

static GQuark
extras_quark (void)
{
  return g_quark_from_static_string ("al-extras");
}

JsonObject *
al_extras_get (gpointer object, const char *section)
{
  GHashTable *sections;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  sections = g_object_get_qdata (object, extras_quark ());
  return sections ? g_hash_table_lookup (sections, section ? section : "") : NULL;
}

void
al_extras_set (gpointer object, const char *section, JsonObject *members)
{
  GHashTable *sections;

  g_return_if_fail (G_IS_OBJECT (object));
  sections = g_object_get_qdata (object, extras_quark ());
  if (members == NULL || json_object_get_size (members) == 0)
    {
      if (sections)
        g_hash_table_remove (sections, section ? section : "");
      return;
    }
  if (sections == NULL)
    {
      sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_object_unref);
      g_object_set_qdata_full (object, extras_quark (), sections,
                               (GDestroyNotify) g_hash_table_unref);
    }
  g_hash_table_insert (sections, g_strdup (section ? section : ""), json_object_ref (members));
}
