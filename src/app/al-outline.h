/* al-outline.h */
#pragma once

#include <gtk/gtk.h>

#include "al-editor.h"

G_BEGIN_DECLS

#define AL_TYPE_OUTLINE (al_outline_get_type ())
G_DECLARE_FINAL_TYPE (AlOutline, al_outline, AL, OUTLINE, GtkWidget)

GtkWidget *al_outline_new (void);
/* The editor shown; %NULL shows nothing. Property "editor". */
void       al_outline_set_editor (AlOutline *self, AlEditor *editor);
AlEditor  *al_outline_get_editor (AlOutline *self);

/* The Outline: components grouped by lane (lane rows with their arch and
 * count, then the component rows), a GtkListView that is keyboard navigable
 * with accessible labels; selecting a row selects the component in the
 * editor (and so on the canvas) and follows the editor's selection.
 * Emits AlOutline::reveal (gpointer item) on activation. */

G_END_DECLS
