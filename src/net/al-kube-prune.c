/* al-kube-prune.c: finding and deleting what the document no longer has */
#include "al-kube-apply-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The kinds a prune looks at, in the order it deletes them. */
static const char *const prunable_kinds[] = {
  "Deployment", "StatefulSet", "Service", "Secret", "PersistentVolumeClaim",
};

void
al_kube_object_ref_free (AlKubeObjectRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->kind);
  g_free (ref->name);
  g_free (ref->namespace_);
  g_free (ref->path);
  g_clear_error (&ref->error);
  g_free (ref);
}

static gboolean
plan_has (AlKubeBatch *batch, const char *kind, const char *name)
{
  g_autofree char *key = g_strconcat (kind, "/", name, NULL);

  if (batch->planned == NULL)
    {
      batch->planned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < batch->self->items->len; i++)
        {
          AlKubeApplyItem *item = g_ptr_array_index (batch->self->items, i);

          g_hash_table_add (batch->planned, g_strconcat (item->kind, "/", item->name, NULL));
        }
    }
  return g_hash_table_contains (batch->planned, key);
}

static gboolean
is_statefulset_claim (GPtrArray *prefixes, const char *name)
{
  for (guint i = 0; i < prefixes->len; i++)
    {
      const char *prefix = g_ptr_array_index (prefixes, i);
      const char *rest;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = name + strlen (prefix);
      if (*rest == '\0')
        continue;
      while (g_ascii_isdigit (*rest))
        rest++;
      if (*rest == '\0')
        return TRUE;
    }
  return FALSE;
}

static void
list_send (AlKubeBatch *batch, gpointer job, GAsyncReadyCallback callback, gpointer user_data)
{
  const char *kind = job;
  g_autofree char *collection = al_kube_resource_path (kind, batch->self->namespace_, NULL);
  g_autofree char *selector = g_strdup_printf ("app.kubernetes.io/managed-by=archlane,"
                                               "app.kubernetes.io/part-of=%s",
                                               batch->self->application);
  g_autofree char *escaped = g_uri_escape_string (selector, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("%s?labelSelector=%s", collection, escaped);

  al_kube_client_request_async (batch->self->client, "GET", path, NULL, NULL, batch->cancellable,
                                callback, user_data);
}

static AlKubeObjectRef *
object_ref_new (const char *kind, const char *namespace_, const char *name)
{
  AlKubeObjectRef *ref = g_new0 (AlKubeObjectRef, 1);

  ref->kind = g_strdup (kind);
  ref->name = g_strdup (name);
  ref->namespace_ = g_strdup (namespace_);
  ref->path = al_kube_resource_path (kind, namespace_, name);
  return ref;
}

static void
list_done (AlKubeBatch *batch, gpointer job, JsonNode *root, guint status, const GError *error)
{
  const char *kind = job;
  JsonNode *items;

  if (error != NULL)
    {
      /* A list that fails means the candidates are unknown: nothing may be
       * pruned on a partial view. */
      if (batch->fatal == NULL && !al_kube_error_is_cancelled (error))
        batch->fatal = g_error_new (AL_NET_ERROR, error->code, _("cannot list the %s of %s: %s"),
                                    kind, batch->self->namespace_, error->message);
      g_cancellable_cancel (batch->cancellable);
      return;
    }
  items = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
            ? json_object_get_member (json_node_get_object (root), "items") : NULL;
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (items), i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = al_kube_json_string_member (al_kube_json_object_member (object, "metadata"), "name");

      if (name == NULL)
        continue;
      if (strcmp (kind, "StatefulSet") == 0)
        al_kube_apply_add_claim_prefixes (batch->prefixes, object, name);
      if (plan_has (batch, kind, name))
        continue;
      if (strcmp (kind, "PersistentVolumeClaim") == 0)
        g_ptr_array_add (batch->live_claims, g_strdup (name));
      else
        g_ptr_array_add (batch->refs, object_ref_new (kind, batch->self->namespace_, name));
    }
}

static void
on_prunable_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) refs = g_task_propagate_pointer (G_TASK (result), &error);
  AlKubeBatch *batch = g_task_get_task_data (G_TASK (result));

  if (refs == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Claims last, and only once every StatefulSet is known. */
  for (guint i = 0; i < batch->live_claims->len; i++)
    {
      const char *name = g_ptr_array_index (batch->live_claims, i);

      if (!is_statefulset_claim (batch->prefixes, name))
        g_ptr_array_add (refs, object_ref_new ("PersistentVolumeClaim", batch->self->namespace_, name));
    }
  g_task_return_pointer (task, g_steal_pointer (&refs), (GDestroyNotify) g_ptr_array_unref);
}

void
al_kube_apply_find_prunable_async (AlKubeApply *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *outer;
  AlKubeBatch *batch;

  g_return_if_fail (AL_IS_KUBE_APPLY (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, al_kube_apply_find_prunable_async);
  batch = al_kube_batch_new (self, cancellable, on_prunable_listed, outer, NULL, list_send, list_done);
  batch->refs = g_ptr_array_new_with_free_func ((GDestroyNotify) al_kube_object_ref_free);
  batch->live_claims = g_ptr_array_new_with_free_func (g_free);
  batch->prefixes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->claim_prefixes->len; i++)
    g_ptr_array_add (batch->prefixes, g_strdup (g_ptr_array_index (self->claim_prefixes, i)));
  for (guint i = 0; i < G_N_ELEMENTS (prunable_kinds); i++)
    al_kube_batch_add (batch, (gpointer) prunable_kinds[i], 0);
  al_kube_batch_pump (batch);
}

GPtrArray *
al_kube_apply_find_prunable_finish (AlKubeApply *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == al_kube_apply_find_prunable_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_send (AlKubeBatch *batch, gpointer job, GAsyncReadyCallback callback, gpointer user_data)
{
  AlKubeObjectRef *ref = job;
  g_autofree char *path = g_strconcat (ref->path, "?propagationPolicy=Background",
                                       (batch->flags & AL_KUBE_APPLY_DRY_RUN) ? "&dryRun=All" : "",
                                       NULL);

  al_kube_client_request_async (batch->self->client, "DELETE", path, NULL, NULL,
                                batch->cancellable, callback, user_data);
}

static void
delete_done (AlKubeBatch *batch, gpointer job, JsonNode *root, guint status, const GError *error)
{
  AlKubeObjectRef *ref = job;

  if (error != NULL && (al_kube_error_is_cancelled (error) || al_kube_error_is_fatal (error)))
    return;
  g_clear_error (&ref->error);
  if (error == NULL || g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_KUBE_NOT_FOUND))
    ref->deleted = TRUE;
  else
    {
      ref->error = g_error_copy (error);
      batch->n_failed++;
    }
  al_kube_apply_emit_pruned (batch->self, ref);
}

void
al_kube_apply_prune_async (AlKubeApply *self, GPtrArray *confirmed, AlKubeApplyFlags flags,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  AlKubeBatch *batch;

  g_return_if_fail (AL_IS_KUBE_APPLY (self));
  g_return_if_fail (confirmed != NULL);

  batch = al_kube_batch_new (self, cancellable, callback, user_data, al_kube_apply_prune_async,
                     delete_send, delete_done);
  batch->flags = flags;
  /* The array stays alive while its refs are being filled in. */
  batch->refs = g_ptr_array_ref (confirmed);
  for (guint i = 0; i < confirmed->len; i++)
    {
      AlKubeObjectRef *ref = g_ptr_array_index (confirmed, i);

      if (ref->path != NULL && !ref->deleted)
        al_kube_batch_add (batch, ref, 0);
    }
  al_kube_batch_pump (batch);
}

gboolean
al_kube_apply_prune_finish (AlKubeApply *self, GAsyncResult *result, GError **error)
{
  g_autoptr (GPtrArray) refs = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == al_kube_apply_prune_async, FALSE);
  refs = g_task_propagate_pointer (G_TASK (result), error);
  return refs != NULL;
}
