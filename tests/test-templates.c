/* test-templates: the bundled templates compile to what their users expect,
 * byte for byte against reviewed golden files */
#include <string.h>

#include "al-k8s-test-util.h"

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
list_templates (void)
{
  const char *dir = g_getenv ("ARCHLANE_TEMPLATES");
  g_autoptr (GDir) folder = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  folder = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".archlane"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".archlane")));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static AlDocument *
load_template (const char *base)
{
  g_autofree char *file_name = g_strconcat (base, ".archlane", NULL);
  g_autofree char *path = al_test_template_path (file_name);

  return al_k8s_test_load (path);
}

static GPtrArray *
list_files (const char *dir)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

/* Fails with the first line that differs, so a reviewer sees what changed. */
static void
assert_same_text (const char *file, const char *expected, const char *got)
{
  g_auto (GStrv) want = NULL;
  g_auto (GStrv) have = NULL;

  if (g_strcmp0 (expected, got) == 0)
    return;
  want = g_strsplit (expected, "\n", -1);
  have = g_strsplit (got, "\n", -1);
  for (guint i = 0;; i++)
    if (want[i] == NULL || have[i] == NULL || g_strcmp0 (want[i], have[i]) != 0)
      g_error ("%s differs from its golden file at line %u:\n  golden:   %s\n  compiled: %s\n"
               "Review the change, then regenerate with ARCHLANE_UPDATE_GOLDEN=1.",
               file, i + 1, want[i] ? want[i] : "(end)", have[i] ? have[i] : "(end)");
}

/* Every file of @golden, and no other, is in @out with the same bytes. */
static void
assert_same_folder (const char *base, const char *golden, const char *out)
{
  g_autoptr (GPtrArray) compiled = list_files (out);
  g_autoptr (GPtrArray) expected = list_files (golden);

  g_assert_cmpuint (compiled->len, >, 0);
  g_assert_cmpuint (compiled->len, ==, expected->len);
  for (guint i = 0; i < compiled->len; i++)
    {
      const char *name = g_ptr_array_index (compiled, i);
      g_autofree char *got_path = g_build_filename (out, name, NULL);
      g_autofree char *want_path = g_build_filename (golden, name, NULL);
      g_autofree char *got = al_k8s_test_read_text (got_path);
      g_autofree char *want = al_k8s_test_read_text (want_path);
      g_autofree char *label = g_build_filename (base, name, NULL);

      g_assert_cmpstr (name, ==, g_ptr_array_index (expected, i));
      assert_same_text (label, want, got);
    }
}

static void
test_golden (void)
{
  g_autoptr (GPtrArray) templates = list_templates ();
  gboolean update = g_strcmp0 (g_getenv ("ARCHLANE_UPDATE_GOLDEN"), "1") == 0;

  /* The bundled templates are part of the product: there must be some. */
  g_assert_cmpuint (templates->len, >=, 4);
  for (guint t = 0; t < templates->len; t++)
    {
      const char *base = g_ptr_array_index (templates, t);
      g_autoptr (AlDocument) document = load_template (base);
      g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
      g_autofree char *relative = g_build_filename ("golden", base, NULL);
      g_autofree char *golden = al_test_data_path (relative);
      g_autofree char *out = al_test_make_tmpdir ();
      g_autoptr (GError) error = NULL;

      /* Regenerating starts from an empty folder, so files of removed
       * components do not linger. */
      if (update)
        al_test_rmtree (golden);
      g_assert_true (al_manifests_write_to_directory (manifests, update ? golden : out,
                                                      AL_MANIFEST_YAML, &error));
      g_assert_no_error (error);
      if (update)
        g_test_message ("regenerated %s", golden);
      assert_same_folder (base, golden, update ? golden : out);
      al_test_rmtree (out);
    }
}

/* archlane-cli compile writes one component at a time, in two threads:
 * the same golden bytes. */
static void
test_golden_streamed (void)
{
  g_autoptr (GPtrArray) templates = list_templates ();

  for (guint t = 0; t < templates->len; t++)
    {
      const char *base = g_ptr_array_index (templates, t);
      g_autoptr (AlDocument) document = load_template (base);
      g_autoptr (AlGraph) graph = al_graph_new (document);
      g_autofree char *relative = g_build_filename ("golden", base, NULL);
      g_autofree char *golden = al_test_data_path (relative);
      g_autofree char *out = al_test_make_tmpdir ();
      g_autoptr (GError) error = NULL;

      g_assert_true (al_k8s_compile_to_directory (graph, out, AL_MANIFEST_YAML, NULL, &error));
      g_assert_no_error (error);
      assert_same_folder (base, golden, out);
      al_test_rmtree (out);
    }
}

/* Placement: every pod requires its lane's arch and tolerates the arch taint
 * exactly when the lane says so. */
static void
test_affinity_per_lane (void)
{
  g_autoptr (GPtrArray) templates = list_templates ();

  for (guint t = 0; t < templates->len; t++)
    {
      g_autoptr (AlDocument) document = load_template (g_ptr_array_index (templates, t));
      g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
      GListModel *components = al_document_get_components (document);
      guint n_arches[2] = { 0, 0 };

      for (guint i = 0; i < g_list_model_get_n_items (components); i++)
        {
          g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
          AlLane *lane = al_document_get_component_lane (document, component);
          AlComponentManifest *manifest = g_ptr_array_index (manifests->components, i);
          JsonNode *pod = al_k8s_test_at (al_k8s_test_workload (manifest), "spec.template.spec");
          const char *path = "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                             ".nodeSelectorTerms[0].matchExpressions[0].values[0]";

          g_assert_cmpstr (manifest->component_name, ==, al_component_get_name (component));
          g_assert_cmpstr (al_k8s_test_string (pod, path), ==, al_lane_get_arch (lane));
          g_assert_cmpuint (al_k8s_test_length (pod, "tolerations"), ==,
                            al_lane_get_tolerate_taint (lane) ? 1 : 0);
          n_arches[g_str_equal (al_lane_get_arch (lane), "arm64")]++;
        }
      /* Mixed-architecture templates: both lanes are used. */
      g_assert_cmpuint (n_arches[0], >, 0);
      g_assert_cmpuint (n_arches[1], >, 0);
    }
}

/* "wait_for <provider> <host> <port> <timeout>" for every TCP port each
 * waiting dependency consumes, worked out from the document alone. */
static GPtrArray *
expected_waits (AlDocument *document, AlComponent *consumer)
{
  GListModel *dependencies = al_document_get_dependencies (document);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      AlComponent *provider = al_document_lookup_component (document, al_dependency_get_to (dependency));
      GArray *wanted = al_dependency_get_ports (dependency);
      GListModel *ports;

      if (!g_str_equal (al_dependency_get_from (dependency), al_component_get_id (consumer))
          || !al_dependency_get_wait (dependency))
        continue;
      ports = al_component_get_ports (provider);
      for (guint k = 0; k < g_list_model_get_n_items (ports); k++)
        {
          g_autoptr (AlPort) port = g_list_model_get_item (ports, k);
          gboolean listed = wanted->len == 0;

          for (guint w = 0; w < wanted->len; w++)
            listed |= g_array_index (wanted, int, w) == al_port_get_port (port);
          if (listed && al_port_get_inner (port) && al_port_get_protocol (port) != AL_PROTOCOL_UDP)
            g_ptr_array_add (lines, g_strdup_printf ("%s\t%05d\twait_for %s %s %d %d",
                                                     al_component_get_name (provider), al_port_get_port (port),
                                                     al_component_get_name (provider),
                                                     al_component_get_name (provider), al_port_get_port (port),
                                                     al_dependency_get_wait_timeout_s (dependency)));
        }
    }
  /* Providers by name, then ports by number: sort on "name<TAB>port", then
   * drop that key. */
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      char *line = g_ptr_array_index (lines, i);
      memmove (line, strrchr (line, '\t') + 1, strlen (strrchr (line, '\t') + 1) + 1);
    }
  return lines;
}

static void
test_one_init_container_per_waiting_component (void)
{
  g_autoptr (GPtrArray) templates = list_templates ();

  for (guint t = 0; t < templates->len; t++)
    {
      g_autoptr (AlDocument) document = load_template (g_ptr_array_index (templates, t));
      g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
      GListModel *components = al_document_get_components (document);

      for (guint i = 0; i < g_list_model_get_n_items (components); i++)
        {
          g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
          g_autoptr (GPtrArray) waits = expected_waits (document, component);
          JsonNode *pod = al_k8s_test_at (al_k8s_test_workload (g_ptr_array_index (manifests->components, i)),
                                          "spec.template.spec");
          const char *script;
          g_auto (GStrv) lines = NULL;
          g_autoptr (GPtrArray) got = g_ptr_array_new ();

          if (waits->len == 0)
            {
              g_assert_null (al_k8s_test_at (pod, "initContainers"));
              continue;
            }
          g_assert_cmpuint (al_k8s_test_length (pod, "initContainers"), ==, 1);
          g_assert_cmpstr (al_k8s_test_string (pod, "initContainers[0].name"), ==, "wait-for-dependencies");
          g_assert_cmpstr (al_k8s_test_string (pod, "initContainers[0].image"), ==,
                           al_document_get_wait_image (document));
          script = al_k8s_test_string (pod, "initContainers[0].command[2]");
          lines = g_strsplit (script, "\n", -1);
          for (guint k = 0; lines[k] != NULL; k++)
            if (g_str_has_prefix (lines[k], "wait_for "))
              g_ptr_array_add (got, lines[k]);
          g_assert_cmpuint (got->len, ==, waits->len);
          for (guint k = 0; k < got->len; k++)
            g_assert_cmpstr (g_ptr_array_index (got, k), ==, g_ptr_array_index (waits, k));
        }
    }
}

typedef struct
{
  const char *name;
  const char *value;   /* NULL: read from the Secret below */
  const char *secret;
  const char *key;
} Var;

static void
assert_env (const char *base, const char *component, const Var *expected, guint n)
{
  g_autoptr (AlDocument) document = load_template (base);
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  JsonNode *container = al_k8s_test_at (al_k8s_test_workload (al_k8s_test_manifest (manifests, component)),
                                        "spec.template.spec.containers[0]");

  g_test_message ("%s: %s", base, component);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("env[%u]", i);
      JsonNode *var = al_k8s_test_at (container, path);

      g_assert_nonnull (var);
      g_assert_cmpstr (al_k8s_test_string (var, "name"), ==, expected[i].name);
      g_assert_cmpstr (al_k8s_test_string (var, "value"), ==, expected[i].value);
      g_assert_cmpstr (al_k8s_test_string (var, "valueFrom.secretKeyRef.name"), ==, expected[i].secret);
      g_assert_cmpstr (al_k8s_test_string (var, "valueFrom.secretKeyRef.key"), ==, expected[i].key);
    }
  g_assert_cmpuint (al_k8s_test_length (container, "env"), ==, n);
}

#define JDBC_OPTIONS "?useSSL=false&characterEncoding=utf8&serverTimezone=Asia/Shanghai"

static void
test_front_back_separation_env (void)
{
  const Var web[] = {
    { "API_HOST", "api" }, { "API_PORT", "8080" }, { "API_UPSTREAM", "http://api:8080" },
  };
  const Var api[] = {
    { "MYSQL_HOST", "mysql" }, { "MYSQL_PORT", "3306" }, { "MYSQL_USER", "app" },
    { "MYSQL_PASSWORD", NULL, "mysql-connection", "MYSQL_PASSWORD" }, { "MYSQL_DATABASE", "app" },
    { "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75" },
    { "SPRING_DATASOURCE_URL", "jdbc:mysql://mysql:3306/app" JDBC_OPTIONS },
    { "SPRING_DATASOURCE_USERNAME", "app" },
    /* Kubernetes reads the secret into the earlier MYSQL_PASSWORD. */
    { "SPRING_DATASOURCE_PASSWORD", "$(MYSQL_PASSWORD)" },
  };

  assert_env ("front-back-separation", "web", web, G_N_ELEMENTS (web));
  assert_env ("front-back-separation", "api", api, G_N_ELEMENTS (api));
}

static void
test_sample_shop_env (void)
{
  const Var order[] = {
    { "INVENTORY_SERVICE_HOST", "inventory-service" }, { "INVENTORY_SERVICE_PORT", "8084" },
    { "MYSQL_HOST", "mysql" }, { "MYSQL_PORT", "3306" }, { "MYSQL_USER", "shop" },
    { "MYSQL_PASSWORD", NULL, "shop-mysql", "password" }, { "MYSQL_DATABASE", "shop" },
    { "NACOS_HOST", "nacos" }, { "NACOS_PORT", "8848" },
    { "NACOS_GRPC_HOST", "nacos" }, { "NACOS_GRPC_PORT", "9848" },
    { "NACOS_SERVER_ADDR", "nacos:8848" }, { "NACOS_GROUP", "DEFAULT_GROUP" },
    { "PAYMENT_SERVICE_HOST", "payment-service" }, { "PAYMENT_SERVICE_PORT", "8085" },
    { "RABBITMQ_HOST", "rabbitmq" }, { "RABBITMQ_PORT", "5672" }, { "AMQP_USER", "shop" },
    { "AMQP_PASSWORD", NULL, "shop-rabbitmq", "password" }, { "AMQP_VHOST", "shop" },
    { "REDIS_HOST", "redis" }, { "REDIS_PORT", "6379" },
    { "REDIS_PASSWORD", NULL, "shop-redis", "password" },
    { "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75" },
    { "SPRING_CLOUD_NACOS_SERVER_ADDR", "nacos:8848" },
    { "SPRING_DATASOURCE_URL", "jdbc:mysql://mysql:3306/shop" JDBC_OPTIONS },
    { "SPRING_DATASOURCE_USERNAME", "shop" }, { "SPRING_DATASOURCE_PASSWORD", "$(MYSQL_PASSWORD)" },
    { "SPRING_DATA_REDIS_HOST", "redis" }, { "SPRING_DATA_REDIS_PORT", "6379" },
    { "SPRING_DATA_REDIS_PASSWORD", "$(REDIS_PASSWORD)" },
    { "SPRING_RABBITMQ_HOST", "rabbitmq" }, { "SPRING_RABBITMQ_PORT", "5672" },
    { "SPRING_RABBITMQ_USERNAME", "shop" }, { "SPRING_RABBITMQ_PASSWORD", "$(AMQP_PASSWORD)" },
    { "SPRING_RABBITMQ_VIRTUAL_HOST", "shop" },
  };

  assert_env ("sample-shop", "order-service", order, G_N_ELEMENTS (order));
}

static void
test_core_business_migration_env (void)
{
  const Var order[] = {
    { "ACCOUNT_SERVICE_HOST", "account-service" }, { "ACCOUNT_SERVICE_PORT", "8082" },
    { "MYSQL_HOST", "mysql" }, { "MYSQL_PORT", "3306" }, { "MYSQL_USER", "core" },
    { "MYSQL_PASSWORD", NULL, "core-mysql", "password" }, { "MYSQL_DATABASE", "core" },
    { "PAYMENT_SERVICE_HOST", "payment-service" }, { "PAYMENT_SERVICE_PORT", "8083" },
    { "REDIS_HOST", "redis" }, { "REDIS_PORT", "6379" },
    { "REDIS_PASSWORD", NULL, "core-redis", "password" },
    { "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75" },
    { "SPRING_DATASOURCE_URL", "jdbc:mysql://mysql:3306/core" JDBC_OPTIONS },
    { "SPRING_DATASOURCE_USERNAME", "core" }, { "SPRING_DATASOURCE_PASSWORD", "$(MYSQL_PASSWORD)" },
    { "SPRING_DATA_REDIS_HOST", "redis" }, { "SPRING_DATA_REDIS_PORT", "6379" },
    { "SPRING_DATA_REDIS_PASSWORD", "$(REDIS_PASSWORD)" },
    { "ACCOUNT_SERVICE_URL", "http://account-service:8082" },
    { "PAYMENT_SERVICE_URL", "http://payment-service:8083" },
  };

  assert_env ("core-business-migration", "order-service", order, G_N_ELEMENTS (order));
}

static void
test_data_analytics_hybrid_env (void)
{
  const Var taskmanager[] = {
    { "CLICKHOUSE_HOST", "clickhouse" }, { "CLICKHOUSE_PORT", "8123" },
    { "CLICKHOUSE_USER", "analytics" },
    { "CLICKHOUSE_PASSWORD", NULL, "analytics-clickhouse", "password" },
    { "CLICKHOUSE_DB", "analytics" },
    /* Only the two RPC ports it lists, not the web UI. */
    { "FLINK_RPC_HOST", "flink-jobmanager" }, { "FLINK_RPC_PORT", "6123" },
    { "FLINK_BLOB_HOST", "flink-jobmanager" }, { "FLINK_BLOB_PORT", "6124" },
    { "KAFKA_HOST", "kafka" }, { "KAFKA_PORT", "9092" },
    { "FLINK_PROPERTIES", "jobmanager.rpc.address: flink-jobmanager\ntaskmanager.numberOfTaskSlots: 4\n"
                          "taskmanager.memory.process.size: 4096m" },
    { "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092" },
    { "CLICKHOUSE_JDBC_URL", "jdbc:clickhouse://clickhouse:8123/analytics" },
  };

  assert_env ("data-analytics-hybrid", "flink-taskmanager", taskmanager, G_N_ELEMENTS (taskmanager));
}

/* Secret literals of the templates live in Secret objects only. */
static void
test_secret_literals_stay_in_secrets (void)
{
  g_autoptr (GPtrArray) templates = list_templates ();
  guint n_literals = 0;

  for (guint t = 0; t < templates->len; t++)
    {
      g_autoptr (AlDocument) document = load_template (g_ptr_array_index (templates, t));
      g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
      GListModel *components = al_document_get_components (document);
      g_autoptr (GPtrArray) secrets = g_ptr_array_new ();

      for (guint i = 0; i < g_list_model_get_n_items (components); i++)
        {
          g_autoptr (AlComponent) component = g_list_model_get_item (components, i);

          for (AlCollection c = AL_COLLECTION_ENV; c <= AL_COLLECTION_CONNECTION; c++)
            {
              GListModel *vars = al_component_get_collection (component, c);

              for (guint k = 0; k < g_list_model_get_n_items (vars); k++)
                {
                  g_autoptr (AlEnvVar) var = g_list_model_get_item (vars, k);

                  if (!al_env_var_is_secret_ref (var) && al_env_var_get_secret (var))
                    g_ptr_array_add (secrets, (gpointer) al_env_var_get_value (var));
                }
            }
        }
      n_literals += secrets->len;
      for (guint i = 0; i < manifests->components->len; i++)
        {
          AlComponentManifest *manifest = g_ptr_array_index (manifests->components, i);

          for (guint k = 0; k < manifest->objects->len; k++)
            {
              JsonNode *object = g_ptr_array_index (manifest->objects, k);
              g_autofree char *text = NULL;

              if (g_str_equal (al_k8s_test_string (object, "kind"), "Secret"))
                continue;
              text = al_k8s_test_to_yaml (object);
              for (guint s = 0; s < secrets->len; s++)
                if (strstr (text, g_ptr_array_index (secrets, s)) != NULL)
                  g_error ("the secret value “%s” appears in %s/%s", (char *) g_ptr_array_index (secrets, s),
                           al_k8s_test_string (object, "kind"), al_k8s_test_string (object, "metadata.name"));
            }
        }
    }
  /* front-back-separation carries secret literals. */
  g_assert_cmpuint (n_literals, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/templates/golden", test_golden);
  g_test_add_func ("/templates/golden-streamed", test_golden_streamed);
  g_test_add_func ("/templates/affinity-per-lane", test_affinity_per_lane);
  g_test_add_func ("/templates/one-init-container-per-waiting-component",
                   test_one_init_container_per_waiting_component);
  g_test_add_func ("/templates/front-back-separation-env", test_front_back_separation_env);
  g_test_add_func ("/templates/sample-shop-env", test_sample_shop_env);
  g_test_add_func ("/templates/core-business-migration-env", test_core_business_migration_env);
  g_test_add_func ("/templates/data-analytics-hybrid-env", test_data_analytics_hybrid_env);
  g_test_add_func ("/templates/secret-literals-stay-in-secrets", test_secret_literals_stay_in_secrets);
  return g_test_run ();
}
