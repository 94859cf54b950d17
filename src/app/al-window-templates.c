/* al-window-templates.c: the bundled templates and new documents */
#define G_LOG_DOMAIN "al-window"

#include <glib/gi18n.h>

#include "al-document-io.h"
#include "al-preferences.h"
#include "al-settings.h"
#include "al-window-private.h"

#define TEMPLATE_SUFFIX ".archlane"

static void
al_add_template_dir (GPtrArray  *dirs,
                     const char *path)
{
  if (path == NULL || *path == '\0')
    return;
  for (guint i = 0; i < dirs->len; i++)
    if (g_strcmp0 (g_ptr_array_index (dirs, i), path) == 0)
      return;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    g_ptr_array_add (dirs, g_strdup (path));
}

/* An uninstalled build sits somewhere below the source tree: look for
 * data/templates in the folders above the running program. */
static char *
al_find_source_templates (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (exe == NULL)
    return NULL;

  dir = g_path_get_dirname (exe);
  for (guint depth = 0; depth < 5 && dir != NULL; depth++)
    {
      g_autofree char *candidate = g_build_filename (dir, "data", "templates", NULL);
      g_autofree char *sample = g_build_filename (candidate, "sample-shop.archlane", NULL);
      char *parent;

      if (g_file_test (sample, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);

      parent = g_path_get_dirname (dir);
      if (g_strcmp0 (parent, dir) == 0)
        {
          g_free (parent);
          break;
        }
      g_free (dir);
      dir = parent;
    }
  return NULL;
}

static int
al_compare_titles (gconstpointer a,
                   gconstpointer b)
{
  GFile *file_a = *(GFile **) a;
  GFile *file_b = *(GFile **) b;
  g_autofree char *title_a = al_window_dup_template_title (file_a);
  g_autofree char *title_b = al_window_dup_template_title (file_b);

  return g_utf8_collate (title_a, title_b);
}

GPtrArray *
al_window_list_templates (void)
{
  g_autoptr (GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *templates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *user_dir = NULL;
  g_autofree char *installed = NULL;
  g_autofree char *source = NULL;
  const char *const *system_dirs = g_get_system_data_dirs ();

  /* Earlier folders win for a file name, so a user's own template of the
   * same name replaces the bundled one. */
  al_add_template_dir (dirs, g_getenv ("ARCHLANE_TEMPLATES"));
  user_dir = g_build_filename (g_get_user_data_dir (), "archlane", "templates", NULL);
  al_add_template_dir (dirs, user_dir);
  installed = g_build_filename (PKGDATADIR, "templates", NULL);
  al_add_template_dir (dirs, installed);
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (system_dirs[i], "archlane", "templates", NULL);
      al_add_template_dir (dirs, path);
    }
  source = al_find_source_templates ();
  al_add_template_dir (dirs, source);

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (g_ptr_array_index (dirs, i), 0, NULL);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = NULL;

          if (!g_str_has_suffix (name, TEMPLATE_SUFFIX) || g_hash_table_contains (seen, name))
            continue;
          path = g_build_filename (g_ptr_array_index (dirs, i), name, NULL);
          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          g_hash_table_add (seen, g_strdup (name));
          g_ptr_array_add (templates, g_file_new_for_path (path));
        }
    }

  g_ptr_array_sort (templates, al_compare_titles);
  return templates;
}

char *
al_window_dup_template_title (GFile *template_file)
{
  static const struct
  {
    const char *basename;
    const char *title;
  } known[] = {
    { "sample-shop.archlane", N_("Sample Shop") },
    { "front-back-separation.archlane", N_("Front End and Back End Separation") },
    { "core-business-migration.archlane", N_("Core Business Migration") },
    { "data-analytics-hybrid.archlane", N_("Hybrid Data Analytics") },
  };
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (G_IS_FILE (template_file), NULL);

  basename = g_file_get_basename (template_file);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (basename, known[i].basename) == 0)
      return g_strdup (_(known[i].title));

  /* A user's template: its file name, dashes as spaces. */
  stem = g_filename_display_name (basename);
  if (g_str_has_suffix (stem, TEMPLATE_SUFFIX))
    stem[strlen (stem) - strlen (TEMPLATE_SUFFIX)] = '\0';
  g_strdelimit (stem, "-_", ' ');
  return g_steal_pointer (&stem);
}

AlDocument *
al_window_create_empty_document (void)
{
  AlDocument *document = al_document_new ();
  g_auto (GStrv) arches = al_preferences_dup_new_document_arches (al_settings_get_default ());

  al_document_set_name (document, "new-app");
  al_document_set_display_name (document, _("New Application"));

  for (guint i = 0; arches[i] != NULL; i++)
    {
      const char *arch = arches[i];
      g_autoptr (AlLane) lane = NULL;
      g_autofree char *id = NULL;
      const char *label = arch;

      /* The same ids and labels as the bundled templates use. */
      if (g_str_equal (arch, "amd64"))
        {
          id = g_strdup ("x86");
          label = "x86_64";
        }
      else if (g_str_equal (arch, "arm64"))
        id = g_strdup ("arm");
      else
        id = g_strdup (arch);

      if (al_document_lookup_lane (document, id) != NULL)
        continue;

      lane = al_lane_new (id, arch, label);
      /* Nodes of another arch than amd64 usually carry the
       * kubernetes.io/arch taint in mixed clusters. */
      al_lane_set_tolerate_taint (lane, !g_str_equal (arch, "amd64"));
      al_document_add_lane (document, lane);
    }

  return document;
}

AlWindow *
al_window_open_template (AlWindow   *self,
                         const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlEditor) editor = NULL;

  g_return_val_if_fail (AL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  document = al_document_load_from_path (path, NULL, &error);
  if (document == NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open the Template “%s”"),
                                                  basename);

      _al_window_show_error (self, heading, error->message);
      return NULL;
    }

  /* Not bound to the template file: Save asks where, so the bundled
   * template is never overwritten. */
  editor = al_editor_new (document);
  return _al_window_show_editor (self, editor);
}

void
_al_window_rebuild_template_menu (AlWindow *self)
{
  g_autoptr (GPtrArray) templates = al_window_list_templates ();

  g_menu_remove_all (self->template_section);
  for (guint i = 0; i < templates->len; i++)
    {
      GFile *file = g_ptr_array_index (templates, i);
      g_autofree char *title = al_window_dup_template_title (file);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GMenuItem) item = g_menu_item_new (title, NULL);

      g_menu_item_set_action_and_target_value (item, "win.new-from-template",
                                               g_variant_new_string (path));
      g_menu_append_item (self->template_section, item);
    }
}
