import Dispatch

/// Independent pure work spread over the machine's cores.
public enum ConcurrentWork {
    /// `map` on every core, results in input order.
    public static func map<Element: Sendable, Result>(_ input: [Element], _ transform: (Element) -> Result) -> [Result] {
        inOrder(input, transform) { count, run in DispatchQueue.concurrentPerform(iterations: count, execute: run) }
    }

    /// `map` for jobs that call `map` themselves. libdispatch runs a concurrentPerform nested in
    /// another one on a single thread, so a long job's own parallel work would keep one core while
    /// the other sits idle once the short jobs are done. Here each job is a task of its own on the
    /// global queue, and a `map` inside one takes whichever core comes free. The caller only waits,
    /// so it suits one caller at a time (the CLI's main thread, the preview's one rebuild).
    public static func mapSharingCores<Element: Sendable, Result>(_ input: [Element], _ transform: (Element) -> Result) -> [Result] {
        inOrder(input, transform) { count, run in
            let group = DispatchGroup()
            for index in 0..<count { DispatchQueue.global().async(group: group) { run(index) } }
            group.wait()
        }
    }

    /// Runs `transform` on each element through `spread`, which must call `run` once for every
    /// index below the count and return when all calls have. Each index is written by exactly one
    /// call, so the results buffer needs no lock.
    private static func inOrder<Element: Sendable, Result>(
        _ input: [Element], _ transform: (Element) -> Result,
        spread: (Int, @escaping @Sendable (Int) -> Void) -> Void
    ) -> [Result] {
        guard input.count > 1 else { return input.map(transform) }
        var results = [Result?](repeating: nil, count: input.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendableBuffer(buffer: buffer)
            withoutActuallyEscaping(transform) { transform in
                // The calls hold a pointer to the closure, not the closure: it must not outlive this one.
                withUnsafePointer(to: transform) { pointer in
                    let work = UnsafeSendablePointer(pointer: pointer)
                    spread(input.count) { index in slots.buffer[index] = work.pointer.pointee(input[index]) }
                }
            }
        }
        return results.map { $0! }
    }
}

private struct UnsafeSendablePointer<Value>: @unchecked Sendable {
    let pointer: UnsafePointer<Value>
}

private struct UnsafeSendableBuffer<Value>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Value>
}
