/* The strict JSON parser behind every load: one linear pass, no recursion,
 * building the compact tree of al-json-dom.h. */
#include "al-json-check.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "al-json-dom.h"
#include "al-json-keys.h"
#include "al-json-path.h"

#define NO_KEY G_MAXUINT32
/* Two tree entries (a key and its value) per value at most: the index past
 * a value must fit its 28 bits. */
#define MAX_VALUES_LIMIT ((1u << 27) - 1)

typedef struct
{
  guint32 node;      /* the array or object in the tree */
  guint32 index;     /* arrays: the element being read */
  guint32 key;       /* objects: the key of the member being read, or NO_KEY */
  gboolean is_object;
  gboolean in_element; /* arrays: the element's index is part of the path */
} Frame;

typedef struct
{
  char *text;       /* a closed string's quote becomes its NUL at once */
  gsize length;
  gsize pos;
  AlJsonDom *dom;
  Frame *frames; /* the arrays and objects being read, outermost first */
  guint depth;
  guint n_frames_allocated;
  AlJsonKeys *keys;
  char *message;
  guint max_depth;
  guint max_values;
  guint n_counted;
  guint n_escaped; /* strings with escapes */
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
  /* Columns count characters, as editors show them (counting the NULs
   * that replace closing quotes). */
  *column = 1;
  for (gsize i = line_start; i < pos; i++)
    if (((guchar) text[i] & 0xC0) != 0x80)
      (*column)++;
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

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* g_utf8_validate_len() over the whole text, eight times faster: runs of
 * ASCII without NUL are skipped a word at a time, and GLib judges the few
 * characters around anything else. */
static gboolean
validate_utf8 (const char *text, gsize length, const char **end)
{
  const char *p = text, *stop = text + length;

  while (p < stop)
    {
      gsize chunk;
      const char *bad;

      for (; stop - p >= 8; p += 8)
        {
          guint64 word;

          memcpy (&word, p, 8);
          if ((word & HIGHS) != 0 || ((word - ONES) & ~word & HIGHS) != 0)
            break;
        }
      if (p == stop)
        break;
      if ((guchar) *p < 0x80 && *p != '\0')
        {
          p++;
          continue;
        }
      /* A character is at most 4 bytes: one not valid within 16 is not. */
      chunk = MIN ((gsize) (stop - p), 16);
      if (g_utf8_validate_len (p, chunk, &bad))
        p += chunk;
      else if (bad > p)
        p = bad;
      else
        {
          *end = p;
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_utf8 (Scanner *s)
{
  const char *end;

  if (validate_utf8 (s->text, s->length, &end))
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
  const char *text = s->text;
  gsize pos = s->pos;

  while (pos < s->length)
    {
      char c = text[pos];

      if (c == ' ')
        {
          pos++;
          /* Indentation comes in runs. */
          while (s->length - pos >= 8 && memcmp (text + pos, "        ", 8) == 0)
            pos += 8;
        }
      else if (c == '\n' || c == '\t' || c == '\r')
        pos++;
      else
        break;
    }
  s->pos = pos;
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
      int digit = g_ascii_xdigit_value (s->text[i]);
      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }
  *out = value;
  return TRUE;
}

static guint32
add_value (Scanner *s, AlJsonType type, gsize offset)
{
  AlJsonDom *dom = s->dom;
  AlJsonValue *value;

  if (dom->n_values == dom->n_allocated)
    {
      dom->n_allocated *= 2;
      dom->values = g_renew (AlJsonValue, dom->values, dom->n_allocated);
    }
  value = &dom->values[dom->n_values];
  value->offset = (guint32) offset;
  value->type = type;
  value->escaped = FALSE;
  value->end = dom->n_values + 1;
  return dom->n_values++;
}

/* Reads the string at s->pos (on its opening quote) and adds it to the
 * tree, as a value or a key. */
static gboolean
scan_string (Scanner *s, guint32 *added)
{
  const char *text = s->text;
  gsize start = s->pos, p = s->pos + 1;
  gboolean escaped = FALSE;

  for (;;)
    {
      guchar c = 0;
      gsize escape;
      gunichar unit, low;

      while (p < s->length && (c = (guchar) text[p]) != '"' && c != '\\' && c >= 0x20)
        p++;
      if (p >= s->length)
        return fail (s, start, "%s", _("the document ends inside this string (a “\"” is missing)"));
      if (c == '"')
        break;
      if (c == '\n' || c == '\r')
        return fail (s, start, "%s",
                     _("this string is not closed before the end of the line (a “\"” is missing)"));
      if (c < 0x20)
        return fail (s, p,
                     _("control character U+%04X inside a string "
                       "(write it as an escape such as \\n)"),
                     c);

      escaped = TRUE;
      escape = p;
      if (p + 1 >= s->length)
        return fail (s, start, "%s", _("the document ends inside this string (a “\"” is missing)"));
      if (text[p + 1] != '\0' && strchr ("\"\\/bfnrt", text[p + 1]) != NULL)
        {
          p += 2;
          continue;
        }
      if (text[p + 1] != 'u')
        {
          g_autofree char *what = describe_char (s, p + 1);
          return fail (s, escape, _("invalid escape “\\” followed by %s in a string"), what);
        }
      if (!read_hex4 (s, p + 1, &unit))
        return fail (s, escape, "%s", _("“\\u” must be followed by four hexadecimal digits"));
      p += 6;
      if (unit == 0)
        return fail (s, escape, "%s",
                     _("“\\u0000” is not allowed: text cannot contain NUL characters"));
      if (unit >= 0xDC00 && unit <= 0xDFFF)
        return fail (s, escape, _("“\\u%04X” is half of a character (an unpaired surrogate)"),
                     unit);
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          if (p + 1 >= s->length || text[p] != '\\' || text[p + 1] != 'u'
              || !read_hex4 (s, p + 1, &low) || low < 0xDC00 || low > 0xDFFF)
            return fail (s, escape, _("“\\u%04X” is half of a character (an unpaired surrogate)"),
                         unit);
          p += 6;
        }
    }

  s->text[p] = '\0';
  s->pos = p + 1;
  *added = add_value (s, AL_JSON_STRING, start + 1);
  s->dom->values[*added].escaped = escaped;
  s->n_escaped += escaped;
  return TRUE;
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

/* Integers must fit 64 bits (as json-glib reads them); @digits has no
 * leading zero. */
static gboolean
integer_too_large (const char *digits, gsize n, gboolean negative)
{
  if (n != 19)
    return n > 19;
  return memcmp (digits, negative ? "9223372036854775808" : "9223372036854775807", 19) > 0;
}

static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos, p = s->pos, digits;
  gboolean integer = TRUE, negative = FALSE, too_large;

  if (s->text[p] == '-')
    {
      negative = TRUE;
      p++;
    }
  digits = p;
  if (p < s->length && s->text[p] == '0')
    p++;
  else if (p < s->length && s->text[p] >= '1' && s->text[p] <= '9')
    while (p < s->length && g_ascii_isdigit (s->text[p]))
      p++;
  else
    goto invalid;
  digits = p - digits;
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

  /* Other numbers must fit a double, though they may round to zero. */
  if (integer)
    too_large = integer_too_large (s->text + start + negative, digits, negative);
  else
    too_large = !isfinite (al_json_parse_double (s->text + start));
  if (too_large)
    {
      g_autofree char *token = g_strndup (s->text + start, p - start);
      return fail (s, start, _("the number %.40s is too large"), token);
    }
  add_value (s, integer ? AL_JSON_INTEGER : AL_JSON_DOUBLE, start);
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
  static const AlJsonType types[] = { AL_JSON_TRUE, AL_JSON_FALSE, AL_JSON_NULL };
  g_autofree char *what = NULL;
  char c = s->text[s->pos];

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);
      if (s->length - s->pos >= n && memcmp (s->text + s->pos, literals[i], n) == 0
          && is_delimiter (s, s->pos + n))
        {
          add_value (s, types[i], s->pos);
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
  return &s->frames[s->depth - 1];
}

/* Closes the array or object being read. */
static void
pop_frame (Scanner *s)
{
  Frame *frame = top_frame (s);
  AlJsonValue *value = &s->dom->values[frame->node];

  value->end = s->dom->n_values;
  if (frame->is_object)
    al_json_keys_close (s->keys);
  s->depth--;
}

static gboolean
scan_key (Scanner *s, Frame *frame)
{
  gsize start = s->pos;
  guint32 key;
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
  if (!scan_string (s, &key))
    return FALSE;
  if (!al_json_keys_add (s->keys, key, (guint32) (s->pos - start - 2)))
    {
      g_autofree char *shown = al_json_excerpt (al_json_keys_text (s->keys, key), 60);
      return fail (s, start, _("the key “%s” appears twice in this object"), shown);
    }
  skip_whitespace (s);
  if (s->pos >= s->length || s->text[s->pos] != ':')
    {
      g_autofree char *shown = al_json_excerpt (al_json_keys_text (s->keys, key), 60);
      return fail (s, s->pos, _("expected “:” after the key “%s”"), shown);
    }
  s->pos++;
  frame->key = key;
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
      if (frame->is_object)
        {
          frame->key = NO_KEY;
          *state = EXPECT_KEY;
          return TRUE;
        }
      frame->in_element = FALSE;
      skip_whitespace (s);
      if (s->pos < s->length && s->text[s->pos] == ']')
        return fail (s, s->pos, "%s", _("a comma before “]” is not allowed"));
      frame->index++;
      frame->in_element = TRUE;
      *state = EXPECT_VALUE;
      return TRUE;
    }
  if (c == close)
    {
      s->pos++;
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
  gboolean is_object = s->text[s->pos] == '{';
  guint32 node;
  Frame *frame;

  if (s->depth >= s->max_depth)
    return fail (s, s->pos, _("the document is nested more than %u levels deep"), s->max_depth);
  node = add_value (s, is_object ? AL_JSON_OBJECT : AL_JSON_ARRAY, s->pos);
  s->pos++;
  skip_whitespace (s);
  if (s->pos < s->length && s->text[s->pos] == (is_object ? '}' : ']'))
    {
      s->pos++;
      *state = AFTER_VALUE;
      return TRUE;
    }
  if (s->depth == s->n_frames_allocated)
    {
      s->n_frames_allocated = MAX (16, s->n_frames_allocated * 2);
      s->frames = g_renew (Frame, s->frames, s->n_frames_allocated);
    }
  frame = &s->frames[s->depth++];
  *frame = (Frame) {
    .node = node,
    .key = NO_KEY,
    .is_object = is_object,
    .in_element = !is_object,
  };
  if (is_object)
    al_json_keys_open (s->keys);
  *state = is_object ? EXPECT_KEY : EXPECT_VALUE;
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
          /* Every value costs memory once parsed, whatever its text: "0," is
           * two bytes. */
          if (++s->n_counted > s->max_values)
            return fail (s, s->pos, _("the document holds more than %u values"), s->max_values);
          switch (s->text[s->pos])
            {
            case '{':
            case '[':
              ok = scan_open (s, &state);
              break;
            case '"':
              {
                guint32 added;
                ok = scan_string (s, &added);
                state = AFTER_VALUE;
              }
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
          if (s->depth == 0)
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

/* The JSON path of the value being read when the scan stopped. */
static char *
failure_path (Scanner *s)
{
  g_autoptr (AlJsonPath) path = al_json_path_new ();

  for (guint i = 0; i < s->depth; i++)
    {
      Frame *frame = &s->frames[i];

      if (frame->is_object && frame->key != NO_KEY)
        al_json_path_push_member (path, al_json_keys_text (s->keys, frame->key));
      else if (!frame->is_object && frame->in_element)
        al_json_path_push_index (path, frame->index);
    }
  return g_strdup (al_json_path_get (path));
}

/* Decodes the escapes of each string in place, once the whole text passed:
 * a failure's line and column are counted in the original text. */
static void
unescape_strings (AlJsonDom *dom, char *text)
{
  for (guint i = 0; i < dom->n_values; i++)
    {
      AlJsonValue *value = &dom->values[i];

      if (value->type == AL_JSON_STRING && value->escaped)
        {
          al_json_unescape (text + value->offset, text + value->offset);
          value->escaped = FALSE;
        }
    }
}

static AlJsonDom *
parse (char *text, gsize length, guint max_depth, guint max_values, char **path, char **message)
{
  Scanner s = {
    .text = text,
    .length = length,
    .max_depth = max_depth,
    .max_values = MIN (max_values, MAX_VALUES_LIMIT),
  };
  gboolean ok;

  /* A number at the very end is read up to a NUL. */
  text[length] = '\0';
  s.dom = g_new0 (AlJsonDom, 1);
  s.dom->text = text;
  /* Some 14 bytes of indented text per value; growing copies anyway. */
  s.dom->n_allocated = (guint) MIN (length / 12 + 64, 2 * (gsize) s.max_values + 1);
  s.dom->values = g_new (AlJsonValue, s.dom->n_allocated);
  s.keys = al_json_keys_new (s.dom);
  ok = check_utf8 (&s) && scan (&s);
  if (ok)
    {
      *path = NULL;
      *message = NULL;
      if (s.n_escaped > 0)
        unescape_strings (s.dom, text);
    }
  else
    {
      *path = failure_path (&s);
      *message = g_steal_pointer (&s.message);
      g_clear_pointer (&s.dom, al_json_dom_free);
    }
  al_json_keys_free (s.keys);
  g_free (s.frames);
  g_free (s.message);
  return s.dom;
}

AlJsonDom *
al_json_dom_parse (char *text, gsize length, guint max_depth, guint max_values, char **path,
                   char **message)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (length < G_MAXUINT32, NULL);
  g_return_val_if_fail (path != NULL && message != NULL, NULL);

  return parse (text, length, max_depth, max_values, path, message);
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
  g_autoptr (AlJsonDom) dom = NULL;
  g_autofree char *copy = NULL;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (length < G_MAXUINT32, FALSE);
  g_return_val_if_fail (path != NULL && message != NULL, FALSE);

  /* The parse writes into the text. */
  copy = g_malloc (length + 1);
  if (length > 0)
    memcpy (copy, text, length);
  dom = parse (copy, length, max_depth, max_values, path, message);
  return dom != NULL;
}
