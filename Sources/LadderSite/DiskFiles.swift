import Foundation
import LadderPlatform

/// The file-system calls a site write makes, on plain descriptors: Foundation's equivalents
/// stat every path component again and cost about a millisecond a file.
enum DiskFiles {
    /// Creates `path`, which must not exist, with `bytes`.
    static func writeNew(_ path: String, _ bytes: Data) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.write(path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Platform.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputError.write(path, String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    /// Creates the folder at `path`, whose parent exists and which must not exist itself.
    static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else {
            throw OutputError.write(path, String(cString: strerror(errno)))
        }
    }

    /// Deletes `path` and, if it is a folder, everything in it. Links are removed, never
    /// followed, so nothing outside the folder is touched.
    static func removeTree(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return }
        removeContents(of: folder)
        close(folder)
        rmdir(path)
    }

    private static func removeContents(of folder: Int32) {
        guard let stream = fdopendir(dup(folder)) else { return }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(stream)
        for name in names where unlinkat(folder, name, 0) != 0 && errno == EISDIR {
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else { continue }
            removeContents(of: child)
            close(child)
            unlinkat(folder, name, AT_REMOVEDIR)
        }
    }
}

/// The site a build replaces, read only to reuse what did not change: a page whose bytes equal
/// the previous file's is hard-linked into the new site rather than written again. That skips
/// creating a file now and freeing one when the old site is deleted, most of a write's time.
/// Folders are opened without following links, and only plain files that have no other link are
/// reused, so nothing from outside the site is ever linked in.
final class PreviousSite {
    private let root: Int32
    private var folders: [String: Int32] = [:]

    init(_ path: String) {
        root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }

    deinit {
        for descriptor in folders.values where descriptor >= 0 { close(descriptor) }
        if root >= 0 { close(root) }
    }

    /// Links the previous site's file at `path` to `target` when it holds exactly `bytes`.
    func reuse(_ path: String, holding bytes: Data, as target: String) -> Bool {
        let slash = path.lastIndex(of: "/")
        let directory = folder(slash.map { String(path[..<$0]) } ?? "")
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard directory >= 0 else { return false }
        let file = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { return false }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, info.st_size == bytes.count
        else { return false }
        var old = [UInt8](repeating: 0, count: bytes.count)
        var offset = 0
        while offset < old.count {
            let count = old.withUnsafeMutableBytes { read(file, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        // memcmp, not `elementsEqual`: a byte at a time through Data's iterator was 5% of a large build.
        let same = old.withUnsafeBytes { old in bytes.withUnsafeBytes { memcmp(old.baseAddress!, $0.baseAddress!, old.count) == 0 } }
        guard same else { return false }
        return linkat(directory, name, AT_FDCWD, target, 0) == 0
    }

    /// The previous site's folder at `relative`, opened component by component without
    /// following links; -1 when it is missing or is a link.
    private func folder(_ relative: String) -> Int32 {
        if relative.isEmpty { return root }
        if let known = folders[relative] { return known }
        // Pages come sorted, so few folders are needed at once: keep the number of open
        // descriptors small, whatever the size of the site.
        if folders.count >= 64 {
            for descriptor in folders.values where descriptor >= 0 { close(descriptor) }
            folders.removeAll()
        }
        let slash = relative.lastIndex(of: "/")
        let parent = folder(slash.map { String(relative[..<$0]) } ?? "")
        let name = slash.map { String(relative[relative.index(after: $0)...]) } ?? relative
        let descriptor = parent >= 0 ? openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1
        folders[relative] = descriptor
        return descriptor
    }
}

