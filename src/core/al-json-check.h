/* al-json-check.h: the strict, linear JSON check every load goes through */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks that @text is one strict RFC 8259 JSON value in UTF-8, nested at
 * most @max_depth arrays/objects deep, made of at most @max_values values
 * (scalars, arrays and objects), with no key twice in an object, no
 * integer outside 64 bits, no number too large for a double and no string
 * holding U+0000 or an unpaired surrogate. It does not recurse, so hostile
 * input cannot exhaust the stack; al_json_dom_parse() (al-json-dom.h) is the
 * same check keeping what it read.
 *
 * On failure returns %FALSE and sets @path to the JSON path of the value
 * being read ("" at the top) and @message to a translated sentence that
 * starts with the line and column ("line 3, column 7: …"); free both with
 * g_free(). */
gboolean al_json_check_syntax (const char *text, gsize length, guint max_depth,
                               guint max_values, char **path, char **message);

/* At most @max_chars characters of @text, with "…" when cut: documents may
 * hold megabyte strings, messages quoting them should not. */
char    *al_json_excerpt (const char *text, guint max_chars);

G_END_DECLS
