/* al-deploy-dialog.h: deploying the document to a Kubernetes cluster */
#pragma once

#include <adwaita.h>

#include "al-deploy-status.h"
#include "al-editor.h"
#include "al-registry-client.h"

G_BEGIN_DECLS

/* Where the dialog stands. */
typedef enum
{
  AL_DEPLOY_STAGE_TARGET,     /* choosing kubeconfig, context, namespace and options */
  AL_DEPLOY_STAGE_PREVIEWING, /* asking the cluster and the registries */
  AL_DEPLOY_STAGE_PREVIEWED,  /* the preview is shown; Deploy when nothing blocks */
  AL_DEPLOY_STAGE_DEPLOYING,  /* objects are being sent (Cancel stops) */
  AL_DEPLOY_STAGE_DONE,       /* the summary is shown (Retry when something is left) */
} AlDeployStage;

#define AL_TYPE_DEPLOY_DIALOG (al_deploy_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AlDeployDialog, al_deploy_dialog, AL, DEPLOY_DIALOG, AdwWindow)

/* A modal dialog over @parent that deploys the document of @editor:
 * target (kubeconfig file, context, namespace, remembered in GSettings
 * kubeconfig-path, kube-context, kube-namespace), dry run, force conflicts,
 * prune; then Preview (what will be created, changed, left unchanged and
 * pruned, and the image architecture check, which blocks Deploy on an
 * image-arch-mismatch); then Deploy (a progress bar, a row per object, a
 * summary; Cancel at any moment, Retry sends what is left). After a
 * deploy that is not a dry run and where nothing failed, @status (may be
 * %NULL) starts watching the application.
 *
 * The window wires it as the action "win.deploy" whose callback is
 *   al_deploy_dialog_present (GTK_WINDOW (self), self->editor, self->deploy_status);
 * with a menu item "Deploy to Kubernetes…". */
AlDeployDialog *al_deploy_dialog_new (GtkWindow *parent, AlEditor *editor, AlDeployStatus *status);
void            al_deploy_dialog_present (GtkWindow *parent, AlEditor *editor,
                                          AlDeployStatus *status);

AlDeployStage   al_deploy_dialog_get_stage (AlDeployDialog *self);
/* The registry client the architecture check asks (a new one by default;
 * images whose platforms the document's attached AlImagePlatforms table
 * already knows are not asked for again, and answers are recorded there). */
void            al_deploy_dialog_set_registry_client (AlDeployDialog *self,
                                                      AlRegistryClient *registry);
/* The rows of the preview and of the deploy (AlDeployRow), for tests. */
GListModel     *al_deploy_dialog_get_preview_rows (AlDeployDialog *self);
GListModel     *al_deploy_dialog_get_deploy_rows (AlDeployDialog *self);

G_END_DECLS
