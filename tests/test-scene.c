/* test-scene.c: the geometry of a document as the canvas draws it */
#include <math.h>

#include "al-history.h"
#include "al-scene.h"
#include "al-test-util.h"

/* A document built in code:
 *   lane x86 (amd64): a at (40, 40), b at (400, 40)
 *   lane arm (arm64): c at (40, 300)   → the lane grows
 *   lane rv (riscv64): d at (40, 40)
 *   e on lane "nowhere" (unknown)
 *   a→b (same lane), a→c (cross-arch, wait: false), c→d (cross-arch),
 *   d→missing (unknown provider). */
typedef struct
{
  AlDocument *document;
  AlScene *scene;
  AlComponent *a, *b, *c, *d, *e;
  AlDependency *ab, *ac, *cd, *dx;
} Fixture;

static AlComponent *
add_component (AlDocument *document, const char *id, const char *lane, double x, double y)
{
  g_autoptr (AlComponent) component = al_component_new (id, id, lane);

  al_component_set_position (component, &GRAPHENE_POINT_INIT (x, y));
  al_document_add_component (document, component);
  return component;
}

static AlDependency *
add_dependency (AlDocument *document, const char *id, const char *from, const char *to)
{
  g_autoptr (AlDependency) dependency = al_dependency_new (id, from, to);

  al_document_add_dependency (document, dependency);
  return dependency;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *lanes[][2] = { { "x86", "amd64" }, { "arm", "arm64" }, { "rv", "riscv64" } };

  f->document = al_document_new ();
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      g_autoptr (AlLane) lane = al_lane_new (lanes[i][0], lanes[i][1], lanes[i][1]);

      al_document_add_lane (f->document, lane);
    }
  f->a = add_component (f->document, "a", "x86", 40, 40);
  f->b = add_component (f->document, "b", "x86", 400, 40);
  f->c = add_component (f->document, "c", "arm", 40, 300);
  f->d = add_component (f->document, "d", "rv", 40, 40);
  f->e = add_component (f->document, "e", "nowhere", 0, 0);
  f->ab = add_dependency (f->document, "ab", "a", "b");
  f->ac = add_dependency (f->document, "ac", "a", "c");
  al_dependency_set_wait (f->ac, FALSE);
  f->cd = add_dependency (f->document, "cd", "c", "d");
  f->dx = add_dependency (f->document, "dx", "d", "missing");
  f->scene = al_scene_new (f->document);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->scene);
  g_clear_object (&f->document);
}

static const AlSceneCard *
card (Fixture *f, AlComponent *component)
{
  int i = al_scene_find_card (f->scene, component);

  g_assert_cmpint (i, >=, 0);
  return al_scene_get_card (f->scene, i);
}

static const AlSceneEdge *
edge (Fixture *f, AlDependency *dependency)
{
  int i = al_scene_find_edge (f->scene, dependency);

  g_assert_cmpint (i, >=, 0);
  return al_scene_get_edge (f->scene, i);
}

static void
curve_point (const AlSceneEdge *e, double t, graphene_point_t *p)
{
  double u = 1 - t;

  p->x = u * u * u * e->start.x + 3 * u * u * t * e->control1.x + 3 * u * t * t * e->control2.x +
         t * t * t * e->end.x;
  p->y = u * u * u * e->start.y + 3 * u * u * t * e->control1.y + 3 * u * t * t * e->control2.y +
         t * t * t * e->end.y;
}

static void
assert_rect (const graphene_rect_t *r, double x, double y, double width, double height)
{
  g_assert_cmpfloat_with_epsilon (r->origin.x, x, 1e-3);
  g_assert_cmpfloat_with_epsilon (r->origin.y, y, 1e-3);
  g_assert_cmpfloat_with_epsilon (r->size.width, width, 1e-3);
  g_assert_cmpfloat_with_epsilon (r->size.height, height, 1e-3);
}

static void
test_lanes (Fixture *f, gconstpointer data)
{
  const double width = AL_SCENE_LANE_HEADER_WIDTH + AL_SCENE_MIN_CONTENT_WIDTH;
  const double arm_height = 300 + AL_SCENE_CARD_HEIGHT + AL_SCENE_LANE_PADDING;
  const AlSceneLane *x86, *arm, *rv;

  g_assert_cmpuint (al_scene_get_n_lanes (f->scene), ==, 3);
  x86 = al_scene_get_lane (f->scene, 0);
  arm = al_scene_get_lane (f->scene, 1);
  rv = al_scene_get_lane (f->scene, 2);
  /* Document order, top to bottom, one width. */
  g_assert_cmpstr (al_lane_get_id (x86->lane), ==, "x86");
  g_assert_cmpstr (al_lane_get_id (arm->lane), ==, "arm");
  g_assert_cmpstr (al_lane_get_id (rv->lane), ==, "rv");
  g_assert_cmpuint (arm->index, ==, 1);
  assert_rect (&x86->bounds, 0, 0, width, AL_SCENE_LANE_MIN_HEIGHT);
  /* A card low on its lane makes the lane taller. */
  assert_rect (&arm->bounds, 0, AL_SCENE_LANE_MIN_HEIGHT, width, arm_height);
  assert_rect (&rv->bounds, 0, AL_SCENE_LANE_MIN_HEIGHT + arm_height, width,
               AL_SCENE_LANE_MIN_HEIGHT);
  assert_rect (&arm->header, 0, AL_SCENE_LANE_MIN_HEIGHT, AL_SCENE_LANE_HEADER_WIDTH, arm_height);
  assert_rect (&arm->content, AL_SCENE_LANE_HEADER_WIDTH, AL_SCENE_LANE_MIN_HEIGHT,
               AL_SCENE_MIN_CONTENT_WIDTH, arm_height);
  g_assert_cmpuint (x86->n_components, ==, 2);
  g_assert_cmpuint (arm->n_components, ==, 1);
  g_assert_cmpuint (rv->n_components, ==, 1);

  g_assert_cmpint (al_scene_lane_at_y (f->scene, -1), ==, -1);
  g_assert_cmpint (al_scene_lane_at_y (f->scene, 0), ==, 0);
  g_assert_cmpint (al_scene_lane_at_y (f->scene, AL_SCENE_LANE_MIN_HEIGHT - 0.5), ==, 0);
  g_assert_cmpint (al_scene_lane_at_y (f->scene, AL_SCENE_LANE_MIN_HEIGHT), ==, 1);
  g_assert_cmpint (al_scene_lane_at_y (f->scene, AL_SCENE_LANE_MIN_HEIGHT + arm_height + 1), ==, 2);
  g_assert_cmpint (al_scene_lane_at_y (f->scene, 2 * AL_SCENE_LANE_MIN_HEIGHT + arm_height), ==,
                   -1);
}

/* A card far right widens every lane alike. */
static void
test_lane_width (Fixture *f, gconstpointer data)
{
  g_autoptr (AlHistory) history = al_history_new (f->document);

  al_history_move_component (history, f->d, &GRAPHENE_POINT_INIT (2000, 10));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (al_scene_get_lane (f->scene, i)->bounds.size.width, ==,
                       AL_SCENE_LANE_HEADER_WIDTH + 2000 + AL_SCENE_CARD_WIDTH +
                       AL_SCENE_LANE_PADDING);
}

static void
test_cards (Fixture *f, gconstpointer data)
{
  const AlSceneLane *arm = al_scene_get_lane (f->scene, 1);
  const AlSceneCard *c = card (f, f->c), *e = card (f, f->e);
  graphene_rect_t bounds;

  g_assert_cmpuint (al_scene_get_n_cards (f->scene), ==, 5);
  /* Document order. */
  g_assert_true (al_scene_get_card (f->scene, 0)->component == f->a);
  g_assert_true (al_scene_get_card (f->scene, 4)->component == f->e);
  g_assert_cmpuint (c->lane_index, ==, 1);
  assert_rect (&c->bounds, arm->content.origin.x + 40, arm->content.origin.y + 300,
               AL_SCENE_CARD_WIDTH, AL_SCENE_CARD_HEIGHT);
  g_assert_cmpfloat (c->handle.x, ==, c->bounds.origin.x + AL_SCENE_CARD_WIDTH);
  g_assert_cmpfloat (c->handle.y, ==, c->bounds.origin.y + AL_SCENE_CARD_HEIGHT / 2);

  /* A component of an unknown lane is put below the last lane, still
   * inside the scene's bounds. */
  g_assert_cmpuint (e->lane_index, ==, G_MAXUINT);
  g_assert_cmpfloat (e->bounds.origin.y, >=,
                     al_scene_get_lane (f->scene, 2)->bounds.origin.y +
                     al_scene_get_lane (f->scene, 2)->bounds.size.height);
  al_scene_get_bounds (f->scene, &bounds);
  g_assert_true (graphene_rect_contains_rect (&bounds, &e->bounds));
  g_assert_true (graphene_rect_contains_rect (&bounds, &al_scene_get_lane (f->scene, 2)->bounds));

  g_assert_cmpint (al_scene_find_card (f->scene, NULL), ==, -1);
}

static void
test_edges (Fixture *f, gconstpointer data)
{
  const AlSceneEdge *ab = edge (f, f->ab), *ac = edge (f, f->ac), *cd = edge (f, f->cd);
  const AlSceneCard *a = card (f, f->a), *b = card (f, f->b), *c = card (f, f->c);

  /* The dependency on a missing component has nothing to join. */
  g_assert_cmpuint (al_scene_get_n_edges (f->scene), ==, 3);
  g_assert_cmpint (al_scene_find_edge (f->scene, f->dx), ==, -1);

  g_assert_false (ab->cross_arch);
  g_assert_true (ac->cross_arch);
  g_assert_true (cd->cross_arch);
  g_assert_true (ab->wait);
  g_assert_false (ac->wait);
  g_assert_cmpuint (ab->from_card, ==, (guint) al_scene_find_card (f->scene, f->a));
  g_assert_cmpuint (ab->to_card, ==, (guint) al_scene_find_card (f->scene, f->b));

  /* Same lane, side by side: from a's right edge to b's left edge. */
  g_assert_cmpfloat (ab->start.x, ==, a->bounds.origin.x + a->bounds.size.width);
  g_assert_cmpfloat (ab->end.x, ==, b->bounds.origin.x);
  g_assert_cmpfloat (ab->end.y, >, b->bounds.origin.y);
  g_assert_cmpfloat (ab->end.y, <, b->bounds.origin.y + b->bounds.size.height);
  /* Down to another lane: from a's bottom to c's top. */
  g_assert_cmpfloat (ac->start.y, ==, a->bounds.origin.y + a->bounds.size.height);
  g_assert_cmpfloat (ac->end.y, ==, c->bounds.origin.y);
  g_assert_cmpfloat (ac->end.x, >, c->bounds.origin.x);
  g_assert_cmpfloat (ac->end.x, <, c->bounds.origin.x + c->bounds.size.width);

  /* The bounds hold the curve and the arrowhead around its end. */
  for (guint i = 0; i < al_scene_get_n_edges (f->scene); i++)
    {
      const AlSceneEdge *e = al_scene_get_edge (f->scene, i);
      graphene_rect_t tip;

      for (double t = 0; t <= 1.0; t += 1.0 / 64)
        {
          graphene_point_t p;

          curve_point (e, t, &p);
          g_assert_true (graphene_rect_contains_point (&e->bounds, &p));
        }
      graphene_rect_init (&tip, e->end.x - 8, e->end.y - 8, 16, 16);
      g_assert_true (graphene_rect_contains_rect (&e->bounds, &tip));
    }
}

static void
test_hit (Fixture *f, gconstpointer data)
{
  const AlSceneCard *a = card (f, f->a), *e = card (f, f->e);
  const AlSceneEdge *ab = edge (f, f->ab);
  const AlSceneLane *rv = al_scene_get_lane (f->scene, 2);
  graphene_point_t p, mid;
  AlSceneHit hit;

  graphene_rect_get_center (&a->bounds, &p);
  hit = al_scene_hit_test (f->scene, &p, 0);
  g_assert_cmpint (hit.kind, ==, AL_SCENE_HIT_CARD);
  g_assert_cmpuint (hit.index, ==, (guint) al_scene_find_card (f->scene, f->a));

  /* The handle, also a little outside the card. */
  hit = al_scene_hit_test (f->scene, &a->handle, 0);
  g_assert_cmpint (hit.kind, ==, AL_SCENE_HIT_HANDLE);
  g_assert_cmpuint (hit.index, ==, (guint) al_scene_find_card (f->scene, f->a));
  p = GRAPHENE_POINT_INIT (a->handle.x + AL_SCENE_HANDLE_RADIUS - 1, a->handle.y);
  g_assert_cmpint (al_scene_hit_test (f->scene, &p, 0).kind, ==, AL_SCENE_HIT_HANDLE);

  /* On the curve; 3 units off it only within a tolerance. */
  curve_point (ab, 0.5, &mid);
  hit = al_scene_hit_test (f->scene, &mid, 0);
  g_assert_cmpint (hit.kind, ==, AL_SCENE_HIT_EDGE);
  g_assert_cmpuint (hit.index, ==, (guint) al_scene_find_edge (f->scene, f->ab));
  p = GRAPHENE_POINT_INIT (mid.x, mid.y + 5);
  g_assert_cmpint (al_scene_hit_test (f->scene, &p, 0).kind, ==, AL_SCENE_HIT_LANE);
  g_assert_cmpint (al_scene_hit_test (f->scene, &p, 4).kind, ==, AL_SCENE_HIT_EDGE);

  /* Lanes: the header and an empty spot of the content. */
  p = GRAPHENE_POINT_INIT (20, rv->bounds.origin.y + 100);
  hit = al_scene_hit_test (f->scene, &p, 0);
  g_assert_cmpint (hit.kind, ==, AL_SCENE_HIT_LANE_HEADER);
  g_assert_cmpuint (hit.index, ==, 2);
  p = GRAPHENE_POINT_INIT (rv->content.origin.x + 600, rv->bounds.origin.y + 100);
  hit = al_scene_hit_test (f->scene, &p, 0);
  g_assert_cmpint (hit.kind, ==, AL_SCENE_HIT_LANE);
  g_assert_cmpuint (hit.index, ==, 2);

  /* Outside everything, and nonsense. */
  p = GRAPHENE_POINT_INIT (-500, -500);
  g_assert_cmpint (al_scene_hit_test (f->scene, &p, 10).kind, ==, AL_SCENE_HIT_NONE);
  p = GRAPHENE_POINT_INIT (NAN, 3);
  g_assert_cmpint (al_scene_hit_test (f->scene, &p, 10).kind, ==, AL_SCENE_HIT_NONE);

  /* The card of an unknown lane is hit like any other. */
  graphene_rect_get_center (&e->bounds, &p);
  hit = al_scene_hit_test (f->scene, &p, 0);
  g_assert_cmpint (hit.kind, ==, AL_SCENE_HIT_CARD);
  g_assert_cmpuint (hit.index, ==, 4);
}

/* Cards stacked on one spot: the one drawn last is on top. */
static void
test_hit_topmost (Fixture *f, gconstpointer data)
{
  AlComponent *over = add_component (f->document, "over", "x86", 60, 50);
  graphene_point_t p;
  AlSceneHit hit;

  al_document_emit_changed (f->document);
  graphene_rect_get_center (&card (f, f->a)->bounds, &p);
  hit = al_scene_hit_test (f->scene, &p, 0);
  g_assert_cmpint (hit.kind, ==, AL_SCENE_HIT_CARD);
  g_assert_cmpuint (hit.index, ==, (guint) al_scene_find_card (f->scene, over));
}

static gboolean
array_has (GArray *array, guint value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint, i) == value)
      return TRUE;
  return FALSE;
}

static gboolean
rects_touch (const graphene_rect_t *a, const graphene_rect_t *b)
{
  return a->origin.x <= b->origin.x + b->size.width && b->origin.x <= a->origin.x + a->size.width &&
         a->origin.y <= b->origin.y + b->size.height && b->origin.y <= a->origin.y + a->size.height;
}

/* Against brute force: exactly the cards whose bounds meet the rectangle;
 * every edge whose curve enters it and no edge whose bounds miss it; in
 * drawing order. */
static void
check_query (AlScene *scene, const graphene_rect_t *rect)
{
  g_autoptr (GArray) cards = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  guint expected_cards = 0;

  al_scene_query_rect (scene, rect, cards, edges);
  for (guint i = 0; i < al_scene_get_n_cards (scene); i++)
    {
      gboolean meets = rects_touch (&al_scene_get_card (scene, i)->bounds, rect);

      g_assert_cmpint (array_has (cards, i), ==, meets);
      expected_cards += meets;
    }
  g_assert_cmpuint (cards->len, ==, expected_cards);
  for (guint i = 0; i < al_scene_get_n_edges (scene); i++)
    {
      const AlSceneEdge *e = al_scene_get_edge (scene, i);
      gboolean inside = FALSE;

      for (double t = 0; t <= 1.0 && !inside; t += 1.0 / 128)
        {
          graphene_point_t p;

          curve_point (e, t, &p);
          inside = graphene_rect_contains_point (rect, &p);
        }
      if (inside)
        g_assert_true (array_has (edges, i));
      if (array_has (edges, i))
        g_assert_true (rects_touch (&e->bounds, rect));
    }
  for (guint k = 1; k < cards->len; k++)
    g_assert_cmpuint (g_array_index (cards, guint, k - 1), <, g_array_index (cards, guint, k));
  for (guint k = 1; k < edges->len; k++)
    g_assert_cmpuint (g_array_index (edges, guint, k - 1), <, g_array_index (edges, guint, k));
}

static void
test_query (Fixture *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (GArray) cards = g_array_new (FALSE, FALSE, sizeof (guint));
  graphene_rect_t bounds, r;

  al_scene_get_bounds (f->scene, &bounds);
  al_scene_query_rect (f->scene, &bounds, cards, NULL);
  g_assert_cmpuint (cards->len, ==, 5);

  /* Nothing far away. */
  g_array_set_size (cards, 0);
  graphene_rect_init (&r, 10000, 10000, 50, 50);
  al_scene_query_rect (f->scene, &r, cards, NULL);
  g_assert_cmpuint (cards->len, ==, 0);

  for (guint i = 0; i < 2000; i++)
    {
      graphene_rect_init (&r, g_rand_double_range (rand, -100, 1300),
                          g_rand_double_range (rand, -100, 1000), g_rand_double_range (rand, 0, 400),
                          g_rand_double_range (rand, 0, 300));
      check_query (f->scene, &r);
    }
  /* A rectangle given with negative size is the same rectangle. */
  graphene_rect_init (&r, 700, 300, -600, -300);
  check_query (f->scene, &r);
}

static void
count_changed (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_relayout (Fixture *f, gconstpointer data)
{
  g_autoptr (AlHistory) history = al_history_new (f->document);
  const AlSceneLane *arm, *rv;
  double rv_y = al_scene_get_lane (f->scene, 2)->bounds.origin.y;
  guint changed = 0;

  g_signal_connect_swapped (f->scene, "changed", G_CALLBACK (count_changed), &changed);

  /* Moving c lower makes its lane taller and pushes the next lane down. */
  al_history_move_component (history, f->c, &GRAPHENE_POINT_INIT (80, 500));
  g_assert_cmpuint (changed, ==, 1);
  arm = al_scene_get_lane (f->scene, 1);
  rv = al_scene_get_lane (f->scene, 2);
  g_assert_cmpfloat (arm->bounds.size.height, ==, 500 + AL_SCENE_CARD_HEIGHT +
                     AL_SCENE_LANE_PADDING);
  g_assert_cmpfloat (rv->bounds.origin.y, ==, rv_y + 200);
  assert_rect (&card (f, f->c)->bounds, arm->content.origin.x + 80, arm->content.origin.y + 500,
               AL_SCENE_CARD_WIDTH, AL_SCENE_CARD_HEIGHT);
  g_assert_cmpfloat (edge (f, f->ac)->end.y, ==, card (f, f->c)->bounds.origin.y);

  /* Onto another lane: no longer cross-arch with a. */
  al_history_change_component_lane (history, f->c, al_document_lookup_lane (f->document, "x86"),
                                    &GRAPHENE_POINT_INIT (700, 40));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_false (edge (f, f->ac)->cross_arch);
  g_assert_cmpuint (card (f, f->c)->lane_index, ==, 0);
  g_assert_cmpuint (al_scene_get_lane (f->scene, 1)->n_components, ==, 0);

  /* Removing a component removes its card and its edges. */
  al_history_remove_component (history, f->a);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpint (al_scene_find_card (f->scene, f->a), ==, -1);
  g_assert_cmpint (al_scene_find_edge (f->scene, f->ab), ==, -1);
  g_assert_cmpuint (al_scene_get_n_cards (f->scene), ==, 4);

  al_history_undo (history);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpint (al_scene_find_card (f->scene, f->a), >=, 0);
  g_assert_cmpuint (al_scene_get_n_edges (f->scene), ==, 3);
}

/* Edits that move nothing keep the layout; every edit that does is seen. */
static void
test_relayout_detects (Fixture *f, gconstpointer data)
{
  g_autoptr (AlHistory) history = al_history_new (f->document);
  AlLane *rv = al_document_lookup_lane (f->document, "rv");
  graphene_rect_t before = card (f, f->a)->bounds;

  al_history_set (history, f->a, "display-name", "甲", "image", "nginx:1", NULL);
  g_assert_true (graphene_rect_equal (&card (f, f->a)->bounds, &before));
  g_assert_cmpuint (al_scene_get_n_edges (f->scene), ==, 3);

  /* A dependency pointed at another provider. */
  al_history_set (history, f->ab, "to", "d", NULL);
  g_assert_cmpuint (edge (f, f->ab)->to_card, ==, (guint) al_scene_find_card (f->scene, f->d));
  g_assert_true (edge (f, f->ab)->cross_arch);
  /* Its "wait" (solid or dashed). */
  al_history_set (history, f->ab, "wait", FALSE, NULL);
  g_assert_false (edge (f, f->ab)->wait);
  /* The dependency on a missing component gets its provider. */
  al_history_set (history, f->dx, "to", "a", NULL);
  g_assert_cmpint (al_scene_find_edge (f->scene, f->dx), >=, 0);
  /* A component moved to an unknown lane, by its lane id. */
  al_history_set (history, f->b, "lane", "nowhere", NULL);
  g_assert_cmpuint (card (f, f->b)->lane_index, ==, G_MAXUINT);
  g_assert_cmpuint (al_scene_get_lane (f->scene, 0)->n_components, ==, 1);
  /* A lane renamed under its components: they lose it. */
  al_history_set (history, rv, "id", "rv2", NULL);
  g_assert_cmpuint (card (f, f->d)->lane_index, ==, G_MAXUINT);
  al_history_undo (history);
  g_assert_cmpuint (card (f, f->d)->lane_index, ==, 2);
}

static AlDiagnostic *
diagnostic (AlSeverity severity, const char *subject)
{
  return al_diagnostic_new (severity, "test", subject, NULL, "problem");
}

static void
test_badges (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) list = al_diagnostic_list_new ();
  guint changed = 0;

  g_signal_connect_swapped (f->scene, "changed", G_CALLBACK (count_changed), &changed);
  g_ptr_array_add (list, diagnostic (AL_SEVERITY_ERROR, "a"));
  g_ptr_array_add (list, diagnostic (AL_SEVERITY_ERROR, "a"));
  g_ptr_array_add (list, diagnostic (AL_SEVERITY_WARNING, "a"));
  g_ptr_array_add (list, diagnostic (AL_SEVERITY_WARNING, "ac"));
  g_ptr_array_add (list, diagnostic (AL_SEVERITY_ERROR, ""));
  g_ptr_array_add (list, diagnostic (AL_SEVERITY_ERROR, "nobody"));
  al_scene_set_diagnostics (f->scene, list);
  g_assert_cmpuint (changed, ==, 1);
  /* The scene keeps its own copy. */
  g_ptr_array_set_size (list, 0);

  g_assert_cmpuint (card (f, f->a)->n_errors, ==, 2);
  g_assert_cmpuint (card (f, f->a)->n_warnings, ==, 1);
  g_assert_cmpuint (card (f, f->b)->n_errors, ==, 0);
  g_assert_cmpuint (edge (f, f->ac)->n_warnings, ==, 1);
  g_assert_cmpuint (edge (f, f->ac)->n_errors, ==, 0);
  g_assert_cmpuint (edge (f, f->ab)->n_warnings, ==, 0);

  /* They survive a relayout. */
  al_document_emit_changed (f->document);
  g_assert_cmpuint (card (f, f->a)->n_errors, ==, 2);

  al_scene_set_diagnostics (f->scene, NULL);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (card (f, f->a)->n_errors, ==, 0);
  g_assert_cmpuint (edge (f, f->ac)->n_warnings, ==, 0);
}

static void
test_positions (Fixture *f, gconstpointer data)
{
  const guint lanes[] = { 0, 1, 2, G_MAXUINT };

  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      graphene_point_t position = GRAPHENE_POINT_INIT (123.5, -17), point, back;

      al_scene_position_to_point (f->scene, lanes[i], &position, &point);
      al_scene_point_to_position (f->scene, lanes[i], &point, &back);
      g_assert_cmpfloat_with_epsilon (back.x, position.x, 1e-4);
      g_assert_cmpfloat_with_epsilon (back.y, position.y, 1e-4);
    }
  /* A card's top-left corner is its position converted. */
  {
    const AlSceneCard *c = card (f, f->c);
    graphene_point_t point;

    al_scene_position_to_point (f->scene, c->lane_index, al_component_get_position (f->c), &point);
    g_assert_true (graphene_point_equal (&point, &c->bounds.origin));
    al_scene_position_to_point (f->scene, G_MAXUINT, al_component_get_position (f->e), &point);
    g_assert_true (graphene_point_equal (&point, &card (f, f->e)->bounds.origin));
  }
}

/* Odd documents lay out without trouble. */
static void
test_odd_documents (void)
{
  g_autoptr (AlDocument) document = al_document_new ();
  g_autoptr (AlScene) scene = al_scene_new (document);
  g_autoptr (AlLane) lane = al_lane_new ("l", "amd64", "");
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  graphene_rect_t bounds;
  AlComponent *far;
  AlDependency *loop;

  /* Empty. */
  al_scene_get_bounds (scene, &bounds);
  g_assert_cmpfloat (bounds.size.width, ==, 0);
  g_assert_cmpuint (al_scene_get_n_lanes (scene), ==, 0);
  g_assert_cmpint (al_scene_lane_at_y (scene, 0), ==, -1);
  g_assert_cmpint (al_scene_hit_test (scene, &GRAPHENE_POINT_INIT (0, 0), 5).kind, ==,
                   AL_SCENE_HIT_NONE);

  /* A component without lanes, one absurdly far, one at a negative
   * position, a dependency on itself. */
  add_component (document, "orphan", "none", 10, 10);
  al_document_add_lane (document, lane);
  far = add_component (document, "far", "l", 3e38, -3e38);
  add_component (document, "neg", "l", -100, -50);
  loop = add_dependency (document, "loop", "neg", "neg");
  add_dependency (document, "long", "far", "neg");
  al_document_emit_changed (document);

  al_scene_get_bounds (scene, &bounds);
  g_assert_true (isfinite (bounds.size.width) && isfinite (bounds.size.height));
  g_assert_cmpint (al_scene_find_card (scene, far), >=, 0);
  g_assert_cmpint (al_scene_find_edge (scene, loop), >=, 0);
  g_assert_true (al_scene_get_edge (scene, al_scene_find_edge (scene, loop))->from_card ==
                 al_scene_get_edge (scene, al_scene_find_edge (scene, loop))->to_card);
  al_scene_query_rect (scene, &bounds, found, NULL);
  g_assert_cmpuint (found->len, ==, 3);
  check_query (scene, &GRAPHENE_RECT_INIT (-200, -200, 600, 600));
  g_array_set_size (found, 0);
  al_scene_query_rect (scene, &GRAPHENE_RECT_INIT (NAN, 0, 10, 10), found, NULL);
  g_assert_cmpuint (found->len, ==, 0);
}

/* A document of @n components on two lanes, 8 to a row, and @n_deps
 * dependencies between random pairs. */
static AlDocument *
make_large_document (guint n, guint n_deps)
{
  AlDocument *document = al_document_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (AlLane) x86 = al_lane_new ("x86", "amd64", "x86_64");
  g_autoptr (AlLane) arm = al_lane_new ("arm", "arm64", "arm64");
  guint fill[2] = { 0, 0 };

  al_document_add_lane (document, x86);
  al_document_add_lane (document, arm);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      guint lane = g_rand_int_range (rand, 0, 2);
      guint slot = fill[lane]++;

      add_component (document, id, lane ? "arm" : "x86", 40 + 220 * (slot % 8),
                     40 + 140 * (slot / 8));
    }
  for (guint i = 0; i < n_deps; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      g_autofree char *from = g_strdup_printf ("c%u", g_rand_int_range (rand, 0, n));
      g_autofree char *to = g_strdup_printf ("c%u", g_rand_int_range (rand, 0, n));

      add_dependency (document, id, from, to);
    }
  return document;
}

static void
test_large (void)
{
  g_autoptr (AlDocument) document = make_large_document (5000, 10000);
  g_autoptr (AlScene) scene = al_scene_new (document);
  g_autoptr (GArray) cards = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  const AlSceneCard *first;
  graphene_rect_t view, bounds;
  gint64 start = g_get_monotonic_time ();

  al_scene_update (scene);
  g_test_message ("layout of 5000 components, 10000 dependencies: %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (al_scene_get_n_cards (scene), ==, 5000);
  g_assert_cmpuint (al_scene_get_n_edges (scene), ==, 10000);

  /* A window's worth around a card finds its neighbours, not the lot. */
  first = al_scene_get_card (scene, 0);
  graphene_rect_init (&view, first->bounds.origin.x - 100, first->bounds.origin.y - 100, 800, 500);
  al_scene_query_rect (scene, &view, cards, edges);
  g_assert_cmpuint (cards->len, >=, 1);
  g_assert_cmpuint (cards->len, <=, 20);
  g_assert_cmpuint (edges->len, <, 1000);
  g_assert_true (array_has (cards, 0));
  g_test_message ("query of 800×500: %u cards, %u edges", cards->len, edges->len);

  al_scene_get_bounds (scene, &bounds);
  for (guint i = 0; i < 20; i++)
    {
      graphene_rect_init (&view, g_rand_double_range (rand, 0, bounds.size.width),
                          g_rand_double_range (rand, 0, bounds.size.height), 300, 200);
      check_query (scene, &view);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/scene/lanes", test_lanes);
  ADD ("/scene/lane-width", test_lane_width);
  ADD ("/scene/cards", test_cards);
  ADD ("/scene/edges", test_edges);
  ADD ("/scene/hit", test_hit);
  ADD ("/scene/hit-topmost", test_hit_topmost);
  ADD ("/scene/query", test_query);
  ADD ("/scene/relayout", test_relayout);
  ADD ("/scene/relayout-detects", test_relayout_detects);
  ADD ("/scene/badges", test_badges);
  ADD ("/scene/positions", test_positions);
#undef ADD
  g_test_add_func ("/scene/odd-documents", test_odd_documents);
  g_test_add_func ("/scene/large", test_large);

  return g_test_run ();
}
