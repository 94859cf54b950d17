/* al-component-editor.c: the properties of one component, edited through the history */
#define G_LOG_DOMAIN "al-component-editor"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "al-component-editor.h"
#include "al-component-lists.h"
#include "al-inspector-field.h"
#include "al-validate-private.h"

#define MAX_REPLICAS 1000
#define MAX_CPU_MILLIS (256 * 1000)
#define MAX_MEMORY_MIB (1024 * 1024)

struct _AlComponentEditor
{
  GtkWidget parent_instance;

  AlHistory *history;
  AlComponent *component;

  GtkWidget *page;
  GtkWidget *lane_row;
  GtkStringList *lane_labels;
  GPtrArray *lane_ids;       /* char*, the lane of each entry of lane_labels */
  GPtrArray *fields;         /* AlField*, owned by their rows */
  AlField *probe_port;
  AlField *probe_path;
  AlField *probe_command;
  GPtrArray *sections;       /* AlListSection* */
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (AlComponentEditor, al_component_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_HISTORY,
  PROP_COMPONENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- checks and special writes ------------------------------------------- */

static char *
check_name (AlField *field, const char *text, gpointer user_data)
{
  AlComponentEditor *self = user_data;
  AlDocument *document = al_history_get_document (self->history);
  AlComponent *other;
  char *message = al_field_check_label (text, AL_MAX_COMPONENT_NAME);

  if (message != NULL)
    return message;
  other = al_document_lookup_component_by_name (document, text);
  if (other != NULL && other != self->component)
    return g_strdup_printf (_("Another component is already named “%s”."), text);
  return NULL;
}

static void
apply_name (AlField *field, const char *text, gpointer user_data)
{
  AlComponentEditor *self = user_data;

  al_history_rename_component (self->history, self->component, text);
}

static char *
check_image (AlField *field, const char *text, gpointer user_data)
{
  if (al_validator_is_blank (text))
    return g_strdup (_("An image is required, such as nginx:1.27."));
  if (strpbrk (text, " \t\r\n") != NULL)
    return g_strdup (_("An image reference has no spaces."));
  return NULL;
}

static char *
check_words (AlField *field, const char *text, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) words = al_list_section_split_words (text, &error);

  if (words == NULL)
    return g_strdup_printf (_("Close the quotes: %s"), error->message);
  return NULL;
}

static char *
read_words (AlField *field, gpointer user_data)
{
  g_auto (GStrv) words = NULL;

  g_object_get (al_field_get_object (field), user_data, &words, NULL);
  return al_list_section_join_words ((const char *const *) words);
}

static void
apply_words (AlField *field, const char *text, gpointer user_data)
{
  AlComponentEditor *self = g_object_get_data (G_OBJECT (al_field_get_row (field)), "al-editor");
  g_auto (GStrv) words = al_list_section_split_words (text, NULL);

  al_history_set (self->history, al_field_get_object (field), user_data, words, NULL);
}

static char *
check_http_path (AlField *field, const char *text, gpointer user_data)
{
  if (text[0] != '/')
    return g_strdup (_("An HTTP path starts with “/”, such as /healthz."));
  return NULL;
}

/* A probe that checks a port or a path gets one to start with, in the
 * same step: the first inner port and "/". */
static void
apply_probe_type (AlField *field, const char *text, gpointer user_data)
{
  AlComponentEditor *self = user_data;
  AlProbe *probe = al_component_get_probe (self->component);
  AlProbeType type = (AlProbeType) atoi (text);
  GListModel *ports = al_component_get_ports (self->component);
  const char *path = al_probe_get_path (probe);

  al_history_begin (self->history, NULL);
  al_history_set (self->history, probe, "probe-type", type, NULL);
  if ((type == AL_PROBE_TCP || type == AL_PROBE_HTTP)
      && !al_validator_is_valid_port (al_probe_get_port (probe)))
    for (guint i = 0, n = g_list_model_get_n_items (ports); i < n; i++)
      {
        g_autoptr (AlPort) port = g_list_model_get_item (ports, i);

        if (al_port_get_inner (port) || i == n - 1)
          {
            al_history_set (self->history, probe, "port", al_port_get_port (port), NULL);
            break;
          }
      }
  if (type == AL_PROBE_HTTP && (path == NULL || *path == '\0'))
    al_history_set (self->history, probe, "path", "/", NULL);
  al_history_end (self->history);
}

static AlField *
add_field (AlComponentEditor *self, GtkWidget *group, AlField *field)
{
  al_field_add_to (field, group);
  g_ptr_array_add (self->fields, field);
  return field;
}

static AlField *
words_field (AlComponentEditor *self, gpointer object, const char *property, const char *title)
{
  AlField *field = al_field_new_entry_row (self->history, object, property, title);

  g_object_set_data (G_OBJECT (al_field_get_row (field)), "al-editor", self);
  al_field_set_read (field, read_words, (gpointer) property);
  al_field_set_apply (field, apply_words, (gpointer) property);
  al_field_set_check (field, check_words, NULL);
  return field;
}

/* ---- lanes ---------------------------------------------------------------- */

static void
on_lane_selected (AdwComboRow *row, GParamSpec *pspec, AlComponentEditor *self)
{
  AlDocument *document = al_history_get_document (self->history);
  guint selected = adw_combo_row_get_selected (row);
  AlLane *lane;

  if (self->syncing || selected >= self->lane_ids->len)
    return;
  lane = al_document_lookup_lane (document, g_ptr_array_index (self->lane_ids, selected));
  if (lane == NULL
      || g_strcmp0 (al_lane_get_id (lane), al_component_get_lane (self->component)) == 0)
    return;
  /* The position is relative to the lane: the card keeps its place. */
  al_history_change_component_lane (self->history, self->component, lane,
                                    al_component_get_position (self->component));
  al_history_seal (self->history);
}

static void
refresh_lanes (AlComponentEditor *self)
{
  GListModel *lanes = al_document_get_lanes (al_history_get_document (self->history));
  guint n = g_list_model_get_n_items (lanes);
  guint selected = GTK_INVALID_LIST_POSITION;
  gboolean same = n == self->lane_ids->len;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlLane) lane = g_list_model_get_item (lanes, i);
      char *label = g_strdup_printf ("%s (%s)", al_lane_get_label (lane), al_lane_get_arch (lane));

      if (same
          && (strcmp (label, gtk_string_list_get_string (self->lane_labels, i)) != 0
              || strcmp (al_lane_get_id (lane), g_ptr_array_index (self->lane_ids, i)) != 0))
        same = FALSE;
      if (strcmp (al_lane_get_id (lane), al_component_get_lane (self->component)) == 0)
        selected = i;
      g_ptr_array_add (labels, label);
      g_ptr_array_add (ids, g_strdup (al_lane_get_id (lane)));
    }
  g_ptr_array_add (labels, NULL);

  if (!same)
    {
      gtk_string_list_splice (self->lane_labels, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->lane_labels)),
                              (const char *const *) labels->pdata);
      g_ptr_array_unref (self->lane_ids);
      self->lane_ids = g_steal_pointer (&ids);
    }
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->lane_row)) != selected)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->lane_row), selected);
}

/* ---- following the model -------------------------------------------------- */

static void
refresh (AlComponentEditor *self)
{
  AlProbeType probe;

  /* Disposed, but still connected until finalized. */
  if (self->history == NULL)
    return;
  probe = al_probe_get_probe_type (al_component_get_probe (self->component));
  self->syncing = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    al_field_refresh (g_ptr_array_index (self->fields, i));
  refresh_lanes (self);
  for (guint i = 0; i < self->sections->len; i++)
    al_list_section_refresh (g_ptr_array_index (self->sections, i));
  al_field_set_visible (self->probe_port, probe == AL_PROBE_TCP || probe == AL_PROBE_HTTP);
  al_field_set_visible (self->probe_path, probe == AL_PROBE_HTTP);
  al_field_set_visible (self->probe_command, probe == AL_PROBE_EXEC);
  self->syncing = FALSE;
}

static GtkWidget *
group_new (AlComponentEditor *self, const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
add_section (AlComponentEditor *self, AlCollection collection)
{
  AlListSection *section = al_list_section_new (self->history, self->component, collection);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                            ADW_PREFERENCES_GROUP (al_list_section_get_widget (section)));
  g_ptr_array_add (self->sections, section);
}

static void
build (AlComponentEditor *self)
{
  static const char *kinds[] = { N_("Stateless (Deployment)"), N_("Stateful (StatefulSet)"), NULL };
  static const char *probes[] = { N_("None"), N_("TCP connection"), N_("HTTP request"),
                                  N_("Command"), NULL };
  const char *labels[5];
  AlProbe *probe = al_component_get_probe (self->component);
  GtkWidget *group;
  AlField *field;

  group = group_new (self, _("Component"));
  field = add_field (self, group,
                     al_field_new_entry_row (self->history, self->component, "name", _("Name")));
  al_field_set_check (field, check_name, self);
  al_field_set_apply (field, apply_name, self);
  add_field (self, group,
             al_field_new_entry_row (self->history, self->component, "display-name",
                                     _("Display Name")));
  field = add_field (self, group,
                     al_field_new_entry_row (self->history, self->component, "image",
                                             C_("container image", "Image")));
  al_field_set_check (field, check_image, NULL);

  self->lane_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lane_row), _("Lane"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->lane_row), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->lane_row), G_LIST_MODEL (self->lane_labels));
  g_signal_connect (self->lane_row, "notify::selected", G_CALLBACK (on_lane_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->lane_row);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    labels[i] = kinds[i] != NULL ? _(kinds[i]) : NULL;
  add_field (self, group,
             al_field_new_combo (self->history, self->component, "kind", _("Kind"), labels));

  group = group_new (self, _("Resources"));
  add_field (self, group,
             al_field_new_number (self->history, self->component, "replicas", _("Replicas"), 1,
                                  MAX_REPLICAS));
  field = add_field (self, group,
                     al_field_new_number (self->history, self->component, "cpu-millis", _("CPU"),
                                          1, MAX_CPU_MILLIS));
  al_field_set_subtitle (field, _("Millicores: 1000 is one core"));
  field = add_field (self, group,
                     al_field_new_number (self->history, self->component, "memory-mib",
                                          _("Memory"), 1, MAX_MEMORY_MIB));
  al_field_set_subtitle (field, _("MiB"));

  group = group_new (self, _("Container"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Empty: the image’s own entry point and arguments."));
  add_field (self, group, words_field (self, self->component, "command", _("Command")));
  add_field (self, group, words_field (self, self->component, "args", _("Arguments")));

  add_section (self, AL_COLLECTION_PORTS);
  add_section (self, AL_COLLECTION_ENV);
  add_section (self, AL_COLLECTION_CONNECTION);
  add_section (self, AL_COLLECTION_VOLUMES);

  group = group_new (self, _("Health Check"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Readiness and liveness probe of the container."));
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    labels[i] = probes[i] != NULL ? _(probes[i]) : NULL;
  field = add_field (self, group,
                     al_field_new_combo (self->history, probe, "probe-type", _("Probe"), labels));
  al_field_set_apply (field, apply_probe_type, self);
  self->probe_port = add_field (self, group,
                                al_field_new_number (self->history, probe, "port", _("Port"), 1,
                                                     65535));
  self->probe_path = add_field (self, group,
                                al_field_new_entry_row (self->history, probe, "path", _("Path")));
  al_field_set_check (self->probe_path, check_http_path, NULL);
  self->probe_command = add_field (self, group, words_field (self, probe, "command",
                                                            _("Command")));
}

/* ---- GObject -------------------------------------------------------------- */

static void
al_component_editor_constructed (GObject *object)
{
  AlComponentEditor *self = AL_COMPONENT_EDITOR (object);

  G_OBJECT_CLASS (al_component_editor_parent_class)->constructed (object);

  g_return_if_fail (AL_IS_HISTORY (self->history));
  g_return_if_fail (AL_IS_COMPONENT (self->component));

  build (self);
  refresh (self);
  g_signal_connect_object (al_history_get_document (self->history), "changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
}

static void
al_component_editor_dispose (GObject *object)
{
  AlComponentEditor *self = AL_COMPONENT_EDITOR (object);

  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_ptr_array_set_size (self->fields, 0);
  if (self->sections != NULL)
    g_ptr_array_set_size (self->sections, 0);
  g_clear_object (&self->history);
  g_clear_object (&self->component);
  G_OBJECT_CLASS (al_component_editor_parent_class)->dispose (object);
}

static void
al_component_editor_finalize (GObject *object)
{
  AlComponentEditor *self = AL_COMPONENT_EDITOR (object);

  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->lane_ids);
  g_object_unref (self->lane_labels);
  G_OBJECT_CLASS (al_component_editor_parent_class)->finalize (object);
}

static void
al_component_editor_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  AlComponentEditor *self = AL_COMPONENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY: g_value_set_object (value, self->history); break;
    case PROP_COMPONENT: g_value_set_object (value, self->component); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_component_editor_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  AlComponentEditor *self = AL_COMPONENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY: self->history = g_value_dup_object (value); break;
    case PROP_COMPONENT: self->component = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_component_editor_class_init (AlComponentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = al_component_editor_constructed;
  object_class->dispose = al_component_editor_dispose;
  object_class->finalize = al_component_editor_finalize;
  object_class->get_property = al_component_editor_get_property;
  object_class->set_property = al_component_editor_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, AL_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPONENT] =
    g_param_spec_object ("component", NULL, NULL, AL_TYPE_COMPONENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "al-component-editor");
}

static void
al_component_editor_init (AlComponentEditor *self)
{
  self->fields = g_ptr_array_new ();
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) al_list_section_free);
  self->lane_ids = g_ptr_array_new_with_free_func (g_free);
  self->lane_labels = gtk_string_list_new (NULL);
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));
}

GtkWidget *
al_component_editor_new (AlHistory *history, AlComponent *component)
{
  g_return_val_if_fail (AL_IS_HISTORY (history), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  return g_object_new (AL_TYPE_COMPONENT_EDITOR, "history", history, "component", component,
                       NULL);
}

AlComponent *
al_component_editor_get_component (AlComponentEditor *self)
{
  g_return_val_if_fail (AL_IS_COMPONENT_EDITOR (self), NULL);
  return self->component;
}
