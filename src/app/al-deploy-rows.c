/* al-deploy-rows.c: one row per object in the deploy dialog's lists */
#include <glib/gi18n.h>

#include "al-deploy-rows.h"

struct _AlDeployRow
{
  GObject parent_instance;

  char *label;
  AlDeployRowState state;
  char *detail;
};

G_DEFINE_FINAL_TYPE (AlDeployRow, al_deploy_row, G_TYPE_OBJECT)

static guint changed_signal;

static void
al_deploy_row_finalize (GObject *object)
{
  AlDeployRow *self = AL_DEPLOY_ROW (object);

  g_free (self->label);
  g_free (self->detail);
  G_OBJECT_CLASS (al_deploy_row_parent_class)->finalize (object);
}

static void
al_deploy_row_class_init (AlDeployRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = al_deploy_row_finalize;
  changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
al_deploy_row_init (AlDeployRow *self)
{
}

AlDeployRow *
al_deploy_row_new (const char *label, AlDeployRowState state, const char *detail)
{
  AlDeployRow *self = g_object_new (AL_TYPE_DEPLOY_ROW, NULL);

  self->label = g_strdup (label);
  self->state = state;
  self->detail = g_strdup (detail);
  return self;
}

const char *
al_deploy_row_get_label (AlDeployRow *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_ROW (self), NULL);
  return self->label;
}

AlDeployRowState
al_deploy_row_get_state (AlDeployRow *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_ROW (self), AL_DEPLOY_ROW_UNKNOWN);
  return self->state;
}

const char *
al_deploy_row_get_detail (AlDeployRow *self)
{
  g_return_val_if_fail (AL_IS_DEPLOY_ROW (self), NULL);
  return self->detail;
}

void
al_deploy_row_set (AlDeployRow *self, AlDeployRowState state, const char *detail)
{
  g_return_if_fail (AL_IS_DEPLOY_ROW (self));

  if (self->state == state && g_strcmp0 (self->detail, detail) == 0)
    return;
  self->state = state;
  g_free (self->detail);
  self->detail = g_strdup (detail);
  g_signal_emit (self, changed_signal, 0);
}

/* The factory ------------------------------------------------------------------ */

static void
state_look (AlDeployRowState state, const char **icon, const char **text, const char **css)
{
  *css = NULL;
  switch (state)
    {
    case AL_DEPLOY_ROW_PENDING:
      *icon = "content-loading-symbolic";
      *text = _("pending");
      *css = "dim-label";
      break;
    case AL_DEPLOY_ROW_CREATE:
      *icon = "list-add-symbolic";
      *text = _("to create");
      *css = "success";
      break;
    case AL_DEPLOY_ROW_CHANGE:
      *icon = "document-edit-symbolic";
      *text = _("to change");
      *css = "warning";
      break;
    case AL_DEPLOY_ROW_UNCHANGED:
      *icon = "object-select-symbolic";
      *text = _("unchanged");
      *css = "dim-label";
      break;
    case AL_DEPLOY_ROW_PRUNE:
      *icon = "user-trash-symbolic";
      *text = _("to delete (prune)");
      *css = "error";
      break;
    case AL_DEPLOY_ROW_APPLIED:
      *icon = "emblem-ok-symbolic";
      *text = _("applied");
      *css = "success";
      break;
    case AL_DEPLOY_ROW_DELETED:
      *icon = "user-trash-full-symbolic";
      *text = _("deleted");
      break;
    case AL_DEPLOY_ROW_FAILED:
      *icon = "dialog-error-symbolic";
      *text = _("failed");
      *css = "error";
      break;
    case AL_DEPLOY_ROW_UNKNOWN:
    default:
      *icon = "dialog-warning-symbolic";
      *text = _("unknown");
      *css = "dim-label";
      break;
    }
}

typedef struct
{
  GtkImage *icon;
  GtkLabel *label;
  GtkLabel *state;
  GtkLabel *detail;
  AlDeployRow *row;  /* bound */
} RowWidgets;

static void
update_widgets (RowWidgets *widgets)
{
  static const char *const classes[] = { "dim-label", "success", "warning", "error" };
  AlDeployRow *row = widgets->row;
  const char *icon, *text, *css;

  gboolean outcome = (row->state == AL_DEPLOY_ROW_APPLIED || row->state == AL_DEPLOY_ROW_DELETED)
                     && row->detail != NULL && *row->detail != '\0';

  state_look (row->state, &icon, &text, &css);
  /* What the server did ("created", "unchanged (dry run)") says more than "applied". */
  if (outcome)
    text = row->detail;
  gtk_image_set_from_icon_name (widgets->icon, icon);
  gtk_label_set_text (widgets->label, row->label);
  gtk_label_set_text (widgets->state, text);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      gboolean on = g_strcmp0 (css, classes[i]) == 0;

      if (on)
        {
          gtk_widget_add_css_class (GTK_WIDGET (widgets->icon), classes[i]);
          gtk_widget_add_css_class (GTK_WIDGET (widgets->state), classes[i]);
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (widgets->icon), classes[i]);
          gtk_widget_remove_css_class (GTK_WIDGET (widgets->state), classes[i]);
        }
    }
  gtk_label_set_text (widgets->detail, row->detail != NULL ? row->detail : "");
  gtk_widget_set_visible (GTK_WIDGET (widgets->detail),
                          !outcome && row->detail != NULL && *row->detail != '\0');
  if (row->state == AL_DEPLOY_ROW_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (widgets->detail), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widgets->detail), "error");
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  RowWidgets *widgets = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  widgets->icon = GTK_IMAGE (gtk_image_new ());
  widgets->label = GTK_LABEL (gtk_label_new (NULL));
  widgets->state = GTK_LABEL (gtk_label_new (NULL));
  widgets->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (widgets->label, 0);
  gtk_label_set_ellipsize (widgets->label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (GTK_WIDGET (widgets->label), TRUE);
  gtk_label_set_xalign (widgets->detail, 0);
  gtk_label_set_wrap (widgets->detail, TRUE);
  gtk_label_set_wrap_mode (widgets->detail, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (widgets->detail, FALSE);
  gtk_widget_set_margin_start (GTK_WIDGET (widgets->detail), 24);
  gtk_widget_add_css_class (GTK_WIDGET (widgets->detail), "caption");
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (widgets->icon));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (widgets->label));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (widgets->state));
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (widgets->detail));
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  g_object_set_data_full (G_OBJECT (box), "al-row-widgets", widgets, g_free);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_row_changed (AlDeployRow *row, RowWidgets *widgets)
{
  update_widgets (widgets);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "al-row-widgets");

  widgets->row = gtk_list_item_get_item (item);
  g_signal_connect (widgets->row, "changed", G_CALLBACK (on_row_changed), widgets);
  update_widgets (widgets);
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "al-row-widgets");

  if (widgets->row != NULL)
    g_signal_handlers_disconnect_by_data (widgets->row, widgets);
  widgets->row = NULL;
}

GtkListItemFactory *
al_deploy_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  return factory;
}
