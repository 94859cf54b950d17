/* al-document-io.h: reading and writing .archlane files (DESIGN §3) */
#pragma once

#include <gio/gio.h>

#include "al-document.h"

G_BEGIN_DECLS

#define AL_DOCUMENT_ERROR (al_document_error_quark ())
GQuark al_document_error_quark (void);

typedef enum
{
  AL_DOCUMENT_ERROR_IO,       /* the file cannot be read or written */
  AL_DOCUMENT_ERROR_SYNTAX,   /* not JSON, invalid UTF-8, too deep, too large */
  AL_DOCUMENT_ERROR_INVALID,  /* JSON, but not a version-1 .archlane document */
} AlDocumentError;

/* A problem found while reading, with the JSON path of the offending value
 * ("components[3].ports[0].port") and a translated message. */
typedef struct
{
  char *path;
  char *message;
} AlLoadProblem;

AlLoadProblem *al_load_problem_new (const char *path, const char *message);
void           al_load_problem_free (AlLoadProblem *problem);

/* Reads a document. On failure returns %NULL, sets @error (its message lists
 * the problems, one per line, "<path>: <message>") and, when @problems is
 * not %NULL, stores every problem found there (a GPtrArray of AlLoadProblem
 * owned by the caller). Never returns a partial document.
 *
 * The text must be strict JSON in UTF-8 (a leading byte order mark is
 * skipped), at most 64 MiB and 64 levels deep, with no key twice in an
 * object; a syntax problem's message starts with "line L, column C: ".
 * From a file, each line of the message starts with the file's name (as
 * given to _from_path(), the parse name for _from_file()). Unknown keys are
 * kept with al_extras_set() and written back by the save functions. */
AlDocument *al_document_load_from_bytes (GBytes *bytes, GPtrArray **problems, GError **error);
AlDocument *al_document_load_from_file (GFile *file, GPtrArray **problems, GError **error);
AlDocument *al_document_load_from_path (const char *path, GPtrArray **problems, GError **error);

/* The canonical text of @document: keys in a fixed order, two-space
 * indentation, unknown keys after the known ones, a trailing newline. */
GBytes     *al_document_save_to_bytes (AlDocument *document);
/* Writes atomically (a temporary file in the same folder, fsync, rename) and
 * keeps the previous file as "<name>~". On failure the previous file is
 * untouched. The document exists under its name at every moment. Through a
 * symbolic link, the file it points to is replaced and the link kept;
 * something that is not a regular file (a device, a folder) is never
 * replaced. Errors are AL_DOCUMENT_ERROR_IO and name the file. */
gboolean    al_document_save_to_file (AlDocument *document, GFile *file, GError **error);
gboolean    al_document_save_to_path (AlDocument *document, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlLoadProblem, al_load_problem_free)

G_END_DECLS
