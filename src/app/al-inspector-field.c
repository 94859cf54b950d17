/* al-inspector-field.c: one inspector row bound to a property of a model object */
#define G_LOG_DOMAIN "al-inspector-field"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "al-inspector-field.h"
#include "al-validate-private.h"

/* Numbers are typed into spin buttons that accept far more than the valid
 * range, so that an out-of-range number stays visible with its message
 * instead of being clamped behind the user's back. */
#define SPIN_LIMIT 99999999

typedef enum
{
  FIELD_TEXT,
  FIELD_NUMBER,
  FIELD_SWITCH,
  FIELD_COMBO,
} FieldKind;

struct _AlField
{
  FieldKind kind;
  AlHistory *history;
  GObject *object;
  char *property;

  GtkWidget *row;           /* owns the field */
  GtkEditable *editable;    /* text and number fields */
  GtkWidget *control;       /* the GtkSwitch, GtkSpinButton or GtkEntry */
  GtkWidget *message_row;
  GtkWidget *message_label;
  char *message;

  /* What the field last showed or wrote, in the model's terms: text (the
   * number printed for numbers) or the switch / combo value. */
  char *shown;
  int shown_int;

  int min, max;
  gboolean nullable;
  gboolean syncing;
  guint apply_id;           /* a valid text waiting to be written */
  gboolean visible;

  AlFieldCheckFunc check;
  gpointer check_data;
  AlFieldApplyFunc apply;
  gpointer apply_data;
  AlFieldReadFunc read;
  gpointer read_data;
};

/* g_set_str() arrives with GLib 2.76. */
static void
replace_str (char **str, const char *value)
{
  char *copy = g_strdup (value);

  g_free (*str);
  *str = copy;
}

static void
al_field_free (AlField *field)
{
  g_clear_handle_id (&field->apply_id, g_source_remove);
  g_clear_object (&field->history);
  g_clear_object (&field->object);
  g_free (field->property);
  g_free (field->message);
  g_free (field->shown);
  g_free (field);
}

/* ---- reading the model ---------------------------------------------------- */

static char *
read_text (AlField *field)
{
  GValue value = G_VALUE_INIT;
  char *text;

  if (field->read != NULL)
    return field->read (field, field->read_data);
  /* Until al_field_set_read() says how to show a list property. */
  if (field->kind == FIELD_TEXT
      && g_object_class_find_property (G_OBJECT_GET_CLASS (field->object), field->property)
             ->value_type != G_TYPE_STRING)
    return g_strdup ("");
  g_object_get_property (field->object, field->property,
                         (g_value_init (&value,
                                        field->kind == FIELD_TEXT ? G_TYPE_STRING : G_TYPE_INT),
                          &value));
  if (field->kind == FIELD_TEXT)
    text = g_strdup (g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "");
  else
    text = g_strdup_printf ("%d", g_value_get_int (&value));
  g_value_unset (&value);
  return text;
}

static int
read_int (AlField *field)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (field->object),
                                                    field->property);
  GValue value = G_VALUE_INIT;
  int result;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (field->object, field->property, &value);
  if (G_VALUE_HOLDS_BOOLEAN (&value))
    result = g_value_get_boolean (&value);
  else if (G_VALUE_HOLDS_ENUM (&value))
    result = g_value_get_enum (&value);
  else
    result = g_value_get_int (&value);
  g_value_unset (&value);
  return result;
}

/* ---- validation ----------------------------------------------------------- */

static void
show_message (AlField *field, const char *message)
{
  if (g_strcmp0 (field->message, message) == 0)
    return;
  g_free (field->message);
  field->message = g_strdup (message);

  if (message != NULL)
    {
      gtk_label_set_text (GTK_LABEL (field->message_label), message);
      gtk_widget_add_css_class (field->row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->editable), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->editable),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->editable), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->editable),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (field->message_row, field->visible && message != NULL);
}

/* Returns the message for @text, or %NULL; *@number gets a number's value. */
static char *
validate (AlField *field, const char *text, int *number)
{
  if (field->kind == FIELD_NUMBER)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      gint64 value;

      if (!g_ascii_string_to_signed (stripped, 10, G_MININT, G_MAXINT, &value, NULL))
        return g_strdup (_("Enter a whole number."));
      if (value < field->min || value > field->max)
        return g_strdup_printf (_("Enter a number from %d to %d."), field->min, field->max);
      *number = (int) value;
    }
  if (field->check != NULL)
    return field->check (field, text, field->check_data);
  return NULL;
}

static void
apply_text (AlField *field, const char *text, int number)
{
  if (field->kind == FIELD_NUMBER)
    {
      g_free (field->shown);
      field->shown = g_strdup_printf ("%d", number);
    }
  else
    replace_str (&field->shown, text);

  if (field->apply != NULL)
    field->apply (field, text, field->apply_data);
  else if (field->kind == FIELD_NUMBER)
    al_history_set (field->history, field->object, field->property, number, NULL);
  else
    al_history_set (field->history, field->object, field->property,
                    field->nullable && *text == '\0' ? NULL : text, NULL);
}

/* Writes the text if it is valid and differs from the model. */
static void
flush (AlField *field)
{
  g_autofree char *message = NULL;
  const char *text;
  int number = 0;

  g_clear_handle_id (&field->apply_id, g_source_remove);
  text = gtk_editable_get_text (field->editable);
  message = validate (field, text, &number);
  if (message == NULL)
    apply_text (field, text, number);
}

static gboolean
flush_in_idle (gpointer data)
{
  AlField *field = data;

  field->apply_id = 0;
  flush (field);
  return G_SOURCE_REMOVE;
}

/* The message follows each keystroke; the write waits for an idle, so that
 * a replaced text (deleted, then inserted) is written once, as a whole. */
static void
on_text_changed (GtkEditable *editable, AlField *field)
{
  g_autofree char *message = NULL;
  int number = 0;

  if (field->syncing)
    return;
  message = validate (field, gtk_editable_get_text (editable), &number);
  show_message (field, message);
  if (message == NULL && field->apply_id == 0)
    field->apply_id = g_idle_add (flush_in_idle, field);
}

static void
seal (AlField *field)
{
  if (field->apply_id != 0)
    flush (field);
  al_history_seal (field->history);
}

static void
on_focus_leave (GtkEventControllerFocus *controller, AlField *field)
{
  seal (field);
}

static void
on_switch_active (GtkSwitch *sw, GParamSpec *pspec, AlField *field)
{
  gboolean active = gtk_switch_get_active (sw);

  if (field->syncing)
    return;
  field->shown_int = active;
  al_history_set (field->history, field->object, field->property, active, NULL);
  seal (field);
}

static void
on_combo_selected (AdwComboRow *row, GParamSpec *pspec, AlField *field)
{
  guint selected = adw_combo_row_get_selected (row);

  if (field->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  field->shown_int = (int) selected;
  if (field->apply != NULL)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", selected);
      field->apply (field, text, field->apply_data);
    }
  else
    al_history_set (field->history, field->object, field->property, (int) selected, NULL);
  seal (field);
}

/* ---- construction --------------------------------------------------------- */

static AlField *
field_new (FieldKind kind, AlHistory *history, gpointer object, const char *property)
{
  AlField *field = g_new0 (AlField, 1);

  g_return_val_if_fail (AL_IS_HISTORY (history), NULL);
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (object), property),
                        NULL);

  field->kind = kind;
  field->history = g_object_ref (history);
  field->object = g_object_ref (object);
  field->property = g_strdup (property);
  field->visible = TRUE;
  return field;
}

/* Ties @field to @row and makes its message row. */
static AlField *
field_attach (AlField *field, GtkWidget *row)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  field->row = row;
  g_object_set_data_full (G_OBJECT (row), "al-field", field, (GDestroyNotify) al_field_free);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), field);
  gtk_widget_add_controller (row, focus);

  field->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (field->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (field->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (field->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (field->message_label, "error");
  gtk_widget_add_css_class (field->message_label, "caption");
  gtk_widget_set_margin_start (field->message_label, 12);
  gtk_widget_set_margin_end (field->message_label, 12);
  gtk_widget_set_margin_top (field->message_label, 6);
  gtk_widget_set_margin_bottom (field->message_label, 6);

  field->message_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->message_row), field->message_label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->message_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (field->message_row), FALSE);
  gtk_widget_set_focusable (field->message_row, FALSE);
  gtk_widget_add_css_class (field->message_row, "al-field-message");
  gtk_widget_set_visible (field->message_row, FALSE);

  if (field->editable != NULL)
    g_signal_connect (field->editable, "changed", G_CALLBACK (on_text_changed), field);

  field->syncing = TRUE;
  al_field_refresh (field);
  field->syncing = FALSE;
  return field;
}

static AlField *
entry_row_field (GtkWidget *row, AlHistory *history, gpointer object, const char *property,
                 const char *title)
{
  AlField *field = field_new (FIELD_TEXT, history, object, property);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  field->editable = GTK_EDITABLE (row);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (seal), field);
  return field_attach (field, row);
}

AlField *
al_field_new_entry_row (AlHistory *history, gpointer object, const char *property,
                        const char *title)
{
  return entry_row_field (adw_entry_row_new (), history, object, property, title);
}

AlField *
al_field_new_password_row (AlHistory *history, gpointer object, const char *property,
                           const char *title)
{
  return entry_row_field (adw_password_entry_row_new (), history, object, property, title);
}

static GtkWidget *
action_row_new (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

AlField *
al_field_new_entry (AlHistory *history, gpointer object, const char *property, const char *title,
                    const char *placeholder)
{
  AlField *field = field_new (FIELD_TEXT, history, object, property);
  GtkWidget *row = action_row_new (title);

  field->control = gtk_entry_new ();
  gtk_widget_set_valign (field->control, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (field->control, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (field->control), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->control);
  field->editable = GTK_EDITABLE (field->control);
  g_signal_connect_swapped (field->control, "activate", G_CALLBACK (seal), field);
  return field_attach (field, row);
}

AlField *
al_field_new_number (AlHistory *history, gpointer object, const char *property, const char *title,
                     int min, int max)
{
  AlField *field = field_new (FIELD_NUMBER, history, object, property);
  GtkWidget *row = action_row_new (title);

  field->min = min;
  field->max = max;
  field->control = gtk_spin_button_new_with_range (-SPIN_LIMIT, SPIN_LIMIT, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (field->control), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (field->control), 6);
  gtk_widget_set_valign (field->control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->control);
  field->editable = GTK_EDITABLE (field->control);
  /* GtkSpinButton has no "activate" before GTK 4.14: its text does. */
  g_signal_connect_swapped (gtk_editable_get_delegate (field->editable), "activate",
                            G_CALLBACK (seal), field);
  return field_attach (field, row);
}

AlField *
al_field_new_switch (AlHistory *history, gpointer object, const char *property, const char *title)
{
  AlField *field = field_new (FIELD_SWITCH, history, object, property);
  GtkWidget *row = action_row_new (title);

  field->control = gtk_switch_new ();
  gtk_widget_set_valign (field->control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->control);
  g_signal_connect (field->control, "notify::active", G_CALLBACK (on_switch_active), field);
  return field_attach (field, row);
}

AlField *
al_field_new_combo (AlHistory *history, gpointer object, const char *property, const char *title,
                    const char *const *labels)
{
  AlField *field = field_new (FIELD_COMBO, history, object, property);
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), field);
  return field_attach (field, row);
}

/* ---- the rest of the API -------------------------------------------------- */

void
al_field_set_check (AlField *field, AlFieldCheckFunc check, gpointer user_data)
{
  g_return_if_fail (field != NULL);

  field->check = check;
  field->check_data = user_data;
  /* The text shown came from the model: judge it by the new rule. */
  if (field->editable != NULL)
    {
      int number = 0;
      g_autofree char *message = validate (field, gtk_editable_get_text (field->editable), &number);

      show_message (field, message);
    }
}

void
al_field_set_apply (AlField *field, AlFieldApplyFunc apply, gpointer user_data)
{
  g_return_if_fail (field != NULL);

  field->apply = apply;
  field->apply_data = user_data;
}

void
al_field_set_read (AlField *field, AlFieldReadFunc read, gpointer user_data)
{
  g_return_if_fail (field != NULL);

  field->read = read;
  field->read_data = user_data;
  g_clear_pointer (&field->shown, g_free);
  al_field_refresh (field);
}

void
al_field_set_nullable (AlField *field, gboolean nullable)
{
  g_return_if_fail (field != NULL);
  field->nullable = nullable;
}

void
al_field_set_subtitle (AlField *field, const char *subtitle)
{
  g_return_if_fail (field != NULL);

  if (ADW_IS_ACTION_ROW (field->row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), subtitle);
}

GtkWidget *
al_field_get_row (AlField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->row;
}

GtkEditable *
al_field_get_editable (AlField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->editable;
}

gpointer
al_field_get_object (AlField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->object;
}

const char *
al_field_get_message (AlField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->message;
}

void
al_field_add_to (AlField *field, GtkWidget *parent)
{
  g_return_if_fail (field != NULL);

  if (ADW_IS_EXPANDER_ROW (parent))
    {
      adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), field->row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), field->message_row);
    }
  else if (ADW_IS_PREFERENCES_GROUP (parent))
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), field->row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), field->message_row);
    }
  else
    g_return_if_reached ();
}

void
al_field_set_visible (AlField *field, gboolean visible)
{
  g_return_if_fail (field != NULL);

  field->visible = visible;
  gtk_widget_set_visible (field->row, visible);
  gtk_widget_set_visible (field->message_row, visible && field->message != NULL);
}

void
al_field_refresh (AlField *field)
{
  gboolean was_syncing;

  g_return_if_fail (field != NULL);

  was_syncing = field->syncing;
  field->syncing = TRUE;
  switch (field->kind)
    {
    case FIELD_TEXT:
    case FIELD_NUMBER:
      {
        g_autofree char *text = read_text (field);

        if (field->shown == NULL || strcmp (text, field->shown) != 0)
          {
            /* The model changed elsewhere: its value replaces any input. */
            if (strcmp (gtk_editable_get_text (field->editable), text) != 0)
              {
                if (field->kind == FIELD_NUMBER)
                  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->control), atoi (text));
                else
                  gtk_editable_set_text (field->editable, text);
              }
            replace_str (&field->shown, text);
            {
              int number = 0;
              g_autofree char *message = validate (field, text, &number);

              show_message (field, message);
            }
          }
      }
      break;

    case FIELD_SWITCH:
      field->shown_int = read_int (field);
      if (gtk_switch_get_active (GTK_SWITCH (field->control)) != field->shown_int)
        gtk_switch_set_active (GTK_SWITCH (field->control), field->shown_int);
      break;

    case FIELD_COMBO:
      field->shown_int = read_int (field);
      if (adw_combo_row_get_selected (ADW_COMBO_ROW (field->row)) != (guint) field->shown_int)
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), field->shown_int);
      break;

    default:
      g_assert_not_reached ();
    }
  field->syncing = was_syncing;
}

/* ---- shared checks -------------------------------------------------------- */

char *
al_field_check_env_name (const char *text)
{
  if (*text == '\0')
    return g_strdup (_("A name is required."));
  if (!g_ascii_isalpha (text[0]) && text[0] != '_')
    return g_strdup (_("A variable name starts with a letter or “_”."));
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return g_strdup (_("Use only letters, digits and “_” in a variable name."));
  return NULL;
}

char *
al_field_check_alias (const char *text)
{
  if (*text == '\0')
    return NULL;
  for (const char *p = text; *p; p++)
    if (!(g_ascii_isupper (*p) || (p > text && (g_ascii_isdigit (*p) || *p == '_'))))
      return g_strdup (_("Use upper-case letters, digits and “_”, starting with a letter, such "
                         "as MYSQL."));
  return NULL;
}

char *
al_field_check_label (const char *text, gsize max_len)
{
  if (*text == '\0')
    return g_strdup (_("A name is required."));
  if (strlen (text) > max_len)
    return g_strdup_printf (ngettext ("Use at most %u character.", "Use at most %u characters.",
                                      (gulong) max_len),
                            (guint) max_len);
  if (!al_validator_is_label (text, max_len, TRUE))
    return g_strdup (_("Use lower-case letters, digits and “-”, starting with a letter and "
                       "ending with a letter or digit."));
  return NULL;
}
