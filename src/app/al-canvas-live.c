/* al-canvas-live.c: the cluster's state of each card, from an AlDeployStatus */
#include "al-canvas-private.h"

#include "al-deploy-status.h"

static gboolean
live_from_status (AlDeployStatus *status, const char *name, AlCardLive *live)
{
  AlWorkloadState state = AL_WORKLOAD_UNKNOWN;
  int ready = 0, desired = 0;

  if (name == NULL || !al_deploy_status_get (status, name, &state, &ready, &desired, NULL))
    return FALSE;
  switch (state)
    {
    case AL_WORKLOAD_ABSENT:      live->state = AL_CARD_LIVE_ABSENT; break;
    case AL_WORKLOAD_PROGRESSING: live->state = AL_CARD_LIVE_PROGRESSING; break;
    case AL_WORKLOAD_RUNNING:     live->state = AL_CARD_LIVE_RUNNING; break;
    case AL_WORKLOAD_FAILED:      live->state = AL_CARD_LIVE_FAILED; break;
    case AL_WORKLOAD_UNKNOWN:
    default:
      return FALSE;
    }
  live->ready = ready;
  live->desired = desired;
  return TRUE;
}

/* Updates the entry of @component; TRUE when what is drawn changes. */
static gboolean
update_card (AlCanvas *self, AlComponent *component)
{
  const AlCardLive *old = g_hash_table_lookup (self->card_live, component);
  AlCardLive live = { 0 };

  if (!live_from_status (self->deploy_status, al_component_get_name (component), &live))
    return g_hash_table_remove (self->card_live, component);
  if (old != NULL && old->state == live.state && old->ready == live.ready &&
      old->desired == live.desired)
    return FALSE;
  g_hash_table_insert (self->card_live, component, g_memdup2 (&live, sizeof live));
  return TRUE;
}

/* Rebuilds the whole table: the status restarted, or the document's
 * components changed (added, removed, renamed). The caller redraws. */
void
al_canvas_live_refresh (AlCanvas *self)
{
  guint n;

  if (self->card_live == NULL)
    return;
  g_hash_table_remove_all (self->card_live);
  if (self->deploy_status == NULL || self->scene == NULL ||
      !al_deploy_status_is_watching (self->deploy_status))
    return;
  n = al_scene_get_n_cards (self->scene);
  for (guint i = 0; i < n; i++)
    update_card (self, al_scene_get_card (self->scene, i)->component);
}

static void
on_status_changed (AlCanvas *self, const char *component_name, AlDeployStatus *status)
{
  guint n;

  if (self->scene == NULL)
    return;
  if (component_name == NULL)
    {
      al_canvas_live_refresh (self);
      al_canvas_invalidate (self);
      return;
    }

  /* One card: only the tiles under it are drawn again. */
  n = al_scene_get_n_cards (self->scene);
  for (guint i = 0; i < n; i++)
    {
      const AlSceneCard *card = al_scene_get_card (self->scene, i);
      graphene_rect_t area;

      if (g_strcmp0 (al_component_get_name (card->component), component_name) != 0)
        continue;
      if (!update_card (self, card->component))
        continue;
      /* The outline is drawn a little outside the bounds. */
      graphene_rect_inset_r (&card->bounds, -4, -4, &area);
      al_canvas_tiles_invalidate_rect (self->tiles, &area);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
al_canvas_live_dispose (AlCanvas *self)
{
  if (self->deploy_status != NULL)
    g_signal_handlers_disconnect_by_data (self->deploy_status, self);
  g_clear_object (&self->deploy_status);
  g_clear_pointer (&self->card_live, g_hash_table_unref);
}

void
al_canvas_set_deploy_status (AlCanvas *self, AlDeployStatus *status)
{
  g_return_if_fail (AL_IS_CANVAS (self));
  g_return_if_fail (status == NULL || AL_IS_DEPLOY_STATUS (status));

  if (self->deploy_status == status)
    return;
  al_canvas_live_dispose (self);
  if (status != NULL)
    {
      self->deploy_status = g_object_ref (status);
      self->card_live = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      g_signal_connect_object (status, "changed", G_CALLBACK (on_status_changed), self,
                               G_CONNECT_SWAPPED);
      al_canvas_live_refresh (self);
    }
  al_canvas_invalidate (self);
}

AlDeployStatus *
al_canvas_get_deploy_status (AlCanvas *self)
{
  g_return_val_if_fail (AL_IS_CANVAS (self), NULL);
  return self->deploy_status;
}

const AlCardLive *
al_canvas_get_card_live (AlCanvas *self, AlComponent *component)
{
  g_return_val_if_fail (AL_IS_CANVAS (self), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  return self->card_live != NULL ? g_hash_table_lookup (self->card_live, component) : NULL;
}

GHashTable *
al_canvas_live_get_table (AlCanvas *self)
{
  return self->card_live != NULL && g_hash_table_size (self->card_live) > 0 ? self->card_live
                                                                            : NULL;
}
