/* al-canvas-input.c: pointer gestures, palette drops and context menus of the canvas */
#include "al-canvas-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "al-lane-dialog.h"

/* Screen pixels within which edges and handles are hit. */
#define HIT_TOLERANCE 6.0

static AlSceneHit
hit_at (AlCanvas *self, const graphene_point_t *point)
{
  return al_scene_hit_test (self->scene, point, HIT_TOLERANCE / self->zoom);
}

static gboolean
in_add_lane_row (AlCanvas *self, const graphene_point_t *point)
{
  graphene_rect_t row;

  al_canvas_get_add_lane_rect (self, &row);
  return graphene_rect_contains_point (&row, point);
}

gboolean
al_canvas_cancel_gesture (AlCanvas *self)
{
  AlCanvasGesture gesture = self->gesture;

  self->gesture = AL_CANVAS_GESTURE_NONE;
  g_clear_pointer (&self->move, al_tool_move_free);
  g_clear_pointer (&self->link, al_tool_link_free);
  g_clear_pointer (&self->band, al_tool_rubber_band_free);
  g_clear_object (&self->press_component);
  if (gesture == AL_CANVAS_GESTURE_NONE)
    return FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return gesture != AL_CANVAS_GESTURE_PENDING_MOVE && gesture != AL_CANVAS_GESTURE_ADD_LANE;
}

/* The primary button ------------------------------------------------------ */

static AlSelectMode
select_mode_for (GdkModifierType state)
{
  if (state & GDK_CONTROL_MASK)
    return AL_SELECT_TOGGLE;
  if (state & GDK_SHIFT_MASK)
    return AL_SELECT_ADD;
  return AL_SELECT_REPLACE;
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, AlCanvas *self)
{
  GdkModifierType state;
  AlSceneHit hit;
  graphene_point_t point;
  AlComponent *component = NULL;

  if (self->editor == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  al_canvas_cancel_gesture (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  al_canvas_widget_to_scene (self, x, y, &point);
  self->press_scene = point;
  self->press_state = state;

  if (in_add_lane_row (self, &point))
    {
      self->gesture = AL_CANVAS_GESTURE_ADD_LANE;
      return;
    }

  hit = hit_at (self, &point);
  if (hit.kind == AL_SCENE_HIT_CARD || hit.kind == AL_SCENE_HIT_HANDLE)
    component = al_scene_get_card (self->scene, hit.index)->component;

  switch (hit.kind)
    {
    case AL_SCENE_HIT_HANDLE:
      self->link = al_tool_link_begin (self->editor, component);
      self->gesture = AL_CANVAS_GESTURE_LINK;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
      break;
    case AL_SCENE_HIT_CARD:
      al_canvas_set_focus_component (self, component);
      if (select_mode_for (state) != AL_SELECT_REPLACE
          || !al_editor_is_selected (self->editor, component))
        al_editor_select (self->editor, component, select_mode_for (state));
      if (al_editor_is_selected (self->editor, component))
        {
          self->press_component = g_object_ref (component);
          self->gesture = AL_CANVAS_GESTURE_PENDING_MOVE;
        }
      break;
    case AL_SCENE_HIT_EDGE:
      al_editor_select (self->editor, al_scene_get_edge (self->scene, hit.index)->dependency,
                        select_mode_for (state));
      break;
    case AL_SCENE_HIT_LANE_HEADER:
    case AL_SCENE_HIT_LANE:
    case AL_SCENE_HIT_NONE:
    default:
      self->band = al_tool_rubber_band_begin (self->editor, &point,
                                              (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0);
      self->gesture = AL_CANVAS_GESTURE_BAND;
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *gesture, double offset_x, double offset_y, AlCanvas *self)
{
  double start_x, start_y;
  graphene_point_t point;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  al_canvas_widget_to_scene (self, start_x + offset_x, start_y + offset_y, &point);

  switch (self->gesture)
    {
    case AL_CANVAS_GESTURE_PENDING_MOVE:
      if (hypot (offset_x, offset_y) < AL_CANVAS_DRAG_THRESHOLD)
        return;
      self->move = al_tool_move_begin (self->editor, self->press_component, FALSE);
      self->gesture = AL_CANVAS_GESTURE_MOVE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      G_GNUC_FALLTHROUGH;
    case AL_CANVAS_GESTURE_MOVE:
      al_tool_move_update (self->move, point.x - self->press_scene.x,
                           point.y - self->press_scene.y);
      break;
    case AL_CANVAS_GESTURE_LINK:
      al_tool_link_update (self->link, &point);
      break;
    case AL_CANVAS_GESTURE_BAND:
      al_tool_rubber_band_update (self->band, &point);
      break;
    case AL_CANVAS_GESTURE_ADD_LANE:
    case AL_CANVAS_GESTURE_NONE:
    default:
      return;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_open_port_response (AdwMessageDialog *dialog, const char *response, AlCanvas *self)
{
  AlComponent *consumer = g_object_get_data (G_OBJECT (dialog), "consumer");
  AlComponent *provider = g_object_get_data (G_OBJECT (dialog), "provider");
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "open") != 0 || self->editor == NULL)
    return;
  if (al_tool_link_create_opening_port (self->editor, consumer, provider, &error) == NULL)
    al_canvas_emit_message (self, error->message);
}

static void
offer_to_open_port (AlCanvas *self, AlComponent *consumer, AlComponent *provider)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  int port = al_tool_link_suggest_port (provider);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Open a Port?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” has no inner port, so other components cannot reach "
                                    "it. Open port %d on it and make “%s” depend on it?"),
                                  al_component_get_name (provider), port,
                                  al_component_get_name (consumer));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Open Port"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "consumer", g_object_ref (consumer), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "provider", g_object_ref (provider), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_port_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
end_link (AlCanvas *self, const graphene_point_t *point)
{
  g_autoptr (AlToolLink) link = g_steal_pointer (&self->link);
  g_autoptr (GError) error = NULL;
  AlComponent *provider = NULL;

  switch (al_tool_link_end (link, point, NULL, &provider, &error))
    {
    case AL_TOOL_LINK_REFUSED:
      al_canvas_emit_message (self, error->message);
      break;
    case AL_TOOL_LINK_NEEDS_PORT:
      offer_to_open_port (self, al_tool_link_get_consumer (link), provider);
      break;
    case AL_TOOL_LINK_CREATED:
    case AL_TOOL_LINK_NONE:
    default:
      break;
    }
}

static void
on_drag_end (GtkGestureDrag *gesture, double offset_x, double offset_y, AlCanvas *self)
{
  AlCanvasGesture kind = self->gesture;
  g_autoptr (GError) error = NULL;
  double start_x, start_y;
  graphene_point_t point;

  if (kind == AL_CANVAS_GESTURE_NONE)
    return;
  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  al_canvas_widget_to_scene (self, start_x + offset_x, start_y + offset_y, &point);

  switch (kind)
    {
    case AL_CANVAS_GESTURE_PENDING_MOVE:
      /* A plain click on a card of a multiple selection selects it alone. */
      if (select_mode_for (self->press_state) == AL_SELECT_REPLACE)
        al_editor_select (self->editor, self->press_component, AL_SELECT_REPLACE);
      break;
    case AL_CANVAS_GESTURE_MOVE:
      al_tool_move_update (self->move, point.x - self->press_scene.x,
                           point.y - self->press_scene.y);
      if (!al_tool_move_end (self->move, &error))
        al_canvas_emit_message (self, error->message);
      break;
    case AL_CANVAS_GESTURE_LINK:
      end_link (self, &point);
      break;
    case AL_CANVAS_GESTURE_BAND:
      al_tool_rubber_band_update (self->band, &point);
      al_tool_rubber_band_end (self->band);
      break;
    case AL_CANVAS_GESTURE_ADD_LANE:
      if (in_add_lane_row (self, &point))
        gtk_widget_activate_action (GTK_WIDGET (self), "canvas.add-lane", NULL);
      break;
    case AL_CANVAS_GESTURE_NONE:
    default:
      break;
    }
  al_canvas_cancel_gesture (self);
}

static void
on_drag_cancel (GtkGesture *gesture, GdkEventSequence *sequence, AlCanvas *self)
{
  al_canvas_cancel_gesture (self);
}

/* Middle-button pan, pinch zoom, Ctrl+scroll ------------------------------ */

static void
on_pan_begin (GtkGestureDrag *gesture, double x, double y, AlCanvas *self)
{
  self->pan_start_x = gtk_adjustment_get_value (self->hadjustment);
  self->pan_start_y = gtk_adjustment_get_value (self->vadjustment);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_pan_update (GtkGestureDrag *gesture, double offset_x, double offset_y, AlCanvas *self)
{
  gtk_adjustment_set_value (self->hadjustment, self->pan_start_x - offset_x);
  gtk_adjustment_set_value (self->vadjustment, self->pan_start_y - offset_y);
}

static void
on_pan_end (GtkGestureDrag *gesture, double offset_x, double offset_y, AlCanvas *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
on_pinch_begin (GtkGesture *gesture, GdkEventSequence *sequence, AlCanvas *self)
{
  self->pinch_start_zoom = self->zoom;
}

static void
on_pinch_scale_changed (GtkGestureZoom *gesture, double scale, AlCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  al_canvas_zoom_at (self, self->pinch_start_zoom * scale, x, y);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, AlCanvas *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double factor, x, y;

  if (!(state & GDK_CONTROL_MASK))
    return FALSE; /* the scrolled window scrolls (and touchpads pan) */

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    factor = pow (1.15, -dy);
  else
    factor = exp (-dy / 200.0);
  x = self->has_pointer ? self->pointer.x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  y = self->has_pointer ? self->pointer.y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  al_canvas_zoom_at (self, self->zoom * factor, x, y);
  return TRUE;
}

/* Hover ------------------------------------------------------------------- */

/* Redraws where @item (a card or an edge) is, with room for its glow. */
static void
invalidate_item (AlCanvas *self, gpointer item)
{
  graphene_rect_t bounds;
  int index;

  if (item == NULL || self->scene == NULL)
    return;
  if (AL_IS_COMPONENT (item) && (index = al_scene_find_card (self->scene, item)) >= 0)
    graphene_rect_inset_r (&al_scene_get_card (self->scene, index)->bounds, -16, -16, &bounds);
  else if (AL_IS_DEPENDENCY (item) && (index = al_scene_find_edge (self->scene, item)) >= 0)
    /* The edge's label chip may stand out of the curve's bounds. */
    graphene_rect_inset_r (&al_scene_get_edge (self->scene, index)->bounds, -80, -24, &bounds);
  else
    {
      al_canvas_tiles_invalidate (self->tiles);
      return;
    }
  al_canvas_tiles_invalidate_rect (self->tiles, &bounds);
}

static void
update_hover (AlCanvas *self)
{
  graphene_point_t point;
  AlSceneHit hit = { AL_SCENE_HIT_NONE, 0 };
  gpointer hovered = NULL;
  const char *cursor = NULL;
  gboolean on_row = FALSE;

  if (self->scene != NULL && self->has_pointer)
    {
      al_canvas_widget_to_scene (self, self->pointer.x, self->pointer.y, &point);
      on_row = in_add_lane_row (self, &point);
      hit = hit_at (self, &point);
    }
  switch (hit.kind)
    {
    case AL_SCENE_HIT_HANDLE:
      hovered = al_scene_get_card (self->scene, hit.index)->component;
      cursor = "crosshair";
      break;
    case AL_SCENE_HIT_CARD:
      hovered = al_scene_get_card (self->scene, hit.index)->component;
      cursor = "grab";
      break;
    case AL_SCENE_HIT_EDGE:
      hovered = al_scene_get_edge (self->scene, hit.index)->dependency;
      cursor = "pointer";
      break;
    case AL_SCENE_HIT_LANE_HEADER:
    case AL_SCENE_HIT_LANE:
    case AL_SCENE_HIT_NONE:
    default:
      cursor = on_row ? "pointer" : NULL;
      break;
    }

  if (self->gesture == AL_CANVAS_GESTURE_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
  if (hovered != self->hovered)
    {
      invalidate_item (self, self->hovered);
      invalidate_item (self, hovered);
      self->hovered = hovered;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (on_row)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, AlCanvas *self)
{
  gboolean was_on_row = FALSE;
  graphene_point_t point;

  if (self->has_pointer && self->scene != NULL)
    {
      al_canvas_widget_to_scene (self, self->pointer.x, self->pointer.y, &point);
      was_on_row = in_add_lane_row (self, &point);
    }
  self->has_pointer = TRUE;
  self->pointer = GRAPHENE_POINT_INIT (x, y);
  update_hover (self);
  if (was_on_row)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *controller, AlCanvas *self)
{
  self->has_pointer = FALSE;
  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Context menus ----------------------------------------------------------- */

static void
add_lane_item (GMenu *menu, const char *label, const char *action, AlLane *lane)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action,
                                           g_variant_new_string (al_lane_get_id (lane)));
  g_menu_append_item (menu, item);
}

static GMenuModel *
lane_menu (AlCanvas *self, guint index)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) edit = g_menu_new ();
  g_autoptr (GMenu) order = g_menu_new ();
  g_autoptr (GMenu) removal = g_menu_new ();
  AlLane *lane = al_scene_get_lane (self->scene, index)->lane;
  guint n = al_scene_get_n_lanes (self->scene);

  add_lane_item (edit, _("_Rename Lane…"), "canvas.rename-lane", lane);
  g_menu_append (edit, _("_Add Lane…"), "canvas.add-lane");
  if (index > 0)
    add_lane_item (order, _("Move _Up"), "canvas.move-lane-up", lane);
  if (index + 1 < n)
    add_lane_item (order, _("Move _Down"), "canvas.move-lane-down", lane);
  add_lane_item (removal, _("Re_move Lane…"), "canvas.remove-lane", lane);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  if (g_menu_model_get_n_items (G_MENU_MODEL (order)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));
  return G_MENU_MODEL (menu);
}

static GMenuModel *
card_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("Add _Dependency…"), "canvas.add-dependency");
  g_menu_append (menu, _("_Delete"), "canvas.delete");
  return G_MENU_MODEL (menu);
}

static void
show_menu (AlCanvas *self, GMenuModel *model, double x, double y)
{
  g_autoptr (GMenuModel) owned = model;

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), owned);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_secondary_click (AlCanvas *self, double x, double y)
{
  graphene_point_t point;
  AlSceneHit hit;
  GMenu *menu;

  al_canvas_widget_to_scene (self, x, y, &point);
  hit = hit_at (self, &point);
  switch (hit.kind)
    {
    case AL_SCENE_HIT_CARD:
    case AL_SCENE_HIT_HANDLE:
      {
        AlComponent *component = al_scene_get_card (self->scene, hit.index)->component;
        if (!al_editor_is_selected (self->editor, component))
          al_editor_select (self->editor, component, AL_SELECT_REPLACE);
        al_canvas_set_focus_component (self, component);
        show_menu (self, card_menu (), x, y);
      }
      break;
    case AL_SCENE_HIT_EDGE:
      al_editor_select (self->editor, al_scene_get_edge (self->scene, hit.index)->dependency,
                        AL_SELECT_REPLACE);
      menu = g_menu_new ();
      g_menu_append (menu, _("_Delete"), "canvas.delete");
      show_menu (self, G_MENU_MODEL (menu), x, y);
      break;
    case AL_SCENE_HIT_LANE_HEADER:
    case AL_SCENE_HIT_LANE:
      show_menu (self, lane_menu (self, hit.index), x, y);
      break;
    case AL_SCENE_HIT_NONE:
    default:
      menu = g_menu_new ();
      g_menu_append (menu, _("_Add Lane…"), "canvas.add-lane");
      show_menu (self, G_MENU_MODEL (menu), x, y);
      break;
    }
}

static void
on_click_pressed (GtkGestureClick *gesture, int n_press, double x, double y, AlCanvas *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  graphene_point_t point;
  AlSceneHit hit;

  if (self->editor == NULL)
    return;
  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_grab_focus (GTK_WIDGET (self));
      al_canvas_cancel_gesture (self);
      on_secondary_click (self, x, y);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY || n_press != 2)
    return;
  al_canvas_widget_to_scene (self, x, y, &point);
  hit = hit_at (self, &point);
  if (hit.kind == AL_SCENE_HIT_LANE_HEADER)
    {
      AlLane *lane = al_scene_get_lane (self->scene, hit.index)->lane;
      al_canvas_cancel_gesture (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "canvas.rename-lane", "s",
                                  al_lane_get_id (lane));
    }
}

/* Palette drops ----------------------------------------------------------- */

static void
clear_drop (AlCanvas *self)
{
  g_clear_handle_id (&self->drop_clear_id, g_source_remove);
  g_clear_pointer (&self->drop, al_tool_drop_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
clear_drop_later (gpointer data)
{
  AlCanvas *self = data;

  self->drop_clear_id = 0;
  clear_drop (self);
  return G_SOURCE_REMOVE;
}

static void
on_drag_cancelled (GdkDrag *drag, GdkDragCancelReason reason, AlCanvas *self)
{
  /* Released over the canvas where a drop is refused: say why. */
  if (self->drop != NULL && al_tool_drop_get_refused (self->drop))
    {
      al_canvas_emit_message (self, al_scene_get_n_lanes (self->scene) == 0
                                      ? _("Add a lane first: components are placed on architecture lanes.")
                                      : _("Components can only be dropped onto a lane."));
      clear_drop (self);
    }
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target, double x, double y, AlCanvas *self)
{
  const GValue *value = gtk_drop_target_get_value (target);
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);
  GdkDrag *drag = drop ? gdk_drop_get_drag (drop) : NULL;
  graphene_point_t point;

  if (self->editor == NULL)
    return 0;
  if (value != NULL && G_VALUE_HOLDS_STRING (value)
      && al_tool_drop_parse_payload (g_value_get_string (value)) == NULL)
    return 0;

  g_clear_handle_id (&self->drop_clear_id, g_source_remove);
  if (self->drop == NULL)
    self->drop = al_tool_drop_begin (self->editor, NULL);
  al_canvas_widget_to_scene (self, x, y, &point);
  al_tool_drop_update (self->drop, &point);
  if (drag != NULL && g_object_get_data (G_OBJECT (drag), "al-canvas-watch") != self)
    {
      g_object_set_data (G_OBJECT (drag), "al-canvas-watch", self);
      g_signal_connect_object (drag, "cancel", G_CALLBACK (on_drag_cancelled), self, 0);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return al_tool_drop_get_refused (self->drop) ? 0 : GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target, AlCanvas *self)
{
  /* Later, so that a drag cancelled by this release still sees where it
   * was (see on_drag_cancelled()). */
  g_clear_handle_id (&self->drop_clear_id, g_source_remove);
  self->drop_clear_id = g_idle_add_full (G_PRIORITY_LOW, clear_drop_later, self, NULL);
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, AlCanvas *self)
{
  g_autoptr (GError) error = NULL;
  const AlPaletteEntry *entry;
  AlComponent *component;
  graphene_point_t point;

  clear_drop (self);
  if (self->editor == NULL || !G_VALUE_HOLDS_STRING (value))
    return FALSE;
  entry = al_tool_drop_parse_payload (g_value_get_string (value));
  if (entry == NULL)
    return FALSE;

  al_canvas_widget_to_scene (self, x, y, &point);
  component = al_tool_drop_palette_entry (self->editor, entry, &point, &error);
  if (component == NULL)
    {
      al_canvas_emit_message (self, error->message);
      return FALSE;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  al_canvas_set_focus_component (self, component);
  return TRUE;
}

/* Set-up ------------------------------------------------------------------ */

void
al_canvas_input_init (AlCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag, *pan, *click, *pinch;
  GtkEventController *motion, *scroll;
  GtkDropTarget *drop;

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  pan = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_pan_update), self);
  g_signal_connect (pan, "drag-end", G_CALLBACK (on_pan_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pan));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));
}

void
al_canvas_input_dispose (AlCanvas *self)
{
  g_clear_handle_id (&self->drop_clear_id, g_source_remove);
  g_clear_pointer (&self->drop, al_tool_drop_free);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
}
