/* test-diagnostics: every diagnostic of DESIGN §5, each triggered alone */
#include <string.h>

#include "al-test-util.h"
#include "al-validate.h"

/* ---- building documents ------------------------------------------------- */

static AlComponent *
add_component (AlDocument *doc, const char *id, const char *name, const char *lane,
               const char *image)
{
  g_autoptr (AlComponent) component = al_component_new (id, name, lane);

  al_component_set_image (component, image);
  al_document_add_component (doc, component);
  return component; /* the document keeps it */
}

static AlPort *
add_port (AlComponent *component, int number, const char *alias, gboolean inner, gboolean outer)
{
  g_autoptr (AlPort) port = al_port_new (number, AL_PROTOCOL_TCP);
  GListModel *ports = al_component_get_ports (component);

  al_port_set_alias (port, alias);
  al_port_set_inner (port, inner);
  al_port_set_outer (port, outer);
  al_component_insert (component, AL_COLLECTION_PORTS, g_list_model_get_n_items (ports), port);
  return port;
}

/* Takes @var. */
static void
add_var (AlComponent *component, AlCollection collection, AlEnvVar *var)
{
  GListModel *list = al_component_get_collection (component, collection);

  al_component_insert (component, collection, g_list_model_get_n_items (list), var);
  g_object_unref (var);
}

static AlDependency *
add_dependency (AlDocument *doc, const char *id, const char *from, const char *to, int traffic)
{
  g_autoptr (AlDependency) dependency = al_dependency_new (id, from, to);

  al_dependency_set_traffic (dependency, traffic);
  al_document_add_dependency (doc, dependency);
  return dependency;
}

/* shop: db (c1, amd64) ← api (c2, arm64) ← web (c3, amd64), with ports,
 * aliases, env, connection info, a volume and probes: a document with no
 * diagnostic at all, which each test below breaks in one place. */
static AlDocument *
make_clean_document (void)
{
  AlDocument *doc = al_document_new ();
  g_autoptr (AlLane) x86 = al_lane_new ("x86", "amd64", "x86_64");
  g_autoptr (AlLane) arm = al_lane_new ("arm", "arm64", "arm64");
  g_autoptr (AlVolume) volume = al_volume_new ("data", "/var/lib/mysql", 10240);
  AlComponent *db, *api, *web;
  AlDependency *d1;
  const int mysql_port = 3306;

  al_document_set_name (doc, "shop");
  al_document_set_namespace (doc, "shop");
  al_document_add_lane (doc, x86);
  al_document_add_lane (doc, arm);

  db = add_component (doc, "c1", "db", "x86", "mysql:8.0");
  al_component_set_kind (db, AL_KIND_STATEFUL);
  add_port (db, 3306, "MYSQL", TRUE, FALSE);
  add_var (db, AL_COLLECTION_ENV,
           al_env_var_new_secret_ref ("MYSQL_ROOT_PASSWORD", "mysql-auth", "root-password"));
  add_var (db, AL_COLLECTION_CONNECTION, al_env_var_new_value ("MYSQL_USER", "shop", FALSE));
  add_var (db, AL_COLLECTION_CONNECTION,
           al_env_var_new_secret_ref ("MYSQL_PASSWORD", "mysql-auth", "password"));
  al_component_insert (db, AL_COLLECTION_VOLUMES, 0, volume);
  al_probe_set_probe_type (al_component_get_probe (db), AL_PROBE_TCP);
  al_probe_set_port (al_component_get_probe (db), 3306);

  api = add_component (doc, "c2", "api", "arm", "registry.example/api:1.4");
  add_port (api, 8080, NULL, TRUE, FALSE);
  add_var (api, AL_COLLECTION_ENV,
           al_env_var_new_value ("DB_URL", "mysql://${MYSQL_HOST}:${MYSQL_PORT}/shop", FALSE));
  al_probe_set_probe_type (al_component_get_probe (api), AL_PROBE_HTTP);
  al_probe_set_port (al_component_get_probe (api), 8080);
  al_probe_set_path (al_component_get_probe (api), "/healthz");

  web = add_component (doc, "c3", "web", "x86", "nginx:1.25");
  add_port (web, 80, NULL, TRUE, TRUE);

  d1 = add_dependency (doc, "d1", "c2", "c1", 5);
  al_dependency_set_ports_from_list (d1, &mysql_port, 1);
  /* Across architectures, but quiet. */
  add_dependency (doc, "d2", "c3", "c2", 10);
  return doc;
}

static AlComponent *
component (AlDocument *doc, const char *id)
{
  AlComponent *c = al_document_lookup_component (doc, id);

  g_assert_nonnull (c);
  return c;
}

static AlPort *
port_at (AlComponent *c, guint index)
{
  g_autoptr (AlPort) port = g_list_model_get_item (al_component_get_ports (c), index);

  return port; /* the component keeps it */
}

static AlDependency *
dependency (AlDocument *doc, const char *id)
{
  AlDependency *d = al_document_lookup_dependency (doc, id);

  g_assert_nonnull (d);
  return d;
}

static void
dump (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = al_diagnostic_to_line (g_ptr_array_index (diagnostics, i));
      g_test_message ("%s", line);
    }
}

/* ---- one diagnostic at a time ------------------------------------------ */

typedef struct
{
  const char *test_name;
  void (*mutate) (AlDocument *doc);
  AlSeverity severity;
  const char *code;
  const char *subject;
  const char *path;
  /* A word the message must contain (a name it must mention), or NULL. */
  const char *mentions;
} Case;

static void
name_not_dns (AlDocument *doc)
{
  al_document_set_name (doc, "Shop_1");
}

static void
namespace_not_dns (AlDocument *doc)
{
  al_document_set_namespace (doc, "-shop");
}

static void
no_wait_image (AlDocument *doc)
{
  al_document_set_wait_image (doc, "");
}

static void
empty_id (AlDocument *doc)
{
  al_dependency_set_id (dependency (doc, "d2"), "");
}

static void
id_reused (AlDocument *doc)
{
  al_dependency_set_id (dependency (doc, "d2"), "c1");
}

static void
name_reused (AlDocument *doc)
{
  add_component (doc, "c4", "web", "arm", "nginx:1.25");
}

static void
name_has_capitals (AlDocument *doc)
{
  al_component_set_name (component (doc, "c3"), "Web");
}

static void
name_too_long (AlDocument *doc)
{
  al_component_set_name (component (doc, "c3"), "web-frontend-for-the-shop-of-the-company-x");
}

static void
name_starts_with_digit (AlDocument *doc)
{
  al_component_set_name (component (doc, "c3"), "1web");
}

static void
lane_missing (AlDocument *doc)
{
  al_component_set_lane (component (doc, "c3"), "sparc");
}

static void
lane_arch_twice (AlDocument *doc)
{
  g_autoptr (AlLane) lane = al_lane_new ("x86b", "x86-64", "more x86");

  al_document_add_lane (doc, lane);
}

static void
lane_arch_unknown (AlDocument *doc)
{
  g_autoptr (AlLane) lane = al_lane_new ("mips", "mips64", "MIPS");

  al_document_add_lane (doc, lane);
}

static void
lane_arch_32bit_arm (AlDocument *doc)
{
  g_autoptr (AlLane) lane = al_lane_new ("pi", "armv7", "Raspberry Pi");

  al_document_add_lane (doc, lane);
}

static void
image_empty (AlDocument *doc)
{
  al_component_set_image (component (doc, "c3"), "  ");
}

static void
image_with_space (AlDocument *doc)
{
  al_component_set_image (component (doc, "c3"), "nginx: 1.25");
}

static void
port_out_of_range (AlDocument *doc)
{
  al_port_set_port (port_at (component (doc, "c3"), 0), 70000);
}

static void
probe_port_out_of_range (AlDocument *doc)
{
  al_probe_set_port (al_component_get_probe (component (doc, "c2")), 0);
}

static void
dependency_port_out_of_range (AlDocument *doc)
{
  const int port = 65536;

  al_dependency_set_ports_from_list (dependency (doc, "d2"), &port, 1);
}

static void
port_twice (AlDocument *doc)
{
  add_port (component (doc, "c3"), 80, NULL, TRUE, FALSE);
}

static void
alias_lower_case (AlDocument *doc)
{
  al_port_set_alias (port_at (component (doc, "c3"), 0), "web_http");
}

static void
alias_twice (AlDocument *doc)
{
  add_port (component (doc, "c1"), 33060, "MYSQL", TRUE, FALSE);
}

static void
env_name_invalid (AlDocument *doc)
{
  add_var (component (doc, "c3"), AL_COLLECTION_ENV, al_env_var_new_value ("1ST", "x", FALSE));
}

static void
connection_name_invalid (AlDocument *doc)
{
  add_var (component (doc, "c3"), AL_COLLECTION_CONNECTION,
           al_env_var_new_value ("WEB-URL", "http://web", FALSE));
}

static void
provider_unknown (AlDocument *doc)
{
  al_dependency_set_to (dependency (doc, "d2"), "c9");
}

static void
consumer_unknown (AlDocument *doc)
{
  al_dependency_set_from (dependency (doc, "d2"), "c9");
}

static void
depends_on_itself (AlDocument *doc)
{
  al_dependency_set_wait (add_dependency (doc, "d3", "c3", "c3", 1), FALSE);
}

static void
depends_twice (AlDocument *doc)
{
  add_dependency (doc, "d3", "c3", "c2", 1);
}

static void
provider_closed (AlDocument *doc)
{
  al_port_set_inner (port_at (component (doc, "c2"), 0), FALSE);
  al_port_set_outer (port_at (component (doc, "c2"), 0), TRUE);
}

static void
port_not_offered (AlDocument *doc)
{
  const int ports[] = { 8080, 8081 };

  al_dependency_set_ports_from_list (dependency (doc, "d2"), ports, 2);
}

static void
env_conflict (AlDocument *doc)
{
  /* web consumes api and db; both bring a different MYSQL_USER. */
  add_var (component (doc, "c2"), AL_COLLECTION_CONNECTION,
           al_env_var_new_value ("MYSQL_USER", "api", FALSE));
  al_dependency_set_wait (add_dependency (doc, "d3", "c3", "c1", 1), FALSE);
}

static void
wait_cycle (AlDocument *doc)
{
  add_dependency (doc, "d3", "c1", "c3", 1);
}

static void
env_shadowed (AlDocument *doc)
{
  add_var (component (doc, "c3"), AL_COLLECTION_ENV,
           al_env_var_new_value ("API_HOST", "api.example", FALSE));
}

static void
variable_unresolved (AlDocument *doc)
{
  add_var (component (doc, "c3"), AL_COLLECTION_ENV,
           al_env_var_new_value ("GREETING", "hello ${NOBODY}", FALSE));
}

static void
secret_in_document (AlDocument *doc)
{
  add_var (component (doc, "c1"), AL_COLLECTION_ENV,
           al_env_var_new_value ("MYSQL_ROOT_PASSWORD_2", "changeme", TRUE));
}

static void
chatty_across_arches (AlDocument *doc)
{
  al_dependency_set_traffic (dependency (doc, "d2"), 50);
}

static void
no_replicas (AlDocument *doc)
{
  al_component_set_replicas (component (doc, "c3"), 0);
}

static void
no_cpu (AlDocument *doc)
{
  al_component_set_cpu_millis (component (doc, "c3"), 0);
}

static void
no_memory (AlDocument *doc)
{
  al_component_set_memory_mib (component (doc, "c3"), -1);
}

static AlVolume *
volume_of_db (AlDocument *doc)
{
  g_autoptr (AlVolume) volume
      = g_list_model_get_item (al_component_get_volumes (component (doc, "c1")), 0);

  return volume;
}

static void
volume_name_invalid (AlDocument *doc)
{
  al_volume_set_name (volume_of_db (doc), "My Data");
}

static void
volume_path_relative (AlDocument *doc)
{
  al_volume_set_path (volume_of_db (doc), "var/lib/mysql");
}

static void
volume_size_zero (AlDocument *doc)
{
  al_volume_set_size_mib (volume_of_db (doc), 0);
}

static void
volume_path_twice (AlDocument *doc)
{
  g_autoptr (AlVolume) volume = al_volume_new ("logs", "/var/lib/mysql", 100);

  al_component_insert (component (doc, "c1"), AL_COLLECTION_VOLUMES, 1, volume);
}

static void
http_probe_without_path (AlDocument *doc)
{
  al_probe_set_path (al_component_get_probe (component (doc, "c2")), NULL);
}

static void
exec_probe_without_command (AlDocument *doc)
{
  al_probe_set_probe_type (al_component_get_probe (component (doc, "c3")), AL_PROBE_EXEC);
}

static void
secret_ref_invalid (AlDocument *doc)
{
  add_var (component (doc, "c3"), AL_COLLECTION_ENV,
           al_env_var_new_secret_ref ("TOKEN", "Web_Secrets", "token"));
}

static void
wait_timeout_zero (AlDocument *doc)
{
  al_dependency_set_wait_timeout_s (dependency (doc, "d2"), 0);
}

static void
traffic_too_high (AlDocument *doc)
{
  /* Also more than 50 across arches, so the advice shows as well; see
   * test_traffic_range for the error alone. */
  al_dependency_set_traffic (dependency (doc, "d1"), 101);
}

static void
headless_service_taken (AlDocument *doc)
{
  add_component (doc, "c4", "db-headless", "x86", "nginx:1.25");
}

static const Case cases[] = {
  { "invalid-document/name", name_not_dns, AL_SEVERITY_ERROR, "invalid-document", "",
    "application.name", "Shop_1" },
  { "invalid-document/namespace", namespace_not_dns, AL_SEVERITY_ERROR, "invalid-document", "",
    "application.namespace", "-shop" },
  { "invalid-document/wait-image", no_wait_image, AL_SEVERITY_ERROR, "invalid-document", "",
    "application.wait_image", "busybox" },
  { "invalid-id", empty_id, AL_SEVERITY_ERROR, "invalid-id", "dependencies[1]",
    "dependencies[1].id", NULL },
  { "duplicate-id", id_reused, AL_SEVERITY_ERROR, "duplicate-id", "c1", "dependencies[1].id",
    "components[0]" },
  { "duplicate-name", name_reused, AL_SEVERITY_ERROR, "duplicate-name", "c4", "components[3].name",
    "c3" },
  { "invalid-name/capitals", name_has_capitals, AL_SEVERITY_ERROR, "invalid-name", "c3",
    "components[2].name", "Web" },
  { "invalid-name/too-long", name_too_long, AL_SEVERITY_ERROR, "invalid-name", "c3",
    "components[2].name", "40" },
  { "invalid-name/digit", name_starts_with_digit, AL_SEVERITY_ERROR, "invalid-name", "c3",
    "components[2].name", "1web" },
  { "unknown-lane", lane_missing, AL_SEVERITY_ERROR, "unknown-lane", "c3", "components[2].lane",
    "x86, arm" },
  { "duplicate-lane-arch", lane_arch_twice, AL_SEVERITY_ERROR, "duplicate-lane-arch", "x86b",
    "lanes[2].arch", "amd64" },
  { "unknown-arch", lane_arch_unknown, AL_SEVERITY_ERROR, "unknown-arch", "mips", "lanes[2].arch",
    "riscv64" },
  { "unknown-arch/32-bit-arm", lane_arch_32bit_arm, AL_SEVERITY_ERROR, "unknown-arch", "pi",
    "lanes[2].arch", "32-bit" },
  { "missing-image", image_empty, AL_SEVERITY_ERROR, "missing-image", "c3", "components[2].image",
    "web" },
  { "invalid-image", image_with_space, AL_SEVERITY_ERROR, "invalid-image", "c3",
    "components[2].image", "nginx: 1.25" },
  { "invalid-port", port_out_of_range, AL_SEVERITY_ERROR, "invalid-port", "c3",
    "components[2].ports[0].port", "70000" },
  { "invalid-port/probe", probe_port_out_of_range, AL_SEVERITY_ERROR, "invalid-port", "c2",
    "components[1].probe.port", "api" },
  { "invalid-port/dependency", dependency_port_out_of_range, AL_SEVERITY_ERROR, "invalid-port",
    "d2", "dependencies[1].ports[0]", "65536" },
  { "duplicate-port", port_twice, AL_SEVERITY_ERROR, "duplicate-port", "c3",
    "components[2].ports[1].port", "80" },
  { "invalid-alias", alias_lower_case, AL_SEVERITY_ERROR, "invalid-alias", "c3",
    "components[2].ports[0].alias", "web_http" },
  { "duplicate-alias", alias_twice, AL_SEVERITY_ERROR, "duplicate-alias", "c1",
    "components[0].ports[1].alias", "MYSQL" },
  { "invalid-env-name/env", env_name_invalid, AL_SEVERITY_ERROR, "invalid-env-name", "c3",
    "components[2].env[0].name", "1ST" },
  { "invalid-env-name/connection", connection_name_invalid, AL_SEVERITY_ERROR, "invalid-env-name",
    "c3", "components[2].connection[0].name", "WEB-URL" },
  { "unknown-component/to", provider_unknown, AL_SEVERITY_ERROR, "unknown-component", "d2",
    "dependencies[1].to", "c9" },
  { "unknown-component/from", consumer_unknown, AL_SEVERITY_ERROR, "unknown-component", "d2",
    "dependencies[1].from", "c9" },
  { "self-dependency", depends_on_itself, AL_SEVERITY_ERROR, "self-dependency", "d3",
    "dependencies[2].to", "web" },
  { "duplicate-dependency", depends_twice, AL_SEVERITY_ERROR, "duplicate-dependency", "d3",
    "dependencies[2]", "d2" },
  { "provider-without-inner-port", provider_closed, AL_SEVERITY_ERROR,
    "provider-without-inner-port", "d2", "dependencies[1].to", "api" },
  { "unknown-port", port_not_offered, AL_SEVERITY_ERROR, "unknown-port", "d2",
    "dependencies[1].ports[1]", "8080" },
  { "env-conflict", env_conflict, AL_SEVERITY_ERROR, "env-conflict", "c3", NULL, "MYSQL_USER" },
  { "startup-cycle", wait_cycle, AL_SEVERITY_ERROR, "startup-cycle", "c1", "dependencies[0].wait",
    "“web”" },
  { "env-shadowed", env_shadowed, AL_SEVERITY_WARNING, "env-shadowed", "c3", NULL, "API_HOST" },
  { "unresolved-variable", variable_unresolved, AL_SEVERITY_WARNING, "unresolved-variable", "c3",
    NULL, "NOBODY" },
  { "secret-literal", secret_in_document, AL_SEVERITY_WARNING, "secret-literal", "c1",
    "components[0].env[1].value", "secret_ref" },
  { "cross-arch-chatty", chatty_across_arches, AL_SEVERITY_WARNING, "cross-arch-chatty", "d2",
    "dependencies[1].traffic", "arm64" },
  { "invalid-replicas", no_replicas, AL_SEVERITY_ERROR, "invalid-replicas", "c3",
    "components[2].replicas", "web" },
  { "invalid-resources/cpu", no_cpu, AL_SEVERITY_ERROR, "invalid-resources", "c3",
    "components[2].cpu_millis", "CPU" },
  { "invalid-resources/memory", no_memory, AL_SEVERITY_ERROR, "invalid-resources", "c3",
    "components[2].memory_mib", "memory" },
  { "invalid-volume/name", volume_name_invalid, AL_SEVERITY_ERROR, "invalid-volume", "c1",
    "components[0].volumes[0].name", "My Data" },
  { "invalid-volume/path", volume_path_relative, AL_SEVERITY_ERROR, "invalid-volume", "c1",
    "components[0].volumes[0].path", "var/lib/mysql" },
  { "invalid-volume/size", volume_size_zero, AL_SEVERITY_ERROR, "invalid-volume", "c1",
    "components[0].volumes[0].size_mib", "data" },
  { "duplicate-volume", volume_path_twice, AL_SEVERITY_ERROR, "duplicate-volume", "c1",
    "components[0].volumes[1].path", "/var/lib/mysql" },
  { "invalid-probe/http", http_probe_without_path, AL_SEVERITY_ERROR, "invalid-probe", "c2",
    "components[1].probe.path", "/healthz" },
  { "invalid-probe/exec", exec_probe_without_command, AL_SEVERITY_ERROR, "invalid-probe", "c3",
    "components[2].probe.command", "web" },
  { "invalid-secret-ref", secret_ref_invalid, AL_SEVERITY_ERROR, "invalid-secret-ref", "c3",
    "components[2].env[0].secret_ref.name", "Web_Secrets" },
  { "invalid-wait-timeout", wait_timeout_zero, AL_SEVERITY_ERROR, "invalid-wait-timeout", "d2",
    "dependencies[1].wait_timeout_s", "300" },
  { "service-name-clash", headless_service_taken, AL_SEVERITY_ERROR, "service-name-clash", "c4",
    "components[3].name", "db-headless" },
};

static void
test_single_diagnostic (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = NULL;
  const AlDiagnostic *d;

  c->mutate (doc);
  diagnostics = al_validate_document (doc);
  dump (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (d->severity, ==, c->severity);
  g_assert_cmpstr (d->code, ==, c->code);
  g_assert_cmpstr (d->subject, ==, c->subject);
  /* The resolver's diagnostics carry its own paths; they must still point
   * into the component concerned. */
  if (c->path != NULL)
    g_assert_cmpstr (d->path, ==, c->path);
  else
    g_assert_true (d->path != NULL && g_str_has_prefix (d->path, "components[2]"));
  g_assert_cmpuint (strlen (d->message), >, 20);
  if (c->mentions != NULL)
    g_assert_nonnull (strstr (d->message, c->mentions));
}

static void
test_clean_document (void)
{
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = al_validate_document (doc);

  dump (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static void
test_empty_document (void)
{
  g_autoptr (AlDocument) doc = al_document_new ();
  g_autoptr (GPtrArray) diagnostics = NULL;

  /* A new document only lacks its name. */
  al_document_set_name (doc, "new-app");
  diagnostics = al_validate_document (doc);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static void
test_self_wait_is_also_a_cycle (void)
{
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = NULL;
  const AlDiagnostic *cycle;

  add_dependency (doc, "d3", "c3", "c3", 1);
  diagnostics = al_validate_document (doc);
  dump (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  g_assert_true (al_diagnostic_list_has (diagnostics, "self-dependency", "d3"));
  g_assert_true (al_diagnostic_list_has (diagnostics, "startup-cycle", "c3"));
  cycle = g_ptr_array_index (diagnostics, 0);
  if (strcmp (cycle->code, "startup-cycle") != 0)
    cycle = g_ptr_array_index (diagnostics, 1);
  g_assert_cmpstr (cycle->path, ==, "dependencies[2].wait");
  g_assert_nonnull (strstr (cycle->message, "d3"));
}

static void
test_each_cycle_reported_once (void)
{
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = NULL;
  guint n_cycles = 0;

  /* db ⇄ api through d1 and d3, and a second cycle between two more
   * components; web waits on the first but is not on it. */
  add_dependency (doc, "d3", "c1", "c2", 1);
  add_port (add_component (doc, "c4", "queue", "x86", "rabbitmq:3"), 5672, NULL, TRUE, FALSE);
  add_port (add_component (doc, "c5", "worker", "x86", "worker:1"), 9000, NULL, TRUE, FALSE);
  add_dependency (doc, "d4", "c4", "c5", 1);
  add_dependency (doc, "d5", "c5", "c4", 1);
  diagnostics = al_validate_document (doc);
  dump (diagnostics);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const AlDiagnostic *d = g_ptr_array_index (diagnostics, i);
      if (strcmp (d->code, "startup-cycle") != 0)
        continue;
      n_cycles++;
      if (strcmp (d->subject, "c1") == 0)
        {
          g_assert_nonnull (strstr (d->message, "“db”"));
          g_assert_nonnull (strstr (d->message, "“api”"));
          g_assert_null (strstr (d->message, "“web”"));
        }
      else
        {
          g_assert_cmpstr (d->subject, ==, "c4");
          g_assert_cmpstr (d->path, ==, "dependencies[3].wait");
          g_assert_nonnull (strstr (d->message, "“queue”"));
          g_assert_nonnull (strstr (d->message, "“worker”"));
        }
    }
  g_assert_cmpuint (n_cycles, ==, 2);
}

static void
test_no_wait_breaks_cycle (void)
{
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = NULL;

  al_dependency_set_wait (add_dependency (doc, "d3", "c1", "c3", 1), FALSE);
  diagnostics = al_validate_document (doc);
  dump (diagnostics);
  g_assert_false (al_diagnostic_list_has (diagnostics, "startup-cycle", NULL));
}

static void
test_traffic_range (void)
{
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = NULL;

  /* Same lane, so no cross-architecture advice on top. */
  al_component_set_lane (component (doc, "c2"), "x86");
  al_dependency_set_traffic (dependency (doc, "d1"), -1);
  diagnostics = al_validate_document (doc);
  dump (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_true (al_diagnostic_list_has (diagnostics, "invalid-traffic", "d1"));
  g_assert_cmpstr (((AlDiagnostic *)g_ptr_array_index (diagnostics, 0))->path, ==,
                   "dependencies[0].traffic");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  traffic_too_high (doc);
  diagnostics = al_validate_document (doc);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_true (al_diagnostic_list_has (diagnostics, "invalid-traffic", "d1"));
}

static void
test_chatty_needs_two_arches (void)
{
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = NULL;

  /* web (amd64) → api (arm64) at 49: below the threshold; db → … on one
   * lane at 100: not across arches. */
  al_dependency_set_traffic (dependency (doc, "d2"), 49);
  al_component_set_lane (component (doc, "c2"), "x86");
  al_dependency_set_traffic (dependency (doc, "d1"), 100);
  diagnostics = al_validate_document (doc);
  dump (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static void
test_default_aliases_do_not_collide (void)
{
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = NULL;

  /* Two inner ports without aliases are WEB_80 and WEB_443; an outer-only
   * port is never injected, so its default alias does not matter. */
  add_port (component (doc, "c3"), 443, NULL, TRUE, TRUE);
  add_port (component (doc, "c3"), 9100, NULL, FALSE, TRUE);
  diagnostics = al_validate_document (doc);
  dump (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static void
test_sorted_errors_first (void)
{
  g_autoptr (AlDocument) doc = make_clean_document ();
  g_autoptr (GPtrArray) diagnostics = NULL;

  chatty_across_arches (doc);
  image_empty (doc);
  name_not_dns (doc);
  diagnostics = al_validate_document (doc);
  g_assert_cmpuint (diagnostics->len, ==, 3);
  g_assert_cmpuint (al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR), ==, 2);
  g_assert_cmpstr (((AlDiagnostic *)g_ptr_array_index (diagnostics, 0))->subject, ==, "");
  g_assert_cmpstr (((AlDiagnostic *)g_ptr_array_index (diagnostics, 1))->code, ==, "missing-image");
  g_assert_cmpstr (((AlDiagnostic *)g_ptr_array_index (diagnostics, 2))->code, ==,
                   "cross-arch-chatty");
}

/* 20,000 components in a wait chain, each consuming the next: the size the
 * editor must validate on every edit. No timing here (see the benchmark);
 * the result must still be exact. */
static void
test_large_document (void)
{
  const guint n = 20000;
  g_autoptr (AlDocument) doc = al_document_new ();
  g_autoptr (AlLane) lane = al_lane_new ("x86", "amd64", "x86_64");
  g_autoptr (GPtrArray) diagnostics = NULL;

  al_document_set_name (doc, "large");
  al_document_add_lane (doc, lane);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *name = g_strdup_printf ("svc-%u", i);
      AlComponent *c = add_component (doc, id, name, "x86", "app:1");
      add_port (c, 8080, NULL, TRUE, FALSE);
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      g_autofree char *from = g_strdup_printf ("c%u", i);
      g_autofree char *to = g_strdup_printf ("c%u", i + 1);
      add_dependency (doc, id, from, to, 1);
    }
  /* Close the chain into one cycle of every component. */
  add_dependency (doc, "back", "c19999", "c0", 1);

  diagnostics = al_validate_document (doc);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_true (al_diagnostic_list_has (diagnostics, "startup-cycle", "c0"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnostics/clean-document", test_clean_document);
  g_test_add_func ("/diagnostics/empty-document", test_empty_document);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/diagnostics/single/%s", cases[i].test_name);
      g_test_add_data_func (path, &cases[i], test_single_diagnostic);
    }
  g_test_add_func ("/diagnostics/self-wait-is-also-a-cycle", test_self_wait_is_also_a_cycle);
  g_test_add_func ("/diagnostics/each-cycle-reported-once", test_each_cycle_reported_once);
  g_test_add_func ("/diagnostics/no-wait-breaks-cycle", test_no_wait_breaks_cycle);
  g_test_add_func ("/diagnostics/traffic-range", test_traffic_range);
  g_test_add_func ("/diagnostics/chatty-needs-two-arches", test_chatty_needs_two_arches);
  g_test_add_func ("/diagnostics/default-aliases-do-not-collide",
                   test_default_aliases_do_not_collide);
  g_test_add_func ("/diagnostics/sorted-errors-first", test_sorted_errors_first);
  g_test_add_func ("/diagnostics/large-document", test_large_document);
  return g_test_run ();
}
