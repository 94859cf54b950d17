/* al-export-png.c: the chunks Archlane adds to the PNG cairo writes — the
 * resolution (pHYs) and the document (iTXt "archlane") — and reading the
 * document back */
#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "al-export-private.h"

#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"
#define KEYWORD "archlane"
/* The reader refuses larger documents anyway (al-document-io.c). */
#define MAX_DOCUMENT (64u * 1024 * 1024)

static void
put_u32 (GByteArray *out, guint32 value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, bytes, 4);
}

static guint32
get_u32 (const guint8 *data)
{
  return ((guint32) data[0] << 24) | ((guint32) data[1] << 16) | ((guint32) data[2] << 8) | data[3];
}

static void
put_chunk (GByteArray *out, const char *type, const guint8 *data, gsize length)
{
  uLong crc = crc32 (0L, Z_NULL, 0);

  put_u32 (out, (guint32) length);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (out, data, (guint) length);
  crc = crc32 (crc, (const Bytef *) type, 4);
  if (length > 0)
    crc = crc32_z (crc, data, length);
  put_u32 (out, (guint32) crc);
}

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* iTXt: keyword, NUL, compression flag 1 and method 0 (zlib), empty
 * language tag and translated keyword (two NULs), the compressed UTF-8 text. */
static GByteArray *
make_itxt (GBytes *document, GError **error)
{
  GByteArray *chunk = g_byte_array_new ();
  gsize length = g_bytes_get_size (document);
  uLongf compressed_length = compressBound (length);
  guint header = sizeof KEYWORD + 4;
  int status;

  g_byte_array_set_size (chunk, header + compressed_length);
  memcpy (chunk->data, KEYWORD, sizeof KEYWORD);
  memcpy (chunk->data + sizeof KEYWORD, "\1\0\0\0", 4);
  status = compress2 (chunk->data + header, &compressed_length, g_bytes_get_data (document, NULL),
                      length, 6);
  if (status != Z_OK)
    {
      g_byte_array_unref (chunk);
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE,
                   _("The document could not be compressed into the image"));
      return NULL;
    }
  g_byte_array_set_size (chunk, header + compressed_length);
  return chunk;
}

GBytes *
al_export_png_encode (cairo_surface_t *surface, int dpi, GBytes *document, GError **error)
{
  g_autoptr (GByteArray) plain = g_byte_array_new ();
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (GByteArray) itxt = NULL;
  guint8 phys[9];
  guint32 per_metre = (guint32) (dpi / 0.0254 + 0.5);
  cairo_status_t status;
  gsize offset;

  status = cairo_surface_write_to_png_stream (surface, append_to_array, plain);
  if (status != CAIRO_STATUS_SUCCESS || plain->len < 8
      || memcmp (plain->data, PNG_SIGNATURE, 8) != 0)
    {
      g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_WRITE, _("The PNG could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  itxt = make_itxt (document, error);
  if (itxt == NULL)
    return NULL;

  phys[0] = per_metre >> 24;
  phys[1] = per_metre >> 16;
  phys[2] = per_metre >> 8;
  phys[3] = per_metre;
  memcpy (phys + 4, phys, 4);
  phys[8] = 1; /* unit: metre */

  /* Cairo's chunks in order, with pHYs after IHDR (it must come before
   * IDAT) and the document before IEND; a pHYs of cairo's own is dropped. */
  g_byte_array_append (out, plain->data, 8);
  offset = 8;
  while (offset + 12 <= plain->len)
    {
      guint32 length = get_u32 (plain->data + offset);
      const char *type = (const char *) plain->data + offset + 4;
      gsize size = 12 + (gsize) length;

      if (offset + size > plain->len)
        break;
      if (memcmp (type, "IEND", 4) == 0)
        put_chunk (out, "iTXt", itxt->data, itxt->len);
      if (memcmp (type, "pHYs", 4) != 0)
        g_byte_array_append (out, plain->data + offset, (guint) size);
      if (memcmp (type, "IHDR", 4) == 0)
        put_chunk (out, "pHYs", phys, sizeof phys);
      offset += size;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ---- reading ----------------------------------------------------------- */

static GBytes *
inflate_text (const guint8 *data, gsize length)
{
  z_stream stream = { 0 };
  g_autoptr (GByteArray) out = g_byte_array_new ();
  int status = Z_OK;

  if (inflateInit (&stream) != Z_OK)
    return NULL;
  stream.next_in = (Bytef *) data;
  stream.avail_in = (uInt) length;
  while (status == Z_OK)
    {
      guint used = out->len;

      if (out->len >= MAX_DOCUMENT + 1)
        break;
      g_byte_array_set_size (out, used + 256 * 1024);
      stream.next_out = out->data + used;
      stream.avail_out = 256 * 1024;
      status = inflate (&stream, Z_NO_FLUSH);
      g_byte_array_set_size (out, out->len - stream.avail_out);
    }
  inflateEnd (&stream);
  if (status != Z_STREAM_END)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The text of an "archlane" chunk (iTXt, zTXt or tEXt), or NULL when
 * @data is not one or is damaged (*damaged set then). */
static GBytes *
chunk_text (const char *type, const guint8 *data, gsize length, gboolean *damaged)
{
  const guint8 *end = data + length;
  const guint8 *p;

  if (length < sizeof KEYWORD || memcmp (data, KEYWORD, sizeof KEYWORD) != 0)
    return NULL;
  p = data + sizeof KEYWORD;
  *damaged = TRUE;
  if (memcmp (type, "tEXt", 4) == 0)
    return g_bytes_new (p, end - p);
  if (memcmp (type, "zTXt", 4) == 0)
    return p < end && *p == 0 ? inflate_text (p + 1, end - p - 1) : NULL;
  /* iTXt */
  if (end - p < 2)
    return NULL;
  {
    gboolean compressed = p[0] == 1;

    p += 2;
    for (int field = 0; field < 2; field++)
      {
        const guint8 *nul = memchr (p, 0, end - p);

        if (nul == NULL)
          return NULL;
        p = nul + 1;
      }
    return compressed ? inflate_text (p, end - p) : g_bytes_new (p, end - p);
  }
}

GBytes *
al_export_png_read_document (const char *path, GError **error)
{
  FILE *file = fopen (path, "rb");
  guint8 header[8];
  GBytes *text = NULL;
  gboolean damaged = FALSE;

  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return NULL;
    }
  if (fread (header, 1, 8, file) != 8 || memcmp (header, PNG_SIGNATURE, 8) != 0)
    goto done;
  /* Chunk by chunk, skipping the image data. */
  for (;;)
    {
      guint8 head[8];
      guint32 length;
      g_autofree guint8 *data = NULL;
      guint8 crc_bytes[4];

      if (fread (head, 1, 8, file) != 8)
        break;
      length = get_u32 (head);
      if (memcmp (head + 4, "IEND", 4) == 0 || length > 0x7fffffff)
        break;
      if (memcmp (head + 4, "iTXt", 4) != 0 && memcmp (head + 4, "zTXt", 4) != 0
          && memcmp (head + 4, "tEXt", 4) != 0)
        {
          if (fseek (file, (long) length + 4, SEEK_CUR) != 0)
            break;
          continue;
        }
      if (length > MAX_DOCUMENT)
        break;
      data = g_malloc (length + 1);
      if (fread (data, 1, length, file) != length || fread (crc_bytes, 1, 4, file) != 4)
        break;
      if (length < sizeof KEYWORD || memcmp (data, KEYWORD, sizeof KEYWORD) != 0)
        continue;
      {
        uLong crc = crc32 (crc32 (0L, Z_NULL, 0), head + 4, 4);

        crc = crc32_z (crc, data, length);
        if ((guint32) crc != get_u32 (crc_bytes))
          {
            damaged = TRUE;
            break;
          }
      }
      text = chunk_text ((const char *) head + 4, data, length, &damaged);
      break;
    }

done:
  fclose (file);
  if (text == NULL)
    {
      if (damaged)
        g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT,
                     _("%s: the Archlane document in this image is damaged"), path);
      else
        g_set_error (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_NO_DOCUMENT,
                     _("%s: this image holds no Archlane document; only PNG and SVG images "
                       "exported by Archlane can be opened"),
                     path);
    }
  return text;
}
