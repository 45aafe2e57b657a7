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

private struct UnsafeSendableBuffer<Value>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Value>
}

private struct UnsafeSendableClosure<Element, Result>: @unchecked Sendable {
    let run: (Element) -> Result
}
