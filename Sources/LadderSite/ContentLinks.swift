import Foundation
import LadderAnalysis
import LadderModel

/// Links between content files, made links between pages: `[Staff](../engineering/4-staff.md)`
/// leads to the Staff page, `#craft` to the area's anchor on it. The parser gave each such link
/// a marker address (`ContentLink.marker`); the page renderer puts the page's address in its
/// place, relative to the page it is on. A link to a file that is no page of the site, or to an
/// anchor its page does not have, is a `broken-link` warning (an error with `--strict`), and
/// keeps the address as written.
public struct ContentLinks: Sendable {
    /// Marker → the page's path from the site's root, with its anchor.
    private let resolved: [String: Resolution]
    public let diagnostics: [Diagnostic]

    /// A page a content file became, and the anchors on it.
    struct Target {
        var path: String
        var anchors: Set<String>
        /// The anchors a message suggests: the areas'.
        var suggestions: [String] = []
    }

    /// Ids in the templates of role, ability and assignment pages besides those of areas and
    /// behaviours (sections a reader may link to).
    static let roleSections: Set<String> = [
        "main", "areas-heading", "next-level-heading", "titles-heading", "eligibility-heading",
        "required-assignments-heading", "common-assignments-heading",
    ]

    public init(_ framework: Framework, analysis: FrameworkAnalysis, strict: Bool = false) {
        let targets = Self.targets(framework, analysis: analysis)
        var resolved: [String: Resolution] = [:], diagnostics: [Diagnostic] = []
        func broken(_ link: ContentLink, _ message: String) {
            resolved[link.marker] = resolved[link.marker] ?? .asWritten(link.written)
            diagnostics.append(Diagnostic(strict ? .error : .warning, "broken-link", message, at: link.location))
        }
        for link in framework.contentLinks {
            guard let pages = targets[link.target], let first = pages.first else {
                broken(link, link.target == link.location.file
                    ? "'\(link.written)' is an anchor of this file, which is not a page of the site; link to another page's anchor"
                    : "'\(link.written)' leads to \(link.target), which is not a page of the site (no such content file, or one with no role, a draft, or prose that is not shown); check the path")
                continue
            }
            guard let fragment = link.fragment else {
                resolved[link.marker] = .page(first.path)
                continue
            }
            guard let page = pages.first(where: { $0.anchors.contains(fragment) }) else {
                let some = pages.flatMap(\.suggestions).prefix(6)
                broken(link, "'\(link.written)': the page of \(link.target) has no anchor '#\(fragment)'"
                    + (some.isEmpty ? "; link to the page alone" : "; its anchors include \(some.joined(separator: ", "))"))
                continue
            }
            resolved[link.marker] = .page(page.path + "#" + fragment)
        }
        self.resolved = resolved
        self.diagnostics = diagnostics
    }

    /// Each content file's pages, the one a link without an anchor means first: a file of one
    /// role is that role's page; a file of several (a one-document framework) is its track's.
    static func targets(_ framework: Framework, analysis: FrameworkAnalysis) -> [String: [Target]] {
        var trackPages: [String: [Target]] = [:], rolePages: [String: [Target]] = [:]
        for (track, ids) in zip(framework.tracks, analysis.behaviourIDs) {
            var trackAnchors: Set<String> = ["main"]
            for (index, role) in track.roles.enumerated() {
                let behaviourIDs = index < ids.ids.count ? ids.ids[index].flatMap { $0 } : []
                let areas = role.areaAnchors
                trackAnchors.insert("level-\(role.slug)")
                trackAnchors.formUnion(areas.map { "\(role.slug)--\($0)" })
                trackAnchors.formUnion(behaviourIDs)
                let anchors = roleSections.union(areas).union(areas.map { $0 + "-title" }).union(behaviourIDs)
                rolePages[role.location.file, default: []].append(Target(path: Links.role(role, in: track), anchors: anchors, suggestions: areas))
            }
            trackPages[track.location.file, default: []].append(Target(path: Links.track(track), anchors: trackAnchors))
        }
        var targets: [String: [Target]] = [:]
        for file in Set(trackPages.keys).union(rolePages.keys) {
            let roles = rolePages[file] ?? [], tracks = trackPages[file] ?? []
            targets[file] = roles.count == 1 ? roles + tracks : tracks + roles
        }
        for ability in framework.abilities {
            let anchors = Set(["main", "milestones-heading", "uses-heading"] + ability.milestones.map { "milestone-\($0.number)" })
            targets[ability.location.file, default: []].append(Target(
                path: Links.ability(ability.slug), anchors: anchors, suggestions: ability.milestones.map { "milestone-\($0.number)" }))
        }
        for assignment in framework.assignments {
            targets[assignment.location.file, default: []]
                .append(Target(path: Links.assignment(assignment.slug), anchors: ["main", "needs-heading", "uses-heading"]))
        }
        return targets
    }

    enum Resolution: Sendable {
        /// A page's path from the site's root, with its anchor.
        case page(String)
        /// A link that leads nowhere keeps the address its author wrote.
        case asWritten(String)
    }

    /// `text` (a page, or JSON in it) with every marker replaced by its page's address from
    /// `root`, the way back to the site's root from the page it is on.
    func resolving(_ text: String, root: String) -> String {
        guard text.contains(ContentLink.markerPrefix) else { return text }
        var result = ""
        var rest = Substring(text)
        let inMarker = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "%-._~#".contains(c)) }
        while let start = rest.range(of: ContentLink.markerPrefix) {
            result += rest[..<start.lowerBound]
            let end = rest[start.upperBound...].firstIndex { !inMarker($0) } ?? rest.endIndex
            let marker = String(rest[start.lowerBound..<end])
            switch resolved[marker] {
            case .page(let path): result += escapeForHTML(root + path)
            case .asWritten(let written): result += escapeForHTML(written)
            case nil: result += marker
            }
            rest = rest[end...]
        }
        return result + rest
    }

    private func escapeForHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
