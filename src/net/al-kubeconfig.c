/* al-kubeconfig.c: reading and merging kubeconfig files (libyaml) */
#include "al-kubeconfig.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <yaml.h>

#include "al-net-error.h"

#define MAX_FILE_SIZE (16 * 1024 * 1024)

typedef enum
{
  KIND_CLUSTER,
  KIND_USER,
  KIND_CONTEXT,
} EntryKind;

/* A named cluster, user or context as one file defined it: its scalar
 * fields by key, and the keys of the nested mappings we do not run. */
typedef struct
{
  char *name;
  char *file;
  gulong line;
  gulong column;
  GHashTable *fields; /* key → value (NULL for a null value) */
  char *exec_command; /* users: the exec plugin's command, "" when none given */
  char *auth_provider; /* users: the auth-provider's name */
} Entry;

struct _AlKubeconfig
{
  GObject parent_instance;

  GStrv files;
  char *current_context;
  GHashTable *entries[3];    /* name → Entry, the first definition */
  GPtrArray *context_names;  /* in order, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (AlKubeconfig, al_kubeconfig, G_TYPE_OBJECT)

static const char *const kind_lists[] = { "clusters", "users", "contexts" };
static const char *const kind_members[] = { "cluster", "user", "context" };

/* Scalar fields we read, per kind; others are ignored like kubectl ignores
 * fields it does not know (extensions, proxy-url …). */
static const char *const cluster_fields[] = {
  "server", "certificate-authority", "certificate-authority-data",
  "insecure-skip-tls-verify", "tls-server-name", NULL,
};
static const char *const user_fields[] = {
  "token", "tokenFile", "client-certificate", "client-certificate-data",
  "client-key", "client-key-data", "username", "password", NULL,
};
static const char *const context_fields[] = { "cluster", "user", "namespace", NULL };
static const char *const *const kind_fields[] = { cluster_fields, user_fields, context_fields };

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_free (entry->file);
  g_hash_table_unref (entry->fields);
  g_free (entry->exec_command);
  g_free (entry->auth_provider);
  g_free (entry);
}

static void
al_kubeconfig_finalize (GObject *object)
{
  AlKubeconfig *self = AL_KUBECONFIG (object);

  g_strfreev (self->files);
  g_free (self->current_context);
  for (guint i = 0; i < G_N_ELEMENTS (self->entries); i++)
    g_hash_table_unref (self->entries[i]);
  g_ptr_array_unref (self->context_names);
  G_OBJECT_CLASS (al_kubeconfig_parent_class)->finalize (object);
}

static void
al_kubeconfig_class_init (AlKubeconfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = al_kubeconfig_finalize;
}

static void
al_kubeconfig_init (AlKubeconfig *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->entries); i++)
    self->entries[i] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->context_names = g_ptr_array_new_with_free_func (g_free);
}

/* ---- YAML ---------------------------------------------------------------- */

typedef struct
{
  const char *file;
  yaml_document_t *document;
} Reader;

static gboolean G_GNUC_PRINTF (4, 5)
fail_at (Reader *r, yaml_node_t *node, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
               /* TRANSLATORS: "<file>: line 3, column 5: <problem>" */
               _("%s: line %lu, column %lu: %s"), r->file,
               (gulong) node->start_mark.line + 1, (gulong) node->start_mark.column + 1, message);
  return FALSE;
}

static gboolean
is_null (yaml_node_t *node)
{
  const char *value;

  if (node == NULL)
    return TRUE;
  if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return FALSE;
  value = (const char *) node->data.scalar.value;
  return *value == '\0' || strcmp (value, "~") == 0 || strcmp (value, "null") == 0
         || strcmp (value, "Null") == 0 || strcmp (value, "NULL") == 0;
}

static yaml_node_t *
map_get (Reader *r, yaml_node_t *map, const char *key)
{
  for (yaml_node_pair_t *pair = map->data.mapping.pairs.start;
       pair < map->data.mapping.pairs.top; pair++)
    {
      yaml_node_t *k = yaml_document_get_node (r->document, pair->key);

      if (k != NULL && k->type == YAML_SCALAR_NODE
          && strcmp ((const char *) k->data.scalar.value, key) == 0)
        return yaml_document_get_node (r->document, pair->value);
    }
  return NULL;
}

/* A scalar value as text; NULL for null. */
static gboolean
get_scalar (Reader *r, yaml_node_t *node, const char *key, char **out, GError **error)
{
  *out = NULL;
  if (is_null (node))
    return TRUE;
  if (node->type != YAML_SCALAR_NODE)
    return fail_at (r, node, error, _("“%s” must be a single value, not a list or mapping"), key);
  *out = g_strndup ((const char *) node->data.scalar.value, node->data.scalar.length);
  if (strlen (*out) != node->data.scalar.length)
    {
      g_clear_pointer (out, g_free);
      return fail_at (r, node, error, _("“%s” contains a NUL character"), key);
    }
  return TRUE;
}

static gboolean
is_mapping_or_null (Reader *r, yaml_node_t *node, const char *key, GError **error)
{
  if (is_null (node) || node->type == YAML_MAPPING_NODE)
    return TRUE;
  return fail_at (r, node, error, _("“%s” must be a mapping of keys to values"), key);
}

static gboolean
read_entry_body (Reader *r, Entry *entry, EntryKind kind, yaml_node_t *body, GError **error)
{
  const char *member = kind_members[kind];
  const char *const *fields = kind_fields[kind];

  if (!is_mapping_or_null (r, body, member, error))
    return FALSE;
  if (is_null (body))
    return TRUE;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      yaml_node_t *node = map_get (r, body, fields[i]);
      char *value = NULL;

      if (node == NULL)
        continue;
      if (!get_scalar (r, node, fields[i], &value, error))
        return FALSE;
      g_hash_table_insert (entry->fields, (char *) fields[i], value);
    }

  if (kind == KIND_USER)
    {
      yaml_node_t *exec = map_get (r, body, "exec");
      yaml_node_t *provider = map_get (r, body, "auth-provider");

      if (exec != NULL && !is_null (exec))
        {
          yaml_node_t *command = exec->type == YAML_MAPPING_NODE ? map_get (r, exec, "command")
                                                                 : NULL;
          if (!is_mapping_or_null (r, exec, "exec", error)
              || (command != NULL && !get_scalar (r, command, "command", &entry->exec_command, error)))
            return FALSE;
          if (entry->exec_command == NULL)
            entry->exec_command = g_strdup ("");
        }
      if (provider != NULL && !is_null (provider))
        {
          yaml_node_t *name = provider->type == YAML_MAPPING_NODE ? map_get (r, provider, "name")
                                                                  : NULL;
          if (!is_mapping_or_null (r, provider, "auth-provider", error)
              || (name != NULL && !get_scalar (r, name, "name", &entry->auth_provider, error)))
            return FALSE;
          if (entry->auth_provider == NULL)
            entry->auth_provider = g_strdup ("");
        }
    }
  return TRUE;
}

/* Reads one of the lists clusters, users, contexts: [{name, <member>: {…}}]. */
static gboolean
read_list (AlKubeconfig *self, Reader *r, yaml_node_t *root, EntryKind kind, GError **error)
{
  const char *key = kind_lists[kind];
  yaml_node_t *list = map_get (r, root, key);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (is_null (list))
    return TRUE;
  if (list->type != YAML_SEQUENCE_NODE)
    return fail_at (r, list, error, _("“%s” must be a list"), key);

  for (yaml_node_item_t *item = list->data.sequence.items.start;
       item < list->data.sequence.items.top; item++)
    {
      yaml_node_t *node = yaml_document_get_node (r->document, *item);
      g_autofree char *name = NULL;
      Entry *entry;

      if (node == NULL || node->type != YAML_MAPPING_NODE)
        return fail_at (r, node != NULL ? node : list, error,
                        _("each entry of “%s” must be a mapping with a name"), key);
      if (!get_scalar (r, map_get (r, node, "name"), "name", &name, error))
        return FALSE;
      if (name == NULL || *name == '\0')
        return fail_at (r, node, error, _("an entry of “%s” has no name"), key);
      if (g_hash_table_contains (seen, name))
        return fail_at (r, node, error, _("“%s” is defined twice in “%s”"), name, key);
      g_hash_table_add (seen, g_strdup (name));

      entry = g_new0 (Entry, 1);
      entry->name = g_strdup (name);
      entry->file = g_strdup (r->file);
      entry->line = node->start_mark.line + 1;
      entry->column = node->start_mark.column + 1;
      entry->fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      if (!read_entry_body (r, entry, kind, map_get (r, node, kind_members[kind]), error))
        {
          entry_free (entry);
          return FALSE;
        }
      /* The first file that defines a name wins, as with kubectl. */
      if (g_hash_table_contains (self->entries[kind], name))
        {
          entry_free (entry);
          continue;
        }
      g_hash_table_insert (self->entries[kind], entry->name, entry);
      if (kind == KIND_CONTEXT)
        g_ptr_array_add (self->context_names, g_strdup (name));
    }
  return TRUE;
}

static gboolean
merge_document (AlKubeconfig *self, Reader *r, GError **error)
{
  yaml_node_t *root = yaml_document_get_root_node (r->document);
  g_autofree char *current = NULL;

  if (is_null (root))
    return TRUE; /* an empty file is an empty configuration */
  if (root->type != YAML_MAPPING_NODE)
    return fail_at (r, root, error,
                    _("this is not a kubeconfig file: it should be a mapping with “clusters”, "
                      "“users” and “contexts”"));

  for (guint kind = 0; kind < G_N_ELEMENTS (kind_lists); kind++)
    if (!read_list (self, r, root, kind, error))
      return FALSE;
  if (!get_scalar (r, map_get (r, root, "current-context"), "current-context", &current, error))
    return FALSE;
  if (self->current_context == NULL && current != NULL && *current != '\0')
    self->current_context = g_steal_pointer (&current);
  return TRUE;
}

static gboolean
merge_file (AlKubeconfig *self, const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) local_error = NULL;
  yaml_parser_t parser;
  yaml_document_t document;
  Reader r = { path, &document };
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                   _("%s: this is a folder, not a kubeconfig file"), path);
      return FALSE;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                   _("%s: the kubeconfig file cannot be read: %s"), path, local_error->message);
      return FALSE;
    }
  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                   _("%s: the file is too large to be a kubeconfig file"), path);
      return FALSE;
    }

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) contents, length);
  if (!yaml_parser_load (&parser, &document))
    {
      const yaml_mark_t *mark = parser.problem_mark.line || parser.problem_mark.column
                                    ? &parser.problem_mark
                                    : &parser.context_mark;

      if (parser.error == YAML_READER_ERROR)
        /* Not text at all: a binary file, or another encoding. */
        g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                     _("%s: this is not a kubeconfig file: it is not UTF-8 text (%s at byte %lu)"),
                     path, parser.problem ? parser.problem : "?", (gulong) parser.problem_offset);
      else
        g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                     _("%s: line %lu, column %lu: %s"), path, (gulong) mark->line + 1,
                     (gulong) mark->column + 1,
                     parser.problem ? parser.problem : _("the YAML cannot be read"));
      yaml_parser_delete (&parser);
      return FALSE;
    }
  ok = merge_document (self, &r, error);
  yaml_document_delete (&document);
  yaml_parser_delete (&parser);
  return ok;
}

/* "“a”" or "“a”, “b”": the files, for messages. */
static char *
describe_files (const char *const *files)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "", files[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

AlKubeconfig *
al_kubeconfig_load_from_paths (const char *const *paths, GError **error)
{
  g_autoptr (AlKubeconfig) self = NULL;
  g_autoptr (GPtrArray) read = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (AL_TYPE_KUBECONFIG, NULL);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *path = paths[i];

      if (*path == '\0'
          || g_ptr_array_find_with_equal_func (read, path, g_str_equal, NULL))
        continue;
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_ptr_array_add (missing, (char *) path);
          continue;
        }
      if (!merge_file (self, path, error))
        return NULL;
      g_ptr_array_add (read, g_strdup (path));
    }

  if (read->len == 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (missing, NULL);
      names = describe_files ((const char *const *) missing->pdata);
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                   missing->len > 1 ? _("No kubeconfig file found (looked for %s)")
                                    : _("No kubeconfig file was given"),
                   names);
      return NULL;
    }
  g_ptr_array_add (read, NULL);
  self->files = (GStrv) g_ptr_array_steal (read, NULL);
  g_ptr_array_add (self->context_names, NULL);
  return g_steal_pointer (&self);
}

AlKubeconfig *
al_kubeconfig_load_from_file (const char *path, GError **error)
{
  const char *paths[] = { path, NULL };

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                   _("%s: the kubeconfig file does not exist"), path);
      return NULL;
    }
  return al_kubeconfig_load_from_paths (paths, error);
}

AlKubeconfig *
al_kubeconfig_load (const char *explicit_path, GError **error)
{
  const char *env = g_getenv ("KUBECONFIG");
  g_autofree char *fallback = NULL;
  g_auto (GStrv) paths = NULL;

  if (explicit_path != NULL)
    return al_kubeconfig_load_from_file (explicit_path, error);
  if (env != NULL && *env != '\0')
    {
      paths = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
      return al_kubeconfig_load_from_paths ((const char *const *) paths, error);
    }
  fallback = g_build_filename (g_get_home_dir (), ".kube", "config", NULL);
  return al_kubeconfig_load_from_file (fallback, error);
}

const char *const *
al_kubeconfig_get_files (AlKubeconfig *self)
{
  g_return_val_if_fail (AL_IS_KUBECONFIG (self), NULL);
  return (const char *const *) self->files;
}

const char *
al_kubeconfig_get_current_context (AlKubeconfig *self)
{
  g_return_val_if_fail (AL_IS_KUBECONFIG (self), NULL);
  return self->current_context;
}

const char *const *
al_kubeconfig_get_context_names (AlKubeconfig *self)
{
  g_return_val_if_fail (AL_IS_KUBECONFIG (self), NULL);
  return (const char *const *) self->context_names->pdata;
}

const char *
al_kubeconfig_get_context_namespace (AlKubeconfig *self, const char *context)
{
  Entry *entry;

  g_return_val_if_fail (AL_IS_KUBECONFIG (self), NULL);
  g_return_val_if_fail (context != NULL, NULL);

  entry = g_hash_table_lookup (self->entries[KIND_CONTEXT], context);
  return entry != NULL ? g_hash_table_lookup (entry->fields, "namespace") : NULL;
}

/* ---- resolving a context ------------------------------------------------- */

static const char *
field (Entry *entry, const char *key)
{
  const char *value = g_hash_table_lookup (entry->fields, key);

  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean G_GNUC_PRINTF (3, 4)
fail_entry (Entry *entry, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
               _("%s: line %lu, column %lu: %s"), entry->file, entry->line, entry->column, message);
  return FALSE;
}

/* The contents of the file @key of @entry, relative paths taken from the
 * folder of the kubeconfig file that defined the entry. */
static GBytes *
read_referenced_file (Entry *entry, const char *key, GError **error)
{
  const char *path = field (entry, key);
  g_autofree char *folder = g_path_get_dirname (entry->file);
  g_autofree char *full = g_path_is_absolute (path) ? g_strdup (path)
                                                    : g_build_filename (folder, path, NULL);
  g_autoptr (GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (g_file_test (full, G_FILE_TEST_IS_DIR)
      || !g_file_get_contents (full, &contents, &length, &local_error))
    {
      fail_entry (entry, error, _("“%s” of “%s” names the file “%s”, which cannot be read: %s"),
                  key, entry->name, full,
                  local_error != NULL ? local_error->message : _("it is a folder"));
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* The bytes of "<key>-data" (base64) or of the file "<key>"; NULL without
 * either (and then no error). The data wins, as with kubectl. */
static GBytes *
read_data_or_file (Entry *entry, const char *data_key, const char *file_key, GError **error)
{
  const char *data = field (entry, data_key);
  g_autofree guchar *decoded = NULL;
  gsize length = 0;

  if (data == NULL)
    return field (entry, file_key) != NULL ? read_referenced_file (entry, file_key, error) : NULL;

  for (const char *p = data; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("+/=\r\n\t ", *p) == NULL)
      {
        fail_entry (entry, error, _("“%s” of “%s” is not valid base64"), data_key, entry->name);
        return NULL;
      }
  decoded = g_base64_decode (data, &length);
  if (length == 0 || g_strstr_len ((const char *) decoded, length, "-----BEGIN ") == NULL)
    {
      fail_entry (entry, error, _("“%s” of “%s” does not hold base64-encoded PEM data"), data_key,
                  entry->name);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&decoded), length);
}

static gboolean
parse_bool (const char *value, gboolean *out)
{
  static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes", "YES",
                                     "on", "On", "ON", "y", "Y", NULL };
  static const char *const no[] = { "false", "False", "FALSE", "no", "No", "NO",
                                    "off", "Off", "OFF", "n", "N", NULL };

  if (value == NULL)
    *out = FALSE;
  else if (g_strv_contains (yes, value))
    *out = TRUE;
  else if (g_strv_contains (no, value))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
resolve_cluster (AlKubeContext *ctx, Entry *cluster, GError **error)
{
  const char *server = field (cluster, "server");
  g_autoptr (GUri) uri = NULL;

  if (server == NULL)
    return fail_entry (cluster, error, _("the cluster “%s” has no “server”"), cluster->name);
  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    return fail_entry (cluster, error,
                       _("the server “%s” of cluster “%s” is not an https:// or http:// address"),
                       server, cluster->name);
  ctx->server = g_strdup (server);
  while (g_str_has_suffix (ctx->server, "/"))
    ctx->server[strlen (ctx->server) - 1] = '\0';
  ctx->tls_server_name = g_strdup (field (cluster, "tls-server-name"));

  if (!parse_bool (field (cluster, "insecure-skip-tls-verify"), &ctx->insecure_skip_tls_verify))
    return fail_entry (cluster, error,
                       _("“insecure-skip-tls-verify” of cluster “%s” must be true or false"),
                       cluster->name);
  /* kubectl refuses this pair too: the CA would silently be ignored. */
  if (ctx->insecure_skip_tls_verify
      && (field (cluster, "certificate-authority-data") != NULL
          || field (cluster, "certificate-authority") != NULL))
    return fail_entry (cluster, error,
                       _("the cluster “%s” sets both a certificate authority and "
                         "“insecure-skip-tls-verify”; keep only one of them"),
                       cluster->name);
  ctx->ca_pem = read_data_or_file (cluster, "certificate-authority-data", "certificate-authority",
                                   error);
  return ctx->ca_pem != NULL || error == NULL || *error == NULL;
}

static gboolean
resolve_user (AlKubeContext *ctx, Entry *user, GError **error)
{
  const char *what;

  if (user->exec_command != NULL || user->auth_provider != NULL)
    {
      g_autofree char *source = NULL;

      if (user->exec_command != NULL)
        source = g_strdup_printf ("exec: “%s”", user->exec_command);
      else
        source = g_strdup_printf ("auth-provider: “%s”", user->auth_provider);
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_UNSUPPORTED_AUTH,
                   _("%s: the user “%s” of context “%s” gets its credentials from an external "
                     "program (%s). Archlane runs in the Flatpak sandbox, where such programs "
                     "cannot run. Export the manifests with “archlane-cli compile FILE -o DIR” "
                     "and apply them with “kubectl apply -k DIR”, or give this user a token "
                     "(“token” or “tokenFile”) in the kubeconfig."),
                   user->file, user->name, ctx->context_name, source);
      return FALSE;
    }

  if (field (user, "token") != NULL)
    ctx->token = g_strdup (field (user, "token"));
  else if (field (user, "tokenFile") != NULL)
    {
      g_autoptr (GBytes) bytes = read_referenced_file (user, "tokenFile", error);
      g_autofree char *text = NULL;

      if (bytes == NULL)
        return FALSE;
      text = g_strstrip (g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
      if (*text == '\0')
        return fail_entry (user, error, _("the token file of user “%s” is empty"), user->name);
      ctx->token = g_steal_pointer (&text);
    }

  if (field (user, "client-certificate-data") != NULL && field (user, "client-certificate") != NULL)
    what = "client-certificate";
  else if (field (user, "client-key-data") != NULL && field (user, "client-key") != NULL)
    what = "client-key";
  else
    what = NULL;
  if (what != NULL)
    return fail_entry (user, error,
                       _("the user “%s” sets both “%s” and “%s-data”; keep only one of them"),
                       user->name, what, what);

  ctx->client_cert_pem
      = read_data_or_file (user, "client-certificate-data", "client-certificate", error);
  if (ctx->client_cert_pem == NULL && error != NULL && *error != NULL)
    return FALSE;
  ctx->client_key_pem = read_data_or_file (user, "client-key-data", "client-key", error);
  if (ctx->client_key_pem == NULL && error != NULL && *error != NULL)
    return FALSE;
  if ((ctx->client_cert_pem == NULL) != (ctx->client_key_pem == NULL))
    return fail_entry (user, error,
                       _("the user “%s” has a client certificate without its key, or a key "
                         "without its certificate; set both"),
                       user->name);
  return TRUE;
}

AlKubeContext *
al_kubeconfig_resolve (AlKubeconfig *self, const char *context, GError **error)
{
  g_autoptr (AlKubeContext) ctx = NULL;
  g_autofree char *files = NULL;
  Entry *entry;
  Entry *cluster;
  Entry *user = NULL;
  const char *cluster_name;
  const char *user_name;

  g_return_val_if_fail (AL_IS_KUBECONFIG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  files = describe_files ((const char *const *) self->files);
  if (context == NULL)
    context = self->current_context;
  if (context == NULL)
    {
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                   self->context_names->len > 1 /* names, then the NULL end */
                       ? _("%s: no current context is set; choose one of the contexts")
                       : _("%s: there is no context to connect with"),
                   files);
      return NULL;
    }
  entry = g_hash_table_lookup (self->entries[KIND_CONTEXT], context);
  if (entry == NULL)
    {
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_KUBECONFIG_INVALID,
                   _("%s: there is no context “%s”"), files, context);
      return NULL;
    }

  ctx = g_new0 (AlKubeContext, 1);
  ctx->context_name = g_strdup (context);
  ctx->namespace_ = g_strdup (field (entry, "namespace"));
  cluster_name = field (entry, "cluster");
  user_name = field (entry, "user");
  if (cluster_name == NULL)
    {
      fail_entry (entry, error, _("the context “%s” names no cluster"), context);
      return NULL;
    }
  cluster = g_hash_table_lookup (self->entries[KIND_CLUSTER], cluster_name);
  if (cluster == NULL)
    {
      fail_entry (entry, error,
                  _("the context “%s” uses the cluster “%s”, which is not defined in %s"), context,
                  cluster_name, files);
      return NULL;
    }
  if (user_name != NULL)
    {
      user = g_hash_table_lookup (self->entries[KIND_USER], user_name);
      if (user == NULL)
        {
          fail_entry (entry, error,
                      _("the context “%s” uses the user “%s”, which is not defined in %s"), context,
                      user_name, files);
          return NULL;
        }
    }
  ctx->cluster_name = g_strdup (cluster_name);
  ctx->user_name = g_strdup (user_name);

  if (!resolve_cluster (ctx, cluster, error))
    return NULL;
  if (user != NULL && !resolve_user (ctx, user, error))
    return NULL;
  return g_steal_pointer (&ctx);
}
