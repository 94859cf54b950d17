#include "al-injection.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-expand.h"
#include "al-json-path.h"

/* Longest piece of an unterminated reference quoted in a warning. */
#define QUOTE_MAX_CHARS 40

typedef struct
{
  AlResolvedEnv pub;
  GHashTable *by_name;      /* name → AlResolvedVar*, borrowed from pub.vars */
} ResolvedEnvPrivate;

/* A variable while the environment is being built. */
typedef struct
{
  AlResolvedVar *var;       /* owned until handed to the result */
  /* AL_VAR_VALUE: the value as written (a template); AL_VAR_SECRET_LITERAL:
   * the literal, only to tell equal entries apart, never output. */
  char *raw;
  gboolean expand;          /* a written value, as opposed to a generated one */
  char *path;               /* JSON path of the value as written, or NULL */
  guint index;              /* position in its env or connection list */
} Entry;

typedef struct
{
  AlGraph *graph;
  AlComponent *component;
  const char *component_id;
  char *component_path;     /* "components[3]" */
  GPtrArray *diagnostics;
  GPtrArray *injected;      /* Entry*, in injection order */
  GPtrArray *own;           /* Entry*, own env order */
  GHashTable *own_index;    /* name → index of its first own entry + 1 */
  GHashTable *injected_by_name; /* name → first Entry* kept */
  GHashTable *shadowed;     /* name → first injected Entry* dropped for an own one */
  GHashTable *final;        /* name → Entry*, the environment expansion reads */
} Resolver;

static void
resolved_var_free (AlResolvedVar *var)
{
  if (var == NULL)
    return;
  g_free (var->name);
  g_free (var->value);
  g_free (var->secret_name);
  g_free (var->secret_key);
  g_free (var->dependency_id);
  g_free (var->provider_id);
  g_free (var->provider_name);
  g_free (var);
}

static void
entry_free (Entry *entry)
{
  if (entry == NULL)
    return;
  resolved_var_free (entry->var);
  g_free (entry->raw);
  g_free (entry->path);
  g_free (entry);
}

static char *
component_path (Resolver *resolver, AlComponent *component, const char *rest)
{
  int node = al_graph_get_node (resolver->graph, component);

  return node < 0 ? NULL : al_json_path_in_list ("components", (guint) node, rest);
}

/* An entry for @env_var of @owner's env (own) or connection list. */
static Entry *
entry_new_from_env_var (Resolver *resolver, AlComponent *owner, AlEnvVar *env_var,
                        AlCollection collection, guint index, AlDependency *dependency)
{
  Entry *entry = g_new0 (Entry, 1);
  AlResolvedVar *var = g_new0 (AlResolvedVar, 1);
  const char *list = collection == AL_COLLECTION_ENV ? "env" : "connection";
  g_autofree char *rest = g_strdup_printf ("%s[%u].value", list, index);

  entry->var = var;
  entry->index = index;
  var->name = g_strdup (al_env_var_get_name (env_var));
  if (al_env_var_is_secret_ref (env_var))
    {
      const char *key = al_env_var_get_secret_ref_key (env_var);

      var->kind = AL_VAR_SECRET_REF;
      var->secret_name = g_strdup (al_env_var_get_secret_ref_name (env_var));
      var->secret_key = g_strdup (key ? key : "");
    }
  else if (al_env_var_get_secret (env_var))
    {
      const char *value = al_env_var_get_value (env_var);

      var->kind = AL_VAR_SECRET_LITERAL;
      var->secret_name = al_component_dup_object_name (
          owner, collection == AL_COLLECTION_ENV ? AL_OBJECT_OWN_SECRET : AL_OBJECT_CONNECTION_SECRET);
      var->secret_key = g_strdup (var->name);
      entry->raw = g_strdup (value ? value : "");
    }
  else
    {
      const char *value = al_env_var_get_value (env_var);

      var->kind = AL_VAR_VALUE;
      entry->raw = g_strdup (value ? value : "");
      entry->expand = TRUE;
      entry->path = component_path (resolver, owner, rest);
    }

  if (dependency != NULL)
    {
      var->source = AL_VAR_SOURCE_CONNECTION;
      var->dependency_id = g_strdup (al_dependency_get_id (dependency));
      var->provider_id = g_strdup (al_component_get_id (owner));
      var->provider_name = g_strdup (al_component_get_name (owner));
    }
  else
    var->source = AL_VAR_SOURCE_OWN;
  return entry;
}

static Entry *
entry_new_generated (const char *name, const char *value, AlVarSource source, int port,
                     AlDependency *dependency, AlComponent *provider)
{
  Entry *entry = g_new0 (Entry, 1);
  AlResolvedVar *var = g_new0 (AlResolvedVar, 1);

  entry->var = var;
  entry->raw = g_strdup (value);
  var->name = g_strdup (name);
  var->kind = AL_VAR_VALUE;
  var->source = source;
  var->port = port;
  var->dependency_id = g_strdup (al_dependency_get_id (dependency));
  var->provider_id = g_strdup (al_component_get_id (provider));
  var->provider_name = g_strdup (al_component_get_name (provider));
  return entry;
}

/* Whether the container would see the same thing from @a and @b. */
static gboolean
entries_equal (const Entry *a, const Entry *b)
{
  if (a->var->kind != b->var->kind)
    return FALSE;
  if (a->var->kind == AL_VAR_SECRET_REF)
    return g_strcmp0 (a->var->secret_name, b->var->secret_name) == 0 &&
           g_strcmp0 (a->var->secret_key, b->var->secret_key) == 0;
  return g_strcmp0 (a->raw, b->raw) == 0;
}

/* Where an injected variable comes from, for the diagnostics' sentences:
 * "port 3306 of mysql (dependency d1)". */
static char *
describe_origin (const AlResolvedVar *var)
{
  if (var->source == AL_VAR_SOURCE_CONNECTION)
    /* TRANSLATORS: "connection info of mysql (dependency d1)" */
    return g_strdup_printf (_("connection info of %s (dependency %s)"), var->provider_name,
                            var->dependency_id);
  /* TRANSLATORS: "port 3306 of mysql (dependency d1)" */
  return g_strdup_printf (_("port %d of %s (dependency %s)"), var->port, var->provider_name,
                          var->dependency_id);
}

static void
add_injected (Resolver *resolver, Entry *entry)
{
  const char *name = entry->var->name;
  Entry *first;

  if (g_hash_table_contains (resolver->own_index, name))
    {
      /* The own variable wins; remember what it replaces for the warning. */
      if (!g_hash_table_contains (resolver->shadowed, name))
        g_hash_table_insert (resolver->shadowed, entry->var->name, entry);
      else
        entry_free (entry);
      return;
    }

  first = g_hash_table_lookup (resolver->injected_by_name, name);
  if (first == NULL)
    {
      g_ptr_array_add (resolver->injected, entry);
      g_hash_table_insert (resolver->injected_by_name, entry->var->name, entry);
      return;
    }
  if (!entries_equal (first, entry))
    {
      g_autofree char *first_source = describe_origin (first->var);
      g_autofree char *second_source = describe_origin (entry->var);

      g_ptr_array_add (resolver->diagnostics,
                       al_diagnostic_new (AL_SEVERITY_ERROR, "env-conflict", resolver->component_id,
                                          resolver->component_path,
                                          _("%s is injected twice with different values: by %s "
                                            "and by %s. Rename one of them, or define %s in this "
                                            "component’s own env to choose."),
                                          name, first_source, second_source, name));
    }
  entry_free (entry);
}

typedef struct
{
  int number;
  AlPort *port;
} ConsumedPort;

static int
compare_consumed_ports (gconstpointer a, gconstpointer b)
{
  const ConsumedPort *x = a, *y = b;

  return (x->number > y->number) - (x->number < y->number);
}

/* The consumed ports with the AlPort each one names (borrowed). */
static GArray *
collect_consumed_ports (AlDependency *dependency, AlComponent *provider)
{
  GListModel *ports = al_component_get_ports (provider);
  GArray *wanted = al_dependency_get_ports (dependency);
  g_autoptr (GHashTable) inner = g_hash_table_new (NULL, NULL);
  GArray *result = g_array_new (FALSE, FALSE, sizeof (ConsumedPort));
  guint n = g_list_model_get_n_items (ports);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (ports, i);
      int number = al_port_get_port (port);

      /* With duplicate numbers (a validation error) the first inner one counts. */
      if (al_port_get_inner (port) && !g_hash_table_contains (inner, GINT_TO_POINTER (number)))
        {
          ConsumedPort consumed = { number, port };

          g_hash_table_insert (inner, GINT_TO_POINTER (number), port);
          if (wanted->len == 0)
            g_array_append_val (result, consumed);
        }
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      int number = g_array_index (wanted, int, i);
      AlPort *port = g_hash_table_lookup (inner, GINT_TO_POINTER (number));
      ConsumedPort consumed = { number, port };

      if (port != NULL)
        {
          g_array_append_val (result, consumed);
          /* Each port once, even when the dependency lists it twice. */
          g_hash_table_remove (inner, GINT_TO_POINTER (number));
        }
    }
  g_array_sort (result, compare_consumed_ports);
  return result;
}

GArray *
al_injection_dup_consumed_ports (AlDependency *dependency, AlComponent *provider)
{
  g_autoptr (GArray) consumed = NULL;
  GArray *numbers;

  g_return_val_if_fail (AL_IS_DEPENDENCY (dependency), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (provider), NULL);

  consumed = collect_consumed_ports (dependency, provider);
  numbers = g_array_sized_new (FALSE, FALSE, sizeof (int), consumed->len);
  for (guint i = 0; i < consumed->len; i++)
    g_array_append_val (numbers, g_array_index (consumed, ConsumedPort, i).number);
  return numbers;
}

static void
inject_dependency (Resolver *resolver, AlDependency *dependency, AlComponent *provider)
{
  g_autoptr (GArray) consumed = collect_consumed_ports (dependency, provider);
  GListModel *connection = al_component_get_connection (provider);
  const char *host = al_component_get_service_name (provider);
  guint n;

  for (guint i = 0; i < consumed->len; i++)
    {
      ConsumedPort *port = &g_array_index (consumed, ConsumedPort, i);
      g_autofree char *alias = al_component_dup_port_alias (provider, port->port);
      g_autofree char *host_name = g_strconcat (alias, "_HOST", NULL);
      g_autofree char *port_name = g_strconcat (alias, "_PORT", NULL);
      g_autofree char *number = g_strdup_printf ("%d", port->number);

      add_injected (resolver, entry_new_generated (host_name, host, AL_VAR_SOURCE_HOST,
                                                   port->number, dependency, provider));
      add_injected (resolver, entry_new_generated (port_name, number, AL_VAR_SOURCE_PORT,
                                                   port->number, dependency, provider));
    }

  n = g_list_model_get_n_items (connection);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlEnvVar) env_var = g_list_model_get_item (connection, i);

      add_injected (resolver, entry_new_from_env_var (resolver, provider, env_var,
                                                      AL_COLLECTION_CONNECTION, i, dependency));
    }
}

static void
collect_own (Resolver *resolver)
{
  GListModel *env = al_component_get_env (resolver->component);
  guint n = g_list_model_get_n_items (env);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlEnvVar) env_var = g_list_model_get_item (env, i);
      Entry *entry = entry_new_from_env_var (resolver, resolver->component, env_var,
                                             AL_COLLECTION_ENV, i, NULL);
      const char *name = entry->var->name;
      gpointer first_index = g_hash_table_lookup (resolver->own_index, name);

      if (first_index == NULL)
        {
          g_ptr_array_add (resolver->own, entry);
          g_hash_table_insert (resolver->own_index, entry->var->name,
                               GUINT_TO_POINTER (resolver->own->len));
          continue;
        }
      /* Twice in the own list: the container gets one (the first). */
      if (!entries_equal (g_ptr_array_index (resolver->own, GPOINTER_TO_UINT (first_index) - 1),
                          entry))
        {
          g_autofree char *rest = g_strdup_printf ("env[%u]", i);
          g_autofree char *path = component_path (resolver, resolver->component, rest);

          g_ptr_array_add (resolver->diagnostics,
                           al_diagnostic_new (AL_SEVERITY_ERROR, "env-conflict",
                                              resolver->component_id, path,
                                              _("%s is defined twice in this component’s own env "
                                                "with different values; keep one of them."),
                                              name));
        }
      entry_free (entry);
    }
}

static void
warn_shadowed (Resolver *resolver)
{
  for (guint i = 0; i < resolver->own->len; i++)
    {
      Entry *own = g_ptr_array_index (resolver->own, i);
      Entry *injected = g_hash_table_lookup (resolver->shadowed, own->var->name);
      g_autofree char *source = NULL;
      g_autofree char *path = NULL;
      g_autofree char *rest = NULL;

      if (injected == NULL)
        continue;
      rest = g_strdup_printf ("env[%u]", own->index);
      path = component_path (resolver, resolver->component, rest);
      source = describe_origin (injected->var);
      g_ptr_array_add (resolver->diagnostics,
                       al_diagnostic_new (AL_SEVERITY_WARNING, "env-shadowed",
                                          resolver->component_id, path,
                                          _("The own variable %s replaces the one injected by %s."),
                                          own->var->name, source));
    }
}

static AlExpandKind
lookup_final (const char *name, const char **value, gpointer user_data)
{
  Resolver *resolver = user_data;
  Entry *entry = g_hash_table_lookup (resolver->final, name);

  if (entry == NULL)
    return AL_EXPAND_UNKNOWN;
  if (entry->var->kind != AL_VAR_VALUE)
    return AL_EXPAND_SECRET;
  *value = entry->raw;
  return AL_EXPAND_VALUE;
}

/* @text, shortened for a message when it runs on. */
static char *
quote_reference (const char *text)
{
  g_autofree char *head = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("${");
  if (g_utf8_strlen (text, -1) <= QUOTE_MAX_CHARS)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, QUOTE_MAX_CHARS);
  return g_strconcat (head, "…", NULL);
}

/* Expands @text; @where names the place for the warnings ("the value of
 * DSN", "command[0]"). */
static char *
expand_text (Resolver *resolver, const char *text, const char *where, const char *path)
{
  g_autoptr (GPtrArray) problems = NULL;
  char *result;

  if (!al_expand_has_references (text))
    return g_strdup (text);

  problems = al_expand_problem_list_new ();
  result = al_expand (text, lookup_final, resolver, problems);
  for (guint i = 0; i < problems->len; i++)
    {
      AlExpandProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *quoted = quote_reference (problem->text);
      AlDiagnostic *diagnostic = NULL;

      switch (problem->kind)
        {
        case AL_EXPAND_PROBLEM_UNRESOLVED:
          diagnostic = al_diagnostic_new (AL_SEVERITY_WARNING, "unresolved-variable",
                                          resolver->component_id, path,
                                          _("“%s” in %s names no variable of this component’s "
                                            "environment, so it stays as written. Define %s, or "
                                            "give a default: ${%s:default}."),
                                          quoted, where, problem->name, problem->name);
          break;
        case AL_EXPAND_PROBLEM_UNTERMINATED:
          diagnostic = al_diagnostic_new (AL_SEVERITY_WARNING, "unresolved-variable",
                                          resolver->component_id, path,
                                          _("“%s” in %s has no closing “}”, so it stays as "
                                            "written. Close it, or write “$${” for a literal “${”."),
                                          quoted, where);
          break;
        case AL_EXPAND_PROBLEM_EMPTY_NAME:
          diagnostic = al_diagnostic_new (AL_SEVERITY_WARNING, "unresolved-variable",
                                          resolver->component_id, path,
                                          _("“%s” in %s names no variable, so it stays as written."),
                                          quoted, where);
          break;
        }
      g_ptr_array_add (resolver->diagnostics, diagnostic);
    }
  return result;
}

static char *
describe_entry_place (const Entry *entry)
{
  const AlResolvedVar *var = entry->var;

  if (var->source == AL_VAR_SOURCE_CONNECTION)
    /* TRANSLATORS: "the value of MYSQL_URL (connection info of mysql, dependency d1)" */
    return g_strdup_printf (_("the value of %s (connection info of %s, dependency %s)"),
                            var->name, var->provider_name, var->dependency_id);
  /* TRANSLATORS: "the value of DSN" */
  return g_strdup_printf (_("the value of %s"), var->name);
}

static char **
expand_list (Resolver *resolver, const char *const *list, const char *member)
{
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      g_autofree char *where = g_strdup_printf ("%s[%u]", member, i);
      g_autofree char *path = component_path (resolver, resolver->component, where);

      g_ptr_array_add (result, expand_text (resolver, list[i], where, path));
    }
  g_ptr_array_add (result, NULL);
  return (char **) g_ptr_array_free (result, FALSE);
}

AlResolvedEnv *
al_injection_resolve_for_component (AlGraph *graph, AlComponent *component)
{
  ResolvedEnvPrivate *priv;
  AlResolvedEnv *env;
  Resolver resolver = { 0 };
  GPtrArray *consumed;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  priv = g_new0 (ResolvedEnvPrivate, 1);
  env = &priv->pub;
  env->component_id = g_strdup (al_component_get_id (component));
  env->vars = g_ptr_array_new_with_free_func ((GDestroyNotify) resolved_var_free);
  env->diagnostics = al_diagnostic_list_new ();
  priv->by_name = g_hash_table_new (g_str_hash, g_str_equal);

  resolver.graph = graph;
  resolver.component = component;
  resolver.component_id = env->component_id;
  resolver.component_path = component_path (&resolver, component, NULL);
  resolver.diagnostics = env->diagnostics;
  resolver.injected = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  resolver.own = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  resolver.own_index = g_hash_table_new (g_str_hash, g_str_equal);
  resolver.injected_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  resolver.shadowed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) entry_free);
  resolver.final = g_hash_table_new (g_str_hash, g_str_equal);

  /* Own names first: they decide which injected entries are dropped. */
  collect_own (&resolver);

  consumed = al_graph_get_consumed (graph, component);
  for (guint i = 0; i < consumed->len; i++)
    {
      AlDependency *dependency = g_ptr_array_index (consumed, i);
      AlComponent *provider = al_graph_get_to (graph, dependency);

      if (provider != NULL)
        inject_dependency (&resolver, dependency, provider);
    }
  warn_shadowed (&resolver);

  /* Injected then own: the names are distinct by now. */
  for (guint i = 0; i < resolver.injected->len; i++)
    {
      Entry *entry = g_ptr_array_index (resolver.injected, i);
      g_hash_table_insert (resolver.final, entry->var->name, entry);
    }
  for (guint i = 0; i < resolver.own->len; i++)
    {
      Entry *entry = g_ptr_array_index (resolver.own, i);
      g_hash_table_insert (resolver.final, entry->var->name, entry);
    }

  /* Expansion reads the raw values of resolver.final, so no value is
   * replaced before every one is expanded. */
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *entries = pass == 0 ? resolver.injected : resolver.own;

      for (guint i = 0; i < entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (entries, i);

          if (entry->var->kind != AL_VAR_VALUE)
            continue;
          if (entry->expand)
            {
              g_autofree char *where = describe_entry_place (entry);
              entry->var->value = expand_text (&resolver, entry->raw, where, entry->path);
            }
          else
            entry->var->value = g_strdup (entry->raw);
        }
    }
  env->command = expand_list (&resolver, al_component_get_command (component), "command");
  env->args = expand_list (&resolver, al_component_get_args (component), "args");

  /* Hand the variables over, in the container's order. */
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *entries = pass == 0 ? resolver.injected : resolver.own;

      for (guint i = 0; i < entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (entries, i);

          g_ptr_array_add (env->vars, entry->var);
          g_hash_table_insert (priv->by_name, entry->var->name, entry->var);
          entry->var = NULL;
        }
    }

  g_hash_table_unref (resolver.final);
  g_hash_table_unref (resolver.shadowed);
  g_hash_table_unref (resolver.injected_by_name);
  g_hash_table_unref (resolver.own_index);
  g_ptr_array_unref (resolver.own);
  g_ptr_array_unref (resolver.injected);
  g_free (resolver.component_path);
  return env;
}

void
al_resolved_env_free (AlResolvedEnv *env)
{
  ResolvedEnvPrivate *priv = (ResolvedEnvPrivate *) env;

  if (env == NULL)
    return;
  g_hash_table_unref (priv->by_name);
  g_free (env->component_id);
  g_ptr_array_unref (env->vars);
  g_strfreev (env->command);
  g_strfreev (env->args);
  g_ptr_array_unref (env->diagnostics);
  g_free (priv);
}

AlResolvedVar *
al_resolved_env_lookup (AlResolvedEnv *env, const char *name)
{
  ResolvedEnvPrivate *priv = (ResolvedEnvPrivate *) env;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (priv->by_name, name);
}

char *
al_resolved_var_describe_source (const AlResolvedVar *var)
{
  g_return_val_if_fail (var != NULL, NULL);

  switch (var->source)
    {
    case AL_VAR_SOURCE_HOST:
    case AL_VAR_SOURCE_PORT:
      /* TRANSLATORS: "injected: MYSQL_HOST of mysql (dependency d1)" */
      return g_strdup_printf (_("injected: %s of %s (dependency %s)"), var->name,
                              var->provider_name, var->dependency_id);
    case AL_VAR_SOURCE_CONNECTION:
      /* TRANSLATORS: "connection info of mysql (dependency d1)" */
      return g_strdup_printf (_("connection info of %s (dependency %s)"), var->provider_name,
                              var->dependency_id);
    case AL_VAR_SOURCE_OWN:
    default:
      return g_strdup (_("own"));
    }
}
