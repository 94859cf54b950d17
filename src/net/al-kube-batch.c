/* al-kube-batch.c: requests of a deploy in phases, a few at a time */
#include "al-kube-apply-private.h"

#include <glib/gi18n-lib.h>

JsonObject *
al_kube_json_object_member (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
al_kube_json_string_member (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

typedef struct
{
  gpointer job;
  guint phase;
} BatchJob;

typedef struct
{
  AlKubeBatch *batch;
  gpointer job;
} JobCall;

static void
batch_free (AlKubeBatch *batch)
{
  if (batch->caller_handler != 0)
    g_cancellable_disconnect (batch->caller_cancellable, batch->caller_handler);
  g_clear_object (&batch->caller_cancellable);
  g_clear_object (&batch->cancellable);
  g_clear_pointer (&batch->jobs, g_array_unref);
  g_clear_error (&batch->fatal);
  g_clear_pointer (&batch->refs, g_ptr_array_unref);
  g_clear_pointer (&batch->live_claims, g_ptr_array_unref);
  g_clear_pointer (&batch->prefixes, g_ptr_array_unref);
  g_clear_pointer (&batch->planned, g_hash_table_unref);
  g_free (batch);
}

static void
on_caller_cancelled (GCancellable *cancellable, gpointer user_data)
{
  AlKubeBatch *batch = user_data;

  g_cancellable_cancel (batch->cancellable);
}

static void batch_finish (AlKubeBatch *batch);

AlKubeBatch *
al_kube_batch_new (AlKubeApply *self, GCancellable *cancellable, GAsyncReadyCallback callback,
           gpointer user_data, gpointer source_tag, AlKubeBatchSendFunc send, AlKubeBatchDoneFunc done)
{
  AlKubeBatch *batch = g_new0 (AlKubeBatch, 1);

  batch->self = self;
  batch->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (batch->task, source_tag);
  g_task_set_check_cancellable (batch->task, FALSE);
  g_task_set_task_data (batch->task, batch, (GDestroyNotify) batch_free);
  batch->send = send;
  batch->done = done;
  batch->jobs = g_array_new (FALSE, FALSE, sizeof (BatchJob));
  batch->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      batch->caller_cancellable = g_object_ref (cancellable);
      batch->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                     batch, NULL);
    }
  return batch;
}

void
al_kube_batch_add (AlKubeBatch *batch, gpointer job, guint phase)
{
  BatchJob entry = { job, phase };

  g_array_append_val (batch->jobs, entry);
}

static gboolean
batch_stopping (AlKubeBatch *batch)
{
  return batch->fatal != NULL || g_cancellable_is_cancelled (batch->cancellable);
}

static void
on_job_answered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JobCall *call = user_data;
  AlKubeBatch *batch = call->batch;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  root = al_kube_client_request_finish (AL_KUBE_CLIENT (source), result, &status, &error);
  if (error != NULL && al_kube_error_is_fatal (error) && batch->fatal == NULL)
    {
      batch->fatal = g_error_copy (error);
      g_cancellable_cancel (batch->cancellable);
    }
  batch->done (batch, call->job, root, status, error);
  batch->in_flight--;
  g_free (call);
  al_kube_batch_pump (batch);
}

void
al_kube_batch_pump (AlKubeBatch *batch)
{
  while (!batch_stopping (batch) && batch->next < batch->jobs->len
         && batch->in_flight < batch->self->max_in_flight)
    {
      BatchJob *job = &g_array_index (batch->jobs, BatchJob, batch->next);
      JobCall *call;

      /* A phase starts once everything of the one before is answered. */
      if (batch->in_flight > 0 && job->phase != batch->phase)
        break;
      batch->phase = job->phase;
      batch->next++;
      batch->in_flight++;
      call = g_new0 (JobCall, 1);
      call->batch = batch;
      call->job = job->job;
      batch->send (batch, job->job, on_job_answered, call);
    }
  if (batch->in_flight == 0 && (batch_stopping (batch) || batch->next == batch->jobs->len))
    batch_finish (batch);
}

/* Returns the task with the batch's outcome: the fatal error, the
 * cancellation, or success (the op's own checks come in its finish). */
static void
batch_finish (AlKubeBatch *batch)
{
  g_autoptr (GTask) task = batch->task;

  if (batch->finished)
    return;
  batch->finished = TRUE;
  if (batch->fatal != NULL)
    g_task_return_error (task, g_error_copy (batch->fatal));
  else if (g_cancellable_is_cancelled (batch->cancellable))
    g_task_return_new_error (task, AL_NET_ERROR, AL_NET_ERROR_CANCELLED, "%s", _("cancelled"));
  else if (batch->n_failed > 0)
    g_task_return_new_error (task, AL_NET_ERROR, AL_NET_ERROR_FAILED,
                             g_dngettext (GETTEXT_PACKAGE, "%u object failed",
                                          "%u objects failed", batch->n_failed),
                             batch->n_failed);
  else if (batch->refs != NULL)
    g_task_return_pointer (task, g_ptr_array_ref (batch->refs), (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_boolean (task, TRUE);
}

gboolean
al_kube_batch_propagate (AlKubeApply *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
