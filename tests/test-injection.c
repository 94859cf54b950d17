/* test-injection: the environment a component's container receives (DESIGN §4) */
#include <string.h>

#include "al-expand.h"
#include "al-injection.h"
#include "al-test-util.h"

/* Fixtures built through the model API. */

static AlComponent *
add_component (AlDocument *doc, const char *id, const char *name)
{
  g_autoptr (AlComponent) component = al_component_new (id, name, "x86");

  al_document_add_component (doc, component);
  return component; /* the document keeps it */
}

static void
add_port (AlComponent *component, int number, const char *alias, gboolean inner)
{
  g_autoptr (AlPort) port = al_port_new (number, AL_PROTOCOL_TCP);
  GListModel *ports = al_component_get_ports (component);

  al_port_set_alias (port, alias);
  al_port_set_inner (port, inner);
  al_component_insert (component, AL_COLLECTION_PORTS, g_list_model_get_n_items (ports), port);
}

static void
add_var (AlComponent *component, AlCollection collection, AlEnvVar *var)
{
  GListModel *list = al_component_get_collection (component, collection);

  al_component_insert (component, collection, g_list_model_get_n_items (list), var);
  g_object_unref (var);
}

static void
add_value (AlComponent *component, AlCollection collection, const char *name, const char *value)
{
  add_var (component, collection, al_env_var_new_value (name, value, FALSE));
}

static void
add_dependency (AlDocument *doc, const char *id, const char *from, const char *to,
                const int *ports, guint n_ports)
{
  g_autoptr (AlDependency) dependency = al_dependency_new (id, from, to);

  if (n_ports > 0)
    al_dependency_set_ports_from_list (dependency, ports, n_ports);
  al_document_add_dependency (doc, dependency);
}

static AlResolvedEnv *
resolve (AlDocument *doc, const char *name)
{
  g_autoptr (AlGraph) graph = al_graph_new (doc);
  AlComponent *component = al_document_lookup_component_by_name (doc, name);

  g_assert_nonnull (component);
  return al_injection_resolve_for_component (graph, component);
}

/* "A=1 B=2 …": the names of the environment in order. */
static char *
names_of (AlResolvedEnv *env)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < env->vars->len; i++)
    {
      AlResolvedVar *var = g_ptr_array_index (env->vars, i);
      g_string_append_printf (names, "%s%s", i ? " " : "", var->name);
    }
  return g_strdup (names->str);
}

static AlDiagnostic *
find_diagnostic (AlResolvedEnv *env, const char *code, guint nth)
{
  for (guint i = 0; i < env->diagnostics->len; i++)
    {
      AlDiagnostic *diagnostic = g_ptr_array_index (env->diagnostics, i);
      if (strcmp (diagnostic->code, code) == 0 && nth-- == 0)
        return diagnostic;
    }
  return NULL;
}

/* The @nth diagnostic with @code; fails the test when there is none. */
static AlDiagnostic *
get_diagnostic (AlResolvedEnv *env, const char *code, guint nth)
{
  AlDiagnostic *diagnostic = find_diagnostic (env, code, nth);

  if (diagnostic == NULL)
    g_error ("no diagnostic %s #%u", code, nth);
  return diagnostic;
}

static guint
count_diagnostics (AlResolvedEnv *env, const char *code)
{
  guint count = 0;

  while (find_diagnostic (env, code, count) != NULL)
    count++;
  return count;
}

/* web depends on redis (declared first) and mysql. */
static AlDocument *
make_shop (void)
{
  AlDocument *doc = al_document_new ();
  AlComponent *web = add_component (doc, "c1", "web");
  AlComponent *redis = add_component (doc, "c2", "redis");
  AlComponent *mysql = add_component (doc, "c3", "mysql");
  const int mysql_ports[] = { 33060, 3306 };

  add_port (redis, 6379, NULL, TRUE);
  add_value (redis, AL_COLLECTION_CONNECTION, "REDIS_DB", "0");

  add_port (mysql, 33060, NULL, TRUE);
  add_port (mysql, 3306, "MYSQL", TRUE);
  add_value (mysql, AL_COLLECTION_CONNECTION, "MYSQL_USER", "root");
  add_var (mysql, AL_COLLECTION_CONNECTION,
           al_env_var_new_secret_ref ("MYSQL_PASSWORD", "mysql-auth", "password"));
  add_var (mysql, AL_COLLECTION_CONNECTION, al_env_var_new_value ("MYSQL_TOKEN", "t0ken", TRUE));
  add_value (mysql, AL_COLLECTION_CONNECTION, "MYSQL_URL", "mysql://${MYSQL_HOST}:${MYSQL_PORT}");

  add_value (web, AL_COLLECTION_ENV, "LOG_LEVEL", "info");
  add_var (web, AL_COLLECTION_ENV, al_env_var_new_value ("API_KEY", "k3y", TRUE));
  add_var (web, AL_COLLECTION_ENV, al_env_var_new_secret_ref ("TLS_KEY", "web-tls", "tls.key"));

  add_dependency (doc, "d1", "c1", "c2", NULL, 0);
  add_dependency (doc, "d2", "c1", "c3", mysql_ports, G_N_ELEMENTS (mysql_ports));
  return doc;
}

static void
test_order (void)
{
  g_autoptr (AlDocument) doc = make_shop ();
  g_autoptr (AlResolvedEnv) env = resolve (doc, "web");
  g_autofree char *names = names_of (env);

  /* Providers by name (mysql before redis although d1 comes first), ports
   * by number, connection entries in order, own env last. */
  g_assert_cmpstr (names, ==,
                   "MYSQL_HOST MYSQL_PORT MYSQL_33060_HOST MYSQL_33060_PORT "
                   "MYSQL_USER MYSQL_PASSWORD MYSQL_TOKEN MYSQL_URL "
                   "REDIS_HOST REDIS_PORT REDIS_DB "
                   "LOG_LEVEL API_KEY TLS_KEY");
  g_assert_cmpuint (env->diagnostics->len, ==, 0);
  g_assert_cmpstr (env->component_id, ==, "c1");
  g_assert_cmpstr (al_resolved_env_lookup (env, "MYSQL_HOST")->value, ==, "mysql");
  g_assert_cmpstr (al_resolved_env_lookup (env, "MYSQL_PORT")->value, ==, "3306");
  g_assert_cmpstr (al_resolved_env_lookup (env, "MYSQL_33060_PORT")->value, ==, "33060");
  g_assert_cmpint (al_resolved_env_lookup (env, "MYSQL_33060_HOST")->port, ==, 33060);
  g_assert_cmpstr (al_resolved_env_lookup (env, "REDIS_HOST")->value, ==, "redis");
  g_assert_cmpint (al_resolved_env_lookup (env, "REDIS_HOST")->source, ==, AL_VAR_SOURCE_HOST);
  g_assert_cmpint (al_resolved_env_lookup (env, "REDIS_PORT")->source, ==, AL_VAR_SOURCE_PORT);
  g_assert_cmpstr (al_resolved_env_lookup (env, "REDIS_PORT")->dependency_id, ==, "d1");
  g_assert_cmpstr (al_resolved_env_lookup (env, "MYSQL_USER")->provider_id, ==, "c3");
  g_assert_null (al_resolved_env_lookup (env, "NOPE"));
}

static void
test_default_aliases (void)
{
  g_autoptr (AlDocument) doc = al_document_new ();
  AlComponent *single = add_component (doc, "c2", "order-api");
  AlComponent *multi = add_component (doc, "c3", "cache");
  AlComponent *named = add_component (doc, "c4", "search");
  g_autoptr (AlResolvedEnv) env = NULL;
  g_autofree char *names = NULL;
  /* 9090 is not an inner port of order-api, 1234 no port at all: skipped. */
  const int single_ports[] = { 9090, 8080, 1234 };
  const int named_ports[] = { 9300, 9200, 9200 };

  add_component (doc, "c1", "app");
  add_port (single, 8080, NULL, TRUE);
  add_port (single, 9090, NULL, FALSE);
  add_port (multi, 6380, NULL, TRUE);
  add_port (multi, 6379, NULL, TRUE);
  add_port (named, 9200, "ES", TRUE);
  add_port (named, 9300, NULL, TRUE);
  add_dependency (doc, "d1", "c1", "c2", single_ports, G_N_ELEMENTS (single_ports));
  add_dependency (doc, "d2", "c1", "c3", NULL, 0);
  add_dependency (doc, "d3", "c1", "c4", named_ports, G_N_ELEMENTS (named_ports));

  env = resolve (doc, "app");
  names = names_of (env);
  /* One inner port: no suffix, "-" becomes "_". Several: "_<port>". An
   * explicit alias wins; a port listed twice is injected once. */
  g_assert_cmpstr (names, ==,
                   "CACHE_6379_HOST CACHE_6379_PORT CACHE_6380_HOST CACHE_6380_PORT "
                   "ORDER_API_HOST ORDER_API_PORT "
                   "ES_HOST ES_PORT SEARCH_9300_HOST SEARCH_9300_PORT");
  g_assert_cmpstr (al_resolved_env_lookup (env, "ORDER_API_HOST")->value, ==, "order-api");
  g_assert_cmpstr (al_resolved_env_lookup (env, "ORDER_API_PORT")->value, ==, "8080");
  g_assert_cmpstr (al_resolved_env_lookup (env, "ES_PORT")->value, ==, "9200");
}

static void
test_consumed_ports (void)
{
  g_autoptr (AlComponent) provider = al_component_new ("c1", "db", "x86");
  g_autoptr (AlDependency) dependency = al_dependency_new ("d1", "c2", "c1");
  g_autoptr (GArray) all = NULL;
  g_autoptr (GArray) listed = NULL;
  const int ports[] = { 7000, 5432, 80, 5432 };

  add_port (provider, 5433, NULL, TRUE);
  add_port (provider, 5432, NULL, TRUE);
  add_port (provider, 80, NULL, FALSE);
  all = al_injection_dup_consumed_ports (dependency, provider);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (g_array_index (all, int, 0), ==, 5432);
  g_assert_cmpint (g_array_index (all, int, 1), ==, 5433);

  al_dependency_set_ports_from_list (dependency, ports, G_N_ELEMENTS (ports));
  listed = al_injection_dup_consumed_ports (dependency, provider);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (g_array_index (listed, int, 0), ==, 5432);
}

static void
test_secrets (void)
{
  g_autoptr (AlDocument) doc = make_shop ();
  g_autoptr (AlResolvedEnv) env = resolve (doc, "web");
  AlResolvedVar *var;

  /* Own secret literal: from <name>-secrets, key = the variable's name. */
  var = al_resolved_env_lookup (env, "API_KEY");
  g_assert_cmpint (var->kind, ==, AL_VAR_SECRET_LITERAL);
  g_assert_null (var->value);
  g_assert_cmpstr (var->secret_name, ==, "web-secrets");
  g_assert_cmpstr (var->secret_key, ==, "API_KEY");
  g_assert_cmpint (var->source, ==, AL_VAR_SOURCE_OWN);
  g_assert_null (var->dependency_id);

  /* Own secret_ref: as given. */
  var = al_resolved_env_lookup (env, "TLS_KEY");
  g_assert_cmpint (var->kind, ==, AL_VAR_SECRET_REF);
  g_assert_null (var->value);
  g_assert_cmpstr (var->secret_name, ==, "web-tls");
  g_assert_cmpstr (var->secret_key, ==, "tls.key");

  /* Connection secret literal: from <provider>-connection. */
  var = al_resolved_env_lookup (env, "MYSQL_TOKEN");
  g_assert_cmpint (var->kind, ==, AL_VAR_SECRET_LITERAL);
  g_assert_null (var->value);
  g_assert_cmpstr (var->secret_name, ==, "mysql-connection");
  g_assert_cmpstr (var->secret_key, ==, "MYSQL_TOKEN");
  g_assert_cmpint (var->source, ==, AL_VAR_SOURCE_CONNECTION);

  /* Connection secret_ref: as given. */
  var = al_resolved_env_lookup (env, "MYSQL_PASSWORD");
  g_assert_cmpint (var->kind, ==, AL_VAR_SECRET_REF);
  g_assert_cmpstr (var->secret_name, ==, "mysql-auth");
  g_assert_cmpstr (var->secret_key, ==, "password");

  /* Plain values carry no Secret. */
  var = al_resolved_env_lookup (env, "MYSQL_USER");
  g_assert_cmpint (var->kind, ==, AL_VAR_VALUE);
  g_assert_cmpstr (var->value, ==, "root");
  g_assert_null (var->secret_name);
}

/* app consumes alpha and beta, which both export SHARED. */
static AlDocument *
make_two_providers (AlEnvVar *alpha_var, AlEnvVar *beta_var)
{
  AlDocument *doc = al_document_new ();
  AlComponent *beta, *alpha;

  add_component (doc, "c1", "app");
  beta = add_component (doc, "c2", "beta");
  alpha = add_component (doc, "c3", "alpha");
  add_port (alpha, 80, NULL, TRUE);
  add_port (beta, 81, NULL, TRUE);
  add_value (alpha, AL_COLLECTION_CONNECTION, "ALPHA_ONLY", "a");
  add_var (alpha, AL_COLLECTION_CONNECTION, alpha_var);
  add_var (beta, AL_COLLECTION_CONNECTION, beta_var);
  add_value (beta, AL_COLLECTION_CONNECTION, "BETA_ONLY", "b");
  add_dependency (doc, "d1", "c1", "c2", NULL, 0);
  add_dependency (doc, "d2", "c1", "c3", NULL, 0);
  return doc;
}

static void
test_conflict_same_value_kept_once (void)
{
  g_autoptr (AlDocument) doc = make_two_providers (al_env_var_new_value ("SHARED", "x", FALSE),
                                                   al_env_var_new_value ("SHARED", "x", FALSE));
  g_autoptr (AlResolvedEnv) env = resolve (doc, "app");
  g_autofree char *names = names_of (env);

  g_assert_cmpstr (names, ==, "ALPHA_HOST ALPHA_PORT ALPHA_ONLY SHARED BETA_HOST BETA_PORT BETA_ONLY");
  g_assert_cmpuint (env->diagnostics->len, ==, 0);
  /* The first place: alpha's entry, through d2. */
  g_assert_cmpstr (al_resolved_env_lookup (env, "SHARED")->dependency_id, ==, "d2");
}

static void
test_conflict_same_reference_kept_once (void)
{
  g_autoptr (AlDocument) doc =
    make_two_providers (al_env_var_new_secret_ref ("SHARED", "common", "token"),
                        al_env_var_new_secret_ref ("SHARED", "common", "token"));
  g_autoptr (AlResolvedEnv) env = resolve (doc, "app");

  g_assert_cmpuint (env->vars->len, ==, 7);
  g_assert_cmpuint (env->diagnostics->len, ==, 0);
}

static void
test_conflict_different_values (void)
{
  g_autoptr (AlDocument) doc = make_two_providers (al_env_var_new_value ("SHARED", "x", FALSE),
                                                   al_env_var_new_value ("SHARED", "y", FALSE));
  g_autoptr (AlResolvedEnv) env = resolve (doc, "app");
  AlDiagnostic *conflict = get_diagnostic (env, "env-conflict", 0);
  g_assert_cmpuint (env->diagnostics->len, ==, 1);
  g_assert_cmpint (conflict->severity, ==, AL_SEVERITY_ERROR);
  g_assert_cmpstr (conflict->subject, ==, "c1");
  g_assert_cmpstr (conflict->path, ==, "components[0]");
  g_assert_nonnull (strstr (conflict->message, "SHARED"));
  g_assert_nonnull (strstr (conflict->message, "alpha (dependency d2)"));
  g_assert_nonnull (strstr (conflict->message, "beta (dependency d1)"));
  /* Still no name twice: the first one stays. */
  g_assert_cmpuint (env->vars->len, ==, 7);
  g_assert_cmpstr (al_resolved_env_lookup (env, "SHARED")->value, ==, "x");
}

static void
test_conflict_secret_against_value (void)
{
  g_autoptr (AlDocument) doc =
    make_two_providers (al_env_var_new_value ("SHARED", "x", FALSE),
                        al_env_var_new_secret_ref ("SHARED", "common", "x"));
  g_autoptr (AlResolvedEnv) env = resolve (doc, "app");

  g_assert_cmpuint (count_diagnostics (env, "env-conflict"), ==, 1);
}

static void
test_conflict_with_generated_variable (void)
{
  g_autoptr (AlDocument) same = make_two_providers (al_env_var_new_value ("X", "1", FALSE),
                                                    al_env_var_new_value ("ALPHA_HOST", "alpha",
                                                                          FALSE));
  g_autoptr (AlDocument) different =
    make_two_providers (al_env_var_new_value ("X", "1", FALSE),
                        al_env_var_new_value ("ALPHA_HOST", "elsewhere", FALSE));
  g_autoptr (AlResolvedEnv) same_env = resolve (same, "app");
  g_autoptr (AlResolvedEnv) different_env = resolve (different, "app");
  AlDiagnostic *conflict;

  /* A connection entry repeating a generated host with the same value is
   * harmless; with another value it is a conflict naming the port. */
  g_assert_cmpuint (same_env->diagnostics->len, ==, 0);
  g_assert_cmpuint (same_env->vars->len, ==, 7);
  conflict = get_diagnostic (different_env, "env-conflict", 0);
  g_assert_nonnull (strstr (conflict->message, "port 80 of alpha (dependency d2)"));
  g_assert_nonnull (strstr (conflict->message, "connection info of beta (dependency d1)"));
  g_assert_cmpstr (al_resolved_env_lookup (different_env, "ALPHA_HOST")->value, ==, "alpha");
}

static void
test_own_duplicate_conflict (void)
{
  g_autoptr (AlDocument) doc = al_document_new ();
  AlComponent *app = add_component (doc, "c1", "app");
  g_autoptr (AlResolvedEnv) env = NULL;
  AlDiagnostic *conflict;

  add_value (app, AL_COLLECTION_ENV, "A", "1");
  add_value (app, AL_COLLECTION_ENV, "B", "1");
  add_value (app, AL_COLLECTION_ENV, "A", "1");
  add_value (app, AL_COLLECTION_ENV, "B", "2");
  env = resolve (doc, "app");
  g_assert_cmpuint (env->vars->len, ==, 2);
  conflict = get_diagnostic (env, "env-conflict", 0);
  g_assert_cmpuint (env->diagnostics->len, ==, 1);
  g_assert_cmpstr (conflict->path, ==, "components[0].env[3]");
  g_assert_nonnull (strstr (conflict->message, "B"));
}

static void
test_shadowing (void)
{
  g_autoptr (AlDocument) doc = make_shop ();
  AlComponent *web = al_document_lookup_component_by_name (doc, "web");
  g_autoptr (AlResolvedEnv) env = NULL;
  g_autofree char *names = NULL;
  AlDiagnostic *warning;
  AlResolvedVar *var;

  /* own: LOG_LEVEL API_KEY TLS_KEY MYSQL_USER */
  add_value (web, AL_COLLECTION_ENV, "MYSQL_USER", "app");
  env = resolve (doc, "web");
  names = names_of (env);
  g_assert_cmpstr (names, ==,
                   "MYSQL_HOST MYSQL_PORT MYSQL_33060_HOST MYSQL_33060_PORT "
                   "MYSQL_PASSWORD MYSQL_TOKEN MYSQL_URL "
                   "REDIS_HOST REDIS_PORT REDIS_DB "
                   "LOG_LEVEL API_KEY TLS_KEY MYSQL_USER");
  var = al_resolved_env_lookup (env, "MYSQL_USER");
  g_assert_cmpstr (var->value, ==, "app");
  g_assert_cmpint (var->source, ==, AL_VAR_SOURCE_OWN);

  warning = get_diagnostic (env, "env-shadowed", 0);
  g_assert_cmpuint (env->diagnostics->len, ==, 1);
  g_assert_cmpint (warning->severity, ==, AL_SEVERITY_WARNING);
  g_assert_cmpstr (warning->subject, ==, "c1");
  g_assert_cmpstr (warning->path, ==, "components[0].env[3]");
  g_assert_nonnull (strstr (warning->message, "MYSQL_USER"));
  g_assert_nonnull (strstr (warning->message, "mysql (dependency d2)"));
}

static void
test_own_variable_settles_a_conflict (void)
{
  g_autoptr (AlDocument) doc = make_two_providers (al_env_var_new_value ("SHARED", "x", FALSE),
                                                   al_env_var_new_value ("SHARED", "y", FALSE));
  AlComponent *app = al_document_lookup_component_by_name (doc, "app");
  g_autoptr (AlResolvedEnv) env = NULL;

  add_value (app, AL_COLLECTION_ENV, "SHARED", "mine");
  env = resolve (doc, "app");
  g_assert_cmpuint (count_diagnostics (env, "env-conflict"), ==, 0);
  g_assert_cmpuint (count_diagnostics (env, "env-shadowed"), ==, 1);
  g_assert_cmpstr (al_resolved_env_lookup (env, "SHARED")->value, ==, "mine");
  g_assert_cmpuint (env->vars->len, ==, 7);
}

static void
test_expansion (void)
{
  g_autoptr (AlDocument) doc = make_shop ();
  AlComponent *web = al_document_lookup_component_by_name (doc, "web");
  g_autoptr (AlResolvedEnv) env = NULL;
  const char *command[] = { "${APP_BIN:/app/server}", "--log=${LOG_LEVEL}", NULL };
  const char *args[] = { "--db=${MYSQL_HOST}:${MYSQL_PORT}", "--token=${MYSQL_TOKEN}",
                         "--x=${UNKNOWN_ARG}", NULL };
  AlDiagnostic *warning;

  add_value (web, AL_COLLECTION_ENV, "DSN",
             "mysql://${MYSQL_USER}:${MYSQL_PASSWORD}@${MYSQL_HOST}:${MYSQL_PORT}/${DB_NAME:shop}");
  add_value (web, AL_COLLECTION_ENV, "PLAIN", "no references, $HOME and $(KEEP)");
  add_value (web, AL_COLLECTION_ENV, "A", "${B}");
  add_value (web, AL_COLLECTION_ENV, "B", "${C}");
  add_value (web, AL_COLLECTION_ENV, "C", "c");
  add_value (web, AL_COLLECTION_ENV, "LEFT", "x${NOT_DEFINED}y");
  add_value (web, AL_COLLECTION_ENV, "KEY_COPY", "${API_KEY}/${TLS_KEY}");
  al_component_set_command (web, command);
  al_component_set_args (web, args);
  env = resolve (doc, "web");

  /* Plain values raw, secrets as $(VAR), unknown names with a default take it. */
  g_assert_cmpstr (al_resolved_env_lookup (env, "DSN")->value, ==,
                   "mysql://root:$(MYSQL_PASSWORD)@mysql:3306/shop");
  g_assert_cmpstr (al_resolved_env_lookup (env, "PLAIN")->value, ==,
                   "no references, $HOME and $(KEEP)");
  g_assert_cmpstr (al_resolved_env_lookup (env, "KEY_COPY")->value, ==, "$(API_KEY)/$(TLS_KEY)");
  /* One pass over raw values: A gets B as written, never C's value. */
  g_assert_cmpstr (al_resolved_env_lookup (env, "A")->value, ==, "${C}");
  g_assert_cmpstr (al_resolved_env_lookup (env, "B")->value, ==, "c");
  /* A provider's connection value expands from the consumer's environment. */
  g_assert_cmpstr (al_resolved_env_lookup (env, "MYSQL_URL")->value, ==, "mysql://mysql:3306");
  /* Unknown without a default: as written, and a warning naming it and where. */
  g_assert_cmpstr (al_resolved_env_lookup (env, "LEFT")->value, ==, "x${NOT_DEFINED}y");

  g_assert_cmpstr (env->command[0], ==, "/app/server");
  g_assert_cmpstr (env->command[1], ==, "--log=info");
  g_assert_null (env->command[2]);
  g_assert_cmpstr (env->args[0], ==, "--db=mysql:3306");
  g_assert_cmpstr (env->args[1], ==, "--token=$(MYSQL_TOKEN)");
  g_assert_cmpstr (env->args[2], ==, "--x=${UNKNOWN_ARG}");
  g_assert_null (env->args[3]);

  g_assert_cmpuint (count_diagnostics (env, "unresolved-variable"), ==, 2);
  warning = get_diagnostic (env, "unresolved-variable", 0);
  g_assert_cmpint (warning->severity, ==, AL_SEVERITY_WARNING);
  g_assert_cmpstr (warning->subject, ==, "c1");
  g_assert_cmpstr (warning->path, ==, "components[0].env[8].value");
  g_assert_nonnull (strstr (warning->message, "NOT_DEFINED"));
  g_assert_nonnull (strstr (warning->message, "LEFT"));
  warning = get_diagnostic (env, "unresolved-variable", 1);
  g_assert_cmpstr (warning->path, ==, "components[0].args[2]");
  g_assert_nonnull (strstr (warning->message, "UNKNOWN_ARG"));
  g_assert_nonnull (strstr (warning->message, "args[2]"));
}

static void
test_unresolved_in_connection_points_at_provider (void)
{
  g_autoptr (AlDocument) doc = make_shop ();
  AlComponent *redis = al_document_lookup_component_by_name (doc, "redis");
  g_autoptr (AlResolvedEnv) env = NULL;
  AlDiagnostic *warning;

  add_value (redis, AL_COLLECTION_CONNECTION, "REDIS_URL", "redis://${REDIS_PASS}@${REDIS_HOST");
  env = resolve (doc, "web");
  g_assert_cmpuint (count_diagnostics (env, "unresolved-variable"), ==, 2);
  warning = get_diagnostic (env, "unresolved-variable", 0);
  g_assert_cmpstr (warning->subject, ==, "c1");
  g_assert_cmpstr (warning->path, ==, "components[1].connection[1].value");
  g_assert_nonnull (strstr (warning->message, "REDIS_PASS"));
  g_assert_nonnull (strstr (warning->message, "redis"));
  /* The unterminated "${" is reported too and kept as written. */
  warning = get_diagnostic (env, "unresolved-variable", 1);
  g_assert_nonnull (strstr (warning->message, "${REDIS_HOST"));
  g_assert_cmpstr (al_resolved_env_lookup (env, "REDIS_URL")->value, ==,
                   "redis://${REDIS_PASS}@${REDIS_HOST");
}

static void
test_unknown_provider_skipped (void)
{
  g_autoptr (AlDocument) doc = make_shop ();
  g_autoptr (AlResolvedEnv) env = NULL;

  add_dependency (doc, "d9", "c1", "c404", NULL, 0);
  env = resolve (doc, "web");
  g_assert_cmpuint (env->vars->len, ==, 14);
  g_assert_cmpuint (env->diagnostics->len, ==, 0);
}

static void
test_describe_source (void)
{
  g_autoptr (AlDocument) doc = make_shop ();
  g_autoptr (AlResolvedEnv) env = resolve (doc, "web");
  g_autofree char *own = al_resolved_var_describe_source (al_resolved_env_lookup (env, "LOG_LEVEL"));
  g_autofree char *host = al_resolved_var_describe_source (al_resolved_env_lookup (env, "MYSQL_HOST"));
  g_autofree char *connection =
    al_resolved_var_describe_source (al_resolved_env_lookup (env, "REDIS_DB"));

  g_assert_cmpstr (own, ==, "own");
  g_assert_cmpstr (host, ==, "injected: MYSQL_HOST of mysql (dependency d2)");
  g_assert_cmpstr (connection, ==, "connection info of redis (dependency d1)");
}

static void
test_thousand_providers (void)
{
  g_autoptr (AlDocument) doc = al_document_new ();
  g_autoptr (AlResolvedEnv) env = NULL;
  AlComponent *app = add_component (doc, "app", "app");

  add_value (app, AL_COLLECTION_ENV, "FIRST", "${SVC0000_HOST}:${SVC0999_PORT}");
  /* Declared in reverse order: injection still follows provider names. */
  for (int i = 999; i >= 0; i--)
    {
      g_autofree char *id = g_strdup_printf ("p%d", i);
      g_autofree char *name = g_strdup_printf ("svc%04d", i);
      g_autofree char *dep = g_strdup_printf ("d%d", i);
      g_autofree char *conn = g_strdup_printf ("SVC%04d_TOKEN", i);
      AlComponent *provider = add_component (doc, id, name);

      add_port (provider, 8000 + i, NULL, TRUE);
      add_value (provider, AL_COLLECTION_CONNECTION, conn, name);
      add_dependency (doc, dep, "app", id, NULL, 0);
    }

  env = resolve (doc, "app");
  g_assert_cmpuint (env->vars->len, ==, 3 * 1000 + 1);
  g_assert_cmpuint (env->diagnostics->len, ==, 0);
  g_assert_cmpstr (((AlResolvedVar *) g_ptr_array_index (env->vars, 0))->name, ==, "SVC0000_HOST");
  g_assert_cmpstr (((AlResolvedVar *) g_ptr_array_index (env->vars, 2999))->name, ==,
                   "SVC0999_TOKEN");
  g_assert_cmpstr (al_resolved_env_lookup (env, "SVC0500_PORT")->value, ==, "8500");
  g_assert_cmpstr (al_resolved_env_lookup (env, "FIRST")->value, ==, "svc0000:8999");
}

/* al_expand on its own. */

static AlExpandKind
lookup_table (const char *name, const char **value, gpointer user_data)
{
  static const char *const table[][2] = {
    { "HOST", "db" }, { "PORT", "5432" }, { "EMPTY", "" }, { "LOOP", "${HOST}" },
    { "名", "值" }, { "NAME", "世界" },
  };

  if (strcmp (name, "PASSWORD") == 0)
    return AL_EXPAND_SECRET;
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (name, table[i][0]) == 0)
      {
        *value = table[i][1];
        return AL_EXPAND_VALUE;
      }
  return AL_EXPAND_UNKNOWN;
}

static void
assert_expands (const char *text, const char *expected, guint n_problems)
{
  g_autoptr (GPtrArray) problems = al_expand_problem_list_new ();
  g_autofree char *result = al_expand (text, lookup_table, NULL, problems);

  g_assert_cmpstr (result, ==, expected);
  g_assert_cmpuint (problems->len, ==, n_problems);
}

static void
test_expand_basics (void)
{
  assert_expands ("", "", 0);
  assert_expands ("plain $HOST $(HOST) $ {HOST} $", "plain $HOST $(HOST) $ {HOST} $", 0);
  assert_expands ("${HOST}:${PORT}", "db:5432", 0);
  assert_expands ("pw=${PASSWORD}", "pw=$(PASSWORD)", 0);
  assert_expands ("pw=${PASSWORD:ignored}", "pw=$(PASSWORD)", 0);
  /* Known but empty stays empty; the default is for unknown names. */
  assert_expands ("[${EMPTY:x}]", "[]", 0);
  assert_expands ("[${MISSING:x}]", "[x]", 0);
  assert_expands ("[${MISSING:}]", "[]", 0);
  /* No second pass over substituted text. */
  assert_expands ("${LOOP}", "${HOST}", 0);
}

static void
test_expand_defaults (void)
{
  /* Everything after the first ":" is the default. */
  assert_expands ("${URL:http://example.com:8080/a}", "http://example.com:8080/a", 0);
  /* Braces in a default balance. */
  assert_expands ("${CFG:{\"a\":{\"b\":1}}}!", "{\"a\":{\"b\":1}}!", 0);
  /* A default is written text: its references expand in the same pass. */
  assert_expands ("${MISSING:${HOST}:${PORT}}", "db:5432", 0);
  assert_expands ("${MISSING:${ALSO_MISSING:deep}}", "deep", 0);
  assert_expands ("${HOST:${NOT_USED}}", "db", 0);
  /* ...but a substituted default is not scanned again. */
  assert_expands ("${MISSING:$${HOST}}", "${HOST}", 0);
}

static void
test_expand_edge_cases (void)
{
  g_autoptr (GPtrArray) problems = al_expand_problem_list_new ();
  g_autofree char *result = NULL;
  AlExpandProblem *problem;

  /* "$${" is the escape for a literal "${"; a backslash is not. */
  assert_expands ("$${HOST}", "${HOST}", 0);
  assert_expands ("\\${HOST}", "\\db", 0);
  assert_expands ("$$HOST $$(HOST)", "$$HOST $$(HOST)", 0);
  /* Not a name: the braces are text, inner references still expand. */
  assert_expands ("${${HOST}}", "${db}", 0);
  /* UTF-8 around, inside defaults and as values. */
  assert_expands ("你好 ${NAME}，${缺:默认}。${名}", "你好 世界，默认。值", 0);

  /* Unknown without default: as written, reported once. */
  result = al_expand ("${NOPE}-${NOPE}-${HOST}", lookup_table, NULL, problems);
  g_assert_cmpstr (result, ==, "${NOPE}-${NOPE}-db");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, AL_EXPAND_PROBLEM_UNRESOLVED);
  g_assert_cmpstr (problem->name, ==, "NOPE");
  g_assert_cmpstr (problem->text, ==, "${NOPE}");
  g_clear_pointer (&result, g_free);

  /* Unterminated: kept, later references still expand. */
  g_ptr_array_set_size (problems, 0);
  result = al_expand ("a${HOST b ${PORT}", lookup_table, NULL, problems);
  g_assert_cmpstr (result, ==, "a${HOST b 5432");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, AL_EXPAND_PROBLEM_UNTERMINATED);
  g_assert_cmpstr (problem->text, ==, "${HOST b ${PORT}");
  g_clear_pointer (&result, g_free);
  assert_expands ("end ${", "end ${", 1);
  assert_expands ("${MISSING:{}", "${MISSING:{}", 1);

  /* Empty names: as written, reported. */
  g_ptr_array_set_size (problems, 0);
  result = al_expand ("${}${:x}", lookup_table, NULL, problems);
  g_assert_cmpstr (result, ==, "${}${:x}");
  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpint (problem->kind, ==, AL_EXPAND_PROBLEM_EMPTY_NAME);
  g_assert_cmpstr (problem->text, ==, "${:x}");

  /* Without a list, problems are just not reported. */
  g_clear_pointer (&result, g_free);
  result = al_expand ("${NOPE}", lookup_table, NULL, NULL);
  g_assert_cmpstr (result, ==, "${NOPE}");
  g_assert_false (al_expand_has_references ("$HOST {x} $(Y)"));
  g_assert_true (al_expand_has_references ("a${"));
}

static void
test_expand_deep_nesting (void)
{
  /* Many nested defaults: no recursion, so no stack to run out of. */
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *result = NULL;
  const guint depth = 100000;

  for (guint i = 0; i < depth; i++)
    g_string_append (text, "${MISSING:");
  g_string_append (text, "bottom");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '}');
  result = al_expand (text->str, lookup_table, NULL, NULL);
  g_assert_cmpstr (result, ==, "bottom");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/injection/order", test_order);
  g_test_add_func ("/injection/default-aliases", test_default_aliases);
  g_test_add_func ("/injection/consumed-ports", test_consumed_ports);
  g_test_add_func ("/injection/secrets", test_secrets);
  g_test_add_func ("/injection/conflict/same-value-kept-once", test_conflict_same_value_kept_once);
  g_test_add_func ("/injection/conflict/same-reference-kept-once",
                   test_conflict_same_reference_kept_once);
  g_test_add_func ("/injection/conflict/different-values", test_conflict_different_values);
  g_test_add_func ("/injection/conflict/secret-against-value", test_conflict_secret_against_value);
  g_test_add_func ("/injection/conflict/generated-variable", test_conflict_with_generated_variable);
  g_test_add_func ("/injection/conflict/own-duplicate", test_own_duplicate_conflict);
  g_test_add_func ("/injection/shadowing", test_shadowing);
  g_test_add_func ("/injection/shadowing/settles-conflict", test_own_variable_settles_a_conflict);
  g_test_add_func ("/injection/expansion", test_expansion);
  g_test_add_func ("/injection/expansion/connection-warning",
                   test_unresolved_in_connection_points_at_provider);
  g_test_add_func ("/injection/unknown-provider", test_unknown_provider_skipped);
  g_test_add_func ("/injection/describe-source", test_describe_source);
  g_test_add_func ("/injection/thousand-providers", test_thousand_providers);
  g_test_add_func ("/expand/basics", test_expand_basics);
  g_test_add_func ("/expand/defaults", test_expand_defaults);
  g_test_add_func ("/expand/edge-cases", test_expand_edge_cases);
  g_test_add_func ("/expand/deep-nesting", test_expand_deep_nesting);

  return g_test_run ();
}
