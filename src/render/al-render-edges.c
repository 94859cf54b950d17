/* al-render-edges.c: dependencies as curves with arrowheads */
#include "al-render-private.h"

#include <math.h>

#include "al-bezier.h"
#include "al-scene-private.h"

/* Stacking: plain edges at the bottom, then cross-arch ones, edges with
 * problems, the hovered and the selected one on top. */
typedef enum
{
  LAYER_PLAIN,
  LAYER_CROSS_ARCH,
  LAYER_PROBLEM,
  LAYER_HOVERED,
  LAYER_SELECTED,
  N_LAYERS
} Layer;

typedef struct
{
  AlSceneEdge geometry;  /* moved when one of its cards is dragged */
  guint       index;
  Layer       layer;
} EdgeDraw;

void
al_render_rounded_path (cairo_t *cr, double x, double y, double width, double height,
                        double radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
al_render_arrowhead_points (const graphene_point_t *tip, double dx, double dy,
                            graphene_point_t points[3])
{
  double bx = tip->x - dx * AL_BEZIER_ARROW_LENGTH;
  double by = tip->y - dy * AL_BEZIER_ARROW_LENGTH;
  double half = AL_BEZIER_ARROW_WIDTH / 2;

  points[0] = *tip;
  graphene_point_init (&points[1], bx - dy * half, by + dx * half);
  graphene_point_init (&points[2], bx + dy * half, by - dx * half);
}

void
al_render_arrowhead_path (cairo_t *cr, const graphene_point_t *tip, double dx, double dy)
{
  graphene_point_t points[3];

  al_render_arrowhead_points (tip, dx, dy, points);
  cairo_move_to (cr, points[0].x, points[0].y);
  cairo_line_to (cr, points[1].x, points[1].y);
  cairo_line_to (cr, points[2].x, points[2].y);
  cairo_close_path (cr);
}

static const cairo_user_data_key_t shapes_key;

const GArray *
al_render_edges_get_shapes (cairo_surface_t *recording)
{
  return recording != NULL ? cairo_surface_get_user_data (recording, &shapes_key) : NULL;
}

static gboolean
is_dragged (AlRenderContext *ctx, guint card)
{
  return ctx->dragged != NULL && ctx->dragged[card];
}

static void
offset_rect (const graphene_rect_t *r, const graphene_point_t *by, graphene_rect_t *out)
{
  graphene_rect_offset_r (r, by->x, by->y, out);
}

/* The edge as it is while its cards are being dragged. */
static void
moved_geometry (AlRenderContext *ctx, const AlSceneEdge *edge, AlSceneEdge *out)
{
  const AlSceneCard *from = al_scene_get_card (ctx->scene, edge->from_card);
  const AlSceneCard *to = al_scene_get_card (ctx->scene, edge->to_card);
  graphene_rect_t a = from->bounds, b = to->bounds;

  *out = *edge;
  if (is_dragged (ctx, edge->from_card))
    offset_rect (&from->bounds, &ctx->view->drag_offset, &a);
  if (is_dragged (ctx, edge->to_card))
    offset_rect (&to->bounds, &ctx->view->drag_offset, &b);
  al_scene_route_edge (&a, &b, !edge->cross_arch, edge->from_card == edge->to_card, out);
}

static Layer
edge_layer (AlRenderContext *ctx, const AlSceneEdge *edge)
{
  const AlRenderView *view = ctx->view;

  if (view->selected != NULL && g_hash_table_contains (view->selected, edge->dependency))
    return LAYER_SELECTED;
  if (view->hovered != NULL && view->hovered == (gpointer) edge->dependency)
    return LAYER_HOVERED;
  if (edge->n_errors > 0)
    return LAYER_PROBLEM;
  if (edge->cross_arch)
    return LAYER_CROSS_ARCH;
  return LAYER_PLAIN;
}

static void
collect (AlRenderContext *ctx, GArray *draws)
{
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_edges = al_scene_get_n_edges (ctx->scene);

  al_scene_query_rect (ctx->scene, &ctx->area, NULL, found);
  for (guint k = 0; k < found->len; k++)
    {
      guint i = g_array_index (found, guint, k);
      const AlSceneEdge *edge = al_scene_get_edge (ctx->scene, i);
      EdgeDraw draw;

      if (is_dragged (ctx, edge->from_card) || is_dragged (ctx, edge->to_card))
        continue;
      draw.geometry = *edge;
      draw.index = i;
      draw.layer = edge_layer (ctx, edge);
      g_array_append_val (draws, draw);
    }

  /* Edges of dragged cards follow them, wherever they were. */
  if (ctx->dragged == NULL)
    return;
  for (guint i = 0; i < n_edges; i++)
    {
      const AlSceneEdge *edge = al_scene_get_edge (ctx->scene, i);
      EdgeDraw draw;

      if (!is_dragged (ctx, edge->from_card) && !is_dragged (ctx, edge->to_card))
        continue;
      moved_geometry (ctx, edge, &draw.geometry);
      if (!graphene_rect_intersection (&draw.geometry.bounds, &ctx->area, NULL))
        continue;
      draw.index = i;
      draw.layer = edge_layer (ctx, edge);
      g_array_append_val (draws, draw);
    }
}

static void
edge_style (AlRenderContext *ctx, const EdgeDraw *draw, GdkRGBA *color, double *width)
{
  const AlTheme *theme = ctx->theme;

  switch (draw->layer)
    {
    case LAYER_SELECTED:
      *color = theme->accent;
      *width = 3.0;
      break;
    case LAYER_HOVERED:
      *color = theme->accent;
      *width = 2.5;
      break;
    case LAYER_PROBLEM:
      *color = theme->error;
      *width = draw->geometry.cross_arch ? 2.5 : 2.0;
      break;
    case LAYER_CROSS_ARCH:
      *color = theme->edge_cross_arch;
      *width = 2.5;
      break;
    case LAYER_PLAIN:
    case N_LAYERS:
    default:
      *color = theme->edge;
      *width = 1.5;
      break;
    }
  /* Stay at least a device pixel wide when zoomed out. */
  *width = MAX (*width, 0.9 / ctx->zoom);
}

static void
edge_shape (AlRenderContext *ctx, const EdgeDraw *draw, AlRenderEdgeShape *shape)
{
  const AlSceneEdge *e = &draw->geometry;
  double dx, dy, back;

  edge_style (ctx, draw, &shape->color, &shape->width);
  if (ctx->curves)
    al_bezier_end_direction (&e->start, &e->control1, &e->control2, &e->end, &dx, &dy);
  else
    {
      double len;

      dx = e->end.x - e->start.x;
      dy = e->end.y - e->start.y;
      len = sqrt (dx * dx + dy * dy);
      dx = len > 0 ? dx / len : 1;
      dy = len > 0 ? dy / len : 0;
    }
  shape->dashed = !e->wait;
  shape->curve = ctx->curves;
  shape->arrow = ctx->arrows;

  /* The stroke stops inside the arrowhead, so its square end does not
   * blunt the tip. */
  back = ctx->arrows ? AL_BEZIER_ARROW_LENGTH * 0.7 : 0;
  if (ctx->curves)
    {
      double t = back > 0 ? al_bezier_t_before_end (&e->start, &e->control1, &e->control2,
                                                    &e->end, back)
                          : 1.0;

      al_bezier_head (&e->start, &e->control1, &e->control2, &e->end, t, shape->stroke);
    }
  else
    {
      shape->stroke[0] = e->start;
      graphene_point_init (&shape->stroke[3], e->end.x - dx * back, e->end.y - dy * back);
      shape->stroke[1] = shape->stroke[0];
      shape->stroke[2] = shape->stroke[3];
    }
  if (ctx->arrows)
    al_render_arrowhead_points (&e->end, dx, dy, shape->head);
}

static void
stroke_shape (cairo_t *cr, const AlRenderEdgeShape *shape)
{
  const graphene_point_t *p = shape->stroke;

  gdk_cairo_set_source_rgba (cr, &shape->color);
  cairo_set_line_width (cr, shape->width);
  if (shape->dashed)
    cairo_set_dash (cr, (double[]) { AL_RENDER_EDGE_DASH_ON, AL_RENDER_EDGE_DASH_OFF }, 2, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, p[0].x, p[0].y);
  if (shape->curve)
    cairo_curve_to (cr, p[1].x, p[1].y, p[2].x, p[2].y, p[3].x, p[3].y);
  else
    cairo_line_to (cr, p[3].x, p[3].y);
  cairo_stroke (cr);

  if (shape->arrow)
    {
      cairo_move_to (cr, shape->head[0].x, shape->head[0].y);
      cairo_line_to (cr, shape->head[1].x, shape->head[1].y);
      cairo_line_to (cr, shape->head[2].x, shape->head[2].y);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static const char *
card_arch (AlRenderContext *ctx, guint card_index)
{
  const AlSceneCard *card = al_scene_get_card (ctx->scene, card_index);

  if (card->lane_index >= al_scene_get_n_lanes (ctx->scene))
    return "?";
  return al_lane_get_arch (al_scene_get_lane (ctx->scene, card->lane_index)->lane);
}

/* "arm64 → amd64" in a pill on a cross-arch edge, where the scene placed
 * it (hiding no card and no other label; the same place in every tile and
 * export), and a problem count beside it or at the middle of the curve: a
 * hop between architectures is what a reader of the diagram looks for
 * first. Edges without a free place keep their colour and width. */
static void
draw_edge_marks (AlRenderContext *ctx, const EdgeDraw *draw, float label_t)
{
  const AlSceneEdge *e = &draw->geometry;
  GdkRGBA white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 0.85f };
  const GdkRGBA *ink = ctx->theme->dark ? &black : &white;
  graphene_point_t at;
  double x;
  int w, h;

  al_bezier_point (&e->start, &e->control1, &e->control2, &e->end,
                   label_t >= 0 ? label_t : 0.5, &at);
  x = at.x;
  if (label_t >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%s → %s", card_arch (ctx, e->from_card),
                                               card_arch (ctx, e->to_card));
      const AlRenderText *label = al_render_text (ctx, AL_TEXT_PILL, text, 0);
      graphene_rect_t pill;
      GdkRGBA color;
      double width;

      al_render_text_get_size (label, &w, &h);
      edge_style (ctx, draw, &color, &width);
      graphene_rect_init (&pill, at.x - (w + 12) / 2.0, at.y - (h + 4) / 2.0, w + 12, h + 4);
      al_render_append_rounded (ctx->snapshot, &pill, pill.size.height / 2, &color);
      al_render_append_text (ctx, label, pill.origin.x + 6, pill.origin.y + 2, ink);
      x = pill.origin.x + pill.size.width + 4;
    }
  if (e->n_errors + e->n_warnings > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", e->n_errors ? e->n_errors : e->n_warnings);
      const AlRenderText *badge = al_render_text (ctx, AL_TEXT_BADGE, count, 0);
      const GdkRGBA *fill = e->n_errors ? &ctx->theme->error : &ctx->theme->warning;
      graphene_rect_t b;

      al_render_text_get_size (badge, &w, &h);
      if (label_t < 0)
        x -= MAX (18, w + 8) / 2.0;
      graphene_rect_init (&b, x, at.y - 9, MAX (18, w + 8), 18);
      al_render_append_rounded (ctx->snapshot, &b, 9, fill);
      al_render_append_text (ctx, badge, x + (b.size.width - w) / 2, at.y - h / 2.0,
                             e->n_errors ? &white : &black);
    }
}

void
al_render_edges (AlRenderContext *ctx)
{
  g_autoptr (GArray) draws = g_array_new (FALSE, FALSE, sizeof (EdgeDraw));
  const float *labels;
  graphene_rect_t extent;
  GArray *shapes;
  cairo_t *cr;

  collect (ctx, draws);
  if (draws->len == 0)
    return;

  /* One cairo node for every edge, no larger than what is visible. */
  extent = g_array_index (draws, EdgeDraw, 0).geometry.bounds;
  for (guint k = 1; k < draws->len; k++)
    graphene_rect_union (&extent, &g_array_index (draws, EdgeDraw, k).geometry.bounds, &extent);
  if (!graphene_rect_intersection (&extent, &ctx->view->visible, &extent))
    return;

  shapes = g_array_sized_new (FALSE, FALSE, sizeof (AlRenderEdgeShape), draws->len);
  for (Layer layer = 0; layer < N_LAYERS; layer++)
    for (guint k = 0; k < draws->len; k++)
      {
        const EdgeDraw *draw = &g_array_index (draws, EdgeDraw, k);
        AlRenderEdgeShape shape;

        if (draw->layer != layer)
          continue;
        edge_shape (ctx, draw, &shape);
        g_array_append_val (shapes, shape);
      }

  cr = gtk_snapshot_append_cairo (ctx->snapshot, &extent);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint k = 0; k < shapes->len; k++)
    stroke_shape (cr, &g_array_index (shapes, AlRenderEdgeShape, k));
  /* The node keeps its shapes (its recording is its surface). */
  if (cairo_surface_set_user_data (cairo_get_target (cr), &shapes_key, shapes,
                                   (cairo_destroy_func_t) g_array_unref)
      != CAIRO_STATUS_SUCCESS)
    g_array_unref (shapes);
  cairo_destroy (cr);

  if (!ctx->labels || !ctx->text)
    return;
  labels = _al_scene_get_label_positions (ctx->scene);
  for (guint k = 0; k < draws->len; k++)
    {
      const EdgeDraw *draw = &g_array_index (draws, EdgeDraw, k);
      float label_t = draw->geometry.cross_arch ? labels[draw->index] : -1;

      if (label_t >= 0 || draw->geometry.n_errors + draw->geometry.n_warnings > 0)
        draw_edge_marks (ctx, draw, label_t);
    }
}
