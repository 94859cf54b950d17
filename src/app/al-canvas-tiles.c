/* al-canvas-tiles.c: the scene drawn once into tiles, so that panning moves pictures */
#include "al-canvas-tiles.h"

#include <math.h>

/* Logical pixels per side: big enough that a viewport needs a dozen, small
 * enough that a tile coming into view renders within a frame. */
#define TILE_SIZE 384
/* Tiles kept beyond those in view, nearest first. */
#define SPARE_TILES 24

struct _AlCanvasTiles
{
  GHashTable *tiles;          /* packed (column, row) → cairo_surface_t */
  /* While the zoom changes, the last complete pictures, drawn scaled. */
  GHashTable *stale;
  double stale_zoom;
  graphene_point_t stale_origin;
  double zoom;
  int scale_factor;
  const AlTheme *theme;
  graphene_point_t extent_origin;
};

static guint64
tile_key (int column, int row)
{
  return ((guint64) (guint32) column << 32) | (guint32) row;
}

static guint
key_hash (gconstpointer key)
{
  return g_int64_hash (key);
}

AlCanvasTiles *
al_canvas_tiles_new (void)
{
  AlCanvasTiles *self = g_new0 (AlCanvasTiles, 1);

  self->tiles = g_hash_table_new_full (key_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) cairo_surface_destroy);
  self->stale = g_hash_table_new_full (key_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) cairo_surface_destroy);
  return self;
}

void
al_canvas_tiles_free (AlCanvasTiles *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->tiles);
  g_hash_table_unref (self->stale);
  g_free (self);
}

void
al_canvas_tiles_invalidate (AlCanvasTiles *self)
{
  g_return_if_fail (self != NULL);
  g_hash_table_remove_all (self->tiles);
  g_hash_table_remove_all (self->stale);
}

void
al_canvas_tiles_invalidate_rect (AlCanvasTiles *self, const graphene_rect_t *scene_rect)
{
  double left, top, right, bottom;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scene_rect != NULL);
  if (self->zoom <= 0)
    return;

  left = (scene_rect->origin.x - self->extent_origin.x) * self->zoom;
  top = (scene_rect->origin.y - self->extent_origin.y) * self->zoom;
  right = left + scene_rect->size.width * self->zoom;
  bottom = top + scene_rect->size.height * self->zoom;
  for (int row = (int) floor (top / TILE_SIZE); row <= (int) floor (bottom / TILE_SIZE); row++)
    for (int column = (int) floor (left / TILE_SIZE); column <= (int) floor (right / TILE_SIZE);
         column++)
      {
        guint64 key = tile_key (column, row);
        g_hash_table_remove (self->tiles, &key);
      }
}

GskRenderNode *
al_canvas_tiles_build_node (AlScene *scene, const AlTheme *theme, PangoContext *pango_context,
                            const AlRenderView *view)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  /* A translation only: GTK 4.8 places cairo nodes (the edges) wrongly
   * under a scale combined with a translation, so the zoom is applied on
   * the cairo context that draws the node instead. */
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-view->visible.origin.x,
                                                          -view->visible.origin.y));
  al_render_scene (scene, theme, pango_context, view, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* Tiles are cairo image surfaces drawn with gsk_render_node_draw(): the
 * same pixels as the cairo renderer, and painting them again is a plain
 * copy (texture nodes take a slow, resampling path in the cairo renderer). */
static cairo_surface_t *
render_tile (int scale_factor, AlScene *scene, const AlTheme *theme,
             PangoContext *pango_context, const AlRenderView *view,
             const graphene_point_t *extent_origin, int column, int row)
{
  AlRenderView tile_view = *view;
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;
  double size = TILE_SIZE / view->zoom;

  graphene_rect_init (&tile_view.visible, extent_origin->x + column * size,
                      extent_origin->y + row * size, size, size);
  node = al_canvas_tiles_build_node (scene, theme, pango_context, &tile_view);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE * scale_factor,
                                        TILE_SIZE * scale_factor);
  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  if (node != NULL)
    {
      cr = cairo_create (surface);
      cairo_scale (cr, view->zoom, view->zoom);
      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      gsk_render_node_unref (node);
    }
  return surface;
}

typedef struct
{
  GPtrArray *surfaces;   /* borrowed from the cache for this frame */
  GArray *origins;       /* graphene_point_t, where each goes */
} Frame;

static void
paint_frame (cairo_t *cr, const Frame *frame)
{
  /* Tiles are opaque (the scene paints its background): copy, do not
   * blend; each fill is bounded to its tile, as SOURCE clears the rest. */
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  for (guint i = 0; i < frame->surfaces->len; i++)
    {
      const graphene_point_t *origin = &g_array_index (frame->origins, graphene_point_t, i);

      cairo_set_source_surface (cr, g_ptr_array_index (frame->surfaces, i), origin->x, origin->y);
      cairo_rectangle (cr, origin->x, origin->y, TILE_SIZE, TILE_SIZE);
      cairo_fill (cr);
    }
}

/* Forgets the tiles farthest from the viewport beyond the spare ones. */
static void
trim (AlCanvasTiles *self, int first_column, int last_column, int first_row, int last_row)
{
  GHashTableIter iter;
  gpointer key;
  guint in_view = (last_column - first_column + 1) * (last_row - first_row + 1);

  if (g_hash_table_size (self->tiles) <= in_view + SPARE_TILES)
    return;
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint64 packed = *(guint64 *) key;
      int column = (gint32) (packed >> 32), row = (gint32) (packed & 0xffffffff);

      if (column < first_column - 1 || column > last_column + 1 || row < first_row - 1
          || row > last_row + 1)
        g_hash_table_iter_remove (&iter);
    }
}

/* The previous pictures, scaled to the new zoom: blurry for a moment, but
 * a zoom gesture stays fluid however large the document. */
static void
snapshot_stale (AlCanvasTiles *self, GtkSnapshot *snapshot, const AlTheme *theme,
                const AlRenderView *view, const graphene_point_t *extent_origin,
                double scroll_x, double scroll_y, int width, int height)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  double scale = view->zoom / self->stale_zoom;
  GHashTableIter iter;
  gpointer key, surface;

  gdk_cairo_set_source_rgba (cr, &theme->background);
  cairo_paint (cr);
  /* stale scroll space → scene → current scroll space → widget */
  cairo_translate (cr, -scroll_x + (self->stale_origin.x - extent_origin->x) * view->zoom,
                   -scroll_y + (self->stale_origin.y - extent_origin->y) * view->zoom);
  cairo_scale (cr, scale, scale);
  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, &key, &surface))
    {
      guint64 packed = *(guint64 *) key;
      int column = (gint32) (packed >> 32), row = (gint32) (packed & 0xffffffff);

      cairo_set_source_surface (cr, surface, column * TILE_SIZE, row * TILE_SIZE);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
}

gboolean
al_canvas_tiles_snapshot (AlCanvasTiles *self, GtkSnapshot *snapshot, int scale_factor,
                          AlScene *scene, const AlTheme *theme, PangoContext *pango_context,
                          const AlRenderView *view,
                          const graphene_point_t *extent_origin, double scroll_x,
                          double scroll_y, int width, int height, gboolean zooming)
{
  int first_column, last_column, first_row, last_row;
  double x0, y0;
  Frame frame;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, FALSE);
  if (width <= 0 || height <= 0 || view->zoom <= 0)
    return FALSE;

  if (self->zoom != view->zoom || self->scale_factor != scale_factor || self->theme != theme
      || !graphene_point_equal (&self->extent_origin, extent_origin))
    {
      gboolean only_zoom = self->scale_factor == scale_factor && self->theme == theme;

      /* Keep the last complete set (not the partial ones of a gesture). */
      if (zooming && only_zoom && g_hash_table_size (self->stale) == 0
          && g_hash_table_size (self->tiles) > 0)
        {
          GHashTable *swap = self->stale;

          self->stale = self->tiles;
          self->tiles = swap;
          self->stale_zoom = self->zoom;
          self->stale_origin = self->extent_origin;
        }
      else if (!(zooming && only_zoom))
        g_hash_table_remove_all (self->stale);
      g_hash_table_remove_all (self->tiles);
      self->zoom = view->zoom;
      self->scale_factor = scale_factor;
      self->theme = theme;
      self->extent_origin = *extent_origin;
    }

  if (zooming && g_hash_table_size (self->stale) > 0)
    {
      snapshot_stale (self, snapshot, theme, view, extent_origin, scroll_x, scroll_y, width,
                      height);
      return TRUE;
    }
  g_hash_table_remove_all (self->stale);

  /* Whole pixels: pictures placed between pixels would be resampled. */
  x0 = round (scroll_x);
  y0 = round (scroll_y);
  first_column = (int) floor (x0 / TILE_SIZE);
  last_column = (int) floor ((x0 + width - 1) / TILE_SIZE);
  first_row = (int) floor (y0 / TILE_SIZE);
  last_row = (int) floor ((y0 + height - 1) / TILE_SIZE);

  frame.surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  frame.origins = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  for (int row = first_row; row <= last_row; row++)
    for (int column = first_column; column <= last_column; column++)
      {
        guint64 key = tile_key (column, row);
        cairo_surface_t *surface = g_hash_table_lookup (self->tiles, &key);
        graphene_point_t origin = GRAPHENE_POINT_INIT (column * TILE_SIZE - x0,
                                                       row * TILE_SIZE - y0);

        if (surface == NULL)
          {
            surface = render_tile (scale_factor, scene, theme, pango_context, view,
                                   extent_origin, column, row);
            g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), surface);
          }
        g_ptr_array_add (frame.surfaces, cairo_surface_reference (surface));
        g_array_append_val (frame.origins, origin);
      }

  /* One cairo node for the viewport: the cairo renderer copies the tiles,
   * the GL renderer uploads one picture. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  paint_frame (cr, &frame);
  cairo_destroy (cr);
  g_ptr_array_unref (frame.surfaces);
  g_array_unref (frame.origins);

  trim (self, first_column, last_column, first_row, last_row);
  return TRUE;
}
