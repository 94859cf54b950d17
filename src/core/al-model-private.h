/* al-model-private.h: helpers shared by the model types of src/core */
#pragma once

#include <glib-object.h>
#include <string.h>

G_BEGIN_DECLS

#define AL_PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

#define AL_PARAM_STRING(name) g_param_spec_string (name, NULL, NULL, NULL, AL_PARAM_FLAGS)
#define AL_PARAM_BOOLEAN(name, def) g_param_spec_boolean (name, NULL, NULL, def, AL_PARAM_FLAGS)
#define AL_PARAM_INT(name, min, max, def)                                                          \
  g_param_spec_int (name, NULL, NULL, min, max, def, AL_PARAM_FLAGS)
#define AL_PARAM_ENUM(name, type, def) g_param_spec_enum (name, NULL, NULL, type, def, AL_PARAM_FLAGS)
#define AL_PARAM_BOXED(name, type) g_param_spec_boxed (name, NULL, NULL, type, AL_PARAM_FLAGS)

/* Replaces *@str with a copy of @value; returns whether it changed. A %NULL
 * @value is stored as %NULL. */
static inline gboolean
al_set_str (char **str, const char *value)
{
  char *copy;

  if (*str == value || g_strcmp0 (*str, value) == 0)
    return FALSE;
  copy = g_strdup (value);
  g_free (*str);
  *str = copy;
  return TRUE;
}

static inline gboolean
al_strv_equal0 (const char *const *a, const char *const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}

/* Accessors for a plain field @field behind the property @PROP. Strings are
 * never %NULL: %NULL is stored as "". */
#define AL_DEFINE_STRING_ACCESSORS(Type, prefix, CHECK, field, PROP)                               \
  const char *prefix##_get_##field (Type *self)                                                    \
  {                                                                                                \
    g_return_val_if_fail (CHECK (self), NULL);                                                     \
    return self->field;                                                                            \
  }                                                                                                \
  void prefix##_set_##field (Type *self, const char *value)                                        \
  {                                                                                                \
    g_return_if_fail (CHECK (self));                                                               \
    if (al_set_str (&self->field, value ? value : ""))                                             \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                                \
  }

/* The same for an optional string, where %NULL means "absent". */
#define AL_DEFINE_NULLABLE_STRING_ACCESSORS(Type, prefix, CHECK, field, PROP)                      \
  const char *prefix##_get_##field (Type *self)                                                    \
  {                                                                                                \
    g_return_val_if_fail (CHECK (self), NULL);                                                     \
    return self->field;                                                                            \
  }                                                                                                \
  void prefix##_set_##field (Type *self, const char *value)                                        \
  {                                                                                                \
    g_return_if_fail (CHECK (self));                                                               \
    if (al_set_str (&self->field, value))                                                          \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                                \
  }

#define AL_DEFINE_SCALAR_ACCESSORS(Type, prefix, CHECK, ctype, field, PROP)                        \
  ctype prefix##_get_##field (Type *self)                                                          \
  {                                                                                                \
    g_return_val_if_fail (CHECK (self), (ctype) 0);                                                \
    return self->field;                                                                            \
  }                                                                                                \
  void prefix##_set_##field (Type *self, ctype value)                                              \
  {                                                                                                \
    g_return_if_fail (CHECK (self));                                                               \
    if (self->field == value)                                                                      \
      return;                                                                                      \
    self->field = value;                                                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                                  \
  }

#define AL_DEFINE_BOOLEAN_ACCESSORS(Type, prefix, CHECK, field, PROP)                              \
  gboolean prefix##_get_##field (Type *self)                                                       \
  {                                                                                                \
    g_return_val_if_fail (CHECK (self), FALSE);                                                    \
    return self->field;                                                                            \
  }                                                                                                \
  void prefix##_set_##field (Type *self, gboolean value)                                           \
  {                                                                                                \
    g_return_if_fail (CHECK (self));                                                               \
    value = !!value;                                                                               \
    if (self->field == value)                                                                      \
      return;                                                                                      \
    self->field = value;                                                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                                  \
  }

#define AL_DEFINE_STRV_ACCESSORS(Type, prefix, CHECK, field, PROP)                                 \
  const char *const *prefix##_get_##field (Type *self)                                             \
  {                                                                                                \
    g_return_val_if_fail (CHECK (self), NULL);                                                     \
    return (const char *const *) self->field;                                                      \
  }                                                                                                \
  void prefix##_set_##field (Type *self, const char *const *value)                                 \
  {                                                                                                \
    static const char *const empty[] = { NULL };                                                   \
    g_return_if_fail (CHECK (self));                                                               \
    if (al_strv_equal0 ((const char *const *) self->field, value))                                 \
      return;                                                                                      \
    g_strfreev (self->field);                                                                      \
    self->field = g_strdupv ((char **) (value ? value : empty));                                   \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                                  \
  }

G_END_DECLS
