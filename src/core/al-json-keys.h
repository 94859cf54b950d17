/* al-json-keys.h: finding a key twice in an object being parsed (private to src/core) */
#pragma once

#include "al-json-dom.h"

G_BEGIN_DECLS

/* The keys of the objects being parsed, innermost last. Keys are strings
 * of the tree whose text ends with a NUL and may still hold escapes. */
typedef struct _AlJsonKeys AlJsonKeys;

AlJsonKeys *al_json_keys_new (const AlJsonDom *dom);
void        al_json_keys_free (AlJsonKeys *keys);
/* Starts an object inside the innermost one, or ends the innermost one. */
void        al_json_keys_open (AlJsonKeys *keys);
void        al_json_keys_close (AlJsonKeys *keys);
/* Adds the key at @index (@length bytes between its quotes) to the
 * innermost object; %FALSE when an equal key is there already. */
gboolean    al_json_keys_add (AlJsonKeys *keys, guint32 index, guint32 length);
/* The text of the key at @index, unescaped; valid until the next call. */
const char *al_json_keys_text (AlJsonKeys *keys, guint32 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlJsonKeys, al_json_keys_free)

G_END_DECLS
