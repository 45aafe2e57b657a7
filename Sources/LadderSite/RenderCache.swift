import Foundation

/// Pages rendered by earlier builds, for the preview server: a page is a pure function of its
/// template set and its view model, so when both are unchanged its bytes are reused rather than
/// rendered again. The key is a hash of the whole view model, so a page is never stale.
public final class RenderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: (key: Int, bytes: Data)] = [:]
    /// Pages rendered (not reused) by the last build.
    public private(set) var lastRendered = 0

    public init() {}

    func startBuild() { lock.withLock { lastRendered = 0 } }

    func page(_ path: String, view: [String: Any], templates: Int, render: () -> Data) -> Data {
        var hasher = Hasher()
        hasher.combine(templates)
        Self.combine(view, into: &hasher)
        let key = hasher.finalize()
        if let entry = lock.withLock({ pages[path] }), entry.key == key { return entry.bytes }
        let bytes = render()
        lock.withLock {
            pages[path] = (key, bytes)
            lastRendered += 1
        }
        return bytes
    }

    /// Hashes a view model: the plain values templates receive, dictionaries in key order.
    static func combine(_ value: Any, into hasher: inout Hasher) {
        switch value {
        case let text as String: hasher.combine(0); hasher.combine(text)
        case let number as Int: hasher.combine(1); hasher.combine(number)
        case let flag as Bool: hasher.combine(2); hasher.combine(flag)
        case let dictionary as [String: Any]:
            hasher.combine(3)
            for key in dictionary.keys.sorted() {
                hasher.combine(key)
                combine(dictionary[key]!, into: &hasher)
            }
        case let list as [Any]:
            hasher.combine(4)
            hasher.combine(list.count)
            for item in list { combine(item, into: &hasher) }
        case let number as Double: hasher.combine(5); hasher.combine(number)
        default:
            // A value of a kind not listed cannot be compared: never reuse such a page.
            hasher.combine(UUID())
        }
    }
}
