#include "al-document.h"

#include "al-enums.h"
#include "al-model-private.h"

/* A key → objects map that follows the key property of its objects, so that
 * lookups stay O(1) while names and ids are edited. Several objects may
 * share a key (duplicates are a diagnostic, not an impossibility). */
typedef const char *(*AlIndexKey) (gpointer object);

typedef struct
{
  AlIndexKey  key;     /* the getter of the key property */
  guint       notify;  /* "notify", with the property as detail */
  GQuark      detail;
  GHashTable *by_key;  /* char* → GPtrArray of borrowed objects */
  GHashTable *key_of;  /* object → char* (owned by by_key) */
} AlIndex;

struct _AlDocument
{
  GObject parent_instance;
  char *name;
  char *display_name;
  char *namespace_;
  AlExposure exposure;
  char *wait_image;
  GListStore *lanes;
  GListStore *components;
  GListStore *dependencies;
  AlIndex lane_ids;
  AlIndex component_ids;
  AlIndex component_names;
  AlIndex dependency_ids;
  guint next_id;
};

G_DEFINE_FINAL_TYPE (AlDocument, al_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_NAMESPACE,
  PROP_EXPOSURE,
  PROP_WAIT_IMAGE,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* @property is the name of the property @key reads: a static string. */
static void
al_index_init (AlIndex *index, const char *property, AlIndexKey key)
{
  index->key = key;
  index->notify = g_signal_lookup ("notify", G_TYPE_OBJECT);
  index->detail = g_quark_from_static_string (property);
  index->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  index->key_of = g_hash_table_new (NULL, NULL);
}

static void
al_index_clear (AlIndex *index)
{
  g_clear_pointer (&index->by_key, g_hash_table_unref);
  g_clear_pointer (&index->key_of, g_hash_table_unref);
}

static void
al_index_add (AlIndex *index, GObject *object)
{
  g_autofree char *key = g_strdup (index->key (object));
  GPtrArray *objects;
  gpointer stored_key;

  if (!g_hash_table_lookup_extended (index->by_key, key, &stored_key, (gpointer *) &objects))
    {
      objects = g_ptr_array_new ();
      stored_key = g_steal_pointer (&key);
      g_hash_table_insert (index->by_key, stored_key, objects);
    }
  g_ptr_array_add (objects, object);
  g_hash_table_insert (index->key_of, object, stored_key);
}

static void
al_index_remove (AlIndex *index, GObject *object)
{
  const char *key = g_hash_table_lookup (index->key_of, object);
  GPtrArray *objects;

  if (key == NULL)
    return;
  g_hash_table_remove (index->key_of, object);
  objects = g_hash_table_lookup (index->by_key, key);
  g_ptr_array_remove_fast (objects, object);
  if (objects->len == 0)
    g_hash_table_remove (index->by_key, key);
}

static gpointer
al_index_lookup (AlIndex *index, const char *key)
{
  GPtrArray *objects;

  if (key == NULL)
    return NULL;
  objects = g_hash_table_lookup (index->by_key, key);
  return objects ? g_ptr_array_index (objects, 0) : NULL;
}

static void
on_key_changed (GObject *object, GParamSpec *pspec, AlIndex *index)
{
  al_index_remove (index, object);
  al_index_add (index, object);
}

static void
al_index_track (AlIndex *index, GObject *object)
{
  al_index_add (index, object);
  /* By id: thousands of objects are tracked as a document loads, and
   * parsing "notify::id" each time would cost more than the rest. */
  g_signal_connect_closure_by_id (object, index->notify, index->detail,
                                  g_cclosure_new (G_CALLBACK (on_key_changed), index, NULL),
                                  FALSE);
}

static void
al_index_untrack (AlIndex *index, GObject *object)
{
  g_signal_handlers_disconnect_by_func (object, on_key_changed, index);
  al_index_remove (index, object);
}

static void
untrack_all (AlDocument *self)
{
  struct
  {
    GListStore *store;
    AlIndex *indexes[2];
  } lists[] = {
    { self->lanes, { &self->lane_ids, NULL } },
    { self->components, { &self->component_ids, &self->component_names } },
    { self->dependencies, { &self->dependency_ids, NULL } },
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (lists[l].store));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (lists[l].store), i);
          for (guint k = 0; k < 2 && lists[l].indexes[k]; k++)
            g_signal_handlers_disconnect_by_func (item, on_key_changed, lists[l].indexes[k]);
        }
    }
}

static void
al_document_dispose (GObject *object)
{
  AlDocument *self = AL_DOCUMENT (object);

  if (self->lanes != NULL)
    untrack_all (self);
  g_clear_object (&self->lanes);
  g_clear_object (&self->components);
  g_clear_object (&self->dependencies);
  G_OBJECT_CLASS (al_document_parent_class)->dispose (object);
}

static void
al_document_finalize (GObject *object)
{
  AlDocument *self = AL_DOCUMENT (object);

  al_index_clear (&self->lane_ids);
  al_index_clear (&self->component_ids);
  al_index_clear (&self->component_names);
  al_index_clear (&self->dependency_ids);
  g_free (self->name);
  g_free (self->display_name);
  g_free (self->namespace_);
  g_free (self->wait_image);
  G_OBJECT_CLASS (al_document_parent_class)->finalize (object);
}

static void
al_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlDocument *self = AL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_NAMESPACE: g_value_set_string (value, self->namespace_); break;
    case PROP_EXPOSURE: g_value_set_enum (value, self->exposure); break;
    case PROP_WAIT_IMAGE: g_value_set_string (value, self->wait_image); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_document_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlDocument *self = AL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME: al_document_set_name (self, g_value_get_string (value)); break;
    case PROP_DISPLAY_NAME: al_document_set_display_name (self, g_value_get_string (value)); break;
    case PROP_NAMESPACE: al_document_set_namespace (self, g_value_get_string (value)); break;
    case PROP_EXPOSURE: al_document_set_exposure (self, g_value_get_enum (value)); break;
    case PROP_WAIT_IMAGE: al_document_set_wait_image (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_document_class_init (AlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = al_document_dispose;
  object_class->finalize = al_document_finalize;
  object_class->get_property = al_document_get_property;
  object_class->set_property = al_document_set_property;

  properties[PROP_NAME] = AL_PARAM_STRING ("name");
  properties[PROP_DISPLAY_NAME] = AL_PARAM_STRING ("display-name");
  properties[PROP_NAMESPACE] = AL_PARAM_STRING ("namespace");
  properties[PROP_EXPOSURE] = AL_PARAM_ENUM ("exposure", AL_TYPE_EXPOSURE, AL_EXPOSURE_NODE_PORT);
  properties[PROP_WAIT_IMAGE] = AL_PARAM_STRING ("wait-image");
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlDocument::changed:
   *
   * Emitted once after each edit made through the history (a command, a
   * transaction, an undo or a redo), so views can refresh derived state once.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
al_document_init (AlDocument *self)
{
  self->name = g_strdup ("");
  self->display_name = g_strdup ("");
  self->namespace_ = g_strdup ("");
  self->wait_image = g_strdup ("busybox:1.36");
  self->lanes = g_list_store_new (AL_TYPE_LANE);
  self->components = g_list_store_new (AL_TYPE_COMPONENT);
  self->dependencies = g_list_store_new (AL_TYPE_DEPENDENCY);
  al_index_init (&self->lane_ids, "id", (AlIndexKey) al_lane_get_id);
  al_index_init (&self->component_ids, "id", (AlIndexKey) al_component_get_id);
  al_index_init (&self->component_names, "name", (AlIndexKey) al_component_get_name);
  al_index_init (&self->dependency_ids, "id", (AlIndexKey) al_dependency_get_id);
  self->next_id = 1;
}

AlDocument *
al_document_new (void)
{
  return g_object_new (AL_TYPE_DOCUMENT, NULL);
}

AL_DEFINE_STRING_ACCESSORS (AlDocument, al_document, AL_IS_DOCUMENT, name, PROP_NAME)
AL_DEFINE_STRING_ACCESSORS (AlDocument, al_document, AL_IS_DOCUMENT, display_name,
                            PROP_DISPLAY_NAME)
AL_DEFINE_SCALAR_ACCESSORS (AlDocument, al_document, AL_IS_DOCUMENT, AlExposure, exposure,
                            PROP_EXPOSURE)
AL_DEFINE_STRING_ACCESSORS (AlDocument, al_document, AL_IS_DOCUMENT, wait_image, PROP_WAIT_IMAGE)

const char *
al_document_get_namespace (AlDocument *self)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return self->namespace_;
}

void
al_document_set_namespace (AlDocument *self, const char *namespace_)
{
  g_return_if_fail (AL_IS_DOCUMENT (self));
  if (al_set_str (&self->namespace_, namespace_ ? namespace_ : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMESPACE]);
}

GListModel *
al_document_get_lanes (AlDocument *self)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lanes);
}

GListModel *
al_document_get_components (AlDocument *self)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->components);
}

GListModel *
al_document_get_dependencies (AlDocument *self)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->dependencies);
}

static GListStore *
collection_store (AlDocument *self, AlCollection collection)
{
  switch (collection)
    {
    case AL_COLLECTION_LANES: return self->lanes;
    case AL_COLLECTION_COMPONENTS: return self->components;
    case AL_COLLECTION_DEPENDENCIES: return self->dependencies;
    case AL_COLLECTION_PORTS:
    case AL_COLLECTION_ENV:
    case AL_COLLECTION_CONNECTION:
    case AL_COLLECTION_VOLUMES:
    default: g_return_val_if_reached (NULL);
    }
}

GListModel *
al_document_get_collection (AlDocument *self, AlCollection collection)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (collection_store (self, collection));
}

void
al_document_insert (AlDocument *self, AlCollection collection, guint position, gpointer item)
{
  GListStore *store;

  g_return_if_fail (AL_IS_DOCUMENT (self));
  store = collection_store (self, collection);
  g_return_if_fail (store != NULL);
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, g_list_model_get_item_type (G_LIST_MODEL (store))));
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (store)));

  /* Index first, so that handlers of items-changed can look the item up. */
  switch (collection)
    {
    case AL_COLLECTION_LANES:
      al_index_track (&self->lane_ids, item);
      break;
    case AL_COLLECTION_COMPONENTS:
      al_index_track (&self->component_ids, item);
      al_index_track (&self->component_names, item);
      break;
    case AL_COLLECTION_DEPENDENCIES:
      al_index_track (&self->dependency_ids, item);
      break;
    default:
      g_assert_not_reached ();
    }
  g_list_store_insert (store, position, item);
}

void
al_document_remove (AlDocument *self, AlCollection collection, guint position)
{
  g_autoptr (GObject) item = NULL;
  GListStore *store;

  g_return_if_fail (AL_IS_DOCUMENT (self));
  store = collection_store (self, collection);
  g_return_if_fail (store != NULL);
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (store)));

  item = g_list_model_get_item (G_LIST_MODEL (store), position);
  switch (collection)
    {
    case AL_COLLECTION_LANES:
      al_index_untrack (&self->lane_ids, item);
      break;
    case AL_COLLECTION_COMPONENTS:
      al_index_untrack (&self->component_ids, item);
      al_index_untrack (&self->component_names, item);
      break;
    case AL_COLLECTION_DEPENDENCIES:
      al_index_untrack (&self->dependency_ids, item);
      break;
    default:
      g_assert_not_reached ();
    }
  g_list_store_remove (store, position);
}

void
al_document_add_lane (AlDocument *self, AlLane *lane)
{
  al_document_insert (self, AL_COLLECTION_LANES, g_list_model_get_n_items (G_LIST_MODEL (self->lanes)),
                      lane);
}

void
al_document_add_component (AlDocument *self, AlComponent *component)
{
  al_document_insert (self, AL_COLLECTION_COMPONENTS,
                      g_list_model_get_n_items (G_LIST_MODEL (self->components)), component);
}

void
al_document_add_dependency (AlDocument *self, AlDependency *dependency)
{
  al_document_insert (self, AL_COLLECTION_DEPENDENCIES,
                      g_list_model_get_n_items (G_LIST_MODEL (self->dependencies)), dependency);
}

AlLane *
al_document_lookup_lane (AlDocument *self, const char *id)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return al_index_lookup (&self->lane_ids, id);
}

AlComponent *
al_document_lookup_component (AlDocument *self, const char *id)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return al_index_lookup (&self->component_ids, id);
}

AlComponent *
al_document_lookup_component_by_name (AlDocument *self, const char *name)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return al_index_lookup (&self->component_names, name);
}

AlDependency *
al_document_lookup_dependency (AlDocument *self, const char *id)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  return al_index_lookup (&self->dependency_ids, id);
}

AlLane *
al_document_get_component_lane (AlDocument *self, AlComponent *component)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);
  return al_index_lookup (&self->lane_ids, al_component_get_lane (component));
}

int
al_document_index_of (AlDocument *self, AlCollection collection, gpointer item)
{
  guint position;

  g_return_val_if_fail (AL_IS_DOCUMENT (self), -1);
  if (g_list_store_find (collection_store (self, collection), item, &position))
    return (int) position;
  return -1;
}

static gboolean
id_in_use (AlDocument *self, const char *id)
{
  return al_index_lookup (&self->lane_ids, id) != NULL
         || al_index_lookup (&self->component_ids, id) != NULL
         || al_index_lookup (&self->dependency_ids, id) != NULL;
}

char *
al_document_make_id (AlDocument *self, const char *prefix)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", prefix, self->next_id++);
      if (!id_in_use (self, id))
        return id;
      g_free (id);
    }
}

char *
al_document_make_unique_name (AlDocument *self, const char *base)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (base != NULL, NULL);

  if (al_index_lookup (&self->component_names, base) == NULL)
    return g_strdup (base);
  for (guint n = 2;; n++)
    {
      char *name = g_strdup_printf ("%s-%u", base, n);
      if (al_index_lookup (&self->component_names, name) == NULL)
        return name;
      g_free (name);
    }
}

void
al_document_emit_changed (AlDocument *self)
{
  g_return_if_fail (AL_IS_DOCUMENT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}
