/// Where each link between content files leads, once the whole framework is read: the page
/// the linked file became, and whether that page has the anchor. A link to no page, or to an
/// anchor its page lacks, is a `broken-link` warning at the link.
public enum ContentLinkCheck {
    /// A page a content file became, and the anchors on it.
    struct Target {
        var destination: ContentLink.Destination
        var anchors: Set<String>
        /// The anchors a message suggests: the areas' or the milestones'.
        var suggestions: [String] = []
        /// A role's page: its slug, which is GitHub's anchor for its heading.
        var roleSlug: String?
    }

    /// Ids of the sections of role, ability and assignment pages besides areas and behaviours,
    /// which a reader may link to.
    static let roleSections: Set<String> = [
        "main", "areas-heading", "next-level-heading", "titles-heading", "eligibility-heading",
        "required-assignments-heading", "common-assignments-heading",
    ]

    /// Sets each link's destination; returns the broken ones' diagnostics. `behaviourIDs`: each
    /// track's, in order.
    public static func resolve(_ framework: inout Framework, behaviourIDs: [BehaviourIDs]) -> [Diagnostic] {
        guard !framework.contentLinks.isEmpty else { return [] }
        let targets = Self.targets(framework, behaviourIDs: behaviourIDs)
        var diagnostics: [Diagnostic] = []
        for index in framework.contentLinks.indices {
            let link = framework.contentLinks[index]
            guard let pages = targets[link.target], let first = pages.first else {
                diagnostics.append(.warning("broken-link", link.target == link.location.file
                    ? "'\(link.written)' is an anchor of this file, which is not a page of the site; link to an anchor of another page"
                    : "'\(link.written)' leads to \(link.target), which is not a page of the site (no such content file, or one with no role, a draft, or prose that is not shown); check the path",
                    at: link.location))
                continue
            }
            guard let fragment = link.fragment else {
                framework.contentLinks[index].destination = first.destination
                continue
            }
            // GitHub's anchor of a role's heading, from a one-document framework's contents.
            if let role = pages.first(where: { $0.roleSlug == fragment }) {
                framework.contentLinks[index].destination = role.destination
                continue
            }
            guard let page = pages.first(where: { $0.anchors.contains(fragment) }) else {
                let some = pages.flatMap(\.suggestions).prefix(6)
                diagnostics.append(.warning("broken-link",
                    "'\(link.written)': the page of \(link.target) has no anchor '#\(fragment)'"
                        + (some.isEmpty ? "; link to the page alone" : "; its anchors include \(some.joined(separator: ", "))"),
                    at: link.location))
                continue
            }
            framework.contentLinks[index].destination = page.destination
            framework.contentLinks[index].anchor = fragment
        }
        return diagnostics
    }

    /// Each content file's pages, the one a link without an anchor means first: a file of one
    /// role is that role's page; a file of several (a one-document framework) is its track's.
    static func targets(_ framework: Framework, behaviourIDs: [BehaviourIDs]) -> [String: [Target]] {
        var trackPages: [String: [Target]] = [:], rolePages: [String: [Target]] = [:]
        for (track, ids) in zip(framework.tracks, behaviourIDs) {
            var trackAnchors: Set<String> = ["main"]
            for (index, role) in track.roles.enumerated() {
                let behaviourIDs = ids.ids[index].flatMap { $0 }
                let areas = role.areaAnchors
                trackAnchors.insert("level-\(role.slug)")
                trackAnchors.formUnion(areas.map { "\(role.slug)--\($0)" })
                trackAnchors.formUnion(behaviourIDs)
                let anchors = roleSections.union(areas).union(areas.map { $0 + "-title" }).union(behaviourIDs)
                rolePages[role.location.file, default: []].append(Target(
                    destination: .role(track: track.slug, role: role.slug), anchors: anchors, suggestions: areas, roleSlug: role.slug))
            }
            // The introduction's headings have GitHub's anchors.
            trackAnchors.formUnion(track.introHTML.matches(of: /<h[1-6] id="([^"]+)">/).map { String($0.1) })
            let trackPage = Target(destination: .track(track.slug), anchors: trackAnchors)
            for file in Set([track.location.file] + track.introductionFiles) { trackPages[file, default: []].append(trackPage) }
        }
        var targets: [String: [Target]] = [:]
        for file in Set(trackPages.keys).union(rolePages.keys) {
            let roles = rolePages[file] ?? [], tracks = trackPages[file] ?? []
            targets[file] = roles.count == 1 ? roles + tracks : tracks + roles
        }
        for ability in framework.abilities {
            let milestones = ability.milestones.map { "milestone-\($0.number)" }
            targets[ability.location.file, default: []].append(Target(
                destination: .ability(ability.slug), anchors: Set(["main", "milestones-heading", "uses-heading"] + milestones),
                suggestions: milestones))
        }
        for assignment in framework.assignments {
            targets[assignment.location.file, default: []].append(Target(
                destination: .assignment(assignment.slug), anchors: ["main", "needs-heading", "uses-heading"]))
        }
        return targets
    }
}
