/* al-export-dialog.h: the options of a topology image, then where to save it */
#pragma once

#include <adwaita.h>

#include "al-editor.h"
#include "al-export.h"

G_BEGIN_DECLS

#define AL_TYPE_EXPORT_DIALOG (al_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AlExportDialog, al_export_dialog, AL, EXPORT_DIALOG, AdwWindow)

/* A modal dialog over @parent for the document of @editor, with the
 * choices of the last export (GSettings export-*). "Export…" asks for a
 * file name (suggested: "<application name>.<extension>"), writes the
 * image, remembers the choices and closes; an error is shown in a message
 * dialog and the dialog stays. */
AlExportDialog *al_export_dialog_new (GtkWindow *parent, AlEditor *editor);
void            al_export_dialog_present (GtkWindow *parent, AlEditor *editor);

/* The options as chosen (the selection set is the editor's, borrowed). */
void            al_export_dialog_get_options (AlExportDialog *self, AlExportOptions *options);
/* The name the file chooser suggests. Free with g_free(). */
char           *al_export_dialog_dup_suggested_name (AlExportDialog *self);
/* What "Export…" does once the file is chosen: appends the format's
 * extension when @file has none (a known extension picks the format),
 * writes the image and remembers the choices. */
gboolean        al_export_dialog_export_to_file (AlExportDialog *self, GFile *file,
                                                 GError **error);

G_END_DECLS
