/* test-export: topology images (PNG, SVG, PDF) of documents, as a user
 * opens them, and documents read back from them; no display needed */
#include <cairo.h>
#include <gtk/gtk.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "al-document-io.h"
#include "al-export-dialog.h"
#include "al-export.h"
#include "al-export-private.h"
#include "al-settings.h"
#include "al-test-util.h"

/* Set when the dialog test opened the display: GTK's font map then holds
 * fontconfig's caches. */
static gboolean gtk_started;

#ifdef __SANITIZE_ADDRESS__
/* Cairo 1.16 keeps a little of its PDF backend; fontconfig its caches. */
const char *__lsan_default_suppressions (void);
const char *
__lsan_default_suppressions (void)
{
  return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
#endif

static const char *const templates[] = {
  "core-business-migration.archlane",
  "data-analytics-hybrid.archlane",
  "front-back-separation.archlane",
  "sample-shop.archlane",
};

static AlDocument *
load_template (const char *name)
{
  g_autofree char *path = al_test_template_path (name);
  g_autoptr (GError) error = NULL;
  AlDocument *document = al_document_load_from_path (path, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static GDateTime *
fixed_date (void)
{
  return g_date_time_new_utc (2026, 11, 25, 12, 0, 0);
}

static void
export_or_die (AlDocument *document, AlExportOptions *options, const char *path)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (al_export_format_from_path (path, &options->format, NULL));
  g_assert_true (al_export_document (document, options, path, &error));
  g_assert_no_error (error);
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* ---- comparing pictures ------------------------------------------------ */

static guint8 *
pixel (cairo_surface_t *surface, int x, int y)
{
  return cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x;
}

/* At least @min_share of the pixels differ by at most @tolerance in each
 * channel: font hinting and antialiasing may move a few. */
static double
share_of_close_pixels (cairo_surface_t *a, cairo_surface_t *b, int tolerance)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint64 close = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixel (a, x, y), *q = pixel (b, x, y);
        gboolean same = TRUE;

        for (int c = 0; c < 4; c++)
          if (ABS ((int) p[c] - (int) q[c]) > tolerance)
            same = FALSE;
        close += same;
      }
  return (double) close / ((double) width * height);
}

/* The mean of one channel over a block of 8 × 8 pixels: antialiasing,
 * hinting and glyph positions differ a little between renderers, shapes do
 * not. */
#define BLOCK 8
static int
block_mean (cairo_surface_t *surface, int bx, int by, int c)
{
  int sum = 0;

  for (int y = by * BLOCK; y < by * BLOCK + BLOCK; y++)
    for (int x = bx * BLOCK; x < bx * BLOCK + BLOCK; x++)
      sum += pixel (surface, x, y)[c];
  return sum / (BLOCK * BLOCK);
}

/* Of the blocks of @a that are not the background (its top-left block),
 * the share that @b has within @tolerance. */
static double
share_of_close_ink (cairo_surface_t *a, cairo_surface_t *b, int tolerance)
{
  int width = cairo_image_surface_get_width (a) / BLOCK;
  int height = cairo_image_surface_get_height (a) / BLOCK;
  guint64 ink = 0, close = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        gboolean is_ink = FALSE, same = TRUE;

        for (int c = 0; c < 4; c++)
          {
            int p = block_mean (a, x, y, c);

            if (ABS (p - block_mean (a, 0, 0, c)) > tolerance)
              is_ink = TRUE;
            if (ABS (p - block_mean (b, x, y, c)) > tolerance)
              same = FALSE;
          }
        ink += is_ink;
        close += is_ink && same;
      }
  return ink > 0 ? (double) close / (double) ink : 1.0;
}

/* The vector image, drawn by another program, looks like the PNG export of
 * the same document: edges, arrowheads and text at their places. */
static void
assert_looks_like (cairo_surface_t *actual, const char *png, const char *what, double min_ink)
{
  cairo_surface_t *expected = cairo_image_surface_create_from_png (png);
  double share;

  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (actual), ==,
                   cairo_image_surface_get_width (expected));
  g_assert_cmpint (cairo_image_surface_get_height (actual), ==,
                   cairo_image_surface_get_height (expected));
  share = share_of_close_pixels (expected, actual, 48);
  if (share < 0.97)
    g_error ("%s: only %.1f %% of the pixels match the PNG export", what, share * 100);
  /* The background is most of a picture: the drawing itself must match too. */
  share = share_of_close_ink (expected, actual, 24);
  g_test_message ("%s: %.1f %% of the drawn pixels match the PNG export", what, share * 100);
  if (share < min_ink)
    g_error ("%s: only %.1f %% of the drawn pixels match the PNG export", what, share * 100);
  cairo_surface_destroy (expected);
}

/* The surface of an image file that gdk-pixbuf reads (librsvg for SVG). */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  gdk_cairo_set_source_pixbuf (cr, pixbuf, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

/* ---- PNG chunks -------------------------------------------------------- */

typedef struct
{
  guint32 width, height;
  guint32 ppm_x, ppm_y;
  guint8  unit;
  gboolean has_phys;
  gboolean phys_before_idat;
  gboolean has_document;
} PngInfo;

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
read_png_info (const char *path, PngInfo *info)
{
  g_autofree char *data = NULL;
  gsize length, offset = 8;
  gboolean seen_idat = FALSE;

  memset (info, 0, sizeof *info);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  while (offset + 12 <= length)
    {
      const guint8 *chunk = (const guint8 *) data + offset;
      guint32 size = be32 (chunk);

      if (memcmp (chunk + 4, "IHDR", 4) == 0)
        {
          info->width = be32 (chunk + 8);
          info->height = be32 (chunk + 12);
        }
      else if (memcmp (chunk + 4, "pHYs", 4) == 0)
        {
          info->has_phys = TRUE;
          info->phys_before_idat = !seen_idat;
          info->ppm_x = be32 (chunk + 8);
          info->ppm_y = be32 (chunk + 12);
          info->unit = chunk[16];
        }
      else if (memcmp (chunk + 4, "IDAT", 4) == 0)
        seen_idat = TRUE;
      else if (memcmp (chunk + 4, "iTXt", 4) == 0 && memcmp (chunk + 8, "archlane\0", 9) == 0)
        info->has_document = TRUE;
      offset += 12 + (gsize) size;
    }
  g_assert_cmpuint (offset, ==, length);
}

/* ---- each template in each format -------------------------------------- */

static void
assert_round_trip (AlDocument *document, const char *image)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) loaded = al_export_load_document (image, &error);
  g_autoptr (GBytes) expected = NULL;
  g_autoptr (GBytes) actual = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  expected = al_document_save_to_bytes (document);
  actual = al_document_save_to_bytes (loaded);
  g_assert_true (g_bytes_equal (expected, actual));
}

static void
test_png_scale_and_dpi (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr (AlDocument) document = load_template (templates[t]);
      g_autofree char *path1 = g_build_filename (dir, "one.png", NULL);
      g_autofree char *path3 = g_build_filename (dir, "three.png", NULL);
      g_autoptr (GDateTime) date = fixed_date ();
      AlExportOptions options;
      PngInfo one, three;

      al_export_options_init (&options);
      options.date = date;
      export_or_die (document, &options, path1);
      options.scale = 3;
      options.dpi = 300;
      export_or_die (document, &options, path3);
      read_png_info (path1, &one);
      read_png_info (path3, &three);

      /* The picture holds the lanes: at least a lane band wide. */
      g_assert_cmpuint (one.width, >=, 960);
      g_assert_cmpuint (one.height, >=, 168);
      /* Three times the pixels, the same picture. */
      g_assert_cmpuint (three.width, ==, 3 * one.width);
      g_assert_cmpuint (three.height, ==, 3 * one.height);
      /* 96 DPI by default = 3780 pixels per metre; 300 DPI = 11811. */
      g_assert_true (one.has_phys && one.phys_before_idat);
      g_assert_cmpuint (one.ppm_x, ==, 3780);
      g_assert_cmpuint (one.ppm_y, ==, 3780);
      g_assert_cmpuint (one.unit, ==, 1);
      g_assert_cmpuint (three.ppm_x, ==, 11811);
      g_assert_cmpuint (three.ppm_y, ==, 11811);
      g_assert_true (three.has_document);

      assert_round_trip (document, path1);
      assert_round_trip (document, path3);
    }
  al_test_rmtree (dir);
}

/* Strict XML: GMarkup refuses what is not well formed. */
static void
assert_well_formed (const char *text)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) error = NULL;
  const char *start = text;

  /* GMarkup does not take the XML declaration's encoding pseudo-attributes
   * as an element, but it does accept the <?xml … ?> processing instruction. */
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (context, start, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

/* A picture large enough that its cards are written in two parts: every
 * name is there once, in order, and each clip path is defined once and
 * used where it is defined. */
static void
test_svg_large (void)
{
  const guint n = 400;
  g_autoptr (GString) json = g_string_new (
    "{\"format\": \"archlane\", \"version\": 1,"
    " \"application\": {\"name\": \"large\", \"namespace\": \"large\"},"
    " \"lanes\": [{\"id\": \"x86\", \"arch\": \"amd64\"}, {\"id\": \"arm\", \"arch\": \"arm64\"}],"
    " \"components\": [");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlDocument) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) defined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "large.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr (GBytes) saved = NULL;
  g_autoptr (GBytes) saved_again = NULL;
  AlExportOptions options;
  const char *p, *last = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"c%u\", \"name\": \"service-%u\", \"lane\": \"%s\","
                            " \"image\": \"registry.example.com/shop/service-%u:1.%u\","
                            " \"ports\": [{\"port\": %u, \"protocol\": \"http\"}],"
                            " \"position\": {\"x\": %u, \"y\": %u}}",
                            i > 0 ? ", " : "", i, i, i % 2 ? "arm" : "x86", i, i, 8000 + i,
                            40 + (i / 2 % 20) * 240, 40 + (i / 40) * 160);
  g_string_append (json, "], \"dependencies\": []}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  document = al_document_load_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);

  al_export_options_init (&options);
  options.format = AL_EXPORT_FORMAT_SVG;
  export_or_die (document, &options, path);
  svg = read_text (path);
  assert_well_formed (svg);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf (">service-%u</text>", i);
      const char *at = strstr (svg, name);

      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, name));
    }
  for (p = strstr (svg, "<clipPath id=\""); p != NULL; p = strstr (p + 1, "<clipPath id=\""))
    {
      const char *start = p + strlen ("<clipPath id=\"");
      g_autofree char *id = g_strndup (start, strchr (start, '"') - start);
      g_autofree char *use = g_strdup_printf ("clip-path=\"url(#%s)\"", id);

      g_assert_false (g_hash_table_contains (defined, id));
      /* Used right after its definition, not before. */
      g_assert_nonnull (strstr (start, use));
      g_assert_true (last == NULL || last < p);
      last = p;
      g_hash_table_add (defined, g_steal_pointer (&id));
    }
  g_assert_cmpuint (g_hash_table_size (defined), >=, n);

  again = al_export_load_document (path, &error);
  g_assert_no_error (error);
  saved = al_document_save_to_bytes (document);
  saved_again = al_document_save_to_bytes (again);
  g_assert_true (g_bytes_equal (saved, saved_again));
  al_test_rmtree (dir);
}

static void
test_svg_is_vector_xml (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  gboolean compared = FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr (AlDocument) document = load_template (templates[t]);
      g_autofree char *path = g_build_filename (dir, "picture.svg", NULL);
      g_autofree char *svg = NULL;
      AlExportOptions options;

      al_export_options_init (&options);
      export_or_die (document, &options, path);
      svg = read_text (path);
      assert_well_formed (svg);
      g_assert_null (strstr (svg, "<image"));
      g_assert_nonnull (strstr (svg, "<path"));
      /* Text is text: the names can be searched and copied. */
      g_assert_nonnull (strstr (svg, "<text"));
      {
        g_autoptr (AlComponent) first
            = g_list_model_get_item (al_document_get_components (document), 0);
        g_autofree char *element = g_strdup_printf (">%s</text>", al_component_get_name (first));

        g_assert_nonnull (strstr (svg, element));
      }
      g_assert_nonnull (strstr (svg, "<metadata><archlane:document"));
      if (xmllint != NULL)
        {
          const char *argv[] = { xmllint, "--noout", path, NULL };
          g_autofree char *err = NULL;
          int status = -1;

          g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                       NULL, NULL, &err, &status, NULL));
          g_assert_cmpstr (err, ==, "");
          g_assert_true (g_spawn_check_wait_status (status, NULL));
        }
      assert_round_trip (document, path);

      /* As librsvg draws it, when gdk-pixbuf has its SVG loader. */
      {
        g_autofree char *png = g_build_filename (dir, "picture.png", NULL);
        g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, NULL);

        if (pixbuf != NULL)
          {
            cairo_surface_t *drawn = surface_from_pixbuf (pixbuf);

            export_or_die (document, &options, png);
            assert_looks_like (drawn, png, templates[t], 0.97);
            cairo_surface_destroy (drawn);
            compared = TRUE;
          }
      }
    }
  if (!compared)
    g_test_message ("gdk-pixbuf reads no SVG here: the SVG was not compared with the PNG");
  al_test_rmtree (dir);
}

/* Text without white space: pdftotext may break a line or space glyphs
 * differently than they were laid out. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static char *
pdf_text (const char *pdftotext, const char *path)
{
  const char *argv[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return squeeze (out);
}

/* Poppler's picture of the PDF at 72 DPI (1 pt = 1 px) looks like the PNG. */
static void
assert_pdf_looks_like_png (AlDocument *document, const char *dir, const char *pdf,
                           const char *what)
{
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *png = g_build_filename (dir, "picture.png", NULL);
  g_autofree char *prefix = g_build_filename (dir, "poppler", NULL);
  g_autofree char *drawn_path = g_build_filename (dir, "poppler.png", NULL);
  const char *argv[] = { pdftoppm, "-r", "72", "-png", "-singlefile", pdf, prefix, NULL };
  cairo_surface_t *drawn;
  AlExportOptions options;
  int status = -1;

  if (pdftoppm == NULL)
    return;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  al_export_options_init (&options);
  export_or_die (document, &options, png);
  drawn = cairo_image_surface_create_from_png (drawn_path);
  assert_looks_like (drawn, png, what, 0.97);
  cairo_surface_destroy (drawn);
}

static void
test_pdf_text_is_real_text (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = al_test_make_tmpdir ();
  gboolean seen_chinese = FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr (AlDocument) document = load_template (templates[t]);
      g_autofree char *path = g_build_filename (dir, "picture.pdf", NULL);
      g_autofree char *pdf = NULL;
      g_autofree char *text = NULL;
      GListModel *components = al_document_get_components (document);
      AlExportOptions options;
      gsize length;

      al_export_options_init (&options);
      export_or_die (document, &options, path);
      g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
      g_assert_cmpmem (pdf, 5, "%PDF-", 5);
      /* Vector: no image XObject in the file. */
      g_assert_null (g_strstr_len (pdf, length, "/Subtype /Image"));

      if (pdftotext == NULL)
        continue;
      assert_pdf_looks_like_png (document, dir, path, templates[t]);
      text = pdf_text (pdftotext, path);
      for (guint i = 0; i < g_list_model_get_n_items (components); i++)
        {
          g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
          const char *display_name = al_component_get_display_name (component);
          g_autofree char *name = squeeze (al_component_get_name (component));

          if (strstr (text, name) == NULL)
            g_error ("%s: “%s” is not in the PDF's text:\n%s", templates[t], name, text);
          if (display_name != NULL && *display_name != '\0')
            {
              g_autofree char *shown = squeeze (display_name);

              if (strstr (text, shown) == NULL)
                g_error ("%s: “%s” is not in the PDF's text:\n%s", templates[t], shown, text);
              for (const char *p = display_name; *p; p = g_utf8_next_char (p))
                if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
                  seen_chinese = TRUE;
            }
        }
      /* The application's name from the title block. */
      {
        g_autofree char *title = squeeze (al_document_get_display_name (document));

        g_assert_nonnull (strstr (text, title));
      }
    }
  /* The templates hold Chinese display names: they were searched above. */
  g_assert_true (seen_chinese);
  if (pdftotext == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed: PDF text not checked");
  al_test_rmtree (dir);
}

/* Runs the poppler tool @argv; its standard output, and its standard error
 * in @err. */
static char *
run_poppler (const char *const *argv, char **err)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Every object the cross-reference table names starts at the byte it
 * says: viewers rebuild a broken table silently, so poppler alone would
 * not tell. */
static void
assert_xref_exact (const char *pdf, gsize length)
{
  const char *start = g_strstr_len (pdf + length - MIN (length, 64), -1, "startxref\n");
  const char *p;
  char *end;
  guint64 xref, count;

  g_assert_nonnull (start);
  xref = g_ascii_strtoull (start + strlen ("startxref\n"), NULL, 10);
  g_assert_cmpuint (xref, <, length);
  g_assert_true (g_str_has_prefix (pdf + xref, "xref\n0 "));
  count = g_ascii_strtoull (pdf + xref + strlen ("xref\n0 "), &end, 10);
  g_assert_cmpuint (count, >, 5);
  p = end + 1;
  /* Entries of exactly 20 bytes; object 0 heads the free list. */
  g_assert_true (g_str_has_prefix (p, "0000000000 65535 f \n"));
  for (guint64 i = 1; i < count; i++)
    {
      g_autofree char *object = g_strdup_printf ("%" G_GUINT64_FORMAT " 0 obj\n", i);
      guint64 offset;

      p += 20;
      g_assert_cmpint (p[17], ==, 'n');
      g_assert_cmpint (p[19], ==, '\n');
      offset = g_ascii_strtoull (p, NULL, 10);
      g_assert_cmpuint (offset, <, length);
      g_assert_true (g_str_has_prefix (pdf + offset, object));
    }
  g_assert_true (g_str_has_prefix (p + 20, "trailer\n"));
}

/* Our own writer wrote the PDFs (cairo's names itself as the producer),
 * and they are sound: exact offsets, fonts embedded as subsets with their
 * characters, the title in the document information, nothing poppler
 * warns about. */
static void
test_pdf_own_writer (void)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *dir = al_test_make_tmpdir ();

  if (pdfinfo == NULL || pdffonts == NULL || pdftoppm == NULL)
    {
      g_test_skip ("poppler-utils is not installed");
      al_test_rmtree (dir);
      return;
    }
  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr (AlDocument) document = load_template (templates[t]);
      g_autofree char *path = g_build_filename (dir, "picture.pdf", NULL);
      g_autofree char *prefix = g_build_filename (dir, "poppler", NULL);
      g_autofree char *pdf = NULL;
      g_autofree char *info = NULL, *info_err = NULL;
      g_autofree char *fonts = NULL, *fonts_err = NULL;
      g_autofree char *drawn = NULL, *drawn_err = NULL;
      g_auto (GStrv) lines = NULL;
      AlExportOptions options;
      guint n_fonts = 0;
      gsize length;

      al_export_options_init (&options);
      export_or_die (document, &options, path);
      g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
      g_assert_cmpmem (pdf, 9, "%PDF-1.7\n", 9);
      g_assert_null (g_strstr_len (pdf, (gssize) length, "cairo"));
      assert_xref_exact (pdf, length);

      {
        const char *argv[] = { pdfinfo, path, NULL };

        info = run_poppler (argv, &info_err);
      }
      g_assert_cmpstr (info_err, ==, "");
      g_assert_nonnull (strstr (info, al_document_get_display_name (document)));
      g_assert_nonnull (strstr (info, "Creator:         Archlane"));
      g_assert_nonnull (strstr (info, "Pages:           1"));

      {
        const char *argv[] = { pdftoppm, "-r", "36", "-png", "-singlefile", path, prefix, NULL };

        drawn = run_poppler (argv, &drawn_err);
      }
      g_assert_cmpstr (drawn_err, ==, "");

      {
        const char *argv[] = { pdffonts, path, NULL };

        fonts = run_poppler (argv, &fonts_err);
      }
      g_assert_cmpstr (fonts_err, ==, "");
      /* name type… encoding emb sub uni object generation */
      lines = g_strsplit (fonts, "\n", -1);
      for (guint i = 2; lines[i] != NULL; i++)
        {
          g_auto (GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
          g_autoptr (GPtrArray) words = g_ptr_array_new ();

          for (guint k = 0; fields[k] != NULL; k++)
            if (*fields[k] != '\0')
              g_ptr_array_add (words, fields[k]);
          if (words->len == 0)
            continue;
          g_assert_cmpuint (words->len, >=, 7);
          if (g_strcmp0 (g_ptr_array_index (words, words->len - 5), "yes") != 0
              || g_strcmp0 (g_ptr_array_index (words, words->len - 4), "yes") != 0
              || g_strcmp0 (g_ptr_array_index (words, words->len - 3), "yes") != 0)
            g_error ("%s: a font is not embedded as a subset with a ToUnicode map:\n%s",
                     templates[t], fonts);
          /* A subset's name: six capitals and a plus sign. */
          g_assert_cmpint (((const char *) g_ptr_array_index (words, 0))[6], ==, '+');
          n_fonts++;
        }
      g_assert_cmpuint (n_fonts, >, 0);
    }
  al_test_rmtree (dir);
}

/* A picture holding what our writer does not know (a gradient) is left
 * to cairo; one it knows is written. */
static void
test_pdf_own_writer_refuses (void)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 100, 50);
  const GskColorStop stops[] = {
    { 0.0f, { 1, 0, 0, 1 } },
    { 1.0f, { 0, 0, 1, 1 } },
  };
  AlExportPage page = { NULL, 100, 50, (char *) "Fallback", NULL };
  g_autoptr (GString) pdf = g_string_new (NULL);
  GskRenderNode *color, *gradient, *container;

  /* Without a display GSK registers its node types on the first call. */
  g_type_ensure (GSK_TYPE_CONTAINER_NODE);
  color = gsk_color_node_new (&(GdkRGBA) { 0.2f, 0.4f, 0.6f, 0.5f }, &bounds);
  gradient = gsk_linear_gradient_node_new (&bounds, &GRAPHENE_POINT_INIT (0, 0),
                                           &GRAPHENE_POINT_INIT (100, 0), stops,
                                           G_N_ELEMENTS (stops));
  container = gsk_container_node_new ((GskRenderNode *[]) { color, gradient }, 2);

  page.node = container;
  g_assert_false (al_export_pdf_write (&page, pdf));
  g_string_truncate (pdf, 0);

  page.node = color;
  g_assert_true (al_export_pdf_write (&page, pdf));
  g_assert_true (g_str_has_prefix (pdf->str, "%PDF-1.7\n"));
  /* Half-transparent: one ExtGState with that alpha. */
  g_assert_nonnull (strstr (pdf->str, "/ca 0.5 /CA 0.5 "));
  assert_xref_exact (pdf->str, pdf->len);

  gsk_render_node_unref (container);
  gsk_render_node_unref (color);
  gsk_render_node_unref (gradient);
}

/* Text in a TrueType face (DejaVu Sans; the theme's Noto Sans CJK is
 * CFF) is embedded as a TrueType subset, beside the CJK face the Chinese
 * falls back to, and reads back as its characters. */
static void
test_pdf_truetype_text (void)
{
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "text.pdf", NULL);
  g_autofree char *fonts = NULL, *fonts_err = NULL, *text = NULL;
  g_autoptr (GString) pdf = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  PangoContext *context;
  PangoLayout *layout;
  PangoFontDescription *description, *used;
  PangoFont *font;
  GtkSnapshot *snapshot;
  AlExportPage page = { NULL, 600, 60, (char *) "Text", NULL };
  g_autofree char *family = NULL;

  if (pdffonts == NULL || pdftotext == NULL)
    {
      g_test_skip ("poppler-utils is not installed");
      al_test_rmtree (dir);
      return;
    }
  g_type_ensure (GSK_TYPE_CONTAINER_NODE);
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  layout = pango_layout_new (context);
  description = pango_font_description_from_string ("DejaVu Sans 14");
  pango_layout_set_font_description (layout, description);
  /* "office": DejaVu shapes "ffi" to one glyph, which its cmap also maps
   * to U+FB03; a reader searches for the letters. */
  pango_layout_set_text (layout, "Archlane: x86_64 → arm64, 支付服务, office", -1);
  font = pango_context_load_font (context, description);
  used = pango_font_describe (font);
  family = g_strdup (pango_font_description_get_family (used));
  pango_font_description_free (used);
  pango_font_description_free (description);
  g_object_unref (font);

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (10, 10));
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0, 0, 0, 1 });
  page.node = gtk_snapshot_free_to_node (snapshot);
  g_assert_true (al_export_pdf_write (&page, pdf));
  gsk_render_node_unref (page.node);
  g_object_unref (layout);
  g_object_unref (context);
  g_assert_true (al_export_write_file (path, pdf->str, pdf->len, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { pdffonts, path, NULL };

    fonts = run_poppler (argv, &fonts_err);
  }
  g_assert_cmpstr (fonts_err, ==, "");
  g_assert_nonnull (strstr (fonts, "yes yes yes"));
  if (g_strcmp0 (family, "DejaVu Sans") == 0)
    g_assert_nonnull (strstr (fonts, "CID TrueType"));
  else
    g_test_message ("DejaVu Sans is not installed (%s instead): TrueType not checked", family);
  text = pdf_text (pdftotext, path);
  g_assert_nonnull (strstr (text, "Archlane:x86_64→arm64,支付服务,office"));
  al_test_rmtree (dir);
}

/* ---- how the picture looks --------------------------------------------- */

static void
test_background (void)
{
  g_autoptr (AlDocument) document = load_template ("front-back-separation.archlane");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "picture.png", NULL);
  AlExportOptions options;
  cairo_surface_t *surface;
  guint8 *corner;

  al_export_options_init (&options);
  export_or_die (document, &options, path);
  surface = cairo_image_surface_create_from_png (path);
  corner = pixel (surface, 2, 2);
  /* Opaque and light (ARGB32 little-endian: B G R A). */
  g_assert_cmpuint (corner[3], ==, 255);
  g_assert_cmpuint (corner[2], >, 200);
  cairo_surface_destroy (surface);

  options.dark = TRUE;
  export_or_die (document, &options, path);
  surface = cairo_image_surface_create_from_png (path);
  corner = pixel (surface, 2, 2);
  g_assert_cmpuint (corner[3], ==, 255);
  g_assert_cmpuint (corner[2], <, 80);
  cairo_surface_destroy (surface);

  options.transparent = TRUE;
  export_or_die (document, &options, path);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpuint (pixel (surface, 2, 2)[3], ==, 0);
  cairo_surface_destroy (surface);
  al_test_rmtree (dir);
}

/* The legend and the title block take room; without them the picture is
 * the scene and its margins. */
static void
test_legend_and_title_take_room (void)
{
  g_autoptr (AlDocument) document = load_template ("sample-shop.archlane");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *full = g_build_filename (dir, "full.png", NULL);
  g_autofree char *bare = g_build_filename (dir, "bare.png", NULL);
  AlExportOptions options;
  PngInfo with, without;

  al_export_options_init (&options);
  export_or_die (document, &options, full);
  options.legend = FALSE;
  options.title_block = FALSE;
  export_or_die (document, &options, bare);
  read_png_info (full, &with);
  read_png_info (bare, &without);
  g_assert_cmpuint (with.height, >, without.height + 100);
  g_assert_cmpuint (with.width, >=, without.width);
  al_test_rmtree (dir);
}

static void
test_golden_image (void)
{
  g_autoptr (AlDocument) document = load_template ("front-back-separation.archlane");
  g_autofree char *golden = al_test_data_path ("golden-export/front-back-separation.png");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "picture.png", NULL);
  g_autoptr (GDateTime) date = fixed_date ();
  cairo_surface_t *expected, *actual;
  AlExportOptions options;
  double share;

  al_export_options_init (&options);
  options.date = date;
  export_or_die (document, &options, path);
  if (g_getenv ("ARCHLANE_UPDATE_GOLDEN") != NULL)
    {
      g_autofree char *data = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_true (g_file_set_contents (golden, data, length, NULL));
    }
  expected = cairo_image_surface_create_from_png (golden);
  actual = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (actual), ==,
                   cairo_image_surface_get_width (expected));
  g_assert_cmpint (cairo_image_surface_get_height (actual), ==,
                   cairo_image_surface_get_height (expected));
  share = share_of_close_pixels (expected, actual, 32);
  if (share < 0.98)
    g_error ("only %.1f %% of the pixels match %s (98 %% needed); the picture is in %s",
             share * 100, golden, path);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (actual);
  al_test_rmtree (dir);
}

/* Fonts loaded ahead on a thread (as the command line does while it reads
 * the document) draw exactly what fonts loaded on demand draw, Chinese
 * names included. */
static gpointer
export_with_fonts (gpointer data)
{
  const char *const *paths = data;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (GDateTime) date = fixed_date ();
  AlExportFonts *fonts = NULL;
  AlExportOptions options;

  if (g_strcmp0 (paths[0], "ahead") == 0)
    fonts = al_export_fonts_prepare ();
  document = load_template ("front-back-separation.archlane");
  al_export_fonts_finish (fonts);
  al_export_options_init (&options);
  options.date = date;
  for (guint i = 1; paths[i] != NULL; i++)
    export_or_die (document, &options, paths[i]);
  return NULL;
}

static void
test_fonts_ahead (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  const char *extensions[] = { "svg", "pdf", "png" };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *name = g_strdup_printf ("on-demand.%s", extensions[i]);
      g_autofree char *ahead_name = g_strdup_printf ("ahead.%s", extensions[i]);
      g_autofree char *on_demand = g_build_filename (dir, name, NULL);
      g_autofree char *ahead = g_build_filename (dir, ahead_name, NULL);
      const char *first[] = { "on-demand", on_demand, NULL };
      const char *second[] = { "ahead", ahead, NULL };
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;
      gsize expected_length, actual_length;

      /* Each on a thread of its own: the default font map is per thread. */
      g_thread_join (g_thread_new ("on-demand", export_with_fonts, first));
      g_thread_join (g_thread_new ("ahead", export_with_fonts, second));
      g_assert_true (g_file_get_contents (on_demand, &expected, &expected_length, NULL));
      g_assert_true (g_file_get_contents (ahead, &actual, &actual_length, NULL));
      g_assert_cmpmem (actual, actual_length, expected, expected_length);
    }
  al_test_rmtree (dir);
}

/* An export replaces the file in one step: the new picture, with the
 * usual permissions, and nothing else left in the folder. */
static void
test_replaces_file (void)
{
  g_autoptr (AlDocument) document = load_template ("sample-shop.archlane");
  g_autoptr (GDateTime) date = fixed_date ();
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.svg", NULL);
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autoptr (GDir) listing = NULL;
  AlExportOptions options;
  GStatBuf info;
  mode_t mask;

  al_export_options_init (&options);
  options.date = date;
  export_or_die (document, &options, path);
  light = read_text (path);
  g_assert_true (g_file_set_contents (path, "an older picture", -1, NULL));
  options.dark = TRUE;
  mask = umask (022);
  export_or_die (document, &options, path);
  umask (mask);
  dark = read_text (path);
  g_assert_true (g_str_has_prefix (dark, "<?xml"));
  g_assert_cmpstr (dark, !=, light);
  g_assert_cmpuint (strlen (dark), >, 10000);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0644);

  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "shop.svg");
  g_assert_null (g_dir_read_name (listing));
  al_test_rmtree (dir);
}

/* ---- scope: the selection ---------------------------------------------- */

static void
test_selection (void)
{
  g_autoptr (AlDocument) document = load_template ("sample-shop.archlane");
  g_autoptr (GHashTable) selection = g_hash_table_new (NULL, NULL);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "part.svg", NULL);
  g_autofree char *whole = g_build_filename (dir, "whole.png", NULL);
  g_autofree char *part = g_build_filename (dir, "part.png", NULL);
  g_autoptr (AlDocument) loaded = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *dependencies = al_document_get_dependencies (document);
  g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, 0);
  AlComponent *from = al_document_lookup_component (document, al_dependency_get_from (dependency));
  AlComponent *to = al_document_lookup_component (document, al_dependency_get_to (dependency));
  AlExportOptions options;
  PngInfo whole_info, part_info;

  al_export_options_init (&options);
  options.selection = selection;
  options.format = AL_EXPORT_FORMAT_SVG;
  /* Nothing selected: a sentence, no file. */
  g_assert_false (al_export_document (document, &options, path, &error));
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_EMPTY_SELECTION);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_hash_table_add (selection, from);
  g_hash_table_add (selection, to);
  g_assert_true (al_export_document (document, &options, path, &error));
  g_assert_no_error (error);
  loaded = al_export_load_document (path, &error);
  g_assert_no_error (error);
  /* The image holds what it shows: the two and the dependency between them. */
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_components (loaded)), ==, 2);
  g_assert_nonnull (al_document_lookup_component (loaded, al_component_get_id (from)));
  g_assert_nonnull (al_document_lookup_component (loaded, al_component_get_id (to)));
  g_assert_nonnull (al_document_lookup_dependency (loaded, al_dependency_get_id (dependency)));
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_lanes (loaded)), <=, 2);
  /* The original is untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_components (document)), >, 2);

  /* A smaller picture than the whole document. */
  options.format = AL_EXPORT_FORMAT_PNG;
  options.legend = options.title_block = FALSE;
  export_or_die (document, &options, part);
  options.selection = NULL;
  export_or_die (document, &options, whole);
  read_png_info (whole, &whole_info);
  read_png_info (part, &part_info);
  g_assert_cmpuint ((guint64) part_info.width * part_info.height, <,
                    (guint64) whole_info.width * whole_info.height);
  al_test_rmtree (dir);
}

/* ---- errors ------------------------------------------------------------ */

static void
assert_export_fails (AlDocument *document, const char *path, int code,
                     const char *fragment)
{
  g_autoptr (GError) error = NULL;
  AlExportOptions options;

  al_export_options_init (&options);
  al_export_format_from_path (path, &options.format, NULL);
  g_assert_false (al_export_document (document, &options, path, &error));
  g_assert_error (error, AL_EXPORT_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not name “%s”", error->message, fragment);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_bad_paths (void)
{
  g_autoptr (AlDocument) document = load_template ("front-back-separation.archlane");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *jpeg = g_build_filename (dir, "picture.jpg", NULL);
  g_autofree char *bare = g_build_filename (dir, "picture", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "picture.png", NULL);
  g_autofree char *file = g_build_filename (dir, "file.txt", NULL);
  g_autofree char *under_file = g_build_filename (file, "picture.svg", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *in_locked = g_build_filename (locked, "picture.pdf", NULL);
  g_autoptr (GError) error = NULL;
  AlExportFormat format;

  g_assert_false (al_export_format_from_path (jpeg, &format, &error));
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, ".jpg"));
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_clear_error (&error);
  g_assert_false (al_export_format_from_path (bare, &format, &error));
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);
  g_assert_true (al_export_format_from_path ("/x/Picture.SVG", &format, NULL));
  g_assert_cmpint (format, ==, AL_EXPORT_FORMAT_SVG);

  assert_export_fails (document, jpeg, AL_EXPORT_ERROR_UNKNOWN_FORMAT, jpeg);
  assert_export_fails (document, missing, AL_EXPORT_ERROR_WRITE, "does not exist");
  g_assert_true (g_file_set_contents (file, "text", -1, NULL));
  assert_export_fails (document, under_file, AL_EXPORT_ERROR_WRITE, file);
  assert_export_fails (document, dir, AL_EXPORT_ERROR_WRITE, dir);

  /* Root writes anywhere: the check needs an ordinary user. */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (geteuid () != 0)
    assert_export_fails (document, in_locked, AL_EXPORT_ERROR_WRITE, "permission");
  g_chmod (locked, 0700);
  al_test_rmtree (dir);
}

static void
test_bad_options (void)
{
  g_autoptr (AlDocument) document = load_template ("front-back-separation.archlane");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "picture.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlComponent) far = NULL;
  AlExportOptions options;

  al_export_options_init (&options);
  options.scale = 5;
  g_assert_false (al_export_document (document, &options, path, &error));
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  options.scale = 1;
  options.format = AL_EXPORT_FORMAT_SVG;
  g_assert_false (al_export_document (document, &options, path, &error));
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  /* A card far to the right: 4 × the width is more than a PNG can have. */
  far = g_list_model_get_item (al_document_get_components (document), 0);
  al_component_set_position (far, &GRAPHENE_POINT_INIT (12000, 40));
  options.format = AL_EXPORT_FORMAT_PNG;
  options.scale = 4;
  g_assert_false (al_export_document (document, &options, path, &error));
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "SVG"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  /* The same as a vector image is fine. */
  path[strlen (path) - 3] = '\0';
  {
    g_autofree char *svg = g_strconcat (path, "svg", NULL);

    options.format = AL_EXPORT_FORMAT_SVG;
    g_assert_true (al_export_document (document, &options, svg, &error));
    g_assert_no_error (error);
  }
  al_test_rmtree (dir);
}

static void
test_images_without_document (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "plain.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "plain.svg", NULL);
  g_autofree char *xml = g_build_filename (dir, "notes.xml", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.svg", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;

  cairo_surface_write_to_png (surface, png);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_set_contents (
    svg, "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", -1, NULL));
  g_assert_true (g_file_set_contents (xml, "<notes/>\n", -1, NULL));
  g_assert_true (g_file_set_contents (
    damaged,
    "<svg><metadata><archlane:document xmlns:archlane=\"https://archlane.github.io/ns/1\">"
    "{&quot;format&quot;: &quot;archlane&quot;</archlane:document></metadata></svg>",
    -1, NULL));

  document = al_export_load_document (png, &error);
  g_assert_null (document);
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT);
  g_assert_true (g_str_has_prefix (error->message, png));
  g_assert_nonnull (strstr (error->message, "no Archlane document"));
  g_clear_error (&error);

  document = al_export_load_document (svg, &error);
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT);
  g_assert_true (g_str_has_prefix (error->message, svg));
  g_clear_error (&error);

  document = al_export_load_document (xml, &error);
  g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT);
  g_assert_true (g_str_has_prefix (error->message, xml));
  g_clear_error (&error);

  /* A broken embedded document: the reader's message, with the file. */
  document = al_export_load_document (damaged, &error);
  g_assert_null (document);
  g_assert_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, damaged));
  g_clear_error (&error);

  /* A PDF shows the document but does not carry it. */
  {
    g_autoptr (AlDocument) shown = load_template ("front-back-separation.archlane");
    g_autofree char *pdf = g_build_filename (dir, "picture.pdf", NULL);
    AlExportOptions options;

    al_export_options_init (&options);
    export_or_die (shown, &options, pdf);
    document = al_export_load_document (pdf, &error);
    g_assert_null (document);
    g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT);
    g_assert_true (g_str_has_prefix (error->message, pdf));
    g_assert_nonnull (strstr (error->message, "PDF"));
    g_clear_error (&error);
  }

  /* A missing file: the document reader's words. */
  document = al_export_load_document ("/no/such/file.png", &error);
  g_assert_error (error, AL_DOCUMENT_ERROR, AL_DOCUMENT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/no/such/file.png"));
  al_test_rmtree (dir);
}

/* ---- archlane-cli ------------------------------------------------------ */

static int
run_cli (const char *const *argv, char **out, char **err)
{
  return al_test_run_cli (argv, out, err);
}

static void
test_cli_export (void)
{
  g_autofree char *source = al_test_template_path ("sample-shop.archlane");
  g_autofree char *dir = al_test_make_tmpdir ();
  const char *const extensions[] = { "png", "svg", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *name = g_strdup_printf ("shop.%s", extensions[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      const char *argv[] = { "export", source, "-o", path, "--theme", "dark", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (argv, &out, &err), ==, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, path));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  /* --scale and --dpi reach the file. */
  {
    g_autofree char *path = g_build_filename (dir, "big.png", NULL);
    g_autofree char *small = g_build_filename (dir, "shop.png", NULL);
    const char *argv[] = { "export", source, "-o", path, "--scale", "2", "--dpi", "192",
                           "--transparent", "--no-legend", NULL };
    const char *argv_small[] = { "export", source, "-o", small, "--no-legend", NULL };
    PngInfo big_info, small_info;

    g_assert_cmpint (run_cli (argv, NULL, NULL), ==, 0);
    g_assert_cmpint (run_cli (argv_small, NULL, NULL), ==, 0);
    read_png_info (path, &big_info);
    read_png_info (small, &small_info);
    g_assert_cmpuint (big_info.width, ==, 2 * small_info.width);
    g_assert_cmpuint (big_info.ppm_x, ==, 7559);
  }
  al_test_rmtree (dir);
}

/* The commands that read documents read exported images too, and say the
 * same about them. */
static void
test_cli_reads_images (void)
{
  g_autofree char *source = al_test_template_path ("front-back-separation.archlane");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "picture.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "picture.svg", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.png", NULL);
  g_autofree char *manifests = g_build_filename (dir, "manifests", NULL);
  g_autofree char *expected_out = NULL;
  g_autofree char *expected_err = NULL;
  const char *validate_source[] = { "validate", source, NULL };
  int expected_status;
  cairo_surface_t *surface;

  {
    const char *to_png[] = { "export", source, "-o", png, NULL };
    const char *to_svg[] = { "export", source, "-o", svg, NULL };

    g_assert_cmpint (run_cli (to_png, NULL, NULL), ==, 0);
    g_assert_cmpint (run_cli (to_svg, NULL, NULL), ==, 0);
  }
  expected_status = run_cli (validate_source, &expected_out, &expected_err);
  for (guint i = 0; i < 2; i++)
    {
      const char *argv[] = { "validate", i == 0 ? png : svg, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (argv, &out, &err), ==, expected_status);
      g_assert_cmpstr (out, ==, expected_out);
      g_assert_cmpstr (err, ==, expected_err);
    }
  {
    const char *argv[] = { "compile", png, "-o", manifests, NULL };
    const char *env_argv[] = { "env", svg, "web", NULL };
    g_autofree char *out = NULL;

    g_assert_cmpint (run_cli (argv, NULL, NULL), ==, 0);
    g_assert_true (g_file_test (manifests, G_FILE_TEST_IS_DIR));
    g_assert_cmpint (run_cli (env_argv, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "API_"));
  }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  cairo_surface_write_to_png (surface, plain);
  cairo_surface_destroy (surface);
  {
    const char *argv[] = { "validate", plain, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (argv, NULL, &err), ==, 2);
    g_assert_true (g_str_has_prefix (err, plain));
    g_assert_nonnull (strstr (err, "no Archlane document"));
  }
  al_test_rmtree (dir);
}

static void
assert_cli_error (const char *const *argv, const char *fragment)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (argv, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, fragment) == NULL)
    g_error ("“%s” does not say “%s”", err, fragment);
  g_assert_true (g_str_has_prefix (err, "archlane-cli: ") || strstr (err, ": ") != NULL);
}

static void
test_cli_errors (void)
{
  g_autofree char *source = al_test_template_path ("front-back-separation.archlane");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "picture.png", NULL);
  g_autofree char *jpeg = g_build_filename (dir, "picture.jpg", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "picture.png", NULL);
  g_autofree char *file = g_build_filename (dir, "file.txt", NULL);
  g_autofree char *under_file = g_build_filename (file, "picture.png", NULL);
  g_autofree char *no_such = g_build_filename (dir, "no-such.archlane", NULL);

  g_assert_true (g_file_set_contents (file, "text", -1, NULL));
  {
    const char *argv[] = { "export", source, "-o", jpeg, NULL };
    assert_cli_error (argv, ".jpg");
  }
  {
    const char *argv[] = { "export", source, "-o", missing, NULL };
    assert_cli_error (argv, "does not exist");
  }
  {
    const char *argv[] = { "export", source, "-o", under_file, NULL };
    assert_cli_error (argv, file);
  }
  {
    const char *argv[] = { "export", source, "-o", good, "--scale", "8", NULL };
    assert_cli_error (argv, "--scale");
  }
  {
    const char *argv[] = { "export", source, "-o", good, "--dpi", "many", NULL };
    assert_cli_error (argv, "--dpi");
  }
  {
    const char *argv[] = { "export", source, "-o", good, "--theme", "pink", NULL };
    assert_cli_error (argv, "pink");
  }
  {
    const char *argv[] = { "export", source, NULL };
    assert_cli_error (argv, "-o");
  }
  {
    const char *argv[] = { "export", no_such, "-o", good, NULL };
    assert_cli_error (argv, no_such);
  }
  g_assert_false (g_file_test (good, G_FILE_TEST_EXISTS));
  al_test_rmtree (dir);
}

/* The legend and messages read in Chinese for Chinese-reading users. */
static void
test_cli_chinese (void)
{
  g_autofree char *source = al_test_template_path ("front-back-separation.archlane");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "picture.pdf", NULL);
  const char *cli = g_getenv ("ARCHLANE_CLI");
  const char *argv[] = { cli, "export", source, "-o", pdf, NULL };
  g_auto (GStrv) envp = g_get_environ ();
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;

  if (!g_file_test ("/usr/lib/locale/zh_CN.utf8", G_FILE_TEST_IS_DIR)
      && !g_file_test ("/usr/lib/locale/locale-archive", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      al_test_rmtree (dir);
      return;
    }
  envp = g_environ_setenv (envp, "LC_ALL", "zh_CN.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "已写入"));
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      al_test_rmtree (dir);
      return;
    }
  text = pdf_text (pdftotext, pdf);
  g_assert_nonnull (strstr (text, "图例"));
  g_assert_nonnull (strstr (text, "跨架构依赖"));
  g_assert_nonnull (strstr (text, "前后端分离"));
  al_test_rmtree (dir);
}


/* ---- the export dialog --------------------------------------------------- */

/* The dialog starts from the last choices, names the file after the
 * application, adds the extension a typed name lacks, and remembers what
 * was exported. The file chooser itself is the platform's. */
static void
test_dialog (void)
{
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlEditor) editor = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *written = NULL;
  g_autofree char *folder_uri = NULL;
  g_autofree char *remembered_folder = NULL;
  g_autofree char *remembered_format = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) pdf = NULL;
  g_autoptr (GError) error = NULL;
  GSettings *settings;
  AlExportDialog *dialog;
  GtkWidget *window;
  AlExportOptions options;
  g_autoptr (AlComponent) first = NULL;

#ifdef __SANITIZE_ADDRESS__
  /* What GTK allocates for itself and keeps until exit is not ours. */
  __lsan_disable ();
#endif
  if (!gtk_init_check ())
    {
      g_test_skip ("no display: the export dialog is not tested");
#ifdef __SANITIZE_ADDRESS__
      __lsan_enable ();
#endif
      return;
    }
  gtk_started = TRUE;
  adw_init ();
  settings = al_settings_get_default ();
  g_settings_set_string (settings, "export-format", "svg");
  g_settings_set_string (settings, "export-theme", "dark");
  g_settings_set_string (settings, "export-scope", "selection");
  g_settings_set_boolean (settings, "export-legend", FALSE);
  g_settings_set_boolean (settings, "export-transparent", TRUE);
  g_settings_set_double (settings, "export-scale", 3.0);
  g_settings_set_int (settings, "export-dpi", 288);

  document = load_template ("sample-shop.archlane");
  editor = al_editor_new (document);
  window = gtk_window_new ();
  dialog = al_export_dialog_new (GTK_WINDOW (window), editor);
  g_object_ref_sink (dialog);

  al_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.format, ==, AL_EXPORT_FORMAT_SVG);
  g_assert_true (options.dark);
  g_assert_false (options.legend);
  g_assert_true (options.title_block);
  g_assert_true (options.transparent);
  g_assert_cmpfloat (options.scale, ==, 3.0);
  g_assert_cmpint (options.dpi, ==, 288);
  /* Nothing is selected: the whole document, whatever was remembered. */
  g_assert_null (options.selection);

  name = al_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (name, ==, "sample-shop.svg");

  /* A name without extension gets the format's. */
  dir = al_test_make_tmpdir ();
  typed = g_build_filename (dir, "shop", NULL);
  written = g_build_filename (dir, "shop.svg", NULL);
  file = g_file_new_for_path (typed);
  g_assert_true (al_export_dialog_export_to_file (dialog, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  folder_uri = g_filename_to_uri (dir, NULL, NULL);
  remembered_folder = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (remembered_folder, ==, folder_uri);

  /* A name with an extension picks the format, and it is remembered. */
  {
    g_autofree char *pdf_path = g_build_filename (dir, "shop.pdf", NULL);

    pdf = g_file_new_for_path (pdf_path);
    g_assert_true (al_export_dialog_export_to_file (dialog, pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
    remembered_format = g_settings_get_string (settings, "export-format");
    g_assert_cmpstr (remembered_format, ==, "pdf");
  }

  /* With a selected component, the remembered scope applies. */
  first = g_list_model_get_item (al_document_get_components (document), 0);
  al_editor_select (editor, first, AL_SELECT_REPLACE);
  g_settings_set_string (settings, "export-scope", "selection");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  dialog = al_export_dialog_new (GTK_WINDOW (window), editor);
  g_object_ref_sink (dialog);
  al_export_dialog_get_options (dialog, &options);
  g_assert_nonnull (options.selection);
  g_assert_true (g_hash_table_contains (options.selection, first));

  /* A folder that does not exist: an error that names it, no file. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing", "shop.png", NULL);
    g_autoptr (GFile) bad = g_file_new_for_path (missing);

    g_assert_false (al_export_dialog_export_to_file (dialog, bad, &error));
    g_assert_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "does not exist"));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  al_test_rmtree (dir);
#ifdef __SANITIZE_ADDRESS__
  __lsan_enable ();
#endif
}

int
main (int argc, char **argv)
{
  g_autofree char *suppressions = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* For archlane-cli run by the tests in a sanitizer build. */
  suppressions = g_test_build_filename (G_TEST_DIST, "data", "export-lsan.supp", NULL);
  if (g_getenv ("LSAN_OPTIONS") == NULL)
    {
      g_autofree char *options = g_strdup_printf ("suppressions=%s", suppressions);

      g_setenv ("LSAN_OPTIONS", options, TRUE);
    }

  g_test_add_func ("/export/png/scale-and-dpi", test_png_scale_and_dpi);
  g_test_add_func ("/export/svg/vector-xml", test_svg_is_vector_xml);
  g_test_add_func ("/export/pdf/real-text", test_pdf_text_is_real_text);
  g_test_add_func ("/export/pdf/own-writer", test_pdf_own_writer);
  g_test_add_func ("/export/pdf/own-writer-refuses", test_pdf_own_writer_refuses);
  g_test_add_func ("/export/pdf/truetype-text", test_pdf_truetype_text);
  g_test_add_func ("/export/svg/large", test_svg_large);
  g_test_add_func ("/export/fonts-ahead", test_fonts_ahead);
  g_test_add_func ("/export/replaces-file", test_replaces_file);
  g_test_add_func ("/export/background", test_background);
  g_test_add_func ("/export/legend-and-title", test_legend_and_title_take_room);
  g_test_add_func ("/export/golden", test_golden_image);
  g_test_add_func ("/export/selection", test_selection);
  g_test_add_func ("/export/errors/paths", test_bad_paths);
  g_test_add_func ("/export/errors/options", test_bad_options);
  g_test_add_func ("/export/load/without-document", test_images_without_document);
  g_test_add_func ("/export/cli/formats", test_cli_export);
  g_test_add_func ("/export/cli/reads-images", test_cli_reads_images);
  g_test_add_func ("/export/cli/errors", test_cli_errors);
  g_test_add_func ("/export/cli/chinese", test_cli_chinese);
  g_test_add_func ("/export/dialog", test_dialog);
  status = g_test_run ();
  if (!gtk_started)
    al_export_release_fonts ();
  return status;
}
