/* al-json-writer.h: the one writer of canonical JSON text */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The canonical form is what Python's json.dumps (value, indent=2,
 * ensure_ascii=False) prints: members in their order in the JsonObject,
 * two spaces per level, "[]" and "{}" when empty, strings escaped only where
 * JSON requires it (other characters stay raw UTF-8), doubles as Python's
 * repr() writes them ("1.0", "0.1", "1e-07", "1e+16"). */

/* Appends @node to @out as it appears at nesting level @depth (the first
 * line is not indented; continuation lines are), without a final newline. */
void    al_json_writer_append_node (GString *out, JsonNode *node, guint depth);
/* Appends @str as a quoted JSON string. Invalid UTF-8 is written as U+FFFD so
 * that the text always reads back. */
void    al_json_writer_append_string (GString *out, const char *str);
/* Appends @value as Python's repr() does: the shortest text that reads back
 * to the same double, "NaN", "Infinity" and "-Infinity" for the rest. */
void    al_json_writer_append_double (GString *out, double value);

/* A copy of @node that shares nothing with it (json_node_copy() in
 * json-glib 1.6 shares the objects and arrays inside). */
JsonNode *al_json_node_deep_copy (JsonNode *node);

/* The whole text of @node followed by a newline. */
char   *al_json_writer_to_string (JsonNode *node);
GBytes *al_json_writer_to_bytes (JsonNode *node);

/* Streaming: the same text written value by value, for text too large to
 * build as a JsonNode tree first. Open a container, start each member with
 * _key() or each element with _element(), write its value, close the
 * container. Containers opened here nest at most AL_JSON_STREAM_MAX_DEPTH
 * levels; a node written with al_json_stream_node() may nest deeper. */
#define AL_JSON_STREAM_MAX_DEPTH 64

typedef struct
{
  GString *out;
  guint    depth;    /* containers open */
  guint64  started;  /* bit d - 1: the container at depth d has an item */
} AlJsonStream;

void    al_json_stream_init (AlJsonStream *stream, GString *out);
void    al_json_stream_begin_object (AlJsonStream *stream);
void    al_json_stream_end_object (AlJsonStream *stream);
void    al_json_stream_begin_array (AlJsonStream *stream);
void    al_json_stream_end_array (AlJsonStream *stream);
/* Starts a member of the open object: the separator, a new line, the
 * indentation and the quoted @key with ": ". */
void    al_json_stream_key (AlJsonStream *stream, const char *key);
/* Starts an element of the open array. */
void    al_json_stream_element (AlJsonStream *stream);
/* A %NULL @str is written as null, as json-glib stores a %NULL string. */
void    al_json_stream_string (AlJsonStream *stream, const char *str);
void    al_json_stream_int (AlJsonStream *stream, gint64 value);
void    al_json_stream_double (AlJsonStream *stream, double value);
void    al_json_stream_boolean (AlJsonStream *stream, gboolean value);
/* @node at the current depth, as al_json_writer_append_node() writes it. */
void    al_json_stream_node (AlJsonStream *stream, JsonNode *node);

G_END_DECLS
