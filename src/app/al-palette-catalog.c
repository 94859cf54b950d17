/* al-palette-catalog.c: the component templates offered by the palette */
#include "al-palette-catalog.h"

#include <glib/gi18n-lib.h>

/* The defaults are a small constant table: a palette entry never changes,
 * and creating a component copies everything out of it. Default values may
 * hold "{name}", replaced by the component's unique name, for values that
 * must name the component's own Service (Kafka's advertised listener,
 * Nacos' server address). */

typedef struct
{
  int port;
  AlProtocol protocol;
  const char *alias;
  gboolean inner;
  gboolean outer;
} PortDef;

typedef struct
{
  const char *name;
  const char *value;
  gboolean secret;
} VarDef;

typedef struct
{
  const char *name;
  const char *path;
  int size_mib;
} VolumeDef;

#define MAX_PORTS 3
#define MAX_VARS 10
#define MAX_VOLUMES 2

struct _AlPaletteEntry
{
  const char *id;
  const char *base_name;      /* the component name before uniquifying */
  const char *title;          /* N_() */
  const char *description;    /* N_() */
  const char *category;       /* N_() */
  const char *icon_name;
  const char *image;          /* "" for the custom image */
  AlKind kind;
  int replicas;
  int cpu_millis;
  int memory_mib;
  const char *const *command; /* NULL-terminated or NULL */
  const char *const *args;
  PortDef ports[MAX_PORTS + 1];           /* ends at port 0 */
  VarDef env[MAX_VARS + 1];               /* ends at name NULL */
  VarDef connection[MAX_VARS + 1];
  VolumeDef volumes[MAX_VOLUMES + 1];
  AlProbeType probe_type;
  int probe_port;
  const char *probe_path;
  const char *const *probe_command;
};

#define STRV(...) ((const char *const[]) { __VA_ARGS__, NULL })

#define CATEGORY_SERVICES N_("Web and services")
#define CATEGORY_DATA N_("Databases and caches")
#define CATEGORY_MIDDLEWARE N_("Messaging and middleware")
#define CATEGORY_OTHER N_("Other")

static const AlPaletteEntry entries[] = {
  {
    .id = "web",
    .category = CATEGORY_SERVICES,
    .base_name = "web",
    .title = N_("Web front end"),
    .description = N_("nginx serving a web front end on port 80, exposed outside the cluster"),
    .icon_name = "web-browser-symbolic",
    .image = "nginx:1.25",
    .kind = AL_KIND_STATELESS, .replicas = 2, .cpu_millis = 200, .memory_mib = 128,
    .ports = { { 80, AL_PROTOCOL_HTTP, "WEB", TRUE, TRUE } },
    .probe_type = AL_PROBE_HTTP, .probe_port = 80, .probe_path = "/",
  },
  {
    .id = "java-service",
    .category = CATEGORY_SERVICES,
    .base_name = "java-service",
    .title = N_("Java service"),
    .description = N_("A Spring Boot style service on the eclipse-temurin 17 JRE, running /app/app.jar on port 8080; build your image from it or replace the image"),
    .icon_name = "applications-engineering-symbolic",
    .image = "eclipse-temurin:17-jre",
    .kind = AL_KIND_STATELESS, .replicas = 2, .cpu_millis = 500, .memory_mib = 768,
    .command = STRV ("java"),
    .args = STRV ("-jar", "/app/app.jar", "--server.port=8080"),
    .ports = { { 8080, AL_PROTOCOL_HTTP, "JAVA_SERVICE", TRUE, FALSE } },
    .env = { { "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75", FALSE } },
    .probe_type = AL_PROBE_HTTP, .probe_port = 8080, .probe_path = "/actuator/health",
  },
  {
    .id = "go-service",
    .category = CATEGORY_SERVICES,
    .base_name = "go-service",
    .title = N_("Go service"),
    .description = N_("A Go service on port 8080 with a /healthz check; the image is a placeholder to replace with your own build"),
    .icon_name = "utilities-terminal-symbolic",
    .image = "registry.example.com/my-team/go-service:1.0",
    .kind = AL_KIND_STATELESS, .replicas = 2, .cpu_millis = 250, .memory_mib = 128,
    .ports = { { 8080, AL_PROTOCOL_HTTP, "GO_SERVICE", TRUE, FALSE } },
    .probe_type = AL_PROBE_HTTP, .probe_port = 8080, .probe_path = "/healthz",
  },
  {
    .id = "node-service",
    .category = CATEGORY_SERVICES,
    .base_name = "node-service",
    .title = N_("Node.js service"),
    .description = N_("A Node.js 20 service running /app/server.js on port 3000; build your image from node:20-alpine or replace the image"),
    .icon_name = "system-run-symbolic",
    .image = "node:20-alpine",
    .kind = AL_KIND_STATELESS, .replicas = 2, .cpu_millis = 250, .memory_mib = 256,
    .command = STRV ("node"),
    .args = STRV ("/app/server.js"),
    .ports = { { 3000, AL_PROTOCOL_HTTP, "NODE_SERVICE", TRUE, FALSE } },
    .env = { { "NODE_ENV", "production", FALSE }, { "PORT", "3000", FALSE } },
    .probe_type = AL_PROBE_TCP, .probe_port = 3000,
  },
  {
    .id = "python-service",
    .category = CATEGORY_SERVICES,
    .base_name = "python-service",
    .title = N_("Python service"),
    .description = N_("A Python 3.12 service running /app/main.py on port 8000; build your image from python:3.12-slim or replace the image"),
    .icon_name = "applications-science-symbolic",
    .image = "python:3.12-slim",
    .kind = AL_KIND_STATELESS, .replicas = 2, .cpu_millis = 250, .memory_mib = 256,
    .command = STRV ("python"),
    .args = STRV ("/app/main.py"),
    .ports = { { 8000, AL_PROTOCOL_HTTP, "PYTHON_SERVICE", TRUE, FALSE } },
    .env = { { "PYTHONUNBUFFERED", "1", FALSE }, { "PORT", "8000", FALSE } },
    .probe_type = AL_PROBE_TCP, .probe_port = 8000,
  },
  {
    .id = "gateway",
    .category = CATEGORY_SERVICES,
    .base_name = "gateway",
    .title = N_("API gateway"),
    .description = N_("Kong 3.6 without a database, proxying on 8000 (HTTP) and 8443 (HTTPS), both exposed outside the cluster"),
    .icon_name = "network-workgroup-symbolic",
    .image = "kong:3.6",
    .kind = AL_KIND_STATELESS, .replicas = 2, .cpu_millis = 500, .memory_mib = 512,
    .ports = {
      { 8000, AL_PROTOCOL_HTTP, "GATEWAY", TRUE, TRUE },
      { 8443, AL_PROTOCOL_HTTPS, "GATEWAY_TLS", TRUE, TRUE },
    },
    .env = {
      { "KONG_DATABASE", "off", FALSE },
      { "KONG_PROXY_LISTEN", "0.0.0.0:8000, 0.0.0.0:8443 ssl", FALSE },
      { "KONG_PROXY_ACCESS_LOG", "/dev/stdout", FALSE },
      { "KONG_PROXY_ERROR_LOG", "/dev/stderr", FALSE },
    },
    .probe_type = AL_PROBE_TCP, .probe_port = 8000,
  },
  {
    .id = "mysql",
    .category = CATEGORY_DATA,
    .base_name = "mysql",
    .title = N_("MySQL"),
    .description = N_("MySQL 8.0 database with a 10 GiB volume; consumers receive MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD and MYSQL_DATABASE"),
    .icon_name = "drive-harddisk-symbolic",
    .image = "mysql:8.0",
    .kind = AL_KIND_STATEFUL, .replicas = 1, .cpu_millis = 1000, .memory_mib = 1024,
    .ports = { { 3306, AL_PROTOCOL_TCP, "MYSQL", TRUE, FALSE } },
    .env = {
      { "MYSQL_ROOT_PASSWORD", "changeme-root", TRUE },
      { "MYSQL_DATABASE", "app", FALSE },
      { "MYSQL_USER", "app", FALSE },
      { "MYSQL_PASSWORD", "changeme", TRUE },
    },
    .connection = {
      { "MYSQL_USER", "app", FALSE },
      { "MYSQL_PASSWORD", "changeme", TRUE },
      { "MYSQL_DATABASE", "app", FALSE },
    },
    .volumes = { { "data", "/var/lib/mysql", 10240 } },
    .probe_type = AL_PROBE_TCP, .probe_port = 3306,
  },
  {
    .id = "postgres",
    .category = CATEGORY_DATA,
    .base_name = "postgres",
    .title = N_("PostgreSQL"),
    .description = N_("PostgreSQL 16 database with a 10 GiB volume; consumers receive POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB"),
    .icon_name = "drive-multidisk-symbolic",
    .image = "postgres:16",
    .kind = AL_KIND_STATEFUL, .replicas = 1, .cpu_millis = 1000, .memory_mib = 1024,
    .ports = { { 5432, AL_PROTOCOL_TCP, "POSTGRES", TRUE, FALSE } },
    .env = {
      { "POSTGRES_USER", "app", FALSE },
      { "POSTGRES_PASSWORD", "changeme", TRUE },
      { "POSTGRES_DB", "app", FALSE },
      /* A subdirectory, since the volume's root holds lost+found. */
      { "PGDATA", "/var/lib/postgresql/data/pgdata", FALSE },
    },
    .connection = {
      { "POSTGRES_USER", "app", FALSE },
      { "POSTGRES_PASSWORD", "changeme", TRUE },
      { "POSTGRES_DB", "app", FALSE },
    },
    .volumes = { { "data", "/var/lib/postgresql/data", 10240 } },
    .probe_type = AL_PROBE_TCP, .probe_port = 5432,
  },
  {
    .id = "redis",
    .category = CATEGORY_DATA,
    .base_name = "redis",
    .title = N_("Redis"),
    .description = N_("Redis 7.2 cache with a password and an append-only file on a 2 GiB volume; consumers receive REDIS_HOST, REDIS_PORT and REDIS_PASSWORD"),
    .icon_name = "media-flash-symbolic",
    .image = "redis:7.2",
    .kind = AL_KIND_STATEFUL, .replicas = 1, .cpu_millis = 250, .memory_mib = 512,
    .command = STRV ("redis-server"),
    .args = STRV ("--requirepass", "${REDIS_PASSWORD}", "--appendonly", "yes"),
    .ports = { { 6379, AL_PROTOCOL_TCP, "REDIS", TRUE, FALSE } },
    .env = { { "REDIS_PASSWORD", "changeme", TRUE } },
    .connection = { { "REDIS_PASSWORD", "changeme", TRUE } },
    .volumes = { { "data", "/data", 2048 } },
    .probe_type = AL_PROBE_TCP, .probe_port = 6379,
  },
  {
    .id = "mongodb",
    .category = CATEGORY_DATA,
    .base_name = "mongodb",
    .title = N_("MongoDB"),
    .description = N_("MongoDB 7.0 document database with a 10 GiB volume; consumers receive MONGODB_HOST, MONGODB_PORT, MONGODB_USER, MONGODB_PASSWORD and MONGODB_DATABASE"),
    .icon_name = "folder-documents-symbolic",
    .image = "mongo:7.0",
    .kind = AL_KIND_STATEFUL, .replicas = 1, .cpu_millis = 1000, .memory_mib = 1024,
    .ports = { { 27017, AL_PROTOCOL_TCP, "MONGODB", TRUE, FALSE } },
    .env = {
      { "MONGO_INITDB_ROOT_USERNAME", "root", FALSE },
      { "MONGO_INITDB_ROOT_PASSWORD", "changeme", TRUE },
      { "MONGO_INITDB_DATABASE", "app", FALSE },
    },
    .connection = {
      { "MONGODB_USER", "root", FALSE },
      { "MONGODB_PASSWORD", "changeme", TRUE },
      { "MONGODB_DATABASE", "app", FALSE },
    },
    .volumes = { { "data", "/data/db", 10240 } },
    .probe_type = AL_PROBE_TCP, .probe_port = 27017,
  },
  {
    .id = "rabbitmq",
    .category = CATEGORY_MIDDLEWARE,
    .base_name = "rabbitmq",
    .title = N_("RabbitMQ"),
    .description = N_("RabbitMQ 3.13 message broker with the management console exposed on 15672; consumers receive RABBITMQ_HOST, RABBITMQ_PORT, AMQP_USER, AMQP_PASSWORD and AMQP_VHOST"),
    .icon_name = "mail-send-receive-symbolic",
    .image = "rabbitmq:3.13-management",
    .kind = AL_KIND_STATEFUL, .replicas = 1, .cpu_millis = 500, .memory_mib = 1024,
    .ports = {
      { 5672, AL_PROTOCOL_TCP, "RABBITMQ", TRUE, FALSE },
      { 15672, AL_PROTOCOL_HTTP, "RABBITMQ_ADMIN", FALSE, TRUE },
    },
    .env = {
      { "RABBITMQ_DEFAULT_USER", "app", FALSE },
      { "RABBITMQ_DEFAULT_PASS", "changeme", TRUE },
      { "RABBITMQ_DEFAULT_VHOST", "app", FALSE },
    },
    /* The names the bundled templates use. */
    .connection = {
      { "AMQP_USER", "app", FALSE },
      { "AMQP_PASSWORD", "changeme", TRUE },
      { "AMQP_VHOST", "app", FALSE },
    },
    .volumes = { { "data", "/var/lib/rabbitmq", 5120 } },
    .probe_type = AL_PROBE_TCP, .probe_port = 5672,
  },
  {
    .id = "kafka",
    .category = CATEGORY_MIDDLEWARE,
    .base_name = "kafka",
    .title = N_("Kafka"),
    .description = N_("Apache Kafka 3.7 single-node broker in KRaft mode with a 10 GiB volume; consumers receive KAFKA_HOST, KAFKA_PORT and KAFKA_BOOTSTRAP_SERVERS"),
    .icon_name = "network-transmit-receive-symbolic",
    .image = "apache/kafka:3.7.0",
    .kind = AL_KIND_STATEFUL, .replicas = 1, .cpu_millis = 1000, .memory_mib = 2048,
    .ports = { { 9092, AL_PROTOCOL_TCP, "KAFKA", TRUE, FALSE } },
    .env = {
      { "KAFKA_NODE_ID", "1", FALSE },
      { "KAFKA_PROCESS_ROLES", "broker,controller", FALSE },
      { "KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093", FALSE },
      { "KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://{name}:9092", FALSE },
      { "KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER", FALSE },
      { "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT", FALSE },
      { "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093", FALSE },
      { "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1", FALSE },
      { "KAFKA_LOG_DIRS", "/var/lib/kafka/data", FALSE },
    },
    .connection = { { "KAFKA_BOOTSTRAP_SERVERS", "{name}:9092", FALSE } },
    .volumes = { { "data", "/var/lib/kafka/data", 10240 } },
    .probe_type = AL_PROBE_TCP, .probe_port = 9092,
  },
  {
    .id = "nacos",
    .category = CATEGORY_MIDDLEWARE,
    .base_name = "nacos",
    .title = N_("Nacos"),
    .description = N_("Nacos 2.3 registry and configuration centre in standalone mode; consumers receive NACOS_HOST, NACOS_PORT, NACOS_SERVER_ADDR and NACOS_GROUP"),
    .icon_name = "preferences-system-symbolic",
    .image = "nacos/nacos-server:v2.3.2",
    .kind = AL_KIND_STATEFUL, .replicas = 1, .cpu_millis = 500, .memory_mib = 1024,
    .ports = {
      { 8848, AL_PROTOCOL_HTTP, "NACOS", TRUE, TRUE },
      { 9848, AL_PROTOCOL_GRPC, "NACOS_GRPC", TRUE, FALSE },
    },
    .env = {
      { "MODE", "standalone", FALSE },
      { "PREFER_HOST_MODE", "hostname", FALSE },
      { "JVM_XMS", "512m", FALSE },
      { "JVM_XMX", "512m", FALSE },
      { "JVM_XMN", "256m", FALSE },
    },
    .connection = {
      { "NACOS_SERVER_ADDR", "{name}:8848", FALSE },
      { "NACOS_GROUP", "DEFAULT_GROUP", FALSE },
    },
    .volumes = { { "data", "/home/nacos/data", 2048 } },
    .probe_type = AL_PROBE_HTTP, .probe_port = 8848,
    .probe_path = "/nacos/v1/console/health/readiness",
  },
  {
    .id = "custom",
    .category = CATEGORY_OTHER,
    .base_name = "app",
    .title = N_("Custom image"),
    .description = N_("Any container image: fill in the image, then its ports, environment and probe"),
    .icon_name = "package-x-generic-symbolic",
    .image = "",
    .kind = AL_KIND_STATELESS, .replicas = 1, .cpu_millis = 250, .memory_mib = 256,
    .ports = { { 8080, AL_PROTOCOL_HTTP, NULL, TRUE, FALSE } },
    .probe_type = AL_PROBE_NONE,
  },
};

guint
al_palette_catalog_get_n_entries (void)
{
  return G_N_ELEMENTS (entries);
}

const AlPaletteEntry *
al_palette_catalog_get_entry (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (entries), NULL);
  return &entries[index];
}

const AlPaletteEntry *
al_palette_catalog_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (g_str_equal (entries[i].id, id))
      return &entries[i];
  return NULL;
}

const char *
al_palette_entry_get_id (const AlPaletteEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->id;
}

const char *
al_palette_entry_get_title (const AlPaletteEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return _(entry->title);
}

const char *
al_palette_entry_get_description (const AlPaletteEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return _(entry->description);
}

const char *
al_palette_entry_get_icon_name (const AlPaletteEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->icon_name;
}

const char *
al_palette_entry_get_category (const AlPaletteEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return _(entry->category);
}

const char *
al_palette_entry_get_image (const AlPaletteEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->image;
}

static gboolean
casefold_contains (const char *haystack, const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

gboolean
al_palette_entry_matches (const AlPaletteEntry *entry, const char *query)
{
  g_autofree char *stripped = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (query == NULL)
    return TRUE;
  stripped = g_strstrip (g_strdup (query));
  if (*stripped == '\0')
    return TRUE;
  if (!g_utf8_validate (stripped, -1, NULL))
    return FALSE;
  needle = g_utf8_casefold (stripped, -1);

  return casefold_contains (_(entry->title), needle) ||
         casefold_contains (entry->title, needle) ||
         casefold_contains (entry->id, needle) ||
         casefold_contains (entry->image, needle) ||
         casefold_contains (_(entry->description), needle) ||
         casefold_contains (entry->description, needle) ||
         casefold_contains (_(entry->category), needle);
}

/* The environment-variable form of a component name: "go-service-2" →
 * "GO_SERVICE_2", as the default port alias is derived (DESIGN §3). */
static char *
name_to_alias (const char *name)
{
  char *alias = g_ascii_strup (name, -1);

  g_strdelimit (alias, "-", '_');
  return alias;
}

/* Keeps a second MySQL from handing its consumers the same MYSQL_HOST or
 * MYSQL_USER as the first: names starting with the base alias take the
 * alias of the unique name ("MYSQL_USER" → "MYSQL_2_USER"). */
static char *
rename_prefixed (const char *str, const char *old_prefix, const char *new_prefix)
{
  gsize len = strlen (old_prefix);

  if (g_str_equal (old_prefix, new_prefix) || strncmp (str, old_prefix, len) != 0)
    return g_strdup (str);
  if (str[len] != '\0' && str[len] != '_')
    return g_strdup (str);
  return g_strconcat (new_prefix, str + len, NULL);
}

static char *
expand_name (const char *value, const char *name)
{
  g_auto (GStrv) parts = NULL;

  if (value == NULL || strstr (value, "{name}") == NULL)
    return g_strdup (value);
  parts = g_strsplit (value, "{name}", -1);
  return g_strjoinv (name, parts);
}

static void
add_vars (AlComponent *component, AlCollection collection, const VarDef *defs,
          const char *name, const char *old_prefix, const char *new_prefix)
{
  GListModel *list = al_component_get_collection (component, collection);

  for (guint i = 0; i < MAX_VARS && defs[i].name != NULL; i++)
    {
      g_autofree char *var_name = NULL;
      g_autofree char *value = expand_name (defs[i].value, name);
      g_autoptr (AlEnvVar) var = NULL;

      /* A provider's own env is read by its image, so only what consumers
       * receive is renamed. */
      if (collection == AL_COLLECTION_CONNECTION)
        var_name = rename_prefixed (defs[i].name, old_prefix, new_prefix);
      else
        var_name = g_strdup (defs[i].name);
      var = al_env_var_new_value (var_name, value, defs[i].secret);
      al_component_insert (component, collection, g_list_model_get_n_items (list), var);
    }
}

static char **
expand_strv (const char *const *strv, const char *name)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **result;

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      g_autofree char *expanded = expand_name (strv[i], name);
      g_strv_builder_add (builder, expanded);
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

AlComponent *
al_palette_entry_create_component (const AlPaletteEntry *entry,
                                   AlDocument *document,
                                   const char *lane_id,
                                   const graphene_point_t *position)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *old_prefix = NULL;
  g_autofree char *new_prefix = NULL;
  g_autofree char *display_name = NULL;
  g_auto (GStrv) command = NULL;
  g_auto (GStrv) args = NULL;
  AlComponent *component;
  AlProbe *probe;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (lane_id != NULL, NULL);

  id = al_document_make_id (document, "c");
  name = al_document_make_unique_name (document, entry->base_name);
  old_prefix = name_to_alias (entry->base_name);
  new_prefix = name_to_alias (name);

  component = al_component_new (id, name, lane_id);
  /* The suffix of a second instance shows in its display name too, so
   * the cards and the outline tell them apart. */
  if (g_str_equal (name, entry->base_name))
    display_name = g_strdup (_(entry->title));
  else
    display_name = g_strdup_printf ("%s %s", _(entry->title),
                                    name + strlen (entry->base_name) + 1);
  al_component_set_display_name (component, display_name);
  al_component_set_image (component, entry->image);
  al_component_set_kind (component, entry->kind);
  al_component_set_replicas (component, entry->replicas);
  al_component_set_cpu_millis (component, entry->cpu_millis);
  al_component_set_memory_mib (component, entry->memory_mib);
  command = expand_strv (entry->command, name);
  args = expand_strv (entry->args, name);
  al_component_set_command (component, (const char *const *) command);
  al_component_set_args (component, (const char *const *) args);
  if (position != NULL)
    al_component_set_position (component, position);

  for (guint i = 0; i < MAX_PORTS && entry->ports[i].port != 0; i++)
    {
      const PortDef *def = &entry->ports[i];
      g_autoptr (AlPort) port = al_port_new (def->port, def->protocol);

      if (def->alias != NULL)
        {
          g_autofree char *alias = rename_prefixed (def->alias, old_prefix, new_prefix);
          al_port_set_alias (port, alias);
        }
      al_port_set_inner (port, def->inner);
      al_port_set_outer (port, def->outer);
      al_component_insert (component, AL_COLLECTION_PORTS, i, port);
    }

  add_vars (component, AL_COLLECTION_ENV, entry->env, name, old_prefix, new_prefix);
  add_vars (component, AL_COLLECTION_CONNECTION, entry->connection, name, old_prefix, new_prefix);

  for (guint i = 0; i < MAX_VOLUMES && entry->volumes[i].name != NULL; i++)
    {
      const VolumeDef *def = &entry->volumes[i];
      g_autoptr (AlVolume) volume = al_volume_new (def->name, def->path, def->size_mib);

      al_component_insert (component, AL_COLLECTION_VOLUMES, i, volume);
    }

  probe = al_component_get_probe (component);
  al_probe_set_probe_type (probe, entry->probe_type);
  if (entry->probe_port != 0)
    al_probe_set_port (probe, entry->probe_port);
  if (entry->probe_path != NULL)
    al_probe_set_path (probe, entry->probe_path);
  if (entry->probe_command != NULL)
    al_probe_set_command (probe, entry->probe_command);

  return component;
}
