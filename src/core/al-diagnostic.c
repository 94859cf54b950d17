#include "al-diagnostic.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (AlDiagnostic, al_diagnostic, al_diagnostic_copy, al_diagnostic_free)

AlDiagnostic *
al_diagnostic_new (AlSeverity severity, const char *code, const char *subject, const char *path,
                   const char *message_format, ...)
{
  AlDiagnostic *diagnostic;
  va_list args;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (message_format != NULL, NULL);

  diagnostic = g_new0 (AlDiagnostic, 1);
  diagnostic->severity = severity;
  diagnostic->code = g_strdup (code);
  diagnostic->subject = g_strdup (subject ? subject : "");
  diagnostic->path = (path && *path) ? g_strdup (path) : NULL;
  va_start (args, message_format);
  diagnostic->message = g_strdup_vprintf (message_format, args);
  va_end (args);
  return diagnostic;
}

AlDiagnostic *
al_diagnostic_copy (const AlDiagnostic *diagnostic)
{
  AlDiagnostic *copy = g_new0 (AlDiagnostic, 1);

  copy->severity = diagnostic->severity;
  copy->code = g_strdup (diagnostic->code);
  copy->subject = g_strdup (diagnostic->subject);
  copy->path = g_strdup (diagnostic->path);
  copy->message = g_strdup (diagnostic->message);
  return copy;
}

void
al_diagnostic_free (AlDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;
  g_free (diagnostic->code);
  g_free (diagnostic->subject);
  g_free (diagnostic->path);
  g_free (diagnostic->message);
  g_free (diagnostic);
}

const char *
al_severity_to_string (AlSeverity severity)
{
  return severity == AL_SEVERITY_ERROR ? "error" : "warning";
}

char *
al_diagnostic_to_line (const AlDiagnostic *diagnostic)
{
  const char *subject = diagnostic->subject[0] ? diagnostic->subject : "application";

  if (diagnostic->path != NULL)
    return g_strdup_printf ("%s %s %s: %s: %s", al_severity_to_string (diagnostic->severity),
                            diagnostic->code, subject, diagnostic->path, diagnostic->message);
  return g_strdup_printf ("%s %s %s: %s", al_severity_to_string (diagnostic->severity),
                          diagnostic->code, subject, diagnostic->message);
}

GPtrArray *
al_diagnostic_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) al_diagnostic_free);
}

static int
compare_diagnostics (gconstpointer a, gconstpointer b)
{
  const AlDiagnostic *x = *(const AlDiagnostic *const *) a;
  const AlDiagnostic *y = *(const AlDiagnostic *const *) b;
  int c;

  if (x->severity != y->severity)
    return x->severity < y->severity ? -1 : 1;
  if ((c = strcmp (x->subject, y->subject)) != 0)
    return c;
  if ((c = strcmp (x->code, y->code)) != 0)
    return c;
  if ((c = g_strcmp0 (x->path, y->path)) != 0)
    return c;
  return strcmp (x->message, y->message);
}

void
al_diagnostic_list_sort (GPtrArray *list)
{
  g_ptr_array_sort (list, compare_diagnostics);
}

guint
al_diagnostic_list_count (GPtrArray *list, AlSeverity severity)
{
  guint count = 0;

  for (guint i = 0; i < list->len; i++)
    if (((AlDiagnostic *) g_ptr_array_index (list, i))->severity == severity)
      count++;
  return count;
}

gboolean
al_diagnostic_list_has (GPtrArray *list, const char *code, const char *subject)
{
  for (guint i = 0; i < list->len; i++)
    {
      const AlDiagnostic *d = g_ptr_array_index (list, i);
      if (strcmp (d->code, code) == 0 && (subject == NULL || strcmp (d->subject, subject) == 0))
        return TRUE;
    }
  return FALSE;
}
