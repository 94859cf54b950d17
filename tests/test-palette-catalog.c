/* test-palette-catalog.c: the palette's component templates, without a display */
#include <glib/gi18n-lib.h>
#include <locale.h>

#include "al-palette-catalog.h"
#include "al-validate.h"
#include "al-injection.h"
#include "al-graph.h"
#include "al-test-util.h"

static AlDocument *
new_document_with_lane (void)
{
  AlDocument *document = al_document_new ();
  g_autoptr (AlLane) lane = al_lane_new ("x86", "amd64", "x86_64");

  al_document_set_name (document, "palette");
  al_document_set_namespace (document, "palette");
  al_document_add_lane (document, lane);
  return document;
}

static AlComponent *
add_entry (AlDocument *document, const char *id, double x, double y)
{
  const AlPaletteEntry *entry = al_palette_catalog_lookup (id);
  graphene_point_t position = GRAPHENE_POINT_INIT (x, y);
  g_autoptr (AlComponent) component = NULL;

  g_assert_nonnull (entry);
  component = al_palette_entry_create_component (entry, document, "x86", &position);
  g_assert_nonnull (component);
  al_document_add_component (document, component);
  return component;
}

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = al_diagnostic_to_line (g_ptr_array_index (diagnostics, i));
      g_test_message ("%s", line);
    }
}

static void
test_catalog_lists_the_issue_entries (void)
{
  const char *expected[] = {
    "web", "java-service", "go-service", "node-service", "python-service", "gateway",
    "mysql", "postgres", "redis", "mongodb", "rabbitmq", "kafka", "nacos", "custom",
  };

  g_assert_cmpuint (al_palette_catalog_get_n_entries (), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const AlPaletteEntry *entry = al_palette_catalog_get_entry (i);

      g_assert_cmpstr (al_palette_entry_get_id (entry), ==, expected[i]);
      g_assert_true (al_palette_catalog_lookup (expected[i]) == entry);
      g_assert_cmpstr (al_palette_entry_get_title (entry), !=, "");
      g_assert_cmpstr (al_palette_entry_get_description (entry), !=, "");
      g_assert_cmpstr (al_palette_entry_get_category (entry), !=, "");
      g_assert_true (g_str_has_suffix (al_palette_entry_get_icon_name (entry), "-symbolic"));
    }
  g_assert_null (al_palette_catalog_lookup ("no-such-entry"));
}

/* Each entry alone on a lane is a valid component: only the custom image
 * needs the user's image first. */
static void
test_every_entry_validates (void)
{
  for (guint i = 0; i < al_palette_catalog_get_n_entries (); i++)
    {
      const AlPaletteEntry *entry = al_palette_catalog_get_entry (i);
      const char *id = al_palette_entry_get_id (entry);
      g_autoptr (AlDocument) document = new_document_with_lane ();
      AlComponent *component = add_entry (document, id, 40, 40);
      g_autoptr (GPtrArray) diagnostics = al_validate_document (document);
      guint n_errors = al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR);

      g_test_message ("entry %s", id);
      print_diagnostics (diagnostics);
      if (g_str_equal (id, "custom"))
        {
          g_assert_cmpuint (n_errors, ==, 1);
          g_assert_true (al_diagnostic_list_has (diagnostics, "missing-image",
                                                 al_component_get_id (component)));
        }
      else
        {
          g_assert_cmpuint (n_errors, ==, 0);
          g_assert_cmpstr (al_component_get_image (component), !=, "");
        }
      g_assert_cmpuint (g_list_model_get_n_items (al_component_get_ports (component)), >, 0);
      g_assert_cmpint (al_component_get_replicas (component), >=, 1);
      g_assert_cmpint (al_component_get_cpu_millis (component), >, 0);
      g_assert_cmpint (al_component_get_memory_mib (component), >, 0);
      g_assert_cmpstr (al_component_get_lane (component), ==, "x86");
      g_assert_cmpfloat (al_component_get_position (component)->x, ==, 40);
      /* Stateful entries keep their data on a volume. */
      if (al_component_get_kind (component) == AL_KIND_STATEFUL)
        g_assert_cmpuint (g_list_model_get_n_items (al_component_get_volumes (component)), >, 0);
    }
}

static AlEnvVar *
find_var (GListModel *list, const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (AlEnvVar) var = g_list_model_get_item (list, i);

      if (g_str_equal (al_env_var_get_name (var), name))
        return var;
    }
  return NULL;
}

static void
test_mysql_defaults (void)
{
  g_autoptr (AlDocument) document = new_document_with_lane ();
  AlComponent *mysql = add_entry (document, "mysql", 0, 0);
  g_autoptr (AlPort) port = g_list_model_get_item (al_component_get_ports (mysql), 0);
  g_autoptr (AlVolume) volume = g_list_model_get_item (al_component_get_volumes (mysql), 0);
  GListModel *connection = al_component_get_connection (mysql);
  AlEnvVar *root = find_var (al_component_get_env (mysql), "MYSQL_ROOT_PASSWORD");
  AlEnvVar *password = find_var (connection, "MYSQL_PASSWORD");
  AlProbe *probe = al_component_get_probe (mysql);

  g_assert_cmpstr (al_component_get_name (mysql), ==, "mysql");
  g_assert_cmpstr (al_component_get_display_name (mysql), ==, "MySQL");
  g_assert_cmpstr (al_component_get_image (mysql), ==, "mysql:8.0");
  g_assert_cmpint (al_component_get_kind (mysql), ==, AL_KIND_STATEFUL);
  g_assert_cmpint (al_port_get_port (port), ==, 3306);
  g_assert_cmpstr (al_port_get_alias (port), ==, "MYSQL");
  g_assert_true (al_port_get_inner (port));
  g_assert_false (al_port_get_outer (port));
  g_assert_cmpstr (al_volume_get_path (volume), ==, "/var/lib/mysql");
  g_assert_cmpint (al_volume_get_size_mib (volume), ==, 10240);
  g_assert_nonnull (root);
  g_assert_true (al_env_var_get_secret (root));
  g_assert_nonnull (find_var (connection, "MYSQL_USER"));
  g_assert_nonnull (find_var (connection, "MYSQL_DATABASE"));
  g_assert_nonnull (password);
  g_assert_true (al_env_var_get_secret (password));
  g_assert_cmpint (al_probe_get_probe_type (probe), ==, AL_PROBE_TCP);
  g_assert_cmpint (al_probe_get_port (probe), ==, 3306);
}

/* Names made unique, and what a second instance hands its consumers does
 * not collide with the first. */
static void
test_unique_names (void)
{
  g_autoptr (AlDocument) document = new_document_with_lane ();
  AlComponent *first = add_entry (document, "mysql", 0, 0);
  AlComponent *second = add_entry (document, "mysql", 0, 150);
  AlComponent *third = add_entry (document, "mysql", 0, 300);
  g_autoptr (AlPort) port = g_list_model_get_item (al_component_get_ports (second), 0);
  g_autoptr (GPtrArray) diagnostics = NULL;

  g_assert_cmpstr (al_component_get_name (first), ==, "mysql");
  g_assert_cmpstr (al_component_get_name (second), ==, "mysql-2");
  g_assert_cmpstr (al_component_get_name (third), ==, "mysql-3");
  g_assert_cmpstr (al_component_get_id (first), !=, al_component_get_id (second));
  g_assert_cmpstr (al_component_get_id (second), !=, al_component_get_id (third));
  g_assert_cmpstr (al_component_get_display_name (second), ==, "MySQL 2");
  g_assert_cmpstr (al_port_get_alias (port), ==, "MYSQL_2");
  g_assert_nonnull (find_var (al_component_get_connection (second), "MYSQL_2_USER"));
  /* The image still reads its own variables. */
  g_assert_nonnull (find_var (al_component_get_env (second), "MYSQL_USER"));

  diagnostics = al_validate_document (document);
  print_diagnostics (diagnostics);
  g_assert_cmpuint (al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR), ==, 0);
}

/* A consumer of two Kafkas receives both without a conflict, and each
 * names its own Service. */
static void
test_consumer_of_two_instances (void)
{
  g_autoptr (AlDocument) document = new_document_with_lane ();
  AlComponent *app = add_entry (document, "java-service", 0, 0);
  AlComponent *kafka = add_entry (document, "kafka", 300, 0);
  AlComponent *kafka2 = add_entry (document, "kafka", 300, 150);
  g_autoptr (AlDependency) d1 = al_dependency_new ("d1", al_component_get_id (app),
                                                   al_component_get_id (kafka));
  g_autoptr (AlDependency) d2 = al_dependency_new ("d2", al_component_get_id (app),
                                                   al_component_get_id (kafka2));
  g_autoptr (GPtrArray) diagnostics = NULL;
  AlEnvVar *bootstrap = find_var (al_component_get_connection (kafka2), "KAFKA_2_BOOTSTRAP_SERVERS");
  AlEnvVar *listeners = find_var (al_component_get_env (kafka2), "KAFKA_ADVERTISED_LISTENERS");

  al_document_add_dependency (document, d1);
  al_document_add_dependency (document, d2);
  diagnostics = al_validate_document (document);
  print_diagnostics (diagnostics);
  g_assert_cmpuint (al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR), ==, 0);
  g_assert_nonnull (bootstrap);
  g_assert_cmpstr (al_env_var_get_value (bootstrap), ==, "kafka-2:9092");
  g_assert_nonnull (listeners);
  g_assert_cmpstr (al_env_var_get_value (listeners), ==, "PLAINTEXT://kafka-2:9092");
}

/* Two components from one entry share nothing. */
static void
test_defaults_are_copies (void)
{
  g_autoptr (AlDocument) document = new_document_with_lane ();
  AlComponent *first = add_entry (document, "redis", 0, 0);
  AlComponent *second = add_entry (document, "redis", 0, 150);
  g_autoptr (AlPort) port1 = g_list_model_get_item (al_component_get_ports (first), 0);
  g_autoptr (AlPort) port2 = g_list_model_get_item (al_component_get_ports (second), 0);
  g_autoptr (AlEnvVar) var1 = g_list_model_get_item (al_component_get_env (first), 0);
  g_autoptr (AlEnvVar) var2 = g_list_model_get_item (al_component_get_env (second), 0);

  g_assert_true (port1 != port2);
  g_assert_true (var1 != var2);
  g_assert_true (al_component_get_probe (first) != al_component_get_probe (second));
  al_port_set_port (port1, 6380);
  al_env_var_set_value (var1, "other");
  g_assert_cmpint (al_port_get_port (port2), ==, 6379);
  g_assert_cmpstr (al_env_var_get_value (var2), ==, "changeme");
  g_assert_cmpstr (al_component_get_command (second)[0], ==, "redis-server");
}

static GPtrArray *
matching_ids (const char *query)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < al_palette_catalog_get_n_entries (); i++)
    {
      const AlPaletteEntry *entry = al_palette_catalog_get_entry (i);

      if (al_palette_entry_matches (entry, query))
        g_ptr_array_add (ids, (gpointer) al_palette_entry_get_id (entry));
    }
  return ids;
}

static gboolean
ids_contain (GPtrArray *ids, const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static void
test_search (void)
{
  g_autoptr (GPtrArray) sql = matching_ids ("sql");
  g_autoptr (GPtrArray) upper = matching_ids ("  POSTGRE ");
  g_autoptr (GPtrArray) image = matching_ids ("temurin");
  g_autoptr (GPtrArray) all = matching_ids ("");
  g_autoptr (GPtrArray) none = matching_ids ("zzzz-nothing");
  g_autoptr (GPtrArray) bad = matching_ids ("\xff\xfe");

  g_assert_cmpuint (sql->len, ==, 2);
  g_assert_true (ids_contain (sql, "mysql"));
  g_assert_true (ids_contain (sql, "postgres"));
  g_assert_cmpuint (upper->len, ==, 1);
  g_assert_true (ids_contain (upper, "postgres"));
  g_assert_cmpuint (image->len, ==, 1);
  g_assert_true (ids_contain (image, "java-service"));
  g_assert_cmpuint (all->len, ==, al_palette_catalog_get_n_entries ());
  g_assert_true (al_palette_entry_matches (al_palette_catalog_get_entry (0), NULL));
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (bad->len, ==, 0);
}

/* With the Chinese translation, titles are translated and a Chinese query
 * finds them; English still works. Runs in a child so that the locale
 * does not leak into the other tests. */
static void
test_search_translated (void)
{
  const char *localedir = g_getenv ("ARCHLANE_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("ARCHLANE_LOCALEDIR is not set");
      return;
    }
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS) || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN translation or locale is not available");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");

  if (g_test_subprocess ())
    {
      g_autoptr (GPtrArray) services = NULL;
      g_autoptr (GPtrArray) english = NULL;
      const AlPaletteEntry *java = al_palette_catalog_lookup ("java-service");

      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      setlocale (LC_ALL, "zh_CN.UTF-8");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      g_assert_cmpstr (al_palette_entry_get_title (java), ==, "Java 服务");
      services = matching_ids ("服务");
      g_assert_true (ids_contain (services, "java-service"));
      g_assert_true (ids_contain (services, "go-service"));
      g_assert_false (ids_contain (services, "mysql"));
      english = matching_ids ("java service");
      g_assert_true (ids_contain (english, "java-service"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/palette-catalog/entries", test_catalog_lists_the_issue_entries);
  g_test_add_func ("/palette-catalog/validates", test_every_entry_validates);
  g_test_add_func ("/palette-catalog/mysql", test_mysql_defaults);
  g_test_add_func ("/palette-catalog/unique-names", test_unique_names);
  g_test_add_func ("/palette-catalog/two-instances", test_consumer_of_two_instances);
  g_test_add_func ("/palette-catalog/copies", test_defaults_are_copies);
  g_test_add_func ("/palette-catalog/search", test_search);
  g_test_add_func ("/palette-catalog/search-translated", test_search_translated);

  return g_test_run ();
}
