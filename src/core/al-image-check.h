/* al-image-check.h: what registries said about the images of a document,
 * and the diagnostic image-arch-mismatch (DESIGN §5) */
#pragma once

#include "al-diagnostic.h"
#include "al-document.h"
#include "al-graph.h"

G_BEGIN_DECLS

/* What is known about one image reference. */
typedef enum
{
  AL_IMAGE_STATE_UNKNOWN,   /* not asked yet, or the registry could not be reached */
  AL_IMAGE_STATE_FOUND,     /* the registry listed the image's platforms */
  AL_IMAGE_STATE_NOT_FOUND, /* the registry answered that there is no such image */
} AlImageState;

/* A table image reference (as written in the document) → its platforms
 * ("linux/amd64", "linux/arm64/v8" …). The core never asks a registry: the
 * net layer (AlRegistryClient) or the application fills the table, and
 * validation reads it. Reference counted; not thread-safe. */
typedef struct _AlImagePlatforms AlImagePlatforms;

#define AL_TYPE_IMAGE_PLATFORMS (al_image_platforms_get_type ())
GType             al_image_platforms_get_type (void);

AlImagePlatforms *al_image_platforms_new (void);
AlImagePlatforms *al_image_platforms_ref (AlImagePlatforms *self);
void              al_image_platforms_unref (AlImagePlatforms *self);
/* Records the platforms of @image (NULL-terminated "os/arch[/variant]"). */
void              al_image_platforms_set_found (AlImagePlatforms *self, const char *image,
                                                const char *const *platforms);
void              al_image_platforms_set_not_found (AlImagePlatforms *self, const char *image);
/* Forgets what was known about @image: its state becomes unknown. */
void              al_image_platforms_set_unknown (AlImagePlatforms *self, const char *image);
/* The state of @image; for AL_IMAGE_STATE_FOUND, @platforms (when not
 * %NULL) receives the list, owned by the table. */
AlImageState      al_image_platforms_lookup (AlImagePlatforms *self, const char *image,
                                             const char *const **platforms);
/* TRUE when @platforms has a Linux build for @arch (a Kubernetes arch;
 * aliases such as aarch64 are normalised; variants are ignored). */
gboolean          al_image_platforms_supports_arch (const char *const *platforms, const char *arch);

/* Makes validation of @document (al_validate_document() and
 * al_validate_graph()) consult @platforms; %NULL detaches. The document
 * keeps a reference. */
void              al_image_check_set_platforms (AlDocument *document, AlImagePlatforms *platforms);
AlImagePlatforms *al_image_check_get_platforms (AlDocument *document);

/* Appends to @diagnostics, for every component whose image the table
 * attached to the graph's document knows: image-arch-mismatch (error) when
 * none of the image's platforms is the arch of the component's lane, and
 * image-not-found (warning) when the registry has no such image. Unknown
 * images, unknown lanes and unknown arches give nothing (other diagnostics
 * cover those). Does nothing without an attached table. */
void              al_image_check_graph (AlGraph *graph, GPtrArray *diagnostics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlImagePlatforms, al_image_platforms_unref)

G_END_DECLS
