/* The objects of each component (DESIGN §4): Secrets, Services, claims and
 * the workload; the pod template is in al-k8s-pod.c. */
#include "al-k8s-compiler.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-k8s-private.h"
#include "al-validate.h"

G_DEFINE_QUARK (al-compile-error-quark, al_compile_error)

/* Small builders ------------------------------------------------------- */

JsonArray *
al_k8s_string_array_new (const char *const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_array_add_string_element (array, strings[i]);
  return array;
}

static JsonNode *
node_from_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

JsonObject *
al_k8s_labels_new (const char *name, const char *application)
{
  JsonObject *labels = json_object_new ();

  json_object_set_string_member (labels, AL_K8S_LABEL_NAME, name);
  json_object_set_string_member (labels, AL_K8S_LABEL_PART_OF, application);
  json_object_set_string_member (labels, AL_K8S_LABEL_MANAGED_BY, "archlane");
  return labels;
}

/* What Services and workloads select: name and part-of, which stay the same
 * for the life of the component (managed-by is not part of its identity). */
JsonObject *
al_k8s_selector_labels_new (AlK8sContext *ctx)
{
  JsonObject *labels = json_object_new ();

  json_object_set_string_member (labels, AL_K8S_LABEL_NAME, ctx->name);
  json_object_set_string_member (labels, AL_K8S_LABEL_PART_OF, ctx->application);
  return labels;
}

static JsonObject *
metadata_new (AlK8sContext *ctx, const char *object_name)
{
  JsonObject *metadata = json_object_new ();

  json_object_set_string_member (metadata, "name", object_name);
  if (ctx->namespace_ != NULL)
    json_object_set_string_member (metadata, "namespace", ctx->namespace_);
  json_object_set_object_member (metadata, "labels", al_k8s_labels_new (ctx->name, ctx->application));
  return metadata;
}

static JsonObject *
object_new (AlK8sContext *ctx, const char *api_version, const char *kind, const char *object_name)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "apiVersion", api_version);
  json_object_set_string_member (object, "kind", kind);
  json_object_set_object_member (object, "metadata", metadata_new (ctx, object_name));
  return object;
}

char *
al_k8s_port_name (AlPort *port)
{
  /* At most "https-65535": 11 characters, within the limit of 15. */
  return g_strdup_printf ("%s-%d", al_protocol_to_string (al_port_get_protocol (port)),
                          al_port_get_port (port));
}

const char *
al_k8s_transport_protocol (AlPort *port)
{
  return al_port_get_protocol (port) == AL_PROTOCOL_UDP ? "UDP" : "TCP";
}

char *
al_k8s_quantity (int value, const char *unit)
{
  return g_strdup_printf ("%d%s", value, unit);
}

/* Secrets -------------------------------------------------------------- */

/* A Secret holding the secret literals of @vars, or %NULL when there are
 * none. Values are written as given: Kubernetes expands "$(VAR)" only in
 * env values, command and args, never in what a container reads from a
 * Secret. */
static JsonNode *
secret_new (AlK8sContext *ctx, const char *secret_name, GListModel *vars)
{
  JsonObject *object;
  JsonObject *data = NULL;
  guint n = g_list_model_get_n_items (vars);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlEnvVar) var = g_list_model_get_item (vars, i);

      if (al_env_var_is_secret_ref (var) || !al_env_var_get_secret (var))
        continue;
      if (data == NULL)
        data = json_object_new ();
      json_object_set_string_member (data, al_env_var_get_name (var),
                                     al_env_var_get_value (var) ? al_env_var_get_value (var) : "");
    }
  if (data == NULL)
    return NULL;

  object = object_new (ctx, "v1", "Secret", secret_name);
  json_object_set_string_member (object, "type", "Opaque");
  json_object_set_object_member (object, "stringData", data);
  return node_from_object (object);
}

/* Services ------------------------------------------------------------- */

static JsonObject *
service_port_new (AlPort *port)
{
  JsonObject *object = json_object_new ();
  g_autofree char *name = al_k8s_port_name (port);

  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "protocol", al_k8s_transport_protocol (port));
  switch (al_port_get_protocol (port))
    {
    case AL_PROTOCOL_HTTP:
    case AL_PROTOCOL_HTTPS:
    case AL_PROTOCOL_GRPC:
      json_object_set_string_member (object, "appProtocol",
                                     al_protocol_to_string (al_port_get_protocol (port)));
      break;
    case AL_PROTOCOL_TCP:
    case AL_PROTOCOL_UDP:
    default:
      break;
    }
  json_object_set_int_member (object, "port", al_port_get_port (port));
  json_object_set_int_member (object, "targetPort", al_port_get_port (port));
  return object;
}

/* The inner (or outer) ports of the component as Service ports, in the
 * order of the document; %NULL when there is none. */
static JsonArray *
service_ports_new (AlK8sContext *ctx, gboolean outer)
{
  GListModel *ports = al_component_get_ports (ctx->component);
  guint n = g_list_model_get_n_items (ports);
  JsonArray *array = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (ports, i);

      if (!(outer ? al_port_get_outer (port) : al_port_get_inner (port)))
        continue;
      if (array == NULL)
        array = json_array_new ();
      json_array_add_object_element (array, service_port_new (port));
    }
  return array;
}

typedef enum
{
  SERVICE_CLUSTER_IP,
  SERVICE_HEADLESS,
  SERVICE_EXTERNAL,
} ServiceKind;

static JsonNode *
service_new (AlK8sContext *ctx, ServiceKind kind)
{
  g_autofree char *name = NULL;
  JsonArray *ports = service_ports_new (ctx, kind == SERVICE_EXTERNAL);
  JsonObject *object, *spec;

  /* A headless Service gives the pods of a StatefulSet their names, even
   * without ports; the others exist only for their ports. */
  if (ports == NULL && kind != SERVICE_HEADLESS)
    return NULL;

  switch (kind)
    {
    case SERVICE_HEADLESS:
      name = al_component_dup_object_name (ctx->component, AL_OBJECT_HEADLESS_SERVICE);
      break;
    case SERVICE_EXTERNAL:
      name = al_component_dup_object_name (ctx->component, AL_OBJECT_EXTERNAL_SERVICE);
      break;
    case SERVICE_CLUSTER_IP:
    default:
      name = al_component_dup_object_name (ctx->component, AL_OBJECT_SERVICE);
      break;
    }

  object = object_new (ctx, "v1", "Service", name);
  spec = json_object_new ();
  if (kind == SERVICE_EXTERNAL)
    json_object_set_string_member (spec, "type",
                                   al_exposure_to_string (al_document_get_exposure (ctx->document)));
  else
    json_object_set_string_member (spec, "type", "ClusterIP");
  if (kind == SERVICE_HEADLESS)
    {
      json_object_set_string_member (spec, "clusterIP", "None");
      json_object_set_boolean_member (spec, "publishNotReadyAddresses", TRUE);
    }
  json_object_set_object_member (spec, "selector", al_k8s_selector_labels_new (ctx));
  if (ports != NULL)
    json_object_set_array_member (spec, "ports", ports);
  json_object_set_object_member (object, "spec", spec);
  return node_from_object (object);
}

/* Volumes -------------------------------------------------------------- */

static JsonObject *
claim_spec_new (AlVolume *volume)
{
  JsonObject *spec = json_object_new ();
  JsonArray *modes = json_array_new ();
  JsonObject *resources = json_object_new ();
  JsonObject *requests = json_object_new ();
  g_autofree char *size = al_k8s_quantity (al_volume_get_size_mib (volume), "Mi");

  json_array_add_string_element (modes, "ReadWriteOnce");
  json_object_set_array_member (spec, "accessModes", modes);
  json_object_set_string_member (requests, "storage", size);
  json_object_set_object_member (resources, "requests", requests);
  json_object_set_object_member (spec, "resources", resources);
  return spec;
}

char *
al_k8s_claim_name (AlK8sContext *ctx, AlVolume *volume)
{
  return g_strconcat (ctx->name, "-", al_volume_get_name (volume), NULL);
}

static JsonNode *
persistent_volume_claim_new (AlK8sContext *ctx, AlVolume *volume)
{
  g_autofree char *name = al_k8s_claim_name (ctx, volume);
  JsonObject *object = object_new (ctx, "v1", "PersistentVolumeClaim", name);

  json_object_set_object_member (object, "spec", claim_spec_new (volume));
  return node_from_object (object);
}

static JsonArray *
volume_claim_templates_new (AlK8sContext *ctx)
{
  GListModel *volumes = al_component_get_volumes (ctx->component);
  guint n = g_list_model_get_n_items (volumes);
  JsonArray *templates = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlVolume) volume = g_list_model_get_item (volumes, i);
      JsonObject *claim = json_object_new ();
      JsonObject *metadata = json_object_new ();

      json_object_set_string_member (metadata, "name", al_volume_get_name (volume));
      json_object_set_object_member (metadata, "labels", al_k8s_labels_new (ctx->name, ctx->application));
      json_object_set_object_member (claim, "metadata", metadata);
      json_object_set_object_member (claim, "spec", claim_spec_new (volume));
      json_array_add_object_element (templates, claim);
    }
  return templates;
}

/* The workload --------------------------------------------------------- */

static JsonNode *
workload_new (AlK8sContext *ctx)
{
  gboolean stateful = al_component_get_kind (ctx->component) == AL_KIND_STATEFUL;
  gboolean has_volumes = g_list_model_get_n_items (al_component_get_volumes (ctx->component)) > 0;
  JsonObject *object = object_new (ctx, "apps/v1", stateful ? "StatefulSet" : "Deployment", ctx->name);
  JsonObject *spec = json_object_new ();
  JsonObject *selector = json_object_new ();

  json_object_set_int_member (spec, "replicas", al_component_get_replicas (ctx->component));
  json_object_set_object_member (selector, "matchLabels", al_k8s_selector_labels_new (ctx));
  json_object_set_object_member (spec, "selector", selector);
  if (stateful)
    {
      g_autofree char *headless =
          al_component_dup_object_name (ctx->component, AL_OBJECT_HEADLESS_SERVICE);
      json_object_set_string_member (spec, "serviceName", headless);
    }
  else if (has_volumes)
    {
      /* A ReadWriteOnce claim cannot be mounted by the old and the new pod
       * on different nodes during a rolling update. */
      JsonObject *strategy = json_object_new ();
      json_object_set_string_member (strategy, "type", "Recreate");
      json_object_set_object_member (spec, "strategy", strategy);
    }
  json_object_set_object_member (spec, "template", al_k8s_pod_template_new (ctx));
  if (stateful && has_volumes)
    json_object_set_array_member (spec, "volumeClaimTemplates", volume_claim_templates_new (ctx));
  json_object_set_object_member (object, "spec", spec);
  return node_from_object (object);
}

/* Compilation ---------------------------------------------------------- */

static const char *
document_namespace (AlDocument *document)
{
  const char *namespace_ = al_document_get_namespace (document);

  return namespace_ != NULL && *namespace_ != '\0' ? namespace_ : NULL;
}

static void
add_object (GPtrArray *objects, JsonNode *node)
{
  if (node != NULL)
    g_ptr_array_add (objects, node);
}

AlComponentManifest *
al_k8s_compile_component (AlGraph *graph, AlComponent *component)
{
  AlComponentManifest *manifest;
  AlK8sContext ctx = { 0 };
  g_autofree char *secrets_name = NULL;
  g_autofree char *connection_name = NULL;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (AL_IS_COMPONENT (component), NULL);

  ctx.graph = graph;
  ctx.document = al_graph_get_document (graph);
  ctx.component = component;
  ctx.name = al_component_get_name (component);
  ctx.application = al_document_get_name (ctx.document);
  ctx.namespace_ = document_namespace (ctx.document);

  manifest = g_new0 (AlComponentManifest, 1);
  manifest->component_id = g_strdup (al_component_get_id (component));
  manifest->component_name = g_strdup (ctx.name);
  manifest->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  secrets_name = al_component_dup_object_name (component, AL_OBJECT_OWN_SECRET);
  connection_name = al_component_dup_object_name (component, AL_OBJECT_CONNECTION_SECRET);
  add_object (manifest->objects, secret_new (&ctx, secrets_name, al_component_get_env (component)));
  add_object (manifest->objects,
              secret_new (&ctx, connection_name, al_component_get_connection (component)));
  add_object (manifest->objects, service_new (&ctx, SERVICE_CLUSTER_IP));
  if (al_component_get_kind (component) == AL_KIND_STATEFUL)
    add_object (manifest->objects, service_new (&ctx, SERVICE_HEADLESS));
  add_object (manifest->objects, service_new (&ctx, SERVICE_EXTERNAL));
  /* Claims of a stateless component come right before the workload that
   * mounts them; a stateful one gets its claims from volumeClaimTemplates. */
  if (al_component_get_kind (component) != AL_KIND_STATEFUL)
    {
      GListModel *volumes = al_component_get_volumes (component);
      guint n = g_list_model_get_n_items (volumes);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (AlVolume) volume = g_list_model_get_item (volumes, i);
          add_object (manifest->objects, persistent_volume_claim_new (&ctx, volume));
        }
    }
  add_object (manifest->objects, workload_new (&ctx));
  return manifest;
}

static JsonNode *
namespace_new (AlDocument *document, const char *namespace_)
{
  JsonObject *object = json_object_new ();
  JsonObject *metadata = json_object_new ();
  const char *application = al_document_get_name (document);

  json_object_set_string_member (object, "apiVersion", "v1");
  json_object_set_string_member (object, "kind", "Namespace");
  json_object_set_string_member (metadata, "name", namespace_);
  json_object_set_object_member (metadata, "labels", al_k8s_labels_new (application, application));
  json_object_set_object_member (object, "metadata", metadata);
  return node_from_object (object);
}

AlManifests *
al_k8s_compile (AlGraph *graph, GPtrArray **diagnostics, GError **error)
{
  g_autoptr (GPtrArray) found = NULL;
  AlManifests *manifests;
  AlDocument *document;
  guint n_errors;
  const char *namespace_;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = al_validate_graph (graph);
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

  document = al_graph_get_document (graph);
  namespace_ = document_namespace (document);
  manifests = g_new0 (AlManifests, 1);
  manifests->namespace_object = namespace_ ? namespace_new (document, namespace_) : NULL;
  manifests->components = g_ptr_array_new_with_free_func ((GDestroyNotify) al_component_manifest_free);
  for (guint i = 0; i < al_graph_get_n_components (graph); i++)
    g_ptr_array_add (manifests->components,
                     al_k8s_compile_component (graph, al_graph_get_component (graph, i)));
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
