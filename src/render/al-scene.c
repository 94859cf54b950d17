/* al-scene.c: the geometry of a document as the canvas and the exporter draw it */
#include "al-scene.h"

#include <math.h>
#include <string.h>

#include "al-bezier.h"
#include "al-scene-private.h"

/* Side of a cell of the spatial index, in scene units: a card spans one to
 * four cells, a screen of the canvas at 100 % a few dozen. */
#define CELL_SIZE 256.0
/* The index never has more cells than this along one axis, whatever the
 * positions (cells grow instead). */
#define MAX_CELLS_PER_AXIS 2048
/* Positions beyond this are laid out as if they were at it, so that float
 * precision and the index stay sane with absurd documents. */
#define MAX_COORDINATE 1000000.0
/* What a card draws outside its bounds: the handle on the right edge and
 * the badge at the top-right corner. */
#define CARD_OVERHANG 12.0
/* Half the widest edge stroke plus room for the arrowhead's wings. */
#define EDGE_MARGIN (AL_BEZIER_ARROW_WIDTH / 2 + 2.0)

typedef struct
{
  guint n_errors;
  guint n_warnings;
} BadgeCount;

/* A uniform grid of buckets over the scene, in compressed form: the items
 * of cell i are items[start[i] .. start[i + 1]). */
typedef struct
{
  guint *start;
  guint *items;
  guint *stamp;   /* per item: the query that last saw it */
  guint  n_items;
} Grid;

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

  double grid_x, grid_y, cell;
  guint cols, rows;
  Grid card_grid;
  Grid edge_grid;
  guint query_stamp;
};

G_DEFINE_FINAL_TYPE (AlScene, al_scene, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->start, g_free);
  g_clear_pointer (&grid->items, g_free);
  g_clear_pointer (&grid->stamp, g_free);
  grid->n_items = 0;
}

static void
on_document_changed (AlScene *self)
{
  self->dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
al_scene_dispose (GObject *object)
{
  AlScene *self = AL_SCENE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (al_scene_parent_class)->dispose (object);
}

static void
al_scene_finalize (GObject *object)
{
  AlScene *self = AL_SCENE (object);

  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->card_of, g_hash_table_unref);
  g_clear_pointer (&self->edge_of, g_hash_table_unref);
  g_clear_pointer (&self->badges, g_hash_table_unref);
  grid_clear (&self->card_grid);
  grid_clear (&self->edge_grid);

  G_OBJECT_CLASS (al_scene_parent_class)->finalize (object);
}

static void
al_scene_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlScene *self = AL_SCENE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_scene_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlScene *self = AL_SCENE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      if (self->document != NULL)
        g_signal_connect_swapped (self->document, "changed", G_CALLBACK (on_document_changed),
                                  self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_scene_class_init (AlSceneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = al_scene_dispose;
  object_class->finalize = al_scene_finalize;
  object_class->get_property = al_scene_get_property;
  object_class->set_property = al_scene_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the layout is out of date (the document changed) or the
   * badges changed: views redraw, and the next lookup lays out again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
al_scene_init (AlScene *self)
{
  self->dirty = TRUE;
  self->lanes = g_array_new (FALSE, TRUE, sizeof (AlSceneLane));
  self->cards = g_array_new (FALSE, TRUE, sizeof (AlSceneCard));
  self->edges = g_array_new (FALSE, TRUE, sizeof (AlSceneEdge));
  self->card_of = g_hash_table_new (NULL, NULL);
  self->edge_of = g_hash_table_new (NULL, NULL);
  self->badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

AlScene *
al_scene_new (AlDocument *document)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  return g_object_new (AL_TYPE_SCENE, "document", document, NULL);
}

AlDocument *
al_scene_get_document (AlScene *self)
{
  g_return_val_if_fail (AL_IS_SCENE (self), NULL);

  return self->document;
}

/* Geometry ------------------------------------------------------------- */

static inline double
rect_right (const graphene_rect_t *r)
{
  return r->origin.x + r->size.width;
}

static inline double
rect_bottom (const graphene_rect_t *r)
{
  return r->origin.y + r->size.height;
}

/* Inclusive, so that a zero-sized rectangle (a point) finds what it touches. */
static inline gboolean
rects_overlap (const graphene_rect_t *a, const graphene_rect_t *b)
{
  return a->origin.x <= rect_right (b) && b->origin.x <= rect_right (a) &&
         a->origin.y <= rect_bottom (b) && b->origin.y <= rect_bottom (a);
}

static void
rect_union (graphene_rect_t *acc, gboolean *empty, const graphene_rect_t *r)
{
  if (*empty)
    *acc = *r;
  else
    graphene_rect_union (acc, r, acc);
  *empty = FALSE;
}

static double
clamp_coordinate (double v)
{
  if (!isfinite (v))
    return 0;
  return CLAMP (v, -MAX_COORDINATE, MAX_COORDINATE);
}

static void
card_position (AlComponent *component, graphene_point_t *out)
{
  const graphene_point_t *p = al_component_get_position (component);

  out->x = clamp_coordinate (p->x);
  out->y = clamp_coordinate (p->y);
}

typedef enum
{
  SIDE_LEFT,
  SIDE_RIGHT,
  SIDE_TOP,
  SIDE_BOTTOM,
} Side;

static const graphene_point_t side_normal[] = {
  [SIDE_LEFT] = { -1, 0 }, [SIDE_RIGHT] = { 1, 0 }, [SIDE_TOP] = { 0, -1 }, [SIDE_BOTTOM] = { 0, 1 },
};

/* Cards side by side on a lane are joined horizontally, side to side;
 * otherwise (another lane, or one card above the other) vertically, from
 * the consumer's bottom or top to the provider's top or bottom, so that
 * the arrow always ends on the provider's facing border. */
static void
choose_sides (const graphene_rect_t *from, const graphene_rect_t *to, gboolean same_lane,
              Side *from_side, Side *to_side)
{
  const double gap = 16;

  if (same_lane && to->origin.x >= rect_right (from) + gap)
    {
      *from_side = SIDE_RIGHT;
      *to_side = SIDE_LEFT;
    }
  else if (same_lane && rect_right (to) <= from->origin.x - gap)
    {
      *from_side = SIDE_LEFT;
      *to_side = SIDE_RIGHT;
    }
  else if (to->origin.y + to->size.height / 2 >= from->origin.y + from->size.height / 2)
    {
      *from_side = SIDE_BOTTOM;
      *to_side = SIDE_TOP;
    }
  else
    {
      *from_side = SIDE_TOP;
      *to_side = SIDE_BOTTOM;
    }
}

/* The point at @offset (0 … 1) along @side of @r, left to right or top to
 * bottom. */
static void
side_point (const graphene_rect_t *r, Side side, double offset, graphene_point_t *p)
{
  switch (side)
    {
    case SIDE_LEFT:
    case SIDE_RIGHT:
      p->x = side == SIDE_LEFT ? r->origin.x : rect_right (r);
      p->y = r->origin.y + r->size.height * offset;
      break;
    case SIDE_TOP:
    case SIDE_BOTTOM:
    default:
      p->x = r->origin.x + r->size.width * offset;
      p->y = side == SIDE_TOP ? r->origin.y : rect_bottom (r);
      break;
    }
}

/* Control points along the sides' normals, as far out as half the
 * distance to cover, so curves leave and reach cards straight. */
static void
set_controls (AlSceneEdge *edge, Side from_side, Side to_side, double arc)
{
  gboolean horizontal = from_side == SIDE_LEFT || from_side == SIDE_RIGHT;
  double span = horizontal ? fabs (edge->end.x - edge->start.x)
                           : fabs (edge->end.y - edge->start.y);
  double d = arc > 0 ? arc : CLAMP (span * 0.5, 24.0, 160.0);

  edge->control1.x = edge->start.x + side_normal[from_side].x * d;
  edge->control1.y = edge->start.y + side_normal[from_side].y * d;
  edge->control2.x = edge->end.x + side_normal[to_side].x * d;
  edge->control2.y = edge->end.y + side_normal[to_side].y * d;
}

/* A curve that leaves the card on its right and comes back onto its top,
 * for the (invalid, but drawable) dependency of a component on itself. */
static void
route_loop (const graphene_rect_t *card, AlSceneEdge *edge)
{
  double right = rect_right (card);
  double top = card->origin.y;

  graphene_point_init (&edge->start, right, top + card->size.height * 0.35);
  graphene_point_init (&edge->control1, right + 56, top + card->size.height * 0.35);
  graphene_point_init (&edge->control2, right - card->size.width * 0.2, top - 56);
  graphene_point_init (&edge->end, right - card->size.width * 0.2, top);
}

static void
edge_compute_bounds (AlSceneEdge *edge)
{
  graphene_rect_t tip;

  al_bezier_bounds (&edge->start, &edge->control1, &edge->control2, &edge->end, &edge->bounds);
  graphene_rect_init (&tip, edge->end.x - AL_BEZIER_ARROW_LENGTH,
                      edge->end.y - AL_BEZIER_ARROW_LENGTH,
                      2 * AL_BEZIER_ARROW_LENGTH, 2 * AL_BEZIER_ARROW_LENGTH);
  graphene_rect_union (&edge->bounds, &tip, &edge->bounds);
  graphene_rect_inset (&edge->bounds, -2, -2);
}

void
al_scene_route_edge (const graphene_rect_t *from, const graphene_rect_t *to, gboolean same_lane,
                     gboolean loop, AlSceneEdge *edge)
{
  Side from_side, to_side;

  if (loop)
    route_loop (from, edge);
  else
    {
      choose_sides (from, to, same_lane, &from_side, &to_side);
      side_point (from, from_side, 0.5, &edge->start);
      side_point (to, to_side, 0.5, &edge->end);
      set_controls (edge, from_side, to_side, 0);
    }
  edge_compute_bounds (edge);
}

static void
edge_polyline (const AlSceneEdge *edge, graphene_point_t points[AL_BEZIER_SEGMENTS + 1])
{
  for (guint i = 0; i <= AL_BEZIER_SEGMENTS; i++)
    al_bezier_point (&edge->start, &edge->control1, &edge->control2, &edge->end,
                     (double) i / AL_BEZIER_SEGMENTS, &points[i]);
}

/* Spatial index ---------------------------------------------------------- */

static guint
cell_coordinate (double v, double origin, double cell, guint n)
{
  double c = floor ((v - origin) / cell);

  if (!(c > 0))   /* also NaN */
    return 0;
  if (c >= n)
    return n - 1;
  return (guint) c;
}

static void
cell_range (AlScene *self, const graphene_rect_t *r, guint *c0, guint *r0, guint *c1, guint *r1)
{
  *c0 = cell_coordinate (r->origin.x, self->grid_x, self->cell, self->cols);
  *c1 = cell_coordinate (rect_right (r), self->grid_x, self->cell, self->cols);
  *r0 = cell_coordinate (r->origin.y, self->grid_y, self->cell, self->rows);
  *r1 = cell_coordinate (rect_bottom (r), self->grid_y, self->cell, self->rows);
}

/* Calls @visit for each cell an item covers; each cell once per item
 * (@last_item remembers which item last touched a cell). */
typedef void (*CellVisit) (Grid *grid, guint cell, guint item);

static void
visit_rect (AlScene *self, Grid *grid, guint *last_item, const graphene_rect_t *r, guint item,
            CellVisit visit)
{
  guint c0, r0, c1, r1;

  cell_range (self, r, &c0, &r0, &c1, &r1);
  for (guint y = r0; y <= r1; y++)
    for (guint x = c0; x <= c1; x++)
      {
        guint cell = y * self->cols + x;

        if (last_item[cell] == item + 1)
          continue;
        last_item[cell] = item + 1;
        visit (grid, cell, item);
      }
}

static void
visit_card (AlScene *self, Grid *grid, guint *last_item, guint i, CellVisit visit)
{
  const AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);
  graphene_rect_t r = card->bounds;

  graphene_rect_inset (&r, -CARD_OVERHANG, -CARD_OVERHANG);
  visit_rect (self, grid, last_item, &r, i, visit);
}

/* An edge goes into the cells its curve passes through, not every cell of
 * its bounding box: a long diagonal dependency would otherwise sit in a
 * large share of the grid. */
static void
visit_edge (AlScene *self, Grid *grid, guint *last_item, guint i, CellVisit visit)
{
  const AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, i);
  graphene_point_t points[AL_BEZIER_SEGMENTS + 1];

  edge_polyline (edge, points);
  for (guint s = 0; s < AL_BEZIER_SEGMENTS; s++)
    {
      graphene_rect_t r;

      graphene_rect_init (&r, MIN (points[s].x, points[s + 1].x),
                          MIN (points[s].y, points[s + 1].y),
                          fabs (points[s + 1].x - points[s].x),
                          fabs (points[s + 1].y - points[s].y));
      graphene_rect_inset (&r, -EDGE_MARGIN, -EDGE_MARGIN);
      visit_rect (self, grid, last_item, &r, i, visit);
    }
}

static void
count_cell (Grid *grid, guint cell, guint item)
{
  grid->start[cell + 1]++;
}

static void
fill_cell (Grid *grid, guint cell, guint item)
{
  /* start[cell] is used as the fill cursor and restored afterwards */
  grid->items[grid->start[cell]++] = item;
}

typedef void (*ItemVisit) (AlScene *self, Grid *grid, guint *last_item, guint i,
                           CellVisit visit);

static void
grid_build (AlScene *self, Grid *grid, guint n_items, ItemVisit visit_item)
{
  guint n_cells = self->cols * self->rows;
  g_autofree guint *last_item = g_new0 (guint, n_cells);

  grid_clear (grid);
  grid->start = g_new0 (guint, n_cells + 1);
  grid->stamp = g_new0 (guint, MAX (n_items, 1));
  grid->n_items = n_items;

  for (guint i = 0; i < n_items; i++)
    visit_item (self, grid, last_item, i, count_cell);
  for (guint c = 0; c < n_cells; c++)
    grid->start[c + 1] += grid->start[c];
  grid->items = g_new (guint, MAX (grid->start[n_cells], 1));

  memset (last_item, 0, n_cells * sizeof (guint));
  for (guint i = 0; i < n_items; i++)
    visit_item (self, grid, last_item, i, fill_cell);
  /* Each start[c] now holds the end of cell c, which is the start of c + 1. */
  memmove (grid->start + 1, grid->start, n_cells * sizeof (guint));
  grid->start[0] = 0;
}

/* The grid covers the lanes and cards; what lies outside (loops, arcs over
 * the top lane) goes into the border cells, as cell coordinates clamp. */
static void
index_cards (AlScene *self)
{
  const graphene_rect_t *b = &self->bounds;
  double width = MAX (b->size.width, 1.0) + 2 * CELL_SIZE;
  double height = MAX (b->size.height, 1.0) + 2 * CELL_SIZE;

  self->cell = CELL_SIZE;
  while (width / self->cell > MAX_CELLS_PER_AXIS || height / self->cell > MAX_CELLS_PER_AXIS)
    self->cell *= 2;
  self->grid_x = b->origin.x - self->cell;
  self->grid_y = b->origin.y - self->cell;
  self->cols = (guint) ceil (width / self->cell) + 1;
  self->rows = (guint) ceil (height / self->cell) + 1;
  self->query_stamp = 0;

  grid_build (self, &self->card_grid, self->cards->len, visit_card);
}

static void
index_edges (AlScene *self)
{
  grid_build (self, &self->edge_grid, self->edges->len, visit_edge);
}

/* Layout ------------------------------------------------------------------ */

static void
apply_badges (AlScene *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);
      BadgeCount *count = g_hash_table_lookup (self->badges,
                                               al_component_get_id (card->component));

      card->n_errors = count ? count->n_errors : 0;
      card->n_warnings = count ? count->n_warnings : 0;
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, i);
      BadgeCount *count = g_hash_table_lookup (self->badges,
                                               al_dependency_get_id (edge->dependency));

      edge->n_errors = count ? count->n_errors : 0;
      edge->n_warnings = count ? count->n_warnings : 0;
    }
  self->badges_dirty = FALSE;
}

static void
layout_lanes_and_cards (AlScene *self, gboolean *empty)
{
  GListModel *lanes = al_document_get_lanes (self->document);
  GListModel *components = al_document_get_components (self->document);
  guint n_lanes = g_list_model_get_n_items (lanes);
  guint n_components = g_list_model_get_n_items (components);
  g_autoptr (GHashTable) lane_of = g_hash_table_new (NULL, NULL);
  g_autofree double *lane_extent = g_new0 (double, n_lanes + 1);
  double max_right = 0, y = 0, width;

  g_array_set_size (self->lanes, n_lanes);
  for (guint i = 0; i < n_lanes; i++)
    {
      AlSceneLane *lane = &g_array_index (self->lanes, AlSceneLane, i);

      memset (lane, 0, sizeof *lane);
      lane->lane = g_list_model_get_item (lanes, i);
      g_object_unref (lane->lane);   /* the document keeps it alive */
      lane->index = i;
      g_hash_table_insert (lane_of, lane->lane, GUINT_TO_POINTER (i + 1));
    }

  /* First the lane of each card and how far each lane's cards reach. */
  g_array_set_size (self->cards, n_components);
  for (guint i = 0; i < n_components; i++)
    {
      AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);
      AlLane *lane;
      graphene_point_t p;
      guint slot;

      memset (card, 0, sizeof *card);
      card->component = g_list_model_get_item (components, i);
      g_object_unref (card->component);
      lane = al_document_get_component_lane (self->document, card->component);
      card->lane_index = lane ? GPOINTER_TO_UINT (g_hash_table_lookup (lane_of, lane)) : 0;
      card->lane_index = card->lane_index ? card->lane_index - 1 : G_MAXUINT;
      g_hash_table_insert (self->card_of, card->component, GUINT_TO_POINTER (i + 1));

      card_position (card->component, &p);
      slot = card->lane_index == G_MAXUINT ? n_lanes : card->lane_index;
      lane_extent[slot] = MAX (lane_extent[slot], p.y + AL_SCENE_CARD_HEIGHT);
      max_right = MAX (max_right, p.x + AL_SCENE_CARD_WIDTH);
      if (slot < n_lanes)
        g_array_index (self->lanes, AlSceneLane, slot).n_components++;
    }

  width = AL_SCENE_LANE_HEADER_WIDTH +
          MAX (AL_SCENE_MIN_CONTENT_WIDTH, max_right + AL_SCENE_LANE_PADDING);
  for (guint i = 0; i < n_lanes; i++)
    {
      AlSceneLane *lane = &g_array_index (self->lanes, AlSceneLane, i);
      double height = MAX (AL_SCENE_LANE_MIN_HEIGHT, lane_extent[i] + AL_SCENE_LANE_PADDING);

      graphene_rect_init (&lane->bounds, 0, y, width, height);
      graphene_rect_init (&lane->header, 0, y, AL_SCENE_LANE_HEADER_WIDTH, height);
      graphene_rect_init (&lane->content, AL_SCENE_LANE_HEADER_WIDTH, y,
                          width - AL_SCENE_LANE_HEADER_WIDTH, height);
      rect_union (&self->bounds, empty, &lane->bounds);
      y += height;
    }

  /* Components on no known lane go below the last lane, so that they stay
   * visible and can be dragged onto a lane. */
  graphene_point_init (&self->orphan_origin, AL_SCENE_LANE_HEADER_WIDTH,
                       n_lanes > 0 ? y + AL_SCENE_LANE_PADDING : 0);

  for (guint i = 0; i < n_components; i++)
    {
      AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);
      graphene_point_t p, origin;

      card_position (card->component, &p);
      if (card->lane_index == G_MAXUINT)
        origin = self->orphan_origin;
      else
        origin = g_array_index (self->lanes, AlSceneLane, card->lane_index).content.origin;
      graphene_rect_init (&card->bounds, origin.x + p.x, origin.y + p.y,
                          AL_SCENE_CARD_WIDTH, AL_SCENE_CARD_HEIGHT);
      graphene_point_init (&card->handle, rect_right (&card->bounds),
                           card->bounds.origin.y + AL_SCENE_CARD_HEIGHT / 2);
      rect_union (&self->bounds, empty, &card->bounds);
    }
}

static void grid_query (AlScene *self, Grid *grid, const graphene_rect_t *rect, GArray *out,
                        gboolean (*keep) (AlScene *self, guint item, const graphene_rect_t *rect));
static gboolean keep_card (AlScene *self, guint item, const graphene_rect_t *rect);

/* Whether a card other than the two ends stands between two cards side by
 * side, where a horizontal curve would pass under it and seem to start or
 * end there. */
static gboolean
corridor_blocked (AlScene *self, guint from, guint to, GArray *scratch)
{
  const graphene_rect_t *a = &g_array_index (self->cards, AlSceneCard, from).bounds;
  const graphene_rect_t *b = &g_array_index (self->cards, AlSceneCard, to).bounds;
  double x0 = MIN (rect_right (a), rect_right (b));
  double x1 = MAX (a->origin.x, b->origin.x);
  double ya = a->origin.y + a->size.height / 2, yb = b->origin.y + b->size.height / 2;
  graphene_rect_t corridor;

  graphene_rect_init (&corridor, x0 + 1, MIN (ya, yb) - 12, MAX (x1 - x0 - 2, 0),
                      fabs (ya - yb) + 24);
  g_array_set_size (scratch, 0);
  grid_query (self, &self->card_grid, &corridor, scratch, keep_card);
  for (guint k = 0; k < scratch->len; k++)
    {
      guint i = g_array_index (scratch, guint, k);

      if (i != from && i != to)
        return TRUE;
    }
  return FALSE;
}

/* Room between a card and the top or bottom of its lane. */
static double
lane_room (AlScene *self, guint card_index, Side side)
{
  const AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, card_index);
  const graphene_rect_t *lane;

  if (card->lane_index >= self->lanes->len)
    return 48;
  lane = &g_array_index (self->lanes, AlSceneLane, card->lane_index).bounds;
  return side == SIDE_TOP ? card->bounds.origin.y - lane->origin.y
                          : rect_bottom (lane) - rect_bottom (&card->bounds);
}

/* Sides for an edge of the layout: like choose_sides(), but a curve
 * between cards of one row with cards between them arcs over (or under)
 * them within the lane, and one between rows runs through the gap between
 * the rows. Returns the depth of an arc, 0 for other curves. */
static double
choose_layout_sides (AlScene *self, const AlSceneEdge *edge, GArray *scratch, Side *from_side,
                     Side *to_side)
{
  const graphene_rect_t *a = &g_array_index (self->cards, AlSceneCard, edge->from_card).bounds;
  const graphene_rect_t *b = &g_array_index (self->cards, AlSceneCard, edge->to_card).bounds;
  double above, below, room;

  choose_sides (a, b, !edge->cross_arch, from_side, to_side);
  if (*from_side != SIDE_LEFT && *from_side != SIDE_RIGHT)
    return 0;
  if (!corridor_blocked (self, edge->from_card, edge->to_card, scratch))
    return 0;
  if (fabs ((a->origin.y + a->size.height / 2) - (b->origin.y + b->size.height / 2)) >
      a->size.height / 2)
    {
      gboolean down = b->origin.y > a->origin.y;

      *from_side = down ? SIDE_BOTTOM : SIDE_TOP;
      *to_side = down ? SIDE_TOP : SIDE_BOTTOM;
      return 0;
    }
  above = MIN (lane_room (self, edge->from_card, SIDE_TOP),
               lane_room (self, edge->to_card, SIDE_TOP));
  below = MIN (lane_room (self, edge->from_card, SIDE_BOTTOM),
               lane_room (self, edge->to_card, SIDE_BOTTOM));
  *from_side = *to_side = above >= below ? SIDE_TOP : SIDE_BOTTOM;
  room = MAX (above, below) - 6;
  /* A cubic with both controls at depth d peaks at 3/4 d. */
  return CLAMP (room / 0.75, 24.0, 96.0);
}

/* One end of an edge on a side of a card, ordered along that side by where
 * the other end is, so that edges sharing a side fan out without crossing
 * near the card. */
typedef struct
{
  float key;
  guint edge;
  guint end;   /* 0: start, 1: end */
} Anchor;

static int
compare_anchors (gconstpointer a, gconstpointer b)
{
  const Anchor *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->edge != y->edge)
    return x->edge < y->edge ? -1 : 1;
  return (int) x->end - (int) y->end;
}

static void
spread_anchors (AlScene *self, const guint8 *sides)
{
  guint n_slots = self->cards->len * 4;
  g_autofree guint *start = g_new0 (guint, n_slots + 1);
  g_autofree Anchor *anchors = NULL;
  guint n_anchors;

  for (guint e = 0; e < self->edges->len; e++)
    {
      const AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, e);

      if (edge->from_card == edge->to_card)
        continue;
      start[edge->from_card * 4 + sides[2 * e] + 1]++;
      start[edge->to_card * 4 + sides[2 * e + 1] + 1]++;
    }
  for (guint k = 0; k < n_slots; k++)
    start[k + 1] += start[k];
  n_anchors = start[n_slots];
  anchors = g_new (Anchor, MAX (n_anchors, 1));

  for (guint e = 0; e < self->edges->len; e++)
    {
      const AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, e);

      if (edge->from_card == edge->to_card)
        continue;
      for (guint end = 0; end < 2; end++)
        {
          guint card = end ? edge->to_card : edge->from_card;
          guint other = end ? edge->from_card : edge->to_card;
          Side side = sides[2 * e + end];
          const graphene_rect_t *o = &g_array_index (self->cards, AlSceneCard, other).bounds;
          float key = side == SIDE_TOP || side == SIDE_BOTTOM ? o->origin.x : o->origin.y;

          anchors[start[card * 4 + side]++] = (Anchor) { key, e, end };
        }
    }
  /* start[k] is now the end of slot k. */
  for (guint k = n_slots; k > 0; k--)
    start[k] = start[k - 1];
  start[0] = 0;

  for (guint k = 0; k < n_slots; k++)
    {
      guint n = start[k + 1] - start[k];
      const graphene_rect_t *r = &g_array_index (self->cards, AlSceneCard, k / 4).bounds;
      Side side = k % 4;
      double length = side == SIDE_TOP || side == SIDE_BOTTOM ? r->size.width : r->size.height;
      double spacing = n > 1 ? MIN (18.0, length * 0.6 / (n - 1)) : 0;

      if (n > 1)
        qsort (anchors + start[k], n, sizeof (Anchor), compare_anchors);
      for (guint a = 0; a < n; a++)
        {
          const Anchor *anchor = &anchors[start[k] + a];
          AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, anchor->edge);
          double offset = 0.5 + (a - (n - 1) / 2.0) * spacing / length;

          side_point (r, side, offset, anchor->end ? &edge->end : &edge->start);
        }
    }
}

static void
layout_edges (AlScene *self, gboolean *empty)
{
  GListModel *dependencies = al_document_get_dependencies (self->document);
  guint n = g_list_model_get_n_items (dependencies);
  g_autofree guint8 *sides = g_new (guint8, 2 * MAX (n, 1));
  g_autofree float *arcs = g_new (float, MAX (n, 1));
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_set_size (self->edges, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      AlComponent *from = al_document_lookup_component (self->document,
                                                        al_dependency_get_from (dependency));
      AlComponent *to = al_document_lookup_component (self->document,
                                                      al_dependency_get_to (dependency));
      guint from_index, to_index;
      const AlSceneCard *from_card, *to_card;
      AlSceneEdge edge = { 0 };
      Side from_side = SIDE_RIGHT, to_side = SIDE_LEFT;

      /* A dependency on an unknown component has no second end to draw;
       * validation reports it. */
      if (from == NULL || to == NULL)
        continue;
      from_index = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_of, from));
      to_index = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_of, to));
      if (from_index == 0 || to_index == 0)
        continue;

      edge.dependency = dependency;
      edge.from_card = from_index - 1;
      edge.to_card = to_index - 1;
      edge.wait = al_dependency_get_wait (dependency);
      from_card = &g_array_index (self->cards, AlSceneCard, edge.from_card);
      to_card = &g_array_index (self->cards, AlSceneCard, edge.to_card);
      edge.cross_arch = from_card->lane_index != to_card->lane_index;
      arcs[self->edges->len] = edge.from_card == edge.to_card
                                 ? 0
                                 : choose_layout_sides (self, &edge, scratch, &from_side,
                                                        &to_side);
      sides[2 * self->edges->len] = from_side;
      sides[2 * self->edges->len + 1] = to_side;

      g_array_append_val (self->edges, edge);
      g_hash_table_insert (self->edge_of, dependency, GUINT_TO_POINTER (self->edges->len));
    }

  spread_anchors (self, sides);

  for (guint e = 0; e < self->edges->len; e++)
    {
      AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, e);

      if (edge->from_card == edge->to_card)
        route_loop (&g_array_index (self->cards, AlSceneCard, edge->from_card).bounds, edge);
      else
        set_controls (edge, sides[2 * e], sides[2 * e + 1], arcs[e]);
      edge_compute_bounds (edge);
      rect_union (&self->bounds, empty, &edge->bounds);
    }
}

static void
relayout (AlScene *self)
{
  gboolean empty = TRUE;

  g_hash_table_remove_all (self->card_of);
  g_hash_table_remove_all (self->edge_of);
  graphene_rect_init (&self->bounds, 0, 0, 0, 0);

  if (self->document != NULL)
    {
      gint64 t0 = g_get_monotonic_time (), t1, t2, t3, t4;
      layout_lanes_and_cards (self, &empty);
      t1 = g_get_monotonic_time ();
      index_cards (self);
      t2 = g_get_monotonic_time ();
      layout_edges (self, &empty);
      t3 = g_get_monotonic_time ();
      index_edges (self);
      t4 = g_get_monotonic_time ();
      if (g_getenv ("AL_SCENE_TIMES")) g_printerr ("cards %ld index %ld edges %ld eindex %ld (cells %ux%u entries %u)\n", (long)(t1-t0), (long)(t2-t1), (long)(t3-t2), (long)(t4-t3), self->cols, self->rows, self->edge_grid.start[self->cols*self->rows]);
    }
  else
    {
      g_array_set_size (self->lanes, 0);
      g_array_set_size (self->cards, 0);
      g_array_set_size (self->edges, 0);
      index_cards (self);
      index_edges (self);
    }
  apply_badges (self);
  self->dirty = FALSE;
}

static inline void
ensure_layout (AlScene *self)
{
  if (self->dirty)
    relayout (self);
  else if (self->badges_dirty)
    apply_badges (self);
}

void
al_scene_update (AlScene *self)
{
  g_return_if_fail (AL_IS_SCENE (self));

  ensure_layout (self);
}

void
al_scene_set_diagnostics (AlScene *self, GPtrArray *diagnostics)
{
  g_return_if_fail (AL_IS_SCENE (self));

  g_hash_table_remove_all (self->badges);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const AlDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      BadgeCount *count;

      if (diagnostic == NULL || diagnostic->subject == NULL || diagnostic->subject[0] == '\0')
        continue;
      count = g_hash_table_lookup (self->badges, diagnostic->subject);
      if (count == NULL)
        {
          count = g_new0 (BadgeCount, 1);
          g_hash_table_insert (self->badges, g_strdup (diagnostic->subject), count);
        }
      if (diagnostic->severity == AL_SEVERITY_ERROR)
        count->n_errors++;
      else
        count->n_warnings++;
    }
  self->badges_dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Lookups ----------------------------------------------------------------- */

void
al_scene_get_bounds (AlScene *self, graphene_rect_t *bounds)
{
  g_return_if_fail (AL_IS_SCENE (self));
  g_return_if_fail (bounds != NULL);

  ensure_layout (self);
  *bounds = self->bounds;
}

guint
al_scene_get_n_lanes (AlScene *self)
{
  g_return_val_if_fail (AL_IS_SCENE (self), 0);

  ensure_layout (self);
  return self->lanes->len;
}

const AlSceneLane *
al_scene_get_lane (AlScene *self, guint index)
{
  g_return_val_if_fail (AL_IS_SCENE (self), NULL);

  ensure_layout (self);
  g_return_val_if_fail (index < self->lanes->len, NULL);
  return &g_array_index (self->lanes, AlSceneLane, index);
}

guint
al_scene_get_n_cards (AlScene *self)
{
  g_return_val_if_fail (AL_IS_SCENE (self), 0);

  ensure_layout (self);
  return self->cards->len;
}

const AlSceneCard *
al_scene_get_card (AlScene *self, guint index)
{
  g_return_val_if_fail (AL_IS_SCENE (self), NULL);

  ensure_layout (self);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return &g_array_index (self->cards, AlSceneCard, index);
}

guint
al_scene_get_n_edges (AlScene *self)
{
  g_return_val_if_fail (AL_IS_SCENE (self), 0);

  ensure_layout (self);
  return self->edges->len;
}

const AlSceneEdge *
al_scene_get_edge (AlScene *self, guint index)
{
  g_return_val_if_fail (AL_IS_SCENE (self), NULL);

  ensure_layout (self);
  g_return_val_if_fail (index < self->edges->len, NULL);
  return &g_array_index (self->edges, AlSceneEdge, index);
}

int
al_scene_find_card (AlScene *self, AlComponent *component)
{
  g_return_val_if_fail (AL_IS_SCENE (self), -1);

  ensure_layout (self);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->card_of, component)) - 1;
}

int
al_scene_find_edge (AlScene *self, AlDependency *dependency)
{
  g_return_val_if_fail (AL_IS_SCENE (self), -1);

  ensure_layout (self);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->edge_of, dependency)) - 1;
}

int
al_scene_lane_at_y (AlScene *self, double y)
{
  guint lo = 0, hi;

  g_return_val_if_fail (AL_IS_SCENE (self), -1);

  ensure_layout (self);
  hi = self->lanes->len;
  /* Lanes are contiguous bands in order: a binary search. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const AlSceneLane *lane = &g_array_index (self->lanes, AlSceneLane, mid);

      if (y < lane->bounds.origin.y)
        hi = mid;
      else if (y >= rect_bottom (&lane->bounds))
        lo = mid + 1;
      else
        return (int) mid;
    }
  return -1;
}

static gboolean
edge_meets_rect (const AlSceneEdge *edge, const graphene_rect_t *rect)
{
  graphene_point_t points[AL_BEZIER_SEGMENTS + 1];
  graphene_rect_t wide = *rect;

  if (!rects_overlap (&edge->bounds, rect))
    return FALSE;
  graphene_rect_inset (&wide, -EDGE_MARGIN, -EDGE_MARGIN);
  edge_polyline (edge, points);
  for (guint s = 0; s < AL_BEZIER_SEGMENTS; s++)
    if (al_segment_intersects_rect (&points[s], &points[s + 1], &wide))
      return TRUE;
  return FALSE;
}

static guint
next_stamp (AlScene *self)
{
  if (++self->query_stamp == 0)
    {
      /* Wrapped around: forget every mark so no item looks seen. */
      memset (self->card_grid.stamp, 0, MAX (self->card_grid.n_items, 1) * sizeof (guint));
      memset (self->edge_grid.stamp, 0, MAX (self->edge_grid.n_items, 1) * sizeof (guint));
      self->query_stamp = 1;
    }
  return self->query_stamp;
}

static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Candidates from the cells @rect covers, each once, filtered by @keep. */
static void
grid_query (AlScene *self, Grid *grid, const graphene_rect_t *rect, GArray *out,
            gboolean (*keep) (AlScene *self, guint item, const graphene_rect_t *rect))
{
  guint c0, r0, c1, r1, stamp = next_stamp (self);
  guint first = out->len;

  cell_range (self, rect, &c0, &r0, &c1, &r1);
  for (guint y = r0; y <= r1; y++)
    for (guint x = c0; x <= c1; x++)
      {
        guint cell = y * self->cols + x;

        for (guint k = grid->start[cell]; k < grid->start[cell + 1]; k++)
          {
            guint item = grid->items[k];

            if (grid->stamp[item] == stamp)
              continue;
            grid->stamp[item] = stamp;
            if (keep (self, item, rect))
              g_array_append_val (out, item);
          }
      }
  /* Drawing order is index order. */
  if (out->len - first > 1)
    qsort (&g_array_index (out, guint, first), out->len - first, sizeof (guint), compare_uint);
}

static gboolean
keep_card (AlScene *self, guint item, const graphene_rect_t *rect)
{
  return rects_overlap (&g_array_index (self->cards, AlSceneCard, item).bounds, rect);
}

static gboolean
keep_edge (AlScene *self, guint item, const graphene_rect_t *rect)
{
  return edge_meets_rect (&g_array_index (self->edges, AlSceneEdge, item), rect);
}

static gboolean
rect_is_sane (const graphene_rect_t *rect)
{
  return isfinite (rect->origin.x) && isfinite (rect->origin.y) &&
         isfinite (rect->size.width) && isfinite (rect->size.height) &&
         rect->size.width >= 0 && rect->size.height >= 0;
}

void
al_scene_query_rect (AlScene *self, const graphene_rect_t *rect, GArray *cards, GArray *edges)
{
  graphene_rect_t r;

  g_return_if_fail (AL_IS_SCENE (self));
  g_return_if_fail (rect != NULL);
  g_return_if_fail (cards == NULL || g_array_get_element_size (cards) == sizeof (guint));
  g_return_if_fail (edges == NULL || g_array_get_element_size (edges) == sizeof (guint));

  ensure_layout (self);
  graphene_rect_normalize_r (rect, &r);
  if (!rect_is_sane (&r))
    return;
  if (cards != NULL && self->cards->len > 0)
    grid_query (self, &self->card_grid, &r, cards, keep_card);
  if (edges != NULL && self->edges->len > 0)
    grid_query (self, &self->edge_grid, &r, edges, keep_edge);
}

static double
edge_distance (const AlSceneEdge *edge, const graphene_point_t *point)
{
  graphene_point_t points[AL_BEZIER_SEGMENTS + 1];
  double best = G_MAXDOUBLE;

  edge_polyline (edge, points);
  for (guint s = 0; s < AL_BEZIER_SEGMENTS; s++)
    best = MIN (best, al_segment_distance2 (point, &points[s], &points[s + 1]));
  return sqrt (best);
}

AlSceneHit
al_scene_hit_test (AlScene *self, const graphene_point_t *point, double tolerance)
{
  AlSceneHit hit = { AL_SCENE_HIT_NONE, 0 };
  g_autoptr (GArray) found = NULL;
  graphene_rect_t around;
  double reach, best = G_MAXDOUBLE;
  int lane;

  g_return_val_if_fail (AL_IS_SCENE (self), hit);
  g_return_val_if_fail (point != NULL, hit);

  ensure_layout (self);
  if (!isfinite (point->x) || !isfinite (point->y))
    return hit;
  tolerance = isfinite (tolerance) ? MAX (tolerance, 0.0) : 0.0;
  found = g_array_new (FALSE, FALSE, sizeof (guint));

  reach = tolerance + AL_SCENE_HANDLE_RADIUS;
  graphene_rect_init (&around, point->x - reach, point->y - reach, 2 * reach, 2 * reach);
  al_scene_query_rect (self, &around, found, NULL);
  for (guint k = found->len; k > 0; k--)
    {
      guint i = g_array_index (found, guint, k - 1);
      const AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);

      if (graphene_point_distance (&card->handle, point, NULL, NULL) <= reach)
        return (AlSceneHit) { AL_SCENE_HIT_HANDLE, i };
    }
  for (guint k = found->len; k > 0; k--)
    {
      guint i = g_array_index (found, guint, k - 1);
      const AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);

      if (graphene_rect_contains_point (&card->bounds, point))
        return (AlSceneHit) { AL_SCENE_HIT_CARD, i };
    }

  /* The nearest edge within reach of the point (its stroke is ~2 wide). */
  g_array_set_size (found, 0);
  reach = tolerance + 2;
  graphene_rect_init (&around, point->x - reach, point->y - reach, 2 * reach, 2 * reach);
  al_scene_query_rect (self, &around, NULL, found);
  for (guint k = 0; k < found->len; k++)
    {
      guint i = g_array_index (found, guint, k);
      double d = edge_distance (&g_array_index (self->edges, AlSceneEdge, i), point);

      if (d <= reach && d <= best)
        {
          best = d;
          hit = (AlSceneHit) { AL_SCENE_HIT_EDGE, i };
        }
    }
  if (hit.kind == AL_SCENE_HIT_EDGE)
    return hit;

  lane = al_scene_lane_at_y (self, point->y);
  if (lane >= 0)
    {
      const AlSceneLane *l = &g_array_index (self->lanes, AlSceneLane, lane);

      if (graphene_rect_contains_point (&l->header, point))
        return (AlSceneHit) { AL_SCENE_HIT_LANE_HEADER, (guint) lane };
      if (point->x >= l->content.origin.x && point->x < rect_right (&l->content))
        return (AlSceneHit) { AL_SCENE_HIT_LANE, (guint) lane };
    }
  return hit;
}

static void
content_origin (AlScene *self, guint lane_index, graphene_point_t *origin)
{
  if (lane_index < self->lanes->len)
    *origin = g_array_index (self->lanes, AlSceneLane, lane_index).content.origin;
  else
    *origin = self->orphan_origin;
}

void
al_scene_position_to_point (AlScene *self, guint lane_index, const graphene_point_t *position,
                            graphene_point_t *point)
{
  graphene_point_t origin;

  g_return_if_fail (AL_IS_SCENE (self));
  g_return_if_fail (position != NULL && point != NULL);

  ensure_layout (self);
  content_origin (self, lane_index, &origin);
  point->x = origin.x + position->x;
  point->y = origin.y + position->y;
}

void
al_scene_point_to_position (AlScene *self, guint lane_index, const graphene_point_t *point,
                            graphene_point_t *position)
{
  graphene_point_t origin;

  g_return_if_fail (AL_IS_SCENE (self));
  g_return_if_fail (position != NULL && point != NULL);

  ensure_layout (self);
  content_origin (self, lane_index, &origin);
  position->x = point->x - origin.x;
  position->y = point->y - origin.y;
}
