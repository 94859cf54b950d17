/* al-component-lists.h: the ports, env, connection info and volumes of the component editor */
#pragma once

#include <adwaita.h>

#include "al-history.h"

G_BEGIN_DECLS

/* One AdwPreferencesGroup listing the items of one of a component's lists
 * (AL_COLLECTION_PORTS, _ENV, _CONNECTION or _VOLUMES): an expander row
 * per item with its fields and a remove button, and an Add button in the
 * header. Every edit goes through @history. */
typedef struct _AlListSection AlListSection;

AlListSection *al_list_section_new (AlHistory *history, AlComponent *component,
                                    AlCollection collection);
void           al_list_section_free (AlListSection *section);
GtkWidget     *al_list_section_get_widget (AlListSection *section);
/* Follows the model: rebuilds the rows when items came or went (keeping
 * which were expanded), else refreshes their values in place. */
void           al_list_section_refresh (AlListSection *section);

/* Shell-style quoting of a list of words for one-line fields (command,
 * arguments), and its inverse; %NULL with @error when unbalanced. */
char          *al_list_section_join_words (const char *const *words);
char         **al_list_section_split_words (const char *text, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlListSection, al_list_section_free)

G_END_DECLS
