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

    var staging: URL { sibling("building") }
    var retired: URL { sibling("old") }

    private func sibling(_ suffix: String) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).ladder-\(suffix)")
    }

    public func write(_ pages: [Page]) throws {
        for page in pages { try Page.checkPath(page.path) }
        let files = FileManager.default
        // A build killed between its two renames left the previous site retired: put it back.
        if !files.fileExists(atPath: folder.path), files.fileExists(atPath: retired.path) {
            try? files.moveItem(at: retired, to: folder)
        }
        try? files.removeItem(at: staging)
        try? files.removeItem(at: retired)
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: true)
            var made: Set<String> = []
            for page in pages {
                let target = staging.appendingPathComponent(page.path)
                let parent = target.deletingLastPathComponent().path
                if made.insert(parent).inserted {
                    try files.createDirectory(atPath: parent, withIntermediateDirectories: true)
                }
                // A fresh file in a fresh folder (O_EXCL: never through a link someone planted).
                try Self.writeNew(target.path, page.bytes)
            }
            if files.fileExists(atPath: folder.path) {
                try files.moveItem(at: folder, to: retired)
            }
            try files.moveItem(at: staging, to: folder)
            try? files.removeItem(at: retired)
        } catch let error as OutputError {
            try? files.removeItem(at: staging)
            throw error
        } catch {
            try? files.removeItem(at: staging)
            if !files.fileExists(atPath: folder.path), files.fileExists(atPath: retired.path) {
                try? files.moveItem(at: retired, to: folder)
            }
            throw OutputError.write(folder.path, error.localizedDescription)
        }
    }
}

extension DiskSink {
    /// Creates `path` (which must not exist) with `bytes`; plain system calls, as Foundation's
    /// file creation costs a millisecond a file.
    static func writeNew(_ path: String, _ bytes: Data) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.write(path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputError.write(path, String(cString: strerror(errno)))
                }
                offset += written
            }
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
