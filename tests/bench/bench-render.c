/* bench-render.c: scene layout, spatial queries and render node builds for large documents
 *
 * Prints its figures beside the goals; fails only on wrong results. */
#include <pango/pangocairo.h>
#include <time.h>

#include "al-gen.h"
#include "al-render.h"

#define RUNS 20

/* Processor time of this thread, in milliseconds: the figures stay
 * meaningful on a machine busy with other work. */
static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
median (double *values, guint n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double t = values[j];

        values[j] = values[j - 1];
        values[j - 1] = t;
      }
  return values[n / 2];
}

static guint
count_nodes (GskRenderNode *node)
{
  guint n = 1;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_nodes (gsk_container_node_get_child (node, i));
      break;
    case GSK_TRANSFORM_NODE:
      n += count_nodes (gsk_transform_node_get_child (node));
      break;
    case GSK_CLIP_NODE:
      n += count_nodes (gsk_clip_node_get_child (node));
      break;
    case GSK_ROUNDED_CLIP_NODE:
      n += count_nodes (gsk_rounded_clip_node_get_child (node));
      break;
    default:
      break;
    }
  return n;
}

/* Builds the node of @view RUNS times (after one warm-up that fills the
 * text cache, as the canvas's previous frame would have) and prints the
 * median. */
static void
bench_view (AlScene *scene, PangoContext *pango, const char *what, double zoom,
            const graphene_rect_t *visible, double goal_ms)
{
  double times[RUNS];
  AlRenderView view;
  GskRenderNode *node;
  guint n_nodes;

  al_render_view_init (&view, zoom, visible);
  node = al_render_scene_to_node (scene, al_theme_get_light (), pango, &view);
  g_assert_nonnull (node);
  n_nodes = count_nodes (node);
  gsk_render_node_unref (node);
  for (guint r = 0; r < RUNS; r++)
    {
      double start = now_ms ();

      node = al_render_scene_to_node (scene, al_theme_get_light (), pango, &view);
      times[r] = now_ms () - start;
      gsk_render_node_unref (node);
    }
  g_print ("  render node, %-31s %7.2f ms  (%u nodes; goal < %.0f ms)\n", what,
           median (times, RUNS), n_nodes, goal_ms);
}

static void
bench_document (guint n_components, guint n_dependencies)
{
  g_autoptr (AlDocument) document = al_gen_document (n_components, n_dependencies, 1);
  g_autoptr (AlScene) scene = al_scene_new (document);
  g_autoptr (GArray) cards = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  double times[RUNS];
  graphene_rect_t bounds, screen;
  const AlSceneCard *card;
  double fit;

  g_print ("%u components, %u dependencies:\n", n_components, n_dependencies);
  for (guint r = 0; r < RUNS; r++)
    {
      AlComponent *moved = al_scene_get_card (scene, r)->component;
      graphene_point_t position = *al_component_get_position (moved);
      double start;

      /* What a history command moving a card does: the document changes,
       * the next lookup lays out again. */
      position.x += 10;
      al_component_set_position (moved, &position);
      al_document_emit_changed (document);
      start = now_ms ();
      al_scene_update (scene);
      times[r] = now_ms () - start;
    }
  g_assert_cmpuint (al_scene_get_n_cards (scene), ==, n_components);
  g_print ("  layout and index after a move              %7.2f ms  (goal: a few ms)\n",
           median (times, RUNS));
  for (guint r = 0; r < RUNS; r++)
    {
      double start;

      /* An edit that moves nothing (a name, an image, a port). */
      al_document_emit_changed (document);
      start = now_ms ();
      al_scene_update (scene);
      times[r] = now_ms () - start;
    }
  g_print ("  check after an edit that moves nothing     %7.2f ms\n", median (times, RUNS));

  /* A 1600×1000 window at 100 % on the middle of the document. */
  card = al_scene_get_card (scene, n_components / 2);
  graphene_rect_init (&screen, card->bounds.origin.x - 600, card->bounds.origin.y - 400, 1600,
                      1000);
  for (guint r = 0; r < RUNS; r++)
    {
      double start = now_ms ();

      g_array_set_size (cards, 0);
      g_array_set_size (edges, 0);
      al_scene_query_rect (scene, &screen, cards, edges);
      times[r] = now_ms () - start;
    }
  g_print ("  query of a 1600×1000 window                 %7.3f ms  (%u cards, %u edges; goal < 1 ms)\n",
           median (times, RUNS), cards->len, edges->len);

  /* The first frame after a move: layout, label placement, text. */
  for (guint r = 0; r < RUNS; r++)
    {
      AlComponent *moved = al_scene_get_card (scene, r)->component;
      graphene_point_t position = *al_component_get_position (moved);
      AlRenderView view;
      double start;

      position.y += 10;
      al_component_set_position (moved, &position);
      al_document_emit_changed (document);
      al_render_view_init (&view, 1.0, &screen);
      start = now_ms ();
      gsk_render_node_unref (al_render_scene_to_node (scene, al_theme_get_light (), pango, &view));
      times[r] = now_ms () - start;
    }
  g_print ("  first frame after a move (layout included) %7.2f ms\n", median (times, RUNS));
  bench_view (scene, pango, "1600×1000 window at 100 %:", 1.0, &screen, 8);
  screen.size.width /= 0.5;
  screen.size.height /= 0.5;
  bench_view (scene, pango, "same window at 50 %:", 0.5, &screen, 16);

  /* Zoom to fit: the whole document in the window. */
  al_scene_get_bounds (scene, &bounds);
  fit = MIN (1600 / bounds.size.width, 1000 / bounds.size.height);
  g_print ("  (zoom to fit: %.3f)\n", fit);
  bench_view (scene, pango, "zoom to fit:", fit, &bounds, 16);

  g_object_unref (pango);
}

int
main (int argc, char *argv[])
{
  bench_document (500, AL_GEN_DEFAULT_DEPENDENCIES (500));
  bench_document (5000, 10000);
  return 0;
}
