/* al-window-actions.c: the window's actions and shortcuts */
#define G_LOG_DOMAIN "al-window"

#include <glib/gi18n.h>

#include "al-deploy-dialog.h"
#include "al-preferences.h"
#include "al-window-private.h"

#if defined(__has_include)
# if __has_include("al-export-dialog.h")
#  include "al-export-dialog.h"
#  define AL_HAVE_EXPORT_DIALOG 1
# endif
#endif

void
_al_window_update_history_actions (AlWindow *self)
{
  AlHistory *history;
  const char *undo_label;
  const char *redo_label;
  g_autofree char *undo_tooltip = NULL;
  g_autofree char *redo_tooltip = NULL;

  if (self->editor == NULL)
    return;

  history = al_editor_get_history (self->editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", al_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", al_history_can_redo (history));

  /* Naming the step ("Undo Remove Component") tells what will happen
   * before it happens. */
  undo_label = al_history_get_undo_label (history);
  redo_label = al_history_get_redo_label (history);
  if (undo_label != NULL && *undo_label != '\0')
    /* Translators: %s is the name of an edit, such as "Remove Component". */
    undo_tooltip = g_strdup_printf (_("Undo %s"), undo_label);
  else
    undo_tooltip = g_strdup (_("Undo"));
  if (redo_label != NULL && *redo_label != '\0')
    /* Translators: %s is the name of an edit, such as "Remove Component". */
    redo_tooltip = g_strdup_printf (_("Redo %s"), redo_label);
  else
    redo_tooltip = g_strdup (_("Redo"));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tooltip);
}

void
_al_window_update_problems_summary (AlWindow *self)
{
  guint n_errors = 0;
  guint n_warnings = 0;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *errors_spoken = NULL;
  g_autofree char *warnings_spoken = NULL;

  g_object_get (self->problems, "n-errors", &n_errors, "n-warnings", &n_warnings, NULL);

  errors = g_strdup_printf ("%u", n_errors);
  warnings = g_strdup_printf ("%u", n_warnings);
  errors_spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                n_errors), n_errors);
  warnings_spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                  n_warnings), n_warnings);

  gtk_label_set_label (self->problems_error_count, errors);
  gtk_label_set_label (self->problems_warning_count, warnings);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problems_error_count), errors_spoken);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problems_warning_count), warnings_spoken);
  /* The icon says what the number counts; a screen reader gets words. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problems_error_count),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, errors_spoken, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problems_warning_count),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, warnings_spoken, -1);

  gtk_widget_set_visible (GTK_WIDGET (self->problems_error_icon), n_errors > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_error_count), n_errors > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_warning_icon), n_warnings > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_warning_count), n_warnings > 0);
}

static void
al_window_show_in_fresh_window (AlWindow *self,
                                AlEditor *editor)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  AlWindow *window;

  if (al_window_is_pristine (self))
    {
      al_window_set_editor (self, editor);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  window = al_window_new (application, editor);
  gtk_window_present (GTK_WINDOW (window));
}

static void
win_new_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);
  g_autoptr (AlDocument) document = al_window_create_empty_document ();
  g_autoptr (AlEditor) editor = al_editor_new (document);

  al_window_show_in_fresh_window (self, editor);
}

static void
win_new_from_template_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  al_window_open_template (AL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
win_undo_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);

  al_history_undo (al_editor_get_history (self->editor));
}

static void
win_redo_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);

  al_history_redo (al_editor_get_history (self->editor));
}

static void
win_export_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
#ifdef AL_HAVE_EXPORT_DIALOG
  AlWindow *self = AL_WINDOW (widget);

  al_export_dialog_present (GTK_WINDOW (self), self->editor);
#endif
}

static void
win_deploy_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);

  al_deploy_dialog_present (GTK_WINDOW (self), self->editor, self->deploy_status);
}

static void
win_add_lane_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);

  /* The menu is not inside the canvas, so its actions are not in reach
   * of the menu's widget tree: forward them. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self->canvas), "canvas.add-lane", NULL))
    g_warning ("The canvas has no action canvas.add-lane");
}

/* The lane actions of the canvas (rename, move, remove: the target names
 * one) for the lane of the selected component, so that the keyboard and
 * the main menu reach what the lane header's context menu offers. */
static void
win_selection_lane_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);
  g_autoptr (GPtrArray) selection = al_editor_dup_selection (self->editor);
  const char *canvas_action = g_variant_get_string (parameter, NULL);
  AlComponent *component = NULL;

  for (guint i = 0; i < selection->len && component == NULL; i++)
    if (AL_IS_COMPONENT (selection->pdata[i]))
      component = selection->pdata[i];

  if (component == NULL)
    {
      al_window_add_toast (self, _("Select a component on the lane first."));
      return;
    }
  if (!gtk_widget_activate_action (GTK_WIDGET (self->canvas), canvas_action, "s",
                                   al_component_get_lane (component)))
    g_warning ("The canvas has no action %s", canvas_action);
}

static void
win_zoom_fit_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);

  al_canvas_zoom_to_fit (self->canvas);
}

static void
win_find_component_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);

  g_object_set (self, "panels-visible", TRUE, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->sidebar_stack), "components");
  al_palette_focus_search (self->palette);
}

/* F6 and Shift+F6 move the keyboard between the panes, as in other GNOME
 * applications: sidebar, canvas, inspector, problems. */
static void
win_cycle_pane_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlWindow *self = AL_WINDOW (widget);
  GtkWidget *panes[] = {
    gtk_stack_get_visible_child (GTK_STACK (self->sidebar_stack)),
    GTK_WIDGET (self->canvas),
    GTK_WIDGET (self->inspector),
    GTK_WIDGET (self->problems),
  };
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int n = G_N_ELEMENTS (panes);
  int step = g_variant_get_int32 (parameter) < 0 ? n - 1 : 1;
  int current = -1;

  for (int i = 0; i < n; i++)
    if (focus != NULL && panes[i] != NULL
        && (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i])))
      current = i;

  for (int k = 1; k <= n; k++)
    {
      int next = ((current < 0 ? (step == 1 ? n - 1 : 0) : current) + k * step) % n;
      GtkWidget *pane = panes[next];

      if (pane == NULL || !gtk_widget_get_mapped (pane))
        continue;
      if (gtk_widget_grab_focus (pane) || gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD))
        return;
    }
}

static void
win_preferences_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AlPreferences *preferences = al_preferences_new (GTK_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (preferences));
}

void
_al_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, win_new_cb);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", "s",
                                   win_new_from_template_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, win_undo_cb);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, win_redo_cb);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-panels", "panels-visible");
  gtk_widget_class_install_action (widget_class, "win.export", NULL, win_export_cb);
  gtk_widget_class_install_action (widget_class, "win.deploy", NULL, win_deploy_cb);
  gtk_widget_class_install_action (widget_class, "win.add-lane", NULL, win_add_lane_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, win_zoom_fit_cb);
  gtk_widget_class_install_action (widget_class, "win.selection-lane", "s",
                                   win_selection_lane_cb);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, win_preferences_cb);
  gtk_widget_class_install_action (widget_class, "win.find-component", NULL,
                                   win_find_component_cb);
  gtk_widget_class_install_action (widget_class, "win.cycle-pane", "i", win_cycle_pane_cb);

  /* Undo and redo are bindings of the window, not application accels:
   * application accels are handled before the focus widget sees the key,
   * while window bindings come after it, so a focused text field undoes
   * its own typing with Ctrl+Z and the document's history is left alone. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK,
                                       "win.redo", NULL);
  /* A binding too, so a list with its own search keeps Ctrl+F. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find-component", NULL);
  /* K for Kubernetes: Ctrl+Shift+D and Ctrl+Shift+I open the GTK Inspector. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.deploy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_K, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.deploy", NULL);
}

void
_al_window_init_actions (AlWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* F6 in the capture phase: GtkPaned binds F6 to its own child cycling,
   * which would otherwise take the key first and skip the inspector. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (int direction = 1; direction >= -1; direction -= 2)
    {
      GtkShortcut *shortcut =
        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, direction > 0 ? 0 : GDK_SHIFT_MASK),
                          gtk_named_action_new ("win.cycle-pane"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (direction));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

#ifndef AL_HAVE_EXPORT_DIALOG
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
#endif
}
