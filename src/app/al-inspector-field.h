/* al-inspector-field.h: one inspector row bound to a property of a model object */
#pragma once

#include <adwaita.h>

#include "al-history.h"

G_BEGIN_DECLS

/* A field shows one property of a model object (an AlComponent, AlPort,
 * AlEnvVar …) in a row and writes edits through the history: text and
 * numbers apply on each change while the input is valid (consecutive
 * changes merge into one undo step; Enter and leaving the field seal it).
 * Invalid input stays in the field, the row gets the "error" style class
 * and a message row under it says what is wrong; the model is untouched
 * until the input is valid. The field belongs to its row and is freed
 * with it. */
typedef struct _AlField AlField;

/* Returns %NULL when @text is acceptable, else a translated message. */
typedef char *(*AlFieldCheckFunc) (AlField *field, const char *text, gpointer user_data);
/* The model's value as text (for properties that are not strings). */
typedef char *(*AlFieldReadFunc) (AlField *field, gpointer user_data);
/* Writes a valid @text to the model (instead of setting the property);
 * for a combo, @text is the chosen position in decimal. */
typedef void (*AlFieldApplyFunc) (AlField *field, const char *text, gpointer user_data);

/* An AdwEntryRow for a string property. */
AlField   *al_field_new_entry_row (AlHistory *history, gpointer object, const char *property,
                                   const char *title);
/* An AdwPasswordEntryRow (the text is masked) for a string property. */
AlField   *al_field_new_password_row (AlHistory *history, gpointer object, const char *property,
                                      const char *title);
/* An AdwActionRow with a GtkEntry suffix, which can show a placeholder. */
AlField   *al_field_new_entry (AlHistory *history, gpointer object, const char *property,
                              const char *title, const char *placeholder);
/* An AdwActionRow with a GtkSpinButton for an int property; input outside
 * @min … @max is shown as invalid. */
AlField   *al_field_new_number (AlHistory *history, gpointer object, const char *property,
                               const char *title, int min, int max);
/* An AdwActionRow with a GtkSwitch for a boolean property. */
AlField   *al_field_new_switch (AlHistory *history, gpointer object, const char *property,
                               const char *title);
/* An AdwComboRow for an enum property: @labels (translated, %NULL-ended)
 * name the enum values 0, 1, 2 … in order. */
AlField   *al_field_new_combo (AlHistory *history, gpointer object, const char *property,
                              const char *title, const char *const *labels);

void       al_field_set_check (AlField *field, AlFieldCheckFunc check, gpointer user_data);
void       al_field_set_apply (AlField *field, AlFieldApplyFunc apply, gpointer user_data);
/* Text fields: read the value with @read instead of the string property. */
void       al_field_set_read (AlField *field, AlFieldReadFunc read, gpointer user_data);
/* Text fields: store an empty text as %NULL (an absent alias). */
void       al_field_set_nullable (AlField *field, gboolean nullable);
/* A second line under the title (action rows only). */
void       al_field_set_subtitle (AlField *field, const char *subtitle);

GtkWidget *al_field_get_row (AlField *field);
/* The GtkEditable typed in (text and number fields), else %NULL. */
GtkEditable *al_field_get_editable (AlField *field);
gpointer   al_field_get_object (AlField *field);
/* The message shown for invalid input, or %NULL. */
const char *al_field_get_message (AlField *field);

/* Appends the row and its message row to an AdwPreferencesGroup or an
 * AdwExpanderRow. */
void       al_field_add_to (AlField *field, GtkWidget *parent);
void       al_field_set_visible (AlField *field, gboolean visible);
/* Shows the model's value again when it changed since the field last
 * showed or wrote it (undo, redo, another view), leaving pending input
 * and the cursor alone otherwise. */
void       al_field_refresh (AlField *field);

/* Checks shared by the editors. Each returns %NULL or a message. */
char      *al_field_check_env_name (const char *text);
char      *al_field_check_alias (const char *text);
char      *al_field_check_label (const char *text, gsize max_len);

G_END_DECLS
