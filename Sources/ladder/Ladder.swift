import ArgumentParser
import Foundation
import LadderParser
import LadderBuild

@main
struct Ladder: ParsableCommand {
    static let version = "0.5.0"

    static let configuration = CommandConfiguration(
        commandName: "ladder",
        abstract: "Build a static career site from a career framework written in Markdown.",
        version: version,
        subcommands: [
            InitCommand.self, BuildCommand.self, CheckCommand.self, ServeCommand.self, PdfCommand.self, ExportCommand.self,
            ImportCommand.self, ChangesCommand.self,
        ]
    )

    /// Bad usage exits with 2, as README.md's Commands section says (ArgumentParser's own default is 64).
    static func main() {
        if let unknown = unknownSubcommand(CommandLine.arguments.dropFirst()) { Output.usageError(unknown) }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// "unknown command 'biuld'; did you mean 'build'?" for a first word that names no command.
    static func unknownSubcommand(_ arguments: ArraySlice<String>) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), word != "help" else { return nil }
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard !names.contains(word) else { return nil }
        let nearest = names.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }.min { $0.distance < $1.distance }
        var message = "unknown command '\(Output.escaped(word))'"
        if let nearest, nearest.distance <= max(2, word.count / 3) { message += "; did you mean '\(nearest.name)'?" }
        return message + " Commands: \(names.joined(separator: ", ")); see 'ladder --help'"
    }

    /// Levenshtein distance, for suggestions among a handful of short names.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}

/// `--content` and `--drafts`, shared by the commands that read a framework.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The folder that holds framework.yml and one folder per track.")
    var content = "content"

    @Flag(name: .long, help: "Include roles marked 'draft: true'.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("The largest content file read, in megabytes.", valueName: "MB"))
    var maxFileSize = ContentLoader.defaultMaximumFileSize >> 20

    var maximumFileSize: Int { max(0, maxFileSize) << 20 }

    /// The pipeline over this content, with these templates.
    func pipeline(templates: String? = nil) -> Pipeline {
        var pipeline = Pipeline(contentFolder: content, templatesFolder: templates, includeDrafts: drafts)
        pipeline.maximumFileSize = maximumFileSize
        pipeline.readsGitHistory = true
        return pipeline
    }

    /// Stops with one clear error when the content folder is missing or is a file.
    func requireFolder() {
        if let problem = ContentOptions.problem(with: content) { Output.fail(problem) }
    }

    static func problem(with folder: String) -> String? {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            return "content folder '\(Output.escaped(folder))' not found; pass --content with the folder that holds your tracks, or run 'ladder init' to start one"
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return "'\(Output.escaped(folder))' is a file, not a content folder; pass --content with the folder that holds your tracks"
        }
        return nil
    }
}

/// `--templates`, shared by the commands that render pages.
struct TemplateOptions: ParsableArguments {
    @Option(help: "A folder of templates; a file here replaces the built-in file of the same name (default: templates, when it exists).")
    var templates: String?

    /// The folder to read overrides from: the one given (which must exist), else `templates`
    /// when there is one, else none (the built-in set alone).
    var folder: String? {
        if let templates { return templates }
        var info = stat()
        return stat("templates", &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? "templates" : nil
    }

    /// Stops with one clear error when `--templates` names no folder.
    func requireFolder() {
        guard let templates else { return }
        var info = stat()
        if stat(templates, &info) != 0 {
            Output.fail("templates folder '\(Output.escaped(templates))' not found; pass --templates with a folder of .mustache files, or leave it out to use the built-in templates")
        }
        if info.st_mode & S_IFMT != S_IFDIR {
            Output.fail("'\(Output.escaped(templates))' is a file, not a templates folder; pass --templates with a folder of .mustache files")
        }
    }
}
