/* test-cli: archlane-cli as a user runs it, one function per case */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "al-test-util.h"

/* Runs archlane-cli @command @file_name (a fixture of tests/data/cli/, or
 * a path when absolute) with one optional extra argument. */
static int
run_on_fixture (const char *command, const char *file_name, const char *extra, char **out,
                char **err)
{
  g_autofree char *relative = g_build_filename ("cli", file_name, NULL);
  g_autofree char *path
      = g_path_is_absolute (file_name) ? g_strdup (file_name) : al_test_data_path (relative);
  const char *argv[] = { command, path, extra, NULL };

  return al_test_run_cli (argv, out, err);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* Every line of validate: "<severity> <code> <subject>: <path>: <message>". */
static void
assert_diagnostic_lines (const char *out)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr (GRegex) shape
      = g_regex_new ("^(error|warning) [a-z]+(-[a-z0-9]+)* [^ :]+: [^ ]+: .{20,}$", 0, 0, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        {
          g_assert_null (lines[i + 1]); /* only the final newline */
          continue;
        }
      if (!g_regex_match (shape, lines[i], 0, NULL))
        g_error ("not a diagnostic line: %s", lines[i]);
    }
}

static void
test_validate_clean (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_on_fixture ("validate", "validate-clean.archlane", NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "0 errors, 0 warnings\n");
}

static void
test_validate_warnings_only (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Warnings do not fail validation. */
  g_assert_cmpint (run_on_fixture ("validate", "validate-warnings.archlane", NULL, &out, &err), ==,
                   0);
  assert_diagnostic_lines (out);
  g_assert_cmpuint (count_lines (out), ==, 1);
  g_assert_true (g_str_has_prefix (out, "warning secret-literal c1: components[0].env[0].value: "));
  g_assert_cmpstr (err, ==, "0 errors, 1 warning\n");
}

static void
test_validate_errors (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (run_on_fixture ("validate", "validate-errors.archlane", NULL, &out, &err), ==,
                   1);
  assert_diagnostic_lines (out);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  /* Errors first, then by subject and code. */
  g_assert_true (g_str_has_prefix (lines[0], "error duplicate-name c2: components[1].name: "));
  g_assert_nonnull (strstr (lines[0], "c1"));
  g_assert_true (g_str_has_prefix (lines[1], "error missing-image c2: components[1].image: "));
  g_assert_true (g_str_has_prefix (lines[2], "warning secret-literal c1: "));
  g_assert_cmpstr (err, ==, "2 errors, 1 warning\n");
}

static void
test_validate_json (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  static const char *const members[] = { "severity", "code", "subject", "path", "message" };
  JsonArray *array;
  JsonObject *first;

  g_assert_cmpint (run_on_fixture ("validate", "validate-errors.archlane", "--json", &out, &err),
                   ==, 1);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_assert_nonnull (object);
      g_assert_cmpuint (json_object_get_size (object), ==, G_N_ELEMENTS (members));
      for (guint k = 0; k < G_N_ELEMENTS (members); k++)
        g_assert_true (json_object_has_member (object, members[k]));
    }
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "duplicate-name");
  g_assert_cmpstr (json_object_get_string_member (first, "subject"), ==, "c2");
  g_assert_cmpstr (json_object_get_string_member (first, "path"), ==, "components[1].name");
  g_assert_nonnull (strstr (json_object_get_string_member (first, "message"), "mysql"));
  g_assert_cmpstr (err, ==, "2 errors, 1 warning\n");
}

static void
test_validate_json_clean (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_on_fixture ("validate", "validate-clean.archlane", "--json", &out, &err), ==,
                   0);
  g_assert_cmpstr (g_strstrip (out), ==, "[]");
}

static void
test_validate_missing_file (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nothing.archlane", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_on_fixture ("validate", path, NULL, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  /* The message names the file. */
  g_assert_nonnull (strstr (err, path));
  al_test_rmtree (dir);
}

static void
test_validate_not_json (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_on_fixture ("validate", "validate-not-json.archlane", NULL, &out, &err), ==,
                   2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "validate-not-json.archlane: "));
}

static void
test_validate_wrong_type (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A port written as a string: the reader refuses it, with the path. */
  g_assert_cmpint (run_on_fixture ("validate", "validate-wrong-type.archlane", NULL, &out, &err),
                   ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "validate-wrong-type.archlane: components[1].ports[0].port: "));
}

/* Exit code of archlane-cli @argv, its output thrown away. */
static int
run_quietly (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = al_test_run_cli (argv, &out, &err);

  /* Bad usage explains itself on stderr, never on stdout. */
  if (status == 2)
    {
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
    }
  return status;
}

static void
test_validate_usage (void)
{
  const char *const no_file[] = { "validate", NULL };
  const char *const two_files[] = { "validate", "a.archlane", "b.archlane", NULL };
  const char *const bad_option[] = { "validate", "--yaml", "a.archlane", NULL };
  const char *const help[] = { "validate", "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_quietly (no_file), ==, 2);
  g_assert_cmpint (run_quietly (two_files), ==, 2);
  g_assert_cmpint (run_quietly (bad_option), ==, 2);
  g_assert_cmpint (al_test_run_cli (help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "archlane-cli validate"));
  g_assert_nonnull (strstr (out, "--json"));
}

/* ---- env ------------------------------------------------------------------ */

/* Runs archlane-cli env on a fixture of tests/data/injection/. */
static int
run_env (const char *file_name, const char *component, char **out, char **err)
{
  g_autofree char *relative = g_build_filename ("injection", file_name, NULL);
  g_autofree char *path = al_test_data_path (relative);
  const char *argv[] = { "env", path, component, NULL };

  return al_test_run_cli (argv, out, err);
}

static const char shop_web_env[] =
  "MYSQL_HOST      mysql                                           injected: MYSQL_HOST of mysql (dependency d2)\n"
  "MYSQL_PORT      3306                                            injected: MYSQL_PORT of mysql (dependency d2)\n"
  "MYSQL_USER      root                                            connection info of mysql (dependency d2)\n"
  "MYSQL_PASSWORD  secret mysql-connection/MYSQL_PASSWORD          connection info of mysql (dependency d2)\n"
  "REDIS_HOST      redis                                           injected: REDIS_HOST of redis (dependency d1)\n"
  "REDIS_PORT      6379                                            injected: REDIS_PORT of redis (dependency d1)\n"
  /* 欢迎光临 takes 8 columns on a terminal: the padding counts columns. */
  "GREETING        欢迎光临                                        own\n"
  "DSN             mysql://root:$(MYSQL_PASSWORD)@mysql:3306/shop  own\n"
  "SESSION_KEY     secret web-secrets/SESSION_KEY                  own\n"
  "TLS_KEY         secret web-tls/tls.key                          own\n";

static void
test_env_lists_variables (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Providers by name, host and port, connection info, own env last; the
   * columns aligned; ${…} expanded, secrets as $(VAR). */
  g_assert_cmpint (run_env ("shop.archlane", "web", &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, shop_web_env);
  g_assert_cmpstr (err, ==, "");
}

static void
test_env_never_prints_secret_values (void)
{
  const char *const components[] = { "web", "mysql", "redis", "worker" };

  for (guint i = 0; i < G_N_ELEMENTS (components); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_env ("shop.archlane", components[i], &out, &err), ==, 0);
      g_assert_null (strstr (out, "s3cr3t"));
      g_assert_null (strstr (err, "s3cr3t"));
    }
}

static void
test_env_by_id (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_env ("shop.archlane", "c1", &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, shop_web_env);
}

static void
test_env_warnings (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Warnings go to stderr and do not fail. */
  g_assert_cmpint (run_env ("shop.archlane", "worker", &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "REDIS_HOST  redis         injected: "));
  g_assert_nonnull (strstr (out, "\nQUEUE       ${QUEUE_URL}  own\n"));
  g_assert_true (g_str_has_prefix (err, "warning unresolved-variable c4: components[3].env[0].value: "));
  g_assert_nonnull (strstr (err, "QUEUE_URL"));
  g_assert_cmpuint (count_lines (err), ==, 1);
}

static void
test_env_conflict (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_env ("conflict.archlane", "app", &out, &err), ==, 1);
  /* The first value is shown, once. */
  g_assert_nonnull (strstr (out, "TOKEN_URL   http://alpha/token  connection info of alpha"));
  g_assert_null (strstr (out, "beta/token"));
  g_assert_true (g_str_has_prefix (err, "error env-conflict c1: "));
  g_assert_nonnull (strstr (err, "TOKEN_URL"));
  g_assert_nonnull (strstr (err, "alpha (dependency d2)"));
  g_assert_nonnull (strstr (err, "beta (dependency d1)"));
}

static void
test_env_unknown_component (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  /* A typo: the closest name. */
  g_assert_cmpint (run_env ("shop.archlane", "wbe", &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "“wbe”"));
  g_assert_nonnull (strstr (err, "“web”"));
  /* Nothing close: the names that exist. */
  g_assert_cmpint (run_env ("shop.archlane", "postgres", &out2, &err2), ==, 2);
  g_assert_cmpstr (out2, ==, "");
  g_assert_nonnull (strstr (err2, "web, mysql, redis, worker"));
}

static void
test_env_unreadable (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nothing.archlane", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "env", path, "web", NULL };

  g_assert_cmpint (al_test_run_cli (argv, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, path));
  al_test_rmtree (dir);
}

static void
test_env_usage (void)
{
  const char *const no_component[] = { "env", "a.archlane", NULL };
  const char *const too_many[] = { "env", "a.archlane", "web", "api", NULL };
  const char *const bad_option[] = { "env", "--json", "a.archlane", "web", NULL };
  const char *const help[] = { "env", "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_quietly (no_component), ==, 2);
  g_assert_cmpint (run_quietly (too_many), ==, 2);
  g_assert_cmpint (run_quietly (bad_option), ==, 2);
  g_assert_cmpint (al_test_run_cli (help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "archlane-cli env"));
  g_assert_nonnull (strstr (out, "FILE COMPONENT"));
}

/* ---- compile -------------------------------------------------------------- */

/* Runs archlane-cli compile on a fixture of tests/data/compiler/ with
 * "-o @dir" and the optional @format ("--format=json"). */
static int
run_compile (const char *file_name, const char *dir, const char *format, char **out, char **err)
{
  g_autofree char *relative = g_build_filename ("compiler", file_name, NULL);
  g_autofree char *path = al_test_data_path (relative);
  const char *argv[] = { "compile", path, "-o", dir, format, NULL };

  return al_test_run_cli (argv, out, err);
}

static void
test_compile_writes_manifests (void)
{
  g_autofree char *tmp = al_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "out", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *final_line = g_strdup_printf ("Wrote 7 files to “%s”\n", dir);
  const char *files[] = { "namespace.yaml", "mysql.yaml", "redis.yaml", "api.yaml", "web.yaml",
                          "metrics.yaml", "kustomization.yaml" };

  g_assert_cmpint (run_compile ("shop.archlane", dir, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  /* Warnings, then how many files went where. */
  g_assert_true (g_str_has_prefix (err, "warning "));
  g_assert_nonnull (strstr (err, "warning secret-literal c1: "));
  g_assert_true (g_str_has_suffix (err, final_line));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  al_test_rmtree (tmp);
}

static void
test_compile_json (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *api = g_build_filename (dir, "api.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *list;

  g_assert_cmpint (run_compile ("shop.archlane", dir, "--format=json", &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Wrote 7 files to "));
  json_parser_load_from_file (parser, api, &error);
  g_assert_no_error (error);
  list = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (list, "kind"), ==, "List");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "items")), ==, 2);
  al_test_rmtree (dir);
}

static void
test_compile_refuses_errors (void)
{
  g_autofree char *tmp = al_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "out", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_compile ("errors.archlane", dir, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "error invalid-name c2: components[1].name: "));
  g_assert_nonnull (strstr (err, "error invalid-port c3: "));
  g_assert_nonnull (strstr (err, "nothing was written"));
  /* Nothing written, not even the folder. */
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  al_test_rmtree (tmp);
}

static void
test_compile_unreadable (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_compile ("missing.archlane", dir, NULL, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "missing.archlane"));
  al_test_rmtree (dir);
}

static void
test_compile_cannot_write (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *blocker = g_build_filename (dir, "api.yaml", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A folder stands where api.yaml goes: the message names both. */
  g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
  g_assert_cmpint (run_compile ("shop.archlane", dir, NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "“api.yaml”"));
  g_assert_nonnull (strstr (err, dir));
  al_test_rmtree (dir);
}

static void
test_compile_usage (void)
{
  g_autofree char *fixture = al_test_data_path ("compiler/shop.archlane");
  const char *const no_output[] = { "compile", fixture, NULL };
  const char *const no_file[] = { "compile", "-o", "/tmp", NULL };
  const char *const bad_format[] = { "compile", fixture, "-o", "/tmp", "--format", "xml", NULL };
  const char *const help[] = { "compile", "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_quietly (no_output), ==, 2);
  g_assert_cmpint (run_quietly (no_file), ==, 2);
  g_assert_cmpint (al_test_run_cli (bad_format, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "“xml”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (al_test_run_cli (help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "archlane-cli compile"));
  g_assert_nonnull (strstr (out, "--format"));
}

/* Chinese-reading users get Chinese messages; codes, paths and names stay
 * as they are so that scripts keep working. */
static void
test_messages_in_chinese (void)
{
  g_autofree char *path = al_test_data_path ("cli/validate-errors.archlane");
  const char *cli = g_getenv ("ARCHLANE_CLI");
  const char *argv[] = { cli, "validate", path, NULL };
  g_auto (GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_file_test ("/usr/lib/locale/zh_CN.utf8", G_FILE_TEST_IS_DIR)
      && !g_file_test ("/usr/lib/locale/locale-archive", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  envp = g_environ_setenv (envp, "LC_ALL", "zh_CN.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  /* the summary and the sentences are translated … */
  g_assert_nonnull (strstr (err, "个错误"));
  g_assert_nonnull (strstr (out, "组件"));
  /* … the machine-readable parts are not */
  g_assert_nonnull (strstr (out, "error duplicate-name "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/validate/clean", test_validate_clean);
  g_test_add_func ("/cli/validate/warnings-only", test_validate_warnings_only);
  g_test_add_func ("/cli/validate/errors", test_validate_errors);
  g_test_add_func ("/cli/validate/json", test_validate_json);
  g_test_add_func ("/cli/validate/json-clean", test_validate_json_clean);
  g_test_add_func ("/cli/validate/missing-file", test_validate_missing_file);
  g_test_add_func ("/cli/validate/not-json", test_validate_not_json);
  g_test_add_func ("/cli/validate/wrong-type", test_validate_wrong_type);
  g_test_add_func ("/cli/validate/usage", test_validate_usage);
  g_test_add_func ("/cli/env/lists-variables", test_env_lists_variables);
  g_test_add_func ("/cli/env/never-prints-secret-values", test_env_never_prints_secret_values);
  g_test_add_func ("/cli/env/by-id", test_env_by_id);
  g_test_add_func ("/cli/env/warnings", test_env_warnings);
  g_test_add_func ("/cli/env/conflict", test_env_conflict);
  g_test_add_func ("/cli/env/unknown-component", test_env_unknown_component);
  g_test_add_func ("/cli/env/unreadable", test_env_unreadable);
  g_test_add_func ("/cli/env/usage", test_env_usage);
  g_test_add_func ("/cli/compile/writes-manifests", test_compile_writes_manifests);
  g_test_add_func ("/cli/compile/json", test_compile_json);
  g_test_add_func ("/cli/compile/refuses-errors", test_compile_refuses_errors);
  g_test_add_func ("/cli/compile/unreadable", test_compile_unreadable);
  g_test_add_func ("/cli/compile/cannot-write", test_compile_cannot_write);
  g_test_add_func ("/cli/compile/usage", test_compile_usage);
  g_test_add_func ("/cli/messages-in-chinese", test_messages_in_chinese);
  return g_test_run ();
}
