/* test-kubeconfig: kubeconfig files read as kubectl reads them, and the TLS
 * setup they give a SoupSession (against a real HTTPS server on loopback) */
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "al-kubeconfig.h"
#include "al-net-error.h"
#include "al-test-util.h"

/* The fixtures, copied to a temporary folder where certificates are made. */
static char *tmp;
static gboolean have_openssl;
static SoupServer *server;      /* HTTPS, certificate for 127.0.0.1, wants a client cert */
static SoupServer *named_server; /* HTTPS, certificate only for kubernetes.default */
static guint port, named_port;
static char *last_authorization;
static char *last_client_subject;

static char *
tmp_path (const char *relative)
{
  return g_build_filename (tmp, relative, NULL);
}


static gboolean
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (tmp, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("%s failed: %s %s\n", argv[0], error ? error->message : "", err ? err : "");
      return FALSE;
    }
  return TRUE;
}

static char *
read_text (const char *relative)
{
  g_autofree char *path = tmp_path (relative);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *relative, const char *text)
{
  g_autofree char *path = tmp_path (relative);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
base64_of (const char *relative)
{
  g_autofree char *text = read_text (relative);
  return g_base64_encode ((const guchar *) text, strlen (text));
}

static void
copy_fixture (const char *name)
{
  g_autofree char *source = g_build_filename ("kubeconfig", name, NULL);
  g_autofree char *path = al_test_data_path (source);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  write_text (name, text);
}

static AlKubeconfig *
load_ok (const char *relative)
{
  g_autofree char *path = tmp_path (relative);
  g_autoptr (GError) error = NULL;
  AlKubeconfig *config = al_kubeconfig_load_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

/* @text holds each of the NULL-terminated pieces. */
static void
assert_contains_va (const char *text, const char *first, va_list args)
{
  g_assert_nonnull (text);
  for (const char *piece = first; piece != NULL; piece = va_arg (args, const char *))
    if (strstr (text, piece) == NULL)
      g_error ("“%s” is not in: %s", piece, text);
}

static void
assert_contains (const char *text, const char *first, ...)
{
  va_list args;

  va_start (args, first);
  assert_contains_va (text, first, args);
  va_end (args);
}

static void
assert_message (const GError *error, const char *first, ...)
{
  va_list args;

  g_assert_nonnull (error);
  va_start (args, first);
  assert_contains_va (error->message, first, args);
  va_end (args);
}

static gboolean
require_openssl (void)
{
  if (!have_openssl)
    g_test_skip ("openssl is not installed (Debian package openssl); no certificates to test with");
  return have_openssl;
}

#include "test-kubeconfig-tls.h"

/* Lays out the fixtures in tmp with real certificates. */
static void
prepare (void)
{
  static const char *const fixtures[] = {
    "merged/one/config", "merged/two/config", "merged/three/config", "exec-plugin.yaml",
    "auth-provider.yaml", "malformed.yaml", "no-current-context.yaml", "missing-refs.yaml",
    "empty.yaml", "wrong-types.yaml", "duplicate.yaml", "conflicts.yaml", "config.json", NULL,
  };
  g_autofree char *config = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *port_text = NULL;
  g_autoptr (GString) text = NULL;
  g_autofree char *source = al_test_data_path ("kubeconfig/config");

  tmp = al_test_make_tmpdir ();
  for (guint i = 0; fixtures[i] != NULL; i++)
    copy_fixture (fixtures[i]);
  {
    g_autofree char *openssl = g_find_program_in_path ("openssl");
    have_openssl = openssl != NULL;
  }
  if (!have_openssl)
    return;

  make_certificates ();
  server = start_server ("server", &port);
  named_server = start_server ("named", &named_port);

  /* The main config, with the certificates as data and as files. */
  g_file_get_contents (source, &config, NULL, NULL);
  g_assert_nonnull (config);
  ca = base64_of ("pki/ca.crt");
  cert = base64_of ("pki/client.crt");
  key = base64_of ("pki/client.key");
  port_text = g_strdup_printf ("%u", port);
  text = g_string_new (config);
  g_string_replace (text, "@CA_DATA@", ca, 0);
  g_string_replace (text, "@CLIENT_CERT_DATA@", cert, 0);
  g_string_replace (text, "@CLIENT_KEY_DATA@", key, 0);
  g_string_replace (text, "@PORT@", port_text, 0);
  write_text ("config", text->str);
  write_text ("secrets/lab.token", "lab-token-from-file\n");

  /* Files named relative to each merged kubeconfig's own folder. */
  {
    g_autofree char *ca_text = read_text ("pki/ca.crt");
    g_autofree char *other_text = read_text ("pki/other.crt");
    g_autofree char *cert_text = read_text ("pki/client.crt");
    g_autofree char *key_text = read_text ("pki/client.key");

    write_text ("merged/one/ca.crt", ca_text);
    write_text ("merged/one/alice.crt", cert_text);
    write_text ("merged/one/alice.key", key_text);
    write_text ("merged/two/ca.crt", other_text);
    write_text ("merged/three/carol.token", "carol-token\n");
  }
}

static void
test_contexts (void)
{
  g_autoptr (AlKubeconfig) config = NULL;
  const char *const *names;
  g_autofree char *path = tmp_path ("config");

  if (!require_openssl ())
    return;
  config = load_ok ("config");
  g_assert_cmpstr (al_kubeconfig_get_current_context (config), ==, "kind-dev");
  names = al_kubeconfig_get_context_names (config);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 4);
  g_assert_cmpstr (names[0], ==, "kind-dev");
  g_assert_cmpstr (names[1], ==, "prod");
  g_assert_cmpstr (names[2], ==, "lab");
  g_assert_cmpstr (names[3], ==, "kind-dev-files");
  g_assert_cmpstr (al_kubeconfig_get_context_namespace (config, "prod"), ==, "production");
  g_assert_null (al_kubeconfig_get_context_namespace (config, "lab"));
  g_assert_cmpstr (al_kubeconfig_get_files (config)[0], ==, path);
  g_assert_null (al_kubeconfig_get_files (config)[1]);
}

static void
assert_bytes_equal_file (GBytes *bytes, const char *relative)
{
  g_autofree char *text = read_text (relative);

  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text, strlen (text));
}

static void
test_resolve_data (void)
{
  g_autoptr (AlKubeconfig) config = NULL;
  g_autoptr (AlKubeContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *server_url = NULL;

  if (!require_openssl ())
    return;
  config = load_ok ("config");
  ctx = al_kubeconfig_resolve (config, NULL, &error);
  g_assert_no_error (error);
  server_url = g_strdup_printf ("https://127.0.0.1:%u", port);
  g_assert_cmpstr (ctx->context_name, ==, "kind-dev");
  g_assert_cmpstr (ctx->cluster_name, ==, "kind-dev");
  g_assert_cmpstr (ctx->user_name, ==, "kind-dev");
  g_assert_cmpstr (ctx->server, ==, server_url);
  g_assert_cmpstr (ctx->namespace_, ==, "shop");
  g_assert_false (ctx->insecure_skip_tls_verify);
  g_assert_null (ctx->token);
  assert_bytes_equal_file (ctx->ca_pem, "pki/ca.crt");
  assert_bytes_equal_file (ctx->client_cert_pem, "pki/client.crt");
  assert_bytes_equal_file (ctx->client_key_pem, "pki/client.key");
  g_assert_null (al_kube_context_dup_insecure_warning (ctx));
}

static void
test_resolve_files (void)
{
  g_autoptr (AlKubeconfig) config = NULL;
  g_autoptr (AlKubeContext) prod = NULL;
  g_autoptr (AlKubeContext) lab = NULL;
  g_autoptr (AlKubeContext) files = NULL;
  g_autoptr (AlKubeContext) copy = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;

  if (!require_openssl ())
    return;
  config = load_ok ("config");

  prod = al_kubeconfig_resolve (config, "prod", &error);
  g_assert_no_error (error);
  /* The trailing '/' of the server goes; pki/ca.crt is read next to the file. */
  g_assert_cmpstr (prod->server, ==, "https://prod.example.test:6443");
  g_assert_cmpstr (prod->tls_server_name, ==, "kubernetes.default");
  g_assert_cmpstr (prod->token, ==, "s3cr3t-deployer-token");
  g_assert_cmpstr (prod->namespace_, ==, "production");
  assert_bytes_equal_file (prod->ca_pem, "pki/ca.crt");
  g_assert_null (prod->client_cert_pem);

  lab = al_kubeconfig_resolve (config, "lab", &error);
  g_assert_no_error (error);
  g_assert_true (lab->insecure_skip_tls_verify);
  g_assert_null (lab->ca_pem);
  g_assert_cmpstr (lab->token, ==, "lab-token-from-file");
  warning = al_kube_context_dup_insecure_warning (lab);
  g_assert_nonnull (warning);
  assert_contains (warning, "“lab”", "insecure-skip-tls-verify", NULL);

  files = al_kubeconfig_resolve (config, "kind-dev-files", &error);
  g_assert_no_error (error);
  assert_bytes_equal_file (files->client_cert_pem, "pki/client.crt");
  assert_bytes_equal_file (files->client_key_pem, "pki/client.key");

  copy = al_kube_context_copy (prod);
  g_assert_cmpstr (copy->token, ==, prod->token);
  g_assert_true (g_bytes_equal (copy->ca_pem, prod->ca_pem));
}

static void
test_describe_redacts (void)
{
  g_autoptr (AlKubeconfig) config = NULL;
  g_autoptr (AlKubeContext) prod = NULL;
  g_autoptr (AlKubeContext) dev = NULL;
  g_autofree char *prod_text = NULL;
  g_autofree char *dev_text = NULL;

  if (!require_openssl ())
    return;
  config = load_ok ("config");
  prod = al_kubeconfig_resolve (config, "prod", NULL);
  dev = al_kubeconfig_resolve (config, "kind-dev", NULL);
  g_assert_nonnull (prod);
  g_assert_nonnull (dev);
  prod_text = al_kube_context_describe (prod);
  dev_text = al_kube_context_describe (dev);
  assert_contains (prod_text, "prod.example.test", "deployer", "<redacted>",
                  "production", NULL);
  g_assert_null (strstr (prod_text, "s3cr3t"));
  assert_contains (dev_text, "client certificate", "<redacted>", NULL);
  g_assert_null (strstr (dev_text, "PRIVATE KEY"));
  g_assert_null (strstr (dev_text, "MII"));
}

static void
test_merged (void)
{
  g_autofree char *one = tmp_path ("merged/one/config");
  g_autofree char *two = tmp_path ("merged/two/config");
  g_autofree char *three = tmp_path ("merged/three/config");
  g_autofree char *missing = tmp_path ("merged/missing/config");
  g_autofree char *env = g_strjoin (":", one, missing, two, "", three, one, NULL);
  g_autoptr (AlKubeconfig) config = NULL;
  g_autoptr (AlKubeconfig) alone = NULL;
  g_autoptr (AlKubeContext) team = NULL;
  g_autoptr (AlKubeContext) other = NULL;
  g_autoptr (AlKubeContext) carol = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *files;
  const char *const *names;

  if (!require_openssl ())
    return;
  g_setenv ("KUBECONFIG", env, TRUE);
  config = al_kubeconfig_load (NULL, &error);
  g_assert_no_error (error);

  /* The missing file and the empty entry are skipped, the repeat read once. */
  files = al_kubeconfig_get_files (config);
  g_assert_cmpuint (g_strv_length ((char **) files), ==, 3);
  g_assert_cmpstr (files[0], ==, one);
  g_assert_cmpstr (files[1], ==, two);
  g_assert_cmpstr (files[2], ==, three);

  /* current-context from the first file that sets one; the first
   * definition of a name wins. */
  g_assert_cmpstr (al_kubeconfig_get_current_context (config), ==, "team");
  names = al_kubeconfig_get_context_names (config);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 3);
  g_assert_cmpstr (names[0], ==, "team");
  g_assert_cmpstr (names[1], ==, "other");
  g_assert_cmpstr (names[2], ==, "from-three");

  team = al_kubeconfig_resolve (config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (team->server, ==, "https://one.example.test:6443");
  g_assert_cmpstr (team->namespace_, ==, "team-one");
  g_assert_null (team->token);
  assert_bytes_equal_file (team->ca_pem, "merged/one/ca.crt");
  assert_bytes_equal_file (team->client_cert_pem, "merged/one/alice.crt");

  other = al_kubeconfig_resolve (config, "other", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other->server, ==, "https://two-only.example.test:6443");
  g_assert_cmpstr (other->token, ==, "bob-token-from-two");
  assert_bytes_equal_file (other->ca_pem, "merged/two/ca.crt");

  /* A context of file three using a cluster of file two: each path is
   * taken from the folder of the file that wrote it. */
  carol = al_kubeconfig_resolve (config, "from-three", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carol->token, ==, "carol-token");
  assert_bytes_equal_file (carol->ca_pem, "merged/two/ca.crt");

  /* An explicit path wins over KUBECONFIG. */
  alone = al_kubeconfig_load (three, &error);
  g_assert_no_error (error);
  g_assert_null (al_kubeconfig_get_current_context (alone));
  g_assert_cmpuint (g_strv_length ((char **) al_kubeconfig_get_context_names (alone)), ==, 1);
  /* …and resolving there fails: file three alone does not define two-only. */
  g_assert_null (al_kubeconfig_resolve (alone, "from-three", &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID);
  assert_message (error, three, "two-only", NULL);
  g_unsetenv ("KUBECONFIG");
}

static void
assert_load_fails (const char *relative, const char *first_piece, ...)
{
  g_autofree char *path = tmp_path (relative);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlKubeconfig) config = al_kubeconfig_load_from_file (path, &error);
  va_list args;

  g_assert_null (config);
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  va_start (args, first_piece);
  for (const char *piece = first_piece; piece != NULL; piece = va_arg (args, const char *))
    if (strstr (error->message, piece) == NULL)
      g_error ("“%s” is not in: %s", piece, error->message);
  va_end (args);
}

static void
test_exec_plugin (void)
{
  g_autoptr (AlKubeconfig) config = load_ok ("exec-plugin.yaml");
  g_autoptr (AlKubeContext) ctx = NULL;
  g_autoptr (AlKubeContext) with_token = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("exec-plugin.yaml");

  /* Listing contexts works; connecting through the plugin does not. */
  g_assert_cmpuint (g_strv_length ((char **) al_kubeconfig_get_context_names (config)), ==, 2);
  ctx = al_kubeconfig_resolve (config, NULL, &error);
  g_assert_null (ctx);
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_UNSUPPORTED_AUTH);
  assert_message (error, path, "eks-user", "“aws”", "Flatpak", "archlane-cli compile",
                  "kubectl apply -k", "token", NULL);
  g_clear_error (&error);

  with_token = al_kubeconfig_resolve (config, "eks-token", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (with_token->token, ==, "eks-static-token");
}

static void
test_auth_provider (void)
{
  g_autoptr (AlKubeconfig) config = load_ok ("auth-provider.yaml");
  g_autoptr (GError) error = NULL;

  g_assert_null (al_kubeconfig_resolve (config, "gke", &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_UNSUPPORTED_AUTH);
  assert_message (error, "gke-user", "“gcp”", "Flatpak", "kubectl", NULL);
}

static void
test_malformed (void)
{
  /* The misplaced key is on line 7. */
  assert_load_fails ("malformed.yaml", "line 7", NULL);
  assert_load_fails ("wrong-types.yaml", "line 3, column 11", "“clusters” must be a list", NULL);
  assert_load_fails ("duplicate.yaml", "line 7", "“twice” is defined twice", NULL);
}

static void
test_binary_junk (void)
{
  guint8 junk[512];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) (i * 97 + 13);
  junk[0] = 0xff;
  junk[1] = 0xfe;
  junk[2] = 0x00;
  {
    g_autofree char *path = tmp_path ("junk.bin");
    g_assert_true (g_file_set_contents (path, (const char *) junk, sizeof junk, NULL));
  }
  assert_load_fails ("junk.bin", "not UTF-8 text", NULL);
}

static void
test_folder_and_missing (void)
{
  g_autofree char *folder = tmp_path ("merged");
  g_autofree char *missing = tmp_path ("nothing-here/config");
  g_autofree char *missing2 = tmp_path ("nothing-here/other");
  const char *both[] = { missing, missing2, NULL };
  g_autoptr (GError) error = NULL;

  assert_load_fails ("merged", "folder", NULL);
  g_assert_null (al_kubeconfig_load_from_file (missing, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID);
  assert_message (error, missing, "does not exist", NULL);
  g_clear_error (&error);

  g_assert_null (al_kubeconfig_load_from_paths (both, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID);
  assert_message (error, missing, missing2, NULL);
  g_clear_error (&error);

  /* A folder in KUBECONFIG is an error, not a file to skip. */
  g_setenv ("KUBECONFIG", folder, TRUE);
  g_assert_null (al_kubeconfig_load (NULL, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID);
  assert_message (error, folder, NULL);
  g_unsetenv ("KUBECONFIG");
}

static void
test_empty (void)
{
  g_autoptr (AlKubeconfig) config = load_ok ("empty.yaml");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("empty.yaml");

  g_assert_null (al_kubeconfig_get_current_context (config));
  g_assert_null (al_kubeconfig_get_context_names (config)[0]);
  g_assert_null (al_kubeconfig_resolve (config, NULL, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID);
  assert_message (error, path, "no context", NULL);
}

static void
test_no_current_context (void)
{
  g_autoptr (AlKubeconfig) config = load_ok ("no-current-context.yaml");
  g_autoptr (AlKubeContext) second = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (al_kubeconfig_resolve (config, NULL, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID);
  assert_message (error, "no current context", NULL);
  g_clear_error (&error);

  second = al_kubeconfig_resolve (config, "second", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->namespace_, ==, "ns2");
  g_assert_null (second->token);
  g_assert_null (second->user_name);
}

static void
test_missing_references (void)
{
  g_autoptr (AlKubeconfig) config = load_ok ("missing-refs.yaml");
  g_autoptr (AlKubeContext) anonymous = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("missing-refs.yaml");

  g_assert_null (al_kubeconfig_resolve (config, NULL, &error));
  assert_message (error, path, "“no-cluster”", "“ghost”", NULL);
  g_clear_error (&error);
  g_assert_null (al_kubeconfig_resolve (config, "no-user", &error));
  assert_message (error, "“nobody”", NULL);
  g_clear_error (&error);
  g_assert_null (al_kubeconfig_resolve (config, "nope", &error));
  assert_message (error, "“nope”", NULL);
  g_clear_error (&error);

  anonymous = al_kubeconfig_resolve (config, "anonymous", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (anonymous->server, ==, "https://real.example.test");
}

static void
test_conflicts (void)
{
  static const struct
  {
    const char *context;
    const char *mentions;
  } cases[] = {
    { "insecure-with-ca", "insecure-skip-tls-verify" },
    { "cert-without-key", "without its key" },
    { "cert-twice", "both “client-certificate” and “client-certificate-data”" },
    { "missing-token-file", "does-not-exist.token" },
    { "no-server", "has no “server”" },
    { "ftp", "ftp://z.example.test" },
    { "bad-bool", "true or false" },
    { "bad-ca-data", "base64" },
  };
  g_autoptr (AlKubeconfig) config = load_ok ("conflicts.yaml");
  g_autofree char *path = tmp_path ("conflicts.yaml");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AlKubeContext) ctx = al_kubeconfig_resolve (config, cases[i].context, &error);

      g_assert_null (ctx);
      g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID);
      g_test_message ("%s", error->message);
      assert_message (error, path, "line ", cases[i].mentions, NULL);
    }
}

static void
test_json (void)
{
  g_autoptr (AlKubeconfig) config = load_ok ("config.json");
  g_autoptr (AlKubeContext) ctx = NULL;
  g_autoptr (GError) error = NULL;

  ctx = al_kubeconfig_resolve (config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ctx->server, ==, "http://127.0.0.1:8001");
  g_assert_cmpstr (ctx->token, ==, "json-token");
  g_assert_cmpstr (ctx->namespace_, ==, "from-json");
  g_assert_false (ctx->insecure_skip_tls_verify);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  al_test_private_runtime_dir ();
  g_thread_pool_set_max_unused_threads (0);
  g_unsetenv ("KUBECONFIG");
  prepare ();

  g_test_add_func ("/kubeconfig/contexts", test_contexts);
  g_test_add_func ("/kubeconfig/resolve-data", test_resolve_data);
  g_test_add_func ("/kubeconfig/resolve-files", test_resolve_files);
  g_test_add_func ("/kubeconfig/describe-redacts", test_describe_redacts);
  g_test_add_func ("/kubeconfig/merged", test_merged);
  g_test_add_func ("/kubeconfig/exec-plugin", test_exec_plugin);
  g_test_add_func ("/kubeconfig/auth-provider", test_auth_provider);
  g_test_add_func ("/kubeconfig/malformed", test_malformed);
  g_test_add_func ("/kubeconfig/binary-junk", test_binary_junk);
  g_test_add_func ("/kubeconfig/folder-and-missing", test_folder_and_missing);
  g_test_add_func ("/kubeconfig/empty", test_empty);
  g_test_add_func ("/kubeconfig/no-current-context", test_no_current_context);
  g_test_add_func ("/kubeconfig/missing-references", test_missing_references);
  g_test_add_func ("/kubeconfig/conflicts", test_conflicts);
  g_test_add_func ("/kubeconfig/json", test_json);
  g_test_add_func ("/kubeconfig/tls-client-certificate", test_tls_client_certificate);
  g_test_add_func ("/kubeconfig/tls-verification", test_tls_verification);
  g_test_add_func ("/kubeconfig/tls-bad-material", test_tls_bad_material);
  status = g_test_run ();

  g_clear_object (&server);
  g_clear_object (&named_server);
  wait_for_worker_threads ();
  g_free (last_authorization);
  g_free (last_client_subject);
  al_test_rmtree (tmp);
  g_free (tmp);
  return status;
}
