/* al-export-svg.c: the page as SVG of our own.
 *
 * Cairo's SVG backend writes every glyph as a <use> of an outline and
 * every node as a group: a picture of 1,000 components is 13 MB and most
 * of the time of an export goes into printing its numbers. Here text is
 * <text> (selectable and searchable, as in Graphviz's SVG), shapes are
 * <rect> and <path>, clips <clipPath>, edges one <path> each from the
 * shapes the renderer drew, and other cairo nodes are read back from their
 * recording (through cairo's script surface). Any node or drawing operation
 * not known here makes the writer give up, and the caller draws with cairo. */
#include <pango/pangocairo.h>
#include <string.h>

#include "al-export-private.h"
#include "al-render-private.h"

typedef struct
{
  GString    *out;
  GHashTable *glyph_maps;
  GHashTable *font_attributes;  /* PangoFont → its attributes of <text> */
  GString    *xs, *chars;       /* scratch of write_text() */
  const char *clip_prefix;      /* of clip path ids, one per writer */
  guint       next_clip;
  gsize       cut_at;           /* where another writer's part goes */
} Writer;

/* Appending without GLib's out-of-line insertion: a picture of 1,000
 * components is a few hundred thousand appends. */
static inline char *
reserve (GString *out, gsize n)
{
  if (out->len + n >= out->allocated_len)
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      out->len = len;
    }
  return out->str + out->len;
}

static inline void
put_bytes (GString *out, const char *data, gsize n)
{
  memcpy (reserve (out, n + 1), data, n);
  out->len += n;
  out->str[out->len] = '\0';
}

static inline void
put_char (GString *out, char c)
{
  *reserve (out, 2) = c;
  out->str[++out->len] = '\0';
}

static inline void
put_string (GString *out, const char *text)
{
  put_bytes (out, text, strlen (text));
}

#define put_literal(out, text) put_bytes ((out), "" text, sizeof (text) - 1)

/* Numbers with at most two decimals, without printf: there are many. */
static void
al_svg_put_number (GString *out, double value)
{
  gint64 hundredths = (gint64) (value * 100.0 + (value < 0 ? -0.5 : 0.5));
  gboolean negative = hundredths < 0;
  char digits[32], *end = digits + sizeof digits, *p = end;
  guint64 whole;
  int fraction;

  if (negative)
    hundredths = -hundredths;
  whole = (guint64) hundredths / 100;
  fraction = (int) (hundredths % 100);
  if (fraction != 0)
    {
      if (fraction % 10 != 0)
        *--p = (char) ('0' + fraction % 10);
      *--p = (char) ('0' + fraction / 10);
      *--p = '.';
    }
  do
    *--p = (char) ('0' + whole % 10);
  while ((whole /= 10) > 0);
  if (negative)
    *--p = '-';
  put_bytes (out, p, (gsize) (end - p));
}

static void
al_svg_put_attribute_number (GString *out, const char *name, double value)
{
  put_char (out, ' ');
  put_string (out, name);
  put_literal (out, "=\"");
  al_svg_put_number (out, value);
  put_char (out, '"');
}

/* fill="#rrggbb" and, when not opaque, fill-opacity. */
static void
al_svg_put_paint (GString *out, const char *property, const GdkRGBA *color)
{
  static const char hex[] = "0123456789abcdef";
  const float channels[3] = { color->red, color->green, color->blue };
  char rgb[8] = "#";

  for (guint i = 0; i < 3; i++)
    {
      int value = (int) (CLAMP (channels[i], 0, 1) * 255 + 0.5);

      rgb[1 + 2 * i] = hex[value >> 4];
      rgb[2 + 2 * i] = hex[value & 15];
    }
  put_char (out, ' ');
  put_string (out, property);
  put_literal (out, "=\"");
  put_bytes (out, rgb, 7);
  put_char (out, '"');
  if (color->alpha < 1.0)
    {
      put_char (out, ' ');
      put_string (out, property);
      put_literal (out, "-opacity=\"");
      al_svg_put_number (out, color->alpha);
      put_char (out, '"');
    }
}

static void
put_rect_attributes (GString *out, const graphene_rect_t *rect)
{
  al_svg_put_attribute_number (out, "x", rect->origin.x);
  al_svg_put_attribute_number (out, "y", rect->origin.y);
  al_svg_put_attribute_number (out, "width", rect->size.width);
  al_svg_put_attribute_number (out, "height", rect->size.height);
}

static void
al_svg_put_point (GString *out, char command, double x, double y)
{
  put_char (out, command);
  al_svg_put_number (out, x);
  put_char (out, ' ');
  al_svg_put_number (out, y);
}

static void
put_arc (GString *out, double rx, double ry, double x, double y)
{
  if (rx <= 0 || ry <= 0)
    {
      al_svg_put_point (out, 'L', x, y);
      return;
    }
  put_char (out, 'A');
  al_svg_put_number (out, rx);
  put_char (out, ' ');
  al_svg_put_number (out, ry);
  put_literal (out, " 0 0 1 ");
  al_svg_put_number (out, x);
  put_char (out, ' ');
  al_svg_put_number (out, y);
}

/* The outline of a rounded rectangle, clockwise from the top-left corner. */
static void
put_rounded_path (GString *out, const GskRoundedRect *rect)
{
  AlExportCorner corners[4];

  al_export_rounded_corners (rect, corners);
  al_svg_put_point (out, 'M', corners[3].x1, corners[3].y1);
  for (guint i = 0; i < 4; i++)
    {
      const AlExportCorner *k = &corners[i];

      al_svg_put_point (out, 'L', k->x0, k->y0);
      put_arc (out, k->rx, k->ry, k->x1, k->y1);
    }
  put_char (out, 'Z');
}

/* Escapes what XML cannot hold as is, as g_markup_escape_text() does for
 * element content, appending whole runs of plain bytes at once: the
 * embedded document is megabytes long. */
static void
put_escaped_len (GString *out, const char *text, gsize length)
{
  /* Bytes that may need escaping: & < > controls, DEL and the lead byte
   * of C1 controls. */
  static const guint32 special[8] = { 0xffffd9ff, 0x50000040, 0, 0x80000000, 0, 0, 0x4, 0 };
  const guchar *p = (const guchar *) text, *end = p + length, *run = p;

  for (; p < end; p++)
    {
      const char *entity;
      char reference[16];

      if (!(special[*p >> 5] & (1u << (*p & 31))))
        continue;
      if (*p == '&')
        entity = "&amp;";
      else if (*p == '<')
        entity = "&lt;";
      else if (*p == '>')
        entity = "&gt;";
      else if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f)
        {
          g_snprintf (reference, sizeof reference, "&#x%x;", *p);
          entity = reference;
        }
      else if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9f)
        {
          /* C1 controls, as GLib does. */
          put_bytes (out, (const char *) run, p - run);
          g_string_append_printf (out, "&#x%x;", p[1]);
          run = ++p + 1;
          continue;
        }
      else
        continue;
      put_bytes (out, (const char *) run, p - run);
      put_string (out, entity);
      run = p + 1;
    }
  put_bytes (out, (const char *) run, p - run);
}

static void
put_escaped (GString *out, const char *text)
{
  put_escaped_len (out, text, strlen (text));
}

void
al_export_svg_put_title (GString *svg, const char *title)
{
  put_literal (svg, "<title>");
  put_escaped (svg, title);
  put_literal (svg, "</title>\n");
}

void
al_export_svg_put_metadata (GString *svg, GBytes *document)
{
  gsize length;
  const char *json = g_bytes_get_data (document, &length);

  put_literal (svg, "<metadata><archlane:document xmlns:archlane=\"" AL_EXPORT_SVG_NAMESPACE "\">");
  put_escaped_len (svg, json, length);
  put_literal (svg, "</archlane:document></metadata>\n");
}

/* ---- text ---------------------------------------------------------------- */

/* ' font-family="…" font-size="…"' and weight and style: the same for
 * every text node of a font, so written once. */
static const char *
font_attributes (Writer *w, PangoFont *font)
{
  char *attributes = g_hash_table_lookup (w->font_attributes, font);

  if (attributes == NULL)
    {
      PangoFontDescription *description = pango_font_describe_with_absolute_size (font);
      PangoWeight weight = pango_font_description_get_weight (description);
      PangoStyle style = pango_font_description_get_style (description);
      GString *out = g_string_new (" font-family=\"");

      put_escaped (out, pango_font_description_get_family (description));
      /* Where that font is missing, the viewer's own. */
      put_literal (out, ", sans-serif\"");
      al_svg_put_attribute_number (out, "font-size",
                            (double) pango_font_description_get_size (description) / PANGO_SCALE);
      if (weight != PANGO_WEIGHT_NORMAL)
        g_string_append_printf (out, " font-weight=\"%d\"", (int) weight);
      if (style == PANGO_STYLE_ITALIC || style == PANGO_STYLE_OBLIQUE)
        put_literal (out, " font-style=\"italic\"");
      pango_font_description_free (description);
      attributes = g_string_free (out, FALSE);
      g_hash_table_insert (w->font_attributes, g_object_ref (font), attributes);
    }
  return attributes;
}

static gboolean
write_text (gpointer writer, const AlExportText *text_node)
{
  Writer *w = writer;
  const graphene_point_t *offset = text_node->offset;
  const PangoGlyphInfo *glyphs = text_node->glyphs;
  GString *xs = w->xs, *chars = w->chars;
  AlExportGlyphMap *map = al_export_glyph_map (w->glyph_maps, text_node->font);
  int x = 0;

  g_string_truncate (xs, 0);
  g_string_truncate (chars, 0);
  for (guint i = 0; i < text_node->n_glyphs; i++)
    {
      const PangoGlyphInfo *glyph = &glyphs[i];

      if (glyph->glyph != PANGO_GLYPH_EMPTY && !(glyph->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        {
          const char *text = al_export_glyph_text (map, glyph->glyph);
          glong n_chars = text[1] == '\0' ? 1 : g_utf8_strlen (text, -1);

          /* One position per character; a ligature's share its glyph. */
          for (glong k = 0; k < n_chars; k++)
            {
              if (xs->len > 0)
                put_char (xs, ' ');
              al_svg_put_number (xs, offset->x
                                + (x + glyph->geometry.x_offset
                                   + (double) k * glyph->geometry.width / n_chars)
                                    / PANGO_SCALE);
            }
          if (n_chars == 1 && text[1] == '\0' && (guchar) text[0] >= 0x20 && text[0] != '&'
              && text[0] != '<' && text[0] != '>' && text[0] != 0x7f)
            put_char (chars, text[0]);
          else
            put_escaped (chars, text);
        }
      x += glyph->geometry.width;
    }
  if (chars->len > 0)
    {
      put_literal (w->out, "<text x=\"");
      put_bytes (w->out, xs->str, xs->len);
      put_char (w->out, '"');
      al_svg_put_attribute_number (w->out, "y", offset->y + (double) glyphs[0].geometry.y_offset / PANGO_SCALE);
      put_string (w->out, font_attributes (w, text_node->font));
      al_svg_put_paint (w->out, "fill", text_node->color);
      put_char (w->out, '>');
      put_bytes (w->out, chars->str, chars->len);
      put_literal (w->out, "</text>\n");
    }
  return TRUE;
}

/* ---- edges: from the shapes the renderer drew --------------------------- */

static void
write_edges (gpointer writer, const GArray *shapes)
{
  Writer *w = writer;

  for (guint i = 0; i < shapes->len; i++)
    {
      const AlRenderEdgeShape *shape = &g_array_index (shapes, AlRenderEdgeShape, i);
      const graphene_point_t *p = shape->stroke;

      put_literal (w->out, "<path d=\"");
      al_svg_put_point (w->out, 'M', p[0].x, p[0].y);
      if (shape->curve)
        {
          al_svg_put_point (w->out, 'C', p[1].x, p[1].y);
          al_svg_put_point (w->out, ' ', p[2].x, p[2].y);
          al_svg_put_point (w->out, ' ', p[3].x, p[3].y);
        }
      else
        al_svg_put_point (w->out, 'L', p[3].x, p[3].y);
      put_literal (w->out, "\" fill=\"none\"");
      al_svg_put_paint (w->out, "stroke", &shape->color);
      al_svg_put_attribute_number (w->out, "stroke-width", shape->width);
      put_literal (w->out, " stroke-linejoin=\"round\"");
      if (shape->dashed)
        g_string_append_printf (w->out, " stroke-dasharray=\"%g %g\"", AL_RENDER_EDGE_DASH_ON,
                                AL_RENDER_EDGE_DASH_OFF);
      put_literal (w->out, "/>\n");
      if (shape->arrow)
        {
          put_literal (w->out, "<path d=\"");
          al_svg_put_point (w->out, 'M', shape->head[0].x, shape->head[0].y);
          al_svg_put_point (w->out, 'L', shape->head[1].x, shape->head[1].y);
          al_svg_put_point (w->out, 'L', shape->head[2].x, shape->head[2].y);
          put_literal (w->out, "Z\"");
          al_svg_put_paint (w->out, "fill", &shape->color);
          put_literal (w->out, "/>\n");
        }
    }
}

/* ---- cairo nodes: from their recording ----------------------------------- */

/* A dash length as the script wrote it: cairo prints its numbers in the
 * fewest decimals that keep them, and so does this. */
static void
put_dash_number (GString *out, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int decimals = 0; decimals <= 17; decimals++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  put_string (out, buffer);
}

static const AlExportPathSyntax svg_path_syntax = {
  { "M", "L", "C", "Z" },
  { "", "", "", "" },
  al_svg_put_number,
  " ",
};

static void
script_begin (gpointer writer, double x, double y)
{
  Writer *w = writer;

  put_literal (w->out, "<g transform=\"translate(");
  al_svg_put_number (w->out, x);
  put_char (w->out, ' ');
  al_svg_put_number (w->out, y);
  put_literal (w->out, ")\">\n");
}

static void
script_shape (gpointer writer, const AlExportScriptShape *shape)
{
  static const char *const joins[] = { NULL, "round", "bevel" };
  static const char *const caps[] = { NULL, "round", "square" };
  GString *out = ((Writer *) writer)->out;

  put_literal (out, "<path d=\"");
  al_export_put_path (out, shape->path, &svg_path_syntax);
  put_char (out, '"');
  if (shape->stroke)
    {
      put_literal (out, " fill=\"none\"");
      al_svg_put_paint (out, "stroke", &shape->color);
      al_svg_put_attribute_number (out, "stroke-width", shape->line_width);
      /* Miter joins and butt caps are SVG's defaults. */
      if ((guint) shape->join < G_N_ELEMENTS (joins) && joins[shape->join] != NULL)
        g_string_append_printf (out, " stroke-linejoin=\"%s\"", joins[shape->join]);
      if ((guint) shape->cap < G_N_ELEMENTS (caps) && caps[shape->cap] != NULL)
        g_string_append_printf (out, " stroke-linecap=\"%s\"", caps[shape->cap]);
      if (shape->n_dash > 0)
        {
          put_literal (out, " stroke-dasharray=\"");
          for (guint i = 0; i < shape->n_dash; i++)
            {
              if (i > 0)
                put_char (out, ' ');
              put_dash_number (out, shape->dash[i]);
            }
          put_char (out, '"');
          al_svg_put_attribute_number (out, "stroke-dashoffset", shape->dash_offset);
        }
    }
  else
    {
      al_svg_put_paint (out, "fill", &shape->color);
      if (shape->even_odd)
        put_literal (out, " fill-rule=\"evenodd\"");
    }
  put_literal (out, "/>\n");
}

static void
end_group (gpointer writer)
{
  put_literal (((Writer *) writer)->out, "</g>\n");
}

/* ---- the tree ---------------------------------------------------------- */

static void
push_transform (gpointer writer, const float m[6])
{
  GString *out = ((Writer *) writer)->out;

  put_literal (out, "<g transform=\"matrix(");
  for (guint i = 0; i < 6; i++)
    {
      if (i > 0)
        put_char (out, ' ');
      al_svg_put_number (out, m[i]);
    }
  put_literal (out, ")\">\n");
}

static void
push_clip (gpointer writer, const graphene_rect_t *rect, const GskRoundedRect *rounded)
{
  Writer *w = writer;
  guint id = w->next_clip++;

  g_string_append_printf (w->out, "<clipPath id=\"%s%u\">", w->clip_prefix, id);
  if (rounded != NULL)
    {
      put_literal (w->out, "<path d=\"");
      put_rounded_path (w->out, rounded);
      put_literal (w->out, "\"/>");
    }
  else
    {
      put_literal (w->out, "<rect");
      put_rect_attributes (w->out, rect);
      put_literal (w->out, "/>");
    }
  g_string_append_printf (w->out, "</clipPath>\n<g clip-path=\"url(#%s%u)\">\n", w->clip_prefix,
                          id);
}

static void
push_opacity (gpointer writer, float opacity)
{
  GString *out = ((Writer *) writer)->out;

  put_literal (out, "<g");
  al_svg_put_attribute_number (out, "opacity", opacity);
  put_literal (out, ">\n");
}

static void
fill_rect (gpointer writer, const graphene_rect_t *rect, const GdkRGBA *color)
{
  GString *out = ((Writer *) writer)->out;

  put_literal (out, "<rect");
  put_rect_attributes (out, rect);
  al_svg_put_paint (out, "fill", color);
  put_literal (out, "/>\n");
}

/* A colour clipped to a rounded rectangle is how the renderer draws a
 * shape: one element, not a clip path and a group; a <rect> when its
 * corners are all the same circle. */
static void
fill_rounded (gpointer writer, const GskRoundedRect *rounded, const GdkRGBA *color)
{
  GString *out = ((Writer *) writer)->out;
  const graphene_size_t *c = rounded->corner;

  if (c[0].width == c[0].height && graphene_size_equal (&c[0], &c[1])
      && graphene_size_equal (&c[0], &c[2]) && graphene_size_equal (&c[0], &c[3]))
    {
      put_literal (out, "<rect");
      put_rect_attributes (out, &rounded->bounds);
      if (c[0].width > 0)
        al_svg_put_attribute_number (out, "rx", c[0].width);
    }
  else
    {
      put_literal (out, "<path d=\"");
      put_rounded_path (out, rounded);
      put_char (out, '"');
    }
  al_svg_put_paint (out, "fill", color);
  put_literal (out, "/>\n");
}

static gboolean
write_border (gpointer writer, const GskRoundedRect *outline, const float widths[4],
              const GdkRGBA colors[4])
{
  GString *out = ((Writer *) writer)->out;
  GskRoundedRect inner = *outline;

  /* Outer outline and inner outline, filled even-odd: the ring. */
  gsk_rounded_rect_shrink (&inner, widths[0], widths[1], widths[2], widths[3]);
  put_literal (out, "<path d=\"");
  put_rounded_path (out, outline);
  put_rounded_path (out, &inner);
  put_literal (out, "\" fill-rule=\"evenodd\"");
  /* Borders of one colour are what the renderer draws. */
  al_svg_put_paint (out, "fill", &colors[0]);
  put_literal (out, "/>\n");
  return gdk_rgba_equal (&colors[0], &colors[1]) && gdk_rgba_equal (&colors[0], &colors[2])
         && gdk_rgba_equal (&colors[0], &colors[3]);
}

static const AlExportWalkClass svg_walk = {
  .push_transform = push_transform,
  .pop_transform = end_group,
  .push_clip = push_clip,
  .pop_clip = end_group,
  .push_opacity = push_opacity,
  .pop_opacity = end_group,
  .fill_rect = fill_rect,
  .fill_rounded = fill_rounded,
  .border = write_border,
  .text = write_text,
  .edges = write_edges,
  .script = { script_begin, script_shape, end_group },
};

static void
writer_init (Writer *w, GString *out, const char *clip_prefix)
{
  memset (w, 0, sizeof *w);
  w->out = out;
  w->glyph_maps = al_export_glyph_maps_new ();
  w->font_attributes = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  w->xs = g_string_new (NULL);
  w->chars = g_string_new (NULL);
  w->clip_prefix = clip_prefix;
}

static void
writer_clear (Writer *w)
{
  g_hash_table_unref (w->glyph_maps);
  g_hash_table_unref (w->font_attributes);
  g_string_free (w->xs, TRUE);
  g_string_free (w->chars, TRUE);
}

static void
reached_cut (gpointer writer)
{
  Writer *w = writer;

  w->cut_at = w->out->len;
}

/* The second half of the widest container (the cards, for a large
 * picture), written on a thread of its own: the two halves only read the
 * node tree and the fonts' glyph maps, which take a lock to fill in. */
typedef struct
{
  GskRenderNode *container;
  guint          first;
  Writer         writer;
  gboolean       known;
} Part;

static gpointer
write_part (gpointer data)
{
  Part *part = data;
  guint n = gsk_container_node_get_n_children (part->container);

  part->known = TRUE;
  for (guint i = part->first; i < n && part->known; i++)
    part->known = al_export_walk (&svg_walk, &part->writer,
                                  gsk_container_node_get_child (part->container, i));
  return NULL;
}

/* Below this many, a thread costs more than it saves. */
#define MIN_CHILDREN_TO_SPLIT 256

gboolean
al_export_svg_write (const AlExportPage *page, AlExportSvgText *svg)
{
  GskRenderNode *widest = al_export_walk_widest (page->node);
  GString *text = svg->text;
  Part part = { NULL, 0 };
  GThread *thread = NULL;
  Writer w;
  gboolean known;

  svg->part = NULL;
  writer_init (&w, text, "clip");
  g_string_append (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
  g_string_append_printf (text, " width=\"%.0fpx\" height=\"%.0fpx\" viewBox=\"0 0 %.0f %.0f\"",
                          page->width, page->height, page->width, page->height);
  /* Spaces are characters with a position of their own. */
  put_literal (text, " xml:space=\"preserve\">\n");
  al_export_svg_put_title (text, page->title);
  svg->metadata_at = text->len;
  svg->part_at = text->len;
  if (widest != NULL && gsk_container_node_get_n_children (widest) >= MIN_CHILDREN_TO_SPLIT)
    {
      part.container = widest;
      part.first = gsk_container_node_get_n_children (widest) / 2;
      writer_init (&part.writer, g_string_sized_new (text->allocated_len / 4), "clip-b");
      thread = g_thread_try_new ("archlane-svg-part", write_part, &part, NULL);
    }
  if (thread != NULL)
    {
      AlExportWalkCut cut = { part.container, part.first, reached_cut };

      known = al_export_walk_cut (&svg_walk, &w, page->node, &cut);
      g_thread_join (thread);
      known = known && part.known;
      if (known)
        {
          svg->part = g_steal_pointer (&part.writer.out);
          svg->part_at = w.cut_at;
        }
    }
  else
    known = al_export_walk (&svg_walk, &w, page->node);
  if (part.container != NULL)
    {
      if (part.writer.out != NULL)
        g_string_free (part.writer.out, TRUE);
      writer_clear (&part.writer);
    }
  put_literal (text, "</svg>\n");
  writer_clear (&w);
  return known;
}
