/* test-render-text.c: the text on cards, as a reader of the picture sees it:
 * the characters that show, where an ellipsis cuts a long name, how wide
 * it is against what Pango lays out, and the characters PDF and SVG
 * writers find behind each glyph. Headless. */
#include <pango/pangocairo.h>
#include <string.h>

#include "al-document-io.h"
#include "al-export-private.h"
#include "al-render-private.h"
#include "al-test-util.h"

typedef struct
{
  AlDocument     *document;
  AlScene        *scene;
  PangoContext   *pango;
  AlRenderContext ctx;
  GHashTable     *maps;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->document = al_document_new ();
  f->scene = al_scene_new (f->document);
  f->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  f->ctx.scene = f->scene;
  f->ctx.theme = al_theme_get_light ();
  f->ctx.pango = f->pango;
  f->maps = al_export_glyph_maps_new ();
  al_render_text_begin (&f->ctx);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  al_render_text_end (&f->ctx);
  g_hash_table_unref (f->maps);
  g_clear_object (&f->scene);
  g_clear_object (&f->document);
  g_object_unref (f->pango);
}

static void
collect_text (Fixture *f, GskRenderNode *node, GString *out)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_text (f, gsk_container_node_get_child (node, i), out);
      break;
    case GSK_TRANSFORM_NODE:
      collect_text (f, gsk_transform_node_get_child (node), out);
      break;
    case GSK_TEXT_NODE:
      {
        AlExportGlyphMap *map = al_export_glyph_map (f->maps, gsk_text_node_get_font (node));
        guint n = gsk_text_node_get_num_glyphs (node);
        const PangoGlyphInfo *glyphs = gsk_text_node_get_glyphs (node, NULL);

        for (guint i = 0; i < n; i++)
          g_string_append (out, al_export_glyph_text (map, glyphs[i].glyph));
      }
      break;
    default:
      break;
    }
}

/* The characters a reader sees of @text drawn in @style within @width, and
 * its width in pixels. */
static char *
shown (Fixture *f, AlTextStyle style, const char *text, double width, int *shown_width)
{
  const AlRenderText *rendered = al_render_text (&f->ctx, style, text, width);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GString *out = g_string_new (NULL);

  f->ctx.snapshot = snapshot;
  al_render_append_text (&f->ctx, rendered, 10, 20, &(GdkRGBA) { 0, 0, 0, 1 });
  f->ctx.snapshot = NULL;
  node = gtk_snapshot_to_node (snapshot);
  if (node != NULL)
    collect_text (f, node, out);
  al_render_text_get_size (rendered, shown_width, NULL);
  return g_string_free (out, FALSE);
}

/* What Pango itself lays out for @text in the same font. */
static int
layout_width (Fixture *f, AlTextStyle style, const char *text)
{
  static const struct
  {
    AlTextStyle style;
    double size;
    PangoWeight weight;
  } fonts[] = {
    { AL_TEXT_CARD_TITLE, 14, PANGO_WEIGHT_BOLD },
    { AL_TEXT_CARD_NAME, 12, PANGO_WEIGHT_NORMAL },
    { AL_TEXT_CARD_IMAGE, 11, PANGO_WEIGHT_NORMAL },
  };
  g_autoptr (PangoLayout) layout = pango_layout_new (f->pango);
  g_autoptr (PangoFontDescription) description = pango_font_description_new ();
  int width = -1;

  pango_font_description_set_family (description, f->ctx.theme->font_family);
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    if (fonts[i].style == style)
      {
        pango_font_description_set_weight (description, fonts[i].weight);
        pango_font_description_set_absolute_size (description, fonts[i].size * PANGO_SCALE);
      }
  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Within kerning's difference: a pixel or two, and 3 %. */
static void
assert_width_near (int ours, int pango)
{
  int slack = 2 + pango * 3 / 100;

  if (ABS (ours - pango) > slack)
    g_error ("laid out %d px wide where Pango makes %d px", ours, pango);
}

static void
test_names_whole (Fixture *f, gconstpointer data)
{
  static const struct
  {
    AlTextStyle style;
    const char *text;
  } cases[] = {
    { AL_TEXT_CARD_NAME, "payment-service" },
    { AL_TEXT_CARD_IMAGE, "eclipse-temurin:17-jre" },
    { AL_TEXT_CARD_TITLE, "支付服务" },
    { AL_TEXT_CARD_TITLE, "优惠券服务 12" },
    { AL_TEXT_CARD_TITLE, "MongoDB 文档库 (副本)" },
    { AL_TEXT_CARD_NAME, "Ελληνικά Кириллица" },
    { AL_TEXT_CARD_TITLE, "ひらがな カタカナ 한국어" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int width = 0;
      g_autofree char *text = shown (f, cases[i].style, cases[i].text, 0, &width);

      g_assert_cmpstr (text, ==, cases[i].text);
      assert_width_near (width, layout_width (f, cases[i].style, cases[i].text));
    }
}

static void
test_end_ellipsis (Fixture *f, gconstpointer data)
{
  const char *name = "a-very-long-component-name-that-does-not-fit";
  int width = 0, full = 0;
  g_autofree char *whole = shown (f, AL_TEXT_CARD_NAME, name, 0, &full);
  g_autofree char *cut = shown (f, AL_TEXT_CARD_NAME, name, 120, &width);
  g_autofree char *kept = NULL;

  g_assert_cmpstr (whole, ==, name);
  g_assert_cmpint (full, >, 120);
  g_assert_cmpint (width, <=, 120);
  g_assert_cmpint (width, >=, 100);
  g_assert_true (g_str_has_suffix (cut, "…"));
  kept = g_strndup (cut, strlen (cut) - strlen ("…"));
  g_assert_cmpint (strlen (kept), >, 5);
  g_assert_true (g_str_has_prefix (name, kept));
}

static void
test_middle_ellipsis (Fixture *f, gconstpointer data)
{
  const char *image = "registry.example.com/shop/recommendation-engine:1.24.7";
  int width = 0;
  g_autofree char *cut = shown (f, AL_TEXT_CARD_IMAGE, image, 150, &width);
  const char *ellipsis = strstr (cut, "…");
  g_autofree char *head = NULL;

  g_assert_nonnull (ellipsis);
  g_assert_cmpint (width, <=, 150);
  g_assert_cmpint (width, >=, 130);
  head = g_strndup (cut, ellipsis - cut);
  /* Both ends stay, about as wide each: the registry and the tag. */
  g_assert_true (g_str_has_prefix (image, head));
  g_assert_true (g_str_has_suffix (image, ellipsis + strlen ("…")));
  g_assert_true (g_str_has_prefix (cut, "registry."));
  g_assert_true (g_str_has_suffix (cut, ":1.24.7"));
}

static void
test_chinese_ellipsis (Fixture *f, gconstpointer data)
{
  const char *title = "订单服务与库存管理和物流调度中心";
  int width = 0;
  g_autofree char *cut = shown (f, AL_TEXT_CARD_TITLE, title, 90, &width);

  g_assert_cmpint (width, <=, 90);
  g_assert_true (g_str_has_prefix (cut, "订单"));
  g_assert_true (g_str_has_suffix (cut, "…"));
}

/* Text that needs Pango's shaping still shows, as Pango lays it out. */
static void
test_complex_scripts (Fixture *f, gconstpointer data)
{
  static const char *const texts[] = {
    "cafe\xCC\x81",                      /* e and a combining accent */
    "\xD8\xAE\xD8\xAF\xD9\x85\xD8\xA9",  /* Arabic, right to left */
    "line\nbreak",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      int width = -1, height = -1;
      const AlRenderText *rendered = al_render_text (&f->ctx, AL_TEXT_CARD_NAME, texts[i], 200);

      al_render_text_get_size (rendered, &width, &height);
      g_assert_cmpint (height, >, 0);
      if (*texts[i] != '\0')
        g_assert_cmpint (width, >, 0);
    }
}

/* The same string in another width is laid out again, not taken from the
 * cache of the first. */
static void
test_cache_by_width (Fixture *f, gconstpointer data)
{
  const char *name = "inventory-reservation-service";
  int wide = 0, narrow = 0;
  g_autofree char *a = shown (f, AL_TEXT_CARD_NAME, name, 400, &wide);
  g_autofree char *b = shown (f, AL_TEXT_CARD_NAME, name, 80, &narrow);

  g_assert_cmpstr (a, ==, name);
  g_assert_cmpint (narrow, <, wide);
  g_assert_true (g_str_has_suffix (b, "…"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_type_ensure (GSK_TYPE_CONTAINER_NODE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/render-text/names-whole", test_names_whole);
  ADD ("/render-text/end-ellipsis", test_end_ellipsis);
  ADD ("/render-text/middle-ellipsis", test_middle_ellipsis);
  ADD ("/render-text/chinese-ellipsis", test_chinese_ellipsis);
  ADD ("/render-text/complex-scripts", test_complex_scripts);
  ADD ("/render-text/cache-by-width", test_cache_by_width);
#undef ADD
  return g_test_run ();
}
