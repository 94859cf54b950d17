/* al-command.h: the reversible edits that AlHistory records (internal to src/core) */
#pragma once

#include <glib-object.h>

#include "al-document.h"
#include "al-types.h"

G_BEGIN_DECLS

/* One primitive edit of the model, applied when it is recorded:
 * a property change, or an item inserted into / removed from a collection
 * of the document or of a component. Undo steps are lists of these. */
typedef struct _AlCommand AlCommand;

typedef enum
{
  AL_COMMAND_SET,
  AL_COMMAND_INSERT,
  AL_COMMAND_REMOVE,
} AlCommandKind;

/* Edits. Each applies its commands to the model and appends them to
 * @commands (a GPtrArray that frees AlCommands), in the order applied; an
 * edit that changes nothing appends nothing. @owner is the AlDocument or
 * AlComponent whose @collection is edited. */

/* Records the value read back, which equals @value unless the setter
 * normalises it. */
void          al_command_set_property (GPtrArray *commands, GObject *object, GParamSpec *pspec,
                                       const GValue *value);
void          al_command_set_string (GPtrArray *commands, gpointer object, const char *property,
                                     const char *value);
void          al_command_insert (GPtrArray *commands, GObject *owner, AlCollection collection,
                                 guint position, GObject *item);
void          al_command_remove (GPtrArray *commands, GObject *owner, AlCollection collection,
                                 guint position);
void          al_command_append_item (GPtrArray *commands, GObject *owner, AlCollection collection,
                                      GObject *item);
void          al_command_remove_item (GPtrArray *commands, GObject *owner, AlCollection collection,
                                      GObject *item);

/* The compound edits of AlHistory (see al-history.h). */
gboolean      al_command_remove_lane (GPtrArray *commands, AlDocument *document, AlLane *lane,
                                      AlLane *target);
void          al_command_modify_lane (GPtrArray *commands, AlLane *lane, const char *arch,
                                      const char *label, gboolean tolerate_taint);
void          al_command_remove_component (GPtrArray *commands, AlDocument *document,
                                           AlComponent *component);
void          al_command_move_component (GPtrArray *commands, AlComponent *component,
                                         AlLane *lane, const graphene_point_t *position);

/* Translated labels for undo steps. */
const char   *al_command_label_for_set (GObject *object);
const char   *al_command_label_for_insert (AlCollection collection);
const char   *al_command_label_for_remove (AlCollection collection);

void          al_command_free (AlCommand *self);
void          al_command_apply (AlCommand *self);
void          al_command_revert (AlCommand *self);

AlCommandKind al_command_get_kind (AlCommand *self);
/* TRUE when both are changes of the same property of the same object. */
gboolean      al_command_same_property (AlCommand *self, AlCommand *other);
/* Folds @next, a later change of the same property, into @self: @self
 * then goes from its old value to the new value of @next. */
void          al_command_merge (AlCommand *self, AlCommand *next);
/* TRUE for a property change whose old and new values are equal. */
gboolean      al_command_is_noop (AlCommand *self);

/* Value equality for the property types of the model (strings, string
 * lists, int arrays, points, scalars). */
gboolean      al_value_equal (const GValue *a, const GValue *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlCommand, al_command_free)

G_END_DECLS
