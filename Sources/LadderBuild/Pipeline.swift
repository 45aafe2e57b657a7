import Foundation
import LadderAnalysis
import LadderHealth
import LadderModel
import LadderParser
import LadderSite

/// What a preview session keeps across rebuilds, so that a rebuild reads again only the files
/// that changed, checks again only what they can change, and parses the templates again only
/// when they changed. One value per session, owned by the preview server.
public final class BuildSession: Sendable {
    public let loadCache = LoadCache()
    public let parseCache = ParseCache()
    public let templateCache = TemplateCache()
    public let analysisMemo = AnalysisMemo()
    public let healthMemo = HealthMemo()
    /// Whether the templates folder changed since the last build (set before each rebuild).
    private let unchanged = Locked(false)

    public init() {}

    public var templatesUnchanged: Bool {
        get { unchanged.value }
        set { unchanged.value = newValue }
    }

    /// Files the last build read.
    public var lastReads: Int { parseCache.lastMisses }

    /// The last git history read, with what it was read for: a rebuild after an edit (no
    /// commit) does not run git again.
    let gitHistory = Locked<(key: GitHistory.Key, history: GitHistory)?>(nil)

    /// The framework as it was at `changes_since:`, with what it was read for: reading a
    /// revision (git archive, then a parse) is not repeated on every edit.
    let changesBase = Locked<(revision: String, key: GitHistory.Key, framework: Framework, commit: String, date: String)?>(nil)
}

/// A value shared between threads, read and written under a lock.
final class Locked<Value: Sendable>: @unchecked Sendable {  // `stored` is only touched under `lock`
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// load → parse → render → write, each phase timed. `ladder build` sends the pages to disk;
/// the preview server sends them to memory; `check` and `export` stop after parse.
public struct Pipeline: Sendable {
    public var contentFolder: String
    public var templatesFolder: String?
    public var includeDrafts: Bool
    /// Content files larger than this are an error, not a read.
    public var maximumFileSize = ContentLoader.defaultMaximumFileSize
    /// What a preview session keeps from one build to the next; nil for a one-off build.
    public var session: BuildSession?
    /// The preview for authors: role pages carry a panel of their health findings.
    public var authorMode = false
    /// Records the files read and the pages rendered, for the tests that count work.
    public var workLog: WorkLog?
    /// Reads when each file last changed from git (the commands do; tests of whole sites do
    /// not, so that their output does not depend on this repository's history).
    public var readsGitHistory = false
    public private(set) var timings: [(phase: String, seconds: Double)] = []

    public init(contentFolder: String, templatesFolder: String? = nil, includeDrafts: Bool = false) {
        self.contentFolder = contentFolder
        self.templatesFolder = templatesFolder
        self.includeDrafts = includeDrafts
    }

    /// `html: false` skips rendering Markdown to HTML, for callers that show only text.
    public mutating func parse(html: Bool = true) -> (Framework, [Diagnostic]) {
        let folder = contentFolder, options = ParseOptions(
            includeDrafts: includeDrafts, renderHTML: html, cache: session?.parseCache, workLog: workLog)
        let loadCache = session?.loadCache, limit = maximumFileSize
        let (files, loadDiagnostics) = timed("load") {
            ContentLoader.load(contentFolder: folder, cache: loadCache, maximumFileSize: limit)
        }
        var (framework, parseDiagnostics) = timed("parse") { FrameworkParser.parse(files, options: options) }
        // Files named from the content folder's parent (`content/engineering/a.md`), for edit
        // links; from the repository's root when git knows better.
        let folderName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        framework.repositoryPaths = Dictionary(files.map { ($0.path, folderName + "/" + $0.relativePath) }, uniquingKeysWith: { $1 })
        if readsGitHistory {
            let cache = session?.gitHistory
            let history = timed("git") {
                let key = GitHistory.Key(contentFolder: folder, files: files.map(\.path))
                if let kept = cache?.value, kept.key == key { return kept.history }
                let history = GitHistory.read(contentFolder: folder, files: files)
                cache?.value = (key, history)
                return history
            }
            framework.lastChanged = history.lastChanged
            framework.repositoryPaths.merge(history.repositoryPaths) { $1 }
        }
        return (framework, (loadDiagnostics + parseDiagnostics).sorted())
    }

    /// A framework read and judged: what `ladder check` reports.
    public struct Checked: Sendable {
        public var framework: Framework
        /// The parser's diagnostics (with the framework's check settings applied) and the health
        /// findings, in file order.
        public var diagnostics: [Diagnostic]
        public var analysis: FrameworkAnalysis
        public var report: HealthReport
    }

    /// `strict`: a broken link is an error, not a warning.
    public mutating func check(html: Bool = true, strict: Bool = false) -> Checked {
        let (framework, parsed) = parse(html: html)
        let analysisMemo = session?.analysisMemo, healthMemo = session?.healthMemo
        let analysis = timed("analysis") { FrameworkAnalysis(framework, memo: analysisMemo, behaviourIDs: html) }
        let report = timed("check") { HealthReport(framework, analysis: analysis, memo: healthMemo) }
        // With --strict, a link that leads nowhere stops the build.
        let promoted = strict ? parsed.map { $0.check == "broken-link" ? Diagnostic(.error, $0.check, $0.message, at: $0.location) : $0 } : parsed
        let diagnostics = HealthReport.applySettings(framework.checkSettings, to: promoted) + report.findings.map(\.diagnostic)
        return Checked(framework: framework, diagnostics: diagnostics.sorted(), analysis: analysis, report: report)
    }

    /// What a build did: its diagnostics, and the framework and pages when it got that far.
    public struct BuildResult: Sendable {
        /// The parser's and the templates' diagnostics: what can stop a build.
        public var diagnostics: [Diagnostic]
        public var framework: Framework?
        /// Files the site has (written when `written`).
        public var files: Int
        /// Of those, HTML pages.
        public var pages: Int
        /// True when the pages reached the sink.
        public var written: Bool
    }

    /// A build up to its pages: the diagnostics, and the site's plan when the content and
    /// templates could be read (and, with `strict`, the health report has no errors either).
    public struct PlanResult: Sendable {
        public var diagnostics: [Diagnostic]
        public var framework: Framework
        public var plan: SitePlan?
    }

    /// Everything but rendering: the preview server renders a page when it is asked for.
    /// Health findings are reported, not fatal.
    public mutating func plan(strict: Bool = false) -> PlanResult {
        let checked = check(strict: strict)
        let (framework, diagnostics) = (checked.framework, checked.diagnostics)
        let overrides = templatesFolder, templateCache = session?.templateCache, unchanged = session?.templatesUnchanged ?? false
        let (templates, templateDiagnostics) = timed("templates") {
            TemplateSet.load(overrides: overrides, cache: templateCache, unchanged: unchanged)
        }
        var all = diagnostics + templateDiagnostics
        let unreadable = all.filter { $0.severity == .error && !HealthChecks.isHealthCheck($0.check) }
        guard unreadable.isEmpty, !(strict && all.errorCount > 0), let templates else {
            return PlanResult(diagnostics: all, framework: framework, plan: nil)
        }
        var parserWarnings = diagnostics.filter { !HealthChecks.isHealthCheck($0.check) }
        let readsGit = readsGitHistory, folder = contentFolder, drafts = includeDrafts, base = session?.changesBase
        let (changes, changesProblem) = timed("changes") {
            readsGit ? Self.changesSince(framework, contentFolder: folder, includeDrafts: drafts, kept: base) : (nil, nil)
        }
        if let changesProblem {
            all.append(changesProblem)
            parserWarnings.append(changesProblem)
        }
        let workLog = self.workLog, authorMode = self.authorMode
        let plan = timed("plan") {
            SiteRenderer.plan(
                framework, analysis: checked.analysis, report: checked.report, otherDiagnostics: parserWarnings, templates: templates,
                authorMode: authorMode, changes: changes, workLog: workLog)
        }
        let collisions = plan.collisions.map(Self.collisionError)
        guard collisions.isEmpty else {
            return PlanResult(diagnostics: (all + collisions).sorted(), framework: framework, plan: nil)
        }
        return PlanResult(diagnostics: all, framework: framework, plan: plan)
    }

    /// framework.yml's `changes_since:`, compared with the content as it is now; or why it
    /// cannot be (a warning at the setting). Only where git dates are read (the commands).
    /// `kept`: the preview's copy of the revision's framework, used while the repository is as
    /// it was.
    static func changesSince(
        _ framework: Framework, contentFolder: String, includeDrafts: Bool,
        kept: Locked<(revision: String, key: GitHistory.Key, framework: Framework, commit: String, date: String)?>? = nil
    ) -> (SiteChanges?, Diagnostic?) {
        guard let setting = framework.changesSince else { return (nil, nil) }
        let key = GitHistory.Key(contentFolder: contentFolder, files: [])
        if let base = kept?.value, base.revision == setting.revision, base.key == key {
            return (SiteChanges(changes: FrameworkChanges(from: base.framework, to: framework), revision: base.revision, commit: base.commit, date: base.date), nil)
        }
        do {
            let then = try GitRevision(setting.revision, contentFolder: contentFolder)
            defer { try? FileManager.default.removeItem(at: then.temporaryFolder) }
            var before = Pipeline(contentFolder: then.contentFolder, includeDrafts: includeDrafts)
            let (old, _) = before.parse(html: false)
            kept?.value = (setting.revision, key, old, then.commit, then.date)
            return (SiteChanges(changes: FrameworkChanges(from: old, to: framework), revision: setting.revision, commit: then.commit, date: then.date), nil)
        } catch {
            return (nil, .warning("changes-since", "'changes_since: \(setting.revision)': \(error); the site has no changes page until then", at: setting.location))
        }
    }

    /// Two files of the site at one path: one would hide the other, so the build stops.
    public static func collisionError(_ collision: SitePlan.Collision) -> Diagnostic {
        func name(_ source: SourceLocation?) -> String { source.map { "the page from \($0)" } ?? "one of the site's own pages" }
        let at = collision.second ?? collision.first ?? .whole(collision.path)
        if collision.secondIsRedirect {
            return .error(
                "alias-collision",
                "this alias is the address of \(name(collision.first)) (\(collision.path)), so its redirect would hide that page; remove the alias or change it",
                at: at)
        }
        return .error(
            "page-collision",
            "two pages of the site would be written to \(collision.path): \(name(collision.first)) and \(name(collision.second)); give one of them another title or a 'slug:'",
            at: at)
    }

    /// The whole build. Nothing reaches the sink unless there is a plan, so a failed build
    /// leaves the previous site alone.
    public mutating func build(to sink: OutputSink, strict: Bool = false) -> BuildResult {
        let planned = plan(strict: strict)
        var result = BuildResult(
            diagnostics: planned.diagnostics, framework: planned.framework, files: 0, pages: 0,
            written: false)
        guard let plan = planned.plan else { return result }
        result.files = plan.paths.count
        result.pages = plan.paths.count { $0.hasSuffix(".html") }
        do {
            try timed("render and write") { try sink.write(plan) }
            plan.reportProfile()
            result.written = true
        } catch let error as OutputError {
            switch error {
            case .write(let path, let reason):
                result.diagnostics.append(.error("write-failed", "cannot write this file: \(reason)", at: .whole(path)))
            case .refused(let reason):
                result.diagnostics.append(.error("output-refused", reason, at: .whole(outputName(sink))))
            case .unsafePath:
                result.diagnostics.append(.error("write-failed", "\(error)", at: .whole(outputName(sink))))
            }
        } catch {
            result.diagnostics.append(.error("write-failed", "\(error)", at: .whole(outputName(sink))))
        }
        return result
    }

    private func outputName(_ sink: OutputSink) -> String {
        (sink as? DiskSink)?.folder.path ?? "output"
    }

    public var timingSummary: String {
        timings.map { "\($0.phase) \(String(format: "%.1f", $0.seconds * 1000)) ms" }.joined(separator: ", ")
    }

    private mutating func timed<T>(_ phase: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try work()
        timings.append((phase, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return result
    }
}
