/* al-render.c: one render node tree for a scene and a view state */
#include "al-render.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "al-bezier.h"
#include "al-render-private.h"
#include "al-scene-private.h"

/* Below this zoom cards are plain coloured blocks and edges straight
 * lines: text would be unreadable and costs most of the frame. */
#define LOD_TEXT_ZOOM   0.35
/* Below this, arrowheads and edge labels go too. */
#define LOD_ARROW_ZOOM  0.15
/* Cross-arch labels need some room on screen. */
#define LOD_LABEL_ZOOM  0.5
/* What is drawn around an item's bounds (handles, badges, labels, outlines):
 * the visible rectangle is widened by this for the spatial query. */
#define QUERY_MARGIN    56.0

#define CARD_RADIUS     8.0
#define ARCH_STRIP      4.0

void
al_render_view_init (AlRenderView *view, double zoom, const graphene_rect_t *visible)
{
  g_return_if_fail (view != NULL);

  memset (view, 0, sizeof *view);
  view->zoom = zoom > 0 ? zoom : 1.0;
  if (visible != NULL)
    view->visible = *visible;
  view->drop_lane = -1;
}

/* Shapes ------------------------------------------------------------------ */

void
al_render_append_rounded (GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius,
                          const GdkRGBA *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, MIN (radius, MIN (rect->size.width,
                                                                     rect->size.height) / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

void
al_render_append_outline (GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius,
                          float width, const GdkRGBA *color)
{
  GskRoundedRect rounded;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rounded, rect, MIN (radius, MIN (rect->size.width,
                                                                     rect->size.height) / 2));
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

void
al_render_mix (const GdkRGBA *a, const GdkRGBA *b, float t, GdkRGBA *out)
{
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha + (b->alpha - a->alpha) * t;
}

void
al_render_with_alpha (const GdkRGBA *color, float alpha, GdkRGBA *out)
{
  *out = *color;
  out->alpha = color->alpha * alpha;
}

static gboolean
rects_overlap (const graphene_rect_t *a, const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width && b->origin.x < a->origin.x + a->size.width &&
         a->origin.y < b->origin.y + b->size.height && b->origin.y < a->origin.y + a->size.height;
}

/* Lanes ------------------------------------------------------------------- */

static void
draw_lane_header (AlRenderContext *ctx, const AlSceneLane *lane, const GdkRGBA *arch_color)
{
  const AlTheme *theme = ctx->theme;
  const char *label = al_lane_get_label (lane->lane);
  const char *arch = al_lane_get_arch (lane->lane);
  g_autofree char *count = NULL;
  double x = lane->header.origin.x + ARCH_STRIP + 16;
  double y = lane->header.origin.y + 18;
  double width = lane->header.size.width - ARCH_STRIP - 32;
  const AlRenderText *layout;
  graphene_rect_t pill;
  int w, h;

  if (label == NULL || label[0] == '\0')
    label = arch;
  layout = al_render_text (ctx, AL_TEXT_LANE_LABEL, label, width);
  al_render_append_text (ctx, layout, x, y, &theme->text);
  al_render_text_get_size (layout, NULL, &h);
  y += h + 8;

  /* The arch in a pill of its colour, as in the palette. */
  if (arch != NULL && arch[0] != '\0')
    {
      layout = al_render_text (ctx, AL_TEXT_PILL, arch, width - 16);
      al_render_text_get_size (layout, &w, &h);
      graphene_rect_init (&pill, x, y, w + 16, h + 6);
      al_render_append_rounded (ctx->snapshot, &pill, pill.size.height / 2, arch_color);
      /* Dark themes have light arch colours: dark ink reads better. */
      al_render_append_text (ctx, layout, x + 8, y + 3,
                             theme->dark ? &(GdkRGBA) { 0, 0, 0, 0.85f }
                                         : &(GdkRGBA) { 1, 1, 1, 1 });
      y += pill.size.height + 8;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u component", "%u components",
                                        lane->n_components),
                           lane->n_components);
  layout = al_render_text (ctx, AL_TEXT_SMALL, count, width);
  al_render_append_text (ctx, layout, x, y, &theme->text_dim);
}

static void
draw_lanes (AlRenderContext *ctx)
{
  const AlTheme *theme = ctx->theme;
  const AlRenderView *view = ctx->view;
  GtkSnapshot *snapshot = ctx->snapshot;
  guint n_lanes = al_scene_get_n_lanes (ctx->scene);

  for (guint i = 0; i < n_lanes; i++)
    {
      const AlSceneLane *lane = al_scene_get_lane (ctx->scene, i);
      graphene_rect_t r;
      GdkRGBA arch_color;

      if (!rects_overlap (&lane->bounds, &ctx->area))
        continue;
      al_theme_get_arch_color (theme, al_lane_get_arch (lane->lane), &arch_color);

      gtk_snapshot_append_color (snapshot, &theme->lane_band[i % 2], &lane->content);
      gtk_snapshot_append_color (snapshot, &theme->lane_header, &lane->header);
      graphene_rect_init (&r, lane->header.origin.x, lane->header.origin.y, ARCH_STRIP,
                          lane->header.size.height);
      gtk_snapshot_append_color (snapshot, &arch_color, &r);
      /* Hairlines between header and content and under each lane. */
      graphene_rect_init (&r, lane->content.origin.x - 1, lane->bounds.origin.y, 1,
                          lane->bounds.size.height);
      gtk_snapshot_append_color (snapshot, &theme->lane_border, &r);
      graphene_rect_init (&r, lane->bounds.origin.x, lane->bounds.origin.y +
                          lane->bounds.size.height - 1, lane->bounds.size.width, 1);
      gtk_snapshot_append_color (snapshot, &theme->lane_border, &r);

      if (ctx->text && rects_overlap (&lane->header, &ctx->area))
        draw_lane_header (ctx, lane, &arch_color);

      if (view->drop_lane >= 0 && (guint) view->drop_lane == i)
        {
          const GdkRGBA *color = view->drop_refused ? &theme->error : &theme->accent;
          GdkRGBA tint;

          r = lane->content;
          al_render_with_alpha (color, view->drop_refused ? 0.12 : 0.08, &tint);
          gtk_snapshot_append_color (snapshot, &tint, &r);
          al_render_append_outline (snapshot, &r, 0, 2, color);
        }
    }
}

/* The area below the lanes where components of unknown lanes are put. */
static void
draw_orphan_area (AlRenderContext *ctx)
{
  guint n_lanes = al_scene_get_n_lanes (ctx->scene);
  guint n_cards = al_scene_get_n_cards (ctx->scene), on_lanes = 0;
  graphene_rect_t bounds, r;
  graphene_point_t origin, zero = GRAPHENE_POINT_INIT_ZERO;
  const AlRenderText *layout;
  GdkRGBA tint;

  for (guint i = 0; i < n_lanes; i++)
    on_lanes += al_scene_get_lane (ctx->scene, i)->n_components;
  if (on_lanes == n_cards)
    return;

  al_scene_get_bounds (ctx->scene, &bounds);
  al_scene_position_to_point (ctx->scene, G_MAXUINT, &zero, &origin);
  graphene_rect_init (&r, 0, origin.y - AL_SCENE_LANE_PADDING / 2,
                      MAX (bounds.origin.x + bounds.size.width, AL_SCENE_LANE_HEADER_WIDTH),
                      bounds.origin.y + bounds.size.height - origin.y + AL_SCENE_LANE_PADDING);
  if (!rects_overlap (&r, &ctx->area))
    return;
  al_render_with_alpha (&ctx->theme->error, 0.06, &tint);
  gtk_snapshot_append_color (ctx->snapshot, &tint, &r);
  if (ctx->text)
    {
      layout = al_render_text (ctx, AL_TEXT_LANE_LABEL, _("Not on a lane"),
                               AL_SCENE_LANE_HEADER_WIDTH - 32);
      al_render_append_text (ctx, layout, 20, r.origin.y + 18, &ctx->theme->error);
    }
}

/* Overlays ---------------------------------------------------------------- */

static void
draw_rubber_band (AlRenderContext *ctx)
{
  const graphene_rect_t *band = &ctx->view->rubber_band;
  graphene_rect_t r;
  GdkRGBA fill;

  if (band->size.width == 0 && band->size.height == 0)
    return;
  graphene_rect_normalize_r (band, &r);
  al_render_with_alpha (&ctx->theme->accent, 0.15, &fill);
  gtk_snapshot_append_color (ctx->snapshot, &fill, &r);
  al_render_append_outline (ctx->snapshot, &r, 0, 1 / ctx->view->zoom, &ctx->theme->accent);
}

static void
draw_drop_ghost (AlRenderContext *ctx)
{
  const graphene_rect_t *ghost = &ctx->view->drop_ghost;
  const GdkRGBA *color = ctx->view->drop_refused ? &ctx->theme->error : &ctx->theme->accent;
  graphene_rect_t r, clip;
  GdkRGBA fill;
  cairo_t *cr;

  if (ghost->size.width <= 0 || ghost->size.height <= 0)
    return;
  r = *ghost;
  graphene_rect_inset_r (&r, -2, -2, &clip);
  if (!graphene_rect_intersection (&clip, &ctx->view->visible, &clip))
    return;
  al_render_with_alpha (color, 0.10, &fill);
  al_render_append_rounded (ctx->snapshot, &r, CARD_RADIUS, &fill);

  /* Border nodes cannot be dashed. */
  cr = gtk_snapshot_append_cairo (ctx->snapshot, &clip);
  al_render_rounded_path (cr, r.origin.x + 0.75, r.origin.y + 0.75, r.size.width - 1.5,
                          r.size.height - 1.5, CARD_RADIUS);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
draw_link_preview (AlRenderContext *ctx)
{
  const AlRenderView *view = ctx->view;
  const AlSceneCard *card;
  graphene_point_t start, end = view->link_to;
  double d, dx, dy;
  cairo_t *cr;

  if (!view->linking || view->link_from_card >= al_scene_get_n_cards (ctx->scene))
    return;
  card = al_scene_get_card (ctx->scene, view->link_from_card);
  start = card->handle;
  if (view->dragging && ctx->dragged != NULL && ctx->dragged[view->link_from_card])
    {
      start.x += view->drag_offset.x;
      start.y += view->drag_offset.y;
    }
  d = CLAMP (fabs (end.x - start.x) * 0.5, 24.0, 160.0);

  cr = gtk_snapshot_append_cairo (ctx->snapshot, &view->visible);
  cairo_move_to (cr, start.x, start.y);
  cairo_curve_to (cr, start.x + d, start.y, end.x - (end.x >= start.x ? d : -d), end.y,
                  end.x, end.y);
  gdk_cairo_set_source_rgba (cr, &ctx->theme->accent);
  cairo_set_line_width (cr, 2.5);
  cairo_set_dash (cr, (double[]) { 7, 5 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  dx = end.x - start.x;
  dy = end.y - start.y;
  if (fabs (dx) + fabs (dy) > 1)
    {
      double len = sqrt (dx * dx + dy * dy);

      /* The curve arrives horizontally; point the arrow the same way. */
      dx = end.x >= start.x ? 1 : -1;
      dy = 0;
      if (len < 2 * d)
        {
          dx = (end.x - start.x) / len;
          dy = (end.y - start.y) / len;
        }
      al_render_arrowhead_path (cr, &end, dx, dy);
      cairo_fill (cr);
    }
  cairo_arc (cr, start.x, start.y, AL_SCENE_HANDLE_RADIUS, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
}

/* Entry points ------------------------------------------------------------ */

static void
mark_dragged (AlRenderContext *ctx)
{
  GHashTableIter iter;
  gpointer key;
  guint n_cards = al_scene_get_n_cards (ctx->scene);

  ctx->dragged = NULL;
  if (!ctx->view->dragging || ctx->view->selected == NULL || n_cards == 0)
    return;
  ctx->dragged = g_new0 (guint8, n_cards);
  g_hash_table_iter_init (&iter, ctx->view->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int i;

      if (!AL_IS_COMPONENT (key))
        continue;
      i = al_scene_find_card (ctx->scene, key);
      if (i >= 0)
        {
          ctx->dragged[i] = 1;
          ctx->n_dragged++;
        }
    }
  if (ctx->n_dragged == 0)
    g_clear_pointer (&ctx->dragged, g_free);
}

void
al_render_scene (AlScene *scene, const AlTheme *theme, PangoContext *pango_context,
                 const AlRenderView *view, GtkSnapshot *snapshot)
{
  AlRenderContext ctx = { 0 };

  g_return_if_fail (AL_IS_SCENE (scene));
  g_return_if_fail (theme != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (pango_context));
  g_return_if_fail (view != NULL);
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));

  if (!(view->visible.size.width > 0 && view->visible.size.height > 0) ||
      !isfinite (view->visible.size.width) || !isfinite (view->visible.size.height))
    return;

  /* GTK registers the node types in gtk_init(); without a display nobody
   * calls it, and the first node would abort. Any node type's get_type()
   * registers them all. */
  g_type_ensure (GSK_TYPE_CONTAINER_NODE);

  al_scene_update (scene);
  ctx.scene = scene;
  ctx.theme = theme;
  ctx.pango = pango_context;
  ctx.view = view;
  ctx.snapshot = snapshot;
  ctx.zoom = view->zoom > 0 && isfinite (view->zoom) ? view->zoom : 1.0;
  ctx.text = ctx.zoom >= LOD_TEXT_ZOOM;
  ctx.curves = ctx.zoom >= LOD_TEXT_ZOOM;
  ctx.arrows = ctx.zoom >= LOD_ARROW_ZOOM;
  ctx.labels = ctx.zoom >= LOD_LABEL_ZOOM;
  ctx.area = view->visible;
  graphene_rect_inset (&ctx.area, -QUERY_MARGIN, -QUERY_MARGIN);
  al_render_text_begin (&ctx);
  mark_dragged (&ctx);

  /* Nothing may be drawn outside the visible rectangle: the canvas relies
   * on it, and cairo nodes must stay small. */
  gtk_snapshot_push_clip (snapshot, &view->visible);

  if (theme->background.alpha > 0)
    gtk_snapshot_append_color (snapshot, &theme->background, &view->visible);
  draw_lanes (&ctx);
  draw_orphan_area (&ctx);
  /* Where a carried card would land marks the lane, under everything on it. */
  if (view->drop_ghost.size.width > 0)
    draw_drop_ghost (&ctx);
  al_render_edges (&ctx);
  al_render_cards (&ctx);
  draw_link_preview (&ctx);
  draw_rubber_band (&ctx);

  gtk_snapshot_pop (snapshot);

  g_free (ctx.dragged);
  al_render_text_end (&ctx);
}

GskRenderNode *
al_render_scene_to_node (AlScene *scene, const AlTheme *theme, PangoContext *pango_context,
                         const AlRenderView *view)
{
  GtkSnapshot *snapshot;

  g_return_val_if_fail (AL_IS_SCENE (scene), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  snapshot = gtk_snapshot_new ();
  al_render_scene (scene, theme, pango_context, view, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}
