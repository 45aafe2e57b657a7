import Dispatch
import Foundation

/// Independent pure work spread over the machine's cores. The work is `@Sendable`, so the
/// compiler checks that what each job captures may be shared between threads.
public enum ConcurrentWork {
    /// `map` on every core, results in input order.
    public static func map<Element: Sendable, Result: Sendable>(
        _ input: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard input.count > 1 else { return input.map(transform) }
        let slots = Slots<Result>(count: input.count)
        DispatchQueue.concurrentPerform(iterations: input.count) { index in slots.set(index, transform(input[index])) }
        return slots.values
    }

    /// `map` for jobs that call `map` themselves. libdispatch runs a concurrentPerform nested in
    /// another one on a single thread, so a long job's own parallel work would keep one core while
    /// the other sits idle once the short jobs are done. Here each job is a task of its own on the
    /// global queue, and a `map` inside one takes whichever core comes free. The caller only waits,
    /// so it suits one caller at a time (the CLI's main thread, the preview's one rebuild), never
    /// a task of Swift concurrency.
    public static func mapSharingCores<Element: Sendable, Result: Sendable>(
        _ input: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard input.count > 1 else { return input.map(transform) }
        let slots = Slots<Result>(count: input.count)
        withoutActuallyEscaping(transform) { transform in
            let group = DispatchGroup()
            for index in input.indices {
                DispatchQueue.global().async(group: group) { slots.set(index, transform(input[index])) }
            }
            group.wait()  // the closure does not outlive this call
        }
        return slots.values
    }
}

/// One result per index, each written once by the job for that index. The lock makes the writes
/// and the final read safe whatever the threads; it is taken once per job, which is nothing next
/// to a job's work.
private final class Slots<Result: Sendable>: @unchecked Sendable {  // `stored` is only touched under `lock`
    private let lock = NSLock()
    private var stored: [Result?]

    init(count: Int) { stored = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result) { lock.withLock { stored[index] = value } }

    var values: [Result] { lock.withLock { stored.map { $0! } } }
}
