/* al-kube-client-private.h: the client's error mapping (al-kube-errors.c) */
#pragma once

#include <libsoup/soup.h>

#include "al-kube-client.h"

G_BEGIN_DECLS

/* Not in libsoup 3.2's SoupStatus. */
#define AL_KUBE_STATUS_TOO_MANY_REQUESTS 429

typedef enum
{
  AL_KUBE_CREDENTIALS_NONE,
  AL_KUBE_CREDENTIALS_TOKEN,
  AL_KUBE_CREDENTIALS_CERTIFICATE,
} AlKubeCredentials;

/* The body parsed as JSON, or %NULL when empty or not JSON. */
JsonNode *al_kube_parse_json (GBytes *bytes);
/* The error for an answer with @status (not 2xx), from its Status body. */
GError   *al_kube_error_from_status (guint status, const char *reason_phrase, GBytes *body,
                                     guint attempts, AlKubeCredentials credentials);
/* The error for a request that got no answer. */
GError   *al_kube_error_from_transport (const GError *error, GTlsCertificateFlags tls_errors,
                                        guint attempts, const char *server, gboolean has_ca);
/* May a request that failed with @error (no answer) be sent again? */
gboolean  al_kube_error_is_retryable (const GError *error);

G_END_DECLS
