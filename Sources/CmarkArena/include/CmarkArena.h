#ifndef CMARK_ARENA_H
#define CMARK_ARENA_H

#include <stddef.h>

// cmark's memory for one document at a time on each thread: blocks are taken in turn from large
// chunks, nothing is freed until the document is done, then everything at once. The three
// allocation functions have the shape of cmark_mem's.

void *ladder_arena_calloc(size_t count, size_t size);
void *ladder_arena_realloc(void *pointer, size_t size);
void ladder_arena_free(void *pointer);

/// Claims the calling thread's arena for one document: 1 when it was free, 0 when a document
/// is already using it (a parse inside a parse), which must then use another allocator. Every
/// call is paired with ladder_arena_release.
int ladder_arena_claim(void);
void ladder_arena_release(void);

/// Every block the calling thread was given is free again; its chunks are kept for the next
/// document, and given back to the system when the thread ends.
void ladder_arena_reset(void);

#endif
