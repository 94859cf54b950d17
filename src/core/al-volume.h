/* al-volume.h: a persistent volume of a component */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AL_TYPE_VOLUME (al_volume_get_type ())
G_DECLARE_FINAL_TYPE (AlVolume, al_volume, AL, VOLUME, GObject)

AlVolume   *al_volume_new (const char *name, const char *path, int size_mib);
const char *al_volume_get_name (AlVolume *self);
void        al_volume_set_name (AlVolume *self, const char *name);
const char *al_volume_get_path (AlVolume *self);
void        al_volume_set_path (AlVolume *self, const char *path);
int         al_volume_get_size_mib (AlVolume *self);
void        al_volume_set_size_mib (AlVolume *self, int size_mib);

G_END_DECLS
