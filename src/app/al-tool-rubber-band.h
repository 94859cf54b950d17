/* al-tool-rubber-band.h: selecting the cards inside a dragged rectangle */
#pragma once

#include "al-editor.h"
#include "al-tool.h"

G_BEGIN_DECLS

/* One rubber-band drag from empty space. While dragging, the canvas draws
 * the rectangle and al_tool_rubber_band_get_preview() as the selection;
 * the editor's selection changes once, at the end. */
typedef struct _AlToolRubberBand AlToolRubberBand;

/* With @extend (Shift), the cards found are added to the selection;
 * otherwise they replace it. */
AlToolRubberBand *al_tool_rubber_band_begin (AlEditor *editor, const graphene_point_t *scene_point,
                                             gboolean extend);
void              al_tool_rubber_band_update (AlToolRubberBand *self,
                                              const graphene_point_t *scene_point);
void              al_tool_rubber_band_get_rect (AlToolRubberBand *self, graphene_rect_t *rect);
/* The selection the band would leave: a set of borrowed items (owned). */
GHashTable       *al_tool_rubber_band_get_preview (AlToolRubberBand *self);
/* Selects the components whose cards intersect the rectangle. An empty
 * rectangle (a click) without @extend clears the selection. */
void              al_tool_rubber_band_end (AlToolRubberBand *self);
void              al_tool_rubber_band_free (AlToolRubberBand *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlToolRubberBand, al_tool_rubber_band_free)

G_END_DECLS
