/* al-export-pdf-private.h: what the two files of the PDF writer share */
#pragma once

#include <string.h>

#include "al-export-private.h"

G_BEGIN_DECLS

/* The fonts of a page (al-export-pdf-file.c): one Type0 font per font
 * face, whatever its size, holding the glyphs the page uses. */
typedef struct _AlPdfFonts AlPdfFonts;
typedef struct _AlPdfFont AlPdfFont;

/* A PangoFont as the content stream uses it: /F<font_index> at @size. */
typedef struct
{
  AlPdfFont *font;
  guint      font_index;
  double     size;
} AlPdfFontUse;

AlPdfFonts         *al_pdf_fonts_new (void);
void                al_pdf_fonts_free (AlPdfFonts *fonts);
/* %NULL when @font cannot be embedded (a bitmap or variable font, a
 * synthetic style): the page is then left to cairo. */
const AlPdfFontUse *al_pdf_fonts_use (AlPdfFonts *fonts, PangoFont *font);
/* Marks @glyph used; its advance in thousandths of the em, as /W says,
 * and in @code the character code that shows it. */
int                 al_pdf_font_use_glyph (AlPdfFont *font, guint glyph, guint *code);
/* Makes the subsets; FALSE when hb-subset cannot. */
gboolean            al_pdf_fonts_prepare (AlPdfFonts *fonts);

/* A Form XObject: a shape drawn more than once, from (0, 0). */
typedef struct
{
  GString *content;
  double   width, height;
} AlPdfForm;

/* The whole file: @content (the page's content stream), ExtGState /a<i>
 * for the alphas (int, thousandths), Form XObject /S<i> for the @forms
 * (AlPdfForm) and the fonts. */
void al_pdf_put_document (GString *pdf, const AlExportPage *page, const GString *content,
                          const GArray *alphas, const GPtrArray *forms, AlPdfFonts *fonts);

/* g_string_append_len(), inlined for the many short pieces of a content
 * stream. */
static inline void
al_pdf_put_len (GString *out, const char *bytes, gsize length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, bytes, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, bytes, length);
}

#define AL_PDF_PUT(out, literal) al_pdf_put_len ((out), "" literal, sizeof (literal) - 1)

/* @value with at most @decimals decimals (0 to 3) and a space after. */
void al_pdf_put_fixed (GString *out, double value, int decimals);
/* Four upper-case hexadecimal digits. */
void al_pdf_put_hex4 (GString *out, guint value);

/* Coordinates: two decimals. */
static inline void
al_pdf_put_number (GString *out, double value)
{
  al_pdf_put_fixed (out, value, 2);
}

static inline void
al_pdf_put_point (GString *out, double x, double y, const char *op)
{
  al_pdf_put_number (out, x);
  al_pdf_put_number (out, y);
  al_pdf_put_len (out, op, strlen (op));
}

G_END_DECLS
