/* al-test-hooks.h: what the window tells UI tests and benchmarks, when asked through the environment */
#pragma once

#include <gtk/gtk.h>

#include "al-canvas.h"

G_BEGIN_DECLS

/* With ARCHLANE_TEST_PROBE=PATH, writes PATH (atomically, after every
 * frame that changed it) with where things are in @window's X window:
 * the canvas, palette rows by entry id, lanes (content areas), cards by
 * component name (centre and connector handle), the file, history,
 * selection and dependencies, and every visible toplevel with its focus
 * widget (type, ancestors, words), as JSON; it is also looked at ten
 * times a second, since dialogs do not repaint the window. Pointer-driven
 * tests read it to know where to press. With
 * ARCHLANE_EXIT_AFTER_FIRST_FRAME set, quits the application once the
 * window's first frame is painted (launch-time benchmark). Does nothing
 * otherwise. */
void al_test_hooks_attach (GtkWindow *window, AlCanvas *canvas, GtkWidget *palette);

G_END_DECLS
