/* al-tool-link.c: creating a dependency by dragging from a card's handle */
#include "al-tool-link.h"

#include <glib/gi18n.h>
#include <string.h>

#include "al-render.h"

static gboolean
depends_on (AlDocument *document, AlComponent *consumer, AlComponent *provider)
{
  GListModel *dependencies = al_document_get_dependencies (document);
  const char *from = al_component_get_id (consumer);
  const char *to = al_component_get_id (provider);
  guint n = g_list_model_get_n_items (dependencies);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);

      if (g_strcmp0 (al_dependency_get_from (dependency), from) == 0
          && g_strcmp0 (al_dependency_get_to (dependency), to) == 0)
        return TRUE;
    }
  return FALSE;
}

AlLinkCheck
al_tool_link_check (AlEditor *editor, AlComponent *consumer, AlComponent *provider)
{
  g_return_val_if_fail (AL_IS_EDITOR (editor), AL_LINK_CHECK_SELF);
  g_return_val_if_fail (AL_IS_COMPONENT (consumer), AL_LINK_CHECK_SELF);
  g_return_val_if_fail (AL_IS_COMPONENT (provider), AL_LINK_CHECK_SELF);

  if (consumer == provider
      || g_strcmp0 (al_component_get_id (consumer), al_component_get_id (provider)) == 0)
    return AL_LINK_CHECK_SELF;
  if (depends_on (al_editor_get_document (editor), consumer, provider))
    return AL_LINK_CHECK_EXISTS;
  if (al_component_count_inner_ports (provider) == 0)
    return AL_LINK_CHECK_NO_INNER_PORT;
  return AL_LINK_CHECK_OK;
}

static const struct
{
  const char *image;
  int port;
} usual_ports[] = {
  { "nginx", 80 }, { "httpd", 80 }, { "caddy", 80 }, { "mysql", 3306 }, { "mariadb", 3306 },
  { "postgres", 5432 }, { "redis", 6379 }, { "mongo", 27017 }, { "rabbitmq", 5672 },
  { "kafka", 9092 }, { "nacos", 8848 }, { "elasticsearch", 9200 }, { "memcached", 11211 },
  { "zookeeper", 2181 }, { "minio", 9000 },
};

int
al_tool_link_suggest_port (AlComponent *provider)
{
  GListModel *ports;
  const char *image, *slash;
  g_autofree char *name = NULL;
  guint n;

  g_return_val_if_fail (AL_IS_COMPONENT (provider), 8080);

  ports = al_component_get_ports (provider);
  n = g_list_model_get_n_items (ports);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (ports, i);
      if (!al_port_get_inner (port) && al_port_get_port (port) > 0
          && al_port_get_port (port) <= 65535)
        return al_port_get_port (port);
    }

  /* "registry.example.com/library/mysql:8.0" → "mysql" */
  image = al_component_get_image (provider);
  if (image == NULL)
    return 8080;
  slash = strrchr (image, '/');
  name = g_strdup (slash ? slash + 1 : image);
  name[strcspn (name, ":@")] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (usual_ports); i++)
    if (g_str_has_prefix (name, usual_ports[i].image)
        || strstr (name, usual_ports[i].image) != NULL)
      return usual_ports[i].port;
  return 8080;
}

static gboolean
check_or_fail (AlEditor *editor, AlComponent *consumer, AlComponent *provider,
               gboolean port_may_open, GError **error)
{
  switch (al_tool_link_check (editor, consumer, provider))
    {
    case AL_LINK_CHECK_OK:
      return TRUE;
    case AL_LINK_CHECK_SELF:
      g_set_error_literal (error, AL_TOOL_ERROR, AL_TOOL_ERROR_LINK_SELF,
                           _("A component cannot depend on itself."));
      return FALSE;
    case AL_LINK_CHECK_EXISTS:
      g_set_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_LINK_EXISTS,
                   _("“%s” already depends on “%s”."), al_component_get_name (consumer),
                   al_component_get_name (provider));
      return FALSE;
    case AL_LINK_CHECK_NO_INNER_PORT:
      if (port_may_open)
        return TRUE;
      g_set_error (error, AL_TOOL_ERROR, AL_TOOL_ERROR_NO_INNER_PORT,
                   _("“%s” has no inner port to connect to."), al_component_get_name (provider));
      return FALSE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

static AlDependency *
add_dependency (AlEditor *editor, AlComponent *consumer, AlComponent *provider)
{
  AlDocument *document = al_editor_get_document (editor);
  g_autofree char *id = al_document_make_id (document, "d");
  g_autoptr (AlDependency) dependency = al_dependency_new (id, al_component_get_id (consumer),
                                                           al_component_get_id (provider));

  al_history_add_dependency (al_editor_get_history (editor), dependency);
  return dependency;
}

AlDependency *
al_tool_link_create (AlEditor *editor, AlComponent *consumer, AlComponent *provider,
                     GError **error)
{
  AlDependency *dependency;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (consumer), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (provider), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_or_fail (editor, consumer, provider, FALSE, error))
    return NULL;
  dependency = add_dependency (editor, consumer, provider);
  al_editor_select (editor, dependency, AL_SELECT_REPLACE);
  return dependency;
}

AlDependency *
al_tool_link_create_opening_port (AlEditor *editor, AlComponent *consumer,
                                  AlComponent *provider, GError **error)
{
  AlHistory *history;
  AlDependency *dependency;
  AlPort *closed = NULL;
  GListModel *ports;
  int number;
  guint n;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (consumer), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (provider), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_or_fail (editor, consumer, provider, TRUE, error))
    return NULL;

  history = al_editor_get_history (editor);
  number = al_tool_link_suggest_port (provider);
  ports = al_component_get_ports (provider);
  n = g_list_model_get_n_items (ports);
  for (guint i = 0; i < n && closed == NULL; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (ports, i);
      if (!al_port_get_inner (port) && al_port_get_port (port) == number)
        closed = port;
    }

  al_history_begin (history, _("Add Dependency"));
  if (al_component_count_inner_ports (provider) == 0)
    {
      if (closed != NULL)
        al_history_set (history, closed, "inner", TRUE, NULL);
      else
        {
          g_autoptr (AlPort) port = al_port_new (number, AL_PROTOCOL_TCP);
          al_port_set_inner (port, TRUE);
          al_port_set_outer (port, FALSE);
          al_history_add_port (history, provider, port);
        }
    }
  dependency = add_dependency (editor, consumer, provider);
  al_history_end (history);
  al_editor_select (editor, dependency, AL_SELECT_REPLACE);
  return dependency;
}

/* The drag */

struct _AlToolLink
{
  AlEditor *editor;
  AlComponent *consumer;
  graphene_point_t point;
  AlComponent *target;   /* borrowed: a card of the scene */
  guint8 *states;
  guint n_states;
};

static void
compute_states (AlToolLink *self)
{
  AlScene *scene = al_editor_get_scene (self->editor);
  AlDocument *document = al_editor_get_document (self->editor);
  GListModel *dependencies = al_document_get_dependencies (document);
  g_autoptr (GHashTable) providers = g_hash_table_new (g_str_hash, g_str_equal);
  const char *from = al_component_get_id (self->consumer);
  guint n = g_list_model_get_n_items (dependencies);

  /* One pass over the dependencies, not one per card. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      if (g_strcmp0 (al_dependency_get_from (dependency), from) == 0)
        g_hash_table_add (providers, (gpointer) al_dependency_get_to (dependency));
    }

  g_free (self->states);
  self->n_states = al_scene_get_n_cards (scene);
  self->states = g_new0 (guint8, MAX (self->n_states, 1));
  for (guint i = 0; i < self->n_states; i++)
    {
      AlComponent *card = al_scene_get_card (scene, i)->component;
      gboolean valid = card != self->consumer
                       && !g_hash_table_contains (providers, al_component_get_id (card))
                       && al_component_count_inner_ports (card) > 0;

      self->states[i] = valid ? AL_LINK_TARGET_VALID : AL_LINK_TARGET_INVALID;
    }
}

AlToolLink *
al_tool_link_begin (AlEditor *editor, AlComponent *consumer)
{
  AlToolLink *self;
  int index;

  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (consumer), NULL);

  self = g_new0 (AlToolLink, 1);
  self->editor = g_object_ref (editor);
  self->consumer = g_object_ref (consumer);
  al_scene_update (al_editor_get_scene (editor));
  index = al_scene_find_card (al_editor_get_scene (editor), consumer);
  if (index >= 0)
    self->point = al_scene_get_card (al_editor_get_scene (editor), index)->handle;
  compute_states (self);
  return self;
}

static AlComponent *
component_at (AlScene *scene, const graphene_point_t *point)
{
  AlSceneHit hit = al_scene_hit_test (scene, point, 0);

  if (hit.kind == AL_SCENE_HIT_CARD || hit.kind == AL_SCENE_HIT_HANDLE)
    return al_scene_get_card (scene, hit.index)->component;
  return NULL;
}

void
al_tool_link_update (AlToolLink *self, const graphene_point_t *scene_point)
{
  AlScene *scene;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scene_point != NULL);

  scene = al_editor_get_scene (self->editor);
  al_scene_update (scene);
  /* The document changed under the drag (an undo, a diagnostics pass
   * does not count): card indices moved. */
  if (al_scene_get_n_cards (scene) != self->n_states)
    compute_states (self);
  self->point = *scene_point;
  self->target = component_at (scene, scene_point);
}

AlComponent *
al_tool_link_get_consumer (AlToolLink *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->consumer;
}

int
al_tool_link_get_from_card (AlToolLink *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return al_scene_find_card (al_editor_get_scene (self->editor), self->consumer);
}

void
al_tool_link_get_point (AlToolLink *self, graphene_point_t *point)
{
  g_return_if_fail (self != NULL);
  *point = self->point;
}

AlComponent *
al_tool_link_get_target (AlToolLink *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->target;
}

const guint8 *
al_tool_link_get_target_states (AlToolLink *self, guint *n_states)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_states != NULL)
    *n_states = self->n_states;
  return self->states;
}

AlToolLinkResult
al_tool_link_end (AlToolLink *self, const graphene_point_t *scene_point,
                  AlDependency **dependency, AlComponent **provider, GError **error)
{
  AlComponent *target;

  g_return_val_if_fail (self != NULL, AL_TOOL_LINK_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, AL_TOOL_LINK_NONE);

  al_tool_link_update (self, scene_point);
  target = self->target;
  if (target == NULL)
    return AL_TOOL_LINK_NONE;

  switch (al_tool_link_check (self->editor, self->consumer, target))
    {
    case AL_LINK_CHECK_NO_INNER_PORT:
      if (provider != NULL)
        *provider = target;
      return AL_TOOL_LINK_NEEDS_PORT;
    case AL_LINK_CHECK_OK:
      {
        AlDependency *created = al_tool_link_create (self->editor, self->consumer, target, error);
        if (dependency != NULL)
          *dependency = created;
        return created ? AL_TOOL_LINK_CREATED : AL_TOOL_LINK_REFUSED;
      }
    case AL_LINK_CHECK_SELF:
      /* Released where it started: a click on the handle, not a link. */
      return AL_TOOL_LINK_NONE;
    case AL_LINK_CHECK_EXISTS:
    default:
      check_or_fail (self->editor, self->consumer, target, FALSE, error);
      return AL_TOOL_LINK_REFUSED;
    }
}

void
al_tool_link_free (AlToolLink *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->consumer);
  g_clear_object (&self->editor);
  g_free (self->states);
  g_free (self);
}
