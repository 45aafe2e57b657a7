import Foundation
import LadderHealth
import LadderAnalysis
import LadderModel

/// Framework + health report + templates → every file of the site. A pure function: no I/O,
/// no clock, and the pages come back sorted by path, so the same input gives the same bytes.
public enum SiteRenderer {
    /// Every page, rendered on every core. `otherDiagnostics` are the parser's warnings, shown on
    /// the health page with the findings; `workLog` records each view model made and each page
    /// rendered, for the tests that count work.
    public static func render(
        _ framework: Framework, analysis: FrameworkAnalysis, report: HealthReport, otherDiagnostics: [Diagnostic] = [],
        templates: TemplateSet, workLog: WorkLog? = nil
    ) -> [Page] {
        plan(framework, analysis: analysis, report: report, otherDiagnostics: otherDiagnostics, templates: templates, workLog: workLog)
            .renderAll()
    }

    /// Every page of `framework` with the analysis and health report made here: for tests and
    /// tools that have only the framework.
    public static func render(_ framework: Framework, templates: TemplateSet) -> [Page] {
        let analysis = FrameworkAnalysis(framework)
        return render(framework, analysis: analysis, report: HealthReport(framework, analysis: analysis), templates: templates)
    }

    /// What `render` would make, with each file made only when asked for.
    public static func plan(
        _ framework: Framework, analysis: FrameworkAnalysis, report: HealthReport, otherDiagnostics: [Diagnostic] = [],
        templates: TemplateSet, authorMode: Bool = false, changes: SiteChanges? = nil, workLog: WorkLog? = nil
    ) -> SitePlan {
        let site = SiteContext(
            framework: framework, analysis: analysis, report: report, templates: templates, authorMode: authorMode,
            links: ContentLinks(framework), changes: changes)
        let profile = RenderProfile()
        var files: [SitePlan.File] = []
        // A page's view model and template run only when the page is asked for.
        func add(
            _ path: String, _ title: String, _ kind: String, from source: SourceLocation? = nil,
            description: @escaping @autoclosure () -> String? = nil, _ view: @escaping @autoclosure () -> [String: Any]
        ) {
            // Both made only when the page is: the plan of a large site is made on every edit
            // in the preview, and an excerpt costs a regular expression.
            files.append(SitePlan.File(path: path, source: source) {
                workLog?.record("view model", path)
                let model = profile.time(kind, "view model", view)
                return profile.time(kind, "template") {
                    workLog?.record("render", path)
                    return page(at: path, title: title, kind: kind, description: description(), model, site, templates)
                }
            })
        }

        add("index.html", framework.title, "index", IndexView.make(site))
        for track in framework.tracks {
            let alignment = site.alignments[track.slug]!
            add(Links.track(track), track.title, "track", from: track.location,
                description: IndexView.excerpt(track.introHTML), TrackView.make(track, site: site))
            add(Links.matrix(track), "\(track.title) matrix", "matrix", MatrixView.make(track, alignment: alignment))
            add(Links.booklet(track), "\(track.title) booklet", "booklet", BookletView.make(track, alignment: alignment, site: site))
            files.append(SitePlan.File(path: "\(track.slug)/matrix.csv", source: nil) {
                Data(MatrixCSV.make(track, alignment: alignment).utf8)
            })
            for (index, role) in track.roles.enumerated() {
                add(Links.role(role, in: track), "\(role.title) · \(track.title)", "role", from: role.location,
                    description: role.summary.map { IndexView.excerpt($0.html) }
                        ?? "\(track.title), level \(role.level.id): what a \(role.title) does, area by area.",
                    RoleView.make(role, at: index, in: track, site: site))
                if index + 1 < track.roles.count {
                    let next = track.roles[index + 1]
                    add(Links.next(role, in: track), "From \(role.title) to \(next.title)", "next", from: role.location,
                        NextLevelView.make(from: index, in: track, alignment: alignment))
                }
            }
        }
        add("health/index.html", "Health", "health", HealthPageView.make(site, otherDiagnostics: otherDiagnostics))
        if !framework.tracks.isEmpty {
            add("levels/index.html", "Levels across tracks", "levels", LevelsView.make(site))
            add("compare/index.html", "Compare two roles", "compare", CompareView.make(site))
            // Its behaviours come from search/index.js: the page holds only its controls.
            add("assess/index.html", "Self-assessment", "assess", [:])
        }
        if !framework.abilities.isEmpty {
            add("abilities/index.html", "Abilities", "abilities", AbilityViews.index(site))
            for ability in framework.abilities {
                add(Links.ability(ability.slug), ability.title, "ability", from: ability.location, AbilityViews.page(ability, site: site))
            }
            add("calculator/index.html", "Eligibility calculator", "calculator", CalculatorView.make(site))
        }
        if !framework.assignments.isEmpty {
            add("assignments/index.html", "Assignments", "assignments", AssignmentViews.index(site))
            for assignment in framework.assignments {
                add(Links.assignment(assignment.slug), assignment.title, "assignment", from: assignment.location,
                    AssignmentViews.page(assignment, site: site))
            }
        }
        if let changes {
            add("changes/index.html", "Changes since \(changes.revision)", "changes", ChangesView.make(changes))
        }
        // The page has a search box of its own in place of the header's.
        add("search/index.html", "Search", "search", [
            "isSearch": true, "hasAbilities": !framework.abilities.isEmpty, "hasAssignments": !framework.assignments.isEmpty,
        ])
        files.append(SitePlan.File(path: "search/index.js", source: nil) { SearchIndex.script(site) })
        // Old addresses last, so that one that is also a page's address is the one refused.
        var redirects: [(from: Alias, to: String, title: String)] = []
        for track in framework.tracks {
            redirects += track.aliases.map { ($0, Links.track(track), track.title) }
            for role in track.roles { redirects += role.aliases.map { ($0, Links.role(role, in: track), role.title) } }
        }
        for redirect in redirects {
            files.append(SitePlan.File(path: redirect.from.file, source: redirect.from.location, isRedirect: true) {
                Redirects.page(from: redirect.from.file, to: redirect.to, title: redirect.title)
            })
        }
        if !redirects.isEmpty {
            files.append(SitePlan.File(path: "_redirects", source: nil) { Redirects.rules(redirects.map { ($0.from, $0.to) }) })
        }
        files.append(SitePlan.File(path: "framework.json", source: nil) {
            // Links between content files lead to pages, named from the site's root.
            site.links.resolving(FrameworkExport.json(framework, analysis: analysis, report: report), root: "")
        })
        for asset in templates.assets { files.append(SitePlan.File(path: asset.path, source: nil) { asset.bytes }) }
        return SitePlan(files, profile: profile)
    }

    private static func page(
        at path: String, title: String, kind: String, description: String?, _ content: [String: Any], _ site: SiteContext,
        _ templates: TemplateSet
    ) -> Data {
        var view = content
        view["root"] = Links.root(of: path)
        // What a link pasted into chat shows, and whether search engines may list the page.
        view["description"] = description.flatMap { $0.isEmpty ? nil : $0 }
            ?? site.framework.description ?? "\(site.framework.title): levels, expectations and how to grow."
        view["isPublic"] = site.framework.isPublic
        view["siteTitle"] = site.framework.title
        // A site of one track named like the site: its breadcrumbs would say the name twice.
        view["trackIsSite"] = site.framework.tracks.count == 1 && site.framework.tracks[0].title == site.framework.title
        view["pageTitle"] = title
        view["siteTitleCSS"] = cssString(site.framework.title)
        view["pageTitleCSS"] = cssString(title)
        view["pageKind"] = kind
        view["isHome"] = kind == "index"
        view["navHTML"] = site.navHTML(for: path)
        return Data(site.links.resolving(templates.render(withoutEmptyText(view), template: kind), root: view["root"] as! String).utf8)
    }

    /// A CSS string literal for the running header of printed pages (a custom property on the
    /// page's root element). Quotes, backslashes and control characters are escaped as CSS
    /// escapes; the template then HTML-escapes the attribute.
    static func cssString(_ text: String) -> String {
        var result = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'", "\\", "<", ">", "&", "\"": result += "\\\(String(scalar.value, radix: 16)) "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "'"
    }

    /// Mustache treats "" as true in a section; dropping empty text lets templates write
    /// `{{#summaryHTML}}…{{/summaryHTML}}` to mean "if there is a summary".
    static func withoutEmptyText(_ view: [String: Any]) -> [String: Any] {
        // Changed in place: most values stay, and a new dictionary of every page's keys was a
        // tenth of a large build.
        var result = view
        for (key, value) in view {
            switch value {
            case let text as String: if text.isEmpty { result[key] = nil }
            case let nested as [String: Any]: result[key] = withoutEmptyText(nested)
            case let list as [[String: Any]]: result[key] = list.map(withoutEmptyText)
            default: continue
            }
        }
        return result
    }
}

/// Paths of the site's pages from its root, all ending in `index.html` so they work from
/// `file://`. Templates put `{{root}}` (the way back to the root) in front of them.
enum Links {
    static func track(_ track: Track) -> String { self.track(slug: track.slug) }
    static func track(slug: String) -> String { "\(slug)/index.html" }
    static func role(_ role: Role, in track: Track) -> String { self.role(slug: role.slug, track: track.slug) }
    static func role(slug: String, track: String) -> String { "\(track)/\(slug)/index.html" }
    static func ability(_ slug: String) -> String { "abilities/\(slug)/index.html" }
    static func assignment(_ slug: String) -> String { "assignments/\(slug)/index.html" }
    static func matrix(_ track: Track) -> String { "\(track.slug)/matrix/index.html" }
    static func booklet(_ track: Track) -> String { "\(track.slug)/print/index.html" }
    static func next(_ role: Role, in track: Track) -> String { "\(track.slug)/\(role.slug)/next/index.html" }

    /// The way back to the site root from a page: "", "../", "../../".
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}

/// What several pages need to look up: the model by slug, and who uses each ability and assignment.
struct SiteContext {
    /// A position that uses an ability or assignment, as its pages show it (a copy of the whole
    /// track and role in each use was 1.9 MB of a large build's memory).
    struct Use {
        var trackTitle: String
        var roleTitle: String
        var level: String
        /// The role page's path.
        var href: String
        /// "required", "optional" or "common".
        var kind: String
        var milestone: Int?
    }

    let framework: Framework
    let analysis: FrameworkAnalysis
    let report: HealthReport
    let abilities: [String: Ability]
    let assignments: [String: Assignment]
    let abilityUses: [String: [Use]]
    let assignmentUses: [String: [Use]]
    /// Each track's area alignment, by track slug.
    let alignments: [String: TrackAlignment]
    /// Each track's behaviour ids, by track slug.
    let behaviourIDs: [String: BehaviourIDs]
    /// Health findings by "track/role".
    let findingsByRole: [String: [Finding]]
    let templates: TemplateSet
    /// The preview for authors: role pages carry an author panel with their health findings.
    let authorMode: Bool
    /// Parts that several pages show the same, each rendered once.
    let fragments = FragmentCache()
    /// Where each link between content files leads.
    let links: ContentLinks
    /// What changed since framework.yml's `changes_since:`, when it is set and readable.
    let changes: SiteChanges?

    init(
        framework: Framework, analysis: FrameworkAnalysis, report: HealthReport, templates: TemplateSet, authorMode: Bool = false,
        links: ContentLinks, changes: SiteChanges? = nil
    ) {
        self.authorMode = authorMode
        self.links = links
        self.changes = changes
        self.framework = framework
        self.analysis = analysis
        self.report = report
        self.templates = templates
        alignments = Dictionary(zip(framework.tracks.map(\.slug), analysis.alignments).map { $0 }, uniquingKeysWith: { first, _ in first })
        behaviourIDs = Dictionary(zip(framework.tracks.map(\.slug), analysis.behaviourIDs).map { $0 }, uniquingKeysWith: { first, _ in first })
        findingsByRole = Dictionary(grouping: report.findings.filter { $0.role != nil }) { "\($0.track ?? "")/\($0.role ?? "")" }
        abilities = Dictionary(framework.abilities.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        assignments = Dictionary(framework.assignments.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var abilityUses: [String: [Use]] = [:]
        var assignmentUses: [String: [Use]] = [:]
        for track in framework.tracks {
            for role in track.roles {
                let href = Links.role(role, in: track)
                func use(_ kind: String, _ milestone: Int? = nil) -> Use {
                    Use(trackTitle: track.title, roleTitle: role.title, level: role.level.id, href: href, kind: kind, milestone: milestone)
                }
                let mileage = analysis.mileage(track: track.slug, role: role.slug)
                for need in mileage?.required ?? [] { abilityUses[need.ability, default: []].append(use("required", need.milestone)) }
                for need in mileage?.optional ?? [] { abilityUses[need.ability, default: []].append(use("optional", need.milestone)) }
                for slug in role.assignmentRefs.required { assignmentUses[slug, default: []].append(use("required")) }
                for slug in role.assignmentRefs.common { assignmentUses[slug, default: []].append(use("common")) }
            }
        }
        self.abilityUses = abilityUses
        self.assignmentUses = assignmentUses
    }

    /// The site's navigation as the page at `path` shows it: its links lead back to the root
    /// and its own track is marked, so there is one version per depth and track.
    func navHTML(for path: String) -> String {
        let root = Links.root(of: path)
        let current = framework.tracks.firstIndex { path.hasPrefix($0.slug + "/") }
        // Many tracks, or long names, would wrap the navigation onto a second line of a laptop's
        // window: then the tracks fold into one menu and the site's own pages stay in sight.
        let tracksInMenu = framework.tracks.count > 3 || framework.tracks.reduce(0) { $0 + $1.title.count } > 40
        return fragments.html("nav \(root) \(current ?? -1)") {
            templates.render(
                SiteRenderer.withoutEmptyText([
                    "root": root,
                    "tracks": framework.tracks.enumerated().map { index, track in
                        ["title": track.title, "href": Links.track(track), "current": index == current] as [String: Any]
                    },
                    "tracksInMenu": tracksInMenu,
                    "currentTrack": current.map { framework.tracks[$0].title } ?? "",
                    "hasAbilities": !framework.abilities.isEmpty,
                    "hasAssignments": !framework.assignments.isEmpty,
                    "healthInNavigation": framework.healthInNavigation,
                ]), template: "nav")
        }
    }

    /// The ids of the behaviours of the role at `index` of `track`, by area.
    func behaviourIDs(of index: Int, in track: Track) -> [[String]] {
        guard let ids = behaviourIDs[track.slug], index < ids.ids.count else { return [] }
        return ids.ids[index]
    }

    /// "Edit this page": the source file under framework.yml's `edit_url`, by its path in the
    /// repository (outside one, from the content folder's parent).
    func editHref(_ file: String) -> String {
        guard let base = framework.editURL else { return "" }
        let path = framework.repositoryPaths[file] ?? file
        let encoded = path.split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? String($0)
        }.joined(separator: "/")
        return (base.hasSuffix("/") ? base : base + "/") + encoded
    }

    func abilityTitle(_ slug: String) -> String { abilities[slug]?.title ?? slug }
    func assignmentTitle(_ slug: String) -> String { assignments[slug]?.title ?? slug }
}

/// Rendered parts by key, each made once however many pages (on however many threads) ask.
final class FragmentCache: @unchecked Sendable {  // `made` is only touched under `lock`
    private let lock = NSLock()
    private var made: [String: String] = [:]

    func html(_ key: String, _ make: () -> String) -> String {
        if let html = lock.withLock({ made[key] }) { return html }
        let html = make()
        lock.withLock { made[key] = html }
        return html
    }
}

/// With LADDER_PROFILE set, the time spent making view models and rendering templates, by page kind.
final class RenderProfile: @unchecked Sendable {  // `totals` is only touched under `lock`
    private static let enabled = getenv("LADDER_PROFILE") != nil
    private let lock = NSLock()
    private var totals: [String: (seconds: Double, count: Int)] = [:]

    func time<T>(_ kind: String, _ step: String, _ work: () -> T) -> T {
        guard Self.enabled else { return work() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = work()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lock.withLock {
            let key = "\(kind) \(step)"
            totals[key] = ((totals[key]?.seconds ?? 0) + seconds, (totals[key]?.count ?? 0) + 1)
        }
        return result
    }

    func report() {
        guard Self.enabled else { return }
        for (key, total) in totals.sorted(by: { $0.value.seconds > $1.value.seconds }) {
            FileHandle.standardError.write(Data(String(format: "%@: %.0f ms over %d pages\n", key, total.seconds * 1000, total.count).utf8))
        }
    }
}
