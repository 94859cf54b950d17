/* al-k8s-compiler.h: a document compiled to Kubernetes objects (DESIGN §4) */
#pragma once

#include <json-glib/json-glib.h>

#include "al-graph.h"

G_BEGIN_DECLS

#define AL_COMPILE_ERROR (al_compile_error_quark ())
GQuark al_compile_error_quark (void);

typedef enum
{
  AL_COMPILE_ERROR_DIAGNOSTICS, /* the document has errors; see the diagnostics */
  AL_COMPILE_ERROR_IO,          /* the output cannot be written */
} AlCompileError;

typedef enum
{
  AL_MANIFEST_YAML,
  AL_MANIFEST_JSON,
} AlManifestFormat;

typedef struct
{
  char *component_id;
  char *component_name;
  /* JsonNode* (objects), in the order of DESIGN §4: Secrets, Services,
   * then the Deployment or StatefulSet. This JSON is also the body a deploy
   * sends. */
  GPtrArray *objects;
} AlComponentManifest;

typedef struct
{
  /* The Namespace object, or %NULL when the application has no namespace. */
  JsonNode *namespace_object;
  /* AlComponentManifest*, in document order. */
  GPtrArray *components;
} AlManifests;

/* Compiles every component. Refuses (returns %NULL with
 * AL_COMPILE_ERROR_DIAGNOSTICS) when validation finds errors; @diagnostics,
 * when not %NULL, receives every diagnostic (errors and warnings) either
 * way. Deterministic: the same document gives the same objects. */
AlManifests *al_k8s_compile (AlGraph *graph, GPtrArray **diagnostics, GError **error);
/* The objects of one component, without validating the whole document
 * (for the editor's live Manifest view). */
AlComponentManifest *al_k8s_compile_component (AlGraph *graph, AlComponent *component);

/* Writes "<component>.yaml" (or .json) per component, "namespace.yaml" when
 * there is a namespace, and "kustomization.yaml" listing them, into @dir
 * (created when missing), so `kubectl apply -k DIR` works. Each file is
 * written in place (a symbolic link is replaced); a file that cannot be
 * written whole is removed, and kustomization.yaml comes last, so a failed
 * run never lists a missing or partial file. */
gboolean     al_manifests_write_to_directory (AlManifests *manifests, const char *dir,
                                              AlManifestFormat format, GError **error);

/* Compiles every component and writes the folder that
 * al_manifests_write_to_directory() writes, one component at a time: its
 * objects go to its file as they are compiled and are dropped before the
 * next component, so besides the environments validation resolved (each
 * freed once its component is written) memory holds only the few
 * components in flight. Validates once, and refuses (returns %FALSE with
 * AL_COMPILE_ERROR_DIAGNOSTICS) before writing anything, not even the
 * folder, when the document has errors; @diagnostics as for
 * al_k8s_compile(). YAML is made in a second thread when there is a second
 * processor; the document is only read by the calling thread. The same
 * document gives the same files as al_k8s_compile() and
 * al_manifests_write_to_directory(). */
gboolean     al_k8s_compile_to_directory (AlGraph *graph, const char *dir, AlManifestFormat format,
                                          GPtrArray **diagnostics, GError **error);

void         al_component_manifest_free (AlComponentManifest *manifest);
void         al_manifests_free (AlManifests *manifests);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlComponentManifest, al_component_manifest_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlManifests, al_manifests_free)

G_END_DECLS
