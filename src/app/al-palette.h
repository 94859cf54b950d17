/* al-palette.h */
#pragma once

#include <gtk/gtk.h>

#include "al-editor.h"

G_BEGIN_DECLS

#define AL_TYPE_PALETTE (al_palette_get_type ())
G_DECLARE_FINAL_TYPE (AlPalette, al_palette, AL, PALETTE, GtkWidget)

GtkWidget *al_palette_new (void);
/* The editor shown; %NULL shows nothing. Property "editor". */
void       al_palette_set_editor (AlPalette *self, AlEditor *editor);
AlEditor  *al_palette_get_editor (AlPalette *self);
/* Puts the keyboard in the search field, its text selected (Ctrl+F). */
void       al_palette_focus_search (AlPalette *self);

/* The component palette: a search entry over al-palette-catalog entries;
 * each row is a drag source (content: the entry id as a string, prefixed
 * "archlane-palette:") and activating a row (Enter, double click) inserts
 * the component through AlPalette::entry-activated (const AlPaletteEntry *),
 * which the window connects to the canvas (drop at the visible centre). */

G_END_DECLS
