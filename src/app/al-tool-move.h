/* al-tool-move.h: dragging cards inside a lane or into another one */
#pragma once

#include "al-editor.h"
#include "al-tool.h"

G_BEGIN_DECLS

/* One card drag. Nothing is edited until al_tool_move_end(): meanwhile the
 * canvas draws the moved cards offset (AlRenderView.drag_offset) and the
 * lane under the grabbed card (drop_lane, drop_refused). */
typedef struct _AlToolMove AlToolMove;

/* Starts dragging @component's card. An unselected card is selected alone
 * first (or added to the selection when @extend); a selected card drags the
 * whole selection. */
AlToolMove  *al_tool_move_begin (AlEditor *editor, AlComponent *component, gboolean extend);
/* @dx, @dy: the pointer's offset from where the drag began, scene units. */
void         al_tool_move_update (AlToolMove *self, double dx, double dy);
void         al_tool_move_get_offset (AlToolMove *self, graphene_point_t *offset);
/* The lane under the grabbed card's centre, or -1. */
int          al_tool_move_get_drop_lane (AlToolMove *self);
/* TRUE when some moved card's centre is outside every lane: ending now
 * changes nothing. */
gboolean     al_tool_move_get_refused (AlToolMove *self);
/* The grabbed card where it would land (scene coordinates). */
void         al_tool_move_get_ghost (AlToolMove *self, graphene_rect_t *ghost);
guint        al_tool_move_get_n_components (AlToolMove *self);

/* Applies the move as one undo step: each card goes to the lane under its
 * centre (its own lane: a new position; another lane: that lane, which
 * changes the architecture it is built for). Returns FALSE with
 * AL_TOOL_ERROR_OUTSIDE_LANES when refused (nothing changes); TRUE also
 * when the offset was zero and nothing needed to change. */
gboolean     al_tool_move_end (AlToolMove *self, GError **error);
void         al_tool_move_free (AlToolMove *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlToolMove, al_tool_move_free)

G_END_DECLS
