import Dispatch
import Foundation
import HeapSettings

/// The process's heap settings, made before any work: heaps that grow in large steps, in huge
/// pages (see `Sources/HeapSettings`).
enum Heap {
    static func prepare() {
        heap_settings_grow_in_large_steps()
        // A worker thread's heap is made at its first allocation: each worker allocates once, and
        // then every heap is advised at once.
        let workers = ProcessInfo.processInfo.activeProcessorCount
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in heap_settings_make_thread_heap(Int32(workers)) }
        }
        heap_settings_advise_huge_pages()
    }
}
