/* test-tools.c: the canvas gestures as history edits, without a display */
#include <string.h>

#include "al-document-io.h"
#include "al-editor.h"
#include "al-graph.h"
#include "al-k8s-compiler.h"
#include "al-lane-edit.h"
#include "al-palette-catalog.h"
#include "al-render.h"
#include "al-test-util.h"
#include "al-tool-drop.h"
#include "al-tool-link.h"
#include "al-tool-move.h"
#include "al-tool-rubber-band.h"
#include "al-tool.h"
#include "al-test-app.h"

static GBytes *
saved (AlEditor *editor)
{
  return al_document_save_to_bytes (al_editor_get_document (editor));
}

static void
assert_bytes_equal (GBytes *a, GBytes *b)
{
  gsize na, nb;
  const char *da = g_bytes_get_data (a, &na);
  const char *db = g_bytes_get_data (b, &nb);

  g_assert_cmpmem (da, na, db, nb);
}

static void
assert_state (AlEditor *editor, GBytes *expected)
{
  g_autoptr (GBytes) now = saved (editor);
  assert_bytes_equal (now, expected);
}

/* Undo restores @before exactly and redo @after, each one step. */
static void
assert_one_step (AlEditor *editor, GBytes *before)
{
  AlHistory *history = al_editor_get_history (editor);
  g_autoptr (GBytes) after = saved (editor);

  g_assert_false (g_bytes_equal (before, after));
  g_assert_true (al_history_undo (history));
  assert_state (editor, before);
  g_assert_true (al_history_redo (history));
  assert_state (editor, after);
  g_assert_true (al_history_undo (history));
  assert_state (editor, before);
  g_assert_true (al_history_redo (history));
}

static int
lane_index (AlEditor *editor, const char *lane_id)
{
  AlScene *scene = al_editor_get_scene (editor);

  for (guint i = 0; i < al_scene_get_n_lanes (scene); i++)
    if (g_str_equal (al_lane_get_id (al_scene_get_lane (scene, i)->lane), lane_id))
      return i;
  g_assert_not_reached ();
}

static void
card_centre (AlEditor *editor, AlComponent *c, graphene_point_t *centre)
{
  AlScene *scene = al_editor_get_scene (editor);
  int index = al_scene_find_card (scene, c);

  g_assert_cmpint (index, >=, 0);
  graphene_rect_get_center (&al_scene_get_card (scene, index)->bounds, centre);
}

/* A free spot in a lane's content area: below the sample's two rows. */
static void
free_spot (AlEditor *editor, const char *lane_id, graphene_point_t *point)
{
  const AlSceneLane *lane = al_scene_get_lane (al_editor_get_scene (editor),
                                               lane_index (editor, lane_id));

  point->x = lane->content.origin.x + 300;
  point->y = lane->content.origin.y + lane->content.size.height - AL_SCENE_CARD_HEIGHT / 2 - 4;
}

/* Drop ---------------------------------------------------------------------- */

static void
test_drop_creates_component (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  g_autoptr (GError) error = NULL;
  const AlPaletteEntry *mysql = al_palette_catalog_lookup ("mysql");
  graphene_point_t point, centre;
  AlComponent *first, *second;
  AlLane *lane;

  g_assert_nonnull (mysql);
  free_spot (editor, "x86", &point);
  first = al_tool_drop_palette_entry (editor, mysql, &point, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  /* On the lane under the pointer, built for its arch, centred there. */
  g_assert_cmpstr (al_component_get_lane (first), ==, "x86");
  lane = al_document_get_component_lane (al_editor_get_document (editor), first);
  g_assert_cmpstr (al_lane_get_arch (lane), ==, "amd64");
  al_scene_update (al_editor_get_scene (editor));
  card_centre (editor, first, &centre);
  g_assert_cmpfloat_with_epsilon (centre.x, point.x, 0.5);
  g_assert_cmpfloat_with_epsilon (centre.y, point.y, 0.5);
  /* The sample has a "mysql" already. */
  g_assert_cmpstr (al_component_get_name (first), ==, "mysql-2");
  g_assert_true (al_editor_get_focus_item (editor) == first);
  assert_one_step (editor, before);

  free_spot (editor, "arm", &point);
  second = al_tool_drop_palette_entry (editor, mysql, &point, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (al_component_get_name (second), ==, "mysql-3");
  g_assert_cmpstr (al_component_get_lane (second), ==, "arm");
  g_assert_cmpstr (al_lane_get_arch (al_document_get_component_lane (al_editor_get_document (editor), second)),
                   ==, "arm64");
}

static void
test_drop_on_header_band (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GError) error = NULL;
  const AlSceneLane *lane = al_scene_get_lane (al_editor_get_scene (editor),
                                               lane_index (editor, "arm"));
  graphene_point_t point;
  AlComponent *created;

  graphene_rect_get_center (&lane->header, &point);
  created = al_tool_drop_palette_entry (editor, al_palette_catalog_lookup ("redis"), &point,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (al_component_get_lane (created), ==, "arm");
  /* Clamped to the start of the content area. */
  g_assert_cmpfloat (al_component_get_position (created)->x, ==, 0);
}

static void
test_drop_outside_refused (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  AlScene *scene = al_editor_get_scene (editor);
  const AlPaletteEntry *redis = al_palette_catalog_lookup ("redis");
  graphene_rect_t bounds;
  graphene_point_t below, above, left;
  guint n_before = g_list_model_get_n_items (al_document_get_components (al_editor_get_document (editor)));

  al_scene_get_bounds (scene, &bounds);
  below = GRAPHENE_POINT_INIT (400, bounds.origin.y + bounds.size.height + 200);
  above = GRAPHENE_POINT_INIT (400, bounds.origin.y - 200);
  left = GRAPHENE_POINT_INIT (bounds.origin.x - 300, bounds.origin.y + 50);

  for (guint i = 0; i < 3; i++)
    {
      const graphene_point_t *point = i == 0 ? &below : i == 1 ? &above : &left;
      g_autoptr (GError) error = NULL;
      g_autoptr (AlToolDrop) drop = al_tool_drop_begin (editor, redis);

      al_tool_drop_update (drop, point);
      g_assert_true (al_tool_drop_get_refused (drop));
      g_assert_cmpint (al_tool_drop_get_lane (drop), ==, -1);
      g_assert_null (al_tool_drop_end (drop, NULL, point, &error));
      g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_OUTSIDE_LANES);
      g_assert_nonnull (strstr (error->message, al_palette_entry_get_title (redis)));
    }
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_components (al_editor_get_document (editor))),
                    ==, n_before);
  g_assert_false (al_history_can_undo (al_editor_get_history (editor)));
  assert_state (editor, before);
}

static void
test_drop_without_lanes (void)
{
  g_autoptr (AlEditor) editor = al_editor_new (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_null (al_tool_drop_palette_entry (editor, al_palette_catalog_lookup ("web"),
                                             &GRAPHENE_POINT_INIT (10, 10), &error));
  g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_NO_LANE);
  g_assert_null (al_tool_drop_parse_payload ("nginx"));
  g_assert_null (al_tool_drop_parse_payload ("archlane-palette:no-such-entry"));
  g_assert_true (al_tool_drop_parse_payload ("archlane-palette:web")
                 == al_palette_catalog_lookup ("web"));
}

/* Move ---------------------------------------------------------------------- */

static void
test_move_inside_lane (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlToolMove) move = NULL;
  AlComponent *web = al_test_component_named (editor, "web");
  graphene_point_t old = *al_component_get_position (web);

  move = al_tool_move_begin (editor, web, FALSE);
  g_assert_true (al_editor_get_focus_item (editor) == web);
  al_tool_move_update (move, 24, 16);
  g_assert_cmpint (al_tool_move_get_drop_lane (move), ==, lane_index (editor, "arm"));
  g_assert_false (al_tool_move_get_refused (move));
  /* Nothing is edited while dragging. */
  assert_state (editor, before);
  g_assert_true (al_tool_move_end (move, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (al_component_get_lane (web), ==, "arm");
  g_assert_cmpfloat (al_component_get_position (web)->x, ==, old.x + 24);
  g_assert_cmpfloat (al_component_get_position (web)->y, ==, old.y + 16);
  g_assert_cmpstr (al_history_get_undo_label (al_editor_get_history (editor)), ==,
                   "Move Component");
  assert_one_step (editor, before);
}

static gboolean
workload_mentions (AlEditor *editor, AlComponent *c, const char *text)
{
  g_autoptr (AlGraph) graph = al_graph_new (al_editor_get_document (editor));
  g_autoptr (AlComponentManifest) manifest = al_k8s_compile_component (graph, c);
  JsonNode *workload = g_ptr_array_index (manifest->objects, manifest->objects->len - 1);
  g_autofree char *json = json_to_string (workload, FALSE);

  return strstr (json, text) != NULL;
}

static void
test_move_across_lanes (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlToolMove) move = NULL;
  AlComponent *payment = al_test_component_named (editor, "payment-service");
  graphene_point_t from, to;

  g_assert_cmpstr (al_component_get_lane (payment), ==, "x86");
  g_assert_true (workload_mentions (editor, payment, "\"amd64\""));
  card_centre (editor, payment, &from);
  free_spot (editor, "arm", &to);

  move = al_tool_move_begin (editor, payment, FALSE);
  al_tool_move_update (move, to.x - from.x, to.y - from.y);
  g_assert_cmpint (al_tool_move_get_drop_lane (move), ==, lane_index (editor, "arm"));
  g_assert_true (al_tool_move_end (move, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (al_component_get_lane (payment), ==, "arm");
  g_assert_true (workload_mentions (editor, payment, "\"arm64\""));
  g_assert_false (workload_mentions (editor, payment, "\"amd64\""));
  /* Dropped where the pointer left it, relative to its new lane. */
  al_scene_update (al_editor_get_scene (editor));
  card_centre (editor, payment, &from);
  g_assert_cmpfloat_with_epsilon (from.x, to.x, 0.5);
  g_assert_cmpfloat_with_epsilon (from.y, to.y, 0.5);
  g_assert_cmpstr (al_history_get_undo_label (al_editor_get_history (editor)), ==, "Change Lane");
  assert_one_step (editor, before);
}

static void
test_move_selection_together (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  g_autoptr (AlToolMove) move = NULL;
  AlComponent *web = al_test_component_named (editor, "web");
  AlComponent *mysql = al_test_component_named (editor, "mysql");
  graphene_point_t web_old = *al_component_get_position (web);
  graphene_point_t mysql_old = *al_component_get_position (mysql);

  al_editor_select (editor, web, AL_SELECT_REPLACE);
  al_editor_select (editor, mysql, AL_SELECT_ADD);
  move = al_tool_move_begin (editor, mysql, FALSE);
  g_assert_cmpuint (al_tool_move_get_n_components (move), ==, 2);
  al_tool_move_update (move, 16, 8);
  g_assert_true (al_tool_move_end (move, NULL));

  g_assert_cmpfloat (al_component_get_position (web)->x, ==, web_old.x + 16);
  g_assert_cmpfloat (al_component_get_position (mysql)->x, ==, mysql_old.x + 16);
  g_assert_cmpfloat (al_component_get_position (mysql)->y, ==, mysql_old.y + 8);
  g_assert_true (al_editor_is_selected (editor, web));
  assert_one_step (editor, before);
}

static void
test_move_outside_refused (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlToolMove) move = NULL;
  AlScene *scene = al_editor_get_scene (editor);
  AlComponent *web = al_test_component_named (editor, "web");
  AlComponent *nacos = al_test_component_named (editor, "nacos");
  graphene_rect_t bounds;
  graphene_point_t centre;

  /* Two cards; only one would leave the lanes: neither moves. */
  al_editor_select (editor, web, AL_SELECT_REPLACE);
  al_editor_select (editor, nacos, AL_SELECT_ADD);
  al_scene_get_bounds (scene, &bounds);
  card_centre (editor, web, &centre);
  move = al_tool_move_begin (editor, web, FALSE);
  al_tool_move_update (move, 0, bounds.origin.y + bounds.size.height + 100 - centre.y);
  g_assert_true (al_tool_move_get_refused (move));
  g_assert_false (al_tool_move_end (move, &error));
  g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_OUTSIDE_LANES);
  assert_state (editor, before);
  g_assert_false (al_history_can_undo (al_editor_get_history (editor)));
}

static void
test_move_unselected_card_alone (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (AlToolMove) move = NULL;
  AlComponent *web = al_test_component_named (editor, "web");
  AlComponent *redis = al_test_component_named (editor, "redis");

  al_editor_select (editor, web, AL_SELECT_REPLACE);
  move = al_tool_move_begin (editor, redis, FALSE);
  g_assert_cmpuint (al_tool_move_get_n_components (move), ==, 1);
  g_assert_false (al_editor_is_selected (editor, web));
  g_assert_true (al_editor_is_selected (editor, redis));
  /* A click (no offset) edits nothing. */
  g_assert_true (al_tool_move_end (move, NULL));
  g_assert_false (al_history_can_undo (al_editor_get_history (editor)));
}

/* Link ---------------------------------------------------------------------- */

static AlComponent *
add_portless (AlEditor *editor, const char *name)
{
  g_autoptr (AlComponent) c = al_component_new (name, name, "x86");

  al_component_set_image (c, "example/batch:1");
  al_component_set_position (c, &GRAPHENE_POINT_INIT (40, 200));
  al_history_add_component (al_editor_get_history (editor), c);
  al_scene_update (al_editor_get_scene (editor));
  return c;
}

static void
test_link_rules (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GError) error = NULL;
  AlComponent *web = al_test_component_named (editor, "web");
  AlComponent *gateway = al_test_component_named (editor, "gateway");
  AlComponent *redis = al_test_component_named (editor, "redis");
  AlComponent *batch = add_portless (editor, "batch");

  g_assert_cmpint (al_tool_link_check (editor, web, web), ==, AL_LINK_CHECK_SELF);
  g_assert_cmpint (al_tool_link_check (editor, web, gateway), ==, AL_LINK_CHECK_EXISTS);
  g_assert_cmpint (al_tool_link_check (editor, web, batch), ==, AL_LINK_CHECK_NO_INNER_PORT);
  g_assert_cmpint (al_tool_link_check (editor, web, redis), ==, AL_LINK_CHECK_OK);
  /* The reverse of an existing dependency is a different one. */
  g_assert_cmpint (al_tool_link_check (editor, gateway, web), ==, AL_LINK_CHECK_OK);

  g_assert_null (al_tool_link_create (editor, web, web, &error));
  g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_LINK_SELF);
  g_clear_error (&error);
  g_assert_null (al_tool_link_create (editor, web, gateway, &error));
  g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_LINK_EXISTS);
  g_assert_nonnull (strstr (error->message, "gateway"));
  g_clear_error (&error);
  g_assert_null (al_tool_link_create (editor, web, batch, &error));
  g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_NO_INNER_PORT);
  g_clear_error (&error);

  g_assert_cmpint (al_tool_link_suggest_port (batch), ==, 8080);
  g_assert_cmpint (al_tool_link_suggest_port (redis), ==, 6379);
  al_component_set_image (batch, "registry.example.com:5000/library/postgres:16");
  g_assert_cmpint (al_tool_link_suggest_port (batch), ==, 5432);
}

static void
test_link_drag (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlToolLink) link = NULL;
  AlScene *scene = al_editor_get_scene (editor);
  AlComponent *web = al_test_component_named (editor, "web");
  AlComponent *redis = al_test_component_named (editor, "redis");
  AlDependency *dependency = NULL;
  const guint8 *states;
  graphene_point_t target;
  guint n_states;

  link = al_tool_link_begin (editor, web);
  states = al_tool_link_get_target_states (link, &n_states);
  g_assert_cmpuint (n_states, ==, al_scene_get_n_cards (scene));
  g_assert_cmpint (states[al_scene_find_card (scene, web)], ==, AL_LINK_TARGET_INVALID);
  g_assert_cmpint (states[al_scene_find_card (scene, al_test_component_named (editor, "gateway"))], ==,
                   AL_LINK_TARGET_INVALID);
  g_assert_cmpint (states[al_scene_find_card (scene, redis)], ==, AL_LINK_TARGET_VALID);
  g_assert_cmpint (al_tool_link_get_from_card (link), ==, al_scene_find_card (scene, web));

  card_centre (editor, redis, &target);
  al_tool_link_update (link, &target);
  g_assert_true (al_tool_link_get_target (link) == redis);
  assert_state (editor, before);
  g_assert_cmpint (al_tool_link_end (link, &target, &dependency, NULL, &error), ==,
                   AL_TOOL_LINK_CREATED);
  g_assert_no_error (error);
  g_assert_nonnull (dependency);
  g_assert_cmpstr (al_dependency_get_from (dependency), ==, al_component_get_id (web));
  g_assert_cmpstr (al_dependency_get_to (dependency), ==, al_component_get_id (redis));
  g_assert_true (g_str_has_prefix (al_dependency_get_id (dependency), "d"));
  g_assert_true (al_dependency_get_wait (dependency));
  g_assert_cmpuint (al_dependency_get_ports (dependency)->len, ==, 0);
  g_assert_true (al_editor_get_focus_item (editor) == dependency);
  assert_one_step (editor, before);
}

static void
test_link_drag_refused_and_empty (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  AlComponent *web = al_test_component_named (editor, "web");
  graphene_rect_t bounds;
  graphene_point_t point;

  /* Onto an existing provider: refused with a reason. */
  {
    g_autoptr (AlToolLink) link = al_tool_link_begin (editor, web);
    g_autoptr (GError) error = NULL;

    card_centre (editor, al_test_component_named (editor, "gateway"), &point);
    g_assert_cmpint (al_tool_link_end (link, &point, NULL, NULL, &error), ==,
                     AL_TOOL_LINK_REFUSED);
    g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_LINK_EXISTS);
  }
  /* Back onto itself, or onto nothing: nothing happens, silently. */
  {
    g_autoptr (AlToolLink) link = al_tool_link_begin (editor, web);
    g_autoptr (GError) error = NULL;

    card_centre (editor, web, &point);
    g_assert_cmpint (al_tool_link_end (link, &point, NULL, NULL, &error), ==, AL_TOOL_LINK_NONE);
    g_assert_no_error (error);
  }
  {
    g_autoptr (AlToolLink) link = al_tool_link_begin (editor, web);
    g_autoptr (GError) error = NULL;

    al_scene_get_bounds (al_editor_get_scene (editor), &bounds);
    point = GRAPHENE_POINT_INIT (10, bounds.origin.y + bounds.size.height + 50);
    g_assert_cmpint (al_tool_link_end (link, &point, NULL, NULL, &error), ==, AL_TOOL_LINK_NONE);
    g_assert_no_error (error);
  }
  assert_state (editor, before);
  g_assert_false (al_history_can_undo (al_editor_get_history (editor)));
}

static void
test_link_opens_port (void)
{
  g_autoptr (AlEditor) editor = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (AlToolLink) link = NULL;
  g_autoptr (GError) error = NULL;
  AlComponent *web, *batch, *provider = NULL, *rabbitmq;
  AlDependency *dependency;
  AlPort *port;
  graphene_point_t point;

  editor = al_test_open_sample_editor ();
  web = al_test_component_named (editor, "web");
  batch = add_portless (editor, "batch");
  before = saved (editor);

  link = al_tool_link_begin (editor, web);
  card_centre (editor, batch, &point);
  g_assert_cmpint (al_tool_link_end (link, &point, NULL, &provider, &error), ==,
                   AL_TOOL_LINK_NEEDS_PORT);
  g_assert_no_error (error);
  g_assert_true (provider == batch);
  assert_state (editor, before);

  dependency = al_tool_link_create_opening_port (editor, web, batch, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dependency);
  g_assert_cmpuint (al_component_count_inner_ports (batch), ==, 1);
  port = al_component_find_port (batch, 8080);
  g_assert_nonnull (port);
  g_assert_true (al_port_get_inner (port));
  g_assert_cmpstr (al_history_get_undo_label (al_editor_get_history (editor)), ==,
                   "Add Dependency");
  assert_one_step (editor, before);

  /* A provider with a port that is only outer gets that port opened. */
  rabbitmq = al_test_component_named (editor, "rabbitmq");
  port = al_component_find_port (rabbitmq, 5672);
  al_port_set_inner (port, FALSE);
  g_assert_cmpint (al_tool_link_suggest_port (rabbitmq), ==, 5672);
  g_assert_nonnull (al_tool_link_create_opening_port (editor, web, rabbitmq, NULL));
  g_assert_true (al_port_get_inner (port));
  g_assert_cmpuint (g_list_model_get_n_items (al_component_get_ports (rabbitmq)), ==, 2);
}

/* The keyboard -------------------------------------------------------------- */

static void
test_keyboard_link (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  AlComponent *notify = al_test_component_named (editor, "notify-service");
  AlComponent *redis = al_test_component_named (editor, "redis");
  AlDependency *dependency;

  /* What the Add Dependency dialog does with the chosen row. */
  al_editor_select (editor, notify, AL_SELECT_REPLACE);
  dependency = al_tool_link_create (editor, al_editor_get_focus_item (editor), redis, NULL);
  g_assert_nonnull (dependency);
  g_assert_cmpint (al_tool_link_check (editor, notify, redis), ==, AL_LINK_CHECK_EXISTS);
  assert_one_step (editor, before);
}

static void
test_keyboard_navigation (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  AlComponent *web = al_test_component_named (editor, "web");
  AlComponent *first;

  first = al_tool_find_neighbor (editor, NULL, AL_DIRECTION_RIGHT);
  g_assert_nonnull (first);
  /* Right of web (40,40 on arm) is user-service (320,40); below, gateway. */
  g_assert_true (al_tool_find_neighbor (editor, web, AL_DIRECTION_RIGHT)
                 == al_test_component_named (editor, "user-service"));
  g_assert_true (al_tool_find_neighbor (editor, web, AL_DIRECTION_DOWN)
                 == al_test_component_named (editor, "gateway"));
  g_assert_true (al_tool_find_neighbor (editor, al_test_component_named (editor, "gateway"), AL_DIRECTION_UP)
                 == web);
  g_assert_true (al_tool_find_neighbor (editor, al_test_component_named (editor, "user-service"),
                                        AL_DIRECTION_LEFT) == web);
}

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
test_keyboard_nudge (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  AlHistory *history = al_editor_get_history (editor);
  AlComponent *web = al_test_component_named (editor, "web");
  AlComponent *gateway = al_test_component_named (editor, "gateway");
  graphene_point_t old = *al_component_get_position (web);

  al_history_set_clock (history, fake_clock, NULL);
  g_assert_false (al_tool_nudge_selection (editor, 8, 0));

  /* Presses in quick succession merge into one step. */
  al_editor_select (editor, web, AL_SELECT_REPLACE);
  fake_now = 1000;
  g_assert_true (al_tool_nudge_selection (editor, 8, 0));
  fake_now += 100;
  g_assert_true (al_tool_nudge_selection (editor, 8, 0));
  g_assert_cmpfloat (al_component_get_position (web)->x, ==, old.x + 16);
  g_assert_true (al_history_undo (history));
  assert_state (editor, before);
  g_assert_true (al_history_redo (history));

  /* Positions stay inside the lane. */
  fake_now += 10 * G_USEC_PER_SEC;
  for (guint i = 0; i < 10; i++)
    al_tool_nudge_selection (editor, 0, -8);
  g_assert_cmpfloat (al_component_get_position (web)->y, ==, 0);

  /* Several components: one step per press. */
  {
    g_autoptr (GBytes) two = NULL;

    fake_now += 10 * G_USEC_PER_SEC;
    al_history_seal (history);
    al_editor_select (editor, gateway, AL_SELECT_ADD);
    two = saved (editor);
    g_assert_true (al_tool_nudge_selection (editor, 0, 8));
    assert_one_step (editor, two);
  }
}

static void
test_delete_selection (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  AlDocument *document = al_editor_get_document (editor);
  AlComponent *gateway = al_test_component_named (editor, "gateway");
  guint n_deps = g_list_model_get_n_items (al_document_get_dependencies (document));

  al_editor_select (editor, gateway, AL_SELECT_REPLACE);
  g_assert_true (al_editor_delete_selection (editor));
  g_assert_null (al_document_lookup_component_by_name (document, "gateway"));
  /* web → gateway and gateway's four dependencies went with it. */
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_dependencies (document)), ==,
                    n_deps - 5);
  assert_one_step (editor, before);
}

/* Rubber band --------------------------------------------------------------- */

static void
test_rubber_band (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (AlToolRubberBand) band = NULL;
  graphene_point_t web, gateway, nacos;
  graphene_rect_t rect;

  card_centre (editor, al_test_component_named (editor, "web"), &web);
  card_centre (editor, al_test_component_named (editor, "gateway"), &gateway);
  card_centre (editor, al_test_component_named (editor, "nacos"), &nacos);

  al_editor_select (editor, al_test_component_named (editor, "nacos"), AL_SELECT_REPLACE);
  band = al_tool_rubber_band_begin (editor, &GRAPHENE_POINT_INIT (web.x - 150, web.y - 60),
                                    FALSE);
  al_tool_rubber_band_update (band, &GRAPHENE_POINT_INIT (gateway.x, gateway.y));
  al_tool_rubber_band_get_rect (band, &rect);
  g_assert_cmpfloat (rect.size.width, >, 0);
  g_assert_cmpuint (g_hash_table_size (al_tool_rubber_band_get_preview (band)), ==, 2);
  /* The editor's selection changes only at the end. */
  g_assert_true (al_editor_is_selected (editor, al_test_component_named (editor, "nacos")));
  al_tool_rubber_band_end (band);
  g_assert_true (al_editor_is_selected (editor, al_test_component_named (editor, "web")));
  g_assert_true (al_editor_is_selected (editor, al_test_component_named (editor, "gateway")));
  g_assert_false (al_editor_is_selected (editor, al_test_component_named (editor, "nacos")));
  g_clear_pointer (&band, al_tool_rubber_band_free);

  /* Shift adds. */
  band = al_tool_rubber_band_begin (editor, &GRAPHENE_POINT_INIT (nacos.x - 5, nacos.y - 5), TRUE);
  al_tool_rubber_band_update (band, &GRAPHENE_POINT_INIT (nacos.x + 5, nacos.y + 5));
  al_tool_rubber_band_end (band);
  g_assert_true (al_editor_is_selected (editor, al_test_component_named (editor, "web")));
  g_assert_true (al_editor_is_selected (editor, al_test_component_named (editor, "nacos")));
  g_clear_pointer (&band, al_tool_rubber_band_free);

  /* A click on empty space clears. */
  band = al_tool_rubber_band_begin (editor, &GRAPHENE_POINT_INIT (-10, -10), FALSE);
  al_tool_rubber_band_end (band);
  g_assert_null (al_editor_get_focus_item (editor));
  g_assert_cmpuint (g_hash_table_size (al_editor_get_selection_set (editor)), ==, 0);
}

/* Lanes --------------------------------------------------------------------- */

static void
test_lane_edits (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (GBytes) before = saved (editor);
  g_autoptr (GError) error = NULL;
  g_autofree const char **free_arches = NULL;
  AlDocument *document = al_editor_get_document (editor);
  GListModel *lanes = al_document_get_lanes (document);
  AlLane *x86 = al_document_lookup_lane (document, "x86");
  AlLane *arm = al_document_lookup_lane (document, "arm");
  AlLane *added;
  g_autoptr (GBytes) step = NULL;

  free_arches = al_lane_edit_dup_free_arches (document);
  g_assert_false (g_strv_contains (free_arches, "amd64"));
  g_assert_false (g_strv_contains (free_arches, "arm64"));
  g_assert_true (g_strv_contains (free_arches, "riscv64"));

  g_assert_null (al_lane_edit_add (editor, "x86_64", "again", &error));
  g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (al_lane_edit_add (editor, "arm", NULL, &error));
  g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_INVALID);
  g_clear_error (&error);

  added = al_lane_edit_add (editor, "riscv64", "  RISC-V  ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (al_lane_get_arch (added), ==, "riscv64");
  g_assert_cmpstr (al_lane_get_label (added), ==, "RISC-V");
  g_assert_cmpuint (g_list_model_get_n_items (lanes), ==, 3);
  assert_one_step (editor, before);

  step = saved (editor);
  al_lane_edit_rename (editor, added, "RISC-V boards");
  g_assert_cmpstr (al_lane_get_label (added), ==, "RISC-V boards");
  assert_one_step (editor, step);
  g_clear_pointer (&step, g_bytes_unref);

  step = saved (editor);
  g_assert_true (al_lane_edit_move (editor, added, -1));
  g_assert_cmpint (al_document_index_of (document, AL_COLLECTION_LANES, added), ==, 1);
  assert_one_step (editor, step);
  g_assert_false (al_lane_edit_move (editor, x86, -1));
  g_clear_pointer (&step, g_bytes_unref);

  /* A lane with components needs a target; they move there, keeping
   * their positions, and are built for its arch. */
  step = saved (editor);
  g_assert_false (al_lane_edit_remove (editor, x86, NULL, &error));
  g_assert_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_INVALID);
  g_clear_error (&error);
  assert_state (editor, step);
  g_assert_true (al_lane_edit_remove (editor, x86, arm, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (al_component_get_lane (al_test_component_named (editor, "payment-service")), ==, "arm");
  g_assert_cmpuint (al_lane_edit_count_components (document, arm), ==, 12);
  assert_one_step (editor, step);
  g_clear_pointer (&step, g_bytes_unref);

  /* An empty lane goes without a target. */
  step = saved (editor);
  g_assert_true (al_lane_edit_remove (editor, added, NULL, &error));
  g_assert_no_error (error);
  assert_one_step (editor, step);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tools/drop/creates-component", test_drop_creates_component);
  g_test_add_func ("/tools/drop/header-band", test_drop_on_header_band);
  g_test_add_func ("/tools/drop/outside-refused", test_drop_outside_refused);
  g_test_add_func ("/tools/drop/without-lanes", test_drop_without_lanes);
  g_test_add_func ("/tools/move/inside-lane", test_move_inside_lane);
  g_test_add_func ("/tools/move/across-lanes", test_move_across_lanes);
  g_test_add_func ("/tools/move/selection-together", test_move_selection_together);
  g_test_add_func ("/tools/move/outside-refused", test_move_outside_refused);
  g_test_add_func ("/tools/move/unselected-card-alone", test_move_unselected_card_alone);
  g_test_add_func ("/tools/link/rules", test_link_rules);
  g_test_add_func ("/tools/link/drag", test_link_drag);
  g_test_add_func ("/tools/link/refused-and-empty", test_link_drag_refused_and_empty);
  g_test_add_func ("/tools/link/opens-port", test_link_opens_port);
  g_test_add_func ("/tools/keyboard/link", test_keyboard_link);
  g_test_add_func ("/tools/keyboard/navigation", test_keyboard_navigation);
  g_test_add_func ("/tools/keyboard/nudge", test_keyboard_nudge);
  g_test_add_func ("/tools/delete-selection", test_delete_selection);
  g_test_add_func ("/tools/rubber-band", test_rubber_band);
  g_test_add_func ("/tools/lanes", test_lane_edits);

  return g_test_run ();
}
