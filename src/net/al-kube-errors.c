/* al-kube-errors.c: what the cluster's answers and failures mean for the user */
#include "al-kube-client-private.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

gint64
al_kube_retry_after_parse (const char *value, GDateTime *now)
{
  g_autoptr (GDateTime) when = NULL;
  const char *p;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  for (p = value; g_ascii_isdigit (*p); p++)
    ;
  if (p > value && (*p == '\0' || g_ascii_isspace (*p)) && p - value <= 9)
    return g_ascii_strtoll (value, NULL, 10) * 1000;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL || now == NULL)
    return -1;
  return MAX (g_date_time_difference (when, now) / 1000, 0);
}

gboolean
al_kube_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_CANCELLED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

gboolean
al_kube_error_is_fatal (const GError *error)
{
  return g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_CONNECTION)
         || g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_TLS)
         || g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_TIMEOUT)
         || g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_KUBE_UNAUTHORIZED);
}

typedef struct
{
  const char *kind;
  const char *group_version; /* "" for the core group */
  const char *resource;
  gboolean namespaced;
} ResourceInfo;

static const ResourceInfo resources[] = {
  { "Namespace", "", "namespaces", FALSE },
  { "Secret", "", "secrets", TRUE },
  { "Service", "", "services", TRUE },
  { "PersistentVolumeClaim", "", "persistentvolumeclaims", TRUE },
  { "Pod", "", "pods", TRUE },
  { "Deployment", "apps/v1", "deployments", TRUE },
  { "StatefulSet", "apps/v1", "statefulsets", TRUE },
};

char *
al_kube_resource_path (const char *kind, const char *namespace_, const char *name)
{
  g_autofree char *escaped_name = NULL;
  g_autofree char *escaped_ns = NULL;
  GString *path;

  g_return_val_if_fail (kind != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    {
      const ResourceInfo *info = &resources[i];

      if (strcmp (kind, info->kind) != 0)
        continue;
      if (info->namespaced && (namespace_ == NULL || *namespace_ == '\0'))
        return NULL;
      path = g_string_new (*info->group_version == '\0' ? "/api/v1" : "/apis/");
      if (*info->group_version != '\0')
        g_string_append (path, info->group_version);
      if (info->namespaced)
        {
          escaped_ns = g_uri_escape_string (namespace_, NULL, FALSE);
          g_string_append_printf (path, "/namespaces/%s", escaped_ns);
        }
      g_string_append_printf (path, "/%s", info->resource);
      if (name != NULL)
        {
          escaped_name = g_uri_escape_string (name, NULL, FALSE);
          g_string_append_printf (path, "/%s", escaped_name);
        }
      return g_string_free (path, FALSE);
    }
  return NULL;
}

JsonNode *
al_kube_parse_json (GBytes *bytes)
{
  g_autoptr (JsonParser) parser = NULL;
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (data == NULL || size == 0)
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

static const char *
member_string (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* "conflict with "kubectl-edit" using apps/v1": the manager named between
 * the first pair of quotes. */
static char *
conflict_manager (const char *message)
{
  const char *start = message != NULL ? strchr (message, '"') : NULL;
  const char *end = start != NULL ? strchr (start + 1, '"') : NULL;

  return end != NULL ? g_strndup (start + 1, end - start - 1) : NULL;
}

/* The managers in a 409's causes, each with the fields it holds:
 * "“kubectl-edit” (.spec.replicas, .spec.template.spec.containers)". */
static char *
describe_conflicts (JsonObject *status)
{
  JsonObject *details = member_object (status, "details");
  JsonNode *causes_node = details != NULL ? json_object_get_member (details, "causes") : NULL;
  g_autoptr (GPtrArray) managers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GString *text;

  if (causes_node == NULL || !JSON_NODE_HOLDS_ARRAY (causes_node))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (causes_node)); i++)
    {
      JsonNode *cause_node = json_array_get_element (json_node_get_array (causes_node), i);
      JsonObject *cause = JSON_NODE_HOLDS_OBJECT (cause_node) ? json_node_get_object (cause_node) : NULL;
      g_autofree char *manager = NULL;
      const char *field;
      guint index;

      if (cause == NULL)
        continue;
      if (member_string (cause, "reason") != NULL
          && strcmp (member_string (cause, "reason"), "FieldManagerConflict") != 0)
        continue;
      manager = conflict_manager (member_string (cause, "message"));
      if (manager == NULL)
        continue;
      field = member_string (cause, "field");
      if (!g_ptr_array_find_with_equal_func (managers, manager, g_str_equal, &index))
        {
          index = managers->len;
          g_ptr_array_add (managers, g_steal_pointer (&manager));
          g_ptr_array_add (fields, g_ptr_array_new_with_free_func (g_free));
        }
      if (field != NULL)
        g_ptr_array_add (g_ptr_array_index (fields, index), g_strdup (field));
    }
  if (managers->len == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < managers->len; i++)
    {
      GPtrArray *held = g_ptr_array_index (fields, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "“%s”", (char *) g_ptr_array_index (managers, i));
      if (held->len > 0)
        {
          g_string_append (text, " (");
          for (guint j = 0; j < held->len; j++)
            g_string_append_printf (text, "%s%s", j > 0 ? ", " : "", (char *) g_ptr_array_index (held, j));
          g_string_append (text, ")");
        }
    }
  return g_string_free (text, FALSE);
}

GError *
al_kube_error_from_status (guint status, const char *reason_phrase, GBytes *body, guint attempts,
                           AlKubeCredentials credentials)
{
  g_autoptr (JsonNode) root = al_kube_parse_json (body);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *message = NULL;

  if (object != NULL && g_strcmp0 (member_string (object, "kind"), "Status") == 0)
    message = member_string (object, "message");
  if (message == NULL || *message == '\0')
    message = reason_phrase != NULL && *reason_phrase != '\0' ? reason_phrase
                                                              : soup_status_get_phrase (status);
  if (message == NULL)
    message = "";

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      if (credentials == AL_KUBE_CREDENTIALS_CERTIFICATE)
        return g_error_new_literal (AL_NET_ERROR, AL_NET_ERROR_KUBE_UNAUTHORIZED,
                                    _("unauthorized — the client certificate is not accepted "
                                      "(expired, or not signed by the cluster's authority)"));
      if (credentials == AL_KUBE_CREDENTIALS_NONE)
        return g_error_new_literal (AL_NET_ERROR, AL_NET_ERROR_KUBE_UNAUTHORIZED,
                                    _("unauthorized — the kubeconfig gives no token nor client "
                                      "certificate for this user"));
      return g_error_new_literal (AL_NET_ERROR, AL_NET_ERROR_KUBE_UNAUTHORIZED,
                                  _("unauthorized — the token has expired or is wrong"));
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (AL_NET_ERROR, AL_NET_ERROR_KUBE_FORBIDDEN, _("forbidden: %s"), message);
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new (AL_NET_ERROR, AL_NET_ERROR_KUBE_NOT_FOUND, _("not found: %s"), message);
    case SOUP_STATUS_CONFLICT:
      {
        g_autofree char *managers = object != NULL ? describe_conflicts (object) : NULL;

        if (managers != NULL)
          return g_error_new (AL_NET_ERROR, AL_NET_ERROR_KUBE_CONFLICT,
                              _("conflict: fields are managed by %s; apply with force to take "
                                "them over"),
                              managers);
        return g_error_new (AL_NET_ERROR, AL_NET_ERROR_KUBE_CONFLICT, _("conflict: %s"), message);
      }
    case SOUP_STATUS_GONE:
      return g_error_new (AL_NET_ERROR, AL_NET_ERROR_KUBE_GONE, _("gone: %s"), message);
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      return g_error_new (AL_NET_ERROR, AL_NET_ERROR_KUBE_INVALID,
                          _("the server refused the object: %s"), message);
    case AL_KUBE_STATUS_TOO_MANY_REQUESTS:
      return g_error_new (AL_NET_ERROR, AL_NET_ERROR_HTTP_STATUS,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "the server is too busy (429 Too Many Requests), still after %u attempt",
                                       "the server is too busy (429 Too Many Requests), still after %u attempts",
                                       attempts),
                          attempts);
    default:
      if (status >= 500)
        return g_error_new (AL_NET_ERROR, AL_NET_ERROR_HTTP_STATUS,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "the server failed with status %u, still after %u attempt: %s",
                                         "the server failed with status %u, still after %u attempts: %s",
                                         attempts),
                            status, attempts, message);
      return g_error_new (AL_NET_ERROR, AL_NET_ERROR_HTTP_STATUS, _("the server answered %u: %s"),
                          status, message);
    }
}

GError *
al_kube_error_from_transport (const GError *error, GTlsCertificateFlags tls_errors, guint attempts,
                              const char *server, gboolean has_ca)
{
  AlNetError code = al_net_error_code_from_error (error);

  if (code == AL_NET_ERROR_CANCELLED)
    return g_error_new_literal (AL_NET_ERROR, AL_NET_ERROR_CANCELLED, _("cancelled"));
  if (code == AL_NET_ERROR_TLS || tls_errors != 0)
    {
      if (tls_errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
        return g_error_new (AL_NET_ERROR, AL_NET_ERROR_TLS,
                            has_ca
                              ? _("the certificate of %s is not signed by the cluster's certificate "
                                  "authority in the kubeconfig (wrong CA, or another server "
                                  "answers at this address)")
                              : _("the certificate of %s is not signed by an authority this system "
                                  "trusts; the kubeconfig should give the cluster's "
                                  "certificate-authority"),
                            server);
      if (tls_errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
        return g_error_new (AL_NET_ERROR, AL_NET_ERROR_TLS,
                            _("the certificate of %s is made out for another host name"),
                            server);
      if (tls_errors & G_TLS_CERTIFICATE_EXPIRED)
        return g_error_new (AL_NET_ERROR, AL_NET_ERROR_TLS,
                            _("the certificate of %s has expired"), server);
      if (tls_errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
        return g_error_new (AL_NET_ERROR, AL_NET_ERROR_TLS,
                            _("the certificate of %s is not valid yet (is the clock right?)"),
                            server);
      return g_error_new (AL_NET_ERROR, AL_NET_ERROR_TLS,
                          _("the secure connection to %s failed: %s"), server,
                          error->message);
    }
  if (code == AL_NET_ERROR_TIMEOUT)
    return g_error_new (AL_NET_ERROR, AL_NET_ERROR_TIMEOUT,
                        g_dngettext (GETTEXT_PACKAGE, "%s did not answer in time (%u attempt)",
                                     "%s did not answer in time (%u attempts)", attempts),
                        server, attempts);
  return g_error_new (AL_NET_ERROR, code == AL_NET_ERROR_FAILED ? AL_NET_ERROR_CONNECTION : code,
                      g_dngettext (GETTEXT_PACKAGE, "cannot reach the cluster at %s: %s (%u attempt)",
                                   "cannot reach the cluster at %s: %s (%u attempts)", attempts),
                      server, error->message, attempts);
}

gboolean
al_kube_error_is_retryable (const GError *error)
{
  AlNetError code = al_net_error_code_from_error (error);

  if (error->domain == G_RESOLVER_ERROR)
    return FALSE;
  return code == AL_NET_ERROR_CONNECTION || code == AL_NET_ERROR_TIMEOUT
         || (error->domain == G_IO_ERROR && code == AL_NET_ERROR_FAILED);
}
