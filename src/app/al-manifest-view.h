/* al-manifest-view.h: the compiled Kubernetes objects of one component */
#pragma once

#include <gtk/gtk.h>

#include "al-editor.h"

G_BEGIN_DECLS

/* The "Manifest" tab of the inspector: the component's objects as the
 * YAML `archlane-cli compile` writes, read-only, with a Copy button; when
 * the component cannot be compiled (its errors, a conflict in its
 * environment, a broken dependency), those errors instead. Compiled again,
 * in an idle, after each change of the document while the view is
 * mapped. */
#define AL_TYPE_MANIFEST_VIEW (al_manifest_view_get_type ())
G_DECLARE_FINAL_TYPE (AlManifestView, al_manifest_view, AL, MANIFEST_VIEW, GtkWidget)

GtkWidget  *al_manifest_view_new (AlEditor *editor, AlComponent *component);
/* Compiles now if a change is pending (tests, and before a screenshot). */
void        al_manifest_view_flush (AlManifestView *self);
/* The YAML shown, or %NULL while errors are shown instead. */
const char *al_manifest_view_get_text (AlManifestView *self);

G_END_DECLS
