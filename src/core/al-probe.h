/* al-probe.h: the readiness and liveness check of a component */
#pragma once

#include <glib-object.h>

#include "al-types.h"

G_BEGIN_DECLS

#define AL_TYPE_PROBE (al_probe_get_type ())
G_DECLARE_FINAL_TYPE (AlProbe, al_probe, AL, PROBE, GObject)

AlProbe           *al_probe_new (void);
AlProbeType        al_probe_get_probe_type (AlProbe *self);
void               al_probe_set_probe_type (AlProbe *self, AlProbeType type);
int                al_probe_get_port (AlProbe *self);
void               al_probe_set_port (AlProbe *self, int port);
/* The HTTP path, for AL_PROBE_HTTP. */
const char        *al_probe_get_path (AlProbe *self);
void               al_probe_set_path (AlProbe *self, const char *path);
/* The command, for AL_PROBE_EXEC. Never %NULL. */
const char *const *al_probe_get_command (AlProbe *self);
void               al_probe_set_command (AlProbe *self, const char *const *command);

G_END_DECLS
