/* al-canvas-tiles.h: the scene drawn once into tiles, so that panning moves pictures */
#pragma once

#include <gtk/gtk.h>

#include "al-render.h"

G_BEGIN_DECLS

/* Square pictures of the scene at one zoom, in the canvas's scroll space
 * (scene units times the zoom, from the scrollable extent's origin). A
 * frame that only scrolls draws the pictures it has and renders just the
 * tiles that came into view; anything that changes the picture
 * (document, selection, hover, diagnostics) invalidates them. */
typedef struct _AlCanvasTiles AlCanvasTiles;

AlCanvasTiles *al_canvas_tiles_new (void);
void           al_canvas_tiles_free (AlCanvasTiles *self);
void           al_canvas_tiles_invalidate (AlCanvasTiles *self);
/* Only the tiles that show @scene_rect (scene units). */
void           al_canvas_tiles_invalidate_rect (AlCanvasTiles *self,
                                                const graphene_rect_t *scene_rect);

/* Draws the viewport (@width × @height logical pixels at @scroll_x,
 * @scroll_y of the scroll space) of @scene with @view (its zoom and
 * state; its visible rectangle is ignored). @extent_origin is the scene
 * point at scroll offset 0. While @zooming, the pictures of the previous
 * zoom are drawn scaled instead of rendering new ones. Returns FALSE,
 * drawing nothing, for an empty viewport. Needs no display. */
gboolean       al_canvas_tiles_snapshot (AlCanvasTiles *self, GtkSnapshot *snapshot,
                                         int scale_factor,
                                         AlScene *scene, const AlTheme *theme,
                                         PangoContext *pango_context, const AlRenderView *view,
                                         const graphene_point_t *extent_origin,
                                         double scroll_x, double scroll_y,
                                         int width, int height, gboolean zooming);

/* The scene's node for @view, with the top-left corner of @view->visible at
 * (0, 0), in scene units: draw it through a cairo context scaled by the
 * zoom (GTK 4.8 misplaces cairo nodes under a scaled, translated snapshot). */
GskRenderNode *al_canvas_tiles_build_node (AlScene *scene, const AlTheme *theme,
                                           PangoContext *pango_context,
                                           const AlRenderView *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlCanvasTiles, al_canvas_tiles_free)

G_END_DECLS
