#include "al-injection-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-json-path.h"

/* Longest piece of an unterminated reference quoted in a warning. */
#define QUOTE_MAX_CHARS 40

static AlEnvEntry *
entry_new (AlInjectionResolver *resolver)
{
  AlEnvEntry *entry;

  if (resolver->n_entries == resolver->entry_pool->len)
    g_ptr_array_add (resolver->entry_pool, g_new (AlEnvEntry, 1));
  entry = g_ptr_array_index (resolver->entry_pool, resolver->n_entries++);
  memset (entry, 0, sizeof *entry);
  return entry;
}

static AlEnvSlot *
slot_for (AlInjectionResolver *resolver, const char *name)
{
  return al_name_table_lookup (&resolver->names, name, TRUE);
}

static char *
component_path (AlInjectionResolver *resolver, AlComponent *component, const char *rest)
{
  int node = al_graph_get_node (resolver->graph, component);

  return node < 0 ? NULL : al_json_path_in_list ("components", (guint) node, rest);
}

/* Entries ---------------------------------------------------------------- */

/* An entry for @env_var of @owner's env (own) or connection list. */
static AlEnvEntry *
entry_from_env_var (AlInjectionResolver *resolver, AlComponent *owner, AlEnvVar *env_var,
                    AlCollection collection, guint index, AlEnvOrigin *origin)
{
  AlEnvEntry *entry = entry_new (resolver);

  entry->name = al_env_var_get_name (env_var);
  entry->owner = owner;
  entry->collection = collection;
  entry->index = index;
  if (al_env_var_is_secret_ref (env_var))
    {
      const char *key = al_env_var_get_secret_ref_key (env_var);

      entry->kind = AL_VAR_SECRET_REF;
      entry->secret_name = al_env_var_get_secret_ref_name (env_var);
      entry->secret_key = key ? key : "";
    }
  else if (al_env_var_get_secret (env_var))
    {
      const char *value = al_env_var_get_value (env_var);
      g_autofree char *secret_name = al_component_dup_object_name (
          owner, collection == AL_COLLECTION_ENV ? AL_OBJECT_OWN_SECRET : AL_OBJECT_CONNECTION_SECRET);

      entry->kind = AL_VAR_SECRET_LITERAL;
      entry->secret_name = al_arena_strndup (&resolver->arena, secret_name, strlen (secret_name));
      entry->secret_key = entry->name;
      entry->raw = value ? value : "";
    }
  else
    {
      const char *value = al_env_var_get_value (env_var);

      entry->kind = AL_VAR_VALUE;
      entry->raw = value ? value : "";
      entry->expand = TRUE;
    }
  entry->origin = origin;
  entry->source = origin != NULL ? AL_VAR_SOURCE_CONNECTION : AL_VAR_SOURCE_OWN;
  return entry;
}

/* Whether the container would see the same thing from @a and @b. */
static gboolean
entries_equal (const AlEnvEntry *a, const AlEnvEntry *b)
{
  if (a->kind != b->kind)
    return FALSE;
  if (a->kind == AL_VAR_SECRET_REF)
    return g_strcmp0 (a->secret_name, b->secret_name) == 0
           && g_strcmp0 (a->secret_key, b->secret_key) == 0;
  return g_strcmp0 (a->raw, b->raw) == 0;
}

/* Where an injected variable comes from, for the diagnostics' sentences:
 * "port 3306 of mysql (dependency d1)". */
static char *
describe_origin (const AlEnvEntry *entry)
{
  const char *provider = al_component_get_name (entry->origin->provider);
  const char *dependency = al_dependency_get_id (entry->origin->dependency);

  if (entry->source == AL_VAR_SOURCE_CONNECTION)
    /* TRANSLATORS: "connection info of mysql (dependency d1)" */
    return g_strdup_printf (_("connection info of %s (dependency %s)"), provider, dependency);
  /* TRANSLATORS: "port 3306 of mysql (dependency d1)" */
  return g_strdup_printf (_("port %d of %s (dependency %s)"), entry->port, provider, dependency);
}

static void
add_injected (AlInjectionResolver *resolver, AlEnvEntry *entry)
{
  AlEnvSlot *slot = slot_for (resolver, entry->name);
  g_autofree char *first_source = NULL;
  g_autofree char *second_source = NULL;
  g_autofree char *path = NULL;

  if (slot->own != NULL)
    {
      /* The own variable wins; remember what it replaces for the warning. */
      if (slot->shadowed == NULL)
        slot->shadowed = entry;
      return;
    }
  if (slot->injected == NULL)
    {
      slot->injected = entry;
      g_ptr_array_add (resolver->injected, entry);
      return;
    }
  if (entries_equal (slot->injected, entry))
    return;
  first_source = describe_origin (slot->injected);
  second_source = describe_origin (entry);
  path = component_path (resolver, resolver->component, NULL);
  g_ptr_array_add (resolver->diagnostics,
                   al_diagnostic_new (AL_SEVERITY_ERROR, "env-conflict", resolver->component_id, path,
                                      _("%s is injected twice with different values: by %s "
                                        "and by %s. Rename one of them, or define %s in this "
                                        "component’s own env to choose."),
                                      entry->name, first_source, second_source, entry->name));
}

/* Consumed ports --------------------------------------------------------- */

typedef struct
{
  int number;
  guint order;              /* position in the provider's list */
  AlPort *port;
} PortPlace;

static int
compare_ports (gconstpointer a, gconstpointer b)
{
  const PortPlace *x = a, *y = b;

  if (x->number != y->number)
    return (x->number > y->number) - (x->number < y->number);
  return (x->order > y->order) - (x->order < y->order);
}

static AlProvider *
get_provider (AlInjectionResolver *resolver, AlComponent *component)
{
  AlProvider *provider = g_hash_table_lookup (resolver->providers, component);
  GListModel *ports, *connection;
  guint n, kept = 0;
  AlPort *first = NULL;

  if (provider != NULL)
    return provider;

  /* Sorted by number then place, so the first port of each number leads
   * its run: sorting keeps this O(n log n) however many ports there are. */
  ports = al_component_get_ports (component);
  n = g_list_model_get_n_items (ports);
  g_array_set_size (resolver->ports, 0);
  for (guint i = 0; i < n; i++)
    {
      AlPort *port = g_list_model_get_item (ports, i);
      PortPlace entry = { al_port_get_port (port), i, port };

      /* Borrowed: the list keeps its reference. */
      g_object_unref (port);
      g_array_append_val (resolver->ports, entry);
    }
  g_array_sort (resolver->ports, compare_ports);

  provider = al_arena_alloc (&resolver->providers_arena, sizeof *provider);
  memset (provider, 0, sizeof *provider);
  provider->ports = al_arena_alloc (&resolver->providers_arena, MAX (n, 1) * sizeof (AlProviderPort));
  for (guint i = 0; i < n; i++)
    {
      PortPlace *entry = &g_array_index (resolver->ports, PortPlace, i);
      AlProviderPort *last = kept > 0 ? &provider->ports[kept - 1] : NULL;

      if (i == 0 || entry->number != g_array_index (resolver->ports, PortPlace, i - 1).number)
        first = entry->port;
      /* With duplicate numbers (a validation error) the first inner one
       * counts. */
      if (!al_port_get_inner (entry->port) || (last != NULL && last->number == entry->number))
        continue;
      memset (&provider->ports[kept], 0, sizeof (AlProviderPort));
      provider->ports[kept].number = entry->number;
      provider->ports[kept].port = entry->port;
      provider->ports[kept].first = first;
      kept++;
    }
  provider->n_ports = kept;

  connection = al_component_get_connection (component);
  provider->n_connection = g_list_model_get_n_items (connection);
  provider->connection = al_arena_alloc (&resolver->providers_arena,
                                      MAX (provider->n_connection, 1) * sizeof (AlEnvVar *));
  for (guint i = 0; i < provider->n_connection; i++)
    {
      provider->connection[i] = g_list_model_get_item (connection, i);
      g_object_unref (provider->connection[i]);
    }
  g_hash_table_insert (resolver->providers, component, provider);
  return provider;
}

static AlProviderPort *
find_provider_port (AlProvider *provider, int number)
{
  guint low = 0, high = provider->n_ports;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (provider->ports[mid].number == number)
        return &provider->ports[mid];
      if (provider->ports[mid].number < number)
        low = mid + 1;
      else
        high = mid;
    }
  return NULL;
}

static int
compare_provider_ports (gconstpointer a, gconstpointer b)
{
  const AlProviderPort *x = *(AlProviderPort *const *) a, *y = *(AlProviderPort *const *) b;

  return (x->number > y->number) - (x->number < y->number);
}

/* The ports @dependency consumes from @provider into resolver->consumed:
 * the ones it lists that @provider has as inner ports, or all of them when
 * it lists none; ascending, each once. */
static void
select_consumed_ports (AlInjectionResolver *resolver, AlDependency *dependency,
                       AlProvider *provider)
{
  GArray *wanted = al_dependency_get_ports (dependency);

  g_ptr_array_set_size (resolver->consumed, 0);
  if (wanted->len == 0)
    {
      for (guint i = 0; i < provider->n_ports; i++)
        g_ptr_array_add (resolver->consumed, &provider->ports[i]);
      return;
    }
  resolver->stamp++;
  for (guint i = 0; i < wanted->len; i++)
    {
      AlProviderPort *port = find_provider_port (provider, g_array_index (wanted, int, i));

      /* Each port once, even when the dependency lists it twice. */
      if (port == NULL || port->taken == resolver->stamp)
        continue;
      port->taken = resolver->stamp;
      g_ptr_array_add (resolver->consumed, port);
    }
  g_ptr_array_sort (resolver->consumed, compare_provider_ports);
}

GArray *
al_injection_resolver_get_consumed_ports (AlInjectionResolver *resolver,
                                          AlDependency *dependency, AlComponent *provider)
{
  g_return_val_if_fail (resolver != NULL, NULL);
  g_return_val_if_fail (AL_IS_DEPENDENCY (dependency), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (provider), NULL);

  select_consumed_ports (resolver, dependency, get_provider (resolver, provider));
  g_array_set_size (resolver->numbers, 0);
  for (guint i = 0; i < resolver->consumed->len; i++)
    {
      AlProviderPort *port = g_ptr_array_index (resolver->consumed, i);
      AlConsumedPort consumed = { port->number, port->first };

      g_array_append_val (resolver->numbers, consumed);
    }
  return resolver->numbers;
}

static AlInjectionResolver *resolver_create (AlGraph *graph);

GArray *
al_injection_dup_consumed_ports (AlDependency *dependency, AlComponent *provider)
{
  g_autoptr (AlInjectionResolver) resolver = NULL;
  GArray *consumed, *numbers;

  g_return_val_if_fail (AL_IS_DEPENDENCY (dependency), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (provider), NULL);

  resolver = resolver_create (NULL);
  consumed = al_injection_resolver_get_consumed_ports (resolver, dependency, provider);
  numbers = g_array_sized_new (FALSE, FALSE, sizeof (int), consumed->len);
  for (guint i = 0; i < consumed->len; i++)
    g_array_append_val (numbers, g_array_index (consumed, AlConsumedPort, i).number);
  return numbers;
}

/* Building the environment ----------------------------------------------- */

/* The names of the variables @port gives, made once per resolver. */
static void
name_provider_port (AlInjectionResolver *resolver, AlComponent *provider, AlProviderPort *port)
{
  g_autofree char *alias = NULL;
  gsize alias_len;
  char number[16];
  char *digits = number + sizeof number;
  guint magnitude;
  char *name;

  if (port->host_name != NULL)
    return;
  alias = al_component_dup_port_alias (provider, port->port);
  alias_len = strlen (alias);
  name = al_arena_alloc (&resolver->providers_arena, alias_len + sizeof "_HOST");
  memcpy (name, alias, alias_len);
  memcpy (name + alias_len, "_HOST", sizeof "_HOST");
  port->host_name = name;
  name = al_arena_alloc (&resolver->providers_arena, alias_len + sizeof "_PORT");
  memcpy (name, alias, alias_len);
  memcpy (name + alias_len, "_PORT", sizeof "_PORT");
  port->port_name = name;
  /* "%d" without printf: a port is a plain non-negative number once
   * validated, but any int is spelt right. */
  magnitude = port->number < 0 ? -(guint) port->number : (guint) port->number;
  do
    {
      *--digits = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (port->number < 0)
    *--digits = '-';
  port->number_text = al_arena_strndup (&resolver->providers_arena, digits,
                                     number + sizeof number - digits);
}

static void
inject_dependency (AlInjectionResolver *resolver, AlDependency *dependency, AlComponent *component)
{
  AlProvider *provider = get_provider (resolver, component);
  const char *host = al_component_get_service_name (component);
  AlEnvOrigin *origin = al_arena_alloc (&resolver->arena, sizeof (AlEnvOrigin));

  memset (origin, 0, sizeof *origin);
  origin->dependency = dependency;
  origin->provider = component;

  select_consumed_ports (resolver, dependency, provider);
  for (guint i = 0; i < resolver->consumed->len; i++)
    {
      AlProviderPort *port = g_ptr_array_index (resolver->consumed, i);
      AlEnvEntry *entry;

      name_provider_port (resolver, component, port);
      entry = entry_new (resolver);
      entry->name = port->host_name;
      entry->kind = AL_VAR_VALUE;
      entry->raw = host;
      entry->source = AL_VAR_SOURCE_HOST;
      entry->port = port->number;
      entry->origin = origin;
      add_injected (resolver, entry);

      entry = entry_new (resolver);
      entry->name = port->port_name;
      entry->kind = AL_VAR_VALUE;
      entry->raw = port->number_text;
      entry->source = AL_VAR_SOURCE_PORT;
      entry->port = port->number;
      entry->origin = origin;
      add_injected (resolver, entry);
    }

  for (guint i = 0; i < provider->n_connection; i++)
    add_injected (resolver, entry_from_env_var (resolver, component, provider->connection[i],
                                                AL_COLLECTION_CONNECTION, i, origin));
}

static void
collect_own (AlInjectionResolver *resolver)
{
  GListModel *env = al_component_get_env (resolver->component);
  guint n = g_list_model_get_n_items (env);

  for (guint i = 0; i < n; i++)
    {
      AlEnvVar *env_var = g_list_model_get_item (env, i);
      AlEnvEntry *entry;
      AlEnvSlot *slot;
      g_autofree char *rest = NULL;
      g_autofree char *path = NULL;

      g_object_unref (env_var);
      entry = entry_from_env_var (resolver, resolver->component, env_var, AL_COLLECTION_ENV, i, NULL);
      slot = slot_for (resolver, entry->name);
      if (slot->own == NULL)
        {
          slot->own = entry;
          g_ptr_array_add (resolver->own, entry);
          continue;
        }
      /* Twice in the own list: the container gets one (the first). */
      if (entries_equal (slot->own, entry))
        continue;
      rest = g_strdup_printf ("env[%u]", i);
      path = component_path (resolver, resolver->component, rest);
      g_ptr_array_add (resolver->diagnostics,
                       al_diagnostic_new (AL_SEVERITY_ERROR, "env-conflict",
                                          resolver->component_id, path,
                                          _("%s is defined twice in this component’s own env "
                                            "with different values; keep one of them."),
                                          entry->name));
    }
}

static void
warn_shadowed (AlInjectionResolver *resolver)
{
  for (guint i = 0; i < resolver->own->len; i++)
    {
      AlEnvEntry *own = g_ptr_array_index (resolver->own, i);
      AlEnvSlot *slot = al_name_table_lookup (&resolver->names, own->name, FALSE);
      g_autofree char *source = NULL;
      g_autofree char *rest = NULL;
      g_autofree char *path = NULL;

      /* Every own name has its slot. */
      if (slot == NULL || slot->shadowed == NULL)
        continue;
      rest = g_strdup_printf ("env[%u]", own->index);
      path = component_path (resolver, resolver->component, rest);
      source = describe_origin (slot->shadowed);
      g_ptr_array_add (resolver->diagnostics,
                       al_diagnostic_new (AL_SEVERITY_WARNING, "env-shadowed",
                                          resolver->component_id, path,
                                          _("The own variable %s replaces the one injected by %s."),
                                          own->name, source));
    }
}

/* Expansion -------------------------------------------------------------- */

static AlExpandKind
lookup_final (const char *name, const char **value, gpointer user_data)
{
  AlInjectionResolver *resolver = user_data;
  AlEnvSlot *slot = al_name_table_lookup (&resolver->names, name, FALSE);
  AlEnvEntry *entry;

  if (slot == NULL)
    return AL_EXPAND_UNKNOWN;
  entry = slot->own != NULL ? slot->own : slot->injected;
  if (entry == NULL)
    return AL_EXPAND_UNKNOWN;
  if (entry->kind != AL_VAR_VALUE)
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

static char *
describe_entry_place (const AlEnvEntry *entry)
{
  if (entry->source == AL_VAR_SOURCE_CONNECTION)
    /* TRANSLATORS: "the value of MYSQL_URL (connection info of mysql, dependency d1)" */
    return g_strdup_printf (_("the value of %s (connection info of %s, dependency %s)"),
                            entry->name, al_component_get_name (entry->origin->provider),
                            al_dependency_get_id (entry->origin->dependency));
  /* TRANSLATORS: "the value of DSN" */
  return g_strdup_printf (_("the value of %s"), entry->name);
}

static void
report_problems (AlInjectionResolver *resolver, const char *where, const char *path)
{
  for (guint i = 0; i < resolver->problems->len; i++)
    {
      AlExpandProblem *problem = g_ptr_array_index (resolver->problems, i);
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
}

/* Expands @text, the value of @entry or item @index of the component's
 * @member list. The result is @text itself when it has no reference. */
static const char *
expand_text (AlInjectionResolver *resolver, const char *text, const AlEnvEntry *entry,
             const char *member, guint index)
{
  const char *result;

  if (!al_expand_has_references (text))
    return text;

  g_string_truncate (resolver->text, 0);
  g_ptr_array_set_size (resolver->problems, 0);
  al_expand_append (resolver->text, text, lookup_final, resolver, resolver->problems);
  result = al_arena_strndup (&resolver->arena, resolver->text->str, resolver->text->len);
  if (resolver->problems->len > 0)
    {
      /* The place is named only when there is something to report. */
      g_autofree char *where = NULL;
      g_autofree char *path = NULL;
      g_autofree char *rest = NULL;

      if (entry != NULL)
        {
          const char *list = entry->collection == AL_COLLECTION_ENV ? "env" : "connection";

          where = describe_entry_place (entry);
          rest = g_strdup_printf ("%s[%u].value", list, entry->index);
          path = component_path (resolver, entry->owner, rest);
        }
      else
        {
          where = g_strdup_printf ("%s[%u]", member, index);
          path = component_path (resolver, resolver->component, where);
        }
      report_problems (resolver, where, path);
    }
  return result;
}

static void
expand_list (AlInjectionResolver *resolver, const char *const *list, const char *member,
             GPtrArray *result)
{
  g_ptr_array_set_size (result, 0);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    g_ptr_array_add (result, (char *) expand_text (resolver, list[i], NULL, member, i));
}

static AlInjectionResolver *
resolver_create (AlGraph *graph)
{
  AlInjectionResolver *resolver = g_new0 (AlInjectionResolver, 1);

  resolver->graph = graph;
  resolver->arena.blocks = g_array_new (FALSE, FALSE, sizeof (AlArenaBlock));
  resolver->providers_arena.blocks = g_array_new (FALSE, FALSE, sizeof (AlArenaBlock));
  resolver->providers = g_hash_table_new (NULL, NULL);
  resolver->entry_pool = g_ptr_array_new_with_free_func (g_free);
  al_name_table_init (&resolver->names);
  resolver->injected = g_ptr_array_new ();
  resolver->own = g_ptr_array_new ();
  resolver->command = g_ptr_array_new ();
  resolver->args = g_ptr_array_new ();
  resolver->ports = g_array_new (FALSE, FALSE, sizeof (PortPlace));
  resolver->consumed = g_ptr_array_new ();
  resolver->numbers = g_array_new (FALSE, FALSE, sizeof (AlConsumedPort));
  resolver->text = g_string_new (NULL);
  resolver->problems = al_expand_problem_list_new ();
  return resolver;
}

AlInjectionResolver *
al_injection_resolver_new (AlGraph *graph)
{
  g_return_val_if_fail (graph != NULL, NULL);

  return resolver_create (graph);
}

void
al_injection_resolver_free (AlInjectionResolver *resolver)
{
  if (resolver == NULL)
    return;
  al_arena_clear (&resolver->arena);
  al_arena_clear (&resolver->providers_arena);
  g_hash_table_unref (resolver->providers);
  g_ptr_array_unref (resolver->entry_pool);
  g_free (resolver->names.entries);
  g_ptr_array_unref (resolver->injected);
  g_ptr_array_unref (resolver->own);
  g_ptr_array_unref (resolver->command);
  g_ptr_array_unref (resolver->args);
  g_array_unref (resolver->ports);
  g_ptr_array_unref (resolver->consumed);
  g_array_unref (resolver->numbers);
  g_string_free (resolver->text, TRUE);
  g_ptr_array_unref (resolver->problems);
  g_free (resolver);
}

/* Works out the environment of @component in the resolver's tables. */
static void
resolve (AlInjectionResolver *resolver, AlComponent *component)
{
  GPtrArray *consumed;

  al_arena_reset (&resolver->arena);
  resolver->n_entries = 0;
  al_name_table_clear (&resolver->names);
  g_ptr_array_set_size (resolver->injected, 0);
  g_ptr_array_set_size (resolver->own, 0);
  resolver->component = component;
  resolver->component_id = al_component_get_id (component);
  resolver->diagnostics = al_diagnostic_list_new ();

  /* Own names first: they decide which injected entries are dropped. */
  collect_own (resolver);
  consumed = al_graph_get_consumed (resolver->graph, component);
  for (guint i = 0; i < consumed->len; i++)
    {
      AlDependency *dependency = g_ptr_array_index (consumed, i);
      AlComponent *provider = al_graph_get_to (resolver->graph, dependency);

      if (provider != NULL)
        inject_dependency (resolver, dependency, provider);
    }
  warn_shadowed (resolver);

  /* Expansion reads the raw values, so no value is replaced before every
   * one is expanded. Injected then own: the names are distinct by now. */
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *entries = pass == 0 ? resolver->injected : resolver->own;

      for (guint i = 0; i < entries->len; i++)
        {
          AlEnvEntry *entry = g_ptr_array_index (entries, i);

          if (entry->kind != AL_VAR_VALUE)
            continue;
          entry->value = entry->expand ? expand_text (resolver, entry->raw, entry, NULL, 0)
                                       : entry->raw;
        }
    }
  expand_list (resolver, al_component_get_command (component), "command", resolver->command);
  expand_list (resolver, al_component_get_args (component), "args", resolver->args);
}

AlResolvedEnv *
al_injection_resolver_resolve (AlInjectionResolver *resolver, AlComponent *component)
{
  g_return_val_if_fail (resolver != NULL, NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  resolve (resolver, component);
  return al_injection_resolver_build_env (resolver);
}

GPtrArray *
al_injection_resolver_check (AlInjectionResolver *resolver, AlComponent *component)
{
  g_return_val_if_fail (resolver != NULL, NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  resolve (resolver, component);
  return g_steal_pointer (&resolver->diagnostics);
}

AlResolvedEnv *
al_injection_resolve_for_component (AlGraph *graph, AlComponent *component)
{
  g_autoptr (AlInjectionResolver) resolver = NULL;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  resolver = al_injection_resolver_new (graph);
  return al_injection_resolver_resolve (resolver, component);
}

