#ifndef HEAP_SETTINGS_H
#define HEAP_SETTINGS_H

/// Asks malloc to grow its heaps 64 MiB at a time, to take blocks of up to 32 MiB from them
/// (rather than a fresh mapping each) and to keep what is freed, then grows the calling thread's
/// heap by that much now.
void heap_settings_grow_in_large_steps(void);

/// Makes sure the calling thread has its heap (malloc makes it at a thread's first allocation),
/// then waits until `threads` threads have called this, or 2 ms have passed.
void heap_settings_make_thread_heap(int threads);

/// Asks the kernel for transparent huge pages in every malloc heap that exists: the main heap
/// and each thread's. Heaps made later are left as they are. Does nothing where there are none.
void heap_settings_advise_huge_pages(void);

#endif
