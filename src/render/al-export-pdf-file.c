/* al-export-pdf-file.c: the objects of our PDF around the page's content
 * stream: the page, the document information, the fonts and the
 * cross-reference table.
 *
 * Each font face the page uses is a Type0 font with Identity-H encoding:
 * two bytes a character code, the code a CID. Its descendant is a
 * CIDFontType2 (TrueType outlines) or a CIDFontType0 (CFF outlines, as in
 * Noto Sans CJK) whose embedded program is the subset hb-subset makes of
 * the glyphs used. A ToUnicode map gives each code its characters, so the
 * text can be searched and copied.
 *
 * CIDs: a TrueType subset keeps the glyph ids (empty glyphs cost little
 * there) and the CID is the glyph id. A CID-keyed CFF font (the CJK
 * fonts) maps CIDs to glyphs itself, and hb-subset keeps each glyph's CID
 * while it renumbers the glyphs: the code is the glyph's CID, read from
 * the font's charset. Keeping the glyph ids of such a font would cost
 * half a megabyte of empty glyphs and twice the time. Other CFF fonts
 * (glyphs by name) keep their glyph ids, which are their CIDs. */
#include <hb-subset.h>
#include <hb-ot.h>
#include <math.h>
#include <pango/pangofc-font.h>
#include <string.h>
#include <zlib.h>

#include "al-export-pdf-private.h"

/* Objects: 1 catalog, 2 pages, 3 page, 4 contents, 5 information; then
 * per font its Type0 font, CIDFont, descriptor, program and ToUnicode;
 * then the forms. */
#define FIRST_FONT_OBJECT 6
#define FONT_OBJECTS      5

#define UNUSED G_MININT16

struct _AlPdfFont
{
  hb_face_t        *face;
  hb_font_t        *unscaled;   /* sizes in font units */
  guint             index;
  guint             n_glyphs;
  gint16           *widths;     /* per glyph, thousandths of the em; UNUSED */
  guint16          *cids;       /* per glyph of a CID-keyed CFF font, else NULL */
  AlExportGlyphMap *map;
  gboolean          cff;
  GArray           *used;       /* guint32, code << 16 | glyph, by code */
  hb_blob_t        *program;    /* the subset, after al_pdf_fonts_prepare() */
};

struct _AlPdfFonts
{
  GHashTable *faces;      /* hb_face_t* → AlPdfFont* */
  GPtrArray  *list;       /* AlPdfFont*, by index */
  GHashTable *uses;       /* PangoFont* → AlPdfFontUse* (font NULL: cannot) */
  GHashTable *glyph_maps;
};

static void
font_free (AlPdfFont *font)
{
  hb_font_destroy (font->unscaled);
  hb_face_destroy (font->face);
  hb_blob_destroy (font->program);
  g_free (font->widths);
  g_free (font->cids);
  if (font->used != NULL)
    g_array_unref (font->used);
  g_free (font);
}

AlPdfFonts *
al_pdf_fonts_new (void)
{
  AlPdfFonts *fonts = g_new0 (AlPdfFonts, 1);

  fonts->faces = g_hash_table_new (NULL, NULL);
  fonts->list = g_ptr_array_new_with_free_func ((GDestroyNotify) font_free);
  fonts->uses = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  fonts->glyph_maps = al_export_glyph_maps_new ();
  return fonts;
}

void
al_pdf_fonts_free (AlPdfFonts *fonts)
{
  g_hash_table_unref (fonts->faces);
  g_ptr_array_unref (fonts->list);
  g_hash_table_unref (fonts->uses);
  g_hash_table_unref (fonts->glyph_maps);
  g_free (fonts);
}

static gboolean
has_table (hb_face_t *face, hb_tag_t tag)
{
  hb_blob_t *blob = hb_face_reference_table (face, tag);
  gboolean found = hb_blob_get_length (blob) > 0;

  hb_blob_destroy (blob);
  return found;
}

/* ---- CFF charsets ---------------------------------------------------------- */

typedef struct
{
  const guint8 *data;
  gsize         length;
} Bytes;

static gboolean
read_card (const Bytes *b, gsize at, guint size, guint32 *value)
{
  if (size == 0 || size > 4 || at + size > b->length)
    return FALSE;
  *value = 0;
  for (guint i = 0; i < size; i++)
    *value = *value << 8 | b->data[at + i];
  return TRUE;
}

/* The first object of the INDEX at @at, and where the INDEX ends. */
static gboolean
read_index (const Bytes *b, gsize at, gsize *first, gsize *first_end, gsize *end)
{
  guint32 count, size, start, next, last;
  gsize offsets = at + 3;

  if (!read_card (b, at, 2, &count))
    return FALSE;
  if (count == 0)
    {
      *first = *first_end = *end = at + 2;
      return TRUE;
    }
  if (!read_card (b, at + 2, 1, &size) || !read_card (b, offsets, size, &start)
      || !read_card (b, offsets + size, size, &next)
      || !read_card (b, offsets + (gsize) count * size, size, &last))
    return FALSE;
  /* Offsets count from the byte before the data. */
  *first = offsets + ((gsize) count + 1) * size - 1 + start;
  *first_end = offsets + ((gsize) count + 1) * size - 1 + next;
  *end = offsets + ((gsize) count + 1) * size - 1 + last;
  return *first <= *first_end && *end <= b->length;
}

/* The charset offset of a Top DICT, and whether it has a ROS (CID-keyed). */
static gboolean
read_top_dict (const Bytes *b, gsize at, gsize end, gint64 *charset, gboolean *cid_keyed)
{
  gint64 last = 0;

  *charset = 0;
  *cid_keyed = FALSE;
  while (at < end)
    {
      guint8 b0 = b->data[at++];

      if (b0 == 12)
        {
          if (at >= end)
            return FALSE;
          if (b->data[at++] == 30)
            *cid_keyed = TRUE;
        }
      else if (b0 <= 21)
        {
          if (b0 == 15)
            *charset = last;
        }
      else if (b0 == 28 || b0 == 29)
        {
          guint32 value;

          if (!read_card (b, at, b0 == 28 ? 2 : 4, &value) || at + (b0 == 28 ? 2 : 4) > end)
            return FALSE;
          last = b0 == 28 ? (gint16) value : (gint32) value;
          at += b0 == 28 ? 2 : 4;
        }
      else if (b0 == 30)
        {
          /* A real: nibbles up to 0xf. */
          while (at < end && (b->data[at] & 0x0f) != 0x0f && (b->data[at] & 0xf0) != 0xf0)
            at++;
          at++;
        }
      else if (b0 >= 32 && b0 <= 246)
        last = b0 - 139;
      else if (b0 >= 247 && b0 <= 254)
        {
          if (at >= end)
            return FALSE;
          last = b0 <= 250 ? (b0 - 247) * 256 + b->data[at] + 108
                           : -(b0 - 251) * 256 - b->data[at] - 108;
          at++;
        }
      else
        return FALSE;
    }
  return TRUE;
}

/* The CID of each glyph of a CID-keyed CFF font from its charset; %NULL,
 * with @cid_keyed FALSE, when the font names its glyphs. FALSE when the
 * table cannot be read. */
static gboolean
read_cids (hb_face_t *face, guint n_glyphs, guint16 **cids)
{
  hb_blob_t *blob = hb_face_reference_table (face, HB_TAG ('C', 'F', 'F', ' '));
  unsigned int length;
  Bytes b;
  gsize name_end, dict, dict_end, index_end, at;
  guint32 header, format = 0, value = 0, count = 0;
  gint64 charset;
  gboolean cid_keyed, ok = FALSE;
  guint glyph = 1;

  *cids = NULL;
  b.data = (const guint8 *) hb_blob_get_data (blob, &length);
  b.length = length;
  if (!read_card (&b, 2, 1, &header) || !read_index (&b, header, &at, &at, &name_end)
      || !read_index (&b, name_end, &dict, &dict_end, &index_end)
      || !read_top_dict (&b, dict, dict_end, &charset, &cid_keyed))
    goto out;
  ok = TRUE;
  if (!cid_keyed)
    goto out;
  /* The predefined charsets (0 to 2) are for fonts that name glyphs. */
  ok = charset > 2 && read_card (&b, (gsize) charset, 1, &format) && format <= 2;
  if (!ok)
    goto out;
  *cids = g_new0 (guint16, MAX (n_glyphs, 1));
  at = (gsize) charset + 1;
  while (ok && glyph < n_glyphs)
    {
      if (format == 0)
        {
          ok = read_card (&b, at, 2, &value);
          (*cids)[glyph++] = (guint16) value;
          at += 2;
          continue;
        }
      ok = read_card (&b, at, 2, &value) && read_card (&b, at + 2, format, &count);
      at += 2 + format;
      for (guint32 k = 0; ok && k <= count && glyph < n_glyphs; k++)
        (*cids)[glyph++] = (guint16) (value + k);
    }
out:
  if (!ok)
    g_clear_pointer (cids, g_free);
  hb_blob_destroy (blob);
  return ok;
}

/* ---- fonts of the page ----------------------------------------------------- */

/* What PDF cannot show as the renderer drew it: outlines it does not know
 * (bitmaps, CFF2), a variation instance, fontconfig's synthetic bold. */
static gboolean
can_embed (PangoFont *font, hb_font_t *hb_font)
{
  unsigned int n_coords = 0;
  const int *coords = hb_font_get_var_coords_normalized (hb_font, &n_coords);

  for (unsigned int i = 0; i < n_coords; i++)
    if (coords[i] != 0)
      return FALSE;
  if (hb_font_get_synthetic_slant (hb_font) != 0)
    return FALSE;
  if (PANGO_IS_FC_FONT (font))
    {
      FcPattern *pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font));
      FcBool embolden = FcFalse;
      FcMatrix *matrix = NULL;

      if (FcPatternGetBool (pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch && embolden)
        return FALSE;
      if (FcPatternGetMatrix (pattern, FC_MATRIX, 0, &matrix) == FcResultMatch
          && (matrix->xx != 1 || matrix->xy != 0 || matrix->yx != 0 || matrix->yy != 1))
        return FALSE;
    }
  return TRUE;
}

const AlPdfFontUse *
al_pdf_fonts_use (AlPdfFonts *fonts, PangoFont *font)
{
  AlPdfFontUse *use = g_hash_table_lookup (fonts->uses, font);
  hb_font_t *hb_font;
  hb_face_t *face;
  AlPdfFont *pdf_font;

  if (use != NULL)
    return use->font != NULL ? use : NULL;

  use = g_new0 (AlPdfFontUse, 1);
  g_hash_table_insert (fonts->uses, g_object_ref (font), use);
  hb_font = pango_font_get_hb_font (font);
  if (hb_font == NULL || !can_embed (font, hb_font))
    return NULL;
  face = hb_font_get_face (hb_font);
  pdf_font = g_hash_table_lookup (fonts->faces, face);
  if (pdf_font == NULL)
    {
      gboolean cff = has_table (face, HB_TAG ('C', 'F', 'F', ' '));
      guint16 *cids = NULL;

      if (cff ? !read_cids (face, hb_face_get_glyph_count (face), &cids)
              : !has_table (face, HB_TAG ('g', 'l', 'y', 'f')))
        return NULL;
      pdf_font = g_new0 (AlPdfFont, 1);
      pdf_font->cids = cids;
      pdf_font->face = hb_face_reference (face);
      /* hb_font_create() sizes in font units. */
      pdf_font->unscaled = hb_font_create (face);
      pdf_font->index = fonts->list->len;
      pdf_font->n_glyphs = hb_face_get_glyph_count (face);
      pdf_font->widths = g_new (gint16, MAX (pdf_font->n_glyphs, 1));
      for (guint i = 0; i < pdf_font->n_glyphs; i++)
        pdf_font->widths[i] = UNUSED;
      pdf_font->map = al_export_glyph_map (fonts->glyph_maps, font);
      pdf_font->cff = cff;
      g_ptr_array_add (fonts->list, pdf_font);
      g_hash_table_insert (fonts->faces, face, pdf_font);
    }
  {
    PangoFontDescription *description = pango_font_describe_with_absolute_size (font);

    use->size = (double) pango_font_description_get_size (description) / PANGO_SCALE;
    pango_font_description_free (description);
  }
  if (!(use->size > 0))
    return NULL;
  use->font = pdf_font;
  use->font_index = pdf_font->index;
  return use;
}

int
al_pdf_font_use_glyph (AlPdfFont *font, guint glyph, guint *code)
{
  *code = glyph;
  if (glyph >= font->n_glyphs)
    return 0;
  if (font->cids != NULL)
    *code = font->cids[glyph];
  if (font->widths[glyph] == UNUSED)
    {
      hb_position_t advance = hb_font_get_glyph_h_advance (font->unscaled, glyph);
      double width = advance * 1000.0 / hb_face_get_upem (font->face);

      font->widths[glyph] = (gint16) CLAMP (width + (width < 0 ? -0.5 : 0.5), -32767, 32767);
    }
  return font->widths[glyph];
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
subset (AlPdfFont *font)
{
  /* Tables a PDF viewer does not read: layout, vertical metrics, hinting. */
  static const hb_tag_t dropped[] = {
    HB_TAG ('G', 'S', 'U', 'B'), HB_TAG ('G', 'P', 'O', 'S'), HB_TAG ('G', 'D', 'E', 'F'),
    HB_TAG ('B', 'A', 'S', 'E'), HB_TAG ('J', 'S', 'T', 'F'), HB_TAG ('M', 'A', 'T', 'H'),
    HB_TAG ('k', 'e', 'r', 'n'), HB_TAG ('v', 'h', 'e', 'a'), HB_TAG ('v', 'm', 't', 'x'),
    HB_TAG ('V', 'O', 'R', 'G'), HB_TAG ('D', 'S', 'I', 'G'), HB_TAG ('g', 'a', 's', 'p'),
    HB_TAG ('h', 'd', 'm', 'x'), HB_TAG ('L', 'T', 'S', 'H'), HB_TAG ('V', 'D', 'M', 'X'),
  };
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_set_t *glyphs, *drop;
  hb_face_t *result;

  if (input == NULL)
    return FALSE;
  glyphs = hb_subset_input_glyph_set (input);
  font->used = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < font->n_glyphs; i++)
    if (font->widths[i] != UNUSED)
      {
        guint32 code = font->cids != NULL ? font->cids[i] : i;
        guint32 entry = code << 16 | i;

        hb_set_add (glyphs, i);
        g_array_append_val (font->used, entry);
      }
  if (font->cids != NULL)
    g_array_sort (font->used, compare_codes);
  drop = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    hb_set_add (drop, dropped[i]);
  /* Glyph ids kept where they are the CIDs (see above). */
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING
                                      | (font->cids == NULL ? HB_SUBSET_FLAGS_RETAIN_GIDS : 0));
  result = hb_subset_or_fail (font->face, input);
  hb_subset_input_destroy (input);
  if (result == NULL)
    return FALSE;
  /* A CID-keyed font goes in as its bare CFF program: viewers look CIDs
   * up in the charset there, while in an OpenType wrapper poppler takes
   * them for glyph ids. */
  font->program = font->cids != NULL ? hb_face_reference_table (result, HB_TAG ('C', 'F', 'F', ' '))
                                     : hb_face_reference_blob (result);
  hb_face_destroy (result);
  return hb_blob_get_length (font->program) > 0;
}

gboolean
al_pdf_fonts_prepare (AlPdfFonts *fonts)
{
  for (guint i = 0; i < fonts->list->len; i++)
    if (!subset (g_ptr_array_index (fonts->list, i)))
      return FALSE;
  return TRUE;
}

/* ---- objects ------------------------------------------------------------- */

typedef struct
{
  GString *pdf;
  GArray  *offsets;   /* gsize, per object number */
} File;

static void
begin_object (File *file, guint number)
{
  g_assert (number == file->offsets->len);
  g_array_append_val (file->offsets, file->pdf->len);
  g_string_append_printf (file->pdf, "%u 0 obj\n", number);
}

/* zlib's level 1 rather than its default (6), measured on the content
 * stream of the 1,000-component page (1.85 MB): 382 kB in 9 ms at level 1,
 * 277 kB in 36 ms at level 6. A file 426 kB rather than 321 kB for an
 * export 27 ms faster: the level that keeps the export quick. */
#define DEFLATE_LEVEL 1

/* A stream of @data, deflated, with the dictionary @entries; ends the
 * object. */
static void
put_stream (File *file, const char *entries, const void *data, gsize length)
{
  uLongf size = compressBound (length);
  g_autofree guint8 *deflated = g_malloc (size);

  if (compress2 (deflated, &size, data, length, DEFLATE_LEVEL) != Z_OK)
    g_error ("zlib could not deflate %" G_GSIZE_FORMAT " bytes", length);
  g_string_append_printf (file->pdf, "<< %s%s/Filter /FlateDecode /Length %lu >>\nstream\n",
                          entries, *entries != '\0' ? " " : "", (unsigned long) size);
  g_string_append_len (file->pdf, (const char *) deflated, size);
  g_string_append (file->pdf, "\nendstream\nendobj\n");
}

static void
put_utf16 (GString *out, const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x10000)
        {
          al_pdf_put_hex4 (out, 0xd800 + ((c - 0x10000) >> 10));
          al_pdf_put_hex4 (out, 0xdc00 + ((c - 0x10000) & 0x3ff));
        }
      else
        al_pdf_put_hex4 (out, c);
    }
}

/* A text string: literal when ASCII, else UTF-16BE with its byte order mark. */
static void
put_text_string (GString *out, const char *text)
{
  gboolean ascii = TRUE;

  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80 || (guchar) *p < 0x20)
      ascii = FALSE;
  if (ascii)
    {
      g_string_append_c (out, '(');
      for (const char *p = text; *p; p++)
        {
          if (*p == '(' || *p == ')' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, ')');
      return;
    }
  g_string_append (out, "<FEFF");
  put_utf16 (out, text);
  g_string_append_c (out, '>');
}

/* ---- fonts --------------------------------------------------------------- */

static int
to_thousandths (const AlPdfFont *font, double units)
{
  double value = units * 1000.0 / hb_face_get_upem (font->face);

  return (int) (value + (value < 0 ? -0.5 : 0.5));
}

static hb_position_t
metric (const AlPdfFont *font, hb_ot_metrics_tag_t tag, hb_position_t fallback)
{
  hb_position_t value;

  return hb_ot_metrics_get_position (font->unscaled, tag, &value) ? value : fallback;
}

/* The PostScript name, with what PDF names cannot hold left out. */
static char *
font_name (const AlPdfFont *font)
{
  char name[64];
  unsigned int length = sizeof name;
  GString *out = g_string_new (NULL);

  if (hb_ot_name_get_utf8 (font->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID,
                           &length, name)
      == 0)
    name[0] = '\0';
  for (const char *p = name; *p; p++)
    if (*p > 0x20 && *p < 0x7f && strchr ("()<>[]{}/%#", *p) == NULL)
      g_string_append_c (out, *p);
  if (out->len == 0)
    g_string_append (out, "Font");
  /* The tag of a subset: six capitals, one per font of the file. */
  {
    char tag[8];
    guint index = font->index;

    for (int i = 5; i >= 0; i--)
      {
        tag[i] = (char) ('A' + index % 26);
        index /= 26;
      }
    tag[6] = '+';
    g_string_prepend_len (out, tag, 7);
  }
  return g_string_free (out, FALSE);
}

static void
put_descriptor (GString *pdf, const AlPdfFont *font, const char *name, guint program)
{
  hb_blob_t *head = hb_face_reference_table (font->face, HB_TAG ('h', 'e', 'a', 'd'));
  unsigned int length;
  const guint8 *data = (const guint8 *) hb_blob_get_data (head, &length);
  gint16 box[4] = { 0, 0, 0, 0 };
  hb_position_t ascent = metric (font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER,
                                 (hb_position_t) hb_face_get_upem (font->face) * 4 / 5);
  float italic = hb_style_get_value (font->unscaled, HB_STYLE_TAG_SLANT_ANGLE);
  float weight = hb_style_get_value (font->unscaled, HB_STYLE_TAG_WEIGHT);

  /* xMin, yMin, xMax, yMax of the head table. */
  if (length >= 44)
    for (guint i = 0; i < 4; i++)
      box[i] = (gint16) (data[36 + 2 * i] << 8 | data[37 + 2 * i]);
  hb_blob_destroy (head);

  /* Symbolic (4): the glyphs are not those of the standard Latin set;
   * italic (64). */
  g_string_append_printf (pdf, "<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [",
                          name, 4 | (italic != 0 ? 64 : 0));
  for (guint i = 0; i < 4; i++)
    al_pdf_put_fixed (pdf, to_thousandths (font, box[i]), 0);
  g_string_append (pdf, "] /ItalicAngle ");
  al_pdf_put_fixed (pdf, italic, 1);
  g_string_append (pdf, "/Ascent ");
  al_pdf_put_fixed (pdf, to_thousandths (font, ascent), 0);
  g_string_append (pdf, "/Descent ");
  al_pdf_put_fixed (pdf, to_thousandths (font, metric (font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER,
                                                       -ascent / 4)),
                    0);
  g_string_append (pdf, "/CapHeight ");
  al_pdf_put_fixed (pdf, to_thousandths (font, metric (font, HB_OT_METRICS_TAG_CAP_HEIGHT,
                                                       ascent * 7 / 10)),
                    0);
  /* Fonts do not say: the usual estimate from the weight class. */
  g_string_append (pdf, "/StemV ");
  al_pdf_put_fixed (pdf, 50 + (weight / 65) * (weight / 65), 0);
  g_string_append_printf (pdf, "/%s %u 0 R >>\nendobj\n", font->cff ? "FontFile3" : "FontFile2",
                          program);
}

/* /W: runs of consecutive codes, "first [w w …]". */
static void
put_widths (GString *pdf, const AlPdfFont *font)
{
  guint next = G_MAXUINT;

  g_string_append (pdf, " /W [");
  for (guint i = 0; i < font->used->len; i++)
    {
      guint32 entry = g_array_index (font->used, guint32, i);
      guint code = entry >> 16;

      if (code != next)
        {
          if (i > 0)
            g_string_append (pdf, "] ");
          al_pdf_put_fixed (pdf, code, 0);
          g_string_append_c (pdf, '[');
        }
      al_pdf_put_fixed (pdf, font->widths[entry & 0xffff], 0);
      next = code + 1;
    }
  g_string_append (pdf, font->used->len > 0 ? "]]" : "]");
}

static void
put_to_unicode (File *file, const AlPdfFont *font)
{
  g_autoptr (GString) cmap = g_string_new (NULL);

  g_string_append (cmap, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  /* At most 100 entries a block. */
  for (guint i = 0; i < font->used->len; i += 100)
    {
      guint n = MIN (100, font->used->len - i);

      g_string_append_printf (cmap, "%u beginbfchar\n", n);
      for (guint k = i; k < i + n; k++)
        {
          guint32 entry = g_array_index (font->used, guint32, k);

          g_string_append_c (cmap, '<');
          al_pdf_put_hex4 (cmap, entry >> 16);
          g_string_append (cmap, "> <");
          put_utf16 (cmap, al_export_glyph_text (font->map, entry & 0xffff));
          g_string_append (cmap, ">\n");
        }
      g_string_append (cmap, "endbfchar\n");
    }
  g_string_append (cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  put_stream (file, "", cmap->str, cmap->len);
}

static void
put_font (File *file, const AlPdfFont *font)
{
  GString *pdf = file->pdf;
  guint first = FIRST_FONT_OBJECT + font->index * FONT_OBJECTS;
  g_autofree char *name = font_name (font);
  unsigned int length;
  const char *program = hb_blob_get_data (font->program, &length);

  begin_object (file, first);
  /* A CIDFontType0's Type0 name carries the encoding's. */
  g_string_append_printf (pdf, "<< /Type /Font /Subtype /Type0 /BaseFont /%s%s /Encoding "
                               "/Identity-H /DescendantFonts [%u 0 R] /ToUnicode %u 0 R >>\n"
                               "endobj\n",
                          name, font->cff ? "-Identity-H" : "", first + 1, first + 4);

  begin_object (file, first + 1);
  g_string_append_printf (pdf, "<< /Type /Font /Subtype /%s /BaseFont /%s /CIDSystemInfo "
                               "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                               "/FontDescriptor %u 0 R",
                          font->cff ? "CIDFontType0" : "CIDFontType2", name, first + 2);
  if (!font->cff)
    g_string_append (pdf, " /CIDToGIDMap /Identity");
  put_widths (pdf, font);
  g_string_append (pdf, " >>\nendobj\n");

  begin_object (file, first + 2);
  put_descriptor (pdf, font, name, first + 3);

  begin_object (file, first + 3);
  if (font->cids != NULL)
    put_stream (file, "/Subtype /CIDFontType0C", program, length);
  else if (font->cff)
    put_stream (file, "/Subtype /OpenType", program, length);
  else
    {
      char entries[32];

      g_snprintf (entries, sizeof entries, "/Length1 %u", length);
      put_stream (file, entries, program, length);
    }

  begin_object (file, first + 4);
  put_to_unicode (file, font);
}

/* ---- the file ------------------------------------------------------------ */

void
al_pdf_put_document (GString *pdf, const AlExportPage *page, const GString *content,
                     const GArray *alphas, const GPtrArray *forms, AlPdfFonts *fonts)
{
  File file = { pdf, g_array_new (FALSE, FALSE, sizeof (gsize)) };
  gsize xref = 0;

  /* Bytes above 127 in a comment: the file is binary. */
  g_string_append (pdf, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
  g_array_append_val (file.offsets, xref);  /* object 0, the head of the free list */

  begin_object (&file, 1);
  g_string_append (pdf, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  begin_object (&file, 2);
  g_string_append (pdf, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");

  begin_object (&file, 3);
  g_string_append (pdf, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ");
  al_pdf_put_fixed (pdf, page->width, 2);
  al_pdf_put_fixed (pdf, page->height, 2);
  g_string_append (pdf, "] /Contents 4 0 R /Resources <<");
  if (fonts->list->len > 0)
    {
      g_string_append (pdf, " /Font <<");
      for (guint i = 0; i < fonts->list->len; i++)
        g_string_append_printf (pdf, " /F%u %u 0 R", i, FIRST_FONT_OBJECT + i * FONT_OBJECTS);
      g_string_append (pdf, " >>");
    }
  if (forms->len > 0)
    {
      guint first = FIRST_FONT_OBJECT + fonts->list->len * FONT_OBJECTS;

      g_string_append (pdf, " /XObject <<");
      for (guint i = 0; i < forms->len; i++)
        g_string_append_printf (pdf, " /S%u %u 0 R", i, first + i);
      g_string_append (pdf, " >>");
    }
  if (alphas->len > 0)
    {
      g_string_append (pdf, " /ExtGState <<");
      for (guint i = 0; i < alphas->len; i++)
        {
          double alpha = g_array_index (alphas, int, i) / 1000.0;

          g_string_append_printf (pdf, " /a%u << /ca ", i);
          al_pdf_put_fixed (pdf, alpha, 3);
          g_string_append (pdf, "/CA ");
          al_pdf_put_fixed (pdf, alpha, 3);
          g_string_append (pdf, ">>");
        }
      g_string_append (pdf, " >>");
    }
  g_string_append (pdf, " >> >>\nendobj\n");

  begin_object (&file, 4);
  put_stream (&file, "", content->str, content->len);

  begin_object (&file, 5);
  g_string_append (pdf, "<< /Title ");
  put_text_string (pdf, page->title != NULL ? page->title : "");
  g_string_append (pdf, " /Creator (Archlane) /Producer (Archlane) >>\nendobj\n");

  for (guint i = 0; i < fonts->list->len; i++)
    put_font (&file, g_ptr_array_index (fonts->list, i));
  /* A few hundred bytes each: not worth deflating one by one. */
  for (guint i = 0; i < forms->len; i++)
    {
      const AlPdfForm *form = g_ptr_array_index (forms, i);

      begin_object (&file, file.offsets->len);
      g_string_append (pdf, "<< /Type /XObject /Subtype /Form /BBox [0 0 ");
      /* Rounded up: the box must hold the path. */
      al_pdf_put_fixed (pdf, ceil (form->width), 0);
      al_pdf_put_fixed (pdf, ceil (form->height), 0);
      g_string_append_printf (pdf, "] /Length %u >>\nstream\n", (guint) form->content->len);
      g_string_append_len (pdf, form->content->str, form->content->len);
      g_string_append (pdf, "\nendstream\nendobj\n");
    }

  /* Each entry exactly 20 bytes. */
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", file.offsets->len);
  for (guint i = 1; i < file.offsets->len; i++)
    g_string_append_printf (pdf, "%010lu 00000 n \n",
                            (unsigned long) g_array_index (file.offsets, gsize, i));
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R /Info 5 0 R >>\n"
                               "startxref\n%lu\n%%%%EOF\n",
                          file.offsets->len, (unsigned long) xref);
  g_array_unref (file.offsets);
}
