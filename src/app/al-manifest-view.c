/* al-manifest-view.c: the compiled Kubernetes objects of one component */
#define G_LOG_DOMAIN "al-manifest-view"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "al-injection.h"
#include "al-k8s-compiler.h"
#include "al-manifest-view.h"
#include "al-yaml-writer.h"

struct _AlManifestView
{
  GtkWidget parent_instance;

  AlEditor *editor;
  AlDocument *document;
  AlComponent *component;

  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *copy_button;
  GtkWidget *stack;
  GtkTextBuffer *buffer;
  GtkWidget *errors_page;
  GtkWidget *errors_list;
  char *text;
  guint idle_id;
  gboolean dirty;
};

G_DEFINE_FINAL_TYPE (AlManifestView, al_manifest_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EDITOR,
  PROP_COMPONENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- errors --------------------------------------------------------------- */

static void
add_error (GPtrArray *errors, GHashTable *seen, const AlDiagnostic *diagnostic)
{
  if (diagnostic->severity != AL_SEVERITY_ERROR
      || !g_hash_table_add (seen, g_strdup (diagnostic->message)))
    return;
  g_ptr_array_add (errors, (gpointer) diagnostic);
}

/* The errors that keep this component from compiling: those of its
 * environment (resolved now, so a conflict shows at once) and the live
 * diagnostics of the component and of the dependencies it consumes. */
static GPtrArray *
collect_errors (AlManifestView *self, AlGraph *graph, AlResolvedEnv *env)
{
  GPtrArray *errors = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) subjects = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *consumed = al_graph_get_consumed (graph, self->component);
  GPtrArray *diagnostics = al_editor_get_diagnostics (self->editor);

  for (guint i = 0; i < env->diagnostics->len; i++)
    add_error (errors, seen, g_ptr_array_index (env->diagnostics, i));

  g_hash_table_add (subjects, (char *) al_component_get_id (self->component));
  for (guint i = 0; i < consumed->len; i++)
    g_hash_table_add (subjects, (char *) al_dependency_get_id (g_ptr_array_index (consumed, i)));
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const AlDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (g_hash_table_contains (subjects, diagnostic->subject))
        add_error (errors, seen, diagnostic);
    }
  return errors;
}

static void
show_errors (AlManifestView *self, GPtrArray *errors, AlGraph *graph)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->errors_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->errors_list), child);
  for (guint i = 0; i < errors->len; i++)
    {
      const AlDiagnostic *diagnostic = g_ptr_array_index (errors, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diagnostic->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), diagnostic->code);
      gtk_list_box_append (GTK_LIST_BOX (self->errors_list), row);
    }
  g_clear_pointer (&self->text, g_free);
  gtk_text_buffer_set_text (self->buffer, "", -1);
  gtk_widget_set_sensitive (self->copy_button, FALSE);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->errors_page);
}

/* ---- compiling ------------------------------------------------------------ */

static void
compile (AlManifestView *self)
{
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (AlResolvedEnv) env = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (AlComponentManifest) manifest = NULL;
  g_autoptr (GBytes) yaml = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->dirty = FALSE;

  graph = al_graph_new (self->document);
  if (al_graph_get_node (graph, self->component) < 0)
    return;

  title = g_strdup_printf ("%s.yaml", al_component_get_name (self->component));
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_button_set_label (GTK_BUTTON (self->copy_button), _("Copy"));

  env = al_injection_resolve_for_component (graph, self->component);
  errors = collect_errors (self, graph, env);
  if (errors->len > 0)
    {
      show_errors (self, errors, graph);
      return;
    }

  manifest = al_k8s_compile_component (graph, self->component);
  yaml = al_yaml_write_documents ((JsonNode *const *) manifest->objects->pdata,
                                  manifest->objects->len, &error);
  if (yaml == NULL)
    {
      AlDiagnostic *diagnostic = al_diagnostic_new (AL_SEVERITY_ERROR, "invalid-document",
                                                    al_component_get_id (self->component), NULL,
                                                    "%s", error->message);

      g_ptr_array_add (errors, diagnostic);
      show_errors (self, errors, graph);
      al_diagnostic_free (diagnostic);
      return;
    }

  g_free (self->text);
  self->text = g_strndup (g_bytes_get_data (yaml, NULL), g_bytes_get_size (yaml));
  gtk_text_buffer_set_text (self->buffer, self->text, -1);
  gtk_widget_set_sensitive (self->copy_button, TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "yaml");
}

static gboolean
compile_in_idle (gpointer data)
{
  AlManifestView *self = data;

  self->idle_id = 0;
  compile (self);
  return G_SOURCE_REMOVE;
}

static void
on_changed (AlManifestView *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, compile_in_idle, self, NULL);
}

static void
on_copy_clicked (AlManifestView *self)
{
  if (self->text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->text);
  gtk_button_set_label (GTK_BUTTON (self->copy_button), _("Copied"));
}

void
al_manifest_view_flush (AlManifestView *self)
{
  g_return_if_fail (AL_IS_MANIFEST_VIEW (self));

  if (self->dirty)
    compile (self);
}

const char *
al_manifest_view_get_text (AlManifestView *self)
{
  g_return_val_if_fail (AL_IS_MANIFEST_VIEW (self), NULL);
  return self->text;
}

static void
al_manifest_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (al_manifest_view_parent_class)->map (widget);
  al_manifest_view_flush (AL_MANIFEST_VIEW (widget));
}

/* ---- GObject -------------------------------------------------------------- */

static void
al_manifest_view_constructed (GObject *object)
{
  AlManifestView *self = AL_MANIFEST_VIEW (object);

  G_OBJECT_CLASS (al_manifest_view_parent_class)->constructed (object);
  g_return_if_fail (AL_IS_EDITOR (self->editor));
  g_return_if_fail (AL_IS_COMPONENT (self->component));

  self->document = g_object_ref (al_editor_get_document (self->editor));
  g_signal_connect_object (self->document, "changed", G_CALLBACK (on_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "diagnostics-changed", G_CALLBACK (on_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
al_manifest_view_dispose (GObject *object)
{
  AlManifestView *self = AL_MANIFEST_VIEW (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->dirty = FALSE;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->editor);
  g_clear_object (&self->document);
  g_clear_object (&self->component);
  G_OBJECT_CLASS (al_manifest_view_parent_class)->dispose (object);
}

static void
al_manifest_view_finalize (GObject *object)
{
  g_free (AL_MANIFEST_VIEW (object)->text);
  G_OBJECT_CLASS (al_manifest_view_parent_class)->finalize (object);
}

static void
al_manifest_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlManifestView *self = AL_MANIFEST_VIEW (object);

  switch (prop_id)
    {
    case PROP_EDITOR: g_value_set_object (value, self->editor); break;
    case PROP_COMPONENT: g_value_set_object (value, self->component); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_manifest_view_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  AlManifestView *self = AL_MANIFEST_VIEW (object);

  switch (prop_id)
    {
    case PROP_EDITOR: self->editor = g_value_dup_object (value); break;
    case PROP_COMPONENT: self->component = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_manifest_view_class_init (AlManifestViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = al_manifest_view_constructed;
  object_class->dispose = al_manifest_view_dispose;
  object_class->finalize = al_manifest_view_finalize;
  object_class->get_property = al_manifest_view_get_property;
  object_class->set_property = al_manifest_view_set_property;
  widget_class->map = al_manifest_view_map;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, AL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPONENT] =
    g_param_spec_object ("component", NULL, NULL, AL_TYPE_COMPONENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "al-manifest-view");
}

static void
al_manifest_view_init (AlManifestView *self)
{
  GtkWidget *header, *scrolled, *view, *clamp;

  self->dirty = TRUE;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_box_append (GTK_BOX (header), self->title);
  self->copy_button = gtk_button_new_with_label (_("Copy"));
  gtk_widget_set_tooltip_text (self->copy_button, _("Copy the manifest to the clipboard"));
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (on_copy_clicked), self);
  gtk_box_append (GTK_BOX (header), self->copy_button);
  gtk_box_append (GTK_BOX (self->box), header);
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_NONE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Manifest"), -1);
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "yaml");

  self->errors_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->errors_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->errors_list, "boxed-list");
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), self->errors_list);
  self->errors_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->errors_page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->errors_page), _("Cannot Compile"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->errors_page),
                                   _("Fix these errors to see the manifest."));
  adw_status_page_set_child (ADW_STATUS_PAGE (self->errors_page), clamp);
  gtk_widget_add_css_class (self->errors_page, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), self->errors_page, "errors");
}

GtkWidget *
al_manifest_view_new (AlEditor *editor, AlComponent *component)
{
  g_return_val_if_fail (AL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  return g_object_new (AL_TYPE_MANIFEST_VIEW, "editor", editor, "component", component, NULL);
}
