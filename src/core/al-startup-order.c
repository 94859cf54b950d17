#include "al-startup-order.h"

/* The "wait" edges as a compact adjacency (provider → waiting consumer), so
 * both the topological sort and the cycle search touch each edge O(1) times. */
typedef struct
{
  guint n;
  guint *offsets; /* n + 1 entries: edges of node u are targets[offsets[u] .. offsets[u+1]) */
  guint *targets;
} WaitEdges;

static void
wait_edges_init (WaitEdges *edges, AlGraph *graph)
{
  guint n = al_graph_get_n_components (graph);
  g_autofree guint *fill = NULL;
  guint n_edges = 0;

  edges->n = n;
  edges->offsets = g_new0 (guint, n + 1);

  /* First count the out-degree of every provider, then place the edges. */
  for (guint v = 0; v < n; v++)
    {
      GPtrArray *consumed = al_graph_get_consumed (graph, al_graph_get_component (graph, v));
      for (guint k = 0; k < consumed->len; k++)
        {
          AlDependency *dependency = g_ptr_array_index (consumed, k);
          if (al_dependency_get_wait (dependency))
            {
              int u = al_graph_get_node (graph, al_graph_get_to (graph, dependency));
              edges->offsets[u + 1]++;
              n_edges++;
            }
        }
    }
  for (guint u = 0; u < n; u++)
    edges->offsets[u + 1] += edges->offsets[u];

  edges->targets = g_new (guint, MAX (n_edges, 1));
  fill = g_memdup2 (edges->offsets, sizeof (guint) * n);
  for (guint v = 0; v < n; v++)
    {
      GPtrArray *consumed = al_graph_get_consumed (graph, al_graph_get_component (graph, v));
      for (guint k = 0; k < consumed->len; k++)
        {
          AlDependency *dependency = g_ptr_array_index (consumed, k);
          if (al_dependency_get_wait (dependency))
            {
              int u = al_graph_get_node (graph, al_graph_get_to (graph, dependency));
              edges->targets[fill[u]++] = v;
            }
        }
    }
}

static void
wait_edges_clear (WaitEdges *edges)
{
  g_free (edges->offsets);
  g_free (edges->targets);
}

/* Tarjan's strongly connected components, with an explicit stack so that a
 * chain of tens of thousands of components cannot exhaust the C stack.
 * Fills @scc_of with a component number per node; returns the count. */
static guint
find_components (const WaitEdges *edges, guint *scc_of)
{
  guint n = edges->n;
  g_autofree guint *index = g_new (guint, n);
  g_autofree guint *lowlink = g_new (guint, n);
  g_autofree gboolean *on_stack = g_new0 (gboolean, n);
  g_autofree guint *stack = g_new (guint, MAX (n, 1));
  g_autofree guint *call_node = g_new (guint, MAX (n, 1));
  g_autofree guint *call_edge = g_new (guint, MAX (n, 1));
  guint stack_len = 0, next_index = 0, n_scc = 0;

  for (guint v = 0; v < n; v++)
    index[v] = G_MAXUINT;

  for (guint root = 0; root < n; root++)
    {
      guint depth = 0;

      if (index[root] != G_MAXUINT)
        continue;

      call_node[0] = root;
      call_edge[0] = edges->offsets[root];
      index[root] = lowlink[root] = next_index++;
      stack[stack_len++] = root;
      on_stack[root] = TRUE;
      depth = 1;

      while (depth > 0)
        {
          guint v = call_node[depth - 1];

          if (call_edge[depth - 1] < edges->offsets[v + 1])
            {
              guint w = edges->targets[call_edge[depth - 1]++];

              if (index[w] == G_MAXUINT)
                {
                  index[w] = lowlink[w] = next_index++;
                  stack[stack_len++] = w;
                  on_stack[w] = TRUE;
                  call_node[depth] = w;
                  call_edge[depth] = edges->offsets[w];
                  depth++;
                }
              else if (on_stack[w])
                lowlink[v] = MIN (lowlink[v], index[w]);
              continue;
            }

          /* All edges of v are done: close its component if it is a root,
           * then return to the caller. */
          if (lowlink[v] == index[v])
            {
              guint w;
              do
                {
                  w = stack[--stack_len];
                  on_stack[w] = FALSE;
                  scc_of[w] = n_scc;
                }
              while (w != v);
              n_scc++;
            }
          depth--;
          if (depth > 0)
            {
              guint caller = call_node[depth - 1];
              lowlink[caller] = MIN (lowlink[caller], lowlink[v]);
            }
        }
    }
  return n_scc;
}

/* A binary min-heap of node numbers: the lowest node (earliest in the
 * document) among the ready ones comes out first. */
typedef struct
{
  guint *items;
  guint len;
} NodeHeap;

static void
heap_push (NodeHeap *heap, guint node)
{
  guint i = heap->len++;

  while (i > 0 && heap->items[(i - 1) / 2] > node)
    {
      heap->items[i] = heap->items[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  heap->items[i] = node;
}

static guint
heap_pop (NodeHeap *heap)
{
  guint top = heap->items[0];
  guint last = heap->items[--heap->len];
  guint i = 0;

  for (;;)
    {
      guint child = 2 * i + 1;
      if (child >= heap->len)
        break;
      if (child + 1 < heap->len && heap->items[child + 1] < heap->items[child])
        child++;
      if (heap->items[child] >= last)
        break;
      heap->items[i] = heap->items[child];
      i = child;
    }
  if (heap->len > 0)
    heap->items[i] = last;
  return top;
}

static void
release_consumers (const WaitEdges *edges, guint u, guint *in_degree, NodeHeap *heap)
{
  for (guint e = edges->offsets[u]; e < edges->offsets[u + 1]; e++)
    {
      guint v = edges->targets[e];
      if (--in_degree[v] == 0)
        heap_push (heap, v);
    }
}

AlStartupOrder *
al_startup_order_compute (AlGraph *graph)
{
  AlStartupOrder *result;
  WaitEdges edges;
  g_autofree guint *scc_of = NULL;
  g_autofree guint *scc_size = NULL;
  g_autofree gboolean *scc_cyclic = NULL;
  g_autofree guint *in_degree = NULL;
  g_autofree guint *internal_in = NULL;
  g_autofree GPtrArray **cycle_of_scc = NULL;
  NodeHeap heap = { NULL, 0 };
  guint n, n_scc;

  g_return_val_if_fail (graph != NULL, NULL);

  wait_edges_init (&edges, graph);
  n = edges.n;
  scc_of = g_new (guint, MAX (n, 1));
  n_scc = find_components (&edges, scc_of);

  /* A component of more than one node is a cycle; so is a single node that
   * waits for itself. Edges inside a cycle are counted apart so the cycle
   * can be broken once everything outside it has been placed. */
  scc_size = g_new0 (guint, MAX (n_scc, 1));
  scc_cyclic = g_new0 (gboolean, MAX (n_scc, 1));
  in_degree = g_new0 (guint, MAX (n, 1));
  internal_in = g_new0 (guint, MAX (n, 1));
  for (guint v = 0; v < n; v++)
    scc_size[scc_of[v]]++;
  for (guint u = 0; u < n; u++)
    for (guint e = edges.offsets[u]; e < edges.offsets[u + 1]; e++)
      {
        guint v = edges.targets[e];
        in_degree[v]++;
        if (scc_of[u] == scc_of[v])
          {
            internal_in[v]++;
            scc_cyclic[scc_of[v]] = TRUE;
          }
      }

  result = g_new0 (AlStartupOrder, 1);
  result->order = g_ptr_array_sized_new (n);
  result->cycles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  /* Nodes are visited in document order, so each cycle lists its members in
   * document order and the cycles come sorted by their first member. */
  cycle_of_scc = g_new0 (GPtrArray *, MAX (n_scc, 1));
  for (guint v = 0; v < n; v++)
    {
      guint s = scc_of[v];
      if (!scc_cyclic[s])
        continue;
      if (cycle_of_scc[s] == NULL)
        {
          cycle_of_scc[s] = g_ptr_array_sized_new (scc_size[s]);
          g_ptr_array_add (result->cycles, cycle_of_scc[s]);
        }
      g_ptr_array_add (cycle_of_scc[s], al_graph_get_component (graph, v));
    }

  /* Kahn's algorithm, lowest node first. The first pass places every
   * component that neither sits on a cycle nor waits on one. */
  heap.items = g_new (guint, MAX (n, 1));
  for (guint v = 0; v < n; v++)
    if (in_degree[v] == 0)
      heap_push (&heap, v);
  while (heap.len > 0)
    {
      guint u = heap_pop (&heap);
      g_ptr_array_add (result->order, al_graph_get_component (graph, u));
      release_consumers (&edges, u, in_degree, &heap);
    }

  /* Then the cycles, with the edges inside each cycle ignored: what is left
   * of the graph is acyclic, so the rest comes out providers first. */
  if (result->order->len < n)
    {
      for (guint v = 0; v < n; v++)
        if (in_degree[v] > 0)
          {
            in_degree[v] -= internal_in[v];
            if (in_degree[v] == 0)
              heap_push (&heap, v);
          }
      while (heap.len > 0)
        {
          guint u = heap_pop (&heap);
          g_ptr_array_add (result->order, al_graph_get_component (graph, u));
          for (guint e = edges.offsets[u]; e < edges.offsets[u + 1]; e++)
            {
              guint v = edges.targets[e];
              if (scc_of[u] != scc_of[v] && --in_degree[v] == 0)
                heap_push (&heap, v);
            }
        }
    }
  g_assert (result->order->len == n);

  g_free (heap.items);
  wait_edges_clear (&edges);
  return result;
}

void
al_startup_order_free (AlStartupOrder *order)
{
  if (order == NULL)
    return;
  g_ptr_array_unref (order->order);
  g_ptr_array_unref (order->cycles);
  g_free (order);
}
