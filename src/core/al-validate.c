#include "al-validate-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-image-check.h"
#include "al-injection.h"
#include "al-json-path.h"
#include "al-startup-order.h"

#define CHATTY_TRAFFIC 50

/* ---- ids -------------------------------------------------------------- */

enum
{
  IDS_OF_LANES,
  IDS_OF_COMPONENTS,
  IDS_OF_DEPENDENCIES,
};

static const char *const id_lists[] = { "lanes", "components", "dependencies" };

/* The ids table maps an id to where it was first used, packed as
 * (index << 2 | list) + 1, so no path is formatted unless one is reported. */
static void
check_id (AlValidator *v, const char *id, guint list, guint index)
{
  gsize first;

  /* Without an id there is nothing to name the entry by but its place. */
  if (*id == '\0')
    {
      g_autofree char *entry = al_json_path_in_list (id_lists[list], index, NULL);
      al_validator_report (v, AL_SEVERITY_ERROR, "invalid-id", entry,
                           al_validator_list_path (id_lists[list], index, "id"),
                           _("The id is empty; give this entry an id that no other lane, "
                             "component or dependency uses."));
      return;
    }
  first = GPOINTER_TO_SIZE (g_hash_table_lookup (v->ids, id));
  if (first != 0)
    {
      g_autofree char *where
          = al_json_path_in_list (id_lists[(first - 1) & 3], (guint) ((first - 1) >> 2), NULL);
      al_validator_report (
          v, AL_SEVERITY_ERROR, "duplicate-id", id,
          al_validator_list_path (id_lists[list], index, "id"),
          _("The id “%s” is already used by %s; lane, component and dependency ids must be "
            "unique, so give this entry another id."),
          id, where);
      return;
    }
  g_hash_table_insert (v->ids, (char *) id, GSIZE_TO_POINTER ((((gsize) index << 2) | list) + 1));
}

/* ---- application -------------------------------------------------------- */

static gboolean
has_wait_dependency (AlDocument *document)
{
  GListModel *dependencies = al_document_get_dependencies (document);
  guint n = g_list_model_get_n_items (dependencies);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      if (al_dependency_get_wait (dependency))
        return TRUE;
    }
  return FALSE;
}

static void
check_application (AlValidator *v)
{
  const char *name = al_document_get_name (v->document);
  const char *namespace_ = al_document_get_namespace (v->document);
  AlExposure exposure = al_document_get_exposure (v->document);

  if (*name == '\0')
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-document", "", g_strdup ("application.name"),
        _("The application has no name; give it a short lower-case name such as “shop”."));
  else if (!al_validator_is_label (name, AL_MAX_LABEL, FALSE))
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-document", "", g_strdup ("application.name"),
        _("The application name “%s” is not a DNS-1123 label; use at most 63 lower-case "
          "letters, digits and “-”, starting and ending with a letter or digit."),
        name);

  /* An empty namespace means "the application name". */
  if (*namespace_ != '\0' && !al_validator_is_label (namespace_, AL_MAX_LABEL, FALSE))
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-document", "", g_strdup ("application.namespace"),
        _("The namespace “%s” is not a DNS-1123 label; use at most 63 lower-case letters, "
          "digits and “-”, starting and ending with a letter or digit."),
        namespace_);

  if (exposure != AL_EXPOSURE_NODE_PORT && exposure != AL_EXPOSURE_LOAD_BALANCER)
    al_validator_report (v, AL_SEVERITY_ERROR, "invalid-document", "",
                         g_strdup ("application.exposure"),
                         _("The exposure must be “NodePort” or “LoadBalancer”."));

  if (al_validator_is_blank (al_document_get_wait_image (v->document))
      && has_wait_dependency (v->document))
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-document", "", g_strdup ("application.wait_image"),
        _("Components wait for their dependencies at start-up, but no wait image is set; set "
          "“wait_image” to an image with a shell and nc, such as “busybox:1.36”."));
}

/* ---- lanes -------------------------------------------------------------- */

static gboolean
is_32bit_arm (const char *arch)
{
  static const char *const names[] = {
    "arm",    "arm32", "armhf",  "armel",   "armv5", "armv6",
    "armv6l", "armv7", "armv7l", "armv7hf", NULL,
  };
  g_autofree char *lower = g_ascii_strdown (arch, -1);

  return g_strv_contains (names, lower);
}

static void
check_lanes (AlValidator *v)
{
  GListModel *lanes = al_document_get_lanes (v->document);
  guint n = g_list_model_get_n_items (lanes);
  g_autoptr (GString) list = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlLane) lane = g_list_model_get_item (lanes, i);
      const char *id = al_lane_get_id (lane);
      const char *arch = al_lane_get_arch (lane);
      const char *canonical = al_arch_normalize (arch);
      const char *first;

      check_id (v, id, IDS_OF_LANES, i);
      if (*id != '\0')
        g_string_append_printf (list, "%s%s", list->len ? ", " : "", id);

      if (canonical == NULL)
        {
          g_autofree char *known = g_strjoinv (", ", (char **)al_arch_list ());
          if (is_32bit_arm (arch))
            al_validator_report (
                v, AL_SEVERITY_ERROR, "unknown-arch", id,
                al_validator_list_path ("lanes", i, "arch"),
                _("32-bit ARM (“%s”) is not supported; use “arm64” for 64-bit ARM servers."),
                arch);
          else
            al_validator_report (v, AL_SEVERITY_ERROR, "unknown-arch", id,
                                 al_validator_list_path ("lanes", i, "arch"),
                                 _("“%s” is not a Kubernetes architecture; use one of %s."), arch,
                                 known);
          continue;
        }
      first = g_hash_table_lookup (v->lane_arches, canonical);
      if (first != NULL)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "duplicate-lane-arch", id,
            al_validator_list_path ("lanes", i, "arch"),
            _("Lane “%s” has the architecture %s, like lane “%s”; merge the two lanes, since "
              "each architecture has exactly one lane."),
            id, canonical, first);
      else
        g_hash_table_insert (v->lane_arches, (char *) canonical, (char *) id);
    }
  v->lane_list = g_string_free (g_steal_pointer (&list), FALSE);
}

/* ---- dependencies ------------------------------------------------------- */

static char *
describe_inner_ports (AlValidator *v, guint node)
{
  GString *str = g_string_new (NULL);

  for (guint k = 0; k < v->inner_count[node]; k++)
    g_string_append_printf (str, "%s%d", str->len ? ", " : "",
                            g_array_index (v->inner_numbers, int, v->inner_start[node] + k));
  return g_string_free (str, FALSE);
}

static void
check_dependency_ports (AlValidator *v, AlDependency *dependency, guint i, AlComponent *to)
{
  const char *id = al_dependency_get_id (dependency);
  GArray *ports = al_dependency_get_ports (dependency);
  guint node = (guint) al_graph_get_node (v->graph, to);

  if (v->inner_count[node] == 0)
    {
      al_validator_report (
          v, AL_SEVERITY_ERROR, "provider-without-inner-port", id,
          al_validator_list_path ("dependencies", i, "to"),
          _("“%s” has no inner port, so nothing can connect to it; mark one of its ports "
            "inner or remove this dependency."),
          al_validator_display_of (to));
      return;
    }
  for (guint k = 0; k < ports->len; k++)
    {
      int number = g_array_index (ports, int, k);
      g_autofree char *known = NULL;

      if (!al_validator_is_valid_port (number))
        {
          al_validator_report (v, AL_SEVERITY_ERROR, "invalid-port", id,
                               al_validator_list_path ("dependencies", i, "ports[%u]", k),
                               _("Port %d is out of range; use a number from 1 to 65535."),
                               number);
          continue;
        }
      if (al_validator_has_inner_port (v, node, number))
        continue;
      known = describe_inner_ports (v, node);
      if (al_component_find_port (to, number) != NULL)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "unknown-port", id,
            al_validator_list_path ("dependencies", i, "ports[%u]", k),
            _("Port %d of “%s” is not an inner port; mark it inner or consume one of %s."), number,
            al_validator_display_of (to), known);
      else
        al_validator_report (v, AL_SEVERITY_ERROR, "unknown-port", id,
                             al_validator_list_path ("dependencies", i, "ports[%u]", k),
                             _("“%s” has no port %d; consume one of its inner ports: %s."),
                             al_validator_display_of (to), number, known);
    }
}

static const char *
arch_of (AlValidator *v, AlComponent *component)
{
  AlLane *lane = al_document_get_component_lane (v->document, component);

  return lane ? al_arch_normalize (al_lane_get_arch (lane)) : NULL;
}

static void
check_dependencies (AlValidator *v)
{
  GListModel *dependencies = al_document_get_dependencies (v->document);
  guint n = g_list_model_get_n_items (dependencies);
  g_autoptr (GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      const char *id = al_dependency_get_id (dependency);
      const char *from_id = al_dependency_get_from (dependency);
      const char *to_id = al_dependency_get_to (dependency);
      /* The graph knows both ends of most dependencies, without hashing
       * their ids again. */
      AlComponent *from = al_graph_get_from (v->graph, dependency);
      AlComponent *to = from != NULL ? al_graph_get_to (v->graph, dependency) : NULL;
      int traffic = al_dependency_get_traffic (dependency);
      g_autofree char *pair = g_strconcat (from_id, "\n", to_id, NULL);
      const char *from_arch, *to_arch;

      if (from == NULL)
        {
          from = al_document_lookup_component (v->document, from_id);
          to = al_document_lookup_component (v->document, to_id);
        }
      check_id (v, id, IDS_OF_DEPENDENCIES, i);
      if (from == NULL)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "unknown-component", id,
            al_validator_list_path ("dependencies", i, "from"),
            _("The consumer “%s” is not a component of this document; point the dependency at "
              "an existing component id or remove it."),
            from_id);
      if (to == NULL)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "unknown-component", id,
            al_validator_list_path ("dependencies", i, "to"),
            _("The provider “%s” is not a component of this document; point the dependency at "
              "an existing component id or remove it."),
            to_id);

      if (strcmp (from_id, to_id) == 0)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "self-dependency", id,
            al_validator_list_path ("dependencies", i, "to"),
            _("“%s” depends on itself; remove this dependency, a component reaches its own "
              "ports directly."),
            from ? al_validator_display_of (from) : from_id);
      else if (g_hash_table_contains (pairs, pair))
        al_validator_report (
            v, AL_SEVERITY_ERROR, "duplicate-dependency", id,
            al_json_path_in_list ("dependencies", i, NULL),
            _("“%s” already depends on “%s” through dependency %s; remove this one or merge "
              "their ports."),
            from ? al_validator_display_of (from) : from_id,
            to ? al_validator_display_of (to) : to_id,
            (const char *) g_hash_table_lookup (pairs, pair));
      else
        g_hash_table_insert (pairs, g_steal_pointer (&pair), (char *) id);

      if (al_dependency_get_wait_timeout_s (dependency) < 1)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "invalid-wait-timeout", id,
            al_validator_list_path ("dependencies", i, "wait_timeout_s"),
            _("The start-up wait timeout must be at least 1 second (the default is 300)."));
      if (traffic < 0 || traffic > 100)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "invalid-traffic", id,
            al_validator_list_path ("dependencies", i, "traffic"),
            _("The traffic %d is out of range; rate the call intensity from 0 to 100."), traffic);

      /* A self-dependency is reported once, as such. */
      if (to != NULL && from != to)
        check_dependency_ports (v, dependency, i, to);

      if (from == NULL || to == NULL || from == to || traffic < CHATTY_TRAFFIC)
        continue;
      from_arch = arch_of (v, from);
      to_arch = arch_of (v, to);
      if (from_arch != NULL && to_arch != NULL && strcmp (from_arch, to_arch) != 0)
        al_validator_report (
            v, AL_SEVERITY_WARNING, "cross-arch-chatty", id,
            al_validator_list_path ("dependencies", i, "traffic"),
            _("“%s” (%s) calls “%s” (%s) often (traffic %d), and every call crosses between "
              "architectures; place both on one lane if their images support it, or accept "
              "the added latency."),
            al_validator_display_of (from), from_arch, al_validator_display_of (to), to_arch,
            traffic);
    }
}

/* ---- start-up cycles ---------------------------------------------------- */

static void
check_cycles (AlValidator *v)
{
  g_autoptr (AlStartupOrder) order = al_startup_order_compute (v->graph);
  GListModel *dependencies = al_document_get_dependencies (v->document);
  guint n_deps = g_list_model_get_n_items (dependencies);
  guint n = al_graph_get_n_components (v->graph);
  guint n_cycles = order->cycles->len;
  g_autofree int *cycle_of = NULL;
  g_autofree int *edge_of = NULL;

  if (n_cycles == 0)
    return;

  cycle_of = g_new (int, n);
  edge_of = g_new (int, n_cycles);
  for (guint c = 0; c < n; c++)
    cycle_of[c] = -1;
  for (guint c = 0; c < n_cycles; c++)
    {
      GPtrArray *cycle = g_ptr_array_index (order->cycles, c);
      edge_of[c] = -1;
      for (guint k = 0; k < cycle->len; k++)
        cycle_of[al_graph_get_node (v->graph, g_ptr_array_index (cycle, k))] = c;
    }

  /* The first "wait" dependency inside each cycle: the one to point at. */
  for (guint i = 0; i < n_deps; i++)
    {
      g_autoptr (AlDependency) dependency = g_list_model_get_item (dependencies, i);
      AlComponent *from = al_graph_get_from (v->graph, dependency);
      AlComponent *to = al_graph_get_to (v->graph, dependency);
      int cf, ct;

      if (from == NULL || to == NULL || !al_dependency_get_wait (dependency))
        continue;
      cf = cycle_of[al_graph_get_node (v->graph, from)];
      ct = cycle_of[al_graph_get_node (v->graph, to)];
      if (cf >= 0 && cf == ct && edge_of[cf] < 0)
        edge_of[cf] = i;
    }

  for (guint c = 0; c < n_cycles; c++)
    {
      GPtrArray *cycle = g_ptr_array_index (order->cycles, c);
      AlComponent *first = g_ptr_array_index (cycle, 0);
      g_autoptr (AlDependency) edge = NULL;
      g_autoptr (GString) names = g_string_new (NULL);

      g_assert (edge_of[c] >= 0);
      edge = g_list_model_get_item (dependencies, edge_of[c]);
      for (guint k = 0; k < cycle->len; k++)
        g_string_append_printf (names, "%s“%s”", k ? ", " : "",
                                al_validator_display_of (g_ptr_array_index (cycle, k)));

      if (cycle->len == 1)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "startup-cycle", al_component_get_id (first),
            al_validator_list_path ("dependencies", edge_of[c], "wait"),
            _("%s waits for itself at start-up, so it can never start; set “wait”: false on "
              "dependency %s or remove it."),
            names->str, al_dependency_get_id (edge));
      else
        al_validator_report (
            v, AL_SEVERITY_ERROR, "startup-cycle", al_component_get_id (first),
            al_validator_list_path ("dependencies", edge_of[c], "wait"),
            _("The components %s wait for each other at start-up, so none of them can start; "
              "set “wait”: false on one dependency between them, for example %s."),
            names->str, al_dependency_get_id (edge));
    }
}

/* ---- the environment of every component --------------------------------- */

/* Adds the environment of each node to @envs, when not %NULL. */
static void
check_environments (AlValidator *v, GPtrArray *envs)
{
  g_autoptr (AlInjectionResolver) resolver = al_injection_resolver_new (v->graph);
  guint n = al_graph_get_n_components (v->graph);

  for (guint node = 0; node < n; node++)
    {
      AlComponent *component = al_graph_get_component (v->graph, node);
      AlResolvedEnv *env;

      if (envs == NULL)
        {
          g_ptr_array_extend_and_steal (v->diagnostics,
                                        al_injection_resolver_check (resolver, component));
          continue;
        }
      env = al_injection_resolver_resolve (resolver, component);
      for (guint k = 0; k < env->diagnostics->len; k++)
        g_ptr_array_add (v->diagnostics,
                         al_diagnostic_copy (g_ptr_array_index (env->diagnostics, k)));
      g_ptr_array_add (envs, env);
    }
}

GPtrArray *
al_validate_graph (AlGraph *graph)
{
  g_return_val_if_fail (graph != NULL, NULL);

  return al_validate_graph_full (graph, NULL);
}

GPtrArray *
al_validate_graph_full (AlGraph *graph, GPtrArray **resolved_envs)
{
  AlValidator v = { 0 };
  GPtrArray *envs = NULL;
  guint n;

  g_return_val_if_fail (graph != NULL, NULL);

  v.graph = graph;
  v.document = al_graph_get_document (graph);
  v.diagnostics = al_diagnostic_list_new ();
  v.ids = g_hash_table_new (g_str_hash, g_str_equal);
  v.lane_arches = g_hash_table_new (g_str_hash, g_str_equal);
  v.names = g_hash_table_new (g_str_hash, g_str_equal);
  n = al_graph_get_n_components (graph);
  v.inner_numbers = g_array_new (FALSE, FALSE, sizeof (int));
  v.inner_start = g_new0 (guint, n);
  v.inner_count = g_new0 (guint, n);
  v.ports = g_ptr_array_new ();
  v.numbered = g_array_new (FALSE, FALSE, sizeof (AlPortNumber));
  v.duplicate = g_array_new (FALSE, FALSE, sizeof (gboolean));
  v.seen_strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  check_application (&v);
  check_lanes (&v);
  for (guint i = 0; i < n; i++)
    {
      AlComponent *component = al_graph_get_component (graph, i);

      check_id (&v, al_component_get_id (component), IDS_OF_COMPONENTS, i);
      al_validator_check_component (&v, component, i);
    }
  for (guint i = 0; i < n; i++)
    al_validator_check_service_names (&v, al_graph_get_component (graph, i));
  check_dependencies (&v);
  check_cycles (&v);
  if (resolved_envs != NULL)
    envs = g_ptr_array_new_full (n, (GDestroyNotify) al_resolved_env_free);
  check_environments (&v, envs);
  al_image_check_graph (graph, v.diagnostics);

  g_hash_table_unref (v.ids);
  g_hash_table_unref (v.lane_arches);
  g_hash_table_unref (v.names);
  g_array_unref (v.inner_numbers);
  g_free (v.inner_start);
  g_free (v.inner_count);
  g_ptr_array_unref (v.ports);
  g_array_unref (v.numbered);
  g_array_unref (v.duplicate);
  g_hash_table_unref (v.seen_strings);
  g_free (v.lane_list);

  al_diagnostic_list_sort (v.diagnostics);
  if (resolved_envs != NULL)
    *resolved_envs = envs;
  return v.diagnostics;
}

GPtrArray *
al_validate_document (AlDocument *document)
{
  g_autoptr (AlGraph) graph = NULL;

  g_return_val_if_fail (AL_IS_DOCUMENT (document), NULL);

  graph = al_graph_new (document);
  return al_validate_graph (graph);
}
