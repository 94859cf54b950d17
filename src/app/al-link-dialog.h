/* al-link-dialog.h: "Add Dependency": the keyboard way to link two components */
#pragma once

#include <adwaita.h>

#include "al-editor.h"

G_BEGIN_DECLS

/* A dialog listing the components @consumer may depend on, with a search
 * field (name, display name, image, lane). Components it depends on
 * already, and itself, are left out; a provider without an inner port is
 * listed with the port that will be opened. Enter or "Add" on a row adds
 * the dependency (one undo step) and closes the dialog. */
#define AL_TYPE_LINK_DIALOG (al_link_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AlLinkDialog, al_link_dialog, AL, LINK_DIALOG, AdwMessageDialog)

GtkWidget   *al_link_dialog_new (GtkWindow *parent, AlEditor *editor, AlComponent *consumer);
void         al_link_dialog_set_query (AlLinkDialog *self, const char *query);
/* How many providers the current query shows. */
guint        al_link_dialog_get_n_shown (AlLinkDialog *self);
/* Selects @provider's row; FALSE when it is not shown. */
gboolean     al_link_dialog_select (AlLinkDialog *self, AlComponent *provider);
AlComponent *al_link_dialog_get_selected (AlLinkDialog *self);

G_END_DECLS
