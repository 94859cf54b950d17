/* al-export-page.c: the exported picture — background, title block, the
 * scene as the canvas draws it, and the legend */
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "al-bezier.h"
#include "al-document-io.h"
#include "al-export-private.h"
#include "al-render-private.h"

#define MARGIN         32.0
#define TITLE_SIZE     22.0
#define SUBTITLE_SIZE  13.0
#define TITLE_GAP      20.0   /* between the title block and the scene */
#define LEGEND_GAP     24.0   /* between the scene and the legend */
#define LEGEND_SIZE    13.0
#define LEGEND_ROW     24.0
#define SWATCH         14.0
#define COLUMN_GAP     20.0
#define SAMPLE_WIDTH   56.0
#define SELECTION_PAD  AL_SCENE_LANE_PADDING

typedef struct
{
  const AlTheme *theme;
  PangoContext  *pango;
  GtkSnapshot   *snapshot;
} Painter;

static PangoLayout *
make_layout (Painter *painter, const char *text, double size, gboolean bold)
{
  PangoLayout *layout = pango_layout_new (painter->pango);
  PangoFontDescription *font = pango_font_description_from_string (painter->theme->font_family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  al_glyph_map_note_layout (layout);
  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return height;
}

/* Draws @layout with its top-left corner at (@x, @y). */
static void
draw_layout (Painter *painter, PangoLayout *layout, double x, double y, const GdkRGBA *color)
{
  gtk_snapshot_save (painter->snapshot);
  gtk_snapshot_translate (painter->snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (painter->snapshot, layout, color);
  gtk_snapshot_restore (painter->snapshot);
}

/* Draws @layout vertically centred on @middle. */
static void
draw_layout_centred (Painter *painter, PangoLayout *layout, double x, double middle,
                     const GdkRGBA *color)
{
  draw_layout (painter, layout, x, middle - layout_height (layout) / 2.0, color);
}

/* ---- the title block --------------------------------------------------- */

typedef struct
{
  PangoLayout *title;
  PangoLayout *subtitle;
  double       width;
  double       height;
} TitleBlock;

static char *
dup_subtitle (AlDocument *document, GDateTime *date, gboolean show_name)
{
  GListModel *components = al_document_get_components (document);
  GListModel *dependencies = al_document_get_dependencies (document);
  guint n_components = g_list_model_get_n_items (components);
  guint n_dependencies = g_list_model_get_n_items (dependencies);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");
  const char *name = al_document_get_name (document);

  if (show_name && name != NULL && *name != '\0')
    g_string_append_printf (text, "%s · ", name);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u component", "%u components",
                                             n_components),
                          n_components);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u dependency", "%u dependencies",
                                             n_dependencies),
                          n_dependencies);
  /* TRANSLATORS: the end of the title block of an exported image; %s is
   * the date, as 2026-11-25 */
  g_string_append_printf (text, _(" · Archlane, %s"), day);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_title (AlDocument *document)
{
  const char *display_name = al_document_get_display_name (document);
  const char *name = al_document_get_name (document);

  if (display_name != NULL && *display_name != '\0')
    return g_strdup (display_name);
  if (name != NULL && *name != '\0')
    return g_strdup (name);
  return g_strdup (_("Untitled application"));
}

static void
title_block_init (TitleBlock *block, Painter *painter, AlDocument *document,
                  const char *title, GDateTime *date)
{
  const char *display_name = al_document_get_display_name (document);
  g_autofree char *subtitle = NULL;

  subtitle = dup_subtitle (document, date, display_name != NULL && *display_name != '\0');
  block->title = make_layout (painter, title, TITLE_SIZE, TRUE);
  block->subtitle = make_layout (painter, subtitle, SUBTITLE_SIZE, FALSE);
  block->width = MAX (layout_width (block->title), layout_width (block->subtitle));
  block->height = layout_height (block->title) + 4.0 + layout_height (block->subtitle);
}

static void
title_block_draw (TitleBlock *block, Painter *painter, double x, double y)
{
  draw_layout (painter, block->title, x, y, &painter->theme->text);
  draw_layout (painter, block->subtitle, x, y + layout_height (block->title) + 4.0,
               &painter->theme->text_dim);
}

static void
title_block_clear (TitleBlock *block)
{
  g_clear_object (&block->title);
  g_clear_object (&block->subtitle);
}

/* ---- the legend -------------------------------------------------------- */

typedef struct
{
  GdkRGBA      color;
  PangoLayout *label;
  PangoLayout *arch;
  PangoLayout *count;
} LegendLane;

typedef enum
{
  SAMPLE_SAME_ARCH,
  SAMPLE_CROSS_ARCH,
  SAMPLE_NO_WAIT,
  N_SAMPLES
} SampleKind;

typedef struct
{
  PangoLayout *heading;
  GArray      *lanes;               /* LegendLane */
  PangoLayout *samples[N_SAMPLES];
  PangoLayout *cross_count;
  guint        n_cross;
  double       label_width, arch_width, count_width, sample_width;
  double       width, height;
} Legend;

static void
legend_lane_clear (gpointer data)
{
  LegendLane *lane = data;

  g_clear_object (&lane->label);
  g_clear_object (&lane->arch);
  g_clear_object (&lane->count);
}

static void
legend_init (Legend *legend, Painter *painter, AlScene *scene)
{
  static const char *const sample_texts[N_SAMPLES] = {
    N_("Dependency within one architecture"),
    N_("Cross-architecture dependency"),
    N_("Does not wait for its provider at start-up"),
  };
  guint n_lanes = al_scene_get_n_lanes (scene);
  guint n_cross = 0;
  g_autofree char *cross_text = NULL;
  double lanes_width, samples_width;
  guint n_rows;

  memset (legend, 0, sizeof *legend);
  legend->heading = make_layout (painter, _("Legend"), LEGEND_SIZE, TRUE);
  legend->lanes = g_array_new (FALSE, TRUE, sizeof (LegendLane));
  g_array_set_clear_func (legend->lanes, legend_lane_clear);
  for (guint i = 0; i < n_lanes; i++)
    {
      const AlSceneLane *scene_lane = al_scene_get_lane (scene, i);
      const char *label = al_lane_get_label (scene_lane->lane);
      const char *arch = al_lane_get_arch (scene_lane->lane);
      g_autofree char *count = NULL;
      LegendLane lane = { 0 };

      al_theme_get_arch_color (painter->theme, arch, &lane.color);
      lane.label = make_layout (painter, label != NULL && *label != '\0' ? label : arch,
                                LEGEND_SIZE, TRUE);
      lane.arch = make_layout (painter, arch, LEGEND_SIZE, FALSE);
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u component", "%u components",
                                            scene_lane->n_components),
                               scene_lane->n_components);
      lane.count = make_layout (painter, count, LEGEND_SIZE, FALSE);
      legend->label_width = MAX (legend->label_width, layout_width (lane.label));
      legend->arch_width = MAX (legend->arch_width, layout_width (lane.arch));
      legend->count_width = MAX (legend->count_width, layout_width (lane.count));
      g_array_append_val (legend->lanes, lane);
    }

  for (guint i = 0; i < al_scene_get_n_edges (scene); i++)
    if (al_scene_get_edge (scene, i)->cross_arch)
      n_cross++;
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      legend->samples[i] = make_layout (painter, _(sample_texts[i]), LEGEND_SIZE, FALSE);
      legend->sample_width = MAX (legend->sample_width, layout_width (legend->samples[i]));
    }
  cross_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u cross-architecture dependency in this picture",
                                             "%u cross-architecture dependencies in this picture",
                                             n_cross),
                                n_cross);
  legend->cross_count = make_layout (painter, cross_text, LEGEND_SIZE, TRUE);
  legend->n_cross = n_cross;
  legend->sample_width = MAX (legend->sample_width,
                              layout_width (legend->cross_count) - SAMPLE_WIDTH - 10.0);

  lanes_width = n_lanes > 0 ? SWATCH + 8.0 + legend->label_width + COLUMN_GAP + legend->arch_width
                                + COLUMN_GAP + legend->count_width
                            : 0.0;
  samples_width = SAMPLE_WIDTH + 10.0 + legend->sample_width;
  legend->width = MAX (layout_width (legend->heading),
                       lanes_width + (n_lanes > 0 ? 2 * COLUMN_GAP : 0.0) + samples_width);
  n_rows = MAX (n_lanes, N_SAMPLES + 1);
  legend->height = layout_height (legend->heading) + 8.0 + n_rows * LEGEND_ROW;
}

static void
legend_clear (Legend *legend)
{
  g_clear_object (&legend->heading);
  g_clear_pointer (&legend->lanes, g_array_unref);
  for (guint i = 0; i < N_SAMPLES; i++)
    g_clear_object (&legend->samples[i]);
  g_clear_object (&legend->cross_count);
}

/* A short edge as the canvas draws one: a stroke ending in an arrowhead. */
static void
draw_sample_edge (Painter *painter, double x, double middle, const GdkRGBA *color, gboolean dashed)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, middle - AL_BEZIER_ARROW_WIDTH,
                                               SAMPLE_WIDTH, 2 * AL_BEZIER_ARROW_WIDTH);
  double tip = x + SAMPLE_WIDTH;
  cairo_t *cr = gtk_snapshot_append_cairo (painter->snapshot, &bounds);

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.0);
  if (dashed)
    cairo_set_dash (cr, (const double[]) { 6.0, 4.0 }, 2, 0.0);
  cairo_move_to (cr, x, middle);
  cairo_line_to (cr, tip - AL_BEZIER_ARROW_LENGTH + 1.0, middle);
  cairo_stroke (cr);
  cairo_move_to (cr, tip, middle);
  cairo_line_to (cr, tip - AL_BEZIER_ARROW_LENGTH, middle - AL_BEZIER_ARROW_WIDTH / 2.0);
  cairo_line_to (cr, tip - AL_BEZIER_ARROW_LENGTH, middle + AL_BEZIER_ARROW_WIDTH / 2.0);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
legend_draw (Legend *legend, Painter *painter, double x, double y)
{
  const AlTheme *theme = painter->theme;
  double rows_top = y + layout_height (legend->heading) + 8.0;
  double samples_x = x;

  draw_layout (painter, legend->heading, x, y, &theme->text);
  for (guint i = 0; i < legend->lanes->len; i++)
    {
      LegendLane *lane = &g_array_index (legend->lanes, LegendLane, i);
      double middle = rows_top + i * LEGEND_ROW + LEGEND_ROW / 2.0;
      double column = x;
      GskRoundedRect swatch;

      gsk_rounded_rect_init_from_rect (&swatch,
                                       &GRAPHENE_RECT_INIT (column, middle - SWATCH / 2.0,
                                                            SWATCH, SWATCH),
                                       3.0);
      gtk_snapshot_push_rounded_clip (painter->snapshot, &swatch);
      gtk_snapshot_append_color (painter->snapshot, &lane->color, &swatch.bounds);
      gtk_snapshot_pop (painter->snapshot);
      column += SWATCH + 8.0;
      draw_layout_centred (painter, lane->label, column, middle, &theme->text);
      column += legend->label_width + COLUMN_GAP;
      draw_layout_centred (painter, lane->arch, column, middle, &theme->text_dim);
      column += legend->arch_width + COLUMN_GAP;
      /* Counts are right-aligned so the digits line up. */
      draw_layout_centred (painter, lane->count,
                           column + legend->count_width - layout_width (lane->count), middle,
                           &theme->text_dim);
      samples_x = column + legend->count_width + 2 * COLUMN_GAP;
    }

  for (guint i = 0; i < N_SAMPLES; i++)
    {
      double middle = rows_top + i * LEGEND_ROW + LEGEND_ROW / 2.0;

      draw_sample_edge (painter, samples_x, middle,
                        i == SAMPLE_CROSS_ARCH ? &theme->edge_cross_arch : &theme->edge,
                        i == SAMPLE_NO_WAIT);
      draw_layout_centred (painter, legend->samples[i], samples_x + SAMPLE_WIDTH + 10.0, middle,
                           &theme->text);
    }
  /* In the cross-architecture colour when there is something to see. */
  draw_layout_centred (painter, legend->cross_count, samples_x,
                       rows_top + N_SAMPLES * LEGEND_ROW + LEGEND_ROW / 2.0,
                       legend->n_cross > 0 ? &theme->edge_cross_arch : &theme->text_dim);
}

/* ---- the selection ----------------------------------------------------- */

/* A copy of @document with the selected components, the dependencies
 * between them and their lanes. Components move left (all by the same
 * amount) and up (per lane) to close the gaps the others leave, so the
 * picture holds the selection and nothing else. */
static AlDocument *
copy_selection (AlDocument *document, GHashTable *selection, GError **error)
{
  g_autoptr (GBytes) bytes = al_document_save_to_bytes (document);
  g_autoptr (AlDocument) copy = al_document_load_from_bytes (bytes, NULL, error);
  g_autoptr (GHashTable) kept_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) kept_lanes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) lane_top = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GListModel *list;
  double left = G_MAXDOUBLE;

  if (copy == NULL)
    return NULL;

  list = al_document_get_components (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (list, i);

      if (g_hash_table_contains (selection, component))
        g_hash_table_add (kept_ids, (gpointer) al_component_get_id (component));
    }
  if (g_hash_table_size (kept_ids) == 0)
    {
      g_set_error_literal (error, AL_EXPORT_ERROR, AL_EXPORT_ERROR_EMPTY_SELECTION,
                           _("Nothing to export: no component is selected"));
      return NULL;
    }

  list = al_document_get_components (copy);
  for (guint i = g_list_model_get_n_items (list); i-- > 0;)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (list, i);
      const graphene_point_t *position = al_component_get_position (component);
      const char *lane = al_component_get_lane (component);

      if (!g_hash_table_contains (kept_ids, al_component_get_id (component)))
        {
          al_document_remove (copy, AL_COLLECTION_COMPONENTS, i);
          continue;
        }
      g_hash_table_add (kept_lanes, (gpointer) lane);
      left = MIN (left, position->x);
    }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (list, i);
      const char *lane = al_component_get_lane (component);
      double y = al_component_get_position (component)->y;
      double *top = g_hash_table_lookup (lane_top, lane);

      if (top == NULL)
        g_hash_table_insert (lane_top, (gpointer) lane, g_memdup2 (&y, sizeof y));
      else
        *top = MIN (*top, y);
    }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (list, i);
      graphene_point_t position = *al_component_get_position (component);
      double *top = g_hash_table_lookup (lane_top, al_component_get_lane (component));

      position.x -= MAX (left - SELECTION_PAD, 0.0);
      position.y -= MAX (*top - SELECTION_PAD, 0.0);
      al_component_set_position (component, &position);
    }

  list = al_document_get_dependencies (copy);
  for (guint i = g_list_model_get_n_items (list); i-- > 0;)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (list, i);

      if (!g_hash_table_contains (kept_ids, al_dependency_get_from (dependency))
          || !g_hash_table_contains (kept_ids, al_dependency_get_to (dependency)))
        al_document_remove (copy, AL_COLLECTION_DEPENDENCIES, i);
    }

  list = al_document_get_lanes (copy);
  for (guint i = g_list_model_get_n_items (list); i-- > 0;)
    {
      g_autoptr (AlLane) lane = g_list_model_get_item (list, i);

      if (!g_hash_table_contains (kept_lanes, al_lane_get_id (lane)))
        al_document_remove (copy, AL_COLLECTION_LANES, i);
    }
  return g_steal_pointer (&copy);
}

/* The part of the scene that is drawn: all of it, or for a selection the
 * lanes up to the rightmost card (lane bands are at least
 * AL_SCENE_MIN_CONTENT_WIDTH wide, which would leave a blank stretch). */
static void
get_visible (AlScene *scene, gboolean crop_right, graphene_rect_t *visible)
{
  double right = 0.0;

  al_scene_get_bounds (scene, visible);
  if (!crop_right)
    return;
  for (guint i = 0; i < al_scene_get_n_cards (scene); i++)
    {
      const AlSceneCard *card = al_scene_get_card (scene, i);

      right = MAX (right, card->bounds.origin.x + card->bounds.size.width + SELECTION_PAD);
    }
  right = MAX (right, visible->origin.x + AL_SCENE_LANE_HEADER_WIDTH + SELECTION_PAD);
  if (right < visible->origin.x + visible->size.width)
    visible->size.width = right - visible->origin.x;
}

/* ---- the page ---------------------------------------------------------- */

static PangoContext *
create_pango_context (PangoFontMap *map)
{
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: text is laid out the same at every scale and in
   * every format. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/* ---- fonts loaded ahead ------------------------------------------------- */

struct _AlExportFonts
{
  GThread *thread;
};

/* The first text in a font waits for fontconfig to read its configuration
 * and to sort the fonts for that family, size and weight: some 20 ms for
 * the fonts of a page, spent here on a font map of the thread's own. */
static gpointer
load_fonts (gpointer data)
{
  static const struct
  {
    double   size;
    gboolean bold;
  } page_fonts[] = {
    { TITLE_SIZE, TRUE },
    { SUBTITLE_SIZE, FALSE },
    { LEGEND_SIZE, TRUE },
    { LEGEND_SIZE, FALSE },
  };
  const char *family = al_theme_get_light ()->font_family;
  PangoFontMap *map = pango_cairo_font_map_new ();
  PangoContext *context = create_pango_context (map);
  PangoLayout *layout = pango_layout_new (context);
  int width, height;

  /* Text of the default language in each font of the page and the cards. */
  for (guint i = 0; i < G_N_ELEMENTS (page_fonts) + AL_TEXT_N_STYLES; i++)
    {
      PangoFontDescription *font;

      if (i < G_N_ELEMENTS (page_fonts))
        {
          font = pango_font_description_from_string (family);
          pango_font_description_set_absolute_size (font, page_fonts[i].size * PANGO_SCALE);
          pango_font_description_set_weight (font, page_fonts[i].bold ? PANGO_WEIGHT_BOLD
                                                                      : PANGO_WEIGHT_NORMAL);
        }
      else
        font = al_render_text_style_font_new (i - G_N_ELEMENTS (page_fonts), family);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, "Ag", -1);
      pango_layout_get_pixel_size (layout, &width, &height);
      pango_font_description_free (font);
    }
  g_object_unref (layout);
  g_object_unref (context);
  return map;
}

AlExportFonts *
al_export_fonts_prepare (void)
{
  AlExportFonts *fonts = g_new0 (AlExportFonts, 1);

  fonts->thread = g_thread_try_new ("archlane-fonts", load_fonts, NULL, NULL);
  return fonts;
}

void
al_export_fonts_finish (AlExportFonts *fonts)
{
  PangoFontMap *map;

  if (fonts == NULL)
    return;
  if (fonts->thread != NULL)
    {
      map = g_thread_join (fonts->thread);
      pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (map));
      g_object_unref (map);
    }
  g_free (fonts);
}

gboolean
al_export_page_build (AlDocument *document, const AlExportOptions *options, AlExportPage *page,
                      GError **error)
{
  AlScene *scene;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) scene_node = NULL;
  g_autoptr (GDateTime) now = NULL;
  PangoContext *pango;
  AlTheme theme;
  AlRenderView view;
  Painter painter;
  TitleBlock title = { 0 };
  Legend legend = { 0 };
  graphene_rect_t visible;
  double content_width, y;

  /* Without gtk_init() (the command line, headless tests) GSK registers
   * its node types on the first *_get_type() call. */
  g_type_ensure (GSK_TYPE_CONTAINER_NODE);

  memset (page, 0, sizeof *page);
  if (options->selection != NULL)
    {
      page->drawn = copy_selection (document, options->selection, error);
      if (page->drawn == NULL)
        return FALSE;
    }
  else
    page->drawn = g_object_ref (document);

  theme = *(options->dark ? al_theme_get_dark () : al_theme_get_light ());
  if (options->transparent)
    theme.background.alpha = 0.0;

  scene = page->scene = al_scene_new (page->drawn);
  al_scene_update (scene);
  get_visible (scene, options->selection != NULL, &visible);
  al_render_view_init (&view, 1.0, &visible);

  pango = create_pango_context (pango_cairo_font_map_get_default ());
  painter.theme = &theme;
  painter.pango = pango;
  snapshot = gtk_snapshot_new ();
  painter.snapshot = snapshot;

  page->title = dup_title (page->drawn);
  if (options->title_block)
    title_block_init (&title, &painter, page->drawn, page->title,
                      options->date != NULL ? options->date
                                            : (now = g_date_time_new_now_local ()));
  if (options->legend)
    legend_init (&legend, &painter, scene);

  content_width = MAX (visible.size.width, MAX (title.width, legend.width));
  page->width = ceil (content_width + 2 * MARGIN);
  page->height = MARGIN;
  if (options->title_block)
    page->height += title.height + TITLE_GAP;
  page->height += visible.size.height;
  if (options->legend)
    page->height += LEGEND_GAP + legend.height;
  page->height = ceil (page->height + MARGIN);

  if (!options->transparent)
    gtk_snapshot_append_color (snapshot, &theme.background,
                               &GRAPHENE_RECT_INIT (0, 0, page->width, page->height));
  y = MARGIN;
  if (options->title_block)
    {
      title_block_draw (&title, &painter, MARGIN, y);
      y += title.height + TITLE_GAP;
    }

  scene_node = al_render_scene_to_node (scene, &theme, pango, &view);
  if (scene_node != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN - visible.origin.x,
                                                              y - visible.origin.y));
      gtk_snapshot_push_clip (snapshot, &visible);
      gtk_snapshot_append_node (snapshot, scene_node);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_restore (snapshot);
    }
  y += visible.size.height;

  if (options->legend)
    legend_draw (&legend, &painter, MARGIN, y + LEGEND_GAP);

  page->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  title_block_clear (&title);
  legend_clear (&legend);
  g_object_unref (pango);
  if (page->node == NULL)
    page->node = gsk_container_node_new (NULL, 0);
  return TRUE;
}

void
al_export_page_clear (AlExportPage *page)
{
  g_clear_pointer (&page->node, gsk_render_node_unref);
  g_clear_object (&page->scene);
  g_clear_pointer (&page->title, g_free);
  g_clear_object (&page->drawn);
}
