/* al-env-view.c: the resolved environment of one component */
#define G_LOG_DOMAIN "al-env-view"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "al-env-view.h"
#include "al-injection.h"

struct _AlEnvView
{
  GtkWidget parent_instance;

  AlDocument *document;
  AlComponent *component;

  GtkWidget *page;
  GtkWidget *problems_group;
  GtkWidget *vars_group;
  GPtrArray *rows;          /* rows of both groups, borrowed */
  guint idle_id;
  gboolean dirty;
};

G_DEFINE_FINAL_TYPE (AlEnvView, al_env_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_COMPONENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a variable comes from, in a few words. */
static char *
describe_source (const AlResolvedVar *var)
{
  switch (var->source)
    {
    case AL_VAR_SOURCE_HOST:
      /* TRANSLATORS: "injected from mysql: its Service name" */
      return g_strdup_printf (_("injected from %s: its Service name"), var->provider_name);
    case AL_VAR_SOURCE_PORT:
      /* TRANSLATORS: "injected from mysql: port 3306" */
      return g_strdup_printf (_("injected from %s: port %d"), var->provider_name, var->port);
    case AL_VAR_SOURCE_CONNECTION:
      return g_strdup_printf (_("connection info of %s"), var->provider_name);
    case AL_VAR_SOURCE_OWN:
    default:
      return g_strdup (_("own"));
    }
}

/* Never the value of a secret: only where the container reads it from. */
static char *
describe_value (const AlResolvedVar *var)
{
  if (var->kind == AL_VAR_VALUE)
    return g_strdup (var->value != NULL ? var->value : "");
  /* TRANSLATORS: the Secret and key a variable is read from */
  return g_strdup_printf (_("•••• secret %s/%s"), var->secret_name, var->secret_key);
}

static GtkWidget *
label_new (const char *text, const char *css_class, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
var_row_new (const AlResolvedVar *var)
{
  g_autofree char *value = describe_value (var);
  g_autofree char *source = describe_source (var);
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = label_new (var->name, "monospace", 0);
  GtkWidget *value_label = label_new (value, "monospace", 0);
  GtkWidget *source_label = label_new (source, "dim-label", 1);

  gtk_widget_add_css_class (name, "heading");
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (source_label, "caption");
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  gtk_widget_set_valign (source_label, GTK_ALIGN_START);
  gtk_label_set_max_width_chars (GTK_LABEL (source_label), 24);
  gtk_label_set_justify (GTK_LABEL (source_label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  if (*value == '\0')
    {
      gtk_label_set_text (GTK_LABEL (value_label), _("(empty)"));
      gtk_widget_add_css_class (value_label, "dim-label");
    }
  else if (var->kind != AL_VAR_VALUE)
    gtk_widget_add_css_class (value_label, "dim-label");

  gtk_box_append (GTK_BOX (line), name);
  gtk_box_append (GTK_BOX (line), source_label);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), var->name);
  return row;
}

static GtkWidget *
problem_row_new (const AlDiagnostic *diagnostic)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean error = diagnostic->severity == AL_SEVERITY_ERROR;
  GtkWidget *icon =
    gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diagnostic->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), diagnostic->code);
  return row;
}

static void
clear_rows (AlEnvView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                                      row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (AlEnvView *self, GtkWidget *group, GtkWidget *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->rows, row);
}

static void
resolve (AlEnvView *self)
{
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (AlResolvedEnv) env = NULL;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->dirty = FALSE;
  clear_rows (self);

  graph = al_graph_new (self->document);
  /* Gone from the document (undone): the inspector moves on shortly. */
  if (al_graph_get_node (graph, self->component) < 0)
    {
      gtk_widget_set_visible (self->problems_group, FALSE);
      return;
    }
  env = al_injection_resolve_for_component (graph, self->component);

  al_diagnostic_list_sort (env->diagnostics);
  for (guint i = 0; i < env->diagnostics->len; i++)
    add_row (self, self->problems_group, problem_row_new (g_ptr_array_index (env->diagnostics, i)));
  gtk_widget_set_visible (self->problems_group, env->diagnostics->len > 0);

  for (guint i = 0; i < env->vars->len; i++)
    add_row (self, self->vars_group, var_row_new (g_ptr_array_index (env->vars, i)));
  if (env->vars->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The container receives no variables."));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->vars_group, row);
    }
}

static gboolean
resolve_in_idle (gpointer data)
{
  AlEnvView *self = data;

  self->idle_id = 0;
  resolve (self);
  return G_SOURCE_REMOVE;
}

/* Only the focused component, and only while the tab is shown: a big
 * document costs one graph and one environment per change. */
static void
on_document_changed (AlEnvView *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, resolve_in_idle, self, NULL);
}

void
al_env_view_flush (AlEnvView *self)
{
  g_return_if_fail (AL_IS_ENV_VIEW (self));

  if (self->dirty)
    resolve (self);
}

static void
al_env_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (al_env_view_parent_class)->map (widget);
  al_env_view_flush (AL_ENV_VIEW (widget));
}

/* ---- GObject -------------------------------------------------------------- */

static void
al_env_view_constructed (GObject *object)
{
  AlEnvView *self = AL_ENV_VIEW (object);

  G_OBJECT_CLASS (al_env_view_parent_class)->constructed (object);
  g_return_if_fail (AL_IS_DOCUMENT (self->document));
  g_return_if_fail (AL_IS_COMPONENT (self->component));
  g_signal_connect_object (self->document, "changed", G_CALLBACK (on_document_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
al_env_view_dispose (GObject *object)
{
  AlEnvView *self = AL_ENV_VIEW (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->dirty = FALSE;
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_object (&self->document);
  g_clear_object (&self->component);
  G_OBJECT_CLASS (al_env_view_parent_class)->dispose (object);
}

static void
al_env_view_finalize (GObject *object)
{
  g_ptr_array_unref (AL_ENV_VIEW (object)->rows);
  G_OBJECT_CLASS (al_env_view_parent_class)->finalize (object);
}

static void
al_env_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlEnvView *self = AL_ENV_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_COMPONENT: g_value_set_object (value, self->component); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_env_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlEnvView *self = AL_ENV_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: self->document = g_value_dup_object (value); break;
    case PROP_COMPONENT: self->component = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_env_view_class_init (AlEnvViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = al_env_view_constructed;
  object_class->dispose = al_env_view_dispose;
  object_class->finalize = al_env_view_finalize;
  object_class->get_property = al_env_view_get_property;
  object_class->set_property = al_env_view_set_property;
  widget_class->map = al_env_view_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPONENT] =
    g_param_spec_object ("component", NULL, NULL, AL_TYPE_COMPONENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "al-env-view");
}

static void
al_env_view_init (AlEnvView *self)
{
  self->rows = g_ptr_array_new ();
  self->dirty = TRUE;
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  self->problems_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->problems_group), _("Problems"));
  gtk_widget_set_visible (self->problems_group, FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                            ADW_PREFERENCES_GROUP (self->problems_group));

  self->vars_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->vars_group),
                                   _("Resolved Environment"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (self->vars_group),
    _("What the container receives, in order: the variables each dependency injects, then the "
      "component’s own."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                            ADW_PREFERENCES_GROUP (self->vars_group));
}

GtkWidget *
al_env_view_new (AlDocument *document, AlComponent *component)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  return g_object_new (AL_TYPE_ENV_VIEW, "document", document, "component", component, NULL);
}
