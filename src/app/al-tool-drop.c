/* al-tool-drop.c: a palette entry dropped onto the canvas */
#include "al-tool-drop.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

struct _AlToolDrop
{
  AlEditor *editor;
  const AlPaletteEntry *entry;
  int lane;
  gboolean refused;
  graphene_rect_t ghost;
};

/* The card's top-left corner for a card centred on @point. */
static void
card_origin_for (const graphene_point_t *point, graphene_point_t *origin)
{
  origin->x = point->x - AL_SCENE_CARD_WIDTH / 2;
  origin->y = point->y - AL_SCENE_CARD_HEIGHT / 2;
}

/* The position in @lane_index of a card centred on @point, clamped so the
 * card starts inside the content area (a drop on the header band lands at
 * its left edge). */
static void
position_for (AlScene *scene, guint lane_index, const graphene_point_t *point,
              graphene_point_t *position)
{
  graphene_point_t origin;

  card_origin_for (point, &origin);
  al_scene_point_to_position (scene, lane_index, &origin, position);
  /* Whole units: the file stays readable and diffs stay small. */
  position->x = MAX (0.0, round (position->x));
  position->y = MAX (0.0, round (position->y));
}

AlToolDrop *
al_tool_drop_begin (AlEditor *editor, const AlPaletteEntry *entry)
{
  AlToolDrop *self;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);

  self = g_new0 (AlToolDrop, 1);
  self->editor = g_object_ref (editor);
  self->entry = entry;
  self->lane = -1;
  self->refused = TRUE;
  return self;
}

void
al_tool_drop_update (AlToolDrop *self, const graphene_point_t *scene_point)
{
  AlScene *scene;
  graphene_point_t origin;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scene_point != NULL);

  scene = al_editor_get_scene (self->editor);
  al_scene_update (scene);
  self->lane = al_tool_lane_at_point (scene, scene_point);
  self->refused = self->lane < 0;
  if (self->lane >= 0)
    {
      graphene_point_t position;

      position_for (scene, self->lane, scene_point, &position);
      al_scene_position_to_point (scene, self->lane, &position, &origin);
    }
  else
    card_origin_for (scene_point, &origin);
  graphene_rect_init (&self->ghost, origin.x, origin.y, AL_SCENE_CARD_WIDTH,
                      AL_SCENE_CARD_HEIGHT);
}

int
al_tool_drop_get_lane (AlToolDrop *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->lane;
}

gboolean
al_tool_drop_get_refused (AlToolDrop *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->refused;
}

void
al_tool_drop_get_ghost (AlToolDrop *self, graphene_rect_t *ghost)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ghost != NULL);
  *ghost = self->ghost;
}

AlComponent *
al_tool_drop_end (AlToolDrop *self, const AlPaletteEntry *entry,
                  const graphene_point_t *scene_point, GError **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (entry == NULL)
    entry = self->entry;
  g_return_val_if_fail (entry != NULL, NULL);
  return al_tool_drop_palette_entry (self->editor, entry, scene_point, error);
}

void
al_tool_drop_free (AlToolDrop *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->editor);
  g_free (self);
}

AlComponent *
al_tool_drop_palette_entry (AlEditor *editor, const AlPaletteEntry *entry,
                            const graphene_point_t *scene_point, GError **error)
{
  g_autoptr (AlComponent) component = NULL;
  const AlSceneLane *lane;
  AlDocument *document;
  AlScene *scene;
  graphene_point_t position;
  int lane_index;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (scene_point != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = al_editor_get_document (editor);
  scene = al_editor_get_scene (editor);
  al_scene_update (scene);
  if (al_scene_get_n_lanes (scene) == 0)
    {
      g_set_error_literal (error, AL_TOOL_ERROR, AL_TOOL_ERROR_NO_LANE,
                           _("Add a lane first: components are placed on architecture lanes."));
      return NULL;
    }
  lane_index = al_tool_lane_at_point (scene, scene_point);
  if (lane_index < 0)
    {
      g_set_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_OUTSIDE_LANES,
                   _("“%s” was not added: drop it onto a lane."),
                   al_palette_entry_get_title (entry));
      return NULL;
    }

  lane = al_scene_get_lane (scene, lane_index);
  position_for (scene, lane_index, scene_point, &position);
  component = al_palette_entry_create_component (entry, document, al_lane_get_id (lane->lane),
                                                 &position);
  al_history_add_component (al_editor_get_history (editor), component);
  al_editor_select (editor, component, AL_SELECT_REPLACE);
  /* The document holds the component now. */
  return component;
}

const AlPaletteEntry *
al_tool_drop_parse_payload (const char *payload)
{
  if (payload == NULL || !g_str_has_prefix (payload, AL_TOOL_DROP_PAYLOAD_PREFIX))
    return NULL;
  return al_palette_catalog_lookup (payload + strlen (AL_TOOL_DROP_PAYLOAD_PREFIX));
}
