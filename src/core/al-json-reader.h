/* al-json-reader.h: typed reading of a parsed tree, each problem named by
 * its JSON path (private to src/core) */
#pragma once

#include "al-json-dom.h"

G_BEGIN_DECLS

#define AL_JSON_READER_MAX_KEYS 17
#define AL_JSON_READER_ALL_KEYS G_MAXUINT32

/* Walking a tree: the path of the value being read (formatted only for a
 * problem), the problems found, and what was built, against a budget. */
typedef struct _AlJsonReader AlJsonReader;

/* The members of one object, matched in one pass against the keys it may
 * have: the value of each known key, 0 when absent (0 is the top of the
 * tree, never a member). */
typedef struct
{
  guint object;
  const char *const *keys;
  guint n_keys;
  guint value[AL_JSON_READER_MAX_KEYS];
  guint n_unknown;
} AlJsonMembers;

typedef gboolean (*AlJsonEnumFromString) (const char *str, int *out);
typedef void (*AlJsonReadItem) (AlJsonReader *r, guint item, gpointer data);

/* Problems are appended to @problems (AlLoadProblem), at most a thousand. */
AlJsonReader    *al_json_reader_new (const AlJsonDom *dom, GPtrArray *problems);
void             al_json_reader_free (AlJsonReader *r);
const AlJsonDom *al_json_reader_get_dom (AlJsonReader *r);
/* Whether a problem was found; whether one was the budget running out. */
gboolean         al_json_reader_failed (AlJsonReader *r);
gboolean         al_json_reader_too_large (AlJsonReader *r);

void             al_json_reader_push_member (AlJsonReader *r, const char *member);
void             al_json_reader_push_index (AlJsonReader *r, guint index);
void             al_json_reader_pop (AlJsonReader *r);
/* A problem at the current path, or at its @member when not %NULL. */
void             al_json_reader_report (AlJsonReader *r, const char *member, const char *format,
                                        ...) G_GNUC_PRINTF (3, 4);
/* Counts @bytes of memory built; past the budget, the document is
 * refused as too large and reading stops. */
void             al_json_reader_charge (AlJsonReader *r, gsize bytes);
/* "an integer", "null"…, for messages. */
const char      *al_json_reader_describe (AlJsonReader *r, guint node);

/* @keys has @n_keys names, at most AL_JSON_READER_MAX_KEYS. */
void             al_json_reader_match (AlJsonReader *r, guint object, const char *const *keys,
                                       guint n_keys, AlJsonMembers *m);
/* Each reads the member @k of @m: FALSE (or 0) when it is absent, which
 * is a problem when @required, or of the wrong type, a problem. */
guint            al_json_reader_member (AlJsonReader *r, const AlJsonMembers *m, guint k,
                                        gboolean required);
gboolean         al_json_reader_string (AlJsonReader *r, const AlJsonMembers *m, guint k,
                                        gboolean required, const char **out);
gboolean         al_json_reader_int (AlJsonReader *r, const AlJsonMembers *m, guint k,
                                     gboolean required, int *out);
gboolean         al_json_reader_bool (AlJsonReader *r, const AlJsonMembers *m, guint k,
                                      gboolean *out);
/* Any number that fits a float. */
gboolean         al_json_reader_coordinate (AlJsonReader *r, const AlJsonMembers *m, guint k,
                                            float *out);
/* The member when it is of @type (AL_JSON_ARRAY or AL_JSON_OBJECT), else 0. */
guint            al_json_reader_container (AlJsonReader *r, const AlJsonMembers *m, guint k,
                                           gboolean required, AlJsonType type);
/* A string among @choices ("tcp, udp, …"), converted by @from_string. */
gboolean         al_json_reader_enum (AlJsonReader *r, const AlJsonMembers *m, guint k,
                                      gboolean required, AlJsonEnumFromString from_string,
                                      const char *choices, int *out);
/* An array of strings, borrowed from the tree, %NULL-terminated; free the
 * array with g_free(). %NULL when absent or wrong. */
const char     **al_json_reader_string_list (AlJsonReader *r, const AlJsonMembers *m, guint k);
/* Reads each object of the array member @k with @read_item. */
void             al_json_reader_list (AlJsonReader *r, const AlJsonMembers *m, guint k,
                                      AlJsonReadItem read_item, gpointer data);
/* An integer in the range of int at @node, reported at the current path
 * plus @key (which may be %NULL). */
gboolean         al_json_reader_int_at (AlJsonReader *r, guint node, const char *key, int *out);
/* Keeps the members of @m whose key is not among those in the mask @known
 * as extras of @owner under @section (al_extras_set()), to be written
 * back. */
void             al_json_reader_keep_unknown (AlJsonReader *r, gpointer owner, const char *section,
                                              const AlJsonMembers *m, guint32 known);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlJsonReader, al_json_reader_free)

G_END_DECLS
