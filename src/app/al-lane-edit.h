/* al-lane-edit.h: the lane edits of the canvas (add, rename, reorder, remove) */
#pragma once

#include "al-editor.h"
#include "al-tool.h"

G_BEGIN_DECLS

/* Each edit is one undo step; the dialogs of al-lane-dialog.h ask the
 * questions, these make the change (and are tested headless). */

/* The architectures of al_arch_list() that no lane uses yet, in that
 * order (a new %NULL-terminated array of static strings; free with g_free()). */
const char **al_lane_edit_dup_free_arches (AlDocument *document);
/* Appends a lane for @arch labelled @label (the arch when empty), with a
 * fresh id. Refuses with AL_TOOL_ERROR_INVALID an unknown arch or one that
 * has a lane. Returns the lane (borrowed). */
AlLane      *al_lane_edit_add (AlEditor *editor, const char *arch, const char *label,
                               GError **error);
void         al_lane_edit_rename (AlEditor *editor, AlLane *lane, const char *label);
/* Moves @lane @delta places up (negative) or down. Returns FALSE when it
 * is already first / last. */
gboolean     al_lane_edit_move (AlEditor *editor, AlLane *lane, int delta);
/* Removes @lane; its components go to @target (ignored when it has none,
 * required otherwise). */
gboolean     al_lane_edit_remove (AlEditor *editor, AlLane *lane, AlLane *target, GError **error);
/* How many components sit on @lane. */
guint        al_lane_edit_count_components (AlDocument *document, AlLane *lane);

G_END_DECLS
