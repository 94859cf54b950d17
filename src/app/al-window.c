/* al-window.c: a document window */
#define G_LOG_DOMAIN "al-window"

#include <glib/gi18n.h>

#include "al-resources.h"
#include "al-settings.h"
#include "al-window-private.h"
#include "al-test-hooks.h"

G_DEFINE_FINAL_TYPE (AlWindow, al_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_EDITOR,
  PROP_PANELS_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
al_window_update_title (AlWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;
  const char *title;
  GFile *file;

  if (self->editor == NULL)
    return;

  title = al_editor_get_title (self->editor);
  file = al_editor_get_file (self->editor);

  /* The folder tells two documents of one name apart; an untitled
   * document shows the application it describes instead. */
  if (file != NULL)
    {
      g_autoptr (GFile) parent = g_file_get_parent (file);
      g_autoptr (GFile) home = g_file_new_for_path (g_get_home_dir ());

      if (parent != NULL && g_file_equal (parent, home))
        subtitle = g_strdup ("~");
      else if (parent != NULL && g_file_has_prefix (parent, home))
        {
          g_autofree char *relative = g_file_get_relative_path (home, parent);
          subtitle = g_build_filename ("~", relative, NULL);
        }
      else if (parent != NULL)
        subtitle = g_file_get_parse_name (parent);
    }
  else
    {
      AlDocument *document = al_editor_get_document (self->editor);
      const char *display_name = al_document_get_display_name (document);
      const char *name = al_document_get_name (document);

      if (display_name != NULL && *display_name != '\0')
        subtitle = g_strdup (display_name);
      else if (name != NULL && *name != '\0')
        subtitle = g_strdup (name);
    }

  if (subtitle == NULL)
    subtitle = g_strdup (_("Archlane"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* For the window list of the desktop, which has no subtitle. */
  window_title = g_strdup_printf (_("%s — Archlane"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
on_editor_title_cb (AlWindow   *self,
                    GParamSpec *pspec,
                    AlEditor   *editor)
{
  al_window_update_title (self);
}

static void
on_document_changed_cb (AlWindow   *self,
                        AlDocument *document)
{
  /* The subtitle of an untitled document follows its display name. */
  if (al_editor_get_file (self->editor) == NULL)
    al_window_update_title (self);
}

static void
on_history_notify_cb (AlWindow   *self,
                      GParamSpec *pspec,
                      AlHistory  *history)
{
  _al_window_update_history_actions (self);
}

static void
on_palette_entry_activated_cb (AlWindow                     *self,
                               const struct _AlPaletteEntry *entry,
                               AlPalette                    *palette)
{
  al_canvas_insert_entry (self->canvas, entry);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
on_reveal_cb (AlWindow  *self,
              gpointer   item,
              GtkWidget *view)
{
  if (item != NULL)
    al_canvas_reveal (self->canvas, item);
}

static void
on_canvas_message_cb (AlWindow   *self,
                      const char *message,
                      AlCanvas   *canvas)
{
  al_window_add_toast (self, message);
}

/* Pod failures join the document's own problems. */
static void
on_deploy_status_changed_cb (AlWindow       *self,
                             const char     *component_name,
                             AlDeployStatus *status)
{
  g_autoptr (GPtrArray) failures = NULL;

  if (self->editor == NULL)
    return;
  failures = al_deploy_status_dup_diagnostics (status, al_editor_get_document (self->editor));
  al_problems_view_set_extra_diagnostics (self->problems, failures);
}

/* What the cluster says is about the document that was deployed. */
static void
on_editor_document_cb (AlWindow   *self,
                       GParamSpec *pspec,
                       AlEditor   *editor)
{
  al_deploy_status_stop (self->deploy_status);
}

static void
on_problems_counts_cb (AlWindow       *self,
                       GParamSpec     *pspec,
                       AlProblemsView *problems)
{
  _al_window_update_problems_summary (self);
}

static void
on_recent_documents_changed_cb (AlWindow   *self,
                                const char *key,
                                GSettings  *settings)
{
  _al_window_rebuild_recent_menu (self);
}

static void
al_window_close_again (AlWindow *self,
                       gpointer  data)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
al_window_close_request (GtkWindow *window)
{
  AlWindow *self = AL_WINDOW (window);

  if (!self->close_confirmed && self->editor != NULL && al_editor_get_modified (self->editor))
    {
      _al_window_confirm_discard (self, al_window_close_again, NULL, NULL);
      /* The continuation closes again, now confirmed (set by the dialog). */
      return TRUE;
    }

  _al_window_save_geometry (self);
  return GTK_WINDOW_CLASS (al_window_parent_class)->close_request (window);
}

static void
al_window_set_panels_visible (AlWindow *self,
                              gboolean  visible)
{
  visible = !!visible;
  if (self->panels_visible == (guint) visible)
    return;

  self->panels_visible = visible;
  gtk_widget_set_visible (self->sidebar, visible);
  gtk_widget_set_visible (self->inspector_scroller, visible);
  g_settings_set_boolean (self->settings, "side-panels-visible", visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANELS_VISIBLE]);
}

static void
al_window_restore_geometry (AlWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 640), MAX (height, 480));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
al_window_constructed (GObject *object)
{
  AlWindow *self = AL_WINDOW (object);

  G_OBJECT_CLASS (al_window_parent_class)->constructed (object);

  al_window_restore_geometry (self);
  _al_window_rebuild_recent_menu (self);
  _al_window_rebuild_template_menu (self);
  _al_window_update_problems_summary (self);

  if (self->editor == NULL)
    {
      g_autoptr (AlDocument) document = al_window_create_empty_document ();
      g_autoptr (AlEditor) editor = al_editor_new (document);

      al_window_set_editor (self, editor);
    }
}

static void
al_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AlWindow *self = AL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    case PROP_PANELS_VISIBLE:
      g_value_set_boolean (value, self->panels_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AlWindow *self = AL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      if (g_value_get_object (value) != NULL)
        al_window_set_editor (self, g_value_get_object (value));
      break;
    case PROP_PANELS_VISIBLE:
      al_window_set_panels_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_window_dispose (GObject *object)
{
  AlWindow *self = AL_WINDOW (object);

  if (self->pending_dialog != NULL)
    {
      if (GTK_IS_NATIVE_DIALOG (self->pending_dialog))
        gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->pending_dialog));
      else if (GTK_IS_WINDOW (self->pending_dialog))
        gtk_window_destroy (GTK_WINDOW (self->pending_dialog));
      g_clear_object (&self->pending_dialog);
    }

  if (self->deploy_status != NULL)
    al_deploy_status_stop (self->deploy_status);

  if (self->editor_signals != NULL)
    g_signal_group_set_target (self->editor_signals, NULL);
  if (self->history_signals != NULL)
    g_signal_group_set_target (self->history_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), AL_TYPE_WINDOW);

  g_clear_object (&self->editor_signals);
  g_clear_object (&self->history_signals);
  g_clear_object (&self->editor);
  g_clear_object (&self->settings);
  g_clear_object (&self->deploy_status);

  G_OBJECT_CLASS (al_window_parent_class)->dispose (object);
}

static void
al_window_class_init (AlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = al_window_constructed;
  object_class->get_property = al_window_get_property;
  object_class->set_property = al_window_set_property;
  object_class->dispose = al_window_dispose;

  window_class->close_request = al_window_close_request;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, AL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_PANELS_VISIBLE] =
    g_param_spec_boolean ("panels-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The resources live in the static library: referencing them links
   * them in (their constructor registers them). */
  (void) al_get_resource ();

  g_type_ensure (AL_TYPE_CANVAS);
  g_type_ensure (AL_TYPE_PALETTE);
  g_type_ensure (AL_TYPE_OUTLINE);
  g_type_ensure (AL_TYPE_PROBLEMS_VIEW);
  g_type_ensure (AL_TYPE_INSPECTOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/archlane/Archlane/al-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, panels_button);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, centre_paned);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, inspector_scroller);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, canvas_scroller);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, problems);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, problems_error_icon);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, problems_error_count);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, problems_warning_icon);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, problems_warning_count);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, AlWindow, template_section);

  _al_window_class_init_actions (widget_class);
  _al_window_class_init_files (widget_class);
}

static void
al_window_init (AlWindow *self)
{
  /* Before the template: its toggle button reads the state at once. */
  self->panels_visible = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  _al_window_init_actions (self);

  self->settings = g_object_ref (al_settings_get_default ());
  al_window_set_panels_visible (self, g_settings_get_boolean (self->settings,
                                                              "side-panels-visible"));

  self->editor_signals = g_signal_group_new (AL_TYPE_EDITOR);
  g_signal_group_connect_object (self->editor_signals, "notify::title",
                                 G_CALLBACK (on_editor_title_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->editor_signals, "notify::file",
                                 G_CALLBACK (on_editor_title_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->editor_signals, "notify::document",
                                 G_CALLBACK (on_editor_document_cb), self, G_CONNECT_SWAPPED);

  self->history_signals = g_signal_group_new (AL_TYPE_HISTORY);
  g_signal_group_connect_object (self->history_signals, "notify::can-undo",
                                 G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "notify::can-redo",
                                 G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "notify::undo-label",
                                 G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "notify::redo-label",
                                 G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->palette, "entry-activated",
                           G_CALLBACK (on_palette_entry_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outline, "reveal",
                           G_CALLBACK (on_reveal_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->problems, "reveal",
                           G_CALLBACK (on_reveal_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "message",
                           G_CALLBACK (on_canvas_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->problems, "notify::n-errors",
                           G_CALLBACK (on_problems_counts_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->problems, "notify::n-warnings",
                           G_CALLBACK (on_problems_counts_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recent-documents",
                           G_CALLBACK (on_recent_documents_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->deploy_status = al_deploy_status_new ();
  g_signal_connect_object (self->deploy_status, "changed",
                           G_CALLBACK (on_deploy_status_changed_cb), self, G_CONNECT_SWAPPED);
  al_canvas_set_deploy_status (self->canvas, self->deploy_status);

  /* The keyboard starts where the document is, not on the first
   * header bar button. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->canvas));

  al_test_hooks_attach (GTK_WINDOW (self), self->canvas, GTK_WIDGET (self->palette));
}

AlWindow *
al_window_new (GtkApplication *application,
               AlEditor       *editor)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (editor == NULL || AL_IS_EDITOR (editor), NULL);

  return g_object_new (AL_TYPE_WINDOW,
                       "application", application,
                       "editor", editor,
                       NULL);
}

AlEditor *
al_window_get_editor (AlWindow *self)
{
  g_return_val_if_fail (AL_IS_WINDOW (self), NULL);
  return self->editor;
}

void
al_window_set_editor (AlWindow *self,
                      AlEditor *editor)
{
  AlDocument *old_document = NULL;

  g_return_if_fail (AL_IS_WINDOW (self));
  g_return_if_fail (AL_IS_EDITOR (editor));

  if (self->editor == editor)
    return;

  /* A new document: the cluster's state was of the old one. */
  if (self->editor != NULL)
    al_deploy_status_stop (self->deploy_status);
  if (self->editor != NULL)
    old_document = al_editor_get_document (self->editor);
  if (old_document != NULL)
    g_signal_handlers_disconnect_by_func (old_document, on_document_changed_cb, self);

  g_set_object (&self->editor, editor);
  g_signal_connect_object (al_editor_get_document (editor), "changed",
                           G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->editor_signals, editor);
  g_signal_group_set_target (self->history_signals, al_editor_get_history (editor));

  al_canvas_set_editor (self->canvas, editor);
  al_palette_set_editor (self->palette, editor);
  al_outline_set_editor (self->outline, editor);
  al_inspector_set_editor (self->inspector, editor);
  al_problems_view_set_editor (self->problems, editor);

  self->close_confirmed = FALSE;
  al_window_update_title (self);
  _al_window_update_history_actions (self);
  _al_window_update_problems_summary (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

gboolean
al_window_is_pristine (AlWindow *self)
{
  AlDocument *document;

  g_return_val_if_fail (AL_IS_WINDOW (self), FALSE);

  if (self->editor == NULL)
    return TRUE;

  document = al_editor_get_document (self->editor);
  return al_editor_get_file (self->editor) == NULL
         && !al_editor_get_modified (self->editor)
         && g_list_model_get_n_items (al_document_get_components (document)) == 0;
}

void
al_window_add_toast (AlWindow   *self,
                     const char *message)
{
  AdwToast *toast;

  g_return_if_fail (AL_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
