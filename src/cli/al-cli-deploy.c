/* archlane-cli deploy FILE: server-side apply of the compiled objects */
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "al-cli.h"
#include "al-diagnostic.h"
#include "al-document-io.h"
#include "al-k8s-compiler.h"
#include "al-kube-apply.h"
#include "al-kube-client.h"
#include "al-kubeconfig.h"

/* Exit code of a deploy the user interrupted (Ctrl+C). */
#define EXIT_CANCELLED 3

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

/* Runs the main loop until the operation started with on_done/&wait ends;
 * its result, owned. */
static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  return g_steal_pointer (&wait->result);
}

static gboolean
on_interrupt (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  if (!g_cancellable_is_cancelled (cancellable))
    g_printerr ("%s\n", _("Cancelling… (objects already sent stay applied; run again to finish)"));
  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  AlKubeApply *plan;
  guint done;
  guint total;
  gboolean dry_run;
  gboolean saw_conflict;
} Progress;

static void
on_item_changed (AlKubeApply *plan, guint index, Progress *progress)
{
  const AlKubeApplyItem *item = al_kube_apply_get_item (plan, index);
  g_autofree char *label = al_kube_apply_item_dup_label (item);

  if (item->state == AL_KUBE_OBJECT_PENDING)
    return;
  progress->done++;
  /* Names and states only: never the object, which may be a Secret. */
  if (item->state == AL_KUBE_OBJECT_FAILED)
    {
      g_printerr ("[%u/%u] %s: %s: %s\n", progress->done, progress->total, label,
                  al_kube_object_state_to_string (item->state),
                  item->error != NULL ? item->error->message : "");
      if (g_error_matches (item->error, AL_NET_ERROR, AL_NET_ERROR_KUBE_CONFLICT))
        progress->saw_conflict = TRUE;
    }
  else
    g_printerr ("[%u/%u] %s: %s%s\n", progress->done, progress->total, label,
                al_kube_object_state_to_string (item->state),
                progress->dry_run ? _(" (dry run)") : "");
}

static void
on_retrying (AlKubeClient *client, const char *what, guint attempt, guint delay_ms,
             const char *reason, gpointer user_data)
{
  g_printerr (_("retrying %s in %.1f s (attempt %u): %s\n"), what, delay_ms / 1000.0, attempt, reason);
}

static void
on_pruned (AlKubeApply *plan, AlKubeObjectRef *ref, gpointer user_data)
{
  gboolean dry_run = GPOINTER_TO_INT (user_data);

  if (ref->error != NULL)
    g_printerr (_("delete %s %s/%s: failed: %s\n"), ref->kind, ref->namespace_, ref->name,
                ref->error->message);
  else if (dry_run)
    g_printerr (_("delete %s %s/%s: would be deleted (dry run)\n"), ref->kind, ref->namespace_,
                ref->name);
  else
    g_printerr (_("delete %s %s/%s: deleted\n"), ref->kind, ref->namespace_, ref->name);
}

static gboolean
ask_confirmation (guint n)
{
  char answer[64] = "";

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Delete this %u object? [y/N] ",
                           "Delete these %u objects? [y/N] ", n),
              n);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);
  return g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0
         || strcmp (answer, _("y")) == 0;
}

/* The exit code for a failed cluster operation. */
static int
report_failure (const GError *error, AlKubeApply *plan)
{
  if (al_kube_error_is_cancelled (error))
    {
      guint n = al_kube_apply_get_n_items (plan);
      guint pending = al_kube_apply_count_state (plan, AL_KUBE_OBJECT_PENDING);

      al_cli_error (_("cancelled: %u of %u objects are known to be applied; run the same command again to finish"),
                    n - pending, n);
      return EXIT_CANCELLED;
    }
  al_cli_error ("%s", error->message);
  return AL_CLI_EXIT_UNREADABLE;
}

static int
deploy (AlKubeApply *plan, AlKubeClient *client, gboolean dry_run, gboolean prune, gboolean yes,
        gboolean force, GCancellable *cancellable)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GMainLoop) loop = wait.loop;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) prunable = NULL;
  Progress progress = { plan, 0, al_kube_apply_get_n_items (plan), dry_run, FALSE };
  AlKubeApplyFlags flags = (dry_run ? AL_KUBE_APPLY_DRY_RUN : 0)
                           | (force ? AL_KUBE_APPLY_FORCE_CONFLICTS : 0);
  gboolean confirmed = FALSE;
  guint failed;

  /* What will happen. */
  g_autoptr (GAsyncResult) previewed = NULL;
  g_autoptr (GAsyncResult) listed = NULL;
  g_autoptr (GAsyncResult) applied = NULL;
  g_autoptr (GAsyncResult) deleted = NULL;

  al_kube_apply_preview_async (plan, cancellable, on_done, &wait);
  previewed = wait_for (&wait);
  if (!al_kube_apply_preview_finish (plan, previewed, &error))
    return report_failure (error, plan);
  g_printerr (_("Deploying %u objects to namespace “%s” on %s: %u to create, %u to change, "
                "%u unchanged%s\n"),
              al_kube_apply_get_n_items (plan), al_kube_apply_get_namespace (plan),
              al_kube_client_get_server (client),
              al_kube_apply_count_preview (plan, AL_KUBE_PREVIEW_CREATE),
              al_kube_apply_count_preview (plan, AL_KUBE_PREVIEW_CHANGE),
              al_kube_apply_count_preview (plan, AL_KUBE_PREVIEW_UNCHANGED),
              dry_run ? _(" (dry run: nothing changes)") : "");

  if (prune)
    {
      al_kube_apply_find_prunable_async (plan, cancellable, on_done, &wait);
      listed = wait_for (&wait);
      prunable = al_kube_apply_find_prunable_finish (plan, listed, &error);
      if (prunable == NULL)
        return report_failure (error, plan);
      if (prunable->len == 0)
        g_printerr ("%s\n", _("Nothing to prune."));
      else
        {
          g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                   "%u object of this application is no longer in the document:\n",
                                   "%u objects of this application are no longer in the document:\n",
                                   prunable->len),
                      prunable->len);
          for (guint i = 0; i < prunable->len; i++)
            {
              AlKubeObjectRef *ref = g_ptr_array_index (prunable, i);
              g_printerr ("  %s %s/%s\n", ref->kind, ref->namespace_, ref->name);
            }
          confirmed = yes || dry_run || ask_confirmation (prunable->len);
          if (!confirmed)
            g_printerr ("%s\n", _("Not pruning: nothing will be deleted."));
        }
    }

  g_signal_connect (plan, "item-changed", G_CALLBACK (on_item_changed), &progress);
  al_kube_apply_run_async (plan, flags, cancellable, on_done, &wait);
  applied = wait_for (&wait);
  g_signal_handlers_disconnect_by_data (plan, &progress);
  if (!al_kube_apply_run_finish (plan, applied, &error)
      && !g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_FAILED))
    return report_failure (error, plan);
  failed = al_kube_apply_count_state (plan, AL_KUBE_OBJECT_FAILED);
  g_printerr (_("%u created, %u configured, %u unchanged, %u applied, %u failed%s\n"),
              al_kube_apply_count_state (plan, AL_KUBE_OBJECT_CREATED),
              al_kube_apply_count_state (plan, AL_KUBE_OBJECT_CONFIGURED),
              al_kube_apply_count_state (plan, AL_KUBE_OBJECT_UNCHANGED),
              al_kube_apply_count_state (plan, AL_KUBE_OBJECT_APPLIED), failed,
              dry_run ? _(" (dry run)") : "");
  if (progress.saw_conflict && !force)
    g_printerr ("%s\n", _("Another field manager owns fields that the document sets; "
                          "--force-conflicts takes them over."));
  if (failed > 0)
    {
      if (confirmed && prunable != NULL && prunable->len > 0)
        g_printerr ("%s\n", _("Not pruning while objects failed."));
      return AL_CLI_EXIT_ERRORS;
    }

  if (confirmed && prunable != NULL && prunable->len > 0)
    {
      gulong handler = g_signal_connect (plan, "pruned", G_CALLBACK (on_pruned),
                                         GINT_TO_POINTER (dry_run));
      gboolean pruned;

      g_clear_error (&error);
      al_kube_apply_prune_async (plan, prunable, flags & AL_KUBE_APPLY_DRY_RUN, cancellable,
                                 on_done, &wait);
      deleted = wait_for (&wait);
      pruned = al_kube_apply_prune_finish (plan, deleted, &error);
      g_signal_handler_disconnect (plan, handler);
      if (!pruned && !g_error_matches (error, AL_NET_ERROR, AL_NET_ERROR_FAILED))
        return report_failure (error, plan);
      if (!pruned)
        return AL_CLI_EXIT_ERRORS;
    }
  return AL_CLI_EXIT_OK;
}

int
al_cli_net_deploy (int argc, char **argv)
{
  g_autofree char *kubeconfig_path = NULL;
  g_autofree char *context_name = NULL;
  g_autofree char *namespace_ = NULL;
  gboolean dry_run = FALSE, prune = FALSE, yes = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &kubeconfig_path,
      N_("Read this kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)"), N_("FILE") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &context_name,
      N_("Use this context of the kubeconfig (default: its current context)"), N_("NAME") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace_,
      N_("Deploy into this namespace instead of the document's"), N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Let the cluster check every object without changing anything"), NULL },
    { "prune", 0, 0, G_OPTION_ARG_NONE, &prune,
      N_("Delete the application's objects that the document no longer has (asks first)"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Prune without asking"), NULL },
    { "force-conflicts", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Take over fields that another field manager owns"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlGraph) graph = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (AlManifests) manifests = NULL;
  g_autoptr (AlKubeconfig) kubeconfig = NULL;
  g_autoptr (AlKubeContext) context = NULL;
  g_autoptr (AlKubeClient) client = NULL;
  g_autoptr (AlKubeApply) plan = NULL;
  g_autoptr (GCancellable) cancellable = NULL;
  g_autofree char *warning = NULL;
  const char *target_namespace = NULL;
  const char *document_namespace;
  guint sigint, sigterm;
  int status;

  g_set_prgname ("archlane-cli deploy");
  options = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    options, _("Deploys a document to a Kubernetes cluster with server-side apply: the Namespace, "
               "Secrets, Services and claims, then the workloads in start-up order. Progress goes "
               "to stderr, one line per object.\n\n"
               "Exits with 0 when every object is applied, 1 when the document has errors or some "
               "objects failed, 2 when the document or kubeconfig cannot be read or the cluster "
               "cannot be reached, and 3 when interrupted (run again to finish)."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (argc != 2)
    {
      al_cli_error ("%s", argc < 2 ? _("deploy needs the FILE to deploy")
                                   : _("deploy takes one FILE at a time"));
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (prune && !yes && !dry_run && !isatty (STDIN_FILENO))
    {
      al_cli_error ("%s", _("--prune deletes objects and no terminal can confirm it: add --yes"));
      return AL_CLI_EXIT_UNREADABLE;
    }

  document = al_cli_load_document (argv[1]);
  if (document == NULL)
    return AL_CLI_EXIT_UNREADABLE;
  graph = al_graph_new (document);
  manifests = al_k8s_compile (graph, &diagnostics, &error);
  if (diagnostics != NULL)
    al_cli_print_diagnostics (diagnostics, stderr);
  if (manifests == NULL)
    {
      al_cli_error ("%s", _("the document has errors; nothing is deployed"));
      return AL_CLI_EXIT_ERRORS;
    }
  g_clear_error (&error);

  kubeconfig = al_kubeconfig_load (kubeconfig_path, &error);
  if (kubeconfig != NULL)
    context = al_kubeconfig_resolve (kubeconfig, context_name, &error);
  if (context == NULL)
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  warning = al_kube_context_dup_insecure_warning (context);
  if (warning != NULL)
    al_cli_error ("%s", warning);
  client = al_kube_client_new (context, &error);
  if (client == NULL)
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  g_signal_connect (client, "retrying", G_CALLBACK (on_retrying), NULL);

  /* --namespace, else the document's, else the context's. */
  document_namespace = al_document_get_namespace (document);
  if (namespace_ != NULL && *namespace_ != '\0')
    target_namespace = namespace_;
  else if (document_namespace == NULL || *document_namespace == '\0')
    target_namespace = context->namespace_;
  plan = al_kube_apply_new (client, graph, manifests, target_namespace);

  cancellable = g_cancellable_new ();
  sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  status = deploy (plan, client, dry_run, prune, yes, force, cancellable);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  return status;
}
