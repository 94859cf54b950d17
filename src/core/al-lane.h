/* al-lane.h: an architecture lane */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AL_TYPE_LANE (al_lane_get_type ())
G_DECLARE_FINAL_TYPE (AlLane, al_lane, AL, LANE, GObject)

AlLane     *al_lane_new (const char *id, const char *arch, const char *label);
const char *al_lane_get_id (AlLane *self);
void        al_lane_set_id (AlLane *self, const char *id);
/* The arch as stored: canonical when it was recognised, as written otherwise
 * (so validation can report it). */
const char *al_lane_get_arch (AlLane *self);
void        al_lane_set_arch (AlLane *self, const char *arch);
const char *al_lane_get_label (AlLane *self);
void        al_lane_set_label (AlLane *self, const char *label);
gboolean    al_lane_get_tolerate_taint (AlLane *self);
void        al_lane_set_tolerate_taint (AlLane *self, gboolean tolerate_taint);

G_END_DECLS
