/* al-canvas.c: the scrollable, zoomable view of the editor's scene */
#include "al-canvas-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "al-render.h"

enum
{
  PROP_0,
  PROP_EDITOR,
  PROP_ZOOM,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  SIGNAL_MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (AlCanvas, al_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* Geometry ---------------------------------------------------------------- */

static void
update_extent (AlCanvas *self)
{
  graphene_rect_t bounds, row;

  if (self->scene == NULL)
    {
      graphene_rect_init (&self->extent, 0, 0, 1, 1);
      return;
    }
  al_scene_get_bounds (self->scene, &bounds);
  al_canvas_get_add_lane_rect (self, &row);
  graphene_rect_union (&bounds, &row, &bounds);
  graphene_rect_inset_r (&bounds, -AL_CANVAS_MARGIN, -AL_CANVAS_MARGIN, &self->extent);
}

void
al_canvas_get_add_lane_rect (AlCanvas *self, graphene_rect_t *rect)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  double y = 0;

  if (self->scene != NULL && al_scene_get_n_lanes (self->scene) > 0)
    {
      al_scene_get_bounds (self->scene, &bounds);
      y = bounds.origin.y + bounds.size.height + AL_CANVAS_ADD_LANE_GAP;
    }
  graphene_rect_init (rect, bounds.origin.x, y, AL_SCENE_LANE_HEADER_WIDTH,
                      AL_CANVAS_ADD_LANE_H);
}

void
al_canvas_widget_to_scene (AlCanvas *self, double x, double y, graphene_point_t *point)
{
  double h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  double v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;

  point->x = self->extent.origin.x + (x + h) / self->zoom;
  point->y = self->extent.origin.y + (y + v) / self->zoom;
}

void
al_canvas_scene_to_widget (AlCanvas *self, const graphene_point_t *scene_point,
                           graphene_point_t *widget_point)
{
  double h, v;

  g_return_if_fail (AL_IS_CANVAS (self));
  g_return_if_fail (scene_point != NULL && widget_point != NULL);

  h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
  widget_point->x = (scene_point->x - self->extent.origin.x) * self->zoom - h;
  widget_point->y = (scene_point->y - self->extent.origin.y) * self->zoom - v;
}

void
al_canvas_get_visible (AlCanvas *self, graphene_rect_t *visible)
{
  graphene_point_t origin;

  al_canvas_widget_to_scene (self, 0, 0, &origin);
  graphene_rect_init (visible, origin.x, origin.y,
                      MAX (1, gtk_widget_get_width (GTK_WIDGET (self))) / self->zoom,
                      MAX (1, gtk_widget_get_height (GTK_WIDGET (self))) / self->zoom);
}

static void
configure_adjustment (GtkAdjustment *adjustment, double value, double upper, double page)
{
  if (adjustment == NULL)
    return;
  upper = MAX (upper, page);
  gtk_adjustment_configure (adjustment, CLAMP (value, 0, upper - page), 0, upper,
                            page * 0.1, page * 0.9, page);
}

static void
configure_adjustments (AlCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  update_extent (self);
  configure_adjustment (self->hadjustment,
                        self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0,
                        ceil (self->extent.size.width * self->zoom), gtk_widget_get_width (widget));
  configure_adjustment (self->vadjustment,
                        self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0,
                        ceil (self->extent.size.height * self->zoom),
                        gtk_widget_get_height (widget));
}

/* Zoom -------------------------------------------------------------------- */

double
al_canvas_get_zoom (AlCanvas *self)
{
  g_return_val_if_fail (AL_IS_CANVAS (self), 1.0);
  return self->zoom;
}

static gboolean
zoom_settled (gpointer data)
{
  AlCanvas *self = data;

  self->zoom_settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

void
al_canvas_zoom_at (AlCanvas *self, double zoom, double x, double y)
{
  graphene_point_t anchor;

  zoom = CLAMP (zoom, AL_CANVAS_MIN_ZOOM, AL_CANVAS_MAX_ZOOM);
  if (!isfinite (zoom) || fabs (zoom - self->zoom) < 1e-9)
    return;

  al_canvas_widget_to_scene (self, x, y, &anchor);
  self->zoom = zoom;
  configure_adjustments (self);
  /* Keep the scene point that was under (x, y) there. */
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment,
                              (anchor.x - self->extent.origin.x) * zoom - x);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment,
                              (anchor.y - self->extent.origin.y) * zoom - y);
  /* Sharp pictures once the zoom rests (see al-canvas-tiles.h). */
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  self->zoom_settle_id = g_timeout_add (200, zoom_settled, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
al_canvas_set_zoom (AlCanvas *self, double zoom)
{
  g_return_if_fail (AL_IS_CANVAS (self));
  al_canvas_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
al_canvas_zoom_to_fit (AlCanvas *self)
{
  double width, height, zoom;

  g_return_if_fail (AL_IS_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      /* Not allocated yet: fit once it is. */
      self->fit_pending = TRUE;
      return;
    }
  self->fit_pending = FALSE;
  update_extent (self);
  /* Never magnify a small document past 100 %: fitting means seeing all. */
  zoom = MIN (width / self->extent.size.width, height / self->extent.size.height);
  zoom = CLAMP (MIN (zoom, 1.0), AL_CANVAS_MIN_ZOOM, AL_CANVAS_MAX_ZOOM);
  if (fabs (zoom - self->zoom) > 1e-9)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  configure_adjustments (self);
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scroll_to_show (AlCanvas *self, const graphene_rect_t *rect)
{
  graphene_rect_t visible;
  graphene_point_t centre;
  double h, v;

  al_canvas_get_visible (self, &visible);
  if (graphene_rect_contains_rect (&visible, rect))
    return;
  graphene_rect_get_center (rect, &centre);
  h = (centre.x - self->extent.origin.x) * self->zoom - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  v = (centre.y - self->extent.origin.y) * self->zoom
      - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, h);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, v);
}

void
al_canvas_reveal (AlCanvas *self, gpointer item)
{
  graphene_rect_t rect;
  int index = -1;

  g_return_if_fail (AL_IS_CANVAS (self));
  if (self->scene == NULL || item == NULL)
    return;

  al_scene_update (self->scene);
  if (AL_IS_COMPONENT (item) && (index = al_scene_find_card (self->scene, item)) >= 0)
    {
      rect = al_scene_get_card (self->scene, index)->bounds;
      al_canvas_set_focus_component (self, item);
    }
  else if (AL_IS_DEPENDENCY (item) && (index = al_scene_find_edge (self->scene, item)) >= 0)
    rect = al_scene_get_edge (self->scene, index)->bounds;
  else if (AL_IS_LANE (item))
    {
      for (guint i = 0; i < al_scene_get_n_lanes (self->scene); i++)
        if (al_scene_get_lane (self->scene, i)->lane == item)
          {
            rect = al_scene_get_lane (self->scene, i)->header;
            index = i;
          }
    }
  if (index < 0)
    return;
  configure_adjustments (self);
  scroll_to_show (self, &rect);
}

void
al_canvas_emit_message (AlCanvas *self, const char *message)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, message);
}

void
al_canvas_set_focus_component (AlCanvas *self, AlComponent *component)
{
  if (self->focus == component)
    return;
  self->focus = component;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawing ----------------------------------------------------------------- */

static const AlTheme *
current_theme (void)
{
  if (adw_is_initialized () && adw_style_manager_get_dark (adw_style_manager_get_default ()))
    return al_theme_get_dark ();
  return al_theme_get_light ();
}

static void
snapshot_add_lane_row (AlCanvas *self, GtkSnapshot *snapshot, const AlTheme *theme)
{
  graphene_rect_t row;
  graphene_point_t pointer;
  GskRoundedRect outline;
  PangoLayout *layout;
  int text_width, text_height;
  gboolean hovered = FALSE;
  GdkRGBA border = theme->lane_border;
  float widths[4] = { 1.5, 1.5, 1.5, 1.5 };

  al_canvas_get_add_lane_rect (self, &row);
  if (self->has_pointer)
    {
      al_canvas_widget_to_scene (self, self->pointer.x, self->pointer.y, &pointer);
      hovered = graphene_rect_contains_point (&row, &pointer);
    }
  gsk_rounded_rect_init_from_rect (&outline, &row, 8);
  if (hovered)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, &theme->hover, &row);
      gtk_snapshot_pop (snapshot);
      border = theme->accent;
    }
  gtk_snapshot_append_border (snapshot, &outline, widths,
                              (GdkRGBA[4]) { border, border, border, border });

  /* Text too small to read is left out, as on the cards. */
  if (self->zoom < 0.35)
    return;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("+ Add Lane"));
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (row.origin.x + (row.size.width - text_width) / 2,
                                                row.origin.y + (row.size.height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, hovered ? &theme->accent : &theme->text_dim);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static void
snapshot_focus_ring (AlCanvas *self, GtkSnapshot *snapshot, const AlTheme *theme,
                     const AlRenderView *view)
{
  graphene_rect_t ring;
  GskRoundedRect outline;
  float width = 2.0 / self->zoom;
  int index;

  if (self->focus == NULL || !gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  index = al_scene_find_card (self->scene, self->focus);
  if (index < 0)
    return;
  ring = al_scene_get_card (self->scene, index)->bounds;
  if (view->dragging && al_editor_is_selected (self->editor, self->focus))
    graphene_rect_offset (&ring, view->drag_offset.x, view->drag_offset.y);
  graphene_rect_inset (&ring, -5, -5);
  gsk_rounded_rect_init_from_rect (&outline, &ring, 12);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { theme->accent, theme->accent, theme->accent,
                                             theme->accent });
}

static void
fill_view (AlCanvas *self, AlRenderView *view)
{
  graphene_rect_t visible;

  al_canvas_get_visible (self, &visible);
  al_render_view_init (view, self->zoom, &visible);
  view->selected = al_editor_get_selection_set (self->editor);
  view->hovered = self->hovered;
  view->card_live = al_canvas_live_get_table (self);

  switch (self->gesture)
    {
    case AL_CANVAS_GESTURE_MOVE:
      view->dragging = TRUE;
      al_tool_move_get_offset (self->move, &view->drag_offset);
      view->drop_lane = al_tool_move_get_drop_lane (self->move);
      view->drop_refused = al_tool_move_get_refused (self->move);
      if (view->drop_refused)
        al_tool_move_get_ghost (self->move, &view->drop_ghost);
      break;
    case AL_CANVAS_GESTURE_LINK:
      {
        int from = al_tool_link_get_from_card (self->link);
        guint n_states;
        const guint8 *states = al_tool_link_get_target_states (self->link, &n_states);

        if (from < 0)
          break;
        view->linking = TRUE;
        view->link_from_card = from;
        al_tool_link_get_point (self->link, &view->link_to);
        if (n_states == al_scene_get_n_cards (self->scene))
          view->link_target_states = states;
        view->hovered = al_tool_link_get_target (self->link);
      }
      break;
    case AL_CANVAS_GESTURE_BAND:
      al_tool_rubber_band_get_rect (self->band, &view->rubber_band);
      view->selected = al_tool_rubber_band_get_preview (self->band);
      break;
    case AL_CANVAS_GESTURE_NONE:
    case AL_CANVAS_GESTURE_PENDING_MOVE:
    case AL_CANVAS_GESTURE_ADD_LANE:
    default:
      break;
    }

  if (self->drop != NULL)
    {
      view->drop_lane = al_tool_drop_get_lane (self->drop);
      view->drop_refused = al_tool_drop_get_refused (self->drop);
      al_tool_drop_get_ghost (self->drop, &view->drop_ghost);
    }
}

void
al_canvas_invalidate (AlCanvas *self)
{
  al_canvas_tiles_invalidate (self->tiles);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Nothing moves but the view: the tiles can be reused. */
static gboolean
view_is_still (AlCanvas *self)
{
  return self->drop == NULL
         && (self->gesture == AL_CANVAS_GESTURE_NONE
             || self->gesture == AL_CANVAS_GESTURE_PENDING_MOVE
             || self->gesture == AL_CANVAS_GESTURE_ADD_LANE);
}

static void
al_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  AlCanvas *self = AL_CANVAS (widget);
  const AlTheme *theme = current_theme ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  PangoContext *pango_context = gtk_widget_get_pango_context (widget);
  AlRenderView view;
  gboolean tiled;
  double h, v;

  if (self->scene == NULL)
    {
      gtk_snapshot_append_color (snapshot, &theme->background,
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  fill_view (self, &view);
  /* Whole pixels, as the tiles are placed. */
  h = round (self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0);
  v = round (self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0);
  tiled = view_is_still (self)
          && al_canvas_tiles_snapshot (self->tiles, snapshot, gtk_widget_get_scale_factor (widget),
                                       self->scene, theme,
                                       pango_context, &view, &self->extent.origin, h, v, width,
                                       height, self->zoom_settle_id != 0);
  if (!tiled)
    {
      /* A gesture moves things every frame: draw the scene directly, from
       * the same whole-pixel origin as the tiles. */
      GskRenderNode *node;
      cairo_t *cr;

      view.visible.origin.x = self->extent.origin.x + h / self->zoom;
      view.visible.origin.y = self->extent.origin.y + v / self->zoom;
      node = al_canvas_tiles_build_node (self->scene, theme, pango_context, &view);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gdk_cairo_set_source_rgba (cr, &theme->background);
      cairo_paint (cr);
      if (node != NULL)
        {
          cairo_scale (cr, self->zoom, self->zoom);
          gsk_render_node_draw (node, cr);
          gsk_render_node_unref (node);
        }
      cairo_destroy (cr);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-h, -v));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (-self->extent.origin.x, -self->extent.origin.y));
  snapshot_add_lane_row (self, snapshot, theme);
  snapshot_focus_ring (self, snapshot, theme, &view);
  gtk_snapshot_restore (snapshot);
}

static void
al_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  AlCanvas *self = AL_CANVAS (widget);

  if (self->fit_pending)
    al_canvas_zoom_to_fit (self);
  else
    configure_adjustments (self);
}

static void
al_canvas_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                   int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = 64;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 960 : 600;
}

/* The editor -------------------------------------------------------------- */

static void
on_scene_changed (AlCanvas *self)
{
  if (self->focus != NULL && al_scene_find_card (self->scene, self->focus) < 0)
    self->focus = NULL;
  if (self->hovered != NULL
      && !((AL_IS_COMPONENT (self->hovered) && al_scene_find_card (self->scene, self->hovered) >= 0)
           || (AL_IS_DEPENDENCY (self->hovered)
               && al_scene_find_edge (self->scene, self->hovered) >= 0)))
    self->hovered = NULL;
  al_canvas_live_refresh (self);
  configure_adjustments (self);
  al_canvas_invalidate (self);
}

static void
on_selection_changed (AlCanvas *self)
{
  gpointer focus = al_editor_get_focus_item (self->editor);

  if (AL_IS_COMPONENT (focus))
    self->focus = focus;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete",
                                 g_hash_table_size (al_editor_get_selection_set (self->editor)) > 0);
  al_canvas_invalidate (self);
}

static void
disconnect_editor (AlCanvas *self)
{
  al_canvas_cancel_gesture (self);
  g_clear_pointer (&self->drop, al_tool_drop_free);
  if (self->scene != NULL)
    g_signal_handlers_disconnect_by_data (self->scene, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->scene);
  g_clear_object (&self->editor);
  self->hovered = NULL;
  self->focus = NULL;
}

static void
on_document_changed (AlCanvas *self)
{
  if (self->scene != NULL)
    g_signal_handlers_disconnect_by_data (self->scene, self);
  g_set_object (&self->scene, al_editor_get_scene (self->editor));
  g_signal_connect_swapped (self->scene, "changed", G_CALLBACK (on_scene_changed), self);
  on_scene_changed (self);
}

void
al_canvas_set_editor (AlCanvas *self, AlEditor *editor)
{
  g_return_if_fail (AL_IS_CANVAS (self));
  g_return_if_fail (editor == NULL || AL_IS_EDITOR (editor));

  if (self->editor == editor)
    return;
  disconnect_editor (self);
  if (editor != NULL)
    {
      self->editor = g_object_ref (editor);
      g_signal_connect_swapped (editor, "selection-changed", G_CALLBACK (on_selection_changed),
                                self);
      g_signal_connect_swapped (editor, "diagnostics-changed", G_CALLBACK (al_canvas_invalidate),
                                self);
      g_signal_connect_swapped (editor, "notify::document", G_CALLBACK (on_document_changed),
                                self);
      on_document_changed (self);
      on_selection_changed (self);
    }
  configure_adjustments (self);
  al_canvas_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

AlEditor *
al_canvas_get_editor (AlCanvas *self)
{
  g_return_val_if_fail (AL_IS_CANVAS (self), NULL);
  return self->editor;
}

/* GtkScrollable ----------------------------------------------------------- */

static void
set_adjustment (AlCanvas *self, GtkAdjustment **slot, GtkAdjustment *adjustment)
{
  if (adjustment != NULL && *slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  configure_adjustments (self);
}

/* GObject ----------------------------------------------------------------- */

static void
al_canvas_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlCanvas *self = AL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_EDITOR: g_value_set_object (value, self->editor); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_canvas_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlCanvas *self = AL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_EDITOR: al_canvas_set_editor (self, g_value_get_object (value)); break;
    case PROP_ZOOM: al_canvas_set_zoom (self, g_value_get_double (value)); break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_canvas_dispose (GObject *object)
{
  AlCanvas *self = AL_CANVAS (object);

  disconnect_editor (self);
  al_canvas_live_dispose (self);
  al_canvas_input_dispose (self);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->tiles, al_canvas_tiles_free);
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  G_OBJECT_CLASS (al_canvas_parent_class)->dispose (object);
}

static void
al_canvas_class_init (AlCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->get_property = al_canvas_get_property;
  object_class->set_property = al_canvas_set_property;
  object_class->dispose = al_canvas_dispose;
  widget_class->snapshot = al_canvas_snapshot;
  widget_class->size_allocate = al_canvas_size_allocate;
  widget_class->measure = al_canvas_measure;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, AL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, AL_CANVAS_MIN_ZOOM, AL_CANVAS_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  al_canvas_actions_class_init (widget_class);
  gtk_widget_class_set_css_name (widget_class, "archlane-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
al_canvas_init (AlCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->zoom = 1.0;
  self->tiles = al_canvas_tiles_new ();
  graphene_rect_init (&self->extent, 0, 0, 1, 1);
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Canvas"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Architecture lanes with components and their dependencies. "
                                    "Arrow keys move between components, Shift+arrows move "
                                    "them, L adds a dependency, Delete removes."),
                                  -1);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  gtk_widget_action_set_enabled (widget, "canvas.delete", FALSE);
  al_canvas_input_init (self);
  if (adw_is_initialized ())
    g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                             G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
al_canvas_new (void)
{
  return g_object_new (AL_TYPE_CANVAS, NULL);
}
