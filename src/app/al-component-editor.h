/* al-component-editor.h: the properties of one component, edited through the history */
#pragma once

#include <gtk/gtk.h>

#include "al-history.h"

G_BEGIN_DECLS

/* The "Properties" tab of the inspector: name, display name, image, lane,
 * kind, replicas, CPU, memory, command and arguments, ports, env,
 * connection info, volumes and probe of @component. Every edit is an edit
 * of @history; the fields follow the document when it changes elsewhere
 * (undo, redo, the canvas) without disturbing the field being typed in. */
#define AL_TYPE_COMPONENT_EDITOR (al_component_editor_get_type ())
G_DECLARE_FINAL_TYPE (AlComponentEditor, al_component_editor, AL, COMPONENT_EDITOR, GtkWidget)

GtkWidget   *al_component_editor_new (AlHistory *history, AlComponent *component);
AlComponent *al_component_editor_get_component (AlComponentEditor *self);

G_END_DECLS
