/* al-inspector.c: the editor of the focused component or dependency */
#define G_LOG_DOMAIN "al-inspector"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "al-component-editor.h"
#include "al-dependency-editor.h"
#include "al-env-view.h"
#include "al-inspector.h"
#include "al-manifest-view.h"

struct _AlInspector
{
  GtkWidget parent_instance;

  AlEditor *editor;
  AlDocument *document;
  gpointer item;            /* the item shown, a reference */

  GtkWidget *stack;
  GtkWidget *placeholder;
  GtkWidget *component_page;
  GtkWidget *dependency_page;
  GtkWidget *view_stack;    /* of the component shown, or NULL */
  char *tab;                /* the component tab last chosen */
};

G_DEFINE_FINAL_TYPE (AlInspector, al_inspector, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_page (GtkWidget *page)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (page)) != NULL)
    gtk_box_remove (GTK_BOX (page), child);
}

static void
on_tab_changed (AdwViewStack *stack, GParamSpec *pspec, AlInspector *self)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (name != NULL && g_strcmp0 (name, self->tab) != 0)
    {
      g_free (self->tab);
      self->tab = g_strdup (name);
    }
}

static void
show_component (AlInspector *self, AlComponent *component)
{
  AlHistory *history = al_editor_get_history (self->editor);
  GtkWidget *switcher, *stack;
  AdwViewStackPage *page;

  stack = adw_view_stack_new ();
  gtk_widget_set_vexpand (stack, TRUE);
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack),
                                    al_component_editor_new (history, component), "properties",
                                    _("Properties"));
  adw_view_stack_page_set_icon_name (page, "document-properties-symbolic");
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack),
                                    al_env_view_new (self->document, component), "environment",
                                    _("Environment"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack),
                                    al_manifest_view_new (self->editor, component), "manifest",
                                    _("Manifest"));
  adw_view_stack_page_set_icon_name (page, "text-x-generic-symbolic");
  if (self->tab != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), self->tab);
  g_signal_connect (stack, "notify::visible-child-name", G_CALLBACK (on_tab_changed), self);

  switcher = adw_view_switcher_new ();
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_NARROW);
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (stack));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_widget_set_margin_bottom (switcher, 6);
  gtk_widget_set_margin_start (switcher, 6);
  gtk_widget_set_margin_end (switcher, 6);

  gtk_box_append (GTK_BOX (self->component_page), switcher);
  gtk_box_append (GTK_BOX (self->component_page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->component_page), stack);
  self->view_stack = stack;
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->component_page);
}

static void
show_placeholder (AlInspector *self, GPtrArray *selection)
{
  guint n_components = 0, n = selection != NULL ? selection->len : 0;
  g_autofree char *title = NULL;

  for (guint i = 0; i < n; i++)
    if (AL_IS_COMPONENT (g_ptr_array_index (selection, i)))
      n_components++;

  if (n == 0)
    {
      title = g_strdup (_("No Selection"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->placeholder),
                                       _("Select a component or a dependency to edit it."));
    }
  else
    {
      if (n_components == n)
        title = g_strdup_printf (ngettext ("%u component selected", "%u components selected", n),
                                 n);
      else if (n_components == 0)
        title = g_strdup_printf (
          ngettext ("%u dependency selected", "%u dependencies selected", n), n);
      else
        title = g_strdup_printf (ngettext ("%u item selected", "%u items selected", n), n);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->placeholder),
                                       _("Select a single item to edit it."));
    }
  adw_status_page_set_title (ADW_STATUS_PAGE (self->placeholder), title);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->placeholder);
}

/* Shows the editor's focus item, building its editor only when it is a
 * different item: model changes are followed by the editors themselves. */
static void
update (AlInspector *self)
{
  gpointer item = self->editor != NULL ? al_editor_get_focus_item (self->editor) : NULL;
  g_autoptr (GPtrArray) selection = NULL;

  if (item != NULL && item == self->item)
    return;

  g_clear_object (&self->item);
  self->view_stack = NULL;
  clear_page (self->component_page);
  clear_page (self->dependency_page);

  if (AL_IS_COMPONENT (item))
    {
      self->item = g_object_ref (item);
      show_component (self, item);
    }
  else if (AL_IS_DEPENDENCY (item))
    {
      GtkWidget *editor = al_dependency_editor_new (al_editor_get_history (self->editor), item);

      self->item = g_object_ref (item);
      gtk_widget_set_vexpand (editor, TRUE);
      gtk_box_append (GTK_BOX (self->dependency_page), editor);
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->dependency_page);
    }
  else
    {
      if (self->editor != NULL)
        selection = al_editor_dup_selection (self->editor);
      show_placeholder (self, selection);
    }
}

static void
on_document_notify (AlInspector *self)
{
  g_set_object (&self->document, al_editor_get_document (self->editor));
  /* Another document: nothing shown belongs to it. */
  g_clear_object (&self->item);
  update (self);
}

void
al_inspector_set_editor (AlInspector *self, AlEditor *editor)
{
  g_return_if_fail (AL_IS_INSPECTOR (self));
  g_return_if_fail (editor == NULL || AL_IS_EDITOR (editor));

  if (self->editor == editor)
    return;
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_set_object (&self->editor, editor);
  g_clear_object (&self->document);
  g_clear_object (&self->item);
  if (editor != NULL)
    {
      self->document = g_object_ref (al_editor_get_document (editor));
      g_signal_connect_swapped (editor, "selection-changed", G_CALLBACK (update), self);
      g_signal_connect_swapped (editor, "notify::document", G_CALLBACK (on_document_notify),
                                self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

AlEditor *
al_inspector_get_editor (AlInspector *self)
{
  g_return_val_if_fail (AL_IS_INSPECTOR (self), NULL);
  return self->editor;
}

/* ---- GObject -------------------------------------------------------------- */

static void
al_inspector_dispose (GObject *object)
{
  AlInspector *self = AL_INSPECTOR (object);

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->editor);
  g_clear_object (&self->document);
  g_clear_object (&self->item);
  G_OBJECT_CLASS (al_inspector_parent_class)->dispose (object);
}

static void
al_inspector_finalize (GObject *object)
{
  g_free (AL_INSPECTOR (object)->tab);
  G_OBJECT_CLASS (al_inspector_parent_class)->finalize (object);
}

static void
al_inspector_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlInspector *self = AL_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_EDITOR: g_value_set_object (value, self->editor); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_inspector_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlInspector *self = AL_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_EDITOR: al_inspector_set_editor (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_inspector_class_init (AlInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = al_inspector_dispose;
  object_class->finalize = al_inspector_finalize;
  object_class->get_property = al_inspector_get_property;
  object_class->set_property = al_inspector_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, AL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "al-inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
al_inspector_init (AlInspector *self)
{
  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->placeholder = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->placeholder),
                                 "edit-select-all-symbolic");
  gtk_widget_add_css_class (self->placeholder, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), self->placeholder, "placeholder");
  self->component_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_stack_add_named (GTK_STACK (self->stack), self->component_page, "component");
  self->dependency_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_stack_add_named (GTK_STACK (self->stack), self->dependency_page, "dependency");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Inspector"), -1);
  show_placeholder (self, NULL);
}

GtkWidget *
al_inspector_new (void)
{
  return g_object_new (AL_TYPE_INSPECTOR, NULL);
}
