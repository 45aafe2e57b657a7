import Foundation
import LadderPlatform

/// The content folder as it was at a git revision (a tag, a branch, a commit), copied into a
/// temporary folder with `git archive`: the repository's working tree is never touched.
public struct GitRevision {
    public enum Problem: Error, CustomStringConvertible {
        case notARepository(String)
        case unknownRevision(String)
        case noContentAt(revision: String, folder: String)
        case cannotCopy(String)

        public var description: String {
            switch self {
            case .notARepository(let folder):
                "\(folder) is not in a git repository, so there is no earlier version to compare with; commit the content first (git init, git add, git commit)"
            case .unknownRevision(let revision):
                "no commit, tag or branch '\(revision)' in this repository; list them with 'git tag' and 'git log --oneline'"
            case .noContentAt(let revision, let folder):
                "\(folder) did not exist at '\(revision)'; choose a later revision"
            case .cannotCopy(let reason):
                "the content at that revision could not be copied: \(reason)"
            }
        }
    }

    /// The copy's content folder; remove `temporaryFolder` when done.
    public let contentFolder: String
    public let temporaryFolder: URL
    /// The revision's commit: its short hash and date.
    public let commit: String
    public let date: String

    public init(_ revision: String, contentFolder: String) throws {
        guard let root = GitHistory.repositoryRoot(of: contentFolder) else { throw Problem.notARepository(contentFolder) }
        // "--end-of-options" keeps a revision that starts with "-" from being read as an option.
        guard !revision.hasPrefix("-"),
            let described = GitHistory.git(["log", "-1", "--format=%h %cs", "--end-of-options", revision + "^{commit}", "--"], in: root)?
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " "),
            described.count == 2
        else { throw Problem.unknownRevision(revision) }
        commit = String(described[0])
        date = String(described[1])
        let absolute = URL(fileURLWithPath: contentFolder).standardizedFileURL.resolvingSymlinksInPath().path
        let inRepository = absolute == root ? "" : String(absolute.dropFirst(root.count + 1))
        temporaryFolder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-revision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
        let archive = temporaryFolder.appendingPathComponent("content.tar").path
        let paths = inRepository.isEmpty ? [] : [inRepository]
        guard Platform.run(["git", "-C", root, "archive", "--format=tar", commit, "--"] + paths, outputFile: archive) == 0 else {
            try? FileManager.default.removeItem(at: temporaryFolder)
            throw Problem.noContentAt(revision: revision, folder: contentFolder)
        }
        let copy = temporaryFolder.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        guard Platform.run(["tar", "-xf", archive, "-C", copy.path], outputFile: "/dev/null") == 0 else {
            try? FileManager.default.removeItem(at: temporaryFolder)
            throw Problem.cannotCopy("tar could not unpack git's archive")
        }
        self.contentFolder = inRepository.isEmpty ? copy.path : copy.appendingPathComponent(inRepository).path
    }
}
