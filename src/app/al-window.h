/* al-window.h: a document window */
#pragma once

#include <adwaita.h>

#include "al-editor.h"

G_BEGIN_DECLS

/* One window shows one AlEditor: palette and outline on the left, the
 * canvas in the centre, the inspector on the right, the problems below.
 * Window actions (see al-window-actions.c): win.new, win.new-from-template
 * (s: a template path), win.open, win.open-recent (s: a URI), win.save,
 * win.save-as, win.undo, win.redo, win.toggle-panels (stateful, property
 * "panels-visible"), win.export, win.add-lane, win.zoom-fit,
 * win.preferences. Closing a modified window asks whether to save. */
#define AL_TYPE_WINDOW (al_window_get_type ())
G_DECLARE_FINAL_TYPE (AlWindow, al_window, AL, WINDOW, AdwApplicationWindow)

/* @application may be %NULL (tests); @editor %NULL makes a new document
 * with the lanes chosen in the preferences. */
AlWindow *al_window_new (GtkApplication *application, AlEditor *editor);

AlEditor *al_window_get_editor (AlWindow *self);
/* Shows @editor instead of the current one (no question asked). */
void      al_window_set_editor (AlWindow *self, AlEditor *editor);

/* TRUE when the window holds a document the user has not touched: no file,
 * no components, no unsaved change. New and Open reuse such a window. */
gboolean  al_window_is_pristine (AlWindow *self);

/* Opens @file (.archlane, or a PNG/SVG image with an embedded document):
 * presents the window that already shows it, else shows it in @self when
 * pristine, else in a new window. On failure an error dialog over @self
 * names the file and the problem, and nothing changes. Returns the window
 * showing the document, or %NULL. */
AlWindow *al_window_open_file (AlWindow *self, GFile *file);

/* Opens a copy of the template @path as an untitled document (Save asks
 * where), in @self when pristine, else in a new window. */
AlWindow *al_window_open_template (AlWindow *self, const char *path);

/* Saves the document to @file (Save As without the file chooser). On
 * failure an error dialog is shown as well. */
gboolean  al_window_save_to_file (AlWindow *self, GFile *file, GError **error);

/* Shows @message in a toast over the canvas. */
void      al_window_add_toast (AlWindow *self, const char *message);

/* A new document with one lane per arch of the "new-document-arches"
 * preference (amd64 and arm64 by default). */
AlDocument *al_window_create_empty_document (void);

/* The bundled templates (GFile, sorted by name) from $ARCHLANE_TEMPLATES,
 * the installed PKGDATADIR/templates, the XDG data folders, or the source
 * tree next to an uninstalled build. */
GPtrArray  *al_window_list_templates (void);
/* The translated title of a template file ("Sample Shop"). */
char       *al_window_dup_template_title (GFile *template_file);

G_END_DECLS
