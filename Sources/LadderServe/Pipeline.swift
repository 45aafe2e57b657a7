import Foundation
import LadderHealth
import LadderModel
import LadderParser
import LadderSite

/// load → parse → render → write, each phase timed. `ladder build` sends the pages to disk;
/// the preview server sends them to memory; `check` and `export` stop after parse.
public struct Pipeline {
    public var contentFolder: String
    public var templatesFolder: String?
    public var includeDrafts: Bool
    public private(set) var timings: [(phase: String, seconds: Double)] = []

    public init(contentFolder: String, templatesFolder: String? = nil, includeDrafts: Bool = false) {
        self.contentFolder = contentFolder
        self.templatesFolder = templatesFolder
        self.includeDrafts = includeDrafts
    }

    public mutating func parse() -> (Framework, [Diagnostic]) {
        let folder = contentFolder, options = ParseOptions(includeDrafts: includeDrafts)
        let (files, loadDiagnostics) = timed("load") { ContentLoader.load(contentFolder: folder) }
        let (framework, parseDiagnostics) = timed("parse") { FrameworkParser.parse(files, options: options) }
        return (framework, (loadDiagnostics + parseDiagnostics).sorted())
    }

    /// What a build did: its diagnostics, and the framework and pages when it got that far.
    public struct BuildResult {
        public var diagnostics: [Diagnostic]
        public var framework: Framework?
        public var pages: [Page]
        /// True when the pages reached the sink.
        public var written: Bool
    }

    /// The whole build. Nothing reaches the sink unless the content and templates had no errors
    /// (and, with `strict`, no warnings), so a failed build leaves the previous site alone.
    public mutating func build(to sink: OutputSink, strict: Bool = false) -> BuildResult {
        let (framework, diagnostics) = parse()
        let overrides = templatesFolder
        let (templates, templateDiagnostics) = timed("templates") { TemplateSet.load(overrides: overrides) }
        var all = diagnostics + templateDiagnostics
        guard all.errorCount == 0, !(strict && all.warningCount > 0), let templates else {
            return BuildResult(diagnostics: all, framework: framework, pages: [], written: false)
        }
        let report = timed("check") { HealthReport(framework) }
        let pages = timed("render") { SiteRenderer.render(framework, report: report, templates: templates) }
        do {
            try timed("write") { try sink.write(pages) }
        } catch {
            all.append(.error("write-failed", "\(error)", at: SourceLocation(file: contentFolder)))
            return BuildResult(diagnostics: all, framework: framework, pages: pages, written: false)
        }
        return BuildResult(diagnostics: all, framework: framework, pages: pages, written: true)
    }

    public var timingSummary: String {
        timings.map { "\($0.phase) \(Int(($0.seconds * 1000).rounded())) ms" }.joined(separator: ", ")
    }

    private mutating func timed<T>(_ phase: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try work()
        timings.append((phase, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return result
    }
}

/// Compiler-style diagnostics and the one-line summary.
public enum DiagnosticPrinter {
    public static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
