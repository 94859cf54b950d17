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

/* A stack of positions that lives on the C stack while it is small: most
 * texts are short, and expanding them should not allocate. */
#define SMALL_STACK 32

typedef struct
{
  gsize *items;
  gsize len;
  gsize capacity;
  gsize small[SMALL_STACK];
} PositionStack;

static void
position_stack_init (PositionStack *stack)
{
  stack->items = stack->small;
  stack->len = 0;
  stack->capacity = SMALL_STACK;
}

static void
position_stack_push (PositionStack *stack, gsize position)
{
  if (stack->len == stack->capacity)
    {
      gsize *items = g_new (gsize, stack->capacity * 2);

      memcpy (items, stack->items, stack->len * sizeof (gsize));
      if (stack->items != stack->small)
        g_free (stack->items);
      stack->items = items;
      stack->capacity *= 2;
    }
  stack->items[stack->len++] = position;
}

static void
position_stack_clear (PositionStack *stack)
{
  if (stack->items != stack->small)
    g_free (stack->items);
}

/* For every "{" of @text, the position of the "}" that balances it (or
 * NO_MATCH) into @match, found with one stack in one pass: this keeps nested
 * defaults linear instead of rescanning each one. */
static void
match_braces (const char *text, gsize len, gsize *match)
{
  PositionStack open;

  position_stack_init (&open);
  for (gsize i = 0; i < len; i++)
    {
      match[i] = NO_MATCH;
      if (text[i] == '{')
        position_stack_push (&open, i);
      else if (text[i] == '}' && open.len > 0)
        match[open.items[--open.len]] = i;
    }
  position_stack_clear (&open);
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
  /* Made on the first problem: most texts have none. */
  if (reporter->reported == NULL)
    reporter->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  key = g_strdup_printf ("%d:%.*s", kind, (int) text_len, text);
  if (!g_hash_table_add (reporter->reported, key))
    return;
  problem = g_new0 (AlExpandProblem, 1);
  problem->kind = kind;
  problem->name = g_strdup (name ? name : "");
  problem->text = g_strndup (text, text_len);
  g_ptr_array_add (reporter->problems, problem);
}

void
al_expand_append (GString *out, const char *text, AlExpandLookup lookup, gpointer user_data,
                  GPtrArray *problems)
{
  gsize small_match[256];
  gsize *match = small_match;
  PositionStack closes;   /* ends of the defaults being expanded */
  char small_name[64];
  Reporter reporter;
  gsize len, pos = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (lookup != NULL);

  if (!al_expand_has_references (text))
    {
      g_string_append (out, text);
      return;
    }

  len = strlen (text);
  if (len + 1 > G_N_ELEMENTS (small_match))
    match = g_new (gsize, len + 1);
  match_braces (text, len, match);
  position_stack_init (&closes);
  reporter.problems = problems;
  reporter.reported = NULL;

  while (pos < len)
    {
      gsize close, name_end, name_len;
      g_autofree char *long_name = NULL;
      char *name;
      const char *value = NULL;
      gboolean has_default;
      AlExpandKind kind;

      /* The end of a default we stepped into: skip its closing brace. */
      if (closes.len > 0 && pos == closes.items[closes.len - 1])
        {
          closes.len--;
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
      name_len = name_end - (pos + 2);
      if (name_len < sizeof small_name)
        name = small_name;
      else
        name = long_name = g_malloc (name_len + 1);
      memcpy (name, text + pos + 2, name_len);
      name[name_len] = '\0';

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
          position_stack_push (&closes, close);
          pos = name_end + 1;
        }
      else
        {
          report (&reporter, AL_EXPAND_PROBLEM_UNRESOLVED, name, text + pos, close + 1 - pos);
          g_string_append_len (out, text + pos, close + 1 - pos);
          pos = close + 1;
        }
    }
  g_clear_pointer (&reporter.reported, g_hash_table_unref);
  position_stack_clear (&closes);
  if (match != small_match)
    g_free (match);
}

char *
al_expand (const char *text, AlExpandLookup lookup, gpointer user_data, GPtrArray *problems)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  al_expand_append (out, text, lookup, user_data, problems);
  return g_string_free (out, FALSE);
}
