/* test-kubeconfig-tls.h: part of test-kubeconfig.c (included once, there).
 * Certificates made with openssl, HTTPS servers on loopback, and the TLS
 * setup a kubeconfig gives a SoupSession checked against them. */
#pragma once

/* A CA, a server certificate signed by it for @san, a client certificate
 * (RSA, PKCS#1 key as kind writes it) and an unrelated CA. */
static void
make_certificates (void)
{
  const char *ca[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                       "ec_paramgen_curve:P-256", "-nodes", "-keyout", "pki/ca.key", "-out",
                       "pki/ca.crt", "-days", "2", "-subj", "/CN=archlane-test-ca", NULL };
  const char *other_ca[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                             "ec_paramgen_curve:P-256", "-nodes", "-keyout", "pki/other.key",
                             "-out", "pki/other.crt", "-days", "2", "-subj", "/CN=someone-else",
                             NULL };
  const char *client_key[] = { "openssl", "genrsa", "-traditional", "-out", "pki/client.key",
                               "2048", NULL };
  const char *client_csr[] = { "openssl", "req", "-new", "-key", "pki/client.key", "-out",
                               "pki/client.csr", "-subj", "/O=system:masters/CN=alice", NULL };
  const char *client_crt[] = { "openssl", "x509", "-req", "-in", "pki/client.csr", "-CA",
                               "pki/ca.crt", "-CAkey", "pki/ca.key", "-CAcreateserial", "-out",
                               "pki/client.crt", "-days", "2", "-extfile", "pki/client.ext", NULL };
  const struct
  {
    const char *name;
    const char *san;
  } servers[] = { { "server", "IP:127.0.0.1,DNS:localhost" },
                  { "named", "DNS:kubernetes.default" } };
  g_autofree char *pki = tmp_path ("pki");

  g_mkdir_with_parents (pki, 0700);
  write_text ("pki/client.ext", "extendedKeyUsage=clientAuth\n");
  g_assert_true (run (ca) && run (other_ca) && run (client_key) && run (client_csr)
                 && run (client_crt));
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_autofree char *key = g_strdup_printf ("pki/%s.key", servers[i].name);
      g_autofree char *csr = g_strdup_printf ("pki/%s.csr", servers[i].name);
      g_autofree char *crt = g_strdup_printf ("pki/%s.crt", servers[i].name);
      g_autofree char *ext = g_strdup_printf ("pki/%s.ext", servers[i].name);
      g_autofree char *ext_text = g_strdup_printf ("subjectAltName=%s\nextendedKeyUsage=serverAuth\n",
                                                   servers[i].san);
      g_autofree char *ext_path = tmp_path (ext);
      const char *req[] = { "openssl", "req", "-newkey", "ec", "-pkeyopt",
                            "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", csr,
                            "-subj", "/CN=apiserver", NULL };
      const char *sign[] = { "openssl", "x509", "-req", "-in", csr, "-CA", "pki/ca.crt", "-CAkey",
                             "pki/ca.key", "-CAcreateserial", "-out", crt, "-days", "2",
                             "-extfile", ext, NULL };

      g_assert_true (g_file_set_contents (ext_path, ext_text, -1, NULL));
      g_assert_true (run (req) && run (sign));
    }
}

static void
on_request (SoupServer *srv, SoupServerMessage *message, const char *path, GHashTable *query,
            gpointer data)
{
  GTlsCertificate *peer = soup_server_message_get_tls_peer_certificate (message);
  const char *authorization
      = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                      "Authorization");

  g_free (last_authorization);
  last_authorization = g_strdup (authorization);
  g_free (last_client_subject);
  last_client_subject = peer != NULL ? g_tls_certificate_get_subject_name (peer) : NULL;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"major\":\"1\"}", 13);
}

/* The server side asks for the client's certificate; GIO leaves the
 * decision to the application even when its database verified the chain. */
static gboolean
on_server_accept_certificate (SoupServerMessage *message, GTlsCertificate *certificate,
                              GTlsCertificateFlags errors, gpointer data)
{
  return errors == 0;
}

static void
on_request_started (SoupServer *srv, SoupServerMessage *message, gpointer data)
{
  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_server_accept_certificate), NULL);
}

static SoupServer *
start_server (const char *name, guint *out_port)
{
  g_autofree char *crt = g_strdup_printf ("pki/%s.crt", name);
  g_autofree char *key = g_strdup_printf ("pki/%s.key", name);
  g_autofree char *crt_path = tmp_path (crt);
  g_autofree char *key_path = tmp_path (key);
  g_autofree char *ca_path = tmp_path ("pki/ca.crt");
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = g_tls_certificate_new_from_files (crt_path, key_path,
                                                                               &error);
  g_autoptr (GTlsDatabase) clients = NULL;
  g_autoptr (GSList) uris = NULL;
  SoupServer *srv;

  g_assert_no_error (error);
  clients = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);
  srv = soup_server_new ("tls-certificate", certificate, "tls-database", clients, "tls-auth-mode",
                         G_TLS_AUTHENTICATION_REQUESTED, NULL);
  soup_server_add_handler (srv, NULL, on_request, NULL, NULL);
  g_signal_connect (srv, "request-started", G_CALLBACK (on_request_started), NULL);
  soup_server_listen_local (srv, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (srv);
  *out_port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return srv;
}

/* ---- TLS against the loopback servers ----------------------------------- */

typedef struct
{
  GBytes *body;
  GError *error;
  gboolean done;
} Fetch;

static void
on_fetched (GObject *source, GAsyncResult *result, gpointer data)
{
  Fetch *fetch = data;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &fetch->error);
  fetch->done = TRUE;
}

/* GETs /version of @url with the session setup of @ctx; TRUE on 200. */
static gboolean
get_version (const AlKubeContext *ctx, const char *url, GError **error)
{
  g_autoptr (AlKubeSessionConfig) setup = al_kubeconfig_make_session_config (ctx, error);
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autofree char *full = NULL;
  Fetch fetch = { 0 };

  if (setup == NULL)
    return FALSE;
  session = al_kube_session_config_new_session (setup);
  full = g_strdup_printf ("%s/version", url != NULL ? url : setup->base_url);
  message = soup_message_new ("GET", full);
  al_kube_session_config_prepare_message (setup, message);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_fetched, &fetch);
  while (!fetch.done)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&fetch.body, g_bytes_unref);
  if (fetch.error != NULL)
    {
      g_test_message ("GET %s: %s", full, fetch.error->message);
      g_propagate_error (error, fetch.error);
      return FALSE;
    }
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  return TRUE;
}

static void
test_tls_client_certificate (void)
{
  g_autoptr (AlKubeconfig) config = NULL;
  g_autoptr (AlKubeContext) ctx = NULL;
  g_autoptr (AlKubeContext) files = NULL;
  g_autoptr (GError) error = NULL;

  if (!require_openssl ())
    return;
  config = load_ok ("config");
  ctx = al_kubeconfig_resolve (config, "kind-dev", &error);
  g_assert_no_error (error);
  g_assert_true (get_version (ctx, NULL, &error));
  g_assert_no_error (error);
  /* The server saw the client certificate of the kubeconfig, no token. */
  g_assert_nonnull (last_client_subject);
  g_assert_nonnull (strstr (last_client_subject, "alice"));
  g_assert_null (last_authorization);

  files = al_kubeconfig_resolve (config, "kind-dev-files", &error);
  g_assert_no_error (error);
  g_clear_pointer (&last_client_subject, g_free);
  g_assert_true (get_version (files, NULL, &error));
  g_assert_nonnull (strstr (last_client_subject, "alice"));
}

static void
test_tls_verification (void)
{
  g_autoptr (AlKubeconfig) config = NULL;
  g_autoptr (AlKubeContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *other_ca = NULL;
  g_autofree char *url = NULL;
  g_autofree char *named_url = NULL;

  if (!require_openssl ())
    return;
  config = load_ok ("config");
  ctx = al_kubeconfig_resolve (config, "prod", &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("https://127.0.0.1:%u", port);
  named_url = g_strdup_printf ("https://127.0.0.1:%u", named_port);

  /* The token travels as a Bearer header. */
  g_clear_pointer (&ctx->tls_server_name, g_free);
  g_assert_true (get_version (ctx, url, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (last_authorization, ==, "Bearer s3cr3t-deployer-token");

  /* A server whose certificate names kubernetes.default only: refused
   * without tls-server-name, accepted with it. */
  g_assert_false (get_version (ctx, named_url, &error));
  g_assert_cmpint (al_net_error_code_from_error (error), ==, AL_NET_ERROR_TLS);
  g_clear_error (&error);
  ctx->tls_server_name = g_strdup ("kubernetes.default");
  g_assert_true (get_version (ctx, named_url, &error));
  g_assert_no_error (error);

  /* Another CA than the one that signed the server: refused. */
  other_ca = read_text ("pki/other.crt");
  g_bytes_unref (ctx->ca_pem);
  ctx->ca_pem = g_bytes_new (other_ca, strlen (other_ca));
  g_assert_false (get_version (ctx, url, &error));
  g_assert_cmpint (al_net_error_code_from_error (error), ==, AL_NET_ERROR_TLS);
  g_clear_error (&error);

  /* Without a CA the system's are used, which do not know ours either. */
  g_clear_pointer (&ctx->ca_pem, g_bytes_unref);
  g_clear_pointer (&ctx->tls_server_name, g_free);
  g_assert_false (get_version (ctx, url, &error));
  g_assert_cmpint (al_net_error_code_from_error (error), ==, AL_NET_ERROR_TLS);
  g_clear_error (&error);

  /* insecure-skip-tls-verify: accepted. */
  ctx->insecure_skip_tls_verify = TRUE;
  g_assert_true (get_version (ctx, url, &error));
  g_assert_no_error (error);
}

static void
test_tls_bad_material (void)
{
  g_autoptr (AlKubeContext) ctx = g_new0 (AlKubeContext, 1);
  g_autoptr (AlKubeSessionConfig) setup = NULL;
  g_autoptr (GError) error = NULL;
  const char not_a_cert[] = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  g_autofree char *cert = NULL;

  ctx->context_name = g_strdup ("broken");
  ctx->server = g_strdup ("https://127.0.0.1:1");
  ctx->ca_pem = g_bytes_new_static (not_a_cert, sizeof not_a_cert - 1);
  setup = al_kubeconfig_make_session_config (ctx, &error);
  g_assert_null (setup);
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_TLS);
  assert_message (error, "certificate authority", NULL);
  g_clear_error (&error);

  if (!require_openssl ())
    return;
  /* A certificate with a key that is not a key. */
  g_clear_pointer (&ctx->ca_pem, g_bytes_unref);
  cert = read_text ("pki/client.crt");
  ctx->client_cert_pem = g_bytes_new (cert, strlen (cert));
  ctx->client_key_pem = g_bytes_new_static (not_a_cert, sizeof not_a_cert - 1);
  setup = al_kubeconfig_make_session_config (ctx, &error);
  g_assert_null (setup);
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_TLS);
  assert_message (error, "client certificate", NULL);
}

static guint
count_worker_threads (void)
{
  g_autoptr (GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  guint n = 0;

  while (tasks != NULL && (name = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/comm", name);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_has_prefix (comm, "pool-"))
        n++;
    }
  return n;
}

/* The worker threads that ran TLS handshakes keep gnutls' thread-local
 * storage, which LeakSanitizer crashes on when it scans them at exit; with
 * no unused thread allowed they end once idle (half a second), so wait for
 * that, within a bound. */
static void
wait_for_worker_threads (void)
{
  g_thread_pool_stop_unused_threads ();
  for (guint i = 0; i < 100 && count_worker_threads () > 0; i++)
    g_usleep (50 * 1000);
}
