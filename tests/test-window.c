/* test-window.c: the document window under a real X server (Xvfb) */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "al-application.h"
#include "al-document-io.h"
#include "al-export.h"
#include "al-history.h"
#include "al-settings.h"
#include "al-test-app.h"
#include "al-test-util.h"
#include "al-window-private.h"

typedef struct
{
  char     *tmpdir;
  AlWindow *window;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_auto (GStrv) empty = g_new0 (char *, 1);

  fixture->tmpdir = al_test_make_tmpdir ();
  g_settings_set_strv (al_settings_get_default (), "recent-documents",
                       (const char *const *) empty);
  g_settings_reset (al_settings_get_default (), "new-document-arches");
  fixture->window = al_window_new (NULL, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  al_test_spin ();
}

static GPtrArray *
find_message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *dialogs = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        g_ptr_array_add (dialogs, toplevel);
    }
  return dialogs;
}

static void
close_all_dialogs (void)
{
  g_autoptr (GPtrArray) dialogs = find_message_dialogs ();

  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_destroy (g_ptr_array_index (dialogs, i));
  al_test_spin ();
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  close_all_dialogs ();
  if (fixture->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
    }
  al_test_spin ();
  al_test_rmtree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

/* A copy of the sample shop in the fixture's folder, so saving never
 * touches the bundled template. */
static GFile *
copy_sample (Fixture    *fixture,
             const char *name)
{
  g_autofree char *source = al_test_template_path ("sample-shop.archlane");
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return g_file_new_for_path (path);
}

static AlComponent *
first_component (AlWindow *window)
{
  GListModel *components = al_document_get_components (
    al_editor_get_document (al_window_get_editor (window)));
  g_autoptr (AlComponent) component = g_list_model_get_item (components, 0);

  g_assert_nonnull (component);
  return component;
}

static void
move_first_component (AlWindow *window)
{
  AlEditor *editor = al_window_get_editor (window);
  AlComponent *component = first_component (window);
  graphene_point_t position;

  position = *al_component_get_position (component);
  position.x += 40;
  al_history_move_component (al_editor_get_history (editor), component, &position);
  al_history_seal (al_editor_get_history (editor));
  al_test_spin ();
}

static const char *
window_title (AlWindow *window)
{
  return adw_window_title_get_title (window->window_title);
}

static void
test_title_and_modified_mark (Fixture      *fixture,
                              gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autofree char *folder_name = g_file_get_parse_name (folder);
  AlWindow *shown;

  g_assert_true (al_window_is_pristine (fixture->window));
  g_assert_cmpstr (window_title (fixture->window), ==, "Untitled");

  /* A pristine window takes the document instead of opening another. */
  shown = al_window_open_file (fixture->window, file);
  al_test_spin ();
  g_assert_true (shown == fixture->window);
  g_assert_cmpstr (window_title (fixture->window), ==, "shop.archlane");
  /* The subtitle tells where the file is. */
  if (!g_str_has_prefix (folder_name, g_get_home_dir ()))
    g_assert_cmpstr (adw_window_title_get_subtitle (fixture->window->window_title), ==,
                     folder_name);
  else
    g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (
                                       fixture->window->window_title), "~"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (fixture->window)),
                            "shop.archlane"));

  move_first_component (fixture->window);
  g_assert_cmpstr (window_title (fixture->window), ==, "• shop.archlane");

  g_assert_true (al_window_save_to_file (fixture->window, NULL, NULL));
  al_test_spin ();
  g_assert_cmpstr (window_title (fixture->window), ==, "shop.archlane");

  /* Undoing back past the save point marks it modified again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  al_test_spin ();
  g_assert_cmpstr (window_title (fixture->window), ==, "• shop.archlane");
}

static void
test_undo_redo_sensitivity (Fixture      *fixture,
                            gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  AlHistory *history;
  const char *tooltip;

  al_window_open_file (fixture->window, file);
  al_test_spin ();
  history = al_editor_get_history (al_window_get_editor (fixture->window));

  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->undo_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->redo_button)));

  al_history_remove_component (history, first_component (fixture->window));
  al_test_spin ();
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->undo_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->redo_button)));
  /* The tooltip names the step, in the words of the history. */
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (fixture->window->undo_button));
  g_assert_nonnull (al_history_get_undo_label (history));
  g_assert_true (g_str_has_prefix (tooltip, "Undo "));
  g_assert_nonnull (strstr (tooltip, al_history_get_undo_label (history)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  al_test_spin ();
  g_assert_false (al_history_can_undo (history));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->undo_button)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->redo_button)));
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (fixture->window->redo_button));
  g_assert_true (g_str_has_prefix (tooltip, "Redo "));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  al_test_spin ();
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->undo_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->redo_button)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (fixture->window->redo_button)), ==,
                   "Redo");
}

static void
test_save_as_canonical (Fixture      *fixture,
                        gconstpointer data)
{
  g_autofree char *template_path = al_test_template_path ("sample-shop.archlane");
  g_autofree char *path = g_build_filename (fixture->tmpdir, "copy.archlane", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GBytes) expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_auto (GStrv) recent = NULL;
  AlEditor *editor;
  gsize length;

  /* A template opens untitled: Save would ask where. */
  al_window_open_template (fixture->window, template_path);
  al_test_spin ();
  editor = al_window_get_editor (fixture->window);
  g_assert_null (al_editor_get_file (editor));
  g_assert_false (al_editor_get_modified (editor));
  g_assert_cmpstr (window_title (fixture->window), ==, "Untitled");
  g_assert_cmpstr (adw_window_title_get_subtitle (fixture->window->window_title), ==,
                   al_document_get_display_name (al_editor_get_document (editor)));

  move_first_component (fixture->window);
  g_assert_true (al_window_save_to_file (fixture->window, file, NULL));
  al_test_spin ();

  expected = al_document_save_to_bytes (al_editor_get_document (editor));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));

  g_assert_true (g_file_equal (al_editor_get_file (editor), file));
  g_assert_false (al_editor_get_modified (editor));
  g_assert_cmpstr (window_title (fixture->window), ==, "copy.archlane");

  /* It is a recent document now, in the settings and in the Open menu. */
  recent = g_settings_get_strv (al_settings_get_default (), "recent-documents");
  g_assert_cmpstr (recent[0], ==, uri);
  al_test_spin ();
  g_assert_cmpuint (g_menu_model_get_n_items (G_MENU_MODEL (fixture->window->recent_section)), ==,
                    1);
}

static void
test_save_failure_keeps_document (Fixture      *fixture,
                                  gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  g_autofree char *missing = g_build_filename (fixture->tmpdir, "no-such-folder",
                                               "shop.archlane", NULL);
  g_autoptr (GFile) target = g_file_new_for_path (missing);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dialogs = NULL;

  al_window_open_file (fixture->window, file);
  move_first_component (fixture->window);

  g_assert_false (al_window_save_to_file (fixture->window, target, &error));
  g_assert_nonnull (error);
  al_test_spin ();
  dialogs = find_message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (g_ptr_array_index (dialogs, 0)),
                            "shop.archlane"));
  /* Still the old file, still modified. */
  g_assert_true (g_file_equal (al_editor_get_file (al_window_get_editor (fixture->window)), file));
  g_assert_true (al_editor_get_modified (al_window_get_editor (fixture->window)));
}

static void
test_open_malformed (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr (GFile) good = copy_sample (fixture, "shop.archlane");
  g_autofree char *bad_path = al_test_data_path ("malformed/component-kind-unknown.archlane");
  g_autofree char *garbage_path = g_build_filename (fixture->tmpdir, "garbage.archlane", NULL);
  g_autoptr (GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr (GFile) garbage = NULL;
  g_autoptr (GPtrArray) dialogs = NULL;
  AlEditor *editor;
  const char *body;

  al_window_open_file (fixture->window, good);
  move_first_component (fixture->window);
  editor = al_window_get_editor (fixture->window);

  g_assert_null (al_window_open_file (fixture->window, bad));
  al_test_spin ();

  dialogs = find_message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (g_ptr_array_index (dialogs, 0)),
                            "component-kind-unknown.archlane"));
  /* The body is the reader's message: the file and the JSON path. */
  body = adw_message_dialog_get_body (g_ptr_array_index (dialogs, 0));
  g_assert_nonnull (strstr (body, "component-kind-unknown.archlane"));
  g_assert_nonnull (strstr (body, "kind"));

  /* Nothing lost: same editor, still modified, no second window. */
  g_assert_true (al_window_get_editor (fixture->window) == editor);
  g_assert_true (al_editor_get_modified (editor));
  g_assert_cmpstr (window_title (fixture->window), ==, "• shop.archlane");
  close_all_dialogs ();

  /* Not JSON at all. */
  g_assert_true (g_file_set_contents (garbage_path, "\x89PNG not a document", -1, NULL));
  garbage = g_file_new_for_path (garbage_path);
  g_assert_null (al_window_open_file (fixture->window, garbage));
  al_test_spin ();
  g_clear_pointer (&dialogs, g_ptr_array_unref);
  dialogs = find_message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (g_ptr_array_index (dialogs, 0)),
                            "garbage.archlane"));
  g_assert_true (al_window_get_editor (fixture->window) == editor);
}

static AdwMessageDialog *
expect_one_dialog (void)
{
  g_autoptr (GPtrArray) dialogs = find_message_dialogs ();

  g_assert_cmpuint (dialogs->len, ==, 1);
  return g_ptr_array_index (dialogs, 0);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Answers as a click on the dialog's button would. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  GtkWidget *button;

  g_assert_true (adw_message_dialog_has_response (dialog, response));
  button = find_button (GTK_WIDGET (dialog),
                        adw_message_dialog_get_response_label (dialog, response));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  al_test_spin ();
}

static void
test_close_unsaved (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GBytes) saved = NULL;
  AdwMessageDialog *dialog;

  al_window_open_file (fixture->window, file);
  before = g_file_load_bytes (file, NULL, NULL, NULL);
  move_first_component (fixture->window);

  /* Cancel: the window and its changes stay. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  al_test_spin ();
  g_assert_nonnull (fixture->window);
  dialog = expect_one_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Save changes to “shop.archlane” before closing?");
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  respond (dialog, "cancel");
  al_test_spin ();
  g_assert_nonnull (fixture->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (al_editor_get_modified (al_window_get_editor (fixture->window)));

  /* Save: written, then closed. */
  saved = al_document_save_to_bytes (al_editor_get_document (al_window_get_editor (
                                                                fixture->window)));
  gtk_window_close (GTK_WINDOW (fixture->window));
  al_test_spin ();
  dialog = expect_one_dialog ();
  respond (dialog, "save");
  al_test_spin ();
  g_assert_null (fixture->window);
  after = g_file_load_bytes (file, NULL, NULL, NULL);
  g_assert_false (g_bytes_equal (before, after));
  g_assert_true (g_bytes_equal (saved, after));
}

static void
test_close_discard (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  al_window_open_file (fixture->window, file);
  before = g_file_load_bytes (file, NULL, NULL, NULL);
  move_first_component (fixture->window);

  gtk_window_close (GTK_WINDOW (fixture->window));
  al_test_spin ();
  respond (expect_one_dialog (), "discard");
  al_test_spin ();
  g_assert_null (fixture->window);
  after = g_file_load_bytes (file, NULL, NULL, NULL);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_close_unmodified (Fixture      *fixture,
                       gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  g_autoptr (GPtrArray) dialogs = NULL;

  al_window_open_file (fixture->window, file);
  move_first_component (fixture->window);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  al_test_spin ();

  /* Undone back to the saved state: nothing to ask. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  al_test_spin ();
  dialogs = find_message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 0);
  g_assert_null (fixture->window);
}

static guint
count_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      n += AL_IS_WINDOW (toplevel);
    }
  return n;
}

static AlWindow *
find_other_window (AlWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (AL_IS_WINDOW (toplevel) && (gpointer) toplevel != (gpointer) self)
        return AL_WINDOW (toplevel);
    }
  return NULL;
}

static void
test_new_and_templates (Fixture      *fixture,
                        gconstpointer data)
{
  g_autofree char *template_path = al_test_template_path ("sample-shop.archlane");
  g_autoptr (GPtrArray) templates = al_window_list_templates ();
  AlDocument *document;
  AlWindow *other;
  guint n_before = count_windows ();
  gboolean found = FALSE;

  /* The bundled templates are offered, with translated titles. */
  g_assert_cmpuint (templates->len, >=, 4);
  for (guint i = 0; i < templates->len; i++)
    {
      g_autofree char *title = al_window_dup_template_title (g_ptr_array_index (templates, i));
      found |= g_strcmp0 (title, "Sample Shop") == 0;
    }
  g_assert_true (found);
  g_assert_cmpuint (g_menu_model_get_n_items (G_MENU_MODEL (fixture->window->template_section)),
                    ==, templates->len);

  /* A new document has the lanes of the preferences. */
  document = al_editor_get_document (al_window_get_editor (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_lanes (document)), ==, 2);

  /* The pristine window takes the template ... */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.new-from-template", "s", template_path));
  al_test_spin ();
  g_assert_cmpuint (count_windows (), ==, n_before);
  document = al_editor_get_document (al_window_get_editor (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_components (document)), >, 0);
  g_assert_false (al_window_is_pristine (fixture->window));

  /* ... and New then opens beside it, never over it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new", NULL));
  al_test_spin ();
  g_assert_cmpuint (count_windows (), ==, n_before + 1);
  other = find_other_window (fixture->window);
  g_assert_nonnull (other);
  g_assert_true (al_window_is_pristine (other));
  gtk_window_destroy (GTK_WINDOW (other));
  al_test_spin ();
}

static void
test_new_document_lanes_preference (Fixture      *fixture,
                                    gconstpointer data)
{
  const char *arches[] = { "arm64", "x86_64", "riscv64", "no-such-arch", NULL };
  g_autoptr (AlDocument) document = NULL;
  GListModel *lanes;
  g_autoptr (AlLane) first = NULL;
  g_autoptr (AlLane) second = NULL;
  g_autoptr (AlLane) third = NULL;

  g_settings_set_strv (al_settings_get_default (), "new-document-arches", arches);
  document = al_window_create_empty_document ();
  lanes = al_document_get_lanes (document);

  /* Aliases normalised, unknown arches dropped, the order kept. */
  g_assert_cmpuint (g_list_model_get_n_items (lanes), ==, 3);
  first = g_list_model_get_item (lanes, 0);
  second = g_list_model_get_item (lanes, 1);
  third = g_list_model_get_item (lanes, 2);
  g_assert_cmpstr (al_lane_get_arch (first), ==, "arm64");
  g_assert_cmpstr (al_lane_get_arch (second), ==, "amd64");
  g_assert_cmpstr (al_lane_get_label (second), ==, "x86_64");
  g_assert_cmpstr (al_lane_get_arch (third), ==, "riscv64");
  g_settings_reset (al_settings_get_default (), "new-document-arches");
}

static void
test_toggle_panels (Fixture      *fixture,
                    gconstpointer data)
{
  g_assert_true (gtk_widget_get_visible (fixture->window->sidebar));
  g_assert_true (gtk_widget_get_visible (fixture->window->inspector_scroller));
  g_assert_true (gtk_toggle_button_get_active (fixture->window->panels_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-panels",
                                             NULL));
  al_test_spin ();
  g_assert_false (gtk_widget_get_visible (fixture->window->sidebar));
  g_assert_false (gtk_widget_get_visible (fixture->window->inspector_scroller));
  g_assert_false (gtk_toggle_button_get_active (fixture->window->panels_button));
  g_assert_false (g_settings_get_boolean (al_settings_get_default (), "side-panels-visible"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-panels",
                                             NULL));
  al_test_spin ();
  g_assert_true (gtk_widget_get_visible (fixture->window->sidebar));
  g_assert_true (gtk_toggle_button_get_active (fixture->window->panels_button));
}

/* F6 and Shift+F6 move the keyboard between sidebar, canvas, inspector
 * and problems. */
static gboolean
focus_is_in (AlWindow  *window,
             GtkWidget *pane)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == pane || gtk_widget_is_ancestor (focus, pane));
}

static void
test_cycle_pane (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  AlWindow *window = fixture->window;
  GtkWidget *canvas = GTK_WIDGET (window->canvas);

  al_window_open_file (window, file);
  al_test_spin ();
  al_test_settle (GTK_WIDGET (window));

  g_assert_true (gtk_widget_grab_focus (canvas));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-pane", "i", -1));
  g_assert_true (focus_is_in (window, GTK_WIDGET (window->palette)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-pane", "i", 1));
  g_assert_true (focus_is_in (window, canvas));

  /* With a component selected, the inspector has fields to type in. */
  al_editor_select (al_window_get_editor (window), first_component (window), AL_SELECT_REPLACE);
  al_test_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-pane", "i", 1));
  g_assert_true (focus_is_in (window, GTK_WIDGET (window->inspector)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-pane", "i", -1));
  g_assert_true (focus_is_in (window, canvas));
}

/* The main menu reaches the lane actions for the lane of the selection. */
static void
test_selection_lane_actions (Fixture      *fixture,
                             gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  AlWindow *window = fixture->window;
  AlDocument *document;
  AlComponent *component;
  g_autoptr (AlLane) first = NULL;
  g_autoptr (AlLane) after = NULL;

  al_window_open_file (window, file);
  al_test_spin ();
  document = al_editor_get_document (al_window_get_editor (window));
  first = g_list_model_get_item (al_document_get_lanes (document), 0);

  /* Nothing selected: nothing moves. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.selection-lane", "s",
                                             "canvas.move-lane-down"));
  al_test_spin ();
  after = g_list_model_get_item (al_document_get_lanes (document), 0);
  g_assert_true (after == first);
  g_clear_object (&after);

  /* A component of the first lane selected: its lane moves down, one step. */
  component = NULL;
  for (guint i = 0; component == NULL; i++)
    {
      g_autoptr (AlComponent) c = g_list_model_get_item (al_document_get_components (document), i);

      g_assert_nonnull (c);
      if (g_strcmp0 (al_component_get_lane (c), al_lane_get_id (first)) == 0)
        component = c;
    }
  al_editor_select (al_window_get_editor (window), component, AL_SELECT_REPLACE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.selection-lane", "s",
                                             "canvas.move-lane-down"));
  al_test_spin ();
  after = g_list_model_get_item (al_document_get_lanes (document), 1);
  g_assert_true (after == first);
  g_clear_object (&after);
  g_assert_true (al_history_undo (al_editor_get_history (al_window_get_editor (window))));
  after = g_list_model_get_item (al_document_get_lanes (document), 0);
  g_assert_true (after == first);
}

static void
test_problems_summary (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *path = al_test_data_path ("compiler/errors.archlane");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  AlEditor *editor;

  /* The empty document has no problems. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window->problems_error_count)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window->problems_warning_count)));

  g_assert_true (al_window_open_file (fixture->window, file) == fixture->window);
  editor = al_window_get_editor (fixture->window);
  al_editor_flush_diagnostics (editor);
  al_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window->problems_error_count)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window->problems_error_icon)));
  g_assert_cmpstr (gtk_label_get_label (fixture->window->problems_error_count), !=, "0");
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Sends keys to @window itself rather than to whatever has the X focus:
 * other tests may show windows on the same X server at the same time. */
static gboolean
xdotool_keys (GtkWidget  *window,
              const char *command_name,
              const char *arguments)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *command = NULL;
  int status = -1;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  command = g_strdup_printf ("xdotool %s --window %lu %s", command_name,
                             (unsigned long) gdk_x11_surface_get_xid (surface), arguments);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* Keys go to the focus widget of the active window only. Another test on
 * the same X server may take the keyboard focus at any time (there is no
 * window manager to arbitrate): FALSE when the window cannot get it. */
static gboolean
wait_until_active (AlWindow *window)
{
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 500 && !gtk_window_is_active (GTK_WINDOW (window)); i++)
    {
      g_usleep (10000);
      al_test_spin ();
    }
  return gtk_window_is_active (GTK_WINDOW (window));
}

/* Key presses through the X server: Ctrl+Z in a text field undoes
 * the typing in the field, and only outside one the document's edit. */
static void
test_text_field_keeps_ctrl_z (Fixture      *fixture,
                              gconstpointer data)
{
  g_autoptr (GFile) file = copy_sample (fixture, "shop.archlane");
  AlHistory *history;
  GtkWidget *text;
  guint n_components;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  if (xdotool_path == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }

  al_window_open_file (fixture->window, file);
  history = al_editor_get_history (al_window_get_editor (fixture->window));
  al_history_remove_component (history, first_component (fixture->window));
  n_components = g_list_model_get_n_items (al_document_get_components (
    al_editor_get_document (al_window_get_editor (fixture->window))));
  al_test_spin ();

  /* The palette's search field. */
  text = find_descendant (GTK_WIDGET (fixture->window->palette), GTK_TYPE_TEXT);
  g_assert_nonnull (text);
  if (!wait_until_active (fixture->window))
    {
      g_test_skip ("another window holds the keyboard focus");
      return;
    }
  g_assert_true (gtk_widget_grab_focus (text));
  al_test_spin ();

  g_assert_true (xdotool_keys (GTK_WIDGET (fixture->window), "type", "--delay 20 ab"));
  for (guint i = 0; i < 500 && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (text)), "ab") != 0;
       i++)
    {
      g_usleep (10000);
      al_test_spin ();
    }
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (text)), "ab") != 0)
    {
      g_test_skip ("the X server does not deliver key presses to the window");
      return;
    }

  g_assert_true (xdotool_keys (GTK_WIDGET (fixture->window), "key", "ctrl+z"));
  for (guint i = 0; i < 500 && *gtk_editable_get_text (GTK_EDITABLE (text)) != '\0'; i++)
    {
      g_usleep (10000);
      al_test_spin ();
    }
  if (!gtk_window_is_active (GTK_WINDOW (fixture->window)))
    {
      g_test_skip ("another window took the keyboard focus");
      return;
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (text)), ==, "");
  g_assert_true (al_history_can_undo (history));
  g_assert_false (al_history_can_redo (history));

  /* Outside a text field, Ctrl+Z is the document's. */
  if (!wait_until_active (fixture->window))
    {
      g_test_skip ("another window holds the keyboard focus");
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (fixture->window->canvas));
  al_test_spin ();
  g_assert_true (xdotool_keys (GTK_WIDGET (fixture->window), "key", "ctrl+z"));
  for (guint i = 0; i < 500 && !al_history_can_redo (history); i++)
    {
      g_usleep (10000);
      al_test_spin ();
    }
  if (!al_history_can_redo (history) && !gtk_window_is_active (GTK_WINDOW (fixture->window)))
    {
      g_test_skip ("another window took the keyboard focus");
      return;
    }
  g_assert_true (al_history_can_redo (history));
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_components (
                      al_editor_get_document (al_window_get_editor (fixture->window)))), ==,
                    n_components + 1);
}

static void
test_open_image (Fixture      *fixture,
                 gconstpointer data)
{
  g_autofree char *template_path = al_test_template_path ("sample-shop.archlane");
  g_autofree char *png = g_build_filename (fixture->tmpdir, "shop.png", NULL);
  g_autoptr (AlDocument) original = al_document_load_from_path (template_path, NULL, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (png);
  g_autoptr (GBytes) expected = NULL;
  g_autoptr (GBytes) opened = NULL;
  AlExportOptions options;
  AlEditor *editor;

  al_export_options_init (&options);
  options.format = AL_EXPORT_FORMAT_PNG;
  options.scale = 1;
  g_assert_true (al_export_document (original, &options, png, NULL));

  g_assert_true (al_window_open_file (fixture->window, file) == fixture->window);
  al_test_spin ();
  editor = al_window_get_editor (fixture->window);

  /* The embedded document, untitled: saving never rewrites the image. */
  expected = al_document_save_to_bytes (original);
  opened = al_document_save_to_bytes (al_editor_get_document (editor));
  g_assert_true (g_bytes_equal (expected, opened));
  g_assert_null (al_editor_get_file (editor));
  g_assert_cmpstr (window_title (fixture->window), ==, "Untitled");
}

static void
test_geometry_restored (Fixture      *fixture,
                        gconstpointer data)
{
  GSettings *settings = al_settings_get_default ();
  AlWindow *window;
  int width = 0;
  int height = 0;

  g_settings_set_int (settings, "window-width", 1010);
  g_settings_set_int (settings, "window-height", 707);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  window = al_window_new (NULL, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1010);
  g_assert_cmpint (height, ==, 707);

  /* Closing remembers the size for the next window. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  gtk_window_present (GTK_WINDOW (window));
  al_test_spin ();
  gtk_window_close (GTK_WINDOW (window));
  al_test_spin ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static AlWindow *
find_window_with_file (GtkApplication *application,
                       GFile          *file)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      GFile *shown;

      if (!AL_IS_WINDOW (l->data))
        continue;
      shown = al_editor_get_file (al_window_get_editor (l->data));
      if (shown != NULL && g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

static void
destroy_windows (GtkApplication *application)
{
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (application));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  al_test_spin ();
}

/* The application as the desktop starts it: without files (the sample
 * shop on the first launch, then an empty document), and with files. */
static void
test_application (void)
{
  g_autoptr (AlApplication) app = al_application_new ();
  g_autofree char *tmpdir = al_test_make_tmpdir ();
  g_autofree char *first_path = g_build_filename (tmpdir, "first.archlane", NULL);
  g_autofree char *second_path = g_build_filename (tmpdir, "second.archlane", NULL);
  g_autofree char *template_path = al_test_template_path ("sample-shop.archlane");
  g_autofree char *contents = NULL;
  g_autofree char *bad_path = al_test_data_path ("malformed/component-kind-unknown.archlane");
  GSettings *settings = al_settings_get_default ();
  GFile *files[3];
  GtkApplication *application = GTK_APPLICATION (app);
  AlWindow *window;
  AlDocument *document;
  g_autoptr (GPtrArray) dialogs = NULL;

  g_assert_true (g_file_get_contents (template_path, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (first_path, contents, -1, NULL));
  g_assert_true (g_file_set_contents (second_path, contents, -1, NULL));

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_settings_set_boolean (settings, "first-launch-done", FALSE);
  g_application_activate (G_APPLICATION (app));
  al_test_spin ();
  window = AL_WINDOW (gtk_application_get_active_window (application));
  g_assert_nonnull (window);
  document = al_editor_get_document (al_window_get_editor (window));
  g_assert_null (al_editor_get_file (al_window_get_editor (window)));
  g_assert_cmpstr (al_document_get_name (document), ==, "sample-shop");
  g_assert_true (g_settings_get_boolean (settings, "first-launch-done"));
  destroy_windows (application);

  /* Later launches start empty. */
  g_application_activate (G_APPLICATION (app));
  al_test_spin ();
  window = AL_WINDOW (gtk_application_get_active_window (application));
  g_assert_true (al_window_is_pristine (window));
  destroy_windows (application);

  /* archlane first.archlane second.archlane broken.archlane: one window
   * per document, and a message about the broken one. */
  files[0] = g_file_new_for_path (first_path);
  files[1] = g_file_new_for_path (second_path);
  files[2] = g_file_new_for_path (bad_path);
  g_application_open (G_APPLICATION (app), files, 3, "");
  al_test_spin ();
  g_assert_nonnull (find_window_with_file (application, files[0]));
  g_assert_nonnull (find_window_with_file (application, files[1]));
  g_assert_true (find_window_with_file (application, files[0])
                 != find_window_with_file (application, files[1]));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (application)), >=, 2);
  dialogs = find_message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);

  /* Opening an open document again shows its window, no new one. */
  window = find_window_with_file (application, files[0]);
  g_application_open (G_APPLICATION (app), files, 1, "");
  al_test_spin ();
  g_assert_true (find_window_with_file (application, files[0]) == window);

  close_all_dialogs ();
  destroy_windows (application);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
  al_test_rmtree (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  /* The recent files list of GTK goes to a scratch folder. */
  data_home = g_dir_make_tmp ("archlane-test-window-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    return 77;
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/title-and-modified-mark", test_title_and_modified_mark);
  ADD ("/window/undo-redo-sensitivity", test_undo_redo_sensitivity);
  ADD ("/window/save-as-canonical", test_save_as_canonical);
  ADD ("/window/save-failure-keeps-document", test_save_failure_keeps_document);
  ADD ("/window/open-malformed", test_open_malformed);
  ADD ("/window/close-unsaved", test_close_unsaved);
  ADD ("/window/close-discard", test_close_discard);
  ADD ("/window/close-unmodified", test_close_unmodified);
  ADD ("/window/new-and-templates", test_new_and_templates);
  ADD ("/window/new-document-lanes-preference", test_new_document_lanes_preference);
  ADD ("/window/toggle-panels", test_toggle_panels);
  ADD ("/window/cycle-pane", test_cycle_pane);
  ADD ("/window/selection-lane", test_selection_lane_actions);
  ADD ("/window/problems-summary", test_problems_summary);
  ADD ("/window/text-field-keeps-ctrl-z", test_text_field_keeps_ctrl_z);
  ADD ("/window/open-image", test_open_image);
  ADD ("/window/geometry-restored", test_geometry_restored);
#undef ADD
  g_test_add_func ("/application/launch-and-open", test_application);

  status = g_test_run ();
  al_test_rmtree (data_home);
  return status;
}
