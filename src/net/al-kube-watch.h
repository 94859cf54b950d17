/* al-kube-watch.h: the live state of an application's components */
#pragma once

#include "al-document.h"
#include "al-kube-client.h"

G_BEGIN_DECLS

typedef enum
{
  AL_KUBE_COMPONENT_ABSENT,      /* no Deployment / StatefulSet in the cluster */
  AL_KUBE_COMPONENT_PROGRESSING, /* fewer ready replicas than desired, nothing wrong seen */
  AL_KUBE_COMPONENT_RUNNING,     /* every desired replica is ready and up to date */
  AL_KUBE_COMPONENT_FAILED,      /* see the reason */
} AlKubeComponentState;

typedef struct
{
  char *component_id;
  char *component_name;
  char *arch;                    /* the component's lane arch, or %NULL */
  AlKubeComponentState state;
  int ready;
  int desired;
  /* Why it failed, as a sentence ("the image has no build for arm64"), or
   * what holds it up while progressing; %NULL when there is nothing to say. */
  char *reason;
} AlKubeComponentStatus;

#define AL_TYPE_KUBE_WATCH (al_kube_watch_get_type ())
G_DECLARE_FINAL_TYPE (AlKubeWatch, al_kube_watch, AL, KUBE_WATCH, GObject)

/* Watches the Deployments, StatefulSets and Pods labelled
 * managed-by=archlane and part-of=<application> in @namespace_ (the
 * document's when %NULL) for the components of @document as it is now (a
 * snapshot: make a new watch after edits). */
AlKubeWatch                 *al_kube_watch_new (AlKubeClient *client, AlDocument *document,
                                                const char *namespace_);

/* Lists, then watches from the listed resourceVersion; re-lists on 410
 * Gone; reconnects with backoff when a stream ends or fails. Emits
 * ::component-changed (component id) when a status changes, ::synced once
 * the first lists are in, and ::problem (a sentence) when the cluster
 * cannot be watched (it keeps trying, except after 401/403). */
void                         al_kube_watch_start (AlKubeWatch *self);
void                         al_kube_watch_stop (AlKubeWatch *self);
gboolean                     al_kube_watch_is_synced (AlKubeWatch *self);

guint                        al_kube_watch_get_n_components (AlKubeWatch *self);
const AlKubeComponentStatus *al_kube_watch_get_status_at (AlKubeWatch *self, guint index);
const AlKubeComponentStatus *al_kube_watch_get_status (AlKubeWatch *self, const char *component_id);

/* "running", "progressing", "failed", "absent" (translated). */
const char                  *al_kube_component_state_to_string (AlKubeComponentState state);

G_END_DECLS
