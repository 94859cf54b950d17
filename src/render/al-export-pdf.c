/* al-export-pdf.c: the page as a PDF of our own.
 *
 * Cairo's PDF backend records the page, analyses it, prints its numbers
 * with printf and deflates: on 1,000 components that was 0.36 s of a
 * 0.52 s export. Here the node tree is written once as PDF operators:
 * shapes as paths (those drawn again and again as forms), clips as
 * clipping paths, edges from the shapes the renderer drew, other cairo
 * nodes from their recording (through cairo's script surface), text as
 * real text in the fonts of al-export-pdf-file.c. Any node or drawing
 * operation not known here makes the writer give up, and the caller draws
 * with cairo. */
#include <math.h>
#include <string.h>

#include "al-export-pdf-private.h"
#include "al-render-private.h"

/* What the content stream has set, so that it is set again only when it
 * changes: colours in thousandths, the alpha of both fill and stroke (one
 * ExtGState sets both), line settings. */
typedef struct
{
  int    fill[3];
  int    stroke[3];
  int    alpha;
  double line_width;
  int    dash;          /* DASH_* */
  int    cap, join;     /* PDF's numbers */
} State;

enum { DASH_NONE, DASH_EDGE, DASH_OTHER };

struct _AlPdfWriter
{
  GString    *out;            /* the content stream */
  AlPdfFonts *fonts;
  GArray     *alphas;         /* int, thousandths: ExtGState /a<index> */
  State       state;
  GArray     *saved;          /* State, at each q */
  double      opacity;        /* the product of the opacity nodes around */
  GHashTable *shapes;         /* Shape → form index + 1, 0 when seen once */
  GPtrArray  *forms;          /* AlPdfForm */
};

typedef AlPdfWriter Writer;

/* ---- numbers --------------------------------------------------------- */

/* @value with at most @decimals (up to 3) decimals and a space after, without
 * printf: a page holds hundreds of thousands of numbers. */
void
al_pdf_put_fixed (GString *out, double value, int decimals)
{
  static const int scales[] = { 1, 10, 100, 1000 };
  int scale = scales[CLAMP (decimals, 0, 3)];
  char buffer[40];
  char *end = buffer + sizeof buffer, *p = end;
  gint64 units, whole;
  int fraction;

  /* Nothing drawn is that far; NaN neither. */
  if (!(fabs (value) < 1e15))
    value = 0;
  units = (gint64) (fabs (value) * scale + 0.5);
  whole = units / scale;
  fraction = (int) (units % scale);
  *--p = ' ';
  if (fraction != 0)
    {
      int digits = decimals;

      while (fraction % 10 == 0)
        {
          fraction /= 10;
          digits--;
        }
      for (; digits > 0; digits--)
        {
          *--p = (char) ('0' + fraction % 10);
          fraction /= 10;
        }
      *--p = '.';
    }
  do
    *--p = (char) ('0' + whole % 10);
  while ((whole /= 10) > 0);
  if (value < 0 && units != 0)
    *--p = '-';
  al_pdf_put_len (out, p, end - p);
}

/* ---- graphics state ---------------------------------------------------- */

static void
state_init (State *state)
{
  /* PDF's initial graphics state. */
  *state = (State) { { 0, 0, 0 }, { 0, 0, 0 }, 1000, 1.0, DASH_NONE, 0, 0 };
}

void
al_pdf_writer_push (Writer *w)
{
  g_array_append_val (w->saved, w->state);
  AL_PDF_PUT (w->out, "q\n");
}

void
al_pdf_writer_pop (Writer *w)
{
  w->state = g_array_index (w->saved, State, w->saved->len - 1);
  g_array_set_size (w->saved, w->saved->len - 1);
  AL_PDF_PUT (w->out, "Q\n");
}

static void
set_alpha (Writer *w, double alpha)
{
  int key = (int) (CLAMP (alpha, 0, 1) * 1000 + 0.5);
  guint i;

  if (key == w->state.alpha)
    return;
  for (i = 0; i < w->alphas->len; i++)
    if (g_array_index (w->alphas, int, i) == key)
      break;
  if (i == w->alphas->len)
    g_array_append_val (w->alphas, key);
  AL_PDF_PUT (w->out, "/a");
  al_pdf_put_fixed (w->out, i, 0);
  AL_PDF_PUT (w->out, "gs\n");
  w->state.alpha = key;
}

/* "r g b rg" (or RG when @stroke) and the alpha, as far as they change.
 * The colour's alpha is multiplied by the opacity nodes around: no
 * transparency group, so shapes that overlap inside one show through each
 * other, which the renderer's dimmed cards do not mind. */
void
al_pdf_writer_set_color (Writer *w, const GdkRGBA *color, gboolean stroke)
{
  const float channels[3] = { color->red, color->green, color->blue };
  int *known = stroke ? w->state.stroke : w->state.fill;
  int rgb[3];

  for (guint i = 0; i < 3; i++)
    rgb[i] = (int) (CLAMP (channels[i], 0, 1) * 1000 + 0.5);
  if (memcmp (rgb, known, sizeof rgb) != 0)
    {
      for (guint i = 0; i < 3; i++)
        al_pdf_put_fixed (w->out, rgb[i] / 1000.0, 3);
      al_pdf_put_len (w->out, stroke ? "RG\n" : "rg\n", 3);
      memcpy (known, rgb, sizeof rgb);
    }
  set_alpha (w, color->alpha * w->opacity);
}

void
al_pdf_writer_set_line (Writer *w, double width, int cap, int join)
{
  if (width != w->state.line_width)
    {
      al_pdf_put_number (w->out, width);
      AL_PDF_PUT (w->out, "w\n");
      w->state.line_width = width;
    }
  if (cap != w->state.cap)
    {
      g_string_append_printf (w->out, "%d J\n", cap);
      w->state.cap = cap;
    }
  if (join != w->state.join)
    {
      g_string_append_printf (w->out, "%d j\n", join);
      w->state.join = join;
    }
}

void
al_pdf_writer_set_dash (Writer *w, const GString *dash, double offset)
{
  if (dash != NULL && dash->len > 0)
    {
      AL_PDF_PUT (w->out, "[");
      al_pdf_put_len (w->out, dash->str, dash->len);
      AL_PDF_PUT (w->out, "] ");
      al_pdf_put_number (w->out, offset);
      AL_PDF_PUT (w->out, "d\n");
      w->state.dash = DASH_OTHER;
    }
  else if (w->state.dash != DASH_NONE)
    {
      AL_PDF_PUT (w->out, "[] 0 d\n");
      w->state.dash = DASH_NONE;
    }
}

GString *
al_pdf_writer_get_out (Writer *w)
{
  return w->out;
}

/* ---- shapes ------------------------------------------------------------- */

static void
put_rect (GString *out, const graphene_rect_t *rect)
{
  al_pdf_put_number (out, rect->origin.x);
  al_pdf_put_number (out, rect->origin.y);
  al_pdf_put_number (out, rect->size.width);
  al_pdf_put_number (out, rect->size.height);
  AL_PDF_PUT (out, "re\n");
}

/* A quarter ellipse as a Bézier curve. */
#define KAPPA 0.5522847498

/* One corner: a line to where its curve starts (unless the side has no
 * length), then the curve, from (@x0, @y0) to (@x1, @y1) around the
 * rectangle's corner (@cx, @cy). */
static void
put_corner (GString *out, double from_x, double from_y, double x0, double y0, double cx,
            double cy, double x1, double y1)
{
  if (x0 != from_x || y0 != from_y)
    al_pdf_put_point (out, x0, y0, "l\n");
  if (x0 == x1 && y0 == y1)
    return;
  al_pdf_put_point (out, x0 + (cx - x0) * KAPPA, y0 + (cy - y0) * KAPPA, "");
  al_pdf_put_point (out, x1 + (cx - x1) * KAPPA, y1 + (cy - y1) * KAPPA, "");
  al_pdf_put_point (out, x1, y1, "c\n");
}

/* The outline of a rounded rectangle, clockwise from the top-left corner
 * (in page coordinates, y down). */
static void
put_rounded_path (GString *out, const GskRoundedRect *rect)
{
  const graphene_rect_t *b = &rect->bounds;
  const graphene_size_t *c = rect->corner;
  double left = b->origin.x, top = b->origin.y;
  double right = left + b->size.width, bottom = top + b->size.height;
  double x = left + c[0].width, y = top;

  al_pdf_put_point (out, x, y, "m\n");
  put_corner (out, x, y, right - c[1].width, top, right, top, right, top + c[1].height);
  put_corner (out, right, top + c[1].height, right, bottom - c[2].height, right, bottom,
              right - c[2].width, bottom);
  put_corner (out, right - c[2].width, bottom, left + c[3].width, bottom, left, bottom, left,
              bottom - c[3].height);
  put_corner (out, left, bottom - c[3].height, left, top + c[0].height, left, top,
              left + c[0].width, top);
  AL_PDF_PUT (out, "h\n");
}

/* ---- shapes drawn more than once: forms ---------------------------------- */

/* A filled rounded rectangle (a ring when it has widths), whatever its
 * place: cards, their shadows and borders and the port rings repeat by the
 * thousand. The second time one is drawn it becomes a form (a Form
 * XObject) and every use of it is a line of the content stream: the
 * content stream of 1,000 components is 1.9 MB instead of 3.1 MB. */
typedef struct
{
  float size[2];
  float corners[8];
  float widths[4];
} Shape;

static void
form_free (gpointer data)
{
  AlPdfForm *form = data;

  g_string_free (form->content, TRUE);
  g_free (form);
}

static guint
shape_hash (gconstpointer key)
{
  const guint32 *words = key;
  guint hash = 5381;

  for (guint i = 0; i < sizeof (Shape) / sizeof (guint32); i++)
    hash = hash * 33 + words[i];
  return hash;
}

static gboolean
shape_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (Shape)) == 0;
}

static void
put_shape_path (GString *out, const GskRoundedRect *outline, const float *widths)
{
  put_rounded_path (out, outline);
  if (widths != NULL)
    {
      GskRoundedRect inner = *outline;

      /* Outer outline and inner outline, filled even-odd: the ring. */
      gsk_rounded_rect_shrink (&inner, widths[0], widths[1], widths[2], widths[3]);
      put_rounded_path (out, &inner);
      AL_PDF_PUT (out, "f*\n");
    }
  else
    AL_PDF_PUT (out, "f\n");
}

/* Fills @outline, a ring of @widths when not %NULL, in the current colour. */
static void
fill_shape (Writer *w, const GskRoundedRect *outline, const float *widths)
{
  Shape key = { { outline->bounds.size.width, outline->bounds.size.height } };
  gpointer found;
  guint form;

  for (guint i = 0; i < 4; i++)
    {
      key.corners[2 * i] = outline->corner[i].width;
      key.corners[2 * i + 1] = outline->corner[i].height;
      key.widths[i] = widths != NULL ? widths[i] : 0;
    }
  if (!g_hash_table_lookup_extended (w->shapes, &key, NULL, &found))
    {
      g_hash_table_insert (w->shapes, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (0));
      put_shape_path (w->out, outline, widths);
      return;
    }
  form = GPOINTER_TO_UINT (found);
  if (form == 0)
    {
      /* At the origin: the form is placed with a translation. */
      GskRoundedRect placed = *outline;
      AlPdfForm *new_form = g_new (AlPdfForm, 1);

      placed.bounds.origin = GRAPHENE_POINT_INIT (0, 0);
      new_form->content = g_string_new (NULL);
      new_form->width = placed.bounds.size.width;
      new_form->height = placed.bounds.size.height;
      put_shape_path (new_form->content, &placed, widths);
      g_ptr_array_add (w->forms, new_form);
      form = w->forms->len;
      g_hash_table_insert (w->shapes, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (form));
    }
  AL_PDF_PUT (w->out, "q 1 0 0 1 ");
  al_pdf_put_point (w->out, outline->bounds.origin.x, outline->bounds.origin.y, "cm /S");
  al_pdf_put_fixed (w->out, form - 1, 0);
  AL_PDF_PUT (w->out, "Do Q\n");
}

/* ---- text --------------------------------------------------------------- */

void
al_pdf_put_hex4 (GString *out, guint value)
{
  static const char hex[] = "0123456789ABCDEF";
  char digits[4] = { hex[(value >> 12) & 15], hex[(value >> 8) & 15], hex[(value >> 4) & 15],
                     hex[value & 15] };

  al_pdf_put_len (out, digits, 4);
}

static void
put_integer (GString *out, int value)
{
  al_pdf_put_fixed (out, value, 0);
}

/* One text object: the glyphs at Pango's positions, each where the font's
 * own advance leaves the pen, moved by a TJ adjustment only where Pango's
 * advance differs. A glyph moved up or down starts a new TJ. */
static gboolean
write_text (Writer *w, GskRenderNode *node)
{
  PangoFont *font = gsk_text_node_get_font (node);
  const graphene_point_t *offset = gsk_text_node_get_offset (node);
  /* Not the count from gsk_text_node_get_glyphs(): it is declared pure. */
  guint n_glyphs = gsk_text_node_get_num_glyphs (node);
  const PangoGlyphInfo *glyphs = gsk_text_node_get_glyphs (node, NULL);
  GString *out = w->out;
  const AlPdfFontUse *use;
  gboolean begun = FALSE, open = FALSE, in_hex = FALSE;
  double pen = 0, per_unit;
  int x = 0, run_y = 0;
  guint code;

  if (gsk_text_node_has_color_glyphs (node))
    return FALSE;
  use = al_pdf_fonts_use (w->fonts, font);
  if (use == NULL)
    return FALSE;
  /* Thousandths of the size per Pango unit. */
  per_unit = 1000.0 / (use->size * PANGO_SCALE);

  for (guint i = 0; i < n_glyphs; i++)
    {
      const PangoGlyphInfo *glyph = &glyphs[i];
      int at = x + glyph->geometry.x_offset;
      double desired;
      int adjust;

      x += glyph->geometry.width;
      if (glyph->glyph == PANGO_GLYPH_EMPTY || (glyph->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        continue;
      if (glyph->glyph > 0xffff)
        return FALSE;
      if (!begun)
        {
          al_pdf_writer_set_color (w, gsk_text_node_get_color (node), FALSE);
          AL_PDF_PUT (out, "BT\n/F");
          al_pdf_put_fixed (out, use->font_index, 0);
          al_pdf_put_number (out, use->size);
          AL_PDF_PUT (out, "Tf\n");
          begun = TRUE;
        }
      if (!open || glyph->geometry.y_offset != run_y)
        {
          if (open)
            g_string_append (out, in_hex ? ">] TJ\n" : "] TJ\n");
          /* The text matrix flips y back. */
          AL_PDF_PUT (out, "1 0 0 -1 ");
          al_pdf_put_number (out, offset->x + (double) at / PANGO_SCALE);
          al_pdf_put_number (out, offset->y + (double) glyph->geometry.y_offset / PANGO_SCALE);
          AL_PDF_PUT (out, "Tm\n[");
          run_y = glyph->geometry.y_offset;
          pen = at * per_unit;
          open = TRUE;
          in_hex = FALSE;
        }
      desired = at * per_unit;
      adjust = (int) floor (pen - desired + 0.5);
      if (adjust != 0)
        {
          if (in_hex)
            AL_PDF_PUT (out, ">");
          put_integer (out, adjust);
          in_hex = FALSE;
          pen -= adjust;
        }
      if (!in_hex)
        AL_PDF_PUT (out, "<");
      in_hex = TRUE;
      pen += al_pdf_font_use_glyph (use->font, glyph->glyph, &code);
      al_pdf_put_hex4 (out, code);
    }
  if (open)
    g_string_append (out, in_hex ? ">] TJ\n" : "] TJ\n");
  if (begun)
    AL_PDF_PUT (out, "ET\n");
  return TRUE;
}

/* ---- edges: from the shapes the renderer drew --------------------------- */

static void
write_edges (Writer *w, const GArray *shapes)
{
  GString *out = w->out;

  for (guint i = 0; i < shapes->len; i++)
    {
      const AlRenderEdgeShape *shape = &g_array_index (shapes, AlRenderEdgeShape, i);
      const graphene_point_t *p = shape->stroke;

      al_pdf_writer_set_color (w, &shape->color, TRUE);
      /* Butt caps and round joins, as the renderer strokes them. */
      al_pdf_writer_set_line (w, shape->width, 0, 1);
      if (shape->dashed && w->state.dash != DASH_EDGE)
        {
          AL_PDF_PUT (out, "[");
          al_pdf_put_number (out, AL_RENDER_EDGE_DASH_ON);
          al_pdf_put_number (out, AL_RENDER_EDGE_DASH_OFF);
          AL_PDF_PUT (out, "] 0 d\n");
          w->state.dash = DASH_EDGE;
        }
      else if (!shape->dashed && w->state.dash != DASH_NONE)
        {
          AL_PDF_PUT (out, "[] 0 d\n");
          w->state.dash = DASH_NONE;
        }
      al_pdf_put_point (out, p[0].x, p[0].y, "m\n");
      if (shape->curve)
        {
          al_pdf_put_point (out, p[1].x, p[1].y, "");
          al_pdf_put_point (out, p[2].x, p[2].y, "");
          al_pdf_put_point (out, p[3].x, p[3].y, "c\n");
        }
      else
        al_pdf_put_point (out, p[3].x, p[3].y, "l\n");
      AL_PDF_PUT (out, "S\n");
      if (shape->arrow)
        {
          al_pdf_writer_set_color (w, &shape->color, FALSE);
          al_pdf_put_point (out, shape->head[0].x, shape->head[0].y, "m\n");
          al_pdf_put_point (out, shape->head[1].x, shape->head[1].y, "l\n");
          al_pdf_put_point (out, shape->head[2].x, shape->head[2].y, "l\n");
          AL_PDF_PUT (out, "h\nf\n");
        }
    }
}

/* ---- the tree ------------------------------------------------------------ */

static gboolean write_node (Writer *w, GskRenderNode *node);

/* A colour clipped to a (rounded) rectangle is how the renderer draws a
 * shape: filled as that shape, not as a clip and a fill. */
static gboolean
write_clipped_color (Writer *w, GskRenderNode *child, const graphene_rect_t *rect,
                     const GskRoundedRect *rounded)
{
  graphene_rect_t bounds;

  if (gsk_render_node_get_node_type (child) != GSK_COLOR_NODE)
    return FALSE;
  gsk_render_node_get_bounds (child, &bounds);
  if (rounded == NULL)
    {
      if (!graphene_rect_intersection (&bounds, rect, &bounds))
        return TRUE;
      al_pdf_writer_set_color (w, gsk_color_node_get_color (child), FALSE);
      put_rect (w->out, &bounds);
    }
  else if (graphene_rect_contains_rect (&bounds, &rounded->bounds))
    {
      al_pdf_writer_set_color (w, gsk_color_node_get_color (child), FALSE);
      fill_shape (w, rounded, NULL);
      return TRUE;
    }
  else
    return FALSE;
  AL_PDF_PUT (w->out, "f\n");
  return TRUE;
}

static gboolean
write_clipped (Writer *w, GskRenderNode *child, const graphene_rect_t *rect,
               const GskRoundedRect *rounded)
{
  gboolean known;

  if (write_clipped_color (w, child, rect, rounded))
    return TRUE;
  al_pdf_writer_push (w);
  if (rounded != NULL)
    put_rounded_path (w->out, rounded);
  else
    put_rect (w->out, rect);
  AL_PDF_PUT (w->out, "W n\n");
  known = write_node (w, child);
  al_pdf_writer_pop (w);
  return known;
}

static gboolean
write_border (Writer *w, GskRenderNode *node)
{
  const GskRoundedRect *outline = gsk_border_node_get_outline (node);
  const float *widths = gsk_border_node_get_widths (node);
  const GdkRGBA *colors = gsk_border_node_get_colors (node);

  /* Borders of one colour are what the renderer draws. */
  if (!gdk_rgba_equal (&colors[0], &colors[1]) || !gdk_rgba_equal (&colors[0], &colors[2])
      || !gdk_rgba_equal (&colors[0], &colors[3]))
    return FALSE;
  al_pdf_writer_set_color (w, &colors[0], FALSE);
  fill_shape (w, outline, widths);
  return TRUE;
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
        al_pdf_writer_push (w);
        /* Rotations and scales want more than two decimals. */
        al_pdf_put_fixed (w->out, xx, 3);
        al_pdf_put_fixed (w->out, yx, 3);
        al_pdf_put_fixed (w->out, xy, 3);
        al_pdf_put_fixed (w->out, yy, 3);
        al_pdf_put_point (w->out, dx, dy, "cm\n");
        known = write_node (w, gsk_transform_node_get_child (node));
        al_pdf_writer_pop (w);
        return known;
      }

    case GSK_CLIP_NODE:
      return write_clipped (w, gsk_clip_node_get_child (node), gsk_clip_node_get_clip (node), NULL);

    case GSK_ROUNDED_CLIP_NODE:
      return write_clipped (w, gsk_rounded_clip_node_get_child (node), NULL,
                            gsk_rounded_clip_node_get_clip (node));

    case GSK_OPACITY_NODE:
      {
        double opacity = w->opacity;
        gboolean known;

        w->opacity *= gsk_opacity_node_get_opacity (node);
        known = write_node (w, gsk_opacity_node_get_child (node));
        w->opacity = opacity;
        return known;
      }

    case GSK_DEBUG_NODE:
      return write_node (w, gsk_debug_node_get_child (node));

    case GSK_COLOR_NODE:
      {
        graphene_rect_t bounds;

        gsk_render_node_get_bounds (node, &bounds);
        al_pdf_writer_set_color (w, gsk_color_node_get_color (node), FALSE);
        put_rect (w->out, &bounds);
        AL_PDF_PUT (w->out, "f\n");
        return TRUE;
      }

    case GSK_BORDER_NODE:
      return write_border (w, node);

    case GSK_TEXT_NODE:
      return write_text (w, node);

    case GSK_CAIRO_NODE:
      {
        const GArray *shapes = al_render_edges_get_shapes (gsk_cairo_node_get_surface (node));

        if (shapes != NULL)
          {
            write_edges (w, shapes);
            return TRUE;
          }
#ifdef AL_HAVE_CAIRO_SCRIPT
        return al_pdf_writer_put_cairo_recording (w, node);
#else
        return FALSE;
#endif
      }

    default:
      return FALSE;
    }
}

gboolean
al_export_pdf_write (const AlExportPage *page, GString *pdf)
{
  Writer w = { 0 };
  gboolean known;

  g_return_val_if_fail (page != NULL && page->node != NULL, FALSE);
  g_return_val_if_fail (pdf != NULL, FALSE);

  w.out = g_string_sized_new (1 << 16);
  w.fonts = al_pdf_fonts_new ();
  w.alphas = g_array_new (FALSE, FALSE, sizeof (int));
  w.saved = g_array_new (FALSE, FALSE, sizeof (State));
  w.opacity = 1.0;
  w.shapes = g_hash_table_new_full (shape_hash, shape_equal, g_free, NULL);
  w.forms = g_ptr_array_new_with_free_func (form_free);
  state_init (&w.state);

  /* Page coordinates, y down, from here on. */
  AL_PDF_PUT (w.out, "1 0 0 -1 0 ");
  al_pdf_put_number (w.out, page->height);
  AL_PDF_PUT (w.out, "cm\n");
  known = write_node (&w, page->node);
  if (known)
    known = al_pdf_fonts_prepare (w.fonts);
  if (known)
    al_pdf_put_document (pdf, page, w.out, w.alphas, w.forms, w.fonts);

  g_string_free (w.out, TRUE);
  al_pdf_fonts_free (w.fonts);
  g_array_unref (w.alphas);
  g_array_unref (w.saved);
  g_hash_table_unref (w.shapes);
  g_ptr_array_unref (w.forms);
  return known;
}
