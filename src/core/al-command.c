#include "al-command.h"

#include <glib/gi18n-lib.h>
#include <graphene-gobject.h>
#include <string.h>

#include "al-component.h"
#include "al-document.h"

struct _AlCommand
{
  AlCommandKind kind;
  /* SET: the edited object; INSERT / REMOVE: the document or component
   * that owns the collection. */
  GObject *object;
  /* SET */
  GParamSpec *pspec;
  GValue old_value;
  GValue new_value;
  /* INSERT / REMOVE */
  AlCollection collection;
  guint position;
  GObject *item;
};

gboolean
al_value_equal (const GValue *a, const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type != G_VALUE_TYPE (b))
    return FALSE;

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_STRV)
    {
      const char *const *sa = g_value_get_boxed (a);
      const char *const *sb = g_value_get_boxed (b);
      if (sa == NULL || sb == NULL)
        return sa == sb;
      return g_strv_equal (sa, sb);
    }
  if (type == G_TYPE_ARRAY)
    {
      GArray *aa = g_value_get_boxed (a);
      GArray *ab = g_value_get_boxed (b);
      if (aa == NULL || ab == NULL)
        return aa == ab;
      return aa->len == ab->len
             && g_array_get_element_size (aa) == g_array_get_element_size (ab)
             && (aa->len == 0 /* data may be NULL then */
                 || memcmp (aa->data, ab->data, aa->len * g_array_get_element_size (aa)) == 0);
    }
  if (type == GRAPHENE_TYPE_POINT)
    {
      const graphene_point_t *pa = g_value_get_boxed (a);
      const graphene_point_t *pb = g_value_get_boxed (b);
      if (pa == NULL || pb == NULL)
        return pa == pb;
      /* Exact, as the model compares: a drag by a fraction of a pixel is
       * still a move. */
      return pa->x == pb->x && pa->y == pb->y;
    }

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN: return g_value_get_boolean (a) == g_value_get_boolean (b);
    case G_TYPE_CHAR: return g_value_get_schar (a) == g_value_get_schar (b);
    case G_TYPE_UCHAR: return g_value_get_uchar (a) == g_value_get_uchar (b);
    case G_TYPE_INT: return g_value_get_int (a) == g_value_get_int (b);
    case G_TYPE_UINT: return g_value_get_uint (a) == g_value_get_uint (b);
    case G_TYPE_LONG: return g_value_get_long (a) == g_value_get_long (b);
    case G_TYPE_ULONG: return g_value_get_ulong (a) == g_value_get_ulong (b);
    case G_TYPE_INT64: return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_UINT64: return g_value_get_uint64 (a) == g_value_get_uint64 (b);
    case G_TYPE_ENUM: return g_value_get_enum (a) == g_value_get_enum (b);
    case G_TYPE_FLAGS: return g_value_get_flags (a) == g_value_get_flags (b);
    case G_TYPE_FLOAT: return g_value_get_float (a) == g_value_get_float (b);
    case G_TYPE_DOUBLE: return g_value_get_double (a) == g_value_get_double (b);
    case G_TYPE_BOXED: return g_value_get_boxed (a) == g_value_get_boxed (b);
    case G_TYPE_OBJECT: return g_value_get_object (a) == g_value_get_object (b);
    case G_TYPE_POINTER: return g_value_get_pointer (a) == g_value_get_pointer (b);
    default: return FALSE;
    }
}

static GListModel *
collection_of (GObject *owner, AlCollection collection)
{
  if (AL_IS_DOCUMENT (owner))
    return al_document_get_collection (AL_DOCUMENT (owner), collection);
  return al_component_get_collection (AL_COMPONENT (owner), collection);
}

static gboolean
owns_collection (GObject *owner, AlCollection collection)
{
  switch (collection)
    {
    case AL_COLLECTION_LANES:
    case AL_COLLECTION_COMPONENTS:
    case AL_COLLECTION_DEPENDENCIES:
      return AL_IS_DOCUMENT (owner);
    case AL_COLLECTION_PORTS:
    case AL_COLLECTION_ENV:
    case AL_COLLECTION_CONNECTION:
    case AL_COLLECTION_VOLUMES:
      return AL_IS_COMPONENT (owner);
    default:
      return FALSE;
    }
}

static void
insert_into (GObject *owner, AlCollection collection, guint position, GObject *item)
{
  if (AL_IS_DOCUMENT (owner))
    al_document_insert (AL_DOCUMENT (owner), collection, position, item);
  else
    al_component_insert (AL_COMPONENT (owner), collection, position, item);
}

static void
remove_from (GObject *owner, AlCollection collection, guint position, GObject *expected)
{
  GListModel *model = collection_of (owner, collection);
  g_autoptr (GObject) item = NULL;

  g_return_if_fail (position < g_list_model_get_n_items (model));
  /* Undo replays in exact reverse order, so the item must be where it was
   * put; anything else means the model was edited behind the history. */
  item = g_list_model_get_item (model, position);
  g_return_if_fail (item == expected);

  if (AL_IS_DOCUMENT (owner))
    al_document_remove (AL_DOCUMENT (owner), collection, position);
  else
    al_component_remove (AL_COMPONENT (owner), collection, position);
}

void
al_command_free (AlCommand *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->object);
  g_clear_object (&self->item);
  if (self->pspec != NULL)
    {
      g_value_unset (&self->old_value);
      g_value_unset (&self->new_value);
      g_param_spec_unref (self->pspec);
    }
  g_free (self);
}

void
al_command_apply (AlCommand *self)
{
  g_return_if_fail (self != NULL);

  switch (self->kind)
    {
    case AL_COMMAND_SET:
      g_object_set_property (self->object, self->pspec->name, &self->new_value);
      break;
    case AL_COMMAND_INSERT:
      insert_into (self->object, self->collection, self->position, self->item);
      break;
    case AL_COMMAND_REMOVE:
      remove_from (self->object, self->collection, self->position, self->item);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
al_command_revert (AlCommand *self)
{
  g_return_if_fail (self != NULL);

  switch (self->kind)
    {
    case AL_COMMAND_SET:
      g_object_set_property (self->object, self->pspec->name, &self->old_value);
      break;
    case AL_COMMAND_INSERT:
      remove_from (self->object, self->collection, self->position, self->item);
      break;
    case AL_COMMAND_REMOVE:
      insert_into (self->object, self->collection, self->position, self->item);
      break;
    default:
      g_assert_not_reached ();
    }
}

AlCommandKind
al_command_get_kind (AlCommand *self)
{
  return self->kind;
}

gboolean
al_command_same_property (AlCommand *self, AlCommand *other)
{
  return self->kind == AL_COMMAND_SET && other->kind == AL_COMMAND_SET
         && self->object == other->object && self->pspec == other->pspec;
}

void
al_command_merge (AlCommand *self, AlCommand *next)
{
  g_return_if_fail (al_command_same_property (self, next));
  g_value_copy (&next->new_value, &self->new_value);
}

gboolean
al_command_is_noop (AlCommand *self)
{
  return self->kind == AL_COMMAND_SET && al_value_equal (&self->old_value, &self->new_value);
}

/* Edits */

void
al_command_set_property (GPtrArray *commands, GObject *object, GParamSpec *pspec,
                         const GValue *value)
{
  AlCommand *self;

  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (G_IS_PARAM_SPEC (pspec));
  g_return_if_fail (G_IS_VALUE (value));

  self = g_new0 (AlCommand, 1);
  self->kind = AL_COMMAND_SET;
  self->object = g_object_ref (object);
  self->pspec = g_param_spec_ref (pspec);
  g_value_init (&self->old_value, pspec->value_type);
  g_value_init (&self->new_value, pspec->value_type);
  g_object_get_property (object, pspec->name, &self->old_value);
  g_object_set_property (object, pspec->name, value);
  /* Keep what the model stored, not what was asked: setters normalise
   * (lane arches) and copy (dependency ports), and redo must replay the
   * stored value. */
  g_object_get_property (object, pspec->name, &self->new_value);

  if (al_command_is_noop (self))
    al_command_free (self);
  else
    g_ptr_array_add (commands, self);
}

static void
set_value (GPtrArray *commands, gpointer object, const char *property, GValue *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  al_command_set_property (commands, object, pspec, value);
  g_value_unset (value);
}

void
al_command_set_string (GPtrArray *commands, gpointer object, const char *property,
                       const char *str)
{
  GValue value = G_VALUE_INIT;

  g_value_set_string (g_value_init (&value, G_TYPE_STRING), str);
  set_value (commands, object, property, &value);
}

static AlCommand *
al_command_new_structural (AlCommandKind kind, GObject *owner, AlCollection collection,
                           guint position, GObject *item)
{
  AlCommand *self = g_new0 (AlCommand, 1);

  self->kind = kind;
  self->object = g_object_ref (owner);
  self->collection = collection;
  self->position = position;
  self->item = g_object_ref (item);
  al_command_apply (self);
  return self;
}

void
al_command_insert (GPtrArray *commands, GObject *owner, AlCollection collection, guint position,
                   GObject *item)
{
  GListModel *model;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (owns_collection (owner, collection));
  model = collection_of (owner, collection);
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, g_list_model_get_item_type (model)));
  g_return_if_fail (position <= g_list_model_get_n_items (model));

  g_ptr_array_add (commands, al_command_new_structural (AL_COMMAND_INSERT, owner, collection,
                                                        position, item));
}

void
al_command_remove (GPtrArray *commands, GObject *owner, AlCollection collection, guint position)
{
  g_autoptr (GObject) item = NULL;
  GListModel *model;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (owns_collection (owner, collection));
  model = collection_of (owner, collection);
  g_return_if_fail (position < g_list_model_get_n_items (model));

  item = g_list_model_get_item (model, position);
  g_ptr_array_add (commands, al_command_new_structural (AL_COMMAND_REMOVE, owner, collection,
                                                        position, item));
}

void
al_command_append_item (GPtrArray *commands, GObject *owner, AlCollection collection,
                        GObject *item)
{
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (owns_collection (owner, collection));
  al_command_insert (commands, owner, collection,
                     g_list_model_get_n_items (collection_of (owner, collection)), item);
}

void
al_command_remove_item (GPtrArray *commands, GObject *owner, AlCollection collection,
                        GObject *item)
{
  GListModel *model;
  guint n;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (owns_collection (owner, collection));
  model = collection_of (owner, collection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) other = g_list_model_get_item (model, i);
      if (other == item)
        {
          al_command_remove (commands, owner, collection, i);
          return;
        }
    }
  g_critical ("%s: the item is not in the collection", G_STRFUNC);
}

gboolean
al_command_remove_lane (GPtrArray *commands, AlDocument *document, AlLane *lane, AlLane *target)
{
  g_autoptr (GPtrArray) on_lane = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *components = al_document_get_components (document);
  int index = al_document_index_of (document, AL_COLLECTION_LANES, lane);
  guint n = g_list_model_get_n_items (components);

  g_return_val_if_fail (index >= 0, FALSE);
  if (target == lane
      || (target != NULL && al_document_index_of (document, AL_COLLECTION_LANES, target) < 0))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      AlComponent *component = g_list_model_get_item (components, i);
      if (g_strcmp0 (al_component_get_lane (component), al_lane_get_id (lane)) == 0)
        g_ptr_array_add (on_lane, component);
      else
        g_object_unref (component);
    }
  if (on_lane->len > 0 && target == NULL)
    return FALSE;

  /* Positions are relative to the lane, so they carry over unchanged. */
  for (guint i = 0; i < on_lane->len; i++)
    al_command_set_string (commands, g_ptr_array_index (on_lane, i), "lane",
                           al_lane_get_id (target));
  al_command_remove (commands, G_OBJECT (document), AL_COLLECTION_LANES, index);
  return TRUE;
}

void
al_command_modify_lane (GPtrArray *commands, AlLane *lane, const char *arch, const char *label,
                        gboolean tolerate_taint)
{
  GValue value = G_VALUE_INIT;

  if (arch != NULL)
    al_command_set_string (commands, lane, "arch", arch);
  if (label != NULL)
    al_command_set_string (commands, lane, "label", label);
  g_value_set_boolean (g_value_init (&value, G_TYPE_BOOLEAN), tolerate_taint);
  set_value (commands, lane, "tolerate-taint", &value);
}

void
al_command_remove_component (GPtrArray *commands, AlDocument *document, AlComponent *component)
{
  GListModel *dependencies = al_document_get_dependencies (document);
  int index = al_document_index_of (document, AL_COLLECTION_COMPONENTS, component);
  const char *id = al_component_get_id (component);

  g_return_if_fail (index >= 0);
  /* Last to first, so that each recorded position is the original one and
   * undo puts every dependency back where it was. */
  for (guint i = g_list_model_get_n_items (dependencies); i > 0; i--)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i - 1);
      if (g_strcmp0 (al_dependency_get_from (dependency), id) == 0
          || g_strcmp0 (al_dependency_get_to (dependency), id) == 0)
        al_command_remove (commands, G_OBJECT (document), AL_COLLECTION_DEPENDENCIES, i - 1);
    }
  al_command_remove (commands, G_OBJECT (document), AL_COLLECTION_COMPONENTS, index);
}

void
al_command_move_component (GPtrArray *commands, AlComponent *component, AlLane *lane,
                           const graphene_point_t *position)
{
  GValue value = G_VALUE_INIT;

  if (lane != NULL)
    al_command_set_string (commands, component, "lane", al_lane_get_id (lane));
  g_value_set_boxed (g_value_init (&value, GRAPHENE_TYPE_POINT), position);
  set_value (commands, component, "position", &value);
}

/* Labels */

const char *
al_command_label_for_set (GObject *object)
{
  GType type = G_OBJECT_TYPE (object);

  if (type == AL_TYPE_DOCUMENT)
    return _("Edit Application");
  if (type == AL_TYPE_LANE)
    return _("Edit Lane");
  if (type == AL_TYPE_COMPONENT)
    return _("Edit Component");
  if (type == AL_TYPE_PORT)
    return _("Edit Port");
  if (type == AL_TYPE_ENV_VAR)
    return _("Edit Variable");
  if (type == AL_TYPE_VOLUME)
    return _("Edit Volume");
  if (type == AL_TYPE_PROBE)
    return _("Edit Probe");
  if (type == AL_TYPE_DEPENDENCY)
    return _("Edit Dependency");
  return _("Edit");
}

const char *
al_command_label_for_insert (AlCollection collection)
{
  switch (collection)
    {
    case AL_COLLECTION_LANES: return _("Add Lane");
    case AL_COLLECTION_COMPONENTS: return _("Add Component");
    case AL_COLLECTION_DEPENDENCIES: return _("Add Dependency");
    case AL_COLLECTION_PORTS: return _("Add Port");
    case AL_COLLECTION_ENV: return _("Add Variable");
    case AL_COLLECTION_CONNECTION: return _("Add Connection Variable");
    case AL_COLLECTION_VOLUMES: return _("Add Volume");
    default: return _("Add");
    }
}

const char *
al_command_label_for_remove (AlCollection collection)
{
  switch (collection)
    {
    case AL_COLLECTION_LANES: return _("Remove Lane");
    case AL_COLLECTION_COMPONENTS: return _("Remove Component");
    case AL_COLLECTION_DEPENDENCIES: return _("Remove Dependency");
    case AL_COLLECTION_PORTS: return _("Remove Port");
    case AL_COLLECTION_ENV: return _("Remove Variable");
    case AL_COLLECTION_CONNECTION: return _("Remove Connection Variable");
    case AL_COLLECTION_VOLUMES: return _("Remove Volume");
    default: return _("Remove");
    }
}
