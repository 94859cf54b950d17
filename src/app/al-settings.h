/* al-settings.h: the application's GSettings */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The settings of schema "io.github.archlane.Archlane" (data/
 * io.github.archlane.Archlane.gschema.xml). When the schema is not
 * installed (running from a build tree without GSETTINGS_SCHEMA_DIR), the
 * same keys are kept in memory with their defaults, with one warning, so
 * the app still runs. Keys:
 *   window-width (i), window-height (i), window-maximized (b),
 *   side-panels-visible (b), recent-documents (as, newest first, URIs),
 *   first-launch-done (b),
 *   export-format (s: png|svg|pdf), export-scope (s: document|selection),
 *   export-scale (d, 1–4), export-dpi (i), export-transparent (b),
 *   export-theme (s: light|dark), export-legend (b), export-title (b),
 *   export-folder (s, a URI or ""),
 *   kubeconfig-path (s), kube-context (s), kube-namespace (s). */
GSettings *al_settings_get_default (void);

/* Puts @uri first in recent-documents, at most 10 kept. */
void       al_settings_add_recent (GSettings *settings, const char *uri);

G_END_DECLS
