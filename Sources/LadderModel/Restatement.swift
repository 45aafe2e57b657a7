/// A level often says each area again in its own words rather than editing the level before:
/// then almost nothing pairs as a rewording, and a plain diff reads as every behaviour dropped
/// and replaced. Such an area is shown as two columns, this level beside the next, with
/// behaviours that speak of related things side by side.
public enum Restatement {
    /// The least `relatedness` for two behaviours to sit side by side: far looser than
    /// `BehaviourDiff.threshold`, because a restatement shares topics rather than wording.
    public static let threshold = 0.12

    /// One row of the two columns: a behaviour of each level (nil where one has no counterpart),
    /// with word marks from the first to the second when both are there.
    public struct Row: Hashable, Sendable {
        public var from: String?
        public var to: String?
        public var marks: [BehaviourDiff.WordMark]
    }

    /// Whether an area is restated: both levels list behaviours, and most of the first level's
    /// have no counterpart (unchanged or reworded) at the second.
    public static func restates(_ changes: [BehaviourDiff.Change]) -> Bool {
        var old = 0, carried = 0, new = 0
        for change in changes {
            switch change {
            case .unchanged, .reworded:
                old += 1
                carried += 1
                new += 1
            case .dropped: old += 1
            case .added: new += 1
            }
        }
        return new > 0 && old > 0 && carried * 2 < old
    }

    /// The pairs in the second level's order, then the second level's behaviours without a
    /// partner, then the first level's. Pairs are taken from the most related down while both
    /// behaviours are free, so each pair is the best match left for both of its behaviours (a
    /// stable pairing; ties keep the earlier ones); compare.js does the same. A pairing that
    /// maximises the total relatedness was tried and put aside: it trades one clear pair for
    /// two weak ones, which a reader takes for a claim that they belong together.
    public static func rows(_ old: [String], _ new: [String]) -> [Row] {
        let oldWords = old.map(topicWords), newWords = new.map(topicWords)
        var candidates: [(score: Double, old: Int, new: Int)] = []
        for j in new.indices {
            for i in old.indices {
                let score = old[i] == new[j] ? 1 : relatedness(oldWords[i], newWords[j])
                if score >= threshold { candidates.append((score, i, j)) }
            }
        }
        candidates.sort { ($0.score, -$0.old, -$0.new) > ($1.score, -$1.old, -$1.new) }
        var oldFree = Array(repeating: true, count: old.count)
        var partner: [Int?] = Array(repeating: nil, count: new.count)
        for candidate in candidates where oldFree[candidate.old] && partner[candidate.new] == nil {
            oldFree[candidate.old] = false
            partner[candidate.new] = candidate.old
        }
        var rows = new.indices.compactMap { j in partner[j].map { i in Row(from: old[i], to: new[j], marks: BehaviourDiff.wordMarks(old[i], new[j])) } }
        rows += new.indices.filter { partner[$0] == nil }.map { Row(from: nil, to: new[$0], marks: []) }
        rows += old.indices.filter { oldFree[$0] }.map { Row(from: old[$0], to: nil, marks: []) }
        return rows
    }

    /// The words that carry a topic, once each: comparable words of four or more letters, so
    /// "a", "the" and "for" do not make two behaviours look related, cut to their first four
    /// letters, so "plan" and "planning", "team" and "teams" count as one topic. Each topic is a
    /// hash of those four letters, sorted: every pair of two levels' behaviours is compared, and
    /// sets of strings made that a tenth of a large build.
    public static func topicWords(_ text: String) -> [UInt64] {
        var topics: [UInt64] = []
        for word in BehaviourDiff.comparableWords(text) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325, letters = 0
            for scalar in word.unicodeScalars.prefix(4) {
                hash = (hash ^ UInt64(scalar.value)) &* 0x100_0000_01b3
                letters += 1
            }
            if letters == 4 { topics.append(hash) }
        }
        topics.sort()
        var unique = topics.isEmpty ? 0 : 1
        for index in topics.indices.dropFirst() where topics[index] != topics[unique - 1] {
            topics[unique] = topics[index]
            unique += 1
        }
        return Array(topics.prefix(unique))
    }

    /// 2·|shared| / (|a| + |b|) over topic words: 1 for the same topics, 0 for none in common.
    public static func relatedness(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        let shared = BehaviourDiff.commonCount(a, b)
        return 2 * Double(shared) / Double(a.count + b.count)
    }
}
