/* test-history-random: the property test of the history. Long random
 * sequences of every kind of edit, undone and redone, must come back to the
 * exact bytes of the document before and after them. */
#include "al-document-io.h"
#include "al-history.h"
#include "al-test-util.h"

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static void
count_changed (AlDocument *doc, guint *count)
{
  (*count)++;
}

static char *
save (AlDocument *doc)
{
  g_autoptr (GBytes) bytes = al_document_save_to_bytes (doc);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

enum
{
  E_SET_DOCUMENT, E_SET_LANE, E_SET_COMPONENT, E_SET_PORT, E_SET_ENV, E_SET_VOLUME, E_SET_PROBE,
  E_SET_DEPENDENCY, E_INSERT, E_REMOVE, E_ADD, E_REMOVE_ITEM, E_REMOVE_COMPONENT, E_REMOVE_LANE,
  E_MODIFY_LANE, E_MOVE, E_CHANGE_LANE, E_RENAME, E_TRANSACTION, E_TYPING, E_UNDO_REDO, N_EDITS
};

typedef struct
{
  AlDocument *doc;
  AlHistory *history;
  GRand *rand;
  gint64 now;
  guint changed;
  guint done[N_EDITS]; /* top-level edits that changed the document */
} Random;

static const char *const words[] = {
  "", "web", "api-2", "网上商城", "say \"hi\"", "tab\tand\nnewline", "x", "back\\slash", "ÆØÅ €",
};
static const char *const arches[] = {
  "amd64", "arm64", "x86_64", "aarch64", "loong64", "riscv64", "ppc64le", "arm", "sparc",
};

static int
rint_ (Random *r, int lo, int hi_inclusive)
{
  return g_rand_int_range (r->rand, lo, hi_inclusive + 1);
}

static gboolean
chance (Random *r, double p)
{
  return g_rand_double (r->rand) < p;
}

static const char *
word (Random *r)
{
  /* several buffers, for several words in one call */
  static char buffers[4][16];
  static guint next;
  char *buffer = buffers[next++ % G_N_ELEMENTS (buffers)];

  if (chance (r, 0.6))
    return words[rint_ (r, 0, G_N_ELEMENTS (words) - 1)];
  g_snprintf (buffer, sizeof buffers[0], "w%d", rint_ (r, 0, 999));
  return buffer;
}

static char **
random_strv (Random *r)
{
  int n = rint_ (r, 0, 3);
  char **strv = g_new0 (char *, n + 1);

  for (int i = 0; i < n; i++)
    strv[i] = g_strdup (word (r));
  return strv;
}

static GArray *
random_ports (Random *r)
{
  GArray *ports = g_array_new (FALSE, FALSE, sizeof (int));

  for (int n = rint_ (r, 0, 3); n > 0; n--)
    {
      int port = rint_ (r, 1, 9000);
      g_array_append_val (ports, port);
    }
  return ports;
}

static graphene_point_t
random_point (Random *r)
{
  /* integral and fractional coordinates: both have their own spelling */
  if (chance (r, 0.5))
    return GRAPHENE_POINT_INIT (rint_ (r, -100, 2000), rint_ (r, -100, 900));
  return GRAPHENE_POINT_INIT (g_rand_double_range (r->rand, -50, 1500),
                              rint_ (r, 0, 4000) / 8.0);
}

/* A new reference to a random item of @model, or %NULL when it is empty. */
static gpointer
pick (Random *r, GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  return n ? g_list_model_get_item (model, rint_ (r, 0, n - 1)) : NULL;
}

static AlComponent *
pick_component (Random *r)
{
  return pick (r, al_document_get_components (r->doc));
}

static const char *
component_id (Random *r)
{
  g_autoptr (AlComponent) component = pick_component (r);

  /* the document keeps the component, so its id stays valid */
  return component && chance (r, 0.95) ? al_component_get_id (component) : "ghost";
}

static const char *
lane_id (Random *r)
{
  g_autoptr (AlLane) lane = pick (r, al_document_get_lanes (r->doc));

  return lane && chance (r, 0.95) ? al_lane_get_id (lane) : "nowhere";
}

static gpointer
make_item (Random *r, AlCollection collection)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  switch (collection)
    {
    case AL_COLLECTION_LANES:
      id = al_document_make_id (r->doc, "l");
      return al_lane_new (id, arches[rint_ (r, 0, G_N_ELEMENTS (arches) - 1)], word (r));
    case AL_COLLECTION_COMPONENTS:
      {
        AlComponent *component;
        g_autoptr (AlPort) port = al_port_new (rint_ (r, 1, 9000), rint_ (r, 0, 4));
        id = al_document_make_id (r->doc, "c");
        name = al_document_make_unique_name (r->doc, "svc");
        component = al_component_new (id, name, lane_id (r));
        al_component_insert (component, AL_COLLECTION_PORTS, 0, port);
        return component;
      }
    case AL_COLLECTION_DEPENDENCIES:
      {
        AlDependency *dependency;
        id = al_document_make_id (r->doc, "d");
        dependency = al_dependency_new (id, component_id (r), component_id (r));
        al_dependency_set_traffic (dependency, rint_ (r, 0, 100));
        return dependency;
      }
    case AL_COLLECTION_PORTS:
      return al_port_new (rint_ (r, 1, 70000), rint_ (r, 0, 4));
    case AL_COLLECTION_ENV:
    case AL_COLLECTION_CONNECTION:
      if (chance (r, 0.3))
        return al_env_var_new_secret_ref (word (r), "secret", word (r));
      return al_env_var_new_value (word (r), word (r), chance (r, 0.3));
    case AL_COLLECTION_VOLUMES:
      return al_volume_new (word (r), "/data", rint_ (r, 1, 100000));
    default:
      g_assert_not_reached ();
    }
}

/* A collection and its owner: the document, or a random component. */
static gpointer
pick_owner (Random *r, AlCollection *collection, GListModel **model)
{
  *collection = rint_ (r, AL_COLLECTION_LANES, AL_COLLECTION_VOLUMES);
  if (*collection <= AL_COLLECTION_DEPENDENCIES)
    {
      *model = al_document_get_collection (r->doc, *collection);
      return g_object_ref (r->doc);
    }
  else
    {
      AlComponent *component = pick_component (r);
      *model = component ? al_component_get_collection (component, *collection) : NULL;
      return component;
    }
}

static void
set_env (Random *r, AlEnvVar *var)
{
  switch (rint_ (r, 0, 2))
    {
    case 0:
      al_history_set (r->history, var, "name", word (r), NULL);
      break;
    case 1:
      /* a literal, made from whatever the entry was, in one step */
      al_history_set (r->history, var, "secret-ref-name", NULL, "secret-ref-key", NULL, "value",
                      word (r), "secret", chance (r, 0.5), NULL);
      break;
    default:
      al_history_set (r->history, var, "value", NULL, "secret", FALSE, "secret-ref-name",
                      word (r), "secret-ref-key", word (r), NULL);
      break;
    }
}

static void random_edit (Random *r, gboolean in_transaction);

static void
random_set (Random *r, int kind)
{
  g_autoptr (AlComponent) component = pick_component (r);
  g_autoptr (GObject) item = NULL;
  g_auto (GStrv) strv = NULL;
  g_autoptr (GArray) ports = NULL;
  graphene_point_t point;

  switch (kind)
    {
    case E_SET_DOCUMENT:
      if (chance (r, 0.2))
        al_history_set (r->history, r->doc, "exposure", rint_ (r, 0, 1), NULL);
      else
        al_history_set (r->history, r->doc,
                        (const char *[]) { "name", "display-name", "namespace",
                                           "wait-image" }[rint_ (r, 0, 3)],
                        word (r), NULL);
      return;
    case E_SET_LANE:
      item = pick (r, al_document_get_lanes (r->doc));
      if (item == NULL)
        return;
      switch (rint_ (r, 0, 3))
        {
        case 0: al_history_set (r->history, item, "arch", arches[rint_ (r, 0, 8)], NULL); return;
        case 1: al_history_set (r->history, item, "label", word (r), NULL); return;
        case 2: al_history_set (r->history, item, "tolerate-taint", chance (r, 0.5), NULL); return;
        default: al_history_set (r->history, item, "id", word (r), NULL); return;
        }
    case E_SET_COMPONENT:
      if (component == NULL)
        return;
      switch (rint_ (r, 0, 9))
        {
        case 0:
          al_history_set (r->history, component,
                          (const char *[]) { "name", "display-name", "image", "id" }[rint_ (r, 0, 3)],
                          word (r), NULL);
          return;
        case 1: al_history_set (r->history, component, "lane", lane_id (r), NULL); return;
        case 2: al_history_set (r->history, component, "kind", rint_ (r, 0, 1), NULL); return;
        case 3: al_history_set (r->history, component, "replicas", rint_ (r, 0, 9), NULL); return;
        case 4:
          al_history_set (r->history, component, "cpu-millis", rint_ (r, 1, 4000), "memory-mib",
                          rint_ (r, 1, 8192), NULL);
          return;
        case 5:
          strv = random_strv (r);
          al_history_set (r->history, component, chance (r, 0.5) ? "command" : "args", strv, NULL);
          return;
        default:
          point = random_point (r);
          al_history_set (r->history, component, "position", &point, NULL);
          return;
        }
    case E_SET_PORT:
      if (component == NULL || (item = pick (r, al_component_get_ports (component))) == NULL)
        return;
      switch (rint_ (r, 0, 4))
        {
        case 0: al_history_set (r->history, item, "port", rint_ (r, 0, 70000), NULL); return;
        case 1: al_history_set (r->history, item, "protocol", rint_ (r, 0, 4), NULL); return;
        case 2:
          al_history_set (r->history, item, "alias", chance (r, 0.3) ? NULL : word (r), NULL);
          return;
        default:
          al_history_set (r->history, item, chance (r, 0.5) ? "inner" : "outer", chance (r, 0.5),
                          NULL);
          return;
        }
    case E_SET_ENV:
      if (component == NULL
          || (item = pick (r, al_component_get_collection (
                                component, chance (r, 0.5) ? AL_COLLECTION_ENV
                                                           : AL_COLLECTION_CONNECTION)))
               == NULL)
        return;
      set_env (r, AL_ENV_VAR (item));
      return;
    case E_SET_VOLUME:
      if (component == NULL || (item = pick (r, al_component_get_volumes (component))) == NULL)
        return;
      if (chance (r, 0.3))
        al_history_set (r->history, item, "size-mib", rint_ (r, 1, 100000), NULL);
      else
        al_history_set (r->history, item, chance (r, 0.5) ? "name" : "path", word (r), NULL);
      return;
    case E_SET_PROBE:
      if (component == NULL)
        return;
      item = g_object_ref (G_OBJECT (al_component_get_probe (component)));
      switch (rint_ (r, 0, 3))
        {
        case 0: al_history_set (r->history, item, "probe-type", rint_ (r, 0, 3), NULL); return;
        case 1: al_history_set (r->history, item, "port", rint_ (r, 0, 9000), NULL); return;
        case 2:
          al_history_set (r->history, item, "path", chance (r, 0.2) ? NULL : word (r), NULL);
          return;
        default:
          strv = random_strv (r);
          al_history_set (r->history, item, "command", strv, NULL);
          return;
        }
    case E_SET_DEPENDENCY:
      if ((item = pick (r, al_document_get_dependencies (r->doc))) == NULL)
        return;
      switch (rint_ (r, 0, 4))
        {
        case 0:
          al_history_set (r->history, item, chance (r, 0.5) ? "from" : "to", component_id (r),
                          NULL);
          return;
        case 1:
          ports = random_ports (r);
          al_history_set (r->history, item, "ports", ports, NULL);
          return;
        case 2: al_history_set (r->history, item, "wait", chance (r, 0.5), NULL); return;
        case 3:
          al_history_set (r->history, item, "wait-timeout-s", rint_ (r, 0, 600), "traffic",
                          rint_ (r, 0, 100), NULL);
          return;
        default: al_history_set (r->history, item, "id", word (r), NULL); return;
        }
    default:
      g_assert_not_reached ();
    }
}

static void
random_structural (Random *r, int kind)
{
  g_autoptr (GObject) owner = NULL;
  g_autoptr (GObject) item = NULL;
  g_autoptr (AlLane) lane = NULL;
  g_autoptr (AlLane) target = NULL;
  g_autoptr (AlComponent) component = NULL;
  AlCollection collection;
  GListModel *model = NULL;
  guint n;

  switch (kind)
    {
    case E_INSERT:
    case E_ADD:
      owner = pick_owner (r, &collection, &model);
      /* keep the document from growing without bound */
      if (owner == NULL || g_list_model_get_n_items (model) >= (collection == AL_COLLECTION_COMPONENTS ? 30 : 8))
        return;
      item = make_item (r, collection);
      if (kind == E_INSERT)
        al_history_insert (r->history, owner, collection,
                           rint_ (r, 0, g_list_model_get_n_items (model)), item);
      else if (collection == AL_COLLECTION_LANES)
        al_history_add_lane (r->history, AL_LANE (item));
      else if (collection == AL_COLLECTION_COMPONENTS)
        al_history_add_component (r->history, AL_COMPONENT (item));
      else if (collection == AL_COLLECTION_DEPENDENCIES)
        al_history_add_dependency (r->history, AL_DEPENDENCY (item));
      else if (collection == AL_COLLECTION_PORTS)
        al_history_add_port (r->history, AL_COMPONENT (owner), AL_PORT (item));
      else if (collection == AL_COLLECTION_ENV)
        al_history_add_env (r->history, AL_COMPONENT (owner), AL_ENV_VAR (item));
      else if (collection == AL_COLLECTION_CONNECTION)
        al_history_add_connection (r->history, AL_COMPONENT (owner), AL_ENV_VAR (item));
      else
        al_history_add_volume (r->history, AL_COMPONENT (owner), AL_VOLUME (item));
      return;
    case E_REMOVE:
      owner = pick_owner (r, &collection, &model);
      if (owner == NULL || (n = g_list_model_get_n_items (model)) == 0
          || (collection <= AL_COLLECTION_COMPONENTS && n < 3))
        return;
      al_history_remove (r->history, owner, collection, rint_ (r, 0, n - 1));
      return;
    case E_REMOVE_ITEM:
      owner = pick_owner (r, &collection, &model);
      if (owner == NULL || collection <= AL_COLLECTION_COMPONENTS
          || (item = pick (r, model)) == NULL)
        return;
      if (collection == AL_COLLECTION_DEPENDENCIES)
        al_history_remove_dependency (r->history, AL_DEPENDENCY (item));
      else if (collection == AL_COLLECTION_PORTS)
        al_history_remove_port (r->history, AL_COMPONENT (owner), AL_PORT (item));
      else if (collection == AL_COLLECTION_ENV)
        al_history_remove_env (r->history, AL_COMPONENT (owner), AL_ENV_VAR (item));
      else if (collection == AL_COLLECTION_CONNECTION)
        al_history_remove_connection (r->history, AL_COMPONENT (owner), AL_ENV_VAR (item));
      else
        al_history_remove_volume (r->history, AL_COMPONENT (owner), AL_VOLUME (item));
      return;
    case E_REMOVE_COMPONENT:
      if (g_list_model_get_n_items (al_document_get_components (r->doc)) > 3
          && (component = pick_component (r)) != NULL)
        al_history_remove_component (r->history, component);
      return;
    case E_REMOVE_LANE:
      if (g_list_model_get_n_items (al_document_get_lanes (r->doc)) < 3)
        return;
      lane = pick (r, al_document_get_lanes (r->doc));
      target = chance (r, 0.7) ? pick (r, al_document_get_lanes (r->doc)) : NULL;
      al_history_remove_lane (r->history, lane, target);
      return;
    case E_MODIFY_LANE:
      if ((lane = pick (r, al_document_get_lanes (r->doc))) != NULL)
        al_history_modify_lane (r->history, lane, chance (r, 0.5) ? arches[rint_ (r, 0, 8)] : NULL,
                                chance (r, 0.5) ? word (r) : NULL, chance (r, 0.5));
      return;
    default:
      g_assert_not_reached ();
    }
}

static void
random_component_edit (Random *r, int kind)
{
  g_autoptr (AlComponent) component = pick_component (r);
  g_autoptr (AlLane) lane = pick (r, al_document_get_lanes (r->doc));
  graphene_point_t point = random_point (r);

  if (component == NULL)
    return;
  if (kind == E_MOVE)
    {
      /* a drag: small steps close in time, then sealed */
      for (int i = rint_ (r, 1, 6); i > 0; i--)
        {
          point.x += rint_ (r, -20, 20);
          r->now += rint_ (r, 5, 40) * 1000;
          al_history_move_component (r->history, component, &point);
        }
      al_history_seal (r->history);
    }
  else if (kind == E_CHANGE_LANE && lane != NULL)
    al_history_change_component_lane (r->history, component, lane, &point);
  else if (kind == E_RENAME)
    al_history_rename_component (r->history, component, word (r));
}

/* Typing into a text field: one prefix after the other, sometimes erased
 * back to what it was (which leaves nothing to undo). */
static void
random_typing (Random *r)
{
  g_autoptr (AlComponent) component = pick_component (r);
  g_autofree char *original = NULL;
  const char *text = words[rint_ (r, 1, G_N_ELEMENTS (words) - 1)];
  gpointer object = component ? (gpointer) component : (gpointer) r->doc;
  const char *property = chance (r, 0.5) ? "display-name" : "image";

  if (component == NULL)
    property = "display-name";
  g_object_get (object, property, &original, NULL);
  for (const char *end = text; *end != '\0';)
    {
      g_autofree char *prefix = NULL;

      end = g_utf8_next_char (end);
      prefix = g_strndup (text, end - text);
      r->now += rint_ (r, 50, 600) * 1000;
      al_history_set (r->history, object, property, prefix, NULL);
    }
  if (chance (r, 0.3))
    {
      r->now += 100 * 1000;
      al_history_set (r->history, object, property, original, NULL);
    }
  if (chance (r, 0.5))
    al_history_seal (r->history);
}

static void
random_edit (Random *r, gboolean in_transaction)
{
  int kind = rint_ (r, 0, N_EDITS - 1);
  guint changed = r->changed;

  if (in_transaction && kind == E_UNDO_REDO)
    kind = E_SET_COMPONENT;
  if (in_transaction && kind == E_TRANSACTION && chance (r, 0.7))
    kind = E_SET_PORT;
  r->now += chance (r, 0.7) ? rint_ (r, 0, 400) * 1000 : rint_ (r, 500, 3000) * 1000;

  switch (kind)
    {
    case E_SET_DOCUMENT ... E_SET_DEPENDENCY:
      random_set (r, kind);
      break;
    case E_INSERT ... E_MODIFY_LANE:
      random_structural (r, kind);
      break;
    case E_MOVE ... E_RENAME:
      random_component_edit (r, kind);
      break;
    case E_TRANSACTION:
      al_history_begin (r->history, "Random");
      for (int i = rint_ (r, 1, 5); i > 0; i--)
        random_edit (r, TRUE);
      al_history_end (r->history);
      break;
    case E_TYPING:
      random_typing (r);
      break;
    case E_UNDO_REDO:
      {
        int undone = 0;
        for (int i = rint_ (r, 1, 4); i > 0 && al_history_undo (r->history); i--)
          undone++;
        for (int i = rint_ (r, 0, undone); i > 0; i--)
          g_assert_true (al_history_redo (r->history));
      }
      break;
    default:
      g_assert_not_reached ();
    }
  if (r->changed > changed)
    r->done[kind]++;
}

static AlDocument *
random_document (Random *r)
{
  AlDocument *doc = al_document_new ();
  const char *lane_ids[] = { "x86", "arm", "la" };

  r->doc = doc;
  al_document_set_name (doc, "shop");
  al_document_set_display_name (doc, "网上商城");
  for (guint i = 0; i < G_N_ELEMENTS (lane_ids); i++)
    {
      g_autoptr (AlLane) lane = al_lane_new (lane_ids[i], arches[i == 2 ? 4 : i], lane_ids[i]);
      al_document_add_lane (doc, lane);
    }
  for (int i = 0; i < 8; i++)
    {
      g_autoptr (AlComponent) component = make_item (r, AL_COLLECTION_COMPONENTS);
      graphene_point_t point = random_point (r);
      al_component_set_position (component, &point);
      for (AlCollection c = AL_COLLECTION_PORTS; c <= AL_COLLECTION_VOLUMES; c++)
        for (int n = rint_ (r, 0, 2); n > 0; n--)
          {
            g_autoptr (GObject) item = make_item (r, c);
            al_component_insert (component, c, 0, item);
          }
      al_probe_set_probe_type (al_component_get_probe (component), rint_ (r, 0, 3));
      al_probe_set_port (al_component_get_probe (component), 8080);
      al_probe_set_path (al_component_get_probe (component), "/healthz");
      al_document_add_component (doc, component);
    }
  for (int i = 0; i < 10; i++)
    {
      g_autoptr (AlDependency) dependency = make_item (r, AL_COLLECTION_DEPENDENCIES);
      al_document_add_dependency (doc, dependency);
    }
  return doc;
}

static void
test_random_edits (void)
{
  const guint32 seeds[] = { 1, 7, 42, 1234, 2024, 65537, 99991, 31337 };
  const int edits_per_seed = 2500;
  guint done[N_EDITS] = { 0 };

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      Random r = { .rand = g_rand_new_with_seed (seeds[s]) };
      g_autoptr (AlDocument) doc = random_document (&r);
      g_autoptr (AlHistory) history = al_history_new (doc);
      g_autofree char *original = save (doc);
      g_autofree char *final = NULL;
      g_autofree char *now = NULL;
      guint undone = 0, redone = 0, changed = 0;

      g_test_message ("seed %u", seeds[s]);
      r.history = history;
      al_history_set_clock (history, fake_clock, &r.now);
      g_signal_connect (doc, "changed", G_CALLBACK (count_changed), &r.changed);
      for (int i = 0; i < edits_per_seed; i++)
        random_edit (&r, FALSE);
      final = save (doc);
      g_assert_cmpstr (final, !=, original);

      g_signal_connect (doc, "changed", G_CALLBACK (count_changed), &changed);
      while (al_history_undo (history))
        undone++;
      now = save (doc);
      g_assert_cmpstr (now, ==, original);
      g_clear_pointer (&now, g_free);

      /* the sequence may end with undone steps still to redo: replay
       * exactly as many as were undone */
      for (; redone < undone; redone++)
        g_assert_true (al_history_redo (history));
      now = save (doc);
      g_assert_cmpstr (now, ==, final);
      g_assert_cmpuint (changed, ==, undone + redone);
      g_test_message ("%u steps", undone);
      g_assert_cmpuint (undone, >, 100);
      while (al_history_redo (history))
        ;

      for (int k = 0; k < N_EDITS; k++)
        done[k] += r.done[k];
      g_rand_free (r.rand);
    }
  /* every kind of edit was exercised */
  for (int k = 0; k < N_EDITS; k++)
    {
      g_test_message ("edit kind %d: %u", k, done[k]);
      g_assert_cmpuint (done[k], >, 50);
    }
}


int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/property/random-edits", test_random_edits);
  return g_test_run ();
}
