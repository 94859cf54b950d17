/* al-canvas-actions.c: the canvas.* actions and their keyboard shortcuts */
#include "al-canvas-private.h"

#include <glib/gi18n.h>

#include "al-lane-dialog.h"
#include "al-lane-edit.h"
#include "al-link-dialog.h"

/* The keyboard path of the palette. */
void
al_canvas_insert_entry (AlCanvas *self, const struct _AlPaletteEntry *entry)
{
  g_autoptr (GError) error = NULL;
  graphene_rect_t visible;
  graphene_point_t point;
  AlComponent *component;
  int lane;

  g_return_if_fail (AL_IS_CANVAS (self));
  g_return_if_fail (entry != NULL);
  if (self->editor == NULL)
    return;

  al_canvas_get_visible (self, &visible);
  graphene_rect_get_center (&visible, &point);
  al_scene_update (self->scene);

  /* From the keyboard there is no pointer to aim with: when the centre is
   * off the lanes, use the nearest lane, and step aside from cards already
   * there so repeated inserts do not pile up. */
  if (al_tool_lane_at_point (self->scene, &point) < 0 && al_scene_get_n_lanes (self->scene) > 0)
    {
      const AlSceneLane *first = al_scene_get_lane (self->scene, 0);
      const AlSceneLane *last = al_scene_get_lane (self->scene,
                                                   al_scene_get_n_lanes (self->scene) - 1);
      const AlSceneLane *nearest = point.y < first->bounds.origin.y ? first : last;

      point.x = CLAMP (point.x, nearest->content.origin.x + AL_SCENE_CARD_WIDTH / 2,
                       nearest->content.origin.x + nearest->content.size.width
                         - AL_SCENE_CARD_WIDTH / 2);
      point.y = nearest->content.origin.y + AL_SCENE_LANE_PADDING + AL_SCENE_CARD_HEIGHT / 2;
    }
  lane = al_tool_lane_at_point (self->scene, &point);
  for (guint i = 0; i < 20 && lane >= 0; i++)
    {
      AlSceneHit hit = al_scene_hit_test (self->scene, &point, 0);
      graphene_point_t next = GRAPHENE_POINT_INIT (point.x + 24, point.y + 24);

      if (hit.kind != AL_SCENE_HIT_CARD && hit.kind != AL_SCENE_HIT_HANDLE)
        break;
      if (al_tool_lane_at_point (self->scene, &next) != lane)
        break;
      point = next;
    }

  component = al_tool_drop_palette_entry (self->editor, entry, &point, &error);
  if (component == NULL)
    {
      al_canvas_emit_message (self, error->message);
      return;
    }
  al_canvas_set_focus_component (self, component);
  al_canvas_reveal (self, component);
}

static GtkWindow *
parent_window (AlCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static AlLane *
lane_from_parameter (AlCanvas *self, GVariant *parameter)
{
  if (self->editor == NULL || parameter == NULL)
    return NULL;
  return al_document_lookup_lane (al_editor_get_document (self->editor),
                                  g_variant_get_string (parameter, NULL));
}

static void
action_zoom (GtkWidget *widget, const char *name, GVariant *parameter)
{
  AlCanvas *self = AL_CANVAS (widget);

  if (g_str_equal (name, "canvas.zoom-in"))
    al_canvas_set_zoom (self, self->zoom * 1.25);
  else if (g_str_equal (name, "canvas.zoom-out"))
    al_canvas_set_zoom (self, self->zoom / 1.25);
  else if (g_str_equal (name, "canvas.zoom-reset"))
    al_canvas_set_zoom (self, 1.0);
  else
    al_canvas_zoom_to_fit (self);
}

static void
action_edit (GtkWidget *widget, const char *name, GVariant *parameter)
{
  AlCanvas *self = AL_CANVAS (widget);
  gpointer focus;

  if (self->editor == NULL)
    return;
  if (g_str_equal (name, "canvas.select-all"))
    al_editor_select_all (self->editor);
  else if (g_str_equal (name, "canvas.delete"))
    al_editor_delete_selection (self->editor);
  else if (g_str_equal (name, "canvas.cancel"))
    {
      if (!al_canvas_cancel_gesture (self))
        al_editor_unselect_all (self->editor);
    }
  else if (g_str_equal (name, "canvas.add-dependency"))
    {
      focus = al_editor_get_focus_item (self->editor);
      if (!AL_IS_COMPONENT (focus))
        {
          al_canvas_emit_message (self, _("Select one component first: the one that depends on another."));
          return;
        }
      gtk_window_present (GTK_WINDOW (al_link_dialog_new (parent_window (self), self->editor,
                                                          focus)));
    }
}

static void
action_lane (GtkWidget *widget, const char *name, GVariant *parameter)
{
  AlCanvas *self = AL_CANVAS (widget);
  AlLane *lane;

  if (self->editor == NULL)
    return;
  if (g_str_equal (name, "canvas.add-lane"))
    {
      al_lane_dialog_add (parent_window (self), self->editor);
      return;
    }
  lane = lane_from_parameter (self, parameter);
  if (lane == NULL)
    return;
  if (g_str_equal (name, "canvas.rename-lane"))
    al_lane_dialog_rename (parent_window (self), self->editor, lane);
  else if (g_str_equal (name, "canvas.move-lane-up"))
    al_lane_edit_move (self->editor, lane, -1);
  else if (g_str_equal (name, "canvas.move-lane-down"))
    al_lane_edit_move (self->editor, lane, 1);
  else if (g_str_equal (name, "canvas.remove-lane"))
    al_lane_dialog_remove (parent_window (self), self->editor, lane);
}

static void
action_keyboard (GtkWidget *widget, const char *name, GVariant *parameter)
{
  AlCanvas *self = AL_CANVAS (widget);
  AlDirection direction = g_variant_get_int32 (parameter);
  static const double dx[] = { -1, 1, 0, 0 }, dy[] = { 0, 0, -1, 1 };
  gpointer focus;
  AlComponent *next;

  if (self->editor == NULL || direction > AL_DIRECTION_DOWN)
    return;
  if (g_str_equal (name, "canvas.nudge"))
    {
      al_canvas_cancel_gesture (self);
      al_tool_nudge_selection (self->editor, dx[direction] * AL_CANVAS_NUDGE,
                               dy[direction] * AL_CANVAS_NUDGE);
      return;
    }

  /* From a selected dependency, navigation starts at its consumer. */
  focus = al_editor_get_focus_item (self->editor);
  if (AL_IS_DEPENDENCY (focus))
    focus = al_document_lookup_component (al_editor_get_document (self->editor),
                                          al_dependency_get_from (focus));
  else if (!AL_IS_COMPONENT (focus))
    focus = self->focus != NULL && al_editor_is_selected (self->editor, self->focus) ? self->focus
                                                                                     : NULL;
  next = al_tool_find_neighbor (self->editor, focus, direction);
  if (next == NULL)
    return;
  al_editor_select (self->editor, next, AL_SELECT_REPLACE);
  al_canvas_set_focus_component (self, next);
  al_canvas_reveal (self, next);
}

static void
install_keyboard_binding (GtkWidgetClass *widget_class, guint key, guint keypad_key,
                          AlDirection direction)
{
  gtk_widget_class_add_binding_action (widget_class, key, 0, "canvas.move-focus", "i", direction);
  gtk_widget_class_add_binding_action (widget_class, keypad_key, 0, "canvas.move-focus", "i",
                                       direction);
  gtk_widget_class_add_binding_action (widget_class, key, GDK_SHIFT_MASK, "canvas.nudge", "i",
                                       direction);
  gtk_widget_class_add_binding_action (widget_class, keypad_key, GDK_SHIFT_MASK, "canvas.nudge",
                                       "i", direction);
}

void
al_canvas_actions_class_init (GtkWidgetClass *widget_class)
{
  static const char *const zoom_actions[] = { "canvas.zoom-in", "canvas.zoom-out",
                                              "canvas.zoom-reset", "canvas.zoom-fit" };
  static const char *const edit_actions[] = { "canvas.select-all", "canvas.delete",
                                              "canvas.cancel", "canvas.add-dependency" };
  static const char *const lane_actions[] = { "canvas.rename-lane", "canvas.move-lane-up",
                                              "canvas.move-lane-down", "canvas.remove-lane" };
  static const struct
  {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } bindings[] = {
    { GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in" },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in" },
    { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in" },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out" },
    { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out" },
    { GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset" },
    { GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-reset" },
    { GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-fit" },
    { GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all" },
    { GDK_KEY_Delete, 0, "canvas.delete" },
    { GDK_KEY_KP_Delete, 0, "canvas.delete" },
    { GDK_KEY_BackSpace, 0, "canvas.delete" },
    { GDK_KEY_Escape, 0, "canvas.cancel" },
    { GDK_KEY_l, 0, "canvas.add-dependency" },
    { GDK_KEY_L, GDK_SHIFT_MASK, "canvas.add-dependency" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    gtk_widget_class_install_action (widget_class, zoom_actions[i], NULL, action_zoom);
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    gtk_widget_class_install_action (widget_class, edit_actions[i], NULL, action_edit);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane", NULL, action_lane);
  for (guint i = 0; i < G_N_ELEMENTS (lane_actions); i++)
    gtk_widget_class_install_action (widget_class, lane_actions[i], "s", action_lane);
  gtk_widget_class_install_action (widget_class, "canvas.move-focus", "i", action_keyboard);
  gtk_widget_class_install_action (widget_class, "canvas.nudge", "i", action_keyboard);

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].keyval, bindings[i].modifiers,
                                         bindings[i].action, NULL);
  install_keyboard_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, AL_DIRECTION_LEFT);
  install_keyboard_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, AL_DIRECTION_RIGHT);
  install_keyboard_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, AL_DIRECTION_UP);
  install_keyboard_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, AL_DIRECTION_DOWN);
}
