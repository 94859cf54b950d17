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
  GHashTable *tiles;          /* packed (column, row) → GdkTexture, or NULL for none */
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

  self->tiles = g_hash_table_new_full (key_hash, g_int64_equal, g_free, g_object_unref);
  return self;
}

void
al_canvas_tiles_free (AlCanvasTiles *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->tiles);
  g_free (self);
}

void
al_canvas_tiles_invalidate (AlCanvasTiles *self)
{
  g_return_if_fail (self != NULL);
  g_hash_table_remove_all (self->tiles);
}

static GdkTexture *
render_tile (GskRenderer *renderer, int scale_factor, AlScene *scene, const AlTheme *theme,
             PangoContext *pango_context, const AlRenderView *view,
             const graphene_point_t *extent_origin, int column, int row)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  AlRenderView tile_view = *view;
  GskRenderNode *node;
  GdkTexture *texture;
  double size = TILE_SIZE / view->zoom;

  graphene_rect_init (&tile_view.visible, extent_origin->x + column * size,
                      extent_origin->y + row * size, size, size);
  gtk_snapshot_scale (snapshot, scale_factor, scale_factor);
  gtk_snapshot_scale (snapshot, view->zoom, view->zoom);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-tile_view.visible.origin.x,
                                                          -tile_view.visible.origin.y));
  al_render_scene (scene, theme, pango_context, &tile_view, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, TILE_SIZE * scale_factor,
                                                              TILE_SIZE * scale_factor));
  gsk_render_node_unref (node);
  return texture;
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

gboolean
al_canvas_tiles_snapshot (AlCanvasTiles *self, GtkSnapshot *snapshot, GskRenderer *renderer,
                          int scale_factor, AlScene *scene, const AlTheme *theme,
                          PangoContext *pango_context, const AlRenderView *view,
                          const graphene_point_t *extent_origin, double scroll_x,
                          double scroll_y, int width, int height)
{
  int first_column, last_column, first_row, last_row;
  double x0, y0;

  g_return_val_if_fail (self != NULL, FALSE);
  if (renderer == NULL || !gsk_renderer_is_realized (renderer) || width <= 0 || height <= 0)
    return FALSE;

  if (self->zoom != view->zoom || self->scale_factor != scale_factor || self->theme != theme
      || !graphene_point_equal (&self->extent_origin, extent_origin))
    {
      al_canvas_tiles_invalidate (self);
      self->zoom = view->zoom;
      self->scale_factor = scale_factor;
      self->theme = theme;
      self->extent_origin = *extent_origin;
    }

  /* Whole pixels: pictures placed between pixels would be resampled. */
  x0 = round (scroll_x);
  y0 = round (scroll_y);
  first_column = (int) floor (x0 / TILE_SIZE);
  last_column = (int) floor ((x0 + width - 1) / TILE_SIZE);
  first_row = (int) floor (y0 / TILE_SIZE);
  last_row = (int) floor ((y0 + height - 1) / TILE_SIZE);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (int row = first_row; row <= last_row; row++)
    for (int column = first_column; column <= last_column; column++)
      {
        guint64 key = tile_key (column, row);
        GdkTexture *texture;
        gpointer stored;

        if (!g_hash_table_lookup_extended (self->tiles, &key, NULL, &stored))
          {
            texture = render_tile (renderer, scale_factor, scene, theme, pango_context, view,
                                   extent_origin, column, row);
            if (texture == NULL)
              continue;
            g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), texture);
          }
        else
          texture = stored;
        gtk_snapshot_append_texture (snapshot, texture,
                                     &GRAPHENE_RECT_INIT (column * TILE_SIZE - x0,
                                                          row * TILE_SIZE - y0, TILE_SIZE,
                                                          TILE_SIZE));
      }
  gtk_snapshot_pop (snapshot);
  trim (self, first_column, last_column, first_row, last_row);
  return TRUE;
}
