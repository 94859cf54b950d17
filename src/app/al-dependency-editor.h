/* al-dependency-editor.h: one dependency, edited through the history */
#pragma once

#include <gtk/gtk.h>

#include "al-history.h"

G_BEGIN_DECLS

/* The inspector of a dependency: who consumes whom (with a note when the
 * calls cross architectures), the consumed ports (check boxes for the
 * provider's inner ports; none checked means all), whether the consumer
 * waits for the provider at start-up and how long, and the traffic. */
#define AL_TYPE_DEPENDENCY_EDITOR (al_dependency_editor_get_type ())
G_DECLARE_FINAL_TYPE (AlDependencyEditor, al_dependency_editor, AL, DEPENDENCY_EDITOR, GtkWidget)

GtkWidget    *al_dependency_editor_new (AlHistory *history, AlDependency *dependency);
AlDependency *al_dependency_editor_get_dependency (AlDependencyEditor *self);

G_END_DECLS
