/* al-export.c: writing the picture of a document as PNG, SVG or PDF */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <sys/uio.h>
#include <unistd.h>

#include "al-document-io.h"
#include "al-export-private.h"

G_DEFINE_QUARK (al-export-error-quark, al_export_error)

void
al_export_options_init (AlExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = AL_EXPORT_FORMAT_PNG;
  options->scale = 1.0;
  options->dpi = 0;
  options->legend = TRUE;
  options->title_block = TRUE;
}

const char *
al_export_format_get_extension (AlExportFormat format)
{
  switch (format)
    {
    case AL_EXPORT_FORMAT_PNG:
      return "png";
    case AL_EXPORT_FORMAT_SVG:
      return "svg";
    case AL_EXPORT_FORMAT_PDF:
      return "pdf";
    default:
      g_return_val_if_reached ("png");
    }
}

gboolean
al_export_format_from_path (const char *path, AlExportFormat *format, GError **error)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    {
      for (AlExportFormat f = AL_EXPORT_FORMAT_PNG; f <= AL_EXPORT_FORMAT_PDF; f++)
        if (g_ascii_strcasecmp (dot + 1, al_export_format_get_extension (f)) == 0)
          {
            *format = f;
            return TRUE;
          }
    }
  if (dot == NULL || dot == base)
    g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_UNKNOWN_FORMAT,
                 _("Cannot export to “%s”: the name has no extension; end it with .png, .svg "
                   "or .pdf"),
                 path);
  else
    g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_UNKNOWN_FORMAT,
                 _("Cannot export to “%s”: “%s” is not an image format Archlane writes; use "
                   ".png, .svg or .pdf"),
                 path, dot);
  return FALSE;
}

/* Refuses early, before any drawing, what cannot be written: a folder that
 * is missing, is not a folder or cannot be written to. */
static gboolean
check_output_path (const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  GStatBuf info;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                   _("Cannot export to “%s”: it is a folder"), path);
      return FALSE;
    }
  if (g_stat (folder, &info) != 0)
    {
      int saved = errno;

      if (saved == ENOTDIR)
        g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                     _("Cannot export to “%s”: part of the folder “%s” is a file, not a folder"),
                     path, folder);
      else if (saved == ENOENT)
        g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                     _("Cannot export to “%s”: the folder “%s” does not exist"), path, folder);
      else
        g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                     _("Cannot export to “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISDIR (info.st_mode))
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                   _("Cannot export to “%s”: “%s” is a file, not a folder"), path, folder);
      return FALSE;
    }
  if (access (folder, W_OK | X_OK) != 0)
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                   _("Cannot export to “%s”: you do not have permission to write in the folder "
                     "“%s”"),
                   path, folder);
      return FALSE;
    }
  return TRUE;
}

static void
set_write_error (const char *path, int saved_errno, GError **error)
{
  if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
    g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                 _("Cannot export to “%s”: you do not have permission to write this file"), path);
  else if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                 _("Cannot export to “%s”: the disk is full"), path);
  else
    g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE, _("Cannot export to “%s”: %s"),
                 path, g_strerror (saved_errno));
}

/* Writes all of @pieces to @fd; FALSE with errno set when it cannot. */
static gboolean
write_all (int fd, const AlExportPiece *pieces, guint n_pieces)
{
  struct iovec vectors[8];
  guint first = 0;

  g_return_val_if_fail (n_pieces <= G_N_ELEMENTS (vectors), FALSE);
  for (guint i = 0; i < n_pieces; i++)
    {
      vectors[i].iov_base = (void *) pieces[i].data;
      vectors[i].iov_len = pieces[i].length;
    }
  while (first < n_pieces)
    {
      ssize_t written;

      if (vectors[first].iov_len == 0)
        {
          first++;
          continue;
        }
      written = writev (fd, vectors + first, (int) (n_pieces - first));
      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      for (; first < n_pieces && (gsize) written >= vectors[first].iov_len; first++)
        written -= (ssize_t) vectors[first].iov_len;
      if (first < n_pieces)
        {
          vectors[first].iov_base = (char *) vectors[first].iov_base + written;
          vectors[first].iov_len -= (gsize) written;
        }
    }
  return TRUE;
}

/* A new file beside @path, renamed over it once complete: a reader never
 * sees half an image, and a failed export leaves the old one. An image is
 * made again from its document, so it is not synced to the disk first. */
gboolean
al_export_write_pieces (const char *path, const AlExportPiece *pieces, guint n_pieces,
                        GError **error)
{
  g_autofree char *temporary = g_strdup_printf ("%s.XXXXXX", path);
  int fd, saved_errno;

  /* 0666 less the umask, as open() makes a new file. */
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_write_error (path, errno, error);
      return FALSE;
    }
  if (!write_all (fd, pieces, n_pieces))
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temporary);
      set_write_error (path, saved_errno, error);
      return FALSE;
    }
  if (close (fd) != 0 || g_rename (temporary, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temporary);
      set_write_error (path, saved_errno, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
al_export_write_file (const char *path, const void *data, gsize length, GError **error)
{
  AlExportPiece piece = { data, length };

  return al_export_write_pieces (path, &piece, 1, error);
}

static cairo_status_t
append_to_string (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t status, const char *path, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  if (status == CAIRO_STATUS_NO_MEMORY)
    g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_TOO_LARGE,
                 _("Cannot export to “%s”: there is not enough memory for an image this large"),
                 path);
  else
    g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE, _("Cannot export to “%s”: %s"),
                 path, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
draw_page (cairo_surface_t *surface, const AlExportPage *page, double scale,
           AlExportDrawFlags flags, const char *path, GError **error)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_scale (cr, scale, scale);
  if (flags != 0)
    al_export_draw_node (page->node, cr, flags);
  else
    gsk_render_node_draw (page->node, cr);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  return check_cairo (status, path, error);
}

static gboolean
export_png (const AlExportPage *page, const AlExportOptions *options, const char *path,
            GError **error)
{
  double width = ceil (page->width * options->scale);
  double height = ceil (page->height * options->scale);
  cairo_surface_t *surface;
  g_autoptr (GBytes) document = NULL;
  g_autoptr (GBytes) png = NULL;
  gboolean drawn;

  if (width > AL_EXPORT_MAX_PIXELS || height > AL_EXPORT_MAX_PIXELS)
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_TOO_LARGE,
                   _("Cannot export to “%s”: the image would be %.0f × %.0f pixels, more than the "
                     "%d pixels a side a PNG can have here; choose a smaller scale, or SVG or PDF"),
                   path, width, height, AL_EXPORT_MAX_PIXELS);
      return FALSE;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  if (!check_cairo (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  drawn = draw_page (surface, page, options->scale, 0, path, error);
  if (drawn)
    {
      document = al_document_save_to_bytes (page->drawn);
      png = al_export_png_encode (surface, options->dpi > 0 ? options->dpi : 96, document, error);
    }
  cairo_surface_destroy (surface);
  if (png == NULL)
    return FALSE;
  return al_export_write_file (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), error);
}

/* The document saved and escaped for an SVG's <metadata>, on a thread of
 * its own from before the page is built (both only read the document),
 * or when the picture is written for a document built then (a
 * selection's). */
typedef struct
{
  AlDocument *document;
  GThread    *thread;
  GString    *metadata;
} SvgMetadata;

static gpointer
put_svg_metadata (gpointer data)
{
  SvgMetadata *m = data;
  g_autoptr (GBytes) saved = al_document_save_to_bytes (m->document);

  m->metadata = g_string_sized_new (g_bytes_get_size (saved) + 256);
  al_export_svg_put_metadata (m->metadata, saved);
  return NULL;
}

static void
svg_metadata_start (SvgMetadata *m, AlDocument *document)
{
  m->document = document;
  m->thread = g_thread_try_new ("archlane-svg-metadata", put_svg_metadata, m, NULL);
}

static GString *
svg_metadata_finish (SvgMetadata *m, AlDocument *drawn)
{
  if (m->thread != NULL)
    g_thread_join (g_steal_pointer (&m->thread));
  if (m->metadata == NULL)
    {
      m->document = drawn;
      put_svg_metadata (m);
    }
  return m->metadata;
}

static void
svg_metadata_clear (SvgMetadata *m)
{
  if (m->thread != NULL)
    g_thread_join (g_steal_pointer (&m->thread));
  if (m->metadata != NULL)
    g_string_free (g_steal_pointer (&m->metadata), TRUE);
}

static gboolean
export_svg (const AlExportPage *page, SvgMetadata *metadata, const char *path, GError **error)
{
  /* Room for the picture and the document (some 2.5 and 1.7 kB a card),
   * so the text is not copied to grow; pages never written cost nothing. */
  g_autoptr (GString) svg = g_string_sized_new (
    1024 * 1024 + 6144 * (gsize) g_list_model_get_n_items (al_document_get_components (page->drawn)));
  AlExportSvgText text;
  GString *head;
  cairo_surface_t *surface;
  gboolean drawn;
  const char *root, *end;

  /* Our own SVG, small and quick to write; cairo's when the picture holds
   * something ours does not know. */
  text.text = svg;
  drawn = al_export_svg_write (page, &text);
  head = svg_metadata_finish (metadata, page->drawn);
  if (drawn)
    {
      const AlExportPiece pieces[] = {
        { svg->str, text.metadata_at },
        { head->str, head->len },
        { svg->str + text.metadata_at, text.part_at - text.metadata_at },
        { text.part != NULL ? text.part->str : "", text.part != NULL ? text.part->len : 0 },
        { svg->str + text.part_at, svg->len - text.part_at },
      };
      gboolean written = al_export_write_pieces (path, pieces, G_N_ELEMENTS (pieces), error);

      if (text.part != NULL)
        g_string_free (text.part, TRUE);
      return written;
    }
  g_string_truncate (svg, 0);

  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, page->width, page->height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  drawn = draw_page (surface, page, 1.0, AL_EXPORT_DRAW_REPLAY_CAIRO, path, error);
  cairo_surface_finish (surface);
  drawn = drawn && check_cairo (cairo_surface_status (surface), path, error);
  cairo_surface_destroy (surface);
  if (!drawn)
    return FALSE;
  /* After the root element's start tag. */
  root = strstr (svg->str, "<svg");
  end = root != NULL ? strchr (root, '>') : NULL;
  if (end == NULL)
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                   _("Cannot export to “%s”: the SVG could not be made"), path);
      return FALSE;
    }
  {
    /* The title and the document, as in our own SVG. */
    g_autoptr (GString) full = g_string_new ("\n");

    al_export_svg_put_title (full, page->title);
    g_string_append_len (full, head->str, (gssize) head->len);
    g_string_insert_len (svg, end + 1 - svg->str, full->str, (gssize) full->len);
  }
  return al_export_write_file (path, svg->str, svg->len, error);
}

static gboolean
export_pdf (const AlExportPage *page, const char *path, GError **error)
{
  g_autoptr (GString) pdf = g_string_new (NULL);
  cairo_surface_t *surface;
  gboolean drawn;

  /* Our own PDF, quick to write; cairo's when the picture holds something
   * ours does not know. */
  if (al_export_pdf_write (page, pdf))
    return al_export_write_file (path, pdf->str, pdf->len, error);
  g_string_truncate (pdf, 0);

  surface = cairo_pdf_surface_create_for_stream (append_to_string, pdf, page->width, page->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, page->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Archlane");
  drawn = draw_page (surface, page, 1.0, AL_EXPORT_DRAW_TEXT, path, error);
  cairo_surface_finish (surface);
  drawn = drawn && check_cairo (cairo_surface_status (surface), path, error);
  cairo_surface_destroy (surface);
  if (!drawn)
    return FALSE;
  return al_export_write_file (path, pdf->str, pdf->len, error);
}

/* Pictures whose process ends soon (AlExportOptions.leave_to_exit). */
static GPtrArray *left_to_exit;

static void
leave_to_exit (AlExportPage *page)
{
  if (left_to_exit == NULL)
    left_to_exit = g_ptr_array_new ();
  g_ptr_array_add (left_to_exit, g_memdup2 (page, sizeof *page));
  memset (page, 0, sizeof *page);
}

gboolean
al_export_document (AlDocument *document, const AlExportOptions *options, const char *path,
                    GError **error)
{
  AlExportFormat format;
  AlExportPage page;
  SvgMetadata metadata = { NULL, NULL, NULL };
  gboolean written;

  g_return_val_if_fail (AL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return check_output_path (path, error);
  if (!al_export_format_from_path (path, &format, error))
    return FALSE;
  if (format != options->format)
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("Cannot export to “%s”: the name ends in .%s but the format chosen is %s"),
                   path, al_export_format_get_extension (format),
                   al_export_format_get_extension (options->format));
      return FALSE;
    }
  if (format == AL_EXPORT_FORMAT_PNG
      && !(options->scale >= AL_EXPORT_MIN_SCALE && options->scale <= AL_EXPORT_MAX_SCALE))
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_INVALID_OPTION,
                   _("The scale must be from %g to %g, not %g"), AL_EXPORT_MIN_SCALE,
                   AL_EXPORT_MAX_SCALE, options->scale);
      return FALSE;
    }
  if (format == AL_EXPORT_FORMAT_PNG && options->dpi != 0
      && (options->dpi < AL_EXPORT_MIN_DPI || options->dpi > AL_EXPORT_MAX_DPI))
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_INVALID_OPTION,
                   _("The resolution must be from %d to %d DPI, not %d"), AL_EXPORT_MIN_DPI,
                   AL_EXPORT_MAX_DPI, options->dpi);
      return FALSE;
    }
  if (!check_output_path (path, error))
    return FALSE;

  /* The whole document goes into an SVG as it is: it is saved while the
   * page is built. */
  if (format == AL_EXPORT_FORMAT_SVG && options->selection == NULL)
    svg_metadata_start (&metadata, document);
  if (!al_export_page_build (document, options, &page, error))
    {
      svg_metadata_clear (&metadata);
      return FALSE;
    }
  switch (format)
    {
    case AL_EXPORT_FORMAT_PNG:
      written = export_png (&page, options, path, error);
      break;
    case AL_EXPORT_FORMAT_SVG:
      written = export_svg (&page, &metadata, path, error);
      break;
    case AL_EXPORT_FORMAT_PDF:
    default:
      written = export_pdf (&page, path, error);
      break;
    }
  if (options->leave_to_exit)
    leave_to_exit (&page);
  else
    al_export_page_clear (&page);
  svg_metadata_clear (&metadata);
  return written;
}

void
al_export_release_fonts (void)
{
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
}
