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
/* Live workload state: a strip along the card's foot, seen from afar, and
 * a pill with a dot and "ready/desired" at the bottom right. */
#define LIVE_STRIP    4.0
#define LIVE_DOT      4.0

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
  const AlCardLive    *live;       /* NULL when nothing is known */
} CardDraw;

/* Fixed hues (the GNOME palette's green 4, yellow 5, red 3), not theme
 * colours: a state must look the same everywhere. They are mid-tones that
 * keep their contrast on light and dark cards alike. */
static void
live_color (const AlTheme *theme, AlCardLiveState state, GdkRGBA *color)
{
  switch (state)
    {
    case AL_CARD_LIVE_RUNNING:
      *color = (GdkRGBA) { 0x2e / 255.f, 0xc2 / 255.f, 0x7e / 255.f, 1 };
      break;
    case AL_CARD_LIVE_PROGRESSING:
      *color = (GdkRGBA) { 0xe5 / 255.f, 0xa5 / 255.f, 0x0a / 255.f, 1 };
      break;
    case AL_CARD_LIVE_FAILED:
      *color = (GdkRGBA) { 0xe0 / 255.f, 0x1b / 255.f, 0x24 / 255.f, 1 };
      break;
    case AL_CARD_LIVE_ABSENT:
    case AL_CARD_LIVE_NONE:
    default:
      *color = theme->text_dim;
      break;
    }
}

/* Along the foot of the card, inside its clip: full for running and
 * failed, filled ready/desired for progressing; none for absent. */
static void
draw_live_strip (AlRenderContext *ctx, const CardDraw *draw, double height)
{
  const graphene_rect_t *b = &draw->bounds;
  double x = b->origin.x + (ctx->text ? ACCENT_BAR : 0);
  double width = b->origin.x + b->size.width - x;
  GdkRGBA color, track;
  graphene_rect_t r;

  if (draw->live->state == AL_CARD_LIVE_ABSENT)
    return;
  live_color (ctx->theme, draw->live->state, &color);
  graphene_rect_init (&r, x, b->origin.y + b->size.height - height, width, height);
  if (draw->live->state == AL_CARD_LIVE_PROGRESSING)
    {
      double done = draw->live->desired > 0
                      ? CLAMP ((double) draw->live->ready / draw->live->desired, 0, 1) : 0;

      al_render_mix (&ctx->theme->card, &color, 0.35, &track);
      gtk_snapshot_append_color (ctx->snapshot, &track, &r);
      r.size.width = width * done;
    }
  if (r.size.width > 0)
    gtk_snapshot_append_color (ctx->snapshot, &color, &r);
}

static void
dashed_outline (AlRenderContext *ctx, const graphene_rect_t *b, double width,
                const GdkRGBA *color)
{
  graphene_rect_t area;
  cairo_t *cr;

  graphene_rect_inset_r (b, -width, -width, &area);
  cr = gtk_snapshot_append_cairo (ctx->snapshot, &area);
  al_render_rounded_path (cr, b->origin.x + width / 2, b->origin.y + width / 2,
                          b->size.width - width, b->size.height - width, CARD_RADIUS);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, (double[]) { 6 * width / 1.5, 4 * width / 1.5 }, 2, 0);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* The text of the pill: "2/3", or "–" when nothing is wanted yet. */
static char *
live_text (const AlCardLive *live)
{
  if (live->desired <= 0 && live->ready <= 0)
    return g_strdup ("–");
  return g_strdup_printf ("%d/%d", MAX (live->ready, 0), MAX (live->desired, 0));
}

static double
live_pill_width (AlRenderContext *ctx, const CardDraw *draw)
{
  g_autofree char *text = live_text (draw->live);
  const AlRenderText *layout = al_render_text (ctx, AL_TEXT_PILL, text, 0);
  int w, h;

  al_render_text_get_size (layout, &w, &h);
  return 7 + 2 * LIVE_DOT + 5 + w + 7;
}

/* Right-aligned at @right, in the row of the port chips. The dot's shape
 * tells the state apart without its colour: a filled disc when running, a
 * ring while progressing or absent, a square when failed. */
static void
draw_live_pill (AlRenderContext *ctx, const CardDraw *draw, double right, double y)
{
  const AlTheme *theme = ctx->theme;
  AlCardLiveState state = draw->live->state;
  g_autofree char *text = live_text (draw->live);
  const AlRenderText *layout = al_render_text (ctx, AL_TEXT_PILL, text, 0);
  double width = live_pill_width (ctx, draw);
  GdkRGBA color, fill;
  graphene_rect_t pill, dot;
  int w, h;

  al_render_text_get_size (layout, &w, &h);
  live_color (theme, state, &color);
  al_render_mix (&theme->card, &color, state == AL_CARD_LIVE_ABSENT ? 0.12
                                        : theme->dark ? 0.30 : 0.18, &fill);
  graphene_rect_init (&pill, right - width, y, width, CHIP_HEIGHT);
  al_render_append_rounded (ctx->snapshot, &pill, CHIP_HEIGHT / 2, &fill);

  graphene_rect_init (&dot, pill.origin.x + 7, y + CHIP_HEIGHT / 2 - LIVE_DOT,
                      2 * LIVE_DOT, 2 * LIVE_DOT);
  if (state == AL_CARD_LIVE_RUNNING)
    al_render_append_rounded (ctx->snapshot, &dot, LIVE_DOT, &color);
  else if (state == AL_CARD_LIVE_FAILED)
    al_render_append_rounded (ctx->snapshot, &dot, 1.5, &color);
  else
    al_render_append_outline (ctx->snapshot, &dot, LIVE_DOT,
                              state == AL_CARD_LIVE_ABSENT ? 1.5 : 2.5, &color);

  al_render_append_text (ctx, layout, dot.origin.x + dot.size.width + 5,
                         y + (CHIP_HEIGHT - h) / 2.0,
                         state == AL_CARD_LIVE_ABSENT ? &theme->text_dim : &theme->text);
}

static void
draw_badge (AlRenderContext *ctx, const CardDraw *draw, double cx, double cy)
{
  const AlSceneCard *card = draw->card;
  guint count = card->n_errors ? card->n_errors : card->n_warnings;
  g_autofree char *text = count > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", count);
  const AlRenderText *layout = al_render_text (ctx, AL_TEXT_BADGE, text, 0);
  const GdkRGBA *fill = card->n_errors ? &ctx->theme->error : &ctx->theme->warning;
  GdkRGBA ink = card->n_errors ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 0.8f };
  graphene_rect_t r;
  int w, h;

  al_render_text_get_size (layout, &w, &h);
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
      const AlRenderText *layout = al_render_text (ctx, AL_TEXT_CHIP, text, right - x - 12);
      graphene_rect_t chip;
      int w, h;

      al_render_text_get_size (layout, &w, &h);
      /* Keep room for a "+N" chip unless this is the last one. */
      if (x + w + 12 > right - (i + 1 < n ? 30 : 0) && i > 0)
        {
          g_autofree char *more = g_strdup_printf ("+%u", n - i);

          layout = al_render_text (ctx, AL_TEXT_CHIP, more, 0);
          al_render_text_get_size (layout, &w, &h);
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
  const AlRenderText *layout;
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

  if (draw->live != NULL)
    {
      double chips_y = b->origin.y + b->size.height - CHIP_HEIGHT - 9;

      draw_live_pill (ctx, draw, right, chips_y);
      draw_port_chips (ctx, draw, x, chips_y, right - live_pill_width (ctx, draw) - CHIP_GAP);
    }
  else
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
      if (draw->live != NULL)
        draw_live_strip (ctx, draw, MIN (MAX (LIVE_STRIP, 3 / ctx->zoom),
                                         b->size.height / 3));
      if (draw->selected || draw->target == AL_LINK_TARGET_VALID)
        al_render_append_outline (snapshot, b, CARD_RADIUS, line, &theme->accent);
      else if (draw->card->n_errors > 0)
        al_render_append_outline (snapshot, b, CARD_RADIUS, line, &theme->error);
      else if (draw->hovered)
        al_render_append_outline (snapshot, b, CARD_RADIUS, line, &theme->hover);
      else if (draw->live != NULL && draw->live->state == AL_CARD_LIVE_ABSENT)
        al_render_append_outline (snapshot, b, CARD_RADIUS, line, &theme->text_dim);
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
  if (draw->live != NULL)
    draw_live_strip (ctx, draw, LIVE_STRIP);
  gtk_snapshot_pop (snapshot);

  if (draw->selected)
    al_render_append_outline (snapshot, b, CARD_RADIUS, 2, &theme->accent);
  else if (draw->hovered)
    al_render_append_outline (snapshot, b, CARD_RADIUS, 2, &theme->hover);
  else if (draw->live != NULL && draw->live->state == AL_CARD_LIVE_ABSENT)
    dashed_outline (ctx, b, 1.5, &theme->text_dim);
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
  draw->live = view->card_live != NULL ? g_hash_table_lookup (view->card_live, card->component)
                                       : NULL;
  if (draw->live != NULL && draw->live->state == AL_CARD_LIVE_NONE)
    draw->live = NULL;
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
