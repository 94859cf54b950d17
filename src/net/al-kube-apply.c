/* al-kube-apply.c: deploying compiled manifests with server-side apply */
#include "al-kube-apply-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-json-writer.h"
#include "al-startup-order.h"

#define DEFAULT_MAX_IN_FLIGHT 6
#define FIELD_MANAGER "archlane"
#define APPLY_CONTENT_TYPE "application/apply-patch+yaml"

/* Phases: the Namespace, Secrets, Services, claims, then one phase per level
 * of start-up order (a workload's level is one more than that of the
 * deepest provider it waits for). */
enum
{
  PHASE_NAMESPACE,
  PHASE_SECRETS,
  PHASE_SERVICES,
  PHASE_CLAIMS,
  PHASE_WORKLOADS,
};

G_DEFINE_FINAL_TYPE (AlKubeApply, al_kube_apply, G_TYPE_OBJECT)

enum
{
  SIGNAL_ITEM_CHANGED,
  SIGNAL_PRUNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
apply_item_free (AlKubeApplyItem *item)
{
  g_free (item->kind);
  g_free (item->name);
  g_free (item->namespace_);
  g_free (item->component_id);
  g_free (item->component_name);
  g_free (item->path);
  g_clear_pointer (&item->object, json_node_unref);
  g_free (item->live_resource_version);
  g_clear_error (&item->error);
  g_free (item);
}


static void
al_kube_apply_finalize (GObject *object)
{
  AlKubeApply *self = AL_KUBE_APPLY (object);

  g_clear_object (&self->client);
  g_free (self->namespace_);
  g_free (self->application);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->applied);
  g_clear_pointer (&self->claim_prefixes, g_ptr_array_unref);

  G_OBJECT_CLASS (al_kube_apply_parent_class)->finalize (object);
}

static void
al_kube_apply_class_init (AlKubeApplyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = al_kube_apply_finalize;

  /* ::item-changed (guint index): the preview or state of an item changed. */
  signals[SIGNAL_ITEM_CHANGED] =
    g_signal_new ("item-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* ::pruned (AlKubeObjectRef *ref): a deletion was answered. */
  signals[SIGNAL_PRUNED] =
    g_signal_new ("pruned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
al_kube_apply_init (AlKubeApply *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) apply_item_free);
  self->claim_prefixes = g_ptr_array_new_with_free_func (g_free);
  self->max_in_flight = DEFAULT_MAX_IN_FLIGHT;
}
/* JSON helpers ------------------------------------------------------------ */



static gboolean
node_is_empty (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_size (json_node_get_object (node)) == 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  return FALSE;
}

/* Does @live hold every field of @desired with the same value? Fields the
 * server adds (defaults, status, bookkeeping) do not count; an empty value
 * counts as absent, as the API server omits empty ones. */
static gboolean
node_contains (JsonNode *live, JsonNode *desired)
{
  if (node_is_empty (desired))
    return node_is_empty (live);
  if (live == NULL || JSON_NODE_TYPE (live) != JSON_NODE_TYPE (desired))
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (desired))
    {
      JsonObject *want = json_node_get_object (desired);
      JsonObject *have = json_node_get_object (live);
      g_autoptr (GList) members = json_object_get_members (want);

      for (GList *l = members; l != NULL; l = l->next)
        if (!node_contains (json_object_get_member (have, l->data), json_object_get_member (want, l->data)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (desired))
    {
      JsonArray *want = json_node_get_array (desired);
      JsonArray *have = json_node_get_array (live);

      if (json_array_get_length (want) != json_array_get_length (have))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (want); i++)
        if (!node_contains (json_array_get_element (have, i), json_array_get_element (want, i)))
          return FALSE;
      return TRUE;
    }
  return json_node_equal (live, desired);
}

/* The API server stores a Secret's stringData as base64 data and never
 * returns stringData: compare in that form. */
static JsonNode *
comparable_form (const AlKubeApplyItem *item)
{
  JsonNode *copy;
  JsonObject *object, *string_data, *data;
  g_autoptr (GList) members = NULL;

  if (g_strcmp0 (item->kind, "Secret") != 0
      || (string_data = al_kube_json_object_member (json_node_get_object (item->object), "stringData")) == NULL)
    return json_node_ref (item->object);

  copy = al_json_node_deep_copy (item->object);
  object = json_node_get_object (copy);
  string_data = al_kube_json_object_member (object, "stringData");
  data = al_kube_json_object_member (object, "data");
  if (data == NULL)
    {
      data = json_object_new ();
      json_object_set_object_member (object, "data", data);
    }
  members = json_object_get_members (string_data);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value = al_kube_json_string_member (string_data, l->data);
      g_autofree char *encoded = g_base64_encode ((const guchar *) (value ? value : ""),
                                                  value ? strlen (value) : 0);

      json_object_set_string_member (data, l->data, encoded);
    }
  json_object_remove_member (object, "stringData");
  return copy;
}
/* The plan ---------------------------------------------------------------- */

static guint
workload_level (AlGraph *graph, AlComponent *component, GHashTable *levels)
{
  GPtrArray *consumed = al_graph_get_consumed (graph, component);
  guint level = 0;

  for (guint i = 0; i < consumed->len; i++)
    {
      AlDependency *dependency = g_ptr_array_index (consumed, i);
      AlComponent *provider = al_graph_get_to (graph, dependency);
      gpointer provider_level;

      if (!al_dependency_get_wait (dependency) || provider == NULL)
        continue;
      if (g_hash_table_lookup_extended (levels, provider, NULL, &provider_level))
        level = MAX (level, GPOINTER_TO_UINT (provider_level) + 1);
    }
  return level;
}

static void
add_item (AlKubeApply *self, GArray *keys, JsonNode *object, AlComponentManifest *manifest,
          guint phase, guint order)
{
  AlKubeApplyItem *item = g_new0 (AlKubeApplyItem, 1);
  JsonObject *root = json_node_get_object (object);
  JsonObject *metadata = al_kube_json_object_member (root, "metadata");
  gboolean is_namespace;

  item->kind = g_strdup (al_kube_json_string_member (root, "kind"));
  item->name = g_strdup (al_kube_json_string_member (metadata, "name"));
  is_namespace = g_strcmp0 (item->kind, "Namespace") == 0;
  item->phase = phase;
  if (manifest != NULL)
    {
      item->component_id = g_strdup (manifest->component_id);
      item->component_name = g_strdup (manifest->component_name);
    }

  if (is_namespace && g_strcmp0 (item->name, self->namespace_) != 0)
    {
      /* Deploying into another namespace than the document's. */
      item->object = al_json_node_deep_copy (object);
      metadata = al_kube_json_object_member (json_node_get_object (item->object), "metadata");
      json_object_set_string_member (metadata, "name", self->namespace_);
      g_free (item->name);
      item->name = g_strdup (self->namespace_);
    }
  else if (!is_namespace && g_strcmp0 (al_kube_json_string_member (metadata, "namespace"), self->namespace_) != 0)
    {
      item->object = al_json_node_deep_copy (object);
      metadata = al_kube_json_object_member (json_node_get_object (item->object), "metadata");
      json_object_set_string_member (metadata, "namespace", self->namespace_);
    }
  else
    item->object = json_node_ref (object);
  if (!is_namespace)
    item->namespace_ = g_strdup (self->namespace_);

  item->path = item->kind != NULL && item->name != NULL
                 ? al_kube_resource_path (item->kind, item->namespace_, item->name)
                 : NULL;
  if (item->path == NULL)
    {
      item->state = AL_KUBE_OBJECT_FAILED;
      item->error = g_error_new (AL_NET_ERROR, AL_NET_ERROR_FAILED,
                                 _("objects of kind “%s” cannot be deployed"),
                                 item->kind != NULL ? item->kind : "?");
    }
  g_ptr_array_add (self->items, item);
  g_array_append_val (keys, order);
}

/* Claim names a StatefulSet makes from its volumeClaimTemplates. */
void
al_kube_apply_add_claim_prefixes (GPtrArray *prefixes, JsonObject *statefulset, const char *name)
{
  JsonObject *spec = al_kube_json_object_member (statefulset, "spec");
  JsonNode *templates = spec != NULL ? json_object_get_member (spec, "volumeClaimTemplates") : NULL;

  if (name == NULL || templates == NULL || !JSON_NODE_HOLDS_ARRAY (templates))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (templates)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (templates), i);
      const char *template_name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      template_name = al_kube_json_string_member (al_kube_json_object_member (json_node_get_object (node), "metadata"), "name");
      if (template_name != NULL)
        g_ptr_array_add (prefixes, g_strdup_printf ("%s-%s-", template_name, name));
    }
}

typedef struct
{
  AlKubeApplyItem *item;
  guint phase;
  guint key;
  gboolean applied;
} SortEntry;

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const SortEntry *x = a, *y = b;

  if (x->phase != y->phase)
    return x->phase < y->phase ? -1 : 1;
  return x->key < y->key ? -1 : x->key > y->key ? 1 : 0;
}

AlKubeApply *
al_kube_apply_new (AlKubeClient *client, AlGraph *graph, AlManifests *manifests,
                   const char *namespace_)
{
  AlKubeApply *self;
  AlDocument *document;
  g_autoptr (AlStartupOrder) order = NULL;
  g_autoptr (GHashTable) levels = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree SortEntry *entries = NULL;
  guint sequence = 0;

  g_return_val_if_fail (AL_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (manifests != NULL, NULL);

  document = al_graph_get_document (graph);
  self = g_object_new (AL_TYPE_KUBE_APPLY, NULL);
  self->client = g_object_ref (client);
  self->application = g_strdup (al_document_get_name (document));
  if (namespace_ != NULL && *namespace_ != '\0')
    self->namespace_ = g_strdup (namespace_);
  else if (al_document_get_namespace (document) != NULL && *al_document_get_namespace (document) != '\0')
    self->namespace_ = g_strdup (al_document_get_namespace (document));
  else
    self->namespace_ = g_strdup ("default");

  order = al_startup_order_compute (graph);
  for (guint i = 0; i < order->order->len; i++)
    {
      AlComponent *component = g_ptr_array_index (order->order, i);

      g_hash_table_insert (levels, component,
                           GUINT_TO_POINTER (workload_level (graph, component, levels)));
      g_hash_table_insert (positions, (gpointer) al_component_get_id (component), GUINT_TO_POINTER (i));
    }

  if (manifests->namespace_object != NULL)
    add_item (self, keys, manifests->namespace_object, NULL, PHASE_NAMESPACE, sequence++);
  for (guint c = 0; c < manifests->components->len; c++)
    {
      AlComponentManifest *manifest = g_ptr_array_index (manifests->components, c);
      AlComponent *component = al_document_lookup_component (document, manifest->component_id);

      for (guint o = 0; o < manifest->objects->len; o++)
        {
          JsonNode *object = g_ptr_array_index (manifest->objects, o);
          const char *kind = al_kube_json_string_member (json_node_get_object (object), "kind");
          guint phase = PHASE_CLAIMS;
          guint key = sequence++;

          if (g_strcmp0 (kind, "Secret") == 0)
            phase = PHASE_SECRETS;
          else if (g_strcmp0 (kind, "Service") == 0)
            phase = PHASE_SERVICES;
          else if (g_strcmp0 (kind, "Deployment") == 0 || g_strcmp0 (kind, "StatefulSet") == 0)
            {
              phase = PHASE_WORKLOADS;
              if (component != NULL)
                {
                  phase += GPOINTER_TO_UINT (g_hash_table_lookup (levels, component));
                  key = GPOINTER_TO_UINT (g_hash_table_lookup (positions, manifest->component_id));
                }
              if (g_strcmp0 (kind, "StatefulSet") == 0)
                al_kube_apply_add_claim_prefixes (self->claim_prefixes, json_node_get_object (object),
                                    al_kube_json_string_member (al_kube_json_object_member (json_node_get_object (object), "metadata"), "name"));
            }
          add_item (self, keys, object, manifest, phase, key);
        }
    }

  /* Sent by phase, then start-up order (workloads) or document order. */
  entries = g_new0 (SortEntry, self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    {
      entries[i].item = g_ptr_array_index (self->items, i);
      entries[i].phase = entries[i].item->phase;
      entries[i].key = g_array_index (keys, guint, i);
    }
  qsort (entries, self->items->len, sizeof (SortEntry), compare_entries);
  g_ptr_array_set_free_func (self->items, NULL);
  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_free_func (self->items, (GDestroyNotify) apply_item_free);
  for (guint i = 0; i < keys->len; i++)
    {
      entries[i].item->index = i;
      g_ptr_array_add (self->items, entries[i].item);
    }
  self->applied = g_new0 (gboolean, self->items->len);
  return self;
}

const char *
al_kube_apply_get_namespace (AlKubeApply *self)
{
  g_return_val_if_fail (AL_IS_KUBE_APPLY (self), NULL);
  return self->namespace_;
}

const char *
al_kube_apply_get_application (AlKubeApply *self)
{
  g_return_val_if_fail (AL_IS_KUBE_APPLY (self), NULL);
  return self->application;
}

void
al_kube_apply_set_max_in_flight (AlKubeApply *self, guint max_in_flight)
{
  g_return_if_fail (AL_IS_KUBE_APPLY (self));
  self->max_in_flight = MAX (max_in_flight, 1);
}

guint
al_kube_apply_get_n_items (AlKubeApply *self)
{
  g_return_val_if_fail (AL_IS_KUBE_APPLY (self), 0);
  return self->items->len;
}

const AlKubeApplyItem *
al_kube_apply_get_item (AlKubeApply *self, guint index)
{
  g_return_val_if_fail (AL_IS_KUBE_APPLY (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

guint
al_kube_apply_count_state (AlKubeApply *self, AlKubeObjectState state)
{
  guint n = 0;

  g_return_val_if_fail (AL_IS_KUBE_APPLY (self), 0);
  for (guint i = 0; i < self->items->len; i++)
    if (((AlKubeApplyItem *) g_ptr_array_index (self->items, i))->state == state)
      n++;
  return n;
}

guint
al_kube_apply_count_preview (AlKubeApply *self, AlKubePreview preview)
{
  guint n = 0;

  g_return_val_if_fail (AL_IS_KUBE_APPLY (self), 0);
  for (guint i = 0; i < self->items->len; i++)
    if (((AlKubeApplyItem *) g_ptr_array_index (self->items, i))->preview == preview)
      n++;
  return n;
}

char *
al_kube_apply_item_dup_label (const AlKubeApplyItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  if (item->namespace_ != NULL)
    return g_strdup_printf ("%s %s/%s", item->kind, item->namespace_, item->name);
  return g_strdup_printf ("%s %s", item->kind, item->name);
}

const char *
al_kube_object_state_to_string (AlKubeObjectState state)
{
  switch (state)
    {
    case AL_KUBE_OBJECT_PENDING:
      return _("pending");
    case AL_KUBE_OBJECT_CREATED:
      return _("created");
    case AL_KUBE_OBJECT_CONFIGURED:
      return _("configured");
    case AL_KUBE_OBJECT_UNCHANGED:
      return _("unchanged");
    case AL_KUBE_OBJECT_APPLIED:
      return _("applied");
    case AL_KUBE_OBJECT_FAILED:
    default:
      return _("failed");
    }
}

const char *
al_kube_preview_to_string (AlKubePreview preview)
{
  switch (preview)
    {
    case AL_KUBE_PREVIEW_CREATE:
      return _("create");
    case AL_KUBE_PREVIEW_CHANGE:
      return _("change");
    case AL_KUBE_PREVIEW_UNCHANGED:
      return _("unchanged");
    case AL_KUBE_PREVIEW_UNKNOWN:
    default:
      return _("unknown");
    }
}
/* Preview ------------------------------------------------------------------ */

static void
preview_send (AlKubeBatch *batch, gpointer job, GAsyncReadyCallback callback, gpointer user_data)
{
  AlKubeApplyItem *item = job;

  al_kube_client_request_async (batch->self->client, "GET", item->path, NULL, NULL,
                                batch->cancellable, callback, user_data);
}

static void
emit_item_changed (AlKubeApply *self, AlKubeApplyItem *item)
{
  g_signal_emit (self, signals[SIGNAL_ITEM_CHANGED], 0, item->index);
}

static void
preview_done (AlKubeBatch *batch, gpointer job, JsonNode *root, guint status, const GError *error)
{
  AlKubeApplyItem *item = job;
  JsonObject *metadata;

  if (error != NULL && al_kube_error_is_cancelled (error))
    return;
  g_clear_pointer (&item->live_resource_version, g_free);
  if (g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_KUBE_NOT_FOUND))
    item->preview = AL_KUBE_PREVIEW_CREATE;
  else if (error != NULL)
    {
      item->preview = AL_KUBE_PREVIEW_UNKNOWN;
      g_clear_error (&item->error);
      item->error = g_error_copy (error);
    }
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr (JsonNode) wanted = comparable_form (item);

      metadata = al_kube_json_object_member (json_node_get_object (root), "metadata");
      item->live_resource_version = g_strdup (al_kube_json_string_member (metadata, "resourceVersion"));
      item->preview = node_contains (root, wanted) ? AL_KUBE_PREVIEW_UNCHANGED : AL_KUBE_PREVIEW_CHANGE;
    }
  else
    item->preview = AL_KUBE_PREVIEW_UNKNOWN;
  emit_item_changed (batch->self, item);
}

void
al_kube_apply_preview_async (AlKubeApply *self, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  AlKubeBatch *batch;

  g_return_if_fail (AL_IS_KUBE_APPLY (self));

  batch = al_kube_batch_new (self, cancellable, callback, user_data, al_kube_apply_preview_async,
                     preview_send, preview_done);
  for (guint i = 0; i < self->items->len; i++)
    {
      AlKubeApplyItem *item = g_ptr_array_index (self->items, i);

      if (item->path != NULL)
        al_kube_batch_add (batch, item, 0);
    }
  al_kube_batch_pump (batch);
}

gboolean
al_kube_apply_preview_finish (AlKubeApply *self, GAsyncResult *result, GError **error)
{
  return al_kube_batch_propagate (self, result, al_kube_apply_preview_async, error);
}

/* Run ---------------------------------------------------------------------- */

static void
run_send (AlKubeBatch *batch, gpointer job, GAsyncReadyCallback callback, gpointer user_data)
{
  AlKubeApplyItem *item = job;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) body = NULL;
  gsize length = 0;
  char *text;

  path = g_strconcat (item->path, "?fieldManager=" FIELD_MANAGER,
                      (batch->flags & AL_KUBE_APPLY_FORCE_CONFLICTS) ? "&force=true" : "",
                      (batch->flags & AL_KUBE_APPLY_DRY_RUN) ? "&dryRun=All" : "", NULL);
  /* JSON is YAML: the apply patch goes as the compiler's JSON. */
  text = json_to_string (item->object, FALSE);
  length = strlen (text);
  body = g_bytes_new_take (text, length);
  al_kube_client_request_async (batch->self->client, "PATCH", path, APPLY_CONTENT_TYPE, body,
                                batch->cancellable, callback, user_data);
}

static AlKubeObjectState
outcome_of (const AlKubeApplyItem *item, JsonNode *root, guint status, gboolean dry_run)
{
  JsonObject *metadata;
  const char *resource_version;

  if (status == 201 || item->preview == AL_KUBE_PREVIEW_CREATE)
    return AL_KUBE_OBJECT_CREATED;
  if (dry_run)
    {
      if (item->preview == AL_KUBE_PREVIEW_UNCHANGED)
        return AL_KUBE_OBJECT_UNCHANGED;
      return item->preview == AL_KUBE_PREVIEW_CHANGE ? AL_KUBE_OBJECT_CONFIGURED : AL_KUBE_OBJECT_APPLIED;
    }
  if (item->live_resource_version == NULL)
    return AL_KUBE_OBJECT_APPLIED;
  /* A no-op apply does not write: the resourceVersion stays. */
  metadata = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
               ? al_kube_json_object_member (json_node_get_object (root), "metadata") : NULL;
  resource_version = al_kube_json_string_member (metadata, "resourceVersion");
  if (resource_version == NULL)
    return AL_KUBE_OBJECT_APPLIED;
  return strcmp (resource_version, item->live_resource_version) == 0 ? AL_KUBE_OBJECT_UNCHANGED
                                                                     : AL_KUBE_OBJECT_CONFIGURED;
}

static void
run_done (AlKubeBatch *batch, gpointer job, JsonNode *root, guint status, const GError *error)
{
  AlKubeApply *self = batch->self;
  AlKubeApplyItem *item = job;
  gboolean dry_run = (batch->flags & AL_KUBE_APPLY_DRY_RUN) != 0;

  g_clear_error (&item->error);
  if (error != NULL && (al_kube_error_is_cancelled (error) || al_kube_error_is_fatal (error)))
    item->state = AL_KUBE_OBJECT_PENDING;
  else if (dry_run && batch->namespace_is_new && item->namespace_ != NULL
           && g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_KUBE_NOT_FOUND))
    {
      /* The server checks nothing in a namespace that a dry run did not
       * make: these would be created with it. */
      item->state = AL_KUBE_OBJECT_CREATED;
    }
  else if (error != NULL)
    {
      item->state = AL_KUBE_OBJECT_FAILED;
      item->error = g_error_copy (error);
      batch->n_failed++;
    }
  else
    {
      item->state = outcome_of (item, root, status, dry_run);
      if (!dry_run)
        {
          JsonObject *metadata = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                                   ? al_kube_json_object_member (json_node_get_object (root), "metadata") : NULL;

          self->applied[item->index] = TRUE;
          /* Applying again would change nothing now. */
          item->preview = AL_KUBE_PREVIEW_UNCHANGED;
          /* What a later preview compares with. */
          g_free (item->live_resource_version);
          item->live_resource_version = g_strdup (al_kube_json_string_member (metadata, "resourceVersion"));
        }
    }
  emit_item_changed (self, item);
}

void
al_kube_apply_run_async (AlKubeApply *self, AlKubeApplyFlags flags, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  AlKubeBatch *batch;
  gboolean dry_run = (flags & AL_KUBE_APPLY_DRY_RUN) != 0;

  g_return_if_fail (AL_IS_KUBE_APPLY (self));

  batch = al_kube_batch_new (self, cancellable, callback, user_data, al_kube_apply_run_async, run_send,
                     run_done);
  batch->flags = flags;
  for (guint i = 0; i < self->items->len; i++)
    {
      AlKubeApplyItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->kind, "Namespace") == 0 && item->preview == AL_KUBE_PREVIEW_CREATE)
        batch->namespace_is_new = TRUE;
      if (item->path == NULL)
        {
          batch->n_failed++;
          continue;
        }
      if (!dry_run && self->applied[i])
        continue;
      item->state = AL_KUBE_OBJECT_PENDING;
      al_kube_batch_add (batch, item, item->phase);
    }
  al_kube_batch_pump (batch);
}

gboolean
al_kube_apply_run_finish (AlKubeApply *self, GAsyncResult *result, GError **error)
{
  return al_kube_batch_propagate (self, result, al_kube_apply_run_async, error);
}

void
al_kube_apply_emit_pruned (AlKubeApply *self, AlKubeObjectRef *ref)
{
  g_signal_emit (self, signals[SIGNAL_PRUNED], 0, ref);
}
