/* al-history.h: undoable edits of a document */
#pragma once

#include <gio/gio.h>
#include <graphene.h>

#include "al-document.h"

G_BEGIN_DECLS

/* The undo history of one document. Properties, notified on change:
 * "can-undo", "can-redo", "undo-label", "redo-label" (translated step
 * names such as "Remove Component", for "Undo Remove Component" menus),
 * "modified" and "merge-interval" (microseconds). */
#define AL_TYPE_HISTORY (al_history_get_type ())
G_DECLARE_FINAL_TYPE (AlHistory, al_history, AL, HISTORY, GObject)

/* A monotonic time in microseconds, used to decide whether consecutive
 * edits of one field merge. */
typedef gint64 (*AlHistoryClockFunc) (gpointer user_data);

/* The default interval within which consecutive edits of one field merge. */
#define AL_HISTORY_DEFAULT_MERGE_INTERVAL (G_USEC_PER_SEC)

AlHistory  *al_history_new (AlDocument *document);
AlDocument *al_history_get_document (AlHistory *self);

/* Replaces the clock (g_get_monotonic_time() by default; %NULL restores
 * it), so that tests decide what "consecutive" means. */
void        al_history_set_clock (AlHistory *self, AlHistoryClockFunc clock, gpointer user_data);
gint64      al_history_get_merge_interval (AlHistory *self);
void        al_history_set_merge_interval (AlHistory *self, gint64 interval_usec);

/* Every edit below is one undo step and emits AlDocument::changed once,
 * unless it runs inside a transaction: then the outermost transaction is
 * the step and emits once when it ends. An edit that changes nothing
 * records nothing and emits nothing. Edits are refused (with a critical)
 * while an undo, redo or other edit is being applied. */

/* Transactions nest; @label (translated) names the step and is taken from
 * the outermost one; with %NULL, the step is named after its first edit. */
void        al_history_begin (AlHistory *self, const char *label);
void        al_history_end (AlHistory *self);
/* Ends merging: the next edit starts a new step even when it changes the
 * same field again (call it when a text field loses focus, a drag ends). */
void        al_history_seal (AlHistory *self);

gboolean    al_history_can_undo (AlHistory *self);
gboolean    al_history_can_redo (AlHistory *self);
/* Labels of the steps undo and redo would revert or replay, or %NULL. */
const char *al_history_get_undo_label (AlHistory *self);
const char *al_history_get_redo_label (AlHistory *self);
/* Return FALSE when there is nothing to undo or redo. */
gboolean    al_history_undo (AlHistory *self);
gboolean    al_history_redo (AlHistory *self);
/* Forgets every step. The document keeps its state, and its modified
 * state: a document with unsaved changes stays modified. */
void        al_history_clear (AlHistory *self);

/* Whether the document differs from the state last marked saved (the
 * initial state until then). Undoing back to that state makes it clean. */
gboolean    al_history_is_modified (AlHistory *self);
void        al_history_mark_saved (AlHistory *self);

/* Generic edits. @object is any model object (AlDocument, AlLane,
 * AlComponent, AlPort, AlEnvVar, AlVolume, AlProbe, AlDependency); @owner is
 * the AlDocument or AlComponent whose @collection is edited. A change of
 * one property may merge with the previous step (see al_history_seal()). */
void        al_history_set_property (AlHistory *self, gpointer object, const char *property,
                                     const GValue *value);
/* Like g_object_set(): property names and values, %NULL-terminated. Several
 * properties are one step. */
void        al_history_set (AlHistory *self, gpointer object, const char *first_property,
                            ...) G_GNUC_NULL_TERMINATED;
void        al_history_insert (AlHistory *self, gpointer owner, AlCollection collection,
                               guint position, gpointer item);
void        al_history_remove (AlHistory *self, gpointer owner, AlCollection collection,
                               guint position);

/* Lanes. Removing a lane moves its components to @target; without a
 * target it is refused (returns FALSE) unless no component is on it. */
void        al_history_add_lane (AlHistory *self, AlLane *lane);
gboolean    al_history_remove_lane (AlHistory *self, AlLane *lane, AlLane *target);
/* %NULL strings keep the current value. */
void        al_history_modify_lane (AlHistory *self, AlLane *lane, const char *arch,
                                    const char *label, gboolean tolerate_taint);

/* Components. Removing a component also removes the dependencies from and
 * to it, in the same step; undo puts them back where they were. */
void        al_history_add_component (AlHistory *self, AlComponent *component);
void        al_history_remove_component (AlHistory *self, AlComponent *component);
void        al_history_rename_component (AlHistory *self, AlComponent *component,
                                         const char *name);
void        al_history_move_component (AlHistory *self, AlComponent *component,
                                       const graphene_point_t *position);
/* Puts @component on @lane at @position (relative to that lane). */
void        al_history_change_component_lane (AlHistory *self, AlComponent *component,
                                              AlLane *lane, const graphene_point_t *position);

void        al_history_add_dependency (AlHistory *self, AlDependency *dependency);
void        al_history_remove_dependency (AlHistory *self, AlDependency *dependency);

/* Items of a component's lists, appended or removed wherever they are. */
void        al_history_add_port (AlHistory *self, AlComponent *component, AlPort *port);
void        al_history_remove_port (AlHistory *self, AlComponent *component, AlPort *port);
void        al_history_add_env (AlHistory *self, AlComponent *component, AlEnvVar *var);
void        al_history_remove_env (AlHistory *self, AlComponent *component, AlEnvVar *var);
void        al_history_add_connection (AlHistory *self, AlComponent *component, AlEnvVar *var);
void        al_history_remove_connection (AlHistory *self, AlComponent *component,
                                          AlEnvVar *var);
void        al_history_add_volume (AlHistory *self, AlComponent *component, AlVolume *volume);
void        al_history_remove_volume (AlHistory *self, AlComponent *component,
                                      AlVolume *volume);

G_END_DECLS
