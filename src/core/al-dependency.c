#include "al-dependency.h"

#include "al-model-private.h"

struct _AlDependency
{
  GObject parent_instance;
  char *id;
  char *from;
  char *to;
  GArray *ports;
  gboolean wait;
  int wait_timeout_s;
  int traffic;
};

G_DEFINE_FINAL_TYPE (AlDependency, al_dependency, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_FROM,
  PROP_TO,
  PROP_PORTS,
  PROP_WAIT,
  PROP_WAIT_TIMEOUT_S,
  PROP_TRAFFIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
al_dependency_finalize (GObject *object)
{
  AlDependency *self = AL_DEPENDENCY (object);

  g_free (self->id);
  g_free (self->from);
  g_free (self->to);
  g_array_unref (self->ports);
  G_OBJECT_CLASS (al_dependency_parent_class)->finalize (object);
}

static void
al_dependency_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlDependency *self = AL_DEPENDENCY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_FROM: g_value_set_string (value, self->from); break;
    case PROP_TO: g_value_set_string (value, self->to); break;
    case PROP_PORTS: g_value_set_boxed (value, self->ports); break;
    case PROP_WAIT: g_value_set_boolean (value, self->wait); break;
    case PROP_WAIT_TIMEOUT_S: g_value_set_int (value, self->wait_timeout_s); break;
    case PROP_TRAFFIC: g_value_set_int (value, self->traffic); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_dependency_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  AlDependency *self = AL_DEPENDENCY (object);

  switch (prop_id)
    {
    case PROP_ID: al_dependency_set_id (self, g_value_get_string (value)); break;
    case PROP_FROM: al_dependency_set_from (self, g_value_get_string (value)); break;
    case PROP_TO: al_dependency_set_to (self, g_value_get_string (value)); break;
    case PROP_PORTS: al_dependency_set_ports (self, g_value_get_boxed (value)); break;
    case PROP_WAIT: al_dependency_set_wait (self, g_value_get_boolean (value)); break;
    case PROP_WAIT_TIMEOUT_S: al_dependency_set_wait_timeout_s (self, g_value_get_int (value)); break;
    case PROP_TRAFFIC: al_dependency_set_traffic (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_dependency_class_init (AlDependencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = al_dependency_finalize;
  object_class->get_property = al_dependency_get_property;
  object_class->set_property = al_dependency_set_property;

  properties[PROP_ID] = AL_PARAM_STRING ("id");
  properties[PROP_FROM] = AL_PARAM_STRING ("from");
  properties[PROP_TO] = AL_PARAM_STRING ("to");
  properties[PROP_PORTS] = AL_PARAM_BOXED ("ports", G_TYPE_ARRAY);
  properties[PROP_WAIT] = AL_PARAM_BOOLEAN ("wait", TRUE);
  properties[PROP_WAIT_TIMEOUT_S] = AL_PARAM_INT ("wait-timeout-s", G_MININT, G_MAXINT, 300);
  properties[PROP_TRAFFIC] = AL_PARAM_INT ("traffic", G_MININT, G_MAXINT, 1);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
al_dependency_init (AlDependency *self)
{
  self->id = g_strdup ("");
  self->from = g_strdup ("");
  self->to = g_strdup ("");
  self->ports = g_array_new (FALSE, FALSE, sizeof (int));
  self->wait = TRUE;
  self->wait_timeout_s = 300;
  self->traffic = 1;
}

AlDependency *
al_dependency_new (const char *id, const char *from, const char *to)
{
  return g_object_new (AL_TYPE_DEPENDENCY, "id", id, "from", from, "to", to, NULL);
}

AL_DEFINE_STRING_ACCESSORS (AlDependency, al_dependency, AL_IS_DEPENDENCY, id, PROP_ID)
AL_DEFINE_STRING_ACCESSORS (AlDependency, al_dependency, AL_IS_DEPENDENCY, from, PROP_FROM)
AL_DEFINE_STRING_ACCESSORS (AlDependency, al_dependency, AL_IS_DEPENDENCY, to, PROP_TO)
AL_DEFINE_BOOLEAN_ACCESSORS (AlDependency, al_dependency, AL_IS_DEPENDENCY, wait, PROP_WAIT)
AL_DEFINE_SCALAR_ACCESSORS (AlDependency, al_dependency, AL_IS_DEPENDENCY, int, wait_timeout_s,
                            PROP_WAIT_TIMEOUT_S)
AL_DEFINE_SCALAR_ACCESSORS (AlDependency, al_dependency, AL_IS_DEPENDENCY, int, traffic,
                            PROP_TRAFFIC)

GArray *
al_dependency_get_ports (AlDependency *self)
{
  g_return_val_if_fail (AL_IS_DEPENDENCY (self), NULL);
  return self->ports;
}

void
al_dependency_set_ports_from_list (AlDependency *self, const int *ports, guint n_ports)
{
  g_autoptr (GArray) array = g_array_sized_new (FALSE, FALSE, sizeof (int), n_ports);

  g_return_if_fail (AL_IS_DEPENDENCY (self));
  g_array_append_vals (array, ports, n_ports);
  al_dependency_set_ports (self, array);
}

void
al_dependency_set_ports (AlDependency *self, GArray *ports)
{
  GArray *copy;

  g_return_if_fail (AL_IS_DEPENDENCY (self));
  if (ports == NULL)
    ports = g_array_new (FALSE, FALSE, sizeof (int));
  else
    g_array_ref (ports);

  /* An empty GArray may have NULL data, which memcmp() must not see. */
  if (ports->len == self->ports->len
      && (ports->len == 0 || memcmp (ports->data, self->ports->data, ports->len * sizeof (int)) == 0))
    {
      g_array_unref (ports);
      return;
    }
  /* Keep a private copy so that no caller can change the list behind the
   * history's back. */
  copy = g_array_sized_new (FALSE, FALSE, sizeof (int), ports->len);
  g_array_append_vals (copy, ports->data, ports->len);
  g_array_unref (ports);
  g_array_unref (self->ports);
  self->ports = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTS]);
}
