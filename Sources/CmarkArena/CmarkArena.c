// cmark makes and frees a node, a buffer or an iterator for every piece of a document: about
// 480,000 allocations for 20,000 behaviours. Through malloc and free they cost a tenth of
// `ladder check`'s instructions. A Swift arena found through pthread_getspecific still cost
// 45 instructions an allocation; here the state is a thread-local variable, which the compiler
// reaches with one instruction, and an allocation is a dozen.

#include "CmarkArena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    chunk_size = 64 * 1024,
    // Bytes before each block (its size, for realloc) and at the start of each chunk or large
    // block (the link to the next): 16 keep blocks 16-byte aligned.
    header = 16,
};

struct link {
    struct link *next;
};

static __thread struct {
    struct link *first;    // the chunks, kept from one document to the next
    struct link *current;  // the chunk blocks are taken from
    size_t offset;         // where in `current` the next block starts
    struct link *large;    // blocks larger than a chunk, freed at reset
    int registered;        // whether the thread's chunks are freed when it ends
} arena;

static __thread int claims;  // documents using the arena now: more than one is a nested use

int ladder_arena_claim(void) { return ++claims == 1; }

void ladder_arena_release(void) { --claims; }

static pthread_key_t thread_end;
static pthread_once_t thread_end_once = PTHREAD_ONCE_INIT;

static void *checked_malloc(size_t size) {
    void *memory = malloc(size);
    // As cmark's own allocator does, there is no going on without memory.
    if (memory == NULL) abort();
    return memory;
}

static void free_chunks(void *unused) {
    (void)unused;
    ladder_arena_reset();
    for (struct link *chunk = arena.first; chunk != NULL;) {
        struct link *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    arena.first = NULL;
}

static void make_thread_end_key(void) { pthread_key_create(&thread_end, free_chunks); }

/// A new chunk after the current one (the first, when there is none).
static struct link *new_chunk(void) {
    if (!arena.registered) {
        // A key's destructor runs only for a thread that gave the key a value other than NULL.
        pthread_once(&thread_end_once, make_thread_end_key);
        pthread_setspecific(thread_end, (void *)1);
        arena.registered = 1;
    }
    struct link *chunk = checked_malloc(chunk_size);
    chunk->next = NULL;
    if (arena.current != NULL) arena.current->next = chunk;
    if (arena.first == NULL) arena.first = chunk;
    return chunk;
}

static void *allocate(size_t size, int zeroed) {
    if (size > SIZE_MAX - 2 * header - 15) abort();
    size_t needed = (header + size + 15) & ~(size_t)15;
    char *block;
    if (needed > chunk_size - header) {
        struct link *memory = checked_malloc(header + needed);
        memory->next = arena.large;
        arena.large = memory;
        block = (char *)memory + header;
    } else {
        if (arena.current == NULL || arena.offset + needed > chunk_size) {
            struct link *next = arena.current != NULL ? arena.current->next : arena.first;
            arena.current = next != NULL ? next : new_chunk();
            arena.offset = header;
        }
        block = (char *)arena.current + arena.offset;
        arena.offset += needed;
    }
    *(size_t *)block = size;
    if (zeroed) memset(block + header, 0, size);
    return block + header;
}

void *ladder_arena_calloc(size_t count, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) abort();
    return allocate(bytes, 1);
}

void *ladder_arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return allocate(size, 0);
    size_t old = *(size_t *)((char *)pointer - header);
    if (size <= old) return pointer;
    void *grown = allocate(size, 0);
    memcpy(grown, pointer, old);
    return grown;
}

void ladder_arena_free(void *pointer) { (void)pointer; }

void ladder_arena_reset(void) {
    for (struct link *block = arena.large; block != NULL;) {
        struct link *next = block->next;
        free(block);
        block = next;
    }
    arena.large = NULL;
    arena.current = NULL;
    arena.offset = 0;
}
