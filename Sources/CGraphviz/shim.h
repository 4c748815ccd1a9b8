// What Swift cannot import from Graphviz 2.42 by itself: the graph descriptors (mutable C
// globals, rejected by Swift 6 as not concurrency-safe) and the macros for edge endpoints.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

static inline Agdesc_t gapmap_directed(void) { return Agdirected; }
static inline Agdesc_t gapmap_undirected(void) { return Agundirected; }
static inline Agnode_t *gapmap_head(Agedge_t *e) { return aghead(e); }
static inline Agnode_t *gapmap_tail(Agedge_t *e) { return agtail(e); }

// A memory discipline for cgraph that hands out memory from one growing arena (an anonymous
// mapping reserved per graph, never reused until the graph is closed). cgraph orders subgraphs
// by id, and a named subgraph's id is the address of its interned name: with malloc, freed
// blocks of an earlier graph are reused in varying order, so dot saw clusters in an order that
// changed from one render to the next in a process (and laid them out a point differently).
// With the arena, addresses grow in creation order and layouts repeat byte for byte.
#include <string.h>
#include <sys/mman.h>

typedef struct { char *base; size_t used, cap; } gapmap_arena_t;

static void *gapmap_arena_open(Agdisc_t *disc) {
  (void)disc;
  gapmap_arena_t *a = (gapmap_arena_t *)calloc(1, sizeof(gapmap_arena_t));
  if (!a) return NULL;
  a->cap = (size_t)1 << 30;
  void *p = mmap(NULL, a->cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) { free(a); return NULL; }
  a->base = (char *)p;
  return a;
}
static void *gapmap_arena_alloc(void *state, size_t request) {
  gapmap_arena_t *a = (gapmap_arena_t *)state;
  size_t n = (request + 15) & ~(size_t)15;
  if (n == 0) n = 16;
  if (a->used + n > a->cap) return NULL;
  void *p = a->base + a->used;  // fresh anonymous pages are zeroed, as calloc's would be
  a->used += n;
  return p;
}
static void *gapmap_arena_resize(void *state, void *ptr, size_t old, size_t request) {
  void *p = gapmap_arena_alloc(state, request);
  if (p && ptr) memcpy(p, ptr, old < request ? old : request);
  return p;
}
static void gapmap_arena_free(void *state, void *ptr) { (void)state; (void)ptr; }
static void gapmap_arena_close(void *state) {
  gapmap_arena_t *a = (gapmap_arena_t *)state;
  if (!a) return;
  munmap(a->base, a->cap);
  free(a);
}
static inline Agdisc_t *gapmap_arena_disc(void) {
  static Agmemdisc_t mem = {gapmap_arena_open, gapmap_arena_alloc, gapmap_arena_resize, gapmap_arena_free,
                            gapmap_arena_close};
  static Agdisc_t disc;
  disc.mem = &mem;
  disc.id = &AgIdDisc;
  disc.io = &AgIoDisc;
  return &disc;
}
