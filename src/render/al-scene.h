/* al-scene.h: the geometry of a document as the canvas and the exporter draw it */
#pragma once

#include <glib-object.h>
#include <graphene.h>

#include "al-document.h"
#include "al-diagnostic.h"

G_BEGIN_DECLS

/* Scene units are canvas pixels at 100 % zoom. Lanes are horizontal
 * swimlanes stacked top to bottom, each a header band on the left and a
 * content area on the right; a component's position is relative to the
 * top-left corner of its lane's content area (DESIGN §3). */
#define AL_SCENE_LANE_HEADER_WIDTH 176.0
#define AL_SCENE_LANE_MIN_HEIGHT   168.0
#define AL_SCENE_LANE_PADDING      24.0
#define AL_SCENE_MIN_CONTENT_WIDTH 960.0
#define AL_SCENE_CARD_WIDTH        208.0
#define AL_SCENE_CARD_HEIGHT       92.0
/* The connector handle a link drag starts from: a circle on the card's
 * right edge, vertically centred. */
#define AL_SCENE_HANDLE_RADIUS     7.0

typedef struct
{
  AlLane         *lane;          /* borrowed */
  graphene_rect_t bounds;        /* the whole band, header included */
  graphene_rect_t header;
  graphene_rect_t content;       /* origin of component positions */
  guint           n_components;
  guint           index;         /* in al_document_get_lanes() */
} AlSceneLane;

typedef struct
{
  AlComponent     *component;    /* borrowed */
  guint            lane_index;   /* G_MAXUINT when its lane is unknown */
  graphene_rect_t  bounds;       /* in scene coordinates */
  graphene_point_t handle;       /* centre of the connector handle */
  guint            n_errors;     /* diagnostics with this component as subject */
  guint            n_warnings;
} AlSceneCard;

typedef struct
{
  AlDependency    *dependency;   /* borrowed */
  guint            from_card;    /* consumer */
  guint            to_card;      /* provider */
  /* A cubic Bézier from the consumer to the provider; the arrowhead is at
   * @end, pointing at the provider. */
  graphene_point_t start, control1, control2, end;
  graphene_rect_t  bounds;       /* of the curve and its arrowhead */
  gboolean         cross_arch;   /* the two cards are on different lanes */
  gboolean         wait;
  guint            n_errors;
  guint            n_warnings;
} AlSceneEdge;

typedef enum
{
  AL_SCENE_HIT_NONE,
  AL_SCENE_HIT_LANE_HEADER,
  AL_SCENE_HIT_LANE,             /* the content area of a lane, no card */
  AL_SCENE_HIT_CARD,
  AL_SCENE_HIT_HANDLE,           /* the connector handle of a card */
  AL_SCENE_HIT_EDGE,
} AlSceneHitKind;

typedef struct
{
  AlSceneHitKind kind;
  guint          index;          /* lane, card or edge index for the kind */
} AlSceneHit;

#define AL_TYPE_SCENE (al_scene_get_type ())
G_DECLARE_FINAL_TYPE (AlScene, al_scene, AL, SCENE, GObject)

/* The scene follows @document: it lays itself out again, lazily, after
 * AlDocument::changed, and emits AlScene::changed (no arguments) then.
 * Lookups below always see the current layout. */
AlScene           *al_scene_new (AlDocument *document);
AlDocument        *al_scene_get_document (AlScene *self);

/* Recomputes the layout now when it is out of date. */
void               al_scene_update (AlScene *self);

/* Diagnostics for the badges of cards and edges (AlDiagnostic subjects are
 * ids); %NULL clears them. The array is copied. */
void               al_scene_set_diagnostics (AlScene *self, GPtrArray *diagnostics);

/* The extent of everything drawn, lanes included. */
void               al_scene_get_bounds (AlScene *self, graphene_rect_t *bounds);

guint              al_scene_get_n_lanes (AlScene *self);
const AlSceneLane *al_scene_get_lane (AlScene *self, guint index);
guint              al_scene_get_n_cards (AlScene *self);
const AlSceneCard *al_scene_get_card (AlScene *self, guint index);
guint              al_scene_get_n_edges (AlScene *self);
const AlSceneEdge *al_scene_get_edge (AlScene *self, guint index);

/* Index of the card of @component / the edge of @dependency, or -1. O(1). */
int                al_scene_find_card (AlScene *self, AlComponent *component);
int                al_scene_find_edge (AlScene *self, AlDependency *dependency);

/* The lane whose band contains @y, or -1 (above the first lane or below
 * the last). */
int                al_scene_lane_at_y (AlScene *self, double y);

/* The topmost item under @point; @tolerance (scene units) widens edges
 * and the handle, so callers pass a screen tolerance divided by the zoom.
 * Cards win over edges, handles over cards. */
AlSceneHit         al_scene_hit_test (AlScene *self, const graphene_point_t *point,
                                      double tolerance);

/* Indices (guint) of the cards and edges whose bounds intersect @rect,
 * appended to the arrays that are not %NULL, in drawing order. Uses a
 * spatial index: cost follows what is found, not the document size.
 * An edge is found when its curve (with its stroke and arrowhead) comes
 * within @rect, not merely its bounding box: a long diagonal edge is not
 * "visible" in a window it passes beside. */
void               al_scene_query_rect (AlScene *self, const graphene_rect_t *rect,
                                        GArray *cards, GArray *edges);

/* Converts between a component position (relative to @lane's content
 * area) and scene coordinates of the card's top-left corner. */
void               al_scene_position_to_point (AlScene *self, guint lane_index,
                                               const graphene_point_t *position,
                                               graphene_point_t *point);
void               al_scene_point_to_position (AlScene *self, guint lane_index,
                                               const graphene_point_t *point,
                                               graphene_point_t *position);

G_END_DECLS
