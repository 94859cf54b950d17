/* al-preferences.c: the Preferences window and the preferences it edits */
#define G_LOG_DOMAIN "al-preferences"

#include <glib/gi18n.h>

#include "al-preferences.h"
#include "al-settings.h"
#include "al-types.h"

#define KEY_COLOR_SCHEME "color-scheme"
#define KEY_ARCHES       "new-document-arches"

struct _AlPreferences
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings;
  AdwComboRow         *style_row;
  GPtrArray           *arch_checks;   /* GtkCheckButton, data "arch" */
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (AlPreferences, al_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the Style row's choices. */
static const char *const color_scheme_ids[] = { "default", "light", "dark" };

static gboolean
al_settings_has_key (GSettings  *settings,
                     const char *key)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

AdwColorScheme
al_preferences_get_color_scheme (GSettings *settings)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), ADW_COLOR_SCHEME_DEFAULT);

  if (!al_settings_has_key (settings, KEY_COLOR_SCHEME))
    return ADW_COLOR_SCHEME_DEFAULT;

  value = g_settings_get_string (settings, KEY_COLOR_SCHEME);
  if (g_strcmp0 (value, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (value, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}

static void
on_color_scheme_changed_cb (GSettings  *settings,
                            const char *key,
                            gpointer    user_data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      al_preferences_get_color_scheme (settings));
}

void
al_preferences_follow_color_scheme (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  on_color_scheme_changed_cb (settings, KEY_COLOR_SCHEME, NULL);
  if (al_settings_has_key (settings, KEY_COLOR_SCHEME))
    g_signal_connect (settings, "changed::" KEY_COLOR_SCHEME,
                      G_CALLBACK (on_color_scheme_changed_cb), NULL);
}

char **
al_preferences_dup_new_document_arches (GSettings *settings)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) stored = NULL;
  guint n = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (al_settings_has_key (settings, KEY_ARCHES))
    stored = g_settings_get_strv (settings, KEY_ARCHES);

  /* Unknown or repeated arches are dropped rather than becoming lanes
   * that validation then complains about. */
  for (guint i = 0; stored != NULL && stored[i] != NULL; i++)
    {
      const char *arch = al_arch_normalize (stored[i]);
      gboolean repeated = FALSE;

      if (arch == NULL)
        continue;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (al_arch_normalize (stored[j]), arch) == 0)
          repeated = TRUE;
      if (repeated)
        continue;
      g_strv_builder_add (builder, arch);
      n++;
    }

  if (n == 0)
    {
      g_strv_builder_add (builder, "amd64");
      g_strv_builder_add (builder, "arm64");
    }
  return g_strv_builder_end (builder);
}

static void
on_style_selected_cb (AlPreferences *self,
                      GParamSpec    *pspec,
                      AdwComboRow   *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || selected >= G_N_ELEMENTS (color_scheme_ids))
    return;
  g_settings_set_string (self->settings, KEY_COLOR_SCHEME, color_scheme_ids[selected]);
}

static void
al_preferences_sync_arches (AlPreferences *self)
{
  g_auto (GStrv) arches = al_preferences_dup_new_document_arches (self->settings);
  guint n_active = 0;

  self->updating = TRUE;
  for (guint i = 0; i < self->arch_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->arch_checks, i);
      const char *arch = g_object_get_data (G_OBJECT (check), "arch");
      gboolean active = g_strv_contains ((const char *const *) arches, arch);

      gtk_check_button_set_active (check, active);
      n_active += active;
    }

  /* A new document needs at least one lane: the last one cannot be
   * unchecked. */
  for (guint i = 0; i < self->arch_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->arch_checks, i);

      gtk_widget_set_sensitive (check,
                                !(n_active == 1
                                  && gtk_check_button_get_active (GTK_CHECK_BUTTON (check))));
    }
  self->updating = FALSE;
}

static void
on_arch_toggled_cb (AlPreferences  *self,
                    GtkCheckButton *toggled)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) arches = NULL;

  if (self->updating)
    return;

  /* Kept in the order of the list, so lanes come out in a stable order. */
  for (guint i = 0; i < self->arch_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->arch_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "arch"));
    }
  arches = g_strv_builder_end (builder);
  if (arches[0] != NULL)
    g_settings_set_strv (self->settings, KEY_ARCHES, (const char *const *) arches);
  al_preferences_sync_arches (self);
}

static const char *
al_arch_description (const char *arch)
{
  if (g_str_equal (arch, "amd64"))
    return _("x86_64: Intel, AMD, Hygon, Zhaoxin");
  if (g_str_equal (arch, "arm64"))
    return _("Kunpeng, Phytium, Ampere, Graviton");
  if (g_str_equal (arch, "loong64"))
    return _("Loongson");
  return NULL;
}

static GtkWidget *
al_preferences_build_arch_group (AlPreferences *self,
                                 gboolean       editable)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char *const *arches = al_arch_list ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Documents"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The architecture lanes an empty document starts "
                                           "with"));

  for (guint i = 0; arches[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *description = al_arch_description (arches[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), arches[i]);
      if (description != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, editable);

      g_object_set_data_full (G_OBJECT (check), "arch", g_strdup (arches[i]), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_arch_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->arch_checks, check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static GtkWidget *
al_preferences_build_style_group (AlPreferences *self,
                                  gboolean       editable)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
  AdwColorScheme scheme = al_preferences_get_color_scheme (self->settings);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Appearance"));

  gtk_string_list_append (choices, _("Follow System"));
  gtk_string_list_append (choices, _("Light"));
  gtk_string_list_append (choices, _("Dark"));

  self->style_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->style_row), _("Style"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->style_row),
                               _("The colours of the window and the canvas"));
  adw_combo_row_set_model (self->style_row, G_LIST_MODEL (choices));
  adw_combo_row_set_selected (self->style_row,
                              scheme == ADW_COLOR_SCHEME_FORCE_LIGHT ? 1
                              : scheme == ADW_COLOR_SCHEME_FORCE_DARK ? 2 : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->style_row), editable);
  g_signal_connect_object (self->style_row, "notify::selected",
                           G_CALLBACK (on_style_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->style_row));
  return group;
}

static void
al_preferences_dispose (GObject *object)
{
  AlPreferences *self = AL_PREFERENCES (object);

  g_clear_pointer (&self->arch_checks, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (al_preferences_parent_class)->dispose (object);
}

static void
al_preferences_class_init (AlPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = al_preferences_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
al_preferences_init (AlPreferences *self)
{
  GtkWidget *page = adw_preferences_page_new ();

  self->settings = g_object_ref (al_settings_get_default ());
  self->arch_checks = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (al_preferences_build_style_group (
                              self, al_settings_has_key (self->settings, KEY_COLOR_SCHEME))));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (al_preferences_build_arch_group (
                              self, al_settings_has_key (self->settings, KEY_ARCHES))));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  al_preferences_sync_arches (self);
}

AlPreferences *
al_preferences_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (AL_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
