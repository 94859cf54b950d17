/* al-yaml-writer.h: JSON trees (Kubernetes objects) as YAML or JSON text */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define AL_YAML_ERROR (al_yaml_error_quark ())
GQuark al_yaml_error_quark (void);

typedef enum
{
  AL_YAML_ERROR_EMIT, /* the emitter refused the text (invalid UTF-8 …) */
} AlYamlError;

/* @documents as one YAML stream: block style, two-space indentation, UTF-8
 * unescaped, object members in insertion order, documents separated by
 * "---". A string is written plain only when every YAML 1.1 and 1.2 reader
 * reads it back as that same string; otherwise it is double-quoted (or a
 * literal block when it spans lines). Numbers, booleans and null are plain.
 * Deterministic: the same trees give the same bytes. */
GBytes  *al_yaml_write_documents (JsonNode *const *documents, guint n_documents, GError **error);
GBytes  *al_yaml_write_node (JsonNode *node, GError **error);


/* TRUE when @str must not be written as a plain YAML scalar: a YAML 1.1 or
 * 1.2 reader would read it as a number, boolean, null, timestamp or merge
 * key, or it holds characters plain scalars cannot carry. */
gboolean al_yaml_string_needs_quotes (const char *str);

G_END_DECLS
