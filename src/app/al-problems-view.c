/* al-problems-view.c: the live diagnostics of the document */
#define G_LOG_DOMAIN "al-problems-view"

#include <gtk/gtk.h>
#include <glib/gi18n-lib.h>

#include "al-problems-view.h"
#include "al-resources.h"

/* One diagnostic with its subject resolved when the list was built: the
 * editor's diagnostics only live until the next recomputation. */
#define AL_TYPE_PROBLEM_ROW (al_problem_row_get_type ())
G_DECLARE_FINAL_TYPE (AlProblemRow, al_problem_row, AL, PROBLEM_ROW, GObject)

struct _AlProblemRow
{
  GObject       parent_instance;
  AlDiagnostic *diagnostic;
  gpointer      item;       /* AlComponent, AlDependency, AlLane or NULL; a reference */
  char         *subject;    /* what the user calls the subject */
};

G_DEFINE_FINAL_TYPE (AlProblemRow, al_problem_row, G_TYPE_OBJECT)

static void
al_problem_row_finalize (GObject *object)
{
  AlProblemRow *self = AL_PROBLEM_ROW (object);

  g_clear_pointer (&self->diagnostic, al_diagnostic_free);
  g_clear_object (&self->item);
  g_free (self->subject);

  G_OBJECT_CLASS (al_problem_row_parent_class)->finalize (object);
}

static void
al_problem_row_class_init (AlProblemRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = al_problem_row_finalize;
}

static void
al_problem_row_init (AlProblemRow *self)
{
}

struct _AlProblemsView
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkListView        *list_view;

  GListStore         *rows;
  GtkSingleSelection *selection;
  guint               n_errors;
  guint               n_warnings;

  AlEditor           *editor;
  GPtrArray          *extra;       /* AlDiagnostic, owned, or NULL */
};

G_DEFINE_FINAL_TYPE (AlProblemsView, al_problems_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  N_PROPS
};

enum {
  REVEAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
component_name (AlDocument *document, const char *id)
{
  AlComponent *component = al_document_lookup_component (document, id);

  return component != NULL ? al_component_get_name (component) : id;
}

/* Resolves @diagnostic's subject id to the item and the name shown:
 * components by name, dependencies as "web → mysql", lanes by label and
 * the application ("") by its name. */
static AlProblemRow *
al_problem_row_new (AlDocument *document, const AlDiagnostic *diagnostic)
{
  AlProblemRow *row = g_object_new (AL_TYPE_PROBLEM_ROW, NULL);
  const char *id = diagnostic->subject != NULL ? diagnostic->subject : "";
  AlComponent *component;
  AlDependency *dependency;
  AlLane *lane;

  row->diagnostic = al_diagnostic_copy (diagnostic);
  if (*id == '\0')
    {
      const char *name = al_document_get_display_name (document);

      if (name == NULL || *name == '\0')
        name = al_document_get_name (document);
      row->subject = g_strdup (name != NULL && *name != '\0' ? name : _("Application"));
    }
  else if ((component = al_document_lookup_component (document, id)) != NULL)
    {
      row->item = g_object_ref (component);
      row->subject = g_strdup (al_component_get_name (component));
    }
  else if ((dependency = al_document_lookup_dependency (document, id)) != NULL)
    {
      row->item = g_object_ref (dependency);
      row->subject = g_strdup_printf ("%s → %s",
                                      component_name (document, al_dependency_get_from (dependency)),
                                      component_name (document, al_dependency_get_to (dependency)));
    }
  else if ((lane = al_document_lookup_lane (document, id)) != NULL)
    {
      const char *label = al_lane_get_label (lane);

      row->item = g_object_ref (lane);
      row->subject = g_strdup (label != NULL && *label != '\0' ? label : al_lane_get_arch (lane));
    }
  else
    row->subject = g_strdup (id);
  return row;
}

static void
set_counts (AlProblemsView *self, guint n_errors, guint n_warnings)
{
  if (self->n_errors != n_errors)
    {
      self->n_errors = n_errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (self->n_warnings != n_warnings)
    {
      self->n_warnings = n_warnings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
    }
}

static void
refresh (AlProblemsView *self)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *diagnostics = self->editor != NULL ? al_editor_get_diagnostics (self->editor) : NULL;
  guint n_diagnostics = diagnostics != NULL ? diagnostics->len : 0;
  guint n_extra = self->editor != NULL && self->extra != NULL ? self->extra->len : 0;
  guint n_errors = 0;
  guint n_warnings = 0;

  for (guint i = 0; i < n_diagnostics + n_extra; i++)
    {
      const AlDiagnostic *diagnostic = i < n_diagnostics
                                         ? g_ptr_array_index (diagnostics, i)
                                         : g_ptr_array_index (self->extra, i - n_diagnostics);

      g_ptr_array_add (rows, al_problem_row_new (al_editor_get_document (self->editor), diagnostic));
      if (diagnostic->severity == AL_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
  set_counts (self, n_errors, n_warnings);
}

static void
on_diagnostics_changed_cb (AlProblemsView *self, AlEditor *editor)
{
  refresh (self);
}

static void
on_list_activate_cb (AlProblemsView *self, guint position, GtkListView *list_view)
{
  g_autoptr (AlProblemRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row == NULL || row->item == NULL)
    return;
  if (self->editor != NULL && (AL_IS_COMPONENT (row->item) || AL_IS_DEPENDENCY (row->item)))
    al_editor_select (self->editor, row->item, AL_SELECT_REPLACE);
  g_signal_emit (self, signals[REVEAL], 0, row->item);
}

static void
on_factory_setup_cb (AlProblemsView *self, GtkListItem *item, GtkSignalListItemFactory *factory)
{
  /* A group, so that screen readers read the label set at bind. */
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "spacing", 10,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *subject = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_label_set_xalign (GTK_LABEL (subject), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subject), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subject, "heading");
  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_widget_add_css_class (code, "caption");
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "monospace");
  gtk_box_append (GTK_BOX (header), subject);
  gtk_box_append (GTK_BOX (header), code);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), header);
  gtk_box_append (GTK_BOX (texts), message);
  gtk_box_append (GTK_BOX (box), texts);

  g_object_set_data (G_OBJECT (box), "al-icon", icon);
  g_object_set_data (G_OBJECT (box), "al-subject", subject);
  g_object_set_data (G_OBJECT (box), "al-code", code);
  g_object_set_data (G_OBJECT (box), "al-message", message);
  gtk_list_item_set_child (item, box);
}

static void
on_factory_bind_cb (AlProblemsView *self, GtkListItem *item, GtkSignalListItemFactory *factory)
{
  AlProblemRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = g_object_get_data (G_OBJECT (box), "al-icon");
  const AlDiagnostic *diagnostic = row->diagnostic;
  gboolean error = diagnostic->severity == AL_SEVERITY_ERROR;
  g_autofree char *label = NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic"
                                                        : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (icon, error ? "warning" : "error");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "al-subject"), row->subject);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "al-code"), diagnostic->code);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "al-message"), diagnostic->message);
  gtk_widget_set_tooltip_text (box, diagnostic->path);
  gtk_list_item_set_activatable (item, row->item != NULL);

  /* Translators: severity, code, subject and message of a problem,
   * "Error, duplicate-name, mysql: Two components are named …" */
  label = g_strdup_printf (_("%s, %s, %s: %s"), error ? _("Error") : _("Warning"),
                           diagnostic->code, row->subject, diagnostic->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* GObject */

static void
al_problems_view_dispose (GObject *object)
{
  AlProblemsView *self = AL_PROBLEMS_VIEW (object);

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->extra, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), AL_TYPE_PROBLEMS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (al_problems_view_parent_class)->dispose (object);
}

static void
al_problems_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlProblemsView *self = AL_PROBLEMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_problems_view_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  AlProblemsView *self = AL_PROBLEMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      al_problems_view_set_editor (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_problems_view_class_init (AlProblemsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = al_problems_view_dispose;
  object_class->get_property = al_problems_view_get_property;
  object_class->set_property = al_problems_view_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, AL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlProblemsView::reveal:
   * @item: (type gpointer): the AlComponent, AlDependency or AlLane of the
   *   activated problem
   */
  signals[REVEAL] =
    g_signal_new ("reveal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  (void) al_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/archlane/Archlane/al-problems-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AlProblemsView, stack);
  gtk_widget_class_bind_template_child (widget_class, AlProblemsView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "problems");
}

static void
al_problems_view_init (AlProblemsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (AL_TYPE_PROBLEM_ROW);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* Created with autoselect, it already selected the first row. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
al_problems_view_new (void)
{
  return g_object_new (AL_TYPE_PROBLEMS_VIEW, NULL);
}

void
al_problems_view_set_editor (AlProblemsView *self, AlEditor *editor)
{
  g_return_if_fail (AL_IS_PROBLEMS_VIEW (self));
  g_return_if_fail (editor == NULL || AL_IS_EDITOR (editor));

  if (self->editor == editor)
    return;
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_set_object (&self->editor, editor);
  if (editor != NULL)
    g_signal_connect_object (editor, "diagnostics-changed",
                             G_CALLBACK (on_diagnostics_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

AlEditor *
al_problems_view_get_editor (AlProblemsView *self)
{
  g_return_val_if_fail (AL_IS_PROBLEMS_VIEW (self), NULL);
  return self->editor;
}

void
al_problems_view_set_extra_diagnostics (AlProblemsView *self, GPtrArray *diagnostics)
{
  g_return_if_fail (AL_IS_PROBLEMS_VIEW (self));

  if ((self->extra == NULL || self->extra->len == 0) &&
      (diagnostics == NULL || diagnostics->len == 0))
    return;
  g_clear_pointer (&self->extra, g_ptr_array_unref);
  if (diagnostics != NULL && diagnostics->len > 0)
    {
      self->extra = al_diagnostic_list_new ();
      for (guint i = 0; i < diagnostics->len; i++)
        g_ptr_array_add (self->extra, al_diagnostic_copy (g_ptr_array_index (diagnostics, i)));
    }
  refresh (self);
}
