/* Typed reading of a parsed tree; paths are built only for problems. */
#include "al-json-reader.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "al-document-io.h"
#include "al-extras.h"
#include "al-json-check.h"
#include "al-json-path.h"

/* A person reads the first few; a hostile document could hold millions. */
#define MAX_PROBLEMS 1000
/* Heap bytes, measured with GLib 2.74 on 64-bit Linux and rounded up: a
 * string's allocation (the text of them all is bounded by the document's);
 * a value kept for an unknown key, as a json-glib node. */
#define COST_STRING  48
#define COST_UNKNOWN 320
/* Half again what a design of 40,000 components takes: with the text and
 * its tree, what bounds the memory a hostile document can make us use. */
#define MAX_COST_MIB 384
#define MAX_COST     ((gsize) MAX_COST_MIB * 1024 * 1024)
/* components[3].env[0].secret_ref is the deepest a document goes. */
#define MAX_STEPS 8

/* A member, or an index when @member is %NULL. */
typedef struct
{
  const char *member;
  guint index;
} Step;

struct _AlJsonReader
{
  const AlJsonDom *dom;
  Step steps[MAX_STEPS];
  guint n_steps;
  GPtrArray *problems;
  guint n_before; /* problems already in the array when reading began */
  gsize cost;     /* of what was built so far, estimated */
  gboolean stopped;
  gboolean too_large;
};

AlJsonReader *
al_json_reader_new (const AlJsonDom *dom, GPtrArray *problems)
{
  AlJsonReader *r = g_new0 (AlJsonReader, 1);

  r->dom = dom;
  r->problems = g_ptr_array_ref (problems);
  r->n_before = problems->len;
  return r;
}

void
al_json_reader_free (AlJsonReader *r)
{
  if (r == NULL)
    return;
  g_ptr_array_unref (r->problems);
  g_free (r);
}

const AlJsonDom *
al_json_reader_get_dom (AlJsonReader *r)
{
  return r->dom;
}

gboolean
al_json_reader_failed (AlJsonReader *r)
{
  return r->problems->len > r->n_before;
}

gboolean
al_json_reader_too_large (AlJsonReader *r)
{
  return r->too_large;
}

void
al_json_reader_push_member (AlJsonReader *r, const char *member)
{
  g_assert (r->n_steps < MAX_STEPS);
  r->steps[r->n_steps++] = (Step) { member, 0 };
}

void
al_json_reader_push_index (AlJsonReader *r, guint index)
{
  g_assert (r->n_steps < MAX_STEPS);
  r->steps[r->n_steps++] = (Step) { NULL, index };
}

void
al_json_reader_pop (AlJsonReader *r)
{
  g_assert (r->n_steps > 0);
  r->n_steps--;
}

static char *
format_path (AlJsonReader *r, const char *member)
{
  g_autoptr (AlJsonPath) path = al_json_path_new ();

  for (guint i = 0; i < r->n_steps; i++)
    {
      if (r->steps[i].member != NULL)
        al_json_path_push_member (path, r->steps[i].member);
      else
        al_json_path_push_index (path, r->steps[i].index);
    }
  if (member != NULL)
    al_json_path_push_member (path, member);
  return g_strdup (al_json_path_get (path));
}

void
al_json_reader_report (AlJsonReader *r, const char *member, const char *format, ...)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  if (r->stopped)
    return;
  if (r->problems->len - r->n_before >= MAX_PROBLEMS)
    {
      path = format_path (r, NULL);
      g_ptr_array_add (r->problems,
                       al_load_problem_new (path, _("too many problems: reading stopped here")));
      r->stopped = TRUE;
      return;
    }
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  path = format_path (r, member);
  g_ptr_array_add (r->problems, al_load_problem_new (path, message));
}

void
al_json_reader_charge (AlJsonReader *r, gsize bytes)
{
  r->cost += bytes;
  if (r->cost <= MAX_COST || r->too_large)
    return;
  al_json_reader_report (
    r, NULL, _("the document is too large: reading it takes more than %u MiB of memory"),
    MAX_COST_MIB);
  r->too_large = TRUE;
  r->stopped = TRUE;
}

static AlJsonType
type_of (AlJsonReader *r, guint node)
{
  return al_json_dom_type (r->dom, node);
}

const char *
al_json_reader_describe (AlJsonReader *r, guint node)
{
  switch (type_of (r, node))
    {
    case AL_JSON_OBJECT: return _("an object");
    case AL_JSON_ARRAY: return _("an array");
    case AL_JSON_NULL: return "null";
    case AL_JSON_INTEGER: return _("an integer");
    case AL_JSON_DOUBLE: return _("a decimal number");
    case AL_JSON_TRUE: return "true";
    case AL_JSON_FALSE: return "false";
    case AL_JSON_STRING:
    default:
      return _("a string");
    }
}

/* The index of @name in @keys, or @n_keys; looking from @from on first,
 * as members tend to come in the order of @keys. */
static guint
find_key (const char *const *keys, guint n_keys, const char *name, guint from)
{
  guint i = from < n_keys ? from : 0;

  for (guint j = 0; j < n_keys; j++, i = i + 1 < n_keys ? i + 1 : 0)
    if (keys[i][0] == name[0] && strcmp (keys[i], name) == 0)
      return i;
  return n_keys;
}

/* Keys are unique (the parser saw to it): each known one matches once. */
void
al_json_reader_match (AlJsonReader *r, guint object, const char *const *keys, guint n_keys,
                      AlJsonMembers *m)
{
  const AlJsonDom *dom = r->dom;
  guint end = al_json_dom_next (dom, object), next = 0;

  g_assert (n_keys > 0 && n_keys <= AL_JSON_READER_MAX_KEYS);
  memset (m, 0, sizeof *m);
  m->object = object;
  m->keys = keys;
  m->n_keys = n_keys;
  for (guint key = object + 1; key < end; key = al_json_dom_next (dom, key + 1))
    {
      guint i = find_key (keys, n_keys, al_json_dom_get_string (dom, key), next);

      if (i < n_keys)
        {
          m->value[i] = key + 1;
          next = i + 1;
        }
      else
        m->n_unknown++;
    }
}

guint
al_json_reader_member (AlJsonReader *r, const AlJsonMembers *m, guint k, gboolean required)
{
  if (m->value[k] == 0 && required)
    al_json_reader_report (r, m->keys[k], "%s", _("is required"));
  return m->value[k];
}

gboolean
al_json_reader_string (AlJsonReader *r, const AlJsonMembers *m, guint k, gboolean required,
                       const char **out)
{
  guint node = al_json_reader_member (r, m, k, required);

  if (node == 0)
    return FALSE;
  if (type_of (r, node) != AL_JSON_STRING)
    {
      al_json_reader_report (r, m->keys[k], _("must be a string, not %s"),
                             al_json_reader_describe (r, node));
      return FALSE;
    }
  *out = al_json_dom_get_string (r->dom, node);
  al_json_reader_charge (r, COST_STRING);
  return TRUE;
}

gboolean
al_json_reader_int_at (AlJsonReader *r, guint node, const char *key, int *out)
{
  gint64 value;

  if (type_of (r, node) != AL_JSON_INTEGER)
    {
      al_json_reader_report (r, key, _("must be an integer, not %s"),
                             al_json_reader_describe (r, node));
      return FALSE;
    }
  value = al_json_dom_get_int (r->dom, node);
  if (value < G_MININT || value > G_MAXINT)
    {
      al_json_reader_report (r, key, _("must be an integer from %d to %d"), G_MININT, G_MAXINT);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

gboolean
al_json_reader_int (AlJsonReader *r, const AlJsonMembers *m, guint k, gboolean required, int *out)
{
  guint node = al_json_reader_member (r, m, k, required);

  return node != 0 && al_json_reader_int_at (r, node, m->keys[k], out);
}

gboolean
al_json_reader_bool (AlJsonReader *r, const AlJsonMembers *m, guint k, gboolean *out)
{
  guint node = al_json_reader_member (r, m, k, FALSE);

  if (node == 0)
    return FALSE;
  if (type_of (r, node) != AL_JSON_TRUE && type_of (r, node) != AL_JSON_FALSE)
    {
      al_json_reader_report (r, m->keys[k], _("must be true or false, not %s"),
                             al_json_reader_describe (r, node));
      return FALSE;
    }
  *out = type_of (r, node) == AL_JSON_TRUE;
  return TRUE;
}

gboolean
al_json_reader_coordinate (AlJsonReader *r, const AlJsonMembers *m, guint k, float *out)
{
  guint node = al_json_reader_member (r, m, k, FALSE);
  double value;

  if (node == 0)
    return FALSE;
  if (type_of (r, node) != AL_JSON_INTEGER && type_of (r, node) != AL_JSON_DOUBLE)
    {
      al_json_reader_report (r, m->keys[k], _("must be a number, not %s"),
                             al_json_reader_describe (r, node));
      return FALSE;
    }
  value = al_json_dom_get_double (r->dom, node);
  if (fabs (value) > FLT_MAX)
    {
      al_json_reader_report (r, m->keys[k], "%s", _("is too large for a position"));
      return FALSE;
    }
  *out = (float) value;
  return TRUE;
}

guint
al_json_reader_container (AlJsonReader *r, const AlJsonMembers *m, guint k, gboolean required,
                          AlJsonType type)
{
  guint node = al_json_reader_member (r, m, k, required);

  if (node == 0)
    return 0;
  if (type_of (r, node) != type)
    {
      al_json_reader_report (r, m->keys[k],
                             type == AL_JSON_OBJECT ? _("must be an object, not %s")
                                                    : _("must be an array, not %s"),
                             al_json_reader_describe (r, node));
      return 0;
    }
  return node;
}

gboolean
al_json_reader_enum (AlJsonReader *r, const AlJsonMembers *m, guint k, gboolean required,
                     AlJsonEnumFromString from_string, const char *choices, int *out)
{
  const char *value;

  if (!al_json_reader_string (r, m, k, required, &value))
    return FALSE;
  if (!from_string (value, out))
    {
      g_autofree char *shown = al_json_excerpt (value, 60);
      al_json_reader_report (r, m->keys[k], _("must be one of %s, not “%s”"), choices, shown);
      return FALSE;
    }
  return TRUE;
}

const char **
al_json_reader_string_list (AlJsonReader *r, const AlJsonMembers *m, guint k)
{
  guint array = al_json_reader_container (r, m, k, FALSE, AL_JSON_ARRAY);
  g_autoptr (GPtrArray) strings = NULL;
  gboolean ok = TRUE;
  guint i = 0;

  if (array == 0)
    return NULL;
  strings = g_ptr_array_sized_new (al_json_dom_count (r->dom, array) + 1);
  al_json_reader_push_member (r, m->keys[k]);
  for (guint node = array + 1; node < al_json_dom_next (r->dom, array);
       node = al_json_dom_next (r->dom, node), i++)
    {
      if (type_of (r, node) == AL_JSON_STRING)
        {
          g_ptr_array_add (strings, (gpointer) al_json_dom_get_string (r->dom, node));
          al_json_reader_charge (r, COST_STRING);
          continue;
        }
      al_json_reader_push_index (r, i);
      al_json_reader_report (r, NULL, _("must be a string, not %s"),
                             al_json_reader_describe (r, node));
      al_json_reader_pop (r);
      ok = FALSE;
    }
  al_json_reader_pop (r);
  if (!ok)
    return NULL;
  g_ptr_array_add (strings, NULL);
  return (const char **) g_ptr_array_free (g_steal_pointer (&strings), FALSE);
}

void
al_json_reader_list (AlJsonReader *r, const AlJsonMembers *m, guint k, AlJsonReadItem read_item,
                     gpointer data)
{
  guint array = al_json_reader_container (r, m, k, FALSE, AL_JSON_ARRAY);
  guint i = 0;

  if (array == 0)
    return;
  al_json_reader_push_member (r, m->keys[k]);
  for (guint node = array + 1; node < al_json_dom_next (r->dom, array) && !r->stopped;
       node = al_json_dom_next (r->dom, node), i++)
    {
      al_json_reader_push_index (r, i);
      if (type_of (r, node) == AL_JSON_OBJECT)
        read_item (r, node, data);
      else
        al_json_reader_report (r, NULL, _("must be an object, not %s"),
                               al_json_reader_describe (r, node));
      al_json_reader_pop (r);
    }
  al_json_reader_pop (r);
}

void
al_json_reader_keep_unknown (AlJsonReader *r, gpointer owner, const char *section,
                             const AlJsonMembers *m, guint32 known)
{
  const AlJsonDom *dom = r->dom;
  g_autoptr (JsonObject) extras = NULL;
  gboolean any = m->n_unknown > 0;
  guint end = al_json_dom_next (dom, m->object);

  for (guint i = 0; i < m->n_keys && !any; i++)
    any = m->value[i] != 0 && !(known & (1u << i));
  /* A document with problems is dropped: its extras would be too. */
  if (!any || al_json_reader_failed (r))
    return;
  for (guint key = m->object + 1; key < end; key = al_json_dom_next (dom, key + 1))
    {
      const char *name = al_json_dom_get_string (dom, key);
      guint i = find_key (m->keys, m->n_keys, name, 0);
      guint budget, left;
      JsonNode *node;

      if (i < m->n_keys && (known & (1u << i)))
        continue;
      budget = (guint) MIN ((MAX_COST - MIN (r->cost, MAX_COST)) / COST_UNKNOWN, G_MAXUINT);
      left = budget;
      node = al_json_dom_to_node (dom, key + 1, &left);
      al_json_reader_charge (r, (gsize) (budget - left) * COST_UNKNOWN);
      if (node == NULL)
        {
          al_json_reader_push_member (r, name);
          al_json_reader_charge (r, MAX_COST);
          al_json_reader_pop (r);
          return;
        }
      if (extras == NULL)
        extras = json_object_new ();
      json_object_set_member (extras, name, node);
    }
  al_extras_set (owner, section, extras);
}
