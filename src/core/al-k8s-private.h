/* al-k8s-private.h: what the parts of the Kubernetes compiler share */
#pragma once

#include <json-glib/json-glib.h>

#include "al-graph.h"

G_BEGIN_DECLS

#define AL_K8S_LABEL_NAME "app.kubernetes.io/name"
#define AL_K8S_LABEL_PART_OF "app.kubernetes.io/part-of"
#define AL_K8S_LABEL_MANAGED_BY "app.kubernetes.io/managed-by"
#define AL_K8S_ARCH_KEY "kubernetes.io/arch"
#define AL_K8S_WAIT_CONTAINER "wait-for-dependencies"

/* The component being compiled and what its objects repeat. */
typedef struct
{
  AlGraph *graph;
  AlDocument *document;
  AlComponent *component;
  const char *name;           /* the component's name */
  const char *application;    /* application.name, for part-of */
  const char *namespace_;     /* NULL when the application has none */
} AlK8sContext;

JsonArray  *al_k8s_string_array_new (const char *const *strings);
/* name, part-of and managed-by. */
JsonObject *al_k8s_labels_new (const char *name, const char *application);
/* name and part-of: what Services and workloads select. */
JsonObject *al_k8s_selector_labels_new (AlK8sContext *ctx);
/* "<protocol>-<port>", the name of container and Service ports. */
char       *al_k8s_port_name (AlPort *port);
/* "TCP" or "UDP". */
const char *al_k8s_transport_protocol (AlPort *port);
/* "<value><unit>": "250m", "512Mi". */
char       *al_k8s_quantity (int value, const char *unit);
/* "<component>-<volume>": the claim of a stateless component's volume. */
char       *al_k8s_claim_name (AlK8sContext *ctx, AlVolume *volume);

/* The pod template of the component's Deployment or StatefulSet. */
JsonObject *al_k8s_pod_template_new (AlK8sContext *ctx);

G_END_DECLS
