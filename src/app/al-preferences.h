/* al-preferences.h: the Preferences window and the preferences it edits */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Preferences kept in the application's GSettings (al-settings.h):
 *   color-scheme (s: "default" follows the system, "light", "dark"),
 *   new-document-arches (as: the lanes of a new document, canonical arches).
 * When the installed schema lacks one of these keys the defaults apply and
 * the row that edits it is insensitive. */
#define AL_TYPE_PREFERENCES (al_preferences_get_type ())
G_DECLARE_FINAL_TYPE (AlPreferences, al_preferences, AL, PREFERENCES, AdwPreferencesWindow)

AlPreferences *al_preferences_new (GtkWindow *parent);

/* The scheme of the "color-scheme" preference. */
AdwColorScheme al_preferences_get_color_scheme (GSettings *settings);
/* Applies the preference to the default AdwStyleManager, now and on
 * every later change of the key. */
void           al_preferences_follow_color_scheme (GSettings *settings);
/* The lanes of a new document: canonical arches, never empty (amd64 and
 * arm64 by default). Free with g_strfreev(). */
char         **al_preferences_dup_new_document_arches (GSettings *settings);

G_END_DECLS
