/* al-kube-client.h: requests to the Kubernetes API server (libsoup 3) */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "al-kubeconfig.h"
#include "al-net-error.h"

G_BEGIN_DECLS

#define AL_TYPE_KUBE_CLIENT (al_kube_client_get_type ())
G_DECLARE_FINAL_TYPE (AlKubeClient, al_kube_client, AL, KUBE_CLIENT, GObject)

/* A client for the cluster of @context (see al-kubeconfig.h). TLS
 * verification uses the context's certificate authority, or the system's
 * trust store when it names none; it is off only when the context says
 * insecure-skip-tls-verify. The bearer token or client certificate of the
 * context authenticates every request; the token is never logged nor put in
 * a message. Requests share kept-alive connections, several at a time
 * (max-conns-per-host 8). Fails with AL_NET_ERROR_KUBECONFIG_INVALID when
 * the server is not an http(s) URL, AL_NET_ERROR_TLS when the certificates
 * do not load. */
AlKubeClient *al_kube_client_new (const AlKubeContext *context, GError **error);

const char   *al_kube_client_get_server (AlKubeClient *self);

/* Retries on 429, 5xx and dropped connections: at most @max_attempts
 * attempts in all, waiting base·2^(n-1) (at most @max_delay_ms) with jitter
 * in between, or what the server's Retry-After asks for (at most 30 s).
 * Defaults: 5 attempts, 250 ms, 8000 ms. */
void          al_kube_client_set_retry_policy (AlKubeClient *self, guint max_attempts,
                                               guint base_delay_ms, guint max_delay_ms);
guint         al_kube_client_get_max_attempts (AlKubeClient *self);

/* Sends @method @path_and_query (e.g. "/api/v1/namespaces/shop") with
 * @body (may be %NULL) of @content_type, retrying as described above.
 * Succeeds on a 2xx answer. Errors are AL_NET_ERROR: KUBE_UNAUTHORIZED,
 * KUBE_FORBIDDEN, KUBE_NOT_FOUND, KUBE_CONFLICT (with the other field
 * managers), KUBE_INVALID (with the server's Status message), KUBE_GONE,
 * HTTP_STATUS (others, and 429/5xx when the attempts run out), TLS,
 * CONNECTION, TIMEOUT, CANCELLED; each message is a sentence for the user
 * and never holds the token. Emits ::retrying before each new attempt. */
void          al_kube_client_request_async (AlKubeClient *self, const char *method,
                                            const char *path_and_query, const char *content_type,
                                            GBytes *body, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
/* The parsed answer (%NULL when the body is empty); @status receives the
 * HTTP status of the last attempt (0 when there was none). */
JsonNode     *al_kube_client_request_finish (AlKubeClient *self, GAsyncResult *result,
                                             guint *status, GError **error);

/* Opens a streaming GET (a watch): the body stream once the server answers
 * 2xx, with the same retries and errors as a request. The stream is
 * read without an I/O timeout, over connections apart from the requests'. */
void          al_kube_client_open_stream_async (AlKubeClient *self, const char *path_and_query,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
GInputStream *al_kube_client_open_stream_finish (AlKubeClient *self, GAsyncResult *result,
                                                 GError **error);

/* The wait a Retry-After value asks for, in milliseconds: delta-seconds or
 * an HTTP date (relative to @now); -1 when @value is neither. */
gint64        al_kube_retry_after_parse (const char *value, GDateTime *now);

/* Is @error the user's cancellation (AL_NET_ERROR_CANCELLED or
 * G_IO_ERROR_CANCELLED)? */
gboolean      al_kube_error_is_cancelled (const GError *error);
/* Does @error say the cluster cannot be used at all (cannot connect, TLS,
 * unauthorized, timeout), so that going on with other objects is
 * pointless? */
gboolean      al_kube_error_is_fatal (const GError *error);

/* "/api/v1/namespaces/NS/services/NAME", "/apis/apps/v1/namespaces/NS/deployments",
 * "/api/v1/namespaces/NAME" for a Namespace: the path of @kind (Namespace,
 * Secret, Service, PersistentVolumeClaim, Pod, Deployment, StatefulSet) in
 * @namespace_, of the object @name or of the collection when @name is %NULL.
 * %NULL for another kind. */
char         *al_kube_resource_path (const char *kind, const char *namespace_, const char *name);

G_END_DECLS
