import LadderAnalysis
import LadderModel

/// The same behaviour written twice, or nearly so, anywhere in the framework.
enum DuplicationChecks {
    static let all: [CheckDefinition] = [
        CheckDefinition(
            "duplicate-behaviour", .warning,
            "the same behaviour (ignoring case and punctuation) is written in two places (not counting the same area at another level)",
            run: { context in
                // Equal word lists are equal texts, ignoring case and punctuation. Lists are found
                // by their hash in a table of first places; lists whose hashes clash are told apart
                // in a dictionary of their own. Places are read only for lists seen before (reading
                // each would cost more than the check).
                var firstByHash = FirstPlaces(capacity: context.roles.reduce(0) { $0 + $1.counts.count })
                var clashing: [WordList: BehaviourPlace] = [:]
                var findings: [Finding] = []
                for (roleIndex, role) in context.roles.enumerated() {
                    for index in role.counts.indices where role.counts[index] > 0 {
                        guard let first = firstByHash.insert(role.listHashes[index], role: roleIndex, index: index) else { continue }
                        let place = role.place(index), candidate = context.roles[first.role].place(first.index)
                        var earlier: BehaviourPlace?
                        if candidate.words == place.words {
                            earlier = candidate
                        } else {
                            earlier = clashing[WordList(Array(place.words))]
                            if earlier == nil { clashing[WordList(Array(place.words))] = place }
                        }
                        guard let earlier, !place.isSameArea(atAnotherLevelAs: earlier) else { continue }
                        findings.append(context.finding(
                            "this behaviour is also written at \(earlier.location) ('\(earlier.role.title)', \(earlier.trackTitle)); say what changes, or keep it in one place",
                            at: place))
                    }
                }
                return findings
            }),
        CheckDefinition(
            "near-duplicate", .warning,
            "two behaviours are nearly the same (word similarity at or above the threshold), not counting the same area at another level",
            defaults: ["threshold": .number(0.85)],
            run: { context in
                NearDuplicates.find(
                    context.roles, table: context.wordTable, threshold: context.number("threshold"), memo: context.memo?.nearDuplicates
                ).filter { earlier, later, _ in !later.isSameArea(atAnotherLevelAs: earlier) }.map { earlier, later, score in
                    context.finding(
                        "this behaviour is \(Int((score * 100).rounded()))% like the one at \(earlier.location) ('\(earlier.role.title)', \(earlier.trackTitle)); make the difference clear or merge them",
                        at: later)
                }
            }),
    ]
}

/// A dictionary key for a list of word hashes that hashes one number, made once, rather than
/// every word on every lookup.
struct WordList: Hashable {
    let words: [Int]
    private let hash: Int

    init(_ words: [Int]) {
        self.words = words
        hash = Self.hash(words)
    }

    static func hash<Words: Sequence<Int>>(_ words: Words) -> Int { words.reduce(0) { ($0 &* 31) ^ $1 } }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    static func == (a: WordList, b: WordList) -> Bool { a.hash == b.hash && a.words == b.words }
}

/// The first place of each word-list hash: open addressing on the hash's own bits (a
/// `WordList.hash` of word hashes is already well mixed), kept at most half full. A Dictionary
/// hashed each of 20,000 keys again and cost most of the duplicate check.
struct FirstPlaces {
    private var hashes: [Int]
    private var places: [(role: Int32, index: Int32)]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        hashes = Array(repeating: 0, count: size)
        places = Array(repeating: (-1, -1), count: size)
        mask = size - 1
    }

    /// Records the place for `hash` unless the hash has one: then gives that earlier place.
    mutating func insert(_ hash: Int, role: Int, index: Int) -> (role: Int, index: Int)? {
        var slot = hash & mask
        while places[slot].role >= 0 {
            if hashes[slot] == hash { return (Int(places[slot].role), Int(places[slot].index)) }
            slot = (slot + 1) & mask
        }
        hashes[slot] = hash
        places[slot] = (Int32(role), Int32(index))
        return nil
    }
}

/// Wording that departs from the framework's own habits.
enum WordingChecks {
    static let defaultVagueWords = [
        "etc", "various", "appropriate", "appropriately", "as needed", "as appropriate", "and so on", "stuff", "things",
    ]

    static let all: [CheckDefinition] = [
        CheckDefinition(
            "person-style", .warning, "a behaviour is not written in the person most behaviours use (such as first-person \"I …\")",
            defaults: ["majority": .number(0.6)],
            run: { context in
                // Counted from the roles' flat arrays; only the places with findings are read.
                var written = 0, firstPersonCount = 0
                for role in context.roles {
                    written += role.hasText.count { $0 }
                    firstPersonCount += zip(role.hasText, role.firstPerson).count { $0 && $1 }
                }
                guard written > 0 else { return [] }
                func places(firstPerson: Bool) -> [BehaviourPlace] {
                    context.roles.flatMap { role in
                        role.counts.indices.filter { role.hasText[$0] && role.firstPerson[$0] == firstPerson }.map(role.place)
                    }
                }
                let share = Double(firstPersonCount) / Double(written)
                let majority = context.number("majority")
                if share >= majority && share < 1 {
                    return places(firstPerson: false).map { place in
                        context.finding(
                            "\(Int((share * 100).rounded()))% of behaviours start with \"I\", this one does not; write it in the first person too",
                            at: place)
                    }
                } else if 1 - share >= majority && share > 0 {
                    return places(firstPerson: true).map { place in
                        context.finding(
                            "\(Int(((1 - share) * 100).rounded()))% of behaviours are not written in the first person, this one is; use the same style as the rest",
                            at: place)
                    }
                }
                return []
            }),
        CheckDefinition(
            "long-behaviour", .warning, "a behaviour is longer than the word limit",
            defaults: ["max_words": .number(40)],
            scope: .track,
            run: { context in
                let limit = Int(context.number("max_words"))
                // Word counts are read from the roles' flat arrays; only long behaviours' places are made.
                return context.roles.flatMap { role in
                    role.counts.indices.filter { role.counts[$0] > limit }.map { index in
                        context.finding(
                            "this behaviour has \(role.counts[index]) words (the limit is \(limit)); split it, or move detail into examples",
                            at: role.place(index))
                    }
                }
            }),
        CheckDefinition(
            "vague-words", .warning, "a behaviour uses a word from the list of vague words",
            defaults: ["words": .words(defaultVagueWords)],
            scope: .track,
            run: { context in
                // Phrases as word hashes, so matching compares numbers. A phrase with a word no
                // behaviour uses (every behaviour's words are in the word table) is not looked for
                // at all, nor is one with a word the behaviour's signature lacks.
                let phrases = context.words("words").map { (BehaviourDiff.comparableWords($0), WordHashes.of($0)) }
                    .filter { !$0.1.isEmpty && $0.1.allSatisfy(context.wordTable.contains) }
                let phraseSignatures = phrases.map { BehaviourDiff.signature($0.1) }
                return context.roles.flatMap { role in
                    role.signatures.indices.compactMap { index in
                        let signature = role.signatures[index]
                        guard let phrase = phrases.indices.first(where: {
                            phraseSignatures[$0] & ~signature == 0 && contains(role.words(of: index), phrases[$0].1)
                        }) else { return nil }
                        return context.finding(
                            "'\(phrases[phrase].0.joined(separator: " "))' is vague; say what it means in practice",
                            at: role.place(index))
                    }
                }
            }),
    ]

    /// "I …", "I'm …", "I’ve …": the first word is "i" (apostrophes split words).
    static let firstPersonWord = WordHashes.word("i")

    static func contains<Word: Equatable>(_ words: ArraySlice<Word>, _ phrase: [Word]) -> Bool {
        guard let first = phrase.first, phrase.count <= words.count else { return false }
        for start in words.startIndex...(words.endIndex - phrase.count) where words[start] == first {
            if words[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }
}
