/* al-expand.h: ${VAR} and ${VAR:default} expansion (DESIGN §4) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a name stands for, as told by an AlExpandLookup. */
typedef enum
{
  AL_EXPAND_UNKNOWN,  /* not defined: the default, else the text as written */
  AL_EXPAND_VALUE,    /* a plain value: substituted as is */
  AL_EXPAND_SECRET,   /* a secret: written as Kubernetes' "$(NAME)" */
} AlExpandKind;

/* Tells what @name stands for. For AL_EXPAND_VALUE, stores the raw value in
 * *@value (borrowed, must stay valid until al_expand() returns). */
typedef AlExpandKind (*AlExpandLookup) (const char *name, const char **value, gpointer user_data);

typedef enum
{
  AL_EXPAND_PROBLEM_UNRESOLVED,   /* "${NAME}": unknown name, no default */
  AL_EXPAND_PROBLEM_UNTERMINATED, /* "${" without its closing "}" */
  AL_EXPAND_PROBLEM_EMPTY_NAME,   /* "${}" or "${:default}" */
} AlExpandProblemKind;

/* A reference that stayed as written. */
typedef struct
{
  AlExpandProblemKind kind;
  char *name;   /* the variable name ("" unless UNRESOLVED) */
  char *text;   /* the reference as written, "${NAME}" (for UNTERMINATED, the
                 * rest of the text from "${") */
} AlExpandProblem;

void  al_expand_problem_free (AlExpandProblem *problem);

/* Expands @text in one left-to-right pass:
 *
 * - "${NAME}" becomes NAME's raw value (AL_EXPAND_VALUE) or "$(NAME)"
 *   (AL_EXPAND_SECRET). Substituted text is never scanned again.
 * - "${NAME:default}": the name ends at the first ":", the default is all the
 *   rest, further ":" included. The default is used only when NAME is
 *   unknown (an empty value is still a value); it is written text, so the
 *   references it holds are expanded in the same pass ("${A:${B}}").
 * - The closing "}" is the one that balances the opening brace, so a default
 *   may hold braces ("${CFG:{"a":1}}").
 * - "$${" writes "${" literally (as Kubernetes' "$$(" escapes "$("); every
 *   other "$" and a backslash before "${" are ordinary characters.
 * - An unknown name without a default, an empty name and an unterminated
 *   "${" stay as written; each is appended once to @problems (a GPtrArray
 *   of AlExpandProblem* that frees its elements, see
 *   al_expand_problem_list_new()), which may be %NULL.
 *
 * Works on bytes: "$", "{", "}" and ":" never occur inside a UTF-8 sequence,
 * so any UTF-8 around and inside references is kept intact. Linear in the
 * length of @text and of what is substituted. Free with g_free(). */
char      *al_expand (const char *text, AlExpandLookup lookup, gpointer user_data,
                      GPtrArray *problems);
/* The same, appending the result to @out: for callers that expand many
 * texts into one buffer. */
void       al_expand_append (GString *out, const char *text, AlExpandLookup lookup,
                             gpointer user_data, GPtrArray *problems);

/* TRUE when @text holds a "${" that al_expand() would look at: a cheap test
 * that lets callers skip text without references. */
gboolean   al_expand_has_references (const char *text);

GPtrArray *al_expand_problem_list_new (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlExpandProblem, al_expand_problem_free)

G_END_DECLS
