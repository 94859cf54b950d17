/* test-history: undo, redo, transactions, merging and the saved state */
#include "al-document-io.h"
#include "al-enums.h"
#include "al-history.h"
#include "al-test-util.h"

#include <stdlib.h>
#include <string.h>

typedef struct
{
  AlDocument *doc;
  AlHistory *history;
  gint64 now;
  guint changed;
  AlLane *x86;
  AlLane *arm;
  AlComponent *mysql;
  AlComponent *api;
  AlComponent *web;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static void
count_changed (AlDocument *doc, guint *count)
{
  (*count)++;
}

static AlComponent *
add_component (AlDocument *doc, const char *id, const char *name, const char *lane, int port)
{
  g_autoptr (AlComponent) component = al_component_new (id, name, lane);
  g_autoptr (AlPort) p = al_port_new (port, AL_PROTOCOL_TCP);

  al_component_set_image (component, "example/image:1");
  al_component_insert (component, AL_COLLECTION_PORTS, 0, p);
  al_document_add_component (doc, component);
  return component; /* the document keeps it alive */
}

static void
add_dependency (AlDocument *doc, const char *id, const char *from, const char *to)
{
  g_autoptr (AlDependency) dependency = al_dependency_new (id, from, to);

  al_document_add_dependency (doc, dependency);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (AlLane) x86 = al_lane_new ("x86", "amd64", "x86_64");
  g_autoptr (AlLane) arm = al_lane_new ("arm", "arm64", "arm64");
  g_autoptr (AlEnvVar) env = al_env_var_new_value ("MYSQL_ROOT_PASSWORD", "changeme", TRUE);
  g_autoptr (AlEnvVar) conn = al_env_var_new_value ("MYSQL_USER", "root", FALSE);
  g_autoptr (AlVolume) volume = al_volume_new ("data", "/var/lib/mysql", 10240);

  f->doc = al_document_new ();
  al_document_set_name (f->doc, "shop");
  f->x86 = x86;
  f->arm = arm;
  al_document_add_lane (f->doc, x86);
  al_document_add_lane (f->doc, arm);
  f->mysql = add_component (f->doc, "c1", "mysql", "x86", 3306);
  f->api = add_component (f->doc, "c2", "api", "arm", 8080);
  f->web = add_component (f->doc, "c3", "web", "arm", 80);
  al_component_insert (f->mysql, AL_COLLECTION_ENV, 0, env);
  al_component_insert (f->mysql, AL_COLLECTION_CONNECTION, 0, conn);
  al_component_insert (f->mysql, AL_COLLECTION_VOLUMES, 0, volume);
  add_dependency (f->doc, "d1", "c2", "c1");
  add_dependency (f->doc, "d2", "c3", "c2");
  add_dependency (f->doc, "d3", "c3", "c1");

  f->history = al_history_new (f->doc);
  al_history_set_clock (f->history, fake_clock, &f->now);
  g_signal_connect (f->doc, "changed", G_CALLBACK (count_changed), &f->changed);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->doc);
}

static char *
save (AlDocument *doc)
{
  g_autoptr (GBytes) bytes = al_document_save_to_bytes (doc);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

static char *
ids_of (GListModel *model)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_autofree char *id = NULL;
      g_object_get (item, "id", &id, NULL);
      g_string_append_printf (ids, "%s%s", i ? " " : "", id);
    }
  return g_string_free (ids, FALSE);
}

/* Sets each property through the history, then checks undo and redo
 * restore exactly the old and new texts of the whole document. */
static void
check_set (Fixture *f, gpointer object, const char *property, const GValue *value)
{
  g_autofree char *before = save (f->doc);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  al_history_seal (f->history);
  al_history_set_property (f->history, object, property, value);
  after = save (f->doc);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (al_history_undo (f->history));
  undone = save (f->doc);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (al_history_redo (f->history));
  redone = save (f->doc);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_set_every_object (Fixture *f, gconstpointer data)
{
  AlProbe *probe = al_component_get_probe (f->mysql);
  g_autoptr (AlPort) port = g_list_model_get_item (al_component_get_ports (f->mysql), 0);
  g_autoptr (AlEnvVar) env = g_list_model_get_item (al_component_get_env (f->mysql), 0);
  g_autoptr (AlEnvVar) conn = g_list_model_get_item (al_component_get_connection (f->mysql), 0);
  g_autoptr (AlVolume) volume = g_list_model_get_item (al_component_get_volumes (f->mysql), 0);
  g_autoptr (AlDependency) dep = g_list_model_get_item (al_document_get_dependencies (f->doc), 0);
  const char *const command[] = { "mysqld", "--verbose", NULL };
  graphene_point_t where = GRAPHENE_POINT_INIT (12.5, -3);
  int ports[] = { 3306, 33060 };
  g_autoptr (GArray) port_list = g_array_new (FALSE, FALSE, sizeof (int));
  g_auto (GValue) v = G_VALUE_INIT;

  g_array_append_vals (port_list, ports, 2);

#define CHECK(object, property, TYPE, setter, val)                                                 \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_value_init (&v, TYPE);                                                                       \
    setter (&v, val);                                                                              \
    check_set (f, object, property, &v);                                                           \
    g_value_unset (&v);                                                                            \
  }                                                                                                \
  G_STMT_END

  CHECK (f->doc, "display-name", G_TYPE_STRING, g_value_set_string, "网上商城");
  CHECK (f->doc, "exposure", AL_TYPE_EXPOSURE, g_value_set_enum, AL_EXPOSURE_LOAD_BALANCER);
  CHECK (f->doc, "wait-image", G_TYPE_STRING, g_value_set_string, "busybox:1.37");
  CHECK (f->x86, "label", G_TYPE_STRING, g_value_set_string, "Intel");
  CHECK (f->arm, "tolerate-taint", G_TYPE_BOOLEAN, g_value_set_boolean, TRUE);
  CHECK (f->mysql, "kind", AL_TYPE_KIND, g_value_set_enum, AL_KIND_STATEFUL);
  CHECK (f->mysql, "replicas", G_TYPE_INT, g_value_set_int, 3);
  CHECK (f->mysql, "command", G_TYPE_STRV, g_value_set_boxed, command);
  CHECK (f->mysql, "position", GRAPHENE_TYPE_POINT, g_value_set_boxed, &where);
  CHECK (port, "alias", G_TYPE_STRING, g_value_set_string, "DB");
  CHECK (port, "protocol", AL_TYPE_PROTOCOL, g_value_set_enum, AL_PROTOCOL_GRPC);
  CHECK (port, "outer", G_TYPE_BOOLEAN, g_value_set_boolean, TRUE);
  CHECK (env, "value", G_TYPE_STRING, g_value_set_string, "s3cret");
  CHECK (conn, "name", G_TYPE_STRING, g_value_set_string, "DB_USER");
  CHECK (volume, "size-mib", G_TYPE_INT, g_value_set_int, 20480);
  CHECK (probe, "probe-type", AL_TYPE_PROBE_TYPE, g_value_set_enum, AL_PROBE_TCP);
  CHECK (probe, "port", G_TYPE_INT, g_value_set_int, 3306);
  CHECK (dep, "ports", G_TYPE_ARRAY, g_value_set_boxed, port_list);
  g_array_set_size (port_list, 1);
  CHECK (dep, "wait", G_TYPE_BOOLEAN, g_value_set_boolean, FALSE);
  CHECK (dep, "traffic", G_TYPE_INT, g_value_set_int, 60);
#undef CHECK

  /* A value equal to the current one is no step; the arch is normalised. */
  al_history_set (f->history, f->arm, "arch", "aarch64", NULL);
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Edit Dependency");
  al_history_set (f->history, f->arm, "arch", "x86_64", NULL);
  g_assert_cmpstr (al_lane_get_arch (f->arm), ==, "amd64");
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Edit Lane");
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_lane_get_arch (f->arm), ==, "arm64");

  /* Redo replays the value stored, not the caller's array, which may change. */
  al_history_set (f->history, dep, "ports", port_list, NULL);
  g_array_append_val (port_list, ports[0]);
  g_assert_true (al_history_undo (f->history));
  g_assert_true (al_history_redo (f->history));
  g_assert_cmpuint (al_dependency_get_ports (dep)->len, ==, 1);
  g_assert_cmpint (g_array_index (al_dependency_get_ports (dep), int, 0), ==, 3306);

  /* an alias can be removed again (nullable strings) */
  al_history_set (f->history, port, "alias", NULL, NULL);
  g_assert_null (al_port_get_alias (port));
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_port_get_alias (port), ==, "DB");
}

static void
test_insert_remove_every_collection (Fixture *f, gconstpointer data)
{
  g_autoptr (AlLane) lane = al_lane_new ("rv", "riscv64", "RISC-V");
  g_autoptr (AlComponent) cache = al_component_new ("c9", "cache", "x86");
  g_autoptr (AlDependency) dep = al_dependency_new ("d9", "c3", "c9");
  g_autoptr (AlPort) port = al_port_new (33060, AL_PROTOCOL_TCP);
  g_autoptr (AlEnvVar) env = al_env_var_new_secret_ref ("TOKEN", "tokens", "api");
  g_autoptr (AlEnvVar) conn = al_env_var_new_value ("MYSQL_DB", "shop", FALSE);
  g_autoptr (AlVolume) volume = al_volume_new ("logs", "/var/log/mysql", 512);
  struct
  {
    gpointer owner;
    AlCollection collection;
    gpointer item;
  } cases[] = {
    { f->doc, AL_COLLECTION_LANES, lane },
    { f->doc, AL_COLLECTION_COMPONENTS, cache },
    { f->doc, AL_COLLECTION_DEPENDENCIES, dep },
    { f->mysql, AL_COLLECTION_PORTS, port },
    { f->mysql, AL_COLLECTION_ENV, env },
    { f->mysql, AL_COLLECTION_CONNECTION, conn },
    { f->mysql, AL_COLLECTION_VOLUMES, volume },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GListModel *model = AL_IS_DOCUMENT (cases[i].owner)
                            ? al_document_get_collection (cases[i].owner, cases[i].collection)
                            : al_component_get_collection (cases[i].owner, cases[i].collection);
      guint n = g_list_model_get_n_items (model);
      g_autofree char *before = save (f->doc);
      g_autofree char *inserted = NULL;
      g_autofree char *now = NULL;
      g_autoptr (GObject) first = NULL;

      /* insert at the front, not at the end, so positions matter */
      al_history_insert (f->history, cases[i].owner, cases[i].collection, 0, cases[i].item);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
      first = g_list_model_get_item (model, 0);
      g_assert_true (first == cases[i].item);
      inserted = save (f->doc);

      g_assert_true (al_history_undo (f->history));
      now = save (f->doc);
      g_assert_cmpstr (now, ==, before);
      g_clear_pointer (&now, g_free);
      g_assert_true (al_history_redo (f->history));
      now = save (f->doc);
      g_assert_cmpstr (now, ==, inserted);
      g_clear_pointer (&now, g_free);

      al_history_remove (f->history, cases[i].owner, cases[i].collection, 0);
      now = save (f->doc);
      g_assert_cmpstr (now, ==, before);
      g_clear_pointer (&now, g_free);
      g_assert_true (al_history_undo (f->history));
      now = save (f->doc);
      g_assert_cmpstr (now, ==, inserted);
    }
}

static void
test_remove_component_restores_dependencies (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  g_autofree char *deps = NULL;

  /* mysql (c1) is in d1, d3, d4 and d6, two of them next to each other */
  add_dependency (f->doc, "d4", "c1", "c2");
  add_dependency (f->doc, "d5", "c3", "c2");
  add_dependency (f->doc, "d6", "c2", "c1");
  before = save (f->doc);

  al_history_remove_component (f->history, f->mysql);
  deps = ids_of (al_document_get_dependencies (f->doc));
  g_assert_cmpstr (deps, ==, "d2 d5");
  g_clear_pointer (&deps, g_free);
  deps = ids_of (al_document_get_components (f->doc));
  g_assert_cmpstr (deps, ==, "c2 c3");
  g_clear_pointer (&deps, g_free);
  g_assert_null (al_document_lookup_component (f->doc, "c1"));
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Remove Component");
  after = save (f->doc);

  /* one step */
  g_assert_true (al_history_undo (f->history));
  g_assert_false (al_history_can_undo (f->history));
  deps = ids_of (al_document_get_dependencies (f->doc));
  g_assert_cmpstr (deps, ==, "d1 d2 d3 d4 d5 d6");
  g_clear_pointer (&deps, g_free);
  g_assert_true (al_document_lookup_component (f->doc, "c1") == f->mysql);
  now = save (f->doc);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  g_assert_true (al_history_redo (f->history));
  now = save (f->doc);
  g_assert_cmpstr (now, ==, after);
}

static void
test_component_helpers (Fixture *f, gconstpointer data)
{
  g_autoptr (AlComponent) cache = al_component_new ("c9", "cache", "x86");
  g_autoptr (AlDependency) dep = al_dependency_new ("d9", "c2", "c9");
  g_autoptr (AlPort) port = al_port_new (6379, AL_PROTOCOL_TCP);
  g_autoptr (AlEnvVar) env = al_env_var_new_value ("MAXMEM", "1g", FALSE);
  g_autoptr (AlEnvVar) conn = al_env_var_new_value ("CACHE_DB", "0", FALSE);
  g_autoptr (AlVolume) volume = al_volume_new ("data", "/data", 1024);
  graphene_point_t p1 = GRAPHENE_POINT_INIT (40, 80);
  graphene_point_t p2 = GRAPHENE_POINT_INIT (300, 10);
  g_autofree char *initial = save (f->doc);
  g_autofree char *final = NULL;
  g_autofree char *now = NULL;
  guint steps = 0;

  al_history_add_component (f->history, cache);
  al_history_add_port (f->history, cache, port);
  al_history_add_env (f->history, cache, env);
  al_history_add_connection (f->history, cache, conn);
  al_history_add_volume (f->history, cache, volume);
  al_history_add_dependency (f->history, dep);
  al_history_rename_component (f->history, cache, "redis");
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Rename Component");
  al_history_move_component (f->history, cache, &p1);
  al_history_change_component_lane (f->history, cache, f->arm, &p2);
  g_assert_cmpstr (al_component_get_lane (cache), ==, "arm");
  g_assert_cmpfloat (al_component_get_position (cache)->x, ==, 300);
  al_history_remove_connection (f->history, cache, conn);
  al_history_remove_env (f->history, cache, env);
  al_history_remove_volume (f->history, cache, volume);
  al_history_remove_port (f->history, cache, port);
  al_history_remove_dependency (f->history, dep);
  g_assert_cmpuint (g_list_model_get_n_items (al_component_get_ports (cache)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_dependencies (f->doc)), ==, 3);
  g_assert_cmpuint (f->changed, ==, 14);
  final = save (f->doc);

  /* changing the lane is one step: position and lane together */
  while (al_history_undo (f->history))
    {
      steps++;
      if (steps == 6)
        {
          g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Move Component");
          g_assert_cmpstr (al_component_get_lane (cache), ==, "x86");
          g_assert_cmpfloat (al_component_get_position (cache)->x, ==, 40);
        }
    }
  g_assert_cmpuint (steps, ==, 14);
  now = save (f->doc);
  g_assert_cmpstr (now, ==, initial);
  g_clear_pointer (&now, g_free);
  while (al_history_redo (f->history))
    ;
  now = save (f->doc);
  g_assert_cmpstr (now, ==, final);
}

static void
test_lane_helpers (Fixture *f, gconstpointer data)
{
  g_autoptr (AlLane) loong = al_lane_new ("la", "loong64", "LoongArch");
  g_autofree char *initial = save (f->doc);
  g_autofree char *now = NULL;
  guint changed;

  al_history_add_lane (f->history, loong);
  al_history_modify_lane (f->history, loong, "x86-64", "Hygon", TRUE);
  g_assert_cmpstr (al_lane_get_arch (loong), ==, "amd64");
  g_assert_cmpstr (al_lane_get_label (loong), ==, "Hygon");
  g_assert_true (al_lane_get_tolerate_taint (loong));
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_lane_get_arch (loong), ==, "loong64");
  g_assert_cmpstr (al_lane_get_label (loong), ==, "LoongArch");
  g_assert_false (al_lane_get_tolerate_taint (loong));

  /* a lane with components is not removed without a target */
  changed = f->changed;
  g_assert_false (al_history_remove_lane (f->history, f->arm, NULL));
  g_assert_false (al_history_remove_lane (f->history, f->arm, f->arm));
  g_assert_cmpuint (f->changed, ==, changed);
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Add Lane");
  g_assert_cmpint (al_document_index_of (f->doc, AL_COLLECTION_LANES, f->arm), ==, 1);

  /* with one, its components move there, in the same step */
  g_assert_true (al_history_remove_lane (f->history, f->arm, loong));
  g_assert_cmpstr (al_component_get_lane (f->api), ==, "la");
  g_assert_cmpstr (al_component_get_lane (f->web), ==, "la");
  g_assert_cmpstr (al_component_get_lane (f->mysql), ==, "x86");
  g_assert_cmpint (al_document_index_of (f->doc, AL_COLLECTION_LANES, f->arm), ==, -1);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_lane (f->api), ==, "arm");
  g_assert_cmpint (al_document_index_of (f->doc, AL_COLLECTION_LANES, f->arm), ==, 1);

  /* an empty lane goes without a target */
  g_assert_true (al_history_remove_lane (f->history, loong, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_lanes (f->doc)), ==, 2);
  while (al_history_undo (f->history))
    ;
  now = save (f->doc);
  g_assert_cmpstr (now, ==, initial);
}

static void
test_transactions (Fixture *f, gconstpointer data)
{
  g_autofree char *initial = save (f->doc);
  g_autofree char *final = NULL;
  g_autofree char *now = NULL;

  al_history_begin (f->history, "Scale Up");
  al_history_set (f->history, f->mysql, "replicas", 3, "cpu-millis", 1000, NULL);
  al_history_begin (f->history, "Inner");
  al_history_remove_component (f->history, f->web);
  al_history_rename_component (f->history, f->api, "backend");
  al_history_end (f->history);
  al_history_set (f->history, f->mysql, "memory-mib", 2048, NULL);
  /* nothing is announced before the outermost end */
  g_assert_cmpuint (f->changed, ==, 0);
  g_assert_false (al_history_can_undo (f->history));
  al_history_end (f->history);

  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Scale Up");
  final = save (f->doc);

  g_assert_true (al_history_undo (f->history));
  g_assert_false (al_history_can_undo (f->history));
  g_assert_cmpuint (f->changed, ==, 2);
  now = save (f->doc);
  g_assert_cmpstr (now, ==, initial);
  g_clear_pointer (&now, g_free);
  g_assert_cmpstr (al_history_get_redo_label (f->history), ==, "Scale Up");

  g_assert_true (al_history_redo (f->history));
  g_assert_cmpuint (f->changed, ==, 3);
  now = save (f->doc);
  g_assert_cmpstr (now, ==, final);

  /* an empty transaction, or one whose edits change nothing, is no step */
  al_history_begin (f->history, "Nothing");
  al_history_set (f->history, f->mysql, "replicas", 3, NULL);
  al_history_end (f->history);
  g_assert_cmpuint (f->changed, ==, 3);
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Scale Up");
  g_assert_false (al_history_can_redo (f->history));

  /* without a label, the step is named after its first edit */
  al_history_begin (f->history, NULL);
  al_history_begin (f->history, NULL);
  al_history_remove_component (f->history, f->api);
  al_history_end (f->history);
  al_history_rename_component (f->history, f->mysql, "db");
  al_history_end (f->history);
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Remove Component");
}

static void
test_merge (Fixture *f, gconstpointer data)
{
  al_history_set_merge_interval (f->history, G_USEC_PER_SEC);

  /* typing: one step, whatever its length, if no pause exceeds a second */
  for (const char *text = "MySQL database"; *text; text++)
    {
      g_autofree char *prefix = g_strndup ("MySQL database", text - "MySQL database" + 1);
      f->now += 300 * 1000;
      al_history_set (f->history, f->mysql, "display-name", prefix, NULL);
    }
  g_assert_cmpuint (f->changed, ==, 14);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_display_name (f->mysql), ==, "");
  g_assert_false (al_history_can_undo (f->history));
  g_assert_true (al_history_redo (f->history));
  g_assert_cmpstr (al_component_get_display_name (f->mysql), ==, "MySQL database");

  /* after a redo, the next edit starts a step */
  f->now += 1000;
  al_history_set (f->history, f->mysql, "display-name", "MySQL", NULL);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_display_name (f->mysql), ==, "MySQL database");

  /* after an undo, too, even on the field of the step now on top */
  f->now += 1000;
  al_history_set (f->history, f->api, "image", "api:0", NULL);
  f->now += 1000;
  al_history_set (f->history, f->api, "replicas", 2, NULL);
  g_assert_true (al_history_undo (f->history));
  f->now += 1000;
  al_history_set (f->history, f->api, "image", "api:00", NULL);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_image (f->api), ==, "api:0");

  /* a pause longer than the interval */
  al_history_set (f->history, f->api, "image", "api:1", NULL);
  f->now += G_USEC_PER_SEC + 1;
  al_history_set (f->history, f->api, "image", "api:2", NULL);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_image (f->api), ==, "api:1");

  /* a seal */
  f->now += 10;
  al_history_set (f->history, f->api, "image", "api:3", NULL);
  al_history_seal (f->history);
  f->now += 10;
  al_history_set (f->history, f->api, "image", "api:4", NULL);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_image (f->api), ==, "api:3");

  /* another field, or the same field of another object */
  f->now += 10;
  al_history_set (f->history, f->api, "image", "api:5", NULL);
  f->now += 10;
  al_history_set (f->history, f->api, "display-name", "API", NULL);
  f->now += 10;
  al_history_set (f->history, f->web, "display-name", "Web", NULL);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_display_name (f->api), ==, "API");
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_image (f->api), ==, "api:5");

  /* a transaction is never merged into */
  f->now += 10;
  al_history_begin (f->history, "Set Image");
  al_history_set (f->history, f->web, "image", "web:1", NULL);
  al_history_end (f->history);
  f->now += 10;
  al_history_set (f->history, f->web, "image", "web:2", NULL);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_image (f->web), ==, "web:1");

  /* dragging: moves merge like typing */
  for (int x = 1; x <= 20; x++)
    {
      graphene_point_t p = GRAPHENE_POINT_INIT (x * 1.5, x);
      f->now += 16000;
      al_history_move_component (f->history, f->web, &p);
    }
  g_assert_cmpfloat (al_component_get_position (f->web)->x, ==, 30);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpfloat (al_component_get_position (f->web)->x, ==, 0);
  g_assert_cmpstr (al_component_get_image (f->web), ==, "web:1");
}

static void
test_merge_back_to_start (Fixture *f, gconstpointer data)
{
  al_history_set (f->history, f->web, "image", "w", NULL);
  al_history_seal (f->history);
  al_history_mark_saved (f->history);
  f->now += 10;
  al_history_set (f->history, f->api, "replicas", 2, NULL);
  g_assert_true (al_history_is_modified (f->history));
  f->now += 10;
  al_history_set (f->history, f->api, "replicas", 1, NULL);
  /* typed and erased: the step is gone, and the document is clean again */
  g_assert_false (al_history_is_modified (f->history));
  g_assert_cmpuint (f->changed, ==, 3);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_image (f->web), ==, "example/image:1");

  /* saving seals: an edit after it is its own step */
  g_assert_true (al_history_redo (f->history));
  al_history_set (f->history, f->api, "image", "a", NULL);
  al_history_mark_saved (f->history);
  al_history_set (f->history, f->api, "image", "ab", NULL);
  g_assert_true (al_history_is_modified (f->history));
  g_assert_true (al_history_undo (f->history));
  g_assert_false (al_history_is_modified (f->history));
  g_assert_cmpstr (al_component_get_image (f->api), ==, "a");
}

static void
record_notify (GObject *object, GParamSpec *pspec, GString *log)
{
  g_string_append_printf (log, "%s ", pspec->name);
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The properties notified since the last call, sorted (the order of
 * notifications is not part of the contract). */
static char *
take_notified (GString *log)
{
  g_auto (GStrv) names = g_strsplit (g_strchomp (log->str), " ", -1);

  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  g_string_truncate (log, 0);
  return g_strjoinv (" ", names);
}

#define assert_notified(log, expected)                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *names_ = take_notified (log);                                                 \
    g_assert_cmpstr (names_, ==, expected);                                                        \
  }                                                                                                \
  G_STMT_END

static void
test_state_and_saved_marker (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) log = g_string_new (NULL);

  g_signal_connect (f->history, "notify", G_CALLBACK (record_notify), log);
  g_assert_false (al_history_can_undo (f->history));
  g_assert_false (al_history_is_modified (f->history));
  g_assert_null (al_history_get_undo_label (f->history));

  al_history_set (f->history, f->web, "replicas", 2, NULL);
  assert_notified (log, "can-undo modified undo-label");
  g_assert_cmpstr (al_history_get_undo_label (f->history), ==, "Edit Component");

  f->now += 5 * G_USEC_PER_SEC;
  al_history_set (f->history, f->doc, "namespace", "shop-prod", NULL);
  assert_notified (log, "undo-label");

  al_history_mark_saved (f->history);
  assert_notified (log, "modified");

  g_assert_true (al_history_undo (f->history));
  assert_notified (log, "can-redo modified redo-label undo-label");
  g_assert_cmpstr (al_history_get_redo_label (f->history), ==, "Edit Application");
  g_assert_true (al_history_is_modified (f->history));
  g_assert_true (al_history_redo (f->history));
  g_assert_false (al_history_is_modified (f->history));

  /* undo past the saved state, then a new edit: the redo stack is cleared
   * and the saved state cannot come back */
  g_assert_true (al_history_undo (f->history));
  g_assert_true (al_history_undo (f->history));
  g_assert_false (al_history_can_undo (f->history));
  al_history_set (f->history, f->web, "replicas", 5, NULL);
  g_assert_false (al_history_can_redo (f->history));
  g_assert_null (al_history_get_redo_label (f->history));
  g_assert_true (al_history_is_modified (f->history));
  g_assert_true (al_history_undo (f->history));
  g_assert_true (al_history_is_modified (f->history));
  g_assert_false (al_history_redo (f->history) && al_history_redo (f->history));

  /* clearing keeps the state: still modified, nothing to undo */
  g_string_truncate (log, 0);
  al_history_clear (f->history);
  assert_notified (log, "can-undo undo-label");
  g_assert_false (al_history_can_undo (f->history));
  g_assert_false (al_history_can_redo (f->history));
  g_assert_true (al_history_is_modified (f->history));
  al_history_mark_saved (f->history);
  g_assert_false (al_history_is_modified (f->history));
  al_history_clear (f->history);
  g_assert_false (al_history_is_modified (f->history));
  g_assert_cmpuint (f->changed, ==, 9);
}

static void
test_changed_once (Fixture *f, gconstpointer data)
{
  g_autoptr (AlPort) port = al_port_new (9000, AL_PROTOCOL_HTTP);
  graphene_point_t p = GRAPHENE_POINT_INIT (5, 5);
  const int ports[] = { 3306 };

  /* a command: one, even when it changes several objects */
  al_history_remove_component (f->history, f->mysql);
  g_assert_cmpuint (f->changed, ==, 1);
  al_history_change_component_lane (f->history, f->web, f->x86, &p);
  g_assert_cmpuint (f->changed, ==, 2);
  /* a transaction: one */
  al_history_begin (f->history, "Many");
  al_history_add_port (f->history, f->api, port);
  al_history_set (f->history, f->api, "replicas", 4, "kind", AL_KIND_STATEFUL, NULL);
  al_history_begin (f->history, NULL);
  al_history_set (f->history, al_component_get_probe (f->api), "probe-type", AL_PROBE_HTTP,
                  "path", "/healthz", NULL);
  al_history_end (f->history);
  al_history_end (f->history);
  g_assert_cmpuint (f->changed, ==, 3);
  /* undo and redo: one each */
  g_assert_true (al_history_undo (f->history));
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpuint (f->changed, ==, 5);
  g_assert_true (al_history_redo (f->history));
  g_assert_cmpuint (f->changed, ==, 6);
  /* nothing to do, or nothing changed: none */
  g_assert_true (al_history_redo (f->history));
  g_assert_false (al_history_redo (f->history));
  g_assert_cmpuint (f->changed, ==, 7);
  al_history_set (f->history, f->api, "replicas", 4, NULL);
  al_history_move_component (f->history, f->web, &p);
  g_assert_cmpuint (f->changed, ==, 7);
  /* merged edits still announce each change */
  {
    g_autoptr (AlDependency) dep = g_list_model_get_item (al_document_get_dependencies (f->doc), 0);
    g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (int));
    g_array_append_vals (list, ports, 1);
    al_history_set (f->history, dep, "ports", list, NULL);
    al_history_set (f->history, dep, "ports", NULL, NULL);
    g_assert_cmpuint (f->changed, ==, 9);
  }
}

static void
edit_from_handler (GObject *object, GParamSpec *pspec, AlHistory *history)
{
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*busy*");
  al_history_set (history, object, "cpu-millis", 100, NULL);
  g_test_assert_expected_messages ();
}

static void
test_reentrant_edit_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *before = save (f->doc);
  g_autofree char *now = NULL;

  g_signal_connect (f->web, "notify::replicas", G_CALLBACK (edit_from_handler), f->history);
  al_history_set (f->history, f->web, "replicas", 7, NULL);
  g_assert_cmpint (al_component_get_cpu_millis (f->web), ==, 250);
  g_assert_true (al_history_undo (f->history));
  g_assert_false (al_history_can_undo (f->history));
  now = save (f->doc);
  g_assert_cmpstr (now, ==, before);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/history/set/every-object", test_set_every_object);
  ADD ("/history/collections/insert-remove", test_insert_remove_every_collection);
  ADD ("/history/component/remove-restores-dependencies",
       test_remove_component_restores_dependencies);
  ADD ("/history/component/helpers", test_component_helpers);
  ADD ("/history/lane/helpers", test_lane_helpers);
  ADD ("/history/transactions", test_transactions);
  ADD ("/history/merge/rules", test_merge);
  ADD ("/history/merge/back-to-start", test_merge_back_to_start);
  ADD ("/history/state-and-saved-marker", test_state_and_saved_marker);
  ADD ("/history/changed-once", test_changed_once);
  ADD ("/history/reentrant-edit-refused", test_reentrant_edit_refused);
#undef ADD

  return g_test_run ();
}
