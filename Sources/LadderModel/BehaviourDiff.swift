/// What changed between the behaviours of one area at two levels.
///
/// Identical behaviours (in any order) are unchanged. The rest are paired greedily by word
/// similarity: every old/new pair is scored by 2·LCS / (old words + new words) over their
/// lowercased words without punctuation, pairs are taken from the most similar down while both
/// sides are free, and a pair counts as reworded only at a score of at least `threshold` (0.5).
/// What is left is new or dropped. A split bullet thus shows as one rewording plus one new
/// bullet, and a merge as one rewording plus one dropped bullet.
public enum BehaviourDiff {
    public static let threshold = 0.5

    public enum Change: Hashable, Sendable {
        case unchanged(String)
        case reworded(from: String, to: String, marks: [WordMark])
        case added(String)
        case dropped(String)
    }

    /// A word-level edit, for `<ins>`/`<del>` marks: text kept, removed or inserted.
    public enum WordMark: Hashable, Sendable {
        case same(String)
        case removed(String)
        case inserted(String)

        var isChange: Bool { if case .same = self { false } else { true } }
    }

    public struct Summary: Hashable, Sendable {
        public var added = 0, reworded = 0, dropped = 0, unchanged = 0

        public init() {}

        public mutating func count(_ changes: [Change]) {
            for change in changes {
                switch change {
                case .added: added += 1
                case .reworded: reworded += 1
                case .dropped: dropped += 1
                case .unchanged: unchanged += 1
                }
            }
        }

        /// "6 new, 3 reworded, 1 dropped, 10 unchanged".
        public var description: String {
            "\(added) new, \(reworded) reworded, \(dropped) dropped, \(unchanged) unchanged"
        }
    }

    /// Changes in the order of the new level, then dropped behaviours in their old order.
    public static func compare(_ old: [String], _ new: [String]) -> [Change] {
        let (pairedWith, exact, oldFree) = pair(old, new)
        var changes: [Change] = new.indices.map { j in
            guard let i = pairedWith[j] else { return .added(new[j]) }
            return exact[j] ? .unchanged(new[j]) : .reworded(from: old[i], to: new[j], marks: wordMarks(old[i], new[j]))
        }
        changes += old.indices.filter { oldFree[$0] }.map { .dropped(old[$0]) }
        return changes
    }

    /// The counts of `compare` without the word marks, for checks that only need the numbers.
    public static func summarize(_ old: [String], _ new: [String]) -> Summary {
        let (pairedWith, exact, oldFree) = pair(old, new)
        var summary = Summary()
        for j in new.indices {
            if pairedWith[j] == nil { summary.added += 1 } else if exact[j] { summary.unchanged += 1 } else { summary.reworded += 1 }
        }
        summary.dropped = oldFree.count { $0 }
        return summary
    }

    /// Exact matches first, then the greedy similarity pairing described above.
    private static func pair(_ old: [String], _ new: [String]) -> (pairedWith: [Int?], exact: [Bool], oldFree: [Bool]) {
        var oldFree = Array(repeating: true, count: old.count)
        var pairedWith: [Int?] = Array(repeating: nil, count: new.count)
        var exact: [Bool] = Array(repeating: false, count: new.count)
        for (j, text) in new.enumerated() {
            if let i = old.indices.first(where: { oldFree[$0] && old[$0] == text }) {
                oldFree[i] = false
                pairedWith[j] = i
                exact[j] = true
            }
        }
        guard pairedWith.contains(nil), oldFree.contains(true) else { return (pairedWith, exact, oldFree) }
        // Words as hashes, so the pairwise scores compare numbers rather than strings.
        let oldWords = old.map(WordHashes.of), newWords = new.map(WordHashes.of)
        // Sorted words are made only for the pairs the signatures let through.
        var oldSorted = [[Int]?](repeating: nil, count: old.count), newSorted = [[Int]?](repeating: nil, count: new.count)
        let oldSignatures = oldWords.map(signature), newSignatures = newWords.map(signature)
        var candidates: [(score: Double, old: Int, new: Int)] = []
        for j in new.indices where pairedWith[j] == nil {
            for i in old.indices where oldFree[i] {
                let total = oldWords[i].count + newWords[j].count
                guard total > 0 else {
                    candidates.append((1, i, j))
                    continue
                }
                // Words in common bound the LCS from above: skip pairs that cannot reach the threshold,
                // by the signatures first (a few instructions), then by counting.
                let bound = commonBound(oldWords[i].count, oldSignatures[i], newWords[j].count, newSignatures[j])
                guard 2 * Double(bound) / Double(total) >= threshold else { continue }
                if oldSorted[i] == nil { oldSorted[i] = oldWords[i].sorted() }
                if newSorted[j] == nil { newSorted[j] = newWords[j].sorted() }
                guard 2 * Double(commonCount(oldSorted[i]!, newSorted[j]!)) / Double(total) >= threshold else { continue }
                let score = 2 * Double(lcsLength(oldWords[i], newWords[j])) / Double(total)
                if score >= threshold { candidates.append((score, i, j)) }
            }
        }
        // Highest score first; ties keep the earlier old, then the earlier new, so results are stable.
        candidates.sort { ($0.score, -$0.old, -$0.new) > ($1.score, -$1.old, -$1.new) }
        for candidate in candidates where oldFree[candidate.old] && pairedWith[candidate.new] == nil {
            oldFree[candidate.old] = false
            pairedWith[candidate.new] = candidate.old
        }
        return (pairedWith, exact, oldFree)
    }

    /// Lowercased words with punctuation removed: what similarity is measured on. A word is a run
    /// of letters, digits and combining marks (Unicode categories L, N and M), as in compare.js.
    public static func comparableWords(_ text: String) -> [String] {
        // Words are gathered as UTF-8 bytes in one reused buffer: most are ASCII and short
        // enough to become small strings without an allocation.
        var words: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                if scalar.isASCII {
                    let byte = UInt8(scalar.value)
                    current.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                } else {
                    current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                }
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// 2·LCS / (|a| + |b|): 1 for the same words, 0 for none in common.
    public static func similarity<Word: Equatable>(_ a: [Word], _ b: [Word]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        return 2 * Double(lcsLength(a, b)) / Double(a.count + b.count)
    }

    /// Tokens that keep punctuation and spacing, so marks rebuild the exact texts: runs of word
    /// scalars, and every other scalar on its own (as compare.js's TOKEN pattern).
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                word.append(scalar)
            } else {
                if !word.isEmpty {
                    tokens.append(String(word))
                    word = String.UnicodeScalarView()
                }
                tokens.append(String(scalar))
            }
        }
        if !word.isEmpty { tokens.append(String(word)) }
        return tokens
    }

    /// Word-level marks from old to new: the longest common run of tokens is kept. Past
    /// `lcsCellLimit`, the common start and end are kept and the middle is one replacement.
    public static func wordMarks(_ old: String, _ new: String) -> [WordMark] {
        let all = (a: tokens(old), b: tokens(new))
        let (prefix, suffix) = commonEnds(all.a, all.b)
        let a = Array(all.a[prefix..<(all.a.count - suffix)]), b = Array(all.b[prefix..<(all.b.count - suffix)])
        var marks: [WordMark] = all.a[..<prefix].map { .same($0) }
        if a.isEmpty || b.isEmpty || a.count > lcsCellLimit / b.count {
            marks += a.map { .removed($0) } + b.map { .inserted($0) }
        } else {
            let table = lcsTable(a, b)
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    marks.append(.same(a[i]))
                    i += 1
                    j += 1
                } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                    marks.append(.removed(a[i]))  // removals before insertions, as a reader expects
                    i += 1
                } else {
                    marks.append(.inserted(b[j]))
                    j += 1
                }
            }
        }
        marks += all.a[(all.a.count - suffix)...].map { .same($0) }
        return tidy(marks)
    }

    /// Joins token marks into readable runs: kept text together, and each run of changes as one
    /// removal followed by one insertion. A space kept between two changes joins them, so
    /// "my team" → "several teams" reads as one edit rather than two.
    private static func tidy(_ marks: [WordMark]) -> [WordMark] {
        var result: [WordMark] = []
        // Runs are gathered in buffers and appended once, so a long run costs its length, not
        // its length squared.
        var kept = "", removed = "", inserted = ""
        func flushChanges() {
            if !removed.isEmpty { result.append(.removed(removed)) }
            if !inserted.isEmpty { result.append(.inserted(inserted)) }
            removed = ""
            inserted = ""
        }
        func flushKept() {
            if !kept.isEmpty { result.append(.same(kept)) }
            kept = ""
        }
        for (index, mark) in marks.enumerated() {
            switch mark {
            case .removed(let text):
                flushKept()
                removed += text
            case .inserted(let text):
                flushKept()
                inserted += text
            case .same(let text):
                let changeFollows = index + 1 < marks.count && marks[index + 1].isChange
                if (!removed.isEmpty || !inserted.isEmpty) && changeFollows && text.allSatisfy(\.isWhitespace) {
                    removed += text
                    inserted += text
                } else {
                    flushChanges()
                    kept += text
                }
            }
        }
        flushKept()
        flushChanges()
        return result
    }

    /// One bit per word (its hash modulo 64). A bit set in one signature and not in the other
    /// stands for at least one word the other text lacks.
    @inlinable public static func signature<Words: Sequence<Int>>(_ words: Words) -> UInt64 {
        words.reduce(0) { $0 | (1 << UInt64($1 & 63)) }
    }

    /// An upper bound of the words two texts have in common, from their signatures: each text
    /// keeps at most its length less the words the signatures show the other one lacks.
    @inlinable public static func commonBound(_ aCount: Int, _ aSignature: UInt64, _ bCount: Int, _ bSignature: UInt64) -> Int {
        min(aCount &- (aSignature & ~bSignature).nonzeroBitCount, bCount &- (bSignature & ~aSignature).nonzeroBitCount)
    }

    /// Size of the multiset intersection of two sorted lists: an upper bound of their LCS (of
    /// word hashes), and the topics two behaviours share (`Restatement`).
    @inlinable public static func commonCount<Element: Comparable>(_ a: [Element], _ b: [Element]) -> Int {
        var i = 0, j = 0, count = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                count += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return count
    }

    /// The most cells a longest-common-subsequence table may have (about 2,000 × 2,000 words).
    /// Its time and memory grow with the product of the two lengths, so one behaviour of a
    /// megabyte would take hours; past this, only the common start and end count as shared.
    public static let lcsCellLimit = 4_000_000

    /// How many items `a` and `b` share at their start and at their end (not overlapping).
    @inlinable static func commonEnds<Words: RandomAccessCollection>(_ a: Words, _ b: Words) -> (prefix: Int, suffix: Int)
    where Words.Element: Equatable {
        var prefix = 0
        var i = a.startIndex, j = b.startIndex
        while i != a.endIndex, j != b.endIndex, a[i] == b[j] {
            prefix += 1
            a.formIndex(after: &i)
            b.formIndex(after: &j)
        }
        var suffix = 0
        var k = a.endIndex, l = b.endIndex
        while a.distance(from: i, to: k) > 0, b.distance(from: j, to: l) > 0 {
            a.formIndex(before: &k)
            b.formIndex(before: &l)
            guard a[k] == b[l] else { break }
            suffix += 1
        }
        return (prefix, suffix)
    }

    /// The length of the longest common subsequence: exact while the table between the common
    /// start and end stays within `lcsCellLimit`, a lower bound (the common ends) past it.
    @inlinable public static func lcsLength<Words: RandomAccessCollection>(_ a: Words, _ b: Words) -> Int where Words.Element: Equatable {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (prefix, suffix) = commonEnds(a, b)
        let a = a.dropFirst(prefix).dropLast(suffix), b = b.dropFirst(prefix).dropLast(suffix)
        guard !a.isEmpty, !b.isEmpty, a.count <= lcsCellLimit / b.count else { return prefix + suffix }
        var previous = Array(repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return prefix + suffix + previous[b.count]
    }

    /// table[i][j] = LCS length of a[i...] and b[j...].
    private static func lcsTable(_ a: [String], _ b: [String]) -> [[Int]] {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table
    }
}
