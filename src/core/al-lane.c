#include "al-lane.h"

#include "al-model-private.h"
#include "al-types.h"

struct _AlLane
{
  GObject parent_instance;
  char *id;
  char *arch;
  char *label;
  gboolean tolerate_taint;
};

G_DEFINE_FINAL_TYPE (AlLane, al_lane, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_ARCH,
  PROP_LABEL,
  PROP_TOLERATE_TAINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
al_lane_finalize (GObject *object)
{
  AlLane *self = AL_LANE (object);

  g_free (self->id);
  g_free (self->arch);
  g_free (self->label);
  G_OBJECT_CLASS (al_lane_parent_class)->finalize (object);
}

static void
al_lane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlLane *self = AL_LANE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_ARCH: g_value_set_string (value, self->arch); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_TOLERATE_TAINT: g_value_set_boolean (value, self->tolerate_taint); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_lane_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlLane *self = AL_LANE (object);

  switch (prop_id)
    {
    case PROP_ID: al_lane_set_id (self, g_value_get_string (value)); break;
    case PROP_ARCH: al_lane_set_arch (self, g_value_get_string (value)); break;
    case PROP_LABEL: al_lane_set_label (self, g_value_get_string (value)); break;
    case PROP_TOLERATE_TAINT: al_lane_set_tolerate_taint (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_lane_class_init (AlLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = al_lane_finalize;
  object_class->get_property = al_lane_get_property;
  object_class->set_property = al_lane_set_property;

  properties[PROP_ID] = AL_PARAM_STRING ("id");
  properties[PROP_ARCH] = AL_PARAM_STRING ("arch");
  properties[PROP_LABEL] = AL_PARAM_STRING ("label");
  properties[PROP_TOLERATE_TAINT] = AL_PARAM_BOOLEAN ("tolerate-taint", FALSE);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
al_lane_init (AlLane *self)
{
  self->id = g_strdup ("");
  self->arch = g_strdup ("");
  self->label = g_strdup ("");
}

AlLane *
al_lane_new (const char *id, const char *arch, const char *label)
{
  return g_object_new (AL_TYPE_LANE, "id", id, "arch", arch, "label", label, NULL);
}

AL_DEFINE_STRING_ACCESSORS (AlLane, al_lane, AL_IS_LANE, id, PROP_ID)
AL_DEFINE_STRING_ACCESSORS (AlLane, al_lane, AL_IS_LANE, label, PROP_LABEL)
AL_DEFINE_BOOLEAN_ACCESSORS (AlLane, al_lane, AL_IS_LANE, tolerate_taint, PROP_TOLERATE_TAINT)

const char *
al_lane_get_arch (AlLane *self)
{
  g_return_val_if_fail (AL_IS_LANE (self), NULL);
  return self->arch;
}

void
al_lane_set_arch (AlLane *self, const char *arch)
{
  const char *canonical;

  g_return_if_fail (AL_IS_LANE (self));
  canonical = al_arch_normalize (arch);
  if (al_set_str (&self->arch, canonical ? canonical : (arch ? arch : "")))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCH]);
}
