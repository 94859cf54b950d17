/* al-scene.c: the geometry of a document as the canvas and the exporter draw it */
#include "al-scene.h"

#include <math.h>
#include <string.h>

#include "al-bezier.h"
#include "al-scene-private.h"

/* Positions beyond this are laid out as if they were at it, so that float
 * precision and the index stay sane with absurd documents. */
#define MAX_COORDINATE 1000000.0
G_DEFINE_FINAL_TYPE (AlScene, al_scene, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_document_changed (AlScene *self)
{
  self->dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
al_scene_dispose (GObject *object)
{
  AlScene *self = AL_SCENE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (al_scene_parent_class)->dispose (object);
}

static void
al_scene_finalize (GObject *object)
{
  AlScene *self = AL_SCENE (object);

  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->dependencies, g_array_unref);
  g_clear_pointer (&self->card_of, g_hash_table_unref);
  g_clear_pointer (&self->edge_of, g_hash_table_unref);
  g_clear_pointer (&self->badges, g_hash_table_unref);
  al_grid_clear (&self->card_grid);
  al_grid_clear (&self->edge_grid);
  al_grid_clear (&self->long_edge_grid);
  g_clear_pointer (&self->card_stamps, g_free);
  g_clear_pointer (&self->edge_stamps, g_free);
  g_clear_pointer (&self->polylines, g_free);
  g_clear_pointer (&self->label_t, g_free);

  G_OBJECT_CLASS (al_scene_parent_class)->finalize (object);
}

static void
al_scene_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AlScene *self = AL_SCENE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_scene_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AlScene *self = AL_SCENE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      if (self->document != NULL)
        g_signal_connect_swapped (self->document, "changed", G_CALLBACK (on_document_changed),
                                  self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
al_scene_class_init (AlSceneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = al_scene_dispose;
  object_class->finalize = al_scene_finalize;
  object_class->get_property = al_scene_get_property;
  object_class->set_property = al_scene_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the layout is out of date (the document changed) or the
   * badges changed: views redraw, and the next lookup lays out again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
al_scene_init (AlScene *self)
{
  self->dirty = TRUE;
  self->lanes = g_array_new (FALSE, TRUE, sizeof (AlSceneLane));
  self->cards = g_array_new (FALSE, TRUE, sizeof (AlSceneCard));
  self->edges = g_array_new (FALSE, TRUE, sizeof (AlSceneEdge));
  self->positions = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  self->dependencies = g_array_new (FALSE, FALSE, sizeof (DependencyInput));
  self->card_of = g_hash_table_new (NULL, NULL);
  self->edge_of = g_hash_table_new (NULL, NULL);
  self->badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

AlScene *
al_scene_new (AlDocument *document)
{
  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  return g_object_new (AL_TYPE_SCENE, "document", document, NULL);
}

AlDocument *
al_scene_get_document (AlScene *self)
{
  g_return_val_if_fail (AL_IS_SCENE (self), NULL);

  return self->document;
}

/* Geometry ------------------------------------------------------------- */

static void
rect_union (graphene_rect_t *acc, gboolean *empty, const graphene_rect_t *r)
{
  if (*empty)
    *acc = *r;
  else
    graphene_rect_union (acc, r, acc);
  *empty = FALSE;
}

static double
clamp_coordinate (double v)
{
  if (!isfinite (v))
    return 0;
  return CLAMP (v, -MAX_COORDINATE, MAX_COORDINATE);
}

static void
card_position (AlComponent *component, graphene_point_t *out)
{
  const graphene_point_t *p = al_component_get_position (component);

  out->x = clamp_coordinate (p->x);
  out->y = clamp_coordinate (p->y);
}

/* Layout ------------------------------------------------------------------ */

static void
apply_badges (AlScene *self)
{
  if (g_hash_table_size (self->badges) == 0)
    {
      for (guint i = 0; i < self->cards->len; i++)
        {
          AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);

          card->n_errors = card->n_warnings = 0;
        }
      for (guint i = 0; i < self->edges->len; i++)
        {
          AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, i);

          edge->n_errors = edge->n_warnings = 0;
        }
      self->badges_dirty = FALSE;
      return;
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);
      BadgeCount *count = g_hash_table_lookup (self->badges,
                                               al_component_get_id (card->component));

      card->n_errors = count ? count->n_errors : 0;
      card->n_warnings = count ? count->n_warnings : 0;
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      AlSceneEdge *edge = &g_array_index (self->edges, AlSceneEdge, i);
      BadgeCount *count = g_hash_table_lookup (self->badges,
                                               al_dependency_get_id (edge->dependency));

      edge->n_errors = count ? count->n_errors : 0;
      edge->n_warnings = count ? count->n_warnings : 0;
    }
  self->badges_dirty = FALSE;
}

static void
layout_lanes_and_cards (AlScene *self, gboolean *empty)
{
  GListModel *lanes = al_document_get_lanes (self->document);
  GListModel *components = al_document_get_components (self->document);
  guint n_lanes = g_list_model_get_n_items (lanes);
  guint n_components = g_list_model_get_n_items (components);
  g_autoptr (GHashTable) lane_of = g_hash_table_new (NULL, NULL);
  g_autofree double *lane_extent = g_new0 (double, n_lanes + 1);
  double max_right = 0, y = 0, width;

  g_array_set_size (self->lanes, n_lanes);
  for (guint i = 0; i < n_lanes; i++)
    {
      AlSceneLane *lane = &g_array_index (self->lanes, AlSceneLane, i);

      memset (lane, 0, sizeof *lane);
      lane->lane = g_list_model_get_item (lanes, i);
      g_object_unref (lane->lane);   /* the document keeps it alive */
      lane->index = i;
      g_hash_table_insert (lane_of, lane->lane, GUINT_TO_POINTER (i + 1));
    }

  /* First the lane of each card and how far each lane's cards reach. */
  g_array_set_size (self->cards, n_components);
  g_array_set_size (self->positions, n_components);
  for (guint i = 0; i < n_components; i++)
    {
      AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);
      AlLane *lane;
      graphene_point_t p;
      guint slot;

      memset (card, 0, sizeof *card);
      card->component = g_list_model_get_item (components, i);
      g_object_unref (card->component);
      lane = al_document_get_component_lane (self->document, card->component);
      card->lane_index = lane ? GPOINTER_TO_UINT (g_hash_table_lookup (lane_of, lane)) : 0;
      card->lane_index = card->lane_index ? card->lane_index - 1 : G_MAXUINT;
      g_hash_table_insert (self->card_of, card->component, GUINT_TO_POINTER (i + 1));

      card_position (card->component, &p);
      g_array_index (self->positions, graphene_point_t, i) = p;
      slot = card->lane_index == G_MAXUINT ? n_lanes : card->lane_index;
      lane_extent[slot] = MAX (lane_extent[slot], p.y + AL_SCENE_CARD_HEIGHT);
      max_right = MAX (max_right, p.x + AL_SCENE_CARD_WIDTH);
      if (slot < n_lanes)
        g_array_index (self->lanes, AlSceneLane, slot).n_components++;
    }

  width = AL_SCENE_LANE_HEADER_WIDTH +
          MAX (AL_SCENE_MIN_CONTENT_WIDTH, max_right + AL_SCENE_LANE_PADDING);
  for (guint i = 0; i < n_lanes; i++)
    {
      AlSceneLane *lane = &g_array_index (self->lanes, AlSceneLane, i);
      double height = MAX (AL_SCENE_LANE_MIN_HEIGHT, lane_extent[i] + AL_SCENE_LANE_PADDING);

      graphene_rect_init (&lane->bounds, 0, y, width, height);
      graphene_rect_init (&lane->header, 0, y, AL_SCENE_LANE_HEADER_WIDTH, height);
      graphene_rect_init (&lane->content, AL_SCENE_LANE_HEADER_WIDTH, y,
                          width - AL_SCENE_LANE_HEADER_WIDTH, height);
      rect_union (&self->bounds, empty, &lane->bounds);
      y += height;
    }

  /* Components on no known lane go below the last lane, so that they stay
   * visible and can be dragged onto a lane. */
  graphene_point_init (&self->orphan_origin, AL_SCENE_LANE_HEADER_WIDTH,
                       n_lanes > 0 ? y + AL_SCENE_LANE_PADDING : 0);

  for (guint i = 0; i < n_components; i++)
    {
      AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);
      graphene_point_t p, origin;

      card_position (card->component, &p);
      if (card->lane_index == G_MAXUINT)
        origin = self->orphan_origin;
      else
        origin = g_array_index (self->lanes, AlSceneLane, card->lane_index).content.origin;
      graphene_rect_init (&card->bounds, origin.x + p.x, origin.y + p.y,
                          AL_SCENE_CARD_WIDTH, AL_SCENE_CARD_HEIGHT);
      graphene_point_init (&card->handle, al_rect_right (&card->bounds),
                           card->bounds.origin.y + AL_SCENE_CARD_HEIGHT / 2);
      rect_union (&self->bounds, empty, &card->bounds);
    }
}

static void
layout_edges (AlScene *self, gboolean *empty)
{
  GListModel *dependencies = al_document_get_dependencies (self->document);
  guint n = g_list_model_get_n_items (dependencies);
  AlRouteContext route = {
    self->lanes, self->cards, &self->card_grid, self->card_stamps, _al_scene_next_stamp_cb, self,
  };

  g_array_set_size (self->edges, 0);
  g_array_set_size (self->dependencies, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      AlComponent *from = al_document_lookup_component (self->document,
                                                        al_dependency_get_from (dependency));
      AlComponent *to = al_document_lookup_component (self->document,
                                                      al_dependency_get_to (dependency));
      guint from_index, to_index;
      AlSceneEdge edge = { 0 };

      g_array_index (self->dependencies, DependencyInput, i) = (DependencyInput) {
        dependency, from, to, al_dependency_get_wait (dependency),
      };

      /* A dependency on an unknown component has no second end to draw;
       * validation reports it. */
      if (from == NULL || to == NULL)
        continue;
      from_index = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_of, from));
      to_index = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_of, to));
      if (from_index == 0 || to_index == 0)
        continue;

      edge.dependency = dependency;
      edge.from_card = from_index - 1;
      edge.to_card = to_index - 1;
      edge.wait = al_dependency_get_wait (dependency);
      edge.cross_arch = g_array_index (self->cards, AlSceneCard, edge.from_card).lane_index !=
                        g_array_index (self->cards, AlSceneCard, edge.to_card).lane_index;
      g_array_append_val (self->edges, edge);
      g_hash_table_insert (self->edge_of, dependency, GUINT_TO_POINTER (self->edges->len));
    }

  al_scene_route_edges (&route, self->edges);
  for (guint e = 0; e < self->edges->len; e++)
    rect_union (&self->bounds, empty, &g_array_index (self->edges, AlSceneEdge, e).bounds);
}

/* Whether the document still holds what the layout was made from: the
 * same lanes, components and dependencies in the same order, each
 * component at the same position on the same lane, each dependency between
 * the same components with the same "wait". Linear, with no allocation. */
static gboolean
layout_is_current (AlScene *self)
{
  GListModel *lanes, *components, *dependencies;
  guint n;

  if (!self->laid_out || self->document == NULL)
    return FALSE;
  lanes = al_document_get_lanes (self->document);
  components = al_document_get_components (self->document);
  dependencies = al_document_get_dependencies (self->document);
  if (g_list_model_get_n_items (lanes) != self->lanes->len ||
      g_list_model_get_n_items (components) != self->cards->len ||
      g_list_model_get_n_items (dependencies) != self->dependencies->len)
    return FALSE;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      g_autoptr (AlLane) lane = g_list_model_get_item (lanes, i);

      if (lane != g_array_index (self->lanes, AlSceneLane, i).lane)
        return FALSE;
    }

  n = self->cards->len;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      const AlSceneCard *card = &g_array_index (self->cards, AlSceneCard, i);
      const graphene_point_t *was = &g_array_index (self->positions, graphene_point_t, i);
      AlLane *lane, *lane_was;
      graphene_point_t p;

      if (component != card->component)
        return FALSE;
      card_position (component, &p);
      if (p.x != was->x || p.y != was->y)
        return FALSE;
      lane = al_document_get_component_lane (self->document, component);
      lane_was = card->lane_index < self->lanes->len
                   ? g_array_index (self->lanes, AlSceneLane, card->lane_index).lane
                   : NULL;
      if (lane != lane_was)
        return FALSE;
    }

  for (guint i = 0; i < self->dependencies->len; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      const DependencyInput *was = &g_array_index (self->dependencies, DependencyInput, i);

      if (dependency != was->dependency ||
          al_dependency_get_wait (dependency) != was->wait ||
          al_document_lookup_component (self->document,
                                        al_dependency_get_from (dependency)) != was->from ||
          al_document_lookup_component (self->document,
                                        al_dependency_get_to (dependency)) != was->to)
        return FALSE;
    }
  return TRUE;
}

static void
relayout (AlScene *self)
{
  gboolean empty = TRUE;

  if (layout_is_current (self))
    {
      self->dirty = FALSE;
      if (self->badges_dirty)
        apply_badges (self);
      return;
    }

  g_hash_table_remove_all (self->card_of);
  g_hash_table_remove_all (self->edge_of);
  graphene_rect_init (&self->bounds, 0, 0, 0, 0);

  if (self->document != NULL)
    {
      layout_lanes_and_cards (self, &empty);
      _al_scene_index_cards (self);
      layout_edges (self, &empty);
      _al_scene_index_edges (self);
    }
  else
    {
      g_array_set_size (self->lanes, 0);
      g_array_set_size (self->cards, 0);
      g_array_set_size (self->edges, 0);
      _al_scene_index_cards (self);
      _al_scene_index_edges (self);
    }
  apply_badges (self);
  self->dirty = FALSE;
  self->labels_placed = FALSE;
  self->laid_out = self->document != NULL;
}

void
_al_scene_ensure_layout (AlScene *self)
{
  if (self->dirty)
    relayout (self);
  else if (self->badges_dirty)
    apply_badges (self);
}

void
al_scene_update (AlScene *self)
{
  g_return_if_fail (AL_IS_SCENE (self));

  _al_scene_ensure_layout (self);
}

void
al_scene_set_diagnostics (AlScene *self, GPtrArray *diagnostics)
{
  g_return_if_fail (AL_IS_SCENE (self));

  g_hash_table_remove_all (self->badges);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const AlDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      BadgeCount *count;

      if (diagnostic == NULL || diagnostic->subject == NULL || diagnostic->subject[0] == '\0')
        continue;
      count = g_hash_table_lookup (self->badges, diagnostic->subject);
      if (count == NULL)
        {
          count = g_new0 (BadgeCount, 1);
          g_hash_table_insert (self->badges, g_strdup (diagnostic->subject), count);
        }
      if (diagnostic->severity == AL_SEVERITY_ERROR)
        count->n_errors++;
      else
        count->n_warnings++;
    }
  self->badges_dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Lookups ----------------------------------------------------------------- */

void
al_scene_get_bounds (AlScene *self, graphene_rect_t *bounds)
{
  g_return_if_fail (AL_IS_SCENE (self));
  g_return_if_fail (bounds != NULL);

  _al_scene_ensure_layout (self);
  *bounds = self->bounds;
}

guint
al_scene_get_n_lanes (AlScene *self)
{
  g_return_val_if_fail (AL_IS_SCENE (self), 0);

  _al_scene_ensure_layout (self);
  return self->lanes->len;
}

const AlSceneLane *
al_scene_get_lane (AlScene *self, guint index)
{
  g_return_val_if_fail (AL_IS_SCENE (self), NULL);

  _al_scene_ensure_layout (self);
  g_return_val_if_fail (index < self->lanes->len, NULL);
  return &g_array_index (self->lanes, AlSceneLane, index);
}

guint
al_scene_get_n_cards (AlScene *self)
{
  g_return_val_if_fail (AL_IS_SCENE (self), 0);

  _al_scene_ensure_layout (self);
  return self->cards->len;
}

const AlSceneCard *
al_scene_get_card (AlScene *self, guint index)
{
  g_return_val_if_fail (AL_IS_SCENE (self), NULL);

  _al_scene_ensure_layout (self);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return &g_array_index (self->cards, AlSceneCard, index);
}

guint
al_scene_get_n_edges (AlScene *self)
{
  g_return_val_if_fail (AL_IS_SCENE (self), 0);

  _al_scene_ensure_layout (self);
  return self->edges->len;
}

const AlSceneEdge *
al_scene_get_edge (AlScene *self, guint index)
{
  g_return_val_if_fail (AL_IS_SCENE (self), NULL);

  _al_scene_ensure_layout (self);
  g_return_val_if_fail (index < self->edges->len, NULL);
  return &g_array_index (self->edges, AlSceneEdge, index);
}

int
al_scene_find_card (AlScene *self, AlComponent *component)
{
  g_return_val_if_fail (AL_IS_SCENE (self), -1);

  _al_scene_ensure_layout (self);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->card_of, component)) - 1;
}

int
al_scene_find_edge (AlScene *self, AlDependency *dependency)
{
  g_return_val_if_fail (AL_IS_SCENE (self), -1);

  _al_scene_ensure_layout (self);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->edge_of, dependency)) - 1;
}

int
al_scene_lane_at_y (AlScene *self, double y)
{
  guint lo = 0, hi;

  g_return_val_if_fail (AL_IS_SCENE (self), -1);

  _al_scene_ensure_layout (self);
  hi = self->lanes->len;
  /* Lanes are contiguous bands in order: a binary search. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const AlSceneLane *lane = &g_array_index (self->lanes, AlSceneLane, mid);

      if (y < lane->bounds.origin.y)
        hi = mid;
      else if (y >= al_rect_bottom (&lane->bounds))
        lo = mid + 1;
      else
        return (int) mid;
    }
  return -1;
}

static void
content_origin (AlScene *self, guint lane_index, graphene_point_t *origin)
{
  if (lane_index < self->lanes->len)
    *origin = g_array_index (self->lanes, AlSceneLane, lane_index).content.origin;
  else
    *origin = self->orphan_origin;
}

void
al_scene_position_to_point (AlScene *self, guint lane_index, const graphene_point_t *position,
                            graphene_point_t *point)
{
  graphene_point_t origin;

  g_return_if_fail (AL_IS_SCENE (self));
  g_return_if_fail (position != NULL && point != NULL);

  _al_scene_ensure_layout (self);
  content_origin (self, lane_index, &origin);
  point->x = origin.x + position->x;
  point->y = origin.y + position->y;
}

void
al_scene_point_to_position (AlScene *self, guint lane_index, const graphene_point_t *point,
                            graphene_point_t *position)
{
  graphene_point_t origin;

  g_return_if_fail (AL_IS_SCENE (self));
  g_return_if_fail (position != NULL && point != NULL);

  _al_scene_ensure_layout (self);
  content_origin (self, lane_index, &origin);
  position->x = point->x - origin.x;
  position->y = point->y - origin.y;
}
