#include "al-history.h"
#include "al-history-private.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>
#include <string.h>

#include "al-command.h"

/* An undo step: the commands of one edit or one transaction, in the order
 * they were applied. */
typedef struct
{
  char *label;
  GPtrArray *commands;
  guint64 serial;
  gint64 time;
  gboolean mergeable;
} AlStep;

/* saved_serial when the saved state can no longer be reached by undo or redo */
#define UNREACHABLE G_MAXUINT64

struct _AlHistory
{
  GObject parent_instance;
  AlDocument *document;
  GPtrArray *undo_stack; /* AlStep*, the most recent last */
  GPtrArray *redo_stack; /* AlStep*, the next to redo last */
  AlStep *open;          /* the transaction being recorded */
  guint depth;
  gboolean open_explicit;
  gboolean busy;
  guint64 next_serial;
  guint64 saved_serial; /* serial of the top step when saved; 0 for none */
  AlHistoryClockFunc clock;
  gpointer clock_data;
  gint64 merge_interval;
  /* as last notified */
  gboolean can_undo;
  gboolean can_redo;
  gboolean modified;
  char *undo_label;
  char *redo_label;
};

G_DEFINE_FINAL_TYPE (AlHistory, al_history, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  PROP_MERGE_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static AlStep *
al_step_new (const char *label)
{
  AlStep *step = g_new0 (AlStep, 1);

  step->label = g_strdup (label);
  step->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) al_command_free);
  return step;
}

static void
al_step_free (AlStep *step)
{
  if (step == NULL)
    return;
  g_free (step->label);
  g_ptr_array_unref (step->commands);
  g_free (step);
}

static AlStep *
top_of (GPtrArray *stack)
{
  return stack->len ? g_ptr_array_index (stack, stack->len - 1) : NULL;
}

static guint64
top_serial (AlHistory *self)
{
  AlStep *top = top_of (self->undo_stack);

  return top ? top->serial : 0;
}

static gint64
now (AlHistory *self)
{
  return self->clock ? self->clock (self->clock_data) : g_get_monotonic_time ();
}

static void
update_state (AlHistory *self)
{
  GObject *object = G_OBJECT (self);
  AlStep *undo_top = top_of (self->undo_stack);
  AlStep *redo_top = top_of (self->redo_stack);
  gboolean modified = al_history_is_modified (self);

  g_object_freeze_notify (object);
  if (self->can_undo != (undo_top != NULL))
    {
      self->can_undo = undo_top != NULL;
      g_object_notify_by_pspec (object, properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != (redo_top != NULL))
    {
      self->can_redo = redo_top != NULL;
      g_object_notify_by_pspec (object, properties[PROP_CAN_REDO]);
    }
  if (g_strcmp0 (self->undo_label, undo_top ? undo_top->label : NULL) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_strdup (undo_top ? undo_top->label : NULL);
      g_object_notify_by_pspec (object, properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (self->redo_label, redo_top ? redo_top->label : NULL) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_strdup (redo_top ? redo_top->label : NULL);
      g_object_notify_by_pspec (object, properties[PROP_REDO_LABEL]);
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (object, properties[PROP_MODIFIED]);
    }
  g_object_thaw_notify (object);
}

static void
clear_redo (AlHistory *self)
{
  for (guint i = 0; i < self->redo_stack->len; i++)
    {
      AlStep *step = g_ptr_array_index (self->redo_stack, i);
      if (step->serial == self->saved_serial)
        self->saved_serial = UNREACHABLE;
    }
  g_ptr_array_set_size (self->redo_stack, 0);
}

/* Transactions */

static void
begin_step (AlHistory *self, const char *label, gboolean explicit)
{
  if (self->depth++ == 0)
    {
      self->open = al_step_new (label);
      self->open_explicit = explicit;
    }
  else if (self->open->label == NULL)
    /* a transaction begun without a label is named after its first edit */
    self->open->label = g_strdup (label);
}

/* Folds @step, one property change, into the previous step when that one
 * changed the same property a moment ago and was not sealed since. */
static gboolean
try_merge (AlHistory *self, AlStep *step)
{
  AlStep *previous = top_of (self->undo_stack);
  AlCommand *command, *previous_command;
  gint64 elapsed;

  if (self->open_explicit || step->commands->len != 1 || previous == NULL
      || !previous->mergeable || previous->serial == self->saved_serial)
    return FALSE;
  command = g_ptr_array_index (step->commands, 0);
  previous_command = g_ptr_array_index (previous->commands, 0);
  if (!al_command_same_property (previous_command, command))
    return FALSE;
  elapsed = step->time - previous->time;
  if (elapsed < 0 || elapsed > self->merge_interval)
    return FALSE;

  al_command_merge (previous_command, command);
  previous->time = step->time;
  /* Typed and erased again: nothing is left to undo. */
  if (al_command_is_noop (previous_command))
    g_ptr_array_set_size (self->undo_stack, self->undo_stack->len - 1);
  return TRUE;
}

static void
end_step (AlHistory *self)
{
  AlStep *step;

  if (--self->depth > 0)
    return;

  step = g_steal_pointer (&self->open);
  if (step->commands->len == 0)
    {
      al_step_free (step);
      return;
    }

  /* A new edit forks the history: what was undone cannot be redone. */
  clear_redo (self);
  step->time = now (self);
  if (try_merge (self, step))
    al_step_free (step);
  else
    {
      step->serial = self->next_serial++;
      step->mergeable = !self->open_explicit && step->commands->len == 1
                        && al_command_get_kind (g_ptr_array_index (step->commands, 0))
                             == AL_COMMAND_SET;
      g_ptr_array_add (self->undo_stack, step);
    }

  al_document_emit_changed (self->document);
  update_state (self);
}

/* Opens a step (or joins the open transaction) and returns the list the
 * edit appends its commands to. Until _al_history_finish_edit(), the history refuses
 * edits from handlers of the model's signals: they would be recorded out
 * of order. */
GPtrArray *
_al_history_start_edit (AlHistory *self, const char *label)
{
  begin_step (self, label, FALSE);
  self->busy = TRUE;
  return self->open->commands;
}

void
_al_history_finish_edit (AlHistory *self)
{
  self->busy = FALSE;
  end_step (self);
}

gboolean
_al_history_is_busy (AlHistory *self)
{
  return self->busy;
}

/* GObject */

static void
al_history_dispose (GObject *object)
{
  AlHistory *self = AL_HISTORY (object);

  g_clear_pointer (&self->open, al_step_free);
  if (self->undo_stack != NULL)
    g_ptr_array_set_size (self->undo_stack, 0);
  if (self->redo_stack != NULL)
    g_ptr_array_set_size (self->redo_stack, 0);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (al_history_parent_class)->dispose (object);
}

static void
al_history_finalize (GObject *object)
{
  AlHistory *self = AL_HISTORY (object);

  g_ptr_array_unref (self->undo_stack);
  g_ptr_array_unref (self->redo_stack);
  g_free (self->undo_label);
  g_free (self->redo_label);
  G_OBJECT_CLASS (al_history_parent_class)->finalize (object);
}

static void
al_history_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlHistory *self = AL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, al_history_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, al_history_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, al_history_get_undo_label (self)); break;
    case PROP_REDO_LABEL: g_value_set_string (value, al_history_get_redo_label (self)); break;
    case PROP_MODIFIED: g_value_set_boolean (value, al_history_is_modified (self)); break;
    case PROP_MERGE_INTERVAL: g_value_set_int64 (value, self->merge_interval); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_history_set_property_impl (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  AlHistory *self = AL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: self->document = g_value_dup_object (value); break;
    case PROP_MERGE_INTERVAL: al_history_set_merge_interval (self, g_value_get_int64 (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_history_class_init (AlHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = al_history_dispose;
  object_class->finalize = al_history_finalize;
  object_class->get_property = al_history_get_property;
  object_class->set_property = al_history_set_property_impl;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_MERGE_INTERVAL] =
    g_param_spec_int64 ("merge-interval", NULL, NULL, 0, G_MAXINT64,
                        AL_HISTORY_DEFAULT_MERGE_INTERVAL,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
al_history_init (AlHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) al_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) al_step_free);
  self->next_serial = 1;
  self->merge_interval = AL_HISTORY_DEFAULT_MERGE_INTERVAL;
}

AlHistory *
al_history_new (AlDocument *document)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);
  return g_object_new (AL_TYPE_HISTORY, "document", document, NULL);
}

AlDocument *
al_history_get_document (AlHistory *self)
{
  g_return_val_if_fail (AL_IS_HISTORY (self), NULL);
  return self->document;
}

void
al_history_set_clock (AlHistory *self, AlHistoryClockFunc clock, gpointer user_data)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  self->clock = clock;
  self->clock_data = user_data;
}

gint64
al_history_get_merge_interval (AlHistory *self)
{
  g_return_val_if_fail (AL_IS_HISTORY (self), 0);
  return self->merge_interval;
}

void
al_history_set_merge_interval (AlHistory *self, gint64 interval_usec)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (interval_usec >= 0);
  if (self->merge_interval == interval_usec)
    return;
  self->merge_interval = interval_usec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MERGE_INTERVAL]);
}

/* Steps */

void
al_history_begin (AlHistory *self, const char *label)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!self->busy);
  begin_step (self, label, TRUE);
}

void
al_history_end (AlHistory *self)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!self->busy);
  g_return_if_fail (self->depth > 0);
  end_step (self);
}

void
al_history_seal (AlHistory *self)
{
  AlStep *top;

  g_return_if_fail (AL_IS_HISTORY (self));
  top = top_of (self->undo_stack);
  if (top != NULL)
    top->mergeable = FALSE;
}

gboolean
al_history_can_undo (AlHistory *self)
{
  g_return_val_if_fail (AL_IS_HISTORY (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
al_history_can_redo (AlHistory *self)
{
  g_return_val_if_fail (AL_IS_HISTORY (self), FALSE);
  return self->redo_stack->len > 0;
}

const char *
al_history_get_undo_label (AlHistory *self)
{
  AlStep *top;

  g_return_val_if_fail (AL_IS_HISTORY (self), NULL);
  top = top_of (self->undo_stack);
  return top ? top->label : NULL;
}

const char *
al_history_get_redo_label (AlHistory *self)
{
  AlStep *top;

  g_return_val_if_fail (AL_IS_HISTORY (self), NULL);
  top = top_of (self->redo_stack);
  return top ? top->label : NULL;
}

gboolean
al_history_undo (AlHistory *self)
{
  AlStep *step;

  g_return_val_if_fail (AL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!self->busy && self->depth == 0, FALSE);

  if (self->undo_stack->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  self->busy = TRUE;
  for (guint i = step->commands->len; i > 0; i--)
    al_command_revert (g_ptr_array_index (step->commands, i - 1));
  self->busy = FALSE;
  /* Neither the undone step nor the one now on top may absorb later edits. */
  step->mergeable = FALSE;
  al_history_seal (self);
  g_ptr_array_add (self->redo_stack, step);

  al_document_emit_changed (self->document);
  update_state (self);
  return TRUE;
}

gboolean
al_history_redo (AlHistory *self)
{
  AlStep *step;

  g_return_val_if_fail (AL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (!self->busy && self->depth == 0, FALSE);

  if (self->redo_stack->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  self->busy = TRUE;
  for (guint i = 0; i < step->commands->len; i++)
    al_command_apply (g_ptr_array_index (step->commands, i));
  self->busy = FALSE;
  step->mergeable = FALSE;
  g_ptr_array_add (self->undo_stack, step);

  al_document_emit_changed (self->document);
  update_state (self);
  return TRUE;
}

void
al_history_clear (AlHistory *self)
{
  gboolean modified;

  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!self->busy && self->depth == 0);

  modified = al_history_is_modified (self);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->saved_serial = modified ? UNREACHABLE : 0;
  update_state (self);
}

gboolean
al_history_is_modified (AlHistory *self)
{
  g_return_val_if_fail (AL_IS_HISTORY (self), FALSE);
  return top_serial (self) != self->saved_serial;
}

void
al_history_mark_saved (AlHistory *self)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  /* An edit after saving must not fold into the saved step, or undo
   * could never come back to the saved state. */
  al_history_seal (self);
  self->saved_serial = top_serial (self);
  update_state (self);
}

/* Generic edits */

static GParamSpec *
find_writable_property (gpointer object, const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  if (pspec == NULL)
    g_critical ("%s has no property “%s”", G_OBJECT_TYPE_NAME (object), property);
  else if ((pspec->flags & G_PARAM_WRITABLE) == 0 || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    g_critical ("property “%s” of %s is not writable", property, G_OBJECT_TYPE_NAME (object));
  else
    return pspec;
  return NULL;
}

void
al_history_set_property (AlHistory *self, gpointer object, const char *property,
                         const GValue *value)
{
  GParamSpec *pspec;

  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!self->busy);
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property != NULL);
  g_return_if_fail (G_IS_VALUE (value));

  pspec = find_writable_property (object, property);
  if (pspec == NULL)
    return;
  al_command_set_property (_al_history_start_edit (self, al_command_label_for_set (object)),
                           object, pspec, value);
  _al_history_finish_edit (self);
}

void
al_history_set (AlHistory *self, gpointer object, const char *first_property, ...)
{
  GPtrArray *commands;
  va_list args;

  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!self->busy);
  g_return_if_fail (G_IS_OBJECT (object));

  commands = _al_history_start_edit (self, al_command_label_for_set (object));
  va_start (args, first_property);
  for (const char *name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      g_auto (GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;
      GParamSpec *pspec = find_writable_property (object, name);

      if (pspec == NULL)
        break;
      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          /* The value may be half-initialised: leak it rather than free it. */
          memset (&value, 0, sizeof value);
          break;
        }
      al_command_set_property (commands, object, pspec, &value);
    }
  va_end (args);
  _al_history_finish_edit (self);
}

void
al_history_insert (AlHistory *self, gpointer owner, AlCollection collection, guint position,
                   gpointer item)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!self->busy);
  g_return_if_fail (AL_IS_DOCUMENT (owner) || AL_IS_COMPONENT (owner));

  al_command_insert (_al_history_start_edit (self, al_command_label_for_insert (collection)), owner,
                     collection, position, item);
  _al_history_finish_edit (self);
}

void
al_history_remove (AlHistory *self, gpointer owner, AlCollection collection, guint position)
{
  g_return_if_fail (AL_IS_HISTORY (self));
  g_return_if_fail (!self->busy);
  g_return_if_fail (AL_IS_DOCUMENT (owner) || AL_IS_COMPONENT (owner));

  al_command_remove (_al_history_start_edit (self, al_command_label_for_remove (collection)), owner,
                     collection, position);
  _al_history_finish_edit (self);
}
