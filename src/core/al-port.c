#include "al-port.h"

#include "al-enums.h"
#include "al-model-private.h"

struct _AlPort
{
  GObject parent_instance;
  int port;
  AlProtocol protocol;
  char *alias;
  gboolean inner;
  gboolean outer;
};

G_DEFINE_FINAL_TYPE (AlPort, al_port, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PORT,
  PROP_PROTOCOL,
  PROP_ALIAS,
  PROP_INNER,
  PROP_OUTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
al_port_finalize (GObject *object)
{
  AlPort *self = AL_PORT (object);

  g_free (self->alias);
  G_OBJECT_CLASS (al_port_parent_class)->finalize (object);
}

static void
al_port_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlPort *self = AL_PORT (object);

  switch (prop_id)
    {
    case PROP_PORT: g_value_set_int (value, self->port); break;
    case PROP_PROTOCOL: g_value_set_enum (value, self->protocol); break;
    case PROP_ALIAS: g_value_set_string (value, self->alias); break;
    case PROP_INNER: g_value_set_boolean (value, self->inner); break;
    case PROP_OUTER: g_value_set_boolean (value, self->outer); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_port_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlPort *self = AL_PORT (object);

  switch (prop_id)
    {
    case PROP_PORT: al_port_set_port (self, g_value_get_int (value)); break;
    case PROP_PROTOCOL: al_port_set_protocol (self, g_value_get_enum (value)); break;
    case PROP_ALIAS: al_port_set_alias (self, g_value_get_string (value)); break;
    case PROP_INNER: al_port_set_inner (self, g_value_get_boolean (value)); break;
    case PROP_OUTER: al_port_set_outer (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_port_class_init (AlPortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = al_port_finalize;
  object_class->get_property = al_port_get_property;
  object_class->set_property = al_port_set_property;

  /* Out-of-range numbers are kept so that validation can name them. */
  properties[PROP_PORT] = AL_PARAM_INT ("port", G_MININT, G_MAXINT, 0);
  properties[PROP_PROTOCOL] = AL_PARAM_ENUM ("protocol", AL_TYPE_PROTOCOL, AL_PROTOCOL_TCP);
  properties[PROP_ALIAS] = AL_PARAM_STRING ("alias");
  properties[PROP_INNER] = AL_PARAM_BOOLEAN ("inner", TRUE);
  properties[PROP_OUTER] = AL_PARAM_BOOLEAN ("outer", FALSE);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
al_port_init (AlPort *self)
{
  self->inner = TRUE;
}

AlPort *
al_port_new (int port, AlProtocol protocol)
{
  return g_object_new (AL_TYPE_PORT, "port", port, "protocol", protocol, NULL);
}

AL_DEFINE_SCALAR_ACCESSORS (AlPort, al_port, AL_IS_PORT, int, port, PROP_PORT)
AL_DEFINE_SCALAR_ACCESSORS (AlPort, al_port, AL_IS_PORT, AlProtocol, protocol, PROP_PROTOCOL)
AL_DEFINE_NULLABLE_STRING_ACCESSORS (AlPort, al_port, AL_IS_PORT, alias, PROP_ALIAS)
AL_DEFINE_BOOLEAN_ACCESSORS (AlPort, al_port, AL_IS_PORT, inner, PROP_INNER)
AL_DEFINE_BOOLEAN_ACCESSORS (AlPort, al_port, AL_IS_PORT, outer, PROP_OUTER)
