/* al-test-hooks.c: what the window tells UI tests and benchmarks, when asked through the environment */
#define G_LOG_DOMAIN "al-test-hooks"

#include <json-glib/json-glib.h>

#include "al-test-hooks.h"
#include "al-palette-catalog.h"

typedef struct
{
  GtkWindow *window;
  AlCanvas  *canvas;
  GtkWidget *palette;
  char      *path;
  char      *last;
} Probe;

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  g_free (probe->path);
  g_free (probe->last);
  g_free (probe);
}

/* A point of @widget in the coordinates of the window's X window. */
static gboolean
to_surface (Probe                  *probe,
            GtkWidget              *widget,
            const graphene_point_t *point,
            graphene_point_t       *out)
{
  double sx, sy;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (probe->window), point, out))
    return FALSE;
  gtk_native_get_surface_transform (GTK_NATIVE (probe->window), &sx, &sy);
  out->x += sx;
  out->y += sy;
  return TRUE;
}

static void
add_point (JsonBuilder            *builder,
           const graphene_point_t *point)
{
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, point->x);
  json_builder_add_double_value (builder, point->y);
  json_builder_end_array (builder);
}

static void
add_rect (JsonBuilder            *builder,
          const graphene_point_t *origin,
          double                  width,
          double                  height)
{
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, origin->x);
  json_builder_add_double_value (builder, origin->y);
  json_builder_add_double_value (builder, width);
  json_builder_add_double_value (builder, height);
  json_builder_end_array (builder);
}

static void
add_palette_rows (Probe       *probe,
                  GtkWidget   *widget,
                  JsonBuilder *builder)
{
  const AlPaletteEntry *entry = g_object_get_data (G_OBJECT (widget), "al-palette-entry");

  if (entry != NULL && gtk_widget_get_mapped (widget))
    {
      graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                     gtk_widget_get_height (widget) / 2.0);
      graphene_point_t out;

      if (to_surface (probe, widget, &centre, &out))
        {
          json_builder_set_member_name (builder, al_palette_entry_get_id (entry));
          add_point (builder, &out);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_palette_rows (probe, child, builder);
}

static char *
probe_describe (Probe *probe)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  GtkWidget *canvas = GTK_WIDGET (probe->canvas);
  AlEditor *editor = al_canvas_get_editor (probe->canvas);
  AlScene *scene;
  graphene_point_t origin;

  if (editor == NULL)
    return NULL;
  scene = al_editor_get_scene (editor);
  al_scene_update (scene);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "canvas");
  if (to_surface (probe, canvas, &GRAPHENE_POINT_INIT (0, 0), &origin))
    add_rect (builder, &origin, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, al_canvas_get_zoom (probe->canvas));

  json_builder_set_member_name (builder, "palette");
  json_builder_begin_object (builder);
  if (probe->palette != NULL)
    add_palette_rows (probe, probe->palette, builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "lanes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < al_scene_get_n_lanes (scene); i++)
    {
      const AlSceneLane *lane = al_scene_get_lane (scene, i);
      graphene_point_t top_left, bottom_right, a, b;

      al_canvas_scene_to_widget (probe->canvas, &lane->content.origin, &top_left);
      graphene_point_init (&bottom_right, lane->content.origin.x + lane->content.size.width,
                           lane->content.origin.y + lane->content.size.height);
      al_canvas_scene_to_widget (probe->canvas, &bottom_right, &bottom_right);
      if (!to_surface (probe, canvas, &top_left, &a) || !to_surface (probe, canvas, &bottom_right, &b))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, al_lane_get_id (lane->lane));
      json_builder_set_member_name (builder, "arch");
      json_builder_add_string_value (builder, al_lane_get_arch (lane->lane));
      json_builder_set_member_name (builder, "content");
      add_rect (builder, &a, b.x - a.x, b.y - a.y);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "cards");
  json_builder_begin_object (builder);
  for (guint i = 0; i < al_scene_get_n_cards (scene); i++)
    {
      const AlSceneCard *card = al_scene_get_card (scene, i);
      graphene_point_t centre, handle;

      graphene_rect_get_center (&card->bounds, &centre);
      al_canvas_scene_to_widget (probe->canvas, &centre, &centre);
      al_canvas_scene_to_widget (probe->canvas, &card->handle, &handle);
      if (!to_surface (probe, canvas, &centre, &centre) || !to_surface (probe, canvas, &handle, &handle))
        continue;
      json_builder_set_member_name (builder, al_component_get_name (card->component));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "center");
      add_point (builder, &centre);
      json_builder_set_member_name (builder, "handle");
      add_point (builder, &handle);
      json_builder_set_member_name (builder, "lane");
      json_builder_add_string_value (builder, al_component_get_lane (card->component));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  g_autofree char *text = probe_describe (probe);
  g_autoptr (GError) error = NULL;

  if (text == NULL || g_strcmp0 (text, probe->last) == 0)
    return;
  if (!g_file_set_contents (probe->path, text, -1, &error))
    {
      g_warning ("Cannot write the test probe: %s", error->message);
      return;
    }
  g_free (probe->last);
  probe->last = g_steal_pointer (&text);
}

static void
exit_after_paint_cb (GdkFrameClock *clock,
                     GtkWindow     *window)
{
  GtkApplication *app = gtk_window_get_application (window);

  g_signal_handlers_disconnect_by_func (clock, exit_after_paint_cb, window);
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
on_realize_cb (GtkWidget *window,
               gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Probe *probe = g_object_get_data (G_OBJECT (window), "al-test-probe");

  if (probe != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), probe);
  if (g_getenv ("ARCHLANE_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (exit_after_paint_cb), window);
}

void
al_test_hooks_attach (GtkWindow *window,
                      AlCanvas  *canvas,
                      GtkWidget *palette)
{
  const char *path = g_getenv ("ARCHLANE_TEST_PROBE");

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (AL_IS_CANVAS (canvas));

  if (path == NULL && g_getenv ("ARCHLANE_EXIT_AFTER_FIRST_FRAME") == NULL)
    return;

  if (path != NULL)
    {
      Probe *probe = g_new0 (Probe, 1);

      probe->window = window;
      probe->canvas = canvas;
      probe->palette = palette;
      probe->path = g_strdup (path);
      g_object_set_data_full (G_OBJECT (window), "al-test-probe", probe, probe_free);
    }

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize_cb (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}
