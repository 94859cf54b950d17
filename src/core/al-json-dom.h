/* al-json-dom.h: a compact, read-only JSON tree over the parsed text (private to src/core) */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  AL_JSON_NULL,
  AL_JSON_FALSE,
  AL_JSON_TRUE,
  AL_JSON_INTEGER, /* fits 64 bits */
  AL_JSON_DOUBLE,  /* any other number, finite */
  AL_JSON_STRING,
  AL_JSON_ARRAY,
  AL_JSON_OBJECT,
} AlJsonType;

/* One value (or one object key, which precedes its value), 8 bytes. Values
 * are stored in document order, so the contents of an array or object
 * follow it and end at @end; an object's contents are key, value, key,
 * value… */
typedef struct
{
  guint32 offset;      /* strings: the first byte between the quotes;
                        * others: the first byte of the value */
  guint32 type : 3;    /* AlJsonType */
  guint32 escaped : 1; /* strings: the text holds escapes (until unescaped) */
  guint32 end : 28;    /* the index past this value and all it contains */
} AlJsonValue;

/* A parsed document: the values, and the text they point into (not owned).
 * Index 0 is the top-level value. */
typedef struct
{
  const char *text;
  AlJsonValue *values;
  guint n_values;     /* values and keys */
  guint n_allocated;
} AlJsonDom;

/* Parses the @length bytes of @text (see al_json_check_syntax() for what
 * is accepted) into a tree whose strings are unescaped in place and end
 * with a NUL where their closing quote was: @text must be writable, have
 * room for a NUL after @length bytes, and outlive the tree.
 * On failure returns %NULL and sets @path and @message as
 * al_json_check_syntax() does; @text is then partly overwritten. */
AlJsonDom  *al_json_dom_parse (char *text, gsize length, guint max_depth, guint max_values,
                               char **path, char **message);
void        al_json_dom_free (AlJsonDom *dom);

static inline AlJsonType
al_json_dom_type (const AlJsonDom *dom, guint index)
{
  return (AlJsonType) dom->values[index].type;
}

/* The index of the value after @index and all it contains: its next
 * sibling, or the end of its parent. */
static inline guint
al_json_dom_next (const AlJsonDom *dom, guint index)
{
  return dom->values[index].end;
}

/* Elements of an array, counted. */
guint       al_json_dom_count (const AlJsonDom *dom, guint index);

/* The NUL-terminated text of a string or key. */
static inline const char *
al_json_dom_get_string (const AlJsonDom *dom, guint index)
{
  return dom->text + dom->values[index].offset;
}

/* Writes the checked string text @raw (ended by a NUL) with its escapes
 * decoded, and a NUL, to @out, which may be @raw itself: the output never
 * overtakes the input. Returns the bytes written before the NUL. */
gsize       al_json_unescape (const char *raw, char *out);

gint64      al_json_dom_get_int (const AlJsonDom *dom, guint index);
/* The number at the start of @text (checked JSON), which goes on past it. */
double      al_json_parse_double (const char *text);
/* Integers too, as json_node_get_double() reads them. */
double      al_json_dom_get_double (const AlJsonDom *dom, guint index);

/* The value at @index as a json-glib tree, or %NULL when it holds more than
 * *@budget values; *@budget is decreased by the values made. */
JsonNode   *al_json_dom_to_node (const AlJsonDom *dom, guint index, guint *budget);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlJsonDom, al_json_dom_free)

G_END_DECLS
