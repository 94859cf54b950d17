#include "al-json-path.h"

struct _AlJsonPath
{
  GString *str;
  GArray *lengths; /* length of str before each push */
};

AlJsonPath *
al_json_path_new (void)
{
  AlJsonPath *path = g_new0 (AlJsonPath, 1);

  path->str = g_string_new (NULL);
  path->lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  return path;
}

void
al_json_path_free (AlJsonPath *path)
{
  if (path == NULL)
    return;
  g_string_free (path->str, TRUE);
  g_array_unref (path->lengths);
  g_free (path);
}

static gboolean
is_identifier (const char *member)
{
  if (!g_ascii_isalpha (*member) && *member != '_')
    return FALSE;
  for (const char *p = member; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

void
al_json_path_append_member (GString *str, const char *member)
{
  if (is_identifier (member))
    {
      if (str->len > 0)
        g_string_append_c (str, '.');
      g_string_append (str, member);
      return;
    }
  g_string_append (str, "[\"");
  for (const char *p = member; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (str, '\\');
      g_string_append_c (str, *p);
    }
  g_string_append (str, "\"]");
}

void
al_json_path_push_member (AlJsonPath *path, const char *member)
{
  g_array_append_val (path->lengths, path->str->len);
  al_json_path_append_member (path->str, member);
}

void
al_json_path_push_index (AlJsonPath *path, guint index)
{
  g_array_append_val (path->lengths, path->str->len);
  g_string_append_printf (path->str, "[%u]", index);
}

void
al_json_path_pop (AlJsonPath *path)
{
  g_return_if_fail (path->lengths->len > 0);
  g_string_truncate (path->str, g_array_index (path->lengths, gsize, path->lengths->len - 1));
  g_array_set_size (path->lengths, path->lengths->len - 1);
}

const char *
al_json_path_get (AlJsonPath *path)
{
  return path->str->str;
}

char *
al_json_path_dup_member (AlJsonPath *path, const char *member)
{
  GString *str = g_string_new (path->str->str);

  al_json_path_append_member (str, member);
  return g_string_free (str, FALSE);
}

char *
al_json_path_in_list (const char *list, guint index, const char *rest)
{
  if (rest == NULL || *rest == '\0')
    return g_strdup_printf ("%s[%u]", list, index);
  return g_strdup_printf ("%s[%u]%s%s", list, index, rest[0] == '[' ? "" : ".", rest);
}
