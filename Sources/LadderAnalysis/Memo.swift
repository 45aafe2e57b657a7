import Foundation

/// Results by key, each with the input it was made from.
public final class Memo<Key: Hashable, Input: Equatable, Output>: @unchecked Sendable {  // state only under `lock`
    private let lock = NSLock()
    private var previous: [Key: (input: Input, output: Output)] = [:]
    private var current: [Key: (input: Input, output: Output)] = [:]
    public private(set) var misses = 0

    public init() {}

    public func value(_ key: Key, for input: Input, _ make: () -> Output) -> Output {
        if let kept = lock.withLock({ current[key] ?? previous[key] }), kept.input == input {
            lock.withLock { current[key] = kept }
            return kept.output
        }
        let output = make()
        lock.withLock {
            current[key] = (input, output)
            misses += 1
        }
        return output
    }

    /// What the check before did not use is forgotten; with `forgetting`, everything is.
    public func startCheck(forgetting: Bool = false) {
        lock.withLock {
            previous = forgetting ? [:] : current
            current = [:]
            misses = 0
        }
    }
}
