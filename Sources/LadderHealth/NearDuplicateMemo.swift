import LadderAnalysis
import LadderModel

/// What the near-duplicate check keeps for the preview server's next check: how many behaviours
/// used each word, which rare words each behaviour was indexed under, and the pairs each bucket
/// found. A behaviour whose role and words' frequencies are unchanged has the same rare words; a
/// bucket whose members are the same behaviours under the same rare words finds the same pairs.
/// So only what an edit touched is worked out again.
///
/// Roles are told apart by identity: a role the parser did not read again is the same object.
/// The roles of the last check are kept alive here, so an identity cannot be reused meanwhile.
final class NearDuplicateMemo: @unchecked Sendable {  // used by one check at a time
    private var roles: [RoleWords] = []
    private var roleStarts: [Int] = []
    private var frequency: [Int] = []
    private var limit = 0
    private var rare: [Int] = []
    private var threshold: Double?
    /// The pairs of each bucket that had any, as (role, behaviour index) of each side.
    private var pairs: [Int: [(RoleWords, Int, RoleWords, Int, Double)]] = [:]
    /// This check's roles and where they start, and each role's place in the last check.
    private var current: [RoleWords] = []
    private var currentStarts: [Int] = []
    private var position: [ObjectIdentifier: Int] = [:]
    private var previousPosition: [ObjectIdentifier: Int] = [:]
    private let width = NearDuplicates.wordsPerBehaviour

    /// Starts a check of `roles`; `roleStarts` gives each role's first behaviour (and the count).
    func begin(roles: [RoleWords], roleStarts: [Int]) {
        current = roles
        currentStarts = roleStarts
        position = Dictionary(roles.enumerated().map { (ObjectIdentifier($1), $0) }, uniquingKeysWith: { first, _ in first })
        previousPosition = Dictionary(
            self.roles.enumerated().map { (ObjectIdentifier($1), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Each behaviour's rare words (`width` slots each): those of the last check for a behaviour
    /// of an unchanged role none of whose words changed frequency, `compute` for the others.
    func rarestWords(
        slots: [Int32], starts: [Int], frequency: [Int], limit: Int, compute: (Range<Int>) -> [Int]
    ) -> [Int] {
        let behaviours = starts.count - 1
        guard limit == self.limit, !self.frequency.isEmpty else { return compute(0..<behaviours) }
        let changed = frequency.indices.map { $0 >= self.frequency.count || self.frequency[$0] != frequency[$0] }
        var rare = [Int](repeating: -1, count: width * behaviours)
        for (index, role) in current.enumerated() {
            let range = currentStarts[index]..<currentStarts[index + 1]
            guard let before = previousPosition[ObjectIdentifier(role)].map({ self.roleStarts[$0] }) else {
                rare.replaceSubrange((width * range.lowerBound)..<(width * range.upperBound), with: compute(range))
                continue
            }
            for behaviour in range {
                let target = (width * behaviour)..<(width * (behaviour + 1))
                if slots[starts[behaviour]..<starts[behaviour + 1]].contains(where: { changed[Int($0)] }) {
                    rare.replaceSubrange(target, with: compute(behaviour..<(behaviour + 1)))
                } else {
                    let old = width * (before + behaviour - range.lowerBound)
                    rare.replaceSubrange(target, with: self.rare[old..<(old + width)])
                }
            }
        }
        return rare
    }

    /// For each bucket (by slot), whether it holds the same members under the same rare words as
    /// at the last check; nil when nothing can be reused.
    func unchangedBuckets(rare: [Int], threshold: Double, slots: Int) -> [Bool]? {
        guard self.threshold == threshold else { return nil }
        var unchanged = [Bool](repeating: true, count: slots)
        func touch(_ rare: ArraySlice<Int>) {
            for slot in rare where slot >= 0 { unchanged[slot] = false }
        }
        for (index, role) in roles.enumerated() {
            guard let now = position[ObjectIdentifier(role)] else {
                touch(self.rare[(width * roleStarts[index])..<(width * roleStarts[index + 1])])  // a role that is gone
                continue
            }
            let before = roleStarts[index], after = currentStarts[now]
            for offset in 0..<(currentStarts[now + 1] - after) {
                let old = self.rare[(width * (before + offset))..<(width * (before + offset + 1))]
                let new = rare[(width * (after + offset))..<(width * (after + offset + 1))]
                if !old.elementsEqual(new) {
                    touch(old)
                    touch(new)
                }
            }
        }
        for (index, role) in current.enumerated() where previousPosition[ObjectIdentifier(role)] == nil {
            touch(rare[(width * currentStarts[index])..<(width * currentStarts[index + 1])])  // a new role
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
        frequency: [Int], limit: Int, rare: [Int], threshold: Double, buckets: [Int], found: [[(Int, Int, Double)]],
        owner: (Int) -> (role: Int, index: Int)
    ) {
        roles = current
        roleStarts = currentStarts
        self.frequency = frequency
        self.limit = limit
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
