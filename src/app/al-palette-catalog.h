/* al-palette-catalog.h: the component templates offered by the palette */
#pragma once

#include "al-component.h"
#include "al-document.h"

G_BEGIN_DECLS

/* One palette entry: a translated title and description, an icon name, and
 * the defaults of the components it creates (image, ports with aliases,
 * connection info, kind, resources, probe, volumes). */
typedef struct _AlPaletteEntry AlPaletteEntry;

/* Every entry, in palette order: web front end (nginx), Java, Go, Node.js
 * and Python services, gateway, MySQL, PostgreSQL, Redis, MongoDB,
 * RabbitMQ, Kafka, Nacos, custom image. */
guint                 al_palette_catalog_get_n_entries (void);
const AlPaletteEntry *al_palette_catalog_get_entry (guint index);
const AlPaletteEntry *al_palette_catalog_lookup (const char *id);

const char           *al_palette_entry_get_id (const AlPaletteEntry *entry);     /* "mysql" */
const char           *al_palette_entry_get_title (const AlPaletteEntry *entry);  /* translated */
const char           *al_palette_entry_get_description (const AlPaletteEntry *entry);
const char           *al_palette_entry_get_icon_name (const AlPaletteEntry *entry);
const char           *al_palette_entry_get_category (const AlPaletteEntry *entry); /* translated */
/* The default image ("mysql:8.0"); "" for the custom image. */
const char           *al_palette_entry_get_image (const AlPaletteEntry *entry);
/* Whether @query (case-insensitive, any language the UI shows) matches the
 * title, id, image or description. */
gboolean              al_palette_entry_matches (const AlPaletteEntry *entry, const char *query);

/* A new component from @entry for @document: a fresh id, a unique name
 * ("mysql", "mysql-2", …), on @lane_id at @position. Not yet inserted. */
AlComponent          *al_palette_entry_create_component (const AlPaletteEntry *entry,
                                                         AlDocument *document,
                                                         const char *lane_id,
                                                         const graphene_point_t *position);

G_END_DECLS
