/* test-inspector.c: the inspector of components and dependencies, under a display */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "al-editor.h"
#include "al-env-view.h"
#include "al-inspector.h"
#include "al-manifest-view.h"
#include "al-test-app.h"
#include "al-test-util.h"

typedef struct
{
  AlEditor *editor;
  AlDocument *document;
  AlHistory *history;
  GtkWidget *window;
  GtkWidget *inspector;
} Fixture;

/* ---- helpers -------------------------------------------------------------- */

static void
pump (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Lets the window lay out and draw what changed. */
static void
settle (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gint64 frame;

  g_assert_nonnull (clock);
  frame = gdk_frame_clock_get_frame_counter (clock);
  gtk_widget_queue_draw (widget);
  while (gdk_frame_clock_get_frame_counter (clock) < frame + 1)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("no frame was drawn (%" G_GINT64_FORMAT " → %" G_GINT64_FORMAT ", %d×%d)", frame,
                 gdk_frame_clock_get_frame_counter (clock), gtk_widget_get_width (widget),
                 gtk_widget_get_height (widget));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  pump ();
}

/* The first row titled @title under @root, depth first. */
static GtkWidget *
find_row (GtkWidget *root, const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The texts of the labels a user sees under @root (mapped ones), one per
 * line. */
static void
collect_visible_text (GtkWidget *root, GString *out)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_visible_text (child, out);
}

static char *
visible_text (Fixture *f)
{
  GString *out = g_string_new (NULL);

  settle (f->window);
  collect_visible_text (f->inspector, out);
  return g_string_free (out, FALSE);
}

static AlComponent *
component (Fixture *f, const char *name)
{
  AlComponent *c = al_document_lookup_component_by_name (f->document, name);

  g_assert_nonnull (c);
  return c;
}

static void
select_item (Fixture *f, gpointer item)
{
  al_editor_select (f->editor, item, AL_SELECT_REPLACE);
  settle (f->window);
}

static void
show_tab (Fixture *f, const char *name)
{
  GtkWidget *stack = al_test_find_widget (f->inspector, ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  settle (f->window);
}

/* Types like a user into a field and presses Enter. */
static void
type_into (GtkWidget *editable, const char *text)
{
  GtkWidget *delegate = al_test_find_widget (editable, GTK_TYPE_TEXT);

  gtk_widget_grab_focus (delegate);
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  gtk_widget_activate (delegate);
  pump ();
}

/* Opens an expander row and waits until its rows are shown: a spin button
 * realized later would show its value again over typed text. */
static GtkWidget *
expand (Fixture *f, const char *title)
{
  GtkWidget *row = find_row (f->inspector, title);
  GtkWidget *revealer;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  revealer = al_test_find_widget (row, GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  while (!gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” did not open", title);
      settle (f->window);
    }
  settle (f->window);
  return row;
}

/* The spin button of a number row. */
static GtkWidget *
spin_of (GtkWidget *row)
{
  GtkWidget *spin = al_test_find_widget (row, GTK_TYPE_SPIN_BUTTON);

  g_assert_nonnull (spin);
  return spin;
}

/* Scrolls the page holding @widget so that it shows near the top. */
static void
scroll_to (Fixture *f, GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  double x, y;

  g_assert_nonnull (scrolled);
  settle (f->window);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, y - 60);
  settle (f->window);
}

/* Saves what the window shows when ARCHLANE_SCREENSHOT_DIR is set. */
static void
screenshot (Fixture *f, const char *name)
{
  const char *dir = g_getenv ("ARCHLANE_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  settle (f->window);
  width = gtk_widget_get_width (f->inspector);
  height = gtk_widget_get_height (f->inspector);
  paintable = gtk_widget_paintable_new (f->inspector);
  snapshot = gtk_snapshot_new ();
  /* The window's background, which the inspector draws on. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = al_test_template_path ("sample-shop.archlane");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  f->editor = al_editor_new_from_file (file, &error);
  g_assert_no_error (error);
  f->document = al_editor_get_document (f->editor);
  f->history = al_editor_get_history (f->editor);
  f->inspector = al_inspector_new ();
  al_inspector_set_editor (AL_INSPECTOR (f->inspector), f->editor);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), f->inspector);
  gtk_window_present (GTK_WINDOW (f->window));
  settle (f->window);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  pump ();
  g_clear_object (&f->editor);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_placeholder (Fixture *f, gconstpointer data)
{
  g_autofree char *none = NULL;
  g_autofree char *several = NULL;

  none = visible_text (f);
  g_assert_nonnull (strstr (none, "No Selection"));

  al_editor_select (f->editor, component (f, "web"), AL_SELECT_REPLACE);
  al_editor_select (f->editor, component (f, "gateway"), AL_SELECT_ADD);
  al_editor_select (f->editor, component (f, "mysql"), AL_SELECT_ADD);
  several = visible_text (f);
  g_assert_nonnull (strstr (several, "3 components selected"));
}

static void
test_image_is_one_undo_step (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  g_autofree char *before = g_strdup (al_component_get_image (web));
  GtkWidget *row;

  select_item (f, web);
  row = find_row (f->inspector, "Image");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, before);

  type_into (row, "nginx:1.28-alpine");
  g_assert_cmpstr (al_component_get_image (web), ==, "nginx:1.28-alpine");
  g_assert_cmpstr (al_history_get_undo_label (f->history), !=, NULL);

  /* One step: a single undo restores the image, and the field follows. */
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_image (web), ==, before);
  g_assert_false (al_history_can_undo (f->history));
  pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, before);

  /* Redo and an edit from elsewhere show up too, focus or not. */
  g_assert_true (al_history_redo (f->history));
  pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "nginx:1.28-alpine");
  al_history_set (f->history, web, "display-name", "Storefront", NULL);
  pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (f->inspector, "Display Name"))),
                   ==, "Storefront");
}

static gint64
fixed_clock (gpointer data)
{
  return 1000;
}

/* Types @text one character at a time, letting the model follow. */
static void
type_slowly (GtkWidget *editable, const char *text)
{
  for (const char *p = text; *p; p++)
    {
      int position = -1;

      gtk_editable_insert_text (GTK_EDITABLE (editable), p, 1, &position);
      pump ();
    }
}

static void
test_typing_keeps_focus (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  g_autofree char *before = g_strdup (al_component_get_display_name (web));
  g_autofree char *expected = g_strconcat (before, " EU", NULL);
  GtkWidget *row, *delegate, *var, *value;

  /* Every keystroke is "a moment" after the last: they merge. */
  al_history_set_clock (f->history, fixed_clock, NULL);
  select_item (f, web);
  row = find_row (f->inspector, "Display Name");
  delegate = al_test_find_widget (row, GTK_TYPE_TEXT);
  gtk_widget_grab_focus (delegate);
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
  type_slowly (row, " EU");
  settle (f->window);

  g_assert_cmpstr (al_component_get_display_name (web), ==, expected);
  g_assert_true (gtk_widget_has_focus (delegate));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, expected);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_display_name (web), ==, before);
  g_assert_false (al_history_can_undo (f->history));

  /* In a list too: the rows are refreshed, not rebuilt. */
  var = expand (f, "API_GATEWAY");
  settle (f->window);
  value = find_row (var, "Value");
  delegate = al_test_find_widget (value, GTK_TYPE_TEXT);
  gtk_widget_grab_focus (delegate);
  gtk_editable_set_position (GTK_EDITABLE (value), -1);
  type_slowly (value, "/api");
  settle (f->window);
  g_assert_true (gtk_widget_has_focus (delegate));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==,
                   "http://${GATEWAY_HOST}:${GATEWAY_PORT}/api");
  g_assert_true (al_history_undo (f->history));
  pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==,
                   "http://${GATEWAY_HOST}:${GATEWAY_PORT}");
}

static void
test_command_words (Fixture *f, gconstpointer data)
{
  AlComponent *gateway = component (f, "gateway");
  const char *const *command;
  GtkWidget *row;
  g_autofree char *text = NULL;

  select_item (f, gateway);
  row = find_row (f->inspector, "Arguments");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "-jar /app/gateway.jar --server.port=8080");
  row = find_row (f->inspector, "Command");
  type_into (row, "java -jar '/app/my app.jar'");
  command = al_component_get_command (gateway);
  g_assert_cmpuint (g_strv_length ((char **) command), ==, 3);
  g_assert_cmpstr (command[2], ==, "/app/my app.jar");

  /* Unbalanced quotes are shown, not written. */
  type_into (row, "sh -c 'echo");
  text = visible_text (f);
  g_assert_nonnull (strstr (text, "Close the quotes"));
  g_assert_cmpstr (al_component_get_command (gateway)[2], ==, "/app/my app.jar");
}

static void
test_variable_kind_and_probe (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  AlEnvVar *var;
  AlProbe *probe = al_component_get_probe (web);
  GtkWidget *expander, *kind, *probe_row;

  select_item (f, web);
  var = g_list_model_get_item (al_component_get_env (web), 0);
  g_object_unref (var);
  expander = expand (f, "API_GATEWAY");
  kind = find_row (expander, "Kind");
  g_assert_true (ADW_IS_COMBO_ROW (kind));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 2);
  settle (f->window);
  g_assert_true (al_env_var_is_secret_ref (var));
  /* The rows now ask for the Secret and its key. */
  g_assert_nonnull (find_row (f->inspector, "Secret"));
  g_assert_true (al_history_undo (f->history));
  settle (f->window);
  g_assert_false (al_env_var_is_secret_ref (var));
  g_assert_cmpstr (al_env_var_get_value (var), ==, "http://${GATEWAY_HOST}:${GATEWAY_PORT}");
  g_assert_null (find_row (f->inspector, "Secret"));

  /* A TCP probe gets the first inner port in the same step. */
  probe_row = find_row (f->inspector, "Probe");
  adw_combo_row_set_selected (ADW_COMBO_ROW (probe_row), AL_PROBE_NONE);
  al_history_set (f->history, probe, "port", 0, NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (probe_row), AL_PROBE_TCP);
  g_assert_cmpint (al_probe_get_probe_type (probe), ==, AL_PROBE_TCP);
  g_assert_cmpint (al_probe_get_port (probe), ==, 80);
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpint (al_probe_get_probe_type (probe), ==, AL_PROBE_NONE);
  g_assert_cmpint (al_probe_get_port (probe), ==, 0);
}

/* The button with @tooltip under @root. */
static GtkWidget *
find_button (GtkWidget *root, const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_add_and_remove_items (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  GtkWidget *row;

  select_item (f, web);
  g_signal_emit_by_name (find_button (f->inspector, "Add Port"), "clicked");
  settle (f->window);
  g_assert_nonnull (al_component_find_port (web, 8080));
  row = find_row (f->inspector, "8080 · TCP");
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  g_signal_emit_by_name (find_button (row, "Remove Port"), "clicked");
  settle (f->window);
  g_assert_null (al_component_find_port (web, 8080));
  g_assert_null (find_row (f->inspector, "8080 · TCP"));

  g_signal_emit_by_name (find_button (f->inspector, "Add Volume"), "clicked");
  settle (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (al_component_get_volumes (web)), ==, 1);
  g_assert_nonnull (find_row (f->inspector, "data"));
  g_assert_true (al_history_undo (f->history));
  settle (f->window);
  g_assert_null (find_row (f->inspector, "data"));
  g_assert_nonnull (find_row (f->inspector, "No volumes"));
}

static void
test_removed_item_leaves (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  g_autofree char *text = NULL;

  select_item (f, web);
  g_assert_nonnull (find_row (f->inspector, "Replicas"));
  al_history_remove_component (f->history, web);
  text = visible_text (f);
  g_assert_nonnull (strstr (text, "No Selection"));
  g_assert_null (find_row (f->inspector, "Replicas"));
}

static void
test_invalid_input_is_shown (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  GtkWidget *ports, *port_row, *alias_row, *replicas;
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;

  select_item (f, web);
  ports = expand (f, "80 · HTTP");
  settle (f->window);

  port_row = find_row (ports, "Port");
  type_into (spin_of (port_row), "70000");
  g_assert_true (gtk_widget_has_css_class (port_row, "error"));
  alias_row = find_row (ports, "Alias");
  type_into (al_test_find_widget (alias_row, GTK_TYPE_ENTRY), "lower");
  replicas = find_row (f->inspector, "Replicas");
  type_into (spin_of (replicas), "-2");

  text = visible_text (f);
  g_assert_nonnull (strstr (text, "Enter a number from 1 to 65535."));
  g_assert_nonnull (strstr (text, "Use upper-case letters, digits and “_”"));
  g_assert_nonnull (strstr (text, "Enter a number from 1 to 1000."));
  /* The input stays where it was typed, and the model is untouched. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin_of (port_row))), ==, "70000");
  g_assert_nonnull (al_component_find_port (web, 80));
  g_assert_cmpint (al_component_get_replicas (web), ==, 2);
  g_assert_false (al_history_can_undo (f->history));

  /* Corrected, it applies and the message goes. */
  type_into (spin_of (port_row), "8080");
  g_assert_nonnull (al_component_find_port (web, 8080));
  g_assert_false (gtk_widget_has_css_class (port_row, "error"));
  after = visible_text (f);
  g_assert_null (strstr (after, "Enter a number from 1 to 65535."));
}

static void
test_env_name_is_checked (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  GtkWidget *var, *name;
  g_autofree char *text = NULL;

  select_item (f, web);
  var = expand (f, "API_GATEWAY");
  settle (f->window);
  name = find_row (var, "Name");
  type_into (name, "1X");
  text = visible_text (f);
  g_assert_nonnull (strstr (text, "A variable name starts with a letter or “_”."));
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_false (al_history_can_undo (f->history));
}

static void
test_duplicate_name_is_refused (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  GtkWidget *row;
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;

  select_item (f, web);
  row = find_row (f->inspector, "Name");
  type_into (row, "gateway");
  text = visible_text (f);
  g_assert_nonnull (strstr (text, "Another component is already named “gateway”."));
  g_assert_cmpstr (al_component_get_name (web), ==, "web");

  type_into (row, "storefront");
  g_assert_cmpstr (al_component_get_name (web), ==, "storefront");
  after = visible_text (f);
  g_assert_null (strstr (after, "already named"));
  g_assert_true (al_history_undo (f->history));
  g_assert_cmpstr (al_component_get_name (web), ==, "web");
}

static void
test_lane_combo_moves_component (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  graphene_point_t before = *al_component_get_position (web);
  GtkWidget *row;
  GListModel *model;
  guint x86 = GTK_INVALID_LIST_POSITION;

  select_item (f, web);
  row = find_row (f->inspector, "Lane");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strcmp (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "x86_64 (amd64)") == 0)
      x86 = i;
  g_assert_cmpuint (x86, !=, GTK_INVALID_LIST_POSITION);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), x86);
  g_assert_cmpstr (al_component_get_lane (web), ==, "x86");
  g_assert_true (graphene_point_equal (al_component_get_position (web), &before));

  g_assert_true (al_history_undo (f->history));
  pump ();
  g_assert_cmpstr (al_component_get_lane (web), ==, "arm");
  g_assert_cmpstr (gtk_string_list_get_string (
                     GTK_STRING_LIST (model), adw_combo_row_get_selected (ADW_COMBO_ROW (row))),
                   ==, "arm64 (arm64)");
}

static void
test_env_view_lists_sources (Fixture *f, gconstpointer data)
{
  g_autoptr (AlEnvVar) token = al_env_var_new_value ("DB_TOKEN", "s3cr3t-literal", TRUE);
  g_autoptr (AlEnvVar) shadow = al_env_var_new_value ("MYSQL_HOST", "db.local", FALSE);
  g_autofree char *text = NULL;
  g_autofree char *later = NULL;

  /* A secret literal in the provider's connection info. */
  al_history_add_connection (f->history, component (f, "mysql"), token);
  select_item (f, component (f, "user-service"));
  show_tab (f, "environment");
  al_env_view_flush (AL_ENV_VIEW (al_test_find_widget (f->inspector, AL_TYPE_ENV_VIEW)));
  text = visible_text (f);

  g_assert_nonnull (strstr (text, "MYSQL_HOST\ninjected from mysql: its Service name\nmysql\n"));
  g_assert_nonnull (strstr (text, "MYSQL_PORT\ninjected from mysql: port 3306\n3306\n"));
  g_assert_nonnull (strstr (text, "MYSQL_USER\nconnection info of mysql\nshop\n"));
  g_assert_nonnull (strstr (text, "secret shop-mysql/password"));
  g_assert_nonnull (strstr (text, "secret mysql-connection/DB_TOKEN"));
  g_assert_null (strstr (text, "s3cr3t-literal"));
  g_assert_nonnull (strstr (text, "JAVA_TOOL_OPTIONS\nown\n"));

  /* Live: a shadowing own variable shows with the diagnostic's message. */
  al_history_add_env (f->history, component (f, "user-service"), shadow);
  settle (f->window);
  al_env_view_flush (AL_ENV_VIEW (al_test_find_widget (f->inspector, AL_TYPE_ENV_VIEW)));
  later = visible_text (f);
  g_assert_nonnull (strstr (later, "env-shadowed"));
  g_assert_nonnull (strstr (later, "MYSQL_HOST\nown\ndb.local\n"));
}

static GtkWidget *
find_button_labelled (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_clipboard_text (GObject *source, GAsyncResult *result, gpointer data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
test_manifest_view (Fixture *f, gconstpointer data)
{
  AlComponent *web = component (f, "web");
  AlManifestView *view;
  g_autofree char *errors = NULL;
  g_autofree char *copied = NULL;

  select_item (f, web);
  show_tab (f, "manifest");
  al_editor_flush_diagnostics (f->editor);
  view = AL_MANIFEST_VIEW (al_test_find_widget (f->inspector, AL_TYPE_MANIFEST_VIEW));
  al_manifest_view_flush (view);
  g_assert_nonnull (al_manifest_view_get_text (view));
  g_assert_nonnull (strstr (al_manifest_view_get_text (view), "kind: Deployment"));
  g_assert_nonnull (strstr (al_manifest_view_get_text (view), "- arm64"));
  g_assert_nonnull (strstr (al_manifest_view_get_text (view), "name: web\n"));

  /* Copy puts the whole YAML on the clipboard. */
  g_signal_emit_by_name (find_button_labelled (f->inspector, "Copy"), "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (f->inspector), NULL, on_clipboard_text,
                                 &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, al_manifest_view_get_text (view));
  g_assert_nonnull (find_button_labelled (f->inspector, "Copied"));

  /* Live: the kind follows, and errors replace the YAML. */
  al_history_set (f->history, web, "kind", AL_KIND_STATEFUL, NULL);
  al_editor_flush_diagnostics (f->editor);
  al_manifest_view_flush (view);
  g_assert_nonnull (strstr (al_manifest_view_get_text (view), "kind: StatefulSet"));

  al_history_set (f->history, web, "image", "", NULL);
  al_editor_flush_diagnostics (f->editor);
  al_manifest_view_flush (view);
  g_assert_null (al_manifest_view_get_text (view));
  errors = visible_text (f);
  g_assert_nonnull (strstr (errors, "Cannot Compile"));
  g_assert_nonnull (strstr (errors, "missing-image"));
}

static void
test_dependency_editor (Fixture *f, gconstpointer data)
{
  AlDependency *dependency = al_document_lookup_dependency (f->document, "d15");
  g_autoptr (GArray) missing = g_array_new (FALSE, FALSE, sizeof (int));
  GtkWidget *port, *check;
  g_autofree char *text = NULL;

  g_assert_nonnull (dependency);
  select_item (f, dependency);
  text = visible_text (f);
  g_assert_nonnull (strstr (text, "order-service → payment-service"));
  g_assert_nonnull (strstr (text, "Calls cross from arm64 to amd64"));

  port = find_row (f->inspector, "8085 · HTTP");
  g_assert_nonnull (port);
  check = al_test_find_widget (port, GTK_TYPE_CHECK_BUTTON);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_cmpuint (al_dependency_get_ports (dependency)->len, ==, 1);
  g_assert_cmpint (g_array_index (al_dependency_get_ports (dependency), int, 0), ==, 8085);

  /* Undo unchecks it again. */
  g_assert_true (al_history_undo (f->history));
  pump ();
  g_assert_cmpuint (al_dependency_get_ports (dependency)->len, ==, 0);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* A port the provider lacks is listed to be unchecked; unchecked, it goes. */
  g_array_append_val (missing, (int) { 9999 });
  al_history_set (f->history, dependency, "ports", missing, NULL);
  settle (f->window);
  port = find_row (f->inspector, "9999");
  g_assert_nonnull (port);
  g_assert_true (gtk_widget_has_css_class (port, "error"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (al_test_find_widget (port, GTK_TYPE_CHECK_BUTTON)), FALSE);
  settle (f->window);
  g_assert_cmpuint (al_dependency_get_ports (dependency)->len, ==, 0);
  g_assert_null (find_row (f->inspector, "9999"));

  type_into (spin_of (find_row (f->inspector, "Wait Timeout")), "0");
  g_assert_cmpint (al_dependency_get_wait_timeout_s (dependency), ==, 300);
  type_into (spin_of (find_row (f->inspector, "Wait Timeout")), "120");
  g_assert_cmpint (al_dependency_get_wait_timeout_s (dependency), ==, 120);
}

/* Pictures of each case (ARCHLANE_SCREENSHOT_DIR), in whatever language
 * the locale gives: they assert no text. */
static void
test_screenshots (Fixture *f, gconstpointer data)
{
  GtkWidget *port;

  select_item (f, component (f, "mysql"));
  screenshot (f, "inspector-component.png");
  port = expand (f, "3306 · TCP");
  expand (f, "MYSQL_PASSWORD");
  scroll_to (f, port);
  screenshot (f, "inspector-lists.png");

  /* The port and alias fields of the expanded port. */
  type_into (spin_of (port), "70000");
  type_into (al_test_find_widget (port, GTK_TYPE_ENTRY), "mysql");
  screenshot (f, "inspector-invalid.png");

  show_tab (f, "environment");
  select_item (f, component (f, "order-service"));
  screenshot (f, "inspector-environment.png");
  show_tab (f, "manifest");
  screenshot (f, "inspector-manifest.png");
  al_history_set (f->history, component (f, "order-service"), "image", "", NULL);
  al_editor_flush_diagnostics (f->editor);
  al_manifest_view_flush (AL_MANIFEST_VIEW (al_test_find_widget (f->inspector, AL_TYPE_MANIFEST_VIEW)));
  screenshot (f, "inspector-manifest-errors.png");

  select_item (f, al_document_lookup_dependency (f->document, "d15"));
  screenshot (f, "inspector-dependency.png");
  al_editor_select (f->editor, component (f, "web"), AL_SELECT_REPLACE);
  al_editor_select (f->editor, component (f, "gateway"), AL_SELECT_ADD);
  screenshot (f, "inspector-several.png");
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("ARCHLANE_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (localedir != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    return 77;
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inspector/placeholder", test_placeholder);
  ADD ("/inspector/image-is-one-undo-step", test_image_is_one_undo_step);
  ADD ("/inspector/typing-keeps-focus", test_typing_keeps_focus);
  ADD ("/inspector/removed-item-leaves", test_removed_item_leaves);
  ADD ("/inspector/command-words", test_command_words);
  ADD ("/inspector/add-and-remove-items", test_add_and_remove_items);
  ADD ("/inspector/variable-kind-and-probe", test_variable_kind_and_probe);
  ADD ("/inspector/invalid-input-is-shown", test_invalid_input_is_shown);
  ADD ("/inspector/env-name-is-checked", test_env_name_is_checked);
  ADD ("/inspector/duplicate-name-is-refused", test_duplicate_name_is_refused);
  ADD ("/inspector/lane-combo-moves-component", test_lane_combo_moves_component);
  ADD ("/inspector/env-view-lists-sources", test_env_view_lists_sources);
  ADD ("/inspector/manifest-view", test_manifest_view);
  ADD ("/inspector/dependency-editor", test_dependency_editor);
  ADD ("/inspector/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
