import ArgumentParser
import Foundation
import LadderHealth
import LadderServe
import LadderSite

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Render the framework into a static site.")

    @OptionGroup var content: ContentOptions

    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: "Where the site is written. It is replaced whole, and only when the build succeeds.")
    var output = "site"

    @Flag(help: "Fail on any error, health findings included.")
    var strict = false

    func run() throws {
        var pipeline = Pipeline(contentFolder: content.content, templatesFolder: templateOptions.templates, includeDrafts: content.drafts)
        let result = pipeline.build(to: DiskSink(folder: URL(fileURLWithPath: output)), strict: strict)
        // Health findings are summed up here; `ladder check` lists them.
        DiagnosticPrinter.print(result.diagnostics.filter { !HealthChecks.isHealthCheck($0.check) || $0.severity == .error })
        guard result.written, let framework = result.framework else {
            FileHandle.standardError.write(Data(
                "ladder: build failed (\(DiagnosticPrinter.summary(result.diagnostics))); \(output)/ was left as it was\n".utf8))
            throw ExitCode.failure
        }
        let roles = framework.tracks.reduce(0) { $0 + $1.roles.count }
        print(
            "Built \(output)/: \(result.files) files, \(framework.tracks.count) track\(framework.tracks.count == 1 ? "" : "s"), "
                + "\(roles) role\(roles == 1 ? "" : "s"); "
                + "health: \(DiagnosticPrinter.summary(result.diagnostics)) (\(pipeline.timingSummary))")
        exitWithoutFreeing(0, keeping: result)
    }
}
