/* al-document.h: an application composed of lanes, components and dependencies */
#pragma once

#include <gio/gio.h>

#include "al-component.h"
#include "al-dependency.h"
#include "al-lane.h"
#include "al-types.h"

G_BEGIN_DECLS

#define AL_TYPE_DOCUMENT (al_document_get_type ())
G_DECLARE_FINAL_TYPE (AlDocument, al_document, AL, DOCUMENT, GObject)

AlDocument   *al_document_new (void);

/* The "application" block. */
const char   *al_document_get_name (AlDocument *self);
void          al_document_set_name (AlDocument *self, const char *name);
const char   *al_document_get_display_name (AlDocument *self);
void          al_document_set_display_name (AlDocument *self, const char *display_name);
const char   *al_document_get_namespace (AlDocument *self);
void          al_document_set_namespace (AlDocument *self, const char *namespace_);
AlExposure    al_document_get_exposure (AlDocument *self);
void          al_document_set_exposure (AlDocument *self, AlExposure exposure);
const char   *al_document_get_wait_image (AlDocument *self);
void          al_document_set_wait_image (AlDocument *self, const char *wait_image);

/* GListModels of AlLane, AlComponent and AlDependency, in document order. */
GListModel   *al_document_get_lanes (AlDocument *self);
GListModel   *al_document_get_components (AlDocument *self);
GListModel   *al_document_get_dependencies (AlDocument *self);
GListModel   *al_document_get_collection (AlDocument *self, AlCollection collection);

/* Structural edits. The editor goes through AlHistory, which calls these. */
void          al_document_insert (AlDocument *self, AlCollection collection, guint position,
                                  gpointer item);
void          al_document_remove (AlDocument *self, AlCollection collection, guint position);
void          al_document_add_lane (AlDocument *self, AlLane *lane);
void          al_document_add_component (AlDocument *self, AlComponent *component);
void          al_document_add_dependency (AlDocument *self, AlDependency *dependency);

/* Constant-time lookups; with duplicates, one of the matches. Return
 * borrowed references or %NULL. */
AlLane       *al_document_lookup_lane (AlDocument *self, const char *id);
AlComponent  *al_document_lookup_component (AlDocument *self, const char *id);
AlComponent  *al_document_lookup_component_by_name (AlDocument *self, const char *name);
AlDependency *al_document_lookup_dependency (AlDocument *self, const char *id);
/* The lane of @component, or %NULL when its lane id is unknown. */
AlLane       *al_document_get_component_lane (AlDocument *self, AlComponent *component);
/* The position of @item in its list, or -1. Linear. */
int           al_document_index_of (AlDocument *self, AlCollection collection, gpointer item);

/* An id that no lane, component or dependency uses yet: @prefix followed by
 * a number ("c12"). Free with g_free(). */
char         *al_document_make_id (AlDocument *self, const char *prefix);
/* @base if no component is named so, else "@base-2", "@base-3" … */
char         *al_document_make_unique_name (AlDocument *self, const char *base);

/* Emits AlDocument::changed. AlHistory calls it once per command. */
void          al_document_emit_changed (AlDocument *self);

G_END_DECLS
