/* al-scene-private.h: scene geometry the renderer reuses */
#pragma once

#include "al-scene.h"

G_BEGIN_DECLS

/* Routes @edge between the card rectangles @from (consumer) and @to
 * (provider), as the layout does: the renderer uses it for the edges of
 * cards being dragged. Sets start, controls, end and bounds. */
void al_scene_route_edge (const graphene_rect_t *from, const graphene_rect_t *to,
                          gboolean same_lane, gboolean loop, AlSceneEdge *edge);

G_END_DECLS
