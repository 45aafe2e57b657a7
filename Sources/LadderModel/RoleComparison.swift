/// Two roles compared area by area: the question "what changes at the next level?".
public struct RoleComparison: Hashable, Sendable {
    public struct AreaChanges: Hashable, Sendable {
        public var key: String
        /// The area's title in the first and the second role (nil where the role lacks the area).
        public var fromTitle: String?
        public var toTitle: String?
        public var changes: [BehaviourDiff.Change]
        /// The two columns of a restated area (see `Restatement`); nil when the area is edited
        /// rather than restated, and `changes` tell its story.
        public var restatement: [Restatement.Row]?
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
            let before = old[key]?.behaviours.map { $0.content.text } ?? []
            let after = new[key]?.behaviours.map { $0.content.text } ?? []
            let changes = BehaviourDiff.compare(before, after)
            return AreaChanges(
                key: key, fromTitle: old[key]?.title, toTitle: new[key]?.title, changes: changes,
                restatement: Restatement.restates(changes) ? Restatement.rows(before, after) : nil)
        }
    }

    /// The counts of a comparison without building it (no word marks), for checks.
    public static func summary(from: Role, fromKeys: [String], to: Role, toKeys: [String]) -> BehaviourDiff.Summary {
        let old = firstAreas(byKey: fromKeys), new = firstAreas(byKey: toKeys)
        var total = BehaviourDiff.Summary()
        for key in Set(fromKeys).union(toKeys) {
            let counts = BehaviourDiff.summarize(
                old[key].map { from.areas[$0].behaviours.map { $0.content.text } } ?? [],
                new[key].map { to.areas[$0].behaviours.map { $0.content.text } } ?? [])
            total.added += counts.added
            total.reworded += counts.reworded
            total.dropped += counts.dropped
            total.unchanged += counts.unchanged
        }
        return total
    }

    /// The behaviours of the second role, and how many of them the first role has word for
    /// word in the area of the same key: `summary`'s `unchanged` and its total of new,
    /// reworded and unchanged, without pairing rewordings (which need every pair's words).
    public static func unchangedCount(from: Role, fromKeys: [String], to: Role, toKeys: [String]) -> (unchanged: Int, of: Int) {
        var unchanged = 0, total = 0
        // A level has a few areas: their keys are compared in place rather than hashed into
        // dictionaries, and the behaviours are read where they are (step checks run 20,000 times).
        for index in toKeys.indices where !toKeys[..<index].contains(toKeys[index]) {
            let after = to.areas[index].behaviours
            total += after.count
            guard let oldIndex = fromKeys.firstIndex(of: toKeys[index]) else { continue }
            let before = from.areas[oldIndex].behaviours
            // Equal texts pair up one to one, so this is the exact matching `BehaviourDiff` does.
            var paired = [Bool](repeating: false, count: before.count)
            for behaviour in after.indices {
                let text = after[behaviour].content.text, length = text.utf8.count
                // Lengths first: most texts differ in length, and a native string knows its own.
                if let match = before.indices.first(where: {
                    !paired[$0] && before[$0].content.text.utf8.count == length && before[$0].content.text == text
                }) {
                    paired[match] = true
                    unchanged += 1
                }
            }
        }
        return (unchanged, total)
    }

    /// Each key's first area: an area whose key repeats an earlier one's is not compared.
    private static func firstAreas(byKey keys: [String]) -> [String: Int] {
        Dictionary(zip(keys, keys.indices).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }

    /// What the step asks of a reader, in words of growth: "2 areas restated, 3 new
    /// behaviours, 1 reworded". A restated area counts once, with the behaviours of the next
    /// level that have no counterpart as new; what the next level no longer lists is not loss.
    public var growth: Growth {
        var growth = Growth()
        for area in areas {
            if let rows = area.restatement {
                growth.restatedAreas += 1
                growth.newBehaviours += rows.count { $0.from == nil }
                continue
            }
            for change in area.changes {
                switch change {
                case .added: growth.newBehaviours += 1
                case .reworded: growth.reworded += 1
                case .dropped: growth.noLongerListed += 1
                case .unchanged: growth.unchanged += 1
                }
            }
        }
        return growth
    }

    public struct Growth: Hashable, Sendable {
        public var restatedAreas = 0, newBehaviours = 0, reworded = 0, noLongerListed = 0, unchanged = 0

        public var description: String {
            func counted(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
            var parts: [String] = []
            if restatedAreas > 0 { parts.append(counted(restatedAreas, "area restated", "areas restated")) }
            parts.append(counted(newBehaviours, "new behaviour", "new behaviours"))
            parts.append("\(reworded) reworded")
            if noLongerListed > 0 { parts.append("\(noLongerListed) no longer listed") }
            if unchanged > 0 { parts.append("\(unchanged) unchanged") }
            return parts.joined(separator: ", ")
        }
    }

    public var summary: BehaviourDiff.Summary {
        var summary = BehaviourDiff.Summary()
        for area in areas { summary.count(area.changes) }
        return summary
    }
}
