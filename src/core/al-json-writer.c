#include "al-json-writer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SPACES_16 "                "
#define SPACES_128 SPACES_16 SPACES_16 SPACES_16 SPACES_16 SPACES_16 SPACES_16 SPACES_16 SPACES_16
#define INDENT_LEVELS 64

/* A separator, a new line and up to INDENT_LEVELS levels of indentation,
 * appended in one piece. */
static const char separator_indent[] = ",\n" SPACES_128;

G_STATIC_ASSERT (sizeof separator_indent == 2 + 2 * INDENT_LEVELS + 1);

/* g_string_append_len() inline and without its overlap check: a large
 * document is millions of short pieces. */
static inline void
put (GString *out, const char *data, gsize length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, data, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, data, (gssize) length);
}

static void
append_separator_indent (GString *out, gboolean separator, guint depth)
{
  const char *start = separator ? separator_indent : separator_indent + 1;

  if (G_LIKELY (depth <= INDENT_LEVELS))
    {
      put (out, start, (separator ? 2 : 1) + 2 * depth);
      return;
    }
  put (out, start, (separator ? 2 : 1) + 2 * INDENT_LEVELS);
  for (guint i = INDENT_LEVELS; i < depth; i++)
    put (out, "  ", 2);
}

static void
append_newline_indent (GString *out, guint depth)
{
  append_separator_indent (out, FALSE, depth);
}

static void
append_int (GString *out, gint64 value)
{
  char buffer[24];
  char *end = buffer + sizeof buffer;
  char *p = end;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';
  put (out, p, (gsize) (end - p));
}

static void
append_escaped (GString *out, const char *str)
{
  const char *run = str;
  const char *p;

  g_string_append_c (out, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;
      char unicode[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (unicode, sizeof unicode, "\\u%04x", c);
          escape = unicode;
        }
      /* Copy the plain run before the escape in one go: strings can be
       * megabytes long. */
      put (out, run, (gsize) (p - run));
      g_string_append (out, escape);
      run = p + 1;
    }
  put (out, run, (gsize) (p - run));
  g_string_append_c (out, '"');
}

/* Whether a byte stands for itself in a JSON string and is valid UTF-8 on
 * its own: printable ASCII but the quote and the backslash. */
#define PLAIN(c) ((c) >= 0x20 && (c) < 0x80 && (c) != '"' && (c) != '\\')
#define PLAIN_4(c) PLAIN (c), PLAIN ((c) + 1), PLAIN ((c) + 2), PLAIN ((c) + 3)
#define PLAIN_16(c) PLAIN_4 (c), PLAIN_4 ((c) + 4), PLAIN_4 ((c) + 8), PLAIN_4 ((c) + 12)
#define PLAIN_64(c) PLAIN_16 (c), PLAIN_16 ((c) + 16), PLAIN_16 ((c) + 32), PLAIN_16 ((c) + 48)

static const guint8 plain_ascii[256] = {
  PLAIN_64 (0x00), PLAIN_64 (0x40), PLAIN_64 (0x80), PLAIN_64 (0xc0),
};

void
al_json_writer_append_string (GString *out, const char *str)
{
  const char *p;

  g_return_if_fail (out != NULL);

  if (str == NULL)
    str = "";
  /* Most strings are printable ASCII: valid, nothing to escape. */
  for (p = str; plain_ascii[(guchar) *p]; p++)
    ;
  if (*p == '\0')
    {
      g_string_append_c (out, '"');
      put (out, str, (gsize) (p - str));
      g_string_append_c (out, '"');
      return;
    }
  /* The ASCII run before p is valid already. */
  if (!g_utf8_validate (p, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (str, -1);
      append_escaped (out, valid);
      return;
    }
  append_escaped (out, str);
}

/* The shortest significant digits of @value (> 0, finite) that read back to
 * it, and the position of the decimal point relative to them. */
static void
shortest_digits (double value, char *digits, gsize size, int *decimal_point)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *exponent;
  gsize n = 0;

  /* From one digit up: starting at 15 would miss the short forms of
   * subnormal numbers ("5e-324"). */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  /* buffer is "d.dddde±XX" */
  for (const char *p = buffer; *p != '\0' && *p != 'e' && n + 1 < size; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  while (n > 1 && digits[n - 1] == '0')
    n--;
  digits[n] = '\0';
  exponent = strchr (buffer, 'e');
  *decimal_point = (exponent ? atoi (exponent + 1) : 0) + 1;
}

void
al_json_writer_append_double (GString *out, double value)
{
  char digits[32];
  int decimal_point, n_digits;

  g_return_if_fail (out != NULL);

  if (isnan (value))
    {
      g_string_append (out, "NaN");
      return;
    }
  if (isinf (value))
    {
      g_string_append (out, value > 0 ? "Infinity" : "-Infinity");
      return;
    }
  if (signbit (value))
    g_string_append_c (out, '-');
  value = fabs (value);
  if (value == 0)
    {
      g_string_append (out, "0.0");
      return;
    }

  shortest_digits (value, digits, sizeof digits, &decimal_point);
  n_digits = (int) strlen (digits);

  /* The thresholds of Python's float repr. */
  if (decimal_point <= -4 || decimal_point > 16)
    {
      int exponent = decimal_point - 1;

      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  else if (decimal_point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = decimal_point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else if (decimal_point < n_digits)
    {
      g_string_append_len (out, digits, decimal_point);
      g_string_append_c (out, '.');
      g_string_append (out, digits + decimal_point);
    }
  else
    {
      g_string_append (out, digits);
      for (int i = n_digits; i < decimal_point; i++)
        g_string_append_c (out, '0');
      g_string_append (out, ".0");
    }
}

static void
append_value (GString *out, JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    append_int (out, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    al_json_writer_append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    al_json_writer_append_string (out, json_node_get_string (node));
  else
    g_return_if_reached ();
}

void
al_json_writer_append_node (GString *out, JsonNode *node, guint depth)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *members = json_object_get_members (object);

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            append_newline_indent (out, depth + 1);
            al_json_writer_append_string (out, l->data);
            g_string_append (out, ": ");
            al_json_writer_append_node (out, json_object_get_member (object, l->data), depth + 1);
            if (l->next != NULL)
              g_string_append_c (out, ',');
          }
        append_newline_indent (out, depth);
        g_string_append_c (out, '}');
        g_list_free (members);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            append_newline_indent (out, depth + 1);
            al_json_writer_append_node (out, json_array_get_element (array, i), depth + 1);
            if (i + 1 < n)
              g_string_append_c (out, ',');
          }
        append_newline_indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      append_value (out, node);
      break;

    default:
      g_return_if_reached ();
    }
}

char *
al_json_writer_to_string (JsonNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  al_json_writer_append_node (out, node, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

GBytes *
al_json_writer_to_bytes (JsonNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  al_json_writer_append_node (out, node, 0);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

void
al_json_stream_init (AlJsonStream *stream, GString *out)
{
  g_return_if_fail (stream != NULL);
  g_return_if_fail (out != NULL);

  stream->out = out;
  stream->depth = 0;
  stream->started = 0;
}

#define DEPTH_BIT(depth) (G_GUINT64_CONSTANT (1) << ((depth) - 1))

static void
stream_begin (AlJsonStream *stream, char bracket)
{
  g_return_if_fail (stream != NULL);
  g_return_if_fail (stream->depth < AL_JSON_STREAM_MAX_DEPTH);

  g_string_append_c (stream->out, bracket);
  stream->depth++;
  stream->started &= ~DEPTH_BIT (stream->depth);
}

static void
stream_end (AlJsonStream *stream, char bracket)
{
  g_return_if_fail (stream != NULL);
  g_return_if_fail (stream->depth > 0);

  /* "{}" and "[]" when nothing was written inside */
  if (stream->started & DEPTH_BIT (stream->depth))
    append_newline_indent (stream->out, stream->depth - 1);
  g_string_append_c (stream->out, bracket);
  stream->depth--;
}

void
al_json_stream_begin_object (AlJsonStream *stream)
{
  stream_begin (stream, '{');
}

void
al_json_stream_end_object (AlJsonStream *stream)
{
  stream_end (stream, '}');
}

void
al_json_stream_begin_array (AlJsonStream *stream)
{
  stream_begin (stream, '[');
}

void
al_json_stream_end_array (AlJsonStream *stream)
{
  stream_end (stream, ']');
}

void
al_json_stream_element (AlJsonStream *stream)
{
  guint64 bit;

  g_return_if_fail (stream != NULL);
  g_return_if_fail (stream->depth > 0);

  bit = DEPTH_BIT (stream->depth);
  append_separator_indent (stream->out, (stream->started & bit) != 0, stream->depth);
  stream->started |= bit;
}

void
al_json_stream_key (AlJsonStream *stream, const char *key)
{
  g_return_if_fail (stream != NULL);
  g_return_if_fail (stream->depth > 0);
  g_return_if_fail (key != NULL);

  al_json_stream_element (stream);
  al_json_writer_append_string (stream->out, key);
  put (stream->out, ": ", 2);
}

void
al_json_stream_string (AlJsonStream *stream, const char *str)
{
  g_return_if_fail (stream != NULL);

  if (str == NULL)
    put (stream->out, "null", 4);
  else
    al_json_writer_append_string (stream->out, str);
}

void
al_json_stream_int (AlJsonStream *stream, gint64 value)
{
  g_return_if_fail (stream != NULL);

  append_int (stream->out, value);
}

void
al_json_stream_double (AlJsonStream *stream, double value)
{
  g_return_if_fail (stream != NULL);

  al_json_writer_append_double (stream->out, value);
}

void
al_json_stream_boolean (AlJsonStream *stream, gboolean value)
{
  g_return_if_fail (stream != NULL);

  if (value)
    put (stream->out, "true", 4);
  else
    put (stream->out, "false", 5);
}

void
al_json_stream_node (AlJsonStream *stream, JsonNode *node)
{
  g_return_if_fail (stream != NULL);

  al_json_writer_append_node (stream->out, node, stream->depth);
}

JsonNode *
al_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *out = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (out, name, al_json_node_deep_copy (member));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, out);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *out = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (out, al_json_node_deep_copy (json_array_get_element (array, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, out);
      return copy;
    }
  return json_node_copy (node);
}
