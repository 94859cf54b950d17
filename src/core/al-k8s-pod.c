/* The pod template of a component's workload: placement, start-up wait,
 * the container with its environment, resources, probes and volumes. */
#include <string.h>

#include "al-injection.h"
#include "al-k8s-private.h"

/* Seconds between the start of a container and its first liveness check,
 * and the failed checks tolerated before a restart: enough for a database's
 * first initialisation, so a slow start is not a restart loop. */
#define LIVENESS_INITIAL_DELAY_S 30
#define LIVENESS_FAILURE_THRESHOLD 6

static gboolean
strv_is_empty (const char *const *strings)
{
  return strings == NULL || strings[0] == NULL;
}

/* Volumes -------------------------------------------------------------- */

/* The pod's volumes of a stateless component: one per claim. */
static JsonArray *
pod_volumes_new (AlK8sContext *ctx)
{
  GListModel *volumes = al_component_get_volumes (ctx->component);
  guint n = g_list_model_get_n_items (volumes);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlVolume) volume = g_list_model_get_item (volumes, i);
      g_autofree char *claim = al_k8s_claim_name (ctx, volume);
      JsonObject *object = json_object_new ();
      JsonObject *source = json_object_new ();

      json_object_set_string_member (object, "name", al_volume_get_name (volume));
      json_object_set_string_member (source, "claimName", claim);
      json_object_set_object_member (object, "persistentVolumeClaim", source);
      json_array_add_object_element (array, object);
    }
  return array;
}

static JsonArray *
volume_mounts_new (AlK8sContext *ctx)
{
  GListModel *volumes = al_component_get_volumes (ctx->component);
  guint n = g_list_model_get_n_items (volumes);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlVolume) volume = g_list_model_get_item (volumes, i);
      JsonObject *mount = json_object_new ();

      json_object_set_string_member (mount, "name", al_volume_get_name (volume));
      json_object_set_string_member (mount, "mountPath", al_volume_get_path (volume));
      json_array_add_object_element (array, mount);
    }
  return array;
}

/* The container -------------------------------------------------------- */

static JsonArray *
container_ports_new (AlK8sContext *ctx)
{
  GListModel *ports = al_component_get_ports (ctx->component);
  guint n = g_list_model_get_n_items (ports);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AlPort) port = g_list_model_get_item (ports, i);
      g_autofree char *name = al_k8s_port_name (port);
      JsonObject *object = json_object_new ();

      /* appProtocol is a field of Service ports only; the port name carries
       * the protocol here. */
      json_object_set_string_member (object, "name", name);
      json_object_set_int_member (object, "containerPort", al_port_get_port (port));
      json_object_set_string_member (object, "protocol", al_k8s_transport_protocol (port));
      json_array_add_object_element (array, object);
    }
  return array;
}

static JsonArray *
container_env_new (AlResolvedEnv *env)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < env->vars->len; i++)
    {
      AlResolvedVar *var = g_ptr_array_index (env->vars, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "name", var->name);
      if (var->kind == AL_VAR_VALUE)
        json_object_set_string_member (object, "value", var->value ? var->value : "");
      else
        {
          JsonObject *value_from = json_object_new ();
          JsonObject *ref = json_object_new ();

          json_object_set_string_member (ref, "name", var->secret_name);
          json_object_set_string_member (ref, "key", var->secret_key);
          json_object_set_object_member (value_from, "secretKeyRef", ref);
          json_object_set_object_member (object, "valueFrom", value_from);
        }
      json_array_add_object_element (array, object);
    }
  return array;
}

static JsonObject *
resources_new (int cpu_millis, int memory_mib)
{
  JsonObject *resources = json_object_new ();

  for (guint i = 0; i < 2; i++)
    {
      JsonObject *amounts = json_object_new ();
      g_autofree char *cpu = al_k8s_quantity (cpu_millis, "m");
      g_autofree char *memory = al_k8s_quantity (memory_mib, "Mi");

      json_object_set_string_member (amounts, "cpu", cpu);
      json_object_set_string_member (amounts, "memory", memory);
      json_object_set_object_member (resources, i == 0 ? "requests" : "limits", amounts);
    }
  return resources;
}

/* The port a tcp or http probe checks: its own, else the component's first
 * port; 0 when there is none. */
static int
probe_port (AlK8sContext *ctx, AlProbe *probe)
{
  GListModel *ports = al_component_get_ports (ctx->component);
  g_autoptr (AlPort) first = NULL;

  if (al_probe_get_port (probe) > 0)
    return al_probe_get_port (probe);
  if (g_list_model_get_n_items (ports) == 0)
    return 0;
  first = g_list_model_get_item (ports, 0);
  return al_port_get_port (first);
}

/* The check of a probe (tcpSocket, httpGet or exec), or %NULL. */
static JsonObject *
probe_check_new (AlK8sContext *ctx)
{
  AlProbe *probe = al_component_get_probe (ctx->component);
  int port = probe_port (ctx, probe);
  JsonObject *check = json_object_new ();
  JsonObject *action = json_object_new ();

  switch (al_probe_get_probe_type (probe))
    {
    case AL_PROBE_TCP:
      if (port == 0)
        break;
      json_object_set_int_member (action, "port", port);
      json_object_set_object_member (check, "tcpSocket", g_steal_pointer (&action));
      return check;
    case AL_PROBE_HTTP:
      {
        const char *path = al_probe_get_path (probe);
        AlPort *target = al_component_find_port (ctx->component, port);

        if (port == 0)
          break;
        json_object_set_string_member (action, "path", path && *path ? path : "/");
        json_object_set_int_member (action, "port", port);
        if (target != NULL && al_port_get_protocol (target) == AL_PROTOCOL_HTTPS)
          json_object_set_string_member (action, "scheme", "HTTPS");
        json_object_set_object_member (check, "httpGet", g_steal_pointer (&action));
        return check;
      }
    case AL_PROBE_EXEC:
      if (strv_is_empty (al_probe_get_command (probe)))
        break;
      json_object_set_array_member (action, "command", al_k8s_string_array_new (al_probe_get_command (probe)));
      json_object_set_object_member (check, "exec", g_steal_pointer (&action));
      return check;
    case AL_PROBE_NONE:
    default:
      break;
    }
  json_object_unref (action);
  json_object_unref (check);
  return NULL;
}

static void
add_probes (AlK8sContext *ctx, JsonObject *container)
{
  JsonObject *readiness = probe_check_new (ctx);
  JsonObject *liveness;

  if (readiness == NULL)
    return;
  liveness = probe_check_new (ctx);
  json_object_set_int_member (liveness, "initialDelaySeconds", LIVENESS_INITIAL_DELAY_S);
  json_object_set_int_member (liveness, "failureThreshold", LIVENESS_FAILURE_THRESHOLD);
  json_object_set_object_member (container, "readinessProbe", readiness);
  json_object_set_object_member (container, "livenessProbe", liveness);
}

static JsonObject *
main_container_new (AlK8sContext *ctx)
{
  g_autoptr (AlResolvedEnv) env = al_injection_resolve_for_component (ctx->graph, ctx->component);
  JsonObject *container = json_object_new ();
  GListModel *ports = al_component_get_ports (ctx->component);
  GListModel *volumes = al_component_get_volumes (ctx->component);
  const char *image = al_component_get_image (ctx->component);

  json_object_set_string_member (container, "name", ctx->name);
  json_object_set_string_member (container, "image", image ? image : "");
  if (!strv_is_empty ((const char *const *) env->command))
    json_object_set_array_member (container, "command",
                                  al_k8s_string_array_new ((const char *const *) env->command));
  if (!strv_is_empty ((const char *const *) env->args))
    json_object_set_array_member (container, "args",
                                  al_k8s_string_array_new ((const char *const *) env->args));
  if (g_list_model_get_n_items (ports) > 0)
    json_object_set_array_member (container, "ports", container_ports_new (ctx));
  if (env->vars->len > 0)
    json_object_set_array_member (container, "env", container_env_new (env));
  json_object_set_object_member (container, "resources",
                                 resources_new (al_component_get_cpu_millis (ctx->component),
                                                al_component_get_memory_mib (ctx->component)));
  add_probes (ctx, container);
  if (g_list_model_get_n_items (volumes) > 0)
    json_object_set_array_member (container, "volumeMounts", volume_mounts_new (ctx));
  return container;
}

/* Start-up order ------------------------------------------------------- */

/* The waiting loop. Each dependency's deadline counts from the start of the
 * container, so wait_timeout_s reads as "up within N seconds of the pod
 * starting" whatever the order of the checks. Only busybox sh, nc and date. */
static const char wait_script_head[] =
  "# Waits until the components this one depends on accept TCP connections.\n"
  "start=$(date +%s)\n"
  "wait_for() {\n"
  "  until nc -z -w 2 \"$2\" \"$3\" >/dev/null 2>&1; do\n"
  "    if [ $(( $(date +%s) - start )) -ge \"$4\" ]; then\n"
  "      echo \"" AL_K8S_WAIT_CONTAINER ": dependency $1 did not accept TCP connections on $2:$3"
  " within $4 seconds; check that $1 is running and ready\" >&2\n"
  "      exit 1\n"
  "    fi\n"
  "    sleep 2\n"
  "  done\n"
  "  echo \"" AL_K8S_WAIT_CONTAINER ": dependency $1 is up on $2:$3\"\n"
  "}\n";

/* Names and hosts are DNS labels once the document validates; anything else
 * (the live view compiles unvalidated documents) is quoted for sh. */
static void
append_shell_word (GString *script, const char *word)
{
  gboolean plain = *word != '\0';

  for (const char *p = word; *p && plain; p++)
    plain = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.';
  g_string_append_c (script, ' ');
  if (plain)
    g_string_append (script, word);
  else
    {
      g_autofree char *quoted = g_shell_quote (word);
      g_string_append (script, quoted);
    }
}

/* The init container that holds the pod back until every "wait"
 * dependency's consumed ports accept TCP connections, or %NULL when nothing
 * is to be waited for. UDP ports cannot be checked that way and are left
 * out. */
static JsonObject *
wait_container_new (AlK8sContext *ctx)
{
  GPtrArray *consumed = al_graph_get_consumed (ctx->graph, ctx->component);
  g_autoptr (GString) script = g_string_new (wait_script_head);
  guint n_checks = 0;
  JsonObject *container;
  JsonArray *command;

  for (guint i = 0; i < consumed->len; i++)
    {
      AlDependency *dependency = g_ptr_array_index (consumed, i);
      AlComponent *provider = al_graph_get_to (ctx->graph, dependency);
      g_autoptr (GArray) ports = NULL;

      if (provider == NULL || !al_dependency_get_wait (dependency))
        continue;
      ports = al_injection_dup_consumed_ports (dependency, provider);
      for (guint k = 0; k < ports->len; k++)
        {
          int number = g_array_index (ports, int, k);
          AlPort *port = al_component_find_port (provider, number);
          g_autofree char *number_text = g_strdup_printf ("%d", number);
          g_autofree char *timeout = g_strdup_printf ("%d", al_dependency_get_wait_timeout_s (dependency));

          if (port != NULL && al_port_get_protocol (port) == AL_PROTOCOL_UDP)
            continue;
          g_string_append (script, "wait_for");
          append_shell_word (script, al_component_get_name (provider));
          append_shell_word (script, al_component_get_service_name (provider));
          append_shell_word (script, number_text);
          append_shell_word (script, timeout);
          g_string_append_c (script, '\n');
          n_checks++;
        }
    }
  if (n_checks == 0)
    return NULL;

  container = json_object_new ();
  json_object_set_string_member (container, "name", AL_K8S_WAIT_CONTAINER);
  json_object_set_string_member (container, "image", al_document_get_wait_image (ctx->document));
  command = json_array_new ();
  json_array_add_string_element (command, "sh");
  json_array_add_string_element (command, "-c");
  json_array_add_string_element (command, script->str);
  json_object_set_array_member (container, "command", command);
  /* Small but explicit, so a namespace quota that demands limits admits it. */
  json_object_set_object_member (container, "resources", resources_new (50, 32));
  return container;
}

/* Placement and the template ------------------------------------------- */

static JsonObject *
affinity_new (const char *arch)
{
  JsonObject *affinity = json_object_new ();
  JsonObject *node_affinity = json_object_new ();
  JsonObject *required = json_object_new ();
  JsonArray *terms = json_array_new ();
  JsonObject *term = json_object_new ();
  JsonArray *expressions = json_array_new ();
  JsonObject *expression = json_object_new ();
  JsonArray *values = json_array_new ();

  json_array_add_string_element (values, arch);
  json_object_set_string_member (expression, "key", AL_K8S_ARCH_KEY);
  json_object_set_string_member (expression, "operator", "In");
  json_object_set_array_member (expression, "values", values);
  json_array_add_object_element (expressions, expression);
  json_object_set_array_member (term, "matchExpressions", expressions);
  json_array_add_object_element (terms, term);
  json_object_set_array_member (required, "nodeSelectorTerms", terms);
  json_object_set_object_member (node_affinity, "requiredDuringSchedulingIgnoredDuringExecution",
                                 required);
  json_object_set_object_member (affinity, "nodeAffinity", node_affinity);
  return affinity;
}

static JsonArray *
tolerations_new (const char *arch)
{
  JsonArray *tolerations = json_array_new ();
  JsonObject *toleration = json_object_new ();

  json_object_set_string_member (toleration, "key", AL_K8S_ARCH_KEY);
  json_object_set_string_member (toleration, "operator", "Equal");
  json_object_set_string_member (toleration, "value", arch);
  json_object_set_string_member (toleration, "effect", "NoSchedule");
  json_array_add_object_element (tolerations, toleration);
  return tolerations;
}

JsonObject *
al_k8s_pod_template_new (AlK8sContext *ctx)
{
  JsonObject *template = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonObject *spec = json_object_new ();
  AlLane *lane = al_document_get_component_lane (ctx->document, ctx->component);
  JsonObject *wait = wait_container_new (ctx);
  JsonArray *containers = json_array_new ();
  gboolean stateful = al_component_get_kind (ctx->component) == AL_KIND_STATEFUL;

  json_object_set_object_member (metadata, "labels", al_k8s_labels_new (ctx->name, ctx->application));
  json_object_set_object_member (template, "metadata", metadata);

  /* An unknown lane (reported by validation) gives no placement rule. */
  if (lane != NULL)
    {
      json_object_set_object_member (spec, "affinity", affinity_new (al_lane_get_arch (lane)));
      if (al_lane_get_tolerate_taint (lane))
        json_object_set_array_member (spec, "tolerations", tolerations_new (al_lane_get_arch (lane)));
    }
  if (wait != NULL)
    {
      JsonArray *init = json_array_new ();
      json_array_add_object_element (init, wait);
      json_object_set_array_member (spec, "initContainers", init);
    }
  json_array_add_object_element (containers, main_container_new (ctx));
  json_object_set_array_member (spec, "containers", containers);
  if (!stateful && g_list_model_get_n_items (al_component_get_volumes (ctx->component)) > 0)
    json_object_set_array_member (spec, "volumes", pod_volumes_new (ctx));
  json_object_set_object_member (template, "spec", spec);
  return template;
}
