/* test-settings.c: the application's settings, with and without an
 * installed schema */
#include <glib/gstdio.h>

#include "al-settings.h"
#include "al-test-util.h"

/* The defaults a user meets on a first launch. */
static void
assert_defaults (GSettings *settings)
{
  g_auto (GStrv) recent = g_settings_get_strv (settings, "recent-documents");
  g_autofree char *format = g_settings_get_string (settings, "export-format");
  g_autofree char *scope = g_settings_get_string (settings, "export-scope");
  g_autofree char *theme = g_settings_get_string (settings, "export-theme");
  g_autofree char *folder = g_settings_get_string (settings, "export-folder");
  g_autofree char *kubeconfig = g_settings_get_string (settings, "kubeconfig-path");
  g_autofree char *context = g_settings_get_string (settings, "kube-context");
  g_autofree char *namespace = g_settings_get_string (settings, "kube-namespace");

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1280);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 800);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_true (g_settings_get_boolean (settings, "side-panels-visible"));
  g_assert_false (g_settings_get_boolean (settings, "first-launch-done"));
  g_assert_cmpuint (g_strv_length (recent), ==, 0);
  g_assert_cmpstr (format, ==, "png");
  g_assert_cmpstr (scope, ==, "document");
  g_assert_cmpfloat (g_settings_get_double (settings, "export-scale"), ==, 2.0);
  g_assert_cmpint (g_settings_get_int (settings, "export-dpi"), ==, 144);
  g_assert_false (g_settings_get_boolean (settings, "export-transparent"));
  g_assert_cmpstr (theme, ==, "light");
  g_assert_true (g_settings_get_boolean (settings, "export-legend"));
  g_assert_true (g_settings_get_boolean (settings, "export-title"));
  g_assert_cmpstr (folder, ==, "");
  g_assert_cmpstr (kubeconfig, ==, "");
  g_assert_cmpstr (context, ==, "");
  g_assert_cmpstr (namespace, ==, "");
}

static void
test_settings_defaults (void)
{
  GSettings *settings = al_settings_get_default ();

  g_assert_nonnull (settings);
  g_assert_true (al_settings_get_default () == settings);
  assert_defaults (settings);
}

static void
test_settings_out_of_range_refused (void)
{
  GSettings *settings = al_settings_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaKey) key = NULL;
  g_autoptr (GVariant) jpeg = g_variant_ref_sink (g_variant_new_string ("jpeg"));
  g_autoptr (GVariant) scale = g_variant_ref_sink (g_variant_new_double (8.0));

  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "export-format");
  g_assert_false (g_settings_schema_key_range_check (key, jpeg));
  g_clear_pointer (&key, g_settings_schema_key_unref);
  key = g_settings_schema_get_key (schema, "export-scale");
  g_assert_false (g_settings_schema_key_range_check (key, scale));
}

static void
test_settings_recent (void)
{
  GSettings *settings = al_settings_get_default ();
  g_auto (GStrv) recent = NULL;

  g_settings_reset (settings, "recent-documents");
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *uri = g_strdup_printf ("file:///home/user/system-%02d.archlane", i);
      al_settings_add_recent (settings, uri);
    }
  recent = g_settings_get_strv (settings, "recent-documents");
  /* The ten newest, newest first. */
  g_assert_cmpuint (g_strv_length (recent), ==, 10);
  g_assert_cmpstr (recent[0], ==, "file:///home/user/system-11.archlane");
  g_assert_cmpstr (recent[9], ==, "file:///home/user/system-02.archlane");
  g_clear_pointer (&recent, g_strfreev);

  /* Opening one again moves it first, without a second entry. */
  al_settings_add_recent (settings, "file:///home/user/system-05.archlane");
  recent = g_settings_get_strv (settings, "recent-documents");
  g_assert_cmpuint (g_strv_length (recent), ==, 10);
  g_assert_cmpstr (recent[0], ==, "file:///home/user/system-05.archlane");
  g_assert_cmpstr (recent[1], ==, "file:///home/user/system-11.archlane");
  for (guint i = 1; recent[i] != NULL; i++)
    g_assert_cmpstr (recent[i], !=, "file:///home/user/system-05.archlane");

  g_settings_reset (settings, "recent-documents");
}

/* Run in a child whose environment hides every installed schema. */
static void
missing_schema_in_child (void)
{
  GSettings *settings;

  g_test_expect_message (NULL, G_LOG_LEVEL_WARNING,
                         "*schema io.github.archlane.Archlane is not installed*");
  settings = al_settings_get_default ();
  g_test_assert_expected_messages ();
  g_assert_nonnull (settings);
  assert_defaults (settings);

  /* Usable for the run, and the warning comes once only. */
  g_settings_set_int (settings, "window-width", 1500);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1500);
  g_assert_true (al_settings_get_default () == settings);
  al_settings_add_recent (settings, "file:///tmp/a.archlane");
}

static void
test_settings_missing_schema (void)
{
  g_autofree char *empty = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr (GDir) tmp_dir = NULL;
  g_autofree char *datadir = g_path_get_dirname (PKGDATADIR);
  g_autofree char *installed = g_build_filename (datadir, "glib-2.0", "schemas",
                                                 "gschemas.compiled", NULL);
  g_autoptr (GSettingsSchemaSource) prefix_source = NULL;
  g_autoptr (GSettingsSchema) prefix_schema = NULL;
  const char *names[] = { "GSETTINGS_SCHEMA_DIR", "XDG_DATA_DIRS", "XDG_DATA_HOME",
                          "ARCHLANE_SCHEMA_DIR", "TMPDIR" };
  char *saved[G_N_ELEMENTS (names)];

  if (g_test_subprocess ())
    {
      missing_schema_in_child ();
      return;
    }

  /* The install prefix is the last place looked at; with Archlane installed
   * there, the fallback cannot be reached. */
  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_autofree char *schemas = g_path_get_dirname (installed);

      prefix_source = g_settings_schema_source_new_from_directory (schemas, NULL, FALSE, NULL);
      if (prefix_source != NULL)
        prefix_schema = g_settings_schema_source_lookup (prefix_source,
                                                         "io.github.archlane.Archlane", FALSE);
      if (prefix_schema != NULL)
        {
          g_test_skip ("Archlane's schema is installed in the prefix");
          return;
        }
    }

  empty = al_test_make_tmpdir ();
  tmp = al_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    saved[i] = g_strdup (g_getenv (names[i]));
  g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
  g_setenv ("XDG_DATA_DIRS", empty, TRUE);
  g_setenv ("XDG_DATA_HOME", empty, TRUE);
  g_setenv ("TMPDIR", tmp, TRUE);
  g_unsetenv ("ARCHLANE_SCHEMA_DIR");

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (saved[i] != NULL)
        g_setenv (names[i], saved[i], TRUE);
      else
        g_unsetenv (names[i]);
      g_free (saved[i]);
    }
  al_test_rmtree (empty);

  g_test_trap_assert_passed ();
  /* The schema written for the child is not left behind. */
  tmp_dir = g_dir_open (tmp, 0, NULL);
  g_assert_nonnull (tmp_dir);
  g_assert_null (g_dir_read_name (tmp_dir));
  al_test_rmtree (tmp);
}

/* ARCHLANE_SCHEMA_DIR names a folder holding the compiled schema. */
static void
test_settings_schema_dir_variable (void)
{
  const char *build_schemas = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *empty = NULL;
  g_autofree char *saved_schema_dir = g_strdup (build_schemas);
  g_autofree char *saved_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));

  if (g_test_subprocess ())
    {
      assert_defaults (al_settings_get_default ());
      return;
    }
  if (build_schemas == NULL)
    {
      g_test_skip ("GSETTINGS_SCHEMA_DIR (the build's data folder) is not set");
      return;
    }

  empty = al_test_make_tmpdir ();
  g_setenv ("ARCHLANE_SCHEMA_DIR", saved_schema_dir, TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
  g_setenv ("XDG_DATA_DIRS", empty, TRUE);

  /* Any warning would be fatal in the child: the schema must be found. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);

  g_unsetenv ("ARCHLANE_SCHEMA_DIR");
  g_setenv ("GSETTINGS_SCHEMA_DIR", saved_schema_dir, TRUE);
  if (saved_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", saved_data_dirs, TRUE);
  else
    g_unsetenv ("XDG_DATA_DIRS");
  al_test_rmtree (empty);

  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/defaults", test_settings_defaults);
  g_test_add_func ("/settings/out-of-range-refused", test_settings_out_of_range_refused);
  g_test_add_func ("/settings/recent", test_settings_recent);
  g_test_add_func ("/settings/missing-schema", test_settings_missing_schema);
  g_test_add_func ("/settings/schema-dir-variable", test_settings_schema_dir_variable);

  return g_test_run ();
}
