#include "al-json-check.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "al-json-path.h"

typedef struct
{
  gboolean is_object;
  guint index;
  GHashTable *keys;     /* the keys met so far, for objects */
} Frame;

typedef struct
{
  const char *text;
  gsize length;
  gsize pos;
  AlJsonPath *path;
  GArray *frames;
  char *message;
  guint max_depth;
  guint max_values;
  guint n_values;
} Scanner;

typedef enum
{
  EXPECT_VALUE,
  EXPECT_KEY,
  AFTER_VALUE,
} State;

static void
locate (const char *text, gsize pos, guint *line, guint *column)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < pos; i++)
    if (text[i] == '\n')
      {
        (*line)++;
        line_start = i + 1;
      }
  /* Columns count characters, as editors show them. */
  *column = (guint) g_utf8_strlen (text + line_start, pos - line_start) + 1;
}

static gboolean fail (Scanner *s, gsize pos, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Scanner *s, gsize pos, const char *format, ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  locate (s->text, pos, &line, &column);
  g_free (s->message);
  /* TRANSLATORS: the position of a syntax error, then what is wrong */
  s->message = g_strdup_printf (_("line %u, column %u: %s"), line, column, what);
  return FALSE;
}

/* A short, printable quotation of the character at @pos. */
static char *
describe_char (Scanner *s, gsize pos)
{
  gunichar c = g_utf8_get_char (s->text + pos);
  char utf8[8] = { 0 };

  if (g_unichar_isprint (c) && c != ' ')
    {
      g_unichar_to_utf8 (c, utf8);
      return g_strdup_printf ("“%s”", utf8);
    }
  return g_strdup_printf ("U+%04X", c);
}

static gboolean
check_utf8 (Scanner *s)
{
  const char *end;

  if (g_utf8_validate_len (s->text, s->length, &end))
    return TRUE;
  {
    gsize offset = (gsize) (end - s->text);
    guint line, column;

    locate (s->text, offset, &line, &column);
    g_free (s->message);
    if (*end == '\0')
      s->message = g_strdup_printf (
        _("line %u, column %u: a NUL byte at byte offset %lu (this is not a text file)"), line,
        column, (gulong) offset);
    else
      s->message = g_strdup_printf (
        _("line %u, column %u: invalid UTF-8 byte 0x%02X at byte offset %lu "
          "(the file must be saved as UTF-8)"),
        line, column, (guchar) *end, (gulong) offset);
  }
  return FALSE;
}

static void
skip_whitespace (Scanner *s)
{
  while (s->pos < s->length)
    {
      char c = s->text[s->pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at @pos (which points at the 'u'). */
static gboolean
read_hex4 (Scanner *s, gsize pos, gunichar *out)
{
  gunichar value = 0;

  if (pos + 4 >= s->length)
    return FALSE;
  for (gsize i = pos + 1; i <= pos + 4; i++)
    {
      int digit = hex_value (s->text[i]);
      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }
  *out = value;
  return TRUE;
}

/* Reads the string at s->pos (on its opening quote), appending its decoded
 * text to @decoded when not %NULL. */
static gboolean
scan_string (Scanner *s, GString *decoded)
{
  gsize start = s->pos;

  s->pos++;
  for (;;)
    {
      guchar c;

      if (s->pos >= s->length)
        return fail (s, start, "%s", _("the document ends inside this string (a “\"” is missing)"));
      c = (guchar) s->text[s->pos];
      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c == '\n' || c == '\r')
        return fail (s, start, "%s",
                     _("this string is not closed before the end of the line (a “\"” is missing)"));
      if (c < 0x20)
        return fail (s, s->pos,
                     _("control character U+%04X inside a string "
                       "(write it as an escape such as \\n)"),
                     c);
      if (c != '\\')
        {
          if (decoded)
            g_string_append_c (decoded, (char) c);
          s->pos++;
          continue;
        }

      if (s->pos + 1 >= s->length)
        return fail (s, start, "%s", _("the document ends inside this string (a “\"” is missing)"));
      {
        gsize escape = s->pos;
        char e = s->text[s->pos + 1];
        const char *plain = strchr ("\"\\/bfnrt", e);
        gunichar unit, low;

        if (e != '\0' && plain != NULL)
          {
            static const char replacement[] = "\"\\/\b\f\n\r\t";
            if (decoded)
              g_string_append_c (decoded, replacement[plain - "\"\\/bfnrt"]);
            s->pos += 2;
            continue;
          }
        if (e != 'u')
          {
            g_autofree char *what = describe_char (s, s->pos + 1);
            return fail (s, escape, _("invalid escape “\\” followed by %s in a string"), what);
          }
        if (!read_hex4 (s, s->pos + 1, &unit))
          return fail (s, escape, "%s", _("“\\u” must be followed by four hexadecimal digits"));
        s->pos += 6;
        if (unit == 0)
          return fail (s, escape, "%s",
                       _("“\\u0000” is not allowed: text cannot contain NUL characters"));
        if (unit >= 0xDC00 && unit <= 0xDFFF)
          return fail (s, escape, _("“\\u%04X” is half of a character (an unpaired surrogate)"),
                       unit);
        if (unit >= 0xD800 && unit <= 0xDBFF)
          {
            if (s->pos + 1 >= s->length || s->text[s->pos] != '\\' || s->text[s->pos + 1] != 'u'
                || !read_hex4 (s, s->pos + 1, &low) || low < 0xDC00 || low > 0xDFFF)
              return fail (s, escape, _("“\\u%04X” is half of a character (an unpaired surrogate)"),
                           unit);
            s->pos += 6;
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          }
        if (decoded)
          g_string_append_unichar (decoded, unit);
      }
    }
}

static gboolean
is_delimiter (Scanner *s, gsize pos)
{
  return pos >= s->length || strchr (" \t\r\n,]}:", s->text[pos]) != NULL;
}

/* The word at @pos (letters, digits and number punctuation), for messages. */
static char *
word_at (Scanner *s, gsize pos)
{
  gsize end = pos;

  while (end < s->length && end - pos < 40
         && (g_ascii_isalnum (s->text[end]) || strchr ("_.+-", s->text[end]) != NULL))
    end++;
  if (end == pos)
    return describe_char (s, pos);
  return g_strdup_printf ("“%.*s”", (int) (end - pos), s->text + pos);
}

static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos, p = s->pos;
  gboolean integer = TRUE, too_large;
  g_autofree char *token = NULL;

  if (s->text[p] == '-')
    p++;
  if (p < s->length && s->text[p] == '0')
    p++;
  else if (p < s->length && s->text[p] >= '1' && s->text[p] <= '9')
    while (p < s->length && g_ascii_isdigit (s->text[p]))
      p++;
  else
    goto invalid;
  if (p < s->length && s->text[p] == '.')
    {
      integer = FALSE;
      p++;
      if (p >= s->length || !g_ascii_isdigit (s->text[p]))
        goto invalid;
      while (p < s->length && g_ascii_isdigit (s->text[p]))
        p++;
    }
  if (p < s->length && (s->text[p] == 'e' || s->text[p] == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < s->length && (s->text[p] == '+' || s->text[p] == '-'))
        p++;
      if (p >= s->length || !g_ascii_isdigit (s->text[p]))
        goto invalid;
      while (p < s->length && g_ascii_isdigit (s->text[p]))
        p++;
    }
  if (!is_delimiter (s, p))
    goto invalid;

  token = g_strndup (s->text + start, p - start);
  /* Integers must fit 64 bits (json-glib would wrap them silently); other
   * numbers a double, though they may round to zero. */
  if (integer)
    {
      errno = 0;
      g_ascii_strtoll (token, NULL, 10);
      too_large = errno == ERANGE;
    }
  else
    too_large = !isfinite (g_ascii_strtod (token, NULL));
  if (too_large)
    return fail (s, start, _("the number %.40s is too large"), token);
  s->pos = p;
  return TRUE;

invalid:
  {
    g_autofree char *what = word_at (s, start);
    return fail (s, start, _("%s is not a valid number"), what);
  }
}

static gboolean
scan_literal (Scanner *s)
{
  static const char *const literals[] = { "true", "false", "null" };
  g_autofree char *what = NULL;
  char c = s->text[s->pos];

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);
      if (s->length - s->pos >= n && memcmp (s->text + s->pos, literals[i], n) == 0
          && is_delimiter (s, s->pos + n))
        {
          s->pos += n;
          return TRUE;
        }
    }
  if (c == '\'')
    return fail (s, s->pos, "%s", _("strings must be in double quotes (\"…\"), not single quotes"));
  if (c == '/')
    return fail (s, s->pos, "%s", _("comments are not allowed in JSON"));
  what = word_at (s, s->pos);
  return fail (s, s->pos, _("unexpected %s where a value was expected"), what);
}

static Frame *
top_frame (Scanner *s)
{
  return &g_array_index (s->frames, Frame, s->frames->len - 1);
}

static void
pop_frame (Scanner *s)
{
  g_clear_pointer (&top_frame (s)->keys, g_hash_table_unref);
  g_array_set_size (s->frames, s->frames->len - 1);
}

static gboolean
scan_key (Scanner *s, Frame *frame)
{
  g_autoptr (GString) key = g_string_new (NULL);
  gsize start = s->pos;
  char c;

  if (s->pos >= s->length)
    return fail (s, s->pos, "%s", _("the document ends inside an object (a “}” is missing)"));
  c = s->text[s->pos];
  if (c == '}')
    return fail (s, s->pos, "%s", _("a comma before “}” is not allowed"));
  if (c == '\'')
    return fail (s, s->pos, "%s", _("keys must be in double quotes (\"…\"), not single quotes"));
  if (c == '/')
    return fail (s, s->pos, "%s", _("comments are not allowed in JSON"));
  if (c != '"')
    {
      g_autofree char *what = word_at (s, s->pos);
      return fail (s, s->pos, _("expected a key in double quotes, found %s"), what);
    }
  if (!scan_string (s, key))
    return FALSE;
  if (frame->keys == NULL)
    frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_contains (frame->keys, key->str))
    {
      g_autofree char *shown = al_json_excerpt (key->str, 60);
      return fail (s, start, _("the key “%s” appears twice in this object"), shown);
    }
  skip_whitespace (s);
  if (s->pos >= s->length || s->text[s->pos] != ':')
    {
      g_autofree char *shown = al_json_excerpt (key->str, 60);
      return fail (s, s->pos, _("expected “:” after the key “%s”"), shown);
    }
  s->pos++;
  al_json_path_push_member (s->path, key->str);
  g_hash_table_add (frame->keys, g_string_free (g_steal_pointer (&key), FALSE));
  return TRUE;
}

static gboolean
scan_after_value (Scanner *s, State *state)
{
  Frame *frame = top_frame (s);
  char close = frame->is_object ? '}' : ']';
  char c;

  if (s->pos >= s->length)
    return fail (s, s->pos, "%s",
                 frame->is_object ? _("the document ends inside an object (a “}” is missing)")
                                  : _("the document ends inside an array (a “]” is missing)"));
  c = s->text[s->pos];
  if (c == ',')
    {
      s->pos++;
      al_json_path_pop (s->path);
      if (frame->is_object)
        {
          *state = EXPECT_KEY;
          return TRUE;
        }
      skip_whitespace (s);
      if (s->pos < s->length && s->text[s->pos] == ']')
        return fail (s, s->pos, "%s", _("a comma before “]” is not allowed"));
      al_json_path_push_index (s->path, ++frame->index);
      *state = EXPECT_VALUE;
      return TRUE;
    }
  if (c == close)
    {
      s->pos++;
      al_json_path_pop (s->path);
      pop_frame (s);
      *state = AFTER_VALUE;
      return TRUE;
    }
  if (c == '/')
    return fail (s, s->pos, "%s", _("comments are not allowed in JSON"));
  return fail (s, s->pos, "%s",
               frame->is_object ? _("expected “,” or “}” after this member")
                                : _("expected “,” or “]” after this element"));
}

static gboolean
scan_open (Scanner *s, State *state)
{
  char c = s->text[s->pos];
  Frame frame = { .is_object = (c == '{') };

  if (s->frames->len >= s->max_depth)
    return fail (s, s->pos, _("the document is nested more than %u levels deep"), s->max_depth);
  s->pos++;
  skip_whitespace (s);
  if (s->pos < s->length && s->text[s->pos] == (frame.is_object ? '}' : ']'))
    {
      s->pos++;
      *state = AFTER_VALUE;
      return TRUE;
    }
  g_array_append_val (s->frames, frame);
  if (frame.is_object)
    {
      *state = EXPECT_KEY;
      return TRUE;
    }
  al_json_path_push_index (s->path, 0);
  *state = EXPECT_VALUE;
  return TRUE;
}

static gboolean
scan (Scanner *s)
{
  State state = EXPECT_VALUE;

  skip_whitespace (s);
  if (s->pos >= s->length)
    return fail (s, 0, "%s", _("the document is empty"));

  for (;;)
    {
      gboolean ok = TRUE;

      skip_whitespace (s);
      switch (state)
        {
        case EXPECT_VALUE:
          if (s->pos >= s->length)
            return fail (s, s->pos, "%s", _("the document ends where a value was expected"));
          /* Parsed trees cost far more memory than their text: "{}," is
           * three bytes but hundreds once parsed. */
          if (++s->n_values > s->max_values)
            return fail (s, s->pos, _("the document holds more than %u values"), s->max_values);
          switch (s->text[s->pos])
            {
            case '{':
            case '[':
              ok = scan_open (s, &state);
              break;
            case '"':
              ok = scan_string (s, NULL);
              state = AFTER_VALUE;
              break;
            default:
              if (s->text[s->pos] == '-' || g_ascii_isdigit (s->text[s->pos]))
                ok = scan_number (s);
              else
                ok = scan_literal (s);
              state = AFTER_VALUE;
            }
          break;

        case EXPECT_KEY:
          ok = scan_key (s, top_frame (s));
          state = EXPECT_VALUE;
          break;

        case AFTER_VALUE:
          if (s->frames->len == 0)
            {
              if (s->pos < s->length)
                return fail (s, s->pos, "%s", _("unexpected text after the end of the document"));
              return TRUE;
            }
          ok = scan_after_value (s, &state);
          break;

        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
}

char *
al_json_excerpt (const char *text, guint max_chars)
{
  const char *end = text;

  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; i < max_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

gboolean
al_json_check_syntax (const char *text, gsize length, guint max_depth, guint max_values,
                      char **path, char **message)
{
  Scanner s = { .text = text, .length = length, .max_depth = max_depth, .max_values = max_values };
  gboolean ok;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (path != NULL && message != NULL, FALSE);

  s.text = text ? text : "";
  s.path = al_json_path_new ();
  s.frames = g_array_new (FALSE, TRUE, sizeof (Frame));
  ok = check_utf8 (&s) && scan (&s);
  while (s.frames->len > 0)
    pop_frame (&s);
  if (ok)
    {
      *path = NULL;
      *message = NULL;
    }
  else
    {
      *path = g_strdup (al_json_path_get (s.path));
      *message = g_steal_pointer (&s.message);
    }
  g_array_unref (s.frames);
  al_json_path_free (s.path);
  g_free (s.message);
  return ok;
}
