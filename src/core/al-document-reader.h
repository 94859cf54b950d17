/* al-document-reader.h: a parsed .archlane tree to a document (private to src/core) */
#pragma once

#include "al-document.h"
#include "al-json-dom.h"

G_BEGIN_DECLS

/* Reads @dom, appending an AlLoadProblem for every problem to @problems
 * (all of them, each with its JSON path). Returns the document, or %NULL
 * when there was any problem. Unknown members are kept with
 * al_extras_set(); @too_large is set when they hold more values than the
 * reader keeps (the document is then too large rather than invalid). Used
 * by al_document_load_from_bytes() after al_json_dom_parse(). */
AlDocument *al_document_read_tree (const AlJsonDom *dom, GPtrArray *problems, gboolean *too_large);

G_END_DECLS
