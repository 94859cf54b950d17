/* al-window-private.h: the window's state, shared by its source files */
#pragma once

#include "al-canvas.h"
#include "al-deploy-status.h"
#include "al-inspector.h"
#include "al-outline.h"
#include "al-palette.h"
#include "al-problems-view.h"
#include "al-window.h"

G_BEGIN_DECLS

struct _AlWindow
{
  AdwApplicationWindow parent_instance;

  AlEditor           *editor;
  GSignalGroup       *editor_signals;
  GSignalGroup       *history_signals;
  GSettings          *settings;
  /* The cluster's state of the deployed application, one per window:
   * started by the deploy dialog, stopped when the document is replaced. */
  AlDeployStatus     *deploy_status;

  /* Template children */
  AdwWindowTitle     *window_title;
  GtkToggleButton    *panels_button;
  AdwSplitButton     *new_button;
  AdwSplitButton     *open_button;
  GtkButton          *undo_button;
  GtkButton          *redo_button;
  GtkPaned           *outer_paned;
  GtkPaned           *inner_paned;
  GtkPaned           *centre_paned;
  GtkWidget          *sidebar;
  GtkStack           *sidebar_stack;
  GtkWidget          *inspector_scroller;
  AlPalette          *palette;
  AlOutline          *outline;
  AdwToastOverlay    *toast_overlay;
  GtkScrolledWindow  *canvas_scroller;
  AlCanvas           *canvas;
  AlInspector        *inspector;
  AlProblemsView     *problems;
  GtkImage           *problems_error_icon;
  GtkLabel           *problems_error_count;
  GtkImage           *problems_warning_icon;
  GtkLabel           *problems_warning_count;
  GMenu              *recent_section;
  GMenu              *template_section;

  /* A chooser or question in progress: at most one per window. */
  GObject            *pending_dialog;
  /* Set once the user agreed to close (saved or discarded). */
  guint               close_confirmed : 1;
  guint               panels_visible : 1;
};

/* What to do once the user answered the unsaved-changes question with
 * Save (and saving worked) or Discard. */
typedef void (*AlWindowContinuation) (AlWindow *self, gpointer data);

/* al-window-actions.c */
void     _al_window_class_init_actions (GtkWidgetClass *widget_class);
void     _al_window_init_actions (AlWindow *self);
void     _al_window_update_history_actions (AlWindow *self);
void     _al_window_update_problems_summary (AlWindow *self);

/* al-window-templates.c */
void     _al_window_rebuild_template_menu (AlWindow *self);

/* al-window-files.c */
void     _al_window_class_init_files (GtkWidgetClass *widget_class);
void     _al_window_rebuild_recent_menu (AlWindow *self);
void     _al_window_show_error (AlWindow *self, const char *heading, const char *body);
/* Runs @continuation at once when the document has no unsaved change,
 * else after asking (Save / Discard; Cancel runs nothing). @data is
 * freed with @destroy in every case. */
void     _al_window_confirm_discard (AlWindow *self, AlWindowContinuation continuation,
                                     gpointer data, GDestroyNotify destroy);
void     _al_window_add_recent (AlWindow *self, GFile *file);
/* Shows @editor in @self when pristine, else in a new window; presents
 * and returns that window. */
AlWindow *_al_window_show_editor (AlWindow *self, AlEditor *editor);
void     _al_window_save_geometry (AlWindow *self);

G_END_DECLS
