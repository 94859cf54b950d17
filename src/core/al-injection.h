/* al-injection.h: the environment a component's container receives (DESIGN §4) */
#pragma once

#include "al-diagnostic.h"
#include "al-graph.h"

G_BEGIN_DECLS

typedef enum
{
  AL_VAR_SOURCE_OWN,        /* the component's own env */
  AL_VAR_SOURCE_HOST,       /* <ALIAS>_HOST of a consumed port */
  AL_VAR_SOURCE_PORT,       /* <ALIAS>_PORT of a consumed port */
  AL_VAR_SOURCE_CONNECTION, /* the provider's connection info */
} AlVarSource;

typedef enum
{
  AL_VAR_VALUE,             /* a plain value: "value" */
  AL_VAR_SECRET_LITERAL,    /* a secret literal, read from the generated Secret */
  AL_VAR_SECRET_REF,        /* a reference to an existing Secret */
} AlVarKind;

/* One variable of the final environment. */
typedef struct
{
  char *name;
  AlVarKind kind;
  /* AL_VAR_VALUE: the value after ${VAR} expansion. NULL otherwise: a
   * secret's value never leaves the document except into a Secret object. */
  char *value;
  /* AL_VAR_SECRET_LITERAL / AL_VAR_SECRET_REF: the Secret and key the
   * container reads ("<name>-secrets", "<provider>-connection" or the one
   * referenced). NULL for AL_VAR_VALUE. */
  char *secret_name;
  char *secret_key;
  AlVarSource source;
  /* Injected variables: the dependency that brought it and the provider's
   * component id and name. NULL for own variables. */
  char *dependency_id;
  char *provider_id;
  char *provider_name;
  /* AL_VAR_SOURCE_HOST / AL_VAR_SOURCE_PORT: the consumed port; 0 otherwise. */
  int port;
} AlResolvedVar;

/* Made only by al_injection_resolve_for_component() and
 * al_injection_resolver_resolve(). */
typedef struct
{
  char *component_id;
  GPtrArray *vars;          /* AlResolvedVar*, in the container's env order */
  char **command;           /* after ${VAR} expansion */
  char **args;
  /* env-conflict, env-shadowed, unresolved-variable for this component. */
  GPtrArray *diagnostics;
} AlResolvedEnv;

/* Resolves the environment of @component: injected variables of each
 * consumed dependency (in provider-name order), then its own, with the
 * conflict, shadowing and expansion rules of DESIGN §4. Dependencies whose
 * provider is unknown are skipped (validation reports them). Linear in the
 * number of variables involved. */
AlResolvedEnv *al_injection_resolve_for_component (AlGraph *graph, AlComponent *component);
void           al_resolved_env_free (AlResolvedEnv *env);

/* Resolves the environments of many components of one graph (validation
 * resolves every one), reusing its working tables from one component to
 * the next and what it learnt of each provider: like the graph, it is a
 * snapshot, to be made again after an edit. Gives what
 * al_injection_resolve_for_component() and
 * al_injection_dup_consumed_ports() give. */
typedef struct _AlInjectionResolver AlInjectionResolver;

AlInjectionResolver *al_injection_resolver_new (AlGraph *graph);
AlResolvedEnv       *al_injection_resolver_resolve (AlInjectionResolver *resolver,
                                                    AlComponent *component);
/* Only the diagnostics of that environment (a GPtrArray of AlDiagnostic*),
 * for callers that keep nothing else: the variables are never built. */
GPtrArray           *al_injection_resolver_check (AlInjectionResolver *resolver,
                                                  AlComponent *component);
/* A port a dependency consumes. */
typedef struct
{
  int number;
  AlPort *port;             /* the provider's first port with that number */
} AlConsumedPort;

/* The ports al_injection_dup_consumed_ports() lists, with the provider's
 * first port of each number (borrowed): a GArray of AlConsumedPort that
 * @resolver owns and reuses at the next call. */
GArray              *al_injection_resolver_get_consumed_ports (AlInjectionResolver *resolver,
                                                               AlDependency *dependency,
                                                               AlComponent *provider);
void                 al_injection_resolver_free (AlInjectionResolver *resolver);
/* The variable named @name, or %NULL. */
AlResolvedVar *al_resolved_env_lookup (AlResolvedEnv *env, const char *name);
/* "own", "injected: MYSQL_HOST of mysql (dependency d1)", "connection info
 * of mysql (dependency d1)", translated, for `archlane-cli env` and the
 * inspector. Free with g_free(). */
char          *al_resolved_var_describe_source (const AlResolvedVar *var);

/* The port numbers @dependency consumes from @provider, ascending, each
 * once: the dependency's ports, or all inner ports of @provider when it
 * lists none, keeping only those @provider has as inner ports (validation
 * reports the others as unknown-port). The ports that get <ALIAS>_HOST /
 * <ALIAS>_PORT and that a start-up wait checks. A GArray of int. */
GArray        *al_injection_dup_consumed_ports (AlDependency *dependency, AlComponent *provider);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlResolvedEnv, al_resolved_env_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlInjectionResolver, al_injection_resolver_free)

G_END_DECLS
