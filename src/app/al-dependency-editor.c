/* al-dependency-editor.c: one dependency, edited through the history */
#define G_LOG_DOMAIN "al-dependency-editor"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "al-dependency-editor.h"
#include "al-inspector-field.h"

#define MAX_WAIT_TIMEOUT_S (24 * 60 * 60)

struct _AlDependencyEditor
{
  GtkWidget parent_instance;

  AlHistory *history;
  AlDependency *dependency;

  GtkWidget *page;
  GtkWidget *link_group;
  GtkWidget *consumer_row;
  GtkWidget *provider_row;
  GtkWidget *cross_row;
  GtkWidget *ports_group;
  GPtrArray *port_rows;     /* AdwActionRow*, one per port shown */
  GArray *port_numbers;     /* int, the port of each row */
  GtkWidget *traffic_scale;
  AlField *wait;
  AlField *wait_timeout;
  guint rebuild_id;
  gboolean rebuilding;      /* rows may be replaced: built or in the idle */
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (AlDependencyEditor, al_dependency_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_HISTORY,
  PROP_DEPENDENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static AlComponent *
lookup (AlDependencyEditor *self, const char *id)
{
  return al_document_lookup_component (al_history_get_document (self->history), id);
}

static const char *
arch_of (AlDependencyEditor *self, AlComponent *component)
{
  AlLane *lane;

  if (component == NULL)
    return NULL;
  lane = al_document_get_component_lane (al_history_get_document (self->history), component);
  return lane != NULL ? al_lane_get_arch (lane) : NULL;
}

static char *
describe (AlDependencyEditor *self, AlComponent *component, const char *id)
{
  const char *arch = arch_of (self, component);

  if (component == NULL)
    /* TRANSLATORS: a dependency names a component id the document lacks */
    return g_strdup_printf (_("unknown component %s"), id);
  if (arch == NULL)
    return g_strdup (al_component_get_name (component));
  return g_strdup_printf ("%s · %s", al_component_get_name (component), arch);
}

/* ---- consumed ports ------------------------------------------------------- */

static gboolean
lists_port (AlDependency *dependency, int number)
{
  GArray *ports = al_dependency_get_ports (dependency);

  for (guint i = 0; i < ports->len; i++)
    if (g_array_index (ports, int, i) == number)
      return TRUE;
  return FALSE;
}

static void
on_port_toggled (GtkCheckButton *check, AlDependencyEditor *self)
{
  g_autoptr (GArray) ports = g_array_new (FALSE, FALSE, sizeof (int));

  if (self->syncing)
    return;
  for (guint i = 0; i < self->port_rows->len; i++)
    {
      GtkCheckButton *other = g_object_get_data (g_ptr_array_index (self->port_rows, i), "check");

      if (gtk_check_button_get_active (other))
        g_array_append_val (ports, g_array_index (self->port_numbers, int, i));
    }
  al_history_set (self->history, self->dependency, "ports", ports, NULL);
  al_history_seal (self->history);
}

/* The numbers of the rows to show: the provider's inner ports, then ports
 * the dependency lists that are not among them (to be unchecked). */
static GArray *
wanted_ports (AlDependencyEditor *self, AlComponent *provider)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *listed = al_dependency_get_ports (self->dependency);
  GListModel *ports = provider != NULL ? al_component_get_ports (provider) : NULL;

  for (guint i = 0, n = ports ? g_list_model_get_n_items (ports) : 0; i < n; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (ports, i);
      int number = al_port_get_port (port);
      gboolean seen = FALSE;

      for (guint k = 0; k < numbers->len && !seen; k++)
        seen = g_array_index (numbers, int, k) == number;
      if (al_port_get_inner (port) && !seen)
        g_array_append_val (numbers, number);
    }
  for (guint i = 0; i < listed->len; i++)
    {
      int number = g_array_index (listed, int, i);
      gboolean seen = FALSE;

      for (guint k = 0; k < numbers->len && !seen; k++)
        seen = g_array_index (numbers, int, k) == number;
      if (!seen)
        g_array_append_val (numbers, number);
    }
  return numbers;
}

static void refresh (AlDependencyEditor *self);

static gboolean
rebuild_in_idle (gpointer data)
{
  AlDependencyEditor *self = data;

  self->rebuild_id = 0;
  self->rebuilding = TRUE;
  refresh (self);
  self->rebuilding = FALSE;
  return G_SOURCE_REMOVE;
}

static void
refresh_ports (AlDependencyEditor *self, AlComponent *provider, gboolean rebuild)
{
  g_autoptr (GArray) numbers = wanted_ports (self, provider);
  gboolean same = numbers->len == self->port_numbers->len;

  for (guint i = 0; same && i < numbers->len; i++)
    same = g_array_index (numbers, int, i) == g_array_index (self->port_numbers, int, i);
  /* Rows come and go in an idle: the edit may come from the check button
   * of a row about to go. */
  if (!same && !rebuild)
    {
      if (self->rebuild_id == 0)
        self->rebuild_id = g_idle_add (rebuild_in_idle, self);
      return;
    }
  if (!same)
    {
      for (guint i = 0; i < self->port_rows->len; i++)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->ports_group),
                                      g_ptr_array_index (self->port_rows, i));
      g_ptr_array_set_size (self->port_rows, 0);
      g_array_set_size (self->port_numbers, 0);
      g_array_append_vals (self->port_numbers, numbers->data, numbers->len);

      for (guint i = 0; i < numbers->len; i++)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          g_object_set_data (G_OBJECT (row), "check", check);
          g_signal_connect (check, "toggled", G_CALLBACK (on_port_toggled), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->ports_group), row);
          g_ptr_array_add (self->port_rows, row);
        }
    }

  for (guint i = 0; i < self->port_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->port_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      int number = g_array_index (self->port_numbers, int, i);
      AlPort *port = provider != NULL ? al_component_find_port (provider, number) : NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (port != NULL && al_port_get_inner (port))
        {
          g_autofree char *protocol =
            g_ascii_strup (al_protocol_to_string (al_port_get_protocol (port)), -1);
          g_autofree char *alias = al_component_dup_port_alias (provider, port);

          title = g_strdup_printf ("%d · %s", number, protocol);
          /* TRANSLATORS: the variables a consumed port injects */
          subtitle = g_strdup_printf (_("%s_HOST and %s_PORT"), alias, alias);
          gtk_widget_remove_css_class (row, "error");
        }
      else
        {
          title = g_strdup_printf ("%d", number);
          subtitle = g_strdup_printf (_("Not an inner port of %s: uncheck it"),
                                      provider != NULL ? al_component_get_name (provider) : "?");
          gtk_widget_add_css_class (row, "error");
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
      if (gtk_check_button_get_active (check) != lists_port (self->dependency, number))
        gtk_check_button_set_active (check, lists_port (self->dependency, number));
    }

  if (self->port_rows->len == 0)
    adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (self->ports_group),
      provider != NULL ? _("The provider has no inner port to consume; open one in its ports.")
                       : NULL);
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->ports_group),
                                           _("None checked: every inner port of the provider."));
}

/* ---- following the model -------------------------------------------------- */

static void
on_traffic_changed (GtkRange *range, AlDependencyEditor *self)
{
  if (self->syncing)
    return;
  al_history_set (self->history, self->dependency, "traffic",
                  (int) gtk_range_get_value (range), NULL);
}

static void
refresh (AlDependencyEditor *self)
{
  AlComponent *from, *to;
  const char *from_arch, *to_arch;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *title = NULL;

  if (self->history == NULL)
    return;
  self->syncing = TRUE;

  from = lookup (self, al_dependency_get_from (self->dependency));
  to = lookup (self, al_dependency_get_to (self->dependency));
  from_text = describe (self, from, al_dependency_get_from (self->dependency));
  to_text = describe (self, to, al_dependency_get_to (self->dependency));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->consumer_row), from_text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->provider_row), to_text);
  title = g_strdup_printf ("%s → %s",
                           from != NULL ? al_component_get_name (from)
                                        : al_dependency_get_from (self->dependency),
                           to != NULL ? al_component_get_name (to)
                                      : al_dependency_get_to (self->dependency));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->link_group), title);

  from_arch = arch_of (self, from);
  to_arch = arch_of (self, to);
  if (from_arch != NULL && to_arch != NULL && g_strcmp0 (from_arch, to_arch) != 0)
    {
      g_autofree char *cross =
        /* TRANSLATORS: "Calls cross from amd64 to arm64" */
        g_strdup_printf (_("Calls cross from %s to %s"), from_arch, to_arch);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cross_row), cross);
      gtk_widget_set_visible (self->cross_row, TRUE);
    }
  else
    gtk_widget_set_visible (self->cross_row, FALSE);

  refresh_ports (self, to, self->rebuilding);
  al_field_refresh (self->wait);
  al_field_refresh (self->wait_timeout);
  gtk_widget_set_sensitive (al_field_get_row (self->wait_timeout),
                            al_dependency_get_wait (self->dependency));
  if ((int) gtk_range_get_value (GTK_RANGE (self->traffic_scale))
      != al_dependency_get_traffic (self->dependency))
    gtk_range_set_value (GTK_RANGE (self->traffic_scale),
                         al_dependency_get_traffic (self->dependency));
  self->syncing = FALSE;
}

static GtkWidget *
group_new (AlDependencyEditor *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
build (AlDependencyEditor *self)
{
  GtkWidget *group, *row, *icon;

  self->link_group = group_new (self, NULL, NULL);
  self->consumer_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consumer_row), _("Consumer"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->consumer_row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->consumer_row), 2);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->link_group), self->consumer_row);
  self->provider_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->provider_row), _("Provider"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->provider_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->link_group), self->provider_row);

  self->cross_row = adw_action_row_new ();
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->cross_row), icon);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->cross_row),
                               _("The provider’s Service name resolves from every lane; keep "
                                 "chatty calls on one architecture."));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->cross_row), 0);
  gtk_widget_add_css_class (self->cross_row, "al-cross-arch");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->link_group), self->cross_row);

  self->ports_group = group_new (self, _("Consumed Ports"), NULL);

  group = group_new (self, _("Start-up"), NULL);
  self->wait = al_field_new_switch (self->history, self->dependency, "wait",
                                    _("Wait for the Provider"));
  al_field_set_subtitle (self->wait, _("Start only once the provider accepts connections"));
  al_field_add_to (self->wait, group);
  self->wait_timeout = al_field_new_number (self->history, self->dependency, "wait-timeout-s",
                                            _("Wait Timeout"), 1, MAX_WAIT_TIMEOUT_S);
  al_field_set_subtitle (self->wait_timeout, _("Seconds"));
  al_field_add_to (self->wait_timeout, group);

  group = group_new (self, _("Traffic"),
                     _("Expected call intensity from 0 to 100; at 50 and above, calls across "
                       "architectures are reported."));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Traffic"));
  self->traffic_scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 100, 1);
  gtk_scale_set_draw_value (GTK_SCALE (self->traffic_scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (self->traffic_scale), GTK_POS_LEFT);
  gtk_scale_set_digits (GTK_SCALE (self->traffic_scale), 0);
  gtk_widget_set_hexpand (self->traffic_scale, TRUE);
  gtk_widget_set_size_request (self->traffic_scale, 160, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->traffic_scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Traffic"), -1);
  g_signal_connect (self->traffic_scale, "value-changed", G_CALLBACK (on_traffic_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->traffic_scale);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* ---- GObject -------------------------------------------------------------- */

static void
al_dependency_editor_constructed (GObject *object)
{
  AlDependencyEditor *self = AL_DEPENDENCY_EDITOR (object);

  G_OBJECT_CLASS (al_dependency_editor_parent_class)->constructed (object);

  g_return_if_fail (AL_IS_HISTORY (self->history));
  g_return_if_fail (AL_IS_DEPENDENCY (self->dependency));

  build (self);
  self->rebuilding = TRUE;
  refresh (self);
  self->rebuilding = FALSE;
  g_signal_connect_object (al_history_get_document (self->history), "changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
}

static void
al_dependency_editor_dispose (GObject *object)
{
  AlDependencyEditor *self = AL_DEPENDENCY_EDITOR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_ptr_array_set_size (self->port_rows, 0);
  g_clear_object (&self->history);
  g_clear_object (&self->dependency);
  G_OBJECT_CLASS (al_dependency_editor_parent_class)->dispose (object);
}

static void
al_dependency_editor_finalize (GObject *object)
{
  AlDependencyEditor *self = AL_DEPENDENCY_EDITOR (object);

  g_ptr_array_unref (self->port_rows);
  g_array_unref (self->port_numbers);
  G_OBJECT_CLASS (al_dependency_editor_parent_class)->finalize (object);
}

static void
al_dependency_editor_get_property (GObject *object, guint prop_id, GValue *value,
                                   GParamSpec *pspec)
{
  AlDependencyEditor *self = AL_DEPENDENCY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY: g_value_set_object (value, self->history); break;
    case PROP_DEPENDENCY: g_value_set_object (value, self->dependency); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_dependency_editor_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  AlDependencyEditor *self = AL_DEPENDENCY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY: self->history = g_value_dup_object (value); break;
    case PROP_DEPENDENCY: self->dependency = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_dependency_editor_class_init (AlDependencyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = al_dependency_editor_constructed;
  object_class->dispose = al_dependency_editor_dispose;
  object_class->finalize = al_dependency_editor_finalize;
  object_class->get_property = al_dependency_editor_get_property;
  object_class->set_property = al_dependency_editor_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, AL_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPENDENCY] =
    g_param_spec_object ("dependency", NULL, NULL, AL_TYPE_DEPENDENCY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "al-dependency-editor");
}

static void
al_dependency_editor_init (AlDependencyEditor *self)
{
  self->port_rows = g_ptr_array_new ();
  self->port_numbers = g_array_new (FALSE, FALSE, sizeof (int));
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));
}

GtkWidget *
al_dependency_editor_new (AlHistory *history, AlDependency *dependency)
{
  g_return_val_if_fail (AL_IS_HISTORY (history), NULL);
  g_return_val_if_fail (AL_IS_DEPENDENCY (dependency), NULL);

  return g_object_new (AL_TYPE_DEPENDENCY_EDITOR, "history", history, "dependency", dependency,
                       NULL);
}

AlDependency *
al_dependency_editor_get_dependency (AlDependencyEditor *self)
{
  g_return_val_if_fail (AL_IS_DEPENDENCY_EDITOR (self), NULL);
  return self->dependency;
}
