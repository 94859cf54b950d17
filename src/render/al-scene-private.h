/* al-scene-private.h: the parts of the scene its other files and the renderer share */
#pragma once

#include "al-scene.h"

G_BEGIN_DECLS

/* A uniform grid of buckets over a rectangle, in compressed form: the items
 * of cell i are items[start[i] .. start[i + 1]). Coordinates outside the
 * rectangle clamp to the border cells, so every item and every query has
 * cells, whatever its position. */
typedef struct
{
  double x, y, cell;
  guint  cols, rows;
  guint *start;
  guint *items;
} AlGrid;

typedef struct _AlGridBuilder AlGridBuilder;

/* Lists the rectangles @item covers with al_grid_builder_cover(). Called
 * twice per item while building. */
typedef void (*AlGridCoverFunc) (AlGridBuilder *builder, guint item, gpointer user_data);

/* Sets the grid over @area with cells of @cell units, larger when needed to
 * keep at most @max_per_axis cells along each axis. */
void  al_grid_init (AlGrid *grid, const graphene_rect_t *area, double cell, guint max_per_axis);
void  al_grid_clear (AlGrid *grid);
void  al_grid_build (AlGrid *grid, guint n_items, AlGridCoverFunc cover, gpointer user_data);
void  al_grid_builder_cover (AlGridBuilder *builder, const graphene_rect_t *rect);
/* Appends to @out each item of the cells @rect covers that @keep accepts,
 * at most once per @stamp: @stamps holds, per item, the last stamp that saw
 * it. */
void  al_grid_query (const AlGrid *grid, const graphene_rect_t *rect, guint *stamps, guint stamp,
                     gboolean (*keep) (gpointer data, guint item, const graphene_rect_t *rect),
                     gpointer data, GArray *out);

/* Edge routing. */

/* Routes @edge between the card rectangles @from (consumer) and @to
 * (provider) with anchors at the middle of the sides: what the renderer
 * uses for the edges of cards being dragged. Sets start, controls, end and
 * bounds. */
void al_scene_route_edge (const graphene_rect_t *from, const graphene_rect_t *to,
                          gboolean same_lane, gboolean loop, AlSceneEdge *edge);

/* What routing the layout's edges needs to know of the cards and lanes. */
typedef struct
{
  GArray  *lanes;        /* AlSceneLane */
  GArray  *cards;        /* AlSceneCard */
  AlGrid  *card_grid;
  guint   *card_stamps;
  guint  (*next_stamp) (gpointer data);
  gpointer data;
} AlRouteContext;

/* Routes every edge of @edges (from_card, to_card and cross_arch set),
 * spreading the ends that share a side of a card. */
void al_scene_route_edges (const AlRouteContext *ctx, GArray *edges);

G_END_DECLS
