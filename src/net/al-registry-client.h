/* al-registry-client.h: the platforms of an image, from its registry
 * (OCI distribution API) */
#pragma once

#include <gio/gio.h>

#include "al-image-check.h"
#include "al-image-ref.h"

G_BEGIN_DECLS

/* What a registry said about one reference. */
typedef struct
{
  AlImageState state;
  char *reference;   /* fully qualified, "docker.io/library/nginx:latest" */
  GStrv platforms;   /* FOUND: "os/arch[/variant]" in the registry's order, no attestations */
  GError *error;     /* NOT_FOUND and UNKNOWN: why (AL_NET_ERROR_REGISTRY_NOT_FOUND,
                      * _UNAUTHORIZED, _UNREACHABLE, AL_NET_ERROR_TLS, _INVALID_RESPONSE …) */
} AlImageProbe;

#define AL_TYPE_IMAGE_PROBE (al_image_probe_get_type ())
GType         al_image_probe_get_type (void);
AlImageProbe *al_image_probe_copy (const AlImageProbe *probe);
void          al_image_probe_free (AlImageProbe *probe);

/* Monotonic time in microseconds, like g_get_monotonic_time(). */
typedef gint64 (*AlRegistryClock) (gpointer user_data);

/* Asks registries for the platforms of images. Manifests are requested
 * with Accept for the OCI index, the Docker manifest list, the OCI
 * manifest and the Docker schema 2 manifest; an anonymous Bearer token is
 * fetched when the registry asks for one (WWW-Authenticate); a single
 * manifest's platform is read from its config blob. Registries on this
 * machine (localhost, 127.0.0.0/8, [::1]) and those marked insecure are
 * spoken to over HTTP, others over HTTPS with certificate checks.
 *
 * Answers are cached in memory per reference for a time-to-live (found and
 * not-found answers for the TTL, unknown ones for at most 30 s so that a
 * registry that comes back is asked again soon). Must be used from one
 * thread. */
#define AL_TYPE_REGISTRY_CLIENT (al_registry_client_get_type ())
G_DECLARE_FINAL_TYPE (AlRegistryClient, al_registry_client, AL, REGISTRY_CLIENT, GObject)

AlRegistryClient *al_registry_client_new (void);
/* Registries ("host" or "host:port", as in the reference) spoken to over HTTP. */
void              al_registry_client_set_insecure_registries (AlRegistryClient *self,
                                                              const char *const *registries);
/* Default: 10 minutes. 0 disables the cache. */
void              al_registry_client_set_cache_ttl (AlRegistryClient *self, GTimeSpan ttl);
/* Replaces the clock the cache reads (for tests); %NULL restores
 * g_get_monotonic_time(). */
void              al_registry_client_set_clock (AlRegistryClient *self, AlRegistryClock clock,
                                                gpointer user_data);
/* Seconds without an answer before a registry counts as unreachable. Default 20. */
void              al_registry_client_set_timeout (AlRegistryClient *self, guint seconds);
/* HTTP requests sent so far (manifests, blobs, tokens), cache hits excluded. */
guint             al_registry_client_get_n_requests (AlRegistryClient *self);
void              al_registry_client_clear_cache (AlRegistryClient *self);

/* Resolves the platforms of @image (a reference as a user writes it). An
 * unreachable or failing registry is not an error: the probe's state is
 * AL_IMAGE_STATE_UNKNOWN. Errors are AL_NET_ERROR_INVALID_REFERENCE and
 * G_IO_ERROR_CANCELLED only. */
void              al_registry_client_get_platforms_async (AlRegistryClient *self,
                                                          const char *image,
                                                          GCancellable *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer user_data);
AlImageProbe     *al_registry_client_get_platforms_finish (AlRegistryClient *self,
                                                           GAsyncResult *result, GError **error);
/* The same, blocking (for the CLI): runs the request on a private main
 * context. Do not call it from a callback of this client. */
AlImageProbe     *al_registry_client_get_platforms (AlRegistryClient *self, const char *image,
                                                    GCancellable *cancellable, GError **error);

/* Records @probe in @table under @image: found, not found, or unknown. */
void              al_image_probe_record (const AlImageProbe *probe, AlImagePlatforms *table,
                                         const char *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlImageProbe, al_image_probe_free)

G_END_DECLS
