import Foundation
import LadderModel
import LadderParser
import LadderSite

/// load → parse → render → write, with each phase timed. `check` stops after parse; the
/// preview server will send the pages to memory instead of disk.
struct Pipeline {
    var contentFolder: String
    var includeDrafts = false
    private(set) var timings: [(phase: String, seconds: Double)] = []

    init(contentFolder: String, includeDrafts: Bool = false) {
        self.contentFolder = contentFolder
        self.includeDrafts = includeDrafts
    }

    mutating func parse() -> (Framework, [Diagnostic]) {
        let folder = contentFolder, options = ParseOptions(includeDrafts: includeDrafts)
        let (files, loadDiagnostics) = timed("load") { ContentLoader.load(contentFolder: folder) }
        let (framework, parseDiagnostics) = timed("parse") { FrameworkParser.parse(files, options: options) }
        return (framework, (loadDiagnostics + parseDiagnostics).sorted())
    }

    mutating func render(_ framework: Framework, templates: TemplateSet) -> [Page] {
        timed("render") { SiteRenderer.render(framework, templates: templates) }
    }

    mutating func write(_ pages: [Page], to sink: OutputSink) throws {
        try timed("write") { try sink.write(pages) }
    }

    var timingSummary: String {
        timings.map { "\($0.phase) \(Self.milliseconds($0.seconds))" }.joined(separator: ", ")
    }

    static func milliseconds(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded())) ms" }

    private mutating func timed<T>(_ phase: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try work()
        timings.append((phase, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return result
    }
}

/// Prints diagnostics compiler-style on standard error.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
