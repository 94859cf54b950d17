/* Duplicate keys, found in one pass: small objects compare each new key
 * with the earlier ones, large ones keep a hash set. */
#include "al-json-keys.h"

#include <string.h>

/* Up to this many members, comparing is cheaper than hashing. */
#define SMALL_OBJECT 32

/* A key of a small object, with what tells most keys apart. */
typedef struct
{
  guint32 index;
  guint32 length;  /* bytes between the quotes */
  guint32 head;    /* the first four of them, zero-padded */
  gboolean escaped;
} Entry;

/* The keys of one large object, by content. Seeded, so that a document
 * cannot be written to make every key collide. */
typedef struct
{
  guint64 *slots; /* hash << 32 | key index + 1; 0 when free */
  guint32 mask;
  guint32 n;
  guint64 seed;
} Set;

typedef struct
{
  guint base; /* where its keys start in entries */
  Set *set;   /* once it is large; its keys are no longer in entries */
} Object;

struct _AlJsonKeys
{
  const AlJsonDom *dom;
  Entry *entries;
  guint n_entries;
  guint n_entries_allocated;
  GArray *objects;       /* of Object */
  GString *scratch[2];   /* unescaped keys */
};

AlJsonKeys *
al_json_keys_new (const AlJsonDom *dom)
{
  AlJsonKeys *keys = g_new0 (AlJsonKeys, 1);

  keys->dom = dom;
  keys->objects = g_array_new (FALSE, FALSE, sizeof (Object));
  keys->scratch[0] = g_string_new (NULL);
  keys->scratch[1] = g_string_new (NULL);
  return keys;
}

static void
set_free (Set *set)
{
  if (set == NULL)
    return;
  g_free (set->slots);
  g_free (set);
}

void
al_json_keys_free (AlJsonKeys *keys)
{
  if (keys == NULL)
    return;
  while (keys->objects->len > 0)
    al_json_keys_close (keys);
  g_array_unref (keys->objects);
  g_free (keys->entries);
  g_string_free (keys->scratch[0], TRUE);
  g_string_free (keys->scratch[1], TRUE);
  g_free (keys);
}

void
al_json_keys_open (AlJsonKeys *keys)
{
  Object object = { keys->n_entries, NULL };

  g_array_append_val (keys->objects, object);
}

void
al_json_keys_close (AlJsonKeys *keys)
{
  Object *object = &g_array_index (keys->objects, Object, keys->objects->len - 1);

  keys->n_entries = object->base;
  set_free (object->set);
  g_array_set_size (keys->objects, keys->objects->len - 1);
}

static const char *
unescaped (AlJsonKeys *keys, guint32 index, guint which)
{
  const AlJsonValue *value = &keys->dom->values[index];
  const char *raw = keys->dom->text + value->offset;
  GString *scratch = keys->scratch[which];

  if (!value->escaped)
    return raw;
  g_string_set_size (scratch, strlen (raw));
  g_string_set_size (scratch, al_json_unescape (raw, scratch->str));
  return scratch->str;
}

const char *
al_json_keys_text (AlJsonKeys *keys, guint32 index)
{
  return unescaped (keys, index, 0);
}

static gboolean
equal (AlJsonKeys *keys, guint32 a, guint32 b)
{
  return strcmp (unescaped (keys, a, 0), unescaped (keys, b, 1)) == 0;
}

static guint64
mix (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  return x ^ (x >> 33);
}

static guint32
hash (AlJsonKeys *keys, Set *set, guint32 index)
{
  const char *text = unescaped (keys, index, 0);
  gsize length = strlen (text), i = 0;
  guint64 h = set->seed ^ length;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      h = mix (h ^ word);
    }
  if (i < length)
    {
      guint64 word = 0;

      memcpy (&word, text + i, length - i);
      h = mix (h ^ word ^ G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
    }
  return (guint32) mix (h);
}

/* Adds the key at @index; FALSE when an equal key is there already. */
static gboolean
set_insert (AlJsonKeys *keys, Set *set, guint32 index)
{
  guint32 h = hash (keys, set, index), i;

  if ((set->n + 1) * 2 > set->mask + 1)
    {
      guint64 *old = set->slots;
      guint32 old_size = set->mask + 1;

      set->mask = old_size * 2 - 1;
      set->slots = g_new0 (guint64, set->mask + 1);
      for (guint32 j = 0; j < old_size; j++)
        if (old[j] != 0)
          {
            for (i = (guint32) (old[j] >> 32) & set->mask; set->slots[i] != 0;
                 i = (i + 1) & set->mask)
              ;
            set->slots[i] = old[j];
          }
      g_free (old);
    }
  for (i = h & set->mask; set->slots[i] != 0; i = (i + 1) & set->mask)
    if ((guint32) (set->slots[i] >> 32) == h && equal (keys, (guint32) set->slots[i] - 1, index))
      return FALSE;
  set->slots[i] = (guint64) h << 32 | (index + 1);
  set->n++;
  return TRUE;
}

gboolean
al_json_keys_add (AlJsonKeys *keys, guint32 index, guint32 length)
{
  Object *object = &g_array_index (keys->objects, Object, keys->objects->len - 1);
  const Entry *earlier = keys->entries + object->base;
  guint n = keys->n_entries - object->base;
  const char *text = keys->dom->text;
  Entry entry = { index, length, 0, keys->dom->values[index].escaped };

  if (object->set != NULL)
    return set_insert (keys, object->set, index);

  for (guint i = 0; i < 4 && text[keys->dom->values[index].offset + i] != '\0'; i++)
    entry.head |= (guint32) (guchar) text[keys->dom->values[index].offset + i] << (8 * i);
  for (guint i = 0; i < n; i++)
    {
      if (earlier[i].escaped || entry.escaped)
        {
          if (equal (keys, earlier[i].index, index))
            return FALSE;
        }
      else if (earlier[i].length == length && earlier[i].head == entry.head
               && memcmp (text + keys->dom->values[earlier[i].index].offset,
                          text + keys->dom->values[index].offset, length) == 0)
        return FALSE;
    }

  if (n + 1 >= SMALL_OBJECT)
    {
      /* Large: its keys move to a set. */
      object->set = g_new0 (Set, 1);
      object->set->mask = 4 * SMALL_OBJECT - 1;
      object->set->slots = g_new0 (guint64, object->set->mask + 1);
      object->set->seed = (guint64) g_random_int () << 32 | g_random_int ();
      for (guint i = 0; i < n; i++)
        set_insert (keys, object->set, earlier[i].index);
      set_insert (keys, object->set, index);
      keys->n_entries = object->base;
      return TRUE;
    }
  if (keys->n_entries == keys->n_entries_allocated)
    {
      keys->n_entries_allocated = MAX (64, keys->n_entries_allocated * 2);
      keys->entries = g_renew (Entry, keys->entries, keys->n_entries_allocated);
    }
  keys->entries[keys->n_entries++] = entry;
  return TRUE;
}
