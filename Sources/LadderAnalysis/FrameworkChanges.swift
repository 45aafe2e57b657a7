import LadderModel

/// What changed between two versions of a framework (an older commit and the working tree):
/// per track and role, behaviours added, removed and reworded (with word marks, by the same
/// engine as the next-level pages), roles and areas added, removed, renamed or moved, and what
/// a position asks for. `ladder changes` prints it; the site's `changes/` page shows it.
public struct FrameworkChanges: Sendable, Equatable {
    public struct TrackChanges: Sendable, Equatable {
        public var slug: String
        public var title: String
        public var status: Status
        public var roles: [RoleChanges]
    }

    public struct RoleChanges: Sendable, Equatable {
        public var track: String
        public var slug: String
        public var title: String
        public var level: String
        public var status: Status
        /// The title before, for a renamed role; the track before, for a moved one.
        public var oldTitle: String?
        public var oldTrack: String?
        public var areas: [AreaChanges]
        /// What the position asks for, changed: "eligibility: 40 → 45 miles".
        public var position: [String]

        public var isEmpty: Bool { status == .changed && areas.isEmpty && position.isEmpty && oldTitle == nil && oldTrack == nil }

        /// "renamed from Senior Engineer", "moved from Product", "added", …
        public var statusText: String {
            switch status {
            case .renamed: "renamed from \(oldTitle ?? "")"
            case .moved: "moved from \(oldTrack ?? "")"
            default: status.rawValue
            }
        }
    }

    public struct AreaChanges: Sendable, Equatable {
        public var key: String
        public var title: String
        public var oldTitle: String?
        public var status: Status
        public var behaviours: [BehaviourDiff.Change]

        /// "area added", "renamed from Craft", or nothing for an area whose behaviours changed.
        public var statusText: String {
            switch status {
            case .added, .removed: "area \(status.rawValue)"
            case .renamed: "renamed from \(oldTitle ?? "")"
            case .moved, .changed: ""
            }
        }
    }

    public enum Status: String, Sendable, Equatable {
        case added, removed, renamed, moved, changed
    }

    public var tracks: [TrackChanges]

    public var isEmpty: Bool { tracks.isEmpty }

    /// The roles whose page changed, as "track/role" slugs of the newer framework.
    public var changedRoles: Set<String> {
        Set(tracks.flatMap { $0.roles.filter { $0.status != .removed }.map { "\($0.track)/\($0.slug)" } })
    }

    public init(from old: Framework, to new: Framework) {
        let oldAnalysis = FrameworkAnalysis(old, behaviourIDs: false), newAnalysis = FrameworkAnalysis(new, behaviourIDs: false)
        func roles(_ framework: Framework) -> [(track: Track, role: Role)] {
            framework.tracks.flatMap { track in track.roles.map { (track, $0) } }
        }
        var unmatchedOld = roles(old)
        var pairs: [(old: (track: Track, role: Role)?, new: (track: Track, role: Role)?)] = []
        var unmatchedNew: [(track: Track, role: Role)] = []
        // The same role: the same track and slug.
        for entry in roles(new) {
            if let index = unmatchedOld.firstIndex(where: { $0.track.slug == entry.track.slug && $0.role.slug == entry.role.slug }) {
                pairs.append((unmatchedOld.remove(at: index), entry))
            } else {
                unmatchedNew.append(entry)
            }
        }
        // A renamed role keeps its track and level; a moved one keeps its slug.
        for entry in unmatchedNew {
            if let index = unmatchedOld.firstIndex(where: { $0.track.slug == entry.track.slug && $0.role.level == entry.role.level })
                ?? unmatchedOld.firstIndex(where: { $0.role.slug == entry.role.slug })
            {
                pairs.append((unmatchedOld.remove(at: index), entry))
            } else {
                pairs.append((nil, entry))
            }
        }
        pairs += unmatchedOld.map { ($0, nil) }

        var byTrack: [String: [RoleChanges]] = [:]
        for pair in pairs {
            let change = Self.role(pair.old, pair.new, oldAnalysis: oldAnalysis, newAnalysis: newAnalysis)
            if !change.isEmpty { byTrack[change.track, default: []].append(change) }
        }
        let oldTracks = Set(old.tracks.map(\.slug)), newTracks = Set(new.tracks.map(\.slug))
        let order = new.tracks.map { ($0.slug, $0.title) } + old.tracks.filter { !newTracks.contains($0.slug) }.map { ($0.slug, $0.title) }
        tracks = order.compactMap { slug, title in
            guard let roles = byTrack[slug], !roles.isEmpty else { return nil }
            let status: Status = !oldTracks.contains(slug) ? .added : !newTracks.contains(slug) ? .removed : .changed
            let levels = Dictionary((new.tracks.first { $0.slug == slug }?.roles ?? []).enumerated().map { ($1.slug, $0) }, uniquingKeysWith: min)
            return TrackChanges(slug: slug, title: title, status: status, roles: roles.sorted { (levels[$0.slug] ?? Int.max, $0.level) < (levels[$1.slug] ?? Int.max, $1.level) })
        }
    }

    private static func role(
        _ old: (track: Track, role: Role)?, _ new: (track: Track, role: Role)?, oldAnalysis: FrameworkAnalysis, newAnalysis: FrameworkAnalysis
    ) -> RoleChanges {
        let shown = (new ?? old)!
        var change = RoleChanges(
            track: shown.track.slug, slug: shown.role.slug, title: shown.role.title, level: shown.role.level.id,
            status: old == nil ? .added : new == nil ? .removed : .changed, areas: [], position: [])
        guard let old, let new else { return change }
        if old.track.slug != new.track.slug {
            change.status = .moved
            change.oldTrack = old.track.title
        } else if old.role.slug != new.role.slug || old.role.title != new.role.title {
            change.status = .renamed
            change.oldTitle = old.role.title
        }
        let comparison = RoleComparison(from: old.role, fromKeys: old.role.areaAnchors, to: new.role, toKeys: new.role.areaAnchors)
        change.areas = comparison.areas.compactMap { area in
            let edits = area.changes.filter { if case .unchanged = $0 { false } else { true } }
            let status: Status = area.fromTitle == nil ? .added : area.toTitle == nil ? .removed
                : area.fromTitle != area.toTitle ? .renamed : .changed
            guard !edits.isEmpty || status != .changed else { return nil }
            return AreaChanges(
                key: area.key, title: area.toTitle ?? area.fromTitle ?? area.key,
                oldTitle: status == .renamed ? area.fromTitle : nil, status: status, behaviours: edits)
        }
        change.position = positionChanges(
            oldAnalysis.mileage(track: old.track.slug, role: old.role.slug),
            newAnalysis.mileage(track: new.track.slug, role: new.role.slug))
        return change
    }

    /// The eligibility threshold and the required abilities, before and after.
    static func positionChanges(_ old: PositionMileage?, _ new: PositionMileage?) -> [String] {
        var lines: [String] = []
        let before = old?.threshold ?? 0, after = new?.threshold ?? 0
        if before != after { lines.append("eligibility: \(before) → \(after) miles") }
        func required(_ mileage: PositionMileage?) -> [String: Int] {
            Dictionary((mileage?.required ?? []).map { ($0.ability, $0.milestone) }, uniquingKeysWith: max)
        }
        let was = required(old), now = required(new)
        for ability in Set(was.keys).union(now.keys).sorted() {
            switch (was[ability], now[ability]) {
            case (nil, let milestone?): lines.append("now requires \(ability) at milestone \(milestone)")
            case (let milestone?, nil): lines.append("no longer requires \(ability) (was milestone \(milestone))")
            case (let a?, let b?) where a != b: lines.append("requires \(ability) at milestone \(b), was \(a)")
            default: break
            }
        }
        return lines
    }
}
