import LadderModel

/// What the near-duplicate check keeps for the preview server's next check: which rare words
/// each behaviour was indexed under, and the pairs each bucket found. A bucket whose members
/// are the same behaviours of the same roles, under the same rare words, finds the same pairs,
/// so only the buckets an edit touched are compared again.
///
/// Roles are told apart by identity: a role the parser did not read again is the same object.
/// The roles of the last check are kept alive here, so an identity cannot be reused meanwhile.
final class NearDuplicateMemo: @unchecked Sendable {  // used by one check at a time
    private var roles: [RoleWords] = []
    private var roleStarts: [Int] = []
    private var rare: [Int] = []
    private var threshold: Double?
    /// The pairs of each bucket that had any, as (role, behaviour index) of each side.
    private var pairs: [Int: [(RoleWords, Int, RoleWords, Int, Double)]] = [:]
    /// The current check's roles by identity, to place kept pairs.
    private var position: [ObjectIdentifier: Int] = [:]

    /// For each bucket (by slot), whether it holds the same members under the same rare words as
    /// at the last check; nil when nothing can be reused. `rare` holds
    /// `NearDuplicates.wordsPerBehaviour` slots per behaviour, `roleStarts` each role's first behaviour.
    func unchangedBuckets(roles: [RoleWords], roleStarts: [Int], rare: [Int], threshold: Double, slots: Int) -> [Bool]? {
        position = Dictionary(roles.enumerated().map { (ObjectIdentifier($1), $0) }, uniquingKeysWith: { first, _ in first })
        guard self.threshold == threshold else { return nil }
        let width = NearDuplicates.wordsPerBehaviour
        var unchanged = [Bool](repeating: true, count: slots)
        func touch(_ rare: ArraySlice<Int>) {
            for slot in rare where slot >= 0 { unchanged[slot] = false }
        }
        var kept = [Bool](repeating: false, count: self.roles.count)
        for (index, role) in self.roles.enumerated() {
            guard let now = position[ObjectIdentifier(role)] else { continue }
            kept[index] = true
            let before = self.roleStarts[index], after = roleStarts[now]
            for offset in 0..<(roleStarts[now + 1] - after) {
                let old = self.rare[(width * (before + offset))..<(width * (before + offset + 1))]
                let new = rare[(width * (after + offset))..<(width * (after + offset + 1))]
                if !old.elementsEqual(new) {
                    touch(old)
                    touch(new)
                }
            }
        }
        // Behaviours of roles that are gone, and of roles that are new.
        for (index, isKept) in kept.enumerated() where !isKept {
            touch(self.rare[(width * self.roleStarts[index])..<(width * self.roleStarts[index + 1])])
        }
        let previous = Set(self.roles.map(ObjectIdentifier.init))
        for (index, role) in roles.enumerated() where !previous.contains(ObjectIdentifier(role)) {
            touch(rare[(width * roleStarts[index])..<(width * roleStarts[index + 1])])
        }
        return unchanged
    }

    /// The pairs an unchanged bucket found last time, as behaviour numbers of this check, the
    /// earlier first (roles may have moved; similarity does not depend on the order).
    func pairs(in slot: Int, roleStarts: [Int]) -> [(Int, Int, Double)] {
        (pairs[slot] ?? []).map { firstRole, first, secondRole, second, score in
            let a = roleStarts[position[ObjectIdentifier(firstRole)]!] + first
            let b = roleStarts[position[ObjectIdentifier(secondRole)]!] + second
            return (min(a, b), max(a, b), score)
        }
    }

    /// What this check found, for the next one. `owner` gives each behaviour's role and index.
    func remember(
        roles: [RoleWords], roleStarts: [Int], rare: [Int], threshold: Double, buckets: [Int], found: [[(Int, Int, Double)]],
        owner: (Int) -> (role: Int, index: Int)
    ) {
        self.roles = roles
        self.roleStarts = roleStarts
        self.rare = rare
        self.threshold = threshold
        pairs = [:]
        for (slot, bucketPairs) in zip(buckets, found) where !bucketPairs.isEmpty {
            pairs[slot] = bucketPairs.map { earlier, later, score in
                let a = owner(earlier), b = owner(later)
                return (roles[a.role], a.index, roles[b.role], b.index, score)
            }
        }
    }
}
