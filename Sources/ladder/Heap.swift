import Dispatch
import Foundation
import HeapSettings
import Synchronization

/// The process's heap settings, made before any work: heaps that grow in large steps, in huge
/// pages (see `Sources/HeapSettings`).
enum Heap {
    static func prepare() {
        heap_settings_grow_in_large_steps()
        // A worker thread's heap is made at its first allocation. Each worker allocates once,
        // waiting a moment for the others so that no worker takes two turns, then every heap is
        // advised at once.
        let workers = ProcessInfo.processInfo.activeProcessorCount
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                heap_settings_make_thread_heap()
                workersArrived.add(1, ordering: .relaxed)
                let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000
                while workersArrived.load(ordering: .relaxed) < workers && DispatchTime.now().uptimeNanoseconds < deadline {
                    sched_yield()
                }
            }
        }
        heap_settings_advise_huge_pages()
    }
}

private let workersArrived = Atomic<Int>(0)
