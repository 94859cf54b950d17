/* test-render.c: what a viewer sees in the render node tree of a scene, headless */
#include <pango/pangocairo.h>

#include "al-diagnostic.h"
#include "al-document-io.h"
#include "al-history.h"
#include "al-render.h"
#include "al-test-util.h"

/* fontconfig (2.14, Debian 12) leaks a few hundred bytes while it parses
 * its configuration files; the sanitizers read these in sanitizer builds.
 * Only that stack is excused, so any other leak still fails the test; full
 * stacks are needed to see it (fontconfig has no frame pointers). */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:XML_ParseBuffer\n";
}

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

typedef struct
{
  AlDocument *document;
  AlScene *scene;
  PangoContext *pango;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = al_test_template_path ("sample-shop.archlane");
  g_autoptr (GError) error = NULL;

  f->document = al_document_load_from_path (path, NULL, &error);
  g_assert_no_error (error);
  f->scene = al_scene_new (f->document);
  f->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->scene);
  g_clear_object (&f->document);
  g_object_unref (f->pango);
}

/* Node tree walking ------------------------------------------------------- */

typedef struct
{
  guint total;
  guint text;
  guint cairo;
  guint color;
} NodeCount;

static void
count_nodes (GskRenderNode *node, NodeCount *count)
{
  GskRenderNodeType type;

  if (node == NULL)
    return;
  type = gsk_render_node_get_node_type (node);
  count->total++;
  switch (type)
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_nodes (gsk_container_node_get_child (node, i), count);
      break;
    case GSK_TRANSFORM_NODE:
      count_nodes (gsk_transform_node_get_child (node), count);
      break;
    case GSK_CLIP_NODE:
      count_nodes (gsk_clip_node_get_child (node), count);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count_nodes (gsk_rounded_clip_node_get_child (node), count);
      break;
    case GSK_OPACITY_NODE:
      count_nodes (gsk_opacity_node_get_child (node), count);
      break;
    case GSK_TEXT_NODE:
      count->text++;
      break;
    case GSK_CAIRO_NODE:
      count->cairo++;
      break;
    case GSK_COLOR_NODE:
      count->color++;
      break;
    default:
      break;
    }
}

/* Pixels ------------------------------------------------------------------ */

typedef struct
{
  cairo_surface_t *surface;
  graphene_rect_t area;
} Image;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Image, image_clear)

/* Draws @view of @scene at 100 % into an image of view->visible. */
static void
render_image (Fixture *f, const AlTheme *theme, const AlRenderView *view, Image *image)
{
  GskRenderNode *node = al_render_scene_to_node (f->scene, theme, f->pango, view);
  cairo_t *cr;

  g_assert_nonnull (node);
  image->area = view->visible;
  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                               (int) ceil (view->visible.size.width),
                                               (int) ceil (view->visible.size.height));
  cr = cairo_create (image->surface);
  cairo_translate (cr, -view->visible.origin.x, -view->visible.origin.y);
  gsk_render_node_draw (node, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (image->surface);
  gsk_render_node_unref (node);
}

/* The colour of the pixel at scene point (x, y). */
static void
image_pixel (Image *image, double x, double y, GdkRGBA *out)
{
  int px = (int) floor (x - image->area.origin.x);
  int py = (int) floor (y - image->area.origin.y);
  int stride = cairo_image_surface_get_stride (image->surface);
  const guint8 *data = cairo_image_surface_get_data (image->surface);
  guint32 argb;
  double a;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (image->surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (image->surface));
  argb = *(const guint32 *) (data + py * stride + px * 4);
  a = ((argb >> 24) & 0xff) / 255.0;
  out->alpha = a;
  /* Premultiplied: undo it to compare with theme colours. */
  out->red = a > 0 ? ((argb >> 16) & 0xff) / 255.0 / a : 0;
  out->green = a > 0 ? ((argb >> 8) & 0xff) / 255.0 / a : 0;
  out->blue = a > 0 ? (argb & 0xff) / 255.0 / a : 0;
}

static gboolean
colors_close (const GdkRGBA *a, const GdkRGBA *b, double tolerance)
{
  return fabs (a->red - b->red) <= tolerance && fabs (a->green - b->green) <= tolerance &&
         fabs (a->blue - b->blue) <= tolerance && fabs (a->alpha - b->alpha) <= tolerance;
}

#define assert_pixel(image, x, y, expected, tolerance)                                         \
  G_STMT_START {                                                                               \
    GdkRGBA _seen;                                                                             \
    image_pixel ((image), (x), (y), &_seen);                                                   \
    if (!colors_close (&_seen, (expected), (tolerance)))                                       \
      {                                                                                        \
        g_autofree char *_s = gdk_rgba_to_string (&_seen);                                     \
        g_autofree char *_e = gdk_rgba_to_string ((expected));                                 \
        g_error ("pixel at %g,%g is %s, expected %s", (double) (x), (double) (y), _s, _e);     \
      }                                                                                        \
  } G_STMT_END

/* Where PNGs of the renders go when a person wants to look at them. */
static void
maybe_save (Image *image, const char *name)
{
  const char *dir = g_getenv ("ARCHLANE_RENDER_PNG_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (image->surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("wrote %s", path);
}

static void
full_view (Fixture *f, double zoom, AlRenderView *view)
{
  graphene_rect_t bounds;

  al_scene_get_bounds (f->scene, &bounds);
  graphene_rect_inset (&bounds, -16, -16);
  al_render_view_init (view, zoom, &bounds);
}

static void
curve_point (const AlSceneEdge *e, double t, graphene_point_t *p)
{
  double u = 1 - t;

  p->x = u * u * u * e->start.x + 3 * u * u * t * e->control1.x + 3 * u * t * t * e->control2.x +
         t * t * t * e->end.x;
  p->y = u * u * u * e->start.y + 3 * u * u * t * e->control1.y + 3 * u * t * t * e->control2.y +
         t * t * t * e->end.y;
}

static int
card_of (Fixture *f, const char *id)
{
  AlComponent *component = al_document_lookup_component (f->document, id);

  g_assert_nonnull (component);
  return al_scene_find_card (f->scene, component);
}

/* Tests ------------------------------------------------------------------- */

static void
test_colours (Fixture *f, gconstpointer data)
{
  const AlTheme *theme = al_theme_get_light ();
  g_autoptr (GHashTable) selected = g_hash_table_new (NULL, NULL);
  g_auto (Image) image = { 0 };
  AlRenderView view;
  const AlSceneCard *web, *user, *payment;
  const AlSceneLane *x86, *arm;
  GdkRGBA amd64, arm64;

  g_assert_cmpuint (al_scene_get_n_lanes (f->scene), ==, 2);
  x86 = al_scene_get_lane (f->scene, 0);
  arm = al_scene_get_lane (f->scene, 1);
  web = al_scene_get_card (f->scene, card_of (f, "c1"));
  user = al_scene_get_card (f->scene, card_of (f, "c3"));
  payment = al_scene_get_card (f->scene, card_of (f, "c9"));
  al_theme_get_arch_color (theme, "amd64", &amd64);
  al_theme_get_arch_color (theme, "arm64", &arm64);

  g_hash_table_add (selected, user->component);
  full_view (f, 1.0, &view);
  view.selected = selected;
  render_image (f, theme, &view, &image);
  maybe_save (&image, "render-sample-shop.png");

  /* The accent bar of a card has its lane's arch colour. */
  assert_pixel (&image, web->bounds.origin.x + 2, web->bounds.origin.y + 46, &arm64, 0.02);
  assert_pixel (&image, payment->bounds.origin.x + 2, payment->bounds.origin.y + 46, &amd64,
                0.02);
  /* The header strip too. */
  assert_pixel (&image, 1, x86->bounds.origin.y + 60, &amd64, 0.02);
  assert_pixel (&image, 1, arm->bounds.origin.y + 60, &arm64, 0.02);
  /* Empty lane areas show their alternating band colours. */
  assert_pixel (&image, x86->content.origin.x + 8, x86->bounds.origin.y +
                x86->bounds.size.height - 8, &theme->lane_band[0], 0.01);
  assert_pixel (&image, arm->content.origin.x + arm->content.size.width - 8,
                arm->bounds.origin.y + arm->bounds.size.height - 8, &theme->lane_band[1], 0.01);
  g_assert_false (gdk_rgba_equal (&theme->lane_band[0], &theme->lane_band[1]));
  /* A selected card is outlined in the accent colour, an unselected one
   * is not. */
  assert_pixel (&image, user->bounds.origin.x + user->bounds.size.width / 2,
                user->bounds.origin.y + 0.5, &theme->accent, 0.02);
  assert_pixel (&image, user->bounds.origin.x + user->bounds.size.width / 2,
                user->bounds.origin.y + 1.5, &theme->accent, 0.02);
  {
    GdkRGBA seen;

    image_pixel (&image, web->bounds.origin.x + web->bounds.size.width / 2,
                 web->bounds.origin.y + 0.5, &seen);
    g_assert_false (colors_close (&seen, &theme->accent, 0.2));
  }
  /* Inside a card, away from text: the card colour. */
  assert_pixel (&image, web->bounds.origin.x + web->bounds.size.width - 20,
                web->bounds.origin.y + 56, &theme->card, 0.01);
}

static void
test_dark_theme (Fixture *f, gconstpointer data)
{
  const AlTheme *theme = al_theme_get_dark ();
  g_auto (Image) image = { 0 };
  AlRenderView view;
  const AlSceneCard *web = al_scene_get_card (f->scene, card_of (f, "c1"));
  graphene_rect_t bounds;

  full_view (f, 1.0, &view);
  render_image (f, theme, &view, &image);
  maybe_save (&image, "render-sample-shop-dark.png");
  al_scene_get_bounds (f->scene, &bounds);
  /* Outside the lanes: the window background. */
  assert_pixel (&image, bounds.origin.x - 8, bounds.origin.y - 8, &theme->background, 0.01);
  assert_pixel (&image, web->bounds.origin.x + web->bounds.size.width - 20,
                web->bounds.origin.y + 56, &theme->card, 0.01);
  g_assert_true (theme->dark);
  g_assert_false (al_theme_get_light ()->dark);
}

/* A cross-arch dependency is drawn in its own colour, a plain one in the
 * edge colour. */
static void
test_edge_colours (Fixture *f, gconstpointer data)
{
  const AlTheme *theme = al_theme_get_light ();
  g_auto (Image) image = { 0 };
  AlRenderView view;
  AlDependency *cross = al_document_lookup_dependency (f->document, "d15"); /* order → payment */
  AlDependency *plain = al_document_lookup_dependency (f->document, "d1");  /* web → gateway */
  const AlSceneEdge *e;
  graphene_point_t p;

  full_view (f, 1.0, &view);
  render_image (f, theme, &view, &image);
  maybe_save (&image, "render-edges.png");

  e = al_scene_get_edge (f->scene, al_scene_find_edge (f->scene, cross));
  g_assert_true (e->cross_arch);
  /* A fifth along the curve: clear of cards and of the label. */
  curve_point (e, 0.2, &p);
  assert_pixel (&image, p.x, p.y, &theme->edge_cross_arch, 0.15);

  e = al_scene_get_edge (f->scene, al_scene_find_edge (f->scene, plain));
  g_assert_false (e->cross_arch);
  curve_point (e, 0.5, &p);
  assert_pixel (&image, p.x, p.y, &theme->edge, 0.25);
}

static void
test_level_of_detail (Fixture *f, gconstpointer data)
{
  AlRenderView view;
  GskRenderNode *node;
  NodeCount near = { 0 }, far = { 0 };

  full_view (f, 1.0, &view);
  node = al_render_scene_to_node (f->scene, al_theme_get_light (), f->pango, &view);
  count_nodes (node, &near);
  gsk_render_node_unref (node);

  full_view (f, 0.2, &view);
  node = al_render_scene_to_node (f->scene, al_theme_get_light (), f->pango, &view);
  count_nodes (node, &far);
  gsk_render_node_unref (node);

  /* Names, images, ports and lane labels at 100 %; no text at 20 %. */
  g_assert_cmpuint (near.text, >=, 12 * 3);
  g_assert_cmpuint (far.text, ==, 0);
  g_assert_cmpuint (far.total, <, near.total / 3);
  /* Edges are one cairo node either way. */
  g_assert_cmpuint (near.cairo, ==, 1);
  g_assert_cmpuint (far.cairo, ==, 1);
}

static void
test_culling (Fixture *f, gconstpointer data)
{
  const AlSceneCard *nacos = al_scene_get_card (f->scene, card_of (f, "c12"));
  AlRenderView view;
  GskRenderNode *node;
  NodeCount all = { 0 }, one = { 0 };
  graphene_rect_t rect, node_bounds;

  full_view (f, 1.0, &view);
  node = al_render_scene_to_node (f->scene, al_theme_get_light (), f->pango, &view);
  count_nodes (node, &all);
  gsk_render_node_unref (node);

  graphene_rect_inset_r (&nacos->bounds, -4, -4, &rect);
  al_render_view_init (&view, 1.0, &rect);
  node = al_render_scene_to_node (f->scene, al_theme_get_light (), f->pango, &view);
  count_nodes (node, &one);
  /* Nothing is drawn outside what is visible. */
  gsk_render_node_get_bounds (node, &node_bounds);
  g_assert_true (graphene_rect_contains_rect (&rect, &node_bounds) ||
                 graphene_rect_equal (&rect, &node_bounds));
  gsk_render_node_unref (node);

  g_assert_cmpuint (one.text, >, 0);
  g_assert_cmpuint (one.total * 4, <, all.total);

  /* Nothing visible at all. */
  graphene_rect_init (&rect, 0, 0, 0, 0);
  al_render_view_init (&view, 1.0, &rect);
  g_assert_null (al_render_scene_to_node (f->scene, al_theme_get_light (), f->pango, &view));
}

/* Chinese names are drawn with real glyphs, not boxes. */
static void
test_chinese (Fixture *f, gconstpointer data)
{
  const AlTheme *theme = al_theme_get_light ();
  AlComponent *web = al_document_lookup_component (f->document, "c1");
  g_autoptr (AlHistory) history = al_history_new (f->document);
  g_autoptr (PangoLayout) layout = pango_layout_new (f->pango);
  PangoFontDescription *font = pango_font_description_from_string (theme->font_family);
  g_auto (Image) image = { 0 };
  AlRenderView view;
  const AlSceneCard *card;
  graphene_rect_t rect;

  pango_font_description_set_absolute_size (font, 14 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "订单服务 网上商城 消息队列", -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  pango_font_description_free (font);

  al_history_set (history, web, "display-name", "商城前端（移动端与网页）", NULL);
  card = al_scene_get_card (f->scene, card_of (f, "c1"));
  graphene_rect_inset_r (&card->bounds, -24, -24, &rect);
  al_render_view_init (&view, 1.0, &rect);
  render_image (f, theme, &view, &image);
  maybe_save (&image, "render-chinese-card.png");
  /* Title ink in the first line of the card: some pixels are text. */
  {
    guint dark = 0;

    for (double x = card->bounds.origin.x + 17; x < card->bounds.origin.x + 150; x++)
      for (double y = card->bounds.origin.y + 12; y < card->bounds.origin.y + 26; y++)
        {
          GdkRGBA seen;

          image_pixel (&image, x, y, &seen);
          if (seen.red < 0.5)
            dark++;
        }
    g_assert_cmpuint (dark, >, 100);
  }
}

/* The canvas draws in tiles and an export draws everything at once: the
 * pieces put together look like the whole (labels, arrowheads and text
 * that cross a seam included). */
static void
test_tiles_match (Fixture *f, gconstpointer data)
{
  const AlTheme *theme = al_theme_get_light ();
  g_auto (Image) whole = { 0 };
  AlRenderView view;
  guint differing = 0, total = 0;

  full_view (f, 1.0, &view);
  view.visible.origin.x = floor (view.visible.origin.x);
  view.visible.origin.y = floor (view.visible.origin.y);
  render_image (f, theme, &view, &whole);

  for (double x = 0; x < view.visible.size.width; x += 173)
    for (double y = 0; y < view.visible.size.height; y += 131)
      {
        g_auto (Image) tile = { 0 };
        AlRenderView tile_view;
        graphene_rect_t r = GRAPHENE_RECT_INIT (view.visible.origin.x + x,
                                                view.visible.origin.y + y,
                                                MIN (173, view.visible.size.width - x),
                                                MIN (131, view.visible.size.height - y));

        if (r.size.width < 1 || r.size.height < 1)
          continue;
        al_render_view_init (&tile_view, 1.0, &r);
        render_image (f, theme, &tile_view, &tile);
        for (int py = 0; py < (int) r.size.height; py++)
          for (int px = 0; px < (int) r.size.width; px++)
            {
              GdkRGBA a, b;

              image_pixel (&tile, r.origin.x + px + 0.5, r.origin.y + py + 0.5, &a);
              image_pixel (&whole, r.origin.x + px + 0.5, r.origin.y + py + 0.5, &b);
              total++;
              if (!colors_close (&a, &b, 0.06))
                differing++;
            }
      }
  g_test_message ("%u of %u pixels differ", differing, total);
  g_assert_cmpuint (differing, <, total / 2000);
}

/* Problems show as a red (errors) or amber (warnings) count on the card. */
static void
test_badges (Fixture *f, gconstpointer data)
{
  const AlTheme *theme = al_theme_get_light ();
  g_autoptr (GPtrArray) problems = al_diagnostic_list_new ();
  g_auto (Image) image = { 0 };
  AlRenderView view;
  const AlSceneCard *web, *gateway, *user;
  GdkRGBA seen;

  g_ptr_array_add (problems, al_diagnostic_new (AL_SEVERITY_ERROR, "x", "c1", NULL, "bad"));
  g_ptr_array_add (problems, al_diagnostic_new (AL_SEVERITY_WARNING, "y", "c1", NULL, "meh"));
  g_ptr_array_add (problems, al_diagnostic_new (AL_SEVERITY_WARNING, "y", "c2", NULL, "meh"));
  al_scene_set_diagnostics (f->scene, problems);
  web = al_scene_get_card (f->scene, card_of (f, "c1"));
  gateway = al_scene_get_card (f->scene, card_of (f, "c2"));
  user = al_scene_get_card (f->scene, card_of (f, "c3"));

  full_view (f, 1.0, &view);
  render_image (f, theme, &view, &image);
  maybe_save (&image, "render-badges.png");
  /* Beside the digit, inside the badge at the top-right corner. */
  assert_pixel (&image, web->bounds.origin.x + web->bounds.size.width - 23,
                web->bounds.origin.y + 18, &theme->error, 0.02);
  assert_pixel (&image, gateway->bounds.origin.x + gateway->bounds.size.width - 23,
                gateway->bounds.origin.y + 18, &theme->warning, 0.02);
  /* No problem, no badge. */
  image_pixel (&image, user->bounds.origin.x + user->bounds.size.width - 23,
               user->bounds.origin.y + 18, &seen);
  g_assert_true (colors_close (&seen, &theme->card, 0.01));
}

/* What the canvas overlays while the user works. */
static void
test_overlays (Fixture *f, gconstpointer data)
{
  const AlTheme *theme = al_theme_get_light ();
  g_autoptr (GHashTable) selected = g_hash_table_new (NULL, NULL);
  g_autofree guint8 *targets = g_new0 (guint8, al_scene_get_n_cards (f->scene));
  g_auto (Image) image = { 0 };
  AlRenderView view;
  const AlSceneCard *gateway = al_scene_get_card (f->scene, card_of (f, "c2"));
  const AlSceneCard *mysql = al_scene_get_card (f->scene, card_of (f, "c7"));
  const AlSceneCard *redis = al_scene_get_card (f->scene, card_of (f, "c8"));
  const AlSceneCard *web = al_scene_get_card (f->scene, card_of (f, "c1"));
  const AlSceneLane *x86 = al_scene_get_lane (f->scene, 0);
  const AlSceneLane *arm = al_scene_get_lane (f->scene, 1);
  const AlSceneEdge *hovered = al_scene_get_edge (f->scene, 0);
  GdkRGBA seen, band_tint, arm64;

  al_theme_get_arch_color (theme, "arm64", &arm64);
  full_view (f, 1.0, &view);
  /* Web is being dragged up onto the x86 lane, which
   * is highlighted as the drop lane with a ghost where it lands. */
  g_hash_table_add (selected, web->component);
  view.selected = selected;
  view.dragging = TRUE;
  view.drag_offset = GRAPHENE_POINT_INIT (0, -150);
  view.drop_lane = 0;
  graphene_rect_offset_r (&web->bounds, 0, -150, &view.drop_ghost);
  /* A link from gateway: mysql is a valid target, redis not. */
  view.linking = TRUE;
  view.link_from_card = card_of (f, "c2");
  view.link_to = GRAPHENE_POINT_INIT (gateway->handle.x + 120, gateway->handle.y - 60);
  targets[card_of (f, "c7")] = AL_LINK_TARGET_VALID;
  targets[card_of (f, "c8")] = AL_LINK_TARGET_INVALID;
  view.link_target_states = targets;
  view.hovered = hovered->dependency;
  /* Dragged up from the empty end of the arm lane. */
  graphene_rect_init (&view.rubber_band, arm->content.origin.x + 1100, arm->bounds.origin.y + 150,
                      120, -100);
  render_image (f, theme, &view, &image);
  maybe_save (&image, "render-overlays.png");

  /* The dragged card is drawn where it is carried; its place is empty. */
  assert_pixel (&image, web->bounds.origin.x + 2, web->bounds.origin.y - 150 + 46, &arm64, 0.02);
  assert_pixel (&image, web->bounds.origin.x + 150, web->bounds.origin.y + 56,
                &theme->lane_band[1], 0.01);
  /* The drop lane is tinted with the accent colour. */
  image_pixel (&image, x86->content.origin.x + x86->content.size.width - 30,
               x86->bounds.origin.y + x86->bounds.size.height - 20, &seen);
  g_assert_false (colors_close (&seen, &theme->lane_band[0], 0.01));
  g_assert_cmpfloat (seen.blue, >, seen.red);
  /* Valid target: accent outline around the card; invalid: faded. */
  assert_pixel (&image, mysql->bounds.origin.x + 100, mysql->bounds.origin.y - 3,
                &theme->accent, 0.05);
  image_pixel (&image, redis->bounds.origin.x + 2, redis->bounds.origin.y + 46, &seen);
  g_assert_false (colors_close (&seen, &arm64, 0.1));
  /* The rubber band: accent tint inside, accent border. */
  band_tint.red = theme->lane_band[1].red * 0.85 + theme->accent.red * 0.15;
  band_tint.green = theme->lane_band[1].green * 0.85 + theme->accent.green * 0.15;
  band_tint.blue = theme->lane_band[1].blue * 0.85 + theme->accent.blue * 0.15;
  band_tint.alpha = 1;
  assert_pixel (&image, arm->content.origin.x + 1160, arm->bounds.origin.y + 100, &band_tint, 0.03);
  assert_pixel (&image, arm->content.origin.x + 1100.5, arm->bounds.origin.y + 100, &theme->accent,
                0.05);
}

/* The live state of deployed workloads: a strip along each card's foot in
 * the state's colour and a "ready/desired" pill. */
static void
live_states (Fixture *f, GHashTable *table, AlCardLive *lives)
{
  lives[0] = (AlCardLive) { AL_CARD_LIVE_RUNNING, 2, 2 };
  lives[1] = (AlCardLive) { AL_CARD_LIVE_PROGRESSING, 1, 3 };
  lives[2] = (AlCardLive) { AL_CARD_LIVE_FAILED, 0, 1 };
  lives[3] = (AlCardLive) { AL_CARD_LIVE_ABSENT, 0, 0 };
  lives[4] = (AlCardLive) { AL_CARD_LIVE_NONE, 0, 0 };
  g_hash_table_insert (table, al_document_lookup_component (f->document, "c1"), &lives[0]);
  g_hash_table_insert (table, al_document_lookup_component (f->document, "c2"), &lives[1]);
  g_hash_table_insert (table, al_document_lookup_component (f->document, "c3"), &lives[2]);
  g_hash_table_insert (table, al_document_lookup_component (f->document, "c7"), &lives[3]);
  g_hash_table_insert (table, al_document_lookup_component (f->document, "c8"), &lives[4]);
}

static void
assert_foot (Fixture *f, Image *image, const char *id, double fraction, const GdkRGBA *expected)
{
  const AlSceneCard *card = al_scene_get_card (f->scene, card_of (f, id));

  assert_pixel (image, card->bounds.origin.x + 5 + (card->bounds.size.width - 5) * fraction,
                card->bounds.origin.y + card->bounds.size.height - 3, expected, 0.02);
}

static void
test_live_state (Fixture *f, gconstpointer data)
{
  const GdkRGBA green = { 0x2e / 255., 0xc2 / 255., 0x7e / 255., 1 };
  const GdkRGBA amber = { 0xe5 / 255., 0xa5 / 255., 0x0a / 255., 1 };
  const GdkRGBA red = { 0xe0 / 255., 0x1b / 255., 0x24 / 255., 1 };
  g_autoptr (GHashTable) table = g_hash_table_new (NULL, NULL);
  AlCardLive lives[5];
  AlRenderView view;
  const AlSceneCard *web = al_scene_get_card (f->scene, card_of (f, "c1"));
  const AlSceneCard *absent = al_scene_get_card (f->scene, card_of (f, "c7"));
  GdkRGBA seen;
  guint green_pill = 0;

  full_view (f, 1.0, &view);
  live_states (f, table, lives);

  /* Without a table (export): the foot is plain card. */
  {
    g_auto (Image) plain = { 0 };
    const AlTheme *theme = al_theme_get_light ();

    render_image (f, theme, &view, &plain);
    assert_foot (f, &plain, "c1", 0.5, &theme->card);
    assert_foot (f, &plain, "c3", 0.5, &theme->card);
  }

  for (guint t = 0; t < 2; t++)
    {
      const AlTheme *theme = t == 0 ? al_theme_get_light () : al_theme_get_dark ();
      g_auto (Image) image = { 0 };

      view.card_live = table;
      render_image (f, theme, &view, &image);
      maybe_save (&image, t == 0 ? "render-live.png" : "render-live-dark.png");

      assert_foot (f, &image, "c1", 0.5, &green);
      assert_foot (f, &image, "c3", 0.5, &red);
      /* Progressing: a third filled, the rest a paler track. */
      assert_foot (f, &image, "c2", 0.1, &amber);
      {
        const AlSceneCard *gateway = al_scene_get_card (f->scene, card_of (f, "c2"));

        image_pixel (&image, gateway->bounds.origin.x + gateway->bounds.size.width - 10,
                     gateway->bounds.origin.y + gateway->bounds.size.height - 3, &seen);
        g_assert_false (colors_close (&seen, &amber, 0.05));
        g_assert_false (colors_close (&seen, &theme->card, 0.05));
      }
      /* Absent and NONE: no strip. */
      assert_foot (f, &image, "c7", 0.5, &theme->card);
      assert_foot (f, &image, "c8", 0.5, &theme->card);
      /* Absent: the outline is dashed, so some of its edge is not border. */
      {
        guint gaps = 0, dashes = 0;

        for (double x = absent->bounds.origin.x + 20; x < absent->bounds.origin.x + 120; x += 1)
          {
            image_pixel (&image, x + 0.5, absent->bounds.origin.y + 0.5, &seen);
            if (colors_close (&seen, &theme->text_dim, 0.15))
              dashes++;
            else
              gaps++;
          }
        g_assert_cmpuint (dashes, >, 20);
        g_assert_cmpuint (gaps, >, 20);
      }
      /* The running pill's dot, bottom right of the card. */
      for (double x = web->bounds.origin.x + 120; x < web->bounds.origin.x + web->bounds.size.width;
           x += 1)
        {
          image_pixel (&image, x + 0.5,
                       web->bounds.origin.y + web->bounds.size.height - 9 - 9 + 0.5, &seen);
          green_pill += colors_close (&seen, &green, 0.03);
        }
    }
  g_assert_cmpuint (green_pill, >=, 4);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/render/colours", test_colours);
  ADD ("/render/dark-theme", test_dark_theme);
  ADD ("/render/edge-colours", test_edge_colours);
  ADD ("/render/level-of-detail", test_level_of_detail);
  ADD ("/render/culling", test_culling);
  ADD ("/render/chinese", test_chinese);
  ADD ("/render/overlays", test_overlays);
  ADD ("/render/badges", test_badges);
  ADD ("/render/live-state", test_live_state);
  ADD ("/render/tiles-match", test_tiles_match);
#undef ADD

  status = g_test_run ();
  /* Drop the font map and its caches, so a leak check sees only ours. */
  pango_cairo_font_map_set_default (NULL);
  return status;
}
