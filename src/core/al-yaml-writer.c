#include "al-yaml-writer.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <yaml.h>

G_DEFINE_QUARK (al-yaml-error-quark, al_yaml_error)

/* Plain scalars that some YAML 1.1 or 1.2 reader resolves to something other
 * than a string. Deliberately generous: quoting a string that did not need
 * it is harmless, a number read back where a string was meant is not.
 * - anything made of digits, dots, underscores and colons (ints with "_",
 *   floats like ".5" or "1.", YAML 1.1 sexagesimals "1:30", and "1.2.3",
 *   which the 1.1 float pattern accepts), with an optional sign and
 *   exponent;
 * - binary, octal ("0o17" and the 1.1 "017") and hexadecimal ints;
 * - infinities and NaN;
 * - the booleans and nulls of both versions, in any case;
 * - dates and timestamps (by their leading "YYYY-M-D");
 * - the merge key "<<" and the 1.1 value key "=". */
static const char number_like_pattern[] =
  "\\A(?:"
  "[-+]?[0-9_.:]*[0-9][0-9_.:]*(?:e[-+]?[0-9]+)?"
  "|[-+]?0[box][0-9a-f_]+"
  "|[-+]?\\.(?:inf|nan)"
  "|y|n|yes|no|true|false|on|off|null|~"
  "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*"
  "|<<|="
  ")\\z";

static GRegex *
number_like_regex (void)
{
  static gsize once = 0;
  static GRegex *regex;

  if (g_once_init_enter (&once))
    {
      regex = g_regex_new (number_like_pattern,
                           G_REGEX_CASELESS | G_REGEX_DOTALL | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (regex != NULL);
      g_once_init_leave (&once, 1);
    }
  return regex;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

gboolean
al_yaml_string_needs_quotes (const char *str)
{
  gsize len;

  g_return_val_if_fail (str != NULL, TRUE);

  len = strlen (str);
  if (len == 0)
    return TRUE;
  /* Indicators that start another kind of node, or a directive / comment. */
  if (strchr ("-?:,[]{}#&*!|>'\"%@`", str[0]) != NULL)
    return TRUE;
  if (is_blank (str[0]) || is_blank (str[len - 1]))
    return TRUE;
  if (g_str_has_prefix (str, "...") || str[len - 1] == ':')
    return TRUE;
  for (const char *p = str; *p; p++)
    {
      guchar c = (guchar) *p;

      /* Line breaks, tabs and other control characters. */
      if (c < 0x20 || c == 0x7f)
        return TRUE;
      if (c == ':' && is_blank (p[1]))
        return TRUE;
      if (c == '#' && p > str && is_blank (p[-1]))
        return TRUE;
      /* NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks in
       * YAML 1.1; a BOM is never part of a plain scalar. */
      if ((c == 0xc2 && (guchar) p[1] == 0x85)
          || (c == 0xe2 && (guchar) p[1] == 0x80 && ((guchar) p[2] == 0xa8 || (guchar) p[2] == 0xa9))
          || (c == 0xef && (guchar) p[1] == 0xbb && (guchar) p[2] == 0xbf))
        return TRUE;
    }
  return g_regex_match (number_like_regex (), str, 0, NULL);
}

/* A string that spans lines reads best as a literal block. Carriage returns
 * and other control characters would not survive one, and a run of final
 * newlines needs "|+", after which libyaml ends the document with "...". */
static gboolean
prefers_literal (const char *str)
{
  gsize len = strlen (str);

  if (strchr (str, '\n') == NULL)
    return FALSE;
  if (str[len - 1] == '\n' && (len == 1 || str[len - 2] == '\n'))
    return FALSE;
  for (const char *p = str; *p; p++)
    {
      guchar c = (guchar) *p;
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  yaml_emitter_t emitter;
  GString *out;
  GError **error;
  gboolean failed;
} Writer;

static int
write_to_string (void *data, unsigned char *buffer, size_t size)
{
  GString *out = data;

  g_string_append_len (out, (const char *) buffer, size);
  return 1;
}

static gboolean
emit (Writer *writer, yaml_event_t *event)
{
  if (writer->failed)
    {
      yaml_event_delete (event);
      return FALSE;
    }
  /* The emitter frees the event whether or not it succeeds. */
  if (!yaml_emitter_emit (&writer->emitter, event))
    {
      writer->failed = TRUE;
      g_set_error (writer->error, AL_YAML_ERROR, AL_YAML_ERROR_EMIT, _("Cannot write YAML: %s"),
                   writer->emitter.problem ? writer->emitter.problem : _("unknown problem"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
emit_scalar (Writer *writer, const char *value, gboolean is_string)
{
  yaml_event_t event;
  yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;

  if (writer->failed)
    return FALSE;
  if (!g_utf8_validate (value, -1, NULL))
    {
      writer->failed = TRUE;
      g_set_error (writer->error, AL_YAML_ERROR, AL_YAML_ERROR_EMIT, _("Cannot write YAML: %s"),
                   _("a string is not valid UTF-8"));
      return FALSE;
    }
  if (is_string)
    {
      if (prefers_literal (value))
        style = YAML_LITERAL_SCALAR_STYLE;
      else if (al_yaml_string_needs_quotes (value))
        style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    }
  /* Strings may be quoted by the emitter when it finds plain unfit; other
   * scalars must stay plain, so they may not be written implicitly quoted. */
  if (!yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) value, (int) strlen (value),
                                     1, is_string, style))
    {
      writer->failed = TRUE;
      g_set_error (writer->error, AL_YAML_ERROR, AL_YAML_ERROR_EMIT, _("Cannot write YAML: %s"),
                   _("out of memory"));
      return FALSE;
    }
  return emit (writer, &event);
}

static char *
format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup (".nan");
  if (isinf (value))
    return g_strdup (value > 0 ? ".inf" : "-.inf");
  g_ascii_dtostr (buf, sizeof buf, value);
  /* "1" would read back as an integer. */
  if (strpbrk (buf, ".eE") == NULL)
    return g_strconcat (buf, ".0", NULL);
  return g_strdup (buf);
}

static gboolean emit_node (Writer *writer, JsonNode *node);

static gboolean
emit_object (Writer *writer, JsonObject *object)
{
  yaml_event_t event;
  g_autoptr (GList) members = json_object_get_members (object);

  yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  if (!emit (writer, &event))
    return FALSE;
  /* json_object_get_members() lists the members in insertion order. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!emit_scalar (writer, name, TRUE) || !emit_node (writer, json_object_get_member (object, name)))
        return FALSE;
    }
  yaml_mapping_end_event_initialize (&event);
  return emit (writer, &event);
}

static gboolean
emit_array (Writer *writer, JsonArray *array)
{
  yaml_event_t event;
  guint n = json_array_get_length (array);

  yaml_sequence_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
  if (!emit (writer, &event))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!emit_node (writer, json_array_get_element (array, i)))
      return FALSE;
  yaml_sequence_end_event_initialize (&event);
  return emit (writer, &event);
}

static gboolean
emit_value (Writer *writer, JsonNode *node)
{
  GType type = json_node_get_value_type (node);
  g_autofree char *text = NULL;

  if (type == G_TYPE_STRING)
    return emit_scalar (writer, json_node_get_string (node), TRUE);
  if (type == G_TYPE_BOOLEAN)
    return emit_scalar (writer, json_node_get_boolean (node) ? "true" : "false", FALSE);
  if (type == G_TYPE_DOUBLE)
    text = format_double (json_node_get_double (node));
  else
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return emit_scalar (writer, text, FALSE);
}

static gboolean
emit_node (Writer *writer, JsonNode *node)
{
  if (node == NULL)
    return emit_scalar (writer, "null", FALSE);
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return emit_object (writer, json_node_get_object (node));
    case JSON_NODE_ARRAY:
      return emit_array (writer, json_node_get_array (node));
    case JSON_NODE_VALUE:
      return emit_value (writer, node);
    case JSON_NODE_NULL:
    default:
      return emit_scalar (writer, "null", FALSE);
    }
}

GBytes *
al_yaml_write_documents (JsonNode *const *documents, guint n_documents, GError **error)
{
  Writer writer = { 0 };
  yaml_event_t event;
  gboolean ok;

  g_return_val_if_fail (documents != NULL || n_documents == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  writer.out = g_string_new (NULL);
  writer.error = error;
  yaml_emitter_initialize (&writer.emitter);
  yaml_emitter_set_output (&writer.emitter, write_to_string, writer.out);
  yaml_emitter_set_encoding (&writer.emitter, YAML_UTF8_ENCODING);
  yaml_emitter_set_unicode (&writer.emitter, 1);
  yaml_emitter_set_indent (&writer.emitter, 2);
  /* No folding of long scalars: lines stay as long as their values. */
  yaml_emitter_set_width (&writer.emitter, -1);
  yaml_emitter_set_break (&writer.emitter, YAML_LN_BREAK);

  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  emit (&writer, &event);
  for (guint i = 0; i < n_documents; i++)
    {
      /* The first document needs no "---"; libyaml puts one before every
       * later document. */
      yaml_document_start_event_initialize (&event, NULL, NULL, NULL, i == 0);
      emit (&writer, &event);
      emit_node (&writer, documents[i]);
      yaml_document_end_event_initialize (&event, 1);
      emit (&writer, &event);
    }
  yaml_stream_end_event_initialize (&event);
  emit (&writer, &event);
  ok = !writer.failed && yaml_emitter_flush (&writer.emitter);
  if (!ok && !writer.failed)
    g_set_error (error, AL_YAML_ERROR, AL_YAML_ERROR_EMIT, _("Cannot write YAML: %s"),
                 writer.emitter.problem ? writer.emitter.problem : _("unknown problem"));
  yaml_emitter_delete (&writer.emitter);

  if (!ok)
    {
      g_string_free (writer.out, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (writer.out);
}

GBytes *
al_yaml_write_node (JsonNode *node, GError **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  return al_yaml_write_documents (&node, 1, error);
}

