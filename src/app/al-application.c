/* al-application.c: the Archlane application */
#define G_LOG_DOMAIN "al-application"

#include <glib/gi18n.h>

#include "al-application.h"
#include "al-document-io.h"
#include "al-preferences.h"
#include "al-settings.h"
#include "al-window.h"

struct _AlApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AlApplication, al_application, ADW_TYPE_APPLICATION)

static AlWindow *
al_application_get_al_window (AlApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (AL_IS_WINDOW (active))
    return AL_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AL_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The first launch shows what Archlane is for: the sample shop, as an
 * untitled copy. */
static AlEditor *
al_application_create_first_editor (AlApplication *self)
{
  GSettings *settings = al_settings_get_default ();
  g_autoptr (GPtrArray) templates = NULL;

  if (g_settings_get_boolean (settings, "first-launch-done"))
    return NULL;
  g_settings_set_boolean (settings, "first-launch-done", TRUE);

  templates = al_window_list_templates ();
  for (guint i = 0; i < templates->len; i++)
    {
      GFile *file = g_ptr_array_index (templates, i);
      g_autofree char *basename = g_file_get_basename (file);
      g_autoptr (AlDocument) document = NULL;
      g_autoptr (GError) error = NULL;

      if (g_strcmp0 (basename, "sample-shop.archlane") != 0)
        continue;
      document = al_document_load_from_file (file, NULL, &error);
      if (document == NULL)
        {
          g_warning ("The sample shop cannot be read: %s", error->message);
          return NULL;
        }
      return al_editor_new (document);
    }
  return NULL;
}

static void
al_application_activate (GApplication *application)
{
  AlApplication *self = AL_APPLICATION (application);
  AlWindow *window = al_application_get_al_window (self);

  if (window == NULL)
    {
      g_autoptr (AlEditor) editor = al_application_create_first_editor (self);

      window = al_window_new (GTK_APPLICATION (self), editor);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
al_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  AlApplication *self = AL_APPLICATION (application);
  AlWindow *window = al_application_get_al_window (self);

  /* Shown first, so that an error dialog about a file that cannot be
   * opened comes above it: the user sees why nothing opened. */
  if (window == NULL)
    window = al_window_new (GTK_APPLICATION (self), NULL);
  gtk_window_present (GTK_WINDOW (window));

  for (int i = 0; i < n_files; i++)
    {
      AlWindow *shown = al_window_open_file (window, files[i]);

      if (shown != NULL)
        window = shown;
    }
}

static void
app_quit_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AlApplication *self = user_data;
  g_autoptr (GList) windows = NULL;

  /* Each window asks about its own unsaved changes; the application ends
   * when the last one is gone. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
app_new_window_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AlApplication *self = user_data;
  AlWindow *window = al_window_new (GTK_APPLICATION (self), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

static void
app_shortcuts_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AlApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
app_about_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AlApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Archlane developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        "application-name", _("Archlane"),
                        "application-icon", APP_ID,
                        "version", ARCHLANE_VERSION,
                        "developer-name", _("The Archlane developers"),
                        "developers", developers,
                        "comments", _("Compose microservice systems on CPU architecture lanes "
                                      "and compile them to Kubernetes"),
                        "website", "https://github.com/archlane/archlane",
                        "issue-url", "https://github.com/archlane/archlane/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Archlane developers",
                        /* Translators: your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", app_quit_cb },
  { "new-window", app_new_window_cb },
  { "shortcuts", app_shortcuts_cb },
  { "about", app_about_cb },
};

static void
al_application_set_accels (GtkApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.new-window", { "<Primary><Shift>n", NULL } },
    { "win.new", { "<Primary>n", NULL } },
    { "win.open", { "<Primary>o", NULL } },
    { "win.save", { "<Primary>s", NULL } },
    { "win.save-as", { "<Primary><Shift>s", NULL } },
    { "win.export", { "<Primary>e", NULL } },
    { "win.toggle-panels", { "F9", NULL } },
    { "win.preferences", { "<Primary>comma", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  /* win.undo and win.redo are window bindings (see al-window-actions.c)
   * so that text fields keep their own Ctrl+Z. */
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}

static void
al_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (al_application_parent_class)->startup (application);

  g_set_application_name (_("Archlane"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  al_application_set_accels (GTK_APPLICATION (application));
  al_preferences_follow_color_scheme (al_settings_get_default ());
}

static void
al_application_class_init (AlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = al_application_startup;
  app_class->activate = al_application_activate;
  app_class->open = al_application_open;
}

static void
al_application_init (AlApplication *self)
{
}

AlApplication *
al_application_new (void)
{
  return g_object_new (AL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/archlane/Archlane",
                       NULL);
}
