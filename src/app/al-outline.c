/* al-outline.c: the components of the document grouped by lane */
#define G_LOG_DOMAIN "al-outline"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "al-outline.h"
#include "al-theme.h"
#include "al-resources.h"

typedef enum
{
  ROW_LANE,
  ROW_COMPONENT,
  ROW_UNKNOWN_LANE,   /* heading of the components whose lane does not exist */
} RowKind;

/* One row of the flat list. Rows are kept per item across rebuilds, and
 * hold only what the texts derive from; the texts are made when a row is
 * bound, so an edit costs a pointer walk over the rows plus the work for
 * the few rows on screen ("changed" updates their widgets in place, which
 * also keeps the selection and keyboard focus). */
#define AL_TYPE_OUTLINE_ROW (al_outline_row_get_type ())
G_DECLARE_FINAL_TYPE (AlOutlineRow, al_outline_row, AL, OUTLINE_ROW, GObject)

struct _AlOutlineRow
{
  GObject  parent_instance;
  RowKind  kind;
  gpointer item;            /* AlLane or AlComponent, a reference; NULL for a heading */
  AlLane  *lane;            /* a component's lane, a reference; NULL if unknown */
  guint    n_components;    /* of a lane */
  guint    n_errors;
  guint    n_warnings;
};

G_DEFINE_FINAL_TYPE (AlOutlineRow, al_outline_row, G_TYPE_OBJECT)

static guint row_changed_signal;

static void
al_outline_row_finalize (GObject *object)
{
  AlOutlineRow *self = AL_OUTLINE_ROW (object);

  g_clear_object (&self->item);
  g_clear_object (&self->lane);

  G_OBJECT_CLASS (al_outline_row_parent_class)->finalize (object);
}

static void
al_outline_row_class_init (AlOutlineRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = al_outline_row_finalize;
  row_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
al_outline_row_init (AlOutlineRow *self)
{
}

static AlOutlineRow *
al_outline_row_new (RowKind kind, gpointer item)
{
  AlOutlineRow *row = g_object_new (AL_TYPE_OUTLINE_ROW, NULL);

  row->kind = kind;
  row->item = item != NULL ? g_object_ref (item) : NULL;
  return row;
}

/* Names, labels and counts may all have changed without the row's fields
 * changing, so bound widgets always refresh; unbound rows have no
 * handler, which makes the emission cheap. */
static void
al_outline_row_update (AlOutlineRow *row,
                       AlLane       *lane,
                       guint         n_components,
                       const guint  *counts)
{
  g_set_object (&row->lane, lane);
  row->n_components = n_components;
  row->n_errors = counts != NULL ? counts[0] : 0;
  row->n_warnings = counts != NULL ? counts[1] : 0;
  g_signal_emit (row, row_changed_signal, 0);
}

struct _AlOutline
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkListView        *list_view;

  GListStore         *rows;
  GtkSingleSelection *selection;
  GHashTable         *row_by_item;    /* item → AlOutlineRow (reference) */
  GHashTable         *position_by_item; /* item → position + 1 */
  GHashTable         *counts;         /* subject id → guint[2] errors, warnings */
  AlOutlineRow       *unknown_lane_heading;

  AlEditor           *editor;
  AlDocument         *document;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (AlOutline, al_outline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

enum {
  REVEAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
describe_problems (guint n_errors, guint n_warnings)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;

  if (n_errors > 0)
    errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                              n_errors);
  if (n_warnings > 0)
    warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                             n_warnings),
                                n_warnings);
  if (errors != NULL && warnings != NULL)
    /* Translators: "2 errors, 1 warning" */
    return g_strdup_printf (_("%s, %s"), errors, warnings);
  if (errors != NULL)
    return g_steal_pointer (&errors);
  return g_steal_pointer (&warnings);
}

static const char *
lane_label (AlLane *lane)
{
  const char *label = al_lane_get_label (lane);

  return label != NULL && *label != '\0' ? label : al_lane_get_arch (lane);
}

/* The texts of @row: its title, a dimmed subtitle (or %NULL) and the
 * label read by assistive technology. */
static void
row_texts (AlOutlineRow *row, char **title, char **subtitle, char **accessible)
{
  g_autofree char *problems = describe_problems (row->n_errors, row->n_warnings);
  g_autofree char *base = NULL;

  if (row->kind == ROW_LANE)
    {
      AlLane *lane = row->item;
      const char *arch = al_lane_get_arch (lane);

      *title = g_strdup (lane_label (lane));
      *subtitle = g_strdup_printf ("%s · %u", arch, row->n_components);
      base = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: lane label, arch, number of components */
                                           "Lane %s (%s), %u component",
                                           "Lane %s (%s), %u components", row->n_components),
                              lane_label (lane), arch, row->n_components);
    }
  else if (row->kind == ROW_COMPONENT)
    {
      AlComponent *component = row->item;
      const char *name = al_component_get_name (component);
      const char *display_name = al_component_get_display_name (component);
      g_autofree char *lane_text = NULL;

      if (row->lane != NULL)
        /* Translators: the lane of a component, "lane x86_64 (amd64)" */
        lane_text = g_strdup_printf (_("lane %s (%s)"), lane_label (row->lane),
                                     al_lane_get_arch (row->lane));
      else
        lane_text = g_strdup (_("unknown lane"));
      if (display_name == NULL || *display_name == '\0' || g_str_equal (display_name, name))
        {
          *title = g_strdup (name);
          *subtitle = NULL;
          base = g_strdup_printf ("%s, %s", name, lane_text);
        }
      else
        {
          *title = g_strdup (display_name);
          *subtitle = g_strdup (name);
          base = g_strdup_printf ("%s, %s, %s", name, display_name, lane_text);
        }
    }
  else
    {
      *title = g_strdup (_("Unknown lane"));
      *subtitle = NULL;
      base = g_strdup (_("Components on a lane that does not exist"));
    }
  *accessible = problems != NULL ? g_strdup_printf ("%s, %s", base, problems)
                                 : g_steal_pointer (&base);
}

static AlOutlineRow *
ensure_row (AlOutline *self, GHashTable *old_rows, RowKind kind, gpointer item)
{
  AlOutlineRow *row = NULL;

  if (item == NULL)
    {
      if (self->unknown_lane_heading == NULL)
        self->unknown_lane_heading = al_outline_row_new (kind, NULL);
      return self->unknown_lane_heading;
    }
  if (old_rows != NULL)
    row = g_hash_table_lookup (old_rows, item);
  if (row == NULL)
    row = al_outline_row_new (kind, item);
  else
    g_object_ref (row);
  g_hash_table_insert (self->row_by_item, item, g_object_ref (row));
  return row;
}

/* Replaces the store's content by @rows (a GPtrArray of AlOutlineRow),
 * touching only the range between the common prefix and suffix, so an
 * edit that keeps the structure emits no items-changed at all. */
static void
splice_rows (AlOutline *self, GPtrArray *rows)
{
  GListModel *model = G_LIST_MODEL (self->rows);
  guint old_n = g_list_model_get_n_items (model);
  guint new_n = rows->len;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < old_n && prefix < new_n)
    {
      g_autoptr (AlOutlineRow) old = g_list_model_get_item (model, prefix);

      if (old != g_ptr_array_index (rows, prefix))
        break;
      prefix++;
    }
  while (suffix < old_n - prefix && suffix < new_n - prefix)
    {
      g_autoptr (AlOutlineRow) old = g_list_model_get_item (model, old_n - 1 - suffix);

      if (old != g_ptr_array_index (rows, new_n - 1 - suffix))
        break;
      suffix++;
    }
  if (prefix == old_n && prefix == new_n)
    return;
  g_list_store_splice (self->rows, prefix, old_n - prefix - suffix,
                       rows->pdata + prefix, new_n - prefix - suffix);
}

static void select_focus_item (AlOutline *self);

static void
rebuild (AlOutline *self)
{
  g_autoptr (GHashTable) old_rows = g_steal_pointer (&self->row_by_item);
  g_autoptr (GHashTable) by_lane = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) orphans = g_ptr_array_new ();
  GListModel *lanes;
  GListModel *components;
  guint n_lanes;
  guint n_components;

  self->row_by_item = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_hash_table_remove_all (self->position_by_item);
  if (self->document == NULL)
    {
      splice_rows (self, rows);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  lanes = al_document_get_lanes (self->document);
  components = al_document_get_components (self->document);
  n_lanes = g_list_model_get_n_items (lanes);
  n_components = g_list_model_get_n_items (components);

  for (guint i = 0; i < n_lanes; i++)
    {
      AlLane *lane = g_list_model_get_item (lanes, i);

      if (al_lane_get_id (lane) != NULL && !g_hash_table_contains (by_lane, al_lane_get_id (lane)))
        g_hash_table_insert (by_lane, (gpointer) al_lane_get_id (lane), g_ptr_array_new ());
      g_object_unref (lane);
    }
  for (guint i = 0; i < n_components; i++)
    {
      AlComponent *component = g_list_model_get_item (components, i);
      const char *lane_id = al_component_get_lane (component);
      GPtrArray *members = lane_id != NULL ? g_hash_table_lookup (by_lane, lane_id) : NULL;

      g_ptr_array_add (members != NULL ? members : orphans, component);
      g_object_unref (component);
    }

  for (guint i = 0; i < n_lanes; i++)
    {
      g_autoptr (AlLane) lane = g_list_model_get_item (lanes, i);
      GPtrArray *members = al_lane_get_id (lane) != NULL
                           ? g_hash_table_lookup (by_lane, al_lane_get_id (lane)) : NULL;
      AlOutlineRow *lane_row;

      lane_row = ensure_row (self, old_rows, ROW_LANE, lane);
      al_outline_row_update (lane_row, NULL, members != NULL ? members->len : 0,
                             al_lane_get_id (lane) != NULL
                             ? g_hash_table_lookup (self->counts, al_lane_get_id (lane)) : NULL);
      g_ptr_array_add (rows, lane_row);
      for (guint j = 0; members != NULL && j < members->len; j++)
        {
          AlComponent *component = members->pdata[j];
          AlOutlineRow *row = ensure_row (self, old_rows, ROW_COMPONENT, component);

          al_outline_row_update (row, lane, 0,
                                 g_hash_table_lookup (self->counts, al_component_get_id (component)));
          g_ptr_array_add (rows, row);
        }
      /* Two lanes with one id (an error validation reports) would share
       * their components; they are listed under the first. */
      if (members != NULL)
        g_ptr_array_set_size (members, 0);
    }
  if (orphans->len > 0)
    {
      AlOutlineRow *heading = ensure_row (self, NULL, ROW_UNKNOWN_LANE, NULL);

      al_outline_row_update (heading, NULL, orphans->len, NULL);
      g_ptr_array_add (rows, g_object_ref (heading));
      for (guint j = 0; j < orphans->len; j++)
        {
          AlComponent *component = orphans->pdata[j];
          AlOutlineRow *row = ensure_row (self, old_rows, ROW_COMPONENT, component);

          al_outline_row_update (row, NULL, 0,
                                 g_hash_table_lookup (self->counts, al_component_get_id (component)));
          g_ptr_array_add (rows, row);
        }
    }

  for (guint i = 0; i < rows->len; i++)
    {
      AlOutlineRow *row = rows->pdata[i];

      if (row->item != NULL)
        g_hash_table_insert (self->position_by_item, row->item, GUINT_TO_POINTER (i + 1));
    }

  self->syncing = TRUE;
  splice_rows (self, rows);
  self->syncing = FALSE;
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
  select_focus_item (self);
}

static void
update_counts (AlOutline *self)
{
  GPtrArray *diagnostics;

  g_hash_table_remove_all (self->counts);
  if (self->editor == NULL)
    return;
  diagnostics = al_editor_get_diagnostics (self->editor);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      AlDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      guint *counts = g_hash_table_lookup (self->counts, diagnostic->subject);

      if (counts == NULL)
        {
          counts = g_new0 (guint, 2);
          g_hash_table_insert (self->counts, g_strdup (diagnostic->subject), counts);
        }
      counts[diagnostic->severity == AL_SEVERITY_ERROR ? 0 : 1]++;
    }
}

static void
on_document_changed_cb (AlOutline *self, AlDocument *document)
{
  rebuild (self);
}

/* The lane swatches follow the light or dark canvas colours. */
static void
on_dark_changed_cb (AlOutline *self, GParamSpec *pspec, AdwStyleManager *style_manager)
{
  rebuild (self);
}

static void
on_diagnostics_changed_cb (AlOutline *self, AlEditor *editor)
{
  update_counts (self);
  rebuild (self);
}

static guint
position_of (AlOutline *self, gpointer item)
{
  gpointer value = g_hash_table_lookup (self->position_by_item, item);

  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : GTK_INVALID_LIST_POSITION;
}

/* Follows the editor: its single selected component becomes the selected
 * row; anything else unselects a component row. */
static void
select_focus_item (AlOutline *self)
{
  gpointer focus = self->editor != NULL ? al_editor_get_focus_item (self->editor) : NULL;
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint position = GTK_INVALID_LIST_POSITION;

  if (focus != NULL && AL_IS_COMPONENT (focus))
    position = position_of (self, focus);
  if (position == selected)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autoptr (AlOutlineRow) row = NULL;

      /* A lane row stays selected while the canvas selects nothing. */
      if (selected != GTK_INVALID_LIST_POSITION)
        row = g_list_model_get_item (G_LIST_MODEL (self->rows), selected);
      if (row != NULL && row->kind != ROW_COMPONENT && focus == NULL &&
          (self->editor == NULL || g_hash_table_size (al_editor_get_selection_set (self->editor)) == 0))
        return;
    }

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
on_editor_selection_changed_cb (AlOutline *self, AlEditor *editor)
{
  if (!self->syncing)
    select_focus_item (self);
}

static void
on_selection_changed_cb (AlOutline *self, guint position, guint n_items, GtkSelectionModel *model)
{
  g_autoptr (AlOutlineRow) row = NULL;

  if (self->syncing || self->editor == NULL)
    return;
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return;
  g_object_ref (row);
  self->syncing = TRUE;
  if (row->kind == ROW_COMPONENT)
    al_editor_select (self->editor, row->item, AL_SELECT_REPLACE);
  else
    al_editor_select (self->editor, NULL, AL_SELECT_REPLACE);
  self->syncing = FALSE;
}

static void
on_list_activate_cb (AlOutline *self, guint position, GtkListView *list_view)
{
  g_autoptr (AlOutlineRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row == NULL || row->item == NULL)
    return;
  if (self->editor != NULL && row->kind == ROW_COMPONENT)
    {
      self->syncing = TRUE;
      al_editor_select (self->editor, row->item, AL_SELECT_REPLACE);
      self->syncing = FALSE;
    }
  g_signal_emit (self, signals[REVEAL], 0, row->item);
}

/* Row widgets */

static void
sync_row_widget (GtkWidget *widget, AlOutlineRow *row)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (widget), "al-icon");
  GtkWidget *swatch = g_object_get_data (G_OBJECT (widget), "al-swatch");
  GtkWidget *title = g_object_get_data (G_OBJECT (widget), "al-title");
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (widget), "al-subtitle");
  GtkWidget *status = g_object_get_data (G_OBJECT (widget), "al-status");
  gboolean heading = row->kind != ROW_COMPONENT;
  g_autofree char *problems = describe_problems (row->n_errors, row->n_warnings);
  g_autofree char *title_text = NULL;
  g_autofree char *subtitle_text = NULL;
  g_autofree char *accessible = NULL;

  row_texts (row, &title_text, &subtitle_text, &accessible);

  gtk_widget_set_margin_start (widget, heading ? 0 : 18);
  gtk_widget_set_visible (icon, row->kind == ROW_UNKNOWN_LANE);
  gtk_widget_set_visible (swatch, row->kind == ROW_LANE);
  if (row->kind == ROW_LANE)
    {
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
      GdkRGBA *color = g_new (GdkRGBA, 1);

      al_theme_get_arch_color (dark ? al_theme_get_dark () : al_theme_get_light (),
                               al_lane_get_arch (row->item), color);
      g_object_set_data_full (G_OBJECT (swatch), "al-color", color, g_free);
      gtk_widget_queue_draw (swatch);
    }
  gtk_label_set_text (GTK_LABEL (title), title_text);
  if (heading)
    gtk_widget_add_css_class (title, "heading");
  else
    gtk_widget_remove_css_class (title, "heading");
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
  gtk_widget_set_visible (subtitle, subtitle_text != NULL);
  gtk_widget_set_visible (status, problems != NULL);
  if (problems != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (status), row->n_errors > 0 ? "dialog-error-symbolic"
                                                                          : "dialog-warning-symbolic");
      gtk_widget_remove_css_class (status, row->n_errors > 0 ? "warning" : "error");
      gtk_widget_add_css_class (status, row->n_errors > 0 ? "error" : "warning");
    }
  gtk_widget_set_tooltip_text (widget, problems);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
on_row_changed_cb (AlOutlineRow *row, GtkWidget *widget)
{
  sync_row_widget (widget, row);
}

/* The lane's arch colour, as on the canvas, so the two are easy to match. */
static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  const GdkRGBA *color = g_object_get_data (G_OBJECT (area), "al-color");
  double radius = MIN (width, height) / 2.0;

  if (color == NULL)
    return;
  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
on_factory_setup_cb (AlOutline *self, GtkListItem *item, GtkSignalListItemFactory *factory)
{
  /* A group, so that screen readers read the label set at bind. */
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "spacing", 6,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-question-symbolic");
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *status = gtk_image_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (subtitle, TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, NULL, NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (box), status);

  g_object_set_data (G_OBJECT (box), "al-icon", icon);
  g_object_set_data (G_OBJECT (box), "al-swatch", swatch);
  g_object_set_data (G_OBJECT (box), "al-title", title);
  g_object_set_data (G_OBJECT (box), "al-subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "al-status", status);
  gtk_list_item_set_child (item, box);
}

static void
on_factory_bind_cb (AlOutline *self, GtkListItem *item, GtkSignalListItemFactory *factory)
{
  AlOutlineRow *row = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_list_item_get_child (item);

  gtk_list_item_set_activatable (item, row->item != NULL);
  gtk_list_item_set_selectable (item, row->item != NULL);
  sync_row_widget (widget, row);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed_cb), widget, 0);
}

static void
on_factory_unbind_cb (AlOutline *self, GtkListItem *item, GtkSignalListItemFactory *factory)
{
  AlOutlineRow *row = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_list_item_get_child (item);

  g_signal_handlers_disconnect_by_func (row, on_row_changed_cb, widget);
}

/* GObject */

static void
al_outline_dispose (GObject *object)
{
  AlOutline *self = AL_OUTLINE (object);

  al_outline_set_editor (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AL_TYPE_OUTLINE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->unknown_lane_heading);
  g_clear_pointer (&self->row_by_item, g_hash_table_unref);
  g_clear_pointer (&self->position_by_item, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);

  G_OBJECT_CLASS (al_outline_parent_class)->dispose (object);
}

static void
al_outline_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlOutline *self = AL_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_outline_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlOutline *self = AL_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      al_outline_set_editor (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_outline_class_init (AlOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = al_outline_dispose;
  object_class->get_property = al_outline_get_property;
  object_class->set_property = al_outline_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, AL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlOutline::reveal:
   * @item: (type gpointer): the AlLane or AlComponent of the activated row
   */
  signals[REVEAL] =
    g_signal_new ("reveal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  (void) al_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/archlane/Archlane/al-outline.ui");
  gtk_widget_class_bind_template_child (widget_class, AlOutline, stack);
  gtk_widget_class_bind_template_child (widget_class, AlOutline, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outline");
}

static void
al_outline_init (AlOutline *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (AL_TYPE_OUTLINE_ROW);
  self->row_by_item = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->position_by_item = g_hash_table_new (NULL, NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* Created with autoselect, it already selected the first row. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "empty");
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
al_outline_new (void)
{
  return g_object_new (AL_TYPE_OUTLINE, NULL);
}

void
al_outline_set_editor (AlOutline *self, AlEditor *editor)
{
  g_return_if_fail (AL_IS_OUTLINE (self));
  g_return_if_fail (editor == NULL || AL_IS_EDITOR (editor));

  if (self->editor == editor)
    return;

  if (self->editor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->editor, self);
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_object (&self->document);
    }
  g_set_object (&self->editor, editor);
  if (editor != NULL)
    {
      self->document = g_object_ref (al_editor_get_document (editor));
      g_signal_connect_object (self->document, "changed",
                               G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (editor, "diagnostics-changed",
                               G_CALLBACK (on_diagnostics_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (editor, "selection-changed",
                               G_CALLBACK (on_editor_selection_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Dispose runs with the hash tables already gone. */
  if (self->counts != NULL)
    {
      update_counts (self);
      rebuild (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

AlEditor *
al_outline_get_editor (AlOutline *self)
{
  g_return_val_if_fail (AL_IS_OUTLINE (self), NULL);
  return self->editor;
}
