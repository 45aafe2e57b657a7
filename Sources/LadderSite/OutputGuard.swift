import Foundation

/// The checks made before a command writes a folder, so that no mistake with paths costs a user
/// their files: an output that is, holds or lies inside the content or templates, the current
/// folder or one of its ancestors, an existing file, a link, or a folder of someone else's
/// files (one without ladder's marker) is refused before anything is written or deleted.
public struct OutputGuard: Sendable {
    /// Folders the output must neither be, nor lie in, nor contain: what each is called
    /// ("content", "templates") and its path as the user gave it.
    public var protected: [(name: String, path: String)]
    /// Replace a non-empty folder that ladder did not make.
    public var force: Bool
    /// The marker file ladder leaves in every folder it writes whole.
    public var marker: String

    /// Written into every site folder: the next build knows it may replace the folder.
    public static let siteMarker = ".ladder-site"
    public static let markerText = "This folder is written by 'ladder build' and replaced whole on every build.\n"

    public init(protecting protected: [(name: String, path: String)], force: Bool = false, marker: String = siteMarker) {
        self.protected = protected
        self.force = force
        self.marker = marker
    }

    /// Why writing `output` is refused (a whole sentence that says what to do), or nil.
    public func refusal(for output: String, shownAs shown: String? = nil) -> String? {
        let shown = shown ?? output
        let target = Self.resolved(output)
        var info = stat()
        let exists = lstat(output, &info) == 0
        if exists, info.st_mode & S_IFMT == S_IFLNK {
            return "refusing to write \(shown): it is a link, and ladder never writes through links; give the folder it points to, or a new folder"
        }
        if exists, info.st_mode & S_IFMT != S_IFDIR {
            return "refusing to write \(shown): it is an existing file, not a folder; give a folder for the output, such as --output site"
        }
        let here = Self.resolved(FileManager.default.currentDirectoryPath)
        if Self.isInside(here, target) {
            let what = here == target ? "the current folder" : "a folder that holds the current folder"
            return "refusing to write \(shown): it is \(what), and the build replaces its output whole; give a folder of its own, such as --output site"
        }
        for (name, path) in protected where !path.isEmpty {
            let folder = Self.resolved(path)
            let relation: String?
            if folder == target {
                relation = "is the \(name) folder"
            } else if Self.isInside(target, folder) {
                relation = "lies inside the \(name) folder (\(path))"
            } else if Self.isInside(folder, target) {
                relation = "holds the \(name) folder (\(path))"
            } else {
                relation = nil
            }
            if let relation {
                return "refusing to write \(shown): it \(relation), and the output is replaced whole; give it a folder of its own, such as --output site"
            }
        }
        guard exists, !force else { return nil }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).sorted()
        guard !entries.isEmpty, !entries.contains(marker) else { return nil }
        let listed = entries.prefix(4).joined(separator: ", ") + (entries.count > 4 ? " and \(entries.count - 4) more" : "")
        return "refusing to replace \(shown): it holds files ladder did not write (\(listed)); choose an empty or new folder, or pass --force to replace them"
    }

    /// The absolute path with links resolved, for the part of it that exists; what does not
    /// exist yet is appended as given, with `.` and `..` applied.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        var existing = parts.count
        while existing > 0 {
            let prefix = "/" + parts[..<existing].joined(separator: "/")
            if let real = realpath(prefix, nil) {
                defer { free(real) }
                let rest = parts[existing...].joined(separator: "/")
                let base = String(cString: real)
                return rest.isEmpty ? base : (base == "/" ? "/" + rest : base + "/" + rest)
            }
            existing -= 1
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `inner` is `outer` or lies under it (both resolved).
    static func isInside(_ inner: String, _ outer: String) -> Bool {
        inner == outer || outer == "/" || inner.hasPrefix(outer + "/")
    }
}
