/* al-validate.h: every diagnostic of a document (DESIGN §5) */
#pragma once

#include "al-diagnostic.h"
#include "al-graph.h"

G_BEGIN_DECLS

/* All diagnostics of @document: structure, names, lanes, ports, aliases,
 * env names, dependencies, the environment of every component (from the
 * injection resolver), start-up cycles and cross-architecture advice. A
 * GPtrArray of AlDiagnostic*, sorted with al_diagnostic_list_sort(). */
GPtrArray *al_validate_document (AlDocument *document);
/* The same with a graph the caller already built. */
GPtrArray *al_validate_graph (AlGraph *graph);
/* The same, also handing over the environment validation resolves for
 * every component (what the compiler needs), so that nothing is resolved
 * twice: @resolved_envs, when not %NULL, receives a GPtrArray of
 * AlResolvedEnv* in node order that frees them. */
GPtrArray *al_validate_graph_full (AlGraph *graph, GPtrArray **resolved_envs);

G_END_DECLS
