/* al-tool.c: what the canvas gestures share; keyboard moves of the selection */
#include "al-tool.h"

#include <glib/gi18n.h>
#include <math.h>

G_DEFINE_QUARK (al-tool-error-quark, al_tool_error)

int
al_tool_lane_at_point (AlScene *scene, const graphene_point_t *point)
{
  const AlSceneLane *lane;
  int index;

  g_return_val_if_fail (AL_IS_SCENE (scene), -1);
  g_return_val_if_fail (point != NULL, -1);

  index = al_scene_lane_at_y (scene, point->y);
  if (index < 0)
    return -1;
  lane = al_scene_get_lane (scene, index);
  if (point->x < lane->bounds.origin.x
      || point->x > lane->bounds.origin.x + lane->bounds.size.width)
    return -1;
  return index;
}

static void
card_centre (const AlSceneCard *card, graphene_point_t *centre)
{
  graphene_rect_get_center (&card->bounds, centre);
}

static AlComponent *
first_in_reading_order (AlScene *scene)
{
  const AlSceneCard *best = NULL;
  guint n = al_scene_get_n_cards (scene);

  for (guint i = 0; i < n; i++)
    {
      const AlSceneCard *card = al_scene_get_card (scene, i);

      if (best == NULL || card->bounds.origin.y < best->bounds.origin.y
          || (card->bounds.origin.y == best->bounds.origin.y
              && card->bounds.origin.x < best->bounds.origin.x))
        best = card;
    }
  return best ? best->component : NULL;
}

AlComponent *
al_tool_find_neighbor (AlEditor *editor, AlComponent *from, AlDirection direction)
{
  AlScene *scene;
  graphene_point_t origin;
  AlComponent *best_in_cone = NULL, *best_outside = NULL;
  double best_cone_score = G_MAXDOUBLE, best_outside_score = G_MAXDOUBLE;
  int from_index;
  guint n;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (from == NULL || AL_IS_COMPONENT (from), NULL);

  scene = al_editor_get_scene (editor);
  al_scene_update (scene);
  from_index = from ? al_scene_find_card (scene, from) : -1;
  if (from_index < 0)
    return first_in_reading_order (scene);
  card_centre (al_scene_get_card (scene, from_index), &origin);

  n = al_scene_get_n_cards (scene);
  for (guint i = 0; i < n; i++)
    {
      const AlSceneCard *card = al_scene_get_card (scene, i);
      graphene_point_t centre;
      double along, across;

      if ((int) i == from_index)
        continue;
      card_centre (card, &centre);
      switch (direction)
        {
        case AL_DIRECTION_LEFT: along = origin.x - centre.x; across = centre.y - origin.y; break;
        case AL_DIRECTION_RIGHT: along = centre.x - origin.x; across = centre.y - origin.y; break;
        case AL_DIRECTION_UP: along = origin.y - centre.y; across = centre.x - origin.x; break;
        case AL_DIRECTION_DOWN: along = centre.y - origin.y; across = centre.x - origin.x; break;
        default: g_return_val_if_reached (NULL);
        }
      if (along <= 0)
        continue;
      across = fabs (across);
      if (across <= along)
        {
          double score = along * along + across * across;
          if (score < best_cone_score)
            {
              best_cone_score = score;
              best_in_cone = card->component;
            }
        }
      else
        {
          /* Outside the cone, sideways distance counts double, so a card
           * roughly in line wins over one far to the side. */
          double score = along + 2 * across;
          if (score < best_outside_score)
            {
              best_outside_score = score;
              best_outside = card->component;
            }
        }
    }
  return best_in_cone ? best_in_cone : best_outside;
}

GPtrArray *
al_tool_dup_selected_components (AlEditor *editor)
{
  g_autoptr (GPtrArray) selection = NULL;
  GPtrArray *components;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);

  selection = al_editor_dup_selection (editor);
  components = g_ptr_array_new ();
  for (guint i = 0; i < selection->len; i++)
    if (AL_IS_COMPONENT (g_ptr_array_index (selection, i)))
      g_ptr_array_add (components, g_ptr_array_index (selection, i));
  return components;
}

gboolean
al_tool_nudge_selection (AlEditor *editor, double dx, double dy)
{
  g_autoptr (GPtrArray) components = NULL;
  AlHistory *history;
  gboolean moved = FALSE;

  g_return_val_if_fail (AL_IS_EDITOR (editor), FALSE);

  components = al_tool_dup_selected_components (editor);
  if (components->len == 0)
    return FALSE;
  history = al_editor_get_history (editor);

  /* A single component is moved outside a transaction so that a run of
   * nudges merges into one step, like typing into a field. */
  if (components->len > 1)
    al_history_begin (history, _("Move Components"));
  for (guint i = 0; i < components->len; i++)
    {
      AlComponent *component = g_ptr_array_index (components, i);
      const graphene_point_t *old = al_component_get_position (component);
      graphene_point_t position = GRAPHENE_POINT_INIT (MAX (0.0, round (old->x + dx)),
                                                       MAX (0.0, round (old->y + dy)));

      if (graphene_point_equal (&position, old))
        continue;
      al_history_move_component (history, component, &position);
      moved = TRUE;
    }
  if (components->len > 1)
    al_history_end (history);
  return moved;
}
