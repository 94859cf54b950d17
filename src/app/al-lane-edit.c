/* al-lane-edit.c: the lane edits of the canvas (add, rename, reorder, remove) */
#include "al-lane-edit.h"

#include <glib/gi18n.h>

static gboolean
arch_has_lane (AlDocument *document, const char *arch)
{
  GListModel *lanes = al_document_get_lanes (document);
  guint n = g_list_model_get_n_items (lanes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlLane) lane = g_list_model_get_item (lanes, i);
      if (g_strcmp0 (al_arch_normalize (al_lane_get_arch (lane)), arch) == 0
          || g_strcmp0 (al_lane_get_arch (lane), arch) == 0)
        return TRUE;
    }
  return FALSE;
}

const char **
al_lane_edit_dup_free_arches (AlDocument *document)
{
  const char *const *arches = al_arch_list ();
  GPtrArray *free_arches = g_ptr_array_new ();

  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  for (guint i = 0; arches[i] != NULL; i++)
    if (!arch_has_lane (document, arches[i]))
      g_ptr_array_add (free_arches, (gpointer) arches[i]);
  g_ptr_array_add (free_arches, NULL);
  return (const char **) g_ptr_array_free (free_arches, FALSE);
}

AlLane *
al_lane_edit_add (AlEditor *editor, const char *arch, const char *label, GError **error)
{
  g_autoptr (AlLane) lane = NULL;
  g_autofree char *id = NULL;
  g_autofree char *trimmed = NULL;
  AlDocument *document;
  const char *canonical;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = al_editor_get_document (editor);
  canonical = arch ? al_arch_normalize (arch) : NULL;
  if (canonical == NULL)
    {
      g_set_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_INVALID,
                   _("“%s” is not a supported architecture."), arch ? arch : "");
      return NULL;
    }
  if (arch_has_lane (document, canonical))
    {
      g_set_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_INVALID,
                   _("There is a lane for %s already."), canonical);
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (label ? label : ""));
  /* Lane ids read like the arch they were made for ("arm64", "arm64-2"). */
  if (al_document_lookup_lane (document, canonical) == NULL)
    id = g_strdup (canonical);
  else
    id = al_document_make_id (document, "lane");
  lane = al_lane_new (id, canonical, trimmed[0] ? trimmed : canonical);
  al_history_add_lane (al_editor_get_history (editor), lane);
  return lane;
}

void
al_lane_edit_rename (AlEditor *editor, AlLane *lane, const char *label)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (AL_IS_EDITOR (editor));
  g_return_if_fail (AL_IS_LANE (lane));
  g_return_if_fail (label != NULL);

  trimmed = g_strstrip (g_strdup (label));
  if (trimmed[0] == '\0')
    return;
  al_history_modify_lane (al_editor_get_history (editor), lane, NULL, trimmed,
                          al_lane_get_tolerate_taint (lane));
}

gboolean
al_lane_edit_move (AlEditor *editor, AlLane *lane, int delta)
{
  g_autoptr (AlLane) held = NULL;
  AlDocument *document;
  AlHistory *history;
  int index, target;
  guint n;

  g_return_val_if_fail (AL_IS_EDITOR (editor), FALSE);
  g_return_val_if_fail (AL_IS_LANE (lane), FALSE);

  document = al_editor_get_document (editor);
  history = al_editor_get_history (editor);
  index = al_document_index_of (document, AL_COLLECTION_LANES, lane);
  n = g_list_model_get_n_items (al_document_get_lanes (document));
  if (index < 0)
    return FALSE;
  target = CLAMP (index + delta, 0, (int) n - 1);
  if (target == index)
    return FALSE;

  held = g_object_ref (lane);
  al_history_begin (history, delta < 0 ? _("Move Lane Up") : _("Move Lane Down"));
  al_history_remove (history, document, AL_COLLECTION_LANES, index);
  al_history_insert (history, document, AL_COLLECTION_LANES, target, held);
  al_history_end (history);
  return TRUE;
}

guint
al_lane_edit_count_components (AlDocument *document, AlLane *lane)
{
  GListModel *components;
  guint n, count = 0;

  g_return_val_if_fail (AL_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (AL_IS_LANE (lane), 0);

  components = al_document_get_components (document);
  n = g_list_model_get_n_items (components);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      if (g_strcmp0 (al_component_get_lane (component), al_lane_get_id (lane)) == 0)
        count++;
    }
  return count;
}

gboolean
al_lane_edit_remove (AlEditor *editor, AlLane *lane, AlLane *target, GError **error)
{
  AlDocument *document;

  g_return_val_if_fail (AL_IS_EDITOR (editor), FALSE);
  g_return_val_if_fail (AL_IS_LANE (lane), FALSE);
  g_return_val_if_fail (target == NULL || AL_IS_LANE (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = al_editor_get_document (editor);
  if (al_lane_edit_count_components (document, lane) == 0)
    target = NULL;
  else if (target == NULL || target == lane)
    {
      g_set_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_INVALID,
                   _("Lane “%s” holds components: choose the lane they move to."),
                   al_lane_get_label (lane));
      return FALSE;
    }
  if (!al_history_remove_lane (al_editor_get_history (editor), lane, target))
    {
      g_set_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_INVALID,
                   _("Lane “%s” could not be removed."), al_lane_get_label (lane));
      return FALSE;
    }
  return TRUE;
}
