import Foundation
import LadderModel
import LadderParser
import LadderPlatform

/// When each content file last changed, from the git repository the content folder is in: the
/// committer date of the last commit that touched it. The same commit always gives the same
/// dates, so a build stays byte-identical; outside a repository (or without git) there are
/// none, and pages leave the line out. Also each file's path in the repository, for the
/// "Edit this page" link.
struct GitHistory: Sendable {
    /// What a history depends on: the files, and the repository's state as the times its
    /// index, HEAD and HEAD's log were last written (each commit, checkout and reset writes
    /// one of them).
    struct Key: Equatable, Sendable {
        var files: [String]
        var repository: [Int]

        init(contentFolder: String, files: [String]) {
            self.files = files
            let git = GitHistory.repositoryRoot(of: contentFolder).map { $0 + "/.git/" }
            var isFolder: ObjCBool = false
            if let git, FileManager.default.fileExists(atPath: git, isDirectory: &isFolder), !isFolder.boolValue {
                // A worktree's `.git` is a file naming its folder elsewhere: never kept.
                repository = [Int(DispatchTime.now().uptimeNanoseconds & 0x7FFF_FFFF_FFFF_FFFF)]
                return
            }
            repository = ["index", "HEAD", "logs/HEAD"].map { name in
                var info = stat()
                guard let git, stat(git + name, &info) == 0 else { return 0 }
                let modified = Platform.times(info).modified
                return Int(modified.tv_sec) * 1_000_000_000 + Int(modified.tv_nsec)
            }
        }
    }

    /// By the files' paths as diagnostics show them (`content/engineering/a.md`).
    var lastChanged: [String: String] = [:]
    var repositoryPaths: [String: String] = [:]

    /// One `git log` over the content folder's history. Outside a repository (no `.git` in
    /// the content folder or above it), git is not run at all: starting a process costs tens
    /// of milliseconds here.
    static func read(contentFolder: String, files: [SourceFile]) -> GitHistory {
        var history = GitHistory()
        guard let top = repositoryRoot(of: contentFolder) else { return history }
        let root = top + "/"
        var byRepositoryPath: [String: String] = [:]
        let base = URL(fileURLWithPath: contentFolder).standardizedFileURL.resolvingSymlinksInPath().path
        for file in files {
            let absolute = base + "/" + file.relativePath
            guard absolute.hasPrefix(root) else { continue }
            let inRepository = String(absolute.dropFirst(root.count))
            history.repositoryPaths[file.path] = inRepository
            byRepositoryPath[inRepository] = file.path
        }
        // Newest first: the first date a file is listed under is its last change. Paths are
        // given NUL-separated (-z), so no file name can be misread.
        guard let log = git(["-c", "core.quotepath=off", "log", "-z", "--format=%x01%cs", "--name-only", "--no-renames", "--", "."], in: contentFolder)
        else { return history }
        var date = ""
        for field in log.split(separator: "\0", omittingEmptySubsequences: true) {
            var field = Substring(field)
            while field.hasPrefix("\n") { field = field.dropFirst() }
            if field.hasPrefix("\u{1}") {
                // "\u{1}2026-11-02\n" followed by the commit's first file name in the same field.
                let rest = field.dropFirst()
                let lines = rest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                date = String(lines[0])
                guard lines.count > 1 else { continue }
                field = lines[1]
                while field.hasPrefix("\n") { field = field.dropFirst() }
            }
            guard !field.isEmpty, let file = byRepositoryPath[String(field)], history.lastChanged[file] == nil else { continue }
            history.lastChanged[file] = date
        }
        return history
    }

    /// The folder holding `.git` (a folder, or a file for a worktree) at or above `folder`.
    static func repositoryRoot(of folder: String) -> String? {
        var url = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath()
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// git's standard output, or nil when git is missing or fails (not a repository).
    static func git(_ arguments: [String], in folder: String) -> String? {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        guard Platform.run(["git", "-C", folder] + arguments, outputFile: output.path) == 0,
            let data = try? Data(contentsOf: output)
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
