/* al-extras.h: unknown keys of a document object, kept to be written back */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Each model object may carry unknown JSON members per @section: "" for
 * the object itself, or the name of a nested object ("position",
 * "secret_ref", "application"). Returns a borrowed JsonObject or %NULL. */
JsonObject *al_extras_get (gpointer object, const char *section);
/* Replaces the members kept for @section; %NULL or an empty object clears. */
void        al_extras_set (gpointer object, const char *section, JsonObject *members);

G_END_DECLS
