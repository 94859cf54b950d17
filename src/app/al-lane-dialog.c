/* al-lane-dialog.c: the questions of the lane edits (add, rename, remove) */
#include "al-lane-dialog.h"

#include <glib/gi18n.h>

#include "al-lane-edit.h"

/* What a dialog needs when its response comes. */
typedef struct
{
  AlEditor *editor;
  AlLane *lane;
  GtkWidget *dropdown;   /* GtkDropDown, borrowed */
  GtkWidget *entry;      /* GtkEntry, borrowed */
  GPtrArray *targets;    /* AlLane*, for the remove dialog */
} LaneDialogData;

static void
lane_dialog_data_free (LaneDialogData *data)
{
  g_clear_object (&data->editor);
  g_clear_object (&data->lane);
  g_clear_pointer (&data->targets, g_ptr_array_unref);
  g_free (data);
}

static AdwMessageDialog *
new_dialog (GtkWindow *parent, AlEditor *editor, AlLane *lane, const char *heading,
            LaneDialogData **data_out)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));
  LaneDialogData *data = g_new0 (LaneDialogData, 1);

  data->editor = g_object_ref (editor);
  data->lane = lane ? g_object_ref (lane) : NULL;
  g_object_set_data_full (G_OBJECT (dialog), "al-lane-dialog", data,
                          (GDestroyNotify) lane_dialog_data_free);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  *data_out = data;
  return dialog;
}

static GtkWidget *
labelled (GtkWidget *box, const char *label, GtkWidget *field)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), field);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), field);
  return field;
}

static GtkWidget *
new_form (void)
{
  return gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
}

/* Add --------------------------------------------------------------------- */

static void
on_add_response (AdwMessageDialog *dialog, const char *response, LaneDialogData *data)
{
  g_autoptr (GError) error = NULL;
  GtkStringObject *arch;

  if (g_strcmp0 (response, "add") != 0)
    return;
  arch = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (data->dropdown));
  if (arch == NULL)
    return;
  if (al_lane_edit_add (data->editor, gtk_string_object_get_string (arch),
                        gtk_editable_get_text (GTK_EDITABLE (data->entry)), &error) == NULL)
    g_warning ("%s", error->message);
}

static void
on_arch_selected (GtkDropDown *dropdown, GParamSpec *pspec, GtkEntry *entry)
{
  GtkStringObject *arch = gtk_drop_down_get_selected_item (dropdown);

  gtk_entry_set_placeholder_text (entry, arch ? gtk_string_object_get_string (arch) : NULL);
}

GtkWidget *
al_lane_dialog_add (GtkWindow *parent, AlEditor *editor)
{
  g_autofree const char **arches = NULL;
  LaneDialogData *data;
  AdwMessageDialog *dialog;
  GtkWidget *form;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);

  arches = al_lane_edit_dup_free_arches (al_editor_get_document (editor));
  dialog = new_dialog (parent, editor, NULL, _("Add Lane"), &data);
  if (arches[0] == NULL)
    {
      adw_message_dialog_set_body (dialog, _("Every supported architecture has a lane already."));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return GTK_WIDGET (dialog);
    }

  adw_message_dialog_set_body (dialog, _("Components on a lane are built for and run on nodes "
                                         "of its architecture."));
  form = new_form ();
  data->dropdown = labelled (form, _("_Architecture"),
                             gtk_drop_down_new_from_strings ((const char *const *) arches));
  data->entry = labelled (form, _("_Label"), gtk_entry_new ());
  gtk_entry_set_activates_default (GTK_ENTRY (data->entry), TRUE);
  g_signal_connect_object (data->dropdown, "notify::selected", G_CALLBACK (on_arch_selected),
                           data->entry, 0);
  on_arch_selected (GTK_DROP_DOWN (data->dropdown), NULL, GTK_ENTRY (data->entry));
  adw_message_dialog_set_extra_child (dialog, form);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), data);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

/* Rename ------------------------------------------------------------------ */

static void
on_rename_response (AdwMessageDialog *dialog, const char *response, LaneDialogData *data)
{
  if (g_strcmp0 (response, "rename") == 0)
    al_lane_edit_rename (data->editor, data->lane,
                         gtk_editable_get_text (GTK_EDITABLE (data->entry)));
}

static void
on_label_changed (GtkEditable *editable, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "rename", text[0] != '\0');
}

GtkWidget *
al_lane_dialog_rename (GtkWindow *parent, AlEditor *editor, AlLane *lane)
{
  LaneDialogData *data;
  AdwMessageDialog *dialog;
  GtkWidget *form;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AL_IS_LANE (lane), NULL);

  dialog = new_dialog (parent, editor, lane, _("Rename Lane"), &data);
  adw_message_dialog_format_body (dialog, _("The label is shown on the canvas; the lane stays "
                                            "on %s."), al_lane_get_arch (lane));
  form = new_form ();
  data->entry = labelled (form, _("_Label"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (data->entry), al_lane_get_label (lane));
  gtk_entry_set_activates_default (GTK_ENTRY (data->entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, form);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (data->entry, "changed", G_CALLBACK (on_label_changed), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response), data);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (data->entry);
  return GTK_WIDGET (dialog);
}

/* Remove ------------------------------------------------------------------ */

static void
on_remove_response (AdwMessageDialog *dialog, const char *response, LaneDialogData *data)
{
  g_autoptr (GError) error = NULL;
  guint selected;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (data->dropdown));
  if (selected >= data->targets->len)
    return;
  if (!al_lane_edit_remove (data->editor, data->lane, g_ptr_array_index (data->targets, selected),
                            &error))
    g_warning ("%s", error->message);
}

GtkWidget *
al_lane_dialog_remove (GtkWindow *parent, AlEditor *editor, AlLane *lane)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  LaneDialogData *data;
  AdwMessageDialog *dialog;
  AlDocument *document;
  GListModel *lanes;
  GtkWidget *form;
  guint n_components, n;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AL_IS_LANE (lane), NULL);

  document = al_editor_get_document (editor);
  n_components = al_lane_edit_count_components (document, lane);
  if (n_components == 0)
    {
      /* Nothing to decide, and undo brings it back. */
      al_lane_edit_remove (editor, lane, NULL, NULL);
      return NULL;
    }

  dialog = new_dialog (parent, editor, lane, _("Remove Lane?"), &data);
  data->targets = g_ptr_array_new_with_free_func (g_object_unref);
  lanes = al_document_get_lanes (document);
  n = g_list_model_get_n_items (lanes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlLane) other = g_list_model_get_item (lanes, i);
      g_autofree char *name = NULL;

      if (other == lane)
        continue;
      name = g_strdup_printf ("%s (%s)", al_lane_get_label (other), al_lane_get_arch (other));
      gtk_string_list_append (names, name);
      g_ptr_array_add (data->targets, g_object_ref (other));
    }

  if (data->targets->len == 0)
    {
      adw_message_dialog_format_body (dialog,
                                      g_dngettext (NULL,
                                                   "Lane “%s” holds %u component and is the only "
                                                   "lane. Add another lane to move it to first.",
                                                   "Lane “%s” holds %u components and is the only "
                                                   "lane. Add another lane to move them to first.",
                                                   n_components),
                                      al_lane_get_label (lane), n_components);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return GTK_WIDGET (dialog);
    }

  adw_message_dialog_format_body (dialog,
                                  g_dngettext (NULL,
                                               "Lane “%s” holds %u component. Choose the lane it "
                                               "moves to; it will then be built for that lane's "
                                               "architecture.",
                                               "Lane “%s” holds %u components. Choose the lane "
                                               "they move to; they will then be built for that "
                                               "lane's architecture.",
                                               n_components),
                                  al_lane_get_label (lane), n_components);
  form = new_form ();
  data->dropdown = labelled (form, _("_Move components to"),
                             gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  adw_message_dialog_set_extra_child (dialog, form);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove",
                                    _("_Move and Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response), data);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}
