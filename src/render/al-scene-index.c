/* al-scene-index.c: the scene's spatial index, queries and hit tests */
#include "al-scene-private.h"

#include <math.h>
#include <string.h>

#include "al-bezier.h"

/* Side of a cell of the spatial index, in scene units: a card spans one to
 * four cells, a screen of the canvas at 100 % a few dozen. */
#define CELL_SIZE 256.0
/* Edges longer than this go into a grid of cells this size. */
#define LONG_EDGE 1024.0
/* The index never has more cells than this along one axis, whatever the
 * positions (cells grow instead). */
#define MAX_CELLS_PER_AXIS 2048
/* What a card draws outside its bounds: the handle on the right edge and
 * the badge at the top-right corner. */
#define CARD_OVERHANG 12.0
/* Half the widest edge stroke plus room for the arrowhead's wings. */
#define EDGE_MARGIN (AL_BEZIER_ARROW_WIDTH / 2 + 2.0)

/* Spatial index ---------------------------------------------------------- */

static inline const graphene_point_t *
edge_points (AlScene *self, guint i)
{
  return self->polylines + (gsize) i * (AL_BEZIER_SEGMENTS + 1);
}

static void
compute_polylines (AlScene *self)
{
  g_free (self->polylines);
  self->polylines = g_new (graphene_point_t,
                           (gsize) MAX (self->edges->len, 1) * (AL_BEZIER_SEGMENTS + 1));
  for (guint e = 0; e < self->edges->len; e++)
    {
      const AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, e);
      graphene_point_t *points = self->polylines + (gsize) e * (AL_BEZIER_SEGMENTS + 1);

      for (guint i = 0; i <= AL_BEZIER_SEGMENTS; i++)
        al_bezier_point (&edge->start, &edge->control1, &edge->control2, &edge->end,
                         (double) i / AL_BEZIER_SEGMENTS, &points[i]);
    }
}

guint
_al_scene_next_stamp (AlScene *self)
{
  if (++self->query_stamp == 0)
    {
      /* Wrapped around: forget every mark so no item looks seen. */
      memset (self->card_stamps, 0, MAX (self->cards->len, 1) * sizeof (guint));
      memset (self->edge_stamps, 0, MAX (self->edges->len, 1) * sizeof (guint));
      self->query_stamp = 1;
    }
  return self->query_stamp;
}

guint
_al_scene_next_stamp_cb (gpointer data)
{
  return _al_scene_next_stamp (data);
}

static void
cover_card (AlGridBuilder *builder, guint i, gpointer data)
{
  AlScene *self = data;
  graphene_rect_t r = g_array_index (self->cards, AlSceneCard, i).bounds;

  graphene_rect_inset (&r, -CARD_OVERHANG, -CARD_OVERHANG);
  al_grid_builder_cover (builder, &r);
}

static gboolean
edge_is_long (const AlSceneEdge *edge)
{
  return MAX (edge->bounds.size.width, edge->bounds.size.height) > LONG_EDGE;
}

/* An edge goes into the cells its curve passes through, not every cell of
 * its bounding box: a long diagonal dependency would otherwise sit in a
 * large share of the grid. */
/* @group consecutive segments of the polyline share one rectangle: fewer
 * cells to visit, a little more area; queries test the curve anyway. */
static void
cover_edge (AlGridBuilder *builder, AlScene *self, guint i, guint group)
{
  const graphene_point_t *points = edge_points (self, i);

  for (guint s = 0; s < AL_BEZIER_SEGMENTS; s += group)
    {
      float x0 = points[s].x, x1 = x0, y0 = points[s].y, y1 = y0;
      graphene_rect_t r;

      for (guint k = s + 1; k <= MIN (s + group, AL_BEZIER_SEGMENTS); k++)
        {
          x0 = MIN (x0, points[k].x);
          x1 = MAX (x1, points[k].x);
          y0 = MIN (y0, points[k].y);
          y1 = MAX (y1, points[k].y);
        }
      r = GRAPHENE_RECT_INIT (x0 - EDGE_MARGIN, y0 - EDGE_MARGIN, x1 - x0 + 2 * EDGE_MARGIN,
                              y1 - y0 + 2 * EDGE_MARGIN);
      al_grid_builder_cover (builder, &r);
    }
}

static void
cover_short_edge (AlGridBuilder *builder, guint i, gpointer data)
{
  AlScene *self = data;

  if (!edge_is_long (&g_array_index (self->edges, AlSceneEdge, i)))
    cover_edge (builder, self, i, 3);
}

static void
cover_long_edge (AlGridBuilder *builder, guint i, gpointer data)
{
  AlScene *self = data;

  if (edge_is_long (&g_array_index (self->edges, AlSceneEdge, i)))
    cover_edge (builder, self, i, 4);
}

/* The grids cover the lanes and cards; what lies outside (loops, arcs over
 * the top lane) goes into their border cells. */
void
_al_scene_index_cards (AlScene *self)
{
  graphene_rect_t area = self->bounds;

  graphene_rect_inset (&area, -CELL_SIZE, -CELL_SIZE);
  self->query_stamp = 0;
  g_free (self->card_stamps);
  self->card_stamps = g_new0 (guint, MAX (self->cards->len, 1));
  al_grid_init (&self->card_grid, &area, CELL_SIZE, MAX_CELLS_PER_AXIS);
  al_grid_build (&self->card_grid, self->cards->len, cover_card, self);
}

void
_al_scene_index_edges (AlScene *self)
{
  graphene_rect_t area = self->bounds;

  graphene_rect_inset (&area, -CELL_SIZE, -CELL_SIZE);
  compute_polylines (self);
  g_free (self->edge_stamps);
  self->edge_stamps = g_new0 (guint, MAX (self->edges->len, 1));
  al_grid_init (&self->edge_grid, &area, CELL_SIZE, MAX_CELLS_PER_AXIS);
  al_grid_build (&self->edge_grid, self->edges->len, cover_short_edge, self);
  al_grid_init (&self->long_edge_grid, &area, 8 * CELL_SIZE, MAX_CELLS_PER_AXIS);
  al_grid_build (&self->long_edge_grid, self->edges->len, cover_long_edge, self);
}

/* Labels ---------------------------------------------------------------- */

static gboolean keep_card (gpointer data, guint item, const graphene_rect_t *rect);

#define LABEL_CELL 128.0

void
_al_scene_label_size (const char *from_arch, const char *to_arch, double *width, double *height)
{
  /* An estimate (the scene measures no text): wide enough for the pill the
   * renderer draws in the theme's font. */
  *width = 12 + 6.8 * (strlen (from_arch) + strlen (to_arch)) + 22;
  *height = 18;
}

static const char *
lane_arch (AlScene *self, guint card)
{
  guint lane = g_array_index (self->cards, AlSceneCard, card).lane_index;

  if (lane >= self->lanes->len)
    return "?";
  return al_lane_get_arch (g_array_index (self->lanes, AlSceneLane, lane).lane);
}

typedef struct
{
  AlGrid     grid;      /* only its geometry: cells of LABEL_CELL or more */
  GPtrArray **cells;    /* per cell, placed label rectangles */
  GPtrArray  *rects;    /* graphene_rect_t, owned */
} LabelIndex;

static gboolean
label_free (AlScene *self, LabelIndex *index, const graphene_rect_t *r, GArray *scratch)
{
  graphene_rect_t wide = *r;
  guint c0, c1, r0, r1;

  graphene_rect_inset (&wide, -4, -4);
  /* No card under it … */
  g_array_set_size (scratch, 0);
  al_grid_query (&self->card_grid, &wide, self->card_stamps, _al_scene_next_stamp (self),
                 keep_card, self, scratch);
  if (scratch->len > 0)
    return FALSE;
  /* … and no other label. */
  c0 = (guint) CLAMP (floor ((wide.origin.x - index->grid.x) / index->grid.cell), 0, index->grid.cols - 1);
  c1 = (guint) CLAMP (floor ((al_rect_right (&wide) - index->grid.x) / index->grid.cell), 0,
                      index->grid.cols - 1);
  r0 = (guint) CLAMP (floor ((wide.origin.y - index->grid.y) / index->grid.cell), 0, index->grid.rows - 1);
  r1 = (guint) CLAMP (floor ((al_rect_bottom (&wide) - index->grid.y) / index->grid.cell), 0,
                      index->grid.rows - 1);
  for (guint y = r0; y <= r1; y++)
    for (guint x = c0; x <= c1; x++)
      {
        GPtrArray *cell = index->cells[y * index->grid.cols + x];

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          if (al_rects_overlap (g_ptr_array_index (cell, k), &wide))
            return FALSE;
      }
  return TRUE;
}

static void
label_add (LabelIndex *index, const graphene_rect_t *r)
{
  graphene_rect_t *stored = g_new (graphene_rect_t, 1);
  guint c0, c1, r0, r1;

  *stored = *r;
  g_ptr_array_add (index->rects, stored);
  c0 = (guint) CLAMP (floor ((r->origin.x - index->grid.x) / index->grid.cell), 0, index->grid.cols - 1);
  c1 = (guint) CLAMP (floor ((al_rect_right (r) - index->grid.x) / index->grid.cell), 0,
                      index->grid.cols - 1);
  r0 = (guint) CLAMP (floor ((r->origin.y - index->grid.y) / index->grid.cell), 0, index->grid.rows - 1);
  r1 = (guint) CLAMP (floor ((al_rect_bottom (r) - index->grid.y) / index->grid.cell), 0,
                      index->grid.rows - 1);
  for (guint y = r0; y <= r1; y++)
    for (guint x = c0; x <= c1; x++)
      {
        GPtrArray **cell = &index->cells[y * index->grid.cols + x];

        if (*cell == NULL)
          *cell = g_ptr_array_new ();
        g_ptr_array_add (*cell, stored);
      }
}

static void
place_labels (AlScene *self)
{
  static const float places[] = { 0.5f, 0.4f, 0.6f, 0.3f, 0.7f, 0.22f, 0.78f };
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  LabelIndex index = { { 0 } };
  guint n_cells;

  g_free (self->label_t);
  self->label_t = g_new (float, MAX (self->edges->len, 1));
  al_grid_init (&index.grid, &self->bounds, LABEL_CELL, MAX_CELLS_PER_AXIS);
  n_cells = index.grid.cols * index.grid.rows;
  index.cells = g_new0 (GPtrArray *, n_cells);
  index.rects = g_ptr_array_new_with_free_func (g_free);

  /* In document order: the same document always gets the same labels. */
  for (guint e = 0; e < self->edges->len; e++)
    {
      const AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, e);
      double width, height;

      self->label_t[e] = -1;
      if (!edge->cross_arch)
        continue;
      _al_scene_label_size (lane_arch (self, edge->from_card), lane_arch (self, edge->to_card),
                            &width, &height);
      for (guint p = 0; p < G_N_ELEMENTS (places); p++)
        {
          graphene_point_t at;
          graphene_rect_t r;

          al_bezier_point (&edge->start, &edge->control1, &edge->control2, &edge->end, places[p],
                           &at);
          graphene_rect_init (&r, at.x - width / 2, at.y - height / 2, width, height);
          if (label_free (self, &index, &r, scratch))
            {
              label_add (&index, &r);
              self->label_t[e] = places[p];
              break;
            }
        }
    }

  for (guint c = 0; c < n_cells; c++)
    if (index.cells[c] != NULL)
      g_ptr_array_unref (index.cells[c]);
  g_free (index.cells);
  g_ptr_array_unref (index.rects);
  self->labels_placed = TRUE;
}

const float *
_al_scene_get_label_positions (AlScene *self)
{
  _al_scene_ensure_layout (self);
  if (!self->labels_placed)
    place_labels (self);
  return self->label_t;
}

static gboolean
edge_meets_rect (AlScene *self, guint i, const graphene_rect_t *rect)
{
  const graphene_point_t *points = edge_points (self, i);
  const graphene_rect_t *bounds = &g_array_index (self->edges, AlSceneEdge, i).bounds;
  graphene_rect_t wide = *rect;

  if (!al_rects_overlap (bounds, rect))
    return FALSE;
  if (graphene_rect_contains_rect (rect, bounds))
    return TRUE;
  graphene_rect_inset (&wide, -EDGE_MARGIN, -EDGE_MARGIN);
  for (guint s = 0; s < AL_BEZIER_SEGMENTS; s++)
    if (al_segment_intersects_rect (&points[s], &points[s + 1], &wide))
      return TRUE;
  return FALSE;
}

static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Drawing order is index order. */
static void
sort_from (GArray *array, guint first)
{
  if (array->len - first > 1)
    qsort (&g_array_index (array, guint, first), array->len - first, sizeof (guint),
           compare_uint);
}

static gboolean
keep_card (gpointer data, guint item, const graphene_rect_t *rect)
{
  AlScene *self = data;

  return al_rects_overlap (&g_array_index (self->cards, AlSceneCard, item).bounds, rect);
}

static gboolean
keep_edge (gpointer data, guint item, const graphene_rect_t *rect)
{
  AlScene *self = data;

  return edge_meets_rect (self, item, rect);
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

  _al_scene_ensure_layout (self);
  graphene_rect_normalize_r (rect, &r);
  if (!rect_is_sane (&r))
    return;
  /* Everything (zoomed to fit, an export): no need to look. */
  if (graphene_rect_contains_rect (&r, &self->bounds))
    {
      for (guint i = 0; cards != NULL && i < self->cards->len; i++)
        g_array_append_val (cards, i);
      for (guint i = 0; edges != NULL && i < self->edges->len; i++)
        g_array_append_val (edges, i);
      return;
    }
  if (cards != NULL && self->cards->len > 0)
    {
      guint first = cards->len;

      al_grid_query (&self->card_grid, &r, self->card_stamps, _al_scene_next_stamp (self), keep_card, self,
                     cards);
      sort_from (cards, first);
    }
  if (edges != NULL && self->edges->len > 0)
    {
      guint first = edges->len, stamp = _al_scene_next_stamp (self);

      al_grid_query (&self->edge_grid, &r, self->edge_stamps, stamp, keep_edge, self, edges);
      al_grid_query (&self->long_edge_grid, &r, self->edge_stamps, stamp, keep_edge, self, edges);
      sort_from (edges, first);
    }
}

static double
edge_distance (AlScene *self, guint i, const graphene_point_t *point)
{
  const graphene_point_t *points = edge_points (self, i);
  double best = G_MAXDOUBLE;

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

  _al_scene_ensure_layout (self);
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
      double d = edge_distance (self, i, point);

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
      if (point->x >= l->content.origin.x && point->x < al_rect_right (&l->content))
        return (AlSceneHit) { AL_SCENE_HIT_LANE, (guint) lane };
    }
  return hit;
}
