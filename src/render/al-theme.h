/* al-theme.h: the colours and fonts a scene is drawn with */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

typedef struct
{
  GdkRGBA background;      /* alpha 0 for a transparent export */
  GdkRGBA lane_band[2];    /* alternating lane backgrounds */
  GdkRGBA lane_header;
  GdkRGBA lane_border;
  GdkRGBA text;
  GdkRGBA text_dim;
  GdkRGBA card;
  GdkRGBA card_border;
  GdkRGBA accent;          /* selection, valid link targets */
  GdkRGBA hover;
  GdkRGBA error;
  GdkRGBA warning;
  GdkRGBA edge;
  GdkRGBA edge_cross_arch;
  GdkRGBA chip;
  const char *font_family; /* "Noto Sans CJK SC, Noto Sans, sans-serif" */
  gboolean dark;
} AlTheme;

const AlTheme *al_theme_get_light (void);
const AlTheme *al_theme_get_dark (void);

/* The colour of an architecture: the same arch has the same colour in
 * every document, so amd64 is always the same blue, arm64 the same green. */
void al_theme_get_arch_color (const AlTheme *theme, const char *arch, GdkRGBA *color);

G_END_DECLS
