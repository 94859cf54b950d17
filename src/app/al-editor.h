/* al-editor.h: one open document with its history, file, selection and live diagnostics */
#pragma once

#include <gio/gio.h>

#include "al-document.h"
#include "al-history.h"
#include "al-scene.h"

G_BEGIN_DECLS

/* Shared by every view of a window (canvas, palette drop, inspector,
 * outline, problems) and needs no display, so tools and commands are
 * tested headless. Properties (notified on change): "document", "history",
 * "file" (GFile or NULL), "title" (file basename or "Untitled" plus a
 * leading "• " when modified), "modified". Signals: "selection-changed",
 * "diagnostics-changed" (both without arguments). */
#define AL_TYPE_EDITOR (al_editor_get_type ())
G_DECLARE_FINAL_TYPE (AlEditor, al_editor, AL, EDITOR, GObject)

typedef enum
{
  AL_SELECT_REPLACE,
  AL_SELECT_ADD,
  AL_SELECT_TOGGLE,
} AlSelectMode;

/* Takes a reference to @document (an empty one when %NULL). */
AlEditor    *al_editor_new (AlDocument *document);
/* Loads @file; on failure returns %NULL with the reader's error (which
 * names the path and the JSON path). */
AlEditor    *al_editor_new_from_file (GFile *file, GError **error);

AlDocument  *al_editor_get_document (AlEditor *self);
AlHistory   *al_editor_get_history (AlEditor *self);
/* The scene of the document (one per editor, shared by canvas and tools). */
AlScene     *al_editor_get_scene (AlEditor *self);
GFile       *al_editor_get_file (AlEditor *self);
gboolean     al_editor_get_modified (AlEditor *self);
/* The translated window title (see above); owned by the editor. */
const char  *al_editor_get_title (AlEditor *self);

/* Saves atomically to @file (the current file when %NULL), then marks the
 * history saved and remembers @file. */
gboolean     al_editor_save (AlEditor *self, GFile *file, GError **error);

/* Selection: components and at most... any number of dependencies, kept
 * in selection order. Items removed from the document leave the selection
 * on their own. @item is an AlComponent or AlDependency; %NULL with
 * AL_SELECT_REPLACE clears. */
void         al_editor_select (AlEditor *self, gpointer item, AlSelectMode mode);
void         al_editor_select_all (AlEditor *self);
void         al_editor_unselect_all (AlEditor *self);
gboolean     al_editor_is_selected (AlEditor *self, gpointer item);
/* A set (GHashTable of borrowed items) the renderer reads; owned. */
GHashTable  *al_editor_get_selection_set (AlEditor *self);
/* New array of borrowed selected items in selection order. */
GPtrArray   *al_editor_dup_selection (AlEditor *self);
/* The single selected item when exactly one is selected, else %NULL. */
gpointer     al_editor_get_focus_item (AlEditor *self);

/* Removes the selection (components with their dependencies, and selected
 * dependencies) as one undo step. Returns FALSE when nothing was selected. */
gboolean     al_editor_delete_selection (AlEditor *self);

/* Live diagnostics of the document, recomputed shortly after each change
 * (sorted; borrowed, valid until the next "diagnostics-changed"). Also
 * passed on to the scene for card badges. */
GPtrArray   *al_editor_get_diagnostics (AlEditor *self);
/* Runs a pending recomputation now (tests, and before a save). */
void         al_editor_flush_diagnostics (AlEditor *self);

G_END_DECLS
