/* al-net-error.h: the GError domain of the net layer (DESIGN §2) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AL_NET_ERROR (al_net_error_quark ())
GQuark al_net_error_quark (void);

/* One domain for kubeconfig, the Kubernetes client and the registry client,
 * so the UI and the CLI map a failure to a sentence and an exit code in one
 * place. New codes are appended at the end; numeric values never change. */
typedef enum
{
  AL_NET_ERROR_FAILED,                  /* anything not listed below */
  AL_NET_ERROR_KUBECONFIG_INVALID,      /* missing, unreadable or malformed kubeconfig,
                                         * unknown context, cluster or user */
  AL_NET_ERROR_UNSUPPORTED_AUTH,        /* exec credential plugin or auth-provider */
  AL_NET_ERROR_TLS,                     /* certificate not trusted, bad CA/cert/key */
  AL_NET_ERROR_HTTP_STATUS,             /* the server answered with an error status */
  AL_NET_ERROR_CONNECTION,              /* cannot connect, connection dropped */
  AL_NET_ERROR_TIMEOUT,                 /* no answer in time */
  AL_NET_ERROR_CANCELLED,               /* the user cancelled */
  AL_NET_ERROR_REGISTRY_NOT_FOUND,      /* no such repository, tag or digest */
  AL_NET_ERROR_REGISTRY_UNAUTHORIZED,   /* the registry wants credentials we do not have */
  AL_NET_ERROR_REGISTRY_UNREACHABLE,    /* the registry cannot be reached */
  AL_NET_ERROR_INVALID_REFERENCE,       /* not a valid image reference */
  AL_NET_ERROR_INVALID_RESPONSE,        /* a reply that does not follow the protocol */
  AL_NET_ERROR_KUBE_UNAUTHORIZED,       /* 401: the token or certificate is not accepted */
  AL_NET_ERROR_KUBE_FORBIDDEN,          /* 403 */
  AL_NET_ERROR_KUBE_NOT_FOUND,          /* 404 */
  AL_NET_ERROR_KUBE_CONFLICT,           /* 409: another field manager, or already exists */
  AL_NET_ERROR_KUBE_INVALID,            /* 422: the server refused the object */
  AL_NET_ERROR_KUBE_GONE,               /* 410: a watch's resourceVersion is too old */
} AlNetError;

/* Translates a transport error (GIOErrorEnum, GTlsError, GResolverError) into
 * the AL_NET_ERROR code that describes it for the user; errors already in
 * AL_NET_ERROR keep their code. Never returns AL_NET_ERROR_HTTP_STATUS. */
AlNetError al_net_error_code_from_error (const GError *error);

G_END_DECLS
