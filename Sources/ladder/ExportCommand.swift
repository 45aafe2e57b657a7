import ArgumentParser
import Foundation
import LadderAnalysis
import LadderHealth
import LadderBuild
import LadderSite

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print the framework model (the same JSON as site/framework.json).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
    }

    @OptionGroup var content: ContentOptions

    @Option(help: "Output format.")
    var format: Format = .json

    func run() throws {
        content.requireFolder()
        var pipeline = content.pipeline()
        let (framework, diagnostics) = pipeline.parse()
        DiagnosticPrinter.print(diagnostics.withoutNotes)
        guard diagnostics.errorCount == 0 else { throw ExitCode.failure }
        let analysis = FrameworkAnalysis(framework)
        // Indented on a terminal, for reading; compact into a pipe or a file, as on the site.
        FileHandle.standardOutput.write(FrameworkExport.json(
            framework, analysis: analysis, report: HealthReport(framework, analysis: analysis), pretty: isatty(1) == 1))
    }
}
