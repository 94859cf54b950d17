/* al-k8s-private.h: what the parts of the Kubernetes compiler share */
#pragma once

#include <json-glib/json-glib.h>

#include "al-graph.h"
#include "al-injection.h"
#include "al-yaml-writer.h"

G_BEGIN_DECLS

#define AL_K8S_LABEL_NAME "app.kubernetes.io/name"
#define AL_K8S_LABEL_PART_OF "app.kubernetes.io/part-of"
#define AL_K8S_LABEL_MANAGED_BY "app.kubernetes.io/managed-by"
#define AL_K8S_ARCH_KEY "kubernetes.io/arch"
#define AL_K8S_WAIT_CONTAINER "wait-for-dependencies"

/* Where the compiler puts a component's objects, member by member in the
 * order they are written: straight into a YAML stream (one document per
 * object, nothing kept), or into JsonNode trees (the deploy body, the live
 * view). @key names the member; it is %NULL for an array element or an
 * object of its own. */
typedef struct
{
  AlYamlWriter *yaml;   /* YAML: the stream, else NULL */
  GPtrArray *objects;   /* JSON: the finished objects, JsonNode* */
  GPtrArray *stack;     /* JSON: the open containers, JsonNode*, innermost last */
  guint depth;          /* YAML: open containers */
} AlK8sOut;

void al_k8s_out_begin_object (AlK8sOut *out, const char *key);
void al_k8s_out_end_object (AlK8sOut *out);
void al_k8s_out_begin_array (AlK8sOut *out, const char *key);
void al_k8s_out_end_array (AlK8sOut *out);
void al_k8s_out_string (AlK8sOut *out, const char *key, const char *value);
void al_k8s_out_int (AlK8sOut *out, const char *key, gint64 value);
void al_k8s_out_boolean (AlK8sOut *out, const char *key, gboolean value);

/* The component being compiled and what its objects repeat. */
typedef struct
{
  AlGraph *graph;
  AlDocument *document;
  AlComponent *component;
  const char *name;           /* the component's name */
  const char *application;    /* application.name, for part-of */
  const char *namespace_;     /* NULL when the application has none */
  AlResolvedEnv *env;         /* the component's environment */
  AlInjectionResolver *resolver; /* the ports its start-up waits check */
  AlK8sOut *out;
  /* The component's lists, borrowed from its models: read once, used by
   * several objects. */
  GPtrArray *ports;           /* AlPort* */
  GPtrArray *volumes;         /* AlVolume* */
  GString *scratch;           /* reusable text */
} AlK8sContext;

/* The longest port name, "https-65535", and the longest quantity. */
#define AL_K8S_NAME_BUF 32

/* name, part-of and managed-by. */
void        al_k8s_labels (AlK8sOut *out, const char *key, const char *name, const char *application);
/* "<protocol>-<port>", the name of container and Service ports. */
const char *al_k8s_port_name (AlPort *port, char buf[AL_K8S_NAME_BUF]);
/* "TCP" or "UDP". */
const char *al_k8s_transport_protocol (AlPort *port);
/* "<value><unit>": "250m", "512Mi" (with "", the number alone). */
const char *al_k8s_quantity (int value, const char *unit, char buf[AL_K8S_NAME_BUF]);
/* "<component>-<volume>": the claim of a stateless component's volume, in
 * ctx->scratch. */
const char *al_k8s_claim_name (AlK8sContext *ctx, AlVolume *volume);
/* A member holding the strings of @strings. */
void        al_k8s_string_array (AlK8sOut *out, const char *key, const char *const *strings);

/* The "template" member of the component's Deployment or StatefulSet. */
void        al_k8s_pod_template (AlK8sContext *ctx);

/* The application's namespace, or %NULL when it has none. */
const char *al_k8s_document_namespace (AlDocument *document);
/* The Namespace object. */
void        al_k8s_namespace_object (AlDocument *document, const char *namespace_, AlK8sOut *out);
/* The objects of @component, in the order of DESIGN §4; @env is its
 * environment, @resolver one for the graph (for the consumed ports),
 * @scratch a buffer to reuse. */
void        al_k8s_component_objects (AlGraph *graph, AlInjectionResolver *resolver,
                                      AlComponent *component, AlResolvedEnv *env, AlK8sOut *out,
                                      GString *scratch);
/* Validates @graph once for compiling: the environment of every node
 * (AlResolvedEnv*, freeing them), or %NULL with AL_COMPILE_ERROR_DIAGNOSTICS
 * when the document has errors. @diagnostics as for al_k8s_compile(). */
GPtrArray  *al_k8s_validate_for_compile (AlGraph *graph, GPtrArray **diagnostics, GError **error);

G_END_DECLS
