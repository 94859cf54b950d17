/* al-diagnostic.h: a problem found in a document */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  AL_SEVERITY_ERROR,
  AL_SEVERITY_WARNING,
} AlSeverity;

/* Immutable once made. @code is a stable kebab-case identifier
 * ("duplicate-name"); @subject the id of the component, dependency or lane
 * concerned ("" for the application); @path the JSON path of the offending
 * value, when there is one; @message a translated sentence a user can act
 * on. */
typedef struct
{
  AlSeverity severity;
  char *code;
  char *subject;
  char *path;
  char *message;
} AlDiagnostic;

#define AL_TYPE_DIAGNOSTIC (al_diagnostic_get_type ())
GType         al_diagnostic_get_type (void);

AlDiagnostic *al_diagnostic_new (AlSeverity severity, const char *code, const char *subject,
                                 const char *path, const char *message_format, ...)
  G_GNUC_PRINTF (5, 6);
AlDiagnostic *al_diagnostic_copy (const AlDiagnostic *diagnostic);
void          al_diagnostic_free (AlDiagnostic *diagnostic);
const char   *al_severity_to_string (AlSeverity severity);
/* "<severity> <code> <subject>: <path>: <message>" (the path part only when
 * set): the line archlane-cli validate prints. */
char         *al_diagnostic_to_line (const AlDiagnostic *diagnostic);

/* A GPtrArray of AlDiagnostic* that frees its elements. */
GPtrArray    *al_diagnostic_list_new (void);
/* Sorts by severity (errors first), then subject, code and path: a stable
 * order for printing and tests. */
void          al_diagnostic_list_sort (GPtrArray *list);
guint         al_diagnostic_list_count (GPtrArray *list, AlSeverity severity);
/* TRUE when @list holds a diagnostic with @code (and @subject, unless %NULL). */
gboolean      al_diagnostic_list_has (GPtrArray *list, const char *code, const char *subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlDiagnostic, al_diagnostic_free)

G_END_DECLS
