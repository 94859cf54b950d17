/* Reading a parsed .archlane tree into the model, collecting every problem:
 * which members each object has, of which type, into which setter. */
#include "al-document-reader.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-json-check.h"
#include "al-json-reader.h"

/* What reading builds, in heap bytes as measured with GLib 2.74 on 64-bit
 * Linux and rounded up (al_json_reader_charge()): a component with its
 * four lists, probe and index entries; a dependency, a lane with their
 * index entries; a port, variable or volume. */
#define COST_COMPONENT  2048
#define COST_DEPENDENCY 768
#define COST_LANE       640
#define COST_ITEM       192

/* Items are made with g_object_new() and their setters: the model's _new()
 * functions set properties through GValues, which costs as much again. */

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

enum { APP_NAME, APP_DISPLAY_NAME, APP_NAMESPACE, APP_EXPOSURE, APP_WAIT_IMAGE, APP_N };
static const char *const application_keys[APP_N] = {
  "name", "display_name", "namespace", "exposure", "wait_image",
};

static void
read_application (AlJsonReader *r, guint object, AlDocument *document)
{
  AlJsonMembers m;
  const char *str;
  int exposure;

  al_json_reader_match (r, object, application_keys, APP_N, &m);
  al_json_reader_push_member (r, "application");
  if (al_json_reader_string (r, &m, APP_NAME, TRUE, &str))
    al_document_set_name (document, str);
  if (al_json_reader_string (r, &m, APP_DISPLAY_NAME, FALSE, &str))
    al_document_set_display_name (document, str);
  if (al_json_reader_string (r, &m, APP_NAMESPACE, FALSE, &str))
    al_document_set_namespace (document, str);
  else if (m.value[APP_NAMESPACE] == 0)
    al_document_set_namespace (document, al_document_get_name (document));
  if (al_json_reader_enum (r, &m, APP_EXPOSURE, FALSE, exposure_from_string,
                           "NodePort, LoadBalancer", &exposure))
    al_document_set_exposure (document, exposure);
  if (al_json_reader_string (r, &m, APP_WAIT_IMAGE, FALSE, &str))
    al_document_set_wait_image (document, str);
  al_json_reader_keep_unknown (r, document, "application", &m, AL_JSON_READER_ALL_KEYS);
  al_json_reader_pop (r);
}

enum { LANE_ID, LANE_ARCH, LANE_LABEL, LANE_TOLERATE_TAINT, LANE_N };
static const char *const lane_keys[LANE_N] = { "id", "arch", "label", "tolerate_taint" };

static void
read_lane (AlJsonReader *r, guint object, gpointer data)
{
  g_autoptr (AlLane) lane = al_lane_new (NULL, NULL, NULL);
  AlJsonMembers m;
  const char *str;
  gboolean flag;

  al_json_reader_charge (r, COST_LANE);
  al_json_reader_match (r, object, lane_keys, LANE_N, &m);
  if (al_json_reader_string (r, &m, LANE_ID, TRUE, &str))
    al_lane_set_id (lane, str);
  /* The setter normalises aliases (x86_64 → amd64). */
  if (al_json_reader_string (r, &m, LANE_ARCH, TRUE, &str))
    al_lane_set_arch (lane, str);
  if (al_json_reader_string (r, &m, LANE_LABEL, FALSE, &str))
    al_lane_set_label (lane, str);
  else if (m.value[LANE_LABEL] == 0)
    al_lane_set_label (lane, al_lane_get_arch (lane));
  if (al_json_reader_bool (r, &m, LANE_TOLERATE_TAINT, &flag))
    al_lane_set_tolerate_taint (lane, flag);
  al_json_reader_keep_unknown (r, lane, "", &m, AL_JSON_READER_ALL_KEYS);
  /* Once anything is wrong the document is dropped: do not build it. */
  if (!al_json_reader_failed (r))
    al_document_add_lane (data, lane);
}

enum { PORT_PORT, PORT_PROTOCOL, PORT_ALIAS, PORT_INNER, PORT_OUTER, PORT_N };
static const char *const port_keys[PORT_N] = { "port", "protocol", "alias", "inner", "outer" };

/* The items of one collection of a component, appended at once when all
 * are read. */
typedef struct
{
  AlComponent *component;
  AlCollection collection;
  GPtrArray   *items;
} ItemsTarget;

static void
read_port (AlJsonReader *r, guint object, gpointer data)
{
  ItemsTarget *target = data;
  g_autoptr (AlPort) port = g_object_new (AL_TYPE_PORT, NULL);
  AlJsonMembers m;
  const char *str;
  int number, protocol;
  gboolean flag;

  al_json_reader_charge (r, COST_ITEM);
  al_json_reader_match (r, object, port_keys, PORT_N, &m);
  if (al_json_reader_int (r, &m, PORT_PORT, TRUE, &number))
    al_port_set_port (port, number);
  if (al_json_reader_enum (r, &m, PORT_PROTOCOL, FALSE, protocol_from_string,
                           "tcp, udp, http, https, grpc", &protocol))
    al_port_set_protocol (port, protocol);
  if (al_json_reader_string (r, &m, PORT_ALIAS, FALSE, &str))
    al_port_set_alias (port, str);
  if (al_json_reader_bool (r, &m, PORT_INNER, &flag))
    al_port_set_inner (port, flag);
  if (al_json_reader_bool (r, &m, PORT_OUTER, &flag))
    al_port_set_outer (port, flag);
  al_json_reader_keep_unknown (r, port, "", &m, AL_JSON_READER_ALL_KEYS);
  g_ptr_array_add (target->items, g_steal_pointer (&port));
}

enum { ENV_NAME, ENV_VALUE, ENV_SECRET, ENV_SECRET_REF, ENV_N };
static const char *const env_keys[ENV_N] = { "name", "value", "secret", "secret_ref" };
enum { REF_NAME, REF_KEY, REF_N };
static const char *const ref_keys[REF_N] = { "name", "key" };

static void
read_env_var (AlJsonReader *r, guint object, gpointer data)
{
  ItemsTarget *target = data;
  g_autoptr (AlEnvVar) var = NULL;
  const char *name = "", *value = NULL, *ref_name = NULL, *ref_key = NULL;
  gboolean has_value, has_ref, secret = FALSE;
  AlJsonMembers m, ref_m;
  guint ref;

  al_json_reader_charge (r, COST_ITEM);
  al_json_reader_match (r, object, env_keys, ENV_N, &m);
  has_value = m.value[ENV_VALUE] != 0;
  has_ref = m.value[ENV_SECRET_REF] != 0;
  al_json_reader_string (r, &m, ENV_NAME, TRUE, &name);
  al_json_reader_string (r, &m, ENV_VALUE, FALSE, &value);
  al_json_reader_bool (r, &m, ENV_SECRET, &secret);
  ref = al_json_reader_container (r, &m, ENV_SECRET_REF, FALSE, AL_JSON_OBJECT);
  if (ref != 0)
    {
      al_json_reader_match (r, ref, ref_keys, REF_N, &ref_m);
      al_json_reader_push_member (r, "secret_ref");
      al_json_reader_string (r, &ref_m, REF_NAME, TRUE, &ref_name);
      al_json_reader_string (r, &ref_m, REF_KEY, TRUE, &ref_key);
      al_json_reader_pop (r);
    }

  if (has_value && has_ref)
    al_json_reader_report (r, NULL, "%s",
                           _("has both “value” and “secret_ref”; keep exactly one of them"));
  else if (!has_value && !has_ref)
    al_json_reader_report (r, NULL, "%s", _("needs either a “value” or a “secret_ref”"));
  else if (has_ref && secret)
    al_json_reader_report (r, "secret", "%s",
                           _("only applies to a “value”, not to a “secret_ref”"));

  var = g_object_new (AL_TYPE_ENV_VAR, NULL);
  al_env_var_set_name (var, name);
  if (ref != 0)
    {
      al_env_var_set_secret_ref_name (var, ref_name);
      al_env_var_set_secret_ref_key (var, ref_key);
    }
  else
    {
      al_env_var_set_value (var, value ? value : "");
      al_env_var_set_secret (var, secret);
    }
  al_json_reader_keep_unknown (r, var, "", &m, AL_JSON_READER_ALL_KEYS);
  if (ref != 0)
    al_json_reader_keep_unknown (r, var, "secret_ref", &ref_m, AL_JSON_READER_ALL_KEYS);
  g_ptr_array_add (target->items, g_steal_pointer (&var));
}

enum { VOLUME_NAME, VOLUME_PATH, VOLUME_SIZE_MIB, VOLUME_N };
static const char *const volume_keys[VOLUME_N] = { "name", "path", "size_mib" };

static void
read_volume (AlJsonReader *r, guint object, gpointer data)
{
  ItemsTarget *target = data;
  g_autoptr (AlVolume) volume = g_object_new (AL_TYPE_VOLUME, NULL);
  AlJsonMembers m;
  const char *str;
  int size;

  al_json_reader_charge (r, COST_ITEM);
  al_json_reader_match (r, object, volume_keys, VOLUME_N, &m);
  if (al_json_reader_string (r, &m, VOLUME_NAME, FALSE, &str))
    al_volume_set_name (volume, str);
  if (al_json_reader_string (r, &m, VOLUME_PATH, FALSE, &str))
    al_volume_set_path (volume, str);
  if (al_json_reader_int (r, &m, VOLUME_SIZE_MIB, FALSE, &size))
    al_volume_set_size_mib (volume, size);
  al_json_reader_keep_unknown (r, volume, "", &m, AL_JSON_READER_ALL_KEYS);
  g_ptr_array_add (target->items, g_steal_pointer (&volume));
}

enum { PROBE_TYPE, PROBE_PORT, PROBE_PATH, PROBE_COMMAND, PROBE_N };
static const char *const probe_keys[PROBE_N] = { "type", "port", "path", "command" };

/* The members a probe of each type uses; others are kept as unknown keys. */
static guint32
probe_members (AlProbeType type)
{
  switch (type)
    {
    case AL_PROBE_TCP: return 1u << PROBE_TYPE | 1u << PROBE_PORT;
    case AL_PROBE_HTTP: return 1u << PROBE_TYPE | 1u << PROBE_PORT | 1u << PROBE_PATH;
    case AL_PROBE_EXEC: return 1u << PROBE_TYPE | 1u << PROBE_COMMAND;
    case AL_PROBE_NONE:
    default: return 1u << PROBE_TYPE;
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
read_probe (AlJsonReader *r, guint object, AlComponent *component)
{
  AlProbe *probe = al_component_get_probe (component);
  g_autofree const char **command = NULL;
  AlJsonMembers m;
  guint32 known;
  const char *path;
  int type, port;

  al_json_reader_match (r, object, probe_keys, PROBE_N, &m);
  al_json_reader_push_member (r, "probe");
  if (!al_json_reader_enum (r, &m, PROBE_TYPE, TRUE, probe_type_from_string, "tcp, http, exec",
                            &type))
    {
      al_json_reader_pop (r);
      return;
    }
  al_probe_set_probe_type (probe, type);
  known = probe_members (type);
  if ((known & 1u << PROBE_PORT) && al_json_reader_int (r, &m, PROBE_PORT, FALSE, &port))
    al_probe_set_port (probe, port);
  if (known & 1u << PROBE_PATH)
    al_probe_set_path (probe, al_json_reader_string (r, &m, PROBE_PATH, FALSE, &path) ? path : "/");
  if ((known & 1u << PROBE_COMMAND)
      && (command = al_json_reader_string_list (r, &m, PROBE_COMMAND)))
    al_probe_set_command (probe, command);
  al_json_reader_keep_unknown (r, component, "probe", &m, known);
  al_json_reader_pop (r);
}

enum { POSITION_X, POSITION_Y, POSITION_N };
static const char *const position_keys[POSITION_N] = { "x", "y" };

static void
read_position (AlJsonReader *r, guint object, AlComponent *component)
{
  graphene_point_t point = GRAPHENE_POINT_INIT_ZERO;
  AlJsonMembers m;

  al_json_reader_match (r, object, position_keys, POSITION_N, &m);
  al_json_reader_push_member (r, "position");
  al_json_reader_coordinate (r, &m, POSITION_X, &point.x);
  al_json_reader_coordinate (r, &m, POSITION_Y, &point.y);
  al_component_set_position (component, &point);
  al_json_reader_keep_unknown (r, component, "position", &m, AL_JSON_READER_ALL_KEYS);
  al_json_reader_pop (r);
}

enum
{
  C_ID, C_NAME, C_DISPLAY_NAME, C_LANE, C_IMAGE, C_KIND, C_REPLICAS, C_CPU_MILLIS, C_MEMORY_MIB,
  C_COMMAND, C_ARGS, C_PORTS, C_ENV, C_CONNECTION, C_VOLUMES, C_PROBE, C_POSITION, C_N
};
static const char *const component_keys[C_N] = {
  "id", "name", "display_name", "lane", "image", "kind", "replicas", "cpu_millis", "memory_mib",
  "command", "args", "ports", "env", "connection", "volumes", "probe", "position",
};

static void
read_component (AlJsonReader *r, guint object, gpointer data)
{
  g_autoptr (AlComponent) component = g_object_new (AL_TYPE_COMPONENT, NULL);
  g_autofree const char **command = NULL;
  g_autofree const char **args = NULL;
  ItemsTarget lists[] = {
    { component, AL_COLLECTION_PORTS, NULL },
    { component, AL_COLLECTION_ENV, NULL },
    { component, AL_COLLECTION_CONNECTION, NULL },
    { component, AL_COLLECTION_VOLUMES, NULL },
  };
  AlJsonMembers m;
  guint nested;
  const char *str;
  int value;

  al_json_reader_charge (r, COST_COMPONENT);
  al_json_reader_match (r, object, component_keys, C_N, &m);
  if (al_json_reader_string (r, &m, C_ID, TRUE, &str))
    al_component_set_id (component, str);
  if (al_json_reader_string (r, &m, C_NAME, TRUE, &str))
    al_component_set_name (component, str);
  if (al_json_reader_string (r, &m, C_DISPLAY_NAME, FALSE, &str))
    al_component_set_display_name (component, str);
  if (al_json_reader_string (r, &m, C_LANE, TRUE, &str))
    al_component_set_lane (component, str);
  if (al_json_reader_string (r, &m, C_IMAGE, FALSE, &str))
    al_component_set_image (component, str);
  if (al_json_reader_enum (r, &m, C_KIND, FALSE, kind_from_string, "stateless, stateful", &value))
    al_component_set_kind (component, value);
  if (al_json_reader_int (r, &m, C_REPLICAS, FALSE, &value))
    al_component_set_replicas (component, value);
  if (al_json_reader_int (r, &m, C_CPU_MILLIS, FALSE, &value))
    al_component_set_cpu_millis (component, value);
  if (al_json_reader_int (r, &m, C_MEMORY_MIB, FALSE, &value))
    al_component_set_memory_mib (component, value);
  if ((command = al_json_reader_string_list (r, &m, C_COMMAND)))
    al_component_set_command (component, command);
  if ((args = al_json_reader_string_list (r, &m, C_ARGS)))
    al_component_set_args (component, args);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    lists[i].items = g_ptr_array_new_with_free_func (g_object_unref);
  al_json_reader_list (r, &m, C_PORTS, read_port, &lists[0]);
  al_json_reader_list (r, &m, C_ENV, read_env_var, &lists[1]);
  al_json_reader_list (r, &m, C_CONNECTION, read_env_var, &lists[2]);
  al_json_reader_list (r, &m, C_VOLUMES, read_volume, &lists[3]);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      al_component_append (component, lists[i].collection, lists[i].items);
      g_ptr_array_unref (lists[i].items);
    }
  if ((nested = al_json_reader_container (r, &m, C_PROBE, FALSE, AL_JSON_OBJECT)))
    read_probe (r, nested, component);
  if ((nested = al_json_reader_container (r, &m, C_POSITION, FALSE, AL_JSON_OBJECT)))
    read_position (r, nested, component);
  al_json_reader_keep_unknown (r, component, "", &m, AL_JSON_READER_ALL_KEYS);
  if (!al_json_reader_failed (r))
    al_document_add_component (data, component);
}

enum { DEP_ID, DEP_FROM, DEP_TO, DEP_PORTS, DEP_WAIT, DEP_WAIT_TIMEOUT_S, DEP_TRAFFIC, DEP_N };
static const char *const dependency_keys[DEP_N] = {
  "id", "from", "to", "ports", "wait", "wait_timeout_s", "traffic",
};

static void
read_dependency (AlJsonReader *r, guint object, gpointer data)
{
  g_autoptr (AlDependency) dependency = g_object_new (AL_TYPE_DEPENDENCY, NULL);
  const AlJsonDom *dom = al_json_reader_get_dom (r);
  AlJsonMembers m;
  guint ports;
  const char *str;
  gboolean flag;
  int value;

  al_json_reader_charge (r, COST_DEPENDENCY);
  al_json_reader_match (r, object, dependency_keys, DEP_N, &m);
  if (al_json_reader_string (r, &m, DEP_ID, TRUE, &str))
    al_dependency_set_id (dependency, str);
  if (al_json_reader_string (r, &m, DEP_FROM, TRUE, &str))
    al_dependency_set_from (dependency, str);
  if (al_json_reader_string (r, &m, DEP_TO, TRUE, &str))
    al_dependency_set_to (dependency, str);
  if ((ports = al_json_reader_container (r, &m, DEP_PORTS, FALSE, AL_JSON_ARRAY)))
    {
      g_autoptr (GArray) numbers = g_array_sized_new (FALSE, FALSE, sizeof (int),
                                                      al_json_dom_count (dom, ports));
      guint i = 0;

      al_json_reader_push_member (r, "ports");
      for (guint node = ports + 1; node < al_json_dom_next (dom, ports);
           node = al_json_dom_next (dom, node), i++)
        {
          al_json_reader_push_index (r, i);
          if (al_json_reader_int_at (r, node, NULL, &value))
            g_array_append_val (numbers, value);
          al_json_reader_pop (r);
        }
      al_json_reader_pop (r);
      al_dependency_set_ports (dependency, numbers);
    }
  if (al_json_reader_bool (r, &m, DEP_WAIT, &flag))
    al_dependency_set_wait (dependency, flag);
  if (al_json_reader_int (r, &m, DEP_WAIT_TIMEOUT_S, FALSE, &value))
    al_dependency_set_wait_timeout_s (dependency, value);
  if (al_json_reader_int (r, &m, DEP_TRAFFIC, FALSE, &value))
    al_dependency_set_traffic (dependency, value);
  al_json_reader_keep_unknown (r, dependency, "", &m, AL_JSON_READER_ALL_KEYS);
  if (!al_json_reader_failed (r))
    al_document_add_dependency (data, dependency);
}

enum
{
  DOC_FORMAT, DOC_VERSION, DOC_APPLICATION, DOC_LANES, DOC_COMPONENTS, DOC_DEPENDENCIES, DOC_N
};
static const char *const document_keys[DOC_N] = {
  "format", "version", "application", "lanes", "components", "dependencies",
};

static AlDocument *
read_document (AlJsonReader *r)
{
  g_autoptr (AlDocument) document = al_document_new ();
  AlJsonMembers m;
  const char *format;
  guint application;
  int version;

  if (al_json_dom_type (al_json_reader_get_dom (r), 0) != AL_JSON_OBJECT)
    {
      al_json_reader_report (r, NULL, _("the document must be a JSON object, not %s"),
                             al_json_reader_describe (r, 0));
      return NULL;
    }
  al_json_reader_match (r, 0, document_keys, DOC_N, &m);
  if (al_json_reader_string (r, &m, DOC_FORMAT, TRUE, &format) && strcmp (format, "archlane") != 0)
    {
      g_autofree char *shown = al_json_excerpt (format, 60);
      al_json_reader_report (r, "format",
                             _("must be “archlane”, not “%s”: this is not an Archlane document"),
                             shown);
    }
  if (al_json_reader_int (r, &m, DOC_VERSION, TRUE, &version) && version != 1)
    al_json_reader_report (r, "version",
                           _("%d is not supported: this Archlane reads version 1 documents"),
                           version);
  /* Past a wrong format or version every other complaint would be noise. */
  if (al_json_reader_failed (r))
    return NULL;

  if ((application = al_json_reader_container (r, &m, DOC_APPLICATION, TRUE, AL_JSON_OBJECT)))
    read_application (r, application, document);
  al_json_reader_list (r, &m, DOC_LANES, read_lane, document);
  al_json_reader_list (r, &m, DOC_COMPONENTS, read_component, document);
  al_json_reader_list (r, &m, DOC_DEPENDENCIES, read_dependency, document);
  al_json_reader_keep_unknown (r, document, "", &m, AL_JSON_READER_ALL_KEYS);
  return al_json_reader_failed (r) ? NULL : g_steal_pointer (&document);
}

AlDocument *
al_document_read_tree (const AlJsonDom *dom, GPtrArray *problems, gboolean *too_large)
{
  g_autoptr (AlJsonReader) reader = NULL;
  AlDocument *document;

  g_return_val_if_fail (dom != NULL && dom->n_values > 0, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  reader = al_json_reader_new (dom, problems);
  document = read_document (reader);
  if (too_large != NULL)
    *too_large = al_json_reader_too_large (reader);
  return document;
}
