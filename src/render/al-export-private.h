/* al-export-private.h: what the files of the exporter share */
#pragma once

#include <gtk/gtk.h>

#include "al-export.h"

G_BEGIN_DECLS

/* The picture of a document as an export draws it: one node in page
 * units (scene units; 1 unit = 1 px at scale 1, 1 pt in PDF). */
typedef struct
{
  GskRenderNode *node;
  double         width;
  double         height;
  char          *title;      /* the application's display name or name */
  AlDocument    *drawn;      /* the document drawn: @document, or the selection's copy */
} AlExportPage;

gboolean al_export_page_build (AlDocument *document, const AlExportOptions *options,
                               AlExportPage *page, GError **error);
void     al_export_page_clear (AlExportPage *page);

/* PNG chunks (al-export-png.c). Writes @surface as a PNG with a pHYs chunk
 * for @dpi and the @document text in a compressed iTXt chunk "archlane". */
GBytes  *al_export_png_encode (cairo_surface_t *surface, int dpi, GBytes *document,
                               GError **error);
/* The text of the "archlane" iTXt / zTXt / tEXt chunk of the PNG file @path,
 * or %NULL with AL_EXPORT_ERROR_NO_DOCUMENT (or an I/O error). */
GBytes  *al_export_png_read_document (const char *path, GError **error);

typedef enum
{
  AL_EXPORT_DRAW_TEXT = 1 << 0,         /* text with its characters (PDF) */
  AL_EXPORT_DRAW_REPLAY_CAIRO = 1 << 1, /* cairo nodes as operations (SVG) */
} AlExportDrawFlags;

/* Draws @node like gsk_render_node_draw(), with the fixes of @flags for
 * cairo's PDF and SVG backends (al-export-draw.c). */
void     al_export_draw_node (GskRenderNode *node, cairo_t *cr, AlExportDrawFlags flags);

/* The characters of glyphs (al-glyph-map.c): the maps of one export (free
 * with g_hash_table_unref()), the map of @font's face through it, and the
 * UTF-8 text of @glyph in a map, U+FFFD when unknown. */
typedef struct _AlExportGlyphMap AlExportGlyphMap;

GHashTable       *al_export_glyph_maps_new (void);
AlExportGlyphMap *al_export_glyph_map (GHashTable *maps, PangoFont *font);
const char       *al_export_glyph_text (AlExportGlyphMap *map, guint glyph);

#define AL_EXPORT_SVG_NAMESPACE "https://archlane.github.io/ns/1"

/* The page as SVG elements of our own (al-export-svg.c): text as <text>,
 * shapes as paths. The title and document (al_export_svg_put_head()) go
 * at @head_at, first in the root element. FALSE when the tree holds
 * something it cannot write; the caller then draws with cairo. */
gboolean al_export_svg_write (const AlExportPage *page, GString *svg, gsize *head_at);
/* Appends <title> and the <metadata> holding @document, escaped. */
void     al_export_svg_put_head (GString *svg, const char *title, GBytes *document);
/* A cairo node's recording as <path>s in a translated group
 * (al-export-svg-script.c, built with cairo's script surface only);
 * FALSE when it holds an operation not known there. */
gboolean al_export_svg_put_cairo_recording (GString *out, GskRenderNode *node);

/* SVG output helpers shared by the two files of the SVG writer. */
void     al_svg_put_number (GString *out, double value);
void     al_svg_put_attribute_number (GString *out, const char *name, double value);
void     al_svg_put_paint (GString *out, const char *property, const GdkRGBA *color);
void     al_svg_put_point (GString *out, char command, double x, double y);

/* The page as a PDF of our own (al-export-pdf.c): vector shapes, text as
 * real text in embedded font subsets with a ToUnicode map, the title in the
 * document information. FALSE when the tree holds something it cannot
 * write; the caller then draws with cairo. */
gboolean al_export_pdf_write (const AlExportPage *page, GString *pdf);

/* Writes @data to @path atomically; errors name the path. */
gboolean al_export_write_file (const char *path, const void *data, gsize length,
                               GError **error);

G_END_DECLS
