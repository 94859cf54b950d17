/* al-env-var.h: an environment or connection variable */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AL_TYPE_ENV_VAR (al_env_var_get_type ())
G_DECLARE_FINAL_TYPE (AlEnvVar, al_env_var, AL, ENV_VAR, GObject)

/* Exactly one of a literal value (optionally secret) or a reference to an
 * existing Kubernetes Secret. */
AlEnvVar   *al_env_var_new_value (const char *name, const char *value, gboolean secret);
AlEnvVar   *al_env_var_new_secret_ref (const char *name, const char *secret_name, const char *key);

const char *al_env_var_get_name (AlEnvVar *self);
void        al_env_var_set_name (AlEnvVar *self, const char *name);
/* %NULL when the variable is a secret reference. */
const char *al_env_var_get_value (AlEnvVar *self);
void        al_env_var_set_value (AlEnvVar *self, const char *value);
gboolean    al_env_var_get_secret (AlEnvVar *self);
void        al_env_var_set_secret (AlEnvVar *self, gboolean secret);
/* Both %NULL unless the variable is a secret reference. */
const char *al_env_var_get_secret_ref_name (AlEnvVar *self);
void        al_env_var_set_secret_ref_name (AlEnvVar *self, const char *name);
const char *al_env_var_get_secret_ref_key (AlEnvVar *self);
void        al_env_var_set_secret_ref_key (AlEnvVar *self, const char *key);
gboolean    al_env_var_is_secret_ref (AlEnvVar *self);

G_END_DECLS
