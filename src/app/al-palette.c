/* al-palette.c: the component palette, a searchable list of catalog entries */
#define G_LOG_DOMAIN "al-palette"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "al-palette.h"
#include "al-palette-catalog.h"
#include "al-resources.h"

#define DRAG_PREFIX "archlane-palette:"

/* One row of the list: an entry, or the heading of a category (entry
 * %NULL). Headings are rows of the same list, so the filter hides a
 * heading whose entries are all hidden. */
#define AL_TYPE_PALETTE_ROW (al_palette_row_get_type ())
G_DECLARE_FINAL_TYPE (AlPaletteRow, al_palette_row, AL, PALETTE_ROW, GObject)

struct _AlPaletteRow
{
  GObject               parent_instance;
  const AlPaletteEntry *entry;
  const char           *category;   /* translated; owned by the catalog */
};

G_DEFINE_FINAL_TYPE (AlPaletteRow, al_palette_row, G_TYPE_OBJECT)

static void
al_palette_row_class_init (AlPaletteRowClass *klass)
{
}

static void
al_palette_row_init (AlPaletteRow *self)
{
}

static AlPaletteRow *
al_palette_row_new (const AlPaletteEntry *entry, const char *category)
{
  AlPaletteRow *row = g_object_new (AL_TYPE_PALETTE_ROW, NULL);

  row->entry = entry;
  row->category = category;
  return row;
}

struct _AlPalette
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;

  GListStore         *rows;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *query;

  AlEditor           *editor;
};

G_DEFINE_FINAL_TYPE (AlPalette, al_palette, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

enum {
  ENTRY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
category_has_match (AlPalette *self, const char *category)
{
  for (guint i = 0; i < al_palette_catalog_get_n_entries (); i++)
    {
      const AlPaletteEntry *entry = al_palette_catalog_get_entry (i);

      if (g_str_equal (al_palette_entry_get_category (entry), category) &&
          al_palette_entry_matches (entry, self->query))
        return TRUE;
    }
  return FALSE;
}

static gboolean
row_filter_func (gpointer item, gpointer user_data)
{
  AlPalette *self = user_data;
  AlPaletteRow *row = item;

  if (row->entry != NULL)
    return al_palette_entry_matches (row->entry, self->query);
  return category_has_match (self, row->category);
}

/* The first position holding an entry (not a heading), or
 * GTK_INVALID_LIST_POSITION. */
static guint
first_entry_position (AlPalette *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlPaletteRow) row = g_list_model_get_item (model, i);

      if (row->entry != NULL)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
on_search_changed_cb (AlPalette *self, GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_strcmp0 (text, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (text);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_stack_set_visible_child_name (self->stack,
                                    first_entry_position (self) == GTK_INVALID_LIST_POSITION
                                    ? "empty" : "list");
}

/* Enter in the search field inserts the best match, as in other GNOME
 * pickers. */
static void
on_search_activate_cb (AlPalette *self, GtkSearchEntry *entry)
{
  g_autoptr (AlPaletteRow) row = NULL;
  guint position;

  /* Enter typed quickly comes before the search entry's delayed
   * "search-changed": filter now, or the match of the text before the
   * last keys would be inserted. */
  on_search_changed_cb (self, entry);
  position = first_entry_position (self);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, row->entry);
}

static void
on_stop_search_cb (AlPalette *self, GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
on_search_key_pressed_cb (AlPalette             *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  guint position;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  on_search_changed_cb (self, self->search_entry);
  position = first_entry_position (self);
  if (position == GTK_INVALID_LIST_POSITION)
    return GDK_EVENT_PROPAGATE;
  /* Scrolling to an item makes it the list's focus item, which
   * grabbing the focus then focuses. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GDK_EVENT_STOP;
}

static void
on_list_activate_cb (AlPalette *self, guint position, GtkListView *list_view)
{
  g_autoptr (AlPaletteRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (row != NULL && row->entry != NULL)
    g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, row->entry);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source, double x, double y, GtkWidget *widget)
{
  const AlPaletteEntry *entry = g_object_get_data (G_OBJECT (widget), "al-palette-entry");
  g_autofree char *payload = NULL;

  if (entry == NULL)
    return NULL;
  payload = g_strconcat (DRAG_PREFIX, al_palette_entry_get_id (entry), NULL);
  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static void
on_drag_begin_cb (GtkDragSource *source, GdkDrag *drag, GtkWidget *widget)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (widget), "al-entry-box");
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, paintable, 16, 16);
}

static void
on_factory_setup_cb (AlPalette *self, GtkListItem *item, GtkSignalListItemFactory *factory)
{
  /* A group, so that screen readers read the label set at bind. */
  GtkWidget *row = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *entry_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (row), heading);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 24);
  gtk_box_append (GTK_BOX (entry_box), icon);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (entry_box), texts);
  gtk_box_append (GTK_BOX (row), entry_box);

  g_object_set_data (G_OBJECT (row), "al-heading", heading);
  g_object_set_data (G_OBJECT (row), "al-entry-box", entry_box);
  g_object_set_data (G_OBJECT (row), "al-icon", icon);
  g_object_set_data (G_OBJECT (row), "al-title", title);
  g_object_set_data (G_OBJECT (row), "al-subtitle", subtitle);

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  gtk_list_item_set_child (item, row);
}

static void
on_factory_bind_cb (AlPalette *self, GtkListItem *item, GtkSignalListItemFactory *factory)
{
  AlPaletteRow *palette_row = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *heading = g_object_get_data (G_OBJECT (row), "al-heading");
  GtkWidget *entry_box = g_object_get_data (G_OBJECT (row), "al-entry-box");
  const AlPaletteEntry *entry = palette_row->entry;

  /* Also read by the UI test hooks to find where each entry is. */
  g_object_set_data (G_OBJECT (row), "al-palette-entry", (gpointer) entry);
  gtk_list_item_set_activatable (item, entry != NULL);
  gtk_list_item_set_selectable (item, entry != NULL);
  gtk_widget_set_visible (heading, entry == NULL);
  gtk_widget_set_visible (entry_box, entry != NULL);

  if (entry == NULL)
    {
      gtk_label_set_text (GTK_LABEL (heading), palette_row->category);
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, palette_row->category,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "",
                                      -1);
    }
  else
    {
      GtkWidget *icon = g_object_get_data (G_OBJECT (row), "al-icon");
      GtkWidget *title = g_object_get_data (G_OBJECT (row), "al-title");
      GtkWidget *subtitle = g_object_get_data (G_OBJECT (row), "al-subtitle");
      const char *image = al_palette_entry_get_image (entry);
      g_autofree char *label = NULL;

      /* The custom entry has no image yet; say what it is for instead. */
      if (*image == '\0')
        image = _("Your own image");
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), al_palette_entry_get_icon_name (entry));
      gtk_label_set_text (GTK_LABEL (title), al_palette_entry_get_title (entry));
      gtk_label_set_text (GTK_LABEL (subtitle), image);
      gtk_widget_set_tooltip_text (row, al_palette_entry_get_description (entry));
      label = g_strdup_printf ("%s, %s", al_palette_entry_get_title (entry), image);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      al_palette_entry_get_description (entry),
                                      -1);
    }
}

static void
al_palette_dispose (GObject *object)
{
  AlPalette *self = AL_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AL_TYPE_PALETTE);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (al_palette_parent_class)->dispose (object);
}

static void
al_palette_finalize (GObject *object)
{
  AlPalette *self = AL_PALETTE (object);

  g_free (self->query);

  G_OBJECT_CLASS (al_palette_parent_class)->finalize (object);
}

static void
al_palette_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlPalette *self = AL_PALETTE (object);

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
al_palette_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlPalette *self = AL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      al_palette_set_editor (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_palette_class_init (AlPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = al_palette_dispose;
  object_class->finalize = al_palette_finalize;
  object_class->get_property = al_palette_get_property;
  object_class->set_property = al_palette_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, AL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlPalette::entry-activated:
   * @entry: (type gpointer): the const AlPaletteEntry activated
   *
   * Enter or a double click on an entry, or Enter in the search field
   * (the first match).
   */
  signals[ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  (void) al_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/archlane/Archlane/al-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, AlPalette, box);
  gtk_widget_class_bind_template_child (widget_class, AlPalette, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlPalette, stack);
  gtk_widget_class_bind_template_child (widget_class, AlPalette, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "palette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
al_palette_init (AlPalette *self)
{
  GtkEventController *keys;
  const char *category = NULL;

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (AL_TYPE_PALETTE_ROW);
  for (guint i = 0; i < al_palette_catalog_get_n_entries (); i++)
    {
      const AlPaletteEntry *entry = al_palette_catalog_get_entry (i);
      const char *entry_category = al_palette_entry_get_category (entry);
      g_autoptr (AlPaletteRow) row = NULL;

      if (g_strcmp0 (category, entry_category) != 0)
        {
          g_autoptr (AlPaletteRow) heading = al_palette_row_new (NULL, entry_category);

          g_list_store_append (self->rows, heading);
          category = entry_category;
        }
      row = al_palette_row_new (entry, entry_category);
      g_list_store_append (self->rows, row);
    }

  self->filter = gtk_custom_filter_new (row_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* Created with autoselect, it already selected the first row. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Typing anywhere in the palette goes to the search field. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWidget *
al_palette_new (void)
{
  return g_object_new (AL_TYPE_PALETTE, NULL);
}

void
al_palette_set_editor (AlPalette *self, AlEditor *editor)
{
  g_return_if_fail (AL_IS_PALETTE (self));
  g_return_if_fail (editor == NULL || AL_IS_EDITOR (editor));

  if (g_set_object (&self->editor, editor))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

void
al_palette_focus_search (AlPalette *self)
{
  g_return_if_fail (AL_IS_PALETTE (self));

  /* Selecting the text lets the next search replace the last one. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

AlEditor *
al_palette_get_editor (AlPalette *self)
{
  g_return_val_if_fail (AL_IS_PALETTE (self), NULL);
  return self->editor;
}
