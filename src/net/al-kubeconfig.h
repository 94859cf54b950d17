/* al-kubeconfig.h: kubeconfig files, read as kubectl reads them */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* One or several kubeconfig files merged with kubectl's rules: for
 * clusters, users and contexts the first file that defines a name wins (the
 * whole entry), and current-context comes from the first file that sets
 * one. Relative file paths in an entry are resolved against the folder of
 * the file that defined it. Immutable once loaded. Errors are
 * AL_NET_ERROR_KUBECONFIG_INVALID (naming the file, and for YAML problems
 * the line and column) and AL_NET_ERROR_UNSUPPORTED_AUTH. */
#define AL_TYPE_KUBECONFIG (al_kubeconfig_get_type ())
G_DECLARE_FINAL_TYPE (AlKubeconfig, al_kubeconfig, AL, KUBECONFIG, GObject)

/* Reads @paths in order. A file of the list that does not exist is skipped
 * (as kubectl does for KUBECONFIG), but at least one must exist; a file that
 * exists but cannot be read or parsed (a folder, malformed YAML, not a
 * mapping) is an error. An empty file is an empty configuration. */
AlKubeconfig      *al_kubeconfig_load_from_paths (const char *const *paths, GError **error);
/* Reads @path, which must exist (kubectl --kubeconfig). */
AlKubeconfig      *al_kubeconfig_load_from_file (const char *path, GError **error);
/* The files kubectl would read: @explicit_path when not %NULL, else the
 * ':'-separated list of $KUBECONFIG when set and not empty, else
 * ~/.kube/config. */
AlKubeconfig      *al_kubeconfig_load (const char *explicit_path, GError **error);

/* The files that were read (existing ones, in order). */
const char *const *al_kubeconfig_get_files (AlKubeconfig *self);
/* The current context, or %NULL when no file sets one. */
const char        *al_kubeconfig_get_current_context (AlKubeconfig *self);
/* The names of all contexts, in the order of the files and of each file. */
const char *const *al_kubeconfig_get_context_names (AlKubeconfig *self);
/* The namespace a context names, or %NULL. For listing contexts without
 * resolving them (which may fail for some). */
const char        *al_kubeconfig_get_context_namespace (AlKubeconfig *self, const char *context);

/* A context resolved into what a client needs to reach its cluster. The
 * token and the private key are secrets: never log or print them; use
 * al_kube_context_describe() to show a context. */
typedef struct
{
  char *context_name;
  char *cluster_name;
  char *user_name;
  char *server;              /* "https://host:6443", without a trailing '/' */
  char *tls_server_name;     /* name to verify instead of the server's host, or %NULL */
  GBytes *ca_pem;            /* CA certificates, or %NULL to trust the system's */
  gboolean insecure_skip_tls_verify; /* the UI and CLI must show a warning */
  char *token;               /* bearer token, or %NULL */
  GBytes *client_cert_pem;   /* client certificate (chain), or %NULL */
  GBytes *client_key_pem;    /* its private key, or %NULL */
  char *namespace_;          /* the context's namespace, or %NULL */
} AlKubeContext;

#define AL_TYPE_KUBE_CONTEXT (al_kube_context_get_type ())
GType          al_kube_context_get_type (void);

/* Resolves @context, or the current context when %NULL: its cluster and
 * user must exist; certificate and token files are read now. An exec
 * credential plugin or an auth-provider gives AL_NET_ERROR_UNSUPPORTED_AUTH
 * with a message that explains why and what to do instead. */
AlKubeContext *al_kubeconfig_resolve (AlKubeconfig *self, const char *context, GError **error);

AlKubeContext *al_kube_context_copy (const AlKubeContext *context);
/* Frees, and wipes the token and the key first. */
void           al_kube_context_free (AlKubeContext *context);
/* A multi-line description fit for logs and the UI, secrets redacted:
 * "context: kind-dev\ncluster: kind-dev (https://…)\nuser: … (token: <redacted>)…". */
char          *al_kube_context_describe (const AlKubeContext *context);
/* A translated warning when the context skips TLS verification, else %NULL. */
char          *al_kube_context_dup_insecure_warning (const AlKubeContext *context);

/* What a SoupSession needs to talk to the cluster of a context. */
typedef struct
{
  char *base_url;                      /* the server, no trailing '/' */
  char *tls_server_name;               /* name the server certificate is checked for, or %NULL */
  GTlsDatabase *tls_database;          /* the CA of the context, or %NULL for the system's */
  GTlsCertificate *client_certificate; /* certificate + key, or %NULL */
  gboolean accept_any_certificate;     /* insecure-skip-tls-verify */
  char *authorization;                 /* "Bearer …", or %NULL; a secret */
} AlKubeSessionConfig;

/* Builds the TLS database from the CA PEM and the client certificate from
 * the certificate and key PEM; AL_NET_ERROR_TLS when they are not valid. */
AlKubeSessionConfig *al_kubeconfig_make_session_config (const AlKubeContext *context,
                                                        GError **error);
void                 al_kube_session_config_free (AlKubeSessionConfig *config);
/* A new session that trusts the context's CA. */
SoupSession         *al_kube_session_config_new_session (const AlKubeSessionConfig *config);
/* Sets on @message what the session cannot hold: the client certificate,
 * the Authorization header and, for an insecure context, acceptance of any
 * server certificate. Call it for every message sent to the cluster. */
void                 al_kube_session_config_prepare_message (const AlKubeSessionConfig *config,
                                                             SoupMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlKubeContext, al_kube_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlKubeSessionConfig, al_kube_session_config_free)

G_END_DECLS
