#include "al-env-var.h"

#include "al-model-private.h"

struct _AlEnvVar
{
  GObject parent_instance;
  char *name;
  char *value;
  gboolean secret;
  char *secret_ref_name;
  char *secret_ref_key;
};

G_DEFINE_FINAL_TYPE (AlEnvVar, al_env_var, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_VALUE,
  PROP_SECRET,
  PROP_SECRET_REF_NAME,
  PROP_SECRET_REF_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
al_env_var_finalize (GObject *object)
{
  AlEnvVar *self = AL_ENV_VAR (object);

  g_free (self->name);
  g_free (self->value);
  g_free (self->secret_ref_name);
  g_free (self->secret_ref_key);
  G_OBJECT_CLASS (al_env_var_parent_class)->finalize (object);
}

static void
al_env_var_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlEnvVar *self = AL_ENV_VAR (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_VALUE: g_value_set_string (value, self->value); break;
    case PROP_SECRET: g_value_set_boolean (value, self->secret); break;
    case PROP_SECRET_REF_NAME: g_value_set_string (value, self->secret_ref_name); break;
    case PROP_SECRET_REF_KEY: g_value_set_string (value, self->secret_ref_key); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_env_var_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlEnvVar *self = AL_ENV_VAR (object);

  switch (prop_id)
    {
    case PROP_NAME: al_env_var_set_name (self, g_value_get_string (value)); break;
    case PROP_VALUE: al_env_var_set_value (self, g_value_get_string (value)); break;
    case PROP_SECRET: al_env_var_set_secret (self, g_value_get_boolean (value)); break;
    case PROP_SECRET_REF_NAME:
      al_env_var_set_secret_ref_name (self, g_value_get_string (value));
      break;
    case PROP_SECRET_REF_KEY: al_env_var_set_secret_ref_key (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_env_var_class_init (AlEnvVarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = al_env_var_finalize;
  object_class->get_property = al_env_var_get_property;
  object_class->set_property = al_env_var_set_property;

  properties[PROP_NAME] = AL_PARAM_STRING ("name");
  properties[PROP_VALUE] = AL_PARAM_STRING ("value");
  properties[PROP_SECRET] = AL_PARAM_BOOLEAN ("secret", FALSE);
  properties[PROP_SECRET_REF_NAME] = AL_PARAM_STRING ("secret-ref-name");
  properties[PROP_SECRET_REF_KEY] = AL_PARAM_STRING ("secret-ref-key");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
al_env_var_init (AlEnvVar *self)
{
  self->name = g_strdup ("");
}

AlEnvVar *
al_env_var_new_value (const char *name, const char *value, gboolean secret)
{
  return g_object_new (AL_TYPE_ENV_VAR, "name", name, "value", value ? value : "", "secret", secret,
                       NULL);
}

AlEnvVar *
al_env_var_new_secret_ref (const char *name, const char *secret_name, const char *key)
{
  return g_object_new (AL_TYPE_ENV_VAR, "name", name, "secret-ref-name", secret_name,
                       "secret-ref-key", key, NULL);
}

AL_DEFINE_STRING_ACCESSORS (AlEnvVar, al_env_var, AL_IS_ENV_VAR, name, PROP_NAME)
AL_DEFINE_NULLABLE_STRING_ACCESSORS (AlEnvVar, al_env_var, AL_IS_ENV_VAR, value, PROP_VALUE)
AL_DEFINE_BOOLEAN_ACCESSORS (AlEnvVar, al_env_var, AL_IS_ENV_VAR, secret, PROP_SECRET)
AL_DEFINE_NULLABLE_STRING_ACCESSORS (AlEnvVar, al_env_var, AL_IS_ENV_VAR, secret_ref_name,
                                     PROP_SECRET_REF_NAME)
AL_DEFINE_NULLABLE_STRING_ACCESSORS (AlEnvVar, al_env_var, AL_IS_ENV_VAR, secret_ref_key,
                                     PROP_SECRET_REF_KEY)

gboolean
al_env_var_is_secret_ref (AlEnvVar *self)
{
  g_return_val_if_fail (AL_IS_ENV_VAR (self), FALSE);
  return self->value == NULL && self->secret_ref_name != NULL;
}
