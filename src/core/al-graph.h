/* al-graph.h: the dependency graph of a document, indexed for analysis */
#pragma once

#include "al-document.h"

G_BEGIN_DECLS

/* A read-only snapshot of who depends on whom, built in linear time. It
 * borrows the document's objects: rebuild it after an edit. Dependencies
 * whose "from" or "to" names no component are left out (validation reports
 * them as unknown-component). */
typedef struct _AlGraph AlGraph;

AlGraph      *al_graph_new (AlDocument *document);
void          al_graph_free (AlGraph *graph);
AlDocument   *al_graph_get_document (AlGraph *graph);

/* Components in document order; the index of a component in this array is
 * its "node" number. */
guint         al_graph_get_n_components (AlGraph *graph);
AlComponent  *al_graph_get_component (AlGraph *graph, guint node);
/* The node of @component, or -1. */
int           al_graph_get_node (AlGraph *graph, AlComponent *component);

/* The dependencies that @component consumes (it is their "from"), sorted by
 * the provider's name, then document order: the order of injection. A
 * GPtrArray of borrowed AlDependency*, never %NULL. */
GPtrArray    *al_graph_get_consumed (AlGraph *graph, AlComponent *component);
/* The dependencies that consume @component (it is their "to"), in document
 * order. */
GPtrArray    *al_graph_get_consumers (AlGraph *graph, AlComponent *component);
AlComponent  *al_graph_get_from (AlGraph *graph, AlDependency *dependency);
AlComponent  *al_graph_get_to (AlGraph *graph, AlDependency *dependency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlGraph, al_graph_free)

G_END_DECLS
