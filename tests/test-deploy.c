/* test-deploy: deploying documents to an HTTPS Kubernetes API server on
 * loopback — the plan's order, preview, apply, dry run, failures and
 * re-runs, cancellation, prune — through the library and through
 * `archlane-cli deploy`. */
#include <signal.h>
#include <string.h>

#include "al-k8s-test-util.h"
#include "al-kube-apply.h"
#include "al-kube-test-server.h"

static AlKubeTestServer *server;
static char *tmpdir;

#define API_SECRET "tok-9f8e7d-secret-value"
#define DB_SECRET "pw-a1b2c3-secret-value"

typedef struct
{
  AlDocument *document;
  AlGraph *graph;
  AlManifests *manifests;
  AlKubeClient *client;
  AlKubeApply *plan;
} Fixture;

static void
fixture_open (Fixture *fixture, const char *file, const char *namespace_)
{
  g_autofree char *path = g_build_filename ("deploy", file, NULL);
  g_autofree char *full = al_test_data_path (path);
  g_autoptr (AlKubeContext) context = al_kube_test_server_context (server, AL_KUBE_TEST_TOKEN, NULL);
  g_autoptr (GError) error = NULL;

  fixture->document = al_k8s_test_load (full);
  fixture->graph = al_graph_new (fixture->document);
  fixture->manifests = al_k8s_test_compile (fixture->document);
  fixture->client = al_kube_client_new (context, &error);
  g_assert_no_error (error);
  al_kube_client_set_retry_policy (fixture->client, 4, 10, 100);
  fixture->plan = al_kube_apply_new (fixture->client, fixture->graph, fixture->manifests, namespace_);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->plan);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->manifests, al_manifests_free);
  g_clear_pointer (&fixture->graph, al_graph_free);
  g_clear_object (&fixture->document);
}

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  return g_steal_pointer (&wait->result);
}

static gboolean
preview (AlKubeApply *plan, GError **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GAsyncResult) result = NULL;

  al_kube_apply_preview_async (plan, NULL, on_done, &wait);
  result = wait_for (&wait);
  g_main_loop_unref (wait.loop);
  return al_kube_apply_preview_finish (plan, result, error);
}

static gboolean
run (AlKubeApply *plan, AlKubeApplyFlags flags, GCancellable *cancellable, GError **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GAsyncResult) result = NULL;

  al_kube_apply_run_async (plan, flags, cancellable, on_done, &wait);
  result = wait_for (&wait);
  g_main_loop_unref (wait.loop);
  return al_kube_apply_run_finish (plan, result, error);
}

static const AlKubeApplyItem *
find_item (AlKubeApply *plan, const char *kind, const char *name)
{
  for (guint i = 0; i < al_kube_apply_get_n_items (plan); i++)
    {
      const AlKubeApplyItem *item = al_kube_apply_get_item (plan, i);

      if (strcmp (item->kind, kind) == 0 && strcmp (item->name, name) == 0)
        return item;
    }
  g_error ("no %s %s in the plan", kind, name);
  return NULL;
}

/* Where the server first saw a PATCH of @path_part, in its log. */
static guint
patch_position (const char *path_part)
{
  guint position = G_MAXUINT;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->requests->len && position == G_MAXUINT; i++)
    {
      const char *line = g_ptr_array_index (server->requests, i);

      if (g_str_has_prefix (line, "PATCH ") && strstr (line, path_part) != NULL)
        position = i;
    }
  g_mutex_unlock (&server->lock);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  return position;
}

/* The server's copy of the object of @item, or %NULL. */
static JsonNode *
stored_object (const AlKubeApplyItem *item)
{
  const char *resource = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (al_kube_test_kinds); i++)
    if (strcmp (al_kube_test_kinds[i].kind, item->kind) == 0)
      resource = al_kube_test_kinds[i].resource;
  g_assert_nonnull (resource);
  return al_kube_test_server_get (server, resource, item->namespace_, item->name);
}

static void
reset_server (void)
{
  al_kube_test_server_clear_faults (server);
  al_kube_test_server_clear_requests (server);
}

static void
test_plan_order (void)
{
  Fixture f = { 0 };
  const char *expected[][2] = {
    { "Namespace", "shop" },
    { "Secret", "api-secrets" }, { "Secret", "mysql-secrets" },
    { "Service", "web" }, { "Service", "web-external" }, { "Service", "api" },
    { "Service", "mysql" }, { "Service", "mysql-headless" },
    { "PersistentVolumeClaim", "web-cache" },
    /* Start-up order: web waits for api, which waits for mysql. */
    { "StatefulSet", "mysql" }, { "Deployment", "api" }, { "Deployment", "web" },
  };

  fixture_open (&f, "shop.archlane", NULL);
  g_assert_cmpuint (al_kube_apply_get_n_items (f.plan), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const AlKubeApplyItem *item = al_kube_apply_get_item (f.plan, i);

      g_assert_cmpstr (item->kind, ==, expected[i][0]);
      g_assert_cmpstr (item->name, ==, expected[i][1]);
      g_assert_cmpuint (item->index, ==, i);
      g_assert_cmpint (item->state, ==, AL_KUBE_OBJECT_PENDING);
    }
  /* Each workload is a phase of its own here: its provider is answered
   * before it is sent. */
  g_assert_cmpuint (find_item (f.plan, "Deployment", "api")->phase, >,
                    find_item (f.plan, "StatefulSet", "mysql")->phase);
  g_assert_cmpuint (find_item (f.plan, "Deployment", "web")->phase, >,
                    find_item (f.plan, "Deployment", "api")->phase);
  g_assert_cmpstr (find_item (f.plan, "Deployment", "api")->path, ==,
                   "/apis/apps/v1/namespaces/shop/deployments/api");
  g_assert_cmpstr (al_kube_apply_get_namespace (f.plan), ==, "shop");
  fixture_close (&f);

  /* Another namespace: every object and the Namespace itself move. */
  fixture_open (&f, "shop.archlane", "shop-staging");
  g_assert_cmpstr (al_kube_apply_get_item (f.plan, 0)->name, ==, "shop-staging");
  g_assert_cmpstr (find_item (f.plan, "Secret", "api-secrets")->path, ==,
                   "/api/v1/namespaces/shop-staging/secrets/api-secrets");
  g_assert_cmpstr (al_k8s_test_string (find_item (f.plan, "Secret", "api-secrets")->object,
                                       "metadata.namespace"), ==, "shop-staging");
  fixture_close (&f);
  /* The compiled objects were not changed by that. */
  fixture_open (&f, "shop.archlane", NULL);
  g_assert_cmpstr (al_k8s_test_string (find_item (f.plan, "Secret", "api-secrets")->object,
                                       "metadata.namespace"), ==, "shop");
  fixture_close (&f);
}

static void
count_changes (AlKubeApply *plan, guint index, guint *n)
{
  (*n)++;
}

static void
test_apply_then_unchanged (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) stored = NULL;
  guint n_signals = 0;

  reset_server ();
  fixture_open (&f, "shop.archlane", NULL);
  g_assert_true (preview (f.plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (al_kube_apply_count_preview (f.plan, AL_KUBE_PREVIEW_CREATE), ==, 12);

  g_signal_connect (f.plan, "item-changed", G_CALLBACK (count_changes), &n_signals);
  g_assert_true (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_signals, ==, 12);
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_CREATED), ==, 12);

  /* What the server holds is what was compiled. */
  stored = al_kube_test_server_get (server, "statefulsets", "shop", "mysql");
  g_assert_nonnull (stored);
  g_assert_cmpstr (al_k8s_test_string (stored, "spec.template.spec.containers[0].image"), ==, "mysql:8.0");
  g_assert_nonnull (al_k8s_test_string (stored, "metadata.uid"));
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "fieldManager=archlane"), ==, 12);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "force="), ==, 0);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "dryRun"), ==, 0);

  /* Namespace first; providers before their consumers. */
  g_assert_cmpuint (patch_position ("/namespaces/shop?"), <, patch_position ("/secrets/"));
  g_assert_cmpuint (patch_position ("/services/"), <, patch_position ("/persistentvolumeclaims/"));
  g_assert_cmpuint (patch_position ("/persistentvolumeclaims/"), <, patch_position ("/statefulsets/mysql"));
  g_assert_cmpuint (patch_position ("/statefulsets/mysql"), <, patch_position ("/deployments/api"));
  g_assert_cmpuint (patch_position ("/deployments/api"), <, patch_position ("/deployments/web"));
  fixture_close (&f);

  /* A fresh plan for the same document: the preview finds nothing to do
   * (Secrets compared in their stored form), and a run changes nothing. */
  fixture_open (&f, "shop.archlane", NULL);
  g_assert_true (preview (f.plan, &error));
  g_assert_cmpuint (al_kube_apply_count_preview (f.plan, AL_KUBE_PREVIEW_UNCHANGED), ==, 12);
  g_assert_true (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_UNCHANGED), ==, 12);
  fixture_close (&f);
}

static void
test_changed_object (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  AlComponent *api;

  reset_server ();
  fixture_open (&f, "shop.archlane", NULL);
  g_assert_true (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_no_error (error);
  fixture_close (&f);

  fixture_open (&f, "shop.archlane", NULL);
  api = al_document_lookup_component_by_name (f.document, "api");
  al_component_set_replicas (api, 3);
  g_clear_object (&f.plan);
  al_manifests_free (f.manifests);
  f.manifests = al_k8s_test_compile (f.document);
  f.plan = al_kube_apply_new (f.client, f.graph, f.manifests, NULL);
  g_assert_true (preview (f.plan, &error));
  g_assert_cmpint (find_item (f.plan, "Deployment", "api")->preview, ==, AL_KUBE_PREVIEW_CHANGE);
  g_assert_cmpuint (al_kube_apply_count_preview (f.plan, AL_KUBE_PREVIEW_UNCHANGED), ==, 11);
  g_assert_true (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_cmpint (find_item (f.plan, "Deployment", "api")->state, ==, AL_KUBE_OBJECT_CONFIGURED);
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_UNCHANGED), ==, 11);
  fixture_close (&f);
}

static void
test_dry_run (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  guint before = al_kube_test_server_count_objects (server, NULL);

  reset_server ();
  fixture_open (&f, "shop.archlane", "shop-dry");
  g_assert_true (preview (f.plan, &error));
  g_assert_true (run (f.plan, AL_KUBE_APPLY_DRY_RUN, NULL, &error));
  g_assert_no_error (error);
  /* The namespace does not exist: what is in it would be created with it. */
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_CREATED), ==, 12);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", NULL), ==, 12);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "dryRun=All"), ==, 12);
  g_assert_cmpuint (al_kube_test_server_count_objects (server, NULL), ==, before);
  fixture_close (&f);
}

static void
test_failures_then_rerun (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  const AlKubeApplyItem *web, *api;
  AlKubeTestFault invalid = { .method = "PATCH", .path_contains = "/deployments/web", .status = 422,
                              .reason = "Invalid",
                              .message = "Deployment.apps \"web\" is invalid: spec.replicas: "
                                         "Invalid value: -1: must be greater than or equal to 0" };
  AlKubeTestFault conflict = { .method = "PATCH", .path_contains = "/deployments/api", .status = 409,
                               .reason = "Conflict", .message = "Apply failed with 1 conflict",
                               .conflict_manager = "helm", .conflict_field = ".spec.template.spec.containers[name=\"api\"].image" };
  AlKubeTestFault flaky = { .method = "PATCH", .path_contains = "/services/", .count = 2, .status = 503 };

  reset_server ();
  fixture_open (&f, "shop.archlane", "shop-failing");
  al_kube_test_server_add_fault (server, &invalid);
  al_kube_test_server_add_fault (server, &conflict);
  al_kube_test_server_add_fault (server, &flaky);
  g_assert_false (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "2 objects failed");
  g_clear_error (&error);

  web = find_item (f.plan, "Deployment", "web");
  g_assert_cmpint (web->state, ==, AL_KUBE_OBJECT_FAILED);
  g_assert_nonnull (strstr (web->error->message, "must be greater than or equal to 0"));
  api = find_item (f.plan, "Deployment", "api");
  g_assert_cmpint (api->state, ==, AL_KUBE_OBJECT_FAILED);
  g_assert_nonnull (strstr (api->error->message, "“helm”"));
  /* The 503s were retried away. */
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_CREATED), ==, 10);

  /* Run again once the problems are gone: only what failed is sent. */
  al_kube_test_server_clear_faults (server);
  al_kube_test_server_clear_requests (server);
  g_assert_true (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", NULL), ==, 2);
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_FAILED), ==, 0);
  fixture_close (&f);

  /* Forcing the conflict through sends force=true. */
  al_kube_test_server_add_fault (server, &conflict);
  fixture_open (&f, "shop.archlane", "shop-failing");
  g_assert_true (run (f.plan, AL_KUBE_APPLY_FORCE_CONFLICTS, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "force=true"), ==, 12);
  fixture_close (&f);
}

typedef struct
{
  GCancellable *cancellable;
  guint seen;
} CancelAfter;

static void
cancel_after_three (AlKubeApply *plan, guint index, CancelAfter *cancel)
{
  if (++cancel->seen == 3)
    g_cancellable_cancel (cancel->cancellable);
}

static void
test_cancel_then_rerun (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelAfter cancel = { cancellable, 0 };
  guint pending;

  reset_server ();
  al_kube_test_server_set_delay (server, 50);
  fixture_open (&f, "shop.archlane", "shop-cancel");
  al_kube_apply_set_max_in_flight (f.plan, 2);
  g_signal_connect (f.plan, "item-changed", G_CALLBACK (cancel_after_three), &cancel);
  g_assert_false (run (f.plan, AL_KUBE_APPLY_NONE, cancellable, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_CANCELLED);
  g_clear_error (&error);
  pending = al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_PENDING);
  g_assert_cmpuint (pending, >, 0);
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_FAILED), ==, 0);
  /* Nothing after the cancellation was sent: at most what was in flight. */
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "shop-cancel"), <=, 12 - pending + 2);
  g_assert_false (al_kube_test_server_has (server, "deployments", "shop-cancel", "web"));
  fixture_close (&f);

  /* A new deploy of the same document finishes the job. */
  al_kube_test_server_set_delay (server, 0);
  fixture_open (&f, "shop.archlane", "shop-cancel");
  g_assert_true (preview (f.plan, &error));
  g_assert_cmpuint (al_kube_apply_count_preview (f.plan, AL_KUBE_PREVIEW_CREATE), <, 12);
  g_assert_true (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_FAILED), ==, 0);
  for (guint i = 0; i < al_kube_apply_get_n_items (f.plan); i++)
    {
      const AlKubeApplyItem *item = al_kube_apply_get_item (f.plan, i);
      g_autoptr (JsonNode) object = stored_object (item);

      g_assert_nonnull (object);
      g_assert_true (al_k8s_test_at (object, "metadata.labels") != NULL);
    }
  fixture_close (&f);
}

static void
test_unreachable (void)
{
  g_autoptr (AlKubeContext) context = al_kube_test_server_context (server, AL_KUBE_TEST_TOKEN, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  Fixture f = { 0 };
  guint16 port;

  /* A port nobody listens on: bound, then closed. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);

  fixture_open (&f, "shop.archlane", NULL);
  g_clear_object (&f.plan);
  g_clear_object (&f.client);
  g_free (context->server);
  context->server = g_strdup_printf ("https://127.0.0.1:%u", port);
  f.client = al_kube_client_new (context, &error);
  al_kube_client_set_retry_policy (f.client, 2, 10, 20);
  f.plan = al_kube_apply_new (f.client, f.graph, f.manifests, NULL);
  g_assert_false (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "cannot reach the cluster at https://127.0.0.1:"));
  /* One failure stops the deploy: the rest was never sent. */
  g_assert_cmpuint (al_kube_apply_count_state (f.plan, AL_KUBE_OBJECT_PENDING), ==, 12);
  fixture_close (&f);
}

static GPtrArray *
find_prunable (AlKubeApply *plan, GError **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GAsyncResult) result = NULL;

  al_kube_apply_find_prunable_async (plan, NULL, on_done, &wait);
  result = wait_for (&wait);
  g_main_loop_unref (wait.loop);
  return al_kube_apply_find_prunable_finish (plan, result, error);
}

static gboolean
prune (AlKubeApply *plan, GPtrArray *confirmed, GError **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GAsyncResult) result = NULL;

  al_kube_apply_prune_async (plan, confirmed, AL_KUBE_APPLY_NONE, NULL, on_done, &wait);
  result = wait_for (&wait);
  g_main_loop_unref (wait.loop);
  return al_kube_apply_prune_finish (plan, result, error);
}

static char *
refs_to_text (GPtrArray *refs)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < refs->len; i++)
    {
      AlKubeObjectRef *ref = g_ptr_array_index (refs, i);
      g_ptr_array_add (lines, g_strdup_printf ("%s %s", ref->kind, ref->name));
    }
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (", ", (char **) lines->pdata);
}

static void
test_prune (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) prunable = NULL;
  g_autoptr (GPtrArray) confirmed = NULL;
  g_autofree char *text = NULL;
#define TEST_LABELS(name, app) "\"labels\":{\"app.kubernetes.io/name\":\"" name "\",\"app.kubernetes.io/part-of\":\"" app "\"," \
                                 "\"app.kubernetes.io/managed-by\":\"archlane\"}"
  g_autofree char *claim = NULL, *other = NULL;

  reset_server ();
  fixture_open (&f, "shop.archlane", "shop-prune");
  g_assert_true (run (f.plan, AL_KUBE_APPLY_NONE, NULL, &error));
  g_assert_no_error (error);
  fixture_close (&f);
  /* What the StatefulSet controller makes from the claim template, and an
   * object of another application in the same namespace. */
  claim = g_strdup ("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\",\"metadata\":"
                    "{\"name\":\"data-mysql-0\",\"namespace\":\"shop-prune\"," TEST_LABELS ("mysql", "shop") "}}");
  other = g_strdup ("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
                    "{\"name\":\"blog\",\"namespace\":\"shop-prune\"," TEST_LABELS ("blog", "blog") "}}");
  al_kube_test_server_put (server, "persistentvolumeclaims", "shop-prune", claim);
  al_kube_test_server_put (server, "services", "shop-prune", other);

  /* The same document: nothing to prune. */
  fixture_open (&f, "shop.archlane", "shop-prune");
  prunable = find_prunable (f.plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prunable->len, ==, 0);
  g_clear_pointer (&prunable, g_ptr_array_unref);
  fixture_close (&f);

  /* Without "web": its objects are found, nothing is deleted yet. */
  al_kube_test_server_clear_requests (server);
  fixture_open (&f, "shop-without-web.archlane", "shop-prune");
  prunable = find_prunable (f.plan, &error);
  g_assert_no_error (error);
  text = refs_to_text (prunable);
  g_assert_cmpstr (text, ==, "Deployment web, Service web, Service web-external, "
                             "PersistentVolumeClaim web-cache");
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "DELETE", NULL), ==, 0);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "GET",
                                                        "labelSelector=app.kubernetes.io%2Fmanaged-by%3Darchlane%2Capp.kubernetes.io%2Fpart-of%3Dshop"),
                    ==, 5);
  g_assert_true (al_kube_test_server_has (server, "deployments", "shop-prune", "web"));

  /* Only what was confirmed goes: the user kept the claim. */
  confirmed = g_ptr_array_new_with_free_func ((GDestroyNotify) al_kube_object_ref_free);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (confirmed, g_ptr_array_steal_index (prunable, 0));
  g_assert_true (prune (f.plan, confirmed, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < confirmed->len; i++)
    g_assert_true (((AlKubeObjectRef *) g_ptr_array_index (confirmed, i))->deleted);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "DELETE", "propagationPolicy=Background"), ==, 3);
  g_assert_false (al_kube_test_server_has (server, "deployments", "shop-prune", "web"));
  g_assert_false (al_kube_test_server_has (server, "services", "shop-prune", "web-external"));
  g_assert_true (al_kube_test_server_has (server, "persistentvolumeclaims", "shop-prune", "web-cache"));
  g_assert_true (al_kube_test_server_has (server, "persistentvolumeclaims", "shop-prune", "data-mysql-0"));
  g_assert_true (al_kube_test_server_has (server, "services", "shop-prune", "blog"));
  g_assert_true (al_kube_test_server_has (server, "statefulsets", "shop-prune", "mysql"));
  fixture_close (&f);
}

/* The command line -------------------------------------------------------------- */

/* Runs archlane-cli with @argv; stdin is a pipe (not a terminal). */
static int
run_cli (const char *const *argv, char **out, char **err)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (args, (char *) g_getenv ("ARCHLANE_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char *const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                 | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "", NULL, out, err, &error);
  g_assert_no_error (error);
  g_test_message ("archlane-cli %s …: exit %d\n%s", argv[0], g_subprocess_get_exit_status (process), *err);
  return g_subprocess_get_exit_status (process);
}

static void
assert_no_secret (const char *text)
{
  g_assert_null (strstr (text, AL_KUBE_TEST_TOKEN));
  g_assert_null (strstr (text, API_SECRET));
  g_assert_null (strstr (text, DB_SECRET));
}

static void
test_cli_deploy (void)
{
  g_autofree char *kubeconfig = al_kube_test_server_write_kubeconfig (server, tmpdir, AL_KUBE_TEST_TOKEN, FALSE);
  g_autofree char *file = al_test_data_path ("deploy/shop.archlane");
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { "deploy", file, "--kubeconfig", kubeconfig, "--namespace", "shop-cli", NULL };

  reset_server ();
  g_assert_cmpint (run_cli (argv, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "12 to create, 0 to change, 0 unchanged"));
  g_assert_nonnull (strstr (err, "[1/12] Namespace shop-cli: created\n"));
  g_assert_nonnull (strstr (err, "[12/12] Deployment shop-cli/web: created\n"));
  g_assert_nonnull (strstr (err, "Secret shop-cli/api-secrets: created\n"));
  g_assert_nonnull (strstr (err, "12 created, 0 configured, 0 unchanged, 0 applied, 0 failed"));
  assert_no_secret (err);
  g_assert_true (al_kube_test_server_has (server, "deployments", "shop-cli", "web"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Again: nothing changes. */
  g_assert_cmpint (run_cli (argv, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "0 to create, 0 to change, 12 unchanged"));
  g_assert_nonnull (strstr (err, "0 created, 0 configured, 12 unchanged"));
}

static void
test_cli_dry_run (void)
{
  g_autofree char *kubeconfig = al_kube_test_server_write_kubeconfig (server, tmpdir, AL_KUBE_TEST_TOKEN, FALSE);
  g_autofree char *file = al_test_data_path ("deploy/shop.archlane");
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { "deploy", file, "--kubeconfig", kubeconfig, "--namespace", "shop-cli-dry",
                         "--dry-run", NULL };
  guint before = al_kube_test_server_count_objects (server, NULL);

  reset_server ();
  g_assert_cmpint (run_cli (argv, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "(dry run: nothing changes)"));
  g_assert_nonnull (strstr (err, "Deployment shop-cli-dry/web: created (dry run)"));
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "dryRun=All"), ==, 12);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", NULL), ==, 12);
  g_assert_cmpuint (al_kube_test_server_count_objects (server, NULL), ==, before);
}

static void
test_cli_failures (void)
{
  g_autofree char *kubeconfig = al_kube_test_server_write_kubeconfig (server, tmpdir, AL_KUBE_TEST_TOKEN, FALSE);
  g_autofree char *wrong_ca = al_kube_test_server_write_kubeconfig (server, tmpdir, AL_KUBE_TEST_TOKEN, TRUE);
  g_autofree char *expired = NULL;
  g_autofree char *file = al_test_data_path ("deploy/shop.archlane");
  g_autofree char *errors = al_test_data_path ("deploy/shop-errors.archlane");
  g_autofree char *missing = g_build_filename (tmpdir, "missing.archlane", NULL);
  g_autofree char *expired_dir = g_build_filename (tmpdir, "expired", NULL);
  g_autofree char *out = NULL, *err = NULL;
  AlKubeTestFault invalid = { .method = "PATCH", .path_contains = "/deployments/web", .status = 422,
                              .reason = "Invalid", .message = "spec.replicas: Invalid value: -1" };

  g_mkdir_with_parents (expired_dir, 0700);
  expired = al_kube_test_server_write_kubeconfig (server, expired_dir, "expired-token-55aa", FALSE);
  reset_server ();

  {
    const char *argv[] = { "deploy", errors, "--kubeconfig", kubeconfig, NULL };
    g_assert_cmpint (run_cli (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "error invalid-name c2"));
    g_assert_cmpuint (al_kube_test_server_count_requests (server, NULL, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "deploy", missing, "--kubeconfig", kubeconfig, NULL };
    g_assert_cmpint (run_cli (argv, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "deploy", file, "--kubeconfig", missing, NULL };
    g_assert_cmpint (run_cli (argv, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "missing.archlane"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "deploy", file, "--kubeconfig", kubeconfig, "--context", "staging", NULL };
    g_assert_cmpint (run_cli (argv, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "staging"));
    g_assert_cmpuint (al_kube_test_server_count_requests (server, NULL, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "deploy", file, "--kubeconfig", wrong_ca, NULL };
    g_assert_cmpint (run_cli (argv, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "not signed by the cluster's certificate authority"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "deploy", file, "--kubeconfig", expired, NULL };
    g_assert_cmpint (run_cli (argv, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "unauthorized — the token has expired or is wrong"));
    g_assert_null (strstr (err, "expired-token-55aa"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "deploy", file, "--kubeconfig", kubeconfig, "--namespace", "shop-cli-422", NULL };
    al_kube_test_server_add_fault (server, &invalid);
    g_assert_cmpint (run_cli (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "Deployment shop-cli-422/web: failed: the server refused the object: "
                                   "spec.replicas: Invalid value: -1"));
    g_assert_nonnull (strstr (err, "11 created, 0 configured, 0 unchanged, 0 applied, 1 failed"));
    assert_no_secret (err);
    al_kube_test_server_clear_faults (server);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
}

static void
test_cli_prune (void)
{
  g_autofree char *kubeconfig = al_kube_test_server_write_kubeconfig (server, tmpdir, AL_KUBE_TEST_TOKEN, FALSE);
  g_autofree char *file = al_test_data_path ("deploy/shop.archlane");
  g_autofree char *smaller = al_test_data_path ("deploy/shop-without-web.archlane");
  g_autofree char *out = NULL, *err = NULL;
  const char *full[] = { "deploy", file, "--kubeconfig", kubeconfig, "-n", "shop-cli-prune", NULL };
  const char *no_yes[] = { "deploy", smaller, "--kubeconfig", kubeconfig, "-n", "shop-cli-prune", "--prune", NULL };
  const char *dry_prune[] = { "deploy", smaller, "--kubeconfig", kubeconfig, "-n", "shop-cli-prune", "--prune",
                              "--dry-run", NULL };
  const char *with_yes[] = { "deploy", smaller, "--kubeconfig", kubeconfig, "-n", "shop-cli-prune", "--prune",
                             "--yes", NULL };

  reset_server ();
  g_assert_cmpint (run_cli (full, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No terminal to confirm: refused before anything is sent. */
  al_kube_test_server_clear_requests (server);
  g_assert_cmpint (run_cli (no_yes, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--yes"));
  g_assert_cmpuint (al_kube_test_server_count_requests (server, NULL, NULL), ==, 0);
  g_assert_true (al_kube_test_server_has (server, "deployments", "shop-cli-prune", "web"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A dry run lists and checks the deletions, and deletes nothing. */
  g_assert_cmpint (run_cli (dry_prune, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "delete Deployment shop-cli-prune/web: would be deleted (dry run)"));
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "DELETE", "dryRun=All"), ==, 4);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "DELETE", NULL), ==, 4);
  g_assert_true (al_kube_test_server_has (server, "deployments", "shop-cli-prune", "web"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (with_yes, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "4 objects of this application are no longer in the document"));
  g_assert_nonnull (strstr (err, "delete Deployment shop-cli-prune/web: deleted"));
  g_assert_false (al_kube_test_server_has (server, "deployments", "shop-cli-prune", "web"));
  g_assert_false (al_kube_test_server_has (server, "persistentvolumeclaims", "shop-cli-prune", "web-cache"));
  g_assert_true (al_kube_test_server_has (server, "deployments", "shop-cli-prune", "api"));
}

static void
test_cli_interrupt_then_rerun (void)
{
  g_autofree char *kubeconfig = al_kube_test_server_write_kubeconfig (server, tmpdir, AL_KUBE_TEST_TOKEN, FALSE);
  g_autofree char *file = al_test_data_path ("deploy/shop.archlane");
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { g_getenv ("ARCHLANE_CLI"), "deploy", file, "--kubeconfig", kubeconfig,
                         "-n", "shop-cli-int", NULL };

  reset_server ();
  al_kube_test_server_set_delay (server, 300);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  /* Interrupt once applying has begun. */
  while (al_kube_test_server_count_requests (server, "PATCH", NULL) == 0)
    g_usleep (10 * 1000);
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);
  g_assert_nonnull (strstr (err, "run the same command again to finish"));
  g_assert_false (al_kube_test_server_has (server, "deployments", "shop-cli-int", "web"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  al_kube_test_server_set_delay (server, 0);
  g_assert_cmpint (run_cli (argv + 1, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, " 0 failed"));
  g_assert_true (al_kube_test_server_has (server, "deployments", "shop-cli-int", "web"));
}

int
main (int argc, char **argv)
{
  int status;

  al_kube_test_without_leak_check (argv);
  g_test_init (&argc, &argv, NULL);
  al_test_private_runtime_dir ();
  server = al_kube_test_server_new ();
  tmpdir = al_test_make_tmpdir ();
  /* Each test's server-side namespace is its own. */
  al_kube_test_server_put (server, "namespaces", NULL,
                           "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\"}}");

  g_test_add_func ("/deploy/plan-order", test_plan_order);
  g_test_add_func ("/deploy/apply-then-unchanged", test_apply_then_unchanged);
  g_test_add_func ("/deploy/changed-object", test_changed_object);
  g_test_add_func ("/deploy/dry-run", test_dry_run);
  g_test_add_func ("/deploy/failures-then-rerun", test_failures_then_rerun);
  g_test_add_func ("/deploy/cancel-then-rerun", test_cancel_then_rerun);
  g_test_add_func ("/deploy/unreachable", test_unreachable);
  g_test_add_func ("/deploy/prune", test_prune);
  g_test_add_func ("/deploy/cli/deploy", test_cli_deploy);
  g_test_add_func ("/deploy/cli/dry-run", test_cli_dry_run);
  g_test_add_func ("/deploy/cli/failures", test_cli_failures);
  g_test_add_func ("/deploy/cli/prune", test_cli_prune);
  g_test_add_func ("/deploy/cli/interrupt-then-rerun", test_cli_interrupt_then_rerun);
  status = g_test_run ();

  al_kube_test_server_free (server);
  al_test_rmtree (tmpdir);
  g_free (tmpdir);
  return status;
}
