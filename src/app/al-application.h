/* al-application.h: the Archlane application */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AL_TYPE_APPLICATION (al_application_get_type ())
G_DECLARE_FINAL_TYPE (AlApplication, al_application, AL, APPLICATION, AdwApplication)

/* Opens files given on the command line (.archlane, or a PNG/SVG with an
 * embedded document), each in a window; without files, the sample shop
 * on first launch, an empty document otherwise. */
AlApplication *al_application_new (void);

G_END_DECLS
