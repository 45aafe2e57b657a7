import Foundation
import LadderModel
import LadderSite

/// The site the preview server shows: the plan of the last good build, whose pages are made
/// when first asked for and kept until the next build, and the problems of the latest build if
/// it failed. Open pages subscribe to its events.
public actor PreviewSite {
    public struct Served: Sendable {
        public var bytes: Data
        public var etag: String

        init(_ bytes: Data) {
            self.bytes = bytes
            etag = PreviewSite.etag(bytes)
        }
    }

    public enum Event: Sendable, Equatable {
        /// A new build replaced the pages.
        case reload(generation: Int)
        /// The latest build failed; `served`: the last good pages are still served (false when
        /// no build has succeeded yet).
        case problem([String], served: Bool)
    }

    private var plan: SitePlan?
    /// The pages of this build made so far, with their ETags.
    private var made: [String: Served] = [:]
    private var problems: [String]?
    public private(set) var generation = 0
    public private(set) var builds = 0
    private var subscribers: [UUID: AsyncStream<Event>.Continuation] = [:]

    public init() {}

    /// The page at `path`, made now if it was not made yet (in the actor: for tests and tools;
    /// the handler makes pages outside it, several at once).
    public func page(_ path: String) -> Served? {
        if let served = made[path] { return served }
        guard let page = plan?.page(path) else { return nil }
        let served = Served(page.bytes)
        made[path] = served
        return served
    }

    /// What serving `path` needs: the page if it was made, else the plan to make it from, and the
    /// generation they belong to.
    public func lookup(_ path: String) -> (made: Served?, plan: SitePlan?, generation: Int) {
        (made[path], made[path] == nil ? plan : nil, generation)
    }

    /// Keeps a page made outside the actor, unless a newer build replaced the plan meanwhile.
    public func keep(_ served: Served, at path: String, generation: Int) {
        if generation == self.generation, made[path] == nil { made[path] = served }
    }

    public func contains(_ path: String) -> Bool { plan?.contains(path) ?? false }

    /// How many pages of the current build have been made (asked for) so far.
    public var pagesMade: Int { made.count }

    public var currentProblems: [String]? { problems }

    /// The problems, when no build has succeeded yet: every page is then a page of problems.
    public var problemsWithoutASite: [String]? { plan == nil ? problems : nil }

    /// A successful build: its plan replaces the old one and open pages reload.
    public func publish(_ newPlan: SitePlan) {
        // The old plan and pages are freed on another thread once the reload event is sent:
        // freeing a large site's model takes milliseconds that neither the event nor the
        // browser's request for the new page need wait for.
        let old = (plan, made)
        plan = newPlan
        made = [:]
        problems = nil
        generation += 1
        builds += 1
        broadcast(.reload(generation: generation))
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(old) {} }
    }

    /// A failed build: the pages stay as they were and open pages show the problems.
    public func fail(_ diagnostics: [Diagnostic]) {
        problems = diagnostics.filter { $0.severity == .error }.map(\.description)
        builds += 1
        broadcast(.problem(problems ?? [], served: plan != nil))
    }

    /// Events from now on; the stream starts with the current state so a page that connects
    /// late still learns of a failed build or of pages newer than itself.
    public func subscribe() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        subscribers[id] = continuation
        continuation.yield(problems.map { .problem($0, served: plan != nil) } ?? .reload(generation: generation))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    private func broadcast(_ event: Event) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    /// A strong validator from the bytes (FNV-1a, 64 bit): the same page gives the same ETag.
    static func etag(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "\"\(String(hash, radix: 16))\""
    }
}
