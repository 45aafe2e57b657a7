import ArgumentParser
import Foundation
import LadderAnalysis
import LadderBuild

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "What changed in the framework since a git revision (a tag, a branch or a commit).",
        discussion: "The content at REF is read from the repository; the working tree is not touched. Exit status: 0, or 2 when the content is not in a repository or REF does not exist.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @OptionGroup var content: ContentOptions

    @Option(name: .customLong("since"), help: "The revision to compare with, such as v2025-h2.")
    var revision: String

    @Option(help: "Output format.")
    var format: Format = .text

    func run() throws {
        content.requireFolder()
        let then: GitRevision
        do {
            then = try GitRevision(revision, contentFolder: content.content)
        } catch let problem as GitRevision.Problem {
            Output.usageError(Output.escaped(problem.description))
        }
        defer { try? FileManager.default.removeItem(at: then.temporaryFolder) }
        var before = Pipeline(contentFolder: then.contentFolder, includeDrafts: content.drafts)
        var now = content.pipeline()
        let (old, _) = before.parse(html: false)
        let (new, diagnostics) = now.parse(html: false)
        DiagnosticPrinter.print(diagnostics.filter { $0.severity == .error })
        let changes = FrameworkChanges(from: old, to: new)
        switch format {
        case .text: print(ChangesReport.text(changes, since: revision, commit: then.commit, date: then.date), terminator: "")
        case .markdown: print(ChangesReport.markdown(changes, since: revision, commit: then.commit, date: then.date), terminator: "")
        case .json: FileHandle.standardOutput.write(ChangesReport.json(changes, since: revision, commit: then.commit, date: then.date))
        }
    }
}
