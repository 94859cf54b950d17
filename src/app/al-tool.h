/* al-tool.h: what the canvas gestures share; keyboard moves of the selection */
#pragma once

#include <gio/gio.h>
#include <graphene.h>

#include "al-editor.h"

G_BEGIN_DECLS

/* The canvas delegates each gesture to a small tool (al-tool-drop.h,
 * al-tool-move.h, al-tool-link.h, al-tool-rubber-band.h) that works in
 * scene coordinates and turns the gesture into AlHistory edits. Tools need
 * no display, so they are tested headless. Their errors are translated
 * sentences the canvas shows as they are. */
#define AL_TOOL_ERROR (al_tool_error_quark ())
GQuark al_tool_error_quark (void);

typedef enum
{
  AL_TOOL_ERROR_NO_LANE,       /* the document has no lane yet */
  AL_TOOL_ERROR_OUTSIDE_LANES, /* a drop or a move ended outside every lane */
  AL_TOOL_ERROR_LINK_SELF,     /* a component cannot depend on itself */
  AL_TOOL_ERROR_LINK_EXISTS,   /* the dependency exists already */
  AL_TOOL_ERROR_NO_INNER_PORT, /* the provider has no inner port to consume */
  AL_TOOL_ERROR_INVALID,       /* a lane edit that cannot be made */
} AlToolError;

typedef enum
{
  AL_DIRECTION_LEFT,
  AL_DIRECTION_RIGHT,
  AL_DIRECTION_UP,
  AL_DIRECTION_DOWN,
} AlDirection;

/* The lane (index) whose band, header included, contains @point, or -1. */
int          al_tool_lane_at_point (AlScene *scene, const graphene_point_t *point);

/* The component whose card is nearest to @from's in @direction, preferring
 * cards within 45° of that direction, or %NULL. With @from %NULL, the
 * first card in reading order (top to bottom, left to right). */
AlComponent *al_tool_find_neighbor (AlEditor *editor, AlComponent *from, AlDirection direction);

/* Moves every selected component by (@dx, @dy) scene units inside its
 * lane (positions stay >= 0): one undo step; consecutive nudges of a
 * single component merge as field edits do. Returns FALSE when nothing
 * moved. */
gboolean     al_tool_nudge_selection (AlEditor *editor, double dx, double dy);

/* The selected components, in selection order (a new array of borrowed
 * pointers). */
GPtrArray   *al_tool_dup_selected_components (AlEditor *editor);

G_END_DECLS
