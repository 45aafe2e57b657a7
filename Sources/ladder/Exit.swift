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
