/* al-component.h: a microservice component placed on a lane */
#pragma once

#include <gio/gio.h>
#include <graphene-gobject.h>

#include "al-env-var.h"
#include "al-port.h"
#include "al-probe.h"
#include "al-types.h"
#include "al-volume.h"

G_BEGIN_DECLS

#define AL_TYPE_COMPONENT (al_component_get_type ())
G_DECLARE_FINAL_TYPE (AlComponent, al_component, AL, COMPONENT, GObject)

AlComponent       *al_component_new (const char *id, const char *name, const char *lane);

const char        *al_component_get_id (AlComponent *self);
void               al_component_set_id (AlComponent *self, const char *id);
const char        *al_component_get_name (AlComponent *self);
void               al_component_set_name (AlComponent *self, const char *name);
const char        *al_component_get_display_name (AlComponent *self);
void               al_component_set_display_name (AlComponent *self, const char *display_name);
/* The id of the lane the component sits on. */
const char        *al_component_get_lane (AlComponent *self);
void               al_component_set_lane (AlComponent *self, const char *lane);
const char        *al_component_get_image (AlComponent *self);
void               al_component_set_image (AlComponent *self, const char *image);
AlKind             al_component_get_kind (AlComponent *self);
void               al_component_set_kind (AlComponent *self, AlKind kind);
int                al_component_get_replicas (AlComponent *self);
void               al_component_set_replicas (AlComponent *self, int replicas);
int                al_component_get_cpu_millis (AlComponent *self);
void               al_component_set_cpu_millis (AlComponent *self, int cpu_millis);
int                al_component_get_memory_mib (AlComponent *self);
void               al_component_set_memory_mib (AlComponent *self, int memory_mib);
const char *const *al_component_get_command (AlComponent *self);
void               al_component_set_command (AlComponent *self, const char *const *command);
const char *const *al_component_get_args (AlComponent *self);
void               al_component_set_args (AlComponent *self, const char *const *args);
/* Relative to the lane's origin. */
const graphene_point_t *al_component_get_position (AlComponent *self);
void               al_component_set_position (AlComponent *self, const graphene_point_t *position);

/* The probe object is owned by the component for its whole life. */
AlProbe           *al_component_get_probe (AlComponent *self);

/* GListModels of AlPort, AlEnvVar (own env), AlEnvVar (connection info),
 * AlVolume. Edit them through al_component_insert() / al_component_remove(). */
GListModel        *al_component_get_ports (AlComponent *self);
GListModel        *al_component_get_env (AlComponent *self);
GListModel        *al_component_get_connection (AlComponent *self);
GListModel        *al_component_get_volumes (AlComponent *self);
GListModel        *al_component_get_collection (AlComponent *self, AlCollection collection);
void               al_component_insert (AlComponent *self, AlCollection collection, guint position,
                                        gpointer item);
/* Appends @items (of the collection's item type) at once, with one
 * items-changed: how a reader fills a new component. */
void               al_component_append (AlComponent *self, AlCollection collection,
                                        GPtrArray *items);
void               al_component_remove (AlComponent *self, AlCollection collection, guint position);

/* The Kubernetes objects a component compiles to, by role. */
typedef enum
{
  AL_OBJECT_SERVICE,            /* "<name>": ClusterIP, the inner ports */
  AL_OBJECT_HEADLESS_SERVICE,   /* "<name>-headless": stateful components */
  AL_OBJECT_EXTERNAL_SERVICE,   /* "<name>-external": the outer ports */
  AL_OBJECT_OWN_SECRET,         /* "<name>-secrets": secret literals of env */
  AL_OBJECT_CONNECTION_SECRET,  /* "<name>-connection": secret connection literals */
} AlObjectRole;

/* Helpers that the analysis, compiler and views share. */
/* The one place that names a component's objects. Free with g_free(). */
char              *al_component_dup_object_name (AlComponent *self, AlObjectRole role);
/* The Service name other components reach this one by: its name. */
const char        *al_component_get_service_name (AlComponent *self);
guint              al_component_count_inner_ports (AlComponent *self);
AlPort            *al_component_find_port (AlComponent *self, int port);
/* The alias the port is known by: its own, or the default derived from the
 * component name (DESIGN §3). Free with g_free(). */
char              *al_component_dup_port_alias (AlComponent *self, AlPort *port);

G_END_DECLS
