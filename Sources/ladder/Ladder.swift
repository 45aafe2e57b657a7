import ArgumentParser

@main
struct Ladder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ladder",
        abstract: "Build a static career site from a career framework written in Markdown.",
        subcommands: [BuildCommand.self, ExportCommand.self]
    )
}

/// `--content` and `--drafts`, shared by the commands that read a framework.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The folder that holds framework.yml and one folder per track.")
    var content = "content"

    @Flag(name: .long, help: "Include roles marked 'draft: true'.")
    var drafts = false
}
