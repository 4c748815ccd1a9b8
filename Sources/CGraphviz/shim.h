// What Swift cannot import from Graphviz 2.42 by itself: the graph descriptors (mutable C
// globals, rejected by Swift 6 as not concurrency-safe) and the macros for edge endpoints.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

static inline Agdesc_t gapmap_directed(void) { return Agdirected; }
static inline Agdesc_t gapmap_undirected(void) { return Agundirected; }
static inline Agnode_t *gapmap_head(Agedge_t *e) { return aghead(e); }
static inline Agnode_t *gapmap_tail(Agedge_t *e) { return agtail(e); }
