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
    case write(String, String)

    public var description: String {
        switch self {
        case .unsafePath(let path): return "refusing to write '\(path)': pages may only name files inside the output folder"
        case .write(let path, let reason): return "cannot write \(path): \(reason)"
        }
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
public final class MemorySink: OutputSink, @unchecked Sendable {
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
public struct DiskSink: OutputSink {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// Pages made and written together.
    static let batch = 64

    var staging: URL { sibling("building") }
    var retired: URL { sibling("old") }

    private func sibling(_ suffix: String) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).ladder-\(suffix)")
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
        let files = FileManager.default
        // A build killed between its two renames left the previous site retired: put it back.
        if !files.fileExists(atPath: folder.path), files.fileExists(atPath: retired.path) {
            try? files.moveItem(at: retired, to: folder)
        }
        DiskFiles.removeTree(staging.path)
        DiskFiles.removeTree(retired.path)
        do {
            // The output's own parent may not exist yet; then every folder of the site (sorted,
            // so each parent comes before its children), then the pages.
            try files.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            let root = staging.path
            let folders = Set(paths.flatMap { path in
                let parts = path.split(separator: "/").dropLast()
                return parts.indices.map { parts[...$0].joined(separator: "/") }
            })
            for relative in [""] + folders.sorted() {
                try DiskFiles.makeFolder(relative.isEmpty ? root : "\(root)/\(relative)")
            }
            let previous = PreviousSite(folder.path)
            for start in stride(from: 0, to: paths.count, by: Self.batch) {
                for page in pages(start..<min(start + Self.batch, paths.count)) {
                    let target = "\(root)/\(page.path)"
                    if previous.reuse(page.path, holding: page.bytes, as: target) { continue }
                    // A fresh file in a fresh folder (O_EXCL: never through a link someone planted).
                    try DiskFiles.writeNew(target, page.bytes)
                }
            }
            if files.fileExists(atPath: folder.path) {
                try files.moveItem(at: folder, to: retired)
            }
            try files.moveItem(at: staging, to: folder)
            DiskFiles.removeTree(retired.path)
        } catch let error as OutputError {
            DiskFiles.removeTree(staging.path)
            throw error
        } catch {
            DiskFiles.removeTree(staging.path)
            if !files.fileExists(atPath: folder.path), files.fileExists(atPath: retired.path) {
                try? files.moveItem(at: retired, to: folder)
            }
            throw OutputError.write(folder.path, error.localizedDescription)
        }
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
