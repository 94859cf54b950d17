/* al-injection-private.h: what the units of the injection resolver share */
#pragma once

#include "al-expand.h"
#include "al-injection.h"

G_BEGIN_DECLS

/* Bump allocation in blocks kept from one component to the next, so that
 * resolving a component allocates next to nothing once they are there. */
typedef struct
{
  char *data;
  gsize size;
} AlArenaBlock;

typedef struct
{
  GArray *blocks;   /* AlArenaBlock */
  guint current;
  gsize used;       /* in the current block */
} AlArena;

gpointer    al_arena_alloc (AlArena *arena, gsize size);
const char *al_arena_strndup (AlArena *arena, const char *text, gsize length);
/* Keeps the blocks for the next round. */
void        al_arena_reset (AlArena *arena);
void        al_arena_clear (AlArena *arena);

/* A provider's inner port as its consumers see it. */
typedef struct
{
  int number;
  AlPort *port;             /* the first inner port with this number */
  AlPort *first;            /* the first port with this number, inner or not */
  const char *host_name;    /* "<ALIAS>_HOST", made when first injected */
  const char *port_name;    /* "<ALIAS>_PORT" */
  const char *number_text;
  guint64 taken;            /* the last dependency that took it */
} AlProviderPort;

/* What a provider gives its consumers, worked out once per resolver: its
 * inner ports, the first of each number, ascending; its connection entries. */
typedef struct
{
  guint n_ports;
  AlProviderPort *ports;
  guint n_connection;
  AlEnvVar **connection;    /* borrowed */
} AlProvider;

/* A dependency that injects variables, and its strings once they are in the
 * result (its variables share them). */
typedef struct
{
  AlDependency *dependency;
  AlComponent *provider;
  char *dependency_id;
  char *provider_id;
  char *provider_name;
  gboolean sized;
  gboolean stored;
} AlEnvOrigin;

/* A variable while the environment is being built. Its strings are
 * borrowed from the document or from the arena. */
typedef struct
{
  const char *name;
  AlVarKind kind;
  AlVarSource source;
  int port;
  /* AL_VAR_VALUE: the value as written (a template) or generated;
   * AL_VAR_SECRET_LITERAL: the literal, only to tell equal entries apart,
   * never output. */
  const char *raw;
  const char *value;        /* AL_VAR_VALUE, once expanded */
  const char *secret_name;
  const char *secret_key;
  AlEnvOrigin *origin;      /* injected variables */
  /* A written value and where it is written, for the warnings. */
  gboolean expand;
  AlComponent *owner;
  AlCollection collection;
  guint index;              /* position in its env or connection list */
} AlEnvEntry;

/* What one name stands for. */
typedef struct
{
  AlEnvEntry *own;          /* the first own entry */
  AlEnvEntry *injected;     /* the first injected entry kept */
  AlEnvEntry *shadowed;     /* the first injected entry dropped for an own one */
} AlEnvSlot;

/* The names of one component's environment, by open addressing: emptied in
 * no time by moving to the next generation, it keeps its size from one
 * component to the next instead of growing again for each. */
typedef struct
{
  const char *name;
  guint hash;
  guint generation;         /* the entry is in use when it is the table's */
  AlEnvSlot slot;
} AlNameEntry;

typedef struct
{
  AlNameEntry *entries;
  guint size;               /* a power of two */
  guint count;
  guint generation;
} AlNameTable;

void        al_name_table_init (AlNameTable *table);
void        al_name_table_clear (AlNameTable *table);
/* The slot of @name, or %NULL when @create is %FALSE and there is none.
 * Valid until the next slot is made. */
AlEnvSlot  *al_name_table_lookup (AlNameTable *table, const char *name, gboolean create);

struct _AlInjectionResolver
{
  AlGraph *graph;
  AlArena arena;            /* entries' strings, origins: per component */
  AlArena providers_arena;  /* what the providers hold: for the resolver's life */
  GHashTable *providers;    /* AlComponent* → AlProvider* */
  guint64 stamp;            /* counts dependencies, to take each port once */
  GPtrArray *entry_pool;    /* AlEnvEntry*, reused */
  guint n_entries;
  AlNameTable names;        /* per component */
  GPtrArray *injected;      /* AlEnvEntry*, in injection order */
  GPtrArray *own;           /* AlEnvEntry*, own env order */
  GPtrArray *command;       /* const char*, expanded */
  GPtrArray *args;
  GArray *ports;            /* scratch for a provider's ports */
  GPtrArray *consumed;      /* AlProviderPort*, the ports one dependency consumes */
  GArray *numbers;          /* AlConsumedPort, for the callers */
  GString *text;            /* expansion output */
  GPtrArray *problems;      /* AlExpandProblem*, per expansion */
  /* The component being resolved. */
  AlComponent *component;
  const char *component_id;
  GPtrArray *diagnostics;
};

typedef struct
{
  AlResolvedEnv pub;
  GHashTable *by_name;      /* name → AlResolvedVar*, made on the first lookup */
  gpointer storage;         /* the variables, command, args and their strings */
} AlResolvedEnvPrivate;

/* The AlResolvedEnv of the component just resolved, in one block. */
AlResolvedEnv *al_injection_resolver_build_env (AlInjectionResolver *resolver);

G_END_DECLS
