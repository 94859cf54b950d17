/* al-canvas.h */
#pragma once

#include <gtk/gtk.h>

#include "al-deploy-status.h"
#include "al-editor.h"
#include "al-render.h"

G_BEGIN_DECLS

#define AL_TYPE_CANVAS (al_canvas_get_type ())
G_DECLARE_FINAL_TYPE (AlCanvas, al_canvas, AL, CANVAS, GtkWidget)

GtkWidget *al_canvas_new (void);
/* The editor shown; %NULL shows nothing. Property "editor". */
void       al_canvas_set_editor (AlCanvas *self, AlEditor *editor);
AlEditor  *al_canvas_get_editor (AlCanvas *self);

/* The canvas of the window: a GtkScrollable that draws the editor's scene
 * through al_render_scene(), with the tools of al-tool.h for gestures.
 * Property "zoom" (double, 0.1–4.0). Widget actions:
 * canvas.zoom-in, canvas.zoom-out, canvas.zoom-reset, canvas.zoom-fit,
 * canvas.select-all, canvas.delete, canvas.add-dependency (the keyboard
 * link dialog), canvas.cancel (Escape), canvas.add-lane; for a lane id
 * (string parameter): canvas.rename-lane, canvas.move-lane-up,
 * canvas.move-lane-down, canvas.remove-lane; canvas.move-focus and
 * canvas.nudge (int parameter: 0 left, 1 right, 2 up, 3 down — the arrow
 * keys and Shift+arrows). Shortcuts while focused: Ctrl+plus / Ctrl+minus /
 * Ctrl+0 zoom in / out / 100 %, Ctrl+1 zoom to fit, Ctrl+A, Delete,
 * Escape, L (add dependency), arrows, Shift+arrows; Ctrl+scroll and pinch
 * zoom at the pointer, middle-drag pans.
 *
 * Signal "message" (const char *): a translated sentence to show
 * transiently (an AdwToast), e.g. why a drop was refused. */
double     al_canvas_get_zoom (AlCanvas *self);
void       al_canvas_set_zoom (AlCanvas *self, double zoom);
void       al_canvas_zoom_to_fit (AlCanvas *self);
/* Converts a point in scene units to the canvas widget's coordinates
 * (for tooltips, popovers and UI tests). */
void       al_canvas_scene_to_widget (AlCanvas *self, const graphene_point_t *scene_point,
                                      graphene_point_t *widget_point);
/* Scrolls so that @item (AlComponent, AlDependency or AlLane) is visible. */
void       al_canvas_reveal (AlCanvas *self, gpointer item);
/* Creates a component from a palette entry (declared in
 * al-palette-catalog.h) in the lane at the centre of the visible area,
 * as a palette drop there would: the keyboard path of the palette. */
struct _AlPaletteEntry;
void       al_canvas_insert_entry (AlCanvas *self, const struct _AlPaletteEntry *entry);

/* The live state of the deployed application, drawn on the cards (a status
 * strip and a "ready/desired" pill) and redrawn on its ::changed; %NULL
 * draws none. The canvas keeps a reference. */
void            al_canvas_set_deploy_status (AlCanvas *self, AlDeployStatus *status);
AlDeployStatus *al_canvas_get_deploy_status (AlCanvas *self);
/* What the canvas draws for @component's card, or %NULL for nothing
 * (not watched, or unknown). Valid until the next change of the status. */
const AlCardLive *al_canvas_get_card_live (AlCanvas *self, AlComponent *component);

G_END_DECLS
