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

/* The whole text of @node followed by a newline. */
char   *al_json_writer_to_string (JsonNode *node);
GBytes *al_json_writer_to_bytes (JsonNode *node);

G_END_DECLS
