/* test-manifests: archlane-cli compile's way of compiling, one component at
 * a time straight to its file, gives what the compiled trees give */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "al-injection.h"
#include "al-k8s-test-util.h"
#include "al-validate.h"

static AlDocument *
load_shop (void)
{
  g_autofree char *path = al_test_data_path ("compiler/shop.archlane");

  return al_k8s_test_load (path);
}

/* Adds @var (taken) at the end of @component's @collection. */
static void
append_var (AlComponent *component, AlCollection collection, AlEnvVar *var)
{
  GListModel *list = al_component_get_collection (component, collection);

  al_component_insert (component, collection, g_list_model_get_n_items (list), var);
  g_object_unref (var);
}

/* A document of @n_components components on two lanes, each depending on
 * up to two earlier ones: enough components for the writing threads to take
 * turns, and every kind of object (Secrets, three kinds of Service, claims,
 * StatefulSets, init containers, all probes, expanded command and args). It
 * validates without errors. */
static AlDocument *
make_large_document (guint n_components)
{
  AlDocument *document = al_document_new ();
  g_autoptr (AlLane) x86 = al_lane_new ("x86", "amd64", "x86_64");
  g_autoptr (AlLane) arm = al_lane_new ("arm", "arm64", "鲲鹏");
  guint n_dependencies = 0;

  al_document_set_name (document, "big");
  al_document_set_namespace (document, "big-prod");
  al_lane_set_tolerate_taint (arm, TRUE);
  al_document_add_lane (document, x86);
  al_document_add_lane (document, arm);
  for (guint i = 0; i < n_components; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *name = g_strdup_printf ("svc-%u", i);
      g_autofree char *image = g_strdup_printf ("registry.example.com/svc:1.%u", i);
      g_autofree char *user = g_strdup_printf ("SVC_%u_USER", i);
      g_autofree char *password = g_strdup_printf ("SVC_%u_PASSWORD", i);
      g_autofree char *secret = g_strdup_printf ("s3cret: %u", i);
      g_autofree char *alias = g_strdup_printf ("SVC_%u_HTTP", i);
      g_autofree char *upstream = i == 0 ? g_strdup ("8080")
                                         : g_strdup_printf ("http://${SVC_%u_HTTP_HOST}:${SVC_%u_HTTP_PORT}/\nnext",
                                                            i - 1, i - 1);
      g_autoptr (AlComponent) component = al_component_new (id, name, i % 2 ? "arm" : "x86");
      g_autoptr (AlPort) http = al_port_new (8080, AL_PROTOCOL_HTTP);
      AlProbe *probe = al_component_get_probe (component);
      const char *args[] = { "--upstream=${UPSTREAM:none}", "--token=${TOKEN:}",
                             i % 10 ? "--mode=fast" : "--mode=${MISSING}", NULL };
      const char *check[] = { "cat", "/tmp/ready", NULL };

      al_component_set_image (component, image);
      al_port_set_outer (http, i % 3 == 0);
      al_port_set_alias (http, alias);
      al_component_insert (component, AL_COLLECTION_PORTS, 0, http);
      if (i % 4 == 0)
        {
          g_autoptr (AlPort) extra = al_port_new (9000 + (int) i, i % 8 ? AL_PROTOCOL_TCP : AL_PROTOCOL_UDP);
          al_component_insert (component, AL_COLLECTION_PORTS, 1, extra);
        }
      if (i % 5 == 0 || i % 7 == 0)
        {
          g_autoptr (AlVolume) volume = al_volume_new ("data", "/var/lib/data", 512 + (int) i);
          al_component_set_kind (component, i % 5 == 0 ? AL_KIND_STATEFUL : AL_KIND_STATELESS);
          al_component_insert (component, AL_COLLECTION_VOLUMES, 0, volume);
        }
      append_var (component, AL_COLLECTION_ENV, al_env_var_new_value ("LOG_LEVEL", "yes", FALSE));
      append_var (component, AL_COLLECTION_ENV,
                  al_env_var_new_value ("UPSTREAM", upstream, FALSE));
      if (i % 6 == 0)
        append_var (component, AL_COLLECTION_ENV, al_env_var_new_value ("TOKEN", secret, TRUE));
      if (i % 3 == 0)
        {
          append_var (component, AL_COLLECTION_CONNECTION, al_env_var_new_value (user, "app", FALSE));
          append_var (component, AL_COLLECTION_CONNECTION, al_env_var_new_value (password, secret, TRUE));
        }
      if (i % 2 == 0)
        al_component_set_args (component, args);
      al_probe_set_probe_type (probe, (AlProbeType[]) { AL_PROBE_TCP, AL_PROBE_HTTP, AL_PROBE_EXEC }[i % 3]);
      if (i % 3 != 2)
        al_probe_set_port (probe, 8080);
      if (i % 3 == 1)
        al_probe_set_path (probe, "/healthz");
      if (i % 3 == 2)
        al_probe_set_command (probe, check);
      al_document_add_component (document, component);

      for (guint k = 1; k <= 2 && k <= i; k++)
        {
          guint provider = k == 1 ? i - 1 : i / 2;
          g_autofree char *dependency_id = g_strdup_printf ("d%u", ++n_dependencies);
          g_autofree char *to = g_strdup_printf ("c%u", provider);
          g_autoptr (AlDependency) dependency = NULL;

          if (k == 2 && provider == i - 1)
            continue;
          dependency = al_dependency_new (dependency_id, id, to);
          al_dependency_set_wait (dependency, k == 1);
          al_document_add_dependency (document, dependency);
        }
    }
  return document;
}

static GPtrArray *
list_files (const char *dir)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The same files with the same bytes. */
static void
assert_same_folders (const char *expected_dir, const char *dir)
{
  g_autoptr (GPtrArray) expected = list_files (expected_dir);
  g_autoptr (GPtrArray) got = list_files (dir);

  g_ptr_array_sort (expected, compare_names);
  g_ptr_array_sort (got, compare_names);
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      g_autofree char *want_path = g_build_filename (expected_dir, g_ptr_array_index (expected, i), NULL);
      g_autofree char *got_path = g_build_filename (dir, g_ptr_array_index (got, i), NULL);
      g_autofree char *want = NULL;
      g_autofree char *have = NULL;

      g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
      want = al_k8s_test_read_text (want_path);
      have = al_k8s_test_read_text (got_path);
      g_assert_cmpstr (have, ==, want);
    }
}

/* Streaming gives the files the trees give, in both formats. */
static void
assert_stream_matches_trees (AlDocument *document, guint n_components)
{
  const AlManifestFormat formats[] = { AL_MANIFEST_YAML, AL_MANIFEST_JSON };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
      g_autoptr (AlGraph) graph = al_graph_new (document);
      g_autoptr (GPtrArray) diagnostics = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *dir = al_test_make_tmpdir ();
      g_autofree char *from_trees = g_build_filename (dir, "trees", NULL);
      g_autofree char *streamed = g_build_filename (dir, "streamed", NULL);
      g_autoptr (GPtrArray) files = NULL;

      g_assert_true (al_manifests_write_to_directory (manifests, from_trees, formats[f], &error));
      g_assert_no_error (error);
      g_assert_true (al_k8s_compile_to_directory (graph, streamed, formats[f], &diagnostics, &error));
      g_assert_no_error (error);
      g_assert_nonnull (diagnostics);
      g_assert_cmpuint (al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR), ==, 0);
      files = list_files (streamed);
      g_assert_cmpuint (files->len, ==, n_components + 2);
      assert_same_folders (from_trees, streamed);
      al_test_rmtree (dir);
    }
}

static void
test_stream_matches_trees (void)
{
  g_autoptr (AlDocument) shop = load_shop ();
  g_autoptr (AlDocument) large = make_large_document (150);

  assert_stream_matches_trees (shop, 5);
  assert_stream_matches_trees (large, 150);
}

/* Validation resolves every environment once; the compiler uses those. */
static void
test_validation_hands_over_environments (void)
{
  g_autoptr (AlDocument) document = make_large_document (40);
  g_autoptr (AlGraph) graph = al_graph_new (document);
  g_autoptr (GPtrArray) envs = NULL;
  g_autoptr (GPtrArray) diagnostics = al_validate_graph_full (graph, &envs);
  g_autoptr (GPtrArray) plain = al_validate_graph (graph);

  g_assert_cmpuint (diagnostics->len, ==, plain->len);
  g_assert_cmpuint (envs->len, ==, 40);
  for (guint i = 0; i < envs->len; i++)
    {
      AlComponent *component = al_graph_get_component (graph, i);
      AlResolvedEnv *env = g_ptr_array_index (envs, i);
      g_autoptr (AlResolvedEnv) alone = al_injection_resolve_for_component (graph, component);

      g_assert_cmpstr (env->component_id, ==, al_component_get_id (component));
      g_assert_cmpuint (env->vars->len, ==, alone->vars->len);
      g_assert_cmpuint (env->diagnostics->len, ==, alone->diagnostics->len);
      g_assert_true (g_strv_equal ((const char *const *) env->args, (const char *const *) alone->args));
      g_assert_true (g_strv_equal ((const char *const *) env->command, (const char *const *) alone->command));
      for (guint k = 0; k < env->vars->len; k++)
        {
          AlResolvedVar *a = g_ptr_array_index (env->vars, k);
          AlResolvedVar *b = g_ptr_array_index (alone->vars, k);

          g_assert_cmpstr (a->name, ==, b->name);
          g_assert_cmpint (a->kind, ==, b->kind);
          g_assert_cmpstr (a->value, ==, b->value);
          g_assert_cmpstr (a->secret_name, ==, b->secret_name);
          g_assert_cmpstr (a->secret_key, ==, b->secret_key);
          g_assert_cmpstr (a->dependency_id, ==, b->dependency_id);
          g_assert_cmpstr (a->provider_name, ==, b->provider_name);
          g_assert_true (al_resolved_env_lookup (env, a->name) == a);
        }
    }
  /* Each one reads the host and port of the one before. */
  g_assert_cmpstr (al_resolved_env_lookup (g_ptr_array_index (envs, 1), "UPSTREAM")->value, ==,
                   "http://svc-0:8080/\nnext");
  g_assert_cmpstr (al_resolved_env_lookup (g_ptr_array_index (envs, 0), "UPSTREAM")->value, ==, "8080");
}

static void
test_stream_refuses_documents_with_errors (void)
{
  g_autofree char *path = al_test_data_path ("compiler/errors.archlane");
  g_autoptr (AlDocument) document = al_k8s_test_load (path);
  g_autoptr (AlGraph) graph = al_graph_new (document);
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "manifests", NULL);

  g_assert_false (al_k8s_compile_to_directory (graph, out, AL_MANIFEST_YAML, &diagnostics, &error));
  g_assert_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_DIAGNOSTICS);
  g_assert_true (al_diagnostic_list_has (diagnostics, "invalid-name", "c2"));
  g_assert_true (al_diagnostic_list_has (diagnostics, "invalid-port", "c3"));
  /* Nothing written, not even the folder. */
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  al_test_rmtree (dir);
}

/* A failure stops the writing, names the file and the folder, and leaves
 * no kustomization.yaml listing files that are not there. */
static void
test_stream_write_failure_names_file_and_folder (void)
{
  g_autoptr (AlDocument) document = make_large_document (120);
  g_autoptr (AlGraph) graph = al_graph_new (document);
  const char *blocked[] = { "svc-0.yaml", "svc-77.yaml", "svc-119.yaml" };

  for (guint i = 0; i < G_N_ELEMENTS (blocked); i++)
    {
      g_autofree char *dir = al_test_make_tmpdir ();
      g_autofree char *blocker = g_build_filename (dir, blocked[i], NULL);
      g_autofree char *kustomization = g_build_filename (dir, "kustomization.yaml", NULL);
      g_autofree char *quoted = g_strdup_printf ("“%s”", blocked[i]);
      g_autoptr (GError) error = NULL;

      /* A folder where the file should go. */
      g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
      g_assert_false (al_k8s_compile_to_directory (graph, dir, AL_MANIFEST_YAML, NULL, &error));
      g_assert_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, quoted));
      g_assert_nonnull (strstr (error->message, dir));
      g_assert_false (g_file_test (kustomization, G_FILE_TEST_EXISTS));
      al_test_rmtree (dir);
    }
}

/* Compiling again over an older folder: every file is written whole, a
 * symbolic link is replaced rather than written through. */
static void
test_stream_replaces_old_files (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlGraph) graph = al_graph_new (document);
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *expected = g_build_filename (dir, "expected", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *outside = g_build_filename (dir, "outside.txt", NULL);
  g_autofree char *api = g_build_filename (out, "api.yaml", NULL);
  g_autofree char *web = g_build_filename (out, "web.yaml", NULL);
  g_autofree char *long_text = g_strnfill (100000, 'x');
  g_autofree char *untouched = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (al_manifests_write_to_directory (manifests, expected, AL_MANIFEST_YAML, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_true (g_file_set_contents (api, long_text, -1, &error));
  g_assert_true (g_file_set_contents (outside, "keep", -1, &error));
  g_assert_cmpint (symlink (outside, web), ==, 0);

  g_assert_true (al_k8s_compile_to_directory (graph, out, AL_MANIFEST_YAML, NULL, &error));
  g_assert_no_error (error);
  assert_same_folders (expected, out);
  g_assert_false (g_file_test (web, G_FILE_TEST_IS_SYMLINK));
  untouched = al_k8s_test_read_text (outside);
  g_assert_cmpstr (untouched, ==, "keep");
  al_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/manifests/stream-matches-trees", test_stream_matches_trees);
  g_test_add_func ("/manifests/validation-hands-over-environments",
                   test_validation_hands_over_environments);
  g_test_add_func ("/manifests/stream-refuses-documents-with-errors",
                   test_stream_refuses_documents_with_errors);
  g_test_add_func ("/manifests/stream-write-failure-names-file-and-folder",
                   test_stream_write_failure_names_file_and_folder);
  g_test_add_func ("/manifests/stream-replaces-old-files", test_stream_replaces_old_files);
  return g_test_run ();
}
