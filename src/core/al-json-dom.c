/* Reading the compact tree made by al_json_dom_parse() (al-json-check.c). */
#include "al-json-dom.h"

#include <string.h>

void
al_json_dom_free (AlJsonDom *dom)
{
  if (dom == NULL)
    return;
  g_free (dom->values);
  g_free (dom);
}

/* The four hex digits at @p, already checked. */
static gunichar
hex4 (const char *p)
{
  gunichar value = 0;

  for (guint i = 0; i < 4; i++)
    value = value * 16 + (gunichar) g_ascii_xdigit_value (p[i]);
  return value;
}

gsize
al_json_unescape (const char *raw, char *out)
{
  gsize i = 0, o = 0;

  while (raw[i] != '\0')
    {
      gunichar unit;

      if (raw[i] != '\\')
        {
          out[o++] = raw[i++];
          continue;
        }
      switch (raw[i + 1])
        {
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u':
          unit = hex4 (raw + i + 2);
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              unit = 0x10000 + ((unit - 0xD800) << 10) + (hex4 (raw + i + 8) - 0xDC00);
              i += 6;
            }
          i += 6;
          o += (gsize) g_unichar_to_utf8 (unit, out + o);
          continue;
        default: out[o++] = raw[i + 1]; break; /* " \\ / */
        }
      i += 2;
    }
  out[o] = '\0';
  return o;
}

guint
al_json_dom_count (const AlJsonDom *dom, guint index)
{
  guint n = 0;

  for (guint i = index + 1; i < dom->values[index].end; i = dom->values[i].end)
    n++;
  return n;
}

gint64
al_json_dom_get_int (const AlJsonDom *dom, guint index)
{
  const AlJsonValue *value = &dom->values[index];
  const char *p = dom->text + value->offset;
  gboolean negative = *p == '-';
  guint64 magnitude = 0;

  g_return_val_if_fail (value->type == AL_JSON_INTEGER, 0);

  /* The parser checked that it fits. */
  for (p += negative; g_ascii_isdigit (*p); p++)
    magnitude = magnitude * 10 + (guint64) (*p - '0');
  if (negative && magnitude > 0)
    return -(gint64) (magnitude - 1) - 1;
  return (gint64) magnitude;
}

double
al_json_parse_double (const char *text)
{
  char buffer[64];
  g_autofree char *copy = NULL;
  gsize length = strspn (text, "0123456789+-.eE");

  /* The text goes on past the number: copy it to end it. */
  if (length < sizeof buffer)
    {
      memcpy (buffer, text, length);
      buffer[length] = '\0';
      return g_ascii_strtod (buffer, NULL);
    }
  copy = g_strndup (text, length);
  return g_ascii_strtod (copy, NULL);
}

double
al_json_dom_get_double (const AlJsonDom *dom, guint index)
{
  const AlJsonValue *value = &dom->values[index];

  if (value->type == AL_JSON_INTEGER)
    return (double) al_json_dom_get_int (dom, index);
  g_return_val_if_fail (value->type == AL_JSON_DOUBLE, 0.0);
  return al_json_parse_double (dom->text + value->offset);
}

/* Recursion is bounded by the depth the parser allowed. */
JsonNode *
al_json_dom_to_node (const AlJsonDom *dom, guint index, guint *budget)
{
  const AlJsonValue *value = &dom->values[index];
  JsonNode *node;

  g_return_val_if_fail (index < dom->n_values, NULL);

  if (*budget == 0)
    return NULL;
  (*budget)--;
  switch ((AlJsonType) value->type)
    {
    case AL_JSON_NULL:
      return json_node_init_null (json_node_alloc ());
    case AL_JSON_FALSE:
    case AL_JSON_TRUE:
      return json_node_init_boolean (json_node_alloc (), value->type == AL_JSON_TRUE);
    case AL_JSON_INTEGER:
      return json_node_init_int (json_node_alloc (), al_json_dom_get_int (dom, index));
    case AL_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), al_json_dom_get_double (dom, index));
    case AL_JSON_STRING:
      return json_node_init_string (json_node_alloc (), al_json_dom_get_string (dom, index));
    case AL_JSON_ARRAY:
      {
        JsonArray *array = json_array_new ();

        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        for (guint i = index + 1; i < value->end; i = dom->values[i].end)
          {
            JsonNode *element = al_json_dom_to_node (dom, i, budget);

            if (element == NULL)
              {
                json_node_unref (node);
                return NULL;
              }
            json_array_add_element (array, element);
          }
        return node;
      }
    case AL_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();

        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
        for (guint key = index + 1; key < value->end; key = dom->values[key + 1].end)
          {
            JsonNode *member = al_json_dom_to_node (dom, key + 1, budget);

            if (member == NULL)
              {
                json_node_unref (node);
                return NULL;
              }
            json_object_set_member (object, al_json_dom_get_string (dom, key), member);
          }
        return node;
      }
    default:
      g_return_val_if_reached (NULL);
    }
}
