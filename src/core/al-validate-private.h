/* al-validate-private.h: shared by the units of the validator */
#pragma once

#include "al-validate.h"

G_BEGIN_DECLS

#define AL_MAX_COMPONENT_NAME 40
#define AL_MAX_LABEL 63

/* The state of one validation run. */
typedef struct
{
  AlGraph *graph;
  AlDocument *document;
  GPtrArray *diagnostics;
  GHashTable *ids;         /* id → where it was first used (see check_id) */
  GHashTable *lane_arches; /* canonical arch → lane id */
  GHashTable *names;       /* component name → AlComponent* (the first one) */
  /* The inner port numbers of every node, ascending, each once: node k has
   * inner_numbers[inner_start[k]] and the inner_count[k] - 1 that follow. */
  GArray *inner_numbers;    /* int */
  guint *inner_start;
  guint *inner_count;
  /* Working space for one component's ports. */
  GPtrArray *ports;         /* borrowed AlPort* */
  GArray *numbered;         /* AlPortNumber */
  GArray *duplicate;        /* gboolean per port */
  /* Duplicate detection inside one list, emptied before each list. */
  GHashTable *seen_strings; /* owned strings */
  char *lane_list;          /* "x86, arm", for unknown-lane */
} AlValidator;

/* Adds a diagnostic; takes ownership of @path. */
void al_validator_report (AlValidator *v, AlSeverity severity, const char *code,
                          const char *subject, char *path, const char *format, ...)
    G_GNUC_PRINTF (6, 7);
/* al_json_path_in_list() with a formatted rest. */
char *al_validator_list_path (const char *list, guint index, const char *rest_format, ...)
    G_GNUC_PRINTF (3, 4);
/* [a-z0-9]([-a-z0-9]*[a-z0-9])? of at most @max_len, optionally starting
 * with a letter. */
gboolean al_validator_is_label (const char *s, gsize max_len, gboolean letter_first);
gboolean al_validator_is_blank (const char *s);
gboolean al_validator_is_valid_port (int port);
/* How a component is named in messages: its name, or its id while it has
 * none. */
const char *al_validator_display_of (AlComponent *component);

/* A port's number and its place in the component's list. */
typedef struct
{
  int number;
  guint index;
} AlPortNumber;

/* Whether the inner ports of @node include @number. */
gboolean al_validator_has_inner_port (AlValidator *v, guint node, int number);

/* Everything about one component on its own (@index is its position and
 * graph node); al_validator_check_service_names() once all names are known. */
void al_validator_check_component (AlValidator *v, AlComponent *component, guint index);
void al_validator_check_service_names (AlValidator *v, AlComponent *component);

G_END_DECLS
