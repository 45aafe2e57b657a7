import ArgumentParser
import Foundation
import LadderHealth
import LadderBuild
import LadderSite

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Render the framework into a static site.")

    @OptionGroup var content: ContentOptions

    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: "Where the site is written. It is replaced whole, and only when the build succeeds.")
    var output = "site"

    @Flag(help: "Replace an output folder that holds files ladder did not write.")
    var force = false

    @Flag(help: "Fail on any error, health findings included.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print the time each phase took.")
    var verbose = false

    func run() throws {
        content.requireFolder()
        templateOptions.requireFolder()
        let outputGuard = OutputGuard.forSite(content: content.content, templates: templateOptions.folder, force: force)
        if let refusal = outputGuard.refusal(for: output) { Output.fail(Output.escaped(refusal)) }
        var pipeline = content.pipeline(templates: templateOptions.folder)
        var sink = DiskSink(folder: URL(fileURLWithPath: output), guard: outputGuard)
        sink.onWait = { Output.note("another build is writing \(Output.escaped(output))/; waiting for it to finish") }
        let result = pipeline.build(to: sink, strict: strict)
        // Health findings are summed up here; `ladder check` lists them.
        DiagnosticPrinter.print(result.diagnostics.filter {
            ($0.severity == .note && verbose) || ($0.severity != .note && (!HealthChecks.isHealthCheck($0.check) || $0.severity == .error))
        })
        let shown = Output.escaped(output)
        guard result.written, let framework = result.framework else {
            Output.note("build failed (\(DiagnosticPrinter.summary(result.diagnostics))); \(shown)/ was left as it was")
            throw ExitCode.failure
        }
        let roles = framework.tracks.reduce(0) { $0 + $1.roles.count }
        print(
            "Built \(shown)/: \(Output.count(result.pages, "page")), \(Output.count(framework.tracks.count, "track")), "
                + "\(Output.count(roles, "role")); \(DiagnosticPrinter.summary(result.diagnostics))")
        if verbose { print("Phases: \(pipeline.timingSummary)") }
        exitWithoutFreeing(0, keeping: result)
    }
}

extension OutputGuard {
    /// A site folder must stay clear of the content and the templates it is built from.
    static func forSite(content: String, templates: String?, force: Bool) -> OutputGuard {
        OutputGuard(protecting: [("content", content)] + (templates.map { [("templates", $0)] } ?? []), force: force)
    }
}
