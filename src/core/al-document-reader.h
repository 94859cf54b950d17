/* al-document-reader.h: a parsed .archlane tree to a document (private to src/core) */
#pragma once

#include <json-glib/json-glib.h>

#include "al-document.h"

G_BEGIN_DECLS

/* Reads @root, appending an AlLoadProblem for every problem to @problems
 * (all of them, each with its JSON path). Returns the document, or %NULL
 * when there was any problem. Used by al_document_load_from_bytes() after
 * the text passed al_json_check_syntax(). */
AlDocument *al_document_read_tree (JsonNode *root, GPtrArray *problems);

G_END_DECLS
