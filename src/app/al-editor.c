/* al-editor.c: one open document with its history, file, selection and live diagnostics */
#define G_LOG_DOMAIN "al-editor"

#include <glib/gi18n.h>

#include "al-editor.h"
#include "al-document-io.h"
#include "al-validate.h"

struct _AlEditor
{
  GObject     parent_instance;

  AlDocument *document;
  AlHistory  *history;
  AlScene    *scene;
  GFile      *file;
  char       *title;

  /* The selection: a set for lookups and an array for its order. */
  GHashTable *selection_set;
  GPtrArray  *selection;

  GPtrArray  *diagnostics;
  guint       diagnostics_source;
};

G_DEFINE_FINAL_TYPE (AlEditor, al_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_HISTORY,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  DIAGNOSTICS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
al_editor_update_title (AlEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->file != NULL)
    {
      g_autoptr (GFileInfo) info = NULL;

      info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                G_FILE_QUERY_INFO_NONE, NULL, NULL);
      if (info != NULL)
        name = g_strdup (g_file_info_get_display_name (info));
      else
        name = g_file_get_basename (self->file);
    }
  else
    name = g_strdup (_("Untitled"));

  if (al_history_is_modified (self->history))
    title = g_strdup_printf ("• %s", name);
  else
    title = g_steal_pointer (&name);

  if (g_strcmp0 (title, self->title) == 0)
    return;

  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
on_history_modified_cb (AlEditor   *self,
                        GParamSpec *pspec,
                        AlHistory  *history)
{
  al_editor_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Whether @item is still part of the document (it may have been removed
 * by an edit or an undo). */
static gboolean
al_editor_contains (AlEditor *self,
                    gpointer  item)
{
  if (AL_IS_COMPONENT (item))
    return al_document_lookup_component (self->document,
                                         al_component_get_id (item)) == item;
  if (AL_IS_DEPENDENCY (item))
    return al_document_lookup_dependency (self->document,
                                          al_dependency_get_id (item)) == item;
  return FALSE;
}

static void
al_editor_prune_selection (AlEditor *self)
{
  gboolean changed = FALSE;

  for (guint i = self->selection->len; i > 0; i--)
    {
      gpointer item = g_ptr_array_index (self->selection, i - 1);

      if (al_editor_contains (self, item))
        continue;
      g_hash_table_remove (self->selection_set, item);
      g_ptr_array_remove_index (self->selection, i - 1);
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static gboolean
recompute_diagnostics_cb (gpointer user_data)
{
  AlEditor *self = user_data;

  self->diagnostics_source = 0;
  al_editor_flush_diagnostics (self);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed_cb (AlEditor   *self,
                        AlDocument *document)
{
  al_editor_prune_selection (self);

  /* Validation of a large document takes milliseconds: coalesce bursts
   * of edits (a drag, typing) into one run once the loop is idle. */
  if (self->diagnostics_source == 0)
    self->diagnostics_source = g_timeout_add_full (G_PRIORITY_LOW, 150,
                                                   recompute_diagnostics_cb, self, NULL);
}

static void
al_editor_dispose (GObject *object)
{
  AlEditor *self = AL_EDITOR (object);

  g_clear_handle_id (&self->diagnostics_source, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->scene);
  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (al_editor_parent_class)->dispose (object);
}

static void
al_editor_finalize (GObject *object)
{
  AlEditor *self = AL_EDITOR (object);

  g_clear_pointer (&self->selection_set, g_hash_table_unref);
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_free (self->title);

  G_OBJECT_CLASS (al_editor_parent_class)->finalize (object);
}

static void
al_editor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AlEditor *self = AL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, al_editor_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_editor_class_init (AlEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = al_editor_dispose;
  object_class->finalize = al_editor_finalize;
  object_class->get_property = al_editor_get_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AL_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, AL_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DIAGNOSTICS_CHANGED] =
    g_signal_new ("diagnostics-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
al_editor_init (AlEditor *self)
{
  self->selection_set = g_hash_table_new (NULL, NULL);
  self->selection = g_ptr_array_new ();
  self->diagnostics = al_diagnostic_list_new ();
}

AlEditor *
al_editor_new (AlDocument *document)
{
  AlEditor *self = g_object_new (AL_TYPE_EDITOR, NULL);

  g_return_val_if_fail (document == NULL || AL_IS_DOCUMENT (document), NULL);

  self->document = document != NULL ? g_object_ref (document) : al_document_new ();
  self->history = al_history_new (self->document);
  self->scene = al_scene_new (self->document);

  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::modified",
                           G_CALLBACK (on_history_modified_cb), self, G_CONNECT_SWAPPED);

  al_editor_flush_diagnostics (self);
  al_editor_update_title (self);
  return self;
}

AlEditor *
al_editor_new_from_file (GFile   *file,
                         GError **error)
{
  g_autoptr (AlDocument) document = NULL;
  AlEditor *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  document = al_document_load_from_file (file, NULL, error);
  if (document == NULL)
    return NULL;

  self = al_editor_new (document);
  self->file = g_object_ref (file);
  al_editor_update_title (self);
  return self;
}

AlDocument *
al_editor_get_document (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);
  return self->document;
}

AlHistory *
al_editor_get_history (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);
  return self->history;
}

AlScene *
al_editor_get_scene (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);
  return self->scene;
}

GFile *
al_editor_get_file (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);
  return self->file;
}

gboolean
al_editor_get_modified (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), FALSE);
  return al_history_is_modified (self->history);
}

const char *
al_editor_get_title (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);
  return self->title;
}

gboolean
al_editor_save (AlEditor *self,
                GFile    *file,
                GError  **error)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file == NULL)
    file = self->file;
  if (file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("The document has no file yet: choose where to save it."));
      return FALSE;
    }

  if (!al_document_save_to_file (self->document, file, error))
    return FALSE;

  al_history_seal (self->history);
  al_history_mark_saved (self->history);

  if (self->file != file)
    {
      g_object_ref (file);
      g_clear_object (&self->file);
      self->file = file;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  al_editor_update_title (self);
  return TRUE;
}

void
al_editor_select (AlEditor     *self,
                  gpointer      item,
                  AlSelectMode  mode)
{
  gboolean selected;

  g_return_if_fail (AL_IS_EDITOR (self));
  g_return_if_fail (item == NULL || AL_IS_COMPONENT (item) || AL_IS_DEPENDENCY (item));

  if (item == NULL)
    {
      if (mode == AL_SELECT_REPLACE)
        al_editor_unselect_all (self);
      return;
    }

  selected = g_hash_table_contains (self->selection_set, item);

  switch (mode)
    {
    case AL_SELECT_REPLACE:
      if (selected && self->selection->len == 1)
        return;
      g_hash_table_remove_all (self->selection_set);
      g_ptr_array_set_size (self->selection, 0);
      break;
    case AL_SELECT_ADD:
      if (selected)
        return;
      break;
    case AL_SELECT_TOGGLE:
      if (selected)
        {
          g_hash_table_remove (self->selection_set, item);
          g_ptr_array_remove (self->selection, item);
          g_signal_emit (self, signals[SELECTION_CHANGED], 0);
          return;
        }
      break;
    default:
      g_return_if_reached ();
    }

  g_hash_table_add (self->selection_set, item);
  g_ptr_array_add (self->selection, item);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
al_editor_select_all (AlEditor *self)
{
  GListModel *components;
  guint n;
  gboolean changed = FALSE;

  g_return_if_fail (AL_IS_EDITOR (self));

  components = al_document_get_components (self->document);
  n = g_list_model_get_n_items (components);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);

      if (g_hash_table_add (self->selection_set, component))
        {
          g_ptr_array_add (self->selection, component);
          changed = TRUE;
        }
    }

  if (changed)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
al_editor_unselect_all (AlEditor *self)
{
  g_return_if_fail (AL_IS_EDITOR (self));

  if (self->selection->len == 0)
    return;
  g_hash_table_remove_all (self->selection_set);
  g_ptr_array_set_size (self->selection, 0);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

gboolean
al_editor_is_selected (AlEditor *self,
                       gpointer  item)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), FALSE);
  return item != NULL && g_hash_table_contains (self->selection_set, item);
}

GHashTable *
al_editor_get_selection_set (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);
  return self->selection_set;
}

GPtrArray *
al_editor_dup_selection (AlEditor *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);

  copy = g_ptr_array_sized_new (self->selection->len);
  for (guint i = 0; i < self->selection->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (self->selection, i));
  return copy;
}

gpointer
al_editor_get_focus_item (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);
  return self->selection->len == 1 ? g_ptr_array_index (self->selection, 0) : NULL;
}

gboolean
al_editor_delete_selection (AlEditor *self)
{
  g_autoptr (GPtrArray) items = NULL;

  g_return_val_if_fail (AL_IS_EDITOR (self), FALSE);

  if (self->selection->len == 0)
    return FALSE;

  /* References: removing a component removes its dependencies, which may
   * be selected too, and the selection prunes itself on each change. */
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->selection->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->selection, i)));

  if (items->len > 1)
    al_history_begin (self->history, _("Remove Selection"));
  else if (AL_IS_DEPENDENCY (items->pdata[0]))
    al_history_begin (self->history, _("Remove Dependency"));
  else
    al_history_begin (self->history, _("Remove Component"));
  /* Dependencies first: the ones a removed component takes along are then
   * no longer in the document and are skipped. */
  for (guint i = 0; i < items->len; i++)
    if (AL_IS_DEPENDENCY (items->pdata[i]) && al_editor_contains (self, items->pdata[i]))
      al_history_remove_dependency (self->history, items->pdata[i]);
  for (guint i = 0; i < items->len; i++)
    if (AL_IS_COMPONENT (items->pdata[i]) && al_editor_contains (self, items->pdata[i]))
      al_history_remove_component (self->history, items->pdata[i]);
  al_history_end (self->history);

  return TRUE;
}

GPtrArray *
al_editor_get_diagnostics (AlEditor *self)
{
  g_return_val_if_fail (AL_IS_EDITOR (self), NULL);
  return self->diagnostics;
}

void
al_editor_flush_diagnostics (AlEditor *self)
{
  g_return_if_fail (AL_IS_EDITOR (self));

  g_clear_handle_id (&self->diagnostics_source, g_source_remove);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = al_validate_document (self->document);
  al_diagnostic_list_sort (self->diagnostics);
  al_scene_set_diagnostics (self->scene, self->diagnostics);
  g_signal_emit (self, signals[DIAGNOSTICS_CHANGED], 0);
}
