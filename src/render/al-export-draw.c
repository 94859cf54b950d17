/* al-export-draw.c: drawing a render node tree into a PDF or an SVG, where
 * gsk_render_node_draw() falls short with cairo 1.16.
 *
 * Text: GSK draws text nodes with cairo_show_glyphs(), so cairo has to
 * guess each glyph's character from the font's cmap. Glyphs that shaping
 * substituted (Noto Sans CJK's digits after a letter, for one) are not in
 * the cmap and come out as U+FFFD, so a PDF's "x86_64" would read "x��_��".
 * Here text nodes are drawn with cairo_show_text_glyphs() and the characters
 * found from the font: its cmap and, for substituted glyphs, the glyphs each
 * Latin character and common ligature shapes to.
 *
 * Cairo nodes: they hold a recording surface whose extents start at the
 * node's origin, and cairo 1.16's SVG backend writes such a surface
 * shifted to (0, 0) and clipped, so edges and arrowheads would be missing
 * or misplaced. Here the recording is replayed as drawing operations
 * (through cairo's script surface and interpreter) at its place.
 *
 * Every other node is drawn by GSK. */
#include <hb.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#ifdef AL_HAVE_CAIRO_SCRIPT_INTERPRETER
#include <cairo-script-interpreter.h>
#include <cairo-script.h>
#endif

#include "al-export-private.h"

typedef struct
{
  AlExportDrawFlags flags;
  GHashTable *maps;   /* PangoFont → AlExportGlyphMap */
} AlExportDraw;

static AlExportGlyphMap *
get_map (AlExportDraw *self, PangoFont *font)
{
  return al_export_glyph_map (self->maps, font);
}

static void
draw_text (AlExportDraw *self, cairo_t *cr, GskRenderNode *node)
{
  PangoFont *font = gsk_text_node_get_font (node);
  const graphene_point_t *offset = gsk_text_node_get_offset (node);
  const GdkRGBA *color = gsk_text_node_get_color (node);
  /* Not the count from gsk_text_node_get_glyphs(): it is declared pure, so
   * the compiler may assume it writes nothing through its pointer. */
  guint n_glyphs = gsk_text_node_get_num_glyphs (node);
  const PangoGlyphInfo *glyphs = gsk_text_node_get_glyphs (node, NULL);
  AlExportGlyphMap *map = get_map (self, font);
  g_autofree cairo_glyph_t *cairo_glyphs = NULL;
  g_autofree cairo_text_cluster_t *clusters = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  int n = 0;
  int x = 0;

  cairo_glyphs = g_new (cairo_glyph_t, n_glyphs + 1);
  clusters = g_new (cairo_text_cluster_t, n_glyphs + 1);

  for (guint i = 0; i < n_glyphs; i++)
    {
      const PangoGlyphInfo *glyph = &glyphs[i];

      if (glyph->glyph != PANGO_GLYPH_EMPTY && !(glyph->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        {
          const char *chars = al_export_glyph_text (map, glyph->glyph);
          cairo_glyphs[n].index = glyph->glyph;
          cairo_glyphs[n].x = offset->x + (double) (x + glyph->geometry.x_offset) / PANGO_SCALE;
          cairo_glyphs[n].y = offset->y + (double) glyph->geometry.y_offset / PANGO_SCALE;
          clusters[n].num_bytes = (int) strlen (chars);
          clusters[n].num_glyphs = 1;
          g_string_append (text, chars);
          n++;
        }
      x += glyph->geometry.width;
    }
  if (n == 0)
    return;

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)));
  cairo_show_text_glyphs (cr, text->str, (int) text->len, cairo_glyphs, n, clusters, n, 0);
  cairo_restore (cr);
}

/* One corner of a rounded rectangle: a quarter ellipse around (@cx, @cy). */
static void
corner (cairo_t *cr, double cx, double cy, double rx, double ry, double from, double to)
{
  if (rx <= 0 || ry <= 0)
    {
      cairo_line_to (cr, cx + rx * cos (from), cy + ry * sin (from));
      return;
    }
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, rx, ry);
  cairo_arc (cr, 0, 0, 1, from, to);
  cairo_restore (cr);
}

static void
rounded_rect_path (cairo_t *cr, const GskRoundedRect *rect)
{
  const graphene_rect_t *b = &rect->bounds;
  const graphene_size_t *c = rect->corner;
  double left = b->origin.x, top = b->origin.y;
  double right = left + b->size.width, bottom = top + b->size.height;

  cairo_new_sub_path (cr);
  corner (cr, left + c[0].width, top + c[0].height, c[0].width, c[0].height, G_PI, 1.5 * G_PI);
  corner (cr, right - c[1].width, top + c[1].height, c[1].width, c[1].height, 1.5 * G_PI, 2 * G_PI);
  corner (cr, right - c[2].width, bottom - c[2].height, c[2].width, c[2].height, 0, 0.5 * G_PI);
  corner (cr, left + c[3].width, bottom - c[3].height, c[3].width, c[3].height, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
}


#ifdef AL_HAVE_CAIRO_SCRIPT_INTERPRETER
static cairo_status_t
append_script (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
script_surface_create (void *closure, cairo_content_t content, double width, double height,
                       long uid)
{
  return cairo_surface_reference (cairo_get_target (closure));
}

/* The script draws through a context of its own on the export's surface,
 * set up by the caller with the transformation and clip of the node. */
static cairo_t *
script_context_create (void *closure, cairo_surface_t *surface)
{
  return cairo_reference (closure);
}

/* Replays the recording of a cairo node onto @cr as drawing operations.
 * FALSE when it cannot (then GSK draws the node). */
static gboolean
replay_cairo_node (cairo_t *cr, GskRenderNode *node)
{
  cairo_surface_t *recording = gsk_cairo_node_get_surface (node);
  cairo_script_interpreter_hooks_t hooks = { 0 };
  cairo_script_interpreter_t *interpreter;
  cairo_rectangle_list_t *clips;
  cairo_rectangle_t extents;
  cairo_matrix_t matrix;
  cairo_device_t *script;
  cairo_t *replay;
  g_autoptr (GString) text = g_string_new (NULL);
  cairo_status_t status;
  gboolean clipped = FALSE;

  if (recording == NULL)
    return TRUE;
  if (cairo_surface_get_type (recording) != CAIRO_SURFACE_TYPE_RECORDING
      || !cairo_recording_surface_get_extents (recording, &extents))
    return FALSE;
  /* The clip must carry over: rectangles do, rounded clips do not. */
  clips = cairo_copy_clip_rectangle_list (cr);
  if (clips->status != CAIRO_STATUS_SUCCESS)
    {
      cairo_rectangle_list_destroy (clips);
      return FALSE;
    }

  script = cairo_script_create_for_stream (append_script, text);
  status = cairo_script_from_recording_surface (script, recording);
  cairo_device_finish (script);
  cairo_device_destroy (script);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_rectangle_list_destroy (clips);
      return FALSE;
    }

  /* Clip rectangles are in user space: apply them before the transformation.
   * One that holds the whole node changes nothing and is left out: each
   * clip is an element of its own in the SVG. */
  replay = cairo_create (cairo_get_target (cr));
  cairo_get_matrix (cr, &matrix);
  cairo_set_matrix (replay, &matrix);
  for (int i = 0; i < clips->num_rectangles; i++)
    {
      const cairo_rectangle_t *clip = &clips->rectangles[i];

      if (clip->x <= extents.x && clip->y <= extents.y
          && clip->x + clip->width >= extents.x + extents.width
          && clip->y + clip->height >= extents.y + extents.height)
        continue;
      cairo_rectangle (replay, clip->x, clip->y, clip->width, clip->height);
      clipped = TRUE;
    }
  if (clipped)
    cairo_clip (replay);
  cairo_rectangle_list_destroy (clips);
  /* The node's own bounds hold what it draws: no clip for them. */
  cairo_translate (replay, extents.x, extents.y);

  hooks.closure = replay;
  hooks.surface_create = script_surface_create;
  hooks.context_create = script_context_create;
  interpreter = cairo_script_interpreter_create ();
  cairo_script_interpreter_install_hooks (interpreter, &hooks);
  status = cairo_script_interpreter_feed_string (interpreter, text->str, (int) text->len);
  cairo_script_interpreter_finish (interpreter);
  cairo_script_interpreter_destroy (interpreter);
  cairo_destroy (replay);
  return status == CAIRO_STATUS_SUCCESS;
}
#endif

/* A colour clipped to a (rounded) rectangle is how the renderer draws a
 * shape: filled as that shape, not as a clip and a paint, it is half the
 * operations in a PDF. FALSE when the node is something else. */
static gboolean
fill_clipped_color (cairo_t *cr, GskRenderNode *child, const graphene_rect_t *rect,
                    const GskRoundedRect *rounded)
{
  graphene_rect_t fill;

  switch (al_export_clipped_color (child, rect, rounded, &fill))
    {
    case AL_EXPORT_CLIPPED_EMPTY:
      return TRUE;

    case AL_EXPORT_CLIPPED_RECT:
      cairo_rectangle (cr, fill.origin.x, fill.origin.y, fill.size.width, fill.size.height);
      break;

    case AL_EXPORT_CLIPPED_ROUNDED:
      rounded_rect_path (cr, rounded);
      break;

    case AL_EXPORT_CLIPPED_NONE:
    default:
      return FALSE;
    }
  gdk_cairo_set_source_rgba (cr, gsk_color_node_get_color (child));
  cairo_fill (cr);
  return TRUE;
}

static void
draw_node (AlExportDraw *self, cairo_t *cr, GskRenderNode *node)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        draw_node (self, cr, gsk_container_node_get_child (node, i));
      return;

    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float xx, yx, xy, yy, dx, dy;
        cairo_matrix_t matrix;

        if (gsk_transform_get_category (transform) < GSK_TRANSFORM_CATEGORY_2D)
          break;
        gsk_transform_to_2d (transform, &xx, &yx, &xy, &yy, &dx, &dy);
        cairo_matrix_init (&matrix, xx, yx, xy, yy, dx, dy);
        cairo_save (cr);
        cairo_transform (cr, &matrix);
        draw_node (self, cr, gsk_transform_node_get_child (node));
        cairo_restore (cr);
        return;
      }

    case GSK_CLIP_NODE:
      {
        const graphene_rect_t *clip = gsk_clip_node_get_clip (node);

        if (fill_clipped_color (cr, gsk_clip_node_get_child (node), clip, NULL))
          return;
        cairo_save (cr);
        cairo_rectangle (cr, clip->origin.x, clip->origin.y, clip->size.width, clip->size.height);
        cairo_clip (cr);
        draw_node (self, cr, gsk_clip_node_get_child (node));
        cairo_restore (cr);
        return;
      }

    case GSK_ROUNDED_CLIP_NODE:
      if (fill_clipped_color (cr, gsk_rounded_clip_node_get_child (node), NULL,
                              gsk_rounded_clip_node_get_clip (node)))
        return;
      cairo_save (cr);
      rounded_rect_path (cr, gsk_rounded_clip_node_get_clip (node));
      cairo_clip (cr);
      draw_node (self, cr, gsk_rounded_clip_node_get_child (node));
      cairo_restore (cr);
      return;

    case GSK_OPACITY_NODE:
      cairo_push_group (cr);
      draw_node (self, cr, gsk_opacity_node_get_child (node));
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, gsk_opacity_node_get_opacity (node));
      return;

    case GSK_DEBUG_NODE:
      draw_node (self, cr, gsk_debug_node_get_child (node));
      return;

    case GSK_TEXT_NODE:
      if (!(self->flags & AL_EXPORT_DRAW_TEXT))
        break;
      draw_text (self, cr, node);
      return;

#ifdef AL_HAVE_CAIRO_SCRIPT_INTERPRETER
    case GSK_CAIRO_NODE:
      if ((self->flags & AL_EXPORT_DRAW_REPLAY_CAIRO) && replay_cairo_node (cr, node))
        return;
      break;
#endif

    default:
      break;
    }
  gsk_render_node_draw (node, cr);
}

void
al_export_draw_node (GskRenderNode *node, cairo_t *cr, AlExportDrawFlags flags)
{
  AlExportDraw self;

  self.flags = flags;
  self.maps = al_export_glyph_maps_new ();
  draw_node (&self, cr, node);
  g_hash_table_unref (self.maps);
}
