/* al-problems-view.h */
#pragma once

#include <gtk/gtk.h>

#include "al-editor.h"

G_BEGIN_DECLS

#define AL_TYPE_PROBLEMS_VIEW (al_problems_view_get_type ())
G_DECLARE_FINAL_TYPE (AlProblemsView, al_problems_view, AL, PROBLEMS_VIEW, GtkWidget)

GtkWidget *al_problems_view_new (void);
/* The editor shown; %NULL shows nothing. Property "editor". */
void       al_problems_view_set_editor (AlProblemsView *self, AlEditor *editor);
AlEditor  *al_problems_view_get_editor (AlProblemsView *self);
/* Diagnostics from outside the document, shown after the editor's and
 * resolved against its document the same way: the cluster's pod failures
 * (AlDeployStatus). The view keeps copies; %NULL or an empty list clears. */
void       al_problems_view_set_extra_diagnostics (AlProblemsView *self, GPtrArray *diagnostics);

/* The Problems panel: a list of the editor's live diagnostics (severity
 * icon, code, subject name, message). Activating a row selects its subject
 * and emits AlProblemsView::reveal (gpointer item: AlComponent,
 * AlDependency or AlLane) so the window scrolls the canvas to it.
 * Property "n-errors", "n-warnings" (uint) for the panel's tab label. */

G_END_DECLS
