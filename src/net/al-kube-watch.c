/* al-kube-watch.c: the live state of an application's components */
#include "al-kube-watch.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-component.h"
#include "al-lane.h"

#define BACKOFF_BASE_MS 500
#define BACKOFF_MAX_MS 30000
/* The API server ends a watch after this; the watch resumes from where it
 * was. */
#define WATCH_TIMEOUT_S 290

typedef enum
{
  STREAM_DEPLOYMENTS,
  STREAM_STATEFULSETS,
  STREAM_PODS,
  N_STREAMS
} StreamKind;

static const char *const stream_kinds[N_STREAMS] = { "Deployment", "StatefulSet", "Pod" };

typedef struct
{
  AlKubeWatch *watch;
  StreamKind kind;
  GHashTable *objects;       /* name → JsonNode */
  char *resource_version;
  GDataInputStream *lines;
  guint failures;            /* in a row, for the backoff */
  guint events_since_open;
  guint retry_source;
  gboolean listed;
  gboolean stopped;          /* 401/403: trying again will not help */
} Stream;

struct _AlKubeWatch
{
  GObject parent_instance;

  AlKubeClient *client;
  char *namespace_;
  char *selector;
  GPtrArray *statuses;       /* AlKubeComponentStatus*, document order */
  GHashTable *by_name;       /* component name → AlKubeComponentStatus* */
  GHashTable *by_id;
  GHashTable *kinds;         /* component name → "Deployment" / "StatefulSet" */
  GHashTable *images;        /* component name → image */
  Stream streams[N_STREAMS];
  GCancellable *cancellable;
  gboolean synced;
};

G_DEFINE_FINAL_TYPE (AlKubeWatch, al_kube_watch, G_TYPE_OBJECT)

enum
{
  SIGNAL_COMPONENT_CHANGED,
  SIGNAL_SYNCED,
  SIGNAL_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stream_list (Stream *stream);
static void stream_watch (Stream *stream);

static void
status_free (AlKubeComponentStatus *status)
{
  g_free (status->component_id);
  g_free (status->component_name);
  g_free (status->arch);
  g_free (status->reason);
  g_free (status);
}

static void
stream_reset (Stream *stream)
{
  g_clear_handle_id (&stream->retry_source, g_source_remove);
  g_clear_object (&stream->lines);
}

static void
al_kube_watch_dispose (GObject *object)
{
  AlKubeWatch *self = AL_KUBE_WATCH (object);

  al_kube_watch_stop (self);
  G_OBJECT_CLASS (al_kube_watch_parent_class)->dispose (object);
}

static void
al_kube_watch_finalize (GObject *object)
{
  AlKubeWatch *self = AL_KUBE_WATCH (object);

  for (guint i = 0; i < N_STREAMS; i++)
    {
      g_clear_pointer (&self->streams[i].objects, g_hash_table_unref);
      g_clear_pointer (&self->streams[i].resource_version, g_free);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_free (self->namespace_);
  g_free (self->selector);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->kinds, g_hash_table_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);

  G_OBJECT_CLASS (al_kube_watch_parent_class)->finalize (object);
}

static void
al_kube_watch_class_init (AlKubeWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = al_kube_watch_dispose;
  object_class->finalize = al_kube_watch_finalize;

  signals[SIGNAL_COMPONENT_CHANGED] =
    g_signal_new ("component-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
al_kube_watch_init (AlKubeWatch *self)
{
  self->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) status_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < N_STREAMS; i++)
    {
      self->streams[i].watch = self;
      self->streams[i].kind = i;
      self->streams[i].objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) json_node_unref);
    }
}

AlKubeWatch *
al_kube_watch_new (AlKubeClient *client, AlDocument *document, const char *namespace_)
{
  AlKubeWatch *self;
  GListModel *components;
  const char *document_namespace;

  g_return_val_if_fail (AL_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  self = g_object_new (AL_TYPE_KUBE_WATCH, NULL);
  self->client = g_object_ref (client);
  document_namespace = al_document_get_namespace (document);
  if (namespace_ != NULL && *namespace_ != '\0')
    self->namespace_ = g_strdup (namespace_);
  else if (document_namespace != NULL && *document_namespace != '\0')
    self->namespace_ = g_strdup (document_namespace);
  else
    self->namespace_ = g_strdup ("default");
  self->selector = g_strdup_printf ("app.kubernetes.io/managed-by=archlane,"
                                    "app.kubernetes.io/part-of=%s",
                                    al_document_get_name (document));

  components = al_document_get_components (document);
  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      AlLane *lane = al_document_get_component_lane (document, component);
      AlKubeComponentStatus *status = g_new0 (AlKubeComponentStatus, 1);

      status->component_id = g_strdup (al_component_get_id (component));
      status->component_name = g_strdup (al_component_get_name (component));
      status->arch = lane != NULL ? g_strdup (al_lane_get_arch (lane)) : NULL;
      status->state = AL_KUBE_COMPONENT_ABSENT;
      status->desired = al_component_get_replicas (component);
      g_ptr_array_add (self->statuses, status);
      g_hash_table_insert (self->by_name, status->component_name, status);
      g_hash_table_insert (self->by_id, status->component_id, status);
      g_hash_table_insert (self->kinds, g_strdup (status->component_name),
                           (gpointer) (al_component_get_kind (component) == AL_KIND_STATEFUL
                                         ? "StatefulSet" : "Deployment"));
      g_hash_table_insert (self->images, g_strdup (status->component_name),
                           g_strdup (al_component_get_image (component)));
    }
  return self;
}

/* JSON helpers -------------------------------------------------------------- */

static JsonObject *
object_member (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
string_member (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object, const char *member, gint64 fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static const char *
component_label (JsonObject *object)
{
  return string_member (object_member (object_member (object, "metadata"), "labels"),
                        "app.kubernetes.io/name");
}

/* The state of a component ---------------------------------------------------- */

static gboolean
mentions_exec_format_error (JsonObject *container_state)
{
  const char *text;

  if (container_state == NULL)
    return FALSE;
  text = string_member (object_member (container_state, "terminated"), "message");
  if (text != NULL && strstr (text, "exec format error") != NULL)
    return TRUE;
  text = string_member (object_member (container_state, "waiting"), "message");
  return text != NULL && strstr (text, "exec format error") != NULL;
}

/* Why one container of a pod fails, or %NULL. */
static char *
container_failure (AlKubeComponentStatus *status, JsonObject *container, const char *image)
{
  JsonObject *state = object_member (container, "state");
  JsonObject *last = object_member (container, "lastState");
  JsonObject *waiting = object_member (state, "waiting");
  const char *reason = string_member (waiting, "reason");
  const char *message = string_member (waiting, "message");
  const char *name = string_member (container, "name");
  const char *arch = status->arch != NULL ? status->arch : "?";

  if (mentions_exec_format_error (state) || mentions_exec_format_error (last))
    return g_strdup_printf (_("the image has no build for %s (exec format error)"), arch);
  if (reason == NULL)
    return NULL;
  if (strcmp (reason, "ImagePullBackOff") == 0 || strcmp (reason, "ErrImagePull") == 0
      || strcmp (reason, "InvalidImageName") == 0)
    {
      const char *pulled = string_member (container, "image");

      if (message != NULL && strstr (message, "no match for platform in manifest") != NULL)
        return g_strdup_printf (_("the image has no build for %s"), arch);
      return g_strdup_printf (_("cannot pull the image “%s”: %s"),
                              pulled != NULL ? pulled : (image != NULL ? image : ""),
                              message != NULL ? message : reason);
    }
  if (strcmp (reason, "CrashLoopBackOff") == 0)
    {
      JsonObject *terminated = object_member (last, "terminated");

      return g_strdup_printf (_("container “%s” keeps crashing (exit code %d, restarted %d times)"),
                              name != NULL ? name : "",
                              (int) int_member (terminated, "exitCode", 0),
                              (int) int_member (container, "restartCount", 0));
    }
  if (strcmp (reason, "CreateContainerConfigError") == 0 || strcmp (reason, "RunContainerError") == 0
      || strcmp (reason, "CreateContainerError") == 0)
    return g_strdup_printf (_("container “%s” cannot start: %s"), name != NULL ? name : "",
                            message != NULL ? message : reason);
  return NULL;
}

/* Why @pod fails, or %NULL; @pending receives why it waits. */
static char *
pod_failure (AlKubeComponentStatus *status, JsonObject *pod, const char *image, char **pending)
{
  JsonObject *pod_status = object_member (pod, "status");
  const char *const lists[] = { "initContainerStatuses", "containerStatuses" };
  JsonArray *conditions = array_member (pod_status, "conditions");

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *containers = array_member (pod_status, lists[l]);

      for (guint i = 0; containers != NULL && i < json_array_get_length (containers); i++)
        {
          JsonNode *node = json_array_get_element (containers, i);
          char *failure = JSON_NODE_HOLDS_OBJECT (node)
                            ? container_failure (status, json_node_get_object (node), image) : NULL;

          if (failure != NULL)
            return failure;
        }
    }
  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonNode *node = json_array_get_element (conditions, i);
      JsonObject *condition = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (string_member (condition, "type"), "PodScheduled") == 0
          && g_strcmp0 (string_member (condition, "status"), "False") == 0
          && g_strcmp0 (string_member (condition, "reason"), "Unschedulable") == 0)
        return g_strdup_printf (_("no node can run it (%s nodes wanted): %s"),
                                status->arch != NULL ? status->arch : "?",
                                string_member (condition, "message") ? string_member (condition, "message") : "");
    }
  if (pending != NULL && *pending == NULL
      && g_strcmp0 (string_member (pod_status, "phase"), "Pending") == 0)
    *pending = g_strdup (_("waiting for its pods to start"));
  return NULL;
}

static gboolean
deadline_exceeded (JsonObject *workload)
{
  JsonArray *conditions = array_member (object_member (workload, "status"), "conditions");

  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonNode *node = json_array_get_element (conditions, i);
      JsonObject *condition = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (string_member (condition, "type"), "Progressing") == 0
          && g_strcmp0 (string_member (condition, "reason"), "ProgressDeadlineExceeded") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
recompute (AlKubeWatch *self, AlKubeComponentStatus *status)
{
  const char *kind = g_hash_table_lookup (self->kinds, status->component_name);
  const char *image = g_hash_table_lookup (self->images, status->component_name);
  StreamKind stream = g_strcmp0 (kind, "StatefulSet") == 0 ? STREAM_STATEFULSETS : STREAM_DEPLOYMENTS;
  JsonNode *node = g_hash_table_lookup (self->streams[stream].objects, status->component_name);
  JsonObject *workload = node != NULL ? json_node_get_object (node) : NULL;
  AlKubeComponentState state;
  g_autofree char *reason = NULL;
  g_autofree char *pending = NULL;
  int ready = 0, desired = status->desired;

  if (node == NULL)
    {
      /* The other kind: the component changed kind since it was deployed. */
      stream = stream == STREAM_DEPLOYMENTS ? STREAM_STATEFULSETS : STREAM_DEPLOYMENTS;
      node = g_hash_table_lookup (self->streams[stream].objects, status->component_name);
      workload = node != NULL ? json_node_get_object (node) : NULL;
    }

  if (workload == NULL)
    state = AL_KUBE_COMPONENT_ABSENT;
  else
    {
      JsonObject *spec = object_member (workload, "spec");
      JsonObject *workload_status = object_member (workload, "status");
      GHashTableIter iter;
      gpointer value;
      int updated;

      desired = (int) int_member (spec, "replicas", 1);
      ready = (int) int_member (workload_status, "readyReplicas", 0);
      updated = (int) int_member (workload_status, "updatedReplicas", ready);

      g_hash_table_iter_init (&iter, self->streams[STREAM_PODS].objects);
      while (reason == NULL && g_hash_table_iter_next (&iter, NULL, &value))
        {
          JsonObject *pod = json_node_get_object (value);

          if (g_strcmp0 (component_label (pod), status->component_name) == 0)
            reason = pod_failure (status, pod, image, &pending);
        }
      if (reason == NULL && deadline_exceeded (workload))
        reason = g_strdup (_("the rollout did not finish in time"));

      if (reason != NULL)
        state = AL_KUBE_COMPONENT_FAILED;
      else if (ready >= desired && updated >= desired)
        state = AL_KUBE_COMPONENT_RUNNING;
      else
        {
          state = AL_KUBE_COMPONENT_PROGRESSING;
          reason = g_steal_pointer (&pending);
        }
    }

  if (status->state == state && status->ready == ready && status->desired == desired
      && g_strcmp0 (status->reason, reason) == 0)
    return;
  status->state = state;
  status->ready = ready;
  status->desired = desired;
  g_free (status->reason);
  status->reason = g_steal_pointer (&reason);
  g_signal_emit (self, signals[SIGNAL_COMPONENT_CHANGED], 0, status->component_id);
}

static void
recompute_named (AlKubeWatch *self, const char *name)
{
  AlKubeComponentStatus *status = name != NULL ? g_hash_table_lookup (self->by_name, name) : NULL;

  if (status != NULL)
    recompute (self, status);
}

static void
recompute_all (AlKubeWatch *self)
{
  for (guint i = 0; i < self->statuses->len; i++)
    recompute (self, g_ptr_array_index (self->statuses, i));
}

/* Streams --------------------------------------------------------------------- */

static char *
stream_path (Stream *stream, gboolean watch)
{
  AlKubeWatch *self = stream->watch;
  g_autofree char *collection = al_kube_resource_path (stream_kinds[stream->kind], self->namespace_, NULL);
  g_autofree char *selector = g_uri_escape_string (self->selector, NULL, FALSE);

  if (!watch)
    return g_strdup_printf ("%s?labelSelector=%s", collection, selector);
  return g_strdup_printf ("%s?watch=1&labelSelector=%s&resourceVersion=%s&allowWatchBookmarks=true"
                          "&timeoutSeconds=%d",
                          collection, selector, stream->resource_version ? stream->resource_version : "",
                          WATCH_TIMEOUT_S);
}

static gboolean
on_retry (gpointer user_data)
{
  Stream *stream = user_data;

  stream->retry_source = 0;
  if (stream->listed && stream->resource_version != NULL)
    stream_watch (stream);
  else
    stream_list (stream);
  return G_SOURCE_REMOVE;
}

/* Tries again later; @relist starts over with a list. */
static void
stream_retry (Stream *stream, gboolean relist, const GError *error)
{
  AlKubeWatch *self = stream->watch;
  guint64 backoff;
  guint delay;

  g_clear_object (&stream->lines);
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (relist)
    stream->listed = FALSE;
  if (error != NULL)
    {
      g_debug ("watch of %ss: %s", stream_kinds[stream->kind], error->message);
      g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, error->message);
      if (g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_KUBE_UNAUTHORIZED)
          || g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_KUBE_FORBIDDEN))
        {
          stream->stopped = TRUE;
          return;
        }
      stream->failures++;
    }
  backoff = (guint64) BACKOFF_BASE_MS << MIN (stream->failures, 16u);
  backoff = MIN (backoff, BACKOFF_MAX_MS);
  /* A stream that simply ended resumes at once; failures wait. */
  delay = stream->failures == 0 ? 0 : (guint) (backoff / 2 + g_random_int_range (0, (gint32) (backoff / 2) + 1));
  stream->retry_source = g_timeout_add (delay, on_retry, stream);
}

static void
take_object (Stream *stream, const char *type, JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *metadata = object_member (object, "metadata");
  const char *name = string_member (metadata, "name");
  const char *resource_version = string_member (metadata, "resourceVersion");
  g_autofree char *component = NULL;

  if (resource_version != NULL)
    {
      g_free (stream->resource_version);
      stream->resource_version = g_strdup (resource_version);
    }
  if (name == NULL || strcmp (type, "BOOKMARK") == 0)
    return;
  component = g_strdup (stream->kind == STREAM_PODS ? component_label (object) : name);
  if (strcmp (type, "DELETED") == 0)
    g_hash_table_remove (stream->objects, name);
  else
    g_hash_table_replace (stream->objects, g_strdup (name), json_node_ref (node));
  recompute_named (stream->watch, component);
}

static void on_line (GObject *source, GAsyncResult *result, gpointer user_data);

static void
read_next_line (Stream *stream)
{
  /* Each call in flight keeps the watch alive: its answer comes even after
   * a stop, as a cancellation. */
  g_object_ref (stream->watch);
  g_data_input_stream_read_line_async (stream->lines, G_PRIORITY_DEFAULT, stream->watch->cancellable,
                                       on_line, stream);
}

static void
on_line (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result,
                                                                NULL, &error);
  g_autoptr (JsonParser) parser = NULL;
  Stream *stream = user_data;
  g_autoptr (AlKubeWatch) owner = stream->watch;
  JsonObject *event;
  JsonNode *object;
  const char *type;

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL)
    {
      /* Ended (the server's timeout) or broken: resume from where it was.
       * One that ends at once, again and again, is slowed down. */
      if (error == NULL && stream->events_since_open == 0)
        stream->failures++;
      stream_retry (stream, FALSE, error);
      return;
    }
  if (*line == '\0')
    {
      read_next_line (stream);
      return;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autoptr (GError) bad = g_error_new (AL_NET_ERROR, AL_NET_ERROR_INVALID_RESPONSE,
                                            _("the cluster sent a watch event that is not JSON"));
      stream_retry (stream, TRUE, bad);
      return;
    }
  event = json_node_get_object (json_parser_get_root (parser));
  type = string_member (event, "type");
  object = json_object_get_member (event, "object");
  if (type == NULL || object == NULL)
    {
      read_next_line (stream);
      return;
    }
  if (strcmp (type, "ERROR") == 0)
    {
      JsonObject *status = JSON_NODE_HOLDS_OBJECT (object) ? json_node_get_object (object) : NULL;

      /* 410 Gone: the history is compacted; list again. */
      if (int_member (status, "code", 0) == 410)
        stream_retry (stream, TRUE, NULL);
      else
        {
          g_autoptr (GError) failed = g_error_new (AL_NET_ERROR, AL_NET_ERROR_HTTP_STATUS,
                                                   _("the watch failed: %s"),
                                                   string_member (status, "message") ? string_member (status, "message") : "");
          stream_retry (stream, TRUE, failed);
        }
      return;
    }
  stream->failures = 0;
  stream->events_since_open++;
  take_object (stream, type, object);
  read_next_line (stream);
}

static void
on_watch_open (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) body = al_kube_client_open_stream_finish (AL_KUBE_CLIENT (source), result, &error);
  Stream *stream = user_data;
  g_autoptr (AlKubeWatch) owner = stream->watch;

  if (body == NULL)
    {
      if (!al_kube_error_is_cancelled (error))
        stream_retry (stream, g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_KUBE_GONE),
                      g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_KUBE_GONE) ? NULL : error);
      return;
    }
  stream->lines = g_data_input_stream_new (body);
  /* Lines of any length: an object is one line. */
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (stream->lines), 64 * 1024);
  read_next_line (stream);
}

static void
stream_watch (Stream *stream)
{
  g_autofree char *path = stream_path (stream, TRUE);

  g_object_ref (stream->watch);
  stream->events_since_open = 0;
  al_kube_client_open_stream_async (stream->watch->client, path, stream->watch->cancellable,
                                    on_watch_open, stream);
}

static void
check_synced (AlKubeWatch *self)
{
  if (self->synced)
    return;
  for (guint i = 0; i < N_STREAMS; i++)
    if (!self->streams[i].listed)
      return;
  self->synced = TRUE;
  g_signal_emit (self, signals[SIGNAL_SYNCED], 0);
}

static void
on_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = al_kube_client_request_finish (AL_KUBE_CLIENT (source), result, NULL, &error);
  Stream *stream = user_data;
  g_autoptr (AlKubeWatch) owner = stream->watch;
  JsonObject *list;
  JsonArray *items;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (!al_kube_error_is_cancelled (error))
        {
          g_autoptr (GError) bad = error != NULL ? NULL
                                                 : g_error_new (AL_NET_ERROR, AL_NET_ERROR_INVALID_RESPONSE,
                                                                _("the cluster's list of %s is not JSON"),
                                                                stream_kinds[stream->kind]);
          stream_retry (stream, TRUE, error != NULL ? error : bad);
        }
      return;
    }
  list = json_node_get_object (root);
  items = array_member (list, "items");
  g_hash_table_remove_all (stream->objects);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (item)
                           ? string_member (object_member (json_node_get_object (item), "metadata"), "name")
                           : NULL;

      if (name != NULL)
        g_hash_table_replace (stream->objects, g_strdup (name), json_node_ref (item));
    }
  g_free (stream->resource_version);
  stream->resource_version = g_strdup (string_member (object_member (list, "metadata"), "resourceVersion"));
  stream->listed = TRUE;
  stream->failures = 0;
  recompute_all (stream->watch);
  check_synced (stream->watch);
  stream_watch (stream);
}

static void
stream_list (Stream *stream)
{
  g_autofree char *path = stream_path (stream, FALSE);

  g_object_ref (stream->watch);
  al_kube_client_request_async (stream->watch->client, "GET", path, NULL, NULL,
                                stream->watch->cancellable, on_listed, stream);
}

void
al_kube_watch_start (AlKubeWatch *self)
{
  g_return_if_fail (AL_IS_KUBE_WATCH (self));

  if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
    return;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < N_STREAMS; i++)
    {
      self->streams[i].listed = FALSE;
      self->streams[i].stopped = FALSE;
      self->streams[i].failures = 0;
      stream_list (&self->streams[i]);
    }
}

void
al_kube_watch_stop (AlKubeWatch *self)
{
  g_return_if_fail (AL_IS_KUBE_WATCH (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  for (guint i = 0; i < N_STREAMS; i++)
    stream_reset (&self->streams[i]);
}

gboolean
al_kube_watch_is_synced (AlKubeWatch *self)
{
  g_return_val_if_fail (AL_IS_KUBE_WATCH (self), FALSE);
  return self->synced;
}

guint
al_kube_watch_get_n_components (AlKubeWatch *self)
{
  g_return_val_if_fail (AL_IS_KUBE_WATCH (self), 0);
  return self->statuses->len;
}

const AlKubeComponentStatus *
al_kube_watch_get_status_at (AlKubeWatch *self, guint index)
{
  g_return_val_if_fail (AL_IS_KUBE_WATCH (self), NULL);
  g_return_val_if_fail (index < self->statuses->len, NULL);
  return g_ptr_array_index (self->statuses, index);
}

const AlKubeComponentStatus *
al_kube_watch_get_status (AlKubeWatch *self, const char *component_id)
{
  g_return_val_if_fail (AL_IS_KUBE_WATCH (self), NULL);
  g_return_val_if_fail (component_id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, component_id);
}

const char *
al_kube_component_state_to_string (AlKubeComponentState state)
{
  switch (state)
    {
    case AL_KUBE_COMPONENT_RUNNING:
      return _("running");
    case AL_KUBE_COMPONENT_PROGRESSING:
      return _("progressing");
    case AL_KUBE_COMPONENT_FAILED:
      return _("failed");
    case AL_KUBE_COMPONENT_ABSENT:
    default:
      return _("absent");
    }
}
