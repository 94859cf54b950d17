/* test-panels.c: the palette, outline and problems panels under a display */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <locale.h>

#include "al-editor.h"
#include "al-outline.h"
#include "al-palette.h"
#include "al-palette-catalog.h"
#include "al-problems-view.h"
#include "al-test-app.h"
#include "al-test-util.h"

/* Waiting ---------------------------------------------------------------- */

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails after a generous
 * while, so a missing update is a failure and not a hang. */
static void
wait_for (Condition condition, gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
is_true_pointer (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
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

/* The row widgets our factories made, in list order: the child of each
 * visible list item. */
static GPtrArray *
list_rows (GtkListView *list_view)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (list_view)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *child = gtk_widget_get_first_child (item);

      if (child != NULL && gtk_widget_get_visible (item))
        g_ptr_array_add (rows, child);
    }
  return rows;
}

static GtkSingleSelection *
list_selection (GtkListView *list_view)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view));
}

static GtkWidget *
show_in_window (GtkWidget *child, int width, int height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  al_test_settle (window);
  return window;
}

/* Palette ---------------------------------------------------------------- */

typedef struct
{
  const char *text;
  gboolean    done;
} SearchWait;

static void
on_search_changed_cb (GtkSearchEntry *entry, SearchWait *wait)
{
  /* Setting the text first clears it, which reports an empty search. */
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), wait->text))
    wait->done = TRUE;
}

static void
search_for (GtkSearchEntry *entry, const char *text)
{
  SearchWait wait = { text, FALSE };
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed_cb), &wait);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  wait_for (is_true, &wait.done, "search-changed");
  g_signal_handler_disconnect (entry, handler);
}

static void
on_entry_activated_cb (AlPalette *palette, const AlPaletteEntry *entry,
                       const AlPaletteEntry **out)
{
  *out = entry;
}

static GPtrArray *
row_titles (GtkListView *list_view)
{
  g_autoptr (GPtrArray) rows = list_rows (list_view);
  GPtrArray *titles = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *title = g_object_get_data (rows->pdata[i], "al-title");
      GtkWidget *heading = g_object_get_data (rows->pdata[i], "al-heading");

      if (title != NULL && gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (title))))
        g_ptr_array_add (titles, (gpointer) gtk_label_get_text (GTK_LABEL (title)));
      else if (heading != NULL)
        g_ptr_array_add (titles, (gpointer) gtk_label_get_text (GTK_LABEL (heading)));
    }
  return titles;
}

static gboolean
titles_have (GPtrArray *titles, const char *title)
{
  return g_ptr_array_find_with_equal_func (titles, title, g_str_equal, NULL);
}

static void
test_palette_search_and_activate (void)
{
  GtkWidget *palette = al_palette_new ();
  GtkWidget *window = show_in_window (palette, 320, 900);
  GtkSearchEntry *search = GTK_SEARCH_ENTRY (find_descendant (palette, GTK_TYPE_SEARCH_ENTRY));
  GtkListView *list_view = GTK_LIST_VIEW (find_descendant (palette, GTK_TYPE_LIST_VIEW));
  GListModel *model;
  const AlPaletteEntry *activated = NULL;
  g_autoptr (GPtrArray) titles = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  guint n_all;

  g_assert_nonnull (search);
  g_assert_nonnull (list_view);
  model = G_LIST_MODEL (list_selection (list_view));
  n_all = g_list_model_get_n_items (model);
  /* Every entry, under a heading per category. */
  g_assert_cmpuint (n_all, >, al_palette_catalog_get_n_entries ());
  titles = row_titles (list_view);
  g_assert_true (titles_have (titles, "MySQL"));
  g_assert_true (titles_have (titles, "Custom image"));
  g_assert_true (titles_have (titles, "Databases and caches"));
  g_clear_pointer (&titles, g_ptr_array_unref);

  /* Rows tell assistive technology what they create. */
  rows = list_rows (list_view);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *title = g_object_get_data (rows->pdata[i], "al-title");

      if (g_str_equal (gtk_label_get_text (GTK_LABEL (title)), "Redis") &&
          gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (title))))
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (rows->pdata[i]),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, "Redis, redis:7.2");
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  search_for (search, "sql");
  al_test_settle (window);
  /* One heading and two entries. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  titles = row_titles (list_view);
  g_assert_cmpuint (titles->len, ==, 3);
  g_assert_cmpstr (titles->pdata[0], ==, "Databases and caches");
  g_assert_cmpstr (titles->pdata[1], ==, "MySQL");
  g_assert_cmpstr (titles->pdata[2], ==, "PostgreSQL");
  g_clear_pointer (&titles, g_ptr_array_unref);

  /* Activating a row (Enter or a double click) hands over its entry. */
  g_signal_connect (palette, "entry-activated", G_CALLBACK (on_entry_activated_cb), &activated);
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", 2);
  g_assert_true (activated == al_palette_catalog_lookup ("postgres"));

  /* Enter in the search field takes the first match. */
  activated = NULL;
  g_signal_emit_by_name (search, "activate");
  g_assert_true (activated == al_palette_catalog_lookup ("mysql"));

  /* Headings are not entries. */
  activated = NULL;
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", 0);
  g_assert_null (activated);

  search_for (search, "no such thing");
  al_test_settle (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_descendant (palette, GTK_TYPE_STACK))),
                   ==, "empty");
  activated = NULL;
  g_signal_emit_by_name (search, "activate");
  g_assert_null (activated);

  search_for (search, "");
  al_test_settle (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A drag from a row offers "archlane-palette:<id>" as a string. */
static void
test_palette_drag_content (void)
{
  GtkWidget *palette = al_palette_new ();
  GtkWidget *window = show_in_window (palette, 320, 900);
  GtkListView *list_view = GTK_LIST_VIEW (find_descendant (palette, GTK_TYPE_LIST_VIEW));
  g_autoptr (GPtrArray) rows = list_rows (list_view);
  gboolean checked = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      const AlPaletteEntry *entry = g_object_get_data (G_OBJECT (row), "al-palette-entry");
      g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (row);
      GtkDragSource *source = NULL;
      g_autoptr (GdkContentProvider) content = NULL;
      GValue value = G_VALUE_INIT;
      g_autoptr (GError) error = NULL;
      g_autofree char *expected = NULL;

      for (guint j = 0; j < g_list_model_get_n_items (controllers); j++)
        {
          g_autoptr (GObject) controller = g_list_model_get_item (controllers, j);

          if (GTK_IS_DRAG_SOURCE (controller))
            source = GTK_DRAG_SOURCE (controller);
        }
      g_assert_nonnull (source);
      g_assert_cmpint (gtk_drag_source_get_actions (source), ==, GDK_ACTION_COPY);
      g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
      if (entry == NULL)
        {
          g_assert_null (content);
          continue;
        }
      g_assert_nonnull (content);
      g_value_init (&value, G_TYPE_STRING);
      g_assert_true (gdk_content_provider_get_value (content, &value, &error));
      g_assert_no_error (error);
      expected = g_strconcat ("archlane-palette:", al_palette_entry_get_id (entry), NULL);
      g_assert_cmpstr (g_value_get_string (&value), ==, expected);
      g_value_unset (&value);
      checked = TRUE;
    }
  g_assert_true (checked);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Real key presses (xdotool): Down from the search field moves into the
 * list, Enter there activates the entry, and typing in the list goes
 * back to the search field. */
typedef struct
{
  GtkWidget *window;
  GtkWidget *target;
} FocusWait;

static gboolean
focus_is_inside (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->window));

  return focus != NULL && (focus == wait->target || gtk_widget_is_ancestor (focus, wait->target));
}

static void
xdotool (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
has_text (gpointer data)
{
  GtkEditable *editable = data;

  return g_str_equal (gtk_editable_get_text (editable), "kaf");
}

static void
test_palette_keyboard (void)
{
  GtkWidget *palette;
  GtkWidget *window;
  GtkSearchEntry *search;
  GtkListView *list_view;
  const AlPaletteEntry *activated = NULL;
  FocusWait wait;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  g_autofree char *window_id = NULL;
  GdkSurface *surface;

  if (xdotool_path == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }
  palette = al_palette_new ();
  window = show_in_window (palette, 320, 900);
  search = GTK_SEARCH_ENTRY (find_descendant (palette, GTK_TYPE_SEARCH_ENTRY));
  list_view = GTK_LIST_VIEW (find_descendant (palette, GTK_TYPE_LIST_VIEW));
  g_signal_connect (palette, "entry-activated", G_CALLBACK (on_entry_activated_cb), &activated);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (!GDK_IS_X11_SURFACE (surface))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_test_skip ("xdotool needs an X11 window");
      return;
    }
  window_id = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  xdotool ((const char *const[]) { "windowfocus", "--sync", window_id, NULL });
  gtk_widget_grab_focus (GTK_WIDGET (search));

  wait = (FocusWait) { window, GTK_WIDGET (list_view) };
  xdotool ((const char *const[]) { "key", "--window", window_id, "Down", NULL });
  wait_for (focus_is_inside, &wait, "the list to take the focus");
  /* The first entry (under the first heading) is selected. */
  g_assert_cmpuint (gtk_single_selection_get_selected (list_selection (list_view)), ==, 1);

  xdotool ((const char *const[]) { "key", "--window", window_id, "Return", NULL });
  wait_for (is_true_pointer, &activated, "entry-activated");
  g_assert_true (activated == al_palette_catalog_get_entry (0));

  xdotool ((const char *const[]) { "type", "--window", window_id, "kaf", NULL });
  wait_for (has_text, search, "typing to reach the search field");
  search_for (search, "kaf");
  al_test_settle (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_selection (list_view))), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Outline ---------------------------------------------------------------- */

static void
assert_label (GtkWidget *row, const char *label)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
count_signal_cb (gpointer instance, guint *count)
{
  ++*count;
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  ++*count;
}

static void
on_reveal_cb (GtkWidget *view, gpointer item, gpointer *out)
{
  *out = item;
}

static void
test_outline_sample_shop (void)
{
  g_autoptr (AlEditor) editor = al_test_open_sample_editor ();
  AlDocument *document = al_editor_get_document (editor);
  GtkWidget *outline = al_outline_new ();
  GtkWidget *window;
  GtkListView *list_view;
  GtkSingleSelection *selection;
  g_autoptr (GPtrArray) rows = NULL;
  AlComponent *mysql = al_document_lookup_component_by_name (document, "mysql");
  AlComponent *redis = al_document_lookup_component_by_name (document, "redis");
  gpointer revealed = NULL;
  guint n_selection_changes = 0;
  const char *expected[] = {
    "Lane x86_64 (amd64), 4 components",
    "payment-service, 支付服务, lane x86_64 (amd64)",
    "notify-service, 消息通知, lane x86_64 (amd64)",
    "rabbitmq, RabbitMQ 消息队列, lane x86_64 (amd64)",
    "nacos, Nacos 注册配置中心, lane x86_64 (amd64)",
    "Lane arm64 (arm64), 8 components",
    "web, 商城前端, lane arm64 (arm64)",
    "gateway, API 网关, lane arm64 (arm64)",
    "user-service, 用户服务, lane arm64 (arm64)",
    "product-service, 商品服务, lane arm64 (arm64)",
    "order-service, 订单服务, lane arm64 (arm64)",
    "inventory-service, 库存服务, lane arm64 (arm64)",
    "mysql, MySQL 数据库, lane arm64 (arm64)",
    "redis, Redis 缓存, lane arm64 (arm64)",
  };

  al_outline_set_editor (AL_OUTLINE (outline), editor);
  window = show_in_window (outline, 360, 900);
  list_view = GTK_LIST_VIEW (find_descendant (outline, GTK_TYPE_LIST_VIEW));
  selection = list_selection (list_view);

  /* Lanes in document order, each followed by its components. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, G_N_ELEMENTS (expected));
  rows = list_rows (list_view);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_label (rows->pdata[i], expected[i]);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The canvas selection selects the row… */
  g_signal_connect (editor, "selection-changed", G_CALLBACK (count_signal_cb), &n_selection_changes);
  al_editor_select (editor, mysql, AL_SELECT_REPLACE);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 12);
  g_assert_cmpuint (n_selection_changes, ==, 1);
  /* …a multiple selection or none unselects it… */
  al_editor_select (editor, redis, AL_SELECT_ADD);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  al_editor_unselect_all (editor);
  n_selection_changes = 0;

  /* …and selecting a row selects the component, once. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 13, TRUE);
  g_assert_true (al_editor_get_focus_item (editor) == redis);
  g_assert_cmpuint (n_selection_changes, ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 13);
  /* A lane row is not a component: nothing stays selected on the canvas. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 0, TRUE);
  g_assert_null (al_editor_get_focus_item (editor));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);

  /* Activation reveals components and lanes. */
  g_signal_connect (outline, "reveal", G_CALLBACK (on_reveal_cb), &revealed);
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", 12);
  g_assert_true (revealed == mysql);
  g_assert_true (al_editor_get_focus_item (editor) == mysql);
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", 5);
  g_assert_true (revealed == al_document_lookup_lane (document, "arm"));

  /* Edits follow: a rename updates its row in place, a lane change moves
   * it, undo puts it back; the selection stays on the component. */
  al_editor_select (editor, mysql, AL_SELECT_REPLACE);
  al_history_rename_component (al_editor_get_history (editor), mysql, "orders-db");
  al_test_settle (window);
  rows = list_rows (list_view);
  assert_label (rows->pdata[12], "orders-db, MySQL 数据库, lane arm64 (arm64)");
  g_clear_pointer (&rows, g_ptr_array_unref);
  {
    graphene_point_t position = GRAPHENE_POINT_INIT (40, 40);

    al_history_change_component_lane (al_editor_get_history (editor), mysql,
                                      al_document_lookup_lane (document, "x86"), &position);
  }
  al_test_settle (window);
  rows = list_rows (list_view);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  assert_label (rows->pdata[0], "Lane x86_64 (amd64), 5 components");
  assert_label (rows->pdata[6], "Lane arm64 (arm64), 7 components");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), <, 6);
  g_assert_true (al_editor_get_focus_item (editor) == mysql);
  g_clear_pointer (&rows, g_ptr_array_unref);

  al_history_undo (al_editor_get_history (editor));
  al_history_undo (al_editor_get_history (editor));
  al_test_settle (window);
  rows = list_rows (list_view);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_label (rows->pdata[i], expected[i]);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 12);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A diagnostic shows on its component's row. */
  al_history_rename_component (al_editor_get_history (editor), redis, "mysql");
  al_editor_flush_diagnostics (editor);
  al_test_settle (window);
  rows = list_rows (list_view);
  assert_label (rows->pdata[12], "mysql, MySQL 数据库, lane arm64 (arm64)");
  assert_label (rows->pdata[13], "mysql, Redis 缓存, lane arm64 (arm64), 1 error");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* No editor, no rows. */
  al_outline_set_editor (AL_OUTLINE (outline), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Components on a lane that does not exist are listed, not lost; an
 * empty document says how to start. */
static void
test_outline_unknown_lane_and_empty (void)
{
  g_autoptr (AlDocument) document = al_document_new ();
  g_autoptr (AlLane) lane = al_lane_new ("x86", "amd64", "");
  g_autoptr (AlComponent) stray = al_component_new ("c1", "stray", "ghost");
  g_autoptr (AlEditor) editor = NULL;
  g_autoptr (AlEditor) empty = al_editor_new (NULL);
  g_autoptr (GPtrArray) rows = NULL;
  GtkWidget *outline = al_outline_new ();
  GtkWidget *window;
  GtkListView *list_view;
  GtkStack *stack;
  gpointer revealed = NULL;
  guint n_errors;

  al_document_set_name (document, "stray");
  al_document_set_namespace (document, "stray");
  al_document_add_lane (document, lane);
  al_component_set_image (stray, "nginx:1.25");
  al_document_add_component (document, stray);
  editor = al_editor_new (document);
  al_editor_flush_diagnostics (editor);
  n_errors = al_diagnostic_list_count (al_editor_get_diagnostics (editor), AL_SEVERITY_ERROR);
  g_assert_cmpuint (n_errors, ==, 1);

  al_outline_set_editor (AL_OUTLINE (outline), editor);
  window = show_in_window (outline, 360, 600);
  list_view = GTK_LIST_VIEW (find_descendant (outline, GTK_TYPE_LIST_VIEW));
  stack = GTK_STACK (find_descendant (outline, GTK_TYPE_STACK));
  rows = list_rows (list_view);
  g_assert_cmpuint (rows->len, ==, 3);
  /* A lane without a label goes by its arch. */
  assert_label (rows->pdata[0], "Lane amd64 (amd64), 0 components");
  assert_label (rows->pdata[1], "Components on a lane that does not exist");
  assert_label (rows->pdata[2], "stray, unknown lane, 1 error");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* The heading is not an item to reveal. */
  g_signal_connect (outline, "reveal", G_CALLBACK (on_reveal_cb), &revealed);
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", 1);
  g_assert_null (revealed);
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", 2);
  g_assert_true (revealed == stray);

  al_outline_set_editor (AL_OUTLINE (outline), empty);
  al_test_settle (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_selection (list_view))), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Problems --------------------------------------------------------------- */

static AlEditor *
new_broken_editor (AlComponent **out_second_mysql, AlDependency **out_duplicate)
{
  g_autoptr (AlDocument) document = al_document_new ();
  g_autoptr (AlLane) lane = al_lane_new ("x86", "amd64", "x86_64");
  g_autoptr (AlComponent) web = NULL;
  g_autoptr (AlComponent) mysql = NULL;
  g_autoptr (AlComponent) other = NULL;
  g_autoptr (AlDependency) d1 = NULL;
  g_autoptr (AlDependency) d2 = NULL;
  graphene_point_t position = GRAPHENE_POINT_INIT (40, 40);

  al_document_set_name (document, "broken");
  al_document_set_namespace (document, "broken");
  al_document_add_lane (document, lane);
  web = al_palette_entry_create_component (al_palette_catalog_lookup ("web"), document, "x86",
                                           &position);
  al_document_add_component (document, web);
  mysql = al_palette_entry_create_component (al_palette_catalog_lookup ("mysql"), document, "x86",
                                             &position);
  al_document_add_component (document, mysql);
  other = al_palette_entry_create_component (al_palette_catalog_lookup ("mysql"), document, "x86",
                                             &position);
  al_component_set_name (other, "mysql");
  al_document_add_component (document, other);
  d1 = al_dependency_new ("d1", al_component_get_id (web), al_component_get_id (mysql));
  d2 = al_dependency_new ("d2", al_component_get_id (web), al_component_get_id (mysql));
  al_document_add_dependency (document, d1);
  al_document_add_dependency (document, d2);

  *out_second_mysql = other;
  *out_duplicate = d2;
  return al_editor_new (document);
}

static guint
find_problem (GtkListView *list_view, const char *label_prefix, GtkWidget **out_row)
{
  g_autoptr (GPtrArray) rows = list_rows (list_view);

  for (guint i = 0; i < rows->len; i++)
    {
      const char *code = gtk_label_get_text (g_object_get_data (rows->pdata[i], "al-code"));
      const char *subject = gtk_label_get_text (g_object_get_data (rows->pdata[i], "al-subject"));
      g_autofree char *key = g_strdup_printf ("%s %s", code, subject);

      if (g_str_has_prefix (key, label_prefix))
        {
          *out_row = rows->pdata[i];
          return i;
        }
    }
  g_error ("no problem row “%s”", label_prefix);
}

static void
test_problems_view (void)
{
  AlComponent *second = NULL;
  AlDependency *duplicate = NULL;
  g_autoptr (AlEditor) editor = new_broken_editor (&second, &duplicate);
  GtkWidget *problems = al_problems_view_new ();
  GtkWidget *window;
  GtkListView *list_view;
  GtkWidget *row = NULL;
  gpointer revealed = NULL;
  guint n_errors_notified = 0;
  guint position;
  guint n_errors;
  guint n_warnings;
  g_autoptr (AlEditor) sample = NULL;
  GtkStack *stack;
  g_autofree char *expected = NULL;
  GPtrArray *diagnostics;

  g_signal_connect (problems, "notify::n-errors", G_CALLBACK (count_notify_cb), &n_errors_notified);
  al_editor_flush_diagnostics (editor);
  al_problems_view_set_editor (AL_PROBLEMS_VIEW (problems), editor);
  window = show_in_window (problems, 900, 700);
  list_view = GTK_LIST_VIEW (find_descendant (problems, GTK_TYPE_LIST_VIEW));
  stack = GTK_STACK (find_descendant (problems, GTK_TYPE_STACK));

  diagnostics = al_editor_get_diagnostics (editor);
  n_errors = al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR);
  g_assert_cmpuint (n_errors, >=, 2);
  g_object_get (problems, "n-errors", &n_errors, NULL);
  g_assert_cmpuint (n_errors, ==, al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR));
  g_assert_cmpuint (n_errors_notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_selection (list_view))), ==,
                    diagnostics->len);

  /* A dependency is named by its ends. */
  find_problem (list_view, "duplicate-dependency web → mysql", &row);

  position = find_problem (list_view, "duplicate-name mysql", &row);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      AlDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (diagnostic->code, "duplicate-name") &&
          g_strcmp0 (gtk_label_get_text (g_object_get_data (G_OBJECT (row), "al-message")),
                     diagnostic->message) == 0)
        expected = g_strdup_printf ("Error, duplicate-name, mysql: %s", diagnostic->message);
    }
  g_assert_nonnull (expected);
  assert_label (row, expected);

  /* Activating it selects its subject and asks to reveal it. */
  g_signal_connect (problems, "reveal", G_CALLBACK (on_reveal_cb), &revealed);
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", position);
  g_assert_nonnull (revealed);
  g_assert_true (AL_IS_COMPONENT (revealed));
  g_assert_cmpstr (al_component_get_name (revealed), ==, "mysql");
  g_assert_true (al_editor_get_focus_item (editor) == revealed);

  position = find_problem (list_view, "duplicate-dependency", &row);
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", position);
  g_assert_true (revealed == duplicate);
  g_assert_true (al_editor_get_focus_item (editor) == duplicate);

  /* Fixing the document empties the list. */
  al_history_begin (al_editor_get_history (editor), "fix");
  al_history_rename_component (al_editor_get_history (editor), second, "mysql-2");
  al_history_remove_dependency (al_editor_get_history (editor), duplicate);
  al_history_end (al_editor_get_history (editor));
  al_editor_flush_diagnostics (editor);
  al_test_settle (window);
  g_object_get (problems, "n-errors", &n_errors, NULL);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (n_errors_notified, ==, 2);
  /* The secrets written in the document remain, as warnings. */
  g_object_get (problems, "n-warnings", &n_warnings, NULL);
  g_assert_cmpuint (n_warnings, ==, al_diagnostic_list_count (al_editor_get_diagnostics (editor),
                                                              AL_SEVERITY_WARNING));
  g_assert_cmpuint (n_warnings, >, 0);
  find_problem (list_view, "secret-literal mysql-2", &row);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* A valid document shows that there is nothing to fix. */
  sample = al_test_open_sample_editor ();
  al_problems_view_set_editor (AL_PROBLEMS_VIEW (problems), sample);
  al_test_settle (window);
  g_object_get (problems, "n-warnings", &n_warnings, NULL);
  g_assert_cmpuint (n_warnings, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_selection (list_view))), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The three panels side by side, saved as a PNG when
 * ARCHLANE_SCREENSHOT_DIR is set, for a person to look at. */
static void
test_screenshot (void)
{
  const char *dir = g_getenv ("ARCHLANE_SCREENSHOT_DIR");
  g_autoptr (AlEditor) editor = NULL;
  GtkWidget *paned;
  GtkWidget *right;
  GtkWidget *palette = al_palette_new ();
  GtkWidget *outline = al_outline_new ();
  GtkWidget *problems = al_problems_view_new ();
  GtkWidget *window;
  g_autoptr (GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  AlComponent *redis;

  if (dir == NULL)
    {
      g_test_skip ("ARCHLANE_SCREENSHOT_DIR is not set");
      return;
    }
  editor = al_test_open_sample_editor ();
  redis = al_document_lookup_component_by_name (al_editor_get_document (editor), "redis");
  al_history_rename_component (al_editor_get_history (editor), redis, "mysql");
  al_editor_flush_diagnostics (editor);
  al_editor_select (editor, redis, AL_SELECT_REPLACE);

  al_palette_set_editor (AL_PALETTE (palette), editor);
  al_outline_set_editor (AL_OUTLINE (outline), editor);
  al_problems_view_set_editor (AL_PROBLEMS_VIEW (problems), editor);
  right = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (right), outline);
  gtk_paned_set_end_child (GTK_PANED (right), problems);
  gtk_paned_set_position (GTK_PANED (right), 380);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), palette);
  gtk_paned_set_end_child (GTK_PANED (paned), right);
  gtk_paned_set_position (GTK_PANED (paned), 300);
  window = show_in_window (paned, 1200, 820);
  al_test_settle (window);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window),
                          gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  path = g_build_filename (dir, "panels.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  g_test_add_func ("/panels/palette/search-activate", test_palette_search_and_activate);
  g_test_add_func ("/panels/palette/drag-content", test_palette_drag_content);
  g_test_add_func ("/panels/palette/keyboard", test_palette_keyboard);
  g_test_add_func ("/panels/outline/sample-shop", test_outline_sample_shop);
  g_test_add_func ("/panels/outline/unknown-lane", test_outline_unknown_lane_and_empty);
  g_test_add_func ("/panels/problems", test_problems_view);
  g_test_add_func ("/panels/screenshot", test_screenshot);

  return g_test_run ();
}
