#include "al-graph.h"

#include <string.h>

struct _AlGraph
{
  AlDocument *document;
  GPtrArray *components;   /* AlComponent*, document order */
  GHashTable *node_of;     /* AlComponent* → node + 1 */
  GPtrArray *consumed;     /* per node: GPtrArray of AlDependency* */
  GPtrArray *consumers;    /* per node: GPtrArray of AlDependency* */
  GHashTable *endpoints;   /* AlDependency* → AlComponent*[2] */
};

static int
compare_by_provider_name (gconstpointer a, gconstpointer b, gpointer user_data)
{
  AlGraph *graph = user_data;
  AlDependency *x = *(AlDependency *const *) a;
  AlDependency *y = *(AlDependency *const *) b;
  AlComponent *px = al_graph_get_to (graph, x);
  AlComponent *py = al_graph_get_to (graph, y);

  return strcmp (al_component_get_name (px), al_component_get_name (py));
}

AlGraph *
al_graph_new (AlDocument *document)
{
  GListModel *components, *dependencies;
  AlGraph *graph;
  guint n, n_deps;

  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  graph = g_new0 (AlGraph, 1);
  graph->document = g_object_ref (document);
  components = al_document_get_components (document);
  dependencies = al_document_get_dependencies (document);
  n = g_list_model_get_n_items (components);
  n_deps = g_list_model_get_n_items (dependencies);

  graph->components = g_ptr_array_new_full (n, g_object_unref);
  graph->node_of = g_hash_table_new (NULL, NULL);
  graph->consumed = g_ptr_array_new_full (n, (GDestroyNotify) g_ptr_array_unref);
  graph->consumers = g_ptr_array_new_full (n, (GDestroyNotify) g_ptr_array_unref);
  graph->endpoints = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);

  for (guint i = 0; i < n; i++)
    {
      AlComponent *component = g_list_model_get_item (components, i);
      g_ptr_array_add (graph->components, component);
      g_hash_table_insert (graph->node_of, component, GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (graph->consumed, g_ptr_array_new ());
      g_ptr_array_add (graph->consumers, g_ptr_array_new ());
    }

  for (guint i = 0; i < n_deps; i++)
    {
      AlDependency *dependency = g_list_model_get_item (dependencies, i);
      AlComponent *from = al_document_lookup_component (document, al_dependency_get_from (dependency));
      AlComponent *to = al_document_lookup_component (document, al_dependency_get_to (dependency));
      AlComponent **ends;

      if (from == NULL || to == NULL)
        {
          g_object_unref (dependency);
          continue;
        }
      ends = g_new (AlComponent *, 2);
      ends[0] = from;
      ends[1] = to;
      g_hash_table_insert (graph->endpoints, dependency, ends);
      g_ptr_array_add (g_ptr_array_index (graph->consumed, al_graph_get_node (graph, from)),
                       dependency);
      g_ptr_array_add (g_ptr_array_index (graph->consumers, al_graph_get_node (graph, to)),
                       dependency);
    }

  /* g_ptr_array_sort_with_data is a stable merge sort, so equal names keep
   * document order. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_sort_with_data (g_ptr_array_index (graph->consumed, i), compare_by_provider_name,
                                graph);
  return graph;
}

void
al_graph_free (AlGraph *graph)
{
  if (graph == NULL)
    return;
  g_ptr_array_unref (graph->consumed);
  g_ptr_array_unref (graph->consumers);
  g_hash_table_unref (graph->endpoints);
  g_hash_table_unref (graph->node_of);
  g_ptr_array_unref (graph->components);
  g_object_unref (graph->document);
  g_free (graph);
}

AlDocument *
al_graph_get_document (AlGraph *graph)
{
  return graph->document;
}

guint
al_graph_get_n_components (AlGraph *graph)
{
  return graph->components->len;
}

AlComponent *
al_graph_get_component (AlGraph *graph, guint node)
{
  g_return_val_if_fail (node < graph->components->len, NULL);
  return g_ptr_array_index (graph->components, node);
}

int
al_graph_get_node (AlGraph *graph, AlComponent *component)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (graph->node_of, component)) - 1;
}

static GPtrArray *
empty_array (void)
{
  static GPtrArray *empty;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      empty = g_ptr_array_new ();
      g_once_init_leave (&initialized, 1);
    }
  return empty;
}

GPtrArray *
al_graph_get_consumed (AlGraph *graph, AlComponent *component)
{
  int node = al_graph_get_node (graph, component);

  return node < 0 ? empty_array () : g_ptr_array_index (graph->consumed, node);
}

GPtrArray *
al_graph_get_consumers (AlGraph *graph, AlComponent *component)
{
  int node = al_graph_get_node (graph, component);

  return node < 0 ? empty_array () : g_ptr_array_index (graph->consumers, node);
}

AlComponent *
al_graph_get_from (AlGraph *graph, AlDependency *dependency)
{
  AlComponent **ends = g_hash_table_lookup (graph->endpoints, dependency);

  return ends ? ends[0] : NULL;
}

AlComponent *
al_graph_get_to (AlGraph *graph, AlDependency *dependency)
{
  AlComponent **ends = g_hash_table_lookup (graph->endpoints, dependency);

  return ends ? ends[1] : NULL;
}
