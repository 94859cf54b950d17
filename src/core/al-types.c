#include "al-types.h"

#include <string.h>

typedef struct
{
  int value;
  const char *name;
} AlEnumName;

static const AlEnumName kind_names[] = {
  { AL_KIND_STATELESS, "stateless" },
  { AL_KIND_STATEFUL, "stateful" },
};

static const AlEnumName protocol_names[] = {
  { AL_PROTOCOL_TCP, "tcp" },   { AL_PROTOCOL_UDP, "udp" },   { AL_PROTOCOL_HTTP, "http" },
  { AL_PROTOCOL_HTTPS, "https" }, { AL_PROTOCOL_GRPC, "grpc" },
};

static const AlEnumName exposure_names[] = {
  { AL_EXPOSURE_NODE_PORT, "NodePort" },
  { AL_EXPOSURE_LOAD_BALANCER, "LoadBalancer" },
};

static const AlEnumName probe_names[] = {
  { AL_PROBE_NONE, "none" },
  { AL_PROBE_TCP, "tcp" },
  { AL_PROBE_HTTP, "http" },
  { AL_PROBE_EXEC, "exec" },
};

static const char *
enum_to_string (const AlEnumName *names, gsize n, int value)
{
  for (gsize i = 0; i < n; i++)
    if (names[i].value == value)
      return names[i].name;
  g_return_val_if_reached (NULL);
}

static gboolean
enum_from_string (const AlEnumName *names, gsize n, const char *str, int *out)
{
  if (str == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (strcmp (names[i].name, str) == 0)
      {
        *out = names[i].value;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_STRINGS(prefix, Type, table)                                                   \
  const char *prefix##_to_string (Type value)                                                      \
  {                                                                                                \
    return enum_to_string (table, G_N_ELEMENTS (table), (int) value);                              \
  }                                                                                                \
  gboolean prefix##_from_string (const char *str, Type *out)                                       \
  {                                                                                                \
    int v;                                                                                         \
    if (!enum_from_string (table, G_N_ELEMENTS (table), str, &v))                                  \
      return FALSE;                                                                                \
    *out = (Type) v;                                                                               \
    return TRUE;                                                                                   \
  }

DEFINE_ENUM_STRINGS (al_kind, AlKind, kind_names)
DEFINE_ENUM_STRINGS (al_protocol, AlProtocol, protocol_names)
DEFINE_ENUM_STRINGS (al_exposure, AlExposure, exposure_names)
DEFINE_ENUM_STRINGS (al_probe_type, AlProbeType, probe_names)

static const char *const known_arches[] = {
  "amd64", "arm64", "loong64", "riscv64", "ppc64le", "s390x", NULL,
};

static const struct
{
  const char *alias;
  const char *arch;
} arch_aliases[] = {
  { "x86_64", "amd64" },   { "x86-64", "amd64" },     { "x64", "amd64" },
  { "aarch64", "arm64" },  { "armv8", "arm64" },      { "arm64v8", "arm64" },
  { "loongarch64", "loong64" }, { "ppc64el", "ppc64le" },
};

const char *const *
al_arch_list (void)
{
  return known_arches;
}

gboolean
al_arch_is_known (const char *arch)
{
  return arch != NULL && g_strv_contains (known_arches, arch);
}

const char *
al_arch_normalize (const char *arch)
{
  g_autofree char *lower = NULL;

  if (arch == NULL)
    return NULL;
  lower = g_ascii_strdown (arch, -1);
  for (guint i = 0; known_arches[i] != NULL; i++)
    if (strcmp (known_arches[i], lower) == 0)
      return known_arches[i];
  for (guint i = 0; i < G_N_ELEMENTS (arch_aliases); i++)
    if (strcmp (arch_aliases[i].alias, lower) == 0)
      return arch_aliases[i].arch;
  return NULL;
}
