/* al-deploy-status.h: the live state of the components of the deployed application */
#pragma once

#include <gio/gio.h>

#include "al-document.h"
#include "al-kube-client.h"

G_BEGIN_DECLS

typedef enum
{
  AL_WORKLOAD_UNKNOWN,     /* not watched, or the cluster's lists are not in yet */
  AL_WORKLOAD_ABSENT,      /* no Deployment / StatefulSet for it in the cluster */
  AL_WORKLOAD_PROGRESSING, /* fewer ready replicas than desired, nothing wrong seen */
  AL_WORKLOAD_RUNNING,     /* every desired replica ready */
  AL_WORKLOAD_FAILED,      /* see the reason */
} AlWorkloadState;

/* What the cluster says about each component of one application, by
 * component name: fed by an AlKubeWatch of the application's Deployments,
 * StatefulSets and Pods (labels managed-by=archlane, part-of=<application>)
 * in one namespace. Needs no display: the window keeps one per editor, the
 * deploy dialog starts it after a deploy, the canvas and Problems read it.
 *
 * Signals: "changed" (const char *component_name, or %NULL when every
 * component may have changed: start, stop, first sync); "problem" (const
 * char *sentence) when the cluster cannot be watched. */
#define AL_TYPE_DEPLOY_STATUS (al_deploy_status_get_type ())
G_DECLARE_FINAL_TYPE (AlDeployStatus, al_deploy_status, AL, DEPLOY_STATUS, GObject)

AlDeployStatus *al_deploy_status_new (void);

/* Watches the components of @document as it is now (a snapshot: start
 * again after edits that add, remove or rename components) in @namespace_
 * (the document's when %NULL or empty, else "default"), through @client.
 * Stops a previous watch first. */
void            al_deploy_status_start (AlDeployStatus *self, AlKubeClient *client,
                                        AlDocument *document, const char *namespace_);
/* Stops watching and cancels what is in flight; every state becomes
 * AL_WORKLOAD_UNKNOWN. Safe to call when not watching. */
void            al_deploy_status_stop (AlDeployStatus *self);
gboolean        al_deploy_status_is_watching (AlDeployStatus *self);
/* TRUE once the first lists came in since the last start. */
gboolean        al_deploy_status_is_synced (AlDeployStatus *self);
/* The namespace watched, or %NULL when not watching. */
const char     *al_deploy_status_get_namespace (AlDeployStatus *self);
/* The last sentence of ::problem since the last start, or %NULL. */
const char     *al_deploy_status_get_problem (AlDeployStatus *self);

/* The state of the component named @component_name. Returns FALSE (and
 * AL_WORKLOAD_UNKNOWN, 0, 0, %NULL) when it is not watched. @reason
 * receives, for FAILED, why, as a sentence ("The image has no build for
 * arm64 (exec format error)."); for PROGRESSING, what holds it up, when
 * known; else %NULL. Owned by @self, valid until the next ::changed. Any
 * out argument may be %NULL. */
gboolean        al_deploy_status_get (AlDeployStatus *self, const char *component_name,
                                      AlWorkloadState *state, int *ready, int *desired,
                                      const char **reason);

/* The pod failures as diagnostics for the Problems view: for each FAILED
 * component of @document (matched by name), an AlDiagnostic of severity
 * error, code "pod-failure", subject the component's id and a message
 * naming the component and the reason. A new list (al_diagnostic_list_new),
 * sorted; empty when nothing fails. */
GPtrArray      *al_deploy_status_dup_diagnostics (AlDeployStatus *self, AlDocument *document);

/* "Running", "Progressing", "Failed", "Absent", "Unknown" (translated). */
const char     *al_workload_state_to_string (AlWorkloadState state);

G_END_DECLS
