import Synchronization

/// A tally of work done, by kind and item ("read" → file path → times), so that a test can
/// check that a build did each piece of work once. Counting work rather than time makes a
/// regression guard that holds on any machine.
public final class WorkLog: Sendable {
    private let tally = Mutex<[String: [String: Int]]>([:])

    public init() {}

    public func record(_ kind: String, _ item: String) {
        tally.withLock { $0[kind, default: [:]][item, default: 0] += 1 }
    }

    /// How many times each item of `kind` was done.
    public func counts(_ kind: String) -> [String: Int] {
        tally.withLock { $0[kind] ?? [:] }
    }
}
