/* al-canvas-private.h: what al-canvas.c and al-canvas-input.c share */
#pragma once

#include "al-canvas.h"
#include "al-canvas-tiles.h"
#include "al-tool-drop.h"
#include "al-tool-link.h"
#include "al-tool-move.h"
#include "al-tool-rubber-band.h"

G_BEGIN_DECLS

#define AL_CANVAS_MIN_ZOOM 0.1
#define AL_CANVAS_MAX_ZOOM 4.0
/* Empty space around the scene (scene units), and the "+ Add Lane" row. */
#define AL_CANVAS_MARGIN        32.0
#define AL_CANVAS_ADD_LANE_GAP  12.0
#define AL_CANVAS_ADD_LANE_H    40.0
/* A press becomes a drag past this distance (widget pixels). */
#define AL_CANVAS_DRAG_THRESHOLD 4.0
#define AL_CANVAS_NUDGE         8.0

typedef enum
{
  AL_CANVAS_GESTURE_NONE,
  AL_CANVAS_GESTURE_PENDING_MOVE, /* pressed on a card, not moved yet */
  AL_CANVAS_GESTURE_MOVE,
  AL_CANVAS_GESTURE_LINK,
  AL_CANVAS_GESTURE_BAND,
  AL_CANVAS_GESTURE_ADD_LANE,     /* pressed on the "+ Add Lane" row */
} AlCanvasGesture;

struct _AlCanvas
{
  GtkWidget parent_instance;

  AlEditor *editor;
  AlScene *scene;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint hscroll_policy : 1;
  guint vscroll_policy : 1;
  gboolean fit_pending;

  double zoom;
  /* The scrollable extent in scene units: the scene plus margins. */
  graphene_rect_t extent;

  /* Pointer state */
  gboolean has_pointer;
  graphene_point_t pointer;      /* widget coordinates */
  gpointer hovered;              /* AlComponent or AlDependency, borrowed */
  AlComponent *focus;            /* keyboard focus card, borrowed; checked before use */

  /* The primary-button gesture and its tool */
  AlCanvasGesture gesture;
  graphene_point_t press_scene;
  GdkModifierType press_state;
  AlComponent *press_component;  /* owned */
  AlToolMove *move;
  AlToolLink *link;
  AlToolRubberBand *band;

  /* Middle-button pan and pinch zoom */
  double pan_start_x, pan_start_y;
  double pinch_start_zoom;

  /* A palette drag hovering over the canvas */
  AlToolDrop *drop;
  guint drop_clear_id;

  GtkWidget *menu;               /* GtkPopoverMenu */

  AlCanvasTiles *tiles;          /* the still picture that panning moves */
  guint zoom_settle_id;          /* the zoom is changing until this fires */

  /* The cluster's state of the cards (al-canvas-live.c) */
  AlDeployStatus *deploy_status;
  GHashTable *card_live;         /* borrowed AlComponent → AlCardLive */
};

/* Coordinates */
void     al_canvas_widget_to_scene (AlCanvas *self, double x, double y, graphene_point_t *point);
void     al_canvas_get_visible (AlCanvas *self, graphene_rect_t *visible);
/* The "+ Add Lane" row, scene units. */
void     al_canvas_get_add_lane_rect (AlCanvas *self, graphene_rect_t *rect);
/* Zooms to @zoom keeping the scene point under widget point (@x, @y) fixed. */
void     al_canvas_zoom_at (AlCanvas *self, double zoom, double x, double y);
void     al_canvas_emit_message (AlCanvas *self, const char *message);
/* What the scene looks like changed (not just where it is): redraw it. */
void     al_canvas_invalidate (AlCanvas *self);
void     al_canvas_set_focus_component (AlCanvas *self, AlComponent *component);

/* al-canvas-input.c */
void     al_canvas_input_init (AlCanvas *self);
/* Ends whatever gesture runs without editing (Escape). Returns FALSE when
 * none ran. */
gboolean al_canvas_cancel_gesture (AlCanvas *self);
void     al_canvas_input_dispose (AlCanvas *self);

/* al-canvas-live.c */
void        al_canvas_live_refresh (AlCanvas *self);
void        al_canvas_live_dispose (AlCanvas *self);
/* The table for AlRenderView.card_live, or %NULL when empty. */
GHashTable *al_canvas_live_get_table (AlCanvas *self);

/* al-canvas-actions.c */
void     al_canvas_actions_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
