/* test-io: reading and writing .archlane files, the canonical text, atomic saves */
#include <errno.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "al-document-io.h"
#include "al-extras.h"
#include "al-json-check.h"
#include "al-json-writer.h"
#include "al-test-util.h"

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = al_test_data_path (name);
  g_autoptr (GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static AlDocument *
load_fixture (const char *name)
{
  g_autofree char *path = al_test_data_path (name);
  g_autoptr (GError) error = NULL;
  AlDocument *document = al_document_load_from_path (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
assert_bytes_equal_text (GBytes *bytes, GBytes *expected)
{
  if (!g_bytes_equal (bytes, expected))
    {
      /* Show the texts, so that a failure says where they differ. */
      g_autofree char *a = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autofree char *b = g_strndup (g_bytes_get_data (expected, NULL),
                                      g_bytes_get_size (expected));
      g_assert_cmpstr (a, ==, b);
    }
}

static gpointer
nth (GListModel *model, guint position)
{
  gpointer item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_object_unref (item); /* the model keeps it alive */
  return item;
}

static void
test_rich_round_trip (void)
{
  g_autoptr (GBytes) original = read_fixture ("io/rich.archlane");
  g_autoptr (AlDocument) document = load_fixture ("io/rich.archlane");
  g_autoptr (GBytes) saved = al_document_save_to_bytes (document);
  AlComponent *mysql, *web, *worker;
  AlEnvVar *var;
  AlPort *port;

  assert_bytes_equal_text (saved, original);

  /* What was read is what the file says, not only what it writes back. */
  g_assert_cmpstr (al_document_get_display_name (document), ==, "网上商城");
  g_assert_cmpint (al_document_get_exposure (document), ==, AL_EXPOSURE_LOAD_BALANCER);
  g_assert_cmpstr (al_lane_get_label (nth (al_document_get_lanes (document), 1)), ==, "鲲鹏 920");
  g_assert_true (al_lane_get_tolerate_taint (nth (al_document_get_lanes (document), 1)));

  mysql = al_document_lookup_component (document, "c1");
  g_assert_cmpint (al_component_get_kind (mysql), ==, AL_KIND_STATEFUL);
  g_assert_cmpstr (al_component_get_args (mysql)[1], ==, "--tab\there \"quoted\" \\ back/slash");
  port = nth (al_component_get_ports (mysql), 1);
  g_assert_cmpint (al_port_get_protocol (port), ==, AL_PROTOCOL_GRPC);
  g_assert_null (al_port_get_alias (port));
  g_assert_true (al_port_get_outer (port));
  var = nth (al_component_get_env (mysql), 0);
  g_assert_true (al_env_var_get_secret (var));
  g_assert_cmpstr (al_env_var_get_value (var), ==, "changeme");
  var = nth (al_component_get_connection (mysql), 1);
  g_assert_true (al_env_var_is_secret_ref (var));
  g_assert_cmpstr (al_env_var_get_secret_ref_name (var), ==, "mysql-auth");
  g_assert_cmpstr (al_env_var_get_secret_ref_key (var), ==, "password");
  g_assert_nonnull (al_extras_get (var, "secret_ref"));
  g_assert_cmpint (al_volume_get_size_mib (nth (al_component_get_volumes (mysql), 0)), ==, 10240);
  g_assert_cmpint (al_probe_get_probe_type (al_component_get_probe (mysql)), ==, AL_PROBE_TCP);
  g_assert_cmpint (al_probe_get_port (al_component_get_probe (mysql)), ==, 3306);
  g_assert_cmpfloat (al_component_get_position (mysql)->y, ==, 40.5f);

  web = al_document_lookup_component (document, "c2");
  g_assert_cmpint (al_probe_get_probe_type (al_component_get_probe (web)), ==, AL_PROBE_HTTP);
  g_assert_cmpstr (al_probe_get_path (al_component_get_probe (web)), ==, "/healthz");
  g_assert_cmpfloat (al_component_get_position (web)->x, ==, -12.25f);
  g_assert_cmpfloat (al_component_get_position (web)->y, ==, 0.1f);

  worker = al_document_lookup_component (document, "c3");
  g_assert_cmpint (al_probe_get_probe_type (al_component_get_probe (worker)), ==, AL_PROBE_EXEC);
  g_assert_cmpstr (al_probe_get_command (al_component_get_probe (worker))[2], ==,
                   "test -f /tmp/ready");
  g_assert_cmpint (al_component_get_replicas (worker), ==, 0);

  g_assert_false (al_dependency_get_wait (al_document_lookup_dependency (document, "d2")));
  g_assert_cmpint (al_dependency_get_traffic (al_document_lookup_dependency (document, "d2")), ==,
                   80);

  /* Unknown keys are kept per object and section. */
  g_assert_true (json_object_has_member (al_extras_get (document, ""), "x-editor"));
  g_assert_true (json_object_has_member (al_extras_get (document, "application"), "owner"));
  g_assert_true (json_object_has_member (al_extras_get (mysql, "probe"), "period_s"));
  g_assert_true (json_object_has_member (al_extras_get (mysql, "position"), "pinned"));
  g_assert_true (json_object_has_member (al_extras_get (worker, "probe"), "timeout_s"));
}

static void
test_edit_then_save (void)
{
  g_autoptr (AlDocument) document = load_fixture ("io/rich.archlane");
  g_autoptr (GBytes) saved = NULL;
  g_autoptr (AlDocument) again = NULL;
  g_autoptr (GError) error = NULL;
  AlComponent *web = al_document_lookup_component (document, "c2");
  graphene_point_t moved = GRAPHENE_POINT_INIT (33.3f, -0.7f);

  al_component_set_position (web, &moved);
  al_component_set_display_name (web, "前端 “v2”");
  al_probe_set_probe_type (al_component_get_probe (web), AL_PROBE_NONE);
  saved = al_document_save_to_bytes (document);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                  "\"x\": 33.3,\n        \"y\": -0.7\n"));

  again = al_document_load_from_bytes (saved, NULL, &error);
  g_assert_no_error (error);
  web = al_document_lookup_component (again, "c2");
  g_assert_cmpfloat (al_component_get_position (web)->x, ==, 33.3f);
  g_assert_cmpfloat (al_component_get_position (web)->y, ==, -0.7f);
  g_assert_cmpstr (al_component_get_display_name (web), ==, "前端 “v2”");
  /* A component without a probe has no "probe" key. */
  g_assert_cmpint (al_probe_get_probe_type (al_component_get_probe (web)), ==, AL_PROBE_NONE);
}

static void
test_arch_aliases (void)
{
  g_autoptr (AlDocument) document = load_fixture ("io/aliases.archlane");
  GListModel *lanes = al_document_get_lanes (document);
  g_autoptr (GBytes) saved = al_document_save_to_bytes (document);
  const char *text = g_bytes_get_data (saved, NULL);

  g_assert_cmpstr (al_lane_get_arch (nth (lanes, 0)), ==, "amd64");
  g_assert_cmpstr (al_lane_get_arch (nth (lanes, 1)), ==, "arm64");
  g_assert_cmpstr (al_lane_get_arch (nth (lanes, 2)), ==, "amd64");
  g_assert_cmpstr (al_lane_get_arch (nth (lanes, 3)), ==, "arm64");
  /* 32-bit arm is not an alias: it stays for validation to refuse. */
  g_assert_cmpstr (al_lane_get_arch (nth (lanes, 4)), ==, "arm");
  g_assert_cmpstr (al_lane_get_arch (nth (lanes, 5)), ==, "loong64");
  /* A lane without a label is labelled with its (normalised) arch. */
  g_assert_cmpstr (al_lane_get_label (nth (lanes, 0)), ==, "amd64");
  g_assert_cmpstr (al_lane_get_label (nth (lanes, 1)), ==, "Kunpeng");
  g_assert_null (strstr (text, "x86_64"));
  g_assert_null (strstr (text, "aarch64"));
  g_assert_null (strstr (text, "armv8"));
}

static void
test_defaults (void)
{
  g_autoptr (AlDocument) document = load_fixture ("io/minimal.archlane");
  g_autoptr (GBytes) expected = read_fixture ("io/minimal.expected.archlane");
  g_autoptr (GBytes) saved = al_document_save_to_bytes (document);
  AlComponent *api = al_document_lookup_component (document, "c1");
  AlDependency *dependency = al_document_lookup_dependency (document, "d1");
  AlPort *port = nth (al_component_get_ports (api), 0);

  g_assert_cmpstr (al_document_get_namespace (document), ==, "demo");
  g_assert_cmpint (al_document_get_exposure (document), ==, AL_EXPOSURE_NODE_PORT);
  g_assert_cmpstr (al_document_get_wait_image (document), ==, "busybox:1.36");
  g_assert_cmpint (al_component_get_kind (api), ==, AL_KIND_STATELESS);
  g_assert_cmpint (al_component_get_replicas (api), ==, 1);
  g_assert_cmpint (al_component_get_cpu_millis (api), ==, 250);
  g_assert_cmpint (al_component_get_memory_mib (api), ==, 256);
  g_assert_cmpint (al_port_get_protocol (port), ==, AL_PROTOCOL_TCP);
  g_assert_true (al_port_get_inner (port));
  g_assert_false (al_port_get_outer (port));
  g_assert_cmpuint (al_dependency_get_ports (dependency)->len, ==, 0);
  g_assert_true (al_dependency_get_wait (dependency));
  g_assert_cmpint (al_dependency_get_wait_timeout_s (dependency), ==, 300);
  g_assert_cmpint (al_dependency_get_traffic (dependency), ==, 1);
  assert_bytes_equal_text (saved, expected);
}

static void
test_non_canonical_normalised (void)
{
  g_autoptr (AlDocument) document = load_fixture ("io/noncanonical.archlane");
  g_autoptr (GBytes) expected = read_fixture ("io/noncanonical.expected.archlane");
  g_autoptr (GBytes) first = al_document_save_to_bytes (document);
  g_autoptr (AlDocument) reloaded = NULL;
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GError) error = NULL;

  assert_bytes_equal_text (first, expected);
  reloaded = al_document_load_from_bytes (first, NULL, &error);
  g_assert_no_error (error);
  second = al_document_save_to_bytes (reloaded);
  assert_bytes_equal_text (second, first);
}

/* Strings are kept exactly, however long: a 10 MB display name with
 * escapes, CJK text and an emoji. */
static void
test_huge_string_kept (void)
{
  g_autoptr (AlDocument) document = al_document_new ();
  g_autoptr (AlDocument) reloaded = NULL;
  g_autoptr (GString) big = g_string_sized_new (10 * 1024 * 1024 + 64);
  g_autoptr (GBytes) text = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autoptr (GError) error = NULL;

  while (big->len < 10 * 1024 * 1024)
    g_string_append (big, "商城 \"q\" \\ \t😀 abcdefghijklmnopqrstuvwxyz ");
  al_document_set_name (document, "big");
  al_document_set_display_name (document, big->str);
  text = al_document_save_to_bytes (document);
  g_assert_cmpuint (g_bytes_get_size (text), >, 10 * 1024 * 1024);

  reloaded = al_document_load_from_bytes (text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (al_document_get_display_name (reloaded)), ==, big->len);
  g_assert_true (strcmp (al_document_get_display_name (reloaded), big->str) == 0);
  again = al_document_save_to_bytes (reloaded);
  g_assert_true (g_bytes_equal (again, text));
}

static void
test_writer_doubles (void)
{
  /* Python's repr() of each value. */
  static const struct
  {
    double value;
    const char *text;
  } cases[] = {
    { 0.1, "0.1" },
    { 2.0, "2.0" },
    { 100.0, "100.0" },
    { -1.5, "-1.5" },
    { -0.0, "-0.0" },
    { 0.0, "0.0" },
    { 1e16, "1e+16" },
    { 1e15, "1000000000000000.0" },
    { 123456789012345.6, "123456789012345.6" },
    { 1234567890123456.5, "1234567890123456.5" },
    { 5e-324, "5e-324" },
    { 2.5e-310, "2.5e-310" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 0.0001, "0.0001" },
    { 0.00001, "1e-05" },
    { 9.999999999999999e-05, "9.999999999999999e-05" },
    { 0.30000000000000004, "0.30000000000000004" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 1e22, "1e+22" },
    { 12345678901234567890.0, "1.2345678901234567e+19" },
    { 1e100, "1e+100" },
    { 1e-7, "1e-07" },
    { 123.456, "123.456" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) out = g_string_new (NULL);

      al_json_writer_append_double (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].text);
    }
}

static void
test_writer_strings_and_nesting (void)
{
  g_autoptr (JsonNode) node = json_from_string ("{\"k\\u00e9y\": [\"a\\u0001\\u001f\\u007f é \\u2028 "
                                                "\\\"\\\\\\/\\b\\f\\n\\r\\t\\ud83d\\ude00\", [], {}, "
                                                "[{\"x\": null}], -7, true]}",
                                                NULL);
  g_autofree char *text = al_json_writer_to_string (node);
  g_autoptr (GString) invalid = g_string_new (NULL);

  /* As json.dumps (value, indent=2, ensure_ascii=False) + "\n" prints it. */
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"kéy\": [\n"
                   "    \"a\\u0001\\u001f\x7f é \u2028 \\\"\\\\/\\b\\f\\n\\r\\t😀\",\n"
                   "    [],\n"
                   "    {},\n"
                   "    [\n"
                   "      {\n"
                   "        \"x\": null\n"
                   "      }\n"
                   "    ],\n"
                   "    -7,\n"
                   "    true\n"
                   "  ]\n"
                   "}\n");

  /* Bytes that are not UTF-8 never make the output unreadable. */
  al_json_writer_append_string (invalid, "a\xff" "b");
  g_assert_cmpstr (invalid->str, ==, "\"a\xef\xbf\xbd" "b\"");
}

/* The strict check accepts all of standard JSON, including the corners
 * json-glib mishandles if not checked first. */
static void
test_check_accepts_json (void)
{
  static const char *const valid[] = {
    "{}", "[]", "0", "-0", "-0.0e-0", "5e-324", "1e-400", "1E+2", "9223372036854775807",
    "-9223372036854775808", "\"\\u00e9\\/\\ud83d\\ude00\"", " \t\r\n[1, {\"a\": [true, false, null]}] \n",
    "{\"a\": 1, \"A\": 2, \"a \": 3}",
  };
  static const char *const invalid[] = {
    "9223372036854775808", "[1,]", "{\"a\":1,}", "[01]", "[.5]", "[1.]", "[+1]", "[0x10]", "[1e]",
    "\"\\ud83d\"", "\"\\ude00\"", "\"\\u12\"", "{\"a\" 1}", "[1 2]", "tru", "[Infinity]", "[-]",
    "{\"a\":1,\"\\u0061\":2}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *message = NULL;

      if (!al_json_check_syntax (valid[i], strlen (valid[i]), 64, 100, &path, &message))
        g_error ("%s refused: %s", valid[i], message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *message = NULL;

      if (al_json_check_syntax (invalid[i], strlen (invalid[i]), 64, 100, &path, &message))
        g_error ("%s accepted", invalid[i]);
      g_assert_true (g_str_has_prefix (message, "line 1, column "));
    }
}

/* A model object may carry an unknown key that shadows a known one (set
 * through the API); the known value wins. */
static void
test_extras_never_override (void)
{
  g_autoptr (AlDocument) document = al_document_new ();
  g_autoptr (JsonObject) extras = json_object_new ();
  g_autoptr (GBytes) saved = NULL;
  const char *text;

  al_document_set_name (document, "real");
  json_object_set_string_member (extras, "name", "shadow");
  json_object_set_string_member (extras, "zz", "kept");
  al_extras_set (document, "application", extras);
  saved = al_document_save_to_bytes (document);
  text = g_bytes_get_data (saved, NULL);
  g_assert_nonnull (strstr (text, "\"name\": \"real\""));
  g_assert_null (strstr (text, "shadow"));
  g_assert_nonnull (strstr (text, "\"wait_image\": \"busybox:1.36\",\n    \"zz\": \"kept\"\n"));
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The names in @dir, sorted, separated by spaces. */
static char *
dir_listing (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
file_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_save_keeps_backup (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.archlane", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr (AlDocument) document = load_fixture ("io/rich.archlane");
  g_autoptr (GBytes) first = al_document_save_to_bytes (document);
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;
  g_autofree char *old_text = NULL;

  g_assert_true (al_document_save_to_path (document, path, &error));
  g_assert_no_error (error);
  listing = dir_listing (dir);
  g_assert_cmpstr (listing, ==, "shop.archlane");
  text = file_text (path);
  g_assert_cmpstr (text, ==, g_bytes_get_data (first, NULL));
  g_chmod (path, 0640);

  al_document_set_display_name (document, "第二版");
  second = al_document_save_to_bytes (document);
  g_assert_true (al_document_save_to_path (document, path, &error));
  g_assert_no_error (error);

  g_clear_pointer (&listing, g_free);
  listing = dir_listing (dir);
  g_assert_cmpstr (listing, ==, "shop.archlane shop.archlane~");
  g_clear_pointer (&text, g_free);
  text = file_text (path);
  g_assert_cmpstr (text, ==, g_bytes_get_data (second, NULL));
  old_text = file_text (backup);
  g_assert_cmpstr (old_text, ==, g_bytes_get_data (first, NULL));
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }
  al_test_rmtree (dir);
}

typedef struct
{
  const char *path;
  const char *texts[2];
  gint done;
  guint reads;
} Watch;

static gpointer
watch_file (gpointer data)
{
  Watch *watch = data;

  while (!g_atomic_int_get (&watch->done))
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *contents = NULL;

      /* The document exists, complete, at every moment. */
      g_file_get_contents (watch->path, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_equal (contents, watch->texts[0])
                     || g_str_equal (contents, watch->texts[1]));
      watch->reads++;
    }
  return NULL;
}

static void
test_save_never_leaves_target_missing (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.archlane", NULL);
  g_autoptr (AlDocument) a = load_fixture ("io/rich.archlane");
  g_autoptr (AlDocument) b = load_fixture ("io/minimal.archlane");
  g_autoptr (GBytes) text_a = al_document_save_to_bytes (a);
  g_autoptr (GBytes) text_b = al_document_save_to_bytes (b);
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;
  Watch watch = { path, { g_bytes_get_data (text_a, NULL), g_bytes_get_data (text_b, NULL) } };
  GThread *thread;

  g_assert_true (al_document_save_to_path (a, path, &error));
  thread = g_thread_new ("watch", watch_file, &watch);
  for (guint i = 0; i < 200; i++)
    {
      g_assert_true (al_document_save_to_path (i % 2 ? a : b, path, &error));
      g_assert_no_error (error);
    }
  g_atomic_int_set (&watch.done, 1);
  g_thread_join (thread);
  g_assert_cmpuint (watch.reads, >, 0);
  /* No temporary file is left behind. */
  listing = dir_listing (dir);
  g_assert_cmpstr (listing, ==, "shop.archlane shop.archlane~");
  al_test_rmtree (dir);
}

static void
test_save_through_symlink (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *real = g_build_filename (dir, "real.archlane", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.archlane", NULL);
  g_autoptr (AlDocument) document = load_fixture ("io/minimal.archlane");
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;
  GStatBuf st;

  g_assert_true (al_document_save_to_path (document, real, &error));
  g_assert_cmpint (symlink ("real.archlane", link_path), ==, 0);
  al_document_set_name (document, "renamed");
  g_assert_true (al_document_save_to_path (document, link_path, &error));
  g_assert_no_error (error);
  /* The link stays a link; the file it points to holds the new text. */
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  {
    g_autofree char *text = file_text (real);
    g_assert_nonnull (strstr (text, "\"name\": \"renamed\""));
  }
  listing = dir_listing (dir);
  g_assert_cmpstr (listing, ==, "link.archlane real.archlane real.archlane~");
  al_test_rmtree (dir);
}

/* Prepares a folder holding a saved document for the failure tests. */
static char *
prepare_saved (const char *dir, char **original)
{
  g_autoptr (AlDocument) document = load_fixture ("io/rich.archlane");
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, "shop.archlane", NULL);

  g_assert_true (al_document_save_to_path (document, path, &error));
  g_assert_no_error (error);
  *original = file_text (path);
  return path;
}

static void
save_edited_expecting_failure (const char *path)
{
  g_autoptr (AlDocument) document = al_document_load_from_path (path, NULL, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (document);
  al_document_set_display_name (document, "this edit cannot be saved");
  g_assert_false (al_document_save_to_path (document, path, &error));
  g_assert_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_IO);
  g_print ("%s\n", error->message);
}

static gboolean
can_drop_privileges (void)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (setgid (65534) == 0 && setuid (65534) == 0 ? 0 : 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* A failed save left the document as it was and no stray file beside it;
 * then removes @dir. */
static void
assert_untouched (const char *dir, const char *path, const char *original)
{
  g_autofree char *after = file_text (path);
  g_autofree char *listing = dir_listing (dir);

  g_assert_cmpstr (after, ==, original);
  g_assert_cmpstr (listing, ==, "shop.archlane");
  al_test_rmtree (dir);
}

static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *pattern = NULL;

  if (g_test_subprocess ())
    {
      /* Root ignores permissions: act as an ordinary user. */
      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      save_edited_expecting_failure (g_getenv ("AL_TEST_DOCUMENT"));
      return;
    }

  if (geteuid () == 0 && !can_drop_privileges ())
    {
      g_test_skip ("running as root without the right to drop privileges");
      return;
    }
  dir = al_test_make_tmpdir ();
  path = prepare_saved (dir, &original);
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
      g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
    }
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_setenv ("AL_TEST_DOCUMENT", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_test_trap_assert_passed ();
  /* The error names the file. */
  pattern = g_strdup_printf ("*Could not save*%s*", path);
  g_test_trap_assert_stdout (pattern);
  assert_untouched (dir, path, original);
}

static void
test_save_disk_full (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *pattern = NULL;

  if (g_test_subprocess ())
    {
      /* A file size limit makes write() fail part-way, as a full disk does. */
      struct rlimit limit = { 4096, 4096 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      save_edited_expecting_failure (g_getenv ("AL_TEST_DOCUMENT"));
      return;
    }

  dir = al_test_make_tmpdir ();
  path = prepare_saved (dir, &original);
  g_assert_cmpuint (strlen (original), >, 4096);
  g_setenv ("AL_TEST_DOCUMENT", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  pattern = g_strdup_printf ("*Could not save*%s*File too large*", path);
  g_test_trap_assert_stdout (pattern);
  assert_untouched (dir, path, original);
}

/* Saving over something that is not a regular file (here the device
 * /dev/full) is refused rather than replacing it. */
static void
test_save_over_device_refused (void)
{
  g_autoptr (AlDocument) document = load_fixture ("io/minimal.archlane");
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  if (g_stat ("/dev/full", &st) != 0 || !S_ISCHR (st.st_mode))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  g_assert_false (al_document_save_to_path (document, "/dev/full", &error));
  g_assert_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/dev/full"));
  g_assert_cmpint (g_stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/io/rich-round-trip", test_rich_round_trip);
  g_test_add_func ("/io/edit-then-save", test_edit_then_save);
  g_test_add_func ("/io/arch-aliases", test_arch_aliases);
  g_test_add_func ("/io/defaults", test_defaults);
  g_test_add_func ("/io/non-canonical-normalised", test_non_canonical_normalised);
  g_test_add_func ("/io/huge-string-kept", test_huge_string_kept);
  g_test_add_func ("/io/writer/doubles", test_writer_doubles);
  g_test_add_func ("/io/writer/strings-and-nesting", test_writer_strings_and_nesting);
  g_test_add_func ("/io/check/accepts-json", test_check_accepts_json);
  g_test_add_func ("/io/extras-never-override", test_extras_never_override);
  g_test_add_func ("/io/save/keeps-backup", test_save_keeps_backup);
  g_test_add_func ("/io/save/never-leaves-target-missing", test_save_never_leaves_target_missing);
  g_test_add_func ("/io/save/through-symlink", test_save_through_symlink);
  g_test_add_func ("/io/save/read-only-folder", test_save_read_only_folder);
  g_test_add_func ("/io/save/disk-full", test_save_disk_full);
  g_test_add_func ("/io/save/over-device-refused", test_save_over_device_refused);
  return g_test_run ();
}
