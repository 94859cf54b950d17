/* bench-deploy: a deploy of a large application to the loopback HTTPS API
 * server of the tests (tests/al-kube-test-server.h, in a thread of its
 * own): wall time of the preview and of the apply, and the longest stall of
 * the client's main loop while they run, measured by a 10 ms timeout source
 * that records how late it fires.
 *
 *   bench-deploy [--components N] [--seed S]
 *
 * Figures are printed beside the goals; only wrong results (an object not
 * applied, fewer objects than asked for) fail the run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "al-component.h"
#include "al-env-var.h"
#include "al-gen.h"
#include "al-k8s-compiler.h"
#include "al-kube-apply.h"
#include "al-kube-test-server.h"

#define GOAL_APPLY_S 5.0
#define GOAL_STALL_MS 50.0
#define MIN_OBJECTS 1500
#define TICK_MS 10

typedef struct
{
  gint64 last;
  gint64 worst_us;
  guint ticks;
} Stall;

static gboolean
on_tick (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - stall->last - TICK_MS * 1000;

  if (late > stall->worst_us)
    stall->worst_us = late;
  if (late > 10000 && g_getenv ("BENCH_DEBUG"))
    fprintf (stderr, "stall %.1f ms at tick %u (now %.6f)\n", late / 1000.0, stall->ticks, now / 1e6);
  stall->last = now;
  stall->ticks++;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static G_NORETURN void
fail (const char *what, const GError *error)
{
  fprintf (stderr, "bench-deploy: %s: %s\n", what, error != NULL ? error->message : "wrong result");
  exit (1);
}

/* Every component gets a secret literal of its own (most real services
 * have one), so 500 components make at least 1,500 objects: a Secret, a
 * Service or two and the workload each. */
static void
add_secrets (AlDocument *document)
{
  GListModel *components = al_document_get_components (document);

  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);
      GListModel *env = al_component_get_env (component);
      gboolean has_secret = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (env) && !has_secret; j++)
        {
          g_autoptr (AlEnvVar) var = g_list_model_get_item (env, j);
          has_secret = al_env_var_get_secret (var);
        }
      if (!has_secret)
        {
          g_autoptr (AlEnvVar) var = al_env_var_new_value ("BENCH_SESSION_KEY", "not-a-real-key", TRUE);
          al_component_insert (component, AL_COLLECTION_ENV, g_list_model_get_n_items (env), var);
        }
    }
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "NOT MET";
}

/* Preview and apply @plan; returns the seconds each took and the worst
 * main-loop stall over both. */
static void
deploy (AlKubeApply *plan, double *preview_s, double *apply_s, double *stall_ms)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GError) error = NULL;
  Stall stall = { g_get_monotonic_time (), 0, 0 };
  guint tick = g_timeout_add (TICK_MS, on_tick, &stall);
  gint64 start;

  start = g_get_monotonic_time ();
  al_kube_apply_preview_async (plan, NULL, on_done, &wait);
  g_main_loop_run (wait.loop);
  if (!al_kube_apply_preview_finish (plan, wait.result, &error))
    fail ("preview", error);
  g_clear_object (&wait.result);
  *preview_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  al_kube_apply_run_async (plan, AL_KUBE_APPLY_NONE, NULL, on_done, &wait);
  g_main_loop_run (wait.loop);
  if (!al_kube_apply_run_finish (plan, wait.result, &error))
    fail ("apply", error);
  g_clear_object (&wait.result);
  *apply_s = (g_get_monotonic_time () - start) / 1e6;

  g_source_remove (tick);
  *stall_ms = stall.worst_us / 1000.0;
  g_main_loop_unref (wait.loop);
}

int
main (int argc, char **argv)
{
  guint n_components = 500;
  guint32 seed = 7;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (AlManifests) manifests = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlKubeContext) context = NULL;
  g_autoptr (AlKubeClient) client = NULL;
  AlKubeTestServer *server;
  double preview_s[2], apply_s[2], stall_ms[2];
  guint n_objects;

  al_kube_test_without_leak_check (argv);
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--components") == 0 && i + 1 < argc)
        n_components = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (strcmp (argv[i], "--seed") == 0 && i + 1 < argc)
        seed = (guint32) g_ascii_strtoull (argv[++i], NULL, 10);
      else
        {
          fprintf (stderr, "usage: %s [--components N] [--seed S]\n", argv[0]);
          return 2;
        }
    }

  document = al_gen_document (n_components, AL_GEN_DEFAULT_DEPENDENCIES (n_components), seed);
  add_secrets (document);
  graph = al_graph_new (document);
  manifests = al_k8s_compile (graph, &diagnostics, &error);
  if (manifests == NULL)
    fail ("compile", error);

  /* The server shares the machine's CPUs with the client here; at a lower
   * priority it stands for a server elsewhere, and the client's main loop
   * is measured rather than the scheduler's choices. */
  server = al_kube_test_server_new_with_nice (10);
  context = al_kube_test_server_context (server, AL_KUBE_TEST_TOKEN, NULL);
  client = al_kube_client_new (context, &error);
  if (client == NULL)
    fail ("client", error);

  /* First deploy: everything is created. Second: a fresh plan for the same
   * document, everything unchanged. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (AlKubeApply) plan = al_kube_apply_new (client, graph, manifests, NULL);

      n_objects = al_kube_apply_get_n_items (plan);
      deploy (plan, &preview_s[round], &apply_s[round], &stall_ms[round]);
      if (al_kube_apply_count_state (plan, round == 0 ? AL_KUBE_OBJECT_CREATED : AL_KUBE_OBJECT_UNCHANGED)
          != n_objects)
        fail (round == 0 ? "first deploy: not every object was created"
                         : "second deploy: not every object was unchanged", NULL);
    }

  printf ("deploy of %u components, %u objects, to a loopback HTTPS API server (seed %u)\n",
          n_components, n_objects, seed);
  printf ("%-22s %10s %10s %14s\n", "", "preview", "apply", "longest stall");
  printf ("%-22s %9.3fs %9.3fs %11.1f ms\n", "first (all created)", preview_s[0], apply_s[0], stall_ms[0]);
  printf ("%-22s %9.3fs %9.3fs %11.1f ms\n", "again (all unchanged)", preview_s[1], apply_s[1], stall_ms[1]);
  printf ("goals:\n");
  printf ("  apply of %u objects   %6.3f s   goal <= %.1f s   %s\n", n_objects, apply_s[0], GOAL_APPLY_S,
          verdict (apply_s[0] <= GOAL_APPLY_S));
  printf ("  preview + apply       %6.3f s   goal <= %.1f s   %s\n", preview_s[0] + apply_s[0],
          GOAL_APPLY_S, verdict (preview_s[0] + apply_s[0] <= GOAL_APPLY_S));
  printf ("  main-loop stall       %6.1f ms  goal <= %.0f ms   %s\n", MAX (stall_ms[0], stall_ms[1]),
          GOAL_STALL_MS, verdict (MAX (stall_ms[0], stall_ms[1]) <= GOAL_STALL_MS));

  al_kube_test_server_free (server);
  if (n_objects < MIN_OBJECTS && n_components >= 500)
    {
      fprintf (stderr, "bench-deploy: only %u objects for %u components (wanted >= %u)\n", n_objects,
               n_components, MIN_OBJECTS);
      return 1;
    }
  return 0;
}
