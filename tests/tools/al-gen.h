/* al-gen.h: synthetic but realistic documents for tests and benchmarks */
#pragma once

#include "al-document.h"

G_BEGIN_DECLS

/* The number of dependencies a document of @n_components gets by default. */
#define AL_GEN_DEFAULT_DEPENDENCIES(n_components) ((n_components) * 3)
/* At most one lane per known arch. */
#define AL_GEN_MAX_LANES 6

/* A document of @n_components components spread over two lanes (amd64 and
 * arm64) and @n_dependencies dependencies (fewer when the components cannot
 * hold that many distinct pairs). The same arguments always give the same
 * document, and it validates without errors: names and aliases are unique,
 * every provider has an inner port, "wait" dependencies form no cycle and no
 * two providers inject the same variable name. Free with g_object_unref(). */
AlDocument *al_gen_document (guint n_components, guint n_dependencies, guint32 seed);
/* The same on @n_lanes lanes (1 … AL_GEN_MAX_LANES), amd64 and arm64 first. */
AlDocument *al_gen_document_with_lanes (guint n_components, guint n_dependencies, guint n_lanes,
                                        guint32 seed);

G_END_DECLS
