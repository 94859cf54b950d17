/* al-startup-order.h: start-up order of the components and its cycles */
#pragma once

#include "al-graph.h"

G_BEGIN_DECLS

typedef struct
{
  /* Every component, providers before their waiting consumers; ties in
   * document order. Components on a cycle come last, in document order. */
  GPtrArray *order;   /* borrowed AlComponent* */
  /* Each cycle of "wait" dependencies: a GPtrArray of borrowed AlComponent*
   * forming one strongly connected component, in document order. Every
   * component that sits on a cycle appears in exactly one entry. */
  GPtrArray *cycles;
} AlStartupOrder;

/* Only dependencies with "wait" count. Linear in components + dependencies. */
AlStartupOrder *al_startup_order_compute (AlGraph *graph);
void            al_startup_order_free (AlStartupOrder *order);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlStartupOrder, al_startup_order_free)

G_END_DECLS
