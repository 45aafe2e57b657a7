import FlyingSocks
import Foundation
import LadderBuild
import LadderModel
import LadderSite

/// `ladder serve`: the build pipeline with a memory sink, an HTTP server over its pages, and a
/// watcher that rebuilds on every change and tells open pages to reload.
public final class PreviewServer: @unchecked Sendable {  // `watcher` is set once in `run`, before other tasks read it; the rest never changes
    public struct Options: Sendable {
        public var contentFolder: String
        /// Templates that override the built-in set, if any.
        public var templatesFolder: String?
        public var includeDrafts: Bool
        public var host: String
        public var port: UInt16

        public init(contentFolder: String, templatesFolder: String?, includeDrafts: Bool, host: String, port: UInt16) {
            self.contentFolder = contentFolder
            self.templatesFolder = templatesFolder
            self.includeDrafts = includeDrafts
            self.host = host
            self.port = port
        }
    }

    public enum ServeError: Error, CustomStringConvertible {
        case portInUse(UInt16)
        case badHost(String)

        public var description: String {
            switch self {
            case .portInUse(let port): return "port \(port) is already in use; choose another with --port \(port + 1)"
            case .badHost(let host): return "cannot listen on '\(host)'; give an IP address such as 127.0.0.1 or ::1"
            }
        }
    }

    public let options: Options
    public let site = PreviewSite()
    private let server: HTTPServer
    private let port: UInt16
    private let log: @Sendable (String) -> Void
    private var watcher: FileWatcher?
    private let scheduler: RebuildScheduler
    private let session = BuildSession()

    public init(_ options: Options, log: @escaping @Sendable (String) -> Void = { print($0) }) throws {
        self.options = options
        self.log = log
        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        let address: any SocketAddress
        do {
            address = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: options.port) : try sockaddr_in.inet(ip4: host, port: options.port)
        } catch {
            throw ServeError.badHost(options.host)
        }
        let handler = PreviewHandler(site: site, listeningOn: options.host)
        server = HTTPServer(address: address) { await handler.respond(to: $0) }
        port = options.port
        scheduler = RebuildScheduler()
    }

    /// Builds once, up to the plan of its pages, and publishes it, or the problems when the
    /// build failed. Pages are made when a browser asks for them, so a rebuild's cost does not
    /// grow with the number of pages.
    /// `changed` names the watched folders with changes since the last build (nil: not known),
    /// so that templates are not read again when only content changed.
    @discardableResult
    public func rebuild(changed: Set<String>? = nil) async -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        var pipeline = Pipeline(
            contentFolder: options.contentFolder, templatesFolder: options.templatesFolder, includeDrafts: options.includeDrafts)
        session.templatesUnchanged = changed.map { changed in options.templatesFolder.map { !changed.contains($0) } ?? true } ?? false
        pipeline.session = session
        pipeline.authorMode = true
        // Role pages show when their file was last committed, as the built site does.
        pipeline.readsGitHistory = true
        // The build is synchronous work: it runs on a Dispatch thread, so that Swift's few
        // cooperative threads stay free to answer requests meanwhile.
        let (result, timings) = await Self.offPool { [pipeline] in
            var pipeline = pipeline
            let result = pipeline.plan()
            return (result, pipeline.timingSummary)
        }
        let milliseconds = Int(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        guard let plan = result.plan else {
            await site.fail(result.diagnostics)
            let served = await site.generation > 0
            log("Build failed (\(DiagnosticPrinter.summary(result.diagnostics)))"
                + (served ? "; still serving the last good site:" : "; pages show these problems until a build succeeds:"))
            for diagnostic in result.diagnostics where diagnostic.severity == .error { log("  \(diagnostic)") }
            return false
        }
        await site.publish(plan)
        log(
            "Rebuilt in \(milliseconds) ms (\(session.lastReads) file\(session.lastReads == 1 ? "" : "s") read, "
                + "\(plan.paths.count) files to serve): "
                + "health: \(DiagnosticPrinter.summary(result.diagnostics)) (\(timings))")
        return true
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// Builds, starts watching and serves until `stop()`.
    public func run() async throws {
        Self.raiseDescriptorLimit()
        await rebuild()
        let scheduler = self.scheduler
        await scheduler.setAction { [weak self] changed in await self?.rebuild(changed: changed) }
        let watcher = FileWatcher(folders: [options.contentFolder] + (options.templatesFolder.map { [$0] } ?? [])) { changed in
            Task { await scheduler.changed(changed) }
        }
        // Listening starts only once the folders are watched; setting the watches up lists
        // every folder, so it waits on a Dispatch thread.
        await Self.offPool { watcher.start() }
        self.watcher = watcher
        defer { watcher.stop() }
        do {
            try await server.run()
        } catch SocketError.failed(_, let number, _) where number == EADDRINUSE {
            throw ServeError.portInUse(port)
        }
    }

    /// Every open page holds a connection for its live-reload stream: the soft limit on open
    /// files (often 1,024) is raised to the hard limit, so that many tabs never exhaust it.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = min(limit.rlim_max, 1 << 20)
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Waits for the listening socket; generous, as the first build comes before it.
    public func waitUntilListening(timeout: TimeInterval = 60) async throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while !server.isListening {
            guard ContinuousClock.now < deadline else { throw SocketError.timeout(message: "the server did not start listening") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The port actually listened on (the one asked for, or the system's pick for port 0).
    public var listeningPort: UInt16? {
        get async { server.listeningPort }
    }

    public func stop() async {
        watcher?.stop()
        server.stop()
    }

    /// Files read by the last rebuild.
    public var lastRebuildReads: Int { session.lastReads }

    /// How many rebuilds the watcher has asked for (a burst of edits should make one).
    public var watcherRebuilds: Int {
        get async { await scheduler.runs }
    }
}

/// Turns a burst of change events into one rebuild: it waits until no event has come for a
/// short while, and a change during a rebuild makes exactly one more.
actor RebuildScheduler {
    // Long enough to gather the events of one save (they come within a millisecond or two;
    // events about hidden files, such as an editor's temporary copy, do not count), short
    // enough not to count in the edit-to-reload time.
    static let quietPeriod: Duration = .milliseconds(5)
    private var action: (@Sendable (Set<String>) async -> Void)?
    private var lastChange = ContinuousClock.now
    private var running = false
    private var pending = false
    /// The folders that changed since the last rebuild began.
    private var changedFolders: Set<String> = []
    private(set) var runs = 0

    func setAction(_ action: @escaping @Sendable (Set<String>) async -> Void) {
        self.action = action
    }

    func changed(_ folders: Set<String>) {
        lastChange = .now
        pending = true
        changedFolders.formUnion(folders)
        guard !running else { return }
        running = true
        Task { await drain() }
    }

    private func drain() async {
        while pending {
            while ContinuousClock.now - lastChange < Self.quietPeriod {
                try? await Task.sleep(for: Self.quietPeriod - (ContinuousClock.now - lastChange))
            }
            pending = false
            runs += 1
            let folders = changedFolders
            changedFolders = []
            await action?(folders)
        }
        running = false
    }
}
