/* al-render-text.c: laid-out text, cached per Pango context */
#include "al-render-private.h"

#include <string.h>

/* A frame at 100 % shows a few hundred strings; shaping them again each
 * frame would cost most of the frame. The cache lives on the scene (a
 * layout holds its PangoContext, so a cache on the context would keep the
 * context alive for ever), and it is emptied when another context is
 * used, the context changes (its serial) or the font does. */
#define MAX_CACHED_TEXTS 8192

/* Nearly every string on a card is in scripts that need no shaping
 * beyond one glyph per character: Latin, Greek, Cyrillic, Chinese,
 * Japanese kana, Hangul syllables. Such a string is laid out here from
 * each character's glyph and advance, found once per style and language
 * with the font Pango would choose, and ellipsized here too: a
 * PangoLayout costs some 150,000 instructions a string, this a few
 * thousand. Kerning is left out, as at the sizes of a card it moves a
 * glyph by a fraction of a pixel. Anything else (marks, right-to-left
 * scripts, emoji, control characters) is a PangoLayout. */
typedef struct
{
  PangoFont *font;
  int        x;         /* from the start of the line, Pango units */
  PangoGlyphString *glyphs;
} TextRun;

struct _AlRenderText
{
  PangoLayout *layout;    /* or, laid out here: */
  TextRun     *runs;
  guint        n_runs;
  int          baseline;  /* from the top, in Pango units */
  int          width, height;
};

/* A font characters were found in, with the line it makes. */
typedef struct
{
  PangoFont *font;
  int        ascent, descent;  /* of its logical rectangle, Pango units */
} TextFont;

/* One character of a style in a language, as Pango shapes it alone. */
typedef struct
{
  gboolean   known;
  gboolean   simple;   /* one glyph, no offsets */
  guint      font;     /* in the cache's fonts */
  PangoGlyph glyph;
  int        advance;  /* Pango units, rounded as the context rounds */
} CharGlyph;

#define MAX_LANGUAGES 8

struct _AlTextCache
{
  PangoContext *context;
  guint serial;
  char *family;
  PangoFontDescription *fonts[AL_TEXT_N_STYLES];
  GPtrArray *text_fonts;                    /* TextFont */
  PangoLanguage *languages[MAX_LANGUAGES];  /* [0]: the context's */
  guint n_languages;
  guint8 script_languages[256];             /* script → 1 + its language, 0: not yet */
  PangoFontset *fontsets[MAX_LANGUAGES][AL_TEXT_N_STYLES];
  CharGlyph ascii[AL_TEXT_N_STYLES][0x80];  /* in the context's language */
  GHashTable *chars[AL_TEXT_N_STYLES];      /* language << 21 | character → CharGlyph */
  GHashTable *texts;                        /* TextKey → AlRenderText */
};

/* What a laid-out text is cached under. */
typedef struct
{
  guint hash;
  int   style;
  int   width;
  char  text[];
} TextKey;

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
  for (guint i = 0; i < text->n_runs; i++)
    {
      g_object_unref (text->runs[i].font);
      pango_glyph_string_free (text->runs[i].glyphs);
    }
  g_free (text->runs);
  g_free (text);
}

static guint
text_key_hash (gconstpointer key)
{
  return ((const TextKey *) key)->hash;
}

static gboolean
text_key_equal (gconstpointer a, gconstpointer b)
{
  const TextKey *ka = a, *kb = b;

  return ka->hash == kb->hash && ka->style == kb->style && ka->width == kb->width
         && strcmp (ka->text, kb->text) == 0;
}

static void
text_font_free (TextFont *font)
{
  g_object_unref (font->font);
  g_free (font);
}

/* Forgets every font and glyph found: the context or the family changed. */
static void
text_cache_forget_glyphs (AlTextCache *cache)
{
  for (guint l = 0; l < cache->n_languages; l++)
    for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
      g_clear_object (&cache->fontsets[l][i]);
  cache->n_languages = 0;
  memset (cache->script_languages, 0, sizeof cache->script_languages);
  for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
    {
      g_hash_table_remove_all (cache->chars[i]);
      memset (cache->ascii[i], 0, sizeof cache->ascii[i]);
    }
  g_ptr_array_set_size (cache->text_fonts, 0);
}

static void
text_cache_free (AlTextCache *cache)
{
  text_cache_forget_glyphs (cache);
  for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
    {
      g_clear_pointer (&cache->fonts[i], pango_font_description_free);
      g_clear_pointer (&cache->chars[i], g_hash_table_unref);
    }
  g_clear_pointer (&cache->texts, g_hash_table_unref);
  g_clear_pointer (&cache->text_fonts, g_ptr_array_unref);
  g_clear_object (&cache->context);
  g_free (cache->family);
  g_free (cache);
}

PangoFontDescription *
al_render_text_style_font_new (AlTextStyle style, const char *family)
{
  PangoFontDescription *font = pango_font_description_new ();

  g_return_val_if_fail (style < AL_TEXT_N_STYLES, font);
  pango_font_description_set_family (font, family);
  pango_font_description_set_weight (font, styles[style].weight);
  /* Absolute: scene units, whatever the screen's resolution, so the
   * canvas and an export lay text out alike. */
  pango_font_description_set_absolute_size (font, styles[style].size * PANGO_SCALE);
  return font;
}

static void
text_cache_set_family (AlTextCache *cache, const char *family)
{
  g_free (cache->family);
  cache->family = g_strdup (family);
  for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
    {
      g_clear_pointer (&cache->fonts[i], pango_font_description_free);
      cache->fonts[i] = al_render_text_style_font_new (i, family);
    }
  text_cache_forget_glyphs (cache);
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
      cache->texts = g_hash_table_new_full (text_key_hash, text_key_equal, g_free,
                                            (GDestroyNotify) render_text_free);
      cache->text_fonts = g_ptr_array_new_with_free_func ((GDestroyNotify) text_font_free);
      for (guint i = 0; i < AL_TEXT_N_STYLES; i++)
        cache->chars[i] = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      text_cache_set_family (cache, family);
      g_object_set_qdata_full (G_OBJECT (ctx->scene), cache_quark, cache,
                               (GDestroyNotify) text_cache_free);
    }
  if (g_strcmp0 (cache->family, family) != 0)
    text_cache_set_family (cache, family);
  if (cache->context != ctx->pango || cache->serial != pango_context_get_serial (ctx->pango) ||
      g_hash_table_size (cache->texts) > MAX_CACHED_TEXTS)
    {
      if (cache->context != ctx->pango || cache->serial != pango_context_get_serial (ctx->pango))
        text_cache_forget_glyphs (cache);
      g_hash_table_remove_all (cache->texts);
      g_set_object (&cache->context, ctx->pango);
      cache->serial = pango_context_get_serial (ctx->pango);
    }
  ctx->text_cache = cache;
}

/* The language pango_itemize() lays text out in when nothing says
 * otherwise: the context's, which is the default one unless set. */
static PangoLanguage *
context_language (PangoContext *context)
{
  PangoLanguage *language = pango_context_get_language (context);

  return language != NULL ? language : pango_language_get_default ();
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

/* Characters with one glyph each, left to right, whatever the context:
 * no marks, joiners, controls or right-to-left and complex scripts. */
static gboolean
is_simple_char (gunichar c, GUnicodeScript script)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return FALSE;
    default:
      break;
    }
  switch (script)
    {
    case G_UNICODE_SCRIPT_COMMON:
      /* Not emoji, which may be pictures of several characters. */
      return c < 0x2600 || (c >= 0x2C00 && c < 0x1F000);
    case G_UNICODE_SCRIPT_LATIN:
    case G_UNICODE_SCRIPT_GREEK:
    case G_UNICODE_SCRIPT_CYRILLIC:
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    case G_UNICODE_SCRIPT_HANGUL:
      /* Syllables, not the jamo that combine into them. */
      return c >= 0xAC00 && c <= 0xD7A3;
    default:
      return FALSE;
    }
}

/* g_unichar_get_script(), without a call for ASCII. */
static inline GUnicodeScript
char_script (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha ((char) c) ? G_UNICODE_SCRIPT_LATIN : G_UNICODE_SCRIPT_COMMON;
  return g_unichar_get_script (c);
}

/* The language Pango itemizes a run of @script in: the context's when it
 * is written in that script, else the script's own (as
 * pango_itemize() does). An index into the cache's languages. */
static guint
language_for_script (AlTextCache *cache, GUnicodeScript script)
{
  PangoLanguage *language = cache->languages[0];
  guint8 *known = script >= 0 && (guint) script < G_N_ELEMENTS (cache->script_languages)
                    ? &cache->script_languages[script]
                    : NULL;

  if (known != NULL && *known != 0)
    return *known - 1u;

  if (!pango_language_includes_script (language, (PangoScript) script))
    {
      PangoLanguage *sample = pango_script_get_sample_language ((PangoScript) script);

      if (sample != NULL)
        language = sample;
    }
  for (guint l = 0; l < cache->n_languages; l++)
    if (cache->languages[l] == language)
      {
        if (known != NULL)
          *known = (guint8) (l + 1);
        return l;
      }
  if (cache->n_languages == MAX_LANGUAGES)
    return 0;
  cache->languages[cache->n_languages] = language;
  if (known != NULL)
    *known = (guint8) (cache->n_languages + 1);
  return cache->n_languages++;
}

static guint
text_font_index (AlTextCache *cache, PangoFont *font, PangoGlyph glyph)
{
  TextFont *text_font;
  PangoRectangle logical;

  for (guint i = 0; i < cache->text_fonts->len; i++)
    {
      text_font = g_ptr_array_index (cache->text_fonts, i);
      if (text_font->font == font)
        return i;
    }
  /* A glyph's logical rectangle is the font's line: the same for all. */
  pango_font_get_glyph_extents (font, glyph, NULL, &logical);
  text_font = g_new0 (TextFont, 1);
  text_font->font = g_object_ref (font);
  text_font->ascent = -logical.y;
  text_font->descent = logical.height + logical.y;
  g_ptr_array_add (cache->text_fonts, text_font);
  return cache->text_fonts->len - 1;
}

/* Finds what Pango shows for @c in @style when its run is of @script and
 * in the cache's @language: the fontset's font for it, shaped alone. */
static void
find_char_glyph (AlRenderContext *ctx, AlTextStyle style, guint language, GUnicodeScript script,
                 gunichar c, CharGlyph *out)
{
  AlTextCache *cache = ctx->text_cache;
  PangoFontset **fontset = &cache->fontsets[language][style];
  g_autoptr (PangoFont) font = NULL;
  PangoGlyphString *glyphs;
  PangoAnalysis analysis = { 0 };
  char utf8[8];
  int length = g_unichar_to_utf8 (c, utf8);

  out->known = TRUE;
  out->simple = FALSE;
  if (*fontset == NULL)
    *fontset = pango_font_map_load_fontset (pango_context_get_font_map (ctx->pango), ctx->pango,
                                            cache->fonts[style], cache->languages[language]);
  if (*fontset == NULL || (font = pango_fontset_get_font (*fontset, c)) == NULL)
    return;
  analysis.font = font;
  analysis.level = 0;
  analysis.gravity = PANGO_GRAVITY_SOUTH;
  analysis.script = (guint8) script;
  analysis.language = cache->languages[language];
  glyphs = pango_glyph_string_new ();
  pango_shape_with_flags (utf8, length, utf8, length, &analysis, glyphs,
                          pango_context_get_round_glyph_positions (ctx->pango)
                            ? PANGO_SHAPE_ROUND_POSITIONS
                            : PANGO_SHAPE_NONE);
  if (glyphs->num_glyphs == 1 && !(glyphs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
      && glyphs->glyphs[0].glyph != PANGO_GLYPH_EMPTY && glyphs->glyphs[0].geometry.x_offset == 0
      && glyphs->glyphs[0].geometry.y_offset == 0)
    {
      out->simple = TRUE;
      out->glyph = glyphs->glyphs[0].glyph;
      out->advance = glyphs->glyphs[0].geometry.width;
      out->font = text_font_index (cache, font, out->glyph);
      al_glyph_map_note (font, out->glyph, c);
    }
  pango_glyph_string_free (glyphs);
}

static const CharGlyph *
char_glyph (AlRenderContext *ctx, AlTextStyle style, guint language, GUnicodeScript script,
            gunichar c)
{
  AlTextCache *cache = ctx->text_cache;
  CharGlyph *glyph;
  gpointer key;

  if (language == 0 && c < 0x80)
    {
      glyph = &cache->ascii[style][c];
      if (!glyph->known)
        find_char_glyph (ctx, style, language, script, c, glyph);
      return glyph;
    }
  key = GUINT_TO_POINTER (language << 21 | c);
  glyph = g_hash_table_lookup (cache->chars[style], key);
  if (glyph == NULL)
    {
      glyph = g_new0 (CharGlyph, 1);
      find_char_glyph (ctx, style, language, script, c, glyph);
      g_hash_table_insert (cache->chars[style], key, glyph);
    }
  return glyph;
}

/* The characters of a line, with their glyphs. */
typedef struct
{
  gunichar         c;
  const CharGlyph *glyph;
} LineChar;

/* Which characters of @n show within @width (Pango units) with an
 * ellipsis of @ellipsis advance, in the style's way: the first @head and
 * the last @tail. */
static void
ellipsize (const LineChar *chars, guint n, PangoEllipsizeMode mode, int width, int ellipsis,
           guint *head, guint *tail)
{
  int room = width - ellipsis, used = 0;
  guint h = 0, t = 0;

  if (mode == PANGO_ELLIPSIZE_END)
    {
      while (h < n && used + chars[h].glyph->advance <= room)
        used += chars[h++].glyph->advance;
    }
  else
    {
      /* The middle: keep both ends, as balanced as they fit. */
      int head_width = 0, tail_width = 0;

      while (h + t < n)
        {
          gboolean take_head = head_width <= tail_width;
          const CharGlyph *next = take_head ? chars[h].glyph : chars[n - 1 - t].glyph;

          if (used + next->advance > room)
            {
              /* The other end may still have a narrower one. */
              const CharGlyph *other = take_head ? chars[n - 1 - t].glyph : chars[h].glyph;

              if (used + other->advance > room)
                break;
              take_head = !take_head;
              next = other;
            }
          used += next->advance;
          if (take_head)
            {
              head_width += next->advance;
              h++;
            }
          else
            {
              tail_width += next->advance;
              t++;
            }
        }
    }
  *head = h;
  *tail = t;
}

/* Lays @text out from its characters' glyphs; FALSE when it is not all
 * simple characters, or would not be ellipsized as the style says. */
static gboolean
layout_simple (AlRenderContext *ctx, AlTextStyle style, const char *text, int pango_width,
               AlRenderText *out)
{
  AlTextCache *cache = ctx->text_cache;
  g_autofree LineChar *chars = NULL;
  LineChar ellipsis = { 0x2026, NULL };
  glong n = g_utf8_strlen (text, -1);
  GUnicodeScript run_script = G_UNICODE_SCRIPT_COMMON;
  guint start = 0, head, tail, shown;
  int total = 0, x = 0, ascent = 0, descent = 0;
  const LineChar *line[3];
  guint line_n[3];
  TextRun *run = NULL;

  if (n == 0)
    return FALSE;
  chars = g_new (LineChar, n);
  /* Scripts first: a common character (space, digit) belongs to the run
   * around it, as in pango_itemize(). */
  {
    const char *p = text;
    GUnicodeScript first = G_UNICODE_SCRIPT_COMMON;

    for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
      {
        GUnicodeScript script;

        chars[i].c = g_utf8_get_char (p);
        script = char_script (chars[i].c);
        if (chars[i].c < 0x80 ? chars[i].c < 0x20 || chars[i].c == 0x7f
                              : !is_simple_char (chars[i].c, script))
          return FALSE;
        if (first == G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_COMMON
            && script != G_UNICODE_SCRIPT_INHERITED)
          first = script;
      }
    run_script = first;
    for (glong i = 0; i < n; i++)
      {
        GUnicodeScript script = char_script (chars[i].c);

        if (script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_INHERITED)
          run_script = script;
        chars[i].glyph = char_glyph (ctx, style, language_for_script (cache, run_script),
                                     run_script, chars[i].c);
        if (!chars[i].glyph->simple)
          return FALSE;
        total += chars[i].glyph->advance;
      }
  }

  head = (guint) n;
  tail = 0;
  line_n[1] = 0;
  if (pango_width > 0 && total > pango_width)
    {
      if (styles[style].ellipsize == PANGO_ELLIPSIZE_NONE)
        return FALSE;
      ellipsis.glyph = char_glyph (ctx, style, 0, G_UNICODE_SCRIPT_COMMON, ellipsis.c);
      if (!ellipsis.glyph->simple)
        return FALSE;
      ellipsize (chars, (guint) n, styles[style].ellipsize, pango_width, ellipsis.glyph->advance,
                 &head, &tail);
      line_n[1] = 1;
    }
  line[0] = chars;
  line_n[0] = head;
  line[1] = &ellipsis;
  line[2] = chars + n - tail;
  line_n[2] = tail;
  shown = head + line_n[1] + tail;

  /* Runs of one font. */
  out->runs = g_new0 (TextRun, shown);
  for (guint part = 0; part < 3; part++)
    for (guint i = 0; i < line_n[part]; i++)
      {
        const LineChar *lc = &line[part][i];
        TextFont *font = g_ptr_array_index (cache->text_fonts, lc->glyph->font);
        PangoGlyphInfo *info;

        if (run == NULL || run->font != font->font)
          {
            run = &out->runs[out->n_runs++];
            run->font = g_object_ref (font->font);
            run->x = x;
            /* Room for the rest of the line, then as many as it holds. */
            run->glyphs = pango_glyph_string_new ();
            pango_glyph_string_set_size (run->glyphs, (int) (shown - start));
            run->glyphs->num_glyphs = 0;
            ascent = MAX (ascent, font->ascent);
            descent = MAX (descent, font->descent);
          }
        info = &run->glyphs->glyphs[run->glyphs->num_glyphs];
        memset (info, 0, sizeof *info);
        info->glyph = lc->glyph->glyph;
        info->geometry.width = lc->glyph->advance;
        info->attr.is_cluster_start = 1;
        run->glyphs->log_clusters[run->glyphs->num_glyphs++] = (int) start++;
        x += lc->glyph->advance;
      }

  out->baseline = ascent;
  {
    /* As pango_layout_get_pixel_size() rounds the layout's logical size. */
    PangoRectangle logical = { 0, 0, x, ascent + descent };

    pango_extents_to_pixels (&logical, NULL);
    out->width = logical.width;
    out->height = logical.height;
  }
  return TRUE;
}

const AlRenderText *
al_render_text (AlRenderContext *ctx, AlTextStyle style, const char *text, double width)
{
  AlTextCache *cache = ctx->text_cache;
  int pango_width = width > 0 ? (int) (width * PANGO_SCALE) : -1;
  gsize length;
  TextKey *key;
  AlRenderText *rendered;

  if (text == NULL)
    text = "";
  length = strlen (text);
  key = g_malloc (sizeof (TextKey) + length + 1);
  key->style = style;
  key->width = pango_width;
  memcpy (key->text, text, length + 1);
  key->hash = (g_str_hash (text) * 31u + (guint) style) * 31u + (guint) pango_width;
  rendered = g_hash_table_lookup (cache->texts, key);
  if (rendered != NULL)
    {
      g_free (key);
      return rendered;
    }

  if (cache->n_languages == 0)
    {
      cache->languages[0] = context_language (ctx->pango);
      cache->n_languages = 1;
    }
  rendered = g_new0 (AlRenderText, 1);
  if (!layout_simple (ctx, style, text, pango_width, rendered))
    {
      render_text_free (rendered);
      rendered = g_new0 (AlRenderText, 1);
      rendered->layout = new_layout (ctx, style, text, pango_width);
      pango_layout_get_pixel_size (rendered->layout, &rendered->width, &rendered->height);
      al_glyph_map_note_layout (rendered->layout);
    }
  g_hash_table_insert (cache->texts, key, rendered);
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
  for (guint i = 0; i < text->n_runs; i++)
    {
      const TextRun *run = &text->runs[i];
      GskRenderNode *node = gsk_text_node_new (
        run->font, run->glyphs, color,
        &GRAPHENE_POINT_INIT ((float) x + (float) run->x / PANGO_SCALE, baseline + (float) y));

      if (node != NULL)
        {
          gtk_snapshot_append_node (ctx->snapshot, node);
          gsk_render_node_unref (node);
        }
    }
}
