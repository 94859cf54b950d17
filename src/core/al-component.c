#include "al-component.h"

#include "al-enums.h"
#include "al-model-private.h"

struct _AlComponent
{
  GObject parent_instance;
  char *id;
  char *name;
  char *display_name;
  char *lane;
  char *image;
  AlKind kind;
  int replicas;
  int cpu_millis;
  int memory_mib;
  char **command;
  char **args;
  graphene_point_t position;
  AlProbe *probe;
  GListStore *ports;
  GListStore *env;
  GListStore *connection;
  GListStore *volumes;
};

G_DEFINE_FINAL_TYPE (AlComponent, al_component, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_LANE,
  PROP_IMAGE,
  PROP_KIND,
  PROP_REPLICAS,
  PROP_CPU_MILLIS,
  PROP_MEMORY_MIB,
  PROP_COMMAND,
  PROP_ARGS,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
al_component_dispose (GObject *object)
{
  AlComponent *self = AL_COMPONENT (object);

  g_clear_object (&self->probe);
  g_clear_object (&self->ports);
  g_clear_object (&self->env);
  g_clear_object (&self->connection);
  g_clear_object (&self->volumes);
  G_OBJECT_CLASS (al_component_parent_class)->dispose (object);
}

static void
al_component_finalize (GObject *object)
{
  AlComponent *self = AL_COMPONENT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->display_name);
  g_free (self->lane);
  g_free (self->image);
  g_strfreev (self->command);
  g_strfreev (self->args);
  G_OBJECT_CLASS (al_component_parent_class)->finalize (object);
}

static void
al_component_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlComponent *self = AL_COMPONENT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_LANE: g_value_set_string (value, self->lane); break;
    case PROP_IMAGE: g_value_set_string (value, self->image); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_REPLICAS: g_value_set_int (value, self->replicas); break;
    case PROP_CPU_MILLIS: g_value_set_int (value, self->cpu_millis); break;
    case PROP_MEMORY_MIB: g_value_set_int (value, self->memory_mib); break;
    case PROP_COMMAND: g_value_set_boxed (value, self->command); break;
    case PROP_ARGS: g_value_set_boxed (value, self->args); break;
    case PROP_POSITION: g_value_set_boxed (value, &self->position); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_component_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlComponent *self = AL_COMPONENT (object);

  switch (prop_id)
    {
    case PROP_ID: al_component_set_id (self, g_value_get_string (value)); break;
    case PROP_NAME: al_component_set_name (self, g_value_get_string (value)); break;
    case PROP_DISPLAY_NAME: al_component_set_display_name (self, g_value_get_string (value)); break;
    case PROP_LANE: al_component_set_lane (self, g_value_get_string (value)); break;
    case PROP_IMAGE: al_component_set_image (self, g_value_get_string (value)); break;
    case PROP_KIND: al_component_set_kind (self, g_value_get_enum (value)); break;
    case PROP_REPLICAS: al_component_set_replicas (self, g_value_get_int (value)); break;
    case PROP_CPU_MILLIS: al_component_set_cpu_millis (self, g_value_get_int (value)); break;
    case PROP_MEMORY_MIB: al_component_set_memory_mib (self, g_value_get_int (value)); break;
    case PROP_COMMAND: al_component_set_command (self, g_value_get_boxed (value)); break;
    case PROP_ARGS: al_component_set_args (self, g_value_get_boxed (value)); break;
    case PROP_POSITION: al_component_set_position (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_component_class_init (AlComponentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = al_component_dispose;
  object_class->finalize = al_component_finalize;
  object_class->get_property = al_component_get_property;
  object_class->set_property = al_component_set_property;

  properties[PROP_ID] = AL_PARAM_STRING ("id");
  properties[PROP_NAME] = AL_PARAM_STRING ("name");
  properties[PROP_DISPLAY_NAME] = AL_PARAM_STRING ("display-name");
  properties[PROP_LANE] = AL_PARAM_STRING ("lane");
  properties[PROP_IMAGE] = AL_PARAM_STRING ("image");
  properties[PROP_KIND] = AL_PARAM_ENUM ("kind", AL_TYPE_KIND, AL_KIND_STATELESS);
  properties[PROP_REPLICAS] = AL_PARAM_INT ("replicas", G_MININT, G_MAXINT, 1);
  properties[PROP_CPU_MILLIS] = AL_PARAM_INT ("cpu-millis", G_MININT, G_MAXINT, 250);
  properties[PROP_MEMORY_MIB] = AL_PARAM_INT ("memory-mib", G_MININT, G_MAXINT, 256);
  properties[PROP_COMMAND] = AL_PARAM_BOXED ("command", G_TYPE_STRV);
  properties[PROP_ARGS] = AL_PARAM_BOXED ("args", G_TYPE_STRV);
  properties[PROP_POSITION] = AL_PARAM_BOXED ("position", GRAPHENE_TYPE_POINT);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
al_component_init (AlComponent *self)
{
  self->id = g_strdup ("");
  self->name = g_strdup ("");
  self->display_name = g_strdup ("");
  self->lane = g_strdup ("");
  self->image = g_strdup ("");
  self->replicas = 1;
  self->cpu_millis = 250;
  self->memory_mib = 256;
  self->command = g_new0 (char *, 1);
  self->args = g_new0 (char *, 1);
  self->probe = al_probe_new ();
  self->ports = g_list_store_new (AL_TYPE_PORT);
  self->env = g_list_store_new (AL_TYPE_ENV_VAR);
  self->connection = g_list_store_new (AL_TYPE_ENV_VAR);
  self->volumes = g_list_store_new (AL_TYPE_VOLUME);
}

AlComponent *
al_component_new (const char *id, const char *name, const char *lane)
{
  return g_object_new (AL_TYPE_COMPONENT, "id", id, "name", name, "lane", lane, NULL);
}

AL_DEFINE_STRING_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, id, PROP_ID)
AL_DEFINE_STRING_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, name, PROP_NAME)
AL_DEFINE_STRING_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, display_name,
                            PROP_DISPLAY_NAME)
AL_DEFINE_STRING_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, lane, PROP_LANE)
AL_DEFINE_STRING_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, image, PROP_IMAGE)
AL_DEFINE_SCALAR_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, AlKind, kind, PROP_KIND)
AL_DEFINE_SCALAR_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, int, replicas, PROP_REPLICAS)
AL_DEFINE_SCALAR_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, int, cpu_millis,
                            PROP_CPU_MILLIS)
AL_DEFINE_SCALAR_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, int, memory_mib,
                            PROP_MEMORY_MIB)
AL_DEFINE_STRV_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, command, PROP_COMMAND)
AL_DEFINE_STRV_ACCESSORS (AlComponent, al_component, AL_IS_COMPONENT, args, PROP_ARGS)

const graphene_point_t *
al_component_get_position (AlComponent *self)
{
  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  return &self->position;
}

void
al_component_set_position (AlComponent *self, const graphene_point_t *position)
{
  graphene_point_t zero = GRAPHENE_POINT_INIT_ZERO;

  g_return_if_fail (AL_IS_COMPONENT (self));
  if (position == NULL)
    position = &zero;
  if (self->position.x == position->x && self->position.y == position->y)
    return;
  self->position = *position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

AlProbe *
al_component_get_probe (AlComponent *self)
{
  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  return self->probe;
}

GListModel *
al_component_get_ports (AlComponent *self)
{
  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  return G_LIST_MODEL (self->ports);
}

GListModel *
al_component_get_env (AlComponent *self)
{
  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  return G_LIST_MODEL (self->env);
}

GListModel *
al_component_get_connection (AlComponent *self)
{
  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  return G_LIST_MODEL (self->connection);
}

GListModel *
al_component_get_volumes (AlComponent *self)
{
  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  return G_LIST_MODEL (self->volumes);
}

static GListStore *
collection_store (AlComponent *self, AlCollection collection)
{
  switch (collection)
    {
    case AL_COLLECTION_PORTS: return self->ports;
    case AL_COLLECTION_ENV: return self->env;
    case AL_COLLECTION_CONNECTION: return self->connection;
    case AL_COLLECTION_VOLUMES: return self->volumes;
    case AL_COLLECTION_LANES:
    case AL_COLLECTION_COMPONENTS:
    case AL_COLLECTION_DEPENDENCIES:
    default: g_return_val_if_reached (NULL);
    }
}

GListModel *
al_component_get_collection (AlComponent *self, AlCollection collection)
{
  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  return G_LIST_MODEL (collection_store (self, collection));
}

void
al_component_insert (AlComponent *self, AlCollection collection, guint position, gpointer item)
{
  GListStore *store;

  g_return_if_fail (AL_IS_COMPONENT (self));
  store = collection_store (self, collection);
  g_return_if_fail (store != NULL);
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, g_list_model_get_item_type (G_LIST_MODEL (store))));
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (store)));
  g_list_store_insert (store, position, item);
}

void
al_component_append (AlComponent *self, AlCollection collection, GPtrArray *items)
{
  GListStore *store;

  g_return_if_fail (AL_IS_COMPONENT (self));
  g_return_if_fail (items != NULL);
  store = collection_store (self, collection);
  g_return_if_fail (store != NULL);
  if (items->len == 0)
    return;
  for (guint i = 0; i < items->len; i++)
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (items->pdata[i],
                                                  g_list_model_get_item_type (G_LIST_MODEL (store))));
  g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0, items->pdata,
                       items->len);
}

void
al_component_remove (AlComponent *self, AlCollection collection, guint position)
{
  GListStore *store;

  g_return_if_fail (AL_IS_COMPONENT (self));
  store = collection_store (self, collection);
  g_return_if_fail (store != NULL);
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (store)));
  g_list_store_remove (store, position);
}

const char *
al_component_get_service_name (AlComponent *self)
{
  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  return self->name;
}

char *
al_component_dup_object_name (AlComponent *self, AlObjectRole role)
{
  static const char *const suffixes[] = {
    [AL_OBJECT_SERVICE] = "",
    [AL_OBJECT_HEADLESS_SERVICE] = "-headless",
    [AL_OBJECT_EXTERNAL_SERVICE] = "-external",
    [AL_OBJECT_OWN_SECRET] = "-secrets",
    [AL_OBJECT_CONNECTION_SECRET] = "-connection",
  };

  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (suffixes), NULL);
  return g_strconcat (self->name, suffixes[role], NULL);
}

guint
al_component_count_inner_ports (AlComponent *self)
{
  guint n, count = 0;

  g_return_val_if_fail (AL_IS_COMPONENT (self), 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->ports));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (G_LIST_MODEL (self->ports), i);
      if (al_port_get_inner (port))
        count++;
    }
  return count;
}

AlPort *
al_component_find_port (AlComponent *self, int number)
{
  guint n;

  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->ports));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (G_LIST_MODEL (self->ports), i);
      if (al_port_get_port (port) == number)
        return port; /* the store keeps its reference */
    }
  return NULL;
}

char *
al_component_dup_port_alias (AlComponent *self, AlPort *port)
{
  GString *alias;

  g_return_val_if_fail (AL_IS_COMPONENT (self), NULL);
  g_return_val_if_fail (AL_IS_PORT (port), NULL);

  if (al_port_get_alias (port) != NULL)
    return g_strdup (al_port_get_alias (port));

  alias = g_string_new (NULL);
  for (const char *p = self->name; *p; p++)
    g_string_append_c (alias, *p == '-' ? '_' : g_ascii_toupper (*p));
  if (al_component_count_inner_ports (self) > 1)
    g_string_append_printf (alias, "_%d", al_port_get_port (port));
  return g_string_free (alias, FALSE);
}
