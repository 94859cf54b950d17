/* al-tool-rubber-band.c: selecting the cards inside a dragged rectangle */
#include "al-tool-rubber-band.h"

struct _AlToolRubberBand
{
  AlEditor *editor;
  gboolean extend;
  graphene_point_t start, end;
  GArray *found;        /* card indices */
  GHashTable *preview;  /* borrowed items */
};

AlToolRubberBand *
al_tool_rubber_band_begin (AlEditor *editor, const graphene_point_t *scene_point, gboolean extend)
{
  AlToolRubberBand *self;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (scene_point != NULL, NULL);

  self = g_new0 (AlToolRubberBand, 1);
  self->editor = g_object_ref (editor);
  self->extend = extend;
  self->start = self->end = *scene_point;
  self->found = g_array_new (FALSE, FALSE, sizeof (guint));
  self->preview = g_hash_table_new (NULL, NULL);
  al_tool_rubber_band_update (self, scene_point);
  return self;
}

void
al_tool_rubber_band_get_rect (AlToolRubberBand *self, graphene_rect_t *rect)
{
  g_return_if_fail (self != NULL);
  graphene_rect_init (rect, MIN (self->start.x, self->end.x), MIN (self->start.y, self->end.y),
                      ABS (self->end.x - self->start.x), ABS (self->end.y - self->start.y));
}

void
al_tool_rubber_band_update (AlToolRubberBand *self, const graphene_point_t *scene_point)
{
  AlScene *scene;
  graphene_rect_t rect;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scene_point != NULL);

  self->end = *scene_point;
  scene = al_editor_get_scene (self->editor);
  al_scene_update (scene);

  g_array_set_size (self->found, 0);
  g_hash_table_remove_all (self->preview);
  if (self->extend)
    {
      GHashTableIter iter;
      gpointer item;

      g_hash_table_iter_init (&iter, al_editor_get_selection_set (self->editor));
      while (g_hash_table_iter_next (&iter, &item, NULL))
        g_hash_table_add (self->preview, item);
    }

  al_tool_rubber_band_get_rect (self, &rect);
  if (rect.size.width <= 0 && rect.size.height <= 0)
    return;
  al_scene_query_rect (scene, &rect, self->found, NULL);
  for (guint i = 0; i < self->found->len; i++)
    {
      const AlSceneCard *card = al_scene_get_card (scene, g_array_index (self->found, guint, i));
      g_hash_table_add (self->preview, card->component);
    }
}

GHashTable *
al_tool_rubber_band_get_preview (AlToolRubberBand *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->preview;
}

void
al_tool_rubber_band_end (AlToolRubberBand *self)
{
  AlScene *scene;
  g_autoptr (GPtrArray) components = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (self != NULL);

  /* Take references first: selecting may run handlers that edit. */
  scene = al_editor_get_scene (self->editor);
  for (guint i = 0; i < self->found->len; i++)
    {
      guint index = g_array_index (self->found, guint, i);
      if (index < al_scene_get_n_cards (scene))
        g_ptr_array_add (components, g_object_ref (al_scene_get_card (scene, index)->component));
    }

  if (!self->extend)
    al_editor_unselect_all (self->editor);
  for (guint i = 0; i < components->len; i++)
    al_editor_select (self->editor, g_ptr_array_index (components, i), AL_SELECT_ADD);
}

void
al_tool_rubber_band_free (AlToolRubberBand *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->found, g_array_unref);
  g_clear_pointer (&self->preview, g_hash_table_unref);
  g_clear_object (&self->editor);
  g_free (self);
}
