/* al-kube-client.c: requests to the Kubernetes API server (libsoup 3) */
#include "al-kube-client-private.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#define DEFAULT_MAX_ATTEMPTS 5
#define DEFAULT_BASE_DELAY_MS 250
#define DEFAULT_MAX_DELAY_MS 8000
/* A server asking for more than this is still retried, only sooner: the
 * user is watching a progress bar. */
#define RETRY_AFTER_CAP_MS 30000
#define MAX_CONNS_PER_HOST 8
#define IO_TIMEOUT_S 60

struct _AlKubeClient
{
  GObject parent_instance;

  char *server_text;
  /* Requests, with an I/O timeout; watches, without one and on their own
   * connections so a long watch never holds a slot of the apply pool. */
  SoupSession *session;
  SoupSession *stream_session;
  /* Credentials and TLS checks of every message: holds a secret. */
  AlKubeSessionConfig *config;
  gboolean insecure;
  gboolean has_ca;

  guint max_attempts;
  guint base_delay_ms;
  guint max_delay_ms;

  /* GIO's proxy resolver and TLS backend (and the system's trust store)
   * take tens of milliseconds to load the first time: a worker thread loads
   * them while the first requests wait, so the main loop never does. */
  gboolean ready;
  GPtrArray *waiting;  /* GTask* sent once ready */
};

G_DEFINE_FINAL_TYPE (AlKubeClient, al_kube_client, G_TYPE_OBJECT)

enum
{
  SIGNAL_RETRYING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
al_kube_client_finalize (GObject *object)
{
  AlKubeClient *self = AL_KUBE_CLIENT (object);

  g_clear_pointer (&self->server_text, g_free);
  g_clear_object (&self->session);
  g_clear_object (&self->stream_session);
  g_clear_pointer (&self->config, al_kube_session_config_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (al_kube_client_parent_class)->finalize (object);
}

static void
al_kube_client_class_init (AlKubeClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = al_kube_client_finalize;

  /**
   * AlKubeClient::retrying:
   * @what: "METHOD path" of the request
   * @attempt: the attempt about to be made (2 for the first retry)
   * @delay_ms: how long the client waits before it
   * @reason: why, as a sentence (no secret in it)
   */
  signals[SIGNAL_RETRYING] =
    g_signal_new ("retrying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
al_kube_client_init (AlKubeClient *self)
{
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
}

static void send_attempt (GTask *task);

static void
warm_up_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GTlsDatabase) database = NULL;

  g_proxy_resolver_get_default ();
  database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_task_return_boolean (task, TRUE);
}

static void
on_warmed_up (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AlKubeClient *self = AL_KUBE_CLIENT (source);
  g_autoptr (GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->ready = TRUE;
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    send_attempt (g_ptr_array_index (waiting, i));
}

static void
warm_up (AlKubeClient *self)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, on_warmed_up, NULL);

  g_task_run_in_thread (task, warm_up_in_thread);
}

static SoupSession *
session_new (guint timeout_s)
{
  return soup_session_new_with_options ("max-conns-per-host", MAX_CONNS_PER_HOST,
                                        "max-conns", MAX_CONNS_PER_HOST * 2,
                                        "timeout", timeout_s,
                                        "idle-timeout", 90,
                                        "user-agent", "archlane/" ARCHLANE_VERSION,
                                        NULL);
}

AlKubeClient *
al_kube_client_new (const AlKubeContext *context, GError **error)
{
  g_autoptr (AlKubeClient) self = NULL;
  g_autoptr (AlKubeSessionConfig) config = NULL;
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = context->server != NULL ? g_uri_parse (context->server, G_URI_FLAGS_NONE, NULL) : NULL;
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                   _("the cluster's server “%s” is not an https:// address"),
                   context->server != NULL ? context->server : "");
      return NULL;
    }
  config = al_kubeconfig_make_session_config (context, error);
  if (config == NULL)
    return NULL;

  self = g_object_new (AL_TYPE_KUBE_CLIENT, NULL);
  self->server_text = g_strdup (config->base_url);
  /* Paths are appended to the server's, without a doubled slash. */
  while (g_str_has_suffix (self->server_text, "/"))
    self->server_text[strlen (self->server_text) - 1] = '\0';
  self->session = session_new (IO_TIMEOUT_S);
  self->stream_session = session_new (0);
  if (config->tls_database != NULL)
    {
      g_object_set (self->session, "tls-database", config->tls_database, NULL);
      g_object_set (self->stream_session, "tls-database", config->tls_database, NULL);
      self->has_ca = TRUE;
    }
  self->insecure = config->accept_any_certificate;
  self->config = g_steal_pointer (&config);
  warm_up (self);
  return g_steal_pointer (&self);
}

const char *
al_kube_client_get_server (AlKubeClient *self)
{
  g_return_val_if_fail (AL_IS_KUBE_CLIENT (self), NULL);
  return self->server_text;
}

void
al_kube_client_set_retry_policy (AlKubeClient *self, guint max_attempts, guint base_delay_ms,
                                 guint max_delay_ms)
{
  g_return_if_fail (AL_IS_KUBE_CLIENT (self));
  self->max_attempts = MAX (max_attempts, 1);
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

guint
al_kube_client_get_max_attempts (AlKubeClient *self)
{
  g_return_val_if_fail (AL_IS_KUBE_CLIENT (self), 0);
  return self->max_attempts;
}

/* Requests ---------------------------------------------------------------- */

typedef struct
{
  char *method;
  char *path;
  char *content_type;
  GBytes *body;
  gboolean stream;
  guint attempt;
  guint status;
  GTlsCertificateFlags tls_errors;
  SoupMessage *message;
  GSource *wait_source;
  GSource *cancel_source;
} Request;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->content_type);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->message);
  if (request->wait_source != NULL)
    g_source_destroy (request->wait_source);
  g_clear_pointer (&request->wait_source, g_source_unref);
  if (request->cancel_source != NULL)
    g_source_destroy (request->cancel_source);
  g_clear_pointer (&request->cancel_source, g_source_unref);
  g_free (request);
}

static gboolean
on_accept_certificate (SoupMessage *message, GTlsCertificate *certificate,
                       GTlsCertificateFlags errors, gpointer user_data)
{
  GTask *task = user_data;
  AlKubeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  request->tls_errors = errors;
  return self->insecure;
}

static void
wait_sources_clear (Request *request)
{
  if (request->wait_source != NULL)
    g_source_destroy (request->wait_source);
  g_clear_pointer (&request->wait_source, g_source_unref);
  if (request->cancel_source != NULL)
    g_source_destroy (request->cancel_source);
  g_clear_pointer (&request->cancel_source, g_source_unref);
}

static gboolean
on_retry_wait_over (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  wait_sources_clear (request);
  send_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_cancelled (GCancellable *cancellable, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Request *request = g_task_get_task_data (task);

  wait_sources_clear (request);
  g_task_return_new_error (task, AL_NET_ERROR, AL_NET_ERROR_CANCELLED, "%s", _("cancelled"));
  return G_SOURCE_REMOVE;
}

/* Schedules the next attempt, or returns FALSE when none is left. */
static gboolean
schedule_retry (GTask *task, gint64 retry_after_ms, const char *reason)
{
  AlKubeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *what = NULL;
  guint delay_ms;

  if (request->attempt >= self->max_attempts)
    return FALSE;

  if (retry_after_ms >= 0)
    delay_ms = (guint) MIN (retry_after_ms, RETRY_AFTER_CAP_MS);
  else
    {
      guint64 backoff = (guint64) self->base_delay_ms << MIN (request->attempt - 1, 20u);

      backoff = MIN (backoff, self->max_delay_ms);
      /* Half fixed, half random: spreads the retries of many requests that
       * failed together. */
      delay_ms = (guint) (backoff / 2 + g_random_int_range (0, (gint32) (backoff / 2) + 1));
    }

  what = g_strdup_printf ("%s %s", request->method, request->path);
  g_debug ("retrying %s in %u ms: %s", what, delay_ms, reason);
  g_signal_emit (self, signals[SIGNAL_RETRYING], 0, what, request->attempt + 1, delay_ms, reason);

  /* The task's one reference moves to the wait: whichever source fires
   * first takes it and destroys the other. */
  request->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (request->wait_source, on_retry_wait_over, task, NULL);
  g_source_attach (request->wait_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (on_retry_cancelled), task, NULL);
      g_source_attach (request->cancel_source, g_task_get_context (task));
    }
  return TRUE;
}

static AlKubeCredentials
credentials_of (AlKubeClient *self)
{
  if (self->config->authorization != NULL)
    return AL_KUBE_CREDENTIALS_TOKEN;
  return self->config->client_certificate != NULL ? AL_KUBE_CREDENTIALS_CERTIFICATE : AL_KUBE_CREDENTIALS_NONE;
}

static gboolean
status_is_retryable (guint status)
{
  return status == AL_KUBE_STATUS_TOO_MANY_REQUESTS
         || (status >= 500 && status != SOUP_STATUS_NOT_IMPLEMENTED
             && status != SOUP_STATUS_HTTP_VERSION_NOT_SUPPORTED);
}

/* Handles a finished attempt; takes @task. @bytes is the body (requests) or
 * NULL; @stream the body stream (streams) or NULL. */
static void
attempt_done (GTask *task, GBytes *bytes, GInputStream *stream, GError *transport_error)
{
  AlKubeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr (GTask) owned = task;
  g_autoptr (GDateTime) now = NULL;
  guint status;

  if (transport_error != NULL)
    {
      request->status = 0;
      g_debug ("%s %s: %s", request->method, request->path, transport_error->message);
      if (!g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && request->tls_errors == 0 && transport_error->domain != G_TLS_ERROR
          && al_kube_error_is_retryable (transport_error)
          && schedule_retry (g_steal_pointer (&owned), -1, transport_error->message))
        return;
      g_task_return_error (task, al_kube_error_from_transport (transport_error, request->tls_errors,
                                                               request->attempt, self->server_text,
                                                               self->has_ca));
      return;
    }

  status = soup_message_get_status (request->message);
  request->status = status;
  g_debug ("%s %s → %u", request->method, request->path, status);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (request->stream)
        g_task_return_pointer (task, g_object_ref (stream), g_object_unref);
      else
        {
          JsonNode *root = al_kube_parse_json (bytes);

          if (root == NULL && bytes != NULL && g_bytes_get_size (bytes) > 0)
            g_task_return_new_error (task, AL_NET_ERROR, AL_NET_ERROR_INVALID_RESPONSE,
                                     _("the server's answer to %s %s is not JSON"),
                                     request->method, request->path);
          else
            g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
        }
      return;
    }

  if (status_is_retryable (status))
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
      g_autofree char *reason = g_strdup_printf ("%u %s", status,
                                                 soup_message_get_reason_phrase (request->message));
      gint64 retry_after;

      now = g_date_time_new_now_utc ();
      retry_after = al_kube_retry_after_parse (soup_message_headers_get_one (headers, "Retry-After"), now);
      if (schedule_retry (g_steal_pointer (&owned), retry_after, reason))
        return;
    }
  g_task_return_error (task, al_kube_error_from_status (status,
                                                        soup_message_get_reason_phrase (request->message),
                                                        bytes, request->attempt, credentials_of (self)));
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  attempt_done (user_data, bytes, NULL, error);
}

static void
on_error_body_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GMemoryOutputStream *sink = G_MEMORY_OUTPUT_STREAM (source);

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (sink), result, &error) >= 0)
    bytes = g_memory_output_stream_steal_as_bytes (sink);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      attempt_done (user_data, NULL, NULL, error);
      return;
    }
  attempt_done (user_data, bytes, NULL, NULL);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  g_autoptr (GOutputStream) sink = NULL;

  if (stream == NULL || SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (request->message)))
    {
      attempt_done (task, NULL, stream, error);
      return;
    }
  /* An error answer: its Status body says why. */
  sink = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (sink, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                on_error_body_read, task);
}

static void
send_attempt (GTask *task)
{
  AlKubeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *uri = g_strconcat (self->server_text, request->path, NULL);
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (!self->ready)
    {
      if (self->waiting == NULL)
        self->waiting = g_ptr_array_new ();
      g_ptr_array_add (self->waiting, task);
      return;
    }

  request->attempt++;
  request->tls_errors = 0;
  g_clear_object (&request->message);
  request->message = soup_message_new (request->method, uri);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, AL_NET_ERROR, AL_NET_ERROR_FAILED,
                               _("cannot make a request for %s"), request->path);
      g_object_unref (task);
      return;
    }
  /* Every request here is idempotent (server-side apply included): it may
   * go over a kept-alive connection, which libsoup otherwise refuses to a
   * PATCH. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_IDEMPOTENT);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, request->content_type, request->body);
  /* Ours records why a certificate was refused; the configuration's, which
   * runs after it, accepts an insecure context or checks tls-server-name. */
  g_signal_connect (request->message, "accept-certificate", G_CALLBACK (on_accept_certificate), task);
  al_kube_session_config_prepare_message (self->config, request->message);

  if (request->stream)
    soup_session_send_async (self->stream_session, request->message, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), on_sent, task);
  else
    soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                      g_task_get_cancellable (task), on_read, task);
}

static void
start_request (AlKubeClient *self, const char *method, const char *path_and_query,
               const char *content_type, GBytes *body, gboolean stream, GCancellable *cancellable,
               GAsyncReadyCallback callback, gpointer user_data, gpointer source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  /* Errors are returned as AL_NET_ERROR_CANCELLED, not GIO's. */
  g_task_set_check_cancellable (task, FALSE);
  request->method = g_strdup (method);
  request->path = g_strdup (path_and_query);
  request->content_type = g_strdup (content_type != NULL ? content_type : "application/json");
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  request->stream = stream;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  send_attempt (task);
}

void
al_kube_client_request_async (AlKubeClient *self, const char *method, const char *path_and_query,
                              const char *content_type, GBytes *body, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (AL_IS_KUBE_CLIENT (self));
  g_return_if_fail (method != NULL && path_and_query != NULL && *path_and_query == '/');

  start_request (self, method, path_and_query, content_type, body, FALSE, cancellable, callback,
                 user_data, al_kube_client_request_async);
}

static void
cancelled_error_normalize (GError **error)
{
  if (error != NULL && *error != NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_set_error_literal (error, AL_NET_ERROR, AL_NET_ERROR_CANCELLED, _("cancelled"));
    }
}

JsonNode *
al_kube_client_request_finish (AlKubeClient *self, GAsyncResult *result, guint *status,
                               GError **error)
{
  Request *request;
  JsonNode *root;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == al_kube_client_request_async, NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = request->status;
  root = g_task_propagate_pointer (G_TASK (result), error);
  cancelled_error_normalize (error);
  return root;
}

void
al_kube_client_open_stream_async (AlKubeClient *self, const char *path_and_query,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (AL_IS_KUBE_CLIENT (self));
  g_return_if_fail (path_and_query != NULL && *path_and_query == '/');

  start_request (self, "GET", path_and_query, NULL, NULL, TRUE, cancellable, callback, user_data,
                 al_kube_client_open_stream_async);
}

GInputStream *
al_kube_client_open_stream_finish (AlKubeClient *self, GAsyncResult *result, GError **error)
{
  GInputStream *stream;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == al_kube_client_open_stream_async,
                        NULL);

  stream = g_task_propagate_pointer (G_TASK (result), error);
  cancelled_error_normalize (error);
  return stream;
}
