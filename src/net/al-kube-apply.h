/* al-kube-apply.h: deploying compiled manifests with server-side apply */
#pragma once

#include "al-graph.h"
#include "al-k8s-compiler.h"
#include "al-kube-client.h"

G_BEGIN_DECLS

typedef enum
{
  AL_KUBE_APPLY_NONE = 0,
  AL_KUBE_APPLY_DRY_RUN = 1 << 0,         /* dryRun=All: the server checks, nothing changes */
  AL_KUBE_APPLY_FORCE_CONFLICTS = 1 << 1, /* force=true: take over fields of other managers */
} AlKubeApplyFlags;

/* What a preview found for an object. */
typedef enum
{
  AL_KUBE_PREVIEW_UNKNOWN,   /* not previewed (or the GET failed) */
  AL_KUBE_PREVIEW_CREATE,    /* not in the cluster */
  AL_KUBE_PREVIEW_CHANGE,    /* some field the document sets differs */
  AL_KUBE_PREVIEW_UNCHANGED, /* every field the document sets is as in the cluster */
} AlKubePreview;

/* Where an object stands in a run. */
typedef enum
{
  AL_KUBE_OBJECT_PENDING,    /* not sent yet, or its answer never came (cancelled) */
  AL_KUBE_OBJECT_CREATED,
  AL_KUBE_OBJECT_CONFIGURED,
  AL_KUBE_OBJECT_UNCHANGED,
  AL_KUBE_OBJECT_APPLIED,    /* accepted; whether it changed is not known (no preview) */
  AL_KUBE_OBJECT_FAILED,     /* see the item's error */
} AlKubeObjectState;

/* One object of the plan. Owned by the AlKubeApply; read only. */
typedef struct
{
  guint index;               /* in the plan: al_kube_apply_get_item (plan, index) */
  char *kind;
  char *name;
  char *namespace_;          /* %NULL for the Namespace itself */
  char *component_id;        /* %NULL for the Namespace */
  char *component_name;
  char *path;                /* the object's API path */
  JsonNode *object;          /* the body sent: never print it (Secrets) */
  guint phase;               /* objects of a lower phase are applied first */
  AlKubePreview preview;
  char *live_resource_version; /* from the preview, when the object exists */
  AlKubeObjectState state;
  GError *error;             /* when FAILED (or when the preview's GET failed) */
} AlKubeApplyItem;

/* An object found in the cluster that the document no longer has. */
typedef struct
{
  char *kind;
  char *name;
  char *namespace_;
  char *path;
  GError *error;             /* set by al_kube_apply_prune_async() when it failed */
  gboolean deleted;
} AlKubeObjectRef;

void al_kube_object_ref_free (AlKubeObjectRef *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlKubeObjectRef, al_kube_object_ref_free)

#define AL_TYPE_KUBE_APPLY (al_kube_apply_get_type ())
G_DECLARE_FINAL_TYPE (AlKubeApply, al_kube_apply, AL, KUBE_APPLY, GObject)

/* The plan for @manifests (compiled from @graph's document): the Namespace,
 * then every Secret, Service and PersistentVolumeClaim, then the workloads
 * in start-up order, a workload only after those it waits for. Objects go
 * into @namespace_ when not %NULL, else into the document's namespace, else
 * into "default". Keeps what it needs: @graph and @manifests may go. */
AlKubeApply            *al_kube_apply_new (AlKubeClient *client, AlGraph *graph,
                                           AlManifests *manifests, const char *namespace_);

const char             *al_kube_apply_get_namespace (AlKubeApply *self);
const char             *al_kube_apply_get_application (AlKubeApply *self);
/* Requests at a time within a phase (default 6). */
void                    al_kube_apply_set_max_in_flight (AlKubeApply *self, guint max_in_flight);

guint                   al_kube_apply_get_n_items (AlKubeApply *self);
const AlKubeApplyItem  *al_kube_apply_get_item (AlKubeApply *self, guint index);
guint                   al_kube_apply_count_state (AlKubeApply *self, AlKubeObjectState state);
guint                   al_kube_apply_count_preview (AlKubeApply *self, AlKubePreview preview);

/* GETs every object to tell what a run would create, change or leave
 * unchanged; emits ::item-changed for each. Fails only when the cluster
 * cannot be used (AL_NET_ERROR_CONNECTION, TLS, KUBE_UNAUTHORIZED …) or on
 * cancellation (AL_NET_ERROR_CANCELLED). */
void                    al_kube_apply_preview_async (AlKubeApply *self, GCancellable *cancellable,
                                                     GAsyncReadyCallback callback, gpointer user_data);
gboolean                al_kube_apply_preview_finish (AlKubeApply *self, GAsyncResult *result,
                                                      GError **error);

/* Applies every object not yet applied (a second run after a cancellation
 * or failure sends what is left; applying is idempotent, so a fresh plan
 * may also simply be run again). Emits ::item-changed when an object is
 * sent back its answer. Fails with AL_NET_ERROR_CANCELLED when cancelled
 * (objects whose answer did not come stay PENDING: each one is applied
 * whole or not at all), with the first fatal error when the cluster cannot
 * be used (the rest is not sent), and with AL_NET_ERROR_FAILED when some
 * objects failed (see their errors). */
void                    al_kube_apply_run_async (AlKubeApply *self, AlKubeApplyFlags flags,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
gboolean                al_kube_apply_run_finish (AlKubeApply *self, GAsyncResult *result,
                                                  GError **error);

/* Lists the Secrets, Services, PersistentVolumeClaims, Deployments and
 * StatefulSets of the namespace labelled managed-by=archlane and
 * part-of=<application> that the plan does not hold: a GPtrArray of
 * AlKubeObjectRef*, workloads first. Claims made from a StatefulSet's
 * volumeClaimTemplates are never listed (they hold the data). Deletes
 * nothing. */
void                    al_kube_apply_find_prunable_async (AlKubeApply *self,
                                                           GCancellable *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer user_data);
GPtrArray              *al_kube_apply_find_prunable_finish (AlKubeApply *self, GAsyncResult *result,
                                                            GError **error);

/* Deletes the objects of @confirmed (AlKubeObjectRef*, as found above and
 * confirmed by the user) with propagationPolicy=Background, setting each
 * ref's deleted or error; one already gone counts as deleted. With
 * AL_KUBE_APPLY_DRY_RUN the deletions are sent with dryRun=All. Emits
 * ::pruned (the ref) for each. Fails like al_kube_apply_run_async(). */
void                    al_kube_apply_prune_async (AlKubeApply *self, GPtrArray *confirmed,
                                                   AlKubeApplyFlags flags, GCancellable *cancellable,
                                                   GAsyncReadyCallback callback, gpointer user_data);
gboolean                al_kube_apply_prune_finish (AlKubeApply *self, GAsyncResult *result,
                                                    GError **error);

/* "Deployment shop/mysql": how progress rows name an object. */
char                   *al_kube_apply_item_dup_label (const AlKubeApplyItem *item);
/* "created", "configured", … (translated). */
const char             *al_kube_object_state_to_string (AlKubeObjectState state);
const char             *al_kube_preview_to_string (AlKubePreview preview);

G_END_DECLS
