/* al-test-app.c: helpers shared by the editor and widget tests */
#include "al-test-app.h"
#include "al-test-util.h"

AlEditor *
al_test_open_sample_editor (void)
{
  g_autofree char *path = al_test_template_path ("sample-shop.archlane");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  AlEditor *editor = al_editor_new_from_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (editor);
  al_scene_update (al_editor_get_scene (editor));
  al_editor_flush_diagnostics (editor);
  return editor;
}

AlComponent *
al_test_component_named (AlEditor   *editor,
                         const char *name)
{
  AlComponent *component =
    al_document_lookup_component_by_name (al_editor_get_document (editor), name);

  if (component == NULL)
    g_error ("the document has no component called %s", name);
  return component;
}

void
al_test_spin (void)
{
  for (guint i = 0; i < 200 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
set_true_cb (gboolean *flag)
{
  *flag = TRUE;
}

void
al_test_settle (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gboolean drawn = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true_cb), &drawn);
  gtk_widget_queue_draw (widget);
  while (!drawn)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("no frame was drawn (%d×%d)", gtk_widget_get_width (widget),
                 gtk_widget_get_height (widget));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_signal_handler_disconnect (clock, handler);
  al_test_spin ();
}

GtkWidget *
al_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = al_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
