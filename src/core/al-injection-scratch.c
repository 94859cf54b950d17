/* The resolver's working memory: a bump arena and the table of one
 * component's names, both kept from one component to the next. */
#include "al-injection-private.h"

#include <string.h>

#define ARENA_BLOCK_SIZE 4096

gpointer
al_arena_alloc (AlArena *arena, gsize size)
{
  AlArenaBlock block;

  size = (size + 7) & ~(gsize) 7;
  while (arena->current < arena->blocks->len)
    {
      AlArenaBlock *current = &g_array_index (arena->blocks, AlArenaBlock, arena->current);

      if (current->size - arena->used >= size)
        {
          gpointer memory = current->data + arena->used;
          arena->used += size;
          return memory;
        }
      arena->current++;
      arena->used = 0;
    }
  block.size = MAX (size, ARENA_BLOCK_SIZE);
  block.data = g_malloc (block.size);
  g_array_append_val (arena->blocks, block);
  arena->used = size;
  return block.data;
}

const char *
al_arena_strndup (AlArena *arena, const char *text, gsize length)
{
  char *copy = al_arena_alloc (arena, length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

void
al_arena_reset (AlArena *arena)
{
  arena->current = 0;
  arena->used = 0;
}

void
al_arena_clear (AlArena *arena)
{
  for (guint i = 0; i < arena->blocks->len; i++)
    g_free (g_array_index (arena->blocks, AlArenaBlock, i).data);
  g_array_unref (arena->blocks);
}

#define NAME_TABLE_MIN_SIZE 64

void
al_name_table_init (AlNameTable *table)
{
  table->size = NAME_TABLE_MIN_SIZE;
  table->entries = g_new0 (AlNameEntry, table->size);
  table->count = 0;
  table->generation = 1;
}

void
al_name_table_clear (AlNameTable *table)
{
  table->count = 0;
  if (++table->generation == 0)
    {
      memset (table->entries, 0, table->size * sizeof (AlNameEntry));
      table->generation = 1;
    }
}

static AlNameEntry *
name_table_probe (AlNameTable *table, const char *name, guint hash)
{
  guint mask = table->size - 1;

  for (guint i = hash & mask;; i = (i + 1) & mask)
    {
      AlNameEntry *entry = &table->entries[i];

      if (entry->generation != table->generation
          || (entry->hash == hash && strcmp (entry->name, name) == 0))
        return entry;
    }
}

static void
name_table_grow (AlNameTable *table)
{
  AlNameEntry *old = table->entries;
  guint old_size = table->size;

  table->size *= 2;
  table->entries = g_new0 (AlNameEntry, table->size);
  for (guint i = 0; i < old_size; i++)
    if (old[i].generation == table->generation)
      *name_table_probe (table, old[i].name, old[i].hash) = old[i];
  g_free (old);
}

AlEnvSlot *
al_name_table_lookup (AlNameTable *table, const char *name, gboolean create)
{
  guint hash = g_str_hash (name);
  AlNameEntry *entry = name_table_probe (table, name, hash);

  if (entry->generation == table->generation)
    return &entry->slot;
  if (!create)
    return NULL;
  if ((table->count + 1) * 2 > table->size)
    {
      name_table_grow (table);
      entry = name_table_probe (table, name, hash);
    }
  entry->name = name;
  entry->hash = hash;
  entry->generation = table->generation;
  memset (&entry->slot, 0, sizeof entry->slot);
  table->count++;
  return &entry->slot;
}

