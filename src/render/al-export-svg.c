/* al-export-svg.c: the page as SVG of our own.
 *
 * Cairo's SVG backend writes every glyph as a <use> of an outline and
 * every node as a group: a picture of 1,000 components is 13 MB and most
 * of the time of an export goes into printing its numbers. Here text is
 * <text> (selectable and searchable, as in Graphviz's SVG), rectangles and
 * rounded rectangles are <rect> and <path>, clips <clipPath>, and the
 * curves of cairo nodes are read back from their recording (through
 * cairo's script surface) as <path>. Any node or drawing operation not
 * known here makes the writer give up, and the caller draws with cairo. */
#ifdef AL_HAVE_CAIRO_SCRIPT
#include <cairo-script.h>
#endif
#include <pango/pangocairo.h>
#include <string.h>

#include "al-export-private.h"

typedef struct
{
  GString    *out;
  GHashTable *glyph_maps;
  guint       next_clip;
} Writer;

/* Numbers with at most two decimals, without printf: there are many. */
static void
put_number (GString *out, double value)
{
  gint64 hundredths = (gint64) (value * 100.0 + (value < 0 ? -0.5 : 0.5));
  gint64 whole;
  int fraction;

  if (hundredths < 0)
    {
      g_string_append_c (out, '-');
      hundredths = -hundredths;
    }
  whole = hundredths / 100;
  fraction = (int) (hundredths % 100);
  {
    char digits[24];
    int n = 0;

    do
      digits[n++] = (char) ('0' + whole % 10);
    while ((whole /= 10) > 0);
    while (n > 0)
      g_string_append_c (out, digits[--n]);
  }
  if (fraction != 0)
    {
      g_string_append_c (out, '.');
      g_string_append_c (out, (char) ('0' + fraction / 10));
      if (fraction % 10 != 0)
        g_string_append_c (out, (char) ('0' + fraction % 10));
    }
}

static void
put_attribute_number (GString *out, const char *name, double value)
{
  g_string_append_printf (out, " %s=\"", name);
  put_number (out, value);
  g_string_append_c (out, '"');
}

/* fill="#rrggbb" and, when not opaque, fill-opacity. */
static void
put_paint (GString *out, const char *property, const GdkRGBA *color)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", property,
                          (int) (CLAMP (color->red, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (color->green, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (color->blue, 0, 1) * 255 + 0.5));
  if (color->alpha < 1.0)
    {
      g_string_append_printf (out, " %s-opacity=\"", property);
      put_number (out, color->alpha);
      g_string_append_c (out, '"');
    }
}

static void
put_rect_attributes (GString *out, const graphene_rect_t *rect)
{
  put_attribute_number (out, "x", rect->origin.x);
  put_attribute_number (out, "y", rect->origin.y);
  put_attribute_number (out, "width", rect->size.width);
  put_attribute_number (out, "height", rect->size.height);
}

static void
put_point (GString *out, char command, double x, double y)
{
  g_string_append_c (out, command);
  put_number (out, x);
  g_string_append_c (out, ' ');
  put_number (out, y);
}

static void
put_arc (GString *out, double rx, double ry, double x, double y)
{
  if (rx <= 0 || ry <= 0)
    {
      put_point (out, 'L', x, y);
      return;
    }
  g_string_append_c (out, 'A');
  put_number (out, rx);
  g_string_append_c (out, ' ');
  put_number (out, ry);
  g_string_append (out, " 0 0 1 ");
  put_number (out, x);
  g_string_append_c (out, ' ');
  put_number (out, y);
}

/* The outline of a rounded rectangle, clockwise from the top-left corner. */
static void
put_rounded_path (GString *out, const GskRoundedRect *rect)
{
  const graphene_rect_t *b = &rect->bounds;
  const graphene_size_t *c = rect->corner;
  double left = b->origin.x, top = b->origin.y;
  double right = left + b->size.width, bottom = top + b->size.height;

  put_point (out, 'M', left + c[0].width, top);
  put_point (out, 'L', right - c[1].width, top);
  put_arc (out, c[1].width, c[1].height, right, top + c[1].height);
  put_point (out, 'L', right, bottom - c[2].height);
  put_arc (out, c[2].width, c[2].height, right - c[2].width, bottom);
  put_point (out, 'L', left + c[3].width, bottom);
  put_arc (out, c[3].width, c[3].height, left, bottom - c[3].height);
  put_point (out, 'L', left, top + c[0].height);
  put_arc (out, c[0].width, c[0].height, left + c[0].width, top);
  g_string_append_c (out, 'Z');
}

static void
put_escaped (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      default:
        g_string_append_c (out, *p);
      }
}

/* ---- text ---------------------------------------------------------------- */

static void
write_text (Writer *w, GskRenderNode *node)
{
  PangoFont *font = gsk_text_node_get_font (node);
  const graphene_point_t *offset = gsk_text_node_get_offset (node);
  guint n_glyphs = gsk_text_node_get_num_glyphs (node);
  const PangoGlyphInfo *glyphs = gsk_text_node_get_glyphs (node, NULL);
  PangoFontDescription *description = pango_font_describe_with_absolute_size (font);
  g_autoptr (GString) xs = g_string_new (NULL);
  g_autoptr (GString) chars = g_string_new (NULL);
  GHashTable *map = al_export_glyph_map (w->glyph_maps, font);
  int x = 0;

  for (guint i = 0; i < n_glyphs; i++)
    {
      const PangoGlyphInfo *glyph = &glyphs[i];

      if (glyph->glyph != PANGO_GLYPH_EMPTY && !(glyph->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        {
          const char *text = al_export_glyph_text (map, glyph->glyph);
          glong n_chars = g_utf8_strlen (text, -1);

          /* One position per character; a ligature's share its glyph. */
          for (glong k = 0; k < n_chars; k++)
            {
              if (xs->len > 0)
                g_string_append_c (xs, ' ');
              put_number (xs, offset->x
                                + (x + glyph->geometry.x_offset
                                   + (double) k * glyph->geometry.width / n_chars)
                                    / PANGO_SCALE);
            }
          put_escaped (chars, text);
        }
      x += glyph->geometry.width;
    }
  if (chars->len > 0)
    {
      PangoWeight weight = pango_font_description_get_weight (description);
      PangoStyle style = pango_font_description_get_style (description);

      g_string_append (w->out, "<text x=\"");
      g_string_append_len (w->out, xs->str, xs->len);
      g_string_append_c (w->out, '"');
      put_attribute_number (w->out, "y", offset->y + (double) glyphs[0].geometry.y_offset / PANGO_SCALE);
      g_string_append (w->out, " font-family=\"");
      put_escaped (w->out, pango_font_description_get_family (description));
      /* Where that font is missing, the viewer's own. */
      g_string_append (w->out, ", sans-serif\"");
      put_attribute_number (w->out, "font-size",
                            (double) pango_font_description_get_size (description) / PANGO_SCALE);
      if (weight != PANGO_WEIGHT_NORMAL)
        g_string_append_printf (w->out, " font-weight=\"%d\"", (int) weight);
      if (style == PANGO_STYLE_ITALIC || style == PANGO_STYLE_OBLIQUE)
        g_string_append (w->out, " font-style=\"italic\"");
      put_paint (w->out, "fill", gsk_text_node_get_color (node));
      g_string_append_c (w->out, '>');
      g_string_append_len (w->out, chars->str, chars->len);
      g_string_append (w->out, "</text>\n");
    }
  pango_font_description_free (description);
}

#ifdef AL_HAVE_CAIRO_SCRIPT
/* ---- cairo nodes: their recording, read as a script ------------------------ */

static cairo_status_t
append_script (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  GString *path;
  GdkRGBA  source;
  double   line_width;
  const char *join, *cap;
  GString *dash;
  double   dash_offset;
  gboolean even_odd;
} ScriptState;

static void
put_shape (Writer *w, ScriptState *state, gboolean stroke)
{
  if (state->path->len == 0)
    return;
  g_string_append (w->out, "<path d=\"");
  g_string_append_len (w->out, state->path->str, state->path->len);
  g_string_append_c (w->out, '"');
  if (stroke)
    {
      g_string_append (w->out, " fill=\"none\"");
      put_paint (w->out, "stroke", &state->source);
      put_attribute_number (w->out, "stroke-width", state->line_width);
      if (state->join != NULL)
        g_string_append_printf (w->out, " stroke-linejoin=\"%s\"", state->join);
      if (state->cap != NULL)
        g_string_append_printf (w->out, " stroke-linecap=\"%s\"", state->cap);
      if (state->dash->len > 0)
        {
          g_string_append_printf (w->out, " stroke-dasharray=\"%s\"", state->dash->str);
          put_attribute_number (w->out, "stroke-dashoffset", state->dash_offset);
        }
    }
  else
    {
      put_paint (w->out, "fill", &state->source);
      if (state->even_odd)
        g_string_append (w->out, " fill-rule=\"evenodd\"");
    }
  g_string_append (w->out, "/>\n");
}

/* The drawing operations GSK's cairo nodes hold here: paths, a solid
 * source, line settings, stroke and fill. FALSE for anything else. */
static gboolean
write_script (Writer *w, const char *script)
{
  g_auto (GStrv) tokens = NULL;
  double stack[8];
  guint depth = 0;
  const char *body = strstr (script, "context\n");
  ScriptState state = { 0 };
  gboolean in_dash = FALSE;
  gboolean known = TRUE;

  if (body == NULL)
    return FALSE;
  tokens = g_strsplit_set (body + strlen ("context\n"), " \n", -1);
  state.path = g_string_new (NULL);
  state.dash = g_string_new (NULL);
  state.source.alpha = 1.0;
  state.line_width = 2.0;

  for (guint i = 0; known && tokens[i] != NULL; i++)
    {
      const char *t = tokens[i];
      char *end;
      double value;

      if (*t == '\0')
        continue;
      if (in_dash || *t == '[')
        {
          const char *number = *t == '[' ? t + 1 : t;
          gboolean closes = g_str_has_suffix (t, "]");
          g_autofree char *copy = g_strndup (number, strlen (number) - (closes ? 1 : 0));

          if (!in_dash)
            g_string_truncate (state.dash, 0);
          if (*copy != '\0')
            {
              if (state.dash->len > 0)
                g_string_append_c (state.dash, ' ');
              g_string_append (state.dash, copy);
            }
          in_dash = !closes;
          continue;
        }
      value = g_ascii_strtod (t, &end);
      if (end != t && *end == '\0')
        {
          if (depth == G_N_ELEMENTS (stack))
            return FALSE;
          stack[depth++] = value;
          continue;
        }

#define NEED(n) \
  if (depth < (n)) { known = FALSE; break; }
      if (strcmp (t, "n") == 0)
        g_string_truncate (state.path, 0);
      else if (strcmp (t, "m") == 0 || strcmp (t, "l") == 0)
        {
          NEED (2);
          put_point (state.path, t[0] == 'm' ? 'M' : 'L', stack[depth - 2], stack[depth - 1]);
          depth -= 2;
        }
      else if (strcmp (t, "c") == 0)
        {
          NEED (6);
          put_point (state.path, 'C', stack[depth - 6], stack[depth - 5]);
          for (int k = 4; k > 0; k -= 2)
            {
              g_string_append_c (state.path, ' ');
              put_number (state.path, stack[depth - k]);
              g_string_append_c (state.path, ' ');
              put_number (state.path, stack[depth - k + 1]);
            }
          depth -= 6;
        }
      else if (strcmp (t, "h") == 0)
        g_string_append_c (state.path, 'Z');
      else if (strcmp (t, "rgb") == 0)
        {
          NEED (3);
          state.source = (GdkRGBA) { stack[depth - 3], stack[depth - 2], stack[depth - 1], 1.0 };
          depth -= 3;
        }
      else if (strcmp (t, "rgba") == 0)
        {
          NEED (4);
          state.source = (GdkRGBA) { stack[depth - 4], stack[depth - 3], stack[depth - 2],
                                     stack[depth - 1] };
          depth -= 4;
        }
      else if (strcmp (t, "set-source") == 0)
        ;
      else if (strcmp (t, "set-line-width") == 0)
        {
          NEED (1);
          state.line_width = stack[--depth];
        }
      else if (strcmp (t, "set-dash") == 0)
        {
          NEED (1);
          state.dash_offset = stack[--depth];
        }
      else if (strcmp (t, "//LINE_JOIN_ROUND") == 0)
        state.join = "round";
      else if (strcmp (t, "//LINE_JOIN_BEVEL") == 0)
        state.join = "bevel";
      else if (strcmp (t, "//LINE_JOIN_MITER") == 0)
        state.join = NULL;
      else if (strcmp (t, "//LINE_CAP_ROUND") == 0)
        state.cap = "round";
      else if (strcmp (t, "//LINE_CAP_SQUARE") == 0)
        state.cap = "square";
      else if (strcmp (t, "//LINE_CAP_BUTT") == 0)
        state.cap = NULL;
      else if (strcmp (t, "//EVEN_ODD") == 0 || strcmp (t, "//FILL_RULE_EVEN_ODD") == 0)
        state.even_odd = TRUE;
      else if (strcmp (t, "//WINDING") == 0 || strcmp (t, "//FILL_RULE_WINDING") == 0)
        state.even_odd = FALSE;
      else if (strcmp (t, "set-line-join") == 0 || strcmp (t, "set-line-cap") == 0
               || strcmp (t, "set-fill-rule") == 0)
        ;
      else if (strcmp (t, "stroke+") == 0 || strcmp (t, "stroke") == 0)
        {
          put_shape (w, &state, TRUE);
          if (t[6] == '\0')
            g_string_truncate (state.path, 0);
        }
      else if (strcmp (t, "fill+") == 0 || strcmp (t, "fill") == 0)
        {
          put_shape (w, &state, FALSE);
          if (t[4] == '\0')
            g_string_truncate (state.path, 0);
        }
      else if (strcmp (t, "pop") == 0)
        ;
      else
        known = FALSE;
#undef NEED
    }
  g_string_free (state.path, TRUE);
  g_string_free (state.dash, TRUE);
  return known;
}

static gboolean
write_cairo (Writer *w, GskRenderNode *node)
{
  cairo_surface_t *recording = gsk_cairo_node_get_surface (node);
  g_autoptr (GString) script = g_string_new (NULL);
  cairo_rectangle_t extents;
  cairo_device_t *device;
  cairo_status_t status;
  gboolean known;

  if (recording == NULL)
    return TRUE;
  if (cairo_surface_get_type (recording) != CAIRO_SURFACE_TYPE_RECORDING
      || !cairo_recording_surface_get_extents (recording, &extents))
    return FALSE;
  device = cairo_script_create_for_stream (append_script, script);
  status = cairo_script_from_recording_surface (device, recording);
  cairo_device_finish (device);
  cairo_device_destroy (device);
  if (status != CAIRO_STATUS_SUCCESS)
    return FALSE;

  /* The script's coordinates start at the recording's origin. */
  g_string_append (w->out, "<g transform=\"translate(");
  put_number (w->out, extents.x);
  g_string_append_c (w->out, ' ');
  put_number (w->out, extents.y);
  g_string_append (w->out, ")\">\n");
  known = write_script (w, script->str);
  g_string_append (w->out, "</g>\n");
  return known;
}
#endif

/* ---- the tree ---------------------------------------------------------- */

static gboolean write_node (Writer *w, GskRenderNode *node);

static gboolean
write_clipped (Writer *w, GskRenderNode *child, const graphene_rect_t *rect,
               const GskRoundedRect *rounded)
{
  guint id = w->next_clip++;
  gboolean known;

  g_string_append_printf (w->out, "<clipPath id=\"clip%u\">", id);
  if (rounded != NULL)
    {
      g_string_append (w->out, "<path d=\"");
      put_rounded_path (w->out, rounded);
      g_string_append (w->out, "\"/>");
    }
  else
    {
      g_string_append (w->out, "<rect");
      put_rect_attributes (w->out, rect);
      g_string_append (w->out, "/>");
    }
  g_string_append_printf (w->out, "</clipPath>\n<g clip-path=\"url(#clip%u)\">\n", id);
  known = write_node (w, child);
  g_string_append (w->out, "</g>\n");
  return known;
}

static gboolean
write_border (Writer *w, GskRenderNode *node)
{
  const GskRoundedRect *outline = gsk_border_node_get_outline (node);
  const float *widths = gsk_border_node_get_widths (node);
  const GdkRGBA *colors = gsk_border_node_get_colors (node);
  GskRoundedRect inner = *outline;

  /* Outer outline and inner outline, filled even-odd: the ring. */
  gsk_rounded_rect_shrink (&inner, widths[0], widths[1], widths[2], widths[3]);
  g_string_append (w->out, "<path d=\"");
  put_rounded_path (w->out, outline);
  put_rounded_path (w->out, &inner);
  g_string_append (w->out, "\" fill-rule=\"evenodd\"");
  /* Borders of one colour are what the renderer draws. */
  put_paint (w->out, "fill", &colors[0]);
  g_string_append (w->out, "/>\n");
  return gdk_rgba_equal (&colors[0], &colors[1]) && gdk_rgba_equal (&colors[0], &colors[2])
         && gdk_rgba_equal (&colors[0], &colors[3]);
}

static gboolean
write_node (Writer *w, GskRenderNode *node)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        if (!write_node (w, gsk_container_node_get_child (node, i)))
          return FALSE;
      return TRUE;

    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float xx, yx, xy, yy, dx, dy;
        gboolean known;

        if (gsk_transform_get_category (transform) < GSK_TRANSFORM_CATEGORY_2D)
          return FALSE;
        gsk_transform_to_2d (transform, &xx, &yx, &xy, &yy, &dx, &dy);
        g_string_append (w->out, "<g transform=\"matrix(");
        put_number (w->out, xx);
        g_string_append_c (w->out, ' ');
        put_number (w->out, yx);
        g_string_append_c (w->out, ' ');
        put_number (w->out, xy);
        g_string_append_c (w->out, ' ');
        put_number (w->out, yy);
        g_string_append_c (w->out, ' ');
        put_number (w->out, dx);
        g_string_append_c (w->out, ' ');
        put_number (w->out, dy);
        g_string_append (w->out, ")\">\n");
        known = write_node (w, gsk_transform_node_get_child (node));
        g_string_append (w->out, "</g>\n");
        return known;
      }

    case GSK_CLIP_NODE:
      return write_clipped (w, gsk_clip_node_get_child (node), gsk_clip_node_get_clip (node), NULL);

    case GSK_ROUNDED_CLIP_NODE:
      return write_clipped (w, gsk_rounded_clip_node_get_child (node), NULL,
                            gsk_rounded_clip_node_get_clip (node));

    case GSK_OPACITY_NODE:
      {
        gboolean known;

        g_string_append (w->out, "<g");
        put_attribute_number (w->out, "opacity", gsk_opacity_node_get_opacity (node));
        g_string_append (w->out, ">\n");
        known = write_node (w, gsk_opacity_node_get_child (node));
        g_string_append (w->out, "</g>\n");
        return known;
      }

    case GSK_DEBUG_NODE:
      return write_node (w, gsk_debug_node_get_child (node));

    case GSK_COLOR_NODE:
      {
        graphene_rect_t bounds;

        gsk_render_node_get_bounds (node, &bounds);
        g_string_append (w->out, "<rect");
        put_rect_attributes (w->out, &bounds);
        put_paint (w->out, "fill", gsk_color_node_get_color (node));
        g_string_append (w->out, "/>\n");
        return TRUE;
      }

    case GSK_BORDER_NODE:
      return write_border (w, node);

    case GSK_TEXT_NODE:
      write_text (w, node);
      return TRUE;

    case GSK_CAIRO_NODE:
#ifdef AL_HAVE_CAIRO_SCRIPT
      return write_cairo (w, node);
#else
      return FALSE;
#endif

    default:
      return FALSE;
    }
}

gboolean
al_export_svg_write (const AlExportPage *page, const char *head, GString *svg)
{
  Writer w = { svg, al_export_glyph_maps_new (), 0 };
  gboolean known;

  g_string_append (svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
  g_string_append_printf (svg, " width=\"%.0fpx\" height=\"%.0fpx\" viewBox=\"0 0 %.0f %.0f\"",
                          page->width, page->height, page->width, page->height);
  /* Spaces are characters with a position of their own. */
  g_string_append (svg, " xml:space=\"preserve\">\n");
  g_string_append (svg, head);
  known = write_node (&w, page->node);
  g_string_append (svg, "</svg>\n");
  g_hash_table_unref (w.glyph_maps);
  return known;
}
