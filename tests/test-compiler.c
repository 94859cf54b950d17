/* test-compiler: the Kubernetes objects of a document (DESIGN §4) */
#include <glib/gstdio.h>
#include <string.h>

#include "al-k8s-test-util.h"

/* Secret literals of tests/data/compiler/shop.archlane. */
#define ROOT_PASSWORD "root-pw-7f3a"
#define CONNECTION_PASSWORD "conn-pw-91c2"

static AlDocument *
load_shop (void)
{
  g_autofree char *path = al_test_data_path ("compiler/shop.archlane");

  return al_k8s_test_load (path);
}

static void
assert_objects (AlManifests *manifests, const char *component, const char *const *expected)
{
  AlComponentManifest *manifest = al_k8s_test_manifest (manifests, component);
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (manifest->objects->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *object = g_ptr_array_index (manifest->objects, i);
      g_autofree char *got = g_strdup_printf ("%s/%s", al_k8s_test_string (object, "kind"),
                                              al_k8s_test_string (object, "metadata.name"));
      g_assert_cmpstr (got, ==, expected[i]);
    }
}

static void
test_object_order_and_names (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  const char *mysql[] = { "Secret/mysql-secrets", "Secret/mysql-connection", "Service/mysql",
                          "Service/mysql-headless", "StatefulSet/mysql", NULL };
  const char *redis[] = { "Service/redis", "PersistentVolumeClaim/redis-cache", "Deployment/redis",
                          NULL };
  const char *api[] = { "Service/api", "Deployment/api", NULL };
  const char *web[] = { "Service/web", "Service/web-external", "Deployment/web", NULL };
  const char *metrics[] = { "Service/metrics", "Deployment/metrics", NULL };
  const char *order[] = { "mysql", "redis", "api", "web", "metrics" };

  g_assert_cmpuint (manifests->components->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (((AlComponentManifest *) g_ptr_array_index (manifests->components, i))->component_name,
                     ==, order[i]);
  assert_objects (manifests, "mysql", mysql);
  assert_objects (manifests, "redis", redis);
  assert_objects (manifests, "api", api);
  assert_objects (manifests, "web", web);
  assert_objects (manifests, "metrics", metrics);

  g_assert_nonnull (manifests->namespace_object);
  g_assert_cmpstr (al_k8s_test_string (manifests->namespace_object, "kind"), ==, "Namespace");
  g_assert_cmpstr (al_k8s_test_string (manifests->namespace_object, "metadata.name"), ==, "shop-prod");
}

static void
assert_labels (JsonNode *labels, const char *name)
{
  g_assert_nonnull (labels);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (labels)), ==, 3);
  g_assert_cmpstr (al_k8s_test_string (labels, "{app.kubernetes.io/name}"), ==, name);
  g_assert_cmpstr (al_k8s_test_string (labels, "{app.kubernetes.io/part-of}"), ==, "shop");
  g_assert_cmpstr (al_k8s_test_string (labels, "{app.kubernetes.io/managed-by}"), ==, "archlane");
}

static void
assert_selector (JsonNode *selector, const char *name)
{
  g_assert_nonnull (selector);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (selector)), ==, 2);
  g_assert_cmpstr (al_k8s_test_string (selector, "{app.kubernetes.io/name}"), ==, name);
  g_assert_cmpstr (al_k8s_test_string (selector, "{app.kubernetes.io/part-of}"), ==, "shop");
}

static void
test_labels_and_namespace (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);

  for (guint i = 0; i < manifests->components->len; i++)
    {
      AlComponentManifest *manifest = g_ptr_array_index (manifests->components, i);
      const char *name = manifest->component_name;

      for (guint k = 0; k < manifest->objects->len; k++)
        {
          JsonNode *object = g_ptr_array_index (manifest->objects, k);
          const char *kind = al_k8s_test_string (object, "kind");

          g_assert_cmpstr (al_k8s_test_string (object, "metadata.namespace"), ==, "shop-prod");
          assert_labels (al_k8s_test_at (object, "metadata.labels"), name);
          if (g_str_equal (kind, "Service"))
            assert_selector (al_k8s_test_at (object, "spec.selector"), name);
          if (g_str_equal (kind, "Deployment") || g_str_equal (kind, "StatefulSet"))
            {
              assert_labels (al_k8s_test_at (object, "spec.template.metadata.labels"), name);
              assert_selector (al_k8s_test_at (object, "spec.selector.matchLabels"), name);
              g_assert_cmpint (al_k8s_test_int (object, "spec.replicas"), ==,
                               g_str_equal (name, "api") ? 2 : 1);
            }
        }
    }
  assert_labels (al_k8s_test_at (al_k8s_test_workload (al_k8s_test_manifest (manifests, "mysql")),
                                 "spec.volumeClaimTemplates[0].metadata.labels"),
                 "mysql");
}

static void
test_affinity_per_lane (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  const struct { const char *name, *arch; gboolean tolerates; } expected[] = {
    { "mysql", "amd64", FALSE }, { "redis", "arm64", TRUE }, { "api", "arm64", TRUE },
    { "web", "amd64", FALSE }, { "metrics", "arm64", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonNode *pod = al_k8s_test_at (al_k8s_test_workload (al_k8s_test_manifest (manifests, expected[i].name)),
                                      "spec.template.spec");
      JsonNode *term = al_k8s_test_at (pod, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                            ".nodeSelectorTerms[0].matchExpressions[0]");

      g_assert_cmpuint (al_k8s_test_length (pod, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                                 ".nodeSelectorTerms"), ==, 1);
      g_assert_cmpstr (al_k8s_test_string (term, "key"), ==, "kubernetes.io/arch");
      g_assert_cmpstr (al_k8s_test_string (term, "operator"), ==, "In");
      g_assert_cmpuint (al_k8s_test_length (term, "values"), ==, 1);
      g_assert_cmpstr (al_k8s_test_string (term, "values[0]"), ==, expected[i].arch);
      if (expected[i].tolerates)
        {
          g_assert_cmpuint (al_k8s_test_length (pod, "tolerations"), ==, 1);
          g_assert_cmpstr (al_k8s_test_string (pod, "tolerations[0].key"), ==, "kubernetes.io/arch");
          g_assert_cmpstr (al_k8s_test_string (pod, "tolerations[0].operator"), ==, "Equal");
          g_assert_cmpstr (al_k8s_test_string (pod, "tolerations[0].value"), ==, expected[i].arch);
          g_assert_cmpstr (al_k8s_test_string (pod, "tolerations[0].effect"), ==, "NoSchedule");
        }
      else
        g_assert_null (al_k8s_test_at (pod, "tolerations"));
    }
}

static void
assert_port (JsonNode *port, const char *name, int number, const char *protocol,
             const char *app_protocol, gboolean service)
{
  g_assert_cmpstr (al_k8s_test_string (port, "name"), ==, name);
  g_assert_cmpint (strlen (name), <=, 15);
  g_assert_cmpstr (al_k8s_test_string (port, "protocol"), ==, protocol);
  g_assert_cmpstr (al_k8s_test_string (port, "appProtocol"), ==, app_protocol);
  if (service)
    {
      g_assert_cmpint (al_k8s_test_int (port, "port"), ==, number);
      g_assert_cmpint (al_k8s_test_int (port, "targetPort"), ==, number);
    }
  else
    g_assert_cmpint (al_k8s_test_int (port, "containerPort"), ==, number);
}

static void
test_ports (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  AlComponentManifest *api = al_k8s_test_manifest (manifests, "api");
  AlComponentManifest *web = al_k8s_test_manifest (manifests, "web");
  AlComponentManifest *metrics = al_k8s_test_manifest (manifests, "metrics");
  JsonNode *container = al_k8s_test_at (al_k8s_test_workload (api), "spec.template.spec.containers[0]");
  JsonNode *service = al_k8s_test_find (api, "Service", "api");
  JsonNode *web_inner = al_k8s_test_find (web, "Service", "web");
  JsonNode *web_outer = al_k8s_test_find (web, "Service", "web-external");

  /* Container ports carry no appProtocol: Kubernetes has it on Service ports only. */
  g_assert_cmpuint (al_k8s_test_length (container, "ports"), ==, 2);
  assert_port (al_k8s_test_at (container, "ports[0]"), "http-8080", 8080, "TCP", NULL, FALSE);
  assert_port (al_k8s_test_at (container, "ports[1]"), "grpc-9090", 9090, "TCP", NULL, FALSE);
  g_assert_cmpstr (al_k8s_test_string (service, "spec.type"), ==, "ClusterIP");
  g_assert_cmpuint (al_k8s_test_length (service, "spec.ports"), ==, 2);
  assert_port (al_k8s_test_at (service, "spec.ports[0]"), "http-8080", 8080, "TCP", "http", TRUE);
  assert_port (al_k8s_test_at (service, "spec.ports[1]"), "grpc-9090", 9090, "TCP", "grpc", TRUE);

  assert_port (al_k8s_test_at (al_k8s_test_workload (metrics), "spec.template.spec.containers[0].ports[0]"),
               "udp-8125", 8125, "UDP", NULL, FALSE);
  assert_port (al_k8s_test_at (al_k8s_test_find (metrics, "Service", "metrics"), "spec.ports[0]"),
               "udp-8125", 8125, "UDP", NULL, TRUE);

  /* web: 80 is inner and outer, 443 outer only. */
  g_assert_cmpuint (al_k8s_test_length (web_inner, "spec.ports"), ==, 1);
  assert_port (al_k8s_test_at (web_inner, "spec.ports[0]"), "http-80", 80, "TCP", "http", TRUE);
  g_assert_cmpstr (al_k8s_test_string (web_outer, "spec.type"), ==, "LoadBalancer");
  g_assert_cmpuint (al_k8s_test_length (web_outer, "spec.ports"), ==, 2);
  assert_port (al_k8s_test_at (web_outer, "spec.ports[0]"), "http-80", 80, "TCP", "http", TRUE);
  assert_port (al_k8s_test_at (web_outer, "spec.ports[1]"), "https-443", 443, "TCP", "https", TRUE);

  /* The external Service's type follows the application's exposure. */
  al_document_set_exposure (document, AL_EXPOSURE_NODE_PORT);
  g_clear_pointer (&manifests, al_manifests_free);
  manifests = al_k8s_test_compile (document);
  g_assert_cmpstr (al_k8s_test_string (al_k8s_test_find (al_k8s_test_manifest (manifests, "web"), "Service",
                                                          "web-external"), "spec.type"), ==, "NodePort");
}

static void
test_resources (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  const struct { const char *name, *cpu, *memory; } expected[] = {
    { "mysql", "500m", "512Mi" }, { "redis", "250m", "128Mi" }, { "api", "1000m", "1024Mi" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonNode *resources = al_k8s_test_at (al_k8s_test_workload (al_k8s_test_manifest (manifests, expected[i].name)),
                                            "spec.template.spec.containers[0].resources");

      g_assert_cmpstr (al_k8s_test_string (resources, "requests.cpu"), ==, expected[i].cpu);
      g_assert_cmpstr (al_k8s_test_string (resources, "limits.cpu"), ==, expected[i].cpu);
      g_assert_cmpstr (al_k8s_test_string (resources, "requests.memory"), ==, expected[i].memory);
      g_assert_cmpstr (al_k8s_test_string (resources, "limits.memory"), ==, expected[i].memory);
    }
}

static JsonNode *
main_container (AlManifests *manifests, const char *name)
{
  return al_k8s_test_at (al_k8s_test_workload (al_k8s_test_manifest (manifests, name)),
                         "spec.template.spec.containers[0]");
}

static void
test_probes (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  JsonNode *mysql = main_container (manifests, "mysql");
  JsonNode *redis = main_container (manifests, "redis");
  JsonNode *api = main_container (manifests, "api");
  JsonNode *web = main_container (manifests, "web");
  const char *kinds[] = { "readinessProbe", "livenessProbe" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *tcp = g_strconcat (kinds[i], ".tcpSocket.port", NULL);
      g_autofree char *exec = g_strconcat (kinds[i], ".exec.command", NULL);
      g_autofree char *http = g_strconcat (kinds[i], ".httpGet", NULL);
      JsonNode *api_get = al_k8s_test_at (api, http);
      JsonNode *web_get = al_k8s_test_at (web, http);
      JsonNode *command = al_k8s_test_at (redis, exec);

      g_assert_cmpint (al_k8s_test_int (mysql, tcp), ==, 3306);
      g_assert_nonnull (command);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (command)), ==, 2);
      g_assert_cmpstr (al_k8s_test_string (command, "[0]"), ==, "redis-cli");
      g_assert_cmpstr (al_k8s_test_string (command, "[1]"), ==, "ping");
      g_assert_cmpstr (al_k8s_test_string (api_get, "path"), ==, "/healthz");
      g_assert_cmpint (al_k8s_test_int (api_get, "port"), ==, 8080);
      g_assert_null (al_k8s_test_at (api_get, "scheme"));
      /* The probed port speaks https. */
      g_assert_cmpint (al_k8s_test_int (web_get, "port"), ==, 443);
      g_assert_cmpstr (al_k8s_test_string (web_get, "scheme"), ==, "HTTPS");
    }
  /* Liveness waits longer, so a slow first start is not a restart loop. */
  g_assert_cmpint (al_k8s_test_int (mysql, "livenessProbe.initialDelaySeconds"), >, 0);
  g_assert_null (al_k8s_test_at (main_container (manifests, "metrics"), "readinessProbe"));
  g_assert_null (al_k8s_test_at (main_container (manifests, "metrics"), "livenessProbe"));
}

/* Stateful: headless Service and claim templates; stateless: claim objects. */
static void
test_stateful_and_stateless (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  AlComponentManifest *mysql = al_k8s_test_manifest (manifests, "mysql");
  AlComponentManifest *redis = al_k8s_test_manifest (manifests, "redis");
  JsonNode *statefulset = al_k8s_test_workload (mysql);
  JsonNode *deployment = al_k8s_test_workload (redis);
  JsonNode *claim = al_k8s_test_find (redis, "PersistentVolumeClaim", "redis-cache");
  JsonNode *headless = al_k8s_test_find (mysql, "Service", "mysql-headless");
  JsonNode *cluster_ip = al_k8s_test_find (mysql, "Service", "mysql");
  JsonNode *flag = al_k8s_test_at (headless, "spec.publishNotReadyAddresses");

  /* Stateful: claim templates, no claim objects, no pod volumes. */
  g_assert_cmpuint (al_k8s_test_length (statefulset, "spec.volumeClaimTemplates"), ==, 1);
  g_assert_cmpstr (al_k8s_test_string (statefulset, "spec.volumeClaimTemplates[0].metadata.name"), ==, "data");
  g_assert_cmpstr (al_k8s_test_string (statefulset, "spec.volumeClaimTemplates[0].spec.accessModes[0]"), ==,
                   "ReadWriteOnce");
  g_assert_cmpstr (al_k8s_test_string (statefulset,
                                       "spec.volumeClaimTemplates[0].spec.resources.requests.storage"),
                   ==, "10240Mi");
  g_assert_cmpstr (al_k8s_test_string (statefulset, "spec.template.spec.containers[0].volumeMounts[0].name"), ==,
                   "data");
  g_assert_cmpstr (al_k8s_test_string (statefulset,
                                       "spec.template.spec.containers[0].volumeMounts[0].mountPath"),
                   ==, "/var/lib/mysql");
  g_assert_null (al_k8s_test_at (statefulset, "spec.template.spec.volumes"));
  g_assert_cmpstr (al_k8s_test_string (statefulset, "spec.serviceName"), ==, "mysql-headless");
  g_assert_cmpstr (al_k8s_test_string (headless, "spec.clusterIP"), ==, "None");
  g_assert_nonnull (flag);
  g_assert_true (json_node_get_boolean (flag));
  g_assert_cmpstr (al_k8s_test_string (headless, "spec.ports[0].name"), ==, "tcp-3306");
  g_assert_null (al_k8s_test_at (cluster_ip, "spec.clusterIP"));
  g_assert_null (al_k8s_test_find (al_k8s_test_manifest (manifests, "api"), "Service", "api-headless"));

  /* Stateless: a claim object before the Deployment, mounted through a pod volume. */
  g_assert_nonnull (claim);
  g_assert_cmpstr (al_k8s_test_string (claim, "spec.resources.requests.storage"), ==, "1024Mi");
  g_assert_cmpstr (al_k8s_test_string (claim, "spec.accessModes[0]"), ==, "ReadWriteOnce");
  g_assert_cmpstr (al_k8s_test_string (deployment, "spec.template.spec.volumes[0].name"), ==, "cache");
  g_assert_cmpstr (al_k8s_test_string (deployment,
                                       "spec.template.spec.volumes[0].persistentVolumeClaim.claimName"),
                   ==, "redis-cache");
  g_assert_cmpstr (al_k8s_test_string (deployment, "spec.template.spec.containers[0].volumeMounts[0].mountPath"),
                   ==, "/data");
  g_assert_null (al_k8s_test_at (deployment, "spec.volumeClaimTemplates"));
  g_assert_cmpstr (al_k8s_test_string (deployment, "spec.strategy.type"), ==, "Recreate");
  g_assert_null (al_k8s_test_at (al_k8s_test_workload (al_k8s_test_manifest (manifests, "api")),
                                 "spec.strategy"));
}

typedef struct
{
  const char *name;
  const char *value;       /* NULL for a secretKeyRef */
  const char *secret;
  const char *key;
} ExpectedVar;

static void
assert_env (JsonNode *container, const ExpectedVar *expected, guint n)
{
  g_assert_cmpuint (al_k8s_test_length (container, "env"), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("env[%u]", i);
      JsonNode *var = al_k8s_test_at (container, path);

      g_assert_cmpstr (al_k8s_test_string (var, "name"), ==, expected[i].name);
      g_assert_cmpstr (al_k8s_test_string (var, "value"), ==, expected[i].value);
      g_assert_cmpstr (al_k8s_test_string (var, "valueFrom.secretKeyRef.name"), ==, expected[i].secret);
      g_assert_cmpstr (al_k8s_test_string (var, "valueFrom.secretKeyRef.key"), ==, expected[i].key);
    }
}

static void
test_env_injection_order (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  JsonNode *api = main_container (manifests, "api");
  /* Providers by name (metrics, mysql, redis): host and port per consumed
   * port, then connection info; then the own env. */
  const ExpectedVar api_env[] = {
    { "METRICS_HOST", "metrics" }, { "METRICS_PORT", "8125" },
    { "MYSQL_HOST", "mysql" }, { "MYSQL_PORT", "3306" }, { "MYSQL_USER", "shop" },
    { "MYSQL_PASSWORD", NULL, "mysql-connection", "MYSQL_PASSWORD" },
    { "MYSQL_SSL_CA", NULL, "mysql-tls", "ca.pem" },
    { "REDIS_HOST", "redis" }, { "REDIS_PORT", "6379" },
    { "LOG_LEVEL", "info" }, { "DB_URL", "mysql://shop@mysql:3306/shop" },
    { "API_TOKEN", NULL, "api-tokens", "token" },
  };
  const ExpectedVar mysql_env[] = {
    { "MYSQL_ROOT_PASSWORD", NULL, "mysql-secrets", "MYSQL_ROOT_PASSWORD" },
    { "MYSQL_DATABASE", "shop" },
  };
  const ExpectedVar web_env[] = {
    { "API_8080_HOST", "api" }, { "API_8080_PORT", "8080" }, { "API_URL", "http://api:8080" },
  };

  assert_env (api, api_env, G_N_ELEMENTS (api_env));
  assert_env (main_container (manifests, "mysql"), mysql_env, G_N_ELEMENTS (mysql_env));
  assert_env (main_container (manifests, "web"), web_env, G_N_ELEMENTS (web_env));
  g_assert_null (al_k8s_test_at (main_container (manifests, "metrics"), "env"));

  /* command and args expanded; a secret becomes $(VAR). */
  g_assert_cmpuint (al_k8s_test_length (api, "command"), ==, 1);
  g_assert_cmpstr (al_k8s_test_string (api, "command[0]"), ==, "/app/api");
  g_assert_cmpuint (al_k8s_test_length (api, "args"), ==, 3);
  g_assert_cmpstr (al_k8s_test_string (api, "args[0]"), ==, "--db=mysql");
  g_assert_cmpstr (al_k8s_test_string (api, "args[1]"), ==, "--password=$(MYSQL_PASSWORD)");
  g_assert_cmpstr (al_k8s_test_string (api, "args[2]"), ==, "--mode=production");
  g_assert_null (al_k8s_test_at (main_container (manifests, "web"), "command"));
}

static void
test_secrets_stay_in_secrets (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  AlComponentManifest *mysql = al_k8s_test_manifest (manifests, "mysql");
  JsonNode *secrets = al_k8s_test_find (mysql, "Secret", "mysql-secrets");
  JsonNode *connection = al_k8s_test_find (mysql, "Secret", "mysql-connection");
  guint n_secrets = 0;

  /* Only the secret literals, each under its variable's name. */
  g_assert_cmpstr (al_k8s_test_string (secrets, "type"), ==, "Opaque");
  g_assert_cmpuint (json_object_get_size (json_node_get_object (al_k8s_test_at (secrets, "stringData"))), ==, 1);
  g_assert_cmpstr (al_k8s_test_string (secrets, "stringData.MYSQL_ROOT_PASSWORD"), ==, ROOT_PASSWORD);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (al_k8s_test_at (connection, "stringData"))), ==,
                    1);
  g_assert_cmpstr (al_k8s_test_string (connection, "stringData.MYSQL_PASSWORD"), ==, CONNECTION_PASSWORD);

  for (guint i = 0; i < manifests->components->len; i++)
    {
      AlComponentManifest *manifest = g_ptr_array_index (manifests->components, i);

      for (guint k = 0; k < manifest->objects->len; k++)
        {
          JsonNode *object = g_ptr_array_index (manifest->objects, k);
          g_autofree char *text = al_k8s_test_to_yaml (object);

          if (g_str_equal (al_k8s_test_string (object, "kind"), "Secret"))
            {
              n_secrets++;
              continue;
            }
          g_assert_null (strstr (text, ROOT_PASSWORD));
          g_assert_null (strstr (text, CONNECTION_PASSWORD));
        }
    }
  g_assert_cmpuint (n_secrets, ==, 2);
}

static const char *
wait_script (AlManifests *manifests, const char *name)
{
  JsonNode *pod = al_k8s_test_at (al_k8s_test_workload (al_k8s_test_manifest (manifests, name)),
                                  "spec.template.spec");

  if (al_k8s_test_at (pod, "initContainers") == NULL)
    return NULL;
  g_assert_cmpuint (al_k8s_test_length (pod, "initContainers"), ==, 1);
  g_assert_cmpstr (al_k8s_test_string (pod, "initContainers[0].name"), ==, "wait-for-dependencies");
  g_assert_cmpstr (al_k8s_test_string (pod, "initContainers[0].image"), ==, "busybox:1.36");
  g_assert_cmpuint (al_k8s_test_length (pod, "initContainers[0].command"), ==, 3);
  g_assert_cmpstr (al_k8s_test_string (pod, "initContainers[0].command[0]"), ==, "sh");
  g_assert_cmpstr (al_k8s_test_string (pod, "initContainers[0].command[1]"), ==, "-c");
  return al_k8s_test_string (pod, "initContainers[0].command[2]");
}

static guint
count_lines_starting (const char *text, const char *prefix)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

static void
test_init_container_per_wait_dependency (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  const char *script = wait_script (manifests, "api");
  const char *mysql_line, *redis_line;

  /* api waits for mysql (120 s) and redis (60 s); metrics only has a UDP
   * port, which a TCP check cannot see. web's dependency has wait: false. */
  g_assert_nonnull (script);
  mysql_line = strstr (script, "\nwait_for mysql mysql 3306 120\n");
  redis_line = strstr (script, "\nwait_for redis redis 6379 60\n");
  g_assert_nonnull (mysql_line);
  g_assert_nonnull (redis_line);
  g_assert_true (mysql_line < redis_line);
  g_assert_cmpuint (count_lines_starting (script, "wait_for "), ==, 2);
  g_assert_null (wait_script (manifests, "web"));
  g_assert_null (wait_script (manifests, "mysql"));
  g_assert_null (wait_script (manifests, "metrics"));
}

static void
test_no_init_container_without_wait (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  GListModel *dependencies = al_document_get_dependencies (document);
  g_autoptr (AlManifests) manifests = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      al_dependency_set_wait (dependency, FALSE);
    }
  manifests = al_k8s_test_compile (document);
  for (guint i = 0; i < manifests->components->len; i++)
    g_assert_null (wait_script (manifests, ((AlComponentManifest *) g_ptr_array_index (manifests->components, i))
                                             ->component_name));
}

static void
write_stub (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

/* Runs the wait script with an `nc` that reaches only @open_port (0: none),
 * a clock that ticks one second per reading and a `sleep` that returns at
 * once, so a timeout passes without waiting. */
static int
run_wait_script (const char *script, int open_port, char **err)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *nc = g_strdup_printf ("#!/bin/sh\n[ \"$5\" = %d ]\n", open_port);
  g_autofree char *date = g_strdup_printf ("#!/bin/sh\nf=%s/clock\nn=$(cat \"$f\" 2>/dev/null || echo 0)\n"
                                           "echo $((n + 1)) > \"$f\"\necho \"$n\"\n", dir);
  g_autofree char *path = g_strdup_printf ("PATH=%s:/usr/bin:/bin", dir);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  char *envp[] = { path, NULL };
  g_autoptr (GError) error = NULL;
  int status = -1;

  write_stub (dir, "nc", nc);
  write_stub (dir, "date", date);
  write_stub (dir, "sleep", "#!/bin/sh\nexit 0\n");
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  al_test_rmtree (dir);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_wait_script_names_the_missing_dependency (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = NULL;
  g_autofree char *err_none = NULL;
  g_autofree char *err_mysql = NULL;
  const char *script;

  al_dependency_set_wait_timeout_s (al_document_lookup_dependency (document, "d1"), 3);
  manifests = al_k8s_test_compile (document);
  script = wait_script (manifests, "api");

  g_assert_cmpint (run_wait_script (script, 0, &err_none), ==, 1);
  g_assert_nonnull (strstr (err_none, "dependency mysql did not accept TCP connections on mysql:3306 within 3 seconds"));
  g_assert_null (strstr (err_none, "redis"));

  g_assert_cmpint (run_wait_script (script, 3306, &err_mysql), ==, 1);
  g_assert_nonnull (strstr (err_mysql, "dependency redis did not accept TCP connections on redis:6379 within 60 seconds"));
}

static void
test_wait_script_succeeds_when_all_are_up (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = NULL;
  g_autofree char *err = NULL;
  const char *script;

  /* Only redis is waited for now, and it is up. */
  al_dependency_set_wait (al_document_lookup_dependency (document, "d1"), FALSE);
  manifests = al_k8s_test_compile (document);
  script = wait_script (manifests, "api");
  g_assert_cmpuint (count_lines_starting (script, "wait_for "), ==, 1);
  g_assert_cmpint (run_wait_script (script, 6379, &err), ==, 0);
}

static GBytes *
all_yaml (AlManifests *manifests)
{
  g_autoptr (GPtrArray) objects = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GBytes *bytes;

  g_ptr_array_add (objects, manifests->namespace_object);
  for (guint i = 0; i < manifests->components->len; i++)
    {
      AlComponentManifest *manifest = g_ptr_array_index (manifests->components, i);
      g_ptr_array_extend (objects, manifest->objects, NULL, NULL);
    }
  bytes = al_yaml_write_documents ((JsonNode *const *) objects->pdata, objects->len, &error);
  g_assert_no_error (error);
  return bytes;
}

static void
test_deterministic (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) first = al_k8s_test_compile (document);
  g_autoptr (AlManifests) second = al_k8s_test_compile (document);
  g_autoptr (GBytes) first_text = all_yaml (first);
  g_autoptr (GBytes) second_text = all_yaml (second);
  g_autofree char *dir_a = al_test_make_tmpdir ();
  g_autofree char *dir_b = al_test_make_tmpdir ();
  g_autoptr (GError) error = NULL;
  const char *files[] = { "namespace.yaml", "mysql.yaml", "api.yaml", "kustomization.yaml" };

  g_assert_true (g_bytes_equal (first_text, second_text));
  g_assert_true (al_manifests_write_to_directory (first, dir_a, AL_MANIFEST_YAML, &error));
  g_assert_true (al_manifests_write_to_directory (second, dir_b, AL_MANIFEST_YAML, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path_a = g_build_filename (dir_a, files[i], NULL);
      g_autofree char *path_b = g_build_filename (dir_b, files[i], NULL);
      g_autofree char *a = al_k8s_test_read_text (path_a);
      g_autofree char *b = al_k8s_test_read_text (path_b);

      g_assert_cmpstr (a, ==, b);
    }
  al_test_rmtree (dir_a);
  al_test_rmtree (dir_b);
}

static void
test_refuses_documents_with_errors (void)
{
  g_autofree char *path = al_test_data_path ("compiler/errors.archlane");
  g_autoptr (AlDocument) document = al_k8s_test_load (path);
  g_autoptr (AlGraph) graph = al_graph_new (document);
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlManifests) manifests = al_k8s_compile (graph, &diagnostics, &error);

  g_assert_null (manifests);
  g_assert_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_DIAGNOSTICS);
  g_assert_nonnull (diagnostics);
  g_assert_true (al_diagnostic_list_has (diagnostics, "invalid-name", "c2"));
  g_assert_true (al_diagnostic_list_has (diagnostics, "invalid-port", "c3"));
}

static void
test_write_yaml_directory (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "new", "manifests", NULL);
  g_autofree char *kustomization_path = g_build_filename (out, "kustomization.yaml", NULL);
  g_autofree char *mysql_path = g_build_filename (out, "mysql.yaml", NULL);
  g_autofree char *namespace_path = g_build_filename (out, "namespace.yaml", NULL);
  g_autofree char *kustomization = NULL;
  g_autofree char *mysql = NULL;
  g_autofree char *namespace_ = NULL;
  g_autoptr (GError) error = NULL;

  /* The folder is created, parents included. */
  g_assert_true (al_manifests_write_to_directory (manifests, out, AL_MANIFEST_YAML, &error));
  g_assert_no_error (error);
  kustomization = al_k8s_test_read_text (kustomization_path);
  g_assert_cmpstr (kustomization, ==,
                   "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                   "kind: Kustomization\n"
                   "resources:\n"
                   "- namespace.yaml\n"
                   "- mysql.yaml\n"
                   "- redis.yaml\n"
                   "- api.yaml\n"
                   "- web.yaml\n"
                   "- metrics.yaml\n");
  namespace_ = al_k8s_test_read_text (namespace_path);
  g_assert_true (g_str_has_prefix (namespace_, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop-prod\n"));
  /* Five objects, four separators, in the order of the manifest. */
  mysql = al_k8s_test_read_text (mysql_path);
  g_assert_true (g_str_has_prefix (mysql, "apiVersion: v1\nkind: Secret\n"));
  g_assert_cmpuint (count_lines_starting (mysql, "---"), ==, 4);
  g_assert_nonnull (strstr (mysql, "---\napiVersion: apps/v1\nkind: StatefulSet\n"));
  al_test_rmtree (dir);
}

static void
test_write_json_directory (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *kustomization_path = g_build_filename (dir, "kustomization.yaml", NULL);
  g_autofree char *mysql_path = g_build_filename (dir, "mysql.json", NULL);
  g_autofree char *kustomization = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  g_assert_true (al_manifests_write_to_directory (manifests, dir, AL_MANIFEST_JSON, &error));
  g_assert_no_error (error);
  kustomization = al_k8s_test_read_text (kustomization_path);
  g_assert_nonnull (strstr (kustomization, "resources:\n- namespace.json\n- mysql.json\n- redis.json\n"));
  json_parser_load_from_file (parser, mysql_path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_cmpstr (al_k8s_test_string (root, "apiVersion"), ==, "v1");
  g_assert_cmpstr (al_k8s_test_string (root, "kind"), ==, "List");
  g_assert_cmpuint (al_k8s_test_length (root, "items"), ==, 5);
  g_assert_cmpstr (al_k8s_test_string (root, "items[4].kind"), ==, "StatefulSet");
  g_assert_cmpstr (al_k8s_test_string (root, "items[0].stringData.MYSQL_ROOT_PASSWORD"), ==, ROOT_PASSWORD);
  al_test_rmtree (dir);
}

static void
test_write_failure_names_file_and_folder (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = al_k8s_test_compile (document);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *blocker = g_build_filename (dir, "mysql.yaml", NULL);
  g_autofree char *plain_file = g_build_filename (dir, "namespace.yaml", NULL);
  g_autofree char *under_file = g_build_filename (plain_file, "out", NULL);
  g_autoptr (GError) error = NULL;

  /* A folder where mysql.yaml should go. */
  g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
  g_assert_false (al_manifests_write_to_directory (manifests, dir, AL_MANIFEST_YAML, &error));
  g_assert_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "“mysql.yaml”"));
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  /* A folder that cannot be created: its parent is a file. */
  g_assert_false (al_manifests_write_to_directory (manifests, under_file, AL_MANIFEST_YAML, &error));
  g_assert_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, under_file));
  al_test_rmtree (dir);
}

static void
test_reserved_file_names (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlManifests) manifests = NULL;
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *kustomization_path = g_build_filename (dir, "kustomization.yaml", NULL);
  g_autofree char *component_path = g_build_filename (dir, "namespace.component.yaml", NULL);
  g_autofree char *kustomization = NULL;
  g_autofree char *component = NULL;
  g_autoptr (GError) error = NULL;

  al_component_set_name (al_document_lookup_component (document, "c5"), "namespace");
  manifests = al_k8s_test_compile (document);
  g_assert_true (al_manifests_write_to_directory (manifests, dir, AL_MANIFEST_YAML, &error));
  g_assert_no_error (error);
  kustomization = al_k8s_test_read_text (kustomization_path);
  g_assert_true (g_str_has_prefix (kustomization + strcspn (kustomization, "-"),
                                   "- namespace.yaml\n- mysql.yaml\n"));
  g_assert_true (g_str_has_suffix (kustomization, "- namespace.component.yaml\n"));
  component = al_k8s_test_read_text (component_path);
  g_assert_nonnull (strstr (component, "kind: Deployment\n"));
  al_test_rmtree (dir);
}

static void
test_without_namespace (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (AlComponentManifest) manifest = NULL;

  /* The live view compiles one component of whatever the document holds. */
  al_document_set_namespace (document, "");
  graph = al_graph_new (document);
  manifest = al_k8s_compile_component (graph, al_document_lookup_component (document, "c1"));
  g_assert_cmpuint (manifest->objects->len, ==, 5);
  for (guint i = 0; i < manifest->objects->len; i++)
    {
      JsonNode *object = g_ptr_array_index (manifest->objects, i);
      g_assert_null (al_k8s_test_at (object, "metadata.namespace"));
      g_assert_cmpstr (al_k8s_test_string (object, "metadata.labels.{app.kubernetes.io/name}"), ==, "mysql");
    }
}

/* The live view compiles documents that do not validate: no crash, and
 * what cannot be placed or checked is left out. */
static void
test_live_view_tolerates_invalid_documents (void)
{
  g_autoptr (AlDocument) document = al_document_new ();
  g_autoptr (AlComponent) consumer = al_component_new ("c1", "web", "nowhere");
  g_autoptr (AlComponent) provider = al_component_new ("c2", "my db", "nowhere");
  g_autoptr (AlPort) port = al_port_new (5432, AL_PROTOCOL_TCP);
  g_autoptr (AlDependency) dependency = al_dependency_new ("d1", "c1", "c2");
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (AlComponentManifest) manifest = NULL;
  JsonNode *pod;

  al_probe_set_probe_type (al_component_get_probe (consumer), AL_PROBE_TCP);
  al_component_insert (provider, AL_COLLECTION_PORTS, 0, port);
  al_document_add_component (document, consumer);
  al_document_add_component (document, provider);
  al_document_add_dependency (document, dependency);
  graph = al_graph_new (document);
  manifest = al_k8s_compile_component (graph, consumer);
  pod = al_k8s_test_at (al_k8s_test_workload (manifest), "spec.template.spec");
  g_assert_null (al_k8s_test_at (pod, "affinity"));
  g_assert_null (al_k8s_test_at (pod, "containers[0].readinessProbe"));
  /* A name that is not a DNS label is quoted for the shell. */
  g_assert_nonnull (strstr (al_k8s_test_string (pod, "initContainers[0].command[2]"),
                            "\nwait_for 'my db' 'my db' 5432 300\n"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compiler/object-order-and-names", test_object_order_and_names);
  g_test_add_func ("/compiler/labels-and-namespace", test_labels_and_namespace);
  g_test_add_func ("/compiler/affinity-per-lane", test_affinity_per_lane);
  g_test_add_func ("/compiler/ports", test_ports);
  g_test_add_func ("/compiler/resources", test_resources);
  g_test_add_func ("/compiler/probes", test_probes);
  g_test_add_func ("/compiler/stateful-and-stateless", test_stateful_and_stateless);
  g_test_add_func ("/compiler/env-injection-order", test_env_injection_order);
  g_test_add_func ("/compiler/secrets-stay-in-secrets", test_secrets_stay_in_secrets);
  g_test_add_func ("/compiler/init-container-per-wait-dependency", test_init_container_per_wait_dependency);
  g_test_add_func ("/compiler/no-init-container-without-wait", test_no_init_container_without_wait);
  g_test_add_func ("/compiler/wait-script-names-the-missing-dependency",
                   test_wait_script_names_the_missing_dependency);
  g_test_add_func ("/compiler/wait-script-succeeds-when-all-are-up", test_wait_script_succeeds_when_all_are_up);
  g_test_add_func ("/compiler/deterministic", test_deterministic);
  g_test_add_func ("/compiler/refuses-documents-with-errors", test_refuses_documents_with_errors);
  g_test_add_func ("/compiler/write-yaml-directory", test_write_yaml_directory);
  g_test_add_func ("/compiler/write-json-directory", test_write_json_directory);
  g_test_add_func ("/compiler/write-failure-names-file-and-folder", test_write_failure_names_file_and_folder);
  g_test_add_func ("/compiler/reserved-file-names", test_reserved_file_names);
  g_test_add_func ("/compiler/without-namespace", test_without_namespace);
  g_test_add_func ("/compiler/live-view-tolerates-invalid-documents",
                   test_live_view_tolerates_invalid_documents);
  return g_test_run ();
}
