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


/* TRUE when the UTF-8 string @str must not be written as a plain YAML
 * scalar: a YAML 1.1 or 1.2 reader would read it as a number, boolean, null,
 * timestamp or merge key, or it holds characters plain scalars cannot
 * carry. */
gboolean al_yaml_string_needs_quotes (const char *str);

/* The same stream, written event by event by callers that hold no tree (the
 * manifest compiler streams each component's objects). The text is the one
 * al_yaml_write_documents() gives for the same values. The first failure
 * sticks: later calls do nothing and al_yaml_writer_finish() reports it. */
typedef struct _AlYamlWriter AlYamlWriter;

AlYamlWriter *al_yaml_writer_new (void);
void          al_yaml_writer_free (AlYamlWriter *writer);
/* Starts a new stream, dropping the text and any failure of the last one. */
void          al_yaml_writer_reset (AlYamlWriter *writer);

void          al_yaml_writer_begin_document (AlYamlWriter *writer);
void          al_yaml_writer_end_document (AlYamlWriter *writer);
void          al_yaml_writer_begin_mapping (AlYamlWriter *writer);
void          al_yaml_writer_end_mapping (AlYamlWriter *writer);
void          al_yaml_writer_begin_sequence (AlYamlWriter *writer);
void          al_yaml_writer_end_sequence (AlYamlWriter *writer);
/* A string: a mapping key or a value. */
void          al_yaml_writer_string (AlYamlWriter *writer, const char *value);
void          al_yaml_writer_int (AlYamlWriter *writer, gint64 value);
void          al_yaml_writer_boolean (AlYamlWriter *writer, gboolean value);
/* @node (any JSON value, %NULL for null) as one value. */
void          al_yaml_writer_node (AlYamlWriter *writer, JsonNode *node);

/* Ends the stream. Returns the text (owned by @writer, valid until the next
 * reset) and its length, or %NULL with @error set. */
const char   *al_yaml_writer_finish (AlYamlWriter *writer, gsize *length, GError **error);

/* A writer that records the calls instead of writing, so that another
 * writer, maybe in another thread, makes the text: each call is checked as
 * it is recorded (a failure sticks as above). */
AlYamlWriter *al_yaml_writer_new_recorder (void);
/* Hands over what @recorder recorded since its last reset (and starts
 * afresh), or returns %NULL with @error set when a call failed. */
GBytes       *al_yaml_writer_take_recording (AlYamlWriter *recorder, GError **error);
/* Makes the calls of @recording on @writer. */
void          al_yaml_writer_replay (AlYamlWriter *writer, GBytes *recording);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlYamlWriter, al_yaml_writer_free)

G_END_DECLS
