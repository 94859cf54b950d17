/* al-tool-move.c: dragging cards inside a lane or into another one */
#include "al-tool-move.h"

#include <glib/gi18n.h>
#include <math.h>

typedef struct
{
  AlComponent *component;
  graphene_rect_t bounds; /* the card when the drag began */
} MovedCard;

struct _AlToolMove
{
  AlEditor *editor;
  GArray *cards;          /* MovedCard; the grabbed one first */
  graphene_point_t offset;
};

static void
moved_card_clear (MovedCard *card)
{
  g_clear_object (&card->component);
}

static void
add_card (AlToolMove *self, AlScene *scene, AlComponent *component)
{
  MovedCard card;
  int index = al_scene_find_card (scene, component);

  if (index < 0)
    return;
  card.component = g_object_ref (component);
  card.bounds = al_scene_get_card (scene, index)->bounds;
  g_array_append_val (self->cards, card);
}

AlToolMove *
al_tool_move_begin (AlEditor *editor, AlComponent *component, gboolean extend)
{
  g_autoptr (GPtrArray) selected = NULL;
  AlToolMove *self;
  AlScene *scene;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  if (!al_editor_is_selected (editor, component))
    al_editor_select (editor, component, extend ? AL_SELECT_ADD : AL_SELECT_REPLACE);

  self = g_new0 (AlToolMove, 1);
  self->editor = g_object_ref (editor);
  self->cards = g_array_new (FALSE, TRUE, sizeof (MovedCard));
  g_array_set_clear_func (self->cards, (GDestroyNotify) moved_card_clear);

  scene = al_editor_get_scene (editor);
  al_scene_update (scene);
  add_card (self, scene, component);
  selected = al_tool_dup_selected_components (editor);
  for (guint i = 0; i < selected->len; i++)
    if (g_ptr_array_index (selected, i) != component)
      add_card (self, scene, g_ptr_array_index (selected, i));
  return self;
}

void
al_tool_move_update (AlToolMove *self, double dx, double dy)
{
  g_return_if_fail (self != NULL);
  self->offset = GRAPHENE_POINT_INIT (dx, dy);
}

void
al_tool_move_get_offset (AlToolMove *self, graphene_point_t *offset)
{
  g_return_if_fail (self != NULL);
  *offset = self->offset;
}

guint
al_tool_move_get_n_components (AlToolMove *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->cards->len;
}

static void
moved_bounds (AlToolMove *self, const MovedCard *card, graphene_rect_t *bounds)
{
  graphene_rect_offset_r (&card->bounds, self->offset.x, self->offset.y, bounds);
}

static int
lane_under (AlToolMove *self, AlScene *scene, const MovedCard *card)
{
  graphene_rect_t bounds;
  graphene_point_t centre;

  moved_bounds (self, card, &bounds);
  graphene_rect_get_center (&bounds, &centre);
  return al_tool_lane_at_point (scene, &centre);
}

int
al_tool_move_get_drop_lane (AlToolMove *self)
{
  g_return_val_if_fail (self != NULL, -1);
  if (self->cards->len == 0)
    return -1;
  return lane_under (self, al_editor_get_scene (self->editor),
                     &g_array_index (self->cards, MovedCard, 0));
}

gboolean
al_tool_move_get_refused (AlToolMove *self)
{
  AlScene *scene;

  g_return_val_if_fail (self != NULL, TRUE);
  scene = al_editor_get_scene (self->editor);
  for (guint i = 0; i < self->cards->len; i++)
    if (lane_under (self, scene, &g_array_index (self->cards, MovedCard, i)) < 0)
      return TRUE;
  return FALSE;
}

void
al_tool_move_get_ghost (AlToolMove *self, graphene_rect_t *ghost)
{
  g_return_if_fail (self != NULL);
  if (self->cards->len == 0)
    *ghost = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  else
    moved_bounds (self, &g_array_index (self->cards, MovedCard, 0), ghost);
}

typedef struct
{
  AlComponent *component;
  AlLane *lane;
  graphene_point_t position;
  gboolean same_lane;
} Placement;

gboolean
al_tool_move_end (AlToolMove *self, GError **error)
{
  g_autoptr (GArray) placements = NULL;
  AlDocument *document;
  AlHistory *history;
  AlScene *scene;
  gboolean changes_lane = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->offset.x == 0 && self->offset.y == 0)
    return TRUE;

  document = al_editor_get_document (self->editor);
  history = al_editor_get_history (self->editor);
  scene = al_editor_get_scene (self->editor);
  al_scene_update (scene);

  /* Decide every card's place before editing anything: one card outside
   * the lanes refuses the whole move. */
  placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  for (guint i = 0; i < self->cards->len; i++)
    {
      MovedCard *card = &g_array_index (self->cards, MovedCard, i);
      graphene_rect_t bounds;
      Placement placement;
      int lane;

      if (al_scene_find_card (scene, card->component) < 0)
        continue; /* removed meanwhile */
      lane = lane_under (self, scene, card);
      if (lane < 0)
        {
          g_set_error_literal (error, AL_TOOL_ERROR, AL_TOOL_ERROR_OUTSIDE_LANES,
                               _("Cards can only be moved onto a lane."));
          return FALSE;
        }
      moved_bounds (self, card, &bounds);
      placement.component = card->component;
      placement.lane = al_scene_get_lane (scene, lane)->lane;
      al_scene_point_to_position (scene, lane, &bounds.origin, &placement.position);
      /* Whole units: the file stays readable and diffs stay small. */
      placement.position.x = MAX (0.0, round (placement.position.x));
      placement.position.y = MAX (0.0, round (placement.position.y));
      placement.same_lane = al_document_get_component_lane (document, card->component)
                            == placement.lane;
      changes_lane |= !placement.same_lane;
      g_array_append_val (placements, placement);
    }
  if (placements->len == 0)
    return TRUE;

  al_history_begin (history, changes_lane
                               ? _("Change Lane")
                               : placements->len == 1 ? _("Move Component")
                                                      : _("Move Components"));
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);

      if (placement->same_lane)
        al_history_move_component (history, placement->component, &placement->position);
      else
        al_history_change_component_lane (history, placement->component, placement->lane,
                                          &placement->position);
    }
  al_history_end (history);
  al_history_seal (history);
  return TRUE;
}

void
al_tool_move_free (AlToolMove *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->cards);
  g_clear_object (&self->editor);
  g_free (self);
}
