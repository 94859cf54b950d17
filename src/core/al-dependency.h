/* al-dependency.h: "from" depends on (consumes) "to" */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AL_TYPE_DEPENDENCY (al_dependency_get_type ())
G_DECLARE_FINAL_TYPE (AlDependency, al_dependency, AL, DEPENDENCY, GObject)

AlDependency *al_dependency_new (const char *id, const char *from, const char *to);

const char   *al_dependency_get_id (AlDependency *self);
void          al_dependency_set_id (AlDependency *self, const char *id);
/* Component ids: the consumer and the provider. */
const char   *al_dependency_get_from (AlDependency *self);
void          al_dependency_set_from (AlDependency *self, const char *from);
const char   *al_dependency_get_to (AlDependency *self);
void          al_dependency_set_to (AlDependency *self, const char *to);
/* The consumed port numbers, a GArray of int, never %NULL. Empty means "all
 * inner ports of the provider". The array is shared and must not be
 * modified; set a new one instead. */
GArray       *al_dependency_get_ports (AlDependency *self);
void          al_dependency_set_ports (AlDependency *self, GArray *ports);
void          al_dependency_set_ports_from_list (AlDependency *self, const int *ports, guint n_ports);
gboolean      al_dependency_get_wait (AlDependency *self);
void          al_dependency_set_wait (AlDependency *self, gboolean wait);
int           al_dependency_get_wait_timeout_s (AlDependency *self);
void          al_dependency_set_wait_timeout_s (AlDependency *self, int wait_timeout_s);
int           al_dependency_get_traffic (AlDependency *self);
void          al_dependency_set_traffic (AlDependency *self, int traffic);

G_END_DECLS
