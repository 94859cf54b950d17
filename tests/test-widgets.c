/* test-widgets.c: the widgets on a display (skipped without one; run under Xvfb) */
#include <adwaita.h>
#include <string.h>

#include "al-canvas-private.h"
#include "al-document-io.h"
#include "al-editor.h"
#include "al-lane-dialog.h"
#include "al-link-dialog.h"
#include "al-palette-catalog.h"
#include "al-test-util.h"

typedef struct
{
  GtkWidget *window;
  GtkWidget *scrolled;
  AlCanvas *canvas;
  AlEditor *editor;
} CanvasFixture;

static void
pump (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
canvas_fixture_set_up (CanvasFixture *fixture, gconstpointer data)
{
  g_autofree char *path = al_test_template_path ("sample-shop.archlane");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  fixture->editor = al_editor_new_from_file (file, &error);
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  fixture->scrolled = gtk_scrolled_window_new ();
  fixture->canvas = AL_CANVAS (al_canvas_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fixture->scrolled),
                                 GTK_WIDGET (fixture->canvas));
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->scrolled);
  al_canvas_set_editor (fixture->canvas, fixture->editor);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->canvas));
  pump ();
}

static void
canvas_fixture_tear_down (CanvasFixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  pump ();
  g_clear_object (&fixture->editor);
}

static GtkAdjustment *
hadjustment (CanvasFixture *fixture)
{
  return gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (fixture->canvas));
}

static GtkAdjustment *
vadjustment (CanvasFixture *fixture)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->canvas));
}

static void
test_canvas_scrollable (CanvasFixture *fixture, gconstpointer data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  GtkAdjustment *h = hadjustment (fixture);
  GtkAdjustment *v = vadjustment (fixture);

  /* No viewport in between: the canvas scrolls itself. */
  g_assert_true (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (fixture->scrolled)) == canvas);
  g_assert_true (h == gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (fixture->scrolled)));

  /* The sample is wider than 900 pixels at 100 %. */
  g_assert_cmpfloat (gtk_adjustment_get_page_size (h), ==, gtk_widget_get_width (canvas));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (v), ==, gtk_widget_get_height (canvas));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), >=, gtk_adjustment_get_page_size (v));

  /* Scrolling moves what the canvas shows. */
  {
    graphene_point_t before, after;
    graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);

    al_canvas_scene_to_widget (fixture->canvas, &origin, &before);
    gtk_adjustment_set_value (h, 200);
    al_canvas_scene_to_widget (fixture->canvas, &origin, &after);
    g_assert_cmpfloat_with_epsilon (after.x, before.x - 200, 0.01);
  }
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Canvas");
  g_assert_true (gtk_widget_get_focusable (canvas));
}

static void
test_canvas_zoom (CanvasFixture *fixture, gconstpointer data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  double upper_at_100 = gtk_adjustment_get_upper (hadjustment (fixture));

  g_assert_cmpfloat (al_canvas_get_zoom (fixture->canvas), ==, 1.0);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.zoom-in", NULL));
  g_assert_cmpfloat (al_canvas_get_zoom (fixture->canvas), >, 1.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment (fixture)), >, upper_at_100);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.zoom-out", NULL));
  g_assert_cmpfloat (al_canvas_get_zoom (fixture->canvas), <, 1.0);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.zoom-reset", NULL));
  g_assert_cmpfloat (al_canvas_get_zoom (fixture->canvas), ==, 1.0);

  for (guint i = 0; i < 30; i++)
    gtk_widget_activate_action (canvas, "canvas.zoom-in", NULL);
  g_assert_cmpfloat (al_canvas_get_zoom (fixture->canvas), ==, 4.0);
  for (guint i = 0; i < 30; i++)
    gtk_widget_activate_action (canvas, "canvas.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (al_canvas_get_zoom (fixture->canvas), 0.1, 1e-9);

  /* Zoom to fit: everything in view, no scrolling needed. */
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.zoom-fit", NULL));
  g_assert_cmpfloat (al_canvas_get_zoom (fixture->canvas), <, 1.0);
  g_assert_cmpfloat (al_canvas_get_zoom (fixture->canvas), >, 0.3);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment (fixture)), <=,
                     gtk_adjustment_get_page_size (hadjustment (fixture)) + 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment (fixture)), <=,
                     gtk_adjustment_get_page_size (vadjustment (fixture)) + 1);
  {
    AlScene *scene = al_editor_get_scene (fixture->editor);
    graphene_rect_t bounds;
    graphene_point_t corner, widget_corner;

    al_scene_get_bounds (scene, &bounds);
    graphene_rect_get_bottom_right (&bounds, &corner);
    al_canvas_scene_to_widget (fixture->canvas, &corner, &widget_corner);
    g_assert_cmpfloat (widget_corner.x, <=, gtk_widget_get_width (canvas));
    g_assert_cmpfloat (widget_corner.y, <=, gtk_widget_get_height (canvas));
  }

  /* The zoom property is bounded too. */
  al_canvas_set_zoom (fixture->canvas, 100);
  g_assert_cmpfloat (al_canvas_get_zoom (fixture->canvas), ==, 4.0);
}

static void
test_canvas_select_and_delete (CanvasFixture *fixture, gconstpointer data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  AlDocument *document = al_editor_get_document (fixture->editor);
  GListModel *components = al_document_get_components (document);
  guint n = g_list_model_get_n_items (components);

  g_assert_cmpuint (n, >, 0);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.select-all", NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlComponent) c = g_list_model_get_item (components, i);
      g_assert_true (al_editor_is_selected (fixture->editor, c));
    }
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (components), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_dependencies (document)), ==, 0);
  pump ();
  /* One step brings everything back. */
  g_assert_true (al_history_undo (al_editor_get_history (fixture->editor)));
  g_assert_cmpuint (g_list_model_get_n_items (components), ==, n);

  /* Escape clears the selection when no gesture runs. */
  gtk_widget_activate_action (canvas, "canvas.select-all", NULL);
  gtk_widget_activate_action (canvas, "canvas.cancel", NULL);
  g_assert_cmpuint (g_hash_table_size (al_editor_get_selection_set (fixture->editor)), ==, 0);
}

static void
test_canvas_keyboard (CanvasFixture *fixture, gconstpointer data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  AlDocument *document = al_editor_get_document (fixture->editor);
  AlComponent *web = al_document_lookup_component_by_name (document, "web");
  AlComponent *user = al_document_lookup_component_by_name (document, "user-service");
  graphene_point_t old = *al_component_get_position (web);

  al_editor_select (fixture->editor, web, AL_SELECT_REPLACE);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.move-focus", "i", AL_DIRECTION_RIGHT));
  g_assert_true (al_editor_get_focus_item (fixture->editor) == user);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.move-focus", "i", AL_DIRECTION_LEFT));
  g_assert_true (al_editor_get_focus_item (fixture->editor) == web);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.nudge", "i", AL_DIRECTION_RIGHT));
  g_assert_cmpfloat (al_component_get_position (web)->x, ==, old.x + 8);
}

static void
test_canvas_insert_entry (CanvasFixture *fixture, gconstpointer data)
{
  AlDocument *document = al_editor_get_document (fixture->editor);
  guint n = g_list_model_get_n_items (al_document_get_components (document));
  gpointer focus;

  al_canvas_insert_entry (fixture->canvas, al_palette_catalog_lookup ("redis"));
  al_canvas_insert_entry (fixture->canvas, al_palette_catalog_lookup ("redis"));
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_components (document)), ==, n + 2);
  focus = al_editor_get_focus_item (fixture->editor);
  g_assert_true (AL_IS_COMPONENT (focus));
  g_assert_cmpstr (al_component_get_name (focus), ==, "redis-3");
  /* The second did not land exactly on the first. */
  g_assert_false (graphene_point_equal (
    al_component_get_position (al_document_lookup_component_by_name (document, "redis-2")),
    al_component_get_position (focus)));
}

static void
test_link_dialog (CanvasFixture *fixture, gconstpointer data)
{
  AlDocument *document = al_editor_get_document (fixture->editor);
  AlComponent *web = al_document_lookup_component_by_name (document, "web");
  AlComponent *redis = al_document_lookup_component_by_name (document, "redis");
  AlComponent *gateway = al_document_lookup_component_by_name (document, "gateway");
  GtkWidget *dialog = al_link_dialog_new (GTK_WINDOW (fixture->window), fixture->editor, web);
  AlLinkDialog *link = AL_LINK_DIALOG (dialog);
  guint n_deps = g_list_model_get_n_items (al_document_get_dependencies (document));

  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  /* Twelve components, less itself and gateway, which it depends on. */
  g_assert_cmpuint (al_link_dialog_get_n_shown (link), ==, 10);
  g_assert_false (al_link_dialog_select (link, gateway));
  al_link_dialog_set_query (link, "REDIS");
  g_assert_cmpuint (al_link_dialog_get_n_shown (link), ==, 1);
  g_assert_true (al_link_dialog_get_selected (link) == redis);
  al_link_dialog_set_query (link, "no such thing");
  g_assert_cmpuint (al_link_dialog_get_n_shown (link), ==, 0);
  g_assert_null (al_link_dialog_get_selected (link));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  al_link_dialog_set_query (link, "");
  g_assert_true (al_link_dialog_select (link, redis));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  pump ();

  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_dependencies (document)), ==,
                    n_deps + 1);
  g_assert_true (AL_IS_DEPENDENCY (al_editor_get_focus_item (fixture->editor)));
  g_assert_cmpstr (al_dependency_get_to (al_editor_get_focus_item (fixture->editor)), ==,
                   al_component_get_id (redis));
}

static void
test_lane_dialogs (CanvasFixture *fixture, gconstpointer data)
{
  AlDocument *document = al_editor_get_document (fixture->editor);
  GListModel *lanes = al_document_get_lanes (document);
  AlLane *x86 = al_document_lookup_lane (document, "x86");
  AlLane *added;
  GtkWidget *dialog;

  dialog = al_lane_dialog_add (GTK_WINDOW (fixture->window), fixture->editor);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (lanes), ==, 3);
  added = g_list_model_get_item (lanes, 2);
  g_assert_cmpstr (al_lane_get_arch (added), ==, "loong64");
  g_assert_cmpstr (al_lane_get_label (added), ==, "loong64");

  dialog = al_lane_dialog_rename (GTK_WINDOW (fixture->window), fixture->editor, added);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  pump ();

  /* Removing the x86 lane asks; the components go to the first other lane. */
  dialog = al_lane_dialog_remove (GTK_WINDOW (fixture->window), fixture->editor, x86);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  pump ();
  g_assert_null (al_document_lookup_lane (document, "x86"));
  g_assert_cmpstr (al_component_get_lane (al_document_lookup_component_by_name (document,
                                                                                "payment-service")),
                   ==, "arm");

  /* An empty lane goes at once. */
  g_assert_null (al_lane_dialog_remove (GTK_WINDOW (fixture->window), fixture->editor, added));
  g_assert_cmpuint (g_list_model_get_n_items (lanes), ==, 1);
  g_object_unref (added);

  /* The canvas actions reach the same edits. */
  g_assert_true (al_history_undo (al_editor_get_history (fixture->editor)));
  {
    g_autoptr (AlLane) second = g_list_model_get_item (lanes, 1);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->canvas),
                                               "canvas.move-lane-up", "s", al_lane_get_id (second)));
    g_assert_cmpint (al_document_index_of (document, AL_COLLECTION_LANES, second), ==, 0);
  }
}

/* Pictures of the interaction states, to look at: ARCHLANE_SHOTS=DIR. */

static void
save_canvas (CanvasFixture *fixture, const char *name)
{
  const char *dir = g_getenv ("ARCHLANE_SHOTS");
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  int width = gtk_widget_get_width (canvas), height = gtk_widget_get_height (canvas);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  gtk_widget_queue_draw (canvas);
  gtk_test_widget_wait_for_draw (canvas);
  /* What the canvas draws on the next frame. */
  GTK_WIDGET_GET_CLASS (canvas)->snapshot (canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  if (dir == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (canvas)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static cairo_surface_t *
draw_canvas (CanvasFixture *fixture)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         gtk_widget_get_width (canvas),
                                                         gtk_widget_get_height (canvas));
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The still picture (tiles) and the live one (during a gesture) agree:
 * no seams, nothing shifted, at a zoom that is not 100 %. */
static void
test_canvas_tiles_match_live (CanvasFixture *fixture, gconstpointer data)
{
  AlCanvas *self = fixture->canvas;
  cairo_surface_t *still, *live;
  guint differing = 0, total;
  int stride;

  al_canvas_zoom_at (self, 0.73, 333, 217);
  gtk_adjustment_set_value (hadjustment (fixture), 101.4);
  while (self->zoom_settle_id != 0)
    g_main_context_iteration (NULL, TRUE);
  still = draw_canvas (fixture);
  /* An empty rubber band: the live path, the same picture. */
  self->band = al_tool_rubber_band_begin (fixture->editor, &GRAPHENE_POINT_INIT (-500, -500),
                                          FALSE);
  self->gesture = AL_CANVAS_GESTURE_BAND;
  live = draw_canvas (fixture);
  al_canvas_cancel_gesture (self);

  stride = cairo_image_surface_get_stride (still);
  total = cairo_image_surface_get_height (still) * cairo_image_surface_get_width (still);
  for (int y = 0; y < cairo_image_surface_get_height (still); y++)
    for (int x = 0; x < cairo_image_surface_get_width (still); x++)
      {
        const guint8 *a = cairo_image_surface_get_data (still) + y * stride + x * 4;
        const guint8 *b = cairo_image_surface_get_data (live) + y * stride + x * 4;

        for (int c = 0; c < 4; c++)
          if (ABS (a[c] - b[c]) > 64)
            {
              differing++;
              break;
            }
      }
  if (g_getenv ("ARCHLANE_SHOTS") != NULL)
    {
      g_autofree char *a = g_build_filename (g_getenv ("ARCHLANE_SHOTS"), "still.png", NULL);
      g_autofree char *b = g_build_filename (g_getenv ("ARCHLANE_SHOTS"), "live.png", NULL);
      cairo_surface_write_to_png (still, a);
      cairo_surface_write_to_png (live, b);
    }
  cairo_surface_destroy (still);
  cairo_surface_destroy (live);
  g_assert_cmpuint (differing, <, total / 200);
}

/* The canvas draws the lane header there, not the plain background. */
static void
assert_lane_header_drawn (CanvasFixture *fixture)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  AlScene *scene = al_editor_get_scene (fixture->editor);
  int width = gtk_widget_get_width (canvas), height = gtk_widget_get_height (canvas);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  graphene_point_t centre, at;
  cairo_t *cr;
  guint32 pixel;

  graphene_rect_get_center (&al_scene_get_lane (scene, 0)->header, &centre);
  centre.y = al_scene_get_lane (scene, 0)->header.origin.y + 4;
  al_canvas_scene_to_widget (fixture->canvas, &centre, &at);
  g_assert_cmpfloat (at.x, >=, 0);
  g_assert_cmpfloat (at.y, >=, 0);
  GTK_WIDGET_GET_CLASS (canvas)->snapshot (canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface)
                        + (int) at.y * cairo_image_surface_get_stride (surface) + (int) at.x * 4);
  cairo_surface_destroy (surface);
  g_assert_cmphex (pixel >> 24, ==, 0xff);
  g_assert_cmphex (pixel & 0xffffff, !=, 0xfafafa);
}

static void
test_canvas_states (CanvasFixture *fixture, gconstpointer data)
{
  AlCanvas *self = fixture->canvas;
  AlDocument *document = al_editor_get_document (fixture->editor);
  AlScene *scene = al_editor_get_scene (fixture->editor);
  AlComponent *web = al_document_lookup_component_by_name (document, "web");
  AlComponent *redis = al_document_lookup_component_by_name (document, "redis");
  AlComponent *mysql = al_document_lookup_component_by_name (document, "mysql");
  graphene_rect_t bounds;
  graphene_point_t point;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  save_canvas (fixture, "canvas-plain.png");
  assert_lane_header_drawn (fixture);

  /* Selection, hover and the keyboard focus ring. */
  al_editor_select (fixture->editor, web, AL_SELECT_REPLACE);
  al_editor_select (fixture->editor, mysql, AL_SELECT_ADD);
  self->hovered = redis;
  save_canvas (fixture, "canvas-selection-hover.png");
  self->hovered = NULL;

  /* A link being dragged towards redis. */
  self->link = al_tool_link_begin (fixture->editor, web);
  graphene_rect_get_center (&al_scene_get_card (scene, al_scene_find_card (scene, redis))->bounds,
                            &point);
  al_tool_link_update (self->link, &point);
  self->gesture = AL_CANVAS_GESTURE_LINK;
  save_canvas (fixture, "canvas-link.png");
  al_canvas_cancel_gesture (self);

  /* A card dragged into the other lane. */
  al_editor_select (fixture->editor, mysql, AL_SELECT_REPLACE);
  self->move = al_tool_move_begin (fixture->editor, mysql, FALSE);
  al_tool_move_update (self->move, -400, -150);
  self->gesture = AL_CANVAS_GESTURE_MOVE;
  g_assert_false (al_tool_move_get_refused (self->move));
  save_canvas (fixture, "canvas-move.png");
  al_canvas_cancel_gesture (self);

  /* A palette drag refused below the lanes. */
  al_scene_get_bounds (scene, &bounds);
  self->drop = al_tool_drop_begin (fixture->editor, al_palette_catalog_lookup ("redis"));
  al_tool_drop_update (self->drop, &GRAPHENE_POINT_INIT (500, bounds.origin.y + bounds.size.height
                                                                   + 30));
  g_assert_true (al_tool_drop_get_refused (self->drop));
  save_canvas (fixture, "canvas-drop-refused.png");
  al_tool_drop_update (self->drop, &GRAPHENE_POINT_INIT (500, bounds.origin.y + 60));
  g_assert_false (al_tool_drop_get_refused (self->drop));
  save_canvas (fixture, "canvas-drop.png");
  g_clear_pointer (&self->drop, al_tool_drop_free);

  /* A zoom gesture: several steps with frames between them. */
  al_canvas_zoom_at (self, 0.87, 300, 300);
  save_canvas (fixture, "canvas-zooming.png");
  al_canvas_zoom_at (self, 0.75, 300, 300);
  save_canvas (fixture, "canvas-zooming-2.png");
  while (self->zoom_settle_id != 0)
    g_main_context_iteration (NULL, TRUE);
  save_canvas (fixture, "canvas-zoom-settled.png");
  assert_lane_header_drawn (fixture);

  /* Far out: less detail, once the zoom has come to rest. */
  al_canvas_set_zoom (self, 0.25);
  g_assert_cmpuint (self->zoom_settle_id, !=, 0);
  while (self->zoom_settle_id != 0)
    g_main_context_iteration (NULL, TRUE);
  save_canvas (fixture, "canvas-zoomed-out.png");

  if (g_getenv ("ARCHLANE_SHOTS_HOLD") != NULL)
    {
      al_canvas_zoom_to_fit (self);
      for (guint i = 0; i < 30; i++)
        {
          g_usleep (100000);
          pump ();
        }
    }
}

static void
test_canvas_without_editor (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *canvas = al_canvas_new ();

  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (canvas);
  /* Every action is harmless without a document. */
  gtk_widget_activate_action (canvas, "canvas.select-all", NULL);
  gtk_widget_activate_action (canvas, "canvas.zoom-fit", NULL);
  gtk_widget_activate_action (canvas, "canvas.add-dependency", NULL);
  gtk_widget_activate_action (canvas, "canvas.move-focus", "i", 1);
  al_canvas_reveal (AL_CANVAS (canvas), NULL);
  g_assert_null (al_canvas_get_editor (AL_CANVAS (canvas)));
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    return 77;
  adw_init ();

#define ADD_CANVAS_TEST(path, func)                                                               \
  g_test_add (path, CanvasFixture, NULL, canvas_fixture_set_up, func, canvas_fixture_tear_down)

  ADD_CANVAS_TEST ("/widgets/canvas/scrollable", test_canvas_scrollable);
  ADD_CANVAS_TEST ("/widgets/canvas/zoom", test_canvas_zoom);
  ADD_CANVAS_TEST ("/widgets/canvas/select-and-delete", test_canvas_select_and_delete);
  ADD_CANVAS_TEST ("/widgets/canvas/keyboard", test_canvas_keyboard);
  ADD_CANVAS_TEST ("/widgets/canvas/insert-entry", test_canvas_insert_entry);
  ADD_CANVAS_TEST ("/widgets/canvas/states", test_canvas_states);
  ADD_CANVAS_TEST ("/widgets/canvas/tiles-match-live", test_canvas_tiles_match_live);
  ADD_CANVAS_TEST ("/widgets/link-dialog", test_link_dialog);
  ADD_CANVAS_TEST ("/widgets/lane-dialogs", test_lane_dialogs);
  g_test_add_func ("/widgets/canvas/without-editor", test_canvas_without_editor);

  return g_test_run ();
}
