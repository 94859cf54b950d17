/* al-export-load.c: documents read back from the images Archlane exports
 * (like draw.io's editable PNG), and plain .archlane files */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "al-document-io.h"
#include "al-export-private.h"

#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"
#define SVG_ELEMENT "archlane:document"
/* An SVG larger than this is not one Archlane wrote around a document the
 * reader accepts (64 MiB at most, escaped). */
#define MAX_SVG (512u * 1024 * 1024)

typedef enum
{
  KIND_DOCUMENT,
  KIND_PNG,
  KIND_SVG,
  KIND_PDF,
  KIND_OTHER_IMAGE,   /* JPEG, GIF, WebP */
} FileKind;

/* By content, not by name: a renamed image still opens. Anything not
 * recognised goes to the document reader, whose messages say why. */
static FileKind
sniff (const char *path)
{
  FILE *file = fopen (path, "rb");
  char head[64];
  size_t n;
  const char *p = head;

  if (file == NULL)
    return KIND_DOCUMENT;
  n = fread (head, 1, sizeof head - 1, file);
  fclose (file);
  head[n] = '\0';
  if (n >= 8 && memcmp (head, PNG_SIGNATURE, 8) == 0)
    return KIND_PNG;
  if (n >= 5 && memcmp (head, "%PDF-", 5) == 0)
    return KIND_PDF;
  if ((n >= 3 && memcmp (head, "\xFF\xD8\xFF", 3) == 0) || (n >= 4 && memcmp (head, "GIF8", 4) == 0)
      || (n >= 12 && memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WEBP", 4) == 0))
    return KIND_OTHER_IMAGE;
  if (n >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  return *p == '<' ? KIND_SVG : KIND_DOCUMENT;
}

/* Undoes g_markup_escape_text(): the five named entities and character
 * references. */
static char *
unescape_xml (const char *text, gsize length)
{
  GString *out = g_string_sized_new (length);
  const char *end = text + length;

  for (const char *p = text; p < end; p++)
    {
      const char *semicolon;

      if (*p != '&' || (semicolon = memchr (p, ';', MIN ((gsize) (end - p), 12))) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (strncmp (p, "&amp;", 5) == 0)
        g_string_append_c (out, '&');
      else if (strncmp (p, "&lt;", 4) == 0)
        g_string_append_c (out, '<');
      else if (strncmp (p, "&gt;", 4) == 0)
        g_string_append_c (out, '>');
      else if (strncmp (p, "&quot;", 6) == 0)
        g_string_append_c (out, '"');
      else if (strncmp (p, "&apos;", 6) == 0)
        g_string_append_c (out, '\'');
      else if (p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          guint64 code = g_ascii_strtoull (p + (hex ? 3 : 2), NULL, hex ? 16 : 10);

          if (code == 0 || code > 0x10FFFF)
            {
              g_string_append_c (out, *p);
              continue;
            }
          g_string_append_unichar (out, (gunichar) code);
        }
      else
        {
          g_string_append_c (out, *p);
          continue;
        }
      p = semicolon;
    }
  return g_string_free (out, FALSE);
}

static GBytes *
svg_read_document (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length;
  const char *start, *text, *close;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT, "%s", local_error->message);
      return NULL;
    }
  start = length <= MAX_SVG ? strstr (contents, "<" SVG_ELEMENT) : NULL;
  text = start != NULL ? strchr (start, '>') : NULL;
  close = text != NULL ? strstr (text, "</" SVG_ELEMENT ">") : NULL;
  if (close == NULL || text[-1] == '/')
    {
      if (strstr (contents, "<svg") == NULL)
        g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT,
                     _("%s: this is neither an Archlane document nor an image exported by "
                       "Archlane"),
                     path);
      else
        g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT,
                     _("%s: this image holds no Archlane document; only PNG and SVG images "
                       "exported by Archlane can be opened"),
                     path);
      return NULL;
    }
  text++;
  json = unescape_xml (text, close - text);
  length = strlen (json);
  return g_bytes_new_take (g_steal_pointer (&json), length);
}

/* The reader's messages for an embedded document have no file name: each
 * line gets @path in front, as for a document read from a file. */
static void
prefix_error (GError *error, const char *path)
{
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
  GString *message = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (message, "%s%s: %s", i > 0 ? "\n" : "", path, lines[i]);
  g_free (error->message);
  error->message = g_string_free (message, FALSE);
}

AlDocument *
al_export_load_document_full (const char *path, GPtrArray **problems, GError **error)
{
  g_autoptr (GBytes) text = NULL;
  g_autoptr (GError) local_error = NULL;
  AlDocument *document;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (sniff (path))
    {
    case KIND_PNG:
      text = al_export_png_read_document (path, error);
      break;
    case KIND_SVG:
      text = svg_read_document (path, error);
      break;
    case KIND_PDF:
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT,
                   _("%s: a PDF does not carry the Archlane document; open the .archlane "
                     "file, or a PNG or SVG image exported by Archlane"),
                   path);
      return NULL;
    case KIND_OTHER_IMAGE:
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT,
                   _("%s: this image holds no Archlane document; only PNG and SVG images "
                     "exported by Archlane can be opened"),
                   path);
      return NULL;
    case KIND_DOCUMENT:
    default:
      return al_document_load_from_path (path, problems, error);
    }
  if (text == NULL)
    return NULL;

  /* The size counts as the reader counts it: the bytes in memory. */
  if (g_bytes_get_size (text) == 0)
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT,
                   _("%s: the Archlane document in this image is empty"), path);
      return NULL;
    }
  document = al_document_load_from_bytes (text, problems, &local_error);
  if (document == NULL)
    {
      prefix_error (local_error, path);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return document;
}

AlDocument *
al_export_load_document (const char *path, GError **error)
{
  return al_export_load_document_full (path, NULL, error);
}
