/* al-deploy-rows.h: one row per object in the deploy dialog's lists */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  AL_DEPLOY_ROW_PENDING,   /* not sent yet */
  AL_DEPLOY_ROW_CREATE,    /* preview: will be created */
  AL_DEPLOY_ROW_CHANGE,    /* preview: will be changed */
  AL_DEPLOY_ROW_UNCHANGED, /* preview: already as the document says */
  AL_DEPLOY_ROW_PRUNE,     /* preview: will be deleted (prune) */
  AL_DEPLOY_ROW_APPLIED,   /* the server accepted it */
  AL_DEPLOY_ROW_DELETED,   /* pruned */
  AL_DEPLOY_ROW_FAILED,    /* see the detail */
  AL_DEPLOY_ROW_UNKNOWN,   /* preview could not tell */
} AlDeployRowState;

/* A list item: what an object is ("Deployment shop/api"), where it stands
 * and a detail: the server's message on failure, what the server did
 * ("created", "unchanged") for an applied or deleted one, shown in place
 * of the state. Never holds an object's body. Emits "changed" when set. */
#define AL_TYPE_DEPLOY_ROW (al_deploy_row_get_type ())
G_DECLARE_FINAL_TYPE (AlDeployRow, al_deploy_row, AL, DEPLOY_ROW, GObject)

AlDeployRow      *al_deploy_row_new (const char *label, AlDeployRowState state, const char *detail);
const char       *al_deploy_row_get_label (AlDeployRow *self);
AlDeployRowState  al_deploy_row_get_state (AlDeployRow *self);
const char       *al_deploy_row_get_detail (AlDeployRow *self);
/* Sets both; emits "changed" only when something differs. */
void              al_deploy_row_set (AlDeployRow *self, AlDeployRowState state, const char *detail);

/* A factory for a GtkListView of AlDeployRow: icon, label, state, detail. */
GtkListItemFactory *al_deploy_row_factory_new (void);

G_END_DECLS
