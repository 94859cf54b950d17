/* test-kube-client: the Kubernetes client against an HTTPS API server on
 * loopback, with faults injected: what the user is told, that retries
 * happen and stop, that the token never shows. */
#include <glib/gstdio.h>
#include <string.h>

#include "al-document-io.h"
#include "al-kube-client.h"
#include "al-kube-test-server.h"
#include "al-kube-watch.h"

static AlKubeTestServer *server;

/* Everything logged while the tests run, to check no token leaks. */
static GString *logged;

static GLogWriterOutput
capture_log (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "MESSAGE") == 0)
      {
        g_string_append_len (logged, fields[i].value,
                             fields[i].length < 0 ? (gssize) strlen (fields[i].value) : fields[i].length);
        g_string_append_c (logged, '\n');
      }
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

typedef struct
{
  GMainLoop *loop;
  JsonNode *root;
  guint status;
  GError *error;
  GInputStream *stream;
  GPtrArray *retries; /* "attempt delay reason" */
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->loop, g_main_loop_unref);
  g_clear_pointer (&outcome->root, json_node_unref);
  g_clear_error (&outcome->error);
  g_clear_object (&outcome->stream);
  g_clear_pointer (&outcome->retries, g_ptr_array_unref);
}

static void
on_retrying (AlKubeClient *client, const char *what, guint attempt, guint delay_ms,
             const char *reason, Outcome *outcome)
{
  g_ptr_array_add (outcome->retries, g_strdup_printf ("%u %u %s", attempt, delay_ms, reason));
  g_string_append_printf (logged, "%s %s\n", what, reason);
}

static void
on_request_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *outcome = user_data;

  outcome->root = al_kube_client_request_finish (AL_KUBE_CLIENT (source), result, &outcome->status,
                                                 &outcome->error);
  if (outcome->error != NULL)
    g_string_append_printf (logged, "%s\n", outcome->error->message);
  g_main_loop_quit (outcome->loop);
}

static AlKubeClient *
client_new (const char *token, const char *ca_pem)
{
  g_autoptr (AlKubeContext) context = al_kube_test_server_context (server, token, ca_pem);
  g_autoptr (GError) error = NULL;
  AlKubeClient *client = al_kube_client_new (context, &error);

  g_assert_no_error (error);
  /* Short waits keep the test quick; the policy is the same. */
  al_kube_client_set_retry_policy (client, 4, 20, 200);
  return client;
}

static void
request (AlKubeClient *client, const char *method, const char *path, const char *content_type,
         const char *body, GCancellable *cancellable, Outcome *outcome)
{
  g_autoptr (GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  gulong handler;

  memset (outcome, 0, sizeof *outcome);
  outcome->loop = g_main_loop_new (NULL, FALSE);
  outcome->retries = g_ptr_array_new_with_free_func (g_free);
  handler = g_signal_connect (client, "retrying", G_CALLBACK (on_retrying), outcome);
  al_kube_client_request_async (client, method, path, content_type, bytes, cancellable,
                                on_request_done, outcome);
  g_main_loop_run (outcome->loop);
  g_signal_handler_disconnect (client, handler);
}

static const char *namespace_json =
  "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}";
static const char *secret_json =
  "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"shop\","
  "\"labels\":{\"app.kubernetes.io/managed-by\":\"archlane\"}},\"type\":\"Opaque\","
  "\"stringData\":{\"PASSWORD\":\"hunter2\"}}";
static const char *deployment_json =
  "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
  "\"namespace\":\"shop\"},\"spec\":{\"replicas\":2}}";

#define APPLY "application/apply-patch+yaml"
#define SECRET_PATH "/api/v1/namespaces/shop/secrets/db"
#define DEPLOYMENT_PATH "/apis/apps/v1/namespaces/shop/deployments/web"

static void
setup_namespace (void)
{
  al_kube_test_server_put (server, "namespaces", NULL, namespace_json);
  al_kube_test_server_clear_faults (server);
  al_kube_test_server_clear_requests (server);
}

static void
test_apply_and_get (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  g_autoptr (JsonNode) stored = NULL;
  Outcome outcome;
  g_autofree char *first_rv = NULL;

  setup_namespace ();
  request (client, "PATCH", SECRET_PATH "?fieldManager=archlane", APPLY, secret_json, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.status, ==, 201);
  first_rv = g_strdup (al_kube_test_str (al_kube_test_object (outcome.root, "metadata"), "resourceVersion"));
  g_assert_nonnull (first_rv);
  outcome_clear (&outcome);

  stored = al_kube_test_server_get (server, "secrets", "shop", "db");
  g_assert_nonnull (stored);
  g_assert_cmpstr (al_kube_test_str (json_node_get_object (stored), "kind"), ==, "Secret");

  /* Applying the same object again changes nothing. */
  request (client, "PATCH", SECRET_PATH "?fieldManager=archlane", APPLY, secret_json, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.status, ==, 200);
  g_assert_cmpstr (al_kube_test_str (al_kube_test_object (outcome.root, "metadata"), "resourceVersion"), ==,
                   first_rv);
  outcome_clear (&outcome);

  request (client, "GET", SECRET_PATH, NULL, NULL, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (al_kube_test_str (al_kube_test_object (outcome.root, "metadata"), "name"), ==, "db");
  outcome_clear (&outcome);

  request (client, "GET", "/api/v1/namespaces/shop/secrets/nothing", NULL, NULL, NULL, &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_KUBE_NOT_FOUND);
  g_assert_cmpuint (outcome.status, ==, 404);
  g_assert_nonnull (strstr (outcome.error->message, "secrets \"nothing\" not found"));
  outcome_clear (&outcome);
}

static void
test_wrong_ca (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, server->wrong_ca_pem);
  Outcome outcome;

  setup_namespace ();
  request (client, "GET", SECRET_PATH, NULL, NULL, NULL, &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_TLS);
  g_test_message ("%s", outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, "not signed by the cluster's certificate authority"));
  g_assert_nonnull (strstr (outcome.error->message, server->url));
  /* A TLS failure is not retried, and nothing reached the server. */
  g_assert_cmpuint (outcome.retries->len, ==, 0);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, NULL, NULL), ==, 0);
  g_assert_true (al_kube_error_is_fatal (outcome.error));
  outcome_clear (&outcome);
}

/* The certificate authority is handed to TLS through a file in the user's
 * runtime folder, named by its content: one file per authority however many
 * connections use it, and still there for a handshake after the first
 * client is gone. */
static guint
count_ca_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint count = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "ca-") && g_str_has_suffix (name, ".pem"))
      count++;
  return count;
}

static char *
ca_file_path (const char *pem)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pem, -1);
  g_autofree char *name = g_strdup_printf ("ca-%s.pem", checksum);

  return g_build_filename (g_get_user_runtime_dir (), "archlane", name, NULL);
}

static void
test_ca_file (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_runtime_dir (), "archlane", NULL);
  g_autofree char *path = ca_file_path (server->ca_pem);
  g_autofree char *other_path = ca_file_path (server->wrong_ca_pem);
  g_autofree char *contents = NULL;
  AlKubeClient *first;
  g_autoptr (AlKubeClient) second = NULL;
  g_autoptr (AlKubeClient) other = NULL;
  Outcome outcome;
  guint count;

  setup_namespace ();
  first = client_new (AL_KUBE_TEST_TOKEN, NULL);
  request (first, "GET", "/api/v1/namespaces/shop", NULL, NULL, NULL, &outcome);
  g_assert_no_error (outcome.error);
  outcome_clear (&outcome);
  g_object_unref (first);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, server->ca_pem);
  count = count_ca_files (folder);

  second = client_new (AL_KUBE_TEST_TOKEN, NULL);
  request (second, "GET", "/api/v1/namespaces/shop", NULL, NULL, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.status, ==, 200);
  outcome_clear (&outcome);
  g_assert_cmpuint (count_ca_files (folder), ==, count);

  g_unlink (other_path);
  count = count_ca_files (folder);
  other = client_new (AL_KUBE_TEST_TOKEN, server->wrong_ca_pem);
  g_assert_true (g_file_test (other_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_ca_files (folder), ==, count + 1);
}

static void
test_system_trust (void)
{
  g_autoptr (AlKubeContext) context = al_kube_test_server_context (server, AL_KUBE_TEST_TOKEN, NULL);
  g_autoptr (AlKubeClient) client = NULL;
  g_autoptr (GError) error = NULL;
  Outcome outcome;

  /* No CA in the kubeconfig: the system's trust store does not know ours. */
  g_clear_pointer (&context->ca_pem, g_bytes_unref);
  client = al_kube_client_new (context, &error);
  g_assert_no_error (error);
  request (client, "GET", SECRET_PATH, NULL, NULL, NULL, &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_TLS);
  g_assert_nonnull (strstr (outcome.error->message, "certificate-authority"));
  outcome_clear (&outcome);
  g_clear_object (&client);

  /* insecure-skip-tls-verify accepts it. */
  context->insecure_skip_tls_verify = TRUE;
  client = al_kube_client_new (context, &error);
  g_assert_no_error (error);
  setup_namespace ();
  request (client, "GET", "/api/v1/namespaces/shop", NULL, NULL, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.status, ==, 200);
  outcome_clear (&outcome);
}

static void
test_expired_token (void)
{
  g_autoptr (AlKubeClient) client = client_new ("expired-token-0b9e44", NULL);
  Outcome outcome;

  setup_namespace ();
  request (client, "GET", SECRET_PATH, NULL, NULL, NULL, &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_KUBE_UNAUTHORIZED);
  g_assert_cmpstr (outcome.error->message, ==, "unauthorized — the token has expired or is wrong");
  g_assert_null (strstr (outcome.error->message, "expired-token-0b9e44"));
  g_assert_cmpuint (outcome.retries->len, ==, 0);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, NULL, NULL), ==, 1);
  outcome_clear (&outcome);
}

static void
test_conflict (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  AlKubeTestFault fault = { .method = "PATCH", .path_contains = "/deployments/web", .status = 409,
                            .reason = "Conflict",
                            .message = "Apply failed with 1 conflict: conflict with \"kubectl-edit\" "
                                       "using apps/v1: .spec.replicas",
                            .conflict_manager = "kubectl-edit", .conflict_field = ".spec.replicas" };
  Outcome outcome;

  setup_namespace ();
  al_kube_test_server_add_fault (server, &fault);
  request (client, "PATCH", DEPLOYMENT_PATH "?fieldManager=archlane", APPLY, deployment_json, NULL,
           &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_KUBE_CONFLICT);
  g_test_message ("%s", outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, "“kubectl-edit” (.spec.replicas)"));
  g_assert_nonnull (strstr (outcome.error->message, "force"));
  g_assert_cmpuint (outcome.retries->len, ==, 0);
  outcome_clear (&outcome);

  /* Forcing takes the field over. */
  request (client, "PATCH", DEPLOYMENT_PATH "?fieldManager=archlane&force=true", APPLY,
           deployment_json, NULL, &outcome);
  g_assert_no_error (outcome.error);
  outcome_clear (&outcome);
}

static void
test_invalid (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  AlKubeTestFault fault = { .method = "PATCH", .status = 422, .reason = "Invalid",
                            .message = "Deployment.apps \"web\" is invalid: spec.template.spec."
                                       "containers[0].image: Required value" };
  Outcome outcome;

  setup_namespace ();
  al_kube_test_server_add_fault (server, &fault);
  request (client, "PATCH", DEPLOYMENT_PATH "?fieldManager=archlane", APPLY, deployment_json, NULL,
           &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_KUBE_INVALID);
  g_assert_cmpstr (outcome.error->message, ==,
                   "the server refused the object: Deployment.apps \"web\" is invalid: "
                   "spec.template.spec.containers[0].image: Required value");
  g_assert_false (al_kube_error_is_fatal (outcome.error));
  outcome_clear (&outcome);
}

static void
test_retry_after (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  AlKubeTestFault busy = { .method = "GET", .count = 1, .status = 429, .reason = "TooManyRequests",
                           .message = "Too many requests, please try again later.",
                           .retry_after = "1" };
  Outcome outcome;

  setup_namespace ();
  al_kube_test_server_add_fault (server, &busy);
  request (client, "GET", "/api/v1/namespaces/shop", NULL, NULL, NULL, &outcome);
  g_assert_no_error (outcome.error);
  /* One retry, after exactly what the server asked for. */
  g_assert_cmpuint (outcome.retries->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (outcome.retries, 0), "2 1000 429"));
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "GET", "/namespaces/shop"), ==, 2);
  outcome_clear (&outcome);
}

static void
test_retry_after_parse (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_utc (2024, 3, 1, 12, 0, 0);

  g_assert_cmpint (al_kube_retry_after_parse ("5", now), ==, 5000);
  g_assert_cmpint (al_kube_retry_after_parse (" 0", now), ==, 0);
  g_assert_cmpint (al_kube_retry_after_parse ("Fri, 01 Mar 2024 12:00:10 GMT", now), ==, 10000);
  /* A date in the past: at once. */
  g_assert_cmpint (al_kube_retry_after_parse ("Fri, 01 Mar 2024 11:00:00 GMT", now), ==, 0);
  g_assert_cmpint (al_kube_retry_after_parse ("soon", now), ==, -1);
  g_assert_cmpint (al_kube_retry_after_parse ("-3", now), ==, -1);
  g_assert_cmpint (al_kube_retry_after_parse (NULL, now), ==, -1);
}

static void
test_server_error_then_success (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  AlKubeTestFault failing = { .method = "PATCH", .count = 2, .status = 500, .reason = "InternalError",
                              .message = "etcdserver: request timed out" };
  Outcome outcome;

  setup_namespace ();
  al_kube_test_server_add_fault (server, &failing);
  request (client, "PATCH", SECRET_PATH "?fieldManager=archlane", APPLY, secret_json, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.retries->len, ==, 2);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", NULL), ==, 3);
  outcome_clear (&outcome);
}

static void
test_retries_bounded (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  AlKubeTestFault failing = { .method = "GET", .status = 503, .reason = "ServiceUnavailable",
                              .message = "the server is currently unable to handle the request" };
  Outcome outcome;

  setup_namespace ();
  al_kube_test_server_add_fault (server, &failing);
  request (client, "GET", SECRET_PATH, NULL, NULL, NULL, &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_HTTP_STATUS);
  g_test_message ("%s", outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, "the server is currently unable to handle the request"));
  g_assert_nonnull (strstr (outcome.error->message, "4 attempts"));
  g_assert_cmpuint (outcome.retries->len, ==, 3);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "GET", NULL), ==, 4);
  /* Backoff grows and stays within the bound (200 ms here). */
  for (guint i = 0; i < outcome.retries->len; i++)
    {
      guint delay = (guint) g_ascii_strtoull (strchr (g_ptr_array_index (outcome.retries, i), ' ') + 1, NULL, 10);
      guint backoff = MIN (20u << i, 200u);

      g_assert_cmpuint (delay, >=, backoff / 2);
      g_assert_cmpuint (delay, <=, backoff);
    }
  outcome_clear (&outcome);
}

static void
test_dropped_connection (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  AlKubeTestFault drop = { .method = "GET", .count = 1, .drop = TRUE };
  Outcome outcome;

  setup_namespace ();
  al_kube_test_server_add_fault (server, &drop);
  request (client, "GET", "/api/v1/namespaces/shop", NULL, NULL, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (al_kube_test_str (al_kube_test_object (outcome.root, "metadata"), "name"), ==, "shop");
  g_assert_cmpuint (outcome.retries->len, ==, 1);
  outcome_clear (&outcome);

  /* Dropped every time: the user is told the connection failed. */
  drop.count = 0;
  al_kube_test_server_add_fault (server, &drop);
  request (client, "GET", "/api/v1/namespaces/shop", NULL, NULL, NULL, &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_CONNECTION);
  g_test_message ("%s", outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, "cannot reach the cluster at"));
  g_assert_nonnull (strstr (outcome.error->message, "4 attempts"));
  outcome_clear (&outcome);
}

static gboolean give_up (gpointer user_data);

typedef struct
{
  GMainLoop *loop;
  guint pending;
  guint failed;
} Many;

static void
on_one_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Many *many = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = al_kube_client_request_finish (AL_KUBE_CLIENT (source), result, NULL, &error);

  if (error != NULL)
    many->failed++;
  if (--many->pending == 0)
    g_main_loop_quit (many->loop);
}

static gboolean
held_enough (gpointer user_data)
{
  if (al_kube_test_server_count_held (server) < 6)
    return G_SOURCE_CONTINUE;
  al_kube_test_server_release (server);
  return G_SOURCE_REMOVE;
}

static void
test_slow_and_concurrent (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  Many many = { g_main_loop_new (NULL, FALSE), 8, 0 };
  guint guard = g_timeout_add_seconds (30, give_up, (gpointer) "6 requests at the same time");

  setup_namespace ();
  /* The server answers nothing until it holds 6 requests at once: a client
   * that sent them one after the other would never get an answer. */
  al_kube_test_server_hold (server);
  g_timeout_add (5, held_enough, NULL);
  for (guint i = 0; i < 8; i++)
    al_kube_client_request_async (client, "GET", "/api/v1/namespaces/shop", NULL, NULL, NULL,
                                  on_one_done, &many);
  g_main_loop_run (many.loop);
  g_source_remove (guard);
  g_main_loop_unref (many.loop);
  g_assert_cmpuint (many.failed, ==, 0);
  g_assert_cmpuint (al_kube_test_server_get_max_concurrent (server), >=, 6);

  /* Slow answers (a second each) arrive all the same. */
  al_kube_test_server_set_delay (server, 1000);
  many.loop = g_main_loop_new (NULL, FALSE);
  many.pending = 2;
  for (guint i = 0; i < 2; i++)
    al_kube_client_request_async (client, "GET", "/api/v1/namespaces/shop", NULL, NULL, NULL,
                                  on_one_done, &many);
  g_main_loop_run (many.loop);
  g_main_loop_unref (many.loop);
  g_assert_cmpuint (many.failed, ==, 0);
  al_kube_test_server_clear_faults (server);
}

static gboolean
cancel_once_held (gpointer user_data)
{
  if (al_kube_test_server_count_held (server) == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
cancel_on_retry (AlKubeClient *client, const char *what, guint attempt, guint delay_ms,
                 const char *reason, GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_cancel (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AlKubeTestFault busy = { .method = "GET", .status = 429, .retry_after = "30" };
  Outcome outcome;
  gulong handler;

  setup_namespace ();
  /* While the request is in flight (the server keeps its answer back) … */
  al_kube_test_server_hold (server);
  g_timeout_add (5, cancel_once_held, cancellable);
  request (client, "GET", "/api/v1/namespaces/shop", NULL, NULL, cancellable, &outcome);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_CANCELLED);
  g_assert_true (al_kube_error_is_cancelled (outcome.error));
  outcome_clear (&outcome);
  al_kube_test_server_release (server);

  /* … and while waiting 30 s to retry. */
  al_kube_test_server_add_fault (server, &busy);
  g_cancellable_reset (cancellable);
  handler = g_signal_connect (client, "retrying", G_CALLBACK (cancel_on_retry), cancellable);
  request (client, "GET", "/api/v1/namespaces/shop", NULL, NULL, cancellable, &outcome);
  g_signal_handler_disconnect (client, handler);
  g_assert_error (outcome.error, AL_NET_ERROR, AL_NET_ERROR_CANCELLED);
  g_assert_cmpuint (outcome.retries->len, ==, 1);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "GET", NULL), ==, 2);
  outcome_clear (&outcome);
  al_kube_test_server_clear_faults (server);
}

static void
on_stream_open (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *outcome = user_data;

  outcome->stream = al_kube_client_open_stream_finish (AL_KUBE_CLIENT (source), result, &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static void
test_stream (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr (JsonNode) event = NULL;
  Outcome outcome = { 0 };

  setup_namespace ();
  outcome.loop = g_main_loop_new (NULL, FALSE);
  al_kube_client_open_stream_async (client, "/api/v1/namespaces/shop/secrets?watch=1", NULL,
                                    on_stream_open, &outcome);
  g_main_loop_run (outcome.loop);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.stream);

  al_kube_test_server_put (server, "secrets", "shop",
                           "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"late\","
                           "\"namespace\":\"shop\"}}");
  lines = g_data_input_stream_new (outcome.stream);
  /* Blocking reads are fine here: the server has its own thread. */
  do
    {
      g_clear_pointer (&line, g_free);
      g_clear_pointer (&event, json_node_unref);
      line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      event = al_kube_test_parse (line, -1);
    }
  while (g_strcmp0 (al_kube_test_str (al_kube_test_object (event, "object"), "kind"), "Secret") != 0
         || g_strcmp0 (al_kube_test_str (al_kube_test_object (json_object_get_member (json_node_get_object (event), "object"), "metadata"), "name"), "late") != 0);
  g_assert_cmpstr (al_kube_test_str (json_node_get_object (event), "type"), ==, "ADDED");
  outcome_clear (&outcome);
}

static void
test_resource_paths (void)
{
  g_autofree char *ns = al_kube_resource_path ("Namespace", NULL, "shop");
  g_autofree char *sts = al_kube_resource_path ("StatefulSet", "shop", "db");
  g_autofree char *services = al_kube_resource_path ("Service", "shop", NULL);
  g_autofree char *claim = al_kube_resource_path ("PersistentVolumeClaim", "shop", "web-data");

  g_assert_cmpstr (ns, ==, "/api/v1/namespaces/shop");
  g_assert_cmpstr (sts, ==, "/apis/apps/v1/namespaces/shop/statefulsets/db");
  g_assert_cmpstr (services, ==, "/api/v1/namespaces/shop/services");
  g_assert_cmpstr (claim, ==, "/api/v1/namespaces/shop/persistentvolumeclaims/web-data");
  g_assert_null (al_kube_resource_path ("CronJob", "shop", "x"));
  g_assert_null (al_kube_resource_path ("Secret", NULL, "x"));
}


/* Live status ---------------------------------------------------------------- */

#define LABELS(name) "\"labels\":{\"app.kubernetes.io/name\":\"" name "\",\"app.kubernetes.io/part-of\":\"shop\"," \
                     "\"app.kubernetes.io/managed-by\":\"archlane\"}"

static gboolean
give_up (gpointer user_data)
{
  g_error ("the watch never showed what was expected: %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @component is in @state with @ready ready, and
 * its reason holds @reason (when not %NULL). */
static const AlKubeComponentStatus *
wait_for_state (AlKubeWatch *watch, const char *component_id, AlKubeComponentState state, int ready,
                const char *reason)
{
  const AlKubeComponentStatus *status = al_kube_watch_get_status (watch, component_id);
  guint guard = g_timeout_add_seconds (20, give_up, (gpointer) component_id);

  while (!(status->state == state && status->ready == ready
           && (reason == NULL || (status->reason != NULL && strstr (status->reason, reason) != NULL))))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  return status;
}

static void
wait_for_sync (AlKubeWatch *watch)
{
  guint guard = g_timeout_add_seconds (20, give_up, (gpointer) "synced");

  while (!al_kube_watch_is_synced (watch))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static void
on_component_changed (AlKubeWatch *watch, const char *component_id, GString *changes)
{
  const AlKubeComponentStatus *status = al_kube_watch_get_status (watch, component_id);

  g_string_append_printf (changes, "%s %s %d/%d\n", status->component_name,
                          al_kube_component_state_to_string (status->state), status->ready, status->desired);
}

static void
test_watch (void)
{
  g_autoptr (AlKubeClient) client = client_new (AL_KUBE_TEST_TOKEN, NULL);
  g_autofree char *path = al_test_data_path ("deploy/shop.archlane");
  g_autoptr (AlDocument) document = al_document_load_from_path (path, NULL, NULL);
  g_autoptr (AlKubeWatch) watch = NULL;
  g_autoptr (GString) changes = g_string_new (NULL);
  const AlKubeComponentStatus *status;
  guint lists;

  g_assert_nonnull (document);
  setup_namespace ();
  watch = al_kube_watch_new (client, document, "live");
  g_signal_connect (watch, "component-changed", G_CALLBACK (on_component_changed), changes);
  g_assert_cmpuint (al_kube_watch_get_n_components (watch), ==, 3);
  al_kube_watch_start (watch);
  wait_for_sync (watch);
  /* Nothing deployed yet. */
  status = al_kube_watch_get_status (watch, "c1");
  g_assert_cmpint (status->state, ==, AL_KUBE_COMPONENT_ABSENT);
  g_assert_cmpint (status->desired, ==, 2);
  g_assert_cmpint (al_kube_watch_get_status (watch, "c3")->state, ==, AL_KUBE_COMPONENT_ABSENT);
  /* List, then watch from the listed version, with the application's labels. */
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "GET",
                      "/apis/apps/v1/namespaces/live/deployments?labelSelector=app.kubernetes.io%2Fmanaged-by%3Darchlane%2Capp.kubernetes.io%2Fpart-of%3Dshop"),
                    >=, 1);

  /* web rolls out. */
  al_kube_test_server_put (server, "deployments", "live",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                           "\"namespace\":\"live\"," LABELS ("web") "},\"spec\":{\"replicas\":2},"
                           "\"status\":{\"replicas\":2,\"readyReplicas\":0}}");
  status = wait_for_state (watch, "c1", AL_KUBE_COMPONENT_PROGRESSING, 0, NULL);
  g_assert_cmpint (status->desired, ==, 2);
  al_kube_test_server_put (server, "deployments", "live",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                           "\"namespace\":\"live\"," LABELS ("web") "},\"spec\":{\"replicas\":2},"
                           "\"status\":{\"replicas\":2,\"readyReplicas\":2,\"updatedReplicas\":2}}");
  wait_for_state (watch, "c1", AL_KUBE_COMPONENT_RUNNING, 2, NULL);

  /* api (arm64 lane): its image has no arm64 build. */
  al_kube_test_server_put (server, "deployments", "live",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"api\","
                           "\"namespace\":\"live\"," LABELS ("api") "},\"spec\":{\"replicas\":1},\"status\":{}}");
  al_kube_test_server_put (server, "pods", "live",
                           "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"api-6d4cf-x2x\","
                           "\"namespace\":\"live\"," LABELS ("api") "},\"status\":{\"phase\":\"Pending\","
                           "\"containerStatuses\":[{\"name\":\"api\",\"image\":\"example/api:2.1\",\"ready\":false,"
                           "\"restartCount\":0,\"state\":{\"waiting\":{\"reason\":\"ImagePullBackOff\","
                           "\"message\":\"Back-off pulling image \\\"example/api:2.1\\\": no match for platform in manifest: not found\"}}}]}}");
  status = wait_for_state (watch, "c2", AL_KUBE_COMPONENT_FAILED, 0, NULL);
  g_assert_cmpstr (status->reason, ==, "the image has no build for arm64");
  g_assert_cmpstr (status->arch, ==, "arm64");

  /* mysql (amd64 lane): the binary is for another arch. */
  al_kube_test_server_put (server, "statefulsets", "live",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"mysql\","
                           "\"namespace\":\"live\"," LABELS ("mysql") "},\"spec\":{\"replicas\":1},\"status\":{}}");
  al_kube_test_server_put (server, "pods", "live",
                           "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"mysql-0\","
                           "\"namespace\":\"live\"," LABELS ("mysql") "},\"status\":{\"phase\":\"Running\","
                           "\"containerStatuses\":[{\"name\":\"mysql\",\"ready\":false,\"restartCount\":4,"
                           "\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\",\"message\":\"back-off 1m20s\"}},"
                           "\"lastState\":{\"terminated\":{\"exitCode\":1,\"reason\":\"Error\","
                           "\"message\":\"exec /usr/local/bin/docker-entrypoint.sh: exec format error\"}}}]}}");
  status = wait_for_state (watch, "c3", AL_KUBE_COMPONENT_FAILED, 0, NULL);
  g_assert_cmpstr (status->reason, ==, "the image has no build for amd64 (exec format error)");

  /* An ordinary crash loop says so. */
  al_kube_test_server_put (server, "pods", "live",
                           "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"mysql-0\","
                           "\"namespace\":\"live\"," LABELS ("mysql") "},\"status\":{\"phase\":\"Running\","
                           "\"containerStatuses\":[{\"name\":\"mysql\",\"ready\":false,\"restartCount\":7,"
                           "\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}},"
                           "\"lastState\":{\"terminated\":{\"exitCode\":137,\"reason\":\"OOMKilled\"}}}]}}");
  status = wait_for_state (watch, "c3", AL_KUBE_COMPONENT_FAILED, 0, "keeps crashing");
  g_assert_cmpstr (status->reason, ==, "container “mysql” keeps crashing (exit code 137, restarted 7 times)");

  /* The server ends its watches: they resume from where they were. */
  lists = al_kube_test_server_count_requests (server, "GET", "labelSelector") -
          al_kube_test_server_count_requests (server, "GET", "watch=1");
  al_kube_test_server_end_watches (server);
  al_kube_test_server_put (server, "deployments", "live",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                           "\"namespace\":\"live\"," LABELS ("web") "},\"spec\":{\"replicas\":2},"
                           "\"status\":{\"replicas\":2,\"readyReplicas\":1,\"updatedReplicas\":2}}");
  wait_for_state (watch, "c1", AL_KUBE_COMPONENT_PROGRESSING, 1, NULL);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "GET", "labelSelector")
                      - al_kube_test_server_count_requests (server, "GET", "watch=1"), ==, lists);

  /* History compacted while away: 410 Gone, list again, go on. */
  al_kube_test_server_compact (server);
  al_kube_test_server_end_watches (server);
  al_kube_test_server_put (server, "deployments", "live",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                           "\"namespace\":\"live\"," LABELS ("web") "},\"spec\":{\"replicas\":2},"
                           "\"status\":{\"replicas\":2,\"readyReplicas\":2,\"updatedReplicas\":2}}");
  wait_for_state (watch, "c1", AL_KUBE_COMPONENT_RUNNING, 2, NULL);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "GET", "labelSelector")
                      - al_kube_test_server_count_requests (server, "GET", "watch=1"), >, lists);

  /* Deleted: absent again. */
  al_kube_test_server_delete (server, "deployments", "live", "web");
  wait_for_state (watch, "c1", AL_KUBE_COMPONENT_ABSENT, 0, NULL);
  g_assert_nonnull (strstr (changes->str, "web running 2/2\n"));

  al_kube_watch_stop (watch);
}

static void
test_watch_unauthorized (void)
{
  g_autoptr (AlKubeClient) client = client_new ("expired-token-0b9e44", NULL);
  g_autofree char *path = al_test_data_path ("deploy/shop.archlane");
  g_autoptr (AlDocument) document = al_document_load_from_path (path, NULL, NULL);
  g_autoptr (AlKubeWatch) watch = al_kube_watch_new (client, document, "live");
  g_autoptr (GString) problems = g_string_new (NULL);
  guint guard = g_timeout_add_seconds (20, give_up, (gpointer) "problem");

  g_signal_connect_swapped (watch, "problem", G_CALLBACK (g_string_append), problems);
  al_kube_watch_start (watch);
  while (problems->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  g_assert_nonnull (strstr (problems->str, "unauthorized — the token has expired or is wrong"));
  g_assert_null (strstr (problems->str, "expired-token-0b9e44"));
  al_kube_watch_stop (watch);
}

/* Runs last: everything logged, every error and retry reason so far. */
static void
test_no_token_anywhere (void)
{
  g_assert_cmpuint (logged->len, >, 0);
  g_assert_null (strstr (logged->str, AL_KUBE_TEST_TOKEN));
  g_assert_null (strstr (logged->str, "expired-token-0b9e44"));
  g_assert_null (strstr (logged->str, "hunter2"));
}

int
main (int argc, char **argv)
{
  int status;

  al_kube_test_without_leak_check (argv);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  al_test_private_runtime_dir ();
  logged = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);
  server = al_kube_test_server_new ();

  g_test_add_func ("/kube-client/resource-paths", test_resource_paths);
  g_test_add_func ("/kube-client/apply-and-get", test_apply_and_get);
  g_test_add_func ("/kube-client/wrong-ca", test_wrong_ca);
  g_test_add_func ("/kube-client/system-trust", test_system_trust);
  g_test_add_func ("/kube-client/ca-file", test_ca_file);
  g_test_add_func ("/kube-client/expired-token", test_expired_token);
  g_test_add_func ("/kube-client/conflict", test_conflict);
  g_test_add_func ("/kube-client/invalid", test_invalid);
  g_test_add_func ("/kube-client/retry-after", test_retry_after);
  g_test_add_func ("/kube-client/retry-after-parse", test_retry_after_parse);
  g_test_add_func ("/kube-client/server-error-then-success", test_server_error_then_success);
  g_test_add_func ("/kube-client/retries-bounded", test_retries_bounded);
  g_test_add_func ("/kube-client/dropped-connection", test_dropped_connection);
  g_test_add_func ("/kube-client/slow-and-concurrent", test_slow_and_concurrent);
  g_test_add_func ("/kube-client/cancel", test_cancel);
  g_test_add_func ("/kube-client/stream", test_stream);
  g_test_add_func ("/kube-client/watch", test_watch);
  g_test_add_func ("/kube-client/watch-unauthorized", test_watch_unauthorized);
  g_test_add_func ("/kube-client/no-token-anywhere", test_no_token_anywhere);
  status = g_test_run ();

  al_kube_test_server_free (server);
  g_string_free (logged, TRUE);
  return status;
}
