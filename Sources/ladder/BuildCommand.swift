import ArgumentParser
import Foundation
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
        var pipeline = Pipeline(contentFolder: content.content, includeDrafts: content.drafts)
        let (framework, diagnostics) = pipeline.parse()
        let (templateSet, templateDiagnostics) = TemplateSet.load(overrides: templates)
        let all = diagnostics + templateDiagnostics
        DiagnosticPrinter.print(all)
        guard all.errorCount == 0, let templateSet else {
            FileHandle.standardError.write(Data(
                "ladder: build failed (\(DiagnosticPrinter.summary(all))); \(output)/ was left as it was\n".utf8))
            throw ExitCode.failure
        }
        let pages = pipeline.render(framework, templates: templateSet)
        do {
            try pipeline.write(pages, to: DiskSink(folder: URL(fileURLWithPath: output)))
        } catch {
            FileHandle.standardError.write(Data("ladder: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let roles = framework.tracks.reduce(0) { $0 + $1.roles.count }
        print(
            "Built \(output)/: \(pages.count) files, \(framework.tracks.count) tracks, \(roles) roles; "
                + "\(DiagnosticPrinter.summary(all)) (\(pipeline.timingSummary))")
    }
}
