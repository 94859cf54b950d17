/* AlResolvedEnv: the environment the resolver hands over, in one block. */
#include "al-injection-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static gsize
string_size (const char *text)
{
  return text != NULL ? strlen (text) + 1 : 0;
}

static char *
store_string (char **cursor, const char *text)
{
  gsize size = string_size (text);
  char *copy = *cursor;

  if (text == NULL)
    return NULL;
  memcpy (copy, text, size);
  *cursor += size;
  return copy;
}

static gsize
origin_size (AlEnvOrigin *origin)
{
  if (origin == NULL || origin->sized)
    return 0;
  origin->sized = TRUE;
  return string_size (al_dependency_get_id (origin->dependency))
         + string_size (al_component_get_id (origin->provider))
         + string_size (al_component_get_name (origin->provider));
}

static void
store_origin (char **cursor, AlEnvOrigin *origin, AlResolvedVar *var)
{
  if (!origin->stored)
    {
      origin->stored = TRUE;
      origin->dependency_id = store_string (cursor, al_dependency_get_id (origin->dependency));
      origin->provider_id = store_string (cursor, al_component_get_id (origin->provider));
      origin->provider_name = store_string (cursor, al_component_get_name (origin->provider));
    }
  var->dependency_id = origin->dependency_id;
  var->provider_id = origin->provider_id;
  var->provider_name = origin->provider_name;
}

/* One block holds the variables, command, args and every string of the
 * environment: an environment kept for every component stays small. */
AlResolvedEnv *
al_injection_resolver_build_env (AlInjectionResolver *resolver)
{
  AlResolvedEnvPrivate *priv = g_new0 (AlResolvedEnvPrivate, 1);
  AlResolvedEnv *env = &priv->pub;
  guint n_vars = resolver->injected->len + resolver->own->len;
  guint n_command = resolver->command->len, n_args = resolver->args->len;
  gsize header = n_vars * sizeof (AlResolvedVar) + (n_command + n_args + 2) * sizeof (char *);
  gsize size = header + string_size (resolver->component_id);
  AlResolvedVar *vars;
  char **lists;
  char *cursor;

  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *entries = pass == 0 ? resolver->injected : resolver->own;

      for (guint i = 0; i < entries->len; i++)
        {
          AlEnvEntry *entry = g_ptr_array_index (entries, i);

          size += string_size (entry->name) + string_size (entry->value)
                  + string_size (entry->secret_name) + string_size (entry->secret_key)
                  + origin_size (entry->origin);
        }
    }
  for (guint i = 0; i < n_command; i++)
    size += string_size (g_ptr_array_index (resolver->command, i));
  for (guint i = 0; i < n_args; i++)
    size += string_size (g_ptr_array_index (resolver->args, i));

  priv->storage = g_malloc (size);
  vars = priv->storage;
  lists = (char **) (vars + n_vars);
  cursor = (char *) priv->storage + header;

  env->component_id = store_string (&cursor, resolver->component_id);
  env->vars = g_ptr_array_sized_new (n_vars);
  for (guint pass = 0, k = 0; pass < 2; pass++)
    {
      GPtrArray *entries = pass == 0 ? resolver->injected : resolver->own;

      for (guint i = 0; i < entries->len; i++, k++)
        {
          AlEnvEntry *entry = g_ptr_array_index (entries, i);
          AlResolvedVar *var = &vars[k];

          memset (var, 0, sizeof *var);
          var->name = store_string (&cursor, entry->name);
          var->kind = entry->kind;
          var->value = entry->kind == AL_VAR_VALUE ? store_string (&cursor, entry->value) : NULL;
          var->secret_name = store_string (&cursor, entry->secret_name);
          var->secret_key = store_string (&cursor, entry->secret_key);
          var->source = entry->source;
          var->port = entry->port;
          if (entry->origin != NULL)
            store_origin (&cursor, entry->origin, var);
          g_ptr_array_add (env->vars, var);
        }
    }
  env->command = lists;
  for (guint i = 0; i < n_command; i++)
    *lists++ = store_string (&cursor, g_ptr_array_index (resolver->command, i));
  *lists++ = NULL;
  env->args = lists;
  for (guint i = 0; i < n_args; i++)
    *lists++ = store_string (&cursor, g_ptr_array_index (resolver->args, i));
  *lists = NULL;
  g_assert (cursor == (char *) priv->storage + size);

  env->diagnostics = g_steal_pointer (&resolver->diagnostics);
  return env;
}

void
al_resolved_env_free (AlResolvedEnv *env)
{
  AlResolvedEnvPrivate *priv = (AlResolvedEnvPrivate *) env;

  if (env == NULL)
    return;
  g_clear_pointer (&priv->by_name, g_hash_table_unref);
  g_ptr_array_unref (env->vars);
  g_ptr_array_unref (env->diagnostics);
  g_free (priv->storage);
  g_free (priv);
}

AlResolvedVar *
al_resolved_env_lookup (AlResolvedEnv *env, const char *name)
{
  AlResolvedEnvPrivate *priv = (AlResolvedEnvPrivate *) env;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Most environments are only read in order; the table is made for those
   * looked up by name. */
  if (priv->by_name == NULL)
    {
      priv->by_name = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < env->vars->len; i++)
        {
          AlResolvedVar *var = g_ptr_array_index (env->vars, i);
          g_hash_table_insert (priv->by_name, var->name, var);
        }
    }
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
