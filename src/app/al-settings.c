/* al-settings.c: the application's GSettings
 *
 * The schema is looked up, in order: where GSettings looks (XDG_DATA_DIRS,
 * GSETTINGS_SCHEMA_DIR), in $ARCHLANE_SCHEMA_DIR, and in the schema folder
 * of the install prefix (a prefix that is not in XDG_DATA_DIRS). Settings
 * from those persist through the default backend. When none has it, the
 * compiled schema built into the app (data/archlane-schema.gresource.xml)
 * is used with a memory backend, after one warning: the app keeps working,
 * it only forgets its settings on exit.
 */
#include "al-settings.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#define AL_SETTINGS_MAX_RECENT 10
#define AL_SCHEMA_RESOURCE RESOURCE_PATH "/schema/gschemas.compiled"

/* From the generated al-schema-resources.c. */
GResource *al_schema_get_resource (void);

static GSettingsSchema *
lookup_in_directory (const char *directory)
{
  g_autoptr (GSettingsSchemaSource) source = NULL;
  g_autoptr (GError) error = NULL;

  if (directory == NULL || *directory == '\0'
      || !g_file_test (directory, G_FILE_TEST_IS_DIR))
    return NULL;

  source = g_settings_schema_source_new_from_directory (directory, NULL, FALSE, &error);
  if (source == NULL)
    {
      g_debug ("Settings schemas in %s unreadable: %s", directory, error->message);
      return NULL;
    }
  return g_settings_schema_source_lookup (source, APP_ID, FALSE);
}

/* The compiled schema of the build, written to a private temporary folder
 * because a schema source reads only from a directory. The source maps the
 * file, so it outlives the folder, removed at once. */
static GSettingsSchema *
lookup_built_in (void)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  const char *parents[] = { g_get_tmp_dir (), g_get_user_runtime_dir (), g_get_user_cache_dir () };

  bytes = g_resource_lookup_data (al_schema_get_resource (), AL_SCHEMA_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_debug ("No built-in settings schema: %s", error->message);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    {
      g_autofree char *template = g_build_filename (parents[i], "archlane-schema-XXXXXX", NULL);
      g_autofree char *path = NULL;
      GSettingsSchema *schema = NULL;

      if (g_mkdtemp (template) == NULL)
        continue;
      path = g_build_filename (template, "gschemas.compiled", NULL);
      if (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                               (gssize) g_bytes_get_size (bytes), NULL))
        schema = lookup_in_directory (template);
      g_unlink (path);
      g_rmdir (template);
      if (schema != NULL)
        return schema;
    }
  return NULL;
}

/* An older installed schema may lack keys the code reads, and GSettings
 * aborts on an unknown key: such a schema is passed over. */
static gboolean
schema_is_complete (GSettingsSchema *schema)
{
  static const char * const keys[] = {
    "window-width", "window-height", "window-maximized", "side-panels-visible",
    "recent-documents", "first-launch-done", "export-format", "export-scope",
    "export-scale", "export-dpi", "export-transparent", "export-theme",
    "export-legend", "export-title", "export-folder", "kubeconfig-path",
    "kube-context", "kube-namespace",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!g_settings_schema_has_key (schema, keys[i]))
        {
          g_debug ("Settings schema %s lacks the key %s; not used", APP_ID, keys[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static GSettingsSchema *
complete_or_null (GSettingsSchema *schema)
{
  if (schema != NULL && !schema_is_complete (schema))
    g_clear_pointer (&schema, g_settings_schema_unref);
  return schema;
}

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *default_source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsBackend) memory = NULL;
  g_autofree char *datadir = NULL;
  g_autofree char *prefix_schemas = NULL;

  if (default_source != NULL)
    schema = complete_or_null (g_settings_schema_source_lookup (default_source, APP_ID, TRUE));
  if (schema == NULL)
    schema = complete_or_null (lookup_in_directory (g_getenv ("ARCHLANE_SCHEMA_DIR")));
  if (schema == NULL)
    {
      /* PKGDATADIR is <prefix>/share/archlane. */
      datadir = g_path_get_dirname (PKGDATADIR);
      prefix_schemas = g_build_filename (datadir, "glib-2.0", "schemas", NULL);
      schema = complete_or_null (lookup_in_directory (prefix_schemas));
    }
  if (schema != NULL)
    return g_settings_new_full (schema, NULL, NULL);

  schema = lookup_built_in ();
  if (schema == NULL)
    {
      /* The schema is compiled into the app: only a build without it, or a
       * system with no writable folder at all, gets here. */
      g_error ("The settings schema %s is neither installed nor usable from the "
               "application itself", APP_ID);
    }

  g_warning ("The settings schema %s is not installed; settings will not be "
             "kept after this run (set GSETTINGS_SCHEMA_DIR to the folder of "
             "its compiled schema, or install Archlane)", APP_ID);
  memory = g_memory_settings_backend_new ();
  return g_settings_new_full (schema, memory, NULL);
}

/* Returns the application's settings, created on first use and shared for
 * the life of the process (transfer none). */
GSettings *
al_settings_get_default (void)
{
  static GSettings *settings;

  if (g_once_init_enter (&settings))
    g_once_init_leave (&settings, create_settings ());

  return settings;
}

void
al_settings_add_recent (GSettings  *settings,
                        const char *uri)
{
  g_auto (GStrv) old = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) recent = NULL;
  guint kept = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (uri != NULL && *uri != '\0');

  old = g_settings_get_strv (settings, "recent-documents");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && kept < AL_SETTINGS_MAX_RECENT; i++)
    {
      if (g_strcmp0 (old[i], uri) == 0 || *old[i] == '\0')
        continue;
      g_strv_builder_add (builder, old[i]);
      kept++;
    }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-documents", (const char * const *) recent);
}
