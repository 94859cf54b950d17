/* al-test-app.h: helpers shared by the editor and widget tests */
#pragma once

#include <gtk/gtk.h>

#include "al-editor.h"

G_BEGIN_DECLS

/* The bundled sample shop in a new editor, laid out, with its diagnostics
 * computed. */
AlEditor    *al_test_open_sample_editor (void);
/* The component called @name; fails the test when there is none. */
AlComponent *al_test_component_named (AlEditor *editor, const char *name);

/* Runs what is pending in the main context (idles, dialogs mapping). */
void         al_test_spin (void);
/* Waits until @widget's window has drawn a frame, then runs what is
 * pending; fails after 20 s, so a missing redraw fails instead of hanging. */
void         al_test_settle (GtkWidget *widget);
/* The first widget of @type under @root (depth first, @root included). */
GtkWidget   *al_test_find_widget (GtkWidget *root, GType type);

G_END_DECLS
