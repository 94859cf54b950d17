/* test-model: the document model, its lists, lookups and notifications */
#include "al-document.h"
#include "al-graph.h"
#include "al-test-util.h"

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_lane_arch_is_normalised (void)
{
  g_autoptr (AlLane) lane = al_lane_new ("l", "x86_64", "x86");

  g_assert_cmpstr (al_lane_get_arch (lane), ==, "amd64");
  al_lane_set_arch (lane, "AArch64");
  g_assert_cmpstr (al_lane_get_arch (lane), ==, "arm64");
  /* 32-bit arm and unknown arches stay as written, for validation to report */
  al_lane_set_arch (lane, "arm");
  g_assert_cmpstr (al_lane_get_arch (lane), ==, "arm");
  g_assert_null (al_arch_normalize ("arm"));
  g_assert_null (al_arch_normalize ("sparc"));
  g_assert_cmpstr (al_arch_normalize ("x86-64"), ==, "amd64");
  g_assert_cmpstr (al_arch_normalize ("armv8"), ==, "arm64");
}

static void
test_notify_only_on_change (void)
{
  g_autoptr (AlComponent) c = al_component_new ("c1", "mysql", "x86");
  guint count = 0;
  graphene_point_t p = GRAPHENE_POINT_INIT (10, 20);

  g_signal_connect (c, "notify", G_CALLBACK (count_notify), &count);
  al_component_set_name (c, "mysql");
  al_component_set_replicas (c, 1);
  g_assert_cmpuint (count, ==, 0);
  al_component_set_name (c, "db");
  al_component_set_replicas (c, 3);
  al_component_set_position (c, &p);
  al_component_set_position (c, &p);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpfloat (al_component_get_position (c)->y, ==, 20);
}

static void
test_lookups_follow_edits (void)
{
  g_autoptr (AlDocument) doc = al_document_new ();
  g_autoptr (AlComponent) a = al_component_new ("c1", "web", "x86");
  g_autoptr (AlComponent) b = al_component_new ("c2", "api", "x86");
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  al_document_add_component (doc, a);
  al_document_add_component (doc, b);
  g_assert_true (al_document_lookup_component (doc, "c1") == a);
  g_assert_true (al_document_lookup_component_by_name (doc, "api") == b);

  al_component_set_name (b, "backend");
  g_assert_null (al_document_lookup_component_by_name (doc, "api"));
  g_assert_true (al_document_lookup_component_by_name (doc, "backend") == b);

  al_component_set_id (a, "c9");
  g_assert_null (al_document_lookup_component (doc, "c1"));
  g_assert_true (al_document_lookup_component (doc, "c9") == a);

  name = al_document_make_unique_name (doc, "web");
  g_assert_cmpstr (name, ==, "web-2");
  id = al_document_make_id (doc, "c");
  g_assert_null (al_document_lookup_component (doc, id));

  al_document_remove (doc, AL_COLLECTION_COMPONENTS, 0);
  g_assert_null (al_document_lookup_component (doc, "c9"));
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_components (doc)), ==, 1);
  /* the removed component no longer updates the index */
  al_component_set_name (a, "backend");
  g_assert_true (al_document_lookup_component_by_name (doc, "backend") == b);
}

static void
test_duplicate_names_still_found (void)
{
  g_autoptr (AlDocument) doc = al_document_new ();
  g_autoptr (AlComponent) a = al_component_new ("c1", "web", "x86");
  g_autoptr (AlComponent) b = al_component_new ("c2", "web", "x86");

  al_document_add_component (doc, a);
  al_document_add_component (doc, b);
  al_document_remove (doc, AL_COLLECTION_COMPONENTS, 0);
  g_assert_true (al_document_lookup_component_by_name (doc, "web") == b);
}

static void
test_default_port_alias (void)
{
  g_autoptr (AlComponent) c = al_component_new ("c1", "order-service", "x86");
  g_autoptr (AlPort) http = al_port_new (8080, AL_PROTOCOL_HTTP);
  g_autoptr (AlPort) grpc = al_port_new (9090, AL_PROTOCOL_GRPC);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *named = NULL;

  al_component_insert (c, AL_COLLECTION_PORTS, 0, http);
  one = al_component_dup_port_alias (c, http);
  g_assert_cmpstr (one, ==, "ORDER_SERVICE");
  al_component_insert (c, AL_COLLECTION_PORTS, 1, grpc);
  two = al_component_dup_port_alias (c, grpc);
  g_assert_cmpstr (two, ==, "ORDER_SERVICE_9090");
  al_port_set_alias (grpc, "ORDERS_GRPC");
  named = al_component_dup_port_alias (c, grpc);
  g_assert_cmpstr (named, ==, "ORDERS_GRPC");
  g_assert_true (al_component_find_port (c, 9090) == grpc);
  g_assert_null (al_component_find_port (c, 1));
}

static void
test_graph_orders_by_provider_name (void)
{
  g_autoptr (AlDocument) doc = al_document_new ();
  const char *names[] = { "web", "redis", "mysql", "auth" };
  g_autoptr (AlGraph) graph = NULL;
  GPtrArray *consumed;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr (AlComponent) c = al_component_new (id, names[i], "x86");
      al_document_add_component (doc, c);
    }
  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      g_autofree char *to = g_strdup_printf ("c%u", i);
      g_autoptr (AlDependency) d = al_dependency_new (id, "c0", to);
      al_document_add_dependency (doc, d);
    }
  {
    g_autoptr (AlDependency) dangling = al_dependency_new ("d9", "c0", "nope");
    al_document_add_dependency (doc, dangling);
  }

  graph = al_graph_new (doc);
  consumed = al_graph_get_consumed (graph, al_document_lookup_component (doc, "c0"));
  g_assert_cmpuint (consumed->len, ==, 3);
  g_assert_cmpstr (al_dependency_get_to (g_ptr_array_index (consumed, 0)), ==, "c3"); /* auth */
  g_assert_cmpstr (al_dependency_get_to (g_ptr_array_index (consumed, 1)), ==, "c2"); /* mysql */
  g_assert_cmpstr (al_dependency_get_to (g_ptr_array_index (consumed, 2)), ==, "c1"); /* redis */
  g_assert_cmpuint (al_graph_get_consumers (graph, al_document_lookup_component (doc, "c2"))->len,
                    ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/lane-arch-normalised", test_lane_arch_is_normalised);
  g_test_add_func ("/model/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/model/lookups-follow-edits", test_lookups_follow_edits);
  g_test_add_func ("/model/duplicate-names", test_duplicate_names_still_found);
  g_test_add_func ("/model/default-port-alias", test_default_port_alias);
  g_test_add_func ("/model/graph-provider-order", test_graph_orders_by_provider_name);
  return g_test_run ();
}
