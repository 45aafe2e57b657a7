/// Two roles compared area by area: the question "what changes at the next level?".
public struct RoleComparison: Hashable, Sendable {
    public struct AreaChanges: Hashable, Sendable {
        public var key: String
        /// The area's title in the first and the second role (nil where the role lacks the area).
        public var fromTitle: String?
        public var toTitle: String?
        public var changes: [BehaviourDiff.Change]
    }

    public var areas: [AreaChanges]

    /// `fromKeys` and `toKeys` are the aligned row keys of each role's areas (see `TrackAlignment`).
    /// Areas come in the second role's order, then areas only the first role has.
    public init(from: Role, fromKeys: [String], to: Role, toKeys: [String]) {
        func areasByKey(_ role: Role, _ keys: [String]) -> [String: Area] {
            Dictionary(zip(keys, role.areas).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
        let old = areasByKey(from, fromKeys), new = areasByKey(to, toKeys)
        var order = toKeys
        for key in fromKeys where new[key] == nil { order.append(key) }
        var seen: Set<String> = []
        areas = order.filter { seen.insert($0).inserted }.map { key in
            let before = old[key]?.behaviours.map(\.content.text) ?? []
            let after = new[key]?.behaviours.map(\.content.text) ?? []
            return AreaChanges(
                key: key, fromTitle: old[key]?.title, toTitle: new[key]?.title,
                changes: BehaviourDiff.compare(before, after))
        }
    }

    /// The counts of a comparison without building it (no word marks), for checks. `words`
    /// may give each area's behaviours as `WordHashes`, in the roles' area order.
    public static func summary(
        from: Role, fromKeys: [String], to: Role, toKeys: [String], words: (from: [[[Int]]], to: [[[Int]]])? = nil
    ) -> BehaviourDiff.Summary {
        let old = Dictionary(zip(fromKeys, from.areas.indices).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(zip(toKeys, to.areas.indices).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        var total = BehaviourDiff.Summary()
        for key in Set(fromKeys).union(toKeys) {
            let counts = BehaviourDiff.summarize(
                old[key].map { from.areas[$0].behaviours.map(\.content.text) } ?? [],
                new[key].map { to.areas[$0].behaviours.map(\.content.text) } ?? [],
                oldWords: words.map { words in old[key].map { words.from[$0] } ?? [] },
                newWords: words.map { words in new[key].map { words.to[$0] } ?? [] })
            total.added += counts.added
            total.reworded += counts.reworded
            total.dropped += counts.dropped
            total.unchanged += counts.unchanged
        }
        return total
    }

    public var summary: BehaviourDiff.Summary {
        var summary = BehaviourDiff.Summary()
        for area in areas { summary.count(area.changes) }
        return summary
    }
}
