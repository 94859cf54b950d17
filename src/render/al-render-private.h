/* al-render-private.h: what the parts of the renderer share */
#pragma once

#include "al-render.h"

G_BEGIN_DECLS

typedef enum
{
  AL_TEXT_LANE_LABEL,   /* bold, lane headers */
  AL_TEXT_PILL,         /* bold, small: arch pills, edge labels */
  AL_TEXT_SMALL,        /* regular, small: counts */
  AL_TEXT_CARD_TITLE,   /* bold */
  AL_TEXT_CARD_NAME,    /* regular */
  AL_TEXT_CARD_IMAGE,   /* regular, smaller, ellipsized in the middle */
  AL_TEXT_CHIP,         /* port chips */
  AL_TEXT_BADGE,        /* bold digits */
  AL_TEXT_N_STYLES
} AlTextStyle;

typedef struct _AlTextCache AlTextCache;
typedef struct _AlRenderText AlRenderText;

typedef struct
{
  AlScene            *scene;
  const AlTheme      *theme;
  PangoContext       *pango;
  const AlRenderView *view;
  GtkSnapshot        *snapshot;
  double              zoom;
  gboolean            text;     /* level of detail: card and lane text */
  gboolean            curves;   /* curves rather than straight lines */
  gboolean            arrows;
  gboolean            labels;   /* cross-arch labels on edges */
  graphene_rect_t     area;     /* visible, widened for what overhangs bounds */
  guint8             *dragged;  /* per card, when dragging */
  guint               n_dragged;
  AlTextCache        *text_cache;
} AlRenderContext;

/* The font of @style in @family. Free with pango_font_description_free(). */
PangoFontDescription *al_render_text_style_font_new (AlTextStyle style, const char *family);

/* Text, laid out once and reused while the context and font stay the same. */
void         al_render_text_begin (AlRenderContext *ctx);
void         al_render_text_end (AlRenderContext *ctx);
/* @text in @style, ellipsized to @width (scene units, <= 0 for none).
 * Owned by the cache; valid until al_render_text_end(). */
const AlRenderText *al_render_text (AlRenderContext *ctx, AlTextStyle style, const char *text,
                                    double width);
/* In pixels, as pango_layout_get_pixel_size() gives them. */
void                al_render_text_get_size (const AlRenderText *text, int *width, int *height);
/* With its top-left corner at (@x, @y). */
void                al_render_append_text (AlRenderContext *ctx, const AlRenderText *text,
                                           double x, double y, const GdkRGBA *color);

/* Tells the writers of PDF and SVG which character @glyph of @font shows
 * (al-glyph-map.c), so they need not search the face for it. */
void al_glyph_map_note (PangoFont *font, PangoGlyph glyph, gunichar c);
/* The same for the glyphs of @layout that show one cluster each. */
void al_glyph_map_note_layout (PangoLayout *layout);

/* Shapes and colours. */
void al_render_append_rounded (GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius,
                               const GdkRGBA *color);
/* A border drawn inside @rect. */
void al_render_append_outline (GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius,
                               float width, const GdkRGBA *color);
void al_render_mix (const GdkRGBA *a, const GdkRGBA *b, float t, GdkRGBA *out);
void al_render_with_alpha (const GdkRGBA *color, float alpha, GdkRGBA *out);
void al_render_rounded_path (cairo_t *cr, double x, double y, double width, double height,
                             double radius);
/* A triangle with its tip at @tip, pointing along (@dx, @dy) (a unit
 * vector). */
void al_render_arrowhead_path (cairo_t *cr, const graphene_point_t *tip, double dx, double dy);

/* The points of that triangle: the tip, then the two corners. */
void al_render_arrowhead_points (const graphene_point_t *tip, double dx, double dy,
                                 graphene_point_t points[3]);

/* An edge as it is drawn: a stroke (a cubic curve through @stroke, or a
 * line from stroke[0] to stroke[3]), dashed 6 on 4 off when @dashed, with
 * butt caps and round joins, then its arrowhead filled in the same colour. */
typedef struct
{
  GdkRGBA          color;
  double           width;
  gboolean         dashed;
  gboolean         curve;
  gboolean         arrow;
  graphene_point_t stroke[4];
  graphene_point_t head[3];
} AlRenderEdgeShape;

#define AL_RENDER_EDGE_DASH_ON  6.0
#define AL_RENDER_EDGE_DASH_OFF 4.0

/* The edges drawn in a cairo node, in drawing order, when the renderer
 * drew them there: @recording is gsk_cairo_node_get_surface(). Writers of
 * vector formats take their geometry from here instead of reading the
 * drawing operations back. %NULL for any other cairo node. */
const GArray *al_render_edges_get_shapes (cairo_surface_t *recording);

/* The layers, in drawing order after the lanes. */
void al_render_edges (AlRenderContext *ctx);
void al_render_cards (AlRenderContext *ctx);

G_END_DECLS
