/* al-history-edits.c: the compound edits of AlHistory (lanes, components,
 * dependencies, the lists of a component), built from the generic ones */
#include <glib/gi18n-lib.h>

#include "al-command.h"
#include "al-history.h"
#include "al-history-private.h"

static void
append_item (AlHistory *self, gpointer owner, AlCollection collection, gpointer item)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!_al_history_is_busy (self));
  g_return_if_fail (AL_IS_DOCUMENT (owner) || AL_IS_COMPONENT (owner));

  al_command_append_item (_al_history_start_edit (self, al_command_label_for_insert (collection)),
                          owner, collection, item);
  _al_history_finish_edit (self);
}

static void
remove_item (AlHistory *self, gpointer owner, AlCollection collection, gpointer item)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!_al_history_is_busy (self));
  g_return_if_fail (AL_IS_DOCUMENT (owner) || AL_IS_COMPONENT (owner));

  al_command_remove_item (_al_history_start_edit (self, al_command_label_for_remove (collection)),
                          owner, collection, item);
  _al_history_finish_edit (self);
}

void
al_history_add_lane (AlHistory *self, AlLane *lane)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (AL_IS_LANE (lane));
  append_item (self, al_history_get_document (self), AL_COLLECTION_LANES, lane);
}

gboolean
al_history_remove_lane (AlHistory *self, AlLane *lane, AlLane *target)
{
  gboolean removed;

  g_return_val_if_fail (AL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!_al_history_is_busy (self), FALSE);
  g_return_val_if_fail (AL_IS_LANE (lane), FALSE);
  g_return_val_if_fail (target == NULL || AL_IS_LANE (target), FALSE);

  removed = al_command_remove_lane (_al_history_start_edit (self, _("Remove Lane")),
                                    al_history_get_document (self), lane, target);
  _al_history_finish_edit (self);
  return removed;
}

void
al_history_modify_lane (AlHistory *self, AlLane *lane, const char *arch, const char *label,
                        gboolean tolerate_taint)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!_al_history_is_busy (self));
  g_return_if_fail (AL_IS_LANE (lane));

  al_command_modify_lane (_al_history_start_edit (self, _("Edit Lane")), lane, arch, label,
                          tolerate_taint);
  _al_history_finish_edit (self);
}

void
al_history_add_component (AlHistory *self, AlComponent *component)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (AL_IS_COMPONENT (component));
  append_item (self, al_history_get_document (self), AL_COLLECTION_COMPONENTS, component);
}

void
al_history_remove_component (AlHistory *self, AlComponent *component)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!_al_history_is_busy (self));
  g_return_if_fail (AL_IS_COMPONENT (component));

  al_command_remove_component (_al_history_start_edit (self, _("Remove Component")),
                               al_history_get_document (self), component);
  _al_history_finish_edit (self);
}

void
al_history_rename_component (AlHistory *self, AlComponent *component, const char *name)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!_al_history_is_busy (self));
  g_return_if_fail (AL_IS_COMPONENT (component));

  al_command_set_string (_al_history_start_edit (self, _("Rename Component")), component, "name",
                         name);
  _al_history_finish_edit (self);
}

void
al_history_move_component (AlHistory *self, AlComponent *component,
                           const graphene_point_t *position)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!_al_history_is_busy (self));
  g_return_if_fail (AL_IS_COMPONENT (component));
  g_return_if_fail (position != NULL);

  al_command_move_component (_al_history_start_edit (self, _("Move Component")), component, NULL,
                             position);
  _al_history_finish_edit (self);
}

void
al_history_change_component_lane (AlHistory *self, AlComponent *component, AlLane *lane,
                                  const graphene_point_t *position)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!_al_history_is_busy (self));
  g_return_if_fail (AL_IS_COMPONENT (component));
  g_return_if_fail (AL_IS_LANE (lane));
  g_return_if_fail (position != NULL);

  al_command_move_component (_al_history_start_edit (self, _("Change Lane")), component, lane,
                             position);
  _al_history_finish_edit (self);
}

void
al_history_add_dependency (AlHistory *self, AlDependency *dependency)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (AL_IS_DEPENDENCY (dependency));
  append_item (self, al_history_get_document (self), AL_COLLECTION_DEPENDENCIES, dependency);
}

void
al_history_remove_dependency (AlHistory *self, AlDependency *dependency)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (AL_IS_DEPENDENCY (dependency));
  remove_item (self, al_history_get_document (self), AL_COLLECTION_DEPENDENCIES, dependency);
}

void
al_history_add_port (AlHistory *self, AlComponent *component, AlPort *port)
{
  append_item (self, component, AL_COLLECTION_PORTS, port);
}

void
al_history_remove_port (AlHistory *self, AlComponent *component, AlPort *port)
{
  remove_item (self, component, AL_COLLECTION_PORTS, port);
}

void
al_history_add_env (AlHistory *self, AlComponent *component, AlEnvVar *var)
{
  append_item (self, component, AL_COLLECTION_ENV, var);
}

void
al_history_remove_env (AlHistory *self, AlComponent *component, AlEnvVar *var)
{
  remove_item (self, component, AL_COLLECTION_ENV, var);
}

void
al_history_add_connection (AlHistory *self, AlComponent *component, AlEnvVar *var)
{
  append_item (self, component, AL_COLLECTION_CONNECTION, var);
}

void
al_history_remove_connection (AlHistory *self, AlComponent *component, AlEnvVar *var)
{
  remove_item (self, component, AL_COLLECTION_CONNECTION, var);
}

void
al_history_add_volume (AlHistory *self, AlComponent *component, AlVolume *volume)
{
  append_item (self, component, AL_COLLECTION_VOLUMES, volume);
}

void
al_history_remove_volume (AlHistory *self, AlComponent *component, AlVolume *volume)
{
  remove_item (self, component, AL_COLLECTION_VOLUMES, volume);
}
