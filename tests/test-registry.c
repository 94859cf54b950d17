/* test-registry: image platforms from a real docker-registry started on
 * loopback (images pushed by the test), the anonymous Bearer token flow
 * against a small SoupServer, the cache, archlane-cli probe-image and the
 * image-arch-mismatch diagnostic. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "al-document-io.h"
#include "al-image-check.h"
#include "al-net-error.h"
#include "al-registry-client.h"
#include "al-test-util.h"
#include "al-validate.h"

#define REGISTRY_BINARY "/usr/bin/docker-registry"

static char *tmp;
static GPid registry_pid;
static char *registry; /* "127.0.0.1:PORT", or NULL when docker-registry is missing */
static char *dead_registry; /* "127.0.0.1:PORT" where nothing listens */
static char *multi_digest;

/* ---- the registry --------------------------------------------------------- */

static guint
free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
die_with_parent (gpointer data)
{
  /* No registry outlives a crashed test. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static guint
http_get_status (SoupSession *session, const char *url)
{
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr (GBytes) body = soup_session_send_and_read (session, message, NULL, NULL);

  return soup_message_get_status (message);
}

static gboolean
start_registry (void)
{
  g_autofree char *config_path = g_build_filename (tmp, "config.yml", NULL);
  g_autofree char *log_path = g_build_filename (tmp, "registry.log", NULL);
  g_autofree char *config = NULL;
  g_autofree char *url = NULL;
  const char *argv[] = { REGISTRY_BINARY, "serve", config_path, NULL };
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GError) error = NULL;
  guint port = free_port ();
  int log_fd;

  config = g_strdup_printf ("version: 0.1\n"
                            "log:\n  level: info\n"
                            "storage:\n  filesystem:\n    rootdirectory: %s/storage\n"
                            "  delete:\n    enabled: true\n"
                            "http:\n  addr: 127.0.0.1:%u\n",
                            tmp, port);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (log_fd, >=, 0);
  g_spawn_async_with_fds (tmp, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, die_with_parent,
                          NULL, &registry_pid, -1, log_fd, log_fd, &error);
  close (log_fd);
  g_assert_no_error (error);

  registry = g_strdup_printf ("127.0.0.1:%u", port);
  url = g_strdup_printf ("http://%s/v2/", registry);
  /* Bounded wait for the registry to listen (not a timing assertion). */
  for (guint i = 0; i < 400; i++)
    {
      if (http_get_status (session, url) == SOUP_STATUS_OK)
        return TRUE;
      g_usleep (25 * 1000);
    }
  g_printerr ("docker-registry did not answer on %s; see %s\n", url, log_path);
  return FALSE;
}

static void
stop_registry (void)
{
  if (registry_pid == 0)
    return;
  kill (registry_pid, SIGTERM);
  waitpid (registry_pid, NULL, 0);
  g_spawn_close_pid (registry_pid);
  registry_pid = 0;
}

/* ---- pushing images ------------------------------------------------------- */

static char *
digest_of (const char *data, gsize length)
{
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data,
                                                      length);
  return g_strconcat ("sha256:", hex, NULL);
}

static char *
push_blob (SoupSession *session, const char *repository, const char *data)
{
  g_autofree char *start = g_strdup_printf ("http://%s/v2/%s/blobs/uploads/", registry, repository);
  g_autoptr (SoupMessage) post = soup_message_new ("POST", start);
  g_autoptr (SoupMessage) put = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GBytes) content = g_bytes_new (data, strlen (data));
  g_autofree char *location = NULL;
  g_autofree char *target = NULL;
  char *digest = digest_of (data, strlen (data));
  g_autoptr (GError) error = NULL;

  reply = soup_session_send_and_read (session, post, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (post), ==, 202);
  location = g_uri_resolve_relative (
      start, soup_message_headers_get_one (soup_message_get_response_headers (post), "Location"),
      G_URI_FLAGS_NONE, NULL);
  target = g_strdup_printf ("%s%cdigest=%s", location, strchr (location, '?') ? '&' : '?', digest);
  put = soup_message_new ("PUT", target);
  soup_message_set_request_body_from_bytes (put, "application/octet-stream", content);
  g_clear_pointer (&reply, g_bytes_unref);
  reply = soup_session_send_and_read (session, put, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (put), ==, 201);
  return digest;
}

static char *
push_manifest (SoupSession *session, const char *repository, const char *reference,
               const char *media_type, const char *json)
{
  char *digest = digest_of (json, strlen (json));
  g_autofree char *url = g_strdup_printf ("http://%s/v2/%s/manifests/%s", registry, repository,
                                          reference ? reference : digest);
  g_autoptr (SoupMessage) put = soup_message_new ("PUT", url);
  g_autoptr (GBytes) content = g_bytes_new (json, strlen (json));
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_set_request_body_from_bytes (put, media_type, content);
  reply = soup_session_send_and_read (session, put, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (put) != 201)
    g_error ("pushing %s:%s gave HTTP %u: %.*s", repository, reference ? reference : digest,
             soup_message_get_status (put), (int) g_bytes_get_size (reply),
             (const char *) g_bytes_get_data (reply, NULL));
  return digest;
}

#define OCI_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define DOCKER_MANIFEST "application/vnd.docker.distribution.manifest.v2+json"
#define DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"

/* A single-platform manifest (OCI or Docker schema 2) with its config and
 * one layer; returns its digest, *size its length. */
static char *
push_image (SoupSession *session, const char *repository, const char *tag, gboolean oci,
            const char *os, const char *arch, const char *variant, gsize *size)
{
  g_autofree char *config = g_strdup_printf (
      "{\"architecture\":\"%s\",\"os\":\"%s\"%s%s%s,\"rootfs\":{\"type\":\"layers\","
      "\"diff_ids\":[]},\"config\":{}}",
      arch, os, variant ? ",\"variant\":\"" : "", variant ? variant : "", variant ? "\"" : "");
  g_autofree char *layer_text = g_strdup_printf ("layer of %s/%s for %s", os, arch, repository);
  g_autofree char *config_digest = push_blob (session, repository, config);
  g_autofree char *layer_digest = push_blob (session, repository, layer_text);
  g_autofree char *manifest = g_strdup_printf (
      "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"config\":{\"mediaType\":\"%s\","
      "\"digest\":\"%s\",\"size\":%zu},\"layers\":[{\"mediaType\":\"%s\",\"digest\":\"%s\","
      "\"size\":%zu}]}",
      oci ? OCI_MANIFEST : DOCKER_MANIFEST,
      oci ? "application/vnd.oci.image.config.v1+json"
          : "application/vnd.docker.container.image.v1+json",
      config_digest, strlen (config),
      oci ? "application/vnd.oci.image.layer.v1.tar+gzip"
          : "application/vnd.docker.image.rootfs.diff.tar.gzip",
      layer_digest, strlen (layer_text));

  if (size != NULL)
    *size = strlen (manifest);
  return push_manifest (session, repository, tag, oci ? OCI_MANIFEST : DOCKER_MANIFEST, manifest);
}

/* An OCI attestation manifest as BuildKit attaches to an index. */
static char *
push_attestation (SoupSession *session, const char *repository, gsize *size)
{
  const char *config = "{\"architecture\":\"unknown\",\"os\":\"unknown\",\"config\":{},"
                       "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
  const char *statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\"}";
  g_autofree char *config_digest = push_blob (session, repository, config);
  g_autofree char *layer_digest = push_blob (session, repository, statement);
  g_autofree char *manifest = g_strdup_printf (
      "{\"schemaVersion\":2,\"mediaType\":\"" OCI_MANIFEST "\",\"config\":{\"mediaType\":"
      "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"%s\",\"size\":%zu},"
      "\"layers\":[{\"mediaType\":\"application/vnd.in-toto+json\",\"digest\":\"%s\","
      "\"size\":%zu,\"annotations\":{\"in-toto.io/predicate-type\":"
      "\"https://spdx.dev/Document\"}}]}",
      config_digest, strlen (config), layer_digest, strlen (statement));

  *size = strlen (manifest);
  return push_manifest (session, repository, NULL, OCI_MANIFEST, manifest);
}

static char *
descriptor (const char *media_type, const char *digest, gsize size, const char *platform,
            const char *annotations)
{
  return g_strdup_printf ("{\"mediaType\":\"%s\",\"digest\":\"%s\",\"size\":%zu,"
                          "\"platform\":%s%s%s}",
                          media_type, digest, size, platform, annotations ? ",\"annotations\":" : "",
                          annotations ? annotations : "");
}

static void
push_images (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  gsize amd_size, arm_size, att_size, l_amd_size, l_arm_size, l_s390_size;
  g_autofree char *amd = push_image (session, "arch/multi", NULL, TRUE, "linux", "amd64", NULL,
                                     &amd_size);
  g_autofree char *arm = push_image (session, "arch/multi", NULL, TRUE, "linux", "arm64", "v8",
                                     &arm_size);
  g_autofree char *att = push_attestation (session, "arch/multi", &att_size);
  g_autofree char *d_amd = descriptor (OCI_MANIFEST, amd, amd_size,
                                       "{\"architecture\":\"amd64\",\"os\":\"linux\"}", NULL);
  g_autofree char *d_arm = descriptor (
      OCI_MANIFEST, arm, arm_size, "{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}",
      NULL);
  g_autofree char *annotations = g_strdup_printf (
      "{\"vnd.docker.reference.digest\":\"%s\",\"vnd.docker.reference.type\":"
      "\"attestation-manifest\"}",
      amd);
  g_autofree char *d_att = descriptor (OCI_MANIFEST, att, att_size,
                                       "{\"architecture\":\"unknown\",\"os\":\"unknown\"}",
                                       annotations);
  g_autofree char *index = g_strdup_printf (
      "{\"schemaVersion\":2,\"mediaType\":\"" OCI_INDEX "\",\"manifests\":[%s,%s,%s]}", d_amd,
      d_arm, d_att);
  g_autofree char *l_amd = push_image (session, "arch/list", NULL, FALSE, "linux", "amd64", NULL,
                                       &l_amd_size);
  g_autofree char *l_arm = push_image (session, "arch/list", NULL, FALSE, "linux", "arm64", "v8",
                                       &l_arm_size);
  g_autofree char *l_s390 = push_image (session, "arch/list", NULL, FALSE, "linux", "s390x", NULL,
                                        &l_s390_size);
  g_autofree char *e_amd = descriptor (DOCKER_MANIFEST, l_amd, l_amd_size,
                                       "{\"architecture\":\"amd64\",\"os\":\"linux\"}", NULL);
  g_autofree char *e_arm = descriptor (
      DOCKER_MANIFEST, l_arm, l_arm_size,
      "{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}", NULL);
  g_autofree char *e_s390 = descriptor (DOCKER_MANIFEST, l_s390, l_s390_size,
                                        "{\"architecture\":\"s390x\",\"os\":\"linux\"}", NULL);
  g_autofree char *list = g_strdup_printf (
      "{\"schemaVersion\":2,\"mediaType\":\"" DOCKER_LIST "\",\"manifests\":[%s,%s,%s]}", e_amd,
      e_arm, e_s390);
  g_autofree char *d1 = NULL;
  g_autofree char *d2 = NULL;
  g_autofree char *d3 = NULL;

  multi_digest = push_manifest (session, "arch/multi", "v1", OCI_INDEX, index);
  d1 = push_manifest (session, "arch/list", "v1", DOCKER_LIST, list);
  d2 = push_image (session, "arch/amd64-only", "1", TRUE, "linux", "amd64", NULL, NULL);
  d3 = push_image (session, "arch/arm-only", "1", FALSE, "linux", "arm64", "v8", NULL);
  /* arch/multi:missing is never pushed. */
}

/* ---- probing ------------------------------------------------------------- */

static char *
image (const char *host, const char *rest)
{
  return g_strdup_printf ("%s/%s", host, rest);
}

static char *
joined_platforms (const AlImageProbe *probe)
{
  return probe->platforms != NULL ? g_strjoinv (" ", probe->platforms) : g_strdup ("");
}

static gboolean
require_registry (void)
{
  if (registry == NULL)
    g_test_skip ("docker-registry is not installed (Debian package docker-registry, "
                 REGISTRY_BINARY "); the tests against a real registry are skipped");
  return registry != NULL;
}

static void
test_platforms (void)
{
  static const struct
  {
    const char *rest;
    const char *platforms;
  } cases[] = {
    { "arch/multi:v1", "linux/amd64 linux/arm64/v8" },
    { "arch/list:v1", "linux/amd64 linux/arm64/v8 linux/s390x" },
    { "arch/amd64-only:1", "linux/amd64" },
    { "arch/arm-only:1", "linux/arm64/v8" },
  };
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();

  if (!require_registry ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ref = image (registry, cases[i].rest);
      g_autofree char *full = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (AlImageProbe) probe = al_registry_client_get_platforms (client, ref, NULL, &error);
      g_autofree char *got = NULL;

      g_assert_no_error (error);
      if (probe->state != AL_IMAGE_STATE_FOUND)
        g_error ("%s: %s", ref, probe->error->message);
      got = joined_platforms (probe);
      g_assert_cmpstr (got, ==, cases[i].platforms);
      g_assert_cmpstr (probe->reference, ==, ref);
    }

  /* By digest, the index is checked against it. */
  {
    g_autofree char *by_digest = g_strdup_printf ("%s/arch/multi@%s", registry, multi_digest);
    g_autoptr (AlImageProbe) probe = al_registry_client_get_platforms (client, by_digest, NULL,
                                                                       NULL);
    g_autofree char *got = joined_platforms (probe);

    g_assert_cmpint (probe->state, ==, AL_IMAGE_STATE_FOUND);
    g_assert_cmpstr (got, ==, "linux/amd64 linux/arm64/v8");
  }
}

typedef struct
{
  AlImageProbe *probe;
  GError *error;
  gboolean done;
} AsyncResult;

static void
on_probed (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncResult *r = data;

  r->probe = al_registry_client_get_platforms_finish (AL_REGISTRY_CLIENT (source), result,
                                                      &r->error);
  r->done = TRUE;
}

static AlImageProbe *
probe_async (AlRegistryClient *client, const char *ref, GCancellable *cancellable, GError **error)
{
  AsyncResult r = { 0 };

  al_registry_client_get_platforms_async (client, ref, cancellable, on_probed, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.probe;
}

static void
test_async_and_missing (void)
{
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();
  g_autofree char *multi = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *no_repo = NULL;
  g_autoptr (AlImageProbe) found = NULL;
  g_autoptr (AlImageProbe) absent = NULL;
  g_autoptr (AlImageProbe) no_such_repo = NULL;
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;

  if (!require_registry ())
    return;
  multi = image (registry, "arch/multi:v1");
  missing = image (registry, "arch/multi:missing");
  no_repo = image (registry, "arch/never-pushed:1");

  found = probe_async (client, multi, NULL, &error);
  g_assert_no_error (error);
  got = joined_platforms (found);
  g_assert_cmpstr (got, ==, "linux/amd64 linux/arm64/v8");

  absent = probe_async (client, missing, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (absent->state, ==, AL_IMAGE_STATE_NOT_FOUND);
  g_assert_error (absent->error, AL_NET_ERROR, AL_NET_ERROR_REGISTRY_NOT_FOUND);
  g_assert_nonnull (strstr (absent->error->message, "arch/multi:missing"));

  no_such_repo = probe_async (client, no_repo, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (no_such_repo->state, ==, AL_IMAGE_STATE_NOT_FOUND);

  /* A cancelled probe is an error, not an answer, and is not cached. */
  al_registry_client_clear_cache (client);
  g_cancellable_cancel (cancelled);
  g_assert_null (probe_async (client, multi, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unreachable (void)
{
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();
  g_autofree char *ref = image (dead_registry, "arch/multi:v1");
  g_autoptr (GError) error = NULL;
  g_autoptr (AlImageProbe) probe = al_registry_client_get_platforms (client, ref, NULL, &error);

  /* Not an error: the state is unknown, with the reason. */
  g_assert_no_error (error);
  g_assert_cmpint (probe->state, ==, AL_IMAGE_STATE_UNKNOWN);
  g_assert_null (probe->platforms);
  g_assert_error (probe->error, AL_NET_ERROR, AL_NET_ERROR_REGISTRY_UNREACHABLE);
  g_assert_nonnull (strstr (probe->error->message, dead_registry));

  /* A bad reference is an error. */
  g_assert_null (al_registry_client_get_platforms (client, "Not/A:Ref:", NULL, &error));
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_REFERENCE);
}

static gint64 fake_now;

static gint64
fake_clock (gpointer data)
{
  return fake_now;
}

static void
test_cache_ttl (void)
{
  g_autoptr (AlRegistryClient) client = al_registry_client_new ();
  g_autofree char *multi = NULL;
  g_autofree char *single = NULL;
  g_autofree char *dead = image (dead_registry, "arch/multi:v1");
  guint first, per_probe;

  if (!require_registry ())
    return;
  multi = image (registry, "arch/multi:v1");
  single = image (registry, "arch/amd64-only:1");
  fake_now = 1000 * G_TIME_SPAN_SECOND;
  al_registry_client_set_clock (client, fake_clock, NULL);
  al_registry_client_set_cache_ttl (client, 60 * G_TIME_SPAN_SECOND);

  /* An index is one request; a single manifest two (manifest, config). */
  al_image_probe_free (al_registry_client_get_platforms (client, multi, NULL, NULL));
  first = al_registry_client_get_n_requests (client);
  g_assert_cmpuint (first, ==, 1);
  al_image_probe_free (al_registry_client_get_platforms (client, single, NULL, NULL));
  per_probe = al_registry_client_get_n_requests (client) - first;
  g_assert_cmpuint (per_probe, ==, 2);

  /* Within the TTL: served from the cache. */
  fake_now += 59 * G_TIME_SPAN_SECOND;
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (AlImageProbe) probe = al_registry_client_get_platforms (client, multi, NULL, NULL);
      g_assert_cmpint (probe->state, ==, AL_IMAGE_STATE_FOUND);
      g_assert_cmpuint (g_strv_length (probe->platforms), ==, 2);
    }
  g_assert_cmpuint (al_registry_client_get_n_requests (client), ==, 3);

  /* After it: asked again. */
  fake_now += 2 * G_TIME_SPAN_SECOND;
  al_image_probe_free (al_registry_client_get_platforms (client, multi, NULL, NULL));
  al_image_probe_free (al_registry_client_get_platforms (client, single, NULL, NULL));
  g_assert_cmpuint (al_registry_client_get_n_requests (client), ==, 6);

  /* An unknown answer is kept 30 s at most, even with a longer TTL. */
  al_image_probe_free (al_registry_client_get_platforms (client, dead, NULL, NULL));
  g_assert_cmpuint (al_registry_client_get_n_requests (client), ==, 7);
  fake_now += 29 * G_TIME_SPAN_SECOND;
  al_image_probe_free (al_registry_client_get_platforms (client, dead, NULL, NULL));
  g_assert_cmpuint (al_registry_client_get_n_requests (client), ==, 7);
  fake_now += 2 * G_TIME_SPAN_SECOND;
  al_image_probe_free (al_registry_client_get_platforms (client, dead, NULL, NULL));
  g_assert_cmpuint (al_registry_client_get_n_requests (client), ==, 8);

  /* TTL 0: no cache. */
  al_registry_client_set_cache_ttl (client, 0);
  al_image_probe_free (al_registry_client_get_platforms (client, multi, NULL, NULL));
  al_image_probe_free (al_registry_client_get_platforms (client, multi, NULL, NULL));
  g_assert_cmpuint (al_registry_client_get_n_requests (client), ==, 10);
}

/* ---- archlane-cli probe-image -------------------------------------------- */

static int
run_probe_image (const char *ref, const char *extra, char **out, char **err)
{
  const char *argv[] = { "probe-image", ref, extra, extra ? registry : NULL, NULL };

  return al_test_run_cli (argv, out, err);
}

static void
test_cli (void)
{
  g_autofree char *multi = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *dead = image (dead_registry, "arch/multi:v1");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!require_registry ())
    return;
  multi = image (registry, "arch/multi:v1");
  missing = image (registry, "arch/multi:missing");

  g_assert_cmpint (run_probe_image (multi, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "linux/amd64\nlinux/arm64/v8\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --insecure-registry is accepted (a loopback registry is HTTP anyway). */
  g_assert_cmpint (run_probe_image (multi, "--insecure-registry", &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "linux/amd64\nlinux/arm64/v8\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_probe_image (missing, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "archlane-cli: "));
  g_assert_nonnull (strstr (err, "arch/multi:missing"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_probe_image (dead, NULL, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "cannot be reached"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_probe_image ("team/Upper:1", NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "lower case"));
}

static void
test_cli_usage (void)
{
  const char *none[] = { "probe-image", NULL };
  const char *two[] = { "probe-image", "a", "b", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (al_test_run_cli (none, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "REFERENCE"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (al_test_run_cli (two, &out, &err), ==, 2);
}

#include "test-registry-token.h"
#include "test-registry-diagnostic.h"

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = al_test_make_tmpdir ();
  dead_registry = g_strdup_printf ("127.0.0.1:%u", free_port ());
  if (g_file_test (REGISTRY_BINARY, G_FILE_TEST_IS_EXECUTABLE))
    {
      if (!start_registry ())
        g_error ("docker-registry is installed but could not be started");
      push_images ();
    }
  else
    g_printerr ("# " REGISTRY_BINARY " is missing (Debian package docker-registry): the "
                "tests against a real registry are skipped\n");
  token_server_start ();

  g_test_add_func ("/registry/platforms", test_platforms);
  g_test_add_func ("/registry/async-and-missing", test_async_and_missing);
  g_test_add_func ("/registry/unreachable", test_unreachable);
  g_test_add_func ("/registry/cache-ttl", test_cache_ttl);
  g_test_add_func ("/registry/cli", test_cli);
  g_test_add_func ("/registry/cli-usage", test_cli_usage);
  g_test_add_func ("/registry/bearer-token", test_bearer_token);
  g_test_add_func ("/registry/bearer-denied", test_bearer_denied);
  g_test_add_func ("/registry/redirect-keeps-token-home", test_redirect_keeps_token_home);
  g_test_add_func ("/registry/diagnostic-table", test_diagnostic_table);
  g_test_add_func ("/registry/diagnostic-from-registry", test_diagnostic_from_registry);
  g_test_add_func ("/registry/validate-check-images", test_validate_check_images);
  g_test_add_func ("/registry/bad-answers", test_bad_answers);
  status = g_test_run ();

  token_server_stop ();
  stop_registry ();
  al_test_rmtree (tmp);
  g_free (tmp);
  g_free (registry);
  g_free (dead_registry);
  g_free (multi_digest);
  return status;
}
