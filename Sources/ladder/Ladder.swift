import ArgumentParser

import Foundation

@main
struct Ladder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ladder",
        abstract: "Build a static career site from a career framework written in Markdown.",
        subcommands: [InitCommand.self, BuildCommand.self, CheckCommand.self, ServeCommand.self, PdfCommand.self, ExportCommand.self]
    )

    /// Bad usage exits with 2, as DESIGN.md asks (ArgumentParser's own default is 64).
    static func main() {
        Heap.prepare()
        if let check = CheckRequest(plainArguments: CommandLine.arguments.dropFirst()) { check.run() }
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
}

/// `--content` and `--drafts`, shared by the commands that read a framework.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The folder that holds framework.yml and one folder per track.")
    var content = "content"

    @Flag(name: .long, help: "Include roles marked 'draft: true'.")
    var drafts = false
}

/// `--templates`, shared by the commands that render pages.
struct TemplateOptions: ParsableArguments {
    @Option(help: "A folder of templates; a file here replaces the built-in file of the same name.")
    var templates = "templates"
}
