/* al-export-private.h: what the files of the exporter share */
#pragma once

#include <gtk/gtk.h>

#include "al-export.h"
#include "al-scene.h"

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
  AlScene       *scene;      /* the layout of @drawn, with the text caches of @node */
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

/* A piece of a file to write. */
typedef struct
{
  const char *data;
  gsize       length;
} AlExportPiece;

/* An SVG as al_export_svg_write() leaves it, in pieces so nothing large
 * is copied to put them together: @text, with the document's <metadata>
 * to go at @metadata_at and, when the widest container was written in two
 * halves, the second half @part at @part_at (after @metadata_at). */
typedef struct
{
  GString *text;
  gsize    metadata_at;
  GString *part;
  gsize    part_at;
} AlExportSvgText;

/* The page as SVG elements of our own (al-export-svg.c) into @svg->text:
 * the <title> first in the root element, then text as <text> and shapes as
 * paths. FALSE when the tree holds something it cannot write; the caller
 * then draws with cairo. Free @svg->part with g_string_free(). */
gboolean al_export_svg_write (const AlExportPage *page, AlExportSvgText *svg);
/* Appends the <title>, and the <metadata> holding @document, escaped. */
void     al_export_svg_put_title (GString *svg, const char *title);
void     al_export_svg_put_metadata (GString *svg, GBytes *document);

/* A colour clipped to a rectangle @rect or a rounded rectangle @rounded is
 * how the renderer draws a shape: the writers and the cairo drawing fill
 * it as that shape rather than clip and paint (al-export-walk.c).
 * NONE: @child is something else, or does not cover @rounded; EMPTY:
 * nothing shows; RECT: fill @fill; ROUNDED: fill @rounded. */
typedef enum
{
  AL_EXPORT_CLIPPED_NONE,
  AL_EXPORT_CLIPPED_EMPTY,
  AL_EXPORT_CLIPPED_RECT,
  AL_EXPORT_CLIPPED_ROUNDED,
} AlExportClipped;

AlExportClipped al_export_clipped_color (GskRenderNode *child, const graphene_rect_t *rect,
                                         const GskRoundedRect *rounded, graphene_rect_t *fill);

/* A rounded rectangle's corners, clockwise from the top right: each from
 * where a side ends (@x0, @y0), round the rectangle's corner (@cx, @cy)
 * with radii @rx, @ry, to where the next side starts (@x1, @y1). The
 * outline starts where the last corner ends (al-export-walk.c). */
typedef struct
{
  double x0, y0;
  double cx, cy;
  double x1, y1;
  double rx, ry;
} AlExportCorner;

void al_export_rounded_corners (const GskRoundedRect *rect, AlExportCorner corners[4]);

/* A text node as the writers take it. */
typedef struct
{
  PangoFont              *font;
  const PangoGlyphInfo   *glyphs;
  guint                   n_glyphs;
  const graphene_point_t *offset;
  const GdkRGBA          *color;
  gboolean                has_color_glyphs;
} AlExportText;

/* A shape of a cairo node's recording, as the script reader hands it to a
 * writer: the path in the recording's coordinates (the writer places them
 * at the origin it got in AlExportScriptPainter's begin), the solid source,
 * and fill or stroke with their settings as cairo had them. */
typedef struct
{
  const cairo_path_t *path;
  GdkRGBA             color;
  gboolean            stroke;
  gboolean            even_odd;
  double              line_width;
  cairo_line_cap_t    cap;
  cairo_line_join_t   join;
  const double       *dash;        /* %NULL when not dashed */
  guint               n_dash;
  double              dash_offset;
} AlExportScriptShape;

/* How a writer spells a path: for each operation (move, line, curve,
 * close, as cairo_path_data_type_t numbers them) @before, its points'
 * coordinates through @put_number with @separator between them, then
 * @after. SVG says "M1 2", PDF "1 2 m". */
typedef struct
{
  const char *before[4];
  const char *after[4];
  void      (*put_number) (GString *out, double value);
  const char *separator;
} AlExportPathSyntax;

/* Appends @path in @syntax (al-export-walk.c). */
void al_export_put_path (GString *out, const cairo_path_t *path, const AlExportPathSyntax *syntax);

/* What a writer does with a cairo node's recording. @begin: the script's
 * coordinates start at the recording's origin (@x, @y); @end is called
 * whenever @begin was, known or not. */
typedef struct
{
  void (*begin) (gpointer writer, double x, double y);
  void (*shape) (gpointer writer, const AlExportScriptShape *shape);
  void (*end)   (gpointer writer);
} AlExportScriptPainter;

/* Reads @node's recording through cairo's script surface and hands each
 * painted shape to @painter (al-export-script.c, built with cairo-script
 * only). TRUE for a node without a recording; FALSE when the recording
 * holds an operation not known there: the writer then gives up. */
gboolean al_export_script_read (GskRenderNode *node, const AlExportScriptPainter *painter,
                                gpointer writer);

/* The node tree as the SVG and PDF writers walk it (al-export-walk.c): the
 * walk knows the node types, a writer how to write each. Where a walk
 * function returns FALSE, the writer cannot write the node and the whole
 * walk gives up. Clips and transforms are always popped, even then. */
typedef struct
{
  /* A 2D affine transform: xx, yx, xy, yy, dx, dy. */
  void     (*push_transform) (gpointer writer, const float matrix[6]);
  void     (*pop_transform)  (gpointer writer);
  /* A clip to @rect or, when not %NULL, to @rounded. */
  void     (*push_clip)      (gpointer writer, const graphene_rect_t *rect,
                              const GskRoundedRect *rounded);
  void     (*pop_clip)       (gpointer writer);
  void     (*push_opacity)   (gpointer writer, float opacity);
  void     (*pop_opacity)    (gpointer writer);
  /* Colour nodes, and colours clipped to a rectangle or a rounded one. */
  void     (*fill_rect)      (gpointer writer, const graphene_rect_t *rect, const GdkRGBA *color);
  void     (*fill_rounded)   (gpointer writer, const GskRoundedRect *rect, const GdkRGBA *color);
  gboolean (*border)         (gpointer writer, const GskRoundedRect *outline,
                              const float widths[4], const GdkRGBA colors[4]);
  gboolean (*text)           (gpointer writer, const AlExportText *text);
  /* The edges' cairo node, from the shapes the renderer drew
   * (AlRenderEdgeShape). */
  void     (*edges)          (gpointer writer, const GArray *shapes);
  /* Any other cairo node, read from its recording. */
  AlExportScriptPainter script;
} AlExportWalkClass;

gboolean al_export_walk (const AlExportWalkClass *klass, gpointer writer, GskRenderNode *node);

/* Where a walk leaves the children of @container from @first on to another
 * writer (another thread), and calls @reached where they would be. */
typedef struct
{
  GskRenderNode *container;
  guint          first;
  void         (*reached) (gpointer writer);
} AlExportWalkCut;

gboolean       al_export_walk_cut (const AlExportWalkClass *klass, gpointer writer,
                                   GskRenderNode *node, const AlExportWalkCut *cut);
/* The container node with the most children in the tree of @node, through
 * the nodes a walk descends; %NULL when there is none. */
GskRenderNode *al_export_walk_widest (GskRenderNode *node);

/* The page as a PDF of our own (al-export-pdf.c): vector shapes, text as
 * real text in embedded font subsets with a ToUnicode map, the title in the
 * document information. FALSE when the tree holds something it cannot
 * write; the caller then draws with cairo. */
gboolean al_export_pdf_write (const AlExportPage *page, GString *pdf);

/* Writes @data to @path atomically; errors name the path. */
gboolean al_export_write_file (const char *path, const void *data, gsize length,
                               GError **error);
/* The same with the file's text in @n_pieces pieces, one after the other. */
gboolean al_export_write_pieces (const char *path, const AlExportPiece *pieces, guint n_pieces,
                                 GError **error);

G_END_DECLS
