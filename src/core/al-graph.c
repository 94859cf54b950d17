#include "al-graph.h"

#include <stdlib.h>
#include <string.h>

typedef struct
{
  AlDependency *dependency;
  AlComponent *from;
  AlComponent *to;
  guint from_node;
  guint index;             /* position in the document's list */
} AlEdge;

struct _AlGraph
{
  AlDocument *document;
  GPtrArray *components;   /* AlComponent*, document order */
  GHashTable *node_of;     /* AlComponent* → node + 1 */
  GPtrArray *consumed;     /* per node: GPtrArray of AlDependency* */
  GPtrArray *consumers;    /* per node: GPtrArray of AlDependency* */
  AlEdge *edges;           /* the dependencies whose both ends exist */
  guint n_edges;
  GHashTable *edge_of;     /* AlDependency* → AlEdge* */
};

/* Consumer first, then the order of injection: provider name, then
 * document order. */
static int
compare_edges (const void *a, const void *b)
{
  const AlEdge *x = *(const AlEdge *const *) a;
  const AlEdge *y = *(const AlEdge *const *) b;
  int c;

  if (x->from_node != y->from_node)
    return x->from_node < y->from_node ? -1 : 1;
  c = strcmp (al_component_get_name (x->to), al_component_get_name (y->to));
  if (c != 0)
    return c;
  return x->index < y->index ? -1 : (x->index > y->index);
}

AlGraph *
al_graph_new (AlDocument *document)
{
  GListModel *components, *dependencies;
  g_autofree AlEdge **by_consumer = NULL;
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
  graph->edges = g_new0 (AlEdge, n_deps);
  graph->edge_of = g_hash_table_new (NULL, NULL);

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
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      AlComponent *from = al_document_lookup_component (document, al_dependency_get_from (dependency));
      AlComponent *to = al_document_lookup_component (document, al_dependency_get_to (dependency));
      AlEdge *edge;

      if (from == NULL || to == NULL)
        continue;
      edge = &graph->edges[graph->n_edges++];
      edge->dependency = dependency; /* the document's list keeps it alive */
      edge->from = from;
      edge->to = to;
      edge->from_node = al_graph_get_node (graph, from);
      edge->index = i;
      g_hash_table_insert (graph->edge_of, dependency, edge);
      g_ptr_array_add (g_ptr_array_index (graph->consumers, al_graph_get_node (graph, to)),
                       dependency);
    }

  by_consumer = g_new (AlEdge *, graph->n_edges + 1);
  for (guint i = 0; i < graph->n_edges; i++)
    by_consumer[i] = &graph->edges[i];
  qsort (by_consumer, graph->n_edges, sizeof (AlEdge *), compare_edges);
  for (guint i = 0; i < graph->n_edges; i++)
    g_ptr_array_add (g_ptr_array_index (graph->consumed, by_consumer[i]->from_node),
                     by_consumer[i]->dependency);
  return graph;
}

void
al_graph_free (AlGraph *graph)
{
  if (graph == NULL)
    return;
  g_ptr_array_unref (graph->consumed);
  g_ptr_array_unref (graph->consumers);
  g_hash_table_unref (graph->edge_of);
  g_free (graph->edges);
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
  AlEdge *edge = g_hash_table_lookup (graph->edge_of, dependency);

  return edge ? edge->from : NULL;
}

AlComponent *
al_graph_get_to (AlGraph *graph, AlDependency *dependency)
{
  AlEdge *edge = g_hash_table_lookup (graph->edge_of, dependency);

  return edge ? edge->to : NULL;
}
