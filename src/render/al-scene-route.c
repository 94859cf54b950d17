/* al-scene-route.c: where the curves of dependencies run */
#include "al-scene-private.h"

#include <math.h>

#include "al-bezier.h"

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

  if (same_lane && to->origin.x >= al_rect_right (from) + gap)
    {
      *from_side = SIDE_RIGHT;
      *to_side = SIDE_LEFT;
    }
  else if (same_lane && al_rect_right (to) <= from->origin.x - gap)
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
      p->x = side == SIDE_LEFT ? r->origin.x : al_rect_right (r);
      p->y = r->origin.y + r->size.height * offset;
      break;
    case SIDE_TOP:
    case SIDE_BOTTOM:
    default:
      p->x = r->origin.x + r->size.width * offset;
      p->y = side == SIDE_TOP ? r->origin.y : al_rect_bottom (r);
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
  double right = al_rect_right (card);
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

static gboolean
keep_card (gpointer data, guint item, const graphene_rect_t *rect)
{
  const graphene_rect_t *b = &g_array_index ((GArray *) data, AlSceneCard, item).bounds;

  return b->origin.x <= al_rect_right (rect) && rect->origin.x <= al_rect_right (b) &&
         b->origin.y <= al_rect_bottom (rect) && rect->origin.y <= al_rect_bottom (b);
}

/* The nearest card other than @from and @to that meets @rect, or -1;
 * "nearest" to @rect's left (@toward > 0) or right (@toward < 0) side, or
 * any (@toward == 0). */
static int
find_blocker (const AlRouteContext *ctx, const graphene_rect_t *rect, guint from, guint to,
              int toward, GArray *scratch)
{
  int best = -1;
  double best_x = 0;

  if (rect->size.width <= 0 || rect->size.height <= 0)
    return -1;
  g_array_set_size (scratch, 0);
  al_grid_query (ctx->card_grid, rect, ctx->card_stamps, ctx->next_stamp (ctx->data),
                 keep_card, ctx->cards, scratch);
  for (guint k = 0; k < scratch->len; k++)
    {
      guint i = g_array_index (scratch, guint, k);
      const graphene_rect_t *b = &g_array_index (ctx->cards, AlSceneCard, i).bounds;

      if (i == from || i == to)
        continue;
      if (toward == 0)
        return (int) i;
      if (best < 0 || (toward > 0 ? b->origin.x < best_x : al_rect_right (b) > best_x))
        {
          best = (int) i;
          best_x = toward > 0 ? b->origin.x : al_rect_right (b);
        }
    }
  return best;
}

/* Whether a card other than the two ends stands between two cards side by
 * side, where a horizontal curve would pass under it and seem to start or
 * end there. */
static gboolean
corridor_blocked (const AlRouteContext *ctx, guint from, guint to, GArray *scratch)
{
  const graphene_rect_t *a = &g_array_index (ctx->cards, AlSceneCard, from).bounds;
  const graphene_rect_t *b = &g_array_index (ctx->cards, AlSceneCard, to).bounds;
  double x0 = MIN (al_rect_right (a), al_rect_right (b));
  double x1 = MAX (a->origin.x, b->origin.x);
  double ya = a->origin.y + a->size.height / 2, yb = b->origin.y + b->size.height / 2;
  graphene_rect_t corridor = GRAPHENE_RECT_INIT (x0 + 1, MIN (ya, yb) - 12,
                                                 MAX (x1 - x0 - 2, 0), fabs (ya - yb) + 24);

  return find_blocker (ctx, &corridor, from, to, 0, scratch) >= 0;
}

/* For two cards one above the other with a card between them: the depth
 * of an arc around the blocker on the side with more room, and that side;
 * 0 when nothing is in the way. */
static double
vertical_detour (const AlRouteContext *ctx, guint from, guint to, GArray *scratch, Side *side)
{
  const graphene_rect_t *a = &g_array_index (ctx->cards, AlSceneCard, from).bounds;
  const graphene_rect_t *b = &g_array_index (ctx->cards, AlSceneCard, to).bounds;
  const AlSceneCard *card = &g_array_index (ctx->cards, AlSceneCard, from);
  double ox0 = MAX (a->origin.x, b->origin.x), ox1 = MIN (al_rect_right (a), al_rect_right (b));
  double y0 = MIN (al_rect_bottom (a), al_rect_bottom (b)), y1 = MAX (a->origin.y, b->origin.y);
  double top = MIN (a->origin.y, b->origin.y), bottom = MAX (al_rect_bottom (a), al_rect_bottom (b));
  double left = MIN (a->origin.x, b->origin.x), right = MAX (al_rect_right (a), al_rect_right (b));
  double limit = left - 200, room_left, room_right;
  graphene_rect_t gap = GRAPHENE_RECT_INIT (ox0 + 1, y0 + 1, ox1 - ox0 - 2, y1 - y0 - 2);
  graphene_rect_t strip;
  int blocker;

  /* Far apart, a detour would run along a whole column of cards: keep the
   * straight way (and the cost of looking around bounded). */
  if (gap.size.height > 640 || find_blocker (ctx, &gap, from, to, 0, scratch) < 0)
    return 0;

  strip = GRAPHENE_RECT_INIT (right + 1, top, 200, bottom - top);
  blocker = find_blocker (ctx, &strip, from, to, 1, scratch);
  room_right = blocker < 0 ? 200
                           : g_array_index (ctx->cards, AlSceneCard, blocker).bounds.origin.x - right;
  /* Not over the lane's header. */
  if (card->lane_index < ctx->lanes->len)
    limit = MAX (limit, g_array_index (ctx->lanes, AlSceneLane, card->lane_index).content.origin.x);
  strip = GRAPHENE_RECT_INIT (limit, top, MAX (left - 1 - limit, 0), bottom - top);
  blocker = find_blocker (ctx, &strip, from, to, -1, scratch);
  room_left = blocker < 0 ? left - limit
                          : left - al_rect_right (&g_array_index (ctx->cards, AlSceneCard,
                                                               blocker).bounds);
  *side = room_right >= room_left ? SIDE_RIGHT : SIDE_LEFT;
  /* Halfway into the room, or less: a cubic with both controls at depth d
   * bulges 3/4 d. */
  return CLAMP (MAX (room_right, room_left) * 0.5 / 0.75, 24.0, 120.0);
}

/* Room between a card and the top or bottom of its lane. */
static double
lane_room (const AlRouteContext *ctx, guint card_index, Side side)
{
  const AlSceneCard *card = &g_array_index (ctx->cards, AlSceneCard, card_index);
  const graphene_rect_t *lane;

  if (card->lane_index >= ctx->lanes->len)
    return 48;
  lane = &g_array_index (ctx->lanes, AlSceneLane, card->lane_index).bounds;
  return side == SIDE_TOP ? card->bounds.origin.y - lane->origin.y
                          : al_rect_bottom (lane) - al_rect_bottom (&card->bounds);
}

/* Sides for an edge of the layout: like choose_sides(), but a curve
 * between cards of one row with cards between them arcs over (or under)
 * them within the lane, and one between rows runs through the gap between
 * the rows. Returns the depth of an arc, 0 for other curves. */
static double
choose_layout_sides (const AlRouteContext *ctx, const AlSceneEdge *edge, GArray *scratch, Side *from_side,
                     Side *to_side)
{
  const graphene_rect_t *a = &g_array_index (ctx->cards, AlSceneCard, edge->from_card).bounds;
  const graphene_rect_t *b = &g_array_index (ctx->cards, AlSceneCard, edge->to_card).bounds;
  double above, below, room;

  choose_sides (a, b, !edge->cross_arch, from_side, to_side);
  if (*from_side != SIDE_LEFT && *from_side != SIDE_RIGHT)
    {
      Side side;
      double depth = vertical_detour (ctx, edge->from_card, edge->to_card, scratch, &side);

      if (depth > 0)
        *from_side = *to_side = side;
      return depth;
    }
  /* Several rows apart, a horizontal curve would cross whatever stands in
   * between: go vertically without asking. */
  if (fabs (a->origin.y - b->origin.y) > 2 * a->size.height)
    {
      *from_side = b->origin.y > a->origin.y ? SIDE_BOTTOM : SIDE_TOP;
      *to_side = b->origin.y > a->origin.y ? SIDE_TOP : SIDE_BOTTOM;
      return 0;
    }
  if (!corridor_blocked (ctx, edge->from_card, edge->to_card, scratch))
    return 0;
  if (fabs ((a->origin.y + a->size.height / 2) - (b->origin.y + b->size.height / 2)) >
      a->size.height / 2)
    {
      gboolean down = b->origin.y > a->origin.y;

      *from_side = down ? SIDE_BOTTOM : SIDE_TOP;
      *to_side = down ? SIDE_TOP : SIDE_BOTTOM;
      return 0;
    }
  above = MIN (lane_room (ctx, edge->from_card, SIDE_TOP),
               lane_room (ctx, edge->to_card, SIDE_TOP));
  below = MIN (lane_room (ctx, edge->from_card, SIDE_BOTTOM),
               lane_room (ctx, edge->to_card, SIDE_BOTTOM));
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
spread_anchors (const AlRouteContext *ctx, GArray *edges, const guint8 *sides)
{
  guint n_slots = ctx->cards->len * 4;
  g_autofree guint *start = g_new0 (guint, n_slots + 1);
  g_autofree Anchor *anchors = NULL;
  guint n_anchors;

  for (guint e = 0; e < edges->len; e++)
    {
      const AlSceneEdge *edge = &g_array_index (edges, AlSceneEdge, e);

      if (edge->from_card == edge->to_card)
        continue;
      start[edge->from_card * 4 + sides[2 * e] + 1]++;
      start[edge->to_card * 4 + sides[2 * e + 1] + 1]++;
    }
  for (guint k = 0; k < n_slots; k++)
    start[k + 1] += start[k];
  n_anchors = start[n_slots];
  anchors = g_new (Anchor, MAX (n_anchors, 1));

  for (guint e = 0; e < edges->len; e++)
    {
      const AlSceneEdge *edge = &g_array_index (edges, AlSceneEdge, e);

      if (edge->from_card == edge->to_card)
        continue;
      for (guint end = 0; end < 2; end++)
        {
          guint card = end ? edge->to_card : edge->from_card;
          guint other = end ? edge->from_card : edge->to_card;
          Side side = sides[2 * e + end];
          const graphene_rect_t *o = &g_array_index (ctx->cards, AlSceneCard, other).bounds;
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
      const graphene_rect_t *r = &g_array_index (ctx->cards, AlSceneCard, k / 4).bounds;
      Side side = k % 4;
      double length = side == SIDE_TOP || side == SIDE_BOTTOM ? r->size.width : r->size.height;
      double spacing = n > 1 ? MIN (18.0, length * 0.6 / (n - 1)) : 0;

      if (n > 1)
        qsort (anchors + start[k], n, sizeof (Anchor), compare_anchors);
      for (guint a = 0; a < n; a++)
        {
          const Anchor *anchor = &anchors[start[k] + a];
          AlSceneEdge *edge = &g_array_index (edges, AlSceneEdge, anchor->edge);
          double offset = 0.5 + (a - (n - 1) / 2.0) * spacing / length;

          /* A lone arrow onto a right side would hide in the connector
           * handle: it arrives above it. */
          if (side == SIDE_RIGHT && n == 1 && anchor->end == 1)
            offset = 0.28;

          side_point (r, side, offset, anchor->end ? &edge->end : &edge->start);
        }
    }
}

void
al_scene_route_edges (const AlRouteContext *ctx, GArray *edges)
{
  g_autofree guint8 *sides = g_new (guint8, 2 * MAX (edges->len, 1));
  g_autofree float *arcs = g_new0 (float, MAX (edges->len, 1));
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint e = 0; e < edges->len; e++)
    {
      const AlSceneEdge *edge = &g_array_index (edges, AlSceneEdge, e);
      Side from_side = SIDE_RIGHT, to_side = SIDE_LEFT;

      if (edge->from_card != edge->to_card)
        arcs[e] = choose_layout_sides (ctx, edge, scratch, &from_side, &to_side);
      sides[2 * e] = from_side;
      sides[2 * e + 1] = to_side;
    }

  spread_anchors (ctx, edges, sides);

  for (guint e = 0; e < edges->len; e++)
    {
      AlSceneEdge *edge = &g_array_index (edges, AlSceneEdge, e);

      if (edge->from_card == edge->to_card)
        route_loop (&g_array_index (ctx->cards, AlSceneCard, edge->from_card).bounds, edge);
      else
        set_controls (edge, sides[2 * e], sides[2 * e + 1], arcs[e]);
      edge_compute_bounds (edge);
    }
}
