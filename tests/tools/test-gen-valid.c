/* test-gen-valid: the synthetic documents load and validate without errors */
#include <string.h>

#include "al-document-io.h"
#include "al-gen.h"
#include "al-test-util.h"
#include "al-validate.h"

/* Warnings that would mean the generator wired something wrong (a reference
 * to a variable that is not injected, an own name hiding an injected one). */
static const char *const unexpected_warnings[] = { "env-shadowed", "unresolved-variable", NULL };

static void
assert_no_errors (AlDocument *document, const char *what)
{
  g_autoptr (AlGraph) graph = al_graph_new (document);
  g_autoptr (GPtrArray) diagnostics = al_validate_graph (graph);
  guint n_errors = al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR);
  gboolean unexpected = FALSE;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      AlDiagnostic *diagnostic = diagnostics->pdata[i];
      if (diagnostic->severity == AL_SEVERITY_ERROR
          || g_strv_contains (unexpected_warnings, diagnostic->code))
        {
          g_autofree char *line = al_diagnostic_to_line (diagnostic);
          g_test_message ("%s: %s", what, line);
          unexpected = TRUE;
        }
    }
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_false (unexpected);
}

/* Saves @document, reads it back and checks what a benchmark relies on. */
static AlDocument *
round_trip (AlDocument *document, const char *dir, const char *file_name)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  AlDocument *loaded;

  g_assert_true (al_document_save_to_path (document, path, &error));
  g_assert_no_error (error);
  loaded = al_document_load_from_path (path, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  return loaded;
}

static guint
count_items (AlDocument *document, AlCollection collection)
{
  return g_list_model_get_n_items (al_document_get_collection (document, collection));
}

static void
check_shape (AlDocument *document)
{
  GListModel *components = al_document_get_components (document);
  GListModel *dependencies = al_document_get_dependencies (document);
  guint n = g_list_model_get_n_items (components);
  guint n_stateful = 0, n_with_volumes = 0, n_not_waiting = 0, n_references = 0;
  guint n_secret_literals = 0, n_secret_refs = 0, n_connections = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      GListModel *env = al_component_get_env (component);
      guint n_ports = g_list_model_get_n_items (al_component_get_ports (component));
      guint n_env = g_list_model_get_n_items (env);

      g_assert_cmpuint (n_ports, >=, 1);
      g_assert_cmpuint (n_ports, <=, 3);
      g_assert_cmpuint (n_env, >=, 2);
      g_assert_cmpuint (n_env, <=, 6);
      if (al_component_get_kind (component) == AL_KIND_STATEFUL)
        {
          n_stateful++;
          if (g_list_model_get_n_items (al_component_get_volumes (component)) > 0)
            n_with_volumes++;
        }
      if (g_list_model_get_n_items (al_component_get_connection (component)) > 0)
        n_connections++;
      for (guint v = 0; v < n_env; v++)
        {
          g_autoptr (AlEnvVar) var = g_list_model_get_item (env, v);
          const char *value = al_env_var_get_value (var);
          if (al_env_var_is_secret_ref (var))
            n_secret_refs++;
          else if (al_env_var_get_secret (var))
            n_secret_literals++;
          if (value != NULL && strstr (value, "_HOST}") != NULL)
            n_references++;
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      if (!al_dependency_get_wait (dependency))
        n_not_waiting++;
    }

  /* About 12% stateful, each with a volume; the rest is mixed. */
  g_assert_cmpuint (n_stateful * 100, >=, n * 5);
  g_assert_cmpuint (n_stateful * 100, <=, n * 25);
  g_assert_cmpuint (n_with_volumes, ==, n_stateful);
  g_assert_cmpuint (n_connections, >, n_stateful);
  g_assert_cmpuint (n_not_waiting, >, 0);
  g_assert_cmpuint (n_references, >, n / 2);
  g_assert_cmpuint (n_secret_literals, >, 0);
  g_assert_cmpuint (n_secret_refs, >, 0);
}

static void
test_seeds_validate (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();

  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr (AlDocument) document = al_gen_document (200, 600, seed);
      g_autofree char *name = g_strdup_printf ("seed-%u.archlane", seed);
      g_autoptr (AlDocument) loaded = round_trip (document, dir, name);

      g_assert_cmpuint (count_items (loaded, AL_COLLECTION_LANES), ==, 2);
      g_assert_cmpuint (count_items (loaded, AL_COLLECTION_COMPONENTS), ==, 200);
      g_assert_cmpuint (count_items (loaded, AL_COLLECTION_DEPENDENCIES), ==, 600);
      assert_no_errors (loaded, name);
      check_shape (loaded);
    }
  al_test_rmtree (dir);
}

static void
test_small_documents (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();

  /* Fewer possible pairs than asked for: every pair, once. */
  for (guint n = 0; n <= 8; n++)
    {
      g_autoptr (AlDocument) document = al_gen_document (n, AL_GEN_DEFAULT_DEPENDENCIES (n), 3);
      g_autofree char *name = g_strdup_printf ("small-%u.archlane", n);
      g_autoptr (AlDocument) loaded = round_trip (document, dir, name);

      g_assert_cmpuint (count_items (loaded, AL_COLLECTION_COMPONENTS), ==, n);
      g_assert_cmpuint (count_items (loaded, AL_COLLECTION_DEPENDENCIES), ==,
                        MIN (3 * n, n * (n > 0 ? n - 1 : 0) / 2));
      assert_no_errors (loaded, name);
    }
  al_test_rmtree (dir);
}

static void
test_all_lanes (void)
{
  g_autoptr (AlDocument) document = al_gen_document_with_lanes (300, 900, AL_GEN_MAX_LANES, 11);

  g_assert_cmpuint (count_items (document, AL_COLLECTION_LANES), ==, AL_GEN_MAX_LANES);
  assert_no_errors (document, "6 lanes");
}

static void
test_deterministic (void)
{
  g_autoptr (AlDocument) a = al_gen_document (150, 450, 42);
  g_autoptr (AlDocument) b = al_gen_document (150, 450, 42);
  g_autoptr (AlDocument) c = al_gen_document (150, 450, 43);
  g_autoptr (GBytes) text_a = al_document_save_to_bytes (a);
  g_autoptr (GBytes) text_b = al_document_save_to_bytes (b);
  g_autoptr (GBytes) text_c = al_document_save_to_bytes (c);

  g_assert_true (g_bytes_equal (text_a, text_b));
  g_assert_false (g_bytes_equal (text_a, text_c));
}

static void
test_program_writes_the_library_document (void)
{
  g_autofree char *tool = g_test_build_filename (G_TEST_BUILT, "tools", "al-gen-document", NULL);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gen.archlane", NULL);
  const char *argv[] = { tool, "--components", "80", "--seed", "7", "-o", path, NULL };
  const char *bad_argv[] = { tool, "--components", "many", "-o", path, NULL };
  g_autoptr (AlDocument) expected = al_gen_document (80, 240, 7);
  g_autoptr (GBytes) expected_text = al_document_save_to_bytes (expected);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  gsize length = 0;
  int status = -1;
  g_autoptr (GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected_text, NULL),
                   g_bytes_get_size (expected_text));

  g_spawn_sync (NULL, (char **) bad_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "--components"));
  al_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gen/seeds-validate", test_seeds_validate);
  g_test_add_func ("/gen/small-documents", test_small_documents);
  g_test_add_func ("/gen/all-lanes", test_all_lanes);
  g_test_add_func ("/gen/deterministic", test_deterministic);
  g_test_add_func ("/gen/program", test_program_writes_the_library_document);
  return g_test_run ();
}
