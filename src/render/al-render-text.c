/* al-render-text.c: laid-out text, cached per Pango context */
#include "al-render-private.h"

#include <string.h>

/* A frame at 100 % shows a few hundred strings; shaping them again each
 * frame would cost most of the frame. The cache lives on the scene (a
 * layout holds its PangoContext, so a cache on the context would keep the
 * context alive for ever), and it is emptied when another context is
 * used, the context changes (its serial) or the font does. */
#define MAX_CACHED_LAYOUTS 8192

/* Most strings on cards are plain ASCII (names, images, ports) and short
 * enough to fit. Pango lays out such a string as one run in one font, so
 * shaping it with that font gives the very glyphs a PangoLayout would, at
 * half the cost: no itemizing, no line breaking. Anything else, or a
 * string that must be ellipsized, is a PangoLayout. */
struct _AlRenderText
{
  PangoLayout      *layout;    /* or, for shaped ASCII: */
  PangoFont        *font;
  PangoGlyphString *glyphs;
  int               baseline;  /* from the top, in Pango units */
  int               width, height;
};

/* What Pango chose for the printable ASCII characters of a style. */
typedef struct
{
  gboolean      probed;
  gboolean      single_run;  /* all in one font, one item */
  PangoAnalysis analysis;
  int           advance[0x7f - 0x20];  /* of each character alone, Pango units */
} AsciiRun;

struct _AlTextCache
{
  PangoContext *context;
  guint serial;
  char *family;
  PangoFontDescription *fonts[AL_TEXT_N_STYLES];
  AsciiRun ascii[AL_TEXT_N_STYLES];
  GHashTable *texts;   /* "style:width:text" → AlRenderText */
};

static GQuark cache_quark;

static const struct
{
  double size;           /* in scene units (pixels at 100 %) */
  PangoWeight weight;
  PangoEllipsizeMode ellipsize;
} styles[AL_TEXT_N_STYLES] = {
  [AL_TEXT_LANE_LABEL] = { 15, PANGO_WEIGHT_BOLD, PANGO_ELLIPSIZE_END },
  [AL_TEXT_PILL] = { 11, PANGO_WEIGHT_BOLD, PANGO_ELLIPSIZE_END },
  [AL_TEXT_SMALL] = { 12, PANGO_WEIGHT_NORMAL, PANGO_ELLIPSIZE_END },
  [AL_TEXT_CARD_TITLE] = { 14, PANGO_WEIGHT_BOLD, PANGO_ELLIPSIZE_END },
  [AL_TEXT_CARD_NAME] = { 12, PANGO_WEIGHT_NORMAL, PANGO_ELLIPSIZE_END },
  [AL_TEXT_CARD_IMAGE] = { 11, PANGO_WEIGHT_NORMAL, PANGO_ELLIPSIZE_MIDDLE },
  [AL_TEXT_CHIP] = { 10.5, PANGO_WEIGHT_SEMIBOLD, PANGO_ELLIPSIZE_END },
  [AL_TEXT_BADGE] = { 11, PANGO_WEIGHT_BOLD, PANGO_ELLIPSIZE_NONE },
};

static void
render_text_free (AlRenderText *text)
{
  g_clear_object (&text->layout);
  g_clear_object (&text->font);
  g_clear_pointer (&text->glyphs, pango_glyph_string_free);
  g_free (text);
}

static void
text_cache_forget_ascii (AlTextCache *cache)
{
  for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
    {
      g_clear_object (&cache->ascii[i].analysis.font);
      g_slist_free_full (g_steal_pointer (&cache->ascii[i].analysis.extra_attrs),
                         (GDestroyNotify) pango_attribute_destroy);
      cache->ascii[i].probed = FALSE;
    }
}

static void
text_cache_free (AlTextCache *cache)
{
  text_cache_forget_ascii (cache);
  for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
    g_clear_pointer (&cache->fonts[i], pango_font_description_free);
  g_clear_pointer (&cache->texts, g_hash_table_unref);
  g_clear_object (&cache->context);
  g_free (cache->family);
  g_free (cache);
}

static void
text_cache_set_family (AlTextCache *cache, const char *family)
{
  g_free (cache->family);
  cache->family = g_strdup (family);
  for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
    {
      g_clear_pointer (&cache->fonts[i], pango_font_description_free);
      cache->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family (cache->fonts[i], family);
      pango_font_description_set_weight (cache->fonts[i], styles[i].weight);
      /* Absolute: scene units, whatever the screen's resolution, so the
       * canvas and an export lay text out alike. */
      pango_font_description_set_absolute_size (cache->fonts[i], styles[i].size * PANGO_SCALE);
    }
  text_cache_forget_ascii (cache);
  g_hash_table_remove_all (cache->texts);
}

void
al_render_text_begin (AlRenderContext *ctx)
{
  AlTextCache *cache;
  const char *family = ctx->theme->font_family ? ctx->theme->font_family : "sans-serif";

  if (cache_quark == 0)
    cache_quark = g_quark_from_static_string ("al-render-text-cache");
  cache = g_object_get_qdata (G_OBJECT (ctx->scene), cache_quark);
  if (cache == NULL)
    {
      cache = g_new0 (AlTextCache, 1);
      cache->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) render_text_free);
      text_cache_set_family (cache, family);
      g_object_set_qdata_full (G_OBJECT (ctx->scene), cache_quark, cache,
                               (GDestroyNotify) text_cache_free);
    }
  if (g_strcmp0 (cache->family, family) != 0)
    text_cache_set_family (cache, family);
  if (cache->context != ctx->pango || cache->serial != pango_context_get_serial (ctx->pango) ||
      g_hash_table_size (cache->texts) > MAX_CACHED_LAYOUTS)
    {
      if (cache->context != ctx->pango || cache->serial != pango_context_get_serial (ctx->pango))
        text_cache_forget_ascii (cache);
      g_hash_table_remove_all (cache->texts);
      g_set_object (&cache->context, ctx->pango);
      cache->serial = pango_context_get_serial (ctx->pango);
    }
  ctx->text_cache = cache;
}

void
al_render_text_end (AlRenderContext *ctx)
{
  ctx->text_cache = NULL;
}

static PangoLayout *
new_layout (AlRenderContext *ctx, AlTextStyle style, const char *text, int pango_width)
{
  PangoLayout *layout = pango_layout_new (ctx->pango);

  pango_layout_set_font_description (layout, ctx->text_cache->fonts[style]);
  /* Names may hold line breaks; a card shows one line. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (pango_width > 0)
    {
      pango_layout_set_width (layout, pango_width);
      pango_layout_set_ellipsize (layout, styles[style].ellipsize);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static gpointer
copy_attribute (gconstpointer attribute, gpointer unused)
{
  return pango_attribute_copy (attribute);
}

/* Lays out every printable ASCII character once: when Pango makes one run
 * of them, that run's font and analysis shape any ASCII string alike. */
static const AsciiRun *
get_ascii_run (AlRenderContext *ctx, AlTextStyle style)
{
  AsciiRun *run = &ctx->text_cache->ascii[style];
  char printable[0x7f - 0x20 + 1];
  g_autoptr (PangoLayout) layout = NULL;
  PangoLayoutLine *line;

  if (run->probed)
    return run;
  run->probed = TRUE;
  run->single_run = FALSE;
  for (guint i = 0; i < sizeof printable - 1; i++)
    printable[i] = (char) (0x20 + i);
  printable[sizeof printable - 1] = '\0';
  layout = new_layout (ctx, style, printable, -1);
  line = pango_layout_get_line_readonly (layout, 0);
  if (pango_layout_get_line_count (layout) == 1 && line != NULL && line->runs != NULL &&
      line->runs->next == NULL)
    {
      const PangoGlyphItem *glyph_item = line->runs->data;
      const PangoAnalysis *analysis = &glyph_item->item->analysis;
      const PangoGlyphString *glyphs = glyph_item->glyphs;

      if (glyph_item->item->length == (int) sizeof printable - 1 && analysis->font != NULL)
        {
          /* The attributes too: single-paragraph mode adds one (show line
           * breaks), and shaping reads them. */
          run->analysis = *analysis;
          g_object_ref (run->analysis.font);
          run->analysis.extra_attrs = g_slist_copy_deep (analysis->extra_attrs,
                                                         copy_attribute, NULL);
          run->single_run = TRUE;
          memset (run->advance, 0, sizeof run->advance);
          for (int i = 0; i < glyphs->num_glyphs; i++)
            run->advance[glyphs->log_clusters[i]] += glyphs->glyphs[i].geometry.width;
        }
    }
  return run;
}

/* Printable ASCII with a letter: without one ("+2") the text is of the
 * common script, which shapes otherwise (other digit forms) than Latin. */
static gboolean
is_latin_ascii (const char *text)
{
  gboolean letter = FALSE;

  for (; *text; text++)
    {
      if ((guchar) *text < 0x20 || (guchar) *text > 0x7e)
        return FALSE;
      letter = letter || g_ascii_isalpha (*text);
    }
  return letter;
}

/* Shapes @text as Pango would lay it out; FALSE when the layout would
 * differ: not one ASCII run, or too wide for @pango_width. */
static gboolean
shape_ascii (AlRenderContext *ctx, AlTextStyle style, const char *text, int pango_width,
             AlRenderText *out)
{
  const AsciiRun *run;
  PangoShapeFlags flags = pango_context_get_round_glyph_positions (ctx->pango)
                            ? PANGO_SHAPE_ROUND_POSITIONS
                            : PANGO_SHAPE_NONE;
  PangoRectangle logical;
  int length;

  if (!is_latin_ascii (text))
    return FALSE;
  run = get_ascii_run (ctx, style);
  if (!run->single_run)
    return FALSE;
  length = (int) strlen (text);
  /* Clearly too wide (kerning changes little): ellipsized, so not worth
   * shaping twice. */
  if (pango_width > 0)
    {
      gint64 estimate = 0;

      for (int i = 0; i < length; i++)
        estimate += run->advance[text[i] - 0x20];
      if (estimate > pango_width + pango_width / 16)
        return FALSE;
    }
  out->glyphs = pango_glyph_string_new ();
  pango_shape_with_flags (text, length, text, length, &run->analysis, out->glyphs, flags);
  pango_glyph_string_extents (out->glyphs, run->analysis.font, NULL, &logical);
  if (pango_width > 0 && logical.width > pango_width)
    {
      g_clear_pointer (&out->glyphs, pango_glyph_string_free);
      return FALSE;
    }
  out->font = g_object_ref (run->analysis.font);
  out->baseline = -logical.y;
  /* As pango_layout_get_pixel_size() rounds the layout's logical size. */
  logical.x = logical.y = 0;
  pango_extents_to_pixels (&logical, NULL);
  out->width = logical.width;
  out->height = logical.height;
  return TRUE;
}

const AlRenderText *
al_render_text (AlRenderContext *ctx, AlTextStyle style, const char *text, double width)
{
  AlTextCache *cache = ctx->text_cache;
  int pango_width = width > 0 ? (int) (width * PANGO_SCALE) : -1;
  g_autofree char *key = g_strdup_printf ("%d:%d:%s", style, pango_width, text ? text : "");
  AlRenderText *rendered = g_hash_table_lookup (cache->texts, key);

  if (rendered != NULL)
    return rendered;

  rendered = g_new0 (AlRenderText, 1);
  if (!shape_ascii (ctx, style, text ? text : "", pango_width, rendered))
    {
      rendered->layout = new_layout (ctx, style, text ? text : "", pango_width);
      pango_layout_get_pixel_size (rendered->layout, &rendered->width, &rendered->height);
    }
  g_hash_table_insert (cache->texts, g_steal_pointer (&key), rendered);
  return rendered;
}

void
al_render_text_get_size (const AlRenderText *text, int *width, int *height)
{
  if (width != NULL)
    *width = text->width;
  if (height != NULL)
    *height = text->height;
}

void
al_render_append_text (AlRenderContext *ctx, const AlRenderText *text, double x, double y,
                       const GdkRGBA *color)
{
  GskRenderNode *node;
  float baseline;

  if (text->layout != NULL)
    {
      gtk_snapshot_save (ctx->snapshot);
      gtk_snapshot_translate (ctx->snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (ctx->snapshot, text->layout, color);
      gtk_snapshot_restore (ctx->snapshot);
      return;
    }
  /* In floats as GTK places a layout's run (translation plus baseline), so
   * glyphs land on the same subpixels. NULL when nothing would show. */
  baseline = (float) text->baseline / PANGO_SCALE;
  node = gsk_text_node_new (text->font, text->glyphs, color,
                            &GRAPHENE_POINT_INIT ((float) x, baseline + (float) y));
  if (node != NULL)
    {
      gtk_snapshot_append_node (ctx->snapshot, node);
      gsk_render_node_unref (node);
    }
}
