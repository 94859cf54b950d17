/* al-render-cards.c: components as cards */
#include "al-render-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define CARD_RADIUS   8.0
#define ACCENT_BAR    5.0
#define PAD_LEFT      (ACCENT_BAR + 12.0)
#define PAD_RIGHT     12.0
#define BADGE_RADIUS  9.0
#define CHIP_HEIGHT   18.0
#define CHIP_GAP      4.0

typedef struct
{
  guint                index;
  const AlSceneCard   *card;
  graphene_rect_t      bounds;     /* where it is drawn (moved while dragged) */
  GdkRGBA              lane_color;
  gboolean             selected;
  gboolean             hovered;
  gboolean             dragged;
  AlLinkTargetState    target;
} CardDraw;

static void
draw_badge (AlRenderContext *ctx, const CardDraw *draw, double cx, double cy)
{
  const AlSceneCard *card = draw->card;
  guint count = card->n_errors ? card->n_errors : card->n_warnings;
  g_autofree char *text = count > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", count);
  PangoLayout *layout = al_render_text (ctx, AL_TEXT_BADGE, text, 0);
  const GdkRGBA *fill = card->n_errors ? &ctx->theme->error : &ctx->theme->warning;
  GdkRGBA ink = card->n_errors ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 0.8f };
  graphene_rect_t r;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  graphene_rect_init (&r, cx - MAX (BADGE_RADIUS, w / 2.0 + 5), cy - BADGE_RADIUS,
                      MAX (2 * BADGE_RADIUS, w + 10), 2 * BADGE_RADIUS);
  al_render_append_rounded (ctx->snapshot, &r, BADGE_RADIUS, fill);
  al_render_append_text (ctx, layout, cx - w / 2.0, cy - h / 2.0, &ink);
}

static void
draw_handle (AlRenderContext *ctx, const CardDraw *draw)
{
  const double r = AL_SCENE_HANDLE_RADIUS;
  double cx = draw->bounds.origin.x + draw->bounds.size.width;
  double cy = draw->bounds.origin.y + draw->bounds.size.height / 2;
  gboolean active = draw->hovered || draw->selected ||
                    (ctx->view->linking && ctx->view->link_from_card == draw->index);
  graphene_rect_t outer = GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r);
  graphene_rect_t inner = GRAPHENE_RECT_INIT (cx - r + 2, cy - r + 2, 2 * r - 4, 2 * r - 4);

  al_render_append_rounded (ctx->snapshot, &outer, r, &draw->lane_color);
  if (!active)
    al_render_append_rounded (ctx->snapshot, &inner, r - 2, &ctx->theme->card);
}

/* "3306 MYSQL" chips in a row; what does not fit becomes "+2". */
static void
draw_port_chips (AlRenderContext *ctx, const CardDraw *draw, double x, double y, double right)
{
  AlComponent *component = draw->card->component;
  GListModel *ports = al_component_get_ports (component);
  guint n = g_list_model_get_n_items (ports);
  GdkRGBA outer_chip;

  al_render_mix (&ctx->theme->chip, &ctx->theme->accent, ctx->theme->dark ? 0.35 : 0.22,
                 &outer_chip);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (ports, i);
      g_autofree char *alias = al_component_dup_port_alias (component, port);
      g_autofree char *text = g_strdup_printf ("%d %s", al_port_get_port (port),
                                               alias ? alias : "");
      PangoLayout *layout = al_render_text (ctx, AL_TEXT_CHIP, text, right - x - 12);
      graphene_rect_t chip;
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      /* Keep room for a "+N" chip unless this is the last one. */
      if (x + w + 12 > right - (i + 1 < n ? 30 : 0) && i > 0)
        {
          g_autofree char *more = g_strdup_printf ("+%u", n - i);

          layout = al_render_text (ctx, AL_TEXT_CHIP, more, 0);
          pango_layout_get_pixel_size (layout, &w, &h);
          graphene_rect_init (&chip, x, y, w + 12, CHIP_HEIGHT);
          al_render_append_rounded (ctx->snapshot, &chip, 5, &ctx->theme->chip);
          al_render_append_text (ctx, layout, x + 6, y + (CHIP_HEIGHT - h) / 2,
                                 &ctx->theme->text_dim);
          return;
        }
      graphene_rect_init (&chip, x, y, MIN (w + 12, right - x), CHIP_HEIGHT);
      al_render_append_rounded (ctx->snapshot, &chip, 5,
                                al_port_get_outer (port) ? &outer_chip : &ctx->theme->chip);
      al_render_append_text (ctx, layout, x + 6, y + (CHIP_HEIGHT - h) / 2, &ctx->theme->text);
      x += chip.size.width + CHIP_GAP;
    }
}

static void
draw_card_text (AlRenderContext *ctx, const CardDraw *draw)
{
  const AlTheme *theme = ctx->theme;
  AlComponent *component = draw->card->component;
  const char *display_name = al_component_get_display_name (component);
  const char *name = al_component_get_name (component);
  const char *image = al_component_get_image (component);
  const graphene_rect_t *b = &draw->bounds;
  double x = b->origin.x + PAD_LEFT;
  double right = b->origin.x + b->size.width - PAD_RIGHT;
  gboolean badge = draw->card->n_errors + draw->card->n_warnings > 0;
  PangoLayout *layout;
  g_autofree char *kind = NULL;

  if (display_name == NULL || display_name[0] == '\0')
    {
      display_name = name;
      name = NULL;
    }
  layout = al_render_text (ctx, AL_TEXT_CARD_TITLE, display_name,
                           right - x - (badge ? 2 * BADGE_RADIUS + 6 : 0));
  al_render_append_text (ctx, layout, x, b->origin.y + 9, &theme->text);

  /* Without a display name the name is the title, and the kind takes its
   * line. */
  if (name == NULL || name[0] == '\0')
    {
      kind = g_strdup (al_component_get_kind (component) == AL_KIND_STATEFUL ? _("Stateful")
                                                                              : _("Stateless"));
      name = kind;
    }
  layout = al_render_text (ctx, AL_TEXT_CARD_NAME, name, right - x);
  al_render_append_text (ctx, layout, x, b->origin.y + 31, &theme->text_dim);

  if (image != NULL && image[0] != '\0')
    {
      layout = al_render_text (ctx, AL_TEXT_CARD_IMAGE, image, right - x);
      al_render_append_text (ctx, layout, x, b->origin.y + 48, &theme->text_dim);
    }

  draw_port_chips (ctx, draw, x, b->origin.y + b->size.height - CHIP_HEIGHT - 8, right);

  if (badge)
    draw_badge (ctx, draw, right - BADGE_RADIUS + 4, b->origin.y + 9 + BADGE_RADIUS);
}

static void
draw_card (AlRenderContext *ctx, const CardDraw *draw)
{
  const AlTheme *theme = ctx->theme;
  GtkSnapshot *snapshot = ctx->snapshot;
  const graphene_rect_t *b = &draw->bounds;
  GskRoundedRect rounded;
  graphene_rect_t r;
  GdkRGBA shadow = { 0, 0, 0, theme->dark ? 0.35f : 0.07f };

  if (draw->target == AL_LINK_TARGET_INVALID)
    gtk_snapshot_push_opacity (snapshot, 0.45);

  if (!ctx->text)
    {
      /* Far away: a block of the lane's colour, outlined when it matters. */
      GdkRGBA fill;
      float line = MIN (1.5 / ctx->zoom, 14.0);

      al_render_mix (&theme->card, &draw->lane_color, 0.45, &fill);
      /* Corners under a pixel are not worth a clip node each. */
      if (CARD_RADIUS * ctx->zoom < 1.5)
        gtk_snapshot_append_color (snapshot, &fill, b);
      else
        al_render_append_rounded (snapshot, b, CARD_RADIUS, &fill);
      if (draw->selected || draw->target == AL_LINK_TARGET_VALID)
        al_render_append_outline (snapshot, b, CARD_RADIUS, line, &theme->accent);
      else if (draw->card->n_errors > 0)
        al_render_append_outline (snapshot, b, CARD_RADIUS, line, &theme->error);
      else if (draw->hovered)
        al_render_append_outline (snapshot, b, CARD_RADIUS, line, &theme->hover);
      if (draw->target == AL_LINK_TARGET_INVALID)
        gtk_snapshot_pop (snapshot);
      return;
    }

  /* A soft edge below the card, deeper while it is carried. */
  graphene_rect_offset_r (b, 0, draw->dragged ? 4 : 1, &r);
  if (draw->dragged)
    {
      shadow.alpha *= 2;
      graphene_rect_inset (&r, -1, -1);
    }
  al_render_append_rounded (snapshot, &r, CARD_RADIUS + 1, &shadow);

  gsk_rounded_rect_init_from_rect (&rounded, b, CARD_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &theme->card, b);
  graphene_rect_init (&r, b->origin.x, b->origin.y, ACCENT_BAR, b->size.height);
  gtk_snapshot_append_color (snapshot, &draw->lane_color, &r);
  gtk_snapshot_pop (snapshot);

  if (draw->selected)
    al_render_append_outline (snapshot, b, CARD_RADIUS, 2, &theme->accent);
  else if (draw->hovered)
    al_render_append_outline (snapshot, b, CARD_RADIUS, 2, &theme->hover);
  else
    al_render_append_outline (snapshot, b, CARD_RADIUS, 1, &theme->card_border);

  draw_card_text (ctx, draw);
  draw_handle (ctx, draw);

  if (draw->target != AL_LINK_TARGET_NONE)
    {
      graphene_rect_inset_r (b, -4, -4, &r);
      al_render_append_outline (snapshot, &r, CARD_RADIUS + 4, 2,
                                draw->target == AL_LINK_TARGET_VALID ? &theme->accent
                                                                     : &theme->error);
    }
  if (draw->target == AL_LINK_TARGET_INVALID)
    gtk_snapshot_pop (snapshot);
}

static void
prepare (AlRenderContext *ctx, guint index, CardDraw *draw)
{
  const AlRenderView *view = ctx->view;
  const AlSceneCard *card = al_scene_get_card (ctx->scene, index);

  draw->index = index;
  draw->card = card;
  draw->bounds = card->bounds;
  draw->dragged = ctx->dragged != NULL && ctx->dragged[index];
  if (draw->dragged)
    graphene_rect_offset (&draw->bounds, view->drag_offset.x, view->drag_offset.y);
  draw->selected = view->selected != NULL && g_hash_table_contains (view->selected,
                                                                    card->component);
  draw->hovered = view->hovered != NULL && view->hovered == (gpointer) card->component;
  draw->target = view->linking && view->link_target_states != NULL
                   ? (AlLinkTargetState) view->link_target_states[index]
                   : AL_LINK_TARGET_NONE;
  if (card->lane_index < al_scene_get_n_lanes (ctx->scene))
    al_theme_get_arch_color (ctx->theme,
                             al_lane_get_arch (al_scene_get_lane (ctx->scene,
                                                                  card->lane_index)->lane),
                             &draw->lane_color);
  else
    draw->lane_color = ctx->theme->text_dim;
}

void
al_render_cards (AlRenderContext *ctx)
{
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_cards = al_scene_get_n_cards (ctx->scene);
  CardDraw draw;

  al_scene_query_rect (ctx->scene, &ctx->area, found, NULL);
  for (guint k = 0; k < found->len; k++)
    {
      guint i = g_array_index (found, guint, k);

      if (ctx->dragged != NULL && ctx->dragged[i])
        continue;
      prepare (ctx, i, &draw);
      draw_card (ctx, &draw);
    }

  /* Cards being carried are drawn last, above the others. */
  for (guint i = 0; ctx->dragged != NULL && i < n_cards; i++)
    {
      if (!ctx->dragged[i])
        continue;
      prepare (ctx, i, &draw);
      if (!graphene_rect_intersection (&draw.bounds, &ctx->area, NULL))
        continue;
      draw_card (ctx, &draw);
    }
}
