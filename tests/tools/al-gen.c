/* al-gen.c: synthetic documents shaped like real microservice systems
 *
 * Every choice is drawn from one GRand seeded by the caller, in a fixed
 * order, so a seed always gives the same document. The shapes follow what
 * users build: mostly stateless services with one HTTP port, a minority of
 * stateful stores with volumes and connection info, providers mostly
 * "below" their consumers, a few back edges that do not wait. */
#include "al-gen.h"

#include <string.h>

typedef struct
{
  int port;
  AlProtocol protocol;
  /* Suffix of the explicit alias, alphabetic so that an explicit alias
   * ("ORDERS_12_API") never equals a default one ("ORDERS_12_8080"). */
  const char *tag;
} PortSpec;

typedef struct
{
  const char *word;
  const char *title;
  const char *title_zh;
  const char *image;
  const char *volume_path;
  PortSpec ports[2];
  guint n_ports;
  gboolean database;
} StoreProfile;

typedef struct
{
  const char *word;
  const char *title;
  const char *title_zh;
} ServiceProfile;

static const StoreProfile store_profiles[] = {
  { "mysql", "MySQL", "MySQL 数据库", "mysql:8.0", "/var/lib/mysql",
    { { 3306, AL_PROTOCOL_TCP, "SQL" }, { 33060, AL_PROTOCOL_TCP, "XPROTO" } }, 2, TRUE },
  { "postgres", "PostgreSQL", "PostgreSQL 数据库", "postgres:16", "/var/lib/postgresql/data",
    { { 5432, AL_PROTOCOL_TCP, "SQL" } }, 1, TRUE },
  { "redis", "Redis", "Redis 缓存", "redis:7.2", "/data",
    { { 6379, AL_PROTOCOL_TCP, "RESP" } }, 1, FALSE },
  { "kafka", "Kafka", "Kafka 消息队列", "bitnami/kafka:3.6", "/bitnami/kafka",
    { { 9092, AL_PROTOCOL_TCP, "BROKER" }, { 9093, AL_PROTOCOL_TCP, "CONTROLLER" } }, 2, FALSE },
  { "mongodb", "MongoDB", "MongoDB 文档库", "mongo:7.0", "/data/db",
    { { 27017, AL_PROTOCOL_TCP, "WIRE" } }, 1, TRUE },
  { "elasticsearch", "Elasticsearch", "搜索引擎", "elasticsearch:8.11.1",
    "/usr/share/elasticsearch/data",
    { { 9200, AL_PROTOCOL_HTTP, "REST" }, { 9300, AL_PROTOCOL_TCP, "TRANSPORT" } }, 2, FALSE },
  { "etcd", "etcd", "etcd 配置中心", "quay.io/coreos/etcd:v3.5.11", "/var/lib/etcd",
    { { 2379, AL_PROTOCOL_GRPC, "CLIENT" }, { 2380, AL_PROTOCOL_TCP, "PEER" } }, 2, FALSE },
  { "rabbitmq", "RabbitMQ", "RabbitMQ 消息队列", "rabbitmq:3.12", "/var/lib/rabbitmq",
    { { 5672, AL_PROTOCOL_TCP, "AMQP" }, { 15672, AL_PROTOCOL_HTTP, "ADMIN" } }, 2, FALSE },
};

static const ServiceProfile service_profiles[] = {
  { "orders", "Orders", "订单服务" },       { "payments", "Payments", "支付服务" },
  { "catalog", "Catalog", "商品目录" },     { "users", "Users", "用户中心" },
  { "gateway", "Gateway", "网关" },         { "search", "Search", "搜索服务" },
  { "billing", "Billing", "计费服务" },     { "inventory", "Inventory", "库存服务" },
  { "shipping", "Shipping", "物流服务" },   { "notify", "Notifications", "通知服务" },
  { "auth", "Auth", "认证服务" },           { "cart", "Cart", "购物车" },
  { "reviews", "Reviews", "评价服务" },     { "media", "Media", "媒体服务" },
  { "report", "Reports", "报表服务" },      { "pricing", "Pricing", "定价服务" },
  { "coupon", "Coupons", "优惠券服务" },    { "ledger", "Ledger", "账务服务" },
  { "audit", "Audit", "审计服务" },         { "scheduler", "Scheduler", "调度服务" },
  { "frontend", "Frontend", "前端" },       { "recommend", "Recommendations", "推荐服务" },
};

/* The ports a stateless service may open; the first four can be its main
 * port, the others only come as extras. */
static const PortSpec service_ports[] = {
  { 8080, AL_PROTOCOL_HTTP, "API" },     { 9090, AL_PROTOCOL_GRPC, "RPC" },
  { 8443, AL_PROTOCOL_HTTPS, "TLS" },    { 7000, AL_PROTOCOL_TCP, "RAW" },
  { 9100, AL_PROTOCOL_HTTP, "METRICS" }, { 5140, AL_PROTOCOL_UDP, "SYSLOG" },
};

static const struct
{
  const char *id;
  const char *arch;
  const char *label;
  gboolean tolerate_taint;
} lane_specs[AL_GEN_MAX_LANES] = {
  { "x86", "amd64", "x86_64", FALSE },     { "arm", "arm64", "arm64", TRUE },
  { "loong", "loong64", "LoongArch", TRUE }, { "riscv", "riscv64", "RISC-V", TRUE },
  { "power", "ppc64le", "POWER", TRUE },   { "z", "s390x", "IBM Z", TRUE },
};

typedef struct
{
  guint from;
  guint to;
  gboolean wait;
} Edge;

/* What the generator remembers of each component while it builds the rest. */
typedef struct
{
  AlComponent *component;
  gboolean stateful;
  const char *scheme;  /* of a store, for the consumers' DATA_SOURCE */
  int first_store_edge;   /* first dependency on a store, or -1 */
  int first_service_edge; /* first dependency on a service, or -1 */
} Node;

static guint
rnd (GRand *rand, guint n)
{
  return n > 1 ? (guint) g_rand_int_range (rand, 0, (gint32) n) : 0;
}

static gboolean
chance (GRand *rand, guint percent)
{
  return rnd (rand, 100) < percent;
}

static char *
random_hex (GRand *rand, guint n_chars)
{
  static const char digits[] = "0123456789abcdef";
  char *text = g_new (char, n_chars + 1);

  for (guint i = 0; i < n_chars; i++)
    text[i] = digits[rnd (rand, 16)];
  text[n_chars] = '\0';
  return text;
}

/* "orders-12" → "ORDERS_12", the stem of its aliases and connection names. */
static char *
upper_stem (const char *name)
{
  char *stem = g_ascii_strup (name, -1);

  g_strdelimit (stem, "-", '_');
  return stem;
}

static void
add_port (AlComponent *component, const PortSpec *spec, gboolean alias, gboolean outer)
{
  g_autoptr (AlPort) port = al_port_new (spec->port, spec->protocol);
  GListModel *ports = al_component_get_ports (component);

  /* Every port is inner, so a component is always a valid provider. */
  al_port_set_inner (port, TRUE);
  al_port_set_outer (port, outer);
  if (alias)
    {
      g_autofree char *stem = upper_stem (al_component_get_name (component));
      g_autofree char *text = g_strdup_printf ("%s_%s", stem, spec->tag);
      al_port_set_alias (port, text);
    }
  al_component_insert (component, AL_COLLECTION_PORTS, g_list_model_get_n_items (ports), port);
}

static void
add_env (AlComponent *component, AlCollection collection, AlEnvVar *var)
{
  GListModel *list = al_component_get_collection (component, collection);

  al_component_insert (component, collection, g_list_model_get_n_items (list), var);
  g_object_unref (var);
}

static void
set_display_name (AlComponent *component, GRand *rand, const char *title, const char *title_zh,
                  guint number)
{
  guint roll = rnd (rand, 100);
  g_autofree char *text = NULL;

  if (roll < 45)
    text = g_strdup_printf ("%s %u", title_zh, number);
  else if (roll < 80)
    text = g_strdup_printf ("%s %u", title, number);
  al_component_set_display_name (component, text);
}

static void
build_store (Node *node, GRand *rand, guint number)
{
  const StoreProfile *profile = &store_profiles[rnd (rand, G_N_ELEMENTS (store_profiles))];
  AlComponent *component = node->component;
  g_autofree char *name = g_strdup_printf ("%s-%u", profile->word, number);
  g_autofree char *stem = upper_stem (name);
  guint n_ports = 1 + rnd (rand, profile->n_ports);
  AlProbe *probe = al_component_get_probe (component);
  g_autoptr (AlVolume) data = NULL;

  al_component_set_name (component, name);
  set_display_name (component, rand, profile->title, profile->title_zh, number);
  al_component_set_image (component, profile->image);
  al_component_set_kind (component, AL_KIND_STATEFUL);
  al_component_set_replicas (component, chance (rand, 30) ? 3 : 1);
  al_component_set_cpu_millis (component, 500 + 250 * (int) rnd (rand, 7));
  al_component_set_memory_mib (component, 512 * (1 + (int) rnd (rand, 8)));
  node->scheme = profile->word;

  for (guint i = 0; i < n_ports; i++)
    add_port (component, &profile->ports[i], chance (rand, 20), FALSE);
  if (chance (rand, 15))
    {
      static const PortSpec exporter = { 9187, AL_PROTOCOL_HTTP, "EXPORTER" };
      add_port (component, &exporter, chance (rand, 50), FALSE);
    }

  data = al_volume_new ("data", profile->volume_path, 1024 * (1 + (int) rnd (rand, 20)));
  al_component_insert (component, AL_COLLECTION_VOLUMES, 0, data);
  if (chance (rand, 20))
    {
      g_autoptr (AlVolume) logs = al_volume_new ("logs", "/var/log/app", 512);
      al_component_insert (component, AL_COLLECTION_VOLUMES, 1, logs);
    }

  al_probe_set_probe_type (probe, AL_PROBE_TCP);
  al_probe_set_port (probe, profile->ports[0].port);

  /* Connection names start with the provider's own stem, so two providers
   * never inject the same name into one consumer. */
  {
    g_autofree char *user = g_strconcat (stem, "_USER", NULL);
    g_autofree char *password = g_strconcat (stem, "_PASSWORD", NULL);
    add_env (component, AL_COLLECTION_CONNECTION, al_env_var_new_value (user, "app", FALSE));
    if (chance (rand, 50))
      {
        g_autofree char *secret = random_hex (rand, 20);
        add_env (component, AL_COLLECTION_CONNECTION, al_env_var_new_value (password, secret, TRUE));
      }
    else
      {
        g_autofree char *secret_name = g_strconcat (name, "-auth", NULL);
        add_env (component, AL_COLLECTION_CONNECTION,
                 al_env_var_new_secret_ref (password, secret_name, "password"));
      }
    if (profile->database)
      {
        g_autofree char *database = g_strconcat (stem, "_DATABASE", NULL);
        add_env (component, AL_COLLECTION_CONNECTION, al_env_var_new_value (database, "app", FALSE));
      }
  }
}

static void
build_service (Node *node, GRand *rand, guint number)
{
  const ServiceProfile *profile = &service_profiles[rnd (rand, G_N_ELEMENTS (service_profiles))];
  AlComponent *component = node->component;
  g_autofree char *name = g_strdup_printf ("%s-%u", profile->word, number);
  g_autofree char *image = NULL;
  AlProbe *probe = al_component_get_probe (component);
  guint roll = rnd (rand, 100);
  guint main_port = roll < 55 ? 0 : roll < 80 ? 1 : roll < 90 ? 2 : 3;
  guint n_ports = 1 + rnd (rand, 3);
  gboolean used[G_N_ELEMENTS (service_ports)] = { FALSE };

  al_component_set_name (component, name);
  set_display_name (component, rand, profile->title, profile->title_zh, number);
  image = g_strdup_printf ("registry.example.com/shop/%s:1.%u.%u", profile->word, rnd (rand, 10),
                           rnd (rand, 21));
  al_component_set_image (component, image);
  al_component_set_replicas (component, 1 + (int) rnd (rand, 4));
  al_component_set_cpu_millis (component, 100 + 50 * (int) rnd (rand, 20));
  al_component_set_memory_mib (component, 128 * (1 + (int) rnd (rand, 8)));

  used[main_port] = TRUE;
  add_port (component, &service_ports[main_port], chance (rand, 20), chance (rand, 15));
  for (guint i = 1; i < n_ports; i++)
    {
      guint extra = 1 + rnd (rand, G_N_ELEMENTS (service_ports) - 1);
      if (used[extra])
        continue;
      used[extra] = TRUE;
      add_port (component, &service_ports[extra], chance (rand, 25), FALSE);
    }

  roll = rnd (rand, 100);
  if (roll < 55 && service_ports[main_port].protocol == AL_PROTOCOL_HTTP)
    {
      al_probe_set_probe_type (probe, AL_PROBE_HTTP);
      al_probe_set_port (probe, service_ports[main_port].port);
      al_probe_set_path (probe, chance (rand, 50) ? "/healthz" : "/actuator/health");
    }
  else if (roll < 70)
    {
      al_probe_set_probe_type (probe, AL_PROBE_TCP);
      al_probe_set_port (probe, service_ports[main_port].port);
    }
  else if (roll < 85)
    {
      static const char *const ready[] = { "cat", "/tmp/ready", NULL };
      al_probe_set_probe_type (probe, AL_PROBE_EXEC);
      al_probe_set_command (probe, ready);
    }

  if (chance (rand, 30))
    {
      g_autofree char *stem = upper_stem (name);
      g_autofree char *token = g_strconcat (stem, "_API_TOKEN", NULL);
      g_autofree char *version = g_strconcat (stem, "_API_VERSION", NULL);
      g_autofree char *secret_name = g_strconcat (name, "-token", NULL);
      add_env (component, AL_COLLECTION_CONNECTION,
               al_env_var_new_secret_ref (token, secret_name, "token"));
      add_env (component, AL_COLLECTION_CONNECTION, al_env_var_new_value (version, "v2", FALSE));
    }

  if (chance (rand, 25))
    {
      static const char *const command[] = { "/app/server", NULL };
      g_autofree char *listen = g_strdup_printf ("--listen=:%d", service_ports[main_port].port);
      const char *args[] = { "--log-level=${LOG_LEVEL}", listen, NULL };
      al_component_set_command (component, command);
      al_component_set_args (component, args);
    }
}

/* The alias under which @consumer sees @edge's provider, for a ${…_HOST}
 * reference: the dependency's first listed port, else the first port. */
static char *
edge_alias (Node *nodes, AlDependency *dependency, const Edge *edge)
{
  AlComponent *provider = nodes[edge->to].component;
  GArray *ports = al_dependency_get_ports (dependency);
  g_autoptr (AlPort) port = NULL;

  if (ports->len > 0)
    port = g_object_ref (al_component_find_port (provider, g_array_index (ports, int, 0)));
  else
    port = g_list_model_get_item (al_component_get_ports (provider), 0);
  return al_component_dup_port_alias (provider, port);
}

static void
build_own_env (Node *nodes, guint index, GRand *rand, GPtrArray *dependencies, const Edge *edges)
{
  Node *node = &nodes[index];
  AlComponent *component = node->component;
  const char *name = al_component_get_name (component);
  guint n_vars = 2 + rnd (rand, 5);
  guint n_added = 0;
  guint pool[9];
  guint n_pool = G_N_ELEMENTS (pool);
  static const char *const levels[] = { "info", "debug", "warn" };

  /* LOG_LEVEL first: the args of some services refer to it. */
  add_env (component, AL_COLLECTION_ENV,
           al_env_var_new_value ("LOG_LEVEL", levels[rnd (rand, G_N_ELEMENTS (levels))], FALSE));
  n_added++;

  if (node->first_service_edge >= 0)
    {
      int e = node->first_service_edge;
      g_autofree char *alias = edge_alias (nodes, dependencies->pdata[e], &edges[e]);
      g_autofree char *url = g_strdup_printf ("http://${%s_HOST}:${%s_PORT}/", alias, alias);
      add_env (component, AL_COLLECTION_ENV, al_env_var_new_value ("UPSTREAM_URL", url, FALSE));
      n_added++;
    }
  if (node->first_store_edge >= 0)
    {
      int e = node->first_store_edge;
      g_autofree char *alias = edge_alias (nodes, dependencies->pdata[e], &edges[e]);
      g_autofree char *url = g_strdup_printf ("%s://${%s_HOST}:${%s_PORT}/app",
                                              nodes[edges[e].to].scheme, alias, alias);
      add_env (component, AL_COLLECTION_ENV, al_env_var_new_value ("DATA_SOURCE", url, FALSE));
      n_added++;
    }

  for (guint i = 0; i < n_pool; i++)
    pool[i] = i;
  for (guint i = n_pool - 1; i > 0; i--)
    {
      guint j = rnd (rand, i + 1);
      guint tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }

  for (guint i = 0; i < n_pool && n_added < n_vars; i++, n_added++)
    {
      g_autofree char *secret_name = NULL;
      g_autofree char *secret = NULL;
      g_autofree char *url = NULL;
      AlEnvVar *var = NULL;

      switch (pool[i])
        {
        case 0:
          var = al_env_var_new_value ("SERVICE_MODE", "production", FALSE);
          break;
        case 1:
          var = al_env_var_new_value ("TZ", "Asia/Shanghai", FALSE);
          break;
        case 2:
          /* A default that takes effect: nothing defines HEAP_MAX. */
          var = al_env_var_new_value ("JAVA_OPTS", "-Xms128m -Xmx${HEAP_MAX:512m}", FALSE);
          break;
        case 3:
          var = al_env_var_new_value ("WORKERS", chance (rand, 50) ? "4" : "8", FALSE);
          break;
        case 4:
          secret = random_hex (rand, 32);
          var = al_env_var_new_value ("APP_SECRET_KEY", secret, TRUE);
          break;
        case 5:
          secret_name = g_strconcat (name, "-credentials", NULL);
          var = al_env_var_new_secret_ref ("DB_PASSWORD", secret_name, "password");
          break;
        case 6:
          secret_name = g_strconcat (name, "-oauth", NULL);
          var = al_env_var_new_secret_ref ("OAUTH_CLIENT_SECRET", secret_name, "client-secret");
          break;
        case 7:
          var = al_env_var_new_value ("CACHE_TTL_S", "300", FALSE);
          break;
        default:
          url = g_strdup_printf ("https://%s.example.com/", name);
          var = al_env_var_new_value ("PUBLIC_URL", url, FALSE);
          break;
        }
      add_env (component, AL_COLLECTION_ENV, var);
    }
}

/* Number of entries of the sorted @indices below @limit. */
static guint
count_below (GArray *indices, guint limit)
{
  guint lo = 0, hi = indices->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (indices, guint, mid) < limit)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Distinct unordered pairs {lower, higher}, as (higher, lower) edges. */
static GArray *
plan_pairs (guint n, guint n_pairs, GArray *stores, GRand *rand)
{
  GArray *pairs = g_array_sized_new (FALSE, FALSE, sizeof (Edge), n_pairs);
  guint64 max_pairs = (guint64) n * (n - 1) / 2;

  if (n_pairs == 0)
    return pairs;

  if ((guint64) n_pairs * 2 > max_pairs)
    {
      /* Dense (only small documents): shuffle every pair, keep the first. */
      for (guint hi = 1; hi < n; hi++)
        for (guint lo = 0; lo < hi; lo++)
          {
            Edge edge = { hi, lo, TRUE };
            g_array_append_val (pairs, edge);
          }
      for (guint i = pairs->len - 1; i > 0; i--)
        {
          guint j = rnd (rand, i + 1);
          Edge tmp = g_array_index (pairs, Edge, i);
          g_array_index (pairs, Edge, i) = g_array_index (pairs, Edge, j);
          g_array_index (pairs, Edge, j) = tmp;
        }
      g_array_set_size (pairs, n_pairs);
      return pairs;
    }

  {
    /* Keys live in one block so the table can point at them. */
    guint64 *keys = g_new (guint64, n_pairs);
    GHashTable *seen = g_hash_table_new (g_int64_hash, g_int64_equal);
    guint64 attempts = 0;

    while (pairs->len < n_pairs)
      {
        guint hi = 1 + rnd (rand, n - 1);
        guint lo;
        guint n_stores = count_below (stores, hi);
        guint64 *key = &keys[pairs->len];

        /* Mostly stores and near neighbours (teams group their services);
         * after many collisions, any lower component. */
        if (attempts++ < (guint64) n_pairs * 4)
          {
            if (n_stores > 0 && chance (rand, 35))
              lo = g_array_index (stores, guint, rnd (rand, n_stores));
            else
              lo = hi - 1 - rnd (rand, MIN (hi, 64));
          }
        else
          lo = rnd (rand, hi);

        *key = ((guint64) hi << 32) | lo;
        if (g_hash_table_contains (seen, key))
          continue;
        g_hash_table_add (seen, key);
        {
          Edge edge = { hi, lo, TRUE };
          g_array_append_val (pairs, edge);
        }
      }
    g_hash_table_unref (seen);
    g_free (keys);
  }
  return pairs;
}

static AlDependency *
build_dependency (Node *nodes, Edge *edge, guint number, GRand *rand)
{
  g_autofree char *id = g_strdup_printf ("d%u", number);
  AlDependency *dependency = al_dependency_new (id, al_component_get_id (nodes[edge->from].component),
                                                al_component_get_id (nodes[edge->to].component));
  GListModel *ports = al_component_get_ports (nodes[edge->to].component);
  guint roll;

  al_dependency_set_wait (dependency, edge->wait);
  if (chance (rand, 25))
    {
      guint n_ports = g_list_model_get_n_items (ports);
      g_autoptr (AlPort) port = g_list_model_get_item (ports, rnd (rand, n_ports));
      int port_number = al_port_get_port (port);
      al_dependency_set_ports_from_list (dependency, &port_number, 1);
    }
  roll = rnd (rand, 100);
  al_dependency_set_wait_timeout_s (dependency, roll < 10 ? 120 : roll < 20 ? 600 : 300);
  roll = rnd (rand, 100);
  if (roll < 70)
    al_dependency_set_traffic (dependency, 1 + (int) rnd (rand, 10));
  else if (roll < 95)
    al_dependency_set_traffic (dependency, 10 + (int) rnd (rand, 40));
  else
    al_dependency_set_traffic (dependency, 50 + (int) rnd (rand, 51));
  return dependency;
}

AlDocument *
al_gen_document_with_lanes (guint n_components, guint n_dependencies, guint n_lanes, guint32 seed)
{
  g_autoptr (AlDocument) document = al_document_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GArray) stores = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) edges = NULL;
  g_autoptr (GPtrArray) dependencies = NULL;
  g_autofree guint *lane_fill = NULL;
  g_autofree Node *nodes = NULL;
  guint64 max_pairs = (guint64) n_components * (n_components > 0 ? n_components - 1 : 0) / 2;

  g_return_val_if_fail (n_lanes >= 1 && n_lanes <= AL_GEN_MAX_LANES, NULL);

  al_document_set_name (document, "synthetic");
  al_document_set_display_name (document, "合成应用 (synthetic)");
  al_document_set_namespace (document, "synthetic");

  for (guint l = 0; l < n_lanes; l++)
    {
      g_autoptr (AlLane) lane = al_lane_new (lane_specs[l].id, lane_specs[l].arch,
                                             lane_specs[l].label);
      al_lane_set_tolerate_taint (lane, lane_specs[l].tolerate_taint);
      al_document_add_lane (document, lane);
    }

  /* Components, laid out on a grid of 8 columns per lane. */
  nodes = g_new0 (Node, MAX (n_components, 1));
  lane_fill = g_new0 (guint, n_lanes);
  for (guint i = 0; i < n_components; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i + 1);
      gboolean stateful = chance (rand, 12);
      guint lane = stateful && chance (rand, 70) ? 0 : rnd (rand, n_lanes);
      guint slot = lane_fill[lane]++;
      graphene_point_t position;

      nodes[i].component = al_component_new (id, "", lane_specs[lane].id);
      nodes[i].stateful = stateful;
      nodes[i].first_store_edge = -1;
      nodes[i].first_service_edge = -1;
      if (stateful)
        {
          build_store (&nodes[i], rand, i + 1);
          g_array_append_val (stores, i);
        }
      else
        build_service (&nodes[i], rand, i + 1);

      /* A few off-grid positions keep non-integral coordinates covered. */
      graphene_point_init (&position, 40 + 220 * (slot % 8), 40 + 140 * (slot / 8));
      if (chance (rand, 10))
        position.x += 0.5f;
      al_component_set_position (nodes[i].component, &position);
    }

  /* Dependencies: "wait" ones always go from a higher to a lower index, so
   * they cannot form a cycle; back edges never wait. */
  edges = plan_pairs (n_components, (guint) MIN ((guint64) n_dependencies, max_pairs), stores, rand);
  dependencies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint e = 0; e < edges->len; e++)
    {
      Edge *edge = &g_array_index (edges, Edge, e);
      guint roll = rnd (rand, 100);
      Node *consumer;

      if (roll < 8)
        {
          guint tmp = edge->from;
          edge->from = edge->to;
          edge->to = tmp;
          edge->wait = FALSE;
        }
      else if (roll < 13)
        edge->wait = FALSE;

      g_ptr_array_add (dependencies, build_dependency (nodes, edge, e + 1, rand));
      consumer = &nodes[edge->from];
      if (nodes[edge->to].stateful && consumer->first_store_edge < 0)
        consumer->first_store_edge = (int) e;
      else if (!nodes[edge->to].stateful && consumer->first_service_edge < 0)
        consumer->first_service_edge = (int) e;
    }

  for (guint i = 0; i < n_components; i++)
    build_own_env (nodes, i, rand, dependencies, (const Edge *) edges->data);

  for (guint i = 0; i < n_components; i++)
    {
      al_document_add_component (document, nodes[i].component);
      g_object_unref (nodes[i].component);
    }
  for (guint e = 0; e < dependencies->len; e++)
    al_document_add_dependency (document, dependencies->pdata[e]);

  return g_steal_pointer (&document);
}

AlDocument *
al_gen_document (guint n_components, guint n_dependencies, guint32 seed)
{
  return al_gen_document_with_lanes (n_components, n_dependencies, 2, seed);
}
