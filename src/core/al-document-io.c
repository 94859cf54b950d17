/* Reading .archlane documents. Saving is in al-document-save.c. */
#include "al-document-io.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-document-reader.h"
#include "al-json-dom.h"

#define MAX_DEPTH         64
/* A value costs at most 16 bytes once parsed (itself and its key, 8 bytes
 * each): at most 64 MB besides the text. A generated design of 40,000
 * components holds some 3 million (a component is some 75 values). */
#define MAX_VALUES        4000000
#define MAX_SIZE          (64 * 1024 * 1024)
#define MAX_MESSAGE_LINES 50

G_DEFINE_QUARK (al-document-error-quark, al_document_error)

void
al_load_problem_free (AlLoadProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

AlLoadProblem *
al_load_problem_new (const char *path, const char *message)
{
  AlLoadProblem *problem = g_new0 (AlLoadProblem, 1);

  g_return_val_if_fail (message != NULL, problem);
  problem->path = g_strdup (path ? path : "");
  problem->message = g_strdup (message);
  return problem;
}

static GPtrArray *
new_problem_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) al_load_problem_free);
}

/* Takes @message. */
static void
add_problem (GPtrArray *problems, const char *path, char *message)
{
  g_ptr_array_add (problems, al_load_problem_new (path, message));
  g_free (message);
}

/* Checks, parses and reads @data (@length bytes and room for one more),
 * which the parse changes: its strings are unescaped in place. On failure
 * fills @problems and returns %NULL with the error code in @code. */
static AlDocument *
load_text (char *data, gsize length, GPtrArray *problems, AlDocumentError *code)
{
  g_autoptr (AlJsonDom) dom = NULL;
  g_autofree char *path = NULL;
  char *message = NULL;
  AlDocument *document;
  gboolean too_large = FALSE;

  *code = AL_DOCUMENT_ERROR_SYNTAX;
  if (length > MAX_SIZE)
    {
      add_problem (problems, "", g_strdup (_("the document is larger than 64 MiB")));
      return NULL;
    }
  /* A byte order mark is not JSON, but some editors write one. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  dom = al_json_dom_parse (data, length, MAX_DEPTH, MAX_VALUES, &path, &message);
  if (dom == NULL)
    {
      add_problem (problems, path, message);
      return NULL;
    }

  document = al_document_read_tree (dom, problems, &too_large);
  *code = too_large ? AL_DOCUMENT_ERROR_SYNTAX : AL_DOCUMENT_ERROR_INVALID;
  return document;
}

static void
set_load_error (GError **error, AlDocumentError code, const char *file_name, GPtrArray *problems)
{
  g_autoptr (GString) message = g_string_new (NULL);
  guint shown = MIN (problems->len, MAX_MESSAGE_LINES);

  for (guint i = 0; i < shown; i++)
    {
      AlLoadProblem *problem = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append_c (message, '\n');
      if (file_name != NULL)
        g_string_append_printf (message, "%s: ", file_name);
      if (problem->path[0] != '\0')
        g_string_append_printf (message, "%s: ", problem->path);
      g_string_append (message, problem->message);
    }
  if (problems->len > shown)
    {
      guint more = problems->len - shown;

      g_string_append_c (message, '\n');
      if (file_name != NULL)
        g_string_append_printf (message, "%s: ", file_name);
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                                    "… and %u more problems", more),
                              more);
    }
  g_set_error_literal (error, AL_DOCUMENT_ERROR, code, message->str);
}

static AlDocument *
finish_load (AlDocument *document, AlDocumentError code, const char *file_name,
             GPtrArray *found, GPtrArray **problems, GError **error)
{
  if (document == NULL)
    {
      g_assert (found->len > 0);
      set_load_error (error, code, file_name, found);
      if (problems != NULL)
        *problems = g_ptr_array_ref (found);
    }
  return document;
}

AlDocument *
al_document_load_from_bytes (GBytes *bytes, GPtrArray **problems, GError **error)
{
  g_autoptr (GPtrArray) found = new_problem_list ();
  g_autofree char *copy = NULL;
  AlDocumentError code;
  AlDocument *document;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The parse writes into the text, and @bytes is the caller's; too large
   * a text is refused from its length alone. */
  data = g_bytes_get_data (bytes, &length);
  if (length <= MAX_SIZE)
    {
      /* With room for the NUL the parse adds. */
      copy = g_malloc (length + 1);
      if (length > 0)
        memcpy (copy, data, length);
    }
  document = load_text (copy, length, found, &code);
  return finish_load (document, code, NULL, found, problems, error);
}

/* Reads at most @limit + 1 bytes, so that an endless stream (a fifo,
 * /dev/zero) is refused as too large rather than filling memory. @size is
 * what the file's size was, to read it into one buffer; the buffer has
 * room for one byte more than @length. */
static char *
read_capped (GInputStream *stream, gsize size, gsize limit, gsize *length, GError **error)
{
  const gsize chunk = 256 * 1024;
  gsize allocated = MIN (size, limit) + 1;
  g_autofree char *buffer = g_malloc (allocated);

  *length = 0;
  for (;;)
    {
      gssize n;

      if (*length == allocated)
        {
          allocated = MIN (allocated + MAX (allocated, chunk), limit + 1);
          buffer = g_realloc (buffer, allocated);
        }
      n = g_input_stream_read (stream, buffer + *length, allocated - *length, NULL, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      *length += (gsize) n;
      if (*length > limit)
        break;
    }
  if (*length == allocated)
    buffer = g_realloc (buffer, allocated + 1);
  return g_steal_pointer (&buffer);
}

static AlDocument *
load_file (GFile *file, const char *file_name, GPtrArray **problems, GError **error)
{
  g_autoptr (GPtrArray) found = new_problem_list ();
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) local_error = NULL;
  AlDocumentError code = AL_DOCUMENT_ERROR_IO;
  AlDocument *document = NULL;
  gsize length;

  /* The size from the open file (not the path's information, which would
   * have a local file load GIO's modules). */
  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL,
                                           &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        add_problem (found, "", g_strdup (_("the file does not exist")));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        add_problem (found, "", g_strdup (_("this is a folder, not an Archlane document")));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        add_problem (found, "", g_strdup (_("you do not have permission to read this file")));
      else
        add_problem (found, "", g_strdup (local_error->message));
    }
  else if (g_file_info_get_size (info) > MAX_SIZE)
    {
      code = AL_DOCUMENT_ERROR_SYNTAX;
      add_problem (found, "", g_strdup (_("the file is larger than 64 MiB")));
    }
  else if (!(data = read_capped (G_INPUT_STREAM (stream), (gsize) g_file_info_get_size (info),
                                 MAX_SIZE, &length, &local_error)))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        add_problem (found, "", g_strdup (_("you do not have permission to read this file")));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        add_problem (found, "", g_strdup (_("this is a folder, not an Archlane document")));
      else
        add_problem (found, "", g_strdup (local_error->message));
    }
  else
    {
      code = AL_DOCUMENT_ERROR_SYNTAX;
      if (length == 0)
        add_problem (found, "", g_strdup (_("the file is empty")));
      else
        document = load_text (data, length, found, &code);
    }
  return finish_load (document, code, file_name, found, problems, error);
}

AlDocument *
al_document_load_from_file (GFile *file, GPtrArray **problems, GError **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  return load_file (file, name, problems, error);
}

AlDocument *
al_document_load_from_path (const char *path, GPtrArray **problems, GError **error)
{
  g_autoptr (GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Messages name the file as the user gave it. A path is a local file:
   * the local VFS reads it without loading GIO's modules (proxies, TLS,
   * settings backends), which would take longer than reading a document. */
  file = g_vfs_get_file_for_path (g_vfs_get_local (), path);
  return load_file (file, path, problems, error);
}
