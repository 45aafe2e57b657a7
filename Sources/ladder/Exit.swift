import CMalloc
import Foundation

/// Ends the process with `status` while `values` (the framework, the pages) are still in memory.
/// Freeing them value by value on the way out of `run` took about 5% of `ladder check`'s time
/// at 20,000 behaviours; the system takes the memory back at once (clang's -disable-free
/// skips the same work).
func exitWithoutFreeing(_ status: Int32, keeping values: Any...) -> Never {
    withExtendedLifetime(values) {
        fflush(nil)
        Foundation.exit(status)
    }
}

/// Asks malloc to grow its heaps 16 MiB at a time rather than by what each request needs. A
/// thread's heap otherwise grows with one mprotect call per few pages: about a thousand calls
/// in a check of 20,000 behaviours, each taking the process's memory-map lock. Pages are still
/// given only when first touched, so memory use does not change.
func growHeapsInLargeSteps() {
    #if os(Linux)
    mallopt(M_TOP_PAD, 16 << 20)
    #endif
}
