#include "al-yaml-writer.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <yaml.h>

G_DEFINE_QUARK (al-yaml-error-quark, al_yaml_error)

/* Quoting --------------------------------------------------------------- */

/* Plain scalars that some YAML 1.1 or 1.2 reader resolves to something other
 * than a string. Deliberately generous: quoting a string that did not need
 * it is harmless, a number read back where a string was meant is not.
 * Case is ignored, and "ſ" (U+017F) counts as an "s", as in Unicode case
 * folding:
 * - anything made of digits, dots, underscores and colons (ints with "_",
 *   floats like ".5" or "1.", YAML 1.1 sexagesimals "1:30", and "1.2.3",
 *   which the 1.1 float pattern accepts), with an optional sign and
 *   exponent;
 * - binary, octal ("0o17" and the 1.1 "017") and hexadecimal ints;
 * - infinities and NaN;
 * - the booleans and nulls of both versions;
 * - dates and timestamps (by their leading "YYYY-M-D");
 * - the merge key "<<" and the 1.1 value key "=". */

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_keyword (const char *str, gsize len)
{
  char folded[8];
  gsize n = 0;

  /* "falſe" is the longest spelling: 6 bytes. */
  if (len > 6)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) str[i];

      if (c == 0xc5 && (guchar) str[i + 1] == 0xbf)
        {
          folded[n++] = 's';
          i++;
        }
      else if (c < 0x80)
        folded[n++] = (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      else
        return FALSE;
    }
  switch (n)
    {
    case 1:
      return folded[0] == 'y' || folded[0] == 'n';
    case 2:
      return memcmp (folded, "no", 2) == 0 || memcmp (folded, "on", 2) == 0;
    case 3:
      return memcmp (folded, "yes", 3) == 0 || memcmp (folded, "off", 3) == 0;
    case 4:
      return memcmp (folded, "true", 4) == 0 || memcmp (folded, "null", 4) == 0;
    case 5:
      return memcmp (folded, "false", 5) == 0;
    default:
      return FALSE;
    }
}

/* "YYYY-M-D" or "YYYY-MM-DD" at the start, whatever follows. */
static gboolean
has_date_prefix (const char *str, gsize len)
{
  if (len < 8 || !is_digit (str[0]) || !is_digit (str[1]) || !is_digit (str[2])
      || !is_digit (str[3]) || str[4] != '-' || !is_digit (str[5]))
    return FALSE;
  if (str[6] == '-')
    return is_digit (str[7]);
  return is_digit (str[6]) && str[7] == '-' && is_digit (str[8]);
}

static gboolean
is_number_like (const char *str, gsize len)
{
  const char *end = str + len;
  const char *p = str;
  gboolean digits = FALSE;

  /* What the first character allows: most strings are over here. */
  switch (str[0])
    {
    case '0' ... '9':
    case '+': case '-': case '.': case '_': case ':':
      break;
    case 'y': case 'Y': case 'n': case 'N': case 't': case 'T':
    case 'f': case 'F': case 'o': case 'O':
      return is_keyword (str, len);
    case '~': case '=':
      return len == 1;
    case '<':
      return len == 2 && str[1] == '<';
    default:
      return FALSE;
    }

  if (has_date_prefix (str, len))
    return TRUE;
  if (*p == '+' || *p == '-')
    p++;
  /* Infinities and NaN. */
  if (end - p == 4 && p[0] == '.'
      && (g_ascii_strncasecmp (p + 1, "inf", 3) == 0 || g_ascii_strncasecmp (p + 1, "nan", 3) == 0))
    return TRUE;
  /* 0b…, 0o…, 0x… */
  if (end - p >= 3 && p[0] == '0' && strchr ("bBoOxX", p[1]) != NULL)
    {
      const char *q = p + 2;

      while (q < end && (g_ascii_isxdigit (*q) || *q == '_'))
        q++;
      if (q == end)
        return TRUE;
    }
  /* Digits, dots, underscores and colons, at least one digit, then maybe an
   * exponent. */
  for (; p < end && (is_digit (*p) || *p == '_' || *p == '.' || *p == ':'); p++)
    digits |= is_digit (*p);
  if (!digits)
    return FALSE;
  if (p == end)
    return TRUE;
  if (*p != 'e' && *p != 'E')
    return FALSE;
  p++;
  if (*p == '+' || *p == '-')
    p++;
  if (p == end)
    return FALSE;
  for (; p < end; p++)
    if (!is_digit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* What a byte means to the scan of a string: the low bits tell where the
 * scan must look closer (all other bytes are ordinary), FIRST_QUOTES that
 * a string starting with it is quoted. */
enum
{
  BYTE_CONTROL = 1,   /* line breaks, tabs, other control characters */
  BYTE_INDICATOR = 2, /* ":" and "#", which matter next to a blank */
  BYTE_LEAD = 3,      /* the first byte of NEL, LS, PS or a BOM */
  BYTE_END = 4,       /* the terminating NUL */
  BYTE_KIND = 7,
  /* Indicators that start another kind of node, a directive or a comment,
   * and blanks. */
  FIRST_QUOTES = 8,
};

static const guint8 byte_kinds[256] = {
  [0] = BYTE_END,
  [0x01 ... 0x08] = BYTE_CONTROL,
  ['\t'] = BYTE_CONTROL | FIRST_QUOTES,
  [0x0a ... 0x1f] = BYTE_CONTROL,
  [0x7f] = BYTE_CONTROL,
  [':'] = BYTE_INDICATOR | FIRST_QUOTES,
  ['#'] = BYTE_INDICATOR | FIRST_QUOTES,
  [0xc2] = BYTE_LEAD,
  [0xe2] = BYTE_LEAD,
  [0xef] = BYTE_LEAD,
  [' '] = FIRST_QUOTES, ['-'] = FIRST_QUOTES, ['?'] = FIRST_QUOTES, [','] = FIRST_QUOTES,
  ['['] = FIRST_QUOTES, [']'] = FIRST_QUOTES, ['{'] = FIRST_QUOTES, ['}'] = FIRST_QUOTES,
  ['&'] = FIRST_QUOTES, ['*'] = FIRST_QUOTES, ['!'] = FIRST_QUOTES, ['|'] = FIRST_QUOTES,
  ['>'] = FIRST_QUOTES, ['\''] = FIRST_QUOTES, ['"'] = FIRST_QUOTES, ['%'] = FIRST_QUOTES,
  ['@'] = FIRST_QUOTES, ['`'] = FIRST_QUOTES,
};

typedef struct
{
  gsize length;
  gboolean ascii;
  gboolean needs_quotes;
  gboolean literal;     /* spans lines and reads best as a literal block */
} StringShape;

/* Everything the style of @str depends on, in one pass. */
static void
scan_string (const char *str, StringShape *shape)
{
  const char *p = str;
  gboolean quote = FALSE, newline = FALSE, literal_unfit = FALSE;
  guchar high = 0;

  for (;; p++)
    {
      guchar c = (guchar) *p;
      guint kind;

      /* Most bytes are ordinary: skip them in a tight loop. */
      while ((kind = byte_kinds[c] & BYTE_KIND) == 0)
        {
          high |= c;
          c = (guchar) *++p;
        }
      high |= c;
      if (kind == BYTE_END)
        break;
      switch (kind)
        {
        case BYTE_CONTROL:
          quote = TRUE;
          if (c == '\n')
            newline = TRUE;
          else if (c != '\t')
            literal_unfit = TRUE;
          break;
        case BYTE_INDICATOR:
          if (c == ':' ? is_blank (p[1]) : (p > str && is_blank (p[-1])))
            quote = TRUE;
          break;
        case BYTE_LEAD:
        default:
          /* NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks in
           * YAML 1.1; a BOM is never part of a plain scalar. */
          if ((c == 0xc2 && (guchar) p[1] == 0x85)
              || (c == 0xe2 && (guchar) p[1] == 0x80
                  && ((guchar) p[2] == 0xa8 || (guchar) p[2] == 0xa9))
              || (c == 0xef && (guchar) p[1] == 0xbb && (guchar) p[2] == 0xbf))
            quote = TRUE;
          break;
        }
    }
  shape->length = p - str;
  shape->ascii = high < 0x80;

  /* A string that spans lines reads best as a literal block. Carriage
   * returns and other control characters would not survive one, and a run
   * of final newlines needs "|+", after which libyaml ends the document
   * with "...". */
  shape->literal = newline && !literal_unfit
                   && !(p[-1] == '\n' && (shape->length == 1 || p[-2] == '\n'));

  /* Indicators and blanks first, a blank or a key's colon last, a document
   * end marker, or what a reader takes for another type. */
  if (!quote && shape->length > 0)
    quote = (byte_kinds[(guchar) str[0]] & FIRST_QUOTES) || is_blank (p[-1]) || p[-1] == ':'
            || (str[0] == '.' && str[1] == '.' && str[2] == '.')
            || is_number_like (str, shape->length);
  shape->needs_quotes = quote || shape->length == 0;
}

gboolean
al_yaml_string_needs_quotes (const char *str)
{
  StringShape shape;

  g_return_val_if_fail (str != NULL, TRUE);

  scan_string (str, &shape);
  return shape.needs_quotes;
}

/* The event writer -------------------------------------------------------- */

struct _AlYamlWriter
{
  yaml_emitter_t emitter;
  gboolean initialized;
  gboolean finished;
  /* libyaml fills its own buffer and hands it over at each document's end. */
  GString *out;
  /* A recorder's calls, instead of YAML: a plain growing buffer, since
   * appending to it is most of what recording costs. */
  gboolean recorder;
  char *recording;
  gsize recording_len;
  gsize recording_size;
  GError *error;        /* the first failure */
  guint n_documents;
};

/* What a recording holds: one byte per call, a scalar followed by its
 * style, whether it is a string, its length and its bytes. */
enum
{
  OP_BEGIN_DOCUMENT = 1,
  OP_END_DOCUMENT,
  OP_BEGIN_MAPPING,
  OP_END_MAPPING,
  OP_BEGIN_SEQUENCE,
  OP_END_SEQUENCE,
  OP_SCALAR,
};

#define RECORDING_SIZE 8192

static int
append_output (void *data, unsigned char *buffer, size_t size)
{
  g_string_append_len (data, (const char *) buffer, size);
  return 1;
}

static void
fail (AlYamlWriter *writer, const char *problem)
{
  if (writer->error == NULL)
    writer->error = g_error_new (AL_YAML_ERROR, AL_YAML_ERROR_EMIT, _("Cannot write YAML: %s"),
                                 problem);
}

static void
emit (AlYamlWriter *writer, yaml_event_t *event)
{
  if (writer->error != NULL)
    {
      yaml_event_delete (event);
      return;
    }
  /* The emitter frees the event whether or not it succeeds. */
  if (!yaml_emitter_emit (&writer->emitter, event))
    fail (writer, writer->emitter.problem ? writer->emitter.problem : _("unknown problem"));
}

/* Room for @size more bytes at the end of the recording. */
static char *
recording_reserve (AlYamlWriter *writer, gsize size)
{
  char *end;

  if (writer->recording_len + size > writer->recording_size)
    {
      writer->recording_size = MAX (MAX (writer->recording_size * 2, RECORDING_SIZE),
                                    writer->recording_len + size);
      writer->recording = g_realloc (writer->recording, writer->recording_size);
    }
  end = writer->recording + writer->recording_len;
  writer->recording_len += size;
  return end;
}

/* Records @op when @writer is a recorder. */
static gboolean
record (AlYamlWriter *writer, guint8 op)
{
  if (!writer->recorder)
    return FALSE;
  *recording_reserve (writer, 1) = (char) op;
  return TRUE;
}

AlYamlWriter *
al_yaml_writer_new (void)
{
  AlYamlWriter *writer = g_new0 (AlYamlWriter, 1);

  writer->out = g_string_sized_new (16384);
  al_yaml_writer_reset (writer);
  return writer;
}

AlYamlWriter *
al_yaml_writer_new_recorder (void)
{
  AlYamlWriter *writer = g_new0 (AlYamlWriter, 1);

  writer->recorder = TRUE;
  return writer;
}

void
al_yaml_writer_reset (AlYamlWriter *writer)
{
  yaml_event_t event;

  g_return_if_fail (writer != NULL);

  g_clear_error (&writer->error);
  writer->n_documents = 0;
  writer->finished = FALSE;
  if (writer->recorder)
    {
      writer->recording_len = 0;
      return;
    }

  if (writer->initialized)
    yaml_emitter_delete (&writer->emitter);
  g_string_truncate (writer->out, 0);
  yaml_emitter_initialize (&writer->emitter);
  writer->initialized = TRUE;
  yaml_emitter_set_output (&writer->emitter, append_output, writer->out);
  yaml_emitter_set_encoding (&writer->emitter, YAML_UTF8_ENCODING);
  yaml_emitter_set_unicode (&writer->emitter, 1);
  yaml_emitter_set_indent (&writer->emitter, 2);
  /* No folding of long scalars: lines stay as long as their values. */
  yaml_emitter_set_width (&writer->emitter, -1);
  yaml_emitter_set_break (&writer->emitter, YAML_LN_BREAK);

  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  emit (writer, &event);
}

void
al_yaml_writer_free (AlYamlWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->initialized)
    yaml_emitter_delete (&writer->emitter);
  g_clear_error (&writer->error);
  if (writer->out != NULL)
    g_string_free (writer->out, TRUE);
  g_free (writer->recording);
  g_free (writer);
}

void
al_yaml_writer_begin_document (AlYamlWriter *writer)
{
  yaml_event_t event;

  if (record (writer, OP_BEGIN_DOCUMENT))
    return;
  /* The first document needs no "---"; libyaml puts one before every later
   * document. */
  yaml_document_start_event_initialize (&event, NULL, NULL, NULL, writer->n_documents == 0);
  writer->n_documents++;
  emit (writer, &event);
}

void
al_yaml_writer_end_document (AlYamlWriter *writer)
{
  yaml_event_t event;

  if (record (writer, OP_END_DOCUMENT))
    return;
  yaml_document_end_event_initialize (&event, 1);
  emit (writer, &event);
}

void
al_yaml_writer_begin_mapping (AlYamlWriter *writer)
{
  yaml_event_t event;

  if (record (writer, OP_BEGIN_MAPPING))
    return;
  yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  emit (writer, &event);
}

void
al_yaml_writer_end_mapping (AlYamlWriter *writer)
{
  yaml_event_t event;

  if (record (writer, OP_END_MAPPING))
    return;
  yaml_mapping_end_event_initialize (&event);
  emit (writer, &event);
}

void
al_yaml_writer_begin_sequence (AlYamlWriter *writer)
{
  yaml_event_t event;

  if (record (writer, OP_BEGIN_SEQUENCE))
    return;
  yaml_sequence_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
  emit (writer, &event);
}

void
al_yaml_writer_end_sequence (AlYamlWriter *writer)
{
  yaml_event_t event;

  if (record (writer, OP_END_SEQUENCE))
    return;
  yaml_sequence_end_event_initialize (&event);
  emit (writer, &event);
}

/* Strings may be quoted by the emitter when it finds plain unfit; other
 * scalars must stay plain, so they may not be written implicitly quoted. */
static void
emit_scalar (AlYamlWriter *writer, const char *value, gsize length, yaml_scalar_style_t style,
             gboolean is_string)
{
  yaml_event_t event;

  if (writer->error != NULL)
    return;
  /* libyaml counts in int; beyond that is a resource limit like any other. */
  if (length > G_MAXINT)
    {
      fail (writer, _("out of memory"));
      return;
    }
  if (writer->recorder)
    {
      guint32 length32 = (guint32) length;
      char *p = recording_reserve (writer, 2 + sizeof length32 + length);

      p[0] = OP_SCALAR;
      p[1] = (char) (style | (is_string ? 0x80 : 0));
      memcpy (p + 2, &length32, sizeof length32);
      memcpy (p + 2 + sizeof length32, value, length);
      return;
    }
  if (!yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) value, (int) length, 1,
                                     is_string, style))
    {
      fail (writer, _("out of memory"));
      return;
    }
  emit (writer, &event);
}

void
al_yaml_writer_string (AlYamlWriter *writer, const char *value)
{
  StringShape shape;
  yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;

  if (writer->error != NULL)
    return;
  /* What a JSON tree holds for a null string. */
  if (value == NULL)
    {
      emit_scalar (writer, "null", 4, YAML_PLAIN_SCALAR_STYLE, FALSE);
      return;
    }
  scan_string (value, &shape);
  /* libyaml accepts encoded surrogates and code points past U+10FFFF. */
  if (!shape.ascii && !g_utf8_validate (value, shape.length, NULL))
    {
      fail (writer, _("a string is not valid UTF-8"));
      return;
    }
  if (shape.literal)
    style = YAML_LITERAL_SCALAR_STYLE;
  else if (shape.needs_quotes)
    style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
  emit_scalar (writer, value, shape.length, style, TRUE);
}

void
al_yaml_writer_int (AlYamlWriter *writer, gint64 value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  emit_scalar (writer, p, buf + sizeof buf - p, YAML_PLAIN_SCALAR_STYLE, FALSE);
}

void
al_yaml_writer_boolean (AlYamlWriter *writer, gboolean value)
{
  emit_scalar (writer, value ? "true" : "false", value ? 4 : 5, YAML_PLAIN_SCALAR_STYLE, FALSE);
}

GBytes *
al_yaml_writer_take_recording (AlYamlWriter *recorder, GError **error)
{
  gsize length;

  g_return_val_if_fail (recorder != NULL && recorder->recorder, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = recorder->recording_len;
  recorder->recording_len = 0;
  if (recorder->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&recorder->error));
      return NULL;
    }
  recorder->recording_size = 0;
  return g_bytes_new_take (g_steal_pointer (&recorder->recording), length);
}

void
al_yaml_writer_replay (AlYamlWriter *writer, GBytes *recording)
{
  gsize size;
  const char *p = g_bytes_get_data (recording, &size);
  const char *end = p + size;

  g_return_if_fail (writer != NULL && !writer->recorder);

  while (p < end && writer->error == NULL)
    switch (*p++)
      {
      case OP_BEGIN_DOCUMENT:
        al_yaml_writer_begin_document (writer);
        break;
      case OP_END_DOCUMENT:
        al_yaml_writer_end_document (writer);
        break;
      case OP_BEGIN_MAPPING:
        al_yaml_writer_begin_mapping (writer);
        break;
      case OP_END_MAPPING:
        al_yaml_writer_end_mapping (writer);
        break;
      case OP_BEGIN_SEQUENCE:
        al_yaml_writer_begin_sequence (writer);
        break;
      case OP_END_SEQUENCE:
        al_yaml_writer_end_sequence (writer);
        break;
      case OP_SCALAR:
        {
          guint8 flags = (guint8) p[0];
          guint32 length;

          memcpy (&length, p + 1, sizeof length);
          p += 1 + sizeof length;
          emit_scalar (writer, p, length, (yaml_scalar_style_t) (flags & 0x7f), flags & 0x80);
          p += length;
          break;
        }
      default:
        g_return_if_reached ();
      }
}

static void
emit_double (AlYamlWriter *writer, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 2];

  if (isnan (value))
    strcpy (buf, ".nan");
  else if (isinf (value))
    strcpy (buf, value > 0 ? ".inf" : "-.inf");
  else
    {
      g_ascii_dtostr (buf, G_ASCII_DTOSTR_BUF_SIZE, value);
      /* "1" would read back as an integer. */
      if (strpbrk (buf, ".eE") == NULL)
        strcat (buf, ".0");
    }
  emit_scalar (writer, buf, strlen (buf), YAML_PLAIN_SCALAR_STYLE, FALSE);
}

static void
emit_value (AlYamlWriter *writer, JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    al_yaml_writer_string (writer, json_node_get_string (node));
  else if (type == G_TYPE_BOOLEAN)
    al_yaml_writer_boolean (writer, json_node_get_boolean (node));
  else if (type == G_TYPE_DOUBLE)
    emit_double (writer, json_node_get_double (node));
  else
    al_yaml_writer_int (writer, json_node_get_int (node));
}

void
al_yaml_writer_node (AlYamlWriter *writer, JsonNode *node)
{
  if (writer->error != NULL)
    return;
  if (node == NULL)
    {
      emit_scalar (writer, "null", 4, YAML_PLAIN_SCALAR_STYLE, FALSE);
      return;
    }
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        al_yaml_writer_begin_mapping (writer);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            al_yaml_writer_string (writer, name);
            al_yaml_writer_node (writer, member);
          }
        al_yaml_writer_end_mapping (writer);
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        al_yaml_writer_begin_sequence (writer);
        for (guint i = 0; i < n; i++)
          al_yaml_writer_node (writer, json_array_get_element (array, i));
        al_yaml_writer_end_sequence (writer);
        break;
      }
    case JSON_NODE_VALUE:
      emit_value (writer, node);
      break;
    case JSON_NODE_NULL:
    default:
      emit_scalar (writer, "null", 4, YAML_PLAIN_SCALAR_STYLE, FALSE);
      break;
    }
}

const char *
al_yaml_writer_finish (AlYamlWriter *writer, gsize *length, GError **error)
{
  yaml_event_t event;

  g_return_val_if_fail (writer != NULL && !writer->recorder, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!writer->finished)
    {
      writer->finished = TRUE;
      yaml_stream_end_event_initialize (&event);
      emit (writer, &event);
      if (writer->error == NULL && !yaml_emitter_flush (&writer->emitter))
        fail (writer, writer->emitter.problem ? writer->emitter.problem : _("unknown problem"));
    }
  if (writer->error != NULL)
    {
      g_propagate_error (error, g_error_copy (writer->error));
      return NULL;
    }
  if (length != NULL)
    *length = writer->out->len;
  return writer->out->str;
}

/* Trees ------------------------------------------------------------------ */

GBytes *
al_yaml_write_documents (JsonNode *const *documents, guint n_documents, GError **error)
{
  g_autoptr (AlYamlWriter) writer = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (documents != NULL || n_documents == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  writer = al_yaml_writer_new ();
  for (guint i = 0; i < n_documents; i++)
    {
      al_yaml_writer_begin_document (writer);
      al_yaml_writer_node (writer, documents[i]);
      al_yaml_writer_end_document (writer);
    }
  text = al_yaml_writer_finish (writer, &length, error);
  return text != NULL ? g_bytes_new (text, length) : NULL;
}

GBytes *
al_yaml_write_node (JsonNode *node, GError **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  return al_yaml_write_documents (&node, 1, error);
}
