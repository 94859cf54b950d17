/* al-deploy-dialog-private.h: what the deploy dialog's units share */
#pragma once

#include "al-deploy-dialog.h"
#include "al-deploy-rows.h"
#include "al-graph.h"
#include "al-kube-apply.h"
#include "al-kubeconfig.h"

G_BEGIN_DECLS

struct _AlDeployDialog
{
  AdwWindow parent_instance;

  AlEditor *editor;
  AlDeployStatus *status;       /* may be %NULL */
  AlRegistryClient *registry;   /* made when first needed */
  char *kubeconfig_path;        /* %NULL: kubectl's default files */
  AlKubeconfig *kubeconfig;     /* %NULL when it could not be read */
  GtkStringList *contexts;
  GtkFileChooserNative *chooser;

  AlDeployStage stage;
  GCancellable *cancellable;    /* of what runs now */
  AlKubeClient *client;
  AlKubeApply *plan;
  char *namespace_;             /* the target namespace, as resolved */
  AlKubeApplyFlags flags;
  GPtrArray *prunable;          /* AlKubeObjectRef*, or %NULL */
  gboolean prune_confirmed;
  gboolean prune_done;

  /* The preview: the operations still out, and what they found. */
  guint pending;
  GError *preview_error;
  GPtrArray *mismatches;        /* sentences that block Deploy */
  GPtrArray *notes;             /* sentences that do not */

  GListStore *preview_rows;
  GListStore *deploy_rows;
  guint n_rows_wanted;          /* deploy_rows grows to this, a chunk per flush */
  GHashTable *dirty;            /* plan indexes whose rows wait for the next flush */
  guint flush_id;
  gboolean run_failed_fatally;
  GError *run_error;

  /* Template children. */
  GtkButton *cancel_button;
  GtkButton *back_button;
  GtkButton *preview_button;
  GtkButton *deploy_button;
  GtkButton *retry_button;
  GtkStack *stack;
  GtkLabel *target_error;
  GtkWidget *target_error_group;
  AdwActionRow *kubeconfig_row;
  AdwComboRow *context_row;
  AdwEntryRow *namespace_row;
  GtkSwitch *dry_run_switch;
  GtkSwitch *force_switch;
  GtkSwitch *prune_switch;
  GtkSpinner *preview_spinner;
  GtkLabel *preview_summary;
  GtkLabel *arch_label;
  GtkLabel *preview_note;
  GtkListView *preview_list;
  GtkLabel *deploy_status;
  GtkProgressBar *progress_bar;
  GtkListView *deploy_list;
  GtkLabel *summary_label;
};

void al_deploy_dialog_set_stage (AlDeployDialog *self, AlDeployStage stage);
/* al-deploy-run.c */
void al_deploy_dialog_run (AlDeployDialog *self);
void al_deploy_dialog_retry (AlDeployDialog *self);
void al_deploy_dialog_run_dispose (AlDeployDialog *self);

G_END_DECLS
