import Foundation

/// One file of the site: a relative path (`product/senior-pm/index.html`) and its bytes.
public struct Page: Sendable, Hashable {
    public var path: String
    public var bytes: Data

    public init(path: String, bytes: Data) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Data(text.utf8))
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case unsafePath(String)
    /// The file that could not be written, and why.
    case write(String, String)
    /// The output guard's refusal, a whole sentence.
    case refused(String)

    public var description: String {
        switch self {
        case .unsafePath(let path): return "refusing to write '\(path)': pages may only name files inside the output folder"
        case .write(let path, let reason): return "cannot write \(path): \(reason)"
        case .refused(let reason): return reason
        }
    }

    /// The file that could not be written, when there is one.
    public var file: String? {
        if case .write(let path, _) = self { return path }
        return nil
    }

    /// The same error with a staging path shown as the output path it stands for.
    func shown(relativeTo staging: String, as output: String) -> OutputError {
        guard case .write(let path, let reason) = self, path.hasPrefix(staging) else { return self }
        return .write(output + path.dropFirst(staging.count), reason)
    }
}

/// Where a rendered site goes: a folder on disk, or memory for the preview server and tests.
public protocol OutputSink {
    func write(_ pages: [Page]) throws
    /// Makes and writes every file of `plan`. A sink may write each file as it is made, so that
    /// a large site is never held in memory whole.
    func write(_ plan: SitePlan) throws
}

extension OutputSink {
    public func write(_ plan: SitePlan) throws { try write(plan.render(plan.paths[...])) }
}

/// Keeps the pages in memory, by path.
public final class MemorySink: OutputSink, @unchecked Sendable {  // `stored` only under `lock`
    private let lock = NSLock()
    private var stored: [String: Data] = [:]

    public init() {}

    public var pages: [String: Data] { lock.withLock { stored } }

    public func write(_ pages: [Page]) throws {
        for page in pages { try Page.checkPath(page.path) }
        lock.withLock { stored = Dictionary(pages.map { ($0.path, $0.bytes) }, uniquingKeysWith: { $1 }) }
    }
}

/// Writes the whole site into a fresh sibling folder, then swaps it in with renames, so the
/// output folder always holds one complete build: a failed or interrupted build leaves the
/// previous site as it was, and the next build clears what an interrupted one left behind.
///
/// Builds into the same folder take turns: each holds a lock on the folder's parent while it
/// writes (so no lock file is left behind), and each stages in a folder of its own. Before anything is written or deleted, the
/// sink's guard (when it has one) checks again that the folder may be replaced.
public struct DiskSink: OutputSink {
    public let folder: URL
    public let outputGuard: OutputGuard?
    /// Told when another build holds the lock and this one waits for it.
    public var onWait: @Sendable () -> Void = {}

    public init(folder: URL, guard outputGuard: OutputGuard? = nil) {
        self.folder = folder.standardizedFileURL
        self.outputGuard = outputGuard
    }

    /// Pages made and written together.
    static let batch = 64

    /// Beside the output: `.site.ladder-building-…` and `.site.ladder-old-…`.
    private var siblingPrefix: String { ".\(folder.lastPathComponent).ladder-" }

    private func sibling(_ suffix: String) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent(siblingPrefix + suffix)
    }

    public func write(_ pages: [Page]) throws {
        try write(paths: pages.map(\.path)) { Array(pages[$0]) }
    }

    /// Makes the pages a few dozen at a time (on every core) and writes each batch before the
    /// next is made: the site's pages are never all in memory at once.
    public func write(_ plan: SitePlan) throws {
        try write(paths: plan.paths) { plan.render(plan.paths[$0]) }
    }

    /// `pages` gives the pages of a range of `paths`, in the same order.
    private func write(paths: [String], pages: (Range<Int>) -> [Page]) throws {
        for path in paths { try Page.checkPath(path) }
        if let refusal = outputGuard?.refusal(for: folder.path) { throw OutputError.refused(refusal) }
        let files = FileManager.default
        // The output's own parent may not exist yet.
        do {
            try files.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw OutputError.write(folder.deletingLastPathComponent().path, error.localizedDescription)
        }
        let lock = try OutputLock(folder.deletingLastPathComponent().path, onWait: onWait)
        defer { lock.release() }
        // Checked again under the lock: a build that held it may have made or changed the folder.
        if let refusal = outputGuard?.refusal(for: folder.path) { throw OutputError.refused(refusal) }
        recoverInterruptedBuilds()
        let unique = "\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        let staging = sibling("building-\(unique)"), retired = sibling("old-\(unique)")
        var current = staging.path
        do {
            // Every folder of the site (sorted, so each parent comes before its children), then the pages.
            let root = staging.path
            let folders = Set(paths.flatMap { path in
                let parts = path.split(separator: "/").dropLast()
                return parts.indices.map { parts[...$0].joined(separator: "/") }
            })
            for relative in [""] + folders.sorted() {
                current = relative.isEmpty ? root : "\(root)/\(relative)"
                try DiskFiles.makeFolder(current)
            }
            if outputGuard != nil {
                current = "\(root)/\(OutputGuard.siteMarker)"
                try DiskFiles.writeNew(current, Data(OutputGuard.markerText.utf8))
            }
            let previous = PreviousSite(folder.path)
            for start in stride(from: 0, to: paths.count, by: Self.batch) {
                for page in pages(start..<min(start + Self.batch, paths.count)) {
                    let target = "\(root)/\(page.path)"
                    current = target
                    if previous.reuse(page.path, holding: page.bytes, as: target) { continue }
                    // A fresh file in a fresh folder (O_EXCL: never through a link someone planted).
                    try DiskFiles.writeNew(target, page.bytes)
                }
            }
            current = folder.path
            if files.fileExists(atPath: folder.path) {
                try files.moveItem(at: folder, to: retired)
            }
            try files.moveItem(at: staging, to: folder)
            DiskFiles.removeTree(retired.path)
        } catch {
            DiskFiles.removeTree(staging.path)
            if !files.fileExists(atPath: folder.path), files.fileExists(atPath: retired.path) {
                try? files.moveItem(at: retired, to: folder)
            }
            if let error = error as? OutputError { throw error.shown(relativeTo: staging.path, as: folder.path) }
            throw OutputError.write(current == staging.path ? folder.path : current, error.localizedDescription)
        }
    }

    /// What a killed build left beside the output: its staging folder is deleted, and a previous
    /// site it had moved aside but not yet replaced is put back. Called with the lock held, so
    /// no other build is using them.
    private func recoverInterruptedBuilds() {
        let parent = folder.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names.sorted() where name.hasPrefix(siblingPrefix) {
            let path = parent.appendingPathComponent(name)
            if name.hasPrefix(siblingPrefix + "old"), !FileManager.default.fileExists(atPath: folder.path) {
                try? FileManager.default.moveItem(at: path, to: folder)
            } else if name.hasPrefix(siblingPrefix + "building") || name.hasPrefix(siblingPrefix + "old") {
                DiskFiles.removeTree(path.path)
            }
        }
    }
}

/// An exclusive `flock` on the output's parent folder, held while a build writes the output. The
/// system drops it when the process ends, so a killed build never leaves it held.
final class OutputLock {
    private let descriptor: Int32

    init(_ path: String, onWait: () -> Void) throws {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputError.write(path, String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    throw OutputError.write(path, String(cString: strerror(errno)))
                }
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

extension Page {
    /// Paths are built from slugs, but the sink checks again: relative, no `..`, no empty or
    /// hidden segments, nothing but `[A-Za-z0-9._-]` in a segment.
    static func checkPath(_ path: String) throws {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let safe = !path.isEmpty && segments.allSatisfy { segment in
            !segment.isEmpty && !segment.hasPrefix(".")
                && segment.utf8.allSatisfy { byte in
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        || byte == 0x2D || byte == 0x2E || byte == 0x5F
                }
        }
        if !safe { throw OutputError.unsafePath(path) }
    }
}
