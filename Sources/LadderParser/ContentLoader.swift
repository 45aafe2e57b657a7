import Foundation
import LadderModel
import LadderPlatform

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
/// (they can loop); links that lead out of the content folder, and anything that is not a regular
/// file (a named pipe, a device, a socket), are skipped with a warning and never opened; a file
/// over the size limit is an error rather than a read. Nothing is skipped silently.
public enum ContentLoader {
    /// The largest content file read, unless the caller says otherwise: far above any framework
    /// (a 400-role framework is about 5 MB in all), far below what would exhaust memory.
    public static let defaultMaximumFileSize = 16 << 20

    /// `displayedAs` names the folder in diagnostics (default: as given), so that output does not
    /// depend on where a checkout lives.
    /// `cache` lets a file that has not changed since an earlier load be taken from it unread.
    public static func load(
        contentFolder: String, displayedAs: String? = nil, cache: LoadCache? = nil,
        maximumFileSize: Int = defaultMaximumFileSize
    ) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let given = displayedAs ?? contentFolder
        let display = given.hasSuffix("/") ? String(given.dropLast()) : given
        // The folder as given, with plain system calls: Foundation's URL and FileManager took a
        // tenth of a millisecond each to set up, on every `ladder check` before any work.
        var root = contentFolder.isEmpty ? "." : contentFolder
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            let exists = stat(root, &info) == 0
            return ([], [.error(
                "content-missing",
                exists ? "this is a file, not a content folder; pass --content with the folder that holds your tracks"
                    : "content folder not found; pass --content with the folder that holds your tracks, or run 'ladder init' to start one",
                at: .whole(display))])
        }
        var walk = Walk(root: root, display: display)
        cache?.startLoad()
        walk.walk(root, relative: "")
        var diagnostics = walk.diagnostics
        // Read on every core: the parse that follows starts with its threads already running.
        let contents = ConcurrentWork.map(walk.found) { file -> FileRead in
            var info = stat()
            guard let cache, stat(file.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumFileSize
            else { return readAll(file.path, limit: maximumFileSize) }
            return cache.bytes(file.path, LoadCache.Identity(info)) { readAll(file.path, limit: maximumFileSize) }
        }
        var files: [SourceFile] = []
        for (file, read) in zip(walk.found, contents) {
            let location = SourceLocation(file: file.display)
            switch read {
            case .bytes(let bytes):
                files.append(SourceFile(path: file.display, relativePath: file.relative, bytes: bytes))
            case .tooLarge(let size):
                diagnostics.append(.error(
                    "file-too-large",
                    "this file is \(megabytes(size)), over the \(megabytes(maximumFileSize)) limit for a content file, so it was not read; split it into smaller files, or raise the limit with --max-file-size",
                    at: location))
            case .notRegular(let kind):
                diagnostics.append(notRegularWarning(kind, at: location))
            case .unreadable(let reason):
                diagnostics.append(.error(
                    "unreadable", "cannot read this file (\(reason)); check that it exists and that its permissions allow reading",
                    at: location))
            }
        }
        if walk.found.isEmpty && walk.diagnostics.isEmpty {
            diagnostics.append(.warning(
                "empty-content",
                "the content folder is empty; run 'ladder init' to start a framework, or pass --content with the folder that holds your tracks",
                at: .whole(display)))
        }
        files.sort { $0.relativePath < $1.relativePath }
        return (files, diagnostics)
    }

    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / Double(1 << 20)
        return value == value.rounded() ? "\(Int(value)) MB" : String(format: "%.1f MB", value)
    }

    static func notRegularWarning(_ kind: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "not-a-file",
            "this is \(kind), not a regular file, so it was skipped without being opened; remove it from the content folder",
            at: location)
    }

    /// What a file's type is called in a warning.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a named pipe"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFDIR: "a folder"
        default: "not a regular file"
        }
    }

    /// A file the walk found.
    private struct FoundFile: Sendable {
        let path: String, relative: String, display: String
    }

    /// The folder walk: what it found to read, and what it skipped and why.
    private struct Walk {
        let root: String
        let display: String
        /// The content folder with links resolved, to tell links that stay inside from links that leave.
        let realRoot: String?
        var found: [FoundFile] = []
        var diagnostics: [Diagnostic] = []

        init(root: String, display: String) {
            self.root = root
            self.display = display
            realRoot = realpath(root, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            }
        }

        mutating func walk(_ folder: String, relative: String) {
            guard let entries = ContentLoader.entries(of: folder) else {
                diagnostics.append(.error(
                    "unreadable", "cannot list this folder (\(String(cString: strerror(errno)))); check its permissions",
                    at: .whole(relative.isEmpty ? display : "\(display)/\(relative)")))
                return
            }
            for (name, type) in entries where !name.hasPrefix(".") {
                let path = folder + "/" + name
                let childRelative = relative.isEmpty ? name : "\(relative)/\(name)"
                let location = SourceLocation(file: "\(display)/\(childRelative)")
                // The folder listing tells files and folders apart; anything else (links, pipes,
                // devices, file systems that do not say) needs a look at what it is.
                if type == DT_DIR {
                    walk(path, relative: childRelative)
                    continue
                }
                if type == DT_REG {
                    found.append(FoundFile(path: path, relative: childRelative, display: location.file))
                    continue
                }
                var info = stat()
                guard lstat(path, &info) == 0 else {
                    diagnostics.append(.error("unreadable", "cannot look at this file (\(String(cString: strerror(errno))))", at: location))
                    continue
                }
                if info.st_mode & S_IFMT == S_IFLNK {
                    guard stat(path, &info) == 0 else {
                        diagnostics.append(.warning(
                            "broken-link", "this link points to nothing, so it was skipped; fix or remove it", at: location))
                        continue
                    }
                    if info.st_mode & S_IFMT == S_IFDIR {
                        diagnostics.append(.warning(
                            "symlinked-folder", "folder links are not followed (they can loop); move the folder into content/ instead",
                            at: location))
                        continue
                    }
                    if !leadsInside(path) {
                        diagnostics.append(.warning(
                            "link-outside-content",
                            "this link leads out of the content folder, so it was skipped; copy the file into the content folder instead",
                            at: location))
                        continue
                    }
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(path, relative: childRelative)
                case S_IFREG: found.append(FoundFile(path: path, relative: childRelative, display: location.file))
                default: diagnostics.append(ContentLoader.notRegularWarning(ContentLoader.kind(of: info.st_mode), at: location))
                }
            }
        }

        /// Whether the link at `path`, resolved, stays inside the content folder.
        private func leadsInside(_ path: String) -> Bool {
            guard let realRoot, let resolved = realpath(path, nil) else { return false }
            defer { free(resolved) }
            let target = String(cString: resolved)
            return target.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
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

    /// What reading a file gave.
    enum FileRead: Sendable {
        case bytes([UInt8])
        case tooLarge(Int)
        case notRegular(String)
        case unreadable(String)
    }

    /// The file's bytes, read straight into an array of the file's size and one byte more, to
    /// notice a file that grew meanwhile: a read that leaves that byte unfilled has reached the
    /// end, so a file that did not grow takes one read. The file is opened without blocking
    /// and looked at before it is read, so a file swapped for a pipe or a device after the walk
    /// is still never read; nor is a file that is, or grows, over `limit` bytes.
    static func readAll(_ path: String, limit: Int) -> FileRead {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .notRegular(kind(of: info.st_mode)) }
        guard Int(info.st_size) <= limit else { return .tooLarge(Int(info.st_size)) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                guard filled <= limit else { return .tooLarge(filled) }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - filled + 1))
            }
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count < 0 { return .unreadable(String(cString: strerror(errno))) }
            filled += count
            if count == 0 || filled < bytes.count {
                guard filled <= limit else { return .tooLarge(filled) }
                bytes.removeLast(bytes.count - filled)
                return .bytes(bytes)
            }
        }
    }
}

/// Files read by earlier loads, for the preview server: a file whose device, inode, size and
/// modification and change times are as they were is taken from here rather than read again.
/// Two writes within one tick of the file-system clock leave the same times, so a file changed
/// in the last second is read again whatever its times say (git calls these files racy).
public final class LoadCache: @unchecked Sendable {  // the dictionaries and `now` are only touched under `lock`
    struct Identity: Equatable {
        var device: UInt64, inode: UInt64, size: Int64
        var modified: timespec, changed: timespec

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            (modified, changed) = Platform.times(info)
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

    func bytes(_ path: String, _ identity: Identity, read: () -> ContentLoader.FileRead) -> ContentLoader.FileRead {
        let settled = identity.changed.tv_sec < now.tv_sec - 1
        if settled, let kept = lock.withLock({ previous[path] }), kept.identity == identity {
            lock.withLock { current[path] = kept }
            return .bytes(kept.bytes)
        }
        let result = read()
        guard case .bytes(let bytes) = result else { return result }
        lock.withLock {
            current[path] = (identity, bytes)
            lastReads += 1
        }
        return result
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
