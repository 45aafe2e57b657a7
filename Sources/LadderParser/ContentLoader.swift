import Foundation
import LadderModel

/// One file of the content folder, read but not yet interpreted.
public struct SourceFile: Sendable, Hashable {
    /// The path as diagnostics show it, e.g. `content/product/roles.md`.
    public var path: String
    /// The path inside the content folder, e.g. `product/roles.md`.
    public var relativePath: String
    public var bytes: [UInt8]

    public init(path: String, relativePath: String, bytes: [UInt8]) {
        self.path = path
        self.relativePath = relativePath
        self.bytes = bytes
    }
}

/// The only file-system reading the parser does: every regular file under the content folder,
/// in a stable order. Hidden files are skipped; folders reached through links are not followed
/// (they can loop), and files that cannot be read are reported, never skipped silently.
public enum ContentLoader {
    /// `displayedAs` names the folder in diagnostics (default: as given), so that output does not
    /// depend on where a checkout lives.
    /// `cache` lets a file that has not changed since an earlier load be taken from it unread.
    public static func load(
        contentFolder: String, displayedAs: String? = nil, cache: LoadCache? = nil
    ) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let given = displayedAs ?? contentFolder
        let display = given.hasSuffix("/") ? String(given.dropLast()) : given
        // The folder as given, with plain system calls: Foundation's URL and FileManager took a
        // tenth of a millisecond each to set up, on every `ladder check` before any work.
        var root = contentFolder.isEmpty ? "." : contentFolder
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            return ([], [.error(
                "content-missing", "content folder not found; pass --content with the folder that holds your tracks",
                at: SourceLocation(file: display, line: 1, column: 1))])
        }
        var found: [FoundFile] = []
        var diagnostics: [Diagnostic] = []
        cache?.startLoad()
        walk(root, relative: "", display: display, found: &found, diagnostics: &diagnostics)
        // Read on every core: the parse that follows starts with its threads already running.
        let contents = ConcurrentWork.map(found) { file in
            var info = stat()
            guard let cache, stat(file.path, &info) == 0 else { return readAll(file.path) }
            return cache.bytes(file.path, LoadCache.Identity(info)) { readAll(file.path) }
        }
        var files: [SourceFile] = []
        for (file, bytes) in zip(found, contents) {
            if let bytes {
                files.append(SourceFile(path: file.display, relativePath: file.relative, bytes: bytes))
            } else {
                diagnostics.append(.error(
                    "unreadable", "cannot read this file; check that it exists and that its permissions allow reading",
                    at: SourceLocation(file: file.display)))
            }
        }
        files.sort { $0.relativePath < $1.relativePath }
        return (files, diagnostics)
    }

    /// A file the walk found.
    private struct FoundFile: Sendable {
        let path: String, relative: String, display: String
    }

    private static func walk(
        _ folder: String, relative: String, display: String, found: inout [FoundFile], diagnostics: inout [Diagnostic]
    ) {
        guard let entries = entries(of: folder) else {
            diagnostics.append(.error(
                "unreadable", "cannot list this folder (\(String(cString: strerror(errno)))); check its permissions",
                at: SourceLocation(file: relative.isEmpty ? display : "\(display)/\(relative)")))
            return
        }
        for (name, type) in entries where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let childRelative = relative.isEmpty ? name : "\(relative)/\(name)"
            let childDisplay = "\(display)/\(childRelative)"
            // The folder listing tells files and folders apart; only links (and file systems that
            // do not say) need a stat, to see what they point to.
            var isFolder = type == DT_DIR, isLink = type == DT_LNK
            if type != DT_DIR && type != DT_REG {
                var info = stat()
                isLink = lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
                if isLink { _ = stat(path, &info) }
                isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isLink && isFolder {
                diagnostics.append(.warning(
                    "symlinked-folder", "folder links are not followed (they can loop); move the folder into content/ instead",
                    at: SourceLocation(file: childDisplay)))
            } else if isFolder {
                walk(path, relative: childRelative, display: display, found: &found, diagnostics: &diagnostics)
            } else {
                found.append(FoundFile(path: path, relative: childRelative, display: childDisplay))
            }
        }
    }

    /// A folder's entries with their types as the listing gives them (`DT_DIR`, `DT_REG`,
    /// `DT_LNK`, or `DT_UNKNOWN` where the file system does not say), in name order.
    private static func entries(of folder: String) -> [(name: String, type: Int32)]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, type: Int32)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { entries.append((name, Int32(entry.pointee.d_type))) }
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// The file's bytes, or nil when it cannot be opened or read. They are read straight into an
    /// array of the file's size and one byte more, to notice a file that grew meanwhile: a read
    /// that leaves that byte unfilled has reached the end of a regular file, so a file that did
    /// not grow takes one read (a second, to see the end, was a fifth of the loader's system calls).
    private static func readAll(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        let isRegular = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        var bytes = [UInt8](repeating: 0, count: (isRegular ? Int(info.st_size) : 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            filled += count
            if count == 0 || (isRegular && filled < bytes.count) {
                bytes.removeLast(bytes.count - filled)
                return bytes
            }
        }
    }
}

/// Files read by earlier loads, for the preview server: a file whose device, inode, size and
/// modification and change times are as they were is taken from here rather than read again.
/// Two writes within one tick of the file-system clock leave the same times, so a file changed
/// in the last second is read again whatever its times say (git calls these files racy).
public final class LoadCache: @unchecked Sendable {
    struct Identity: Equatable {
        var device: UInt64, inode: UInt64, size: Int64
        var modified: timespec, changed: timespec

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = info.st_mtim
            changed = info.st_ctim
        }

        static func == (a: Identity, b: Identity) -> Bool {
            (a.device, a.inode, a.size) == (b.device, b.inode, b.size)
                && (a.modified.tv_sec, a.modified.tv_nsec, a.changed.tv_sec, a.changed.tv_nsec)
                    == (b.modified.tv_sec, b.modified.tv_nsec, b.changed.tv_sec, b.changed.tv_nsec)
        }
    }

    private let lock = NSLock()
    private var previous: [String: (identity: Identity, bytes: [UInt8])] = [:]
    private var current: [String: (identity: Identity, bytes: [UInt8])] = [:]
    private var now = timespec()
    /// Files the last load read (not taken from here), for tests and profiling.
    public private(set) var lastReads = 0

    public init() {}

    /// Files the load before did not see are forgotten.
    func startLoad() {
        lock.withLock {
            previous = current
            current = [:]
            lastReads = 0
            clock_gettime(CLOCK_REALTIME, &now)
        }
    }

    func bytes(_ path: String, _ identity: Identity, read: () -> [UInt8]?) -> [UInt8]? {
        let settled = identity.changed.tv_sec < now.tv_sec - 1
        if settled, let kept = lock.withLock({ previous[path] }), kept.identity == identity {
            lock.withLock { current[path] = kept }
            return kept.bytes
        }
        guard let bytes = read() else { return nil }
        lock.withLock {
            current[path] = (identity, bytes)
            lastReads += 1
        }
        return bytes
    }
}

extension SourceFile {
    /// The file as text with line endings made `\n` and any byte-order mark removed, or nil
    /// (with an error at the first bad byte) when it is not UTF-8.
    func text(diagnostics: inout [Diagnostic]) -> String? {
        var bytes = self.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // Through a buffer pointer, validating and looking for NUL and CR run at memory speed.
        let (decoded, hasNUL, hasCR) = bytes.withUnsafeBufferPointer { buffer in
            let has = { (byte: Int32) in buffer.count > 0 && memchr(buffer.baseAddress!, byte, buffer.count) != nil }
            return (String(validating: buffer, as: UTF8.self), has(0), has(13))
        }
        guard let text = decoded else {
            diagnostics.append(.error(
                "invalid-utf8", "this file is not UTF-8 text; save it as UTF-8", at: firstInvalidByte(bytes)))
            return nil
        }
        if hasNUL {
            diagnostics.append(.error(
                "binary-file", "this file holds NUL bytes, so it is not a text file; remove it or save it as Markdown",
                at: SourceLocation(file: path)))
            return nil
        }
        guard hasCR else { return text }  // nothing to normalise
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Line and column (in characters) of the first byte that is not UTF-8.
    private func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> SourceLocation {
        for (number, line) in bytes.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            var iterator = line.makeIterator()
            var decoder = UTF8()
            var column = 1
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: column += 1
                case .emptyInput: break decoding
                case .error: return SourceLocation(file: path, line: number + 1, column: column)
                }
            }
        }
        return SourceLocation(file: path)
    }
}
