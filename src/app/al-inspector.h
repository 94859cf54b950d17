/* al-inspector.h */
#pragma once

#include <gtk/gtk.h>

#include "al-editor.h"

G_BEGIN_DECLS

#define AL_TYPE_INSPECTOR (al_inspector_get_type ())
G_DECLARE_FINAL_TYPE (AlInspector, al_inspector, AL, INSPECTOR, GtkWidget)

GtkWidget *al_inspector_new (void);
/* The editor shown; %NULL shows nothing. Property "editor". */
void       al_inspector_set_editor (AlInspector *self, AlEditor *editor);
AlEditor  *al_inspector_get_editor (AlInspector *self);

/* The inspector of the editor's focus item: a component (name, display
 * name, image, lane, kind, replicas, CPU, memory, ports, env, connection
 * info, volumes, probe; an Environment tab with the resolved variables
 * and their sources; a Manifest tab with its compiled YAML) or a
 * dependency (consumed ports, wait, wait timeout, traffic); a placeholder
 * otherwise. Every edit goes through the editor's AlHistory. */

G_END_DECLS
