/* al-deploy-status.c: the live state of the components of the deployed application */
#include <glib/gi18n.h>
#include <string.h>

#include "al-deploy-status.h"
#include "al-diagnostic.h"
#include "al-kube-watch.h"

typedef struct
{
  char *component_id;
  char *sentence;   /* the watch's reason as a sentence, or %NULL */
} Entry;

struct _AlDeployStatus
{
  GObject parent_instance;

  AlKubeWatch *watch;     /* while watching */
  char *namespace_;
  char *problem;
  GHashTable *entries;    /* component name → Entry* */
};

G_DEFINE_FINAL_TYPE (AlDeployStatus, al_deploy_status, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  g_free (entry->component_id);
  g_free (entry->sentence);
  g_free (entry);
}

/* "the image has no build for arm64" → "The image has no build for arm64." */
static char *
make_sentence (const char *text)
{
  GString *sentence;
  gunichar first;

  if (text == NULL || *text == '\0')
    return NULL;
  first = g_utf8_get_char (text);
  sentence = g_string_new (NULL);
  g_string_append_unichar (sentence, g_unichar_totitle (first));
  g_string_append (sentence, g_utf8_next_char (text));
  if (!g_str_has_suffix (sentence->str, ".") && !g_str_has_suffix (sentence->str, "…"))
    g_string_append_c (sentence, '.');
  return g_string_free (sentence, FALSE);
}

static void
on_component_changed (AlKubeWatch *watch, const char *component_id, AlDeployStatus *self)
{
  const AlKubeComponentStatus *status = al_kube_watch_get_status (watch, component_id);
  Entry *entry;

  if (status == NULL)
    return;
  entry = g_hash_table_lookup (self->entries, status->component_name);
  if (entry == NULL)
    return;
  g_free (entry->sentence);
  entry->sentence = make_sentence (status->reason);
  if (al_kube_watch_is_synced (watch))
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, status->component_name);
}

static void
on_synced (AlKubeWatch *watch, AlDeployStatus *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL);
}

static void
on_problem (AlKubeWatch *watch, const char *sentence, AlDeployStatus *self)
{
  g_free (self->problem);
  self->problem = g_strdup (sentence);
  g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, sentence);
}

static void
al_deploy_status_dispose (GObject *object)
{
  AlDeployStatus *self = AL_DEPLOY_STATUS (object);

  if (self->watch != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watch, self);
      al_kube_watch_stop (self->watch);
      g_clear_object (&self->watch);
    }
  G_OBJECT_CLASS (al_deploy_status_parent_class)->dispose (object);
}

static void
al_deploy_status_finalize (GObject *object)
{
  AlDeployStatus *self = AL_DEPLOY_STATUS (object);

  g_hash_table_unref (self->entries);
  g_free (self->namespace_);
  g_free (self->problem);
  G_OBJECT_CLASS (al_deploy_status_parent_class)->finalize (object);
}

static void
al_deploy_status_class_init (AlDeployStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = al_deploy_status_dispose;
  object_class->finalize = al_deploy_status_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
al_deploy_status_init (AlDeployStatus *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
}

AlDeployStatus *
al_deploy_status_new (void)
{
  return g_object_new (AL_TYPE_DEPLOY_STATUS, NULL);
}

void
al_deploy_status_start (AlDeployStatus *self, AlKubeClient *client, AlDocument *document,
                        const char *namespace_)
{
  GListModel *components;
  const char *document_namespace;

  g_return_if_fail (AL_IS_DEPLOY_STATUS (self));
  g_return_if_fail (AL_IS_KUBE_CLIENT (client));
  g_return_if_fail (AL_IS_DOCUMENT (document));

  if (self->watch != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watch, self);
      al_kube_watch_stop (self->watch);
      g_clear_object (&self->watch);
    }
  g_hash_table_remove_all (self->entries);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->namespace_, g_free);

  document_namespace = al_document_get_namespace (document);
  if (namespace_ != NULL && *namespace_ != '\0')
    self->namespace_ = g_strdup (namespace_);
  else if (document_namespace != NULL && *document_namespace != '\0')
    self->namespace_ = g_strdup (document_namespace);
  else
    self->namespace_ = g_strdup ("default");

  components = al_document_get_components (document);
  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      Entry *entry = g_new0 (Entry, 1);

      entry->component_id = g_strdup (al_component_get_id (component));
      g_hash_table_replace (self->entries, g_strdup (al_component_get_name (component)), entry);
    }

  self->watch = al_kube_watch_new (client, document, self->namespace_);
  g_signal_connect (self->watch, "component-changed", G_CALLBACK (on_component_changed), self);
  g_signal_connect (self->watch, "synced", G_CALLBACK (on_synced), self);
  g_signal_connect (self->watch, "problem", G_CALLBACK (on_problem), self);
  al_kube_watch_start (self->watch);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL);
}

void
al_deploy_status_stop (AlDeployStatus *self)
{
  g_return_if_fail (AL_IS_DEPLOY_STATUS (self));

  if (self->watch == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->watch, self);
  al_kube_watch_stop (self->watch);
  g_clear_object (&self->watch);
  g_hash_table_remove_all (self->entries);
  g_clear_pointer (&self->namespace_, g_free);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL);
}

gboolean
al_deploy_status_is_watching (AlDeployStatus *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_STATUS (self), FALSE);
  return self->watch != NULL;
}

gboolean
al_deploy_status_is_synced (AlDeployStatus *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_STATUS (self), FALSE);
  return self->watch != NULL && al_kube_watch_is_synced (self->watch);
}

const char *
al_deploy_status_get_namespace (AlDeployStatus *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_STATUS (self), NULL);
  return self->namespace_;
}

const char *
al_deploy_status_get_problem (AlDeployStatus *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_STATUS (self), NULL);
  return self->problem;
}

static AlWorkloadState
workload_state (AlKubeComponentState state)
{
  switch (state)
    {
    case AL_KUBE_COMPONENT_ABSENT:
      return AL_WORKLOAD_ABSENT;
    case AL_KUBE_COMPONENT_PROGRESSING:
      return AL_WORKLOAD_PROGRESSING;
    case AL_KUBE_COMPONENT_RUNNING:
      return AL_WORKLOAD_RUNNING;
    case AL_KUBE_COMPONENT_FAILED:
      return AL_WORKLOAD_FAILED;
    default:
      return AL_WORKLOAD_UNKNOWN;
    }
}

gboolean
al_deploy_status_get (AlDeployStatus *self, const char *component_name, AlWorkloadState *state,
                      int *ready, int *desired, const char **reason)
{
  const AlKubeComponentStatus *status = NULL;
  Entry *entry = NULL;

  if (state != NULL)
    *state = AL_WORKLOAD_UNKNOWN;
  if (ready != NULL)
    *ready = 0;
  if (desired != NULL)
    *desired = 0;
  if (reason != NULL)
    *reason = NULL;
  g_return_val_if_fail (AL_IS_DEPLOY_STATUS (self), FALSE);
  g_return_val_if_fail (component_name != NULL, FALSE);

  if (self->watch != NULL)
    entry = g_hash_table_lookup (self->entries, component_name);
  if (entry != NULL)
    status = al_kube_watch_get_status (self->watch, entry->component_id);
  if (status == NULL)
    return FALSE;
  /* Until the first lists are in, "absent" would be a guess. */
  if (!al_kube_watch_is_synced (self->watch))
    return TRUE;
  if (state != NULL)
    *state = workload_state (status->state);
  if (ready != NULL)
    *ready = status->ready;
  if (desired != NULL)
    *desired = status->desired;
  if (reason != NULL && (status->state == AL_KUBE_COMPONENT_FAILED
                         || status->state == AL_KUBE_COMPONENT_PROGRESSING))
    *reason = entry->sentence;
  return TRUE;
}

GPtrArray *
al_deploy_status_dup_diagnostics (AlDeployStatus *self, AlDocument *document)
{
  GPtrArray *diagnostics = al_diagnostic_list_new ();
  GListModel *components;

  g_return_val_if_fail (AL_IS_DEPLOY_STATUS (self), diagnostics);
  g_return_val_if_fail (AL_IS_DOCUMENT (document), diagnostics);

  components = al_document_get_components (document);
  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      const char *name = al_component_get_name (component);
      AlWorkloadState state;
      const char *reason;

      if (!al_deploy_status_get (self, name, &state, NULL, NULL, &reason)
          || state != AL_WORKLOAD_FAILED)
        continue;
      g_ptr_array_add (diagnostics,
                       al_diagnostic_new (AL_SEVERITY_ERROR, "pod-failure",
                                          al_component_get_id (component), NULL,
                                          _("The pods of “%s” in namespace “%s” fail: %s"), name,
                                          self->namespace_,
                                          reason != NULL ? reason : _("No reason given.")));
    }
  al_diagnostic_list_sort (diagnostics);
  return diagnostics;
}

const char *
al_workload_state_to_string (AlWorkloadState state)
{
  switch (state)
    {
    case AL_WORKLOAD_ABSENT:
      return _("Absent");
    case AL_WORKLOAD_PROGRESSING:
      return _("Progressing");
    case AL_WORKLOAD_RUNNING:
      return _("Running");
    case AL_WORKLOAD_FAILED:
      return _("Failed");
    case AL_WORKLOAD_UNKNOWN:
    default:
      return _("Unknown");
    }
}
