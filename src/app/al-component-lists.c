/* al-component-lists.c: the ports, env, connection info and volumes of the component editor */
#define G_LOG_DOMAIN "al-component-lists"

#include <glib/gi18n.h>
#include <string.h>

#include "al-component-lists.h"
#include "al-inspector-field.h"

#define MAX_VOLUME_SIZE_MIB (16 * 1024 * 1024)
#define MAX_VOLUME_NAME 63

typedef enum
{
  VAR_VALUE,
  VAR_SECRET_VALUE,
  VAR_SECRET_REF,
} VarMode;

struct _AlListSection
{
  AlHistory *history;
  AlComponent *component;
  AlCollection collection;
  GtkWidget *group;
  GtkWidget *empty_row;
  GPtrArray *rows;       /* AdwExpanderRow*, borrowed from the group */
  GPtrArray *fields;     /* AlField*, owned by their rows */
  /* What the rows were built for: each item and, for variables, its mode. */
  GPtrArray *items;
  GArray *modes;
  GHashTable *expanded;  /* items whose rows are open */
  guint rebuild_id;
  gboolean syncing;
};

static VarMode
var_mode (AlEnvVar *var)
{
  if (al_env_var_is_secret_ref (var))
    return VAR_SECRET_REF;
  return al_env_var_get_secret (var) ? VAR_SECRET_VALUE : VAR_VALUE;
}

static gboolean
is_variables (AlListSection *section)
{
  return section->collection == AL_COLLECTION_ENV
         || section->collection == AL_COLLECTION_CONNECTION;
}

/* ---- words ---------------------------------------------------------------- */

static gboolean
is_plain_word (const char *word)
{
  if (*word == '\0')
    return FALSE;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_./:=@%+,-", *p) == NULL)
      return FALSE;
  return TRUE;
}

char *
al_list_section_join_words (const char *const *words)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      g_autofree char *quoted = is_plain_word (words[i]) ? NULL : g_shell_quote (words[i]);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, quoted != NULL ? quoted : words[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char **
al_list_section_split_words (const char *text, GError **error)
{
  char **words = NULL;
  const char *p = text;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return g_new0 (char *, 1);
  if (!g_shell_parse_argv (text, NULL, &words, error))
    return NULL;
  return words;
}

/* ---- edits ---------------------------------------------------------------- */

static void
on_remove_clicked (GtkButton *button, AlListSection *section)
{
  gpointer item = g_object_get_data (G_OBJECT (button), "al-item");

  switch (section->collection)
    {
    case AL_COLLECTION_PORTS:
      al_history_remove_port (section->history, section->component, item);
      break;
    case AL_COLLECTION_ENV:
      al_history_remove_env (section->history, section->component, item);
      break;
    case AL_COLLECTION_CONNECTION:
      al_history_remove_connection (section->history, section->component, item);
      break;
    case AL_COLLECTION_VOLUMES:
      al_history_remove_volume (section->history, section->component, item);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
has_variable (GListModel *list, const char *name)
{
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr (AlEnvVar) var = g_list_model_get_item (list, i);

      if (strcmp (al_env_var_get_name (var), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_volume (GListModel *list, const char *name)
{
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr (AlVolume) volume = g_list_model_get_item (list, i);

      if (strcmp (al_volume_get_name (volume), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
on_add_clicked (GtkButton *button, AlListSection *section)
{
  GListModel *list = al_component_get_collection (section->component, section->collection);

  switch (section->collection)
    {
    case AL_COLLECTION_PORTS:
      {
        int number = 8080;
        g_autoptr (AlPort) port = NULL;

        while (al_component_find_port (section->component, number) != NULL && number < 65535)
          number++;
        port = al_port_new (number, AL_PROTOCOL_TCP);
        g_hash_table_add (section->expanded, g_object_ref (port));
        al_history_add_port (section->history, section->component, port);
      }
      break;

    case AL_COLLECTION_ENV:
    case AL_COLLECTION_CONNECTION:
      {
        g_autofree char *name = g_strdup ("NEW_VARIABLE");
        g_autoptr (AlEnvVar) var = NULL;

        for (guint k = 2; has_variable (list, name); k++)
          {
            g_free (name);
            name = g_strdup_printf ("NEW_VARIABLE_%u", k);
          }
        var = al_env_var_new_value (name, "", FALSE);
        g_hash_table_add (section->expanded, g_object_ref (var));
        if (section->collection == AL_COLLECTION_ENV)
          al_history_add_env (section->history, section->component, var);
        else
          al_history_add_connection (section->history, section->component, var);
      }
      break;

    case AL_COLLECTION_VOLUMES:
      {
        g_autofree char *name = g_strdup ("data");
        g_autofree char *path = NULL;
        g_autoptr (AlVolume) volume = NULL;

        for (guint k = 2; has_volume (list, name); k++)
          {
            g_free (name);
            name = g_strdup_printf ("data-%u", k);
          }
        path = g_strdup_printf ("/%s", name);
        volume = al_volume_new (name, path, 1024);
        g_hash_table_add (section->expanded, g_object_ref (volume));
        al_history_add_volume (section->history, section->component, volume);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_var_mode_selected (AdwComboRow *row, GParamSpec *pspec, AlListSection *section)
{
  AlEnvVar *var = g_object_get_data (G_OBJECT (row), "al-item");
  guint mode = adw_combo_row_get_selected (row);
  const char *value = al_env_var_get_value (var);

  if (section->syncing || mode == GTK_INVALID_LIST_POSITION || mode == var_mode (var))
    return;
  /* One step that keeps the variable "exactly one of a value or a
   * reference" (DESIGN §3); a typed value survives a switch between plain
   * and secret. */
  if (mode == VAR_SECRET_REF)
    al_history_set (section->history, var, "value", NULL, "secret", FALSE, "secret-ref-name",
                    "", "secret-ref-key", al_env_var_get_name (var), NULL);
  else
    al_history_set (section->history, var, "secret-ref-name", NULL, "secret-ref-key", NULL,
                    "value", value != NULL ? value : "", "secret", mode == VAR_SECRET_VALUE,
                    NULL);
  al_history_seal (section->history);
}

/* ---- checks --------------------------------------------------------------- */

static char *
check_var_name (AlField *field, const char *text, gpointer user_data)
{
  AlListSection *section = user_data;
  GListModel *list = al_component_get_collection (section->component, section->collection);
  char *message = al_field_check_env_name (text);

  if (message != NULL)
    return message;
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr (AlEnvVar) var = g_list_model_get_item (list, i);

      if (var != al_field_get_object (field) && strcmp (al_env_var_get_name (var), text) == 0)
        return g_strdup_printf (_("Another variable of this list is named %s."), text);
    }
  return NULL;
}

static char *
check_alias (AlField *field, const char *text, gpointer user_data)
{
  return al_field_check_alias (text);
}

static char *
check_not_empty (AlField *field, const char *text, gpointer user_data)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    return g_strdup (user_data);
  return NULL;
}

static char *
check_volume_name (AlField *field, const char *text, gpointer user_data)
{
  return al_field_check_label (text, MAX_VOLUME_NAME);
}

static char *
check_absolute_path (AlField *field, const char *text, gpointer user_data)
{
  if (text[0] != '/')
    return g_strdup (_("Write an absolute path in the container, such as /var/lib/mysql."));
  return NULL;
}

/* ---- rows ----------------------------------------------------------------- */

static void
add_field (AlListSection *section, GtkWidget *expander, AlField *field)
{
  al_field_add_to (field, expander);
  g_ptr_array_add (section->fields, field);
}

static GtkWidget *
remove_button_new (AlListSection *section, gpointer item, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "al-item", g_object_ref (item), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), section);
  return button;
}

static void
on_expanded (AdwExpanderRow *row, GParamSpec *pspec, AlListSection *section)
{
  gpointer item = g_object_get_data (G_OBJECT (row), "al-item");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (section->expanded, g_object_ref (item));
  else
    g_hash_table_remove (section->expanded, item);
}

static void
build_port_row (AlListSection *section, GtkWidget *expander, AlPort *port)
{
  static const char *const protocols[] = { "TCP", "UDP", "HTTP", "HTTPS", "gRPC", NULL };
  AlField *field;

  field = al_field_new_number (section->history, port, "port", _("Port"), 1, 65535);
  add_field (section, expander, field);
  add_field (section, expander,
             al_field_new_combo (section->history, port, "protocol", _("Protocol"), protocols));
  field = al_field_new_entry (section->history, port, "alias", _("Alias"), NULL);
  al_field_set_subtitle (field, _("Consumers get ALIAS_HOST and ALIAS_PORT"));
  al_field_set_nullable (field, TRUE);
  al_field_set_check (field, check_alias, NULL);
  add_field (section, expander, field);
  field = al_field_new_switch (section->history, port, "inner", _("Inner"));
  al_field_set_subtitle (field, _("Reachable by other components in the cluster"));
  add_field (section, expander, field);
  field = al_field_new_switch (section->history, port, "outer", _("Outer"));
  al_field_set_subtitle (field, _("Exposed outside the cluster"));
  add_field (section, expander, field);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               remove_button_new (section, port, _("Remove Port")));
}

static void
build_var_row (AlListSection *section, GtkWidget *expander, AlEnvVar *var)
{
  static const char *modes[] = { N_("Value"), N_("Secret value"), N_("Secret reference"), NULL };
  const char *labels[G_N_ELEMENTS (modes)];
  g_autoptr (GtkStringList) model = NULL;
  GtkWidget *combo;
  AlField *field;

  field = al_field_new_entry_row (section->history, var, "name", _("Name"));
  al_field_set_check (field, check_var_name, section);
  add_field (section, expander, field);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    labels[i] = modes[i] != NULL ? _(modes[i]) : NULL;
  model = gtk_string_list_new (labels);
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), var_mode (var));
  g_object_set_data_full (G_OBJECT (combo), "al-item", g_object_ref (var), g_object_unref);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (on_var_mode_selected), section);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), combo);

  switch (var_mode (var))
    {
    case VAR_VALUE:
      add_field (section, expander,
                 al_field_new_entry_row (section->history, var, "value", _("Value")));
      break;
    case VAR_SECRET_VALUE:
      add_field (section, expander,
                 al_field_new_password_row (section->history, var, "value", _("Value")));
      break;
    case VAR_SECRET_REF:
      field = al_field_new_entry_row (section->history, var, "secret-ref-name", _("Secret"));
      al_field_set_check (field, check_not_empty, _("Name the existing Kubernetes Secret."));
      add_field (section, expander, field);
      field = al_field_new_entry_row (section->history, var, "secret-ref-key", _("Key"));
      al_field_set_check (field, check_not_empty, _("Name the key of the Secret to read."));
      add_field (section, expander, field);
      break;
    default:
      g_assert_not_reached ();
    }
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               remove_button_new (section, var, _("Remove Variable")));
}

static void
build_volume_row (AlListSection *section, GtkWidget *expander, AlVolume *volume)
{
  AlField *field;

  field = al_field_new_entry_row (section->history, volume, "name", _("Name"));
  al_field_set_check (field, check_volume_name, NULL);
  add_field (section, expander, field);
  field = al_field_new_entry_row (section->history, volume, "path", _("Mount Path"));
  al_field_set_check (field, check_absolute_path, NULL);
  add_field (section, expander, field);
  add_field (section, expander,
             al_field_new_number (section->history, volume, "size-mib", _("Size (MiB)"), 1,
                                  MAX_VOLUME_SIZE_MIB));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               remove_button_new (section, volume, _("Remove Volume")));
}

/* Titles and subtitles of the expander rows, which follow their fields. */
static void
update_titles (AlListSection *section)
{
  for (guint i = 0; i < section->rows->len; i++)
    {
      AdwExpanderRow *row = g_ptr_array_index (section->rows, i);
      gpointer item = g_ptr_array_index (section->items, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (AL_IS_PORT (item))
        {
          g_autofree char *alias = al_component_dup_port_alias (section->component, item);
          g_autofree char *protocol =
            g_ascii_strup (al_protocol_to_string (al_port_get_protocol (item)), -1);
          const char *reach;

          title = g_strdup_printf ("%d · %s", al_port_get_port (item), protocol);
          if (al_port_get_inner (item) && al_port_get_outer (item))
            reach = _("inner and outer");
          else if (al_port_get_inner (item))
            reach = _("inner");
          else if (al_port_get_outer (item))
            reach = _("outer");
          else
            reach = _("not reachable");
          subtitle = g_strdup_printf ("%s · %s", alias, reach);
        }
      else if (AL_IS_ENV_VAR (item))
        {
          title = g_strdup (al_env_var_get_name (item));
          if (al_env_var_is_secret_ref (item))
            subtitle = g_strdup_printf (_("secret %s/%s"), al_env_var_get_secret_ref_name (item),
                                        al_env_var_get_secret_ref_key (item));
          else if (al_env_var_get_secret (item))
            subtitle = g_strdup (_("secret value"));
          else
            subtitle = g_strdup (al_env_var_get_value (item));
        }
      else
        {
          title = g_strdup (al_volume_get_name (item));
          subtitle = g_strdup_printf (_("%s · %d MiB"), al_volume_get_path (item),
                                      al_volume_get_size_mib (item));
        }

      /* Titles are markup by default: names and values are shown as typed. */
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (g_strcmp0 (adw_expander_row_get_subtitle (row), subtitle) != 0)
        adw_expander_row_set_subtitle (row, subtitle);
    }
}

static gboolean
matches_built (AlListSection *section, GListModel *list)
{
  guint n = g_list_model_get_n_items (list);

  if (n != section->items->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);

      if (item != g_ptr_array_index (section->items, i))
        return FALSE;
      if (is_variables (section)
          && var_mode (AL_ENV_VAR (item)) != g_array_index (section->modes, VarMode, i))
        return FALSE;
    }
  return TRUE;
}

static void
rebuild (AlListSection *section, GListModel *list)
{
  for (guint i = 0; i < section->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (section->group),
                                  g_ptr_array_index (section->rows, i));
  g_ptr_array_set_size (section->rows, 0);
  g_ptr_array_set_size (section->fields, 0);
  g_ptr_array_set_size (section->items, 0);
  g_array_set_size (section->modes, 0);

  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      g_object_set_data_full (G_OBJECT (expander), "al-item", g_object_ref (item),
                              g_object_unref);
      if (AL_IS_PORT (item))
        build_port_row (section, expander, AL_PORT (item));
      else if (AL_IS_ENV_VAR (item))
        {
          VarMode mode = var_mode (AL_ENV_VAR (item));

          build_var_row (section, expander, AL_ENV_VAR (item));
          g_array_append_val (section->modes, mode);
        }
      else
        build_volume_row (section, expander, AL_VOLUME (item));

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                     g_hash_table_contains (section->expanded, item));
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_expanded), section);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (section->group), expander);
      g_ptr_array_add (section->rows, expander);
      g_ptr_array_add (section->items, g_object_ref (item));
    }
  gtk_widget_set_visible (section->empty_row, section->items->len == 0);
}

static void
refresh_rows (AlListSection *section)
{
  section->syncing = TRUE;
  for (guint i = 0; i < section->fields->len; i++)
    al_field_refresh (g_ptr_array_index (section->fields, i));

  /* The default alias follows the component's name and inner ports. */
  if (section->collection == AL_COLLECTION_PORTS)
    for (guint i = 0; i < section->fields->len; i++)
      {
        AlField *field = g_ptr_array_index (section->fields, i);
        GtkEditable *editable = al_field_get_editable (field);

        if (GTK_IS_ENTRY (editable))
          {
            g_autoptr (AlPort) unnamed =
              al_port_new (al_port_get_port (al_field_get_object (field)), AL_PROTOCOL_TCP);
            g_autofree char *alias = al_component_dup_port_alias (section->component, unnamed);

            gtk_entry_set_placeholder_text (GTK_ENTRY (editable), alias);
          }
      }
  update_titles (section);
  section->syncing = FALSE;
}

static gboolean
rebuild_in_idle (gpointer data)
{
  AlListSection *section = data;

  section->rebuild_id = 0;
  rebuild (section, al_component_get_collection (section->component, section->collection));
  refresh_rows (section);
  return G_SOURCE_REMOVE;
}

void
al_list_section_refresh (AlListSection *section)
{
  g_return_if_fail (section != NULL);

  /* Items came or went: the rows are rebuilt in an idle, since the edit
   * may come from a signal of a row about to go (a combo, a button). */
  if (!matches_built (section,
                      al_component_get_collection (section->component, section->collection)))
    {
      if (section->rebuild_id == 0)
        section->rebuild_id = g_idle_add (rebuild_in_idle, section);
      return;
    }
  refresh_rows (section);
}

/* ---- the section ---------------------------------------------------------- */

AlListSection *
al_list_section_new (AlHistory *history, AlComponent *component, AlCollection collection)
{
  AlListSection *section;
  const char *title, *description = NULL, *add_label, *empty;
  GtkWidget *add;

  g_return_val_if_fail (AL_IS_HISTORY (history), NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  switch (collection)
    {
    case AL_COLLECTION_PORTS:
      title = _("Ports");
      add_label = _("Add Port");
      empty = _("No ports");
      break;
    case AL_COLLECTION_ENV:
      title = _("Environment Variables");
      description = _("The component’s own variables; ${NAME} refers to another variable.");
      add_label = _("Add Variable");
      empty = _("No variables");
      break;
    case AL_COLLECTION_CONNECTION:
      title = _("Connection Info");
      description = _("Components that depend on this one receive these variables, besides "
                      "ALIAS_HOST and ALIAS_PORT of each port they consume.");
      add_label = _("Add Variable");
      empty = _("No connection info");
      break;
    case AL_COLLECTION_VOLUMES:
      title = _("Volumes");
      add_label = _("Add Volume");
      empty = _("No volumes");
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  section = g_new0 (AlListSection, 1);
  section->history = g_object_ref (history);
  section->component = g_object_ref (component);
  section->collection = collection;
  section->rows = g_ptr_array_new ();
  section->fields = g_ptr_array_new ();
  section->items = g_ptr_array_new_with_free_func (g_object_unref);
  section->modes = g_array_new (FALSE, FALSE, sizeof (VarMode));
  section->expanded = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  section->group = g_object_ref_sink (adw_preferences_group_new ());
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (section->group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (section->group), description);

  /* Icon only: the inspector is narrow, and the description needs room. */
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (add, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label,
                                  -1);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_START);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked), section);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (section->group), add);

  section->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (section->empty_row), empty);
  gtk_widget_add_css_class (section->empty_row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section->group), section->empty_row);

  rebuild (section, al_component_get_collection (section->component, collection));
  refresh_rows (section);
  return section;
}

void
al_list_section_free (AlListSection *section)
{
  if (section == NULL)
    return;
  g_clear_handle_id (&section->rebuild_id, g_source_remove);
  g_clear_object (&section->history);
  g_clear_object (&section->component);
  g_clear_object (&section->group);
  g_ptr_array_unref (section->rows);
  g_ptr_array_unref (section->fields);
  g_ptr_array_unref (section->items);
  g_array_unref (section->modes);
  g_hash_table_unref (section->expanded);
  g_free (section);
}

GtkWidget *
al_list_section_get_widget (AlListSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);
  return section->group;
}
