/* al-kube-apply-private.h: what the units of a deploy share */
#pragma once

#include "al-kube-apply.h"

G_BEGIN_DECLS

struct _AlKubeApply
{
  GObject parent_instance;

  AlKubeClient *client;
  char *namespace_;
  char *application;
  GPtrArray *items;      /* AlKubeApplyItem*, in the order they are sent */
  gboolean *applied;     /* really applied (not a dry run) in an earlier run */
  /* "<template>-<statefulset>-": claims starting so belong to a StatefulSet. */
  GPtrArray *claim_prefixes;
  guint max_in_flight;
};

/* Batches: requests in phases, a few at a time (al-kube-batch.c). */
typedef struct _AlKubeBatch AlKubeBatch;

/* Sends the request of @job with al_kube_client_request_async (@callback,
 * @user_data). */
typedef void (*AlKubeBatchSendFunc) (AlKubeBatch *batch, gpointer job, GAsyncReadyCallback callback,
                                     gpointer user_data);
/* Takes the answer of @job; @error is %NULL on success. */
typedef void (*AlKubeBatchDoneFunc) (AlKubeBatch *batch, gpointer job, JsonNode *root, guint status,
                                     const GError *error);

struct _AlKubeBatch
{
  AlKubeApply *self;
  GTask *task;
  AlKubeBatchSendFunc send;
  AlKubeBatchDoneFunc done;
  AlKubeApplyFlags flags;
  GArray *jobs;              /* private to al-kube-batch.c */
  guint next;
  guint in_flight;
  guint phase;
  GCancellable *cancellable; /* ours: cancelled by the caller's or on a fatal error */
  GCancellable *caller_cancellable;
  gulong caller_handler;
  GError *fatal;
  guint n_failed;
  gboolean finished;
  GPtrArray *refs;           /* prunes: AlKubeObjectRef* found or to delete */
  GPtrArray *live_claims;    /* prunes: the claims listed, checked once all lists are in */
  GPtrArray *prefixes;       /* prunes: StatefulSet claim prefixes, planned and live */
  GHashTable *planned;       /* prunes: "kind/name" of the plan's objects */
  gboolean namespace_is_new; /* runs: the preview found no Namespace */
};

/* A batch whose GTask (source @self, @source_tag) returns: the first fatal
 * error, AL_NET_ERROR_CANCELLED, AL_NET_ERROR_FAILED when n_failed > 0, the
 * refs array when set, else TRUE. */
AlKubeBatch *al_kube_batch_new (AlKubeApply *self, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data,
                                gpointer source_tag, AlKubeBatchSendFunc send,
                                AlKubeBatchDoneFunc done);
/* Jobs of a phase start once every job of the phases before is answered. */
void         al_kube_batch_add (AlKubeBatch *batch, gpointer job, guint phase);
/* Sends what may be sent; call once after adding the jobs. */
void         al_kube_batch_pump (AlKubeBatch *batch);
gboolean     al_kube_batch_propagate (AlKubeApply *self, GAsyncResult *result, gpointer source_tag,
                                      GError **error);

JsonObject  *al_kube_json_object_member (JsonObject *object, const char *member);
const char  *al_kube_json_string_member (JsonObject *object, const char *member);

/* Adds the claim prefixes of @statefulset (named @name) to @prefixes. */
void         al_kube_apply_add_claim_prefixes (GPtrArray *prefixes, JsonObject *statefulset,
                                               const char *name);
void         al_kube_apply_emit_pruned (AlKubeApply *self, AlKubeObjectRef *ref);

G_END_DECLS
