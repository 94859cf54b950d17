/* al-kube-test-server.h: a Kubernetes API server on loopback for the tests
 *
 * A real HTTPS server (SoupServer, with a certificate authority and server
 * certificate the test generates with the openssl program) that follows the
 * documented API for the kinds Archlane deploys: server-side apply (PATCH
 * application/apply-patch+yaml, fieldManager, force, dryRun=All), get, list
 * with labelSelector, watch (chunked JSON lines, resourceVersion, 410 once
 * compacted) and delete. It runs in a thread of its own with its own main
 * context, so a client under test sees real network timing and its main
 * loop is its own. Faults are injected per request: a status with a Status
 * body (and Retry-After, or conflict causes naming another field manager),
 * a slow answer, a connection dropped in the middle of the answer. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "al-json-writer.h"
#include "al-kubeconfig.h"
#include "al-test-util.h"

#define AL_KUBE_TEST_TOKEN "s3cr3t-t0ken-7d1f9a"

/* LeakSanitizer of GCC 12 crashes ("Tracer caught signal 11") reading the
 * thread-local storage of a process that has made TLS connections through
 * glib-networking, so a sanitizer build runs these programs (and the
 * archlane-cli they start) with AddressSanitizer but without its leak check
 * (valgrind checks leaks instead). Call first thing in main(). */
static inline void
al_kube_test_without_leak_check (char **argv)
{
#if defined(__SANITIZE_ADDRESS__)
  const char *options = g_getenv ("ASAN_OPTIONS");
  g_autofree char *changed = NULL;

  if (options != NULL && g_str_has_suffix (options, "detect_leaks=0"))
    return;
  changed = options != NULL && *options != '\0' ? g_strconcat (options, ":detect_leaks=0", NULL)
                                                : g_strdup ("detect_leaks=0");
  g_setenv ("ASAN_OPTIONS", changed, TRUE);
  execv ("/proc/self/exe", argv);
#endif
}

typedef struct
{
  const char *method;        /* NULL: any */
  const char *path_contains; /* NULL: any path */
  guint count;               /* how many matching requests it hits (0: every one) */
  guint status;              /* answer with this status and a Status body (0: answer normally) */
  const char *message;       /* the Status message */
  const char *reason;        /* the Status reason */
  const char *retry_after;   /* a Retry-After header */
  const char *conflict_manager; /* 409: the cause names this manager … */
  const char *conflict_field;   /* … holding this field; force=true passes */
  guint delay_ms;            /* answer this much later */
  gboolean drop;             /* close the connection in the middle of the answer */
} AlKubeTestFault;

typedef struct
{
  char *dir;
  char *ca_pem;
  char *wrong_ca_pem;
  char *url;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  GMutex lock;
  GCond cond;
  gboolean ready;
  /* Under the lock. */
  GHashTable *store;         /* "resource/ns/name" → JsonNode object */
  GPtrArray *events;         /* WatchEvent*: every change, for watches */
  gint64 resource_version;
  gint64 compacted;          /* watches from before this get 410 */
  GPtrArray *faults;         /* Fault* */
  GPtrArray *requests;       /* "METHOD path?query" */
  guint delay_all_ms;
  gboolean hold;             /* keep answers back until released */
  GPtrArray *held;           /* AlKubeTestDelayed* kept back */
  guint delayed_now;         /* answers being held back right now … */
  guint delayed_max;         /* … and the most at once: requests in flight */
  gboolean check_namespace;
  int nice;                  /* of the server's thread (and the TLS threads it starts) */
  /* Server thread only. */
  GPtrArray *watchers;       /* Watcher* */
} AlKubeTestServer;

typedef struct
{
  AlKubeTestFault fault;
  char *method, *path_contains, *message, *reason, *retry_after, *manager, *field;
  guint hits;
} AlKubeTestFaultEntry;

typedef struct
{
  gint64 rv;
  char *type;
  char *resource;
  char *ns;
  JsonNode *object;
} AlKubeTestEvent;

typedef struct
{
  AlKubeTestServer *server;
  SoupServerMessage *msg;
  char *resource;
  char *ns;
  char *selector;
  gboolean done;
} AlKubeTestWatcher;

static const struct
{
  const char *resource, *kind, *api_version;
  gboolean namespaced;
} al_kube_test_kinds[] = {
  { "namespaces", "Namespace", "v1", FALSE },
  { "secrets", "Secret", "v1", TRUE },
  { "services", "Service", "v1", TRUE },
  { "persistentvolumeclaims", "PersistentVolumeClaim", "v1", TRUE },
  { "pods", "Pod", "v1", TRUE },
  { "deployments", "Deployment", "apps/v1", TRUE },
  { "statefulsets", "StatefulSet", "apps/v1", TRUE },
};

#include "al-kube-test-handlers.h"

/* Certificates -------------------------------------------------------------- */

static inline void
al_kube_test_run (const char *dir, const char *command)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) argv = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (command, NULL, &argv, NULL));
  g_spawn_sync (dir, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", command, err);
}

static inline char *
al_kube_test_read (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* A CA, a server certificate for 127.0.0.1 signed by it, and an unrelated
 * CA, made by the openssl program. */
static inline void
al_kube_test_make_certificates (const char *dir)
{
  g_autofree char *ext = g_build_filename (dir, "server.ext", NULL);

  g_assert_true (g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                                           "basicConstraints=CA:FALSE\n", -1, NULL));
  al_kube_test_run (dir, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                         "-keyout ca.key -out ca.pem -days 2 -subj /CN=archlane-test-ca");
  al_kube_test_run (dir, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                         "-keyout wrong-ca.key -out wrong-ca.pem -days 2 -subj /CN=archlane-test-ca");
  al_kube_test_run (dir, "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                         "-keyout server.key -out server.csr -subj /CN=127.0.0.1");
  al_kube_test_run (dir, "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key "
                         "-CAcreateserial -out server.pem -days 2 -extfile server.ext");
}

/* Life ------------------------------------------------------------------------------- */

static inline gpointer
al_kube_test_thread (gpointer user_data)
{
  AlKubeTestServer *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *cert = g_build_filename (self->dir, "server.pem", NULL);
  g_autofree char *key = g_build_filename (self->dir, "server.key", NULL);
  g_autoptr (GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);
  GSList *uris;

  g_assert_no_error (error);
  /* A benchmark gives the client the CPU first, as when the API server is
   * another machine. Threads started from here inherit it. */
  if (self->nice != 0)
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), self->nice);
  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (self->server, NULL, al_kube_test_handler, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  g_ptr_array_set_size (self->watchers, 0);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let the disconnections finish. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static inline void
al_kube_test_fault_entry_free (AlKubeTestFaultEntry *entry)
{
  g_free (entry->method);
  g_free (entry->path_contains);
  g_free (entry->message);
  g_free (entry->reason);
  g_free (entry->retry_after);
  g_free (entry->manager);
  g_free (entry->field);
  g_free (entry);
}

static inline AlKubeTestServer *
al_kube_test_server_new_with_nice (int nice)
{
  AlKubeTestServer *self = g_new0 (AlKubeTestServer, 1);

  self->nice = nice;
  self->dir = al_test_make_tmpdir ();
  al_kube_test_make_certificates (self->dir);
  self->ca_pem = al_kube_test_read (self->dir, "ca.pem");
  self->wrong_ca_pem = al_kube_test_read (self->dir, "wrong-ca.pem");
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->store = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) al_kube_test_event_free);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) al_kube_test_fault_entry_free);
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->held = g_ptr_array_new ();
  self->watchers = g_ptr_array_new_with_free_func ((GDestroyNotify) al_kube_test_watcher_free);
  self->resource_version = 1000;
  self->check_namespace = TRUE;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("kube-test-server", al_kube_test_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static inline AlKubeTestServer *
al_kube_test_server_new (void)
{
  return al_kube_test_server_new_with_nice (0);
}

static inline gboolean
al_kube_test_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static inline void
al_kube_test_server_free (AlKubeTestServer *self)
{
  g_main_context_invoke (self->context, al_kube_test_quit, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->watchers);
  g_hash_table_unref (self->store);
  g_ptr_array_unref (self->events);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->held);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  al_test_rmtree (self->dir);
  g_free (self->dir);
  g_free (self->ca_pem);
  g_free (self->wrong_ca_pem);
  g_free (self->url);
  g_free (self);
}

/* Runs @func (self, data) in the server thread and waits for it. */
typedef struct
{
  AlKubeTestServer *self;
  void (*func) (AlKubeTestServer *self, gpointer data);
  gpointer data;
  gboolean done;
} AlKubeTestCall;

static inline gboolean
al_kube_test_call_run (gpointer user_data)
{
  AlKubeTestCall *call = user_data;

  g_mutex_lock (&call->self->lock);
  call->func (call->self, call->data);
  call->done = TRUE;
  g_cond_broadcast (&call->self->cond);
  g_mutex_unlock (&call->self->lock);
  return G_SOURCE_REMOVE;
}

static inline void
al_kube_test_server_call (AlKubeTestServer *self, void (*func) (AlKubeTestServer *, gpointer),
                          gpointer data)
{
  AlKubeTestCall call = { self, func, data, FALSE };

  g_main_context_invoke (self->context, al_kube_test_call_run, &call);
  g_mutex_lock (&self->lock);
  while (!call.done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

/* The API for tests ---------------------------------------------------------------- */

static inline void
al_kube_test_server_add_fault (AlKubeTestServer *self, const AlKubeTestFault *fault)
{
  AlKubeTestFaultEntry *entry = g_new0 (AlKubeTestFaultEntry, 1);

  entry->fault = *fault;
  entry->method = g_strdup (fault->method);
  entry->path_contains = g_strdup (fault->path_contains);
  entry->message = g_strdup (fault->message);
  entry->reason = g_strdup (fault->reason);
  entry->retry_after = g_strdup (fault->retry_after);
  entry->manager = g_strdup (fault->conflict_manager);
  entry->field = g_strdup (fault->conflict_field);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->faults, entry);
  g_mutex_unlock (&self->lock);
}

static inline void
al_kube_test_server_clear_faults (AlKubeTestServer *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  self->delay_all_ms = 0;
  g_mutex_unlock (&self->lock);
}

static inline void
al_kube_test_server_set_delay (AlKubeTestServer *self, guint delay_ms)
{
  g_mutex_lock (&self->lock);
  self->delay_all_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

/* Keeps every answer back from now on, until al_kube_test_server_release(). */
static inline void
al_kube_test_server_hold (AlKubeTestServer *self)
{
  g_mutex_lock (&self->lock);
  self->hold = TRUE;
  g_mutex_unlock (&self->lock);
}

static inline void
al_kube_test_release_in_thread (AlKubeTestServer *self, gpointer data)
{
  self->hold = FALSE;
  for (guint i = 0; i < self->held->len; i++)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, al_kube_test_delayed_answer, g_ptr_array_index (self->held, i), NULL);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
  g_ptr_array_set_size (self->held, 0);
}

/* Answers what was kept back, and answers at once again. */
static inline void
al_kube_test_server_release (AlKubeTestServer *self)
{
  al_kube_test_server_call (self, al_kube_test_release_in_thread, NULL);
}

/* How many answers are kept back right now. */
static inline guint
al_kube_test_server_count_held (AlKubeTestServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->held->len;
  g_mutex_unlock (&self->lock);
  return n;
}

/* How many requests so far are "METHOD path?query" containing @contains
 * (any when %NULL) and made with @method (any when %NULL). */
static inline guint
al_kube_test_server_count_requests (AlKubeTestServer *self, const char *method, const char *contains)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      const char *line = g_ptr_array_index (self->requests, i);

      if ((method == NULL || (g_str_has_prefix (line, method) && line[strlen (method)] == ' '))
          && (contains == NULL || strstr (line, contains) != NULL))
        n++;
    }
  g_mutex_unlock (&self->lock);
  return n;
}

static inline void
al_kube_test_server_clear_requests (AlKubeTestServer *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->requests, 0);
  self->delayed_max = 0;
  g_mutex_unlock (&self->lock);
}

/* The most requests held back (delayed) at the same time since the last
 * clear: how many the client had in flight. */
static inline guint
al_kube_test_server_get_max_concurrent (AlKubeTestServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->delayed_max;
  g_mutex_unlock (&self->lock);
  return n;
}

/* A copy of the stored object, or %NULL. */
static inline JsonNode *
al_kube_test_server_get (AlKubeTestServer *self, const char *resource, const char *ns, const char *name)
{
  g_autofree char *key = al_kube_test_key (resource, ns, name);
  JsonNode *object;

  g_mutex_lock (&self->lock);
  object = g_hash_table_lookup (self->store, key);
  object = object != NULL ? al_json_node_deep_copy (object) : NULL;
  g_mutex_unlock (&self->lock);
  return object;
}

static inline gboolean
al_kube_test_server_has (AlKubeTestServer *self, const char *resource, const char *ns, const char *name)
{
  g_autofree char *key = al_kube_test_key (resource, ns, name);
  gboolean found;

  g_mutex_lock (&self->lock);
  found = g_hash_table_contains (self->store, key);
  g_mutex_unlock (&self->lock);
  return found;
}

static inline guint
al_kube_test_server_count_objects (AlKubeTestServer *self, const char *resource)
{
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->store);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (resource == NULL || (g_str_has_prefix (key, resource) && ((char *) key)[strlen (resource)] == '/'))
      n++;
  g_mutex_unlock (&self->lock);
  return n;
}

typedef struct
{
  const char *resource;
  const char *ns;
  JsonNode *object;
} AlKubeTestPut;

static inline void
al_kube_test_put_in_thread (AlKubeTestServer *self, gpointer data)
{
  AlKubeTestPut *put = data;

  if (put->object != NULL)
    al_kube_test_store_put (self, put->resource, put->ns, al_json_node_deep_copy (put->object));
}

/* Stores @object (JSON text) as if another client had written it; watches
 * see it. */
static inline void
al_kube_test_server_put (AlKubeTestServer *self, const char *resource, const char *ns, const char *json)
{
  g_autoptr (JsonNode) object = al_kube_test_parse (json, -1);
  AlKubeTestPut put = { resource, ns, object };

  g_assert_nonnull (object);
  al_kube_test_server_call (self, al_kube_test_put_in_thread, &put);
}

static inline void
al_kube_test_delete_in_thread (AlKubeTestServer *self, gpointer data)
{
  AlKubeTestPut *put = data;
  g_autofree char *key = al_kube_test_key (put->resource, put->ns, json_node_get_string (put->object));
  JsonNode *object = g_hash_table_lookup (self->store, key);

  if (object != NULL)
    {
      g_autoptr (JsonNode) gone = json_node_ref (object);

      g_hash_table_remove (self->store, key);
      self->resource_version++;
      al_kube_test_record (self, "DELETED", put->resource, put->ns, gone);
    }
}

/* Deletes an object as if another client had; watches see it. */
static inline void
al_kube_test_server_delete (AlKubeTestServer *self, const char *resource, const char *ns, const char *name)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);
  AlKubeTestPut put = { resource, ns, node };

  json_node_set_string (node, name);
  al_kube_test_server_call (self, al_kube_test_delete_in_thread, &put);
}

static inline void
al_kube_test_compact_in_thread (AlKubeTestServer *self, gpointer data)
{
  self->compacted = ++self->resource_version;
  g_ptr_array_set_size (self->events, 0);
}

/* Forgets the history: watches resuming from before now get 410 Gone. */
static inline void
al_kube_test_server_compact (AlKubeTestServer *self)
{
  al_kube_test_server_call (self, al_kube_test_compact_in_thread, NULL);
}

static inline void
al_kube_test_end_watches_in_thread (AlKubeTestServer *self, gpointer data)
{
  for (guint i = 0; i < self->watchers->len; i++)
    {
      AlKubeTestWatcher *watcher = g_ptr_array_index (self->watchers, i);

      if (watcher->done)
        continue;
      watcher->done = TRUE;
      soup_message_body_complete (soup_server_message_get_response_body (watcher->msg));
      soup_server_message_unpause (watcher->msg);
    }
}

/* Ends every open watch normally (as the API server does after its
 * timeout): clients are expected to resume. */
static inline void
al_kube_test_server_end_watches (AlKubeTestServer *self)
{
  al_kube_test_server_call (self, al_kube_test_end_watches_in_thread, NULL);
}

static inline guint
al_kube_test_server_count_open_watches (AlKubeTestServer *self)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->watchers->len; i++)
    if (!((AlKubeTestWatcher *) g_ptr_array_index (self->watchers, i))->done)
      n++;
  g_mutex_unlock (&self->lock);
  return n;
}

/* A context for this server with @token (AL_KUBE_TEST_TOKEN is the one
 * accepted) trusting @ca_pem (the server's CA when %NULL). */
static inline AlKubeContext *
al_kube_test_server_context (AlKubeTestServer *self, const char *token, const char *ca_pem)
{
  AlKubeContext *context = g_new0 (AlKubeContext, 1);
  const char *ca = ca_pem != NULL ? ca_pem : self->ca_pem;

  context->context_name = g_strdup ("loopback");
  context->cluster_name = g_strdup ("loopback");
  context->user_name = g_strdup ("tester");
  context->server = g_strdup (self->url);
  context->ca_pem = g_bytes_new (ca, strlen (ca));
  context->token = g_strdup (token);
  context->namespace_ = g_strdup ("default");
  return context;
}

/* A kubeconfig file in @dir for this server, with @token, trusting the
 * server's CA (or the wrong one). */
static inline char *
al_kube_test_server_write_kubeconfig (AlKubeTestServer *self, const char *dir, const char *token,
                                      gboolean wrong_ca)
{
  const char *ca = wrong_ca ? self->wrong_ca_pem : self->ca_pem;
  g_autofree char *ca64 = g_base64_encode ((const guchar *) ca, strlen (ca));
  g_autofree char *text = g_strdup_printf (
    "apiVersion: v1\n"
    "kind: Config\n"
    "clusters:\n"
    "- name: loopback\n"
    "  cluster:\n"
    "    server: %s\n"
    "    certificate-authority-data: %s\n"
    "users:\n"
    "- name: tester\n"
    "  user:\n"
    "    token: %s\n"
    "contexts:\n"
    "- name: loopback\n"
    "  context:\n"
    "    cluster: loopback\n"
    "    user: tester\n"
    "current-context: loopback\n",
    self->url, ca64, token);
  char *path = g_build_filename (dir, wrong_ca ? "kubeconfig-wrong-ca" : "kubeconfig", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}
