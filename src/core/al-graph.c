#include "al-graph.h"

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

/* Orders nodes by component name (ties in any order). */
static int
compare_names (const void *a, const void *b, void *user_data)
{
  AlComponent *const *components = user_data;

  return strcmp (al_component_get_name (components[*(const guint *) a]),
                 al_component_get_name (components[*(const guint *) b]));
}

/* The rank of each node's name among all names, equal names sharing one:
 * the edges are then ordered by comparing numbers, not names, which on a
 * large document meant a cache miss or two per comparison. */
static guint *
name_ranks (AlGraph *graph)
{
  guint n = graph->components->len;
  AlComponent **components = (AlComponent **) graph->components->pdata;
  g_autofree guint *by_name = g_new (guint, MAX (n, 1));
  guint *rank = g_new (guint, MAX (n, 1));
  guint next = 0;

  for (guint i = 0; i < n; i++)
    by_name[i] = i;
  g_qsort_with_data (by_name, n, sizeof (guint), compare_names, components);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0
          && strcmp (al_component_get_name (components[by_name[i]]),
                     al_component_get_name (components[by_name[i - 1]]))
                 != 0)
        next++;
      rank[by_name[i]] = next;
    }
  return rank;
}

AlGraph *
al_graph_new (AlDocument *document)
{
  GListModel *components, *dependencies;
  g_autofree guint *rank = NULL;
  g_autofree guint *start = NULL;
  g_autofree guint *by_provider = NULL;
  g_autofree guint *to_rank = NULL;
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
  rank = name_ranks (graph);

  to_rank = g_new (guint, MAX (n_deps, 1));
  for (guint i = 0; i < n_deps; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      AlComponent *from = al_document_lookup_component (document, al_dependency_get_from (dependency));
      AlComponent *to = al_document_lookup_component (document, al_dependency_get_to (dependency));
      AlEdge *edge;
      int to_node;

      if (from == NULL || to == NULL)
        continue;
      to_node = al_graph_get_node (graph, to);
      edge = &graph->edges[graph->n_edges];
      to_rank[graph->n_edges++] = rank[to_node];
      edge->dependency = dependency; /* the document's list keeps it alive */
      edge->from = from;
      edge->to = to;
      edge->from_node = al_graph_get_node (graph, from);
      edge->index = i;
      g_hash_table_insert (graph->edge_of, dependency, edge);
      g_ptr_array_add (g_ptr_array_index (graph->consumers, to_node), dependency);
    }

  /* The order of injection: provider name, then document order. The edges
   * are in document order, so a stable counting sort by the rank of the
   * provider's name gives it, and each consumer takes its edges in that
   * order. */
  start = g_new0 (guint, n + 1);
  for (guint i = 0; i < graph->n_edges; i++)
    start[to_rank[i] + 1]++;
  for (guint r = 0; r < n; r++)
    start[r + 1] += start[r];
  by_provider = g_new (guint, MAX (graph->n_edges, 1));
  for (guint i = 0; i < graph->n_edges; i++)
    by_provider[start[to_rank[i]]++] = i;
  for (guint i = 0; i < graph->n_edges; i++)
    {
      AlEdge *edge = &graph->edges[by_provider[i]];
      g_ptr_array_add (g_ptr_array_index (graph->consumed, edge->from_node), edge->dependency);
    }
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
