/* al-deploy-dialog.c: deploying the document to a Kubernetes cluster — the
 * target, the preview and the image architecture check (the run itself is
 * in al-deploy-run.c) */
#include <glib/gi18n.h>
#include <string.h>

#include "al-deploy-dialog-private.h"
#include "al-image-check.h"
#include "al-k8s-compiler.h"
#include "al-lane.h"
#include "al-resources.h"
#include "al-settings.h"

G_DEFINE_FINAL_TYPE (AlDeployDialog, al_deploy_dialog, ADW_TYPE_WINDOW)

/* Buttons and pages ------------------------------------------------------------ */

void
al_deploy_dialog_set_stage (AlDeployDialog *self, AlDeployStage stage)
{
  gboolean busy = stage == AL_DEPLOY_STAGE_PREVIEWING || stage == AL_DEPLOY_STAGE_DEPLOYING;
  const char *page = "target";
  gboolean can_deploy;
  gboolean can_retry = FALSE;

  self->stage = stage;
  if (stage == AL_DEPLOY_STAGE_PREVIEWING || stage == AL_DEPLOY_STAGE_PREVIEWED)
    page = "preview";
  else if (stage == AL_DEPLOY_STAGE_DEPLOYING || stage == AL_DEPLOY_STAGE_DONE)
    page = "deploy";
  gtk_stack_set_visible_child_name (self->stack, page);

  can_deploy = stage == AL_DEPLOY_STAGE_PREVIEWED && self->preview_error == NULL
               && self->mismatches->len == 0;
  if (stage == AL_DEPLOY_STAGE_DONE && self->plan != NULL)
    can_retry = self->run_error != NULL
                || al_kube_apply_count_state (self->plan, AL_KUBE_OBJECT_PENDING) > 0
                || al_kube_apply_count_state (self->plan, AL_KUBE_OBJECT_FAILED) > 0
                || (self->prune_confirmed && !self->prune_done);

  gtk_button_set_label (self->cancel_button, busy ? _("_Cancel") : _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          stage == AL_DEPLOY_STAGE_PREVIEWED || stage == AL_DEPLOY_STAGE_DONE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_button), stage == AL_DEPLOY_STAGE_TARGET);
  gtk_widget_set_visible (GTK_WIDGET (self->deploy_button),
                          stage == AL_DEPLOY_STAGE_PREVIEWING || stage == AL_DEPLOY_STAGE_PREVIEWED);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deploy.run", can_deploy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deploy.retry", can_retry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deploy.preview", stage == AL_DEPLOY_STAGE_TARGET);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deploy.back",
                                 stage == AL_DEPLOY_STAGE_PREVIEWED || stage == AL_DEPLOY_STAGE_DONE);
  gtk_spinner_set_spinning (self->preview_spinner, stage == AL_DEPLOY_STAGE_PREVIEWING);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), stage == AL_DEPLOY_STAGE_PREVIEWING);
  if (self->deploy_button != NULL && stage == AL_DEPLOY_STAGE_PREVIEWED)
    {
      if (gtk_switch_get_active (self->dry_run_switch))
        gtk_button_set_label (self->deploy_button, _("_Dry Run"));
      else
        gtk_button_set_label (self->deploy_button, _("_Deploy"));
    }
}

static void
show_target_error (AlDeployDialog *self, const char *message)
{
  gtk_label_set_text (self->target_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->target_error), message != NULL);
  gtk_widget_set_visible (self->target_error_group, message != NULL);
}

/* The kubeconfig ------------------------------------------------------------------ */

/* What the kubeconfig row shows: the file chosen, else the files kubectl reads. */
static char *
dup_kubeconfig_display (AlDeployDialog *self)
{
  const char *env = g_getenv ("KUBECONFIG");

  if (self->kubeconfig_path != NULL)
    return g_strdup (self->kubeconfig_path);
  if (env != NULL && *env != '\0')
    return g_strdup_printf (_("%s (from $KUBECONFIG)"), env);
  return g_build_filename (g_get_home_dir (), ".kube", "config", NULL);
}

static void
load_kubeconfig (AlDeployDialog *self, const char *preferred_context)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *display = dup_kubeconfig_display (self);
  const char *const *names;
  const char *select;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->contexts));
  guint selected = GTK_INVALID_LIST_POSITION;

  adw_action_row_set_subtitle (self->kubeconfig_row, display);
  g_clear_object (&self->kubeconfig);
  self->kubeconfig = al_kubeconfig_load (self->kubeconfig_path, &error);
  if (self->kubeconfig == NULL)
    {
      gtk_string_list_splice (self->contexts, 0, n_old, NULL);
      show_target_error (self, error->message);
      return;
    }
  show_target_error (self, NULL);
  names = al_kubeconfig_get_context_names (self->kubeconfig);
  gtk_string_list_splice (self->contexts, 0, n_old, names);
  select = preferred_context != NULL && *preferred_context != '\0'
             ? preferred_context
             : al_kubeconfig_get_current_context (self->kubeconfig);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_strcmp0 (names[i], select) == 0)
      selected = i;
  if (selected == GTK_INVALID_LIST_POSITION && names != NULL && names[0] != NULL)
    selected = 0;
  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->context_row, selected);
  if (names == NULL || names[0] == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: this kubeconfig has no contexts."), display);

      show_target_error (self, message);
    }
}

static const char *
get_context_name (AlDeployDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->context_row);

  if (selected == GTK_INVALID_LIST_POSITION
      || selected >= g_list_model_get_n_items (G_LIST_MODEL (self->contexts)))
    return NULL;
  return gtk_string_list_get_string (self->contexts, selected);
}

static void
on_chooser_response (GtkNativeDialog *chooser, int response, AlDeployDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_free (self->kubeconfig_path);
          self->kubeconfig_path = g_steal_pointer (&path);
          load_kubeconfig (self, NULL);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_kubeconfig_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AlDeployDialog *self = AL_DEPLOY_DIALOG (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a Kubeconfig File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The preview ----------------------------------------------------------------------- */

static void
clear_run (AlDeployDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  al_deploy_dialog_run_dispose (self);
  g_clear_object (&self->plan);
  g_clear_object (&self->client);
  g_clear_pointer (&self->prunable, g_ptr_array_unref);
  g_clear_pointer (&self->namespace_, g_free);
  g_clear_error (&self->preview_error);
  g_clear_error (&self->run_error);
  g_ptr_array_set_size (self->mismatches, 0);
  g_ptr_array_set_size (self->notes, 0);
  g_list_store_remove_all (self->preview_rows);
  g_list_store_remove_all (self->deploy_rows);
  self->prune_confirmed = FALSE;
  self->prune_done = FALSE;
  self->pending = 0;
}

static AlDeployRowState
preview_row_state (AlKubePreview preview)
{
  switch (preview)
    {
    case AL_KUBE_PREVIEW_CREATE:
      return AL_DEPLOY_ROW_CREATE;
    case AL_KUBE_PREVIEW_CHANGE:
      return AL_DEPLOY_ROW_CHANGE;
    case AL_KUBE_PREVIEW_UNCHANGED:
      return AL_DEPLOY_ROW_UNCHANGED;
    case AL_KUBE_PREVIEW_UNKNOWN:
    default:
      return AL_DEPLOY_ROW_UNKNOWN;
    }
}

static char *
join_sentences (GPtrArray *sentences)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (sentences, i));
    }
  return g_string_free (text, FALSE);
}

/* Every operation of the preview has answered. */
static void
finish_preview (AlDeployDialog *self)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *mismatches = join_sentences (self->mismatches);
  g_autofree char *notes = join_sentences (self->notes);
  guint n = al_kube_apply_get_n_items (self->plan);
  guint n_prune = self->prunable != NULL ? self->prunable->len : 0;

  if (g_cancellable_is_cancelled (self->cancellable)
      || (self->preview_error != NULL && al_kube_error_is_cancelled (self->preview_error)))
    {
      show_target_error (self, _("The preview was cancelled; nothing was sent."));
      clear_run (self);
      al_deploy_dialog_set_stage (self, AL_DEPLOY_STAGE_TARGET);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const AlKubeApplyItem *item = al_kube_apply_get_item (self->plan, i);
      g_autofree char *label = al_kube_apply_item_dup_label (item);

      g_ptr_array_add (rows, al_deploy_row_new (label, preview_row_state (item->preview),
                                                item->preview == AL_KUBE_PREVIEW_UNKNOWN
                                                    && item->error != NULL
                                                  ? item->error->message : NULL));
    }
  for (guint i = 0; i < n_prune; i++)
    {
      AlKubeObjectRef *ref = g_ptr_array_index (self->prunable, i);
      g_autofree char *label = g_strdup_printf ("%s %s/%s", ref->kind, ref->namespace_, ref->name);

      g_ptr_array_add (rows, al_deploy_row_new (label, AL_DEPLOY_ROW_PRUNE, NULL));
    }
  g_list_store_splice (self->preview_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->preview_rows)),
                       rows->pdata, rows->len);

  if (self->preview_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The cluster cannot be used: %s"),
                                               self->preview_error->message);

      gtk_label_set_text (self->preview_summary, text);
    }
  else
    {
      g_autofree char *text = NULL;
      g_autofree char *counts = g_strdup_printf (
        _("%u to create, %u to change, %u unchanged, %u to delete"),
        al_kube_apply_count_preview (self->plan, AL_KUBE_PREVIEW_CREATE),
        al_kube_apply_count_preview (self->plan, AL_KUBE_PREVIEW_CHANGE),
        al_kube_apply_count_preview (self->plan, AL_KUBE_PREVIEW_UNCHANGED), n_prune);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u object into namespace “%s” on %s: %s.",
                                           "%u objects into namespace “%s” on %s: %s.", n),
                              n, self->namespace_, al_kube_client_get_server (self->client), counts);
      gtk_label_set_text (self->preview_summary, text);
    }
  gtk_label_set_text (self->arch_label, mismatches);
  gtk_widget_set_visible (GTK_WIDGET (self->arch_label), self->mismatches->len > 0);
  gtk_label_set_text (self->preview_note, notes);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_note), self->notes->len > 0);
  al_deploy_dialog_set_stage (self, AL_DEPLOY_STAGE_PREVIEWED);
}

static void
operation_done (AlDeployDialog *self)
{
  g_assert (self->pending > 0);
  if (--self->pending == 0 && self->stage == AL_DEPLOY_STAGE_PREVIEWING)
    finish_preview (self);
}

static void
on_previewed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (AlDeployDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!al_kube_apply_preview_finish (AL_KUBE_APPLY (source), result, &error)
      && self->preview_error == NULL)
    self->preview_error = g_steal_pointer (&error);
  if (self->plan == AL_KUBE_APPLY (source))
    operation_done (self);
}

static void
on_prunable_found (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (AlDeployDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *found = al_kube_apply_find_prunable_finish (AL_KUBE_APPLY (source), result, &error);

  if (self->plan != AL_KUBE_APPLY (source))
    {
      g_clear_pointer (&found, g_ptr_array_unref);
      return;
    }
  if (found == NULL && self->preview_error == NULL)
    self->preview_error = g_steal_pointer (&error);
  self->prunable = found;
  operation_done (self);
}

/* The image architecture check ------------------------------------------------------------ */

typedef struct
{
  AlDeployDialog *self;
  GCancellable *cancellable;
  char *image;
} ImageCheck;

static void
image_check_free (ImageCheck *check)
{
  g_object_unref (check->self);
  g_object_unref (check->cancellable);
  g_free (check->image);
  g_free (check);
}

/* Judges every component that runs @image against what is known of it. */
static void
judge_image (AlDeployDialog *self, const char *image, AlImageState state,
             const char *const *platforms)
{
  AlDocument *document = al_editor_get_document (self->editor);
  GListModel *components = al_document_get_components (document);

  if (state == AL_IMAGE_STATE_UNKNOWN)
    {
      g_ptr_array_add (self->notes,
                       g_strdup_printf (_("The architectures of %s could not be checked (its "
                                          "registry cannot be reached); deploying is still possible."),
                                        image));
      return;
    }
  if (state == AL_IMAGE_STATE_NOT_FOUND)
    {
      g_ptr_array_add (self->notes,
                       g_strdup_printf (_("The registry has no image %s: its pods will not start."),
                                        image));
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      AlLane *lane = al_document_get_component_lane (document, component);
      const char *arch = lane != NULL ? al_lane_get_arch (lane) : NULL;
      g_autofree char *list = NULL;

      if (g_strcmp0 (al_component_get_image (component), image) != 0 || arch == NULL
          || *arch == '\0' || al_image_platforms_supports_arch (platforms, arch))
        continue;
      list = g_strjoinv (", ", (char **) platforms);
      g_ptr_array_add (self->mismatches,
                       g_strdup_printf (_("“%s” runs on the %s lane, but its image %s has no "
                                          "build for %s (the image has: %s). Change the image or "
                                          "the lane before deploying."),
                                        al_component_get_name (component), arch, image, arch,
                                        *list != '\0' ? list : _("no platforms")));
    }
}

static void
on_platforms (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ImageCheck *check = user_data;
  AlDeployDialog *self = check->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlImageProbe) probe =
    al_registry_client_get_platforms_finish (AL_REGISTRY_CLIENT (source), result, &error);

  /* A newer preview replaced this one. */
  if (check->cancellable != self->cancellable || g_cancellable_is_cancelled (check->cancellable))
    {
      if (check->cancellable == self->cancellable)
        operation_done (self);
      image_check_free (check);
      return;
    }
  if (probe == NULL)
    g_ptr_array_add (self->notes, g_strdup_printf (_("The image %s cannot be checked: %s"),
                                                   check->image, error->message));
  else
    {
      AlImagePlatforms *table = al_image_check_get_platforms (al_editor_get_document (self->editor));

      if (table != NULL)
        al_image_probe_record (probe, table, check->image);
      judge_image (self, check->image, probe->state, (const char *const *) probe->platforms);
    }
  operation_done (self);
  image_check_free (check);
}

static void
start_image_check (AlDeployDialog *self)
{
  AlDocument *document = al_editor_get_document (self->editor);
  AlImagePlatforms *table = al_image_check_get_platforms (document);
  GListModel *components = al_document_get_components (document);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      const char *image = al_component_get_image (component);
      const char *const *platforms = NULL;
      AlImageState state = AL_IMAGE_STATE_UNKNOWN;
      ImageCheck *check;

      if (image == NULL || *image == '\0' || !g_hash_table_add (seen, (gpointer) image))
        continue;
      if (table != NULL)
        state = al_image_platforms_lookup (table, image, &platforms);
      if (state != AL_IMAGE_STATE_UNKNOWN)
        {
          judge_image (self, image, state, platforms);
          continue;
        }
      if (self->registry == NULL)
        self->registry = al_registry_client_new ();
      check = g_new0 (ImageCheck, 1);
      check->self = g_object_ref (self);
      check->cancellable = g_object_ref (self->cancellable);
      check->image = g_strdup (image);
      self->pending++;
      al_registry_client_get_platforms_async (self->registry, image, self->cancellable,
                                              on_platforms, check);
    }
}

static void
save_settings (AlDeployDialog *self, const char *context, const char *namespace_)
{
  GSettings *settings = al_settings_get_default ();

  g_settings_set_string (settings, "kubeconfig-path",
                         self->kubeconfig_path != NULL ? self->kubeconfig_path : "");
  g_settings_set_string (settings, "kube-context", context != NULL ? context : "");
  g_settings_set_string (settings, "kube-namespace", namespace_ != NULL ? namespace_ : "");
}

static void
preview_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AlDeployDialog *self = AL_DEPLOY_DIALOG (widget);
  AlDocument *document = al_editor_get_document (self->editor);
  const char *context_name = get_context_name (self);
  g_autofree char *entered = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->namespace_row))));
  g_autoptr (AlKubeContext) context = NULL;
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (AlManifests) manifests = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;
  const char *namespace_ = NULL;

  clear_run (self);
  if (self->kubeconfig == NULL)
    load_kubeconfig (self, context_name);
  if (self->kubeconfig == NULL)
    return;
  save_settings (self, context_name, entered);

  context = al_kubeconfig_resolve (self->kubeconfig, context_name, &error);
  if (context == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_UNSUPPORTED_AUTH))
        message = g_strdup_printf ("%s\n%s", error->message,
                                   _("From this window: File ▸ Export Manifests… writes the "
                                     "same objects for kubectl."));
      show_target_error (self, message != NULL ? message : error->message);
      return;
    }

  graph = al_graph_new (document);
  manifests = al_k8s_compile (graph, &diagnostics, &error);
  if (manifests == NULL)
    {
      guint n = diagnostics != NULL ? al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR) : 0;
      g_autoptr (GString) message = g_string_new (NULL);
      guint shown = 0;

      if (n > 0)
        g_string_append_printf (message,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "The document has %u error; fix it (see Problems) "
                                             "before deploying:",
                                             "The document has %u errors; fix them (see "
                                             "Problems) before deploying:", n), n);
      else
        g_string_append_printf (message, _("The document cannot be compiled: %s"),
                                error != NULL ? error->message : "");
      /* The first few, so that an image built for another arch is named here. */
      for (guint i = 0; diagnostics != NULL && i < diagnostics->len && shown < 5; i++)
        {
          AlDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

          if (diagnostic->severity != AL_SEVERITY_ERROR)
            continue;
          g_string_append_printf (message, "\n• %s", diagnostic->message);
          shown++;
        }
      show_target_error (self, message->str);
      return;
    }

  self->client = al_kube_client_new (context, &error);
  if (self->client == NULL)
    {
      show_target_error (self, error->message);
      return;
    }
  show_target_error (self, NULL);

  /* As archlane-cli: the namespace entered, else the document's, else the context's. */
  if (*entered != '\0')
    namespace_ = entered;
  else if (al_document_get_namespace (document) == NULL
           || *al_document_get_namespace (document) == '\0')
    namespace_ = context->namespace_;
  self->plan = al_kube_apply_new (self->client, graph, manifests, namespace_);
  self->namespace_ = g_strdup (al_kube_apply_get_namespace (self->plan));
  self->flags = (gtk_switch_get_active (self->dry_run_switch) ? AL_KUBE_APPLY_DRY_RUN : 0)
                | (gtk_switch_get_active (self->force_switch) ? AL_KUBE_APPLY_FORCE_CONFLICTS : 0);
  warning = al_kube_context_dup_insecure_warning (context);
  if (warning != NULL)
    g_ptr_array_add (self->notes, g_steal_pointer (&warning));

  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->preview_summary, _("Asking the cluster and the image registries…"));
  gtk_widget_set_visible (GTK_WIDGET (self->arch_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_note), FALSE);
  al_deploy_dialog_set_stage (self, AL_DEPLOY_STAGE_PREVIEWING);

  /* One count for this function, so that answers already known do not
   * finish the preview before every request is out. */
  self->pending = 2;
  al_kube_apply_preview_async (self->plan, self->cancellable, on_previewed, g_object_ref (self));
  if (gtk_switch_get_active (self->prune_switch))
    {
      self->pending++;
      al_kube_apply_find_prunable_async (self->plan, self->cancellable, on_prunable_found,
                                         g_object_ref (self));
    }
  start_image_check (self);
  operation_done (self);
}

static void
back_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AlDeployDialog *self = AL_DEPLOY_DIALOG (widget);

  clear_run (self);
  al_deploy_dialog_set_stage (self, AL_DEPLOY_STAGE_TARGET);
}

static void
cancel_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AlDeployDialog *self = AL_DEPLOY_DIALOG (widget);

  if (self->stage == AL_DEPLOY_STAGE_PREVIEWING || self->stage == AL_DEPLOY_STAGE_DEPLOYING)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
run_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  al_deploy_dialog_run (AL_DEPLOY_DIALOG (widget));
}

static void
retry_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  al_deploy_dialog_retry (AL_DEPLOY_DIALOG (widget));
}

/* Life -------------------------------------------------------------------------------------- */

static void
al_deploy_dialog_dispose (GObject *object)
{
  AlDeployDialog *self = AL_DEPLOY_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  clear_run (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AL_TYPE_DEPLOY_DIALOG);
  g_clear_object (&self->editor);
  g_clear_object (&self->status);
  g_clear_object (&self->registry);
  g_clear_object (&self->kubeconfig);
  G_OBJECT_CLASS (al_deploy_dialog_parent_class)->dispose (object);
}

static void
al_deploy_dialog_finalize (GObject *object)
{
  AlDeployDialog *self = AL_DEPLOY_DIALOG (object);

  g_free (self->kubeconfig_path);
  g_clear_pointer (&self->mismatches, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_object (&self->preview_rows);
  g_clear_object (&self->deploy_rows);
  g_clear_object (&self->contexts);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  G_OBJECT_CLASS (al_deploy_dialog_parent_class)->finalize (object);
}

static void
al_deploy_dialog_class_init (AlDeployDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = al_deploy_dialog_dispose;
  object_class->finalize = al_deploy_dialog_finalize;

  /* Pulls the resources into programs that link the static library. */
  (void) al_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/archlane/Archlane/al-deploy-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, AlDeployDialog, name)
  CHILD (cancel_button);
  CHILD (back_button);
  CHILD (preview_button);
  CHILD (deploy_button);
  CHILD (retry_button);
  CHILD (stack);
  CHILD (target_error);
  CHILD (target_error_group);
  CHILD (kubeconfig_row);
  CHILD (context_row);
  CHILD (namespace_row);
  CHILD (dry_run_switch);
  CHILD (force_switch);
  CHILD (prune_switch);
  CHILD (preview_spinner);
  CHILD (preview_summary);
  CHILD (arch_label);
  CHILD (preview_note);
  CHILD (preview_list);
  CHILD (deploy_status);
  CHILD (progress_bar);
  CHILD (deploy_list);
  CHILD (summary_label);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "deploy.choose-kubeconfig", NULL, choose_kubeconfig_cb);
  gtk_widget_class_install_action (widget_class, "deploy.preview", NULL, preview_cb);
  gtk_widget_class_install_action (widget_class, "deploy.back", NULL, back_cb);
  gtk_widget_class_install_action (widget_class, "deploy.run", NULL, run_cb);
  gtk_widget_class_install_action (widget_class, "deploy.retry", NULL, retry_cb);
  gtk_widget_class_install_action (widget_class, "deploy.cancel", NULL, cancel_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "deploy.cancel", NULL);
}

static void
al_deploy_dialog_init (AlDeployDialog *self)
{
  g_autoptr (GtkListItemFactory) preview_factory = NULL;
  g_autoptr (GtkListItemFactory) deploy_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->mismatches = g_ptr_array_new_with_free_func (g_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->preview_rows = g_list_store_new (AL_TYPE_DEPLOY_ROW);
  self->deploy_rows = g_list_store_new (AL_TYPE_DEPLOY_ROW);
  self->dirty = g_hash_table_new (NULL, NULL);
  self->contexts = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->context_row, G_LIST_MODEL (self->contexts));

  preview_factory = al_deploy_row_factory_new ();
  deploy_factory = al_deploy_row_factory_new ();
  gtk_list_view_set_factory (self->preview_list, preview_factory);
  gtk_list_view_set_factory (self->deploy_list, deploy_factory);
  gtk_list_view_set_model (self->preview_list, GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->preview_rows)))));
  gtk_list_view_set_model (self->deploy_list, GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->deploy_rows)))));
}

AlDeployDialog *
al_deploy_dialog_new (GtkWindow *parent, AlEditor *editor, AlDeployStatus *status)
{
  AlDeployDialog *self;
  GSettings *settings = al_settings_get_default ();
  g_autofree char *path = NULL;
  g_autofree char *context = NULL;
  g_autofree char *namespace_ = NULL;
  const char *document_namespace;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (status == NULL || AL_IS_DEPLOY_STATUS (status), NULL);

  self = g_object_new (AL_TYPE_DEPLOY_DIALOG, "transient-for", parent, NULL);
  self->editor = g_object_ref (editor);
  self->status = status != NULL ? g_object_ref (status) : NULL;

  path = g_settings_get_string (settings, "kubeconfig-path");
  context = g_settings_get_string (settings, "kube-context");
  namespace_ = g_settings_get_string (settings, "kube-namespace");
  self->kubeconfig_path = *path != '\0' ? g_steal_pointer (&path) : NULL;
  load_kubeconfig (self, context);
  /* The document says where it belongs; the last namespace used fills in
   * only when it does not. */
  document_namespace = al_document_get_namespace (al_editor_get_document (editor));
  gtk_editable_set_text (GTK_EDITABLE (self->namespace_row),
                         document_namespace != NULL && *document_namespace != '\0'
                           ? document_namespace : namespace_);
  al_deploy_dialog_set_stage (self, AL_DEPLOY_STAGE_TARGET);
  return self;
}

void
al_deploy_dialog_present (GtkWindow *parent, AlEditor *editor, AlDeployStatus *status)
{
  AlDeployDialog *self = al_deploy_dialog_new (parent, editor, status);

  if (self != NULL)
    gtk_window_present (GTK_WINDOW (self));
}

AlDeployStage
al_deploy_dialog_get_stage (AlDeployDialog *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_DIALOG (self), AL_DEPLOY_STAGE_TARGET);
  return self->stage;
}

void
al_deploy_dialog_set_registry_client (AlDeployDialog *self, AlRegistryClient *registry)
{
  g_return_if_fail (AL_IS_DEPLOY_DIALOG (self));
  g_return_if_fail (registry == NULL || AL_IS_REGISTRY_CLIENT (registry));
  g_set_object (&self->registry, registry);
}

GListModel *
al_deploy_dialog_get_preview_rows (AlDeployDialog *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_DIALOG (self), NULL);
  return G_LIST_MODEL (self->preview_rows);
}

GListModel *
al_deploy_dialog_get_deploy_rows (AlDeployDialog *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_DIALOG (self), NULL);
  return G_LIST_MODEL (self->deploy_rows);
}
