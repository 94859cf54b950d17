/* al-window-files.c: opening, saving and closing documents in a window */
#define G_LOG_DOMAIN "al-window"

#include <glib/gi18n.h>

#include "al-export.h"
#include "al-settings.h"
#include "al-window-private.h"

#define TEMPLATE_SUFFIX ".archlane"

typedef struct
{
  AlWindowContinuation continuation;
  gpointer             data;
  GDestroyNotify       destroy;
} AlAfter;

static AlAfter *
al_after_new (AlWindowContinuation continuation,
              gpointer             data,
              GDestroyNotify       destroy)
{
  AlAfter *after = g_new0 (AlAfter, 1);

  after->continuation = continuation;
  after->data = data;
  after->destroy = destroy;
  return after;
}

static void
al_after_free (AlAfter *after)
{
  if (after == NULL)
    return;
  if (after->destroy != NULL)
    after->destroy (after->data);
  g_free (after);
}

/* Runs and frees @after (which may be %NULL). */
static void
al_after_run (AlAfter  *after,
              AlWindow *self)
{
  if (after == NULL)
    return;
  if (after->continuation != NULL)
    after->continuation (self, after->data);
  al_after_free (after);
}

static char *
al_window_dup_document_name (AlWindow *self)
{
  GFile *file = al_editor_get_file (self->editor);

  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      return g_filename_display_name (basename);
    }
  return g_strdup (_("Untitled"));
}

static char *
al_file_dup_display_basename (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

void
_al_window_show_error (AlWindow   *self,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

AlWindow *
_al_window_show_editor (AlWindow *self,
                        AlEditor *editor)
{
  AlWindow *target = self;

  if (!al_window_is_pristine (self))
    target = al_window_new (gtk_window_get_application (GTK_WINDOW (self)), editor);
  else
    al_window_set_editor (self, editor);

  gtk_window_present (GTK_WINDOW (target));
  return target;
}

/* ------------------------------------------------------------------ */
/* Recent documents                                                     */

void
_al_window_add_recent (AlWindow *self,
                       GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0 };

  al_settings_add_recent (self->settings, uri);

  if (g_str_has_suffix (uri, ".png"))
    data.mime_type = (char *) "image/png";
  else if (g_str_has_suffix (uri, ".svg"))
    data.mime_type = (char *) "image/svg+xml";
  else
    data.mime_type = (char *) "application/x-archlane";
  data.app_name = (char *) "archlane";
  data.app_exec = (char *) "archlane %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

void
_al_window_rebuild_recent_menu (AlWindow *self)
{
  g_auto (GStrv) uris = g_settings_get_strv (self->settings, "recent-documents");
  guint n_shown = 0;

  g_menu_remove_all (self->recent_section);

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_uri (uris[i]);
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* A document moved or deleted since is left out rather than offered
       * to fail. */
      if (g_file_is_native (file) && !g_file_query_exists (file, NULL))
        continue;

      label = al_file_dup_display_basename (file);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (uris[i]));
      g_menu_append_item (self->recent_section, item);
      n_shown++;
    }

  if (n_shown == 0)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_("No Recent Documents"), "win.no-recent");
      g_menu_append_item (self->recent_section, item);
    }
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */

static gboolean
al_file_is_image (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = basename != NULL ? g_ascii_strdown (basename, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg"));
}

static AlWindow *
al_window_find_window_for_file (AlWindow *self,
                                GFile    *file)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GList *windows;

  if (application == NULL)
    {
      GFile *own = al_editor_get_file (self->editor);
      return own != NULL && g_file_equal (own, file) ? self : NULL;
    }

  windows = gtk_application_get_windows (application);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      AlWindow *window;
      GFile *shown;

      if (!AL_IS_WINDOW (l->data))
        continue;
      window = l->data;
      shown = al_editor_get_file (window->editor);
      if (shown != NULL && g_file_equal (shown, file))
        return window;
    }
  return NULL;
}

AlWindow *
al_window_open_file (AlWindow *self,
                     GFile    *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlEditor) editor = NULL;
  AlWindow *target;
  gboolean from_image;

  g_return_val_if_fail (AL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  target = al_window_find_window_for_file (self, file);
  if (target != NULL)
    {
      gtk_window_present (GTK_WINDOW (target));
      return target;
    }

  from_image = al_file_is_image (file);
  if (from_image)
    {
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (AlDocument) document = NULL;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: only images in local folders can be opened"), uri);
        }
      else
        document = al_export_load_document (path, &error);
      if (document != NULL)
        editor = al_editor_new (document);
    }
  else
    editor = al_editor_new_from_file (file, &error);

  if (editor == NULL)
    {
      g_autofree char *name = al_file_dup_display_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      _al_window_show_error (self, heading, error->message);
      return NULL;
    }

  _al_window_add_recent (self, file);
  target = _al_window_show_editor (self, editor);

  if (from_image)
    {
      g_autofree char *name = al_file_dup_display_basename (file);
      g_autofree char *message = NULL;

      /* The image itself is never rewritten: say where the document went. */
      message = g_strdup_printf (_("Opened the document embedded in “%s”; saving asks for a "
                                   "new file"), name);
      al_window_add_toast (target, message);
    }
  return target;
}

static void
on_open_response_cb (AlWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr (GListModel) files = NULL;
  AlWindow *target = self;

  g_clear_object (&self->pending_dialog);
  if (response != GTK_RESPONSE_ACCEPT)
    return;

  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (GFile) file = g_list_model_get_item (files, i);
      AlWindow *shown = al_window_open_file (target, file);

      /* The next file opens beside this one, never over it. */
      if (shown != NULL)
        target = shown;
    }
}

static GtkFileFilter *
al_filter_new (const char        *name,
               const char *const *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

static void
win_open_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);
  static const char *const all[] = { "archlane", "png", "svg", NULL };
  static const char *const documents[] = { "archlane", NULL };
  static const char *const images[] = { "png", "svg", NULL };
  g_autoptr (GtkFileFilter) all_filter = NULL;
  g_autoptr (GtkFileFilter) documents_filter = NULL;
  g_autoptr (GtkFileFilter) images_filter = NULL;
  GtkFileChooserNative *chooser;
  GFile *current;

  if (self->pending_dialog != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Open Document"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  all_filter = al_filter_new (_("All Supported Files"), all);
  documents_filter = al_filter_new (_("Archlane Documents"), documents);
  images_filter = al_filter_new (_("Images with an Embedded Document"), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), documents_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images_filter);

  current = al_editor_get_file (self->editor);
  if (current != NULL)
    {
      g_autoptr (GFile) folder = g_file_get_parent (current);
      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->pending_dialog = G_OBJECT (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
win_open_recent_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  al_window_open_file (AL_WINDOW (widget), file);
}

/* ------------------------------------------------------------------ */
/* Saving                                                               */

gboolean
al_window_save_to_file (AlWindow *self,
                        GFile    *file,
                        GError  **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (AL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);
  g_return_val_if_fail (file != NULL || al_editor_get_file (self->editor) != NULL, FALSE);

  if (!al_editor_save (self->editor, file, &local_error))
    {
      g_autoptr (GFile) target = file != NULL ? g_object_ref (file)
                                              : g_object_ref (al_editor_get_file (self->editor));
      g_autofree char *name = al_file_dup_display_basename (target);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      _al_window_show_error (self, heading, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _al_window_add_recent (self, al_editor_get_file (self->editor));
  return TRUE;
}

static void al_window_save_as_then (AlWindow *self, AlAfter *after);

/* Saves to the document's file, or asks where when it has none; runs
 * @after only when the document was saved. */
static void
al_window_save_then (AlWindow *self,
                     AlAfter  *after)
{
  if (al_editor_get_file (self->editor) == NULL)
    {
      al_window_save_as_then (self, after);
      return;
    }

  if (al_window_save_to_file (self, NULL, NULL))
    al_after_run (after, self);
  else
    al_after_free (after);
}

static void
on_save_as_response_cb (GtkFileChooserNative *chooser,
                        int                   response,
                        AlWindow             *self)
{
  AlAfter *after = g_object_steal_data (G_OBJECT (chooser), "al-after");
  g_autoptr (GFile) chosen = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *basename = NULL;

  g_clear_object (&self->pending_dialog);

  if (response != GTK_RESPONSE_ACCEPT
      || (chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    {
      al_after_free (after);
      return;
    }

  /* A name typed without the extension still gets one, so the file
   * opens with Archlane again. */
  basename = g_file_get_basename (chosen);
  if (basename != NULL && strchr (basename, '.') == NULL)
    {
      g_autofree char *with_suffix = g_strconcat (basename, TEMPLATE_SUFFIX, NULL);
      g_autoptr (GFile) parent = g_file_get_parent (chosen);

      file = parent != NULL ? g_file_get_child (parent, with_suffix) : g_object_ref (chosen);
    }
  else
    file = g_object_ref (chosen);

  if (al_window_save_to_file (self, file, NULL))
    al_after_run (after, self);
  else
    al_after_free (after);
}

static void
al_window_save_as_then (AlWindow *self,
                        AlAfter  *after)
{
  static const char *const documents[] = { "archlane", NULL };
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  GFile *current;

  if (self->pending_dialog != NULL)
    {
      al_after_free (after);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save Document As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  filter = al_filter_new (_("Archlane Documents"), documents);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  current = al_editor_get_file (self->editor);
  if (current != NULL)
    {
      g_autoptr (GFile) folder = g_file_get_parent (current);

      suggested = g_file_get_basename (current);
      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  else
    {
      const char *name = al_document_get_name (al_editor_get_document (self->editor));

      suggested = g_strconcat (name != NULL && *name != '\0' ? name : _("Untitled"),
                               TEMPLATE_SUFFIX, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "al-after", after, (GDestroyNotify) al_after_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_as_response_cb), self, 0);
  self->pending_dialog = G_OBJECT (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
win_save_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  al_window_save_then (AL_WINDOW (widget), NULL);
}

static void
win_save_as_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  al_window_save_as_then (AL_WINDOW (widget), NULL);
}

/* ------------------------------------------------------------------ */
/* Unsaved changes                                                      */

/* Runs the continuation wrapped in another one; the outer one frees it. */
static void
al_window_run_wrapped (AlWindow *self,
                       gpointer  data)
{
  AlAfter *inner = data;

  if (inner != NULL && inner->continuation != NULL)
    inner->continuation (self, inner->data);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        AlWindow         *self)
{
  AlAfter *after = g_object_steal_data (G_OBJECT (dialog), "al-after");

  g_clear_object (&self->pending_dialog);
  /* The answer may close the window while the dialog is still finishing
   * its response: it must not refer to the window by then. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      al_after_run (after, self);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      /* Only a successful save continues; a failed one keeps the window
       * and its document as they are. */
      AlAfter *saved = al_after_new (al_window_run_wrapped, after,
                                     (GDestroyNotify) al_after_free);

      /* The continuation may close the window: nothing after this. */
      al_window_save_then (self, saved);
    }
  else
    al_after_free (after);
}

void
_al_window_confirm_discard (AlWindow            *self,
                            AlWindowContinuation continuation,
                            gpointer             data,
                            GDestroyNotify       destroy)
{
  AlAfter *after = al_after_new (continuation, data, destroy);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!al_editor_get_modified (self->editor))
    {
      al_after_run (after, self);
      return;
    }

  if (self->pending_dialog != NULL)
    {
      /* Already asking (or choosing a file): the answer to that decides. */
      if (GTK_IS_WINDOW (self->pending_dialog))
        gtk_window_present (GTK_WINDOW (self->pending_dialog));
      al_after_free (after);
      return;
    }

  name = al_window_dup_document_name (self);
  heading = g_strdup_printf (_("Save changes to “%s” before closing?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("If you don’t save, your changes will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "al-after", after, (GDestroyNotify) al_after_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  self->pending_dialog = g_object_ref (G_OBJECT (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_al_window_save_geometry (AlWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (maximized)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

void
_al_window_class_init_files (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, win_open_cb);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", win_open_recent_cb);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, win_save_cb);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, win_save_as_cb);
}
