/* al-export.h: topology images (PNG, SVG, PDF) of a document, and documents read back from them */
#pragma once

#include <gio/gio.h>

#include "al-document.h"

G_BEGIN_DECLS

#define AL_EXPORT_ERROR (al_export_error_quark ())
GQuark al_export_error_quark (void);

typedef enum
{
  AL_EXPORT_ERROR_UNKNOWN_FORMAT,  /* the extension is not .png, .svg or .pdf */
  AL_EXPORT_ERROR_TOO_LARGE,       /* the image would exceed 32767 px */
  AL_EXPORT_ERROR_WRITE,           /* the file cannot be written (names it) */
  AL_EXPORT_ERROR_NO_DOCUMENT,     /* an image without an embedded document */
  AL_EXPORT_ERROR_INVALID_OPTION,  /* scale or DPI out of range */
  AL_EXPORT_ERROR_EMPTY_SELECTION, /* scope is the selection, but no component is selected */
} AlExportError;

typedef enum
{
  AL_EXPORT_FORMAT_PNG,
  AL_EXPORT_FORMAT_SVG,
  AL_EXPORT_FORMAT_PDF,
} AlExportFormat;

typedef struct
{
  AlExportFormat format;
  double         scale;        /* PNG: 1–4 */
  int            dpi;          /* PNG pHYs; 0 = 96 */
  gboolean       transparent;
  gboolean       dark;
  gboolean       legend;
  gboolean       title_block;
  GHashTable    *selection;    /* set of AlComponent to export, or NULL for all */
  GDateTime     *date;         /* title block date; NULL = now */
  /* The process ends right after this export (the command line): the
   * picture and its caches are left to the exit instead of freed, which
   * takes thousands of calls. They stay reachable, so leak checkers do not
   * count them. Then al_export_release_fonts() must not be called. */
  gboolean       leave_to_exit;
} AlExportOptions;

void     al_export_options_init (AlExportOptions *options);
/* From the file name's extension. */
gboolean al_export_format_from_path (const char *path, AlExportFormat *format, GError **error);

/* Writes the image of @document to @path; PNG and SVG embed the document
 * (PNG iTXt chunk "archlane", SVG <metadata>) so it can be opened again.
 * SVG and PDF stay vector; their text is text (SVG <text>, PDF text with
 * its characters). With a selection, the image shows, and embeds, the
 * selected components, the dependencies between them and their lanes. */
gboolean al_export_document (AlDocument *document, const AlExportOptions *options,
                             const char *path, GError **error);

/* Reads a document from @path: an .archlane file, or a PNG/SVG written by
 * al_export_document(). Errors name the file. */
AlDocument *al_export_load_document (const char *path, GError **error);
/* The same, with the reader's problems (AlLoadProblem, as in
 * al_document_load_from_path()) when the document cannot be read. */
AlDocument *al_export_load_document_full (const char *path, GPtrArray **problems, GError **error);

/* The fonts of an export, loaded on a thread of their own while the program
 * does something else (reads the document): the first text in each font
 * waits for fontconfig otherwise. al_export_fonts_finish() waits for the
 * thread and makes the font map it filled the calling thread's default
 * (pango_cairo_font_map_get_default()), in place of the one it had; then
 * the page is built with fonts ready. */
typedef struct _AlExportFonts AlExportFonts;

AlExportFonts *al_export_fonts_prepare (void);
void           al_export_fonts_finish (AlExportFonts *fonts);

/* Frees the font caches of Pango, cairo and fontconfig, which live until
 * exit otherwise: a program that exports without leave_to_exit and then
 * ends (a test) calls it, so that leak checkers report only real leaks.
 * Nothing may draw text afterwards. */
void al_export_release_fonts (void);

/* The file extension of @format, without the dot ("png"). */
const char *al_export_format_get_extension (AlExportFormat format);

/* Limits of the options. */
#define AL_EXPORT_MIN_SCALE 1.0
#define AL_EXPORT_MAX_SCALE 4.0
#define AL_EXPORT_MIN_DPI   10
#define AL_EXPORT_MAX_DPI   2400
/* The largest PNG side cairo can draw. */
#define AL_EXPORT_MAX_PIXELS 32767

G_END_DECLS
