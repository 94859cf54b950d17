/* al-export-walk.c: the node tree as the SVG and PDF writers walk it.
 *
 * Both writers know the same few node types the renderer makes, and give
 * up on any other; the walk over them lives here once, and each writer
 * only says how it writes a transform, a clip, a fill, a border, text, the
 * edges and the shapes of other cairo nodes. */
#include "al-export-private.h"
#include "al-render-private.h"

void
al_export_put_path (GString *out, const cairo_path_t *path, const AlExportPathSyntax *syntax)
{
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      const cairo_path_data_t *op = &path->data[i];
      guint type = MIN ((guint) op->header.type, (guint) CAIRO_PATH_CLOSE_PATH);

      g_string_append (out, syntax->before[type]);
      for (int k = 1; k < op->header.length; k++)
        {
          if (k > 1)
            g_string_append (out, syntax->separator);
          syntax->put_number (out, op[k].point.x);
          g_string_append (out, syntax->separator);
          syntax->put_number (out, op[k].point.y);
        }
      g_string_append (out, syntax->after[type]);
    }
}

void
al_export_rounded_corners (const GskRoundedRect *rect, AlExportCorner corners[4])
{
  const graphene_rect_t *b = &rect->bounds;
  const graphene_size_t *c = rect->corner;
  double left = b->origin.x, top = b->origin.y;
  double right = left + b->size.width, bottom = top + b->size.height;

  corners[0] = (AlExportCorner) { right - c[1].width, top, right, top,
                                  right, top + c[1].height, c[1].width, c[1].height };
  corners[1] = (AlExportCorner) { right, bottom - c[2].height, right, bottom,
                                  right - c[2].width, bottom, c[2].width, c[2].height };
  corners[2] = (AlExportCorner) { left + c[3].width, bottom, left, bottom,
                                  left, bottom - c[3].height, c[3].width, c[3].height };
  corners[3] = (AlExportCorner) { left, top + c[0].height, left, top,
                                  left + c[0].width, top, c[0].width, c[0].height };
}

AlExportClipped
al_export_clipped_color (GskRenderNode *child, const graphene_rect_t *rect,
                         const GskRoundedRect *rounded, graphene_rect_t *fill)
{
  if (gsk_render_node_get_node_type (child) != GSK_COLOR_NODE)
    return AL_EXPORT_CLIPPED_NONE;
  gsk_render_node_get_bounds (child, fill);
  if (rounded != NULL)
    {
      /* A colour that covers only part of a rounded clip is not a shape
       * of its own: it is clipped. */
      if (!graphene_rect_contains_rect (fill, &rounded->bounds))
        return AL_EXPORT_CLIPPED_NONE;
      return AL_EXPORT_CLIPPED_ROUNDED;
    }
  if (!graphene_rect_intersection (fill, rect, fill))
    return AL_EXPORT_CLIPPED_EMPTY;
  return AL_EXPORT_CLIPPED_RECT;
}

static gboolean walk (const AlExportWalkClass *klass, gpointer writer, GskRenderNode *node,
                      const AlExportWalkCut *cut);

static gboolean
walk_clipped (const AlExportWalkClass *klass, gpointer writer, GskRenderNode *child,
              const graphene_rect_t *rect, const GskRoundedRect *rounded, const AlExportWalkCut *cut)
{
  graphene_rect_t fill;
  gboolean known;

  switch (al_export_clipped_color (child, rect, rounded, &fill))
    {
    case AL_EXPORT_CLIPPED_EMPTY:
      return TRUE;

    case AL_EXPORT_CLIPPED_RECT:
      klass->fill_rect (writer, &fill, gsk_color_node_get_color (child));
      return TRUE;

    case AL_EXPORT_CLIPPED_ROUNDED:
      klass->fill_rounded (writer, rounded, gsk_color_node_get_color (child));
      return TRUE;

    case AL_EXPORT_CLIPPED_NONE:
    default:
      break;
    }
  klass->push_clip (writer, rect, rounded);
  known = walk (klass, writer, child, cut);
  klass->pop_clip (writer);
  return known;
}

static gboolean
walk (const AlExportWalkClass *klass, gpointer writer, GskRenderNode *node,
      const AlExportWalkCut *cut)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      {
        gboolean cut_here = cut != NULL && node == cut->container;
        guint n = cut_here ? cut->first : gsk_container_node_get_n_children (node);

        for (guint i = 0; i < n; i++)
          if (!walk (klass, writer, gsk_container_node_get_child (node, i), cut))
            return FALSE;
        if (cut_here)
          cut->reached (writer);
        return TRUE;
      }

    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float m[6];
        gboolean known;

        /* Neither writer has a use for 3D. */
        if (gsk_transform_get_category (transform) < GSK_TRANSFORM_CATEGORY_2D)
          return FALSE;
        gsk_transform_to_2d (transform, &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]);
        klass->push_transform (writer, m);
        known = walk (klass, writer, gsk_transform_node_get_child (node), cut);
        klass->pop_transform (writer);
        return known;
      }

    case GSK_CLIP_NODE:
      return walk_clipped (klass, writer, gsk_clip_node_get_child (node),
                           gsk_clip_node_get_clip (node), NULL, cut);

    case GSK_ROUNDED_CLIP_NODE:
      return walk_clipped (klass, writer, gsk_rounded_clip_node_get_child (node), NULL,
                           gsk_rounded_clip_node_get_clip (node), cut);

    case GSK_OPACITY_NODE:
      {
        gboolean known;

        klass->push_opacity (writer, gsk_opacity_node_get_opacity (node));
        known = walk (klass, writer, gsk_opacity_node_get_child (node), cut);
        klass->pop_opacity (writer);
        return known;
      }

    case GSK_DEBUG_NODE:
      return walk (klass, writer, gsk_debug_node_get_child (node), cut);

    case GSK_COLOR_NODE:
      {
        graphene_rect_t bounds;

        gsk_render_node_get_bounds (node, &bounds);
        klass->fill_rect (writer, &bounds, gsk_color_node_get_color (node));
        return TRUE;
      }

    case GSK_BORDER_NODE:
      return klass->border (writer, gsk_border_node_get_outline (node),
                            gsk_border_node_get_widths (node),
                            gsk_border_node_get_colors (node));

    case GSK_TEXT_NODE:
      {
        AlExportText text;

        text.font = gsk_text_node_get_font (node);
        /* Not the count from gsk_text_node_get_glyphs(): it is declared
         * pure. */
        text.n_glyphs = gsk_text_node_get_num_glyphs (node);
        text.glyphs = gsk_text_node_get_glyphs (node, NULL);
        text.offset = gsk_text_node_get_offset (node);
        text.color = gsk_text_node_get_color (node);
        text.has_color_glyphs = gsk_text_node_has_color_glyphs (node);
        return klass->text (writer, &text);
      }

    case GSK_CAIRO_NODE:
      {
        const GArray *shapes = al_render_edges_get_shapes (gsk_cairo_node_get_surface (node));

        /* The edges keep the shapes they drew: no need to read them back. */
        if (shapes != NULL)
          {
            klass->edges (writer, shapes);
            return TRUE;
          }
#ifdef AL_HAVE_CAIRO_SCRIPT
        return al_export_script_read (node, &klass->script, writer);
#else
        return FALSE;
#endif
      }

    default:
      return FALSE;
    }
}

gboolean
al_export_walk (const AlExportWalkClass *klass, gpointer writer, GskRenderNode *node)
{
  return walk (klass, writer, node, NULL);
}

gboolean
al_export_walk_cut (const AlExportWalkClass *klass, gpointer writer, GskRenderNode *node,
                    const AlExportWalkCut *cut)
{
  return walk (klass, writer, node, cut);
}

GskRenderNode *
al_export_walk_widest (GskRenderNode *node)
{
  GskRenderNode *widest = NULL, *child = NULL;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      widest = node;
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          GskRenderNode *inner = al_export_walk_widest (gsk_container_node_get_child (node, i));

          if (inner != NULL && gsk_container_node_get_n_children (inner)
                                 > gsk_container_node_get_n_children (widest))
            widest = inner;
        }
      return widest;
    case GSK_TRANSFORM_NODE:
      child = gsk_transform_node_get_child (node);
      break;
    case GSK_CLIP_NODE:
      child = gsk_clip_node_get_child (node);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      child = gsk_rounded_clip_node_get_child (node);
      break;
    case GSK_OPACITY_NODE:
      child = gsk_opacity_node_get_child (node);
      break;
    case GSK_DEBUG_NODE:
      child = gsk_debug_node_get_child (node);
      break;
    default:
      return NULL;
    }
  return al_export_walk_widest (child);
}
