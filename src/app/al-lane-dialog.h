/* al-lane-dialog.h: the questions of the lane edits (add, rename, remove) */
#pragma once

#include <adwaita.h>

#include "al-editor.h"

G_BEGIN_DECLS

/* Each returns the dialog, already presented and transient for @parent
 * (may be %NULL); the edit happens on its "add", "rename" or "remove"
 * response (see al-lane-edit.h), and the dialog closes itself. */

/* Asks for an architecture among those without a lane, and a label. When
 * every architecture has a lane, says so instead (one "close" response). */
GtkWidget *al_lane_dialog_add (GtkWindow *parent, AlEditor *editor);
GtkWidget *al_lane_dialog_rename (GtkWindow *parent, AlEditor *editor, AlLane *lane);
/* An empty lane is removed at once (undoable) and %NULL is returned; for a
 * lane with components, asks which lane they move to (the first other lane
 * preselected). */
GtkWidget *al_lane_dialog_remove (GtkWindow *parent, AlEditor *editor, AlLane *lane);

G_END_DECLS
