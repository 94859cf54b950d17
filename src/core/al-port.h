/* al-port.h: a container port of a component */
#pragma once

#include <glib-object.h>

#include "al-types.h"

G_BEGIN_DECLS

#define AL_TYPE_PORT (al_port_get_type ())
G_DECLARE_FINAL_TYPE (AlPort, al_port, AL, PORT, GObject)

AlPort     *al_port_new (int port, AlProtocol protocol);
int         al_port_get_port (AlPort *self);
void        al_port_set_port (AlPort *self, int port);
AlProtocol  al_port_get_protocol (AlPort *self);
void        al_port_set_protocol (AlPort *self, AlProtocol protocol);
/* The alias as written, %NULL when absent (see al_component_get_port_alias()). */
const char *al_port_get_alias (AlPort *self);
void        al_port_set_alias (AlPort *self, const char *alias);
gboolean    al_port_get_inner (AlPort *self);
void        al_port_set_inner (AlPort *self, gboolean inner);
gboolean    al_port_get_outer (AlPort *self);
void        al_port_set_outer (AlPort *self, gboolean outer);

G_END_DECLS
