/* al-registry-client.c: image platforms through the OCI distribution API */
#include "al-registry-client.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "al-net-error.h"
#include "al-registry-private.h"

#define DEFAULT_TTL (10 * G_TIME_SPAN_MINUTE)
#define UNKNOWN_TTL (30 * G_TIME_SPAN_SECOND)
#define DEFAULT_TIMEOUT 20
#define MAX_BODY (4 * 1024 * 1024)
#define MAX_REDIRECTS 5
#define READ_CHUNK 65536

static const char manifest_accept[] = AL_MEDIA_OCI_INDEX ", " AL_MEDIA_DOCKER_LIST ", "
                                      AL_MEDIA_OCI_MANIFEST ", " AL_MEDIA_DOCKER_MANIFEST
                                      ";q=0.9, " AL_MEDIA_DOCKER_SCHEMA1 ";q=0.5";

typedef struct
{
  AlImageProbe *probe;
  gint64 expires;
} CacheEntry;

struct _AlRegistryClient
{
  GObject parent_instance;

  SoupSession *session;
  GStrv insecure;
  GTimeSpan ttl;
  AlRegistryClock clock;
  gpointer clock_data;
  guint timeout;
  guint n_requests;
  GHashTable *cache; /* reference → CacheEntry */
};

G_DEFINE_FINAL_TYPE (AlRegistryClient, al_registry_client, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (AlImageProbe, al_image_probe, al_image_probe_copy, al_image_probe_free)

/* ---- probes ------------------------------------------------------------ */

AlImageProbe *
al_image_probe_copy (const AlImageProbe *probe)
{
  AlImageProbe *copy;

  g_return_val_if_fail (probe != NULL, NULL);

  copy = g_new0 (AlImageProbe, 1);
  copy->state = probe->state;
  copy->reference = g_strdup (probe->reference);
  copy->platforms = g_strdupv (probe->platforms);
  copy->error = probe->error ? g_error_copy (probe->error) : NULL;
  return copy;
}

void
al_image_probe_free (AlImageProbe *probe)
{
  if (probe == NULL)
    return;
  g_free (probe->reference);
  g_strfreev (probe->platforms);
  g_clear_error (&probe->error);
  g_free (probe);
}

void
al_image_probe_record (const AlImageProbe *probe, AlImagePlatforms *table, const char *image)
{
  g_return_if_fail (probe != NULL);
  g_return_if_fail (table != NULL);
  g_return_if_fail (image != NULL);

  if (probe->state == AL_IMAGE_STATE_FOUND)
    al_image_platforms_set_found (table, image, (const char *const *) probe->platforms);
  else if (probe->state == AL_IMAGE_STATE_NOT_FOUND)
    al_image_platforms_set_not_found (table, image);
  else
    al_image_platforms_set_unknown (table, image);
}

/* ---- the client ---------------------------------------------------------- */

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  al_image_probe_free (entry->probe);
  g_free (entry);
}

static SoupSession *
make_session (AlRegistryClient *self)
{
  g_autofree char *agent = g_strdup_printf ("archlane/%s", ARCHLANE_VERSION);

  return soup_session_new_with_options ("timeout", self->timeout, "user-agent", agent, NULL);
}

static void
al_registry_client_finalize (GObject *object)
{
  AlRegistryClient *self = AL_REGISTRY_CLIENT (object);

  g_clear_object (&self->session);
  g_strfreev (self->insecure);
  g_hash_table_unref (self->cache);
  G_OBJECT_CLASS (al_registry_client_parent_class)->finalize (object);
}

static void
al_registry_client_class_init (AlRegistryClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = al_registry_client_finalize;
}

static void
al_registry_client_init (AlRegistryClient *self)
{
  self->ttl = DEFAULT_TTL;
  self->timeout = DEFAULT_TIMEOUT;
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
}

AlRegistryClient *
al_registry_client_new (void)
{
  return g_object_new (AL_TYPE_REGISTRY_CLIENT, NULL);
}

void
al_registry_client_set_insecure_registries (AlRegistryClient *self,
                                            const char *const *registries)
{
  g_return_if_fail (AL_IS_REGISTRY_CLIENT (self));

  g_strfreev (self->insecure);
  self->insecure = g_strdupv ((char **) registries);
}

void
al_registry_client_set_cache_ttl (AlRegistryClient *self, GTimeSpan ttl)
{
  g_return_if_fail (AL_IS_REGISTRY_CLIENT (self));
  g_return_if_fail (ttl >= 0);

  self->ttl = ttl;
  g_hash_table_remove_all (self->cache);
}

void
al_registry_client_set_clock (AlRegistryClient *self, AlRegistryClock clock, gpointer user_data)
{
  g_return_if_fail (AL_IS_REGISTRY_CLIENT (self));

  self->clock = clock;
  self->clock_data = user_data;
}

void
al_registry_client_set_timeout (AlRegistryClient *self, guint seconds)
{
  g_return_if_fail (AL_IS_REGISTRY_CLIENT (self));

  self->timeout = seconds;
  if (self->session != NULL)
    soup_session_set_timeout (self->session, seconds);
}

guint
al_registry_client_get_n_requests (AlRegistryClient *self)
{
  g_return_val_if_fail (AL_IS_REGISTRY_CLIENT (self), 0);
  return self->n_requests;
}

void
al_registry_client_clear_cache (AlRegistryClient *self)
{
  g_return_if_fail (AL_IS_REGISTRY_CLIENT (self));
  g_hash_table_remove_all (self->cache);
}

static gint64
now (AlRegistryClient *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_monotonic_time ();
}

static AlImageProbe *
cache_lookup (AlRegistryClient *self, const char *reference)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, reference);

  if (entry == NULL)
    return NULL;
  if (now (self) >= entry->expires)
    {
      g_hash_table_remove (self->cache, reference);
      return NULL;
    }
  return al_image_probe_copy (entry->probe);
}

static void
cache_store (AlRegistryClient *self, const AlImageProbe *probe)
{
  CacheEntry *entry;
  GTimeSpan ttl = self->ttl;

  if (probe->state == AL_IMAGE_STATE_UNKNOWN)
    ttl = MIN (ttl, UNKNOWN_TTL);
  if (ttl <= 0)
    return;
  entry = g_new0 (CacheEntry, 1);
  entry->probe = al_image_probe_copy (probe);
  entry->expires = now (self) + ttl;
  g_hash_table_replace (self->cache, g_strdup (probe->reference), entry);
}

/* ---- one probe: requests and their continuation ------------------------ */

typedef struct _Op Op;
typedef void (*Continuation) (GTask *task);

struct _Op
{
  AlRegistryClient *client; /* weak: the task holds a reference */
  SoupSession *session;
  AlImageRef *ref;
  AlImageProbe *probe;
  char *base;  /* "https://registry-1.docker.io" */
  char *token; /* anonymous bearer token, only sent to base */
  gboolean token_tried;
  /* The request being made. */
  char *url;
  const char *accept;
  Continuation next;
  guint redirects;
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *body;
  GBytes *response; /* the body, once read */
  guint status;
  char *content_type;
  /* The request to make again once a token is there. */
  char *retry_url;
  Continuation retry_next;
  const char *retry_accept;
  char *config_digest;
};

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->session);
  al_image_ref_free (op->ref);
  al_image_probe_free (op->probe);
  g_free (op->base);
  g_free (op->token);
  g_free (op->url);
  g_clear_object (&op->message);
  g_clear_object (&op->stream);
  g_clear_pointer (&op->body, g_byte_array_unref);
  g_clear_pointer (&op->response, g_bytes_unref);
  g_free (op->content_type);
  g_free (op->retry_url);
  g_free (op->config_digest);
  g_free (op);
}

static Op *
op_of (GTask *task)
{
  return g_task_get_task_data (task);
}

/* Ends the probe with @state; @error (taken) says why when not found. */
static void
finish (GTask *task, AlImageState state, GError *error)
{
  Op *op = op_of (task);
  AlImageProbe *probe = g_steal_pointer (&op->probe);

  probe->state = state;
  probe->error = error;
  cache_store (op->client, probe);
  g_task_return_pointer (task, probe, (GDestroyNotify) al_image_probe_free);
  g_object_unref (task);
}

static void G_GNUC_PRINTF (3, 4)
finish_unknown (GTask *task, AlNetError code, const char *format, ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (AL_NET_ERROR, code, format, args);
  va_end (args);
  finish (task, AL_IMAGE_STATE_UNKNOWN, error);
}

static void fetch (GTask *task, const char *url, const char *accept, Continuation next);

/* A transport failure: unknown, or the task's cancellation. */
static void
fail_transport (GTask *task, GError *error)
{
  Op *op = op_of (task);
  AlNetError code = al_net_error_code_from_error (error);

  if (code == AL_NET_ERROR_CANCELLED)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  finish_unknown (task,
                  code == AL_NET_ERROR_TLS ? AL_NET_ERROR_TLS : AL_NET_ERROR_REGISTRY_UNREACHABLE,
                  _("The registry “%s” cannot be reached: %s"), op->ref->registry, error->message);
  g_error_free (error);
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Op *op = op_of (task);
  GError *error = NULL;
  g_autoptr (GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                               &error);

  if (chunk == NULL)
    {
      fail_transport (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      if (op->body->len + g_bytes_get_size (chunk) > MAX_BODY)
        {
          finish_unknown (task, AL_NET_ERROR_INVALID_RESPONSE,
                          _("The registry “%s” sent an answer larger than 4 MiB for “%s”."),
                          op->ref->registry, op->url);
          return;
        }
      g_byte_array_append (op->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      g_input_stream_read_bytes_async (op->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), on_read, task);
      return;
    }
  g_clear_object (&op->stream);
  g_clear_pointer (&op->response, g_bytes_unref);
  op->response = g_byte_array_free_to_bytes (g_steal_pointer (&op->body));
  op->next (task);
}

/* The parameters of a "Bearer realm=…,service=…,scope=…" challenge. */
static GHashTable *
find_bearer_challenge (SoupMessage *message)
{
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "WWW-Authenticate") == 0
        && g_ascii_strncasecmp (value, "Bearer ", 7) == 0)
      return soup_header_parse_param_list (value + 7);
  return NULL;
}

static void on_token (GTask *task);

/* Asks the realm of @challenge for an anonymous token, then makes the
 * request that was refused again. */
static gboolean
start_token (GTask *task, GHashTable *challenge)
{
  Op *op = op_of (task);
  const char *realm = g_hash_table_lookup (challenge, "realm");
  const char *service = g_hash_table_lookup (challenge, "service");
  const char *scope = g_hash_table_lookup (challenge, "scope");
  g_autofree char *own_scope = NULL;
  g_autoptr (GString) url = NULL;

  if (realm == NULL
      || !(g_str_has_prefix (realm, "https://") || g_str_has_prefix (realm, "http://")))
    return FALSE;
  if (scope == NULL)
    scope = own_scope = g_strdup_printf ("repository:%s:pull", op->ref->repository);

  url = g_string_new (realm);
  g_string_append_c (url, strchr (realm, '?') != NULL ? '&' : '?');
  if (service != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (service, NULL, FALSE);
      g_string_append_printf (url, "service=%s&", escaped);
    }
  {
    g_autofree char *escaped = g_uri_escape_string (scope, NULL, FALSE);
    g_string_append_printf (url, "scope=%s", escaped);
  }

  op->token_tried = TRUE;
  g_free (op->retry_url);
  op->retry_url = g_strdup (op->url);
  op->retry_accept = op->accept;
  op->retry_next = op->next;
  fetch (task, url->str, "application/json", on_token);
  return TRUE;
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Op *op = op_of (task);
  GError *error = NULL;
  const char *location;

  op->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (op->stream == NULL)
    {
      fail_transport (task, error);
      return;
    }
  op->status = soup_message_get_status (op->message);
  g_free (op->content_type);
  op->content_type = g_strdup (soup_message_headers_get_content_type (
      soup_message_get_response_headers (op->message), NULL));

  location = soup_message_headers_get_one (soup_message_get_response_headers (op->message),
                                           "Location");
  if (SOUP_STATUS_IS_REDIRECTION (op->status) && location != NULL
      && op->redirects < MAX_REDIRECTS)
    {
      g_autofree char *target = g_uri_resolve_relative (op->url, location, G_URI_FLAGS_NONE, NULL);

      if (target != NULL)
        {
          op->redirects++;
          g_clear_object (&op->stream);
          fetch (task, target, op->accept, op->next);
          return;
        }
    }
  if (op->status == SOUP_STATUS_UNAUTHORIZED && !op->token_tried && op->next != on_token)
    {
      g_autoptr (GHashTable) challenge = find_bearer_challenge (op->message);

      if (challenge != NULL && start_token (task, challenge))
        {
          g_clear_object (&op->stream);
          return;
        }
    }

  op->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (op->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

/* GETs @url, follows redirects, answers a Bearer challenge once, reads the
 * body, then calls @next with op->status, op->content_type and op->body. */
static void
fetch (GTask *task, const char *url, const char *accept, Continuation next)
{
  Op *op = op_of (task);
  SoupMessageHeaders *headers;

  g_clear_object (&op->message);
  g_clear_pointer (&op->body, g_byte_array_unref);
  if (url != op->url)
    {
      g_free (op->url);
      op->url = g_strdup (url);
    }
  op->accept = accept;
  op->next = next;
  op->message = soup_message_new (SOUP_METHOD_GET, url);
  if (op->message == NULL)
    {
      finish_unknown (task, AL_NET_ERROR_INVALID_RESPONSE,
                      _("The registry “%s” sent an address that cannot be used: “%s”."),
                      op->ref->registry, url);
      return;
    }
  soup_message_add_flags (op->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (op->message);
  soup_message_headers_replace (headers, "Accept", accept);
  /* The token is for the registry only, never for a redirect target. */
  if (op->token != NULL && g_str_has_prefix (url, op->base)
      && (url[strlen (op->base)] == '/' || url[strlen (op->base)] == '\0'))
    {
      g_autofree char *authorization = g_strdup_printf ("Bearer %s", op->token);
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  op->client->n_requests++;
  soup_session_send_async (op->session, op->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent, task);
}

static void
on_token (GTask *task)
{
  Op *op = op_of (task);
  g_autofree char *token = NULL;

  if (op->status == SOUP_STATUS_UNAUTHORIZED || op->status == SOUP_STATUS_FORBIDDEN)
    {
      finish_unknown (task, AL_NET_ERROR_REGISTRY_UNAUTHORIZED,
                      _("The registry “%s” gives no anonymous access to “%s”: it is private or "
                        "does not exist."),
                      op->ref->registry, op->ref->repository);
      return;
    }
  token = SOUP_STATUS_IS_SUCCESSFUL (op->status) ? al_registry_read_token (op->response) : NULL;
  if (token == NULL)
    {
      finish_unknown (task, AL_NET_ERROR_INVALID_RESPONSE,
                      _("The token service of registry “%s” did not give a token (HTTP %u)."),
                      op->ref->registry, op->status);
      return;
    }
  g_free (op->token);
  op->token = g_steal_pointer (&token);
  fetch (task, op->retry_url, op->retry_accept, op->retry_next);
}

static void
finish_found (GTask *task, GStrv platforms)
{
  Op *op = op_of (task);

  op->probe->platforms = platforms;
  finish (task, AL_IMAGE_STATE_FOUND, NULL);
}

static void
on_config (GTask *task)
{
  Op *op = op_of (task);
  GError *error = NULL;
  char *platform;

  if (!SOUP_STATUS_IS_SUCCESSFUL (op->status))
    {
      finish_unknown (task, AL_NET_ERROR_HTTP_STATUS,
                      _("The registry “%s” answered HTTP %u for the configuration of “%s”."),
                      op->ref->registry, op->status, op->probe->reference);
      return;
    }
  if (!al_registry_digest_matches (op->response, op->config_digest))
    {
      finish_unknown (task, AL_NET_ERROR_INVALID_RESPONSE,
                      _("The configuration the registry “%s” sent for “%s” does not match its "
                        "digest."),
                      op->ref->registry, op->probe->reference);
      return;
    }
  platform = al_registry_read_config (op->response, op->probe->reference, &error);
  if (platform == NULL)
    {
      finish (task, AL_IMAGE_STATE_UNKNOWN, error);
      return;
    }
  finish_found (task, g_strdupv ((char *[]){ platform, NULL }));
  g_free (platform);
}

static void
on_manifest (GTask *task)
{
  Op *op = op_of (task);
  GError *error = NULL;
  GStrv platforms = NULL;
  g_autofree char *url = NULL;

  if (op->status == SOUP_STATUS_NOT_FOUND)
    {
      finish (task, AL_IMAGE_STATE_NOT_FOUND,
              g_error_new (AL_NET_ERROR, AL_NET_ERROR_REGISTRY_NOT_FOUND,
                           _("The registry “%s” has no image “%s”."), op->ref->registry,
                           op->probe->reference));
      return;
    }
  if (op->status == SOUP_STATUS_UNAUTHORIZED || op->status == SOUP_STATUS_FORBIDDEN)
    {
      finish_unknown (task, AL_NET_ERROR_REGISTRY_UNAUTHORIZED,
                      _("The registry “%s” gives no anonymous access to “%s”: it is private or "
                        "does not exist."),
                      op->ref->registry, op->ref->repository);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (op->status))
    {
      finish_unknown (task, AL_NET_ERROR_HTTP_STATUS,
                      _("The registry “%s” answered HTTP %u %s for “%s”."), op->ref->registry,
                      op->status,
                      soup_message_get_reason_phrase (op->message) != NULL
                          ? soup_message_get_reason_phrase (op->message)
                          : "",
                      op->probe->reference);
      return;
    }
  if (op->ref->digest != NULL && !al_registry_digest_matches (op->response, op->ref->digest))
    {
      finish_unknown (task, AL_NET_ERROR_INVALID_RESPONSE,
                      _("The manifest the registry “%s” sent for “%s” does not match its digest."),
                      op->ref->registry, op->probe->reference);
      return;
    }
  if (!al_registry_read_manifest (op->response, op->content_type, op->probe->reference,
                                  &platforms, &op->config_digest, &error))
    {
      finish (task, AL_IMAGE_STATE_UNKNOWN, error);
      return;
    }
  if (platforms != NULL)
    {
      finish_found (task, platforms);
      return;
    }
  url = g_strdup_printf ("%s/v2/%s/blobs/%s", op->base, op->ref->repository, op->config_digest);
  fetch (task, url, "application/json, */*", on_config);
}

static gboolean
is_insecure (AlRegistryClient *self, const AlImageRef *ref)
{
  return al_image_ref_is_loopback (ref)
         || (self->insecure != NULL
             && g_strv_contains ((const char *const *) self->insecure, ref->registry));
}

static void
start_probe (AlRegistryClient *self, SoupSession *session, const char *image,
             GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlImageRef) ref = NULL;
  g_autofree char *url = NULL;
  AlImageProbe *cached;
  Op *op;

  g_task_set_source_tag (task, al_registry_client_get_platforms_async);
  ref = al_image_ref_parse (image, &error);
  if (ref == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = g_new0 (Op, 1);
  op->client = self;
  op->session = g_object_ref (session);
  op->probe = g_new0 (AlImageProbe, 1);
  op->probe->reference = al_image_ref_to_string (ref);
  op->base = g_strdup_printf ("%s://%s", is_insecure (self, ref) ? "http" : "https",
                              al_image_ref_get_api_host (ref));
  op->ref = g_steal_pointer (&ref);
  g_task_set_task_data (task, op, op_free);

  cached = cache_lookup (self, op->probe->reference);
  if (cached != NULL)
    {
      g_task_return_pointer (task, cached, (GDestroyNotify) al_image_probe_free);
      return;
    }

  url = g_strdup_printf ("%s/v2/%s/manifests/%s", op->base, op->ref->repository,
                         al_image_ref_get_reference (op->ref));
  /* This reference travels with the requests until finish(). */
  fetch (g_object_ref (task), url, manifest_accept, on_manifest);
}

void
al_registry_client_get_platforms_async (AlRegistryClient *self, const char *image,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_return_if_fail (AL_IS_REGISTRY_CLIENT (self));
  g_return_if_fail (image != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->session == NULL)
    self->session = make_session (self);
  start_probe (self, self->session, image, cancellable, callback, user_data);
}

AlImageProbe *
al_registry_client_get_platforms_finish (AlRegistryClient *self, GAsyncResult *result,
                                         GError **error)
{
  g_return_val_if_fail (AL_IS_REGISTRY_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GAsyncResult *result;
} SyncData;

static void
on_sync_done (GObject *source, GAsyncResult *result, gpointer data)
{
  SyncData *sync = data;

  sync->result = g_object_ref (result);
}

AlImageProbe *
al_registry_client_get_platforms (AlRegistryClient *self, const char *image,
                                  GCancellable *cancellable, GError **error)
{
  g_autoptr (GMainContext) context = NULL;
  g_autoptr (SoupSession) session = NULL;
  SyncData sync = { NULL };
  AlImageProbe *probe;

  g_return_val_if_fail (AL_IS_REGISTRY_CLIENT (self), NULL);
  g_return_val_if_fail (image != NULL, NULL);

  /* A session of its own, made on the private context, so that no
   * connection of the main context's session is used from another one. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  session = make_session (self);
  start_probe (self, session, image, cancellable, on_sync_done, &sync);
  while (sync.result == NULL)
    g_main_context_iteration (context, TRUE);
  probe = al_registry_client_get_platforms_finish (self, sync.result, error);
  g_object_unref (sync.result);
  g_clear_object (&session);
  /* Let the session's sources end on the context they belong to. */
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);
  return probe;
}
