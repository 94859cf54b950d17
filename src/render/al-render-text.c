/* al-render-text.c: laid-out text, cached per Pango context */
#include "al-render-private.h"

#include <string.h>

/* A frame at 100 % shows a few hundred strings; shaping them again each
 * frame would cost most of the frame. The cache lives on the scene (a
 * layout holds its PangoContext, so a cache on the context would keep the
 * context alive for ever), and it is emptied when another context is
 * used, the context changes (its serial) or the font does. */
#define MAX_CACHED_LAYOUTS 8192

struct _AlTextCache
{
  PangoContext *context;
  guint serial;
  char *family;
  PangoFontDescription *fonts[AL_TEXT_N_STYLES];
  GHashTable *layouts;   /* "style:width:text" → PangoLayout */
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
text_cache_free (AlTextCache *cache)
{
  for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
    g_clear_pointer (&cache->fonts[i], pango_font_description_free);
  g_clear_pointer (&cache->layouts, g_hash_table_unref);
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
  g_hash_table_remove_all (cache->layouts);
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
      cache->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      text_cache_set_family (cache, family);
      g_object_set_qdata_full (G_OBJECT (ctx->scene), cache_quark, cache,
                               (GDestroyNotify) text_cache_free);
    }
  if (g_strcmp0 (cache->family, family) != 0)
    text_cache_set_family (cache, family);
  if (cache->context != ctx->pango || cache->serial != pango_context_get_serial (ctx->pango) ||
      g_hash_table_size (cache->layouts) > MAX_CACHED_LAYOUTS)
    {
      g_hash_table_remove_all (cache->layouts);
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

PangoLayout *
al_render_text (AlRenderContext *ctx, AlTextStyle style, const char *text, double width)
{
  AlTextCache *cache = ctx->text_cache;
  int pango_width = width > 0 ? (int) (width * PANGO_SCALE) : -1;
  g_autofree char *key = g_strdup_printf ("%d:%d:%s", style, pango_width, text ? text : "");
  PangoLayout *layout = g_hash_table_lookup (cache->layouts, key);

  if (layout != NULL)
    return layout;

  layout = pango_layout_new (ctx->pango);
  pango_layout_set_font_description (layout, cache->fonts[style]);
  /* Names may hold line breaks; a card shows one line. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (pango_width > 0)
    {
      pango_layout_set_width (layout, pango_width);
      pango_layout_set_ellipsize (layout, styles[style].ellipsize);
    }
  pango_layout_set_text (layout, text ? text : "", -1);
  g_hash_table_insert (cache->layouts, g_steal_pointer (&key), layout);
  return layout;
}

void
al_render_append_text (AlRenderContext *ctx, PangoLayout *layout, double x, double y,
                       const GdkRGBA *color)
{
  gtk_snapshot_save (ctx->snapshot);
  gtk_snapshot_translate (ctx->snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (ctx->snapshot, layout, color);
  gtk_snapshot_restore (ctx->snapshot);
}
