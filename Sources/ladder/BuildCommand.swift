import ArgumentParser
import Foundation
import LadderServe
import LadderSite

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Render the framework into a static site.")

    @OptionGroup var content: ContentOptions

    @Option(help: "A folder of templates; a file here replaces the built-in file of the same name.")
    var templates = "templates"

    @Option(help: "Where the site is written. It is replaced whole, and only when the build succeeds.")
    var output = "site"

    func run() throws {
        var pipeline = Pipeline(contentFolder: content.content, templatesFolder: templates, includeDrafts: content.drafts)
        let result = pipeline.build(to: DiskSink(folder: URL(fileURLWithPath: output)))
        DiagnosticPrinter.print(result.diagnostics)
        guard result.written, let framework = result.framework else {
            FileHandle.standardError.write(Data(
                "ladder: build failed (\(DiagnosticPrinter.summary(result.diagnostics))); \(output)/ was left as it was\n".utf8))
            throw ExitCode.failure
        }
        let roles = framework.tracks.reduce(0) { $0 + $1.roles.count }
        print(
            "Built \(output)/: \(result.pages.count) files, \(framework.tracks.count) tracks, \(roles) roles; "
                + "\(DiagnosticPrinter.summary(result.diagnostics)) (\(pipeline.timingSummary))")
    }
}
