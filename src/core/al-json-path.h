/* al-json-path.h: the one formatter of JSON paths ("components[3].ports[0].port") */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A path under construction while walking a document: push a member name or
 * an array index, format, pop. */
typedef struct _AlJsonPath AlJsonPath;

AlJsonPath *al_json_path_new (void);
void        al_json_path_free (AlJsonPath *path);
void        al_json_path_push_member (AlJsonPath *path, const char *member);
void        al_json_path_push_index (AlJsonPath *path, guint index);
void        al_json_path_pop (AlJsonPath *path);
/* "" for the root. */
const char *al_json_path_get (AlJsonPath *path);
/* The path of @member under the current one, newly allocated. */
char       *al_json_path_dup_member (AlJsonPath *path, const char *member);

/* Appends ".member" (or "member" at the start, or ["odd key"] for a name that
 * is not an identifier) to @str. */
void        al_json_path_append_member (GString *str, const char *member);
/* "components[3].ports[0].port" from ("components", 3, "ports[0].port"):
 * the path of something inside an element of a top-level list. @rest may be
 * %NULL or "". */
char       *al_json_path_in_list (const char *list, guint index, const char *rest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlJsonPath, al_json_path_free)

G_END_DECLS
