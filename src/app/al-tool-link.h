/* al-tool-link.h: creating a dependency by dragging from a card's handle */
#pragma once

#include "al-editor.h"
#include "al-tool.h"

G_BEGIN_DECLS

/* Whether @consumer may depend on @provider. */
typedef enum
{
  AL_LINK_CHECK_OK,
  AL_LINK_CHECK_SELF,          /* the same component */
  AL_LINK_CHECK_EXISTS,        /* @consumer depends on @provider already */
  AL_LINK_CHECK_NO_INNER_PORT, /* allowed once the provider opens an inner port */
} AlLinkCheck;

AlLinkCheck   al_tool_link_check (AlEditor *editor, AlComponent *consumer, AlComponent *provider);

/* The port offered when a provider without an inner port is linked to: its
 * first port that is not inner yet, else the usual port of its image
 * (nginx 80, mysql 3306, postgres 5432, redis 6379, mongo 27017, rabbitmq
 * 5672, kafka 9092, nacos 8848 …), else 8080. */
int           al_tool_link_suggest_port (AlComponent *provider);

/* Adds "@consumer depends on @provider" with default fields (all inner
 * ports, wait, 300 s, traffic 1) as one undo step and selects it. Refuses
 * with AL_TOOL_ERROR_LINK_SELF / _LINK_EXISTS / _NO_INNER_PORT. Returns
 * the dependency (borrowed). */
AlDependency *al_tool_link_create (AlEditor *editor, AlComponent *consumer,
                                   AlComponent *provider, GError **error);
/* Opens al_tool_link_suggest_port() on @provider (marks that port inner,
 * or adds it) and adds the dependency: one undo step. */
AlDependency *al_tool_link_create_opening_port (AlEditor *editor, AlComponent *consumer,
                                                AlComponent *provider, GError **error);

typedef enum
{
  AL_TOOL_LINK_NONE,           /* released over no card: nothing happens */
  AL_TOOL_LINK_CREATED,
  AL_TOOL_LINK_REFUSED,        /* an existing dependency; see the error */
  AL_TOOL_LINK_NEEDS_PORT,     /* the provider has no inner port: offer to open one */
} AlToolLinkResult;

/* One link drag, from @consumer's handle. */
typedef struct _AlToolLink AlToolLink;

AlToolLink       *al_tool_link_begin (AlEditor *editor, AlComponent *consumer);
/* The pointer at @scene_point: updates the preview and the hovered target. */
void              al_tool_link_update (AlToolLink *self, const graphene_point_t *scene_point);
AlComponent      *al_tool_link_get_consumer (AlToolLink *self);
/* The card index of the consumer (for AlRenderView.link_from_card), or -1. */
int               al_tool_link_get_from_card (AlToolLink *self);
void              al_tool_link_get_point (AlToolLink *self, graphene_point_t *point);
/* The component under the pointer, or %NULL. */
AlComponent      *al_tool_link_get_target (AlToolLink *self);
/* AlLinkTargetState (al-render.h) per card index; @n_states receives the
 * array length. */
const guint8     *al_tool_link_get_target_states (AlToolLink *self, guint *n_states);
/* Ends over @scene_point. CREATED sets @dependency; NEEDS_PORT sets
 * @provider (then call al_tool_link_create_opening_port() if the user
 * agrees); REFUSED (an existing dependency) sets @error; released over
 * the consumer itself is NONE. Out arguments may be %NULL. */
AlToolLinkResult  al_tool_link_end (AlToolLink *self, const graphene_point_t *scene_point,
                                    AlDependency **dependency, AlComponent **provider,
                                    GError **error);
void              al_tool_link_free (AlToolLink *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlToolLink, al_tool_link_free)

G_END_DECLS
