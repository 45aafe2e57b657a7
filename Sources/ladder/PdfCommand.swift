import ArgumentParser
import Foundation
import LadderPrint
import LadderBuild
import LadderSite

struct PdfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Print a booklet per track and a PDF per role, through the site's print CSS.",
        discussion: "TARGET is a track slug (its booklet and roles) or track/role. Without targets, everything.")

    @Option(help: "The built site to print; built from --content first if it has no pages yet.")
    var site = "site"

    @Option(help: "Where the PDFs go.")
    var output = "pdf"

    @Option(help: "a4 or letter.")
    var paper: PDFPrinter.Paper = .a4

    @Flag(help: "Write into an output folder that holds files ladder did not write.")
    var force = false

    @Option(help: "The Chromium to print with (default: chromium, chromium-browser or google-chrome on PATH).")
    var chromium: String?

    @OptionGroup var content: ContentOptions

    @OptionGroup var templateOptions: TemplateOptions

    @Argument(help: "Tracks or track/role to print.")
    var targets: [String] = []

    func run() throws {
        guard let chromiumPath = PDFPrinter.findChromium(explicit: chromium) else { fail("\(PDFError.noChromium)") }
        templateOptions.requireFolder()
        let pdfGuard = OutputGuard(
            protecting: [("content", content.content), ("site", site)] + (templateOptions.folder.map { [("templates", $0)] } ?? []),
            force: force, marker: PDFPrinter.marker)
        if let refusal = pdfGuard.refusal(for: output) { fail(Output.escaped(refusal)) }
        let siteURL = URL(fileURLWithPath: site)
        if !FileManager.default.fileExists(atPath: siteURL.appendingPathComponent("framework.json").path) {
            content.requireFolder()
            let siteGuard = OutputGuard.forSite(content: content.content, templates: templateOptions.folder, force: false)
            if let refusal = siteGuard.refusal(for: site) { fail(Output.escaped(refusal)) }
            var pipeline = content.pipeline(templates: templateOptions.folder)
            let result = pipeline.build(to: DiskSink(folder: siteURL, guard: siteGuard))
            DiagnosticPrinter.print(result.diagnostics.filter { $0.severity == .error })
            guard result.written else { fail("the site could not be built, so nothing was printed") }
        }
        let jobs: [PDFJob]
        do { jobs = try PDFPrinter.jobs(site: siteURL, targets: targets) } catch { fail("\(error)") }
        let start = Date()
        let bar = ProgressLine(interactive: isatty(STDOUT_FILENO) == 1)
        let failures = try PDFPrinter(chromium: chromiumPath).print(
            jobs, site: siteURL, paper: paper, output: URL(fileURLWithPath: output)
        ) { done, total, job, failure in
            bar.show(done: done, total: total, name: job.fileName, failure: failure)
        }
        bar.finish()
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        guard failures.isEmpty else {
            for (job, reason) in failures {
                FileHandle.standardError.write(Data("ladder: \(job.fileName) failed: \(reason)\n".utf8))
            }
            fail("\(failures.count) of \(jobs.count) PDFs failed")
        }
        print("Printed \(jobs.count) PDF\(jobs.count == 1 ? "" : "s") to \(output)/ in \(seconds) s")
    }

    private func fail(_ message: String) -> Never { Output.fail(message) }
}

extension PDFPrinter.Paper: ExpressibleByArgument {}

/// A progress bar redrawn in place on a terminal; one line per document otherwise.
private final class ProgressLine: @unchecked Sendable {  // writes happen under `lock`; `interactive` never changes
    let interactive: Bool
    private let lock = NSLock()

    init(interactive: Bool) { self.interactive = interactive }

    func show(done: Int, total: Int, name: String, failure: String?) {
        lock.withLock {
            if interactive {
                let width = 30, filled = total == 0 ? width : done * width / total
                let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
                FileHandle.standardOutput.write(Data("\r[\(bar)] \(done)/\(total) \(name.padding(toLength: 40, withPad: " ", startingAt: 0))".utf8))
            } else {
                FileHandle.standardOutput.write(Data("\(done)/\(total) \(name)\(failure == nil ? "" : " FAILED")\n".utf8))
            }
        }
    }

    func finish() {
        if interactive { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
}
