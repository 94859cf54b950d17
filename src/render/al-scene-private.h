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

/* The scene's fields, shared by al-scene.c (layout) and al-scene-index.c
 * (spatial index, queries, hit tests). */
typedef struct
{
  guint n_errors;
  guint n_warnings;
} BadgeCount;

struct _AlScene
{
  GObject parent_instance;

  AlDocument *document;
  gboolean dirty;
  gboolean badges_dirty;

  GArray *lanes;   /* AlSceneLane */
  GArray *cards;   /* AlSceneCard */
  GArray *edges;   /* AlSceneEdge */
  GHashTable *card_of;  /* AlComponent → index + 1 */
  GHashTable *edge_of;  /* AlDependency → index + 1 */
  GHashTable *badges;   /* id → BadgeCount */
  graphene_rect_t bounds;
  graphene_point_t orphan_origin;

  /* The spatial index: cards, and edges in a fine grid or, when they are
   * long, a coarse one, so that a long curve does not fill hundreds of
   * cells. Stamps mark what a query has seen already. */
  AlGrid card_grid;
  AlGrid edge_grid;
  AlGrid long_edge_grid;
  guint *card_stamps;
  guint *edge_stamps;
  /* Each edge's curve as AL_BEZIER_SEGMENTS + 1 points, for the index,
   * queries and hit tests. */
  graphene_point_t *polylines;
  guint query_stamp;

  /* What the layout was made from, to tell whether a change of the
   * document moved anything: most edits (names, images, ports, env) do
   * not, and then the layout stays. */
  gboolean laid_out;
  GArray *positions;      /* graphene_point_t per card */
  GArray *dependencies;   /* DependencyInput per dependency of the document */

  /* Where each cross-arch edge's label goes (a curve parameter, < 0 for
   * none), placed once for the whole scene when first drawn, so that every
   * part of the canvas (tiles, exports) agrees. */
  float *label_t;
  gboolean labels_placed;
};

typedef struct
{
  AlDependency *dependency;
  AlComponent  *from;
  AlComponent  *to;
  gboolean      wait;
} DependencyInput;

static inline double
al_rect_right (const graphene_rect_t *r)
{
  return r->origin.x + r->size.width;
}

static inline double
al_rect_bottom (const graphene_rect_t *r)
{
  return r->origin.y + r->size.height;
}

/* Inclusive, so that a zero-sized rectangle (a point) finds what it touches. */
static inline gboolean
al_rects_overlap (const graphene_rect_t *a, const graphene_rect_t *b)
{
  return a->origin.x <= al_rect_right (b) && b->origin.x <= al_rect_right (a) &&
         a->origin.y <= al_rect_bottom (b) && b->origin.y <= al_rect_bottom (a);
}

/* al-scene.c: lays out again when the document changed. */
void  _al_scene_ensure_layout (AlScene *self);

/* al-scene-index.c */
/* The size the label of a cross-arch edge is reserved (its pill holds
 * "<arch> → <arch>" in 11-unit bold text). */
void  _al_scene_label_size (const char *from_arch, const char *to_arch, double *width,
                            double *height);
/* Per edge, the curve parameter of its label's centre, or < 0 for no label:
 * labels hide no card and no other label. */
const float *_al_scene_get_label_positions (AlScene *self);
void  _al_scene_index_cards (AlScene *self);
void  _al_scene_index_edges (AlScene *self);
guint _al_scene_next_stamp (AlScene *self);
guint _al_scene_next_stamp_cb (gpointer data);

G_END_DECLS
