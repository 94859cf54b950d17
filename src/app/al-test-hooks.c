/* al-test-hooks.c: what the window tells UI tests and benchmarks, when asked through the environment */
#define G_LOG_DOMAIN "al-test-hooks"

#include <adwaita.h>
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
  guint      poll_id;
} Probe;

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  g_clear_handle_id (&probe->poll_id, g_source_remove);
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

/* What names @widget to a person: its title, label or text, whichever
 * it has first (a row's title, a button's label, a text field's text). */
static const char *
widget_words (GtkWidget *widget)
{
  static const char *const names[] = { "title", "label", "text" };
  GObjectClass *klass = G_OBJECT_GET_CLASS (widget);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, names[i]);
      GValue value = G_VALUE_INIT;
      const char *words;

      if (pspec == NULL || pspec->value_type != G_TYPE_STRING || !(pspec->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (widget), names[i], &value);
      /* Interned so that the caller can keep it past the GValue. */
      words = g_intern_string (g_value_get_string (&value));
      g_value_unset (&value);
      if (words != NULL && *words != '\0')
        return words;
    }
  return NULL;
}

/* The focus widget of @window: its type, the types of its ancestors
 * (so a test knows the focus is "in the palette" or "in a dialog"), and
 * the words of the nearest of them that has any. */
static void
add_focus (JsonBuilder *builder,
           GtkWindow   *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  const char *words = NULL;

  json_builder_set_member_name (builder, "focus");
  json_builder_add_string_value (builder, focus ? G_OBJECT_TYPE_NAME (focus) : NULL);
  json_builder_set_member_name (builder, "focus_path");
  json_builder_begin_array (builder);
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      json_builder_add_string_value (builder, G_OBJECT_TYPE_NAME (w));
      if (words == NULL)
        words = widget_words (w);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "focus_words");
  json_builder_add_string_value (builder, words);
}

/* Every visible toplevel (dialogs, file choosers, popovers are not
 * toplevels) and which one has the keyboard. */
static void
add_windows (JsonBuilder *builder)
{
  /* Owned by GTK (transfer none). */
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  json_builder_set_member_name (builder, "windows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, G_OBJECT_TYPE_NAME (window));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, gtk_window_get_title (window));
      json_builder_set_member_name (builder, "active");
      json_builder_add_boolean_value (builder, gtk_window_is_active (window));
      add_focus (builder, window);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The document as the editor holds it: file, unsaved changes, history,
 * selection, and the dependencies by component name. */
static void
add_editor_state (JsonBuilder *builder,
                  AlEditor    *editor)
{
  AlDocument *document = al_editor_get_document (editor);
  AlHistory *history = al_editor_get_history (editor);
  GListModel *dependencies = al_document_get_dependencies (document);
  g_autoptr (GPtrArray) selection = al_editor_dup_selection (editor);
  GFile *file = al_editor_get_file (editor);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "modified");
  json_builder_add_boolean_value (builder, al_editor_get_modified (editor));
  json_builder_set_member_name (builder, "can_undo");
  json_builder_add_boolean_value (builder, al_history_can_undo (history));
  json_builder_set_member_name (builder, "can_redo");
  json_builder_add_boolean_value (builder, al_history_can_redo (history));

  json_builder_set_member_name (builder, "selection");
  json_builder_begin_array (builder);
  for (guint i = 0; i < selection->len; i++)
    {
      gpointer item = g_ptr_array_index (selection, i);

      if (AL_IS_COMPONENT (item))
        json_builder_add_string_value (builder, al_component_get_name (item));
      else if (AL_IS_DEPENDENCY (item))
        json_builder_add_string_value (builder, al_dependency_get_id (item));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "dependencies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      AlComponent *from = al_document_lookup_component (document, al_dependency_get_from (dependency));
      AlComponent *to = al_document_lookup_component (document, al_dependency_get_to (dependency));

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, from ? al_component_get_name (from) : NULL);
      json_builder_add_string_value (builder, to ? al_component_get_name (to) : NULL);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
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

  add_editor_state (builder, editor);
  add_windows (builder);

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
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, al_lane_get_label (lane->lane));
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
probe_write (Probe *probe)
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
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  probe_write (probe);
}

/* Dialogs, menus and focus moves do not always repaint the window:
 * look again a few times a second. */
static gboolean
probe_poll_cb (gpointer data)
{
  probe_write (data);
  return G_SOURCE_CONTINUE;
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
on_unrealize_cb (GtkWidget *window,
                 Probe     *probe)
{
  /* The canvas goes with the window: stop looking at it. */
  g_clear_handle_id (&probe->poll_id, g_source_remove);
}

static void
on_realize_cb (GtkWidget *window,
               gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Probe *probe = g_object_get_data (G_OBJECT (window), "al-test-probe");

  if (probe != NULL)
    {
      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), probe);
      if (probe->poll_id == 0)
        probe->poll_id = g_timeout_add (100, probe_poll_cb, probe);
    }
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
      g_signal_connect (window, "unrealize", G_CALLBACK (on_unrealize_cb), probe);
    }

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize_cb (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}
