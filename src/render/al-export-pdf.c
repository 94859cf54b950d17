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

typedef struct
{
  GString    *out;            /* the content stream */
  AlPdfFonts *fonts;
  GArray     *alphas;         /* int, thousandths: ExtGState /a<index> */
  State       state;
  GArray     *saved;          /* State, at each q */
  double      opacity;        /* the product of the opacity nodes around */
  GArray     *opacities;      /* double: the opacity outside each opacity node */
  GHashTable *shapes;         /* Shape → form index + 1, 0 when seen once */
  GPtrArray  *forms;          /* AlPdfForm */
} Writer;

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

static void
writer_push (Writer *w)
{
  g_array_append_val (w->saved, w->state);
  AL_PDF_PUT (w->out, "q\n");
}

/* Also the walk's pop of transforms and clips, and the end of a cairo
 * node's recording. */
static void
writer_pop (gpointer writer)
{
  Writer *w = writer;

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
static void
set_color (Writer *w, const GdkRGBA *color, gboolean stroke)
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

static void
set_line (Writer *w, double width, int cap, int join)
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

/* @n_dash: 0 for none. */
static void
set_dash (Writer *w, const double *dash, guint n_dash, double offset)
{
  if (n_dash > 0)
    {
      AL_PDF_PUT (w->out, "[");
      for (guint i = 0; i < n_dash; i++)
        al_pdf_put_number (w->out, dash[i]);
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
  AlExportCorner corners[4];
  double x, y;

  al_export_rounded_corners (rect, corners);
  x = corners[3].x1;
  y = corners[3].y1;
  al_pdf_put_point (out, x, y, "m\n");
  for (guint i = 0; i < 4; i++)
    {
      const AlExportCorner *k = &corners[i];

      put_corner (out, x, y, k->x0, k->y0, k->cx, k->cy, k->x1, k->y1);
      x = k->x1;
      y = k->y1;
    }
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
write_text (gpointer writer, const AlExportText *text)
{
  Writer *w = writer;
  const graphene_point_t *offset = text->offset;
  GString *out = w->out;
  const AlPdfFontUse *use;
  gboolean begun = FALSE, open = FALSE, in_hex = FALSE;
  double pen = 0, per_unit;
  int x = 0, run_y = 0;
  guint code;

  if (text->has_color_glyphs)
    return FALSE;
  use = al_pdf_fonts_use (w->fonts, text->font);
  if (use == NULL)
    return FALSE;
  /* Thousandths of the size per Pango unit. */
  per_unit = 1000.0 / (use->size * PANGO_SCALE);

  for (guint i = 0; i < text->n_glyphs; i++)
    {
      const PangoGlyphInfo *glyph = &text->glyphs[i];
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
          set_color (w, text->color, FALSE);
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
write_edges (gpointer writer, const GArray *shapes)
{
  Writer *w = writer;
  GString *out = w->out;

  for (guint i = 0; i < shapes->len; i++)
    {
      const AlRenderEdgeShape *shape = &g_array_index (shapes, AlRenderEdgeShape, i);
      const graphene_point_t *p = shape->stroke;

      set_color (w, &shape->color, TRUE);
      /* Butt caps and round joins, as the renderer strokes them. */
      set_line (w, shape->width, 0, 1);
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
          set_color (w, &shape->color, FALSE);
          al_pdf_put_point (out, shape->head[0].x, shape->head[0].y, "m\n");
          al_pdf_put_point (out, shape->head[1].x, shape->head[1].y, "l\n");
          al_pdf_put_point (out, shape->head[2].x, shape->head[2].y, "l\n");
          AL_PDF_PUT (out, "h\nf\n");
        }
    }
}

/* ---- cairo nodes: from their recording ----------------------------------- */

/* Each number has its space after it. */
static const AlExportPathSyntax pdf_path_syntax = {
  { "", "", "", "" },
  { "m\n", "l\n", "c\n", "h\n" },
  al_pdf_put_number,
  "",
};

static void
script_begin (gpointer writer, double x, double y)
{
  Writer *w = writer;

  writer_push (w);
  AL_PDF_PUT (w->out, "1 0 0 1 ");
  al_pdf_put_point (w->out, x, y, "cm\n");
}

/* The colour and line settings first: PDF sets none inside a path. */
static void
script_shape (gpointer writer, const AlExportScriptShape *shape)
{
  Writer *w = writer;
  GString *out = w->out;

  set_color (w, &shape->color, shape->stroke);
  if (shape->stroke)
    {
      /* Cairo's numbers for caps and joins are PDF's. */
      set_line (w, shape->line_width, shape->cap, shape->join);
      set_dash (w, shape->dash, shape->n_dash, shape->dash_offset);
    }
  al_export_put_path (out, shape->path, &pdf_path_syntax);
  if (shape->stroke)
    AL_PDF_PUT (out, "S\n");
  else if (shape->even_odd)
    AL_PDF_PUT (out, "f*\n");
  else
    AL_PDF_PUT (out, "f\n");
}

/* ---- the tree ------------------------------------------------------------ */

static void
push_transform (gpointer writer, const float m[6])
{
  Writer *w = writer;

  writer_push (w);
  /* Rotations and scales want more than two decimals. */
  for (guint i = 0; i < 4; i++)
    al_pdf_put_fixed (w->out, m[i], 3);
  al_pdf_put_point (w->out, m[4], m[5], "cm\n");
}

static void
push_clip (gpointer writer, const graphene_rect_t *rect, const GskRoundedRect *rounded)
{
  Writer *w = writer;

  writer_push (w);
  if (rounded != NULL)
    put_rounded_path (w->out, rounded);
  else
    put_rect (w->out, rect);
  AL_PDF_PUT (w->out, "W n\n");
}

/* No transparency group: the colours' alphas are multiplied instead (see
 * set_color()). */
static void
push_opacity (gpointer writer, float opacity)
{
  Writer *w = writer;

  g_array_append_val (w->opacities, w->opacity);
  w->opacity *= opacity;
}

static void
pop_opacity (gpointer writer)
{
  Writer *w = writer;

  w->opacity = g_array_index (w->opacities, double, w->opacities->len - 1);
  g_array_set_size (w->opacities, w->opacities->len - 1);
}

static void
fill_rect (gpointer writer, const graphene_rect_t *rect, const GdkRGBA *color)
{
  Writer *w = writer;

  set_color (w, color, FALSE);
  put_rect (w->out, rect);
  AL_PDF_PUT (w->out, "f\n");
}

static void
fill_rounded (gpointer writer, const GskRoundedRect *rect, const GdkRGBA *color)
{
  Writer *w = writer;

  set_color (w, color, FALSE);
  fill_shape (w, rect, NULL);
}

static gboolean
write_border (gpointer writer, const GskRoundedRect *outline, const float widths[4],
              const GdkRGBA colors[4])
{
  Writer *w = writer;

  /* Borders of one colour are what the renderer draws. */
  if (!gdk_rgba_equal (&colors[0], &colors[1]) || !gdk_rgba_equal (&colors[0], &colors[2])
      || !gdk_rgba_equal (&colors[0], &colors[3]))
    return FALSE;
  set_color (w, &colors[0], FALSE);
  fill_shape (w, outline, widths);
  return TRUE;
}

static const AlExportWalkClass pdf_walk = {
  .push_transform = push_transform,
  .pop_transform = writer_pop,
  .push_clip = push_clip,
  .pop_clip = writer_pop,
  .push_opacity = push_opacity,
  .pop_opacity = pop_opacity,
  .fill_rect = fill_rect,
  .fill_rounded = fill_rounded,
  .border = write_border,
  .text = write_text,
  .edges = write_edges,
  .script = { script_begin, script_shape, writer_pop },
};

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
  w.opacities = g_array_new (FALSE, FALSE, sizeof (double));
  w.shapes = g_hash_table_new_full (shape_hash, shape_equal, g_free, NULL);
  w.forms = g_ptr_array_new_with_free_func (form_free);
  state_init (&w.state);

  /* Page coordinates, y down, from here on. */
  AL_PDF_PUT (w.out, "1 0 0 -1 0 ");
  al_pdf_put_number (w.out, page->height);
  AL_PDF_PUT (w.out, "cm\n");
  known = al_export_walk (&pdf_walk, &w, page->node);
  if (known)
    known = al_pdf_fonts_prepare (w.fonts);
  if (known)
    al_pdf_put_document (pdf, page, w.out, w.alphas, w.forms, w.fonts);

  g_string_free (w.out, TRUE);
  al_pdf_fonts_free (w.fonts);
  g_array_unref (w.alphas);
  g_array_unref (w.saved);
  g_array_unref (w.opacities);
  g_hash_table_unref (w.shapes);
  g_ptr_array_unref (w.forms);
  return known;
}
