// A check of 20,000 behaviours touches about 30 MB of memory. In 4 KiB pages that was 4,300 page
// faults, and at exit as many pages to give back: about a tenth of `ladder check`'s time. In the
// 2 MiB pages the kernel gives to memory advised MADV_HUGEPAGE (with the usual setting, "madvise",
// it gives them to nothing else), it is about 1,400 faults.
//
// glibc can advise its heaps itself (the glibc.malloc.hugetlb tunable), but it reads that from the
// environment before the program starts, so here the heaps are found in /proc/self/maps instead:
// the main heap is the mapping named [heap]; a thread's heap is an anonymous mapping that starts on
// a multiple of 64 MiB (glibc's HEAP_MAX_SIZE on 64-bit systems), followed by its reserved rest.

#include "HeapSettings.h"

#if defined(__linux__)

#include <malloc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum {
    huge_page = 2 << 20,
    thread_heap = 64 << 20,
};

void heap_settings_grow_in_large_steps(void) {
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    // Freed memory is kept rather than given back: given back from a heap in huge pages, the next
    // rebuild of the preview server would fault it in again, 2 MiB at a time. A command exits
    // soon anyway; the server keeps about its largest rebuild's memory.
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    // A block below the mapping threshold makes the heap grow by the pad, so that advising the
    // heap now covers what the run will use. Pages are still given only when first touched.
    void *volatile block = malloc(256 << 10);  // volatile: the compiler may not leave the pair out
    free(block);
}

static atomic_int threads_with_heaps;

void heap_settings_make_thread_heap(int threads) {
    void *volatile block = malloc(64);
    free(block);
    // Wait a moment for the other threads, so that no thread takes two turns: 2 ms at most.
    atomic_fetch_add_explicit(&threads_with_heaps, 1, memory_order_relaxed);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (atomic_load_explicit(&threads_with_heaps, memory_order_relaxed) < threads) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - start.tv_sec) * 1000000000L + (now.tv_nsec - start.tv_nsec) > 2000000L) break;
        sched_yield();
    }
}

void heap_settings_advise_huge_pages(void) {
    FILE *maps = fopen("/proc/self/maps", "r");
    if (maps == NULL) return;
    char *line = NULL;
    size_t capacity = 0;
    uintptr_t heap_end = 0;  // end of the thread heap the last mappings belong to
    while (getline(&line, &capacity, maps) > 0) {
        unsigned long start, end, inode;
        int path = 0;
        if (sscanf(line, "%lx-%lx %*s %*s %*s %lu %n", &start, &end, &inode, &path) < 3 || inode != 0) continue;
        const char *name = line + path;
        uintptr_t from = start;
        if (strncmp(name, "[heap]", 6) == 0) {
            from = (start + huge_page - 1) & ~(uintptr_t)(huge_page - 1);
        } else if (*name != '\n' && *name != '\0') {
            continue;  // a named anonymous mapping: a stack, the vDSO
        } else if (start % thread_heap == 0) {
            heap_end = start + thread_heap;
        } else if (end > heap_end) {
            continue;  // anonymous, but not a heap
        }
        if (end > from) madvise((void *)from, end - from, MADV_HUGEPAGE);  // advice only: errors change nothing
    }
    free(line);
    fclose(maps);
}

#else

void heap_settings_grow_in_large_steps(void) {}
void heap_settings_make_thread_heap(int threads) { (void)threads; }
void heap_settings_advise_huge_pages(void) {}

#endif
