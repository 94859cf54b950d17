/* al-export-dialog.c: the options of a topology image, then where to save it */
#include <glib/gi18n.h>
#include <string.h>

#include "al-export-dialog.h"
#include "al-resources.h"
#include "al-settings.h"

struct _AlExportDialog
{
  AdwWindow parent_instance;

  AlEditor *editor;
  GtkFileChooserNative *chooser;   /* while it is open */

  AdwComboRow *format_row;
  AdwComboRow *scope_row;
  AdwComboRow *theme_row;
  AdwPreferencesGroup *png_group;
  GtkSpinButton *scale_spin;
  GtkSpinButton *dpi_spin;
  GtkSwitch *legend_switch;
  GtkSwitch *title_switch;
  GtkSwitch *transparent_switch;
};

G_DEFINE_FINAL_TYPE (AlExportDialog, al_export_dialog, ADW_TYPE_WINDOW)

/* Rows of the combo rows, in the order of the .ui file. */
enum { SCOPE_DOCUMENT, SCOPE_SELECTION };
enum { THEME_LIGHT, THEME_DARK };

static const char *const format_keys[] = { "png", "svg", "pdf" };

static gboolean
has_selected_component (AlExportDialog *self)
{
  GHashTable *selection = al_editor_get_selection_set (self->editor);
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (AL_IS_COMPONENT (item))
      return TRUE;
  return FALSE;
}

static AlExportFormat
get_format (AlExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected <= AL_EXPORT_FORMAT_PDF ? (AlExportFormat) selected : AL_EXPORT_FORMAT_PNG;
}

static void
update_sensitivity (AlExportDialog *self)
{
  gboolean selection = has_selected_component (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->png_group), get_format (self) == AL_EXPORT_FORMAT_PNG);
  /* Without a selected component only the whole document can be drawn. */
  if (!selection)
    adw_combo_row_set_selected (self->scope_row, SCOPE_DOCUMENT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scope_row), selection);
}

static guint
index_of (const char *const *keys, guint n_keys, const char *key)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i;
  return 0;
}

static void
load_settings (AlExportDialog *self)
{
  GSettings *settings = al_settings_get_default ();
  g_autofree char *format = g_settings_get_string (settings, "export-format");
  g_autofree char *scope = g_settings_get_string (settings, "export-scope");
  g_autofree char *theme = g_settings_get_string (settings, "export-theme");
  int dpi = g_settings_get_int (settings, "export-dpi");

  adw_combo_row_set_selected (self->format_row,
                              index_of (format_keys, G_N_ELEMENTS (format_keys), format));
  adw_combo_row_set_selected (self->scope_row, g_strcmp0 (scope, "selection") == 0
                                                 ? SCOPE_SELECTION
                                                 : SCOPE_DOCUMENT);
  adw_combo_row_set_selected (self->theme_row,
                              g_strcmp0 (theme, "dark") == 0 ? THEME_DARK : THEME_LIGHT);
  gtk_spin_button_set_value (self->scale_spin, g_settings_get_double (settings, "export-scale"));
  gtk_spin_button_set_value (self->dpi_spin, dpi > 0 ? dpi : 96);
  gtk_switch_set_active (self->legend_switch, g_settings_get_boolean (settings, "export-legend"));
  gtk_switch_set_active (self->title_switch, g_settings_get_boolean (settings, "export-title"));
  gtk_switch_set_active (self->transparent_switch,
                         g_settings_get_boolean (settings, "export-transparent"));
}

static void
save_settings (AlExportDialog *self, GFile *folder)
{
  GSettings *settings = al_settings_get_default ();
  AlExportOptions options;

  al_export_dialog_get_options (self, &options);
  g_settings_delay (settings);
  g_settings_set_string (settings, "export-format", format_keys[options.format]);
  g_settings_set_string (settings, "export-scope", options.selection != NULL ? "selection"
                                                                             : "document");
  g_settings_set_string (settings, "export-theme", options.dark ? "dark" : "light");
  g_settings_set_double (settings, "export-scale", options.scale);
  g_settings_set_int (settings, "export-dpi", options.dpi);
  g_settings_set_boolean (settings, "export-legend", options.legend);
  g_settings_set_boolean (settings, "export-title", options.title_block);
  g_settings_set_boolean (settings, "export-transparent", options.transparent);
  if (folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);

      g_settings_set_string (settings, "export-folder", uri);
    }
  g_settings_apply (settings);
}

void
al_export_dialog_get_options (AlExportDialog *self, AlExportOptions *options)
{
  g_return_if_fail (AL_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  al_export_options_init (options);
  options->format = get_format (self);
  options->scale = gtk_spin_button_get_value (self->scale_spin);
  options->dpi = gtk_spin_button_get_value_as_int (self->dpi_spin);
  options->dark = adw_combo_row_get_selected (self->theme_row) == THEME_DARK;
  options->legend = gtk_switch_get_active (self->legend_switch);
  options->title_block = gtk_switch_get_active (self->title_switch);
  options->transparent = gtk_switch_get_active (self->transparent_switch);
  if (adw_combo_row_get_selected (self->scope_row) == SCOPE_SELECTION
      && has_selected_component (self))
    options->selection = al_editor_get_selection_set (self->editor);
}

char *
al_export_dialog_dup_suggested_name (AlExportDialog *self)
{
  AlDocument *document;
  const char *name;

  g_return_val_if_fail (AL_IS_EXPORT_DIALOG (self), NULL);

  document = al_editor_get_document (self->editor);
  name = al_document_get_name (document);
  /* TRANSLATORS: the file name suggested for an image of a document
   * without an application name */
  return g_strdup_printf ("%s.%s", name != NULL && *name != '\0' ? name : _("topology"),
                          al_export_format_get_extension (get_format (self)));
}

gboolean
al_export_dialog_export_to_file (AlExportDialog *self, GFile *file, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) folder = NULL;
  AlExportOptions options;
  AlExportFormat format;

  g_return_val_if_fail (AL_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                   _("Cannot export to “%s”: only local files can be written"), uri);
      return FALSE;
    }
  /* The name decides when it names a format; else the format's extension
   * is added, as the user expects from a save dialog. */
  if (al_export_format_from_path (path, &format, NULL))
    adw_combo_row_set_selected (self->format_row, format);
  else if (strchr (strrchr (path, G_DIR_SEPARATOR) ? strrchr (path, G_DIR_SEPARATOR) : path, '.')
           == NULL)
    {
      char *with_extension = g_strconcat (path, ".",
                                          al_export_format_get_extension (get_format (self)), NULL);

      g_free (path);
      path = with_extension;
    }

  al_export_dialog_get_options (self, &options);
  if (!al_export_document (al_editor_get_document (self->editor), &options, path, error))
    return FALSE;
  folder = g_file_get_parent (file);
  save_settings (self, folder);
  return TRUE;
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_toast_overlay (child);

      if (overlay != NULL)
        return overlay;
    }
  return NULL;
}

static void
show_error (AlExportDialog *self, const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The image was not exported"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (AlExportDialog *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *parent;

  g_assert (AL_IS_EXPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!al_export_dialog_export_to_file (self, file, &error))
    {
      show_error (self, error);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      AdwToastOverlay *overlay = find_toast_overlay (GTK_WIDGET (parent));

      if (overlay != NULL)
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);

          adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
        }
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static GFile *
dup_start_folder (AlExportDialog *self)
{
  g_autofree char *uri = g_settings_get_string (al_settings_get_default (), "export-folder");
  GFile *document_file = al_editor_get_file (self->editor);

  if (uri != NULL && *uri != '\0')
    return g_file_new_for_uri (uri);
  if (document_file != NULL)
    return g_file_get_parent (document_file);
  return NULL;
}

static void
choose_file_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AlExportDialog *self = AL_EXPORT_DIALOG (widget);
  g_autofree char *name = NULL;
  g_autoptr (GFile) folder = NULL;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Image"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = al_export_dialog_dup_suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  folder = dup_start_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
al_export_dialog_dispose (GObject *object)
{
  AlExportDialog *self = AL_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->editor);
  gtk_widget_dispose_template (GTK_WIDGET (self), AL_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (al_export_dialog_parent_class)->dispose (object);
}

static void
al_export_dialog_class_init (AlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = al_export_dialog_dispose;

  /* The resources live in the static library: referencing them links
   * them in (their constructor registers them). */
  (void) al_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/al-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, png_group);
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, AlExportDialog, transparent_switch);

  gtk_widget_class_install_action (widget_class, "export-dialog.choose-file", NULL, choose_file_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
al_export_dialog_init (AlExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_sensitivity),
                           self, G_CONNECT_SWAPPED);
}

AlExportDialog *
al_export_dialog_new (GtkWindow *parent, AlEditor *editor)
{
  AlExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);

  self = g_object_new (AL_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->editor = g_object_ref (editor);
  g_signal_connect_object (editor, "selection-changed", G_CALLBACK (update_sensitivity), self,
                           G_CONNECT_SWAPPED);
  load_settings (self);
  update_sensitivity (self);
  return self;
}

void
al_export_dialog_present (GtkWindow *parent, AlEditor *editor)
{
  g_return_if_fail (AL_IS_EDITOR (editor));

  gtk_window_present (GTK_WINDOW (al_export_dialog_new (parent, editor)));
}
