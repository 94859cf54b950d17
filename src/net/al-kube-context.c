/* al-kube-context.c: a resolved kubeconfig context and the TLS and
 * authorization setup of a SoupSession for it */
#include "al-kubeconfig.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "al-net-error.h"

G_DEFINE_BOXED_TYPE (AlKubeContext, al_kube_context, al_kube_context_copy, al_kube_context_free)

AlKubeContext *
al_kube_context_copy (const AlKubeContext *context)
{
  AlKubeContext *copy;

  g_return_val_if_fail (context != NULL, NULL);

  copy = g_new0 (AlKubeContext, 1);
  copy->context_name = g_strdup (context->context_name);
  copy->cluster_name = g_strdup (context->cluster_name);
  copy->user_name = g_strdup (context->user_name);
  copy->server = g_strdup (context->server);
  copy->tls_server_name = g_strdup (context->tls_server_name);
  copy->ca_pem = context->ca_pem ? g_bytes_ref (context->ca_pem) : NULL;
  copy->insecure_skip_tls_verify = context->insecure_skip_tls_verify;
  copy->token = g_strdup (context->token);
  copy->client_cert_pem = context->client_cert_pem ? g_bytes_ref (context->client_cert_pem) : NULL;
  copy->client_key_pem = context->client_key_pem ? g_bytes_ref (context->client_key_pem) : NULL;
  copy->namespace_ = g_strdup (context->namespace_);
  return copy;
}

static void
wipe_string (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
al_kube_context_free (AlKubeContext *context)
{
  if (context == NULL)
    return;
  g_free (context->context_name);
  g_free (context->cluster_name);
  g_free (context->user_name);
  g_free (context->server);
  g_free (context->tls_server_name);
  g_clear_pointer (&context->ca_pem, g_bytes_unref);
  wipe_string (context->token);
  g_clear_pointer (&context->client_cert_pem, g_bytes_unref);
  /* The key bytes may be shared with a copy, so only the last owner could
   * wipe them; GBytes gives no way to know, so they are left to the
   * allocator. */
  g_clear_pointer (&context->client_key_pem, g_bytes_unref);
  g_free (context->namespace_);
  g_free (context);
}

char *
al_kube_context_describe (const AlKubeContext *context)
{
  GString *text;
  g_autoptr (GPtrArray) auth = g_ptr_array_new ();

  g_return_val_if_fail (context != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "context: %s\n", context->context_name);
  g_string_append_printf (text, "cluster: %s (%s)\n", context->cluster_name, context->server);
  if (context->tls_server_name != NULL)
    g_string_append_printf (text, "tls-server-name: %s\n", context->tls_server_name);
  if (context->insecure_skip_tls_verify)
    g_string_append (text, "tls: NOT VERIFIED (insecure-skip-tls-verify)\n");
  else
    g_string_append_printf (text, "tls: verified against %s\n",
                            context->ca_pem != NULL ? "the kubeconfig's certificate authority"
                                                    : "the system's certificate authorities");
  if (context->token != NULL)
    g_ptr_array_add (auth, "token <redacted>");
  if (context->client_cert_pem != NULL)
    g_ptr_array_add (auth, "client certificate, key <redacted>");
  if (auth->len == 0)
    g_ptr_array_add (auth, "anonymous");
  g_ptr_array_add (auth, NULL);
  {
    g_autofree char *joined = g_strjoinv (", ", (char **) auth->pdata);
    g_string_append_printf (text, "user: %s (%s)\n", context->user_name ? context->user_name : "-",
                            joined);
  }
  g_string_append_printf (text, "namespace: %s\n",
                          context->namespace_ ? context->namespace_ : "-");
  return g_string_free (text, FALSE);
}

char *
al_kube_context_dup_insecure_warning (const AlKubeContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);

  if (!context->insecure_skip_tls_verify)
    return NULL;
  return g_strdup_printf (_("The cluster “%s” of context “%s” is reached without checking its "
                            "certificate (insecure-skip-tls-verify): anyone on the network path "
                            "could read and change what is sent, tokens included."),
                          context->cluster_name, context->context_name);
}

/* ---- session configuration ---------------------------------------------- */

/* A database holding the CA certificates of @pem. GIO builds one only from
 * a file, and glib-networking reads that file again at every handshake, so
 * it has to outlive the database, which the HTTP session may keep until the
 * process ends. The file is named by its content in the user's runtime
 * folder: the same certificate authority always reuses one file, and the
 * folder is emptied when the user logs out. */
static GTlsDatabase *
make_database (GBytes *pem, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  GTlsDatabase *database = NULL;
  GList *certificates = NULL;

  folder = g_build_filename (g_get_user_runtime_dir (), "archlane", NULL);
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pem);
  name = g_strdup_printf ("ca-%s.pem", checksum);
  path = g_build_filename (folder, name, NULL);
  if (g_mkdir_with_parents (folder, 0700) < 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("cannot create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      goto out;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)
      && !g_file_set_contents_full (path, g_bytes_get_data (pem, NULL), g_bytes_get_size (pem),
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    goto out;
  certificates = g_tls_certificate_list_new_from_file (path, &local_error);
  if (certificates == NULL)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, AL_NET_ERROR, AL_NET_ERROR_TLS,
                             _("it holds no PEM certificate"));
      g_unlink (path);
      goto out;
    }
  database = g_tls_file_database_new (path, &local_error);

out:
  g_list_free_full (certificates, g_object_unref);
  if (database == NULL)
    g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_TLS,
                 _("The certificate authority of the kubeconfig cannot be used: %s"),
                 local_error->message);
  return database;
}

static GTlsCertificate *
make_client_certificate (GBytes *cert, GBytes *key, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GByteArray) pem = g_byte_array_new ();
  GTlsCertificate *certificate;

  g_byte_array_append (pem, g_bytes_get_data (cert, NULL), g_bytes_get_size (cert));
  g_byte_array_append (pem, (const guint8 *) "\n", 1);
  g_byte_array_append (pem, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  certificate = g_tls_certificate_new_from_pem ((const char *) pem->data, pem->len, &local_error);
  /* The buffer held the private key. */
  memset (pem->data, 0, pem->len);
  if (certificate != NULL)
    {
      GByteArray *private_key = NULL;

      /* A key PEM without a key would give a certificate that cannot sign. */
      g_object_get (certificate, "private-key", &private_key, NULL);
      if (private_key == NULL)
        {
          g_clear_object (&certificate);
          g_set_error_literal (&local_error, AL_NET_ERROR, AL_NET_ERROR_TLS,
                               _("the client key holds no private key"));
        }
      else
        {
          memset (private_key->data, 0, private_key->len);
          g_byte_array_unref (private_key);
        }
    }
  if (certificate == NULL)
    g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_TLS,
                 _("The client certificate or key of the kubeconfig cannot be used: %s"),
                 local_error->message);
  return certificate;
}

AlKubeSessionConfig *
al_kubeconfig_make_session_config (const AlKubeContext *context, GError **error)
{
  g_autoptr (AlKubeSessionConfig) config = NULL;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = g_new0 (AlKubeSessionConfig, 1);
  config->base_url = g_strdup (context->server);
  config->tls_server_name = g_strdup (context->tls_server_name);
  config->accept_any_certificate = context->insecure_skip_tls_verify;
  if (context->ca_pem != NULL)
    {
      config->tls_database = make_database (context->ca_pem, error);
      if (config->tls_database == NULL)
        return NULL;
    }
  if (context->client_cert_pem != NULL && context->client_key_pem != NULL)
    {
      config->client_certificate
          = make_client_certificate (context->client_cert_pem, context->client_key_pem, error);
      if (config->client_certificate == NULL)
        return NULL;
    }
  if (context->token != NULL)
    config->authorization = g_strdup_printf ("Bearer %s", context->token);
  return g_steal_pointer (&config);
}

void
al_kube_session_config_free (AlKubeSessionConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->base_url);
  g_free (config->tls_server_name);
  g_clear_object (&config->tls_database);
  g_clear_object (&config->client_certificate);
  wipe_string (config->authorization);
  g_free (config);
}

SoupSession *
al_kube_session_config_new_session (const AlKubeSessionConfig *config)
{
  SoupSession *session;

  g_return_val_if_fail (config != NULL, NULL);

  session = soup_session_new ();
  if (config->tls_database != NULL)
    soup_session_set_tls_database (session, config->tls_database);
  return session;
}

/* What the accept-certificate handler of a message needs. */
typedef struct
{
  gboolean accept_any;
  GTlsDatabase *database;
  char *server_name;
} Acceptance;

static void
acceptance_free (gpointer data, GClosure *closure)
{
  Acceptance *acceptance = data;

  g_clear_object (&acceptance->database);
  g_free (acceptance->server_name);
  g_free (acceptance);
}

/* Called when the normal check failed: accepts everything for an insecure
 * context; with tls-server-name, checks the chain against that name. */
static gboolean
on_accept_certificate (SoupMessage *message, GTlsCertificate *certificate,
                       GTlsCertificateFlags errors, gpointer data)
{
  Acceptance *acceptance = data;
  g_autoptr (GSocketConnectable) identity = NULL;
  g_autoptr (GTlsDatabase) system = NULL;
  GTlsDatabase *database;
  GTlsCertificateFlags flags;

  if (acceptance->accept_any)
    return TRUE;
  if (acceptance->server_name == NULL)
    return FALSE;

  database = acceptance->database;
  if (database == NULL)
    database = system = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  identity = g_network_address_new (acceptance->server_name, 443);
  flags = g_tls_database_verify_chain (database, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER, identity, NULL,
                                       G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  return flags == 0;
}

void
al_kube_session_config_prepare_message (const AlKubeSessionConfig *config, SoupMessage *message)
{
  g_return_if_fail (config != NULL);
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  if (config->client_certificate != NULL)
    soup_message_set_tls_client_certificate (message, config->client_certificate);
  if (config->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  config->authorization);
  if (config->accept_any_certificate || config->tls_server_name != NULL)
    {
      Acceptance *acceptance = g_new0 (Acceptance, 1);

      acceptance->accept_any = config->accept_any_certificate;
      acceptance->database = config->tls_database ? g_object_ref (config->tls_database) : NULL;
      acceptance->server_name = g_strdup (config->tls_server_name);
      g_signal_connect_data (message, "accept-certificate", G_CALLBACK (on_accept_certificate),
                             acceptance, acceptance_free, 0);
    }
}
