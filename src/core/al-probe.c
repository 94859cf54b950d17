#include "al-probe.h"

#include "al-enums.h"
#include "al-model-private.h"

struct _AlProbe
{
  GObject parent_instance;
  AlProbeType probe_type;
  int port;
  char *path;
  char **command;
};

G_DEFINE_FINAL_TYPE (AlProbe, al_probe, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PROBE_TYPE,
  PROP_PORT,
  PROP_PATH,
  PROP_COMMAND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
al_probe_finalize (GObject *object)
{
  AlProbe *self = AL_PROBE (object);

  g_free (self->path);
  g_strfreev (self->command);
  G_OBJECT_CLASS (al_probe_parent_class)->finalize (object);
}

static void
al_probe_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlProbe *self = AL_PROBE (object);

  switch (prop_id)
    {
    case PROP_PROBE_TYPE: g_value_set_enum (value, self->probe_type); break;
    case PROP_PORT: g_value_set_int (value, self->port); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_COMMAND: g_value_set_boxed (value, self->command); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_probe_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlProbe *self = AL_PROBE (object);

  switch (prop_id)
    {
    case PROP_PROBE_TYPE: al_probe_set_probe_type (self, g_value_get_enum (value)); break;
    case PROP_PORT: al_probe_set_port (self, g_value_get_int (value)); break;
    case PROP_PATH: al_probe_set_path (self, g_value_get_string (value)); break;
    case PROP_COMMAND: al_probe_set_command (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_probe_class_init (AlProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = al_probe_finalize;
  object_class->get_property = al_probe_get_property;
  object_class->set_property = al_probe_set_property;

  properties[PROP_PROBE_TYPE] = AL_PARAM_ENUM ("probe-type", AL_TYPE_PROBE_TYPE, AL_PROBE_NONE);
  properties[PROP_PORT] = AL_PARAM_INT ("port", G_MININT, G_MAXINT, 0);
  properties[PROP_PATH] = AL_PARAM_STRING ("path");
  properties[PROP_COMMAND] = AL_PARAM_BOXED ("command", G_TYPE_STRV);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
al_probe_init (AlProbe *self)
{
  self->command = g_new0 (char *, 1);
}

AlProbe *
al_probe_new (void)
{
  return g_object_new (AL_TYPE_PROBE, NULL);
}

AL_DEFINE_SCALAR_ACCESSORS (AlProbe, al_probe, AL_IS_PROBE, AlProbeType, probe_type, PROP_PROBE_TYPE)
AL_DEFINE_SCALAR_ACCESSORS (AlProbe, al_probe, AL_IS_PROBE, int, port, PROP_PORT)
AL_DEFINE_NULLABLE_STRING_ACCESSORS (AlProbe, al_probe, AL_IS_PROBE, path, PROP_PATH)
AL_DEFINE_STRV_ACCESSORS (AlProbe, al_probe, AL_IS_PROBE, command, PROP_COMMAND)
