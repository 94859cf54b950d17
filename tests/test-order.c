/* test-order: start-up order over "wait" dependencies, and its cycles */
#include "al-startup-order.h"
#include "al-test-util.h"

/* A document with @n components "n0", "n1" … (ids "c0" …) on one lane. */
static AlDocument *
make_document (guint n)
{
  AlDocument *doc = al_document_new ();
  g_autoptr (AlLane) lane = al_lane_new ("x86", "amd64", "x86_64");

  al_document_set_name (doc, "order");
  al_document_add_lane (doc, lane);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *name = g_strdup_printf ("n%u", i);
      g_autoptr (AlComponent) component = al_component_new (id, name, "x86");
      al_document_add_component (doc, component);
    }
  return doc;
}

/* @from waits for @to when @wait. */
static void
depend (AlDocument *doc, guint from, guint to, gboolean wait)
{
  g_autofree char *id = al_document_make_id (doc, "d");
  g_autofree char *from_id = g_strdup_printf ("c%u", from);
  g_autofree char *to_id = g_strdup_printf ("c%u", to);
  g_autoptr (AlDependency) dependency = al_dependency_new (id, from_id, to_id);

  al_dependency_set_wait (dependency, wait);
  al_document_add_dependency (doc, dependency);
}

/* The order as "n2 n0 n1". */
static char *
order_string (GPtrArray *components)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < components->len; i++)
    g_string_append_printf (str, "%s%s", i ? " " : "",
                            al_component_get_name (g_ptr_array_index (components, i)));
  return g_string_free (str, FALSE);
}

static AlStartupOrder *
compute (AlDocument *doc)
{
  g_autoptr (AlGraph) graph = al_graph_new (doc);
  AlStartupOrder *order = al_startup_order_compute (graph);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  /* Every component appears exactly once, whatever the graph. */
  g_assert_cmpuint (order->order->len, ==, al_graph_get_n_components (graph));
  for (guint i = 0; i < order->order->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (order->order, i)));
  return order;
}

static void
assert_order (AlDocument *doc, const char *expected)
{
  g_autoptr (AlStartupOrder) order = compute (doc);
  g_autofree char *text = order_string (order->order);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (order->cycles->len, ==, 0);
}

static void
test_chain (void)
{
  g_autoptr (AlDocument) doc = make_document (3);

  /* n0 waits for n1, which waits for n2: the provider at the end starts first. */
  depend (doc, 0, 1, TRUE);
  depend (doc, 1, 2, TRUE);
  assert_order (doc, "n2 n1 n0");
}

static void
test_diamond (void)
{
  g_autoptr (AlDocument) doc = make_document (4);

  /* n0 waits for n1 and n2, both wait for n3. */
  depend (doc, 0, 2, TRUE);
  depend (doc, 0, 1, TRUE);
  depend (doc, 2, 3, TRUE);
  depend (doc, 1, 3, TRUE);
  assert_order (doc, "n3 n1 n2 n0");
}

static void
test_ties_in_document_order (void)
{
  g_autoptr (AlDocument) doc = make_document (5);

  /* Nothing waits: document order. */
  assert_order (doc, "n0 n1 n2 n3 n4");

  /* n0 waits for n4: among the ready components the earliest comes first,
   * and n0 becomes ready only after n4. */
  depend (doc, 0, 4, TRUE);
  assert_order (doc, "n1 n2 n3 n4 n0");

  /* n3 waits for n1: it still comes before n4, which was never blocked. */
  depend (doc, 3, 1, TRUE);
  assert_order (doc, "n1 n2 n3 n4 n0");
}

static void
test_no_wait_is_ignored (void)
{
  g_autoptr (AlDocument) doc = make_document (2);

  /* n0 → n1 without wait and n1 → n0 with wait: no cycle, n0 first. */
  depend (doc, 0, 1, FALSE);
  depend (doc, 1, 0, TRUE);
  assert_order (doc, "n0 n1");

  /* A self-dependency without wait is no cycle either. */
  depend (doc, 0, 0, FALSE);
  assert_order (doc, "n0 n1");
}

static void
test_unknown_components_are_skipped (void)
{
  g_autoptr (AlDocument) doc = make_document (2);
  g_autoptr (AlDependency) dangling = al_dependency_new ("dx", "c1", "nowhere");

  al_document_add_dependency (doc, dangling);
  depend (doc, 0, 1, TRUE);
  assert_order (doc, "n1 n0");
}

static char *
cycle_string (AlStartupOrder *order, guint index)
{
  return order_string (g_ptr_array_index (order->cycles, index));
}

static void
test_disjoint_cycles (void)
{
  g_autoptr (AlDocument) doc = make_document (9);
  g_autoptr (AlStartupOrder) order = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  /* n5 → n1 → n5; n6 → n2 → n4 → n6; n3 waits for itself; n0 waits for the
   * first cycle without being on it; n7 → n8 is plain. */
  depend (doc, 5, 1, TRUE);
  depend (doc, 1, 5, TRUE);
  depend (doc, 6, 2, TRUE);
  depend (doc, 2, 4, TRUE);
  depend (doc, 4, 6, TRUE);
  depend (doc, 3, 3, TRUE);
  depend (doc, 0, 1, TRUE);
  depend (doc, 7, 8, TRUE);
  order = compute (doc);

  /* Each cycle once, its members in document order, cycles ordered by
   * their first member. */
  g_assert_cmpuint (order->cycles->len, ==, 3);
  first = cycle_string (order, 0);
  second = cycle_string (order, 1);
  third = cycle_string (order, 2);
  g_assert_cmpstr (first, ==, "n1 n5");
  g_assert_cmpstr (second, ==, "n2 n4 n6");
  g_assert_cmpstr (third, ==, "n3");

  /* Free components first, then the cycles; n0 still after its provider n1. */
  text = order_string (order->order);
  g_assert_cmpstr (text, ==, "n8 n7 n1 n0 n2 n3 n4 n5 n6");
}

static void
test_long_chain (void)
{
  const guint n = 20000;
  g_autoptr (AlDocument) doc = make_document (n);
  g_autoptr (AlStartupOrder) order = NULL;

  /* Each component waits for the next one: a path as deep as the document. */
  for (guint i = 0; i + 1 < n; i++)
    depend (doc, i, i + 1, TRUE);
  order = compute (doc);
  g_assert_cmpuint (order->cycles->len, ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", n - 1 - i);
      g_assert_cmpstr (al_component_get_name (g_ptr_array_index (order->order, i)), ==, name);
    }
}

static void
test_long_cycle (void)
{
  const guint n = 20000;
  g_autoptr (AlDocument) doc = make_document (n);
  g_autoptr (AlStartupOrder) order = NULL;
  GPtrArray *cycle;

  for (guint i = 0; i < n; i++)
    depend (doc, i, (i + 1) % n, TRUE);
  order = compute (doc);
  g_assert_cmpuint (order->cycles->len, ==, 1);
  cycle = g_ptr_array_index (order->cycles, 0);
  g_assert_cmpuint (cycle->len, ==, n);
  g_assert_cmpstr (al_component_get_name (g_ptr_array_index (cycle, 0)), ==, "n0");
  g_assert_cmpstr (al_component_get_name (g_ptr_array_index (cycle, n - 1)), ==, "n19999");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/order/chain", test_chain);
  g_test_add_func ("/order/diamond", test_diamond);
  g_test_add_func ("/order/ties-in-document-order", test_ties_in_document_order);
  g_test_add_func ("/order/no-wait-is-ignored", test_no_wait_is_ignored);
  g_test_add_func ("/order/unknown-components-are-skipped", test_unknown_components_are_skipped);
  g_test_add_func ("/order/disjoint-cycles", test_disjoint_cycles);
  g_test_add_func ("/order/long-chain", test_long_chain);
  g_test_add_func ("/order/long-cycle", test_long_cycle);
  return g_test_run ();
}
