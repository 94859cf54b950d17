/* al-env-view.h: the resolved environment of one component */
#pragma once

#include <gtk/gtk.h>

#include "al-document.h"

G_BEGIN_DECLS

/* The "Environment" tab of the inspector: every variable the component's
 * container receives, in order, with its value (a secret shows only the
 * Secret and key it is read from) and its source (own, injected by a
 * dependency, connection info of a provider), after the problems of that
 * environment (conflicts, shadowing, unresolved references). Resolved by
 * the core resolver again, in an idle, after each change of @document
 * while the view is mapped. */
#define AL_TYPE_ENV_VIEW (al_env_view_get_type ())
G_DECLARE_FINAL_TYPE (AlEnvView, al_env_view, AL, ENV_VIEW, GtkWidget)

GtkWidget *al_env_view_new (AlDocument *document, AlComponent *component);
/* Resolves now if a change is pending (tests, and before a screenshot). */
void       al_env_view_flush (AlEnvView *self);

G_END_DECLS
