/* al-link-dialog.c: "Add Dependency": the keyboard way to link two components */
#include "al-link-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "al-tool-link.h"

struct _AlLinkDialog
{
  AdwMessageDialog parent_instance;

  AlEditor *editor;
  AlComponent *consumer;
  GtkWidget *search;
  GtkWidget *list;
  char *query;          /* case-folded */
};

G_DEFINE_FINAL_TYPE (AlLinkDialog, al_link_dialog, ADW_TYPE_MESSAGE_DIALOG)

static AlComponent *
row_component (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "component") : NULL;
}

static gboolean
row_matches (AlLinkDialog *self, GtkListBoxRow *row)
{
  const char *haystack = g_object_get_data (G_OBJECT (row), "haystack");

  return self->query == NULL || self->query[0] == '\0' || strstr (haystack, self->query) != NULL;
}

static gboolean
filter_row (GtkListBoxRow *row, gpointer user_data)
{
  return row_matches (AL_LINK_DIALOG (user_data), row);
}

static void
update_add_enabled (AlLinkDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add",
                                           row != NULL && row_matches (self, row));
}

static GtkListBoxRow *
first_shown (AlLinkDialog *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_matches (self, GTK_LIST_BOX_ROW (child)))
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
apply_query (AlLinkDialog *self, const char *query)
{
  GtkListBoxRow *selected;

  g_free (self->query);
  self->query = g_utf8_casefold (query ? query : "", -1);
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  selected = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  if (selected == NULL || !row_matches (self, selected))
    gtk_list_box_select_row (GTK_LIST_BOX (self->list), first_shown (self));
  update_add_enabled (self);
}

void
al_link_dialog_set_query (AlLinkDialog *self, const char *query)
{
  g_return_if_fail (AL_IS_LINK_DIALOG (self));

  /* Filters now, not after the search entry's typing delay. */
  g_signal_handlers_block_matched (self->search, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search), query ? query : "");
  g_signal_handlers_unblock_matched (self->search, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  apply_query (self, query);
}

static void
on_search_changed (GtkSearchEntry *entry, AlLinkDialog *self)
{
  apply_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* adw_message_dialog_response() only emits the response: the dialog
 * closes by itself only when a response button is clicked. */
static void
add_and_close (AlLinkDialog *self)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "add");
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_search_activate (GtkSearchEntry *entry, AlLinkDialog *self)
{
  /* Enter typed quickly comes before the delayed "search-changed":
   * filter now, or a provider matching the older text would be linked. */
  apply_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "add"))
    add_and_close (self);
}

static void
on_stop_search (GtkSearchEntry *entry, AlLinkDialog *self)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "cancel");
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_search_key (GtkEventControllerKey *controller, guint keyval, guint keycode,
               GdkModifierType state, AlLinkDialog *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  if (row == NULL)
    row = first_shown (self);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return row != NULL;
}

static void
on_row_selected (GtkListBox *list, GtkListBoxRow *row, AlLinkDialog *self)
{
  update_add_enabled (self);
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, AlLinkDialog *self)
{
  gtk_list_box_select_row (list, row);
  add_and_close (self);
}

static void
al_link_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  AlLinkDialog *self = AL_LINK_DIALOG (dialog);
  AlComponent *provider = al_link_dialog_get_selected (self);
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "add") == 0 && provider != NULL && self->editor != NULL)
    {
      AlDependency *dependency;

      if (al_tool_link_check (self->editor, self->consumer, provider)
          == AL_LINK_CHECK_NO_INNER_PORT)
        dependency = al_tool_link_create_opening_port (self->editor, self->consumer, provider,
                                                       &error);
      else
        dependency = al_tool_link_create (self->editor, self->consumer, provider, &error);
      if (dependency == NULL)
        g_warning ("%s", error->message);
    }
  if (ADW_MESSAGE_DIALOG_CLASS (al_link_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (al_link_dialog_parent_class)->response (dialog, response);
}

static GtkWidget *
new_row (AlLinkDialog *self, AlComponent *provider, AlLinkCheck check)
{
  AlDocument *document = al_editor_get_document (self->editor);
  AlLane *lane = al_document_get_component_lane (document, provider);
  const char *display = al_component_get_display_name (provider);
  const char *name = al_component_get_name (provider);
  g_autofree char *subtitle = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (display == NULL || display[0] == '\0')
    display = name;
  if (check == AL_LINK_CHECK_NO_INNER_PORT)
    subtitle = g_strdup_printf (_("%s · %s · no inner port: port %d will be opened"), name,
                                lane ? al_lane_get_label (lane) : "?",
                                al_tool_link_suggest_port (provider));
  else
    subtitle = g_strdup_printf ("%s · %s", name, lane ? al_lane_get_label (lane) : "?");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  haystack = g_strjoin ("\n", display, name, al_component_get_image (provider) ?: "",
                        lane ? al_lane_get_label (lane) : "", lane ? al_lane_get_arch (lane) : "",
                        NULL);
  folded = g_utf8_casefold (haystack, -1);
  g_object_set_data_full (G_OBJECT (row), "haystack", g_steal_pointer (&folded), g_free);
  g_object_set_data_full (G_OBJECT (row), "component", g_object_ref (provider), g_object_unref);
  return row;
}

static void
fill_list (AlLinkDialog *self)
{
  GListModel *components = al_document_get_components (al_editor_get_document (self->editor));
  guint n = g_list_model_get_n_items (components);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlComponent) provider = g_list_model_get_item (components, i);
      AlLinkCheck check = al_tool_link_check (self->editor, self->consumer, provider);

      if (check == AL_LINK_CHECK_OK || check == AL_LINK_CHECK_NO_INNER_PORT)
        gtk_list_box_append (GTK_LIST_BOX (self->list), new_row (self, provider, check));
    }
}

guint
al_link_dialog_get_n_shown (AlLinkDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (AL_IS_LINK_DIALOG (self), 0);
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_matches (self, GTK_LIST_BOX_ROW (child)))
      n++;
  return n;
}

gboolean
al_link_dialog_select (AlLinkDialog *self, AlComponent *provider)
{
  g_return_val_if_fail (AL_IS_LINK_DIALOG (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_component (GTK_LIST_BOX_ROW (child)) == provider
        && row_matches (self, GTK_LIST_BOX_ROW (child)))
      {
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (child));
        return TRUE;
      }
  return FALSE;
}

AlComponent *
al_link_dialog_get_selected (AlLinkDialog *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (AL_IS_LINK_DIALOG (self), NULL);
  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  return row != NULL && row_matches (self, row) ? row_component (row) : NULL;
}

static void
al_link_dialog_dispose (GObject *object)
{
  AlLinkDialog *self = AL_LINK_DIALOG (object);

  /* The rows go after the responses: stop listening to the list first. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  self->list = NULL;
  g_clear_object (&self->editor);
  g_clear_object (&self->consumer);
  G_OBJECT_CLASS (al_link_dialog_parent_class)->dispose (object);
}

static void
al_link_dialog_finalize (GObject *object)
{
  g_free (AL_LINK_DIALOG (object)->query);
  G_OBJECT_CLASS (al_link_dialog_parent_class)->finalize (object);
}

static void
al_link_dialog_class_init (AlLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = al_link_dialog_dispose;
  object_class->finalize = al_link_dialog_finalize;
  dialog_class->response = al_link_dialog_response;
}

static void
al_link_dialog_init (AlLinkDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Search by name, image or lane"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search providers"), -1);
  gtk_box_append (GTK_BOX (box), self->search);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), FALSE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_row, self, NULL);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Providers"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), FALSE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "add",
                                    _("_Add Dependency"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", FALSE);

  g_signal_connect (self->search, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->search, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (self->search, keys);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
}

GtkWidget *
al_link_dialog_new (GtkWindow *parent, AlEditor *editor, AlComponent *consumer)
{
  AlLinkDialog *self;
  const char *display;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (consumer), NULL);

  self = g_object_new (AL_TYPE_LINK_DIALOG, "heading", _("Add Dependency"), "modal", TRUE,
                       "transient-for", parent, NULL);
  self->editor = g_object_ref (editor);
  self->consumer = g_object_ref (consumer);
  display = al_component_get_display_name (consumer);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("Choose the component that “%s” depends on. It receives "
                                    "that component's connection info and waits for it at "
                                    "start-up."),
                                  display && display[0] ? display : al_component_get_name (consumer));
  fill_list (self);
  al_link_dialog_set_query (self, "");
  if (al_link_dialog_get_n_shown (self) == 0)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                    _("“%s” depends on every other component already."),
                                    al_component_get_name (consumer));
  gtk_widget_grab_focus (self->search);
  return GTK_WIDGET (self);
}
