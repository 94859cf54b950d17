/* al-registry-private.h: shared by the units of the registry client */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AL_MEDIA_OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define AL_MEDIA_OCI_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define AL_MEDIA_DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"
#define AL_MEDIA_DOCKER_MANIFEST "application/vnd.docker.distribution.manifest.v2+json"
#define AL_MEDIA_DOCKER_SCHEMA1 "application/vnd.docker.distribution.manifest.v1+prettyjws"

/* Reads a manifest of @reference. An OCI index or a Docker manifest list
 * gives its platforms ("os/arch[/variant]", in order, without attestation
 * entries); a Docker schema 1 manifest its one platform; an OCI or Docker
 * schema 2 manifest gives no platform but the digest of its config blob,
 * to be read with al_registry_read_config(). AL_NET_ERROR_INVALID_RESPONSE
 * otherwise. */
gboolean al_registry_read_manifest (GBytes *body, const char *content_type, const char *reference,
                                    GStrv *platforms, char **config_digest, GError **error);
/* The platform of an image configuration blob. */
char    *al_registry_read_config (GBytes *body, const char *reference, GError **error);
/* TRUE when @body hashes to @digest (sha256/384/512; other algorithms
 * cannot be checked and pass). */
gboolean al_registry_digest_matches (GBytes *body, const char *digest);
/* The token of a token service's answer ("token" or "access_token"). */
char    *al_registry_read_token (GBytes *body);

G_END_DECLS
