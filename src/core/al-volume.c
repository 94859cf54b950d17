#include "al-volume.h"

#include "al-model-private.h"

struct _AlVolume
{
  GObject parent_instance;
  char *name;
  char *path;
  int size_mib;
};

G_DEFINE_FINAL_TYPE (AlVolume, al_volume, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_SIZE_MIB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
al_volume_finalize (GObject *object)
{
  AlVolume *self = AL_VOLUME (object);

  g_free (self->name);
  g_free (self->path);
  G_OBJECT_CLASS (al_volume_parent_class)->finalize (object);
}

static void
al_volume_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlVolume *self = AL_VOLUME (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_SIZE_MIB: g_value_set_int (value, self->size_mib); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_volume_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlVolume *self = AL_VOLUME (object);

  switch (prop_id)
    {
    case PROP_NAME: al_volume_set_name (self, g_value_get_string (value)); break;
    case PROP_PATH: al_volume_set_path (self, g_value_get_string (value)); break;
    case PROP_SIZE_MIB: al_volume_set_size_mib (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_volume_class_init (AlVolumeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = al_volume_finalize;
  object_class->get_property = al_volume_get_property;
  object_class->set_property = al_volume_set_property;

  properties[PROP_NAME] = AL_PARAM_STRING ("name");
  properties[PROP_PATH] = AL_PARAM_STRING ("path");
  properties[PROP_SIZE_MIB] = AL_PARAM_INT ("size-mib", G_MININT, G_MAXINT, 1024);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
al_volume_init (AlVolume *self)
{
  self->name = g_strdup ("");
  self->path = g_strdup ("");
  self->size_mib = 1024;
}

AlVolume *
al_volume_new (const char *name, const char *path, int size_mib)
{
  return g_object_new (AL_TYPE_VOLUME, "name", name, "path", path, "size-mib", size_mib, NULL);
}

AL_DEFINE_STRING_ACCESSORS (AlVolume, al_volume, AL_IS_VOLUME, name, PROP_NAME)
AL_DEFINE_STRING_ACCESSORS (AlVolume, al_volume, AL_IS_VOLUME, path, PROP_PATH)
AL_DEFINE_SCALAR_ACCESSORS (AlVolume, al_volume, AL_IS_VOLUME, int, size_mib, PROP_SIZE_MIB)
