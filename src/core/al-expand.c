#include "al-expand.h"

#include <string.h>

#define NO_MATCH G_MAXSIZE

void
al_expand_problem_free (AlExpandProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->name);
  g_free (problem->text);
  g_free (problem);
}

GPtrArray *
al_expand_problem_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) al_expand_problem_free);
}

gboolean
al_expand_has_references (const char *text)
{
  return text != NULL && strstr (text, "${") != NULL;
}

/* For every "{" of @text, the position of the "}" that balances it (or
 * NO_MATCH), found with one stack in one pass: this keeps nested defaults
 * linear instead of rescanning each one. */
static gsize *
match_braces (const char *text, gsize len)
{
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize *match = g_new (gsize, len + 1);

  for (gsize i = 0; i < len; i++)
    {
      match[i] = NO_MATCH;
      if (text[i] == '{')
        g_array_append_val (open, i);
      else if (text[i] == '}' && open->len > 0)
        {
          match[g_array_index (open, gsize, open->len - 1)] = i;
          g_array_set_size (open, open->len - 1);
        }
    }
  return match;
}

typedef struct
{
  GPtrArray *problems;
  GHashTable *reported;  /* "<kind>:<text>" already in problems */
} Reporter;

static void
report (Reporter *reporter, AlExpandProblemKind kind, const char *name, const char *text,
        gsize text_len)
{
  AlExpandProblem *problem;
  char *key;

  if (reporter->problems == NULL)
    return;
  key = g_strdup_printf ("%d:%.*s", kind, (int) text_len, text);
  if (!g_hash_table_add (reporter->reported, key))
    return;
  problem = g_new0 (AlExpandProblem, 1);
  problem->kind = kind;
  problem->name = g_strdup (name ? name : "");
  problem->text = g_strndup (text, text_len);
  g_ptr_array_add (reporter->problems, problem);
}

char *
al_expand (const char *text, AlExpandLookup lookup, gpointer user_data, GPtrArray *problems)
{
  g_autofree gsize *match = NULL;
  g_autoptr (GArray) closes = NULL;   /* ends of the defaults being expanded */
  g_autoptr (GHashTable) reported = NULL;
  Reporter reporter;
  GString *out;
  gsize len, pos = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  if (!al_expand_has_references (text))
    return g_strdup (text);

  len = strlen (text);
  match = match_braces (text, len);
  closes = g_array_new (FALSE, FALSE, sizeof (gsize));
  reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reporter.problems = problems;
  reporter.reported = reported;
  out = g_string_sized_new (len);

  while (pos < len)
    {
      gsize close, name_end;
      g_autofree char *name = NULL;
      const char *value = NULL;
      gboolean has_default;
      AlExpandKind kind;

      /* The end of a default we stepped into: skip its closing brace. */
      if (closes->len > 0 && pos == g_array_index (closes, gsize, closes->len - 1))
        {
          g_array_set_size (closes, closes->len - 1);
          pos++;
          continue;
        }
      if (text[pos] != '$')
        {
          g_string_append_c (out, text[pos++]);
          continue;
        }
      if (text[pos + 1] == '$' && text[pos + 2] == '{')
        {
          g_string_append (out, "${");
          pos += 3;
          continue;
        }
      if (text[pos + 1] != '{')
        {
          g_string_append_c (out, text[pos++]);
          continue;
        }

      close = match[pos + 1];
      if (close == NO_MATCH)
        {
          report (&reporter, AL_EXPAND_PROBLEM_UNTERMINATED, NULL, text + pos, len - pos);
          g_string_append (out, "${");
          pos += 2;
          continue;
        }

      for (name_end = pos + 2; name_end < close && text[name_end] != ':'; name_end++)
        ;
      has_default = name_end < close;
      name = g_strndup (text + pos + 2, name_end - (pos + 2));

      if (strpbrk (name, "${}") != NULL)
        {
          /* Not a name: the braces are ordinary text, inner references are
           * still expanded. */
          g_string_append (out, "${");
          pos += 2;
          continue;
        }
      if (name[0] == '\0')
        {
          report (&reporter, AL_EXPAND_PROBLEM_EMPTY_NAME, NULL, text + pos, close + 1 - pos);
          g_string_append_len (out, text + pos, close + 1 - pos);
          pos = close + 1;
          continue;
        }

      kind = lookup (name, &value, user_data);
      if (kind == AL_EXPAND_VALUE)
        {
          g_string_append (out, value ? value : "");
          pos = close + 1;
        }
      else if (kind == AL_EXPAND_SECRET)
        {
          g_string_append_printf (out, "$(%s)", name);
          pos = close + 1;
        }
      else if (has_default)
        {
          /* The default is written text: expand it in this same pass. */
          g_array_append_val (closes, close);
          pos = name_end + 1;
        }
      else
        {
          report (&reporter, AL_EXPAND_PROBLEM_UNRESOLVED, name, text + pos, close + 1 - pos);
          g_string_append_len (out, text + pos, close + 1 - pos);
          pos = close + 1;
        }
    }

  return g_string_free (out, FALSE);
}
