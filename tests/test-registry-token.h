/* test-registry-token.h: part of test-registry.c (included once, there).
 * A registry that wants an anonymous Bearer token, as Docker Hub does: a
 * SoupServer on loopback, in a thread of its own so that the blocking API
 * and archlane-cli can talk to it. */
#pragma once

#define TOKEN "tok-3f9a"
#define SERVICE "archlane-test-registry"

typedef struct
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  guint port;
  GMutex lock;
  GCond ready;
  /* What the server saw, under lock. */
  guint token_requests;
  guint manifest_requests;
  char *last_scope;
  char *last_service;
  char *cdn_authorization; /* Authorization of the last /cdn/ request, "" for none */
} TokenServer;

static TokenServer token_server;

static const char index_body[]
    = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
      "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
      "\"digest\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
      "\"size\":1,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}},"
      "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
      "\"digest\":\"sha256:2222222222222222222222222222222222222222222222222222222222222222\","
      "\"size\":1,\"platform\":{\"architecture\":\"riscv64\",\"os\":\"linux\"}}]}";
static const char config_body[] = "{\"architecture\":\"ppc64le\",\"os\":\"linux\"}";

static void
challenge (SoupServerMessage *message, const char *repository)
{
  g_autofree char *value = g_strdup_printf (
      "Bearer realm=\"http://127.0.0.1:%u/token\",service=\"" SERVICE "\","
      "scope=\"repository:%s:pull\"",
      token_server.port, repository);

  soup_message_headers_append (soup_server_message_get_response_headers (message),
                               "WWW-Authenticate", value);
  soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", 36);
}

static void
on_token_server_request (SoupServer *server, SoupServerMessage *message, const char *path,
                         GHashTable *query, gpointer data)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (request, "Authorization");
  gboolean authorized = g_strcmp0 (authorization, "Bearer " TOKEN) == 0;
  g_autofree char *config_digest = NULL;
  g_autofree char *single = NULL;

  g_mutex_lock (&token_server.lock);
  if (strcmp (path, "/token") == 0)
    {
      const char *scope = query ? g_hash_table_lookup (query, "scope") : NULL;

      token_server.token_requests++;
      g_free (token_server.last_scope);
      token_server.last_scope = g_strdup (scope);
      g_free (token_server.last_service);
      token_server.last_service = g_strdup (query ? g_hash_table_lookup (query, "service") : NULL);
      if (g_strcmp0 (scope, "repository:team/private:pull") == 0)
        soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
      else
        {
          soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            "{\"token\":\"" TOKEN "\",\"expires_in\":300}",
                                            strlen ("{\"token\":\"" TOKEN "\",\"expires_in\":300}"));
        }
    }
  else if (g_str_has_prefix (path, "/cdn/"))
    {
      g_free (token_server.cdn_authorization);
      token_server.cdn_authorization = g_strdup (authorization ? authorization : "");
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/octet-stream", SOUP_MEMORY_STATIC,
                                        config_body, strlen (config_body));
    }
  else if (g_str_has_prefix (path, "/v2/team/"))
    {
      const char *rest = path + strlen ("/v2/team/");
      g_autofree char *repository = g_strndup (path + 4, strcspn (rest, "/") + 5);

      token_server.manifest_requests++;
      config_digest = digest_of (config_body, strlen (config_body));
      single = g_strdup_printf (
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":"
          "\"%s\",\"size\":%zu},\"layers\":[]}",
          config_digest, strlen (config_body));
      if (!authorized)
        challenge (message, repository);
      else if (g_str_has_prefix (path, "/v2/team/app/manifests/"))
        {
          soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (message, "application/vnd.oci.image.index.v1+json",
                                            SOUP_MEMORY_STATIC, index_body, strlen (index_body));
        }
      else if (strcmp (path, "/v2/team/single/manifests/v1") == 0)
        {
          soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (message, "application/vnd.oci.image.manifest.v1+json",
                                            SOUP_MEMORY_COPY, single, strlen (single));
        }
      else if (strcmp (path, "/v2/team/broken/manifests/v1") == 0)
        {
          soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (message, "application/vnd.oci.image.index.v1+json",
                                            SOUP_MEMORY_STATIC, "{\"manifests\": 7", 15);
        }
      else if (strcmp (path, "/v2/team/down/manifests/v1") == 0)
        soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      else if (g_str_has_prefix (path, "/v2/team/single/blobs/"))
        {
          /* Blobs are served from elsewhere, as Docker Hub's CDN does; the
           * other host name must not receive the registry's token. */
          g_autofree char *target = g_strdup_printf ("http://localhost:%u/cdn/%s",
                                                     token_server.port, config_digest);
          soup_server_message_set_redirect (message, SOUP_STATUS_TEMPORARY_REDIRECT, target);
        }
      else
        soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
  g_mutex_unlock (&token_server.lock);
}

static gpointer
token_server_thread (gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;

  g_main_context_push_thread_default (token_server.context);
  token_server.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (token_server.server, NULL, on_token_server_request, NULL, NULL);
  soup_server_listen_local (token_server.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (token_server.server);

  g_mutex_lock (&token_server.lock);
  token_server.port = (guint) g_uri_get_port (uris->data);
  g_cond_signal (&token_server.ready);
  g_mutex_unlock (&token_server.lock);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  g_main_loop_run (token_server.loop);
  g_clear_object (&token_server.server);
  g_main_context_pop_thread_default (token_server.context);
  return NULL;
}

static void
token_server_start (void)
{
  g_mutex_init (&token_server.lock);
  g_cond_init (&token_server.ready);
  token_server.context = g_main_context_new ();
  token_server.loop = g_main_loop_new (token_server.context, FALSE);
  g_mutex_lock (&token_server.lock);
  token_server.thread = g_thread_new ("token-server", token_server_thread, NULL);
  while (token_server.port == 0)
    g_cond_wait (&token_server.ready, &token_server.lock);
  g_mutex_unlock (&token_server.lock);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
token_server_stop (void)
{
  g_main_context_invoke (token_server.context, quit_loop, token_server.loop);
  g_thread_join (token_server.thread);
  g_main_loop_unref (token_server.loop);
  g_main_context_unref (token_server.context);
  g_free (token_server.last_scope);
  g_free (token_server.last_service);
  g_free (token_server.cdn_authorization);
  g_mutex_clear (&token_server.lock);
  g_cond_clear (&token_server.ready);
}

static char *
token_server_image (const char *rest)
{
  return g_strdup_printf ("127.0.0.1:%u/%s", token_server.port, rest);
}

static void
test_bearer_token (void)
{
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();
  g_autofree char *ref = token_server_image ("team/app:v1");
  g_autoptr (GError) error = NULL;
  g_autoptr (AlImageProbe) probe = NULL;
  g_autofree char *got = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "probe-image", ref, NULL };

  probe = al_registry_client_get_platforms (client, ref, NULL, &error);
  g_assert_no_error (error);
  if (probe->state != AL_IMAGE_STATE_FOUND)
    g_error ("%s", probe->error->message);
  got = joined_platforms (probe);
  g_assert_cmpstr (got, ==, "linux/arm64 linux/riscv64");
  /* 401, token, retry with the token. */
  g_assert_cmpuint (al_registry_client_get_n_requests (client), ==, 3);
  g_mutex_lock (&token_server.lock);
  g_assert_cmpuint (token_server.token_requests, ==, 1);
  g_assert_cmpuint (token_server.manifest_requests, ==, 2);
  g_assert_cmpstr (token_server.last_scope, ==, "repository:team/app:pull");
  g_assert_cmpstr (token_server.last_service, ==, SERVICE);
  g_mutex_unlock (&token_server.lock);

  /* The same through the command line. */
  g_assert_cmpint (al_test_run_cli (argv, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "linux/arm64\nlinux/riscv64\n");
}

static void
test_bearer_denied (void)
{
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();
  g_autofree char *ref = token_server_image ("team/private:v1");
  g_autoptr (AlImageProbe) probe = al_registry_client_get_platforms (client, ref, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "probe-image", ref, NULL };

  /* The registry answered, but not with platforms: unknown, unauthorized. */
  g_assert_cmpint (probe->state, ==, AL_IMAGE_STATE_UNKNOWN);
  g_assert_error (probe->error, AL_NET_ERROR, AL_NET_ERROR_REGISTRY_UNAUTHORIZED);
  g_assert_nonnull (strstr (probe->error->message, "team/private"));

  g_assert_cmpint (al_test_run_cli (argv, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "private"));
}

static void
test_redirect_keeps_token_home (void)
{
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();
  g_autofree char *ref = token_server_image ("team/single:v1");
  g_autoptr (GError) error = NULL;
  g_autoptr (AlImageProbe) probe = al_registry_client_get_platforms (client, ref, NULL, &error);
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  if (probe->state != AL_IMAGE_STATE_FOUND)
    g_error ("%s", probe->error->message);
  got = joined_platforms (probe);
  g_assert_cmpstr (got, ==, "linux/ppc64le");
  /* The blob came from the other host name, without the token. */
  g_mutex_lock (&token_server.lock);
  g_assert_cmpstr (token_server.cdn_authorization, ==, "");
  g_mutex_unlock (&token_server.lock);
}

static void
test_bad_answers (void)
{
  static const struct
  {
    const char *rest;
    int code;
    const char *mentions;
  } cases[] = {
    { "team/broken:v1", AL_NET_ERROR_INVALID_RESPONSE, "not a JSON object" },
    { "team/down:v1", AL_NET_ERROR_HTTP_STATUS, "503" },
    /* The index served does not hash to the digest asked for. */
    { "team/app@sha256:0000000000000000000000000000000000000000000000000000000000000000",
      AL_NET_ERROR_INVALID_RESPONSE, "digest" },
  };
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ref = token_server_image (cases[i].rest);
      g_autoptr (GError) error = NULL;
      g_autoptr (AlImageProbe) probe = al_registry_client_get_platforms (client, ref, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (probe->state, ==, AL_IMAGE_STATE_UNKNOWN);
      g_assert_error (probe->error, AL_NET_ERROR, cases[i].code);
      if (strstr (probe->error->message, cases[i].mentions) == NULL)
        g_error ("“%s” not in: %s", cases[i].mentions, probe->error->message);
    }
}
