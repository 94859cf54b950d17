/* al-history-private.h: what the files of AlHistory share */
#pragma once

#include "al-history.h"

G_BEGIN_DECLS

/* Opens a step (or joins the open transaction) and returns the list the
 * edit appends its commands to; _al_history_finish_edit() closes it. */
GPtrArray *_al_history_start_edit (AlHistory *self, const char *label);
void       _al_history_finish_edit (AlHistory *self);
/* Whether an edit, undo or redo is being applied: edits are refused then. */
gboolean   _al_history_is_busy (AlHistory *self);

G_END_DECLS
