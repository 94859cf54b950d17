/* al-render.h: one render node tree for a scene and a view state */
#pragma once

#include <gtk/gtk.h>

#include "al-scene.h"
#include "al-theme.h"

G_BEGIN_DECLS

typedef enum
{
  AL_LINK_TARGET_NONE,
  AL_LINK_TARGET_VALID,
  AL_LINK_TARGET_INVALID,
} AlLinkTargetState;

/* What the cluster says about a card's workload (the canvas fills it from
 * AlDeployStatus; export never has it). */
typedef enum
{
  AL_CARD_LIVE_NONE,        /* nothing known: drawn as without live state */
  AL_CARD_LIVE_ABSENT,      /* not in the cluster: grey dashed outline */
  AL_CARD_LIVE_PROGRESSING, /* amber, the strip filled ready/desired */
  AL_CARD_LIVE_RUNNING,     /* green */
  AL_CARD_LIVE_FAILED,      /* red */
} AlCardLiveState;

typedef struct
{
  AlCardLiveState state;
  int             ready;
  int             desired;
} AlCardLive;

/* What the canvas overlays on the scene. Everything is optional: a zeroed
 * struct (plus zoom and visible) draws the plain document, which is what
 * export uses. */
typedef struct
{
  double           zoom;             /* 1.0 = 100 %; below ~0.35 cards lose text */
  graphene_rect_t  visible;          /* in scene units: only this is drawn */
  GHashTable      *selected;         /* set of borrowed AlComponent / AlDependency, or NULL */
  gpointer         hovered;          /* AlComponent or AlDependency, or NULL */
  /* A link being dragged: from a card to a point, with each card's state
   * as a target (indexed by card index), or NULL. */
  gboolean         linking;
  guint            link_from_card;
  graphene_point_t link_to;
  const guint8    *link_target_states; /* AlLinkTargetState per card */
  /* The rubber band, when non-empty. */
  graphene_rect_t  rubber_band;
  /* A card drag or palette drop in progress: the lane under it is
   * highlighted, or marked refused when @drop_refused. */
  int              drop_lane;        /* -1 for none */
  gboolean         drop_refused;
  graphene_rect_t  drop_ghost;       /* where the card would land (empty for none) */
  /* Cards being dragged are drawn offset by this (scene units). */
  graphene_point_t drag_offset;
  gboolean         dragging;
  /* Live workload state: borrowed AlComponent → const AlCardLive, or NULL
   * (always NULL in export). A status pill and a strip along the card's
   * foot show it. */
  GHashTable      *card_live;
} AlRenderView;

void           al_render_view_init (AlRenderView *view, double zoom, const graphene_rect_t *visible);

/* Appends the scene, in scene units (the caller scales and translates), to
 * @snapshot. @pango_context comes from the widget on screen and from
 * pango_font_map_create_context() in export; text is laid out with the
 * theme's font. Needs no display. */
void           al_render_scene (AlScene *scene, const AlTheme *theme, PangoContext *pango_context,
                                const AlRenderView *view, GtkSnapshot *snapshot);

/* The same as a node, or %NULL when nothing is visible. */
GskRenderNode *al_render_scene_to_node (AlScene *scene, const AlTheme *theme,
                                        PangoContext *pango_context, const AlRenderView *view);

G_END_DECLS
