/* al-types.h: enumerations shared by the document model */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  AL_KIND_STATELESS,
  AL_KIND_STATEFUL,
} AlKind;

typedef enum
{
  AL_PROTOCOL_TCP,
  AL_PROTOCOL_UDP,
  AL_PROTOCOL_HTTP,
  AL_PROTOCOL_HTTPS,
  AL_PROTOCOL_GRPC,
} AlProtocol;

typedef enum
{
  AL_EXPOSURE_NODE_PORT,
  AL_EXPOSURE_LOAD_BALANCER,
} AlExposure;

typedef enum
{
  AL_PROBE_NONE,
  AL_PROBE_TCP,
  AL_PROBE_HTTP,
  AL_PROBE_EXEC,
} AlProbeType;

/* The lists of a document and of a component, for edits that insert or
 * remove an item (see al_document_insert() and al_component_insert()). */
typedef enum
{
  AL_COLLECTION_LANES,
  AL_COLLECTION_COMPONENTS,
  AL_COLLECTION_DEPENDENCIES,
  AL_COLLECTION_PORTS,
  AL_COLLECTION_ENV,
  AL_COLLECTION_CONNECTION,
  AL_COLLECTION_VOLUMES,
} AlCollection;

/* The spelling used in documents and manifests ("tcp", "stateful", "NodePort" …). */
const char *al_kind_to_string (AlKind kind);
gboolean    al_kind_from_string (const char *str, AlKind *out);
const char *al_protocol_to_string (AlProtocol protocol);
gboolean    al_protocol_from_string (const char *str, AlProtocol *out);
const char *al_exposure_to_string (AlExposure exposure);
gboolean    al_exposure_from_string (const char *str, AlExposure *out);
const char *al_probe_type_to_string (AlProbeType type);
gboolean    al_probe_type_from_string (const char *str, AlProbeType *out);

/* Kubernetes architectures. Returns the canonical arch for @arch after alias
 * normalisation (x86_64 → amd64, aarch64 → arm64 …), or %NULL when unknown.
 * 32-bit "arm" is not supported and returns %NULL. */
const char *al_arch_normalize (const char *arch);
/* TRUE for a canonical arch name (amd64, arm64, loong64, riscv64, ppc64le, s390x). */
gboolean    al_arch_is_known (const char *arch);
const char *const *al_arch_list (void);

G_END_DECLS
