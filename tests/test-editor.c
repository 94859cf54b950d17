/* test-editor.c: the editor session without a display */
#include <glib/gstdio.h>
#include <locale.h>

#include "al-editor.h"
#include "al-document-io.h"
#include "al-test-app.h"
#include "al-test-util.h"

static void
count_signal_cb (gpointer  instance,
                 guint    *count)
{
  (*count)++;
}

static void
test_title_follows_file_and_changes (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  g_autoptr (AlEditor) empty = al_editor_new (NULL);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.archlane", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (al_editor_get_title (editor), ==, "sample-shop.archlane");
  g_assert_false (al_editor_get_modified (editor));
  g_assert_cmpstr (al_editor_get_title (empty), ==, "Untitled");
  g_assert_null (al_editor_get_file (empty));

  al_history_rename_component (al_editor_get_history (editor),
                               al_test_component_named (editor, "mysql"), "orders-db");
  g_assert_true (al_editor_get_modified (editor));
  g_assert_cmpstr (al_editor_get_title (editor), ==, "• sample-shop.archlane");

  /* Saving to a new file makes it the document's file and clean. */
  g_assert_true (al_editor_save (editor, file, &error));
  g_assert_no_error (error);
  g_assert_false (al_editor_get_modified (editor));
  g_assert_cmpstr (al_editor_get_title (editor), ==, "shop.archlane");
  g_assert_true (g_file_equal (al_editor_get_file (editor), file));

  /* What was saved is what the document says. */
  {
    g_autoptr (AlEditor) reopened = al_editor_new_from_file (file, &error);

    g_assert_no_error (error);
    g_assert_nonnull (al_document_lookup_component_by_name (al_editor_get_document (reopened),
                                                            "orders-db"));
  }

  /* Undo after saving is a change again. */
  al_history_undo (al_editor_get_history (editor));
  g_assert_true (al_editor_get_modified (editor));

  /* An editor without a file cannot save without being told where. */
  g_assert_false (al_editor_save (empty, NULL, &error));
  g_assert_nonnull (error);
  al_test_rmtree (dir);
}

static void
test_load_error_names_file (void)
{
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "broken.archlane", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  AlEditor *editor;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"archlane\", \"version\": 1,", -1, NULL));
  editor = al_editor_new_from_file (file, &error);
  g_assert_null (editor);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "broken.archlane"));
  al_test_rmtree (dir);
}

static void
test_selection_modes_and_pruning (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  AlComponent *mysql = al_test_component_named (editor, "mysql");
  AlComponent *redis = al_test_component_named (editor, "redis");
  g_autoptr (GPtrArray) selection = NULL;
  guint changes = 0;

  g_signal_connect (editor, "selection-changed", G_CALLBACK (count_signal_cb), &changes);

  al_editor_select (editor, mysql, AL_SELECT_REPLACE);
  g_assert_true (al_editor_get_focus_item (editor) == mysql);
  al_editor_select (editor, redis, AL_SELECT_ADD);
  g_assert_null (al_editor_get_focus_item (editor));
  selection = al_editor_dup_selection (editor);
  g_assert_cmpuint (selection->len, ==, 2);
  g_assert_true (selection->pdata[0] == mysql && selection->pdata[1] == redis);
  al_editor_select (editor, mysql, AL_SELECT_TOGGLE);
  g_assert_false (al_editor_is_selected (editor, mysql));
  g_assert_true (al_editor_get_focus_item (editor) == redis);
  g_assert_cmpuint (changes, ==, 3);

  /* Selecting the same single item again changes nothing. */
  al_editor_select (editor, redis, AL_SELECT_REPLACE);
  g_assert_cmpuint (changes, ==, 3);

  /* A removed component leaves the selection; undo does not bring the
   * selection back, only the component. */
  al_history_remove_component (al_editor_get_history (editor), redis);
  g_assert_false (al_editor_is_selected (editor, redis));
  g_assert_null (al_editor_get_focus_item (editor));

  al_editor_select_all (editor);
  g_assert_cmpuint (g_hash_table_size (al_editor_get_selection_set (editor)), ==,
                    g_list_model_get_n_items (al_document_get_components (al_editor_get_document (editor))));
  al_editor_unselect_all (editor);
  g_assert_cmpuint (g_hash_table_size (al_editor_get_selection_set (editor)), ==, 0);
}

static void
test_delete_selection_is_one_step (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  AlDocument *document = al_editor_get_document (editor);
  AlHistory *history = al_editor_get_history (editor);
  g_autoptr (GBytes) before = al_document_save_to_bytes (document);
  g_autoptr (GBytes) after_undo = NULL;
  guint n_components = g_list_model_get_n_items (al_document_get_components (document));
  guint n_dependencies = g_list_model_get_n_items (al_document_get_dependencies (document));
  g_autoptr (AlDependency) dependency = g_list_model_get_item (al_document_get_dependencies (document), 0);
  AlComponent *provider = al_document_lookup_component (document, al_dependency_get_to (dependency));

  g_assert_false (al_editor_delete_selection (editor));

  /* A dependency and the provider it points at: both go, with the
   * provider's other dependencies, in one step. */
  al_editor_select (editor, dependency, AL_SELECT_REPLACE);
  al_editor_select (editor, provider, AL_SELECT_ADD);
  g_assert_true (al_editor_delete_selection (editor));
  g_assert_null (al_document_lookup_component (document, al_component_get_id (provider)));
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_components (document)), ==,
                    n_components - 1);
  g_assert_cmpuint (g_list_model_get_n_items (al_document_get_dependencies (document)), <,
                    n_dependencies);
  g_assert_null (al_editor_get_focus_item (editor));

  g_assert_true (al_history_undo (history));
  after_undo = al_document_save_to_bytes (document);
  g_assert_true (g_bytes_equal (before, after_undo));
  g_assert_false (al_history_can_undo (history));
}

static void
test_diagnostics_follow_edits (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  AlHistory *history = al_editor_get_history (editor);
  AlComponent *redis = al_test_component_named (editor, "redis");
  guint changes = 0;

  g_signal_connect (editor, "diagnostics-changed", G_CALLBACK (count_signal_cb), &changes);
  g_assert_false (al_diagnostic_list_has (al_editor_get_diagnostics (editor), "duplicate-name",
                                          al_component_get_id (redis)));

  al_history_set (history, redis, "name", "mysql", NULL);
  /* Recomputed after a short delay, or at once when flushed. */
  al_editor_flush_diagnostics (editor);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (al_diagnostic_list_has (al_editor_get_diagnostics (editor), "duplicate-name",
                                         al_component_get_id (redis)));

  al_history_undo (history);
  {
    g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);

    g_signal_connect_swapped (editor, "diagnostics-changed", G_CALLBACK (g_main_loop_quit), loop);
    g_main_loop_run (loop);
  }
  g_assert_false (al_diagnostic_list_has (al_editor_get_diagnostics (editor), "duplicate-name",
                                          al_component_get_id (redis)));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/editor/title", test_title_follows_file_and_changes);
  g_test_add_func ("/editor/load-error", test_load_error_names_file);
  g_test_add_func ("/editor/selection", test_selection_modes_and_pruning);
  g_test_add_func ("/editor/delete-selection", test_delete_selection_is_one_step);
  g_test_add_func ("/editor/diagnostics", test_diagnostics_follow_edits);

  return g_test_run ();
}
