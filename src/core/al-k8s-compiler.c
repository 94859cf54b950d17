/* The objects of each component (DESIGN §4): Secrets, Services, claims and
 * the workload; the pod template is in al-k8s-pod.c. Each object is written
 * member by member to an AlK8sOut, so the same code gives the YAML stream
 * and the JSON trees. */
#include "al-k8s-compiler.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-k8s-private.h"
#include "al-validate.h"

G_DEFINE_QUARK (al-compile-error-quark, al_compile_error)

/* Output ----------------------------------------------------------------- */

/* Adds @node to the innermost open container, or as a finished object. */
static void
json_add (AlK8sOut *out, const char *key, JsonNode *node)
{
  JsonNode *parent;

  if (out->stack->len == 0)
    {
      g_ptr_array_add (out->objects, node);
      return;
    }
  parent = g_ptr_array_index (out->stack, out->stack->len - 1);
  if (JSON_NODE_HOLDS_OBJECT (parent))
    json_object_set_member (json_node_get_object (parent), key, node);
  else
    json_array_add_element (json_node_get_array (parent), node);
}

void
al_k8s_out_begin_object (AlK8sOut *out, const char *key)
{
  JsonNode *node;

  if (out->yaml != NULL)
    {
      if (out->depth == 0)
        al_yaml_writer_begin_document (out->yaml);
      else if (key != NULL)
        al_yaml_writer_string (out->yaml, key);
      al_yaml_writer_begin_mapping (out->yaml);
      out->depth++;
      return;
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, json_object_new ());
  json_add (out, key, node);
  g_ptr_array_add (out->stack, node);
}

void
al_k8s_out_end_object (AlK8sOut *out)
{
  if (out->yaml != NULL)
    {
      al_yaml_writer_end_mapping (out->yaml);
      if (--out->depth == 0)
        al_yaml_writer_end_document (out->yaml);
      return;
    }
  g_ptr_array_set_size (out->stack, out->stack->len - 1);
}

void
al_k8s_out_begin_array (AlK8sOut *out, const char *key)
{
  JsonNode *node;

  if (out->yaml != NULL)
    {
      if (key != NULL)
        al_yaml_writer_string (out->yaml, key);
      al_yaml_writer_begin_sequence (out->yaml);
      out->depth++;
      return;
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, json_array_new ());
  json_add (out, key, node);
  g_ptr_array_add (out->stack, node);
}

void
al_k8s_out_end_array (AlK8sOut *out)
{
  if (out->yaml != NULL)
    {
      al_yaml_writer_end_sequence (out->yaml);
      out->depth--;
      return;
    }
  g_ptr_array_set_size (out->stack, out->stack->len - 1);
}

void
al_k8s_out_string (AlK8sOut *out, const char *key, const char *value)
{
  if (out->yaml != NULL)
    {
      if (key != NULL)
        al_yaml_writer_string (out->yaml, key);
      al_yaml_writer_string (out->yaml, value);
      return;
    }
  json_add (out, key, json_node_init_string (json_node_alloc (), value));
}

void
al_k8s_out_int (AlK8sOut *out, const char *key, gint64 value)
{
  if (out->yaml != NULL)
    {
      if (key != NULL)
        al_yaml_writer_string (out->yaml, key);
      al_yaml_writer_int (out->yaml, value);
      return;
    }
  json_add (out, key, json_node_init_int (json_node_alloc (), value));
}

void
al_k8s_out_boolean (AlK8sOut *out, const char *key, gboolean value)
{
  if (out->yaml != NULL)
    {
      if (key != NULL)
        al_yaml_writer_string (out->yaml, key);
      al_yaml_writer_boolean (out->yaml, value);
      return;
    }
  json_add (out, key, json_node_init_boolean (json_node_alloc (), value));
}

/* Small builders --------------------------------------------------------- */

void
al_k8s_string_array (AlK8sOut *out, const char *key, const char *const *strings)
{
  al_k8s_out_begin_array (out, key);
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    al_k8s_out_string (out, NULL, strings[i]);
  al_k8s_out_end_array (out);
}

void
al_k8s_labels (AlK8sOut *out, const char *key, const char *name, const char *application)
{
  al_k8s_out_begin_object (out, key);
  al_k8s_out_string (out, AL_K8S_LABEL_NAME, name);
  al_k8s_out_string (out, AL_K8S_LABEL_PART_OF, application);
  al_k8s_out_string (out, AL_K8S_LABEL_MANAGED_BY, "archlane");
  al_k8s_out_end_object (out);
}

/* What Services and workloads select: name and part-of, which stay the same
 * for the life of the component (managed-by is not part of its identity). */
static void
selector_labels (AlK8sContext *ctx, const char *key)
{
  al_k8s_out_begin_object (ctx->out, key);
  al_k8s_out_string (ctx->out, AL_K8S_LABEL_NAME, ctx->name);
  al_k8s_out_string (ctx->out, AL_K8S_LABEL_PART_OF, ctx->application);
  al_k8s_out_end_object (ctx->out);
}

/* Opens an object with its apiVersion, kind and metadata. */
static void
object_begin (AlK8sContext *ctx, const char *api_version, const char *kind, const char *object_name)
{
  AlK8sOut *out = ctx->out;

  al_k8s_out_begin_object (out, NULL);
  al_k8s_out_string (out, "apiVersion", api_version);
  al_k8s_out_string (out, "kind", kind);
  al_k8s_out_begin_object (out, "metadata");
  al_k8s_out_string (out, "name", object_name);
  if (ctx->namespace_ != NULL)
    al_k8s_out_string (out, "namespace", ctx->namespace_);
  al_k8s_labels (out, "labels", ctx->name, ctx->application);
  al_k8s_out_end_object (out);
}

/* "<prefix><value><suffix>" in @buf, as "%s%d%s" would write it: this runs
 * a few times for every component, and printf is slow at it. */
static const char *
format_int (char buf[AL_K8S_NAME_BUF], const char *prefix, int value, const char *suffix)
{
  char digits[16];
  char *d = digits + sizeof digits;
  guint magnitude = value < 0 ? -(guint) value : (guint) value;
  gsize prefix_len = strlen (prefix), suffix_len = strlen (suffix), digits_len;

  do
    {
      *--d = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--d = '-';
  digits_len = digits + sizeof digits - d;
  if (prefix_len + digits_len + suffix_len >= AL_K8S_NAME_BUF)
    {
      g_snprintf (buf, AL_K8S_NAME_BUF, "%s%d%s", prefix, value, suffix);
      return buf;
    }
  memcpy (buf, prefix, prefix_len);
  memcpy (buf + prefix_len, d, digits_len);
  memcpy (buf + prefix_len + digits_len, suffix, suffix_len + 1);
  return buf;
}

const char *
al_k8s_port_name (AlPort *port, char buf[AL_K8S_NAME_BUF])
{
  char prefix[AL_K8S_NAME_BUF];

  /* At most "https-65535": 11 characters, within the limit of 15. */
  g_strlcpy (prefix, al_protocol_to_string (al_port_get_protocol (port)), sizeof prefix - 1);
  strcat (prefix, "-");
  return format_int (buf, prefix, al_port_get_port (port), "");
}

const char *
al_k8s_transport_protocol (AlPort *port)
{
  return al_port_get_protocol (port) == AL_PROTOCOL_UDP ? "UDP" : "TCP";
}

const char *
al_k8s_quantity (int value, const char *unit, char buf[AL_K8S_NAME_BUF])
{
  return format_int (buf, "", value, unit);
}

/* Secrets ---------------------------------------------------------------- */

static gboolean
is_secret_literal (AlEnvVar *var)
{
  return !al_env_var_is_secret_ref (var) && al_env_var_get_secret (var);
}

/* A Secret holding the secret literals of @vars, when there are any. Values
 * are written as given: Kubernetes expands "$(VAR)" only in env values,
 * command and args, never in what a container reads from a Secret. */
static void
secret_object (AlK8sContext *ctx, AlObjectRole role, GListModel *vars)
{
  guint n = g_list_model_get_n_items (vars);
  g_autoptr (GPtrArray) literals = NULL;
  g_autoptr (GHashTable) last_of = NULL;
  g_autofree char *secret_name = NULL;

  for (guint i = 0; i < n; i++)
    {
      AlEnvVar *var = g_list_model_get_item (vars, i);

      /* Borrowed: the list keeps its reference. */
      g_object_unref (var);
      if (!is_secret_literal (var))
        continue;
      if (literals == NULL)
        literals = g_ptr_array_new ();
      g_ptr_array_add (literals, var);
    }
  if (literals == NULL)
    return;

  /* A name listed twice keeps its first place and takes its last value, as
   * a JSON member set twice does. */
  if (literals->len > 1)
    {
      last_of = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < literals->len; i++)
        {
          AlEnvVar *var = g_ptr_array_index (literals, i);
          g_hash_table_insert (last_of, (char *) al_env_var_get_name (var), var);
        }
    }

  secret_name = al_component_dup_object_name (ctx->component, role);
  object_begin (ctx, "v1", "Secret", secret_name);
  al_k8s_out_string (ctx->out, "type", "Opaque");
  al_k8s_out_begin_object (ctx->out, "stringData");
  for (guint i = 0; i < literals->len; i++)
    {
      AlEnvVar *var = g_ptr_array_index (literals, i);
      const char *name = al_env_var_get_name (var);
      const char *value;

      if (last_of != NULL)
        {
          var = g_hash_table_lookup (last_of, name);
          if (var == NULL)
            continue;
          g_hash_table_insert (last_of, (char *) name, NULL);
        }
      value = al_env_var_get_value (var);
      al_k8s_out_string (ctx->out, name, value ? value : "");
    }
  al_k8s_out_end_object (ctx->out);
  al_k8s_out_end_object (ctx->out);
}

/* Services --------------------------------------------------------------- */

static gboolean
port_is_listed (AlPort *port, gboolean outer)
{
  return outer ? al_port_get_outer (port) : al_port_get_inner (port);
}

/* The inner (or outer) ports of the component as Service ports, in the
 * order of the document. */
static void
service_ports (AlK8sContext *ctx, gboolean outer)
{
  AlK8sOut *out = ctx->out;

  al_k8s_out_begin_array (out, "ports");
  for (guint i = 0; i < ctx->ports->len; i++)
    {
      AlPort *port = g_ptr_array_index (ctx->ports, i);
      char name[AL_K8S_NAME_BUF];

      if (!port_is_listed (port, outer))
        continue;
      al_k8s_out_begin_object (out, NULL);
      al_k8s_out_string (out, "name", al_k8s_port_name (port, name));
      al_k8s_out_string (out, "protocol", al_k8s_transport_protocol (port));
      switch (al_port_get_protocol (port))
        {
        case AL_PROTOCOL_HTTP:
        case AL_PROTOCOL_HTTPS:
        case AL_PROTOCOL_GRPC:
          al_k8s_out_string (out, "appProtocol", al_protocol_to_string (al_port_get_protocol (port)));
          break;
        case AL_PROTOCOL_TCP:
        case AL_PROTOCOL_UDP:
        default:
          break;
        }
      al_k8s_out_int (out, "port", al_port_get_port (port));
      al_k8s_out_int (out, "targetPort", al_port_get_port (port));
      al_k8s_out_end_object (out);
    }
  al_k8s_out_end_array (out);
}

typedef enum
{
  SERVICE_CLUSTER_IP,
  SERVICE_HEADLESS,
  SERVICE_EXTERNAL,
} ServiceKind;

static void
service_object (AlK8sContext *ctx, ServiceKind kind)
{
  static const AlObjectRole roles[] = {
    [SERVICE_CLUSTER_IP] = AL_OBJECT_SERVICE,
    [SERVICE_HEADLESS] = AL_OBJECT_HEADLESS_SERVICE,
    [SERVICE_EXTERNAL] = AL_OBJECT_EXTERNAL_SERVICE,
  };
  gboolean outer = kind == SERVICE_EXTERNAL;
  gboolean has_ports = FALSE;
  g_autofree char *name = NULL;
  AlK8sOut *out = ctx->out;

  for (guint i = 0; i < ctx->ports->len && !has_ports; i++)
    has_ports = port_is_listed (g_ptr_array_index (ctx->ports, i), outer);
  /* A headless Service gives the pods of a StatefulSet their names, even
   * without ports; the others exist only for their ports. */
  if (!has_ports && kind != SERVICE_HEADLESS)
    return;

  name = al_component_dup_object_name (ctx->component, roles[kind]);
  object_begin (ctx, "v1", "Service", name);
  al_k8s_out_begin_object (out, "spec");
  if (kind == SERVICE_EXTERNAL)
    al_k8s_out_string (out, "type", al_exposure_to_string (al_document_get_exposure (ctx->document)));
  else
    al_k8s_out_string (out, "type", "ClusterIP");
  if (kind == SERVICE_HEADLESS)
    {
      al_k8s_out_string (out, "clusterIP", "None");
      al_k8s_out_boolean (out, "publishNotReadyAddresses", TRUE);
    }
  selector_labels (ctx, "selector");
  if (has_ports)
    service_ports (ctx, outer);
  al_k8s_out_end_object (out);
  al_k8s_out_end_object (out);
}

/* Volumes ---------------------------------------------------------------- */

static void
claim_spec (AlK8sOut *out, AlVolume *volume)
{
  char size[AL_K8S_NAME_BUF];

  al_k8s_out_begin_object (out, "spec");
  al_k8s_out_begin_array (out, "accessModes");
  al_k8s_out_string (out, NULL, "ReadWriteOnce");
  al_k8s_out_end_array (out);
  al_k8s_out_begin_object (out, "resources");
  al_k8s_out_begin_object (out, "requests");
  al_k8s_out_string (out, "storage", al_k8s_quantity (al_volume_get_size_mib (volume), "Mi", size));
  al_k8s_out_end_object (out);
  al_k8s_out_end_object (out);
  al_k8s_out_end_object (out);
}

const char *
al_k8s_claim_name (AlK8sContext *ctx, AlVolume *volume)
{
  g_string_assign (ctx->scratch, ctx->name);
  g_string_append_c (ctx->scratch, '-');
  g_string_append (ctx->scratch, al_volume_get_name (volume));
  return ctx->scratch->str;
}

static void
persistent_volume_claim (AlK8sContext *ctx, AlVolume *volume)
{
  object_begin (ctx, "v1", "PersistentVolumeClaim", al_k8s_claim_name (ctx, volume));
  claim_spec (ctx->out, volume);
  al_k8s_out_end_object (ctx->out);
}

static void
volume_claim_templates (AlK8sContext *ctx)
{
  AlK8sOut *out = ctx->out;

  al_k8s_out_begin_array (out, "volumeClaimTemplates");
  for (guint i = 0; i < ctx->volumes->len; i++)
    {
      AlVolume *volume = g_ptr_array_index (ctx->volumes, i);

      al_k8s_out_begin_object (out, NULL);
      al_k8s_out_begin_object (out, "metadata");
      al_k8s_out_string (out, "name", al_volume_get_name (volume));
      al_k8s_labels (out, "labels", ctx->name, ctx->application);
      al_k8s_out_end_object (out);
      claim_spec (out, volume);
      al_k8s_out_end_object (out);
    }
  al_k8s_out_end_array (out);
}

/* The workload ----------------------------------------------------------- */

static void
workload_object (AlK8sContext *ctx)
{
  gboolean stateful = al_component_get_kind (ctx->component) == AL_KIND_STATEFUL;
  gboolean has_volumes = ctx->volumes->len > 0;
  AlK8sOut *out = ctx->out;

  object_begin (ctx, "apps/v1", stateful ? "StatefulSet" : "Deployment", ctx->name);
  al_k8s_out_begin_object (out, "spec");
  al_k8s_out_int (out, "replicas", al_component_get_replicas (ctx->component));
  al_k8s_out_begin_object (out, "selector");
  selector_labels (ctx, "matchLabels");
  al_k8s_out_end_object (out);
  if (stateful)
    {
      g_autofree char *headless =
          al_component_dup_object_name (ctx->component, AL_OBJECT_HEADLESS_SERVICE);
      al_k8s_out_string (out, "serviceName", headless);
    }
  else if (has_volumes)
    {
      /* A ReadWriteOnce claim cannot be mounted by the old and the new pod
       * on different nodes during a rolling update. */
      al_k8s_out_begin_object (out, "strategy");
      al_k8s_out_string (out, "type", "Recreate");
      al_k8s_out_end_object (out);
    }
  al_k8s_pod_template (ctx);
  if (stateful && has_volumes)
    volume_claim_templates (ctx);
  al_k8s_out_end_object (out);
  al_k8s_out_end_object (out);
}

/* Compilation ------------------------------------------------------------ */

const char *
al_k8s_document_namespace (AlDocument *document)
{
  const char *namespace_ = al_document_get_namespace (document);

  return namespace_ != NULL && *namespace_ != '\0' ? namespace_ : NULL;
}

/* The items of @model, borrowed: the model keeps its references. */
static GPtrArray *
borrow_items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = g_list_model_get_item (model, i);

      g_ptr_array_add (items, item);
      g_object_unref (item);
    }
  return items;
}

void
al_k8s_component_objects (AlGraph *graph, AlInjectionResolver *resolver, AlComponent *component,
                          AlResolvedEnv *env, AlK8sOut *out, GString *scratch)
{
  AlK8sContext ctx = { 0 };
  g_autoptr (GPtrArray) ports = borrow_items (al_component_get_ports (component));
  g_autoptr (GPtrArray) volumes = borrow_items (al_component_get_volumes (component));

  ctx.graph = graph;
  ctx.document = al_graph_get_document (graph);
  ctx.component = component;
  ctx.name = al_component_get_name (component);
  ctx.application = al_document_get_name (ctx.document);
  ctx.namespace_ = al_k8s_document_namespace (ctx.document);
  ctx.env = env;
  ctx.resolver = resolver;
  ctx.out = out;
  ctx.ports = ports;
  ctx.volumes = volumes;
  ctx.scratch = scratch;

  secret_object (&ctx, AL_OBJECT_OWN_SECRET, al_component_get_env (component));
  secret_object (&ctx, AL_OBJECT_CONNECTION_SECRET, al_component_get_connection (component));
  service_object (&ctx, SERVICE_CLUSTER_IP);
  if (al_component_get_kind (component) == AL_KIND_STATEFUL)
    service_object (&ctx, SERVICE_HEADLESS);
  service_object (&ctx, SERVICE_EXTERNAL);
  /* Claims of a stateless component come right before the workload that
   * mounts them; a stateful one gets its claims from volumeClaimTemplates. */
  if (al_component_get_kind (component) != AL_KIND_STATEFUL)
    for (guint i = 0; i < volumes->len; i++)
      persistent_volume_claim (&ctx, g_ptr_array_index (volumes, i));
  workload_object (&ctx);
}

static AlComponentManifest *
component_manifest_new (AlGraph *graph, AlInjectionResolver *resolver, AlComponent *component,
                        AlResolvedEnv *env, GString *scratch)
{
  AlComponentManifest *manifest = g_new0 (AlComponentManifest, 1);
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  AlK8sOut out = { 0 };

  manifest->component_id = g_strdup (al_component_get_id (component));
  manifest->component_name = g_strdup (al_component_get_name (component));
  manifest->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  out.objects = manifest->objects;
  out.stack = stack;
  al_k8s_component_objects (graph, resolver, component, env, &out, scratch);
  return manifest;
}

AlComponentManifest *
al_k8s_compile_component (AlGraph *graph, AlComponent *component)
{
  g_autoptr (AlInjectionResolver) resolver = NULL;
  g_autoptr (AlResolvedEnv) env = NULL;
  g_autoptr (GString) scratch = NULL;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  resolver = al_injection_resolver_new (graph);
  env = al_injection_resolver_resolve (resolver, component);
  scratch = g_string_new (NULL);
  return component_manifest_new (graph, resolver, component, env, scratch);
}

void
al_k8s_namespace_object (AlDocument *document, const char *namespace_, AlK8sOut *out)
{
  const char *application = al_document_get_name (document);

  al_k8s_out_begin_object (out, NULL);
  al_k8s_out_string (out, "apiVersion", "v1");
  al_k8s_out_string (out, "kind", "Namespace");
  al_k8s_out_begin_object (out, "metadata");
  al_k8s_out_string (out, "name", namespace_);
  al_k8s_labels (out, "labels", application, application);
  al_k8s_out_end_object (out);
  al_k8s_out_end_object (out);
}

GPtrArray *
al_k8s_validate_for_compile (AlGraph *graph, GPtrArray **diagnostics, GError **error)
{
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) envs = NULL;
  guint n_errors;

  found = al_validate_graph_full (graph, &envs);
  if (diagnostics != NULL)
    *diagnostics = g_ptr_array_ref (found);
  n_errors = al_diagnostic_list_count (found, AL_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      g_set_error (error, AL_COMPILE_ERROR, AL_COMPILE_ERROR_DIAGNOSTICS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The document has %u error; fix it before compiling",
                                "The document has %u errors; fix them before compiling", n_errors),
                   n_errors);
      return NULL;
    }
  return g_steal_pointer (&envs);
}

AlManifests *
al_k8s_compile (AlGraph *graph, GPtrArray **diagnostics, GError **error)
{
  g_autoptr (GPtrArray) envs = NULL;
  g_autoptr (GString) scratch = NULL;
  g_autoptr (AlInjectionResolver) resolver = NULL;
  AlManifests *manifests;
  AlDocument *document;
  const char *namespace_;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  envs = al_k8s_validate_for_compile (graph, diagnostics, error);
  if (envs == NULL)
    return NULL;

  document = al_graph_get_document (graph);
  namespace_ = al_k8s_document_namespace (document);
  scratch = g_string_new (NULL);
  resolver = al_injection_resolver_new (graph);
  manifests = g_new0 (AlManifests, 1);
  if (namespace_ != NULL)
    {
      g_autoptr (GPtrArray) objects = g_ptr_array_new ();
      g_autoptr (GPtrArray) stack = g_ptr_array_new ();
      AlK8sOut out = { .objects = objects, .stack = stack };

      al_k8s_namespace_object (document, namespace_, &out);
      manifests->namespace_object = g_ptr_array_index (objects, 0);
    }
  manifests->components = g_ptr_array_new_with_free_func ((GDestroyNotify) al_component_manifest_free);
  for (guint i = 0; i < al_graph_get_n_components (graph); i++)
    g_ptr_array_add (manifests->components,
                     component_manifest_new (graph, resolver, al_graph_get_component (graph, i),
                                             g_ptr_array_index (envs, i), scratch));
  return manifests;
}

void
al_component_manifest_free (AlComponentManifest *manifest)
{
  if (manifest == NULL)
    return;
  g_free (manifest->component_id);
  g_free (manifest->component_name);
  g_ptr_array_unref (manifest->objects);
  g_free (manifest);
}

void
al_manifests_free (AlManifests *manifests)
{
  if (manifests == NULL)
    return;
  g_clear_pointer (&manifests->namespace_object, json_node_unref);
  g_ptr_array_unref (manifests->components);
  g_free (manifests);
}
