/* al-deploy-run.c: the deploy dialog's run — confirmation of the prune,
 * progress rows (batched, so that 1,500 objects never stall the main loop),
 * cancellation, the summary and Retry */
#include <glib/gi18n.h>
#include <string.h>

#include "al-deploy-dialog-private.h"

/* Rows are brought up to date at most this often. */
#define FLUSH_INTERVAL_MS 50
/* Rows added to the list at a time: a list view makes, binds and lays out
 * the widgets of up to some 200 rows at once when given many new rows,
 * which holds the main loop for about 100 ms. */
#define ROWS_PER_FLUSH 40
/* The first ones, shown with the page: about what fits in the view. */
#define FIRST_ROWS 16
/* Objects named in the prune confirmation before "and N more". */
#define MAX_CONFIRM_NAMES 15

static void start_prune (AlDeployDialog *self);
static void append_rows (AlDeployDialog *self, guint max);

static gboolean
is_dry_run (AlDeployDialog *self)
{
  return (self->flags & AL_KUBE_APPLY_DRY_RUN) != 0;
}

static void
describe_item (AlDeployDialog *self, const AlKubeApplyItem *item, AlDeployRowState *state,
               char **detail)
{
  *detail = NULL;
  switch (item->state)
    {
    case AL_KUBE_OBJECT_PENDING:
      *state = AL_DEPLOY_ROW_PENDING;
      break;
    case AL_KUBE_OBJECT_FAILED:
      *state = AL_DEPLOY_ROW_FAILED;
      /* The client's messages are sentences for the user and never hold a
       * token; the object's body (a Secret's values) is never shown. */
      *detail = g_strdup (item->error != NULL ? item->error->message : _("Failed."));
      break;
    case AL_KUBE_OBJECT_CREATED:
    case AL_KUBE_OBJECT_CONFIGURED:
    case AL_KUBE_OBJECT_UNCHANGED:
    case AL_KUBE_OBJECT_APPLIED:
    default:
      *state = AL_DEPLOY_ROW_APPLIED;
      if (is_dry_run (self))
        *detail = g_strdup_printf (_("%s (dry run)"), al_kube_object_state_to_string (item->state));
      else
        *detail = g_strdup (al_kube_object_state_to_string (item->state));
      break;
    }
}

static void
describe_ref (AlDeployDialog *self, const AlKubeObjectRef *ref, AlDeployRowState *state,
              char **detail)
{
  *detail = NULL;
  if (ref->error != NULL)
    {
      *state = AL_DEPLOY_ROW_FAILED;
      *detail = g_strdup (ref->error->message);
    }
  else if (ref->deleted)
    {
      *state = AL_DEPLOY_ROW_DELETED;
      if (is_dry_run (self))
        *detail = g_strdup (_("would be deleted (dry run)"));
    }
  else
    *state = AL_DEPLOY_ROW_PRUNE;
}

static void
update_row (AlDeployDialog *self, guint index)
{
  g_autoptr (AlDeployRow) row = g_list_model_get_item (G_LIST_MODEL (self->deploy_rows), index);
  g_autofree char *detail = NULL;
  AlDeployRowState state;
  guint n = al_kube_apply_get_n_items (self->plan);

  if (row == NULL)
    return;
  if (index < n)
    describe_item (self, al_kube_apply_get_item (self->plan, index), &state, &detail);
  else if (self->prunable != NULL && index - n < self->prunable->len)
    describe_ref (self, g_ptr_array_index (self->prunable, index - n), &state, &detail);
  else
    return;
  al_deploy_row_set (row, state, detail);
}

static void
update_progress (AlDeployDialog *self)
{
  guint n = al_kube_apply_get_n_items (self->plan);
  guint failed = al_kube_apply_count_state (self->plan, AL_KUBE_OBJECT_FAILED);
  guint answered = n - al_kube_apply_count_state (self->plan, AL_KUBE_OBJECT_PENDING);
  g_autofree char *text = g_strdup_printf (_("%u of %u"), answered, n);
  g_autofree char *status = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, n > 0 ? (double) answered / n : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  if (self->stage != AL_DEPLOY_STAGE_DEPLOYING)
    return;
  if (failed > 0)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Applying to namespace “%s”… %u failed so far",
                                           "Applying to namespace “%s”… %u failed so far", failed),
                              self->namespace_, failed);
  else
    status = g_strdup_printf (is_dry_run (self) ? _("Checking with namespace “%s” (dry run)…")
                                                : _("Applying to namespace “%s”…"),
                              self->namespace_);
  gtk_label_set_text (self->deploy_status, status);
}

static gboolean
flush (gpointer user_data)
{
  AlDeployDialog *self = user_data;
  GHashTableIter iter;
  gpointer key;

  self->flush_id = 0;
  if (self->plan == NULL)
    return G_SOURCE_REMOVE;
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_row (self, GPOINTER_TO_UINT (key) - 1);
  g_hash_table_remove_all (self->dirty);
  update_progress (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->deploy_rows)) < self->n_rows_wanted)
    {
      append_rows (self, ROWS_PER_FLUSH);
      self->flush_id = g_timeout_add (FLUSH_INTERVAL_MS, flush, self);
    }
  return G_SOURCE_REMOVE;
}

static void
mark_dirty (AlDeployDialog *self, guint index)
{
  g_hash_table_add (self->dirty, GUINT_TO_POINTER (index + 1));
  if (self->flush_id == 0)
    self->flush_id = g_timeout_add (FLUSH_INTERVAL_MS, flush, self);
}

static void
flush_now (AlDeployDialog *self)
{
  g_clear_handle_id (&self->flush_id, g_source_remove);
  flush (self);
}

static void
on_item_changed (AlKubeApply *plan, guint index, AlDeployDialog *self)
{
  mark_dirty (self, index);
}

static void
on_pruned (AlKubeApply *plan, AlKubeObjectRef *ref, AlDeployDialog *self)
{
  guint index;

  if (self->prunable != NULL && g_ptr_array_find (self->prunable, ref, &index))
    mark_dirty (self, al_kube_apply_get_n_items (plan) + index);
}

/* The summary -------------------------------------------------------------------- */

static const AlKubeApplyItem *
first_failure (AlKubeApply *plan)
{
  for (guint i = 0; i < al_kube_apply_get_n_items (plan); i++)
    {
      const AlKubeApplyItem *item = al_kube_apply_get_item (plan, i);

      if (item->state == AL_KUBE_OBJECT_FAILED)
        return item;
    }
  return NULL;
}

static void
finish (AlDeployDialog *self)
{
  AlKubeApply *plan = self->plan;
  guint n = al_kube_apply_get_n_items (plan);
  guint failed = al_kube_apply_count_state (plan, AL_KUBE_OBJECT_FAILED);
  guint pending = al_kube_apply_count_state (plan, AL_KUBE_OBJECT_PENDING);
  guint applied = n - failed - pending;
  guint deleted = 0, prune_failed = 0;
  g_autoptr (GString) text = g_string_new (NULL);
  gboolean conflict = FALSE;

  flush_now (self);
  for (guint i = 0; self->prunable != NULL && i < self->prunable->len; i++)
    {
      AlKubeObjectRef *ref = g_ptr_array_index (self->prunable, i);

      deleted += ref->deleted;
      prune_failed += ref->error != NULL;
    }
  for (guint i = 0; i < n; i++)
    conflict |= g_error_matches (al_kube_apply_get_item (plan, i)->error, AL_NET_ERROR,
                                 AL_NET_ERROR_KUBE_CONFLICT);

  if (self->run_error != NULL && al_kube_error_is_cancelled (self->run_error))
    {
      g_string_append_printf (text, _("Cancelled: %u of %u objects applied; nothing else was "
                                      "sent. Retry sends the rest."), applied, n);
      gtk_label_set_text (self->deploy_status, _("Cancelled"));
    }
  else if (self->run_error != NULL && !g_error_matches (self->run_error, AL_NET_ERROR,
                                                        AL_NET_ERROR_FAILED))
    {
      g_string_append_printf (text, _("The deploy stopped: %s %u of %u objects applied. Retry "
                                      "when the cluster can be reached."),
                              self->run_error->message, applied, n);
      gtk_label_set_text (self->deploy_status, _("Stopped"));
    }
  else
    {
      const AlKubeApplyItem *failure = first_failure (plan);

      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u object applied",
                                                 "%u objects applied", applied), applied);
      if (failed > 0 && failure != NULL)
        {
          g_autofree char *label = al_kube_apply_item_dup_label (failure);

          g_string_append_printf (text, _(", %u failed: %s: %s"), failed, label,
                                  failure->error != NULL ? failure->error->message : "");
          if (!g_str_has_suffix (text->str, "."))
            g_string_append_c (text, '.');
        }
      else
        g_string_append_printf (text, _(" (%u created, %u configured, %u unchanged)."),
                                al_kube_apply_count_state (plan, AL_KUBE_OBJECT_CREATED),
                                al_kube_apply_count_state (plan, AL_KUBE_OBJECT_CONFIGURED),
                                al_kube_apply_count_state (plan, AL_KUBE_OBJECT_UNCHANGED));
      if (deleted > 0 || prune_failed > 0)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("%u deleted, %u could not be deleted."), deleted,
                                  prune_failed);
        }
      if (conflict && (self->flags & AL_KUBE_APPLY_FORCE_CONFLICTS) == 0)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("Another field manager owns fields that the document sets: "
                                   "go back, turn on Force Conflicts and deploy again to take "
                                   "them over."));
        }
      if (failed > 0 && self->prune_confirmed && !self->prune_done)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("Nothing was deleted while objects failed."));
        }
      if (failed > 0 || prune_failed > 0)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("Retry sends the failed objects again."));
          gtk_label_set_text (self->deploy_status, _("Some objects failed"));
        }
      else if (is_dry_run (self))
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("Dry run: the cluster accepted every object; nothing changed."));
          gtk_label_set_text (self->deploy_status, _("Dry run passed"));
        }
      else
        {
          if (self->status != NULL)
            {
              g_string_append_c (text, '\n');
              g_string_append (text, _("The canvas now shows the live state of each component."));
              al_deploy_status_start (self->status, self->client,
                                      al_editor_get_document (self->editor), self->namespace_);
            }
          gtk_label_set_text (self->deploy_status, _("Deployed"));
        }
    }
  gtk_label_set_text (self->summary_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
  if (failed > 0 || prune_failed > 0 || self->run_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  g_clear_object (&self->cancellable);
  al_deploy_dialog_set_stage (self, AL_DEPLOY_STAGE_DONE);
}

static void
on_pruned_all (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (AlDeployDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (self->plan != AL_KUBE_APPLY (source))
    return;
  if (!al_kube_apply_prune_finish (self->plan, result, &error))
    {
      if (!g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_FAILED))
        g_set_error_literal (&self->run_error, error->domain, error->code, error->message);
    }
  else
    self->prune_done = TRUE;
  finish (self);
}

static void
on_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (AlDeployDialog) self = user_data;

  if (self->plan != AL_KUBE_APPLY (source))
    return;
  g_clear_error (&self->run_error);
  if (!al_kube_apply_run_finish (self->plan, result, &self->run_error)
      && !g_error_matches (self->run_error, AL_NET_ERROR, AL_NET_ERROR_FAILED))
    {
      finish (self);
      return;
    }
  if (self->run_error == NULL && self->prune_confirmed && !self->prune_done
      && self->prunable != NULL && self->prunable->len > 0)
    {
      start_prune (self);
      return;
    }
  finish (self);
}

static void
start_prune (AlDeployDialog *self)
{
  g_autoptr (GPtrArray) confirmed = g_ptr_array_new ();

  /* Only what is not gone yet (Retry after a partial prune). */
  for (guint i = 0; i < self->prunable->len; i++)
    {
      AlKubeObjectRef *ref = g_ptr_array_index (self->prunable, i);

      if (!ref->deleted)
        {
          g_clear_error (&ref->error);
          g_ptr_array_add (confirmed, ref);
        }
    }
  gtk_label_set_text (self->deploy_status, _("Deleting what the document no longer has…"));
  al_kube_apply_prune_async (self->plan, confirmed, self->flags & AL_KUBE_APPLY_DRY_RUN,
                             self->cancellable, on_pruned_all, g_object_ref (self));
}

static void
start_run (AlDeployDialog *self)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_error (&self->run_error);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  al_deploy_dialog_set_stage (self, AL_DEPLOY_STAGE_DEPLOYING);
  g_signal_handlers_disconnect_by_data (self->plan, self);
  g_signal_connect (self->plan, "item-changed", G_CALLBACK (on_item_changed), self);
  g_signal_connect (self->plan, "pruned", G_CALLBACK (on_pruned), self);
  al_kube_apply_run_async (self->plan, self->flags, self->cancellable, on_applied,
                           g_object_ref (self));
  /* The run marks what it sends again as pending without a signal. */
  g_hash_table_remove_all (self->dirty);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->deploy_rows)); i++)
    g_hash_table_add (self->dirty, GUINT_TO_POINTER (i + 1));
  flush_now (self);
}

/* Appends up to @max rows, each as its object stands now. */
static void
append_rows (AlDeployDialog *self, guint max)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = al_kube_apply_get_n_items (self->plan);
  guint have = g_list_model_get_n_items (G_LIST_MODEL (self->deploy_rows));

  for (guint i = have; i < self->n_rows_wanted && i < have + max; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *detail = NULL;
      AlDeployRowState state;

      if (i < n)
        {
          const AlKubeApplyItem *item = al_kube_apply_get_item (self->plan, i);

          label = al_kube_apply_item_dup_label (item);
          describe_item (self, item, &state, &detail);
        }
      else
        {
          AlKubeObjectRef *ref = g_ptr_array_index (self->prunable, i - n);

          label = g_strdup_printf ("%s %s/%s", ref->kind, ref->namespace_, ref->name);
          describe_ref (self, ref, &state, &detail);
        }
      g_ptr_array_add (rows, al_deploy_row_new (label, state, detail));
    }
  g_list_store_splice (self->deploy_rows, have, 0, rows->pdata, rows->len);
}

static void
fill_rows (AlDeployDialog *self)
{
  g_list_store_remove_all (self->deploy_rows);
  self->n_rows_wanted = al_kube_apply_get_n_items (self->plan)
                        + (self->prune_confirmed ? self->prunable->len : 0);
  append_rows (self, FIRST_ROWS);
}

static void
on_confirm_response (AdwMessageDialog *dialog, const char *response, AlDeployDialog *self)
{
  /* The dialog may have been closed, or sent back, meanwhile. */
  if (self->plan != NULL && self->stage == AL_DEPLOY_STAGE_PREVIEWED
      && (g_strcmp0 (response, "delete") == 0 || g_strcmp0 (response, "keep") == 0))
    {
      self->prune_confirmed = g_strcmp0 (response, "delete") == 0;
      fill_rows (self);
      start_run (self);
    }
  g_object_unref (self);
}

void
al_deploy_dialog_run (AlDeployDialog *self)
{
  guint n_prune = self->prunable != NULL ? self->prunable->len : 0;
  g_autoptr (GString) body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (self->stage == AL_DEPLOY_STAGE_PREVIEWED && self->plan != NULL);

  self->prune_done = FALSE;
  /* A dry run deletes nothing either: no need to ask. */
  if (n_prune == 0 || is_dry_run (self))
    {
      self->prune_confirmed = n_prune > 0;
      fill_rows (self);
      start_run (self);
      return;
    }

  body = g_string_new (NULL);
  g_string_append (body, g_dngettext (GETTEXT_PACKAGE,
                                      "This object of the application is no longer in the "
                                      "document and will be deleted from the cluster:",
                                      "These objects of the application are no longer in the "
                                      "document and will be deleted from the cluster:", n_prune));
  for (guint i = 0; i < n_prune && i < MAX_CONFIRM_NAMES; i++)
    {
      AlKubeObjectRef *ref = g_ptr_array_index (self->prunable, i);

      g_string_append_printf (body, "\n• %s %s/%s", ref->kind, ref->namespace_, ref->name);
    }
  if (n_prune > MAX_CONFIRM_NAMES)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("and %u more"), n_prune - MAX_CONFIRM_NAMES);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, g_dngettext (GETTEXT_PACKAGE, "Delete %u Object?",
                                                          "Delete %u Objects?", n_prune), n_prune);
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "keep", _("Deploy _Without Deleting"),
                                    "delete", _("Deploy and _Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
al_deploy_dialog_retry (AlDeployDialog *self)
{
  g_return_if_fail (self->stage == AL_DEPLOY_STAGE_DONE && self->plan != NULL);

  start_run (self);
}

void
al_deploy_dialog_run_dispose (AlDeployDialog *self)
{
  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->dirty != NULL)
    g_hash_table_remove_all (self->dirty);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
}
