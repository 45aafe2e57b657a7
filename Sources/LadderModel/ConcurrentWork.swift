import Dispatch

/// Independent pure work spread over the machine's cores.
public enum ConcurrentWork {
    /// `map` on every core, results in input order. Each index is written by exactly one task,
    /// so the results buffer needs no lock.
    public static func map<Element: Sendable, Result>(_ input: [Element], _ transform: (Element) -> Result) -> [Result] {
        guard input.count > 1 else { return input.map(transform) }
        var results = [Result?](repeating: nil, count: input.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendableBuffer(buffer: buffer)
            withoutActuallyEscaping(transform) { transform in
                let work = UnsafeSendableClosure(run: transform)
                DispatchQueue.concurrentPerform(iterations: input.count) { index in
                    slots.buffer[index] = work.run(input[index])
                }
            }
        }
        return results.map { $0! }
    }
}

extension ConcurrentWork {
    /// `map` for jobs that call `map` themselves. libdispatch runs a concurrentPerform nested in
    /// another one on a single thread, so a long job's own parallel work would keep one core while
    /// the other sits idle once the short jobs are done. Here each job is a task of its own on the
    /// global queue, and a `map` inside one takes whichever core comes free. The caller only waits,
    /// so it suits one caller at a time (the CLI's main thread, the preview's one rebuild).
    public static func mapSharingCores<Element: Sendable, Result>(_ input: [Element], _ transform: (Element) -> Result) -> [Result] {
        guard input.count > 1 else { return input.map(transform) }
        var results = [Result?](repeating: nil, count: input.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendableBuffer(buffer: buffer)
            withoutActuallyEscaping(transform) { transform in
                // The tasks hold a pointer to the closure, not the closure: it must not outlive this call.
                withUnsafePointer(to: transform) { pointer in
                    let work = UnsafeSendablePointer(pointer: pointer)
                    let group = DispatchGroup()
                    for index in input.indices {
                        DispatchQueue.global().async(group: group) { slots.buffer[index] = work.pointer.pointee(input[index]) }
                    }
                    group.wait()
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

private struct UnsafeSendableClosure<Element, Result>: @unchecked Sendable {
    let run: (Element) -> Result
}
