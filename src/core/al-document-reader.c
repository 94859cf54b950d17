/* Reading a parsed .archlane tree into the model, collecting every problem. */
#include "al-document-reader.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "al-document-io.h"
#include "al-extras.h"
#include "al-json-check.h"
#include "al-json-path.h"

/* Walking the parsed tree: the path of the value being read and every
 * problem found so far. */
typedef struct
{
  AlJsonPath *path;
  GPtrArray *problems;
  guint n_before; /* problems already in the array when reading began */
  gboolean stopped;
} Reader;

/* A person reads the first few; a hostile document could hold millions. */
#define MAX_PROBLEMS 1000

static void report (Reader *r, const char *member, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* Records a problem at the current path, or at its @member when not %NULL. */
static void
report (Reader *r, const char *member, const char *format, ...)
{
  g_autofree char *path = NULL;
  va_list args;
  char *message;

  if (r->stopped)
    return;
  if (r->problems->len - r->n_before >= MAX_PROBLEMS)
    {
      g_ptr_array_add (r->problems,
                       al_load_problem_new (al_json_path_get (r->path),
                                            _("too many problems: reading stopped here")));
      r->stopped = TRUE;
      return;
    }
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  path = member ? al_json_path_dup_member (r->path, member) : g_strdup (al_json_path_get (r->path));
  g_ptr_array_add (r->problems, al_load_problem_new (path, message));
  g_free (message);
}

static gboolean
failed (Reader *r)
{
  return r->problems->len > r->n_before;
}

static const char *
describe_node (JsonNode *node)
{
  GType type;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("an array");
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return _("an integer");
  if (type == G_TYPE_DOUBLE)
    return _("a decimal number");
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? "true" : "false";
  return _("a string");
}

static gboolean
holds (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* The member @key of @object, %NULL when absent (a problem when @required). */
static JsonNode *
member (Reader *r, JsonObject *object, const char *key, gboolean required)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL && required)
    report (r, key, "%s", _("is required"));
  return node;
}

static gboolean
read_string (Reader *r, JsonObject *object, const char *key, gboolean required, const char **out)
{
  JsonNode *node = member (r, object, key, required);

  if (node == NULL)
    return FALSE;
  if (!holds (node, G_TYPE_STRING))
    {
      report (r, key, _("must be a string, not %s"), describe_node (node));
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* An integer in the range of int, in @node (reported at the current path
 * plus @key, which may be %NULL). */
static gboolean
node_to_int (Reader *r, JsonNode *node, const char *key, int *out)
{
  gint64 value;

  if (!holds (node, G_TYPE_INT64))
    {
      report (r, key, _("must be an integer, not %s"), describe_node (node));
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < G_MININT || value > G_MAXINT)
    {
      report (r, key, _("must be an integer from %d to %d"), G_MININT, G_MAXINT);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static gboolean
read_int (Reader *r, JsonObject *object, const char *key, gboolean required, int *out)
{
  JsonNode *node = member (r, object, key, required);

  return node != NULL && node_to_int (r, node, key, out);
}

static gboolean
read_bool (Reader *r, JsonObject *object, const char *key, gboolean *out)
{
  JsonNode *node = member (r, object, key, FALSE);

  if (node == NULL)
    return FALSE;
  if (!holds (node, G_TYPE_BOOLEAN))
    {
      report (r, key, _("must be true or false, not %s"), describe_node (node));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A coordinate: any number that fits the model's single-precision floats. */
static gboolean
read_coordinate (Reader *r, JsonObject *object, const char *key, float *out)
{
  JsonNode *node = member (r, object, key, FALSE);
  double value;

  if (node == NULL)
    return FALSE;
  if (!holds (node, G_TYPE_INT64) && !holds (node, G_TYPE_DOUBLE))
    {
      report (r, key, _("must be a number, not %s"), describe_node (node));
      return FALSE;
    }
  value = json_node_get_double (node);
  if (fabs (value) > FLT_MAX)
    {
      report (r, key, "%s", _("is too large for a position"));
      return FALSE;
    }
  *out = (float) value;
  return TRUE;
}

static JsonObject *
read_object (Reader *r, JsonObject *object, const char *key, gboolean required)
{
  JsonNode *node = member (r, object, key, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (r, key, _("must be an object, not %s"), describe_node (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
read_array (Reader *r, JsonObject *object, const char *key)
{
  JsonNode *node = member (r, object, key, FALSE);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      report (r, key, _("must be an array, not %s"), describe_node (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* An array of strings, as a newly allocated strv; %NULL when absent or wrong. */
static char **
read_string_list (Reader *r, JsonObject *object, const char *key)
{
  JsonArray *array = read_array (r, object, key);
  g_autoptr (GPtrArray) strings = NULL;
  gboolean ok = TRUE;
  guint n;

  if (array == NULL)
    return NULL;
  n = json_array_get_length (array);
  strings = g_ptr_array_new_full (n + 1, g_free);
  al_json_path_push_member (r->path, key);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (holds (node, G_TYPE_STRING))
        {
          g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
          continue;
        }
      al_json_path_push_index (r->path, i);
      report (r, NULL, _("must be a string, not %s"), describe_node (node));
      al_json_path_pop (r->path);
      ok = FALSE;
    }
  al_json_path_pop (r->path);
  if (!ok)
    return NULL;
  g_ptr_array_add (strings, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&strings), FALSE);
}

typedef gboolean (*EnumFromString) (const char *str, int *out);

/* The model's converters take typed enums; these adapt them to int. */
#define DEFINE_ENUM_FROM_STRING(name, Type, convert)                                               \
  static gboolean name (const char *str, int *out)                                                 \
  {                                                                                                \
    Type value;                                                                                    \
    if (!convert (str, &value))                                                                    \
      return FALSE;                                                                                \
    *out = (int) value;                                                                            \
    return TRUE;                                                                                   \
  }

DEFINE_ENUM_FROM_STRING (exposure_from_string, AlExposure, al_exposure_from_string)
DEFINE_ENUM_FROM_STRING (protocol_from_string, AlProtocol, al_protocol_from_string)
DEFINE_ENUM_FROM_STRING (kind_from_string, AlKind, al_kind_from_string)

/* A string among @choices ("tcp, udp, …"), converted by @from_string. */
static gboolean
read_enum (Reader *r, JsonObject *object, const char *key, gboolean required,
           EnumFromString from_string, const char *choices, int *out)
{
  const char *value;

  if (!read_string (r, object, key, required, &value))
    return FALSE;
  if (!from_string (value, out))
    {
      g_autofree char *shown = al_json_excerpt (value, 60);
      report (r, key, _("must be one of %s, not “%s”"), choices, shown);
      return FALSE;
    }
  return TRUE;
}

/* Moves the members of @object not named in @known to the extras of @owner
 * under @section, so that they are written back. */
static void
keep_unknown_members (gpointer owner, const char *section, JsonObject *object,
                      const char *const *known)
{
  g_autoptr (JsonObject) extras = NULL;
  GList *members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_strv_contains (known, name))
        continue;
      if (extras == NULL)
        extras = json_object_new ();
      json_object_set_member (extras, name, json_node_copy (json_object_get_member (object, name)));
    }
  g_list_free (members);
  al_extras_set (owner, section, extras);
}

typedef void (*ReadItem) (Reader *r, JsonObject *item, gpointer data);

/* Reads each object of the array @key with @read_item. */
static void
read_list (Reader *r, JsonObject *object, const char *key, ReadItem read_item, gpointer data)
{
  JsonArray *array = read_array (r, object, key);
  guint n;

  if (array == NULL)
    return;
  n = json_array_get_length (array);
  al_json_path_push_member (r->path, key);
  for (guint i = 0; i < n && !r->stopped; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      al_json_path_push_index (r->path, i);
      if (JSON_NODE_HOLDS_OBJECT (node))
        read_item (r, json_node_get_object (node), data);
      else
        report (r, NULL, _("must be an object, not %s"), describe_node (node));
      al_json_path_pop (r->path);
    }
  al_json_path_pop (r->path);
}

static void
read_application (Reader *r, JsonObject *object, AlDocument *document)
{
  static const char *const known[] = { "name", "display_name", "namespace", "exposure",
                                       "wait_image", NULL };
  const char *str;
  int exposure;

  al_json_path_push_member (r->path, "application");
  if (read_string (r, object, "name", TRUE, &str))
    al_document_set_name (document, str);
  if (read_string (r, object, "display_name", FALSE, &str))
    al_document_set_display_name (document, str);
  if (read_string (r, object, "namespace", FALSE, &str))
    al_document_set_namespace (document, str);
  else if (!json_object_has_member (object, "namespace"))
    al_document_set_namespace (document, al_document_get_name (document));
  if (read_enum (r, object, "exposure", FALSE, exposure_from_string,
                 "NodePort, LoadBalancer", &exposure))
    al_document_set_exposure (document, exposure);
  if (read_string (r, object, "wait_image", FALSE, &str))
    al_document_set_wait_image (document, str);
  keep_unknown_members (document, "application", object, known);
  al_json_path_pop (r->path);
}

static void
read_lane (Reader *r, JsonObject *object, gpointer data)
{
  static const char *const known[] = { "id", "arch", "label", "tolerate_taint", NULL };
  g_autoptr (AlLane) lane = al_lane_new (NULL, NULL, NULL);
  const char *str;
  gboolean flag;

  if (read_string (r, object, "id", TRUE, &str))
    al_lane_set_id (lane, str);
  /* The setter normalises aliases (x86_64 → amd64). */
  if (read_string (r, object, "arch", TRUE, &str))
    al_lane_set_arch (lane, str);
  if (read_string (r, object, "label", FALSE, &str))
    al_lane_set_label (lane, str);
  else if (!json_object_has_member (object, "label"))
    al_lane_set_label (lane, al_lane_get_arch (lane));
  if (read_bool (r, object, "tolerate_taint", &flag))
    al_lane_set_tolerate_taint (lane, flag);
  keep_unknown_members (lane, "", object, known);
  /* Once anything is wrong the document is dropped: do not build it. */
  if (!failed (r))
    al_document_add_lane (data, lane);
}

static void
read_port (Reader *r, JsonObject *object, gpointer data)
{
  static const char *const known[] = { "port", "protocol", "alias", "inner", "outer", NULL };
  AlComponent *component = data;
  g_autoptr (AlPort) port = al_port_new (0, AL_PROTOCOL_TCP);
  const char *str;
  int number, protocol;
  gboolean flag;

  if (read_int (r, object, "port", TRUE, &number))
    al_port_set_port (port, number);
  if (read_enum (r, object, "protocol", FALSE, protocol_from_string,
                 "tcp, udp, http, https, grpc", &protocol))
    al_port_set_protocol (port, protocol);
  if (read_string (r, object, "alias", FALSE, &str))
    al_port_set_alias (port, str);
  if (read_bool (r, object, "inner", &flag))
    al_port_set_inner (port, flag);
  if (read_bool (r, object, "outer", &flag))
    al_port_set_outer (port, flag);
  keep_unknown_members (port, "", object, known);
  al_component_insert (component, AL_COLLECTION_PORTS,
                       g_list_model_get_n_items (al_component_get_ports (component)), port);
}

typedef struct
{
  AlComponent *component;
  AlCollection collection;
} EnvTarget;

static void
read_env_var (Reader *r, JsonObject *object, gpointer data)
{
  static const char *const known[] = { "name", "value", "secret", "secret_ref", NULL };
  static const char *const ref_known[] = { "name", "key", NULL };
  EnvTarget *target = data;
  g_autoptr (AlEnvVar) var = NULL;
  const char *name = "", *value = NULL, *ref_name = NULL, *ref_key = NULL;
  gboolean has_value = json_object_has_member (object, "value");
  gboolean has_ref = json_object_has_member (object, "secret_ref");
  gboolean secret = FALSE;
  JsonObject *ref;

  read_string (r, object, "name", TRUE, &name);
  read_string (r, object, "value", FALSE, &value);
  read_bool (r, object, "secret", &secret);
  ref = read_object (r, object, "secret_ref", FALSE);
  if (ref != NULL)
    {
      al_json_path_push_member (r->path, "secret_ref");
      read_string (r, ref, "name", TRUE, &ref_name);
      read_string (r, ref, "key", TRUE, &ref_key);
      al_json_path_pop (r->path);
    }

  if (has_value && has_ref)
    report (r, NULL, "%s", _("has both “value” and “secret_ref”; keep exactly one of them"));
  else if (!has_value && !has_ref)
    report (r, NULL, "%s", _("needs either a “value” or a “secret_ref”"));
  else if (has_ref && secret)
    report (r, "secret", "%s", _("only applies to a “value”, not to a “secret_ref”"));

  if (ref != NULL)
    var = al_env_var_new_secret_ref (name, ref_name, ref_key);
  else
    var = al_env_var_new_value (name, value, secret);
  keep_unknown_members (var, "", object, known);
  if (ref != NULL)
    keep_unknown_members (var, "secret_ref", ref, ref_known);
  al_component_insert (target->component, target->collection,
                       g_list_model_get_n_items (al_component_get_collection (target->component,
                                                                              target->collection)),
                       var);
}

static void
read_volume (Reader *r, JsonObject *object, gpointer data)
{
  static const char *const known[] = { "name", "path", "size_mib", NULL };
  AlComponent *component = data;
  g_autoptr (AlVolume) volume = al_volume_new (NULL, NULL, 1024);
  const char *str;
  int size;

  if (read_string (r, object, "name", FALSE, &str))
    al_volume_set_name (volume, str);
  if (read_string (r, object, "path", FALSE, &str))
    al_volume_set_path (volume, str);
  if (read_int (r, object, "size_mib", FALSE, &size))
    al_volume_set_size_mib (volume, size);
  keep_unknown_members (volume, "", object, known);
  al_component_insert (component, AL_COLLECTION_VOLUMES,
                       g_list_model_get_n_items (al_component_get_volumes (component)), volume);
}

/* The members a probe of each type uses; others are kept as unknown keys. */
static const char *const *
probe_members (AlProbeType type)
{
  static const char *const tcp[] = { "type", "port", NULL };
  static const char *const http[] = { "type", "port", "path", NULL };
  static const char *const exec[] = { "type", "command", NULL };
  static const char *const none[] = { "type", NULL };

  switch (type)
    {
    case AL_PROBE_TCP: return tcp;
    case AL_PROBE_HTTP: return http;
    case AL_PROBE_EXEC: return exec;
    case AL_PROBE_NONE:
    default: return none;
    }
}

static gboolean
probe_type_from_string (const char *str, int *out)
{
  AlProbeType type;

  /* "none" is how the model says "no probe"; a document omits the probe. */
  if (!al_probe_type_from_string (str, &type) || type == AL_PROBE_NONE)
    return FALSE;
  *out = type;
  return TRUE;
}

static void
read_probe (Reader *r, JsonObject *object, AlComponent *component)
{
  AlProbe *probe = al_component_get_probe (component);
  const char *const *known;
  g_auto (GStrv) command = NULL;
  const char *path;
  int type, port;

  al_json_path_push_member (r->path, "probe");
  if (!read_enum (r, object, "type", TRUE, probe_type_from_string, "tcp, http, exec", &type))
    {
      al_json_path_pop (r->path);
      return;
    }
  al_probe_set_probe_type (probe, type);
  known = probe_members (type);
  if (g_strv_contains (known, "port") && read_int (r, object, "port", FALSE, &port))
    al_probe_set_port (probe, port);
  if (g_strv_contains (known, "path"))
    al_probe_set_path (probe, read_string (r, object, "path", FALSE, &path) ? path : "/");
  if (g_strv_contains (known, "command") && (command = read_string_list (r, object, "command")))
    al_probe_set_command (probe, (const char *const *) command);
  keep_unknown_members (component, "probe", object, known);
  al_json_path_pop (r->path);
}

static void
read_position (Reader *r, JsonObject *object, AlComponent *component)
{
  static const char *const known[] = { "x", "y", NULL };
  graphene_point_t point = GRAPHENE_POINT_INIT_ZERO;

  al_json_path_push_member (r->path, "position");
  read_coordinate (r, object, "x", &point.x);
  read_coordinate (r, object, "y", &point.y);
  al_component_set_position (component, &point);
  keep_unknown_members (component, "position", object, known);
  al_json_path_pop (r->path);
}

static void
read_component (Reader *r, JsonObject *object, gpointer data)
{
  static const char *const known[] = {
    "id", "name", "display_name", "lane", "image", "kind", "replicas", "cpu_millis",
    "memory_mib", "command", "args", "ports", "env", "connection", "volumes", "probe",
    "position", NULL,
  };
  g_autoptr (AlComponent) component = al_component_new (NULL, NULL, NULL);
  g_auto (GStrv) command = NULL;
  g_auto (GStrv) args = NULL;
  EnvTarget env = { component, AL_COLLECTION_ENV };
  EnvTarget connection = { component, AL_COLLECTION_CONNECTION };
  JsonObject *nested;
  const char *str;
  int value;

  if (read_string (r, object, "id", TRUE, &str))
    al_component_set_id (component, str);
  if (read_string (r, object, "name", TRUE, &str))
    al_component_set_name (component, str);
  if (read_string (r, object, "display_name", FALSE, &str))
    al_component_set_display_name (component, str);
  if (read_string (r, object, "lane", TRUE, &str))
    al_component_set_lane (component, str);
  if (read_string (r, object, "image", FALSE, &str))
    al_component_set_image (component, str);
  if (read_enum (r, object, "kind", FALSE, kind_from_string,
                 "stateless, stateful", &value))
    al_component_set_kind (component, value);
  if (read_int (r, object, "replicas", FALSE, &value))
    al_component_set_replicas (component, value);
  if (read_int (r, object, "cpu_millis", FALSE, &value))
    al_component_set_cpu_millis (component, value);
  if (read_int (r, object, "memory_mib", FALSE, &value))
    al_component_set_memory_mib (component, value);
  if ((command = read_string_list (r, object, "command")))
    al_component_set_command (component, (const char *const *) command);
  if ((args = read_string_list (r, object, "args")))
    al_component_set_args (component, (const char *const *) args);
  read_list (r, object, "ports", read_port, component);
  read_list (r, object, "env", read_env_var, &env);
  read_list (r, object, "connection", read_env_var, &connection);
  read_list (r, object, "volumes", read_volume, component);
  if ((nested = read_object (r, object, "probe", FALSE)))
    read_probe (r, nested, component);
  if ((nested = read_object (r, object, "position", FALSE)))
    read_position (r, nested, component);
  keep_unknown_members (component, "", object, known);
  if (!failed (r))
    al_document_add_component (data, component);
}

static void
read_dependency (Reader *r, JsonObject *object, gpointer data)
{
  static const char *const known[] = { "id", "from", "to", "ports", "wait", "wait_timeout_s",
                                       "traffic", NULL };
  g_autoptr (AlDependency) dependency = al_dependency_new (NULL, NULL, NULL);
  JsonArray *ports;
  const char *str;
  gboolean flag;
  int value;

  if (read_string (r, object, "id", TRUE, &str))
    al_dependency_set_id (dependency, str);
  if (read_string (r, object, "from", TRUE, &str))
    al_dependency_set_from (dependency, str);
  if (read_string (r, object, "to", TRUE, &str))
    al_dependency_set_to (dependency, str);
  if ((ports = read_array (r, object, "ports")))
    {
      guint n = json_array_get_length (ports);
      g_autoptr (GArray) numbers = g_array_sized_new (FALSE, FALSE, sizeof (int), n);

      al_json_path_push_member (r->path, "ports");
      for (guint i = 0; i < n; i++)
        {
          al_json_path_push_index (r->path, i);
          if (node_to_int (r, json_array_get_element (ports, i), NULL, &value))
            g_array_append_val (numbers, value);
          al_json_path_pop (r->path);
        }
      al_json_path_pop (r->path);
      al_dependency_set_ports (dependency, numbers);
    }
  if (read_bool (r, object, "wait", &flag))
    al_dependency_set_wait (dependency, flag);
  if (read_int (r, object, "wait_timeout_s", FALSE, &value))
    al_dependency_set_wait_timeout_s (dependency, value);
  if (read_int (r, object, "traffic", FALSE, &value))
    al_dependency_set_traffic (dependency, value);
  keep_unknown_members (dependency, "", object, known);
  if (!failed (r))
    al_document_add_dependency (data, dependency);
}

static AlDocument *
read_document (Reader *r, JsonNode *root)
{
  static const char *const known[] = { "format", "version", "application", "lanes",
                                       "components", "dependencies", NULL };
  g_autoptr (AlDocument) document = al_document_new ();
  JsonObject *object, *application;
  const char *format;
  int version;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      report (r, NULL, _("the document must be a JSON object, not %s"), describe_node (root));
      return NULL;
    }
  object = json_node_get_object (root);
  if (read_string (r, object, "format", TRUE, &format) && strcmp (format, "archlane") != 0)
    {
      g_autofree char *shown = al_json_excerpt (format, 60);
      report (r, "format", _("must be “archlane”, not “%s”: this is not an Archlane document"),
              shown);
    }
  if (read_int (r, object, "version", TRUE, &version) && version != 1)
    report (r, "version", _("%d is not supported: this Archlane reads version 1 documents"),
            version);
  /* Past a wrong format or version every other complaint would be noise. */
  if (failed (r))
    return NULL;

  if ((application = read_object (r, object, "application", TRUE)))
    read_application (r, application, document);
  read_list (r, object, "lanes", read_lane, document);
  read_list (r, object, "components", read_component, document);
  read_list (r, object, "dependencies", read_dependency, document);
  keep_unknown_members (document, "", object, known);
  return failed (r) ? NULL : g_steal_pointer (&document);
}

AlDocument *
al_document_read_tree (JsonNode *root, GPtrArray *problems)
{
  Reader reader = { NULL, problems, 0 };
  AlDocument *document;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  reader.path = al_json_path_new ();
  reader.n_before = problems->len;
  document = read_document (&reader, root);
  al_json_path_free (reader.path);
  return document;
}
