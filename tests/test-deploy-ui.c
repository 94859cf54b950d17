/* test-deploy-ui: the live status of deployed components (headless) and the
 * deploy dialog driven through its widgets (needs a display), both against
 * the loopback HTTPS Kubernetes API server of the tests */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "al-component.h"
#include "al-deploy-dialog.h"
#include "al-deploy-rows.h"
#include "al-deploy-status.h"
#include "al-document-io.h"
#include "al-env-var.h"
#include "al-image-check.h"
#include "al-kube-test-server.h"
#include "al-port.h"
#include "al-settings.h"
#include "al-window-private.h"
#include "al-test-app.h"

static AlKubeTestServer *server;
static char *tmpdir;
static char *kubeconfig_path;
static gboolean have_display;

#define API_SECRET "tok-9f8e7d-secret-value"
#define DB_SECRET "pw-a1b2c3-secret-value"

#define LABELS(name) "\"labels\":{\"app.kubernetes.io/name\":\"" name "\",\"app.kubernetes.io/part-of\":\"shop\"," \
                     "\"app.kubernetes.io/managed-by\":\"archlane\"}"

static AlDocument *
load_shop (void)
{
  g_autofree char *path = al_test_data_path ("deploy/shop.archlane");
  g_autoptr (GError) error = NULL;
  AlDocument *document = al_document_load_from_path (path, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static AlKubeClient *
client_new (void)
{
  g_autoptr (AlKubeContext) context = al_kube_test_server_context (server, AL_KUBE_TEST_TOKEN, NULL);
  g_autoptr (GError) error = NULL;
  AlKubeClient *client = al_kube_client_new (context, &error);

  g_assert_no_error (error);
  return client;
}

static gboolean
give_up (gpointer user_data)
{
  g_error ("never happened: %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Status ------------------------------------------------------------------------ */

static void
on_changed (AlDeployStatus *status, const char *name, GString *changes)
{
  g_string_append_printf (changes, "%s\n", name != NULL ? name : "*");
}

static void
wait_for_workload (AlDeployStatus *status, const char *name, AlWorkloadState state,
                   const char *reason_part)
{
  guint guard = g_timeout_add_seconds (20, give_up, (gpointer) name);

  for (;;)
    {
      AlWorkloadState now;
      const char *reason;

      al_deploy_status_get (status, name, &now, NULL, NULL, &reason);
      if (now == state && (reason_part == NULL || (reason != NULL && strstr (reason, reason_part))))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (guard);
}

static void
test_status (void)
{
  g_autoptr (AlDocument) document = load_shop ();
  g_autoptr (AlKubeClient) client = client_new ();
  g_autoptr (AlDeployStatus) status = al_deploy_status_new ();
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (GPtrArray) diagnostics = NULL;
  AlWorkloadState state;
  int ready, desired;
  const char *reason;
  AlDiagnostic *diagnostic;

  al_kube_test_server_put (server, "namespaces", NULL,
                           "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"live\"}}");
  g_signal_connect (status, "changed", G_CALLBACK (on_changed), changes);

  /* Not watching: nothing is known. */
  g_assert_false (al_deploy_status_get (status, "web", &state, &ready, &desired, &reason));
  g_assert_cmpint (state, ==, AL_WORKLOAD_UNKNOWN);

  al_deploy_status_start (status, client, document, "live");
  g_assert_true (al_deploy_status_is_watching (status));
  g_assert_cmpstr (al_deploy_status_get_namespace (status), ==, "live");
  wait_for_workload (status, "web", AL_WORKLOAD_ABSENT, NULL);
  g_assert_false (al_deploy_status_get (status, "no-such-component", &state, NULL, NULL, NULL));

  /* A Deployment with every replica ready: running 2/2. */
  al_kube_test_server_put (server, "deployments", "live",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                           "\"namespace\":\"live\"," LABELS ("web") "},\"spec\":{\"replicas\":2},"
                           "\"status\":{\"replicas\":2,\"readyReplicas\":2,\"updatedReplicas\":2}}");
  wait_for_workload (status, "web", AL_WORKLOAD_RUNNING, NULL);
  g_assert_true (al_deploy_status_get (status, "web", &state, &ready, &desired, &reason));
  g_assert_cmpint (ready, ==, 2);
  g_assert_cmpint (desired, ==, 2);
  g_assert_null (reason);
  g_assert_nonnull (strstr (changes->str, "web\n"));

  /* A pod that cannot pull its image: failed, and says why. */
  al_kube_test_server_put (server, "deployments", "live",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"api\","
                           "\"namespace\":\"live\"," LABELS ("api") "},\"spec\":{\"replicas\":1},\"status\":{}}");
  al_kube_test_server_put (server, "pods", "live",
                           "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"api-6d4cf-x2x\","
                           "\"namespace\":\"live\"," LABELS ("api") "},\"status\":{\"phase\":\"Pending\","
                           "\"containerStatuses\":[{\"name\":\"api\",\"image\":\"example/api:2.1\",\"ready\":false,"
                           "\"restartCount\":0,\"state\":{\"waiting\":{\"reason\":\"ErrImagePull\","
                           "\"message\":\"pull access denied for example/api, repository does not exist\"}}}]}}");
  wait_for_workload (status, "api", AL_WORKLOAD_FAILED, NULL);
  al_deploy_status_get (status, "api", &state, &ready, &desired, &reason);
  g_assert_cmpstr (reason, ==, "Cannot pull the image “example/api:2.1”: pull access denied for "
                               "example/api, repository does not exist.");
  g_assert_cmpint (desired, ==, 1);
  diagnostics = al_deploy_status_dup_diagnostics (status, document);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  diagnostic = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (diagnostic->severity, ==, AL_SEVERITY_ERROR);
  g_assert_cmpstr (diagnostic->code, ==, "pod-failure");
  g_assert_cmpstr (diagnostic->subject, ==, "c2");
  g_assert_nonnull (strstr (diagnostic->message, "“api”"));
  g_assert_nonnull (strstr (diagnostic->message, "Cannot pull the image"));
  g_clear_pointer (&diagnostics, g_ptr_array_unref);

  /* The binary is for another arch: explained with the lane's arch. */
  al_kube_test_server_put (server, "pods", "live",
                           "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"api-6d4cf-x2x\","
                           "\"namespace\":\"live\"," LABELS ("api") "},\"status\":{\"phase\":\"Running\","
                           "\"containerStatuses\":[{\"name\":\"api\",\"ready\":false,\"restartCount\":3,"
                           "\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\",\"message\":\"back-off 40s\"}},"
                           "\"lastState\":{\"terminated\":{\"exitCode\":1,\"reason\":\"Error\","
                           "\"message\":\"exec /app/api: exec format error\"}}}]}}");
  wait_for_workload (status, "api", AL_WORKLOAD_FAILED, "no build");
  al_deploy_status_get (status, "api", &state, NULL, NULL, &reason);
  g_assert_cmpstr (reason, ==, "The image has no build for arm64 (exec format error).");
  diagnostics = al_deploy_status_dup_diagnostics (status, document);
  g_assert_true (al_diagnostic_list_has (diagnostics, "pod-failure", "c2"));
  g_assert_false (al_diagnostic_list_has (diagnostics, "pod-failure", "c1"));

  /* Stopped: nothing is known any more, and listeners hear of it. */
  g_string_truncate (changes, 0);
  al_deploy_status_stop (status);
  g_assert_false (al_deploy_status_is_watching (status));
  g_assert_cmpstr (changes->str, ==, "*\n");
  al_deploy_status_get (status, "web", &state, NULL, NULL, NULL);
  g_assert_cmpint (state, ==, AL_WORKLOAD_UNKNOWN);
  al_deploy_status_stop (status);
}

/* The dialog --------------------------------------------------------------------------- */

typedef struct
{
  AlDocument *document;
  AlEditor *editor;
  AlDeployStatus *status;
  AlDeployDialog *dialog;
} Fixture;

static const char *const all_arches[] = { "linux/amd64", "linux/arm64/v8", NULL };

static void
fixture_open (Fixture *f, AlDocument *document, const char *namespace_)
{
  g_autoptr (AlImagePlatforms) table = al_image_platforms_new ();
  GSettings *settings = al_settings_get_default ();
  GListModel *components;

  f->document = document;
  /* The registry's answers, as an earlier check would have left them. */
  components = al_document_get_components (document);
  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (AlComponent) component = g_list_model_get_item (components, i);

      al_image_platforms_set_found (table, al_component_get_image (component), all_arches);
    }
  al_image_check_set_platforms (document, table);
  f->editor = al_editor_new (document);
  f->status = al_deploy_status_new ();
  g_settings_set_string (settings, "kubeconfig-path", kubeconfig_path);
  g_settings_set_string (settings, "kube-context", "");
  f->dialog = al_deploy_dialog_new (NULL, f->editor, f->status);
  gtk_editable_set_text (
    GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (f->dialog), AL_TYPE_DEPLOY_DIALOG,
                                                 "namespace_row")),
    namespace_);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  al_deploy_status_stop (f->status);
  g_clear_object (&f->status);
  g_clear_object (&f->editor);
  g_clear_object (&f->document);
}

static GtkWidget *
part (Fixture *f, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->dialog), AL_TYPE_DEPLOY_DIALOG, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static const char *
text_of (Fixture *f, const char *name)
{
  return gtk_label_get_text (GTK_LABEL (part (f, name)));
}

static gboolean
can_click (Fixture *f, const char *button)
{
  return gtk_widget_get_visible (part (f, button)) && gtk_widget_is_sensitive (part (f, button));
}

/* Clicks @button, which must be visible and enabled. */
static void
click (Fixture *f, const char *button)
{
  g_assert_true (gtk_widget_get_visible (part (f, button)));
  g_assert_true (gtk_widget_is_sensitive (part (f, button)));
  /* "clicked" itself: activating a button clicks it only after its
   * press animation. */
  g_signal_emit_by_name (part (f, button), "clicked");
}

static void
wait_for_stage (Fixture *f, AlDeployStage stage)
{
  guint guard = g_timeout_add_seconds (60, give_up, (gpointer) "stage");

  while (al_deploy_dialog_get_stage (f->dialog) != stage)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static guint
count_rows (GListModel *rows, AlDeployRowState state)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (AlDeployRow) row = g_list_model_get_item (rows, i);

      n += al_deploy_row_get_state (row) == state;
    }
  return n;
}

static gboolean
rows_have (GListModel *rows, const char *label, AlDeployRowState state)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (AlDeployRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (al_deploy_row_get_label (row), label) == 0)
        return al_deploy_row_get_state (row) == state;
    }
  return FALSE;
}

/* No secret ever reaches what the user sees. */
static void
assert_no_secrets (Fixture *f)
{
  const char *labels[] = { "preview_summary", "preview_note", "arch_label", "summary_label",
                           "deploy_status", "target_error" };
  GListModel *lists[] = { al_deploy_dialog_get_preview_rows (f->dialog),
                          al_deploy_dialog_get_deploy_rows (f->dialog) };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_assert_null (strstr (text_of (f, labels[i]), AL_KUBE_TEST_TOKEN));
      g_assert_null (strstr (text_of (f, labels[i]), API_SECRET));
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr (AlDeployRow) row = g_list_model_get_item (lists[l], i);
        g_autofree char *all = g_strconcat (al_deploy_row_get_label (row), " ",
                                            al_deploy_row_get_detail (row), NULL);

        g_assert_null (strstr (all, AL_KUBE_TEST_TOKEN));
        g_assert_null (strstr (all, API_SECRET));
        g_assert_null (strstr (all, DB_SECRET));
      }
}

/* Writes a picture of the dialog to $DEPLOY_UI_SCREENSHOTS/NAME.png when set. */
static void
screenshot (Fixture *f, const char *name)
{
  const char *dir = g_getenv ("DEPLOY_UI_SCREENSHOTS");
  GtkWidget *widget = GTK_WIDGET (f->dialog);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;
  guint guard;

  if (dir == NULL)
    return;
  /* Let the rows be laid out and drawn. */
  guard = g_timeout_add_seconds (1, give_up, (gpointer) "never");
  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_source_remove (guard);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_preview (void)
{
  Fixture f = { 0 };
  GListModel *rows;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  fixture_open (&f, load_shop (), "ui-preview");
  g_assert_cmpint (al_deploy_dialog_get_stage (f.dialog), ==, AL_DEPLOY_STAGE_TARGET);
  g_assert_false (gtk_widget_get_visible (part (&f, "target_error")));
  /* The kubeconfig's contexts, the current one chosen. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (&f, "context_row"))), ==, 0);
  g_assert_false (can_click (&f, "deploy_button"));

  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  rows = al_deploy_dialog_get_preview_rows (f.dialog);
  /* Namespace, 2 Secrets, services, claims and 3 workloads: all new. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 12);
  g_assert_cmpuint (count_rows (rows, AL_DEPLOY_ROW_CREATE), ==, 12);
  g_assert_true (rows_have (rows, "Namespace ui-preview", AL_DEPLOY_ROW_CREATE));
  g_assert_true (rows_have (rows, "Deployment ui-preview/web", AL_DEPLOY_ROW_CREATE));
  g_assert_true (rows_have (rows, "StatefulSet ui-preview/mysql", AL_DEPLOY_ROW_CREATE));
  g_assert_nonnull (strstr (text_of (&f, "preview_summary"), "12 objects into namespace “ui-preview”"));
  g_assert_nonnull (strstr (text_of (&f, "preview_summary"), "12 to create, 0 to change"));
  g_assert_false (gtk_widget_get_visible (part (&f, "arch_label")));
  g_assert_true (can_click (&f, "deploy_button"));
  /* Nothing was sent, only asked. */
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "ui-preview"), ==, 0);
  assert_no_secrets (&f);
  screenshot (&f, "preview");
  /* The target is remembered. */
  {
    g_autofree char *ns = g_settings_get_string (al_settings_get_default (), "kube-namespace");
    g_autofree char *context = g_settings_get_string (al_settings_get_default (), "kube-context");

    g_assert_cmpstr (ns, ==, "ui-preview");
    g_assert_cmpstr (context, ==, "loopback");
  }

  /* Back to the target, then the same again. */
  click (&f, "back_button");
  g_assert_cmpint (al_deploy_dialog_get_stage (f.dialog), ==, AL_DEPLOY_STAGE_TARGET);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  fixture_close (&f);
}

static void
test_dry_run (void)
{
  Fixture f = { 0 };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  fixture_open (&f, load_shop (), "ui-dry");
  gtk_switch_set_active (GTK_SWITCH (part (&f, "dry_run_switch")), TRUE);
  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (&f, "deploy_button"))), ==, "_Dry Run");
  al_kube_test_server_clear_requests (server);
  click (&f, "deploy_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_DONE);
  /* Every object went with dryRun=All, and nothing was stored. */
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", NULL), ==, 12);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "dryRun=All"), ==, 12);
  g_assert_false (al_kube_test_server_has (server, "deployments", "ui-dry", "web"));
  g_assert_cmpuint (count_rows (al_deploy_dialog_get_deploy_rows (f.dialog), AL_DEPLOY_ROW_APPLIED), ==, 12);
  g_assert_nonnull (strstr (text_of (&f, "summary_label"), "Dry run"));
  /* A dry run does not start watching. */
  g_assert_false (al_deploy_status_is_watching (f.status));
  g_assert_false (can_click (&f, "retry_button"));
  fixture_close (&f);
}

static void
test_deploy_failure_retry (void)
{
  Fixture f = { 0 };
  GListModel *rows;
  AlKubeTestFault invalid = { .method = "PATCH", .path_contains = "deployments/api", .status = 422,
                              .reason = "Invalid",
                              .message = "Deployment.apps \"api\" is invalid: spec.replicas: must be >= 0" };
  AlKubeTestFault conflict = { .method = "PATCH", .path_contains = "statefulsets/mysql", .status = 409,
                               .reason = "Conflict", .message = "Apply failed with 1 conflict",
                               .conflict_manager = "helm", .conflict_field = ".spec.replicas" };
  g_autoptr (AlDeployRow) row = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  fixture_open (&f, load_shop (), "ui-deploy");
  al_kube_test_server_add_fault (server, &invalid);
  al_kube_test_server_add_fault (server, &conflict);
  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  click (&f, "deploy_button");
  g_assert_cmpint (al_deploy_dialog_get_stage (f.dialog), ==, AL_DEPLOY_STAGE_DEPLOYING);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (&f, "cancel_button"))), ==, "_Cancel");
  wait_for_stage (&f, AL_DEPLOY_STAGE_DONE);
  rows = al_deploy_dialog_get_deploy_rows (f.dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 12);
  g_assert_cmpuint (count_rows (rows, AL_DEPLOY_ROW_FAILED), ==, 2);
  g_assert_cmpuint (count_rows (rows, AL_DEPLOY_ROW_APPLIED), ==, 10);
  g_assert_true (rows_have (rows, "Deployment ui-deploy/api", AL_DEPLOY_ROW_FAILED));
  g_assert_true (rows_have (rows, "StatefulSet ui-deploy/mysql", AL_DEPLOY_ROW_FAILED));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (AlDeployRow) candidate = g_list_model_get_item (rows, i);

      if (g_strcmp0 (al_deploy_row_get_label (candidate), "Deployment ui-deploy/api") == 0)
        g_set_object (&row, candidate);
    }
  /* 422: the server's Status message, in the row. */
  g_assert_nonnull (strstr (al_deploy_row_get_detail (row), "spec.replicas: must be >= 0"));
  /* 409: the other field manager, in the summary (the first failure in
   * start-up order), with what to do about it. */
  g_assert_nonnull (strstr (text_of (&f, "summary_label"), "10 objects applied, 2 failed: StatefulSet ui-deploy/mysql:"));
  g_assert_nonnull (strstr (text_of (&f, "summary_label"), "helm"));
  g_assert_nonnull (strstr (text_of (&f, "summary_label"), "Force Conflicts"));
  g_assert_false (al_deploy_status_is_watching (f.status));
  assert_no_secrets (&f);
  screenshot (&f, "summary-failed");

  /* The cluster accepts it now: Retry completes the job. */
  al_kube_test_server_clear_faults (server);
  click (&f, "retry_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_DONE);
  g_assert_cmpuint (count_rows (rows, AL_DEPLOY_ROW_APPLIED), ==, 12);
  g_assert_true (al_kube_test_server_has (server, "deployments", "ui-deploy", "api"));
  g_assert_true (al_kube_test_server_has (server, "statefulsets", "ui-deploy", "mysql"));
  g_assert_nonnull (strstr (text_of (&f, "summary_label"), "objects applied"));
  g_assert_null (strstr (text_of (&f, "summary_label"), "failed"));
  g_assert_false (can_click (&f, "retry_button"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (part (&f, "progress_bar"))), ==, 1.0);
  /* A real deploy starts watching the application. */
  g_assert_true (al_deploy_status_is_watching (f.status));
  g_assert_cmpstr (al_deploy_status_get_namespace (f.status), ==, "ui-deploy");
  screenshot (&f, "summary");

  /* A new preview finds everything as the document says. */
  click (&f, "back_button");
  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  g_assert_cmpuint (count_rows (al_deploy_dialog_get_preview_rows (f.dialog), AL_DEPLOY_ROW_UNCHANGED), ==, 12);
  g_assert_nonnull (strstr (text_of (&f, "preview_summary"), "0 to create, 0 to change, 12 unchanged"));
  fixture_close (&f);
}

static void
test_cancel_retry (void)
{
  Fixture f = { 0 };
  GListModel *rows;
  guint guard;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  fixture_open (&f, load_shop (), "ui-cancel");
  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  al_kube_test_server_set_delay (server, 150);
  click (&f, "deploy_button");
  rows = al_deploy_dialog_get_deploy_rows (f.dialog);
  /* Cancel once something is applied. */
  guard = g_timeout_add_seconds (30, give_up, (gpointer) "first applied row");
  while (count_rows (rows, AL_DEPLOY_ROW_APPLIED) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  screenshot (&f, "progress");
  click (&f, "cancel_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_DONE);
  g_assert_cmpuint (count_rows (rows, AL_DEPLOY_ROW_PENDING), >, 0);
  g_assert_cmpuint (count_rows (rows, AL_DEPLOY_ROW_FAILED), ==, 0);
  g_assert_nonnull (strstr (text_of (&f, "summary_label"), "Cancelled"));
  g_assert_false (al_kube_test_server_has (server, "deployments", "ui-cancel", "web"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.dialog)));

  al_kube_test_server_set_delay (server, 0);
  click (&f, "retry_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_DONE);
  g_assert_cmpuint (count_rows (rows, AL_DEPLOY_ROW_APPLIED), ==, 12);
  g_assert_true (al_kube_test_server_has (server, "deployments", "ui-cancel", "web"));
  g_assert_null (strstr (text_of (&f, "summary_label"), "Cancelled"));
  fixture_close (&f);
}

/* A registry on loopback (plain HTTP, as for any registry on this machine)
 * that knows one image, "mysql:8.0", built for arm only. */
static void
registry_handler (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
                  gpointer user_data)
{
  static const char index[] =
    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
    "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":1000,"
    "\"digest\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\","
    "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}},"
    "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":1000,"
    "\"digest\":\"sha256:2222222222222222222222222222222222222222222222222222222222222222\","
    "\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}}]}";

  if (strcmp (path, "/v2/mysql/manifests/8.0") == 0)
    soup_server_message_set_response (msg, "application/vnd.oci.image.index.v1+json",
                                      SOUP_MEMORY_STATIC, index, strlen (index));
  else
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}", 37);
  soup_server_message_set_status (msg, strcmp (path, "/v2/mysql/manifests/8.0") == 0 ? 200 : 404, NULL);
}

static void
test_arch_mismatch (void)
{
  Fixture f = { 0 };
  const char *const arm_only[] = { "linux/arm64", "linux/arm/v7", NULL };
  g_autoptr (SoupServer) soup = soup_server_new (NULL, NULL);
  g_autoptr (AlRegistryClient) registry = al_registry_client_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *image = NULL;
  AlComponent *mysql;
  GSList *uris;
  const char *text;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  soup_server_add_handler (soup, NULL, registry_handler, NULL, NULL);
  soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup);
  image = g_strdup_printf ("127.0.0.1:%d/mysql:8.0", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fixture_open (&f, load_shop (), "ui-arch");
  al_registry_client_set_timeout (registry, 5);
  al_deploy_dialog_set_registry_client (f.dialog, registry);
  mysql = al_document_lookup_component (f.document, "c3");

  /* Known before: mysql runs on the amd64 lane, its image has arm builds
   * only. The document does not compile; the target page says why. */
  al_image_platforms_set_found (al_image_check_get_platforms (f.document), "mysql:8.0", arm_only);
  click (&f, "preview_button");
  g_assert_cmpint (al_deploy_dialog_get_stage (f.dialog), ==, AL_DEPLOY_STAGE_TARGET);
  text = text_of (&f, "target_error");
  g_assert_nonnull (strstr (text, "“mysql” runs on amd64"));
  g_assert_nonnull (strstr (text, "“mysql:8.0”"));
  g_assert_nonnull (strstr (text, "arm64"));
  screenshot (&f, "arch-mismatch-known");

  /* Found out by asking the registry during the preview: Deploy is blocked. */
  al_component_set_image (mysql, image);
  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  g_assert_true (gtk_widget_get_visible (part (&f, "arch_label")));
  text = text_of (&f, "arch_label");
  g_assert_nonnull (strstr (text, "“mysql”"));
  g_assert_nonnull (strstr (text, image));
  g_assert_nonnull (strstr (text, "amd64"));
  g_assert_nonnull (strstr (text, "linux/arm64, linux/arm/v7"));
  g_assert_false (gtk_widget_is_sensitive (part (&f, "deploy_button")));
  gtk_widget_activate_action (GTK_WIDGET (f.dialog), "deploy.run", NULL);
  g_assert_cmpint (al_deploy_dialog_get_stage (f.dialog), ==, AL_DEPLOY_STAGE_PREVIEWED);
  g_assert_cmpuint (al_kube_test_server_count_requests (server, "PATCH", "ui-arch"), ==, 0);
  /* The answer is kept in the document's table, for validation. */
  g_assert_cmpint (al_image_platforms_lookup (al_image_check_get_platforms (f.document), image, NULL),
                   ==, AL_IMAGE_STATE_FOUND);
  screenshot (&f, "arch-mismatch");

  /* A registry that cannot be reached does not block. */
  click (&f, "back_button");
  al_component_set_image (mysql, "127.0.0.1:9/mysql:8.0");
  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  g_assert_false (gtk_widget_get_visible (part (&f, "arch_label")));
  g_assert_true (gtk_widget_get_visible (part (&f, "preview_note")));
  g_assert_nonnull (strstr (text_of (&f, "preview_note"), "127.0.0.1:9/mysql:8.0"));
  g_assert_true (can_click (&f, "deploy_button"));
  fixture_close (&f);
  soup_server_disconnect (soup);
}

static void
test_kubeconfig_errors (void)
{
  Fixture f = { 0 };
  g_autofree char *missing = g_build_filename (tmpdir, "no-such-kubeconfig", NULL);
  g_autofree char *broken = g_build_filename (tmpdir, "broken-kubeconfig", NULL);
  g_autofree char *exec = g_build_filename (tmpdir, "exec-kubeconfig", NULL);
  GSettings *settings = al_settings_get_default ();

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  g_assert_true (g_file_set_contents (broken, "apiVersion: v1\nclusters: [\n  - name: x\n", -1, NULL));
  g_assert_true (g_file_set_contents (
    exec,
    "apiVersion: v1\nkind: Config\n"
    "clusters:\n- name: eks\n  cluster:\n    server: https://127.0.0.1:1\n"
    "users:\n- name: aws\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
    "      command: aws\n      args: [eks, get-token]\n"
    "contexts:\n- name: eks\n  context:\n    cluster: eks\n    user: aws\n"
    "current-context: eks\n", -1, NULL));

  fixture_open (&f, load_shop (), "ui-errors");
  gtk_window_destroy (GTK_WINDOW (f.dialog));

  g_settings_set_string (settings, "kubeconfig-path", missing);
  f.dialog = al_deploy_dialog_new (NULL, f.editor, f.status);
  g_assert_true (gtk_widget_get_visible (part (&f, "target_error")));
  g_assert_nonnull (strstr (text_of (&f, "target_error"), missing));
  click (&f, "preview_button");
  g_assert_cmpint (al_deploy_dialog_get_stage (f.dialog), ==, AL_DEPLOY_STAGE_TARGET);
  gtk_window_destroy (GTK_WINDOW (f.dialog));

  g_settings_set_string (settings, "kubeconfig-path", broken);
  f.dialog = al_deploy_dialog_new (NULL, f.editor, f.status);
  g_assert_nonnull (strstr (text_of (&f, "target_error"), broken));
  gtk_window_destroy (GTK_WINDOW (f.dialog));

  g_settings_set_string (settings, "kubeconfig-path", exec);
  f.dialog = al_deploy_dialog_new (NULL, f.editor, f.status);
  g_assert_false (gtk_widget_get_visible (part (&f, "target_error")));
  gtk_window_present (GTK_WINDOW (f.dialog));
  click (&f, "preview_button");
  g_assert_cmpint (al_deploy_dialog_get_stage (f.dialog), ==, AL_DEPLOY_STAGE_TARGET);
  g_assert_true (gtk_widget_get_visible (part (&f, "target_error")));
  g_assert_nonnull (strstr (text_of (&f, "target_error"), exec));
  g_assert_nonnull (strstr (text_of (&f, "target_error"), "Flatpak"));
  g_assert_nonnull (strstr (text_of (&f, "target_error"), "Export Manifests"));
  screenshot (&f, "kubeconfig-exec");
  fixture_close (&f);
}

static void
respond_to_prune (gpointer unused)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window));

          g_assert_nonnull (strstr (body, "Deployment ui-prune/old-worker"));
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (window), "delete");
          gtk_window_destroy (window);
          return;
        }
    }
  g_error ("no confirmation of the prune");
}

static void
test_prune (void)
{
  Fixture f = { 0 };
  GListModel *rows;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  al_kube_test_server_put (server, "namespaces", NULL,
                           "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ui-prune\"}}");
  al_kube_test_server_put (server, "deployments", "ui-prune",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"old-worker\","
                           "\"namespace\":\"ui-prune\"," LABELS ("old-worker") "},\"spec\":{\"replicas\":1}}");
  fixture_open (&f, load_shop (), "ui-prune");
  gtk_switch_set_active (GTK_SWITCH (part (&f, "prune_switch")), TRUE);
  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  rows = al_deploy_dialog_get_preview_rows (f.dialog);
  g_assert_true (rows_have (rows, "Deployment ui-prune/old-worker", AL_DEPLOY_ROW_PRUNE));
  g_assert_nonnull (strstr (text_of (&f, "preview_summary"), "1 to delete"));
  click (&f, "deploy_button");
  /* Nothing is sent before the user confirms. */
  g_assert_cmpint (al_deploy_dialog_get_stage (f.dialog), ==, AL_DEPLOY_STAGE_PREVIEWED);
  g_assert_true (al_kube_test_server_has (server, "deployments", "ui-prune", "old-worker"));
  respond_to_prune (NULL);
  wait_for_stage (&f, AL_DEPLOY_STAGE_DONE);
  g_assert_false (al_kube_test_server_has (server, "deployments", "ui-prune", "old-worker"));
  rows = al_deploy_dialog_get_deploy_rows (f.dialog);
  g_assert_true (rows_have (rows, "Deployment ui-prune/old-worker", AL_DEPLOY_ROW_DELETED));
  g_assert_nonnull (strstr (text_of (&f, "summary_label"), "1 deleted"));
  fixture_close (&f);
}

/* 500 components ------------------------------------------------------------------------ */

#define TICK_MS 10

typedef struct
{
  gint64 last;
  gint64 worst_us;
  gint64 start;
  AlDeployDialog *dialog;
} Stall;

static gboolean
on_tick (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  gint64 late = now - stall->last - TICK_MS * 1000;

  stall->worst_us = MAX (stall->worst_us, late);
  if (late > 30000 && g_getenv ("DEPLOY_UI_DEBUG") != NULL)
    g_printerr ("stall %.1f ms at %.3f s (mono %.6f), stage %d\n", late / 1000.0, now / 1e6,
                (now - stall->start) / 1e6, al_deploy_dialog_get_stage (stall->dialog));
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static AlDocument *
make_large (guint n)
{
  AlDocument *document = load_shop ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *name = g_strdup_printf ("svc-%03u", i);
      g_autoptr (AlComponent) component = al_component_new (id, name, i % 2 ? "x86" : "arm");
      g_autoptr (AlPort) port = al_port_new (8080, AL_PROTOCOL_HTTP);
      g_autoptr (AlEnvVar) key = al_env_var_new_value ("SESSION_KEY", "not-a-real-key", TRUE);

      al_component_set_image (component, "example/svc:1");
      al_component_insert (component, AL_COLLECTION_PORTS, 0, port);
      al_component_insert (component, AL_COLLECTION_ENV, 0, key);
      al_document_add_component (document, component);
    }
  return document;
}

static void
test_large_deploy_stall (void)
{
  Fixture f = { 0 };
  Stall stall = { 0 };
  guint tick;
  guint n;
  gint64 start;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  fixture_open (&f, make_large (497), "ui-large");
  click (&f, "preview_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_PREVIEWED);
  n = g_list_model_get_n_items (al_deploy_dialog_get_preview_rows (f.dialog));
  g_assert_cmpuint (n, >=, 1500);

  stall.last = stall.start = g_get_monotonic_time ();
  stall.dialog = f.dialog;
  tick = g_timeout_add (TICK_MS, on_tick, &stall);
  start = g_get_monotonic_time ();
  click (&f, "deploy_button");
  wait_for_stage (&f, AL_DEPLOY_STAGE_DONE);
  /* Rows join the list a chunk at a time. */
  while (g_list_model_get_n_items (al_deploy_dialog_get_deploy_rows (f.dialog)) < n)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_cmpuint (count_rows (al_deploy_dialog_get_deploy_rows (f.dialog), AL_DEPLOY_ROW_APPLIED), ==, n);
  g_test_message ("deploy of 500 components (%u objects) in the dialog: %.2f s, longest main-loop "
                  "stall %.1f ms (goal ≤ 50 ms)",
                  n, (g_get_monotonic_time () - start) / 1e6, stall.worst_us / 1000.0);
  fixture_close (&f);
}

/* The window ------------------------------------------------------------------------- */

static AlDeployDialog *
find_deploy_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (AL_IS_DEPLOY_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == parent)
        return AL_DEPLOY_DIALOG (toplevel);
    }
  return NULL;
}

/* The colour the canvas shows at a scene point, drawn as on screen (through
 * its tiles). */
static void
canvas_pixel (AlCanvas *canvas, double x, double y, GdkRGBA *out)
{
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (canvas));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  graphene_point_t p;
  guint32 argb;
  int px, py;

  /* The canvas's own snapshot, as a frame on screen calls it. */
  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  gsk_render_node_unref (node);

  al_canvas_scene_to_widget (canvas, &GRAPHENE_POINT_INIT (x, y), &p);
  px = (int) floor (p.x);
  py = (int) floor (p.y);
  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, width);
  g_assert_cmpint (py, <, height);
  argb = *(guint32 *) (cairo_image_surface_get_data (surface) +
                       py * cairo_image_surface_get_stride (surface) + px * 4);
  out->alpha = ((argb >> 24) & 0xff) / 255.f;
  out->red = ((argb >> 16) & 0xff) / 255.f / MAX (out->alpha, 1e-6f);
  out->green = ((argb >> 8) & 0xff) / 255.f / MAX (out->alpha, 1e-6f);
  out->blue = (argb & 0xff) / 255.f / MAX (out->alpha, 1e-6f);
  cairo_surface_destroy (surface);
}

/* Where the card of @component shows its status strip. */
static void
card_foot_pixel (AlWindow *window, AlComponent *component, GdkRGBA *out)
{
  AlScene *scene = al_editor_get_scene (window->editor);
  const AlSceneCard *card = al_scene_get_card (scene, al_scene_find_card (scene, component));

  canvas_pixel (window->canvas, card->bounds.origin.x + card->bounds.size.width / 2,
                card->bounds.origin.y + card->bounds.size.height - 2.5, out);
}

static gboolean
close_rgb (const GdkRGBA *seen, guint rgb)
{
  return fabs (seen->red - ((rgb >> 16) & 0xff) / 255.) < 0.03 &&
         fabs (seen->green - ((rgb >> 8) & 0xff) / 255.) < 0.03 &&
         fabs (seen->blue - (rgb & 0xff) / 255.) < 0.03;
}

static void
wait_for_card (AlCanvas *canvas, AlComponent *component, AlCardLiveState state)
{
  guint guard = g_timeout_add_seconds (20, give_up, (gpointer) "card state");

  for (;;)
    {
      const AlCardLive *live = al_canvas_get_card_live (canvas, component);

      if (live != NULL && live->state == state)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (guard);
}

static guint
n_errors_of (AlProblemsView *problems)
{
  guint n = 0;

  g_object_get (problems, "n-errors", &n, NULL);
  return n;
}

static void
test_window (void)
{
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlEditor) editor = NULL;
  g_autoptr (AlKubeClient) client = NULL;
  g_autoptr (AlDocument) other_document = NULL;
  g_autoptr (AlEditor) other_editor = NULL;
  AlWindow *window;
  AlDeployDialog *dialog;
  AlComponent *web, *api, *mysql;
  GtkListView *list_view;
  GListModel *rows;
  GdkRGBA seen;
  guint n_errors;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  document = load_shop ();
  editor = al_editor_new (document);
  client = client_new ();
  web = al_document_lookup_component (document, "c1");
  api = al_document_lookup_component (document, "c2");
  /* web and api share a place in this document (api on top): mysql,
   * alone in its lane, is the card whose pixels are read. */
  mysql = al_document_lookup_component (document, "c3");
  window = al_window_new (NULL, editor);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  {
    guint guard = g_timeout_add_seconds (20, give_up, (gpointer) "window mapped");

    while (!gtk_widget_get_mapped (GTK_WIDGET (window->canvas)) ||
           gtk_widget_get_width (GTK_WIDGET (window->canvas)) < 100)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (guard);
  }
  al_test_spin ();

  /* The menu item's action presents the deploy dialog over the window. */
  g_assert_null (find_deploy_dialog (GTK_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.deploy", NULL));
  al_test_spin ();
  dialog = find_deploy_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpint (al_deploy_dialog_get_stage (dialog), ==, AL_DEPLOY_STAGE_TARGET);
  gtk_window_destroy (GTK_WINDOW (dialog));
  al_test_spin ();

  /* Nothing deployed: the cards show nothing of a cluster. */
  al_canvas_reveal (window->canvas, mysql);
  al_test_spin ();
  g_assert_null (al_canvas_get_card_live (window->canvas, web));
  card_foot_pixel (window, mysql, &seen);
  g_assert_false (close_rgb (&seen, 0x2ec27e));
  n_errors = n_errors_of (window->problems);

  /* What the dialog does after a deploy: the window's status watches. */
  al_kube_test_server_put (server, "namespaces", NULL,
                           "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ui-window\"}}");
  al_kube_test_server_put (server, "deployments", "ui-window",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                           "\"namespace\":\"ui-window\"," LABELS ("web") "},\"spec\":{\"replicas\":2},"
                           "\"status\":{\"replicas\":2,\"readyReplicas\":2,\"updatedReplicas\":2}}");
  al_kube_test_server_put (server, "statefulsets", "ui-window",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"mysql\","
                           "\"namespace\":\"ui-window\"," LABELS ("mysql") "},\"spec\":{\"replicas\":1},"
                           "\"status\":{\"replicas\":1,\"readyReplicas\":1,\"updatedReplicas\":1}}");
  al_deploy_status_start (window->deploy_status, client, document, "ui-window");
  wait_for_card (window->canvas, web, AL_CARD_LIVE_RUNNING);
  g_assert_cmpint (al_canvas_get_card_live (window->canvas, web)->ready, ==, 2);
  g_assert_cmpint (al_canvas_get_card_live (window->canvas, web)->desired, ==, 2);
  wait_for_card (window->canvas, mysql, AL_CARD_LIVE_RUNNING);
  al_test_spin ();
  /* Drawn, not just known: the tiles under the card were redrawn. */
  card_foot_pixel (window, mysql, &seen);
  g_assert_true (close_rgb (&seen, 0x2ec27e));

  /* A pod that cannot start: the card turns red and Problems says why. */
  al_kube_test_server_put (server, "deployments", "ui-window",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"api\","
                           "\"namespace\":\"ui-window\"," LABELS ("api") "},\"spec\":{\"replicas\":1},\"status\":{}}");
  al_kube_test_server_put (server, "pods", "ui-window",
                           "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"api-6d4cf-w1n\","
                           "\"namespace\":\"ui-window\"," LABELS ("api") "},\"status\":{\"phase\":\"Running\","
                           "\"containerStatuses\":[{\"name\":\"api\",\"ready\":false,\"restartCount\":3,"
                           "\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\",\"message\":\"back-off 40s\"}},"
                           "\"lastState\":{\"terminated\":{\"exitCode\":1,\"reason\":\"Error\","
                           "\"message\":\"exec /app/api: exec format error\"}}}]}}");
  wait_for_card (window->canvas, api, AL_CARD_LIVE_FAILED);
  al_test_spin ();
  al_canvas_reveal (window->canvas, api);
  al_test_spin ();
  card_foot_pixel (window, api, &seen);
  g_assert_true (close_rgb (&seen, 0xe01b24));
  g_assert_cmpuint (n_errors_of (window->problems), ==, n_errors + 1);

  /* Activating the failure selects its card. */
  al_editor_select (editor, NULL, AL_SELECT_REPLACE);
  list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window->problems),
                                                            AL_TYPE_PROBLEMS_VIEW, "list_view"));
  rows = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  g_signal_emit_by_name (list_view, "activate", g_list_model_get_n_items (rows) - 1);
  g_assert_true (g_hash_table_contains (al_editor_get_selection_set (editor), api));
  g_assert_cmpuint (g_hash_table_size (al_editor_get_selection_set (editor)), ==, 1);

  /* Stopped: the cards and Problems forget the cluster. */
  al_deploy_status_stop (window->deploy_status);
  g_assert_null (al_canvas_get_card_live (window->canvas, api));
  g_assert_cmpuint (n_errors_of (window->problems), ==, n_errors);
  al_test_spin ();
  card_foot_pixel (window, api, &seen);
  g_assert_false (close_rgb (&seen, 0xe01b24));

  /* Another document in the window: the old one's status stops. */
  al_deploy_status_start (window->deploy_status, client, document, "ui-window");
  wait_for_card (window->canvas, web, AL_CARD_LIVE_RUNNING);
  other_document = load_shop ();
  other_editor = al_editor_new (other_document);
  al_window_set_editor (window, other_editor);
  g_assert_false (al_deploy_status_is_watching (window->deploy_status));
  g_assert_null (al_canvas_get_card_live (window->canvas,
                                          al_document_lookup_component (other_document, "c1")));

  gtk_window_destroy (GTK_WINDOW (window));
  al_test_spin ();
}

int
main (int argc, char **argv)
{
  int status;

  al_kube_test_without_leak_check (argv);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  al_test_private_runtime_dir ();
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
  server = al_kube_test_server_new ();
  tmpdir = al_test_make_tmpdir ();
  kubeconfig_path = al_kube_test_server_write_kubeconfig (server, tmpdir, AL_KUBE_TEST_TOKEN, FALSE);

  g_test_add_func ("/deploy-ui/status", test_status);
  g_test_add_func ("/deploy-ui/dialog/preview", test_preview);
  g_test_add_func ("/deploy-ui/dialog/dry-run", test_dry_run);
  g_test_add_func ("/deploy-ui/dialog/failure-then-retry", test_deploy_failure_retry);
  g_test_add_func ("/deploy-ui/dialog/cancel-then-retry", test_cancel_retry);
  g_test_add_func ("/deploy-ui/dialog/arch-mismatch", test_arch_mismatch);
  g_test_add_func ("/deploy-ui/dialog/kubeconfig-errors", test_kubeconfig_errors);
  g_test_add_func ("/deploy-ui/dialog/prune", test_prune);
  g_test_add_func ("/deploy-ui/dialog/large-deploy-stall", test_large_deploy_stall);
  g_test_add_func ("/deploy-ui/window", test_window);
  status = g_test_run ();

  al_kube_test_server_free (server);
  al_test_rmtree (tmpdir);
  g_free (tmpdir);
  g_free (kubeconfig_path);
  return status;
}
