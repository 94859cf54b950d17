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

/* Volumes ---------------------------------------------------------------- */

/* The pod's volumes of a stateless component: one per claim. */
static void
pod_volumes (AlK8sContext *ctx)
{
  AlK8sOut *out = ctx->out;

  al_k8s_out_begin_array (out, "volumes");
  for (guint i = 0; i < ctx->volumes->len; i++)
    {
      AlVolume *volume = g_ptr_array_index (ctx->volumes, i);

      al_k8s_out_begin_object (out, NULL);
      al_k8s_out_string (out, "name", al_volume_get_name (volume));
      al_k8s_out_begin_object (out, "persistentVolumeClaim");
      al_k8s_out_string (out, "claimName", al_k8s_claim_name (ctx, volume));
      al_k8s_out_end_object (out);
      al_k8s_out_end_object (out);
    }
  al_k8s_out_end_array (out);
}

static void
volume_mounts (AlK8sContext *ctx)
{
  AlK8sOut *out = ctx->out;

  al_k8s_out_begin_array (out, "volumeMounts");
  for (guint i = 0; i < ctx->volumes->len; i++)
    {
      AlVolume *volume = g_ptr_array_index (ctx->volumes, i);

      al_k8s_out_begin_object (out, NULL);
      al_k8s_out_string (out, "name", al_volume_get_name (volume));
      al_k8s_out_string (out, "mountPath", al_volume_get_path (volume));
      al_k8s_out_end_object (out);
    }
  al_k8s_out_end_array (out);
}

/* The container ---------------------------------------------------------- */

static void
container_ports (AlK8sContext *ctx)
{
  AlK8sOut *out = ctx->out;

  al_k8s_out_begin_array (out, "ports");
  for (guint i = 0; i < ctx->ports->len; i++)
    {
      AlPort *port = g_ptr_array_index (ctx->ports, i);
      char name[AL_K8S_NAME_BUF];

      /* appProtocol is a field of Service ports only; the port name carries
       * the protocol here. */
      al_k8s_out_begin_object (out, NULL);
      al_k8s_out_string (out, "name", al_k8s_port_name (port, name));
      al_k8s_out_int (out, "containerPort", al_port_get_port (port));
      al_k8s_out_string (out, "protocol", al_k8s_transport_protocol (port));
      al_k8s_out_end_object (out);
    }
  al_k8s_out_end_array (out);
}

static void
container_env (AlK8sOut *out, AlResolvedEnv *env)
{
  al_k8s_out_begin_array (out, "env");
  for (guint i = 0; i < env->vars->len; i++)
    {
      AlResolvedVar *var = g_ptr_array_index (env->vars, i);

      al_k8s_out_begin_object (out, NULL);
      al_k8s_out_string (out, "name", var->name);
      if (var->kind == AL_VAR_VALUE)
        al_k8s_out_string (out, "value", var->value ? var->value : "");
      else
        {
          al_k8s_out_begin_object (out, "valueFrom");
          al_k8s_out_begin_object (out, "secretKeyRef");
          al_k8s_out_string (out, "name", var->secret_name);
          al_k8s_out_string (out, "key", var->secret_key);
          al_k8s_out_end_object (out);
          al_k8s_out_end_object (out);
        }
      al_k8s_out_end_object (out);
    }
  al_k8s_out_end_array (out);
}

static void
resources (AlK8sOut *out, int cpu_millis, int memory_mib)
{
  char cpu[AL_K8S_NAME_BUF], memory[AL_K8S_NAME_BUF];

  al_k8s_quantity (cpu_millis, "m", cpu);
  al_k8s_quantity (memory_mib, "Mi", memory);
  al_k8s_out_begin_object (out, "resources");
  for (guint i = 0; i < 2; i++)
    {
      al_k8s_out_begin_object (out, i == 0 ? "requests" : "limits");
      al_k8s_out_string (out, "cpu", cpu);
      al_k8s_out_string (out, "memory", memory);
      al_k8s_out_end_object (out);
    }
  al_k8s_out_end_object (out);
}

/* The first port numbered @number, or %NULL. */
static AlPort *
find_port (AlK8sContext *ctx, int number)
{
  for (guint i = 0; i < ctx->ports->len; i++)
    if (al_port_get_port (g_ptr_array_index (ctx->ports, i)) == number)
      return g_ptr_array_index (ctx->ports, i);
  return NULL;
}

/* The port a tcp or http probe checks: its own, else the component's first
 * port; 0 when there is none. */
static int
probe_port (AlK8sContext *ctx, AlProbe *probe)
{
  if (al_probe_get_port (probe) > 0)
    return al_probe_get_port (probe);
  if (ctx->ports->len == 0)
    return 0;
  return al_port_get_port (g_ptr_array_index (ctx->ports, 0));
}

/* Whether the probe gives a check (tcpSocket, httpGet or exec). */
static gboolean
probe_has_check (AlK8sContext *ctx, AlProbe *probe)
{
  switch (al_probe_get_probe_type (probe))
    {
    case AL_PROBE_TCP:
    case AL_PROBE_HTTP:
      return probe_port (ctx, probe) != 0;
    case AL_PROBE_EXEC:
      return !strv_is_empty (al_probe_get_command (probe));
    case AL_PROBE_NONE:
    default:
      return FALSE;
    }
}

static void
probe (AlK8sContext *ctx, AlProbe *probe, const char *key, gboolean liveness)
{
  AlK8sOut *out = ctx->out;
  int port = probe_port (ctx, probe);

  al_k8s_out_begin_object (out, key);
  switch (al_probe_get_probe_type (probe))
    {
    case AL_PROBE_TCP:
      al_k8s_out_begin_object (out, "tcpSocket");
      al_k8s_out_int (out, "port", port);
      al_k8s_out_end_object (out);
      break;
    case AL_PROBE_HTTP:
      {
        const char *path = al_probe_get_path (probe);
        AlPort *target = find_port (ctx, port);

        al_k8s_out_begin_object (out, "httpGet");
        al_k8s_out_string (out, "path", path && *path ? path : "/");
        al_k8s_out_int (out, "port", port);
        if (target != NULL && al_port_get_protocol (target) == AL_PROTOCOL_HTTPS)
          al_k8s_out_string (out, "scheme", "HTTPS");
        al_k8s_out_end_object (out);
        break;
      }
    case AL_PROBE_EXEC:
      al_k8s_out_begin_object (out, "exec");
      al_k8s_string_array (out, "command", al_probe_get_command (probe));
      al_k8s_out_end_object (out);
      break;
    case AL_PROBE_NONE:
    default:
      g_assert_not_reached ();
    }
  if (liveness)
    {
      al_k8s_out_int (out, "initialDelaySeconds", LIVENESS_INITIAL_DELAY_S);
      al_k8s_out_int (out, "failureThreshold", LIVENESS_FAILURE_THRESHOLD);
    }
  al_k8s_out_end_object (out);
}

static void
main_container (AlK8sContext *ctx)
{
  AlResolvedEnv *env = ctx->env;
  AlK8sOut *out = ctx->out;
  AlProbe *readiness = al_component_get_probe (ctx->component);
  const char *image = al_component_get_image (ctx->component);

  al_k8s_out_begin_object (out, NULL);
  al_k8s_out_string (out, "name", ctx->name);
  al_k8s_out_string (out, "image", image ? image : "");
  if (!strv_is_empty ((const char *const *) env->command))
    al_k8s_string_array (out, "command", (const char *const *) env->command);
  if (!strv_is_empty ((const char *const *) env->args))
    al_k8s_string_array (out, "args", (const char *const *) env->args);
  if (ctx->ports->len > 0)
    container_ports (ctx);
  if (env->vars->len > 0)
    container_env (out, env);
  resources (out, al_component_get_cpu_millis (ctx->component),
             al_component_get_memory_mib (ctx->component));
  if (probe_has_check (ctx, readiness))
    {
      probe (ctx, readiness, "readinessProbe", FALSE);
      probe (ctx, readiness, "livenessProbe", TRUE);
    }
  if (ctx->volumes->len > 0)
    volume_mounts (ctx);
  al_k8s_out_end_object (out);
}

/* Start-up order --------------------------------------------------------- */

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

/* The script of the init container that holds the pod back until every
 * "wait" dependency's consumed ports accept TCP connections, in
 * ctx->scratch; %NULL when nothing is to be waited for. UDP ports cannot be
 * checked that way and are left out. */
static const char *
wait_script (AlK8sContext *ctx)
{
  GPtrArray *consumed = al_graph_get_consumed (ctx->graph, ctx->component);
  GString *script = ctx->scratch;
  guint n_checks = 0;

  g_string_assign (script, wait_script_head);
  for (guint i = 0; i < consumed->len; i++)
    {
      AlDependency *dependency = g_ptr_array_index (consumed, i);
      AlComponent *provider;
      GArray *ports;

      if (!al_dependency_get_wait (dependency))
        continue;
      provider = al_graph_get_to (ctx->graph, dependency);
      if (provider == NULL)
        continue;
      ports = al_injection_resolver_get_consumed_ports (ctx->resolver, dependency, provider);
      for (guint k = 0; k < ports->len; k++)
        {
          int number = g_array_index (ports, AlConsumedPort, k).number;
          AlPort *port = g_array_index (ports, AlConsumedPort, k).port;
          char number_text[AL_K8S_NAME_BUF], timeout[AL_K8S_NAME_BUF];

          if (port != NULL && al_port_get_protocol (port) == AL_PROTOCOL_UDP)
            continue;
          g_string_append (script, "wait_for");
          append_shell_word (script, al_component_get_name (provider));
          append_shell_word (script, al_component_get_service_name (provider));
          append_shell_word (script, al_k8s_quantity (number, "", number_text));
          append_shell_word (script,
                             al_k8s_quantity (al_dependency_get_wait_timeout_s (dependency), "", timeout));
          g_string_append_c (script, '\n');
          n_checks++;
        }
    }
  return n_checks > 0 ? script->str : NULL;
}

static void
wait_container (AlK8sContext *ctx, const char *script)
{
  AlK8sOut *out = ctx->out;

  al_k8s_out_begin_object (out, NULL);
  al_k8s_out_string (out, "name", AL_K8S_WAIT_CONTAINER);
  al_k8s_out_string (out, "image", al_document_get_wait_image (ctx->document));
  al_k8s_out_begin_array (out, "command");
  al_k8s_out_string (out, NULL, "sh");
  al_k8s_out_string (out, NULL, "-c");
  al_k8s_out_string (out, NULL, script);
  al_k8s_out_end_array (out);
  /* Small but explicit, so a namespace quota that demands limits admits it. */
  resources (out, 50, 32);
  al_k8s_out_end_object (out);
}

/* Placement and the template --------------------------------------------- */

static void
affinity (AlK8sOut *out, const char *arch)
{
  al_k8s_out_begin_object (out, "affinity");
  al_k8s_out_begin_object (out, "nodeAffinity");
  al_k8s_out_begin_object (out, "requiredDuringSchedulingIgnoredDuringExecution");
  al_k8s_out_begin_array (out, "nodeSelectorTerms");
  al_k8s_out_begin_object (out, NULL);
  al_k8s_out_begin_array (out, "matchExpressions");
  al_k8s_out_begin_object (out, NULL);
  al_k8s_out_string (out, "key", AL_K8S_ARCH_KEY);
  al_k8s_out_string (out, "operator", "In");
  al_k8s_out_begin_array (out, "values");
  al_k8s_out_string (out, NULL, arch);
  al_k8s_out_end_array (out);
  al_k8s_out_end_object (out);
  al_k8s_out_end_array (out);
  al_k8s_out_end_object (out);
  al_k8s_out_end_array (out);
  al_k8s_out_end_object (out);
  al_k8s_out_end_object (out);
  al_k8s_out_end_object (out);
}

static void
tolerations (AlK8sOut *out, const char *arch)
{
  al_k8s_out_begin_array (out, "tolerations");
  al_k8s_out_begin_object (out, NULL);
  al_k8s_out_string (out, "key", AL_K8S_ARCH_KEY);
  al_k8s_out_string (out, "operator", "Equal");
  al_k8s_out_string (out, "value", arch);
  al_k8s_out_string (out, "effect", "NoSchedule");
  al_k8s_out_end_object (out);
  al_k8s_out_end_array (out);
}

void
al_k8s_pod_template (AlK8sContext *ctx)
{
  AlK8sOut *out = ctx->out;
  AlLane *lane = al_document_get_component_lane (ctx->document, ctx->component);
  gboolean stateful = al_component_get_kind (ctx->component) == AL_KIND_STATEFUL;
  const char *script;

  al_k8s_out_begin_object (out, "template");
  al_k8s_out_begin_object (out, "metadata");
  al_k8s_labels (out, "labels", ctx->name, ctx->application);
  al_k8s_out_end_object (out);

  al_k8s_out_begin_object (out, "spec");
  /* An unknown lane (reported by validation) gives no placement rule. */
  if (lane != NULL)
    {
      affinity (out, al_lane_get_arch (lane));
      if (al_lane_get_tolerate_taint (lane))
        tolerations (out, al_lane_get_arch (lane));
    }
  script = wait_script (ctx);
  if (script != NULL)
    {
      al_k8s_out_begin_array (out, "initContainers");
      wait_container (ctx, script);
      al_k8s_out_end_array (out);
    }
  al_k8s_out_begin_array (out, "containers");
  main_container (ctx);
  al_k8s_out_end_array (out);
  if (!stateful && ctx->volumes->len > 0)
    pod_volumes (ctx);
  al_k8s_out_end_object (out);
  al_k8s_out_end_object (out);
}
