/* al-scene-grid.c: a uniform grid of buckets, the scene's spatial index */
#include "al-scene-private.h"

#include <math.h>
#include <string.h>

struct _AlGridBuilder
{
  AlGrid *grid;
  guint  *last_item;   /* per cell: the item that last covered it, + 1 */
  guint   item;
  GArray *pairs;       /* (cell, item), in item order */
};

typedef struct
{
  guint cell;
  guint item;
} Pair;

void
al_grid_init (AlGrid *grid, const graphene_rect_t *area, double cell, guint max_per_axis)
{
  double width = MAX (area->size.width, 1.0);
  double height = MAX (area->size.height, 1.0);

  al_grid_clear (grid);
  grid->cell = cell;
  while (width / grid->cell > max_per_axis || height / grid->cell > max_per_axis)
    grid->cell *= 2;
  grid->x = area->origin.x;
  grid->y = area->origin.y;
  grid->cols = (guint) ceil (width / grid->cell) + 1;
  grid->rows = (guint) ceil (height / grid->cell) + 1;
}

void
al_grid_clear (AlGrid *grid)
{
  g_clear_pointer (&grid->start, g_free);
  g_clear_pointer (&grid->items, g_free);
}

static inline guint
cell_coordinate (double v, double origin, double inverse_cell, guint n)
{
  double c = floor ((v - origin) * inverse_cell);

  if (!(c > 0))   /* also NaN */
    return 0;
  if (c >= n)
    return n - 1;
  return (guint) c;
}

static inline void
cell_range (const AlGrid *grid, const graphene_rect_t *r, guint *c0, guint *r0, guint *c1,
            guint *r1)
{
  double inverse = 1.0 / grid->cell;

  *c0 = cell_coordinate (r->origin.x, grid->x, inverse, grid->cols);
  *c1 = cell_coordinate (r->origin.x + r->size.width, grid->x, inverse, grid->cols);
  *r0 = cell_coordinate (r->origin.y, grid->y, inverse, grid->rows);
  *r1 = cell_coordinate (r->origin.y + r->size.height, grid->y, inverse, grid->rows);
}

void
al_grid_builder_cover (AlGridBuilder *builder, const graphene_rect_t *rect)
{
  AlGrid *grid = builder->grid;
  guint c0, r0, c1, r1;

  cell_range (grid, rect, &c0, &r0, &c1, &r1);
  for (guint y = r0; y <= r1; y++)
    for (guint x = c0; x <= c1; x++)
      {
        guint cell = y * grid->cols + x;
        Pair pair = { cell, builder->item };

        /* An item lists each cell once, however many of its rectangles
         * cover it (its rectangles come one after another). */
        if (builder->last_item[cell] == builder->item + 1)
          continue;
        builder->last_item[cell] = builder->item + 1;
        g_array_append_val (builder->pairs, pair);
      }
}

void
al_grid_build (AlGrid *grid, guint n_items, AlGridCoverFunc cover, gpointer user_data)
{
  guint n_cells = grid->cols * grid->rows;
  g_autofree guint *last_item = g_new0 (guint, n_cells);
  g_autoptr (GArray) pairs = g_array_sized_new (FALSE, FALSE, sizeof (Pair), n_items * 2);
  AlGridBuilder builder = { grid, last_item, 0, pairs };

  g_clear_pointer (&grid->start, g_free);
  g_clear_pointer (&grid->items, g_free);

  /* One pass over the items (covering is what costs), then a counting
   * sort of the (cell, item) pairs into the compressed form; items stay in
   * order within each cell. */
  for (builder.item = 0; builder.item < n_items; builder.item++)
    cover (&builder, builder.item, user_data);

  grid->start = g_new0 (guint, n_cells + 1);
  for (guint k = 0; k < pairs->len; k++)
    grid->start[g_array_index (pairs, Pair, k).cell + 1]++;
  for (guint c = 0; c < n_cells; c++)
    grid->start[c + 1] += grid->start[c];
  grid->items = g_new (guint, MAX (pairs->len, 1));
  /* start[c] serves as the fill cursor of cell c … */
  for (guint k = 0; k < pairs->len; k++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, k);

      grid->items[grid->start[pair->cell]++] = pair->item;
    }
  /* … and ends at the start of cell c + 1. */
  memmove (grid->start + 1, grid->start, n_cells * sizeof (guint));
  grid->start[0] = 0;
}

void
al_grid_query (const AlGrid *grid, const graphene_rect_t *rect, guint *stamps, guint stamp,
               gboolean (*keep) (gpointer data, guint item, const graphene_rect_t *rect),
               gpointer data, GArray *out)
{
  guint c0, r0, c1, r1;

  if (grid->start == NULL)
    return;
  cell_range (grid, rect, &c0, &r0, &c1, &r1);
  for (guint y = r0; y <= r1; y++)
    for (guint x = c0; x <= c1; x++)
      {
        guint cell = y * grid->cols + x;

        for (guint k = grid->start[cell]; k < grid->start[cell + 1]; k++)
          {
            guint item = grid->items[k];

            if (stamps[item] == stamp)
              continue;
            stamps[item] = stamp;
            if (keep (data, item, rect))
              g_array_append_val (out, item);
          }
      }
}
