/* al-image-ref.h: container image references, normalised as Docker does */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* "nginx" → registry "docker.io", repository "library/nginx", tag
 * "latest"; "registry:5000/ns/app@sha256:…" keeps its registry and digest.
 * The first path component is a registry when it has a '.' or a ':', is
 * "localhost", or has an upper-case letter; "index.docker.io" is
 * "docker.io". Repositories are lower case, tags match [\w][\w.-]{0,127},
 * digests are sha256 / sha384 / sha512 in lower-case hex. */
typedef struct
{
  char *registry;   /* "docker.io", "localhost:5000", "[::1]:5000" */
  char *repository; /* "library/nginx" */
  char *tag;        /* "latest" when neither tag nor digest was given; %NULL with only a digest */
  char *digest;     /* "sha256:…", or %NULL */
} AlImageRef;

#define AL_TYPE_IMAGE_REF (al_image_ref_get_type ())
GType       al_image_ref_get_type (void);

/* Parses @text; AL_NET_ERROR_INVALID_REFERENCE with a translated message
 * that says what is wrong otherwise. */
AlImageRef *al_image_ref_parse (const char *text, GError **error);
AlImageRef *al_image_ref_copy (const AlImageRef *ref);
void        al_image_ref_free (AlImageRef *ref);

/* The fully qualified form: "docker.io/library/nginx:latest",
 * "localhost:5000/app@sha256:…" (the tag too when both were given). */
char       *al_image_ref_to_string (const AlImageRef *ref);
/* What the manifest is asked for by: the digest when there is one, else the tag. */
const char *al_image_ref_get_reference (const AlImageRef *ref);
/* The host the distribution API is reached at ("registry-1.docker.io" for
 * Docker Hub), with its port. */
const char *al_image_ref_get_api_host (const AlImageRef *ref);
/* TRUE for a registry on this machine (localhost, 127.0.0.0/8, [::1]),
 * which is spoken to over plain HTTP as Docker does. */
gboolean    al_image_ref_is_loopback (const AlImageRef *ref);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlImageRef, al_image_ref_free)

G_END_DECLS
