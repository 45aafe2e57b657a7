import Foundation
import LadderModel

/// Role files read by earlier builds, for the preview server: a file whose bytes, path and
/// the abilities and assignments it may name are unchanged reads the same, so it is not read
/// again. Keys hold everything a read depends on, so an entry is never stale.
public final class ParseCache: @unchecked Sendable {  // its stored entries are only touched under its lock
    struct Key: Hashable {
        var path: String
        var bytes: [UInt8]
        var catalog: Catalog
        var html: Bool
    }

    private let lock = NSLock()
    private var entries: [String: (key: Key, groups: [RoleGroup], diagnostics: [Diagnostic])] = [:]
    /// Files read (not found in the cache) by the last build, for tests and profiling.
    public private(set) var lastMisses = 0

    public init() {}

    func read(_ key: Key, _ work: () -> ([RoleGroup], [Diagnostic])) -> ([RoleGroup], [Diagnostic]) {
        if let entry = lock.withLock({ entries[key.path] }), entry.key == key { return (entry.groups, entry.diagnostics) }
        let result = work()
        lock.withLock {
            entries[key.path] = (key, result.0, result.1)
            lastMisses += 1
        }
        return result
    }

    func startBuild() { lock.withLock { lastMisses = 0 } }
}
