/* al-tool-drop.h: a palette entry dropped onto the canvas */
#pragma once

#include "al-editor.h"
#include "al-palette-catalog.h"
#include "al-tool.h"

G_BEGIN_DECLS

/* The gesture of a palette drag over the canvas: while it hovers, the
 * tool says which lane would receive the component and where the card
 * would land; al_tool_drop_end() creates it. */
typedef struct _AlToolDrop AlToolDrop;

/* @entry may be %NULL while the dragged value is not known yet. */
AlToolDrop  *al_tool_drop_begin (AlEditor *editor, const AlPaletteEntry *entry);
void         al_tool_drop_update (AlToolDrop *self, const graphene_point_t *scene_point);
/* The lane under the pointer, or -1. */
int          al_tool_drop_get_lane (AlToolDrop *self);
/* TRUE when a drop at the last point would be refused. */
gboolean     al_tool_drop_get_refused (AlToolDrop *self);
/* Where the card would land, in scene coordinates. */
void         al_tool_drop_get_ghost (AlToolDrop *self, graphene_rect_t *ghost);
/* Creates the component at @scene_point; see al_tool_drop_palette_entry(). */
AlComponent *al_tool_drop_end (AlToolDrop *self, const AlPaletteEntry *entry,
                               const graphene_point_t *scene_point, GError **error);
void         al_tool_drop_free (AlToolDrop *self);

/* Inserts a component made from @entry into the lane under @scene_point
 * (the header band counts as the lane) with its card centred on the point
 * (positions clamped to >= 0) and a unique name ("mysql", "mysql-2" …), as
 * one undo step, and selects it. Returns the component (borrowed), or
 * %NULL with AL_TOOL_ERROR_OUTSIDE_LANES / AL_TOOL_ERROR_NO_LANE. */
AlComponent *al_tool_drop_palette_entry (AlEditor *editor, const AlPaletteEntry *entry,
                                         const graphene_point_t *scene_point, GError **error);

/* The palette's drag payload ("archlane-palette:<entry id>") to its entry,
 * or %NULL for anything else. */
const AlPaletteEntry *al_tool_drop_parse_payload (const char *payload);
#define AL_TOOL_DROP_PAYLOAD_PREFIX "archlane-palette:"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlToolDrop, al_tool_drop_free)

G_END_DECLS
