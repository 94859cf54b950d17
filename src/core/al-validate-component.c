/* The checks of one component: names, image, lane, resources, ports,
 * probe, env and connection entries, volumes. */
#include "al-validate-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-json-path.h"

#define MAX_SUBDOMAIN 253

/* Takes ownership of @path. */
void
al_validator_report (AlValidator *v, AlSeverity severity, const char *code, const char *subject,
                     char *path, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (v->diagnostics,
                   al_diagnostic_new (severity, code, subject, path, "%s", message));
  g_free (path);
}

char *
al_validator_list_path (const char *list, guint index, const char *rest_format, ...)
{
  g_autofree char *rest = NULL;
  va_list args;

  va_start (args, rest_format);
  rest = g_strdup_vprintf (rest_format, args);
  va_end (args);
  return al_json_path_in_list (list, index, rest);
}

/* ---- the shapes of names ------------------------------------------------ */

/* [a-z0-9]([-a-z0-9]*[a-z0-9])?, optionally starting with a letter. */
gboolean
al_validator_is_label (const char *s, gsize max_len, gboolean letter_first)
{
  gsize len = strlen (s);

  if (len == 0 || len > max_len)
    return FALSE;
  if (letter_first ? !g_ascii_islower (s[0]) : !(g_ascii_islower (s[0]) || g_ascii_isdigit (s[0])))
    return FALSE;
  if (s[len - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (s[i]) && !g_ascii_isdigit (s[i]) && s[i] != '-')
      return FALSE;
  return TRUE;
}

/* [a-z0-9]([-a-z0-9]*[a-z0-9])? of @len bytes, at most AL_MAX_LABEL. */
static gboolean
is_subdomain_label (const char *s, gsize len)
{
  if (len == 0 || len > AL_MAX_LABEL || s[len - 1] == '-' || s[0] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (s[i]) && !g_ascii_isdigit (s[i]) && s[i] != '-')
      return FALSE;
  return TRUE;
}

/* Labels separated by dots, none of them empty. */
static gboolean
is_subdomain (const char *s)
{
  gsize len = strlen (s);
  const char *label = s;

  if (len == 0 || len > MAX_SUBDOMAIN)
    return FALSE;
  for (const char *p = s;; p++)
    if (*p == '.' || *p == '\0')
      {
        if (!is_subdomain_label (label, p - label))
          return FALSE;
        if (*p == '\0')
          return TRUE;
        label = p + 1;
      }
}

/* ^[A-Z][A-Z0-9_]*$ */
static gboolean
is_alias (const char *s)
{
  if (!g_ascii_isupper (s[0]))
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* ^[A-Za-z_][A-Za-z0-9_]*$ */
static gboolean
is_env_name (const char *s)
{
  if (!g_ascii_isalpha (s[0]) && s[0] != '_')
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Kubernetes Secret keys: [-._a-zA-Z0-9]+ */
static gboolean
is_secret_key (const char *s)
{
  if (*s == '\0' || strlen (s) > MAX_SUBDOMAIN)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
      return FALSE;
  return TRUE;
}

gboolean
al_validator_is_blank (const char *s)
{
  for (; s != NULL && *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

gboolean
al_validator_is_valid_port (int port)
{
  return port >= 1 && port <= 65535;
}

/* How a component is named in messages: its name, or its id while it has
 * none. */
const char *
al_validator_display_of (AlComponent *component)
{
  const char *name = al_component_get_name (component);

  return *name ? name : al_component_get_id (component);
}

/* ---- components --------------------------------------------------------- */

static void
check_name (AlValidator *v, AlComponent *component, guint i)
{
  const char *id = al_component_get_id (component);
  const char *name = al_component_get_name (component);
  AlComponent *first;

  if (*name == '\0')
    {
      al_validator_report (v, AL_SEVERITY_ERROR, "invalid-name", id,
                           al_validator_list_path ("components", i, "name"),
                           _("Component %s has no name; give it a lower-case name such as “web”."),
                           id);
      return;
    }
  if (strlen (name) > AL_MAX_COMPONENT_NAME)
    {
      al_validator_report (
          v, AL_SEVERITY_ERROR, "invalid-name", id,
          al_validator_list_path ("components", i, "name"),
          _("The name “%s” is longer than 40 characters; shorten it, since Kubernetes object "
            "names are derived from it."),
          name);
      return;
    }
  if (!al_validator_is_label (name, AL_MAX_COMPONENT_NAME, TRUE))
    {
      al_validator_report (
          v, AL_SEVERITY_ERROR, "invalid-name", id,
          al_validator_list_path ("components", i, "name"),
          _("The name “%s” is not valid; use lower-case letters, digits and “-”, starting "
            "with a letter and ending with a letter or digit (it names a Kubernetes "
            "Service)."),
          name);
      return;
    }
  first = g_hash_table_lookup (v->names, name);
  if (first != NULL)
    {
      al_validator_report (
          v, AL_SEVERITY_ERROR, "duplicate-name", id,
          al_validator_list_path ("components", i, "name"),
          _("Component %s is also named “%s”; rename one of them, since the name becomes "
            "the name of its Kubernetes objects."),
          al_component_get_id (first), name);
      return;
    }
  g_hash_table_insert (v->names, (char *) name, component);
}

static void
check_settings (AlValidator *v, AlComponent *component, guint i)
{
  const char *id = al_component_get_id (component);
  const char *image = al_component_get_image (component);

  if (al_validator_is_blank (image))
    al_validator_report (
        v, AL_SEVERITY_ERROR, "missing-image", id,
        al_validator_list_path ("components", i, "image"),
        _("“%s” has no image; set the container image to run, such as “nginx:1.25”."),
        al_validator_display_of (component));
  else if (strpbrk (image, " \t\r\n") != NULL)
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-image", id,
        al_validator_list_path ("components", i, "image"),
        _("The image “%s” contains white space; write a single image reference such as "
          "“registry/app:1.0”."),
        image);

  if (al_document_get_component_lane (v->document, component) == NULL)
    {
      const char *lane = al_component_get_lane (component);
      if (*v->lane_list == '\0')
        al_validator_report (
            v, AL_SEVERITY_ERROR, "unknown-lane", id,
            al_validator_list_path ("components", i, "lane"),
            _("“%s” sits on lane “%s”, but the document has no lanes; add a lane for its "
              "architecture."),
            al_validator_display_of (component), lane);
      else
        al_validator_report (
            v, AL_SEVERITY_ERROR, "unknown-lane", id,
            al_validator_list_path ("components", i, "lane"),
            _("“%s” sits on lane “%s”, which does not exist; move it to one of: %s."),
            al_validator_display_of (component), lane, v->lane_list);
    }

  if (al_component_get_replicas (component) < 1)
    al_validator_report (v, AL_SEVERITY_ERROR, "invalid-replicas", id,
                         al_validator_list_path ("components", i, "replicas"),
                         _("“%s” has %d replicas; run at least one."),
                         al_validator_display_of (component),
                         al_component_get_replicas (component));
  if (al_component_get_cpu_millis (component) < 1)
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-resources", id,
        al_validator_list_path ("components", i, "cpu_millis"),
        _("The CPU of “%s” must be at least 1 millicore (250 is a quarter of a core)."),
        al_validator_display_of (component));
  if (al_component_get_memory_mib (component) < 1)
    al_validator_report (v, AL_SEVERITY_ERROR, "invalid-resources", id,
                         al_validator_list_path ("components", i, "memory_mib"),
                         _("The memory of “%s” must be at least 1 MiB."),
                         al_validator_display_of (component));
}

static int
compare_port_numbers (gconstpointer a, gconstpointer b)
{
  const AlPortNumber *x = a, *y = b;

  if (x->number != y->number)
    return (x->number > y->number) - (x->number < y->number);
  return (x->index > y->index) - (x->index < y->index);
}

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

gboolean
al_validator_has_inner_port (AlValidator *v, guint node, int number)
{
  const int *numbers;
  guint low = 0, high = v->inner_count[node];

  if (high == 0)
    return FALSE;
  numbers = &g_array_index (v->inner_numbers, int, v->inner_start[node]);
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (numbers[mid] == number)
        return TRUE;
      if (numbers[mid] < number)
        low = mid + 1;
      else
        high = mid;
    }
  return FALSE;
}

/* Marks in v->duplicate the ports whose number an earlier valid port of the
 * list already has: sorting keeps this O(n log n), and allocates nothing
 * once the working space has grown. */
static void
find_duplicate_ports (AlValidator *v)
{
  guint n = v->ports->len;

  g_array_set_size (v->numbered, 0);
  g_array_set_size (v->duplicate, n);
  if (n > 0)
    memset (v->duplicate->data, 0, n * sizeof (gboolean));
  for (guint j = 0; j < n; j++)
    {
      AlPortNumber entry = { al_port_get_port (g_ptr_array_index (v->ports, j)), j };

      if (al_validator_is_valid_port (entry.number))
        g_array_append_val (v->numbered, entry);
    }
  g_array_sort (v->numbered, compare_port_numbers);
  for (guint k = 1; k < v->numbered->len; k++)
    {
      AlPortNumber *entry = &g_array_index (v->numbered, AlPortNumber, k);

      if (entry->number == g_array_index (v->numbered, AlPortNumber, k - 1).number)
        g_array_index (v->duplicate, gboolean, entry->index) = TRUE;
    }
}

static void
check_ports (AlValidator *v, AlComponent *component, guint i)
{
  const char *id = al_component_get_id (component);
  GListModel *ports = al_component_get_ports (component);
  guint n = g_list_model_get_n_items (ports);
  guint n_inner = 0, n_aliased = 0;
  gboolean aliases_may_collide;

  g_ptr_array_set_size (v->ports, 0);
  for (guint j = 0; j < n; j++)
    {
      AlPort *port = g_list_model_get_item (ports, j);

      /* Borrowed: the list keeps its reference. */
      g_object_unref (port);
      g_ptr_array_add (v->ports, port);
      if (al_port_get_inner (port))
        {
          n_inner++;
          n_aliased += al_port_get_alias (port) != NULL ? 1 : 0;
        }
    }
  find_duplicate_ports (v);
  /* Aliases collide only between two inner ports, and only when one of
   * them is chosen: default aliases of distinct numbers differ. */
  aliases_may_collide = n_inner > 1 && n_aliased > 0;
  if (aliases_may_collide)
    g_hash_table_remove_all (v->seen_strings);

  v->inner_start[i] = v->inner_numbers->len;
  for (guint j = 0; j < n; j++)
    {
      AlPort *port = g_ptr_array_index (v->ports, j);
      int number = al_port_get_port (port);
      const char *alias = al_port_get_alias (port);
      g_autofree char *effective = NULL;
      AlPort *same_alias;

      if (alias != NULL && !is_alias (alias))
        al_validator_report (
            v, AL_SEVERITY_ERROR, "invalid-alias", id,
            al_validator_list_path ("components", i, "ports[%u].alias", j),
            _("The alias “%s” is not valid; use upper-case letters, digits and “_”, starting "
              "with a letter, such as “MYSQL”: consumers receive it as <ALIAS>_HOST and "
              "<ALIAS>_PORT."),
            alias);

      if (!al_validator_is_valid_port (number))
        {
          al_validator_report (v, AL_SEVERITY_ERROR, "invalid-port", id,
                               al_validator_list_path ("components", i, "ports[%u].port", j),
                               _("Port %d of “%s” is out of range; use a number from 1 to 65535."),
                               number, al_validator_display_of (component));
          continue;
        }
      if (g_array_index (v->duplicate, gboolean, j))
        {
          al_validator_report (v, AL_SEVERITY_ERROR, "duplicate-port", id,
                               al_validator_list_path ("components", i, "ports[%u].port", j),
                               _("“%s” lists port %d twice; remove one of them."),
                               al_validator_display_of (component), number);
          continue;
        }

      /* Only inner ports are injected into consumers, so only their aliases
       * can collide (the default alias counts inner ports, too). */
      if (!al_port_get_inner (port))
        continue;
      g_array_append_val (v->inner_numbers, number);
      if (!aliases_may_collide)
        continue;

      effective = al_component_dup_port_alias (component, port);
      same_alias = g_hash_table_lookup (v->seen_strings, effective);
      if (same_alias != NULL)
        al_validator_report (
            v, AL_SEVERITY_ERROR, "duplicate-alias", id,
            al_validator_list_path ("components", i, "ports[%u].alias", j),
            _("Ports %d and %d of “%s” are both known as “%s”, so their %s_HOST and %s_PORT "
              "variables would collide; give one of them another alias."),
            al_port_get_port (same_alias), number, al_validator_display_of (component), effective,
            effective, effective);
      else
        g_hash_table_insert (v->seen_strings, g_steal_pointer (&effective), port);
    }
  v->inner_count[i] = v->inner_numbers->len - v->inner_start[i];
  /* Distinct numbers by now; ascending for lookups and messages. */
  if (v->inner_count[i] > 1)
    qsort (&g_array_index (v->inner_numbers, int, v->inner_start[i]), v->inner_count[i],
           sizeof (int), compare_ints);
}

static void
check_probe (AlValidator *v, AlComponent *component, guint i)
{
  const char *id = al_component_get_id (component);
  AlProbe *probe = al_component_get_probe (component);
  AlProbeType type = al_probe_get_probe_type (probe);
  const char *path = al_probe_get_path (probe);

  if ((type == AL_PROBE_TCP || type == AL_PROBE_HTTP)
      && !al_validator_is_valid_port (al_probe_get_port (probe)))
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-port", id,
        al_validator_list_path ("components", i, "probe.port"),
        _("The probe of “%s” checks port %d, which is out of range; use the port the "
          "container listens on (1 to 65535)."),
        al_validator_display_of (component), al_probe_get_port (probe));
  if (type == AL_PROBE_HTTP && (path == NULL || path[0] != '/'))
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-probe", id,
        al_validator_list_path ("components", i, "probe.path"),
        _("The HTTP probe of “%s” needs a path starting with “/”, such as “/healthz”."),
        al_validator_display_of (component));
  if (type == AL_PROBE_EXEC && g_strv_length ((char **) al_probe_get_command (probe)) == 0)
    al_validator_report (
        v, AL_SEVERITY_ERROR, "invalid-probe", id,
        al_validator_list_path ("components", i, "probe.command"),
        _("The exec probe of “%s” has no command; give the command that succeeds when the "
          "container is ready."),
        al_validator_display_of (component));
}

/* Own env and connection entries follow the same rules. */
static void
check_variables (AlValidator *v, AlComponent *component, guint i, AlCollection collection,
                 const char *member)
{
  const char *id = al_component_get_id (component);
  GListModel *list = al_component_get_collection (component, collection);
  guint n = g_list_model_get_n_items (list);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr (AlEnvVar) var = g_list_model_get_item (list, k);
      const char *name = al_env_var_get_name (var);

      if (!is_env_name (name))
        al_validator_report (
            v, AL_SEVERITY_ERROR, "invalid-env-name", id,
            al_validator_list_path ("components", i, "%s[%u].name", member, k),
            _("“%s” is not a valid variable name; use letters, digits and “_”, not starting "
              "with a digit."),
            name);

      if (al_env_var_is_secret_ref (var))
        {
          const char *secret = al_env_var_get_secret_ref_name (var);
          const char *key = al_env_var_get_secret_ref_key (var);

          if (secret == NULL || !is_subdomain (secret))
            al_validator_report (
                v, AL_SEVERITY_ERROR, "invalid-secret-ref", id,
                al_validator_list_path ("components", i, "%s[%u].secret_ref.name", member, k),
                _("The Secret name “%s” of %s is not valid; use the name of an existing "
                  "Kubernetes Secret (lower-case letters, digits, “-” and “.”)."),
                secret ? secret : "", name);
          if (key == NULL || !is_secret_key (key))
            al_validator_report (
                v, AL_SEVERITY_ERROR, "invalid-secret-ref", id,
                al_validator_list_path ("components", i, "%s[%u].secret_ref.key", member, k),
                _("The Secret key “%s” of %s is not valid; use a key of the Secret (letters, "
                  "digits, “-”, “_” and “.”)."),
                key ? key : "", name);
        }
      else if (al_env_var_get_secret (var) && al_env_var_get_value (var) != NULL)
        al_validator_report (
            v, AL_SEVERITY_WARNING, "secret-literal", id,
            al_validator_list_path ("components", i, "%s[%u].value", member, k),
            _("The secret %s of “%s” is written in the document; create a Kubernetes Secret "
              "and refer to it with “secret_ref”, so the value stays out of version "
              "control."),
            name, al_validator_display_of (component));
    }
}

static void
check_volumes (AlValidator *v, AlComponent *component, guint i)
{
  const char *id = al_component_get_id (component);
  GListModel *volumes = al_component_get_volumes (component);
  guint n = g_list_model_get_n_items (volumes);

  g_hash_table_remove_all (v->seen_strings);
  for (guint k = 0; k < n; k++)
    {
      g_autoptr (AlVolume) volume = g_list_model_get_item (volumes, k);
      const char *name = al_volume_get_name (volume);
      const char *path = al_volume_get_path (volume);
      g_autofree char *path_key = g_strconcat ("/", path, NULL);

      if (!al_validator_is_label (name, AL_MAX_LABEL, FALSE))
        al_validator_report (
            v, AL_SEVERITY_ERROR, "invalid-volume", id,
            al_validator_list_path ("components", i, "volumes[%u].name", k),
            _("The volume name “%s” is not valid; use at most 63 lower-case letters, digits "
              "and “-”, such as “data”."),
            name);
      else if (g_hash_table_contains (v->seen_strings, name))
        al_validator_report (v, AL_SEVERITY_ERROR, "duplicate-volume", id,
                             al_validator_list_path ("components", i, "volumes[%u].name", k),
                             _("“%s” has two volumes named “%s”; rename one of them."),
                             al_validator_display_of (component), name);
      else
        g_hash_table_add (v->seen_strings, g_strdup (name));

      /* Paths share the table, told apart from names by a leading "/". */
      if (path[0] != '/')
        al_validator_report (
            v, AL_SEVERITY_ERROR, "invalid-volume", id,
            al_validator_list_path ("components", i, "volumes[%u].path", k),
            _("The mount path “%s” of volume “%s” must be an absolute path, such as "
              "“/var/lib/data”."),
            path, name);
      else if (g_hash_table_contains (v->seen_strings, path_key))
        al_validator_report (v, AL_SEVERITY_ERROR, "duplicate-volume", id,
                             al_validator_list_path ("components", i, "volumes[%u].path", k),
                             _("“%s” mounts two volumes at “%s”; give each volume its own path."),
                             al_validator_display_of (component), path);
      else
        g_hash_table_add (v->seen_strings, g_steal_pointer (&path_key));

      if (al_volume_get_size_mib (volume) < 1)
        al_validator_report (v, AL_SEVERITY_ERROR, "invalid-volume", id,
                             al_validator_list_path ("components", i, "volumes[%u].size_mib", k),
                             _("Volume “%s” of “%s” must have a size of at least 1 MiB."), name,
                             al_validator_display_of (component));
    }
}

static gboolean
has_outer_port (AlComponent *component)
{
  GListModel *ports = al_component_get_ports (component);
  guint n = g_list_model_get_n_items (ports);

  for (guint j = 0; j < n; j++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (ports, j);
      if (al_port_get_outer (port))
        return TRUE;
    }
  return FALSE;
}

/* A stateful component "db" owns the Service "db-headless", one with outer
 * ports "db-external": another component may not carry that name. */
void
al_validator_check_service_names (AlValidator *v, AlComponent *component)
{
  static const AlObjectRole roles[] = { AL_OBJECT_HEADLESS_SERVICE, AL_OBJECT_EXTERNAL_SERVICE };
  const char *name = al_component_get_name (component);

  if (g_hash_table_lookup (v->names, name) != component)
    return;
  for (guint s = 0; s < G_N_ELEMENTS (roles); s++)
    {
      g_autofree char *service = al_component_dup_object_name (component, roles[s]);
      AlComponent *other = g_hash_table_lookup (v->names, service);
      int node;

      if (other == NULL)
        continue;
      if (s == 0 && al_component_get_kind (component) != AL_KIND_STATEFUL)
        continue;
      if (s == 1 && !has_outer_port (component))
        continue;
      node = al_graph_get_node (v->graph, other);
      al_validator_report (
          v, AL_SEVERITY_ERROR, "service-name-clash", al_component_get_id (other),
          al_json_path_in_list ("components", node, "name"),
          _("The name “%s” is already taken by a Service of “%s”; rename this component."),
          service, name);
    }
}

void
al_validator_check_component (AlValidator *v, AlComponent *component, guint index)
{
  check_name (v, component, index);
  check_settings (v, component, index);
  check_ports (v, component, index);
  check_probe (v, component, index);
  check_variables (v, component, index, AL_COLLECTION_ENV, "env");
  check_variables (v, component, index, AL_COLLECTION_CONNECTION, "connection");
  check_volumes (v, component, index);
}
