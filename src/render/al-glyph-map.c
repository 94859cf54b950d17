/* al-glyph-map.c: the characters of glyphs, for writers of text
 *
 * PDF and SVG need the characters behind the glyphs of a text node, which
 * keeps only glyph ids. Text laid out by the renderer says which character
 * each glyph came from (al_glyph_map_note()); any other glyph is looked up
 * in the face: its cmap and, for substituted glyphs, the glyphs each Latin
 * character and common ligature shapes to. That table costs a few million
 * instructions for a CJK face, so it is built only when a glyph is not
 * known otherwise.
 *
 * A map belongs to its face (harfbuzz user data), so fonts of every size
 * share it and it goes with the face. Slots are written once, under a
 * lock; text is rendered and written on one thread at a time. */
#include <hb.h>
#include <string.h>

#include "al-export-private.h"
#include "al-render-private.h"

/* A character is at most 4 bytes of UTF-8 and a ligature at most 3
 * characters, so a slot of 8 holds any. A table rather than a hash of
 * strings: a CJK face has some 65,000 glyphs. */
typedef char GlyphText[8];

struct _AlExportGlyphMap
{
  guint      n_glyphs;
  GlyphText *texts;
  gboolean   complete;  /* the face's cmap and shapes are in */
  hb_face_t *face;      /* whose user data this is */
};

static hb_user_data_key_t map_key;
static GMutex map_lock;

static void
glyph_map_free (gpointer data)
{
  AlExportGlyphMap *map = data;

  g_free (map->texts);
  g_free (map);
}

/* Radicals, compatibility ideographs, ligatures (ﬂ) and full-width forms:
 * characters that look like others people type more often. */
static gboolean
is_variant (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0xF900 && c <= 0xFB4F) || (c >= 0xFF00 && c <= 0xFFEF)
         || (c >= 0x2F800 && c <= 0x2FA1F) || (c >= 0x3200 && c <= 0x33FF);
}

/* Fills an empty slot: what was noted or found first stays. */
static void
add_text (AlExportGlyphMap *map, hb_codepoint_t glyph, const char *text)
{
  if (glyph >= map->n_glyphs || strlen (text) >= sizeof map->texts[0] || map->texts[glyph][0] != '\0')
    return;
  g_strlcpy (map->texts[glyph], text, sizeof map->texts[0]);
}

/* The face's cmap, in the order people type text: plain characters, then
 * what Latin text shapes to (ligatures, contextual alternates), then the
 * variants that share a glyph with them (the radical ⼼ with 心, Ａ with A,
 * ﬃ with the ffi ligature). */
static void
add_cmap (AlExportGlyphMap *map, hb_font_t *font, hb_set_t *unicodes, gboolean variants)
{
  hb_codepoint_t codepoint = HB_SET_VALUE_INVALID;

  while (hb_set_next (unicodes, &codepoint))
    {
      hb_codepoint_t glyph;
      char utf8[8] = { 0 };

      if (is_variant (codepoint) != variants || !hb_font_get_nominal_glyph (font, codepoint, &glyph))
        continue;
      g_unichar_to_utf8 (codepoint, utf8);
      add_text (map, glyph, utf8);
    }
}

/* One character (or ligature) at a time, and ASCII between letters and
 * after a Chinese character: contextual alternates (Noto Sans CJK's
 * proportional digits after a letter) are other glyphs. */
static void
add_shaped (AlExportGlyphMap *map, hb_font_t *font)
{
  static const char *const ligatures[] = { "ff", "fi", "fl", "ffi", "ffl", "ft", "st" };
  hb_buffer_t *buffer = hb_buffer_create ();

  for (guint i = 0x21; i < 0x250 + G_N_ELEMENTS (ligatures); i++)
    {
      /* Before and after the character. */
      static const char *const contexts[][2] = {
        { "", "" }, { "a", "" }, { "", "a" }, { "A", "" }, { "\xE4\xB8\xAD", "" },
      };
      char utf8[8] = { 0 };
      const char *text = utf8;

      if (i < 0x250)
        g_unichar_to_utf8 (i, utf8);
      else
        text = ligatures[i - 0x250];
      for (guint c = 0; c < (i < 0x7f ? G_N_ELEMENTS (contexts) : 1); c++)
        {
          g_autofree char *shaped = g_strconcat (contexts[c][0], text, contexts[c][1], NULL);
          guint offset = (guint) strlen (contexts[c][0]);
          hb_glyph_info_t *infos;
          unsigned int n, found = 0;
          hb_codepoint_t glyph = 0;

          hb_buffer_clear_contents (buffer);
          hb_buffer_add_utf8 (buffer, shaped, -1, 0, -1);
          hb_buffer_guess_segment_properties (buffer);
          hb_shape (font, buffer, NULL, 0);
          infos = hb_buffer_get_glyph_infos (buffer, &n);
          for (unsigned int k = 0; k < n; k++)
            if (infos[k].cluster == offset)
              {
                glyph = infos[k].codepoint;
                found++;
              }
          if (found == 1 && glyph != 0)
            add_text (map, glyph, text);
        }
    }
  hb_buffer_destroy (buffer);
}

/* Glyph ids do not depend on a font's size: a font of the face's own
 * units does for all sizes. */
static void
complete_map (AlExportGlyphMap *map)
{
  hb_font_t *font = hb_font_create (map->face);
  hb_set_t *unicodes = hb_set_create ();

  hb_face_collect_unicodes (map->face, unicodes);
  add_cmap (map, font, unicodes, FALSE);
  add_shaped (map, font);
  add_cmap (map, font, unicodes, TRUE);
  hb_set_destroy (unicodes);
  hb_font_destroy (font);
  map->complete = TRUE;
}

static AlExportGlyphMap *
map_of_font (PangoFont *font)
{
  hb_font_t *hb_font = pango_font_get_hb_font (font);
  hb_face_t *face = hb_font_get_face (hb_font);
  AlExportGlyphMap *map = hb_face_get_user_data (face, &map_key);

  if (map == NULL)
    {
      g_mutex_lock (&map_lock);
      map = hb_face_get_user_data (face, &map_key);
      if (map == NULL)
        {
          map = g_new0 (AlExportGlyphMap, 1);
          map->face = face;
          map->n_glyphs = hb_face_get_glyph_count (face);
          map->texts = g_new0 (GlyphText, MAX (map->n_glyphs, 1));
          if (!hb_face_set_user_data (face, &map_key, map, glyph_map_free, FALSE))
            {
              /* An immutable face (the empty one): nothing to keep. */
              glyph_map_free (map);
              map = NULL;
            }
        }
      g_mutex_unlock (&map_lock);
    }
  return map;
}

void
al_glyph_map_note (PangoFont *font, PangoGlyph glyph, gunichar c)
{
  AlExportGlyphMap *map = map_of_font (font);
  char utf8[8] = { 0 };

  if (map == NULL || glyph >= map->n_glyphs || map->texts[glyph][0] != '\0')
    return;
  g_unichar_to_utf8 (c, utf8);
  g_mutex_lock (&map_lock);
  add_text (map, glyph, utf8);
  g_mutex_unlock (&map_lock);
}

void
al_glyph_map_note_layout (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  GSList *lines;

  /* An ellipsis run's clusters point into the text it hides. */
  if (pango_layout_is_ellipsized (layout))
    return;
  for (lines = pango_layout_get_lines_readonly (layout); lines != NULL; lines = lines->next)
    {
      PangoLayoutLine *line = lines->data;

      for (GSList *runs = line->runs; runs != NULL; runs = runs->next)
        {
          const PangoGlyphItem *run = runs->data;
          const PangoGlyphString *glyphs = run->glyphs;
          const char *item_text = text + run->item->offset;

          for (int i = 0; i < glyphs->num_glyphs; i++)
            {
              int cluster = glyphs->log_clusters[i];
              int end = run->item->length;
              PangoGlyph glyph = glyphs->glyphs[i].glyph;
              AlExportGlyphMap *map;
              char chars[8];

              /* Clusters of one glyph only, in either direction. */
              if ((i > 0 && glyphs->log_clusters[i - 1] == cluster)
                  || (i + 1 < glyphs->num_glyphs && glyphs->log_clusters[i + 1] == cluster))
                continue;
              for (int k = 0; k < glyphs->num_glyphs; k++)
                if (glyphs->log_clusters[k] > cluster && glyphs->log_clusters[k] < end)
                  end = glyphs->log_clusters[k];
              if (end - cluster <= 0 || end - cluster >= (int) sizeof chars
                  || glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG))
                continue;
              map = map_of_font (run->item->analysis.font);
              if (map == NULL || glyph >= map->n_glyphs || map->texts[glyph][0] != '\0')
                continue;
              memcpy (chars, item_text + cluster, (gsize) (end - cluster));
              chars[end - cluster] = '\0';
              g_mutex_lock (&map_lock);
              add_text (map, glyph, chars);
              g_mutex_unlock (&map_lock);
            }
        }
    }
}

GHashTable *
al_export_glyph_maps_new (void)
{
  return g_hash_table_new (NULL, NULL);
}

AlExportGlyphMap *
al_export_glyph_map (GHashTable *maps, PangoFont *font)
{
  AlExportGlyphMap *map = g_hash_table_lookup (maps, font);

  if (map == NULL)
    {
      map = map_of_font (font);
      if (map == NULL)
        {
          static AlExportGlyphMap empty;

          return &empty;
        }
      g_hash_table_insert (maps, font, map);
    }
  return map;
}

const char *
al_export_glyph_text (AlExportGlyphMap *map, guint glyph)
{
  if (glyph < map->n_glyphs && map->texts[glyph][0] == '\0' && !map->complete && map->face != NULL)
    {
      g_mutex_lock (&map_lock);
      if (!map->complete)
        complete_map (map);
      g_mutex_unlock (&map_lock);
    }
  if (glyph < map->n_glyphs && map->texts[glyph][0] != '\0')
    return map->texts[glyph];
  return "\xEF\xBF\xBD";
}
