import LadderModel

/// The same behaviour written twice, or nearly so, anywhere in the framework.
enum DuplicationChecks {
    static let all: [CheckDefinition] = [
        CheckDefinition(
            "duplicate-behaviour", .warning, "the same behaviour (ignoring case and punctuation) is written in two places",
            run: { context in
                var first: [[Int]: BehaviourPlace] = [:]
                var findings: [Finding] = []
                for place in context.behaviours {
                    let key = place.words  // equal word lists are equal texts, ignoring case and punctuation
                    guard !key.isEmpty else { continue }
                    if let earlier = first[key] {
                        findings.append(context.finding(
                            "this behaviour is also written at \(earlier.location) ('\(earlier.role.title)', \(earlier.track.title)); say what changes, or keep it in one place",
                            at: place.location, track: place.track, role: place.role, anchor: place.id))
                    } else {
                        first[key] = place
                    }
                }
                return findings
            }),
        CheckDefinition(
            "near-duplicate", .warning, "two behaviours are nearly the same (word similarity at or above the threshold)",
            defaults: ["threshold": .number(0.85)],
            run: { context in
                NearDuplicates.find(context.behaviours, threshold: context.number("threshold")).map { earlier, later, score in
                    context.finding(
                        "this behaviour is \(Int((score * 100).rounded()))% like the one at \(earlier.location) ('\(earlier.role.title)', \(earlier.track.title)); make the difference clear or merge them",
                        at: later.location, track: later.track, role: later.role, anchor: later.id)
                }
            }),
    ]
}

/// Near-duplicate pairs without comparing all pairs: each behaviour is indexed under its few
/// rarest words, and only behaviours that share one are compared. Two near-identical texts share
/// their rare words, so this finds them; words common to many behaviours index nothing.
enum NearDuplicates {
    static let wordsPerBehaviour = 3
    static let minimumWords = 4

    static func find(_ places: [BehaviourPlace], threshold: Double) -> [(BehaviourPlace, BehaviourPlace, Double)] {
        let words = places.map(\.words)
        // Each distinct word gets a small number (its slot), so counts live in flat arrays.
        var table = WordSlots()
        var frequency: [Int32] = []  // behaviours that use the word
        var lastCounted: [Int] = []  // counts a word once per behaviour
        let slots = words.enumerated().map { index, list in
            list.map { word -> Int in
                let slot = table.number(word)
                if slot == frequency.count {
                    frequency.append(0)
                    lastCounted.append(-1)
                }
                if lastCounted[slot] != index {
                    lastCounted[slot] = index
                    frequency[slot] += 1
                }
                return slot
            }
        }
        // A word shared by more behaviours than this is too common to tell anything apart.
        let bucketLimit = max(32, Int(Double(places.count).squareRoot()))
        // Each behaviour's few rarest words, rarest first (-1 fills the rest). Between equally
        // rare words the hash decides, which no order of files can change.
        var rare = [Int](repeating: -1, count: wordsPerBehaviour * places.count)
        var chosen: [(frequency: Int32, word: Int, slot: Int)] = []
        chosen.reserveCapacity(wordsPerBehaviour + 1)
        for index in words.indices where words[index].count >= minimumWords {
            chosen.removeAll(keepingCapacity: true)
            for (word, slot) in zip(words[index], slots[index]) where frequency[slot] <= bucketLimit {
                let candidate = (frequency: frequency[slot], word: word, slot: slot)
                guard !chosen.contains(where: { $0.slot == slot }) else { continue }
                let position = chosen.firstIndex { (candidate.frequency, candidate.word) < ($0.frequency, $0.word) } ?? chosen.count
                guard position < wordsPerBehaviour else { continue }
                chosen.insert(candidate, at: position)
                if chosen.count > wordsPerBehaviour { chosen.removeLast() }
            }
            for (k, choice) in chosen.enumerated() { rare[wordsPerBehaviour * index + k] = choice.slot }
        }
        // Behaviours by rare word, in index order: a counting sort into one flat array.
        var bucketStart = [Int](repeating: 0, count: frequency.count + 1)
        for slot in rare where slot >= 0 { bucketStart[slot + 1] += 1 }
        for slot in frequency.indices { bucketStart[slot + 1] += bucketStart[slot] }
        var members = [Int](repeating: 0, count: bucketStart[frequency.count])
        var filled = bucketStart
        for (position, slot) in rare.enumerated() where slot >= 0 {
            members[filled[slot]] = position / wordsPerBehaviour
            filled[slot] += 1
        }
        func firstShared(_ i: Int, _ j: Int) -> Int {
            let others = rare[(wordsPerBehaviour * j)..<(wordsPerBehaviour * (j + 1))]
            for k in 0..<wordsPerBehaviour {
                let slot = rare[wordsPerBehaviour * i + k]
                if slot < 0 { break }
                if others.contains(slot) { return slot }
            }
            return -1
        }
        let signatures = words.map(BehaviourDiff.signature)
        let shared = frequency.indices.filter { bucketStart[$0 + 1] - bucketStart[$0] > 1 }
        // Buckets are independent: compare their pairs on every core.
        let found = ConcurrentWork.map(shared) { slot -> [(Int, Int, Double)] in
            var pairs: [(Int, Int, Double)] = []
            let bucket = members[bucketStart[slot]..<bucketStart[slot + 1]]
            for (position, i) in zip(bucket.indices, bucket) {
                for j in bucket[(position + 1)...] {
                    let a = words[i], b = words[j]
                    let total = Double(a.count + b.count)
                    // Cheap upper bounds on the words in common first (LCS cannot exceed them).
                    guard 2 * Double(BehaviourDiff.commonBound(a, signatures[i], b, signatures[j])) / total >= threshold,
                        // Compare a pair once: in the bucket of the rarest word the two share.
                        firstShared(i, j) == slot,
                        2 * Double(BehaviourDiff.commonCount(a.sorted(), b.sorted())) / total >= threshold,
                        a != b
                    else { continue }
                    let score = 2 * Double(BehaviourDiff.lcsLength(a, b)) / total
                    if score >= threshold { pairs.append((i, j, score)) }
                }
            }
            return pairs
        }
        let pairs = found.flatMap { $0 }
        return pairs.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map { (places[$0.0], places[$0.1], $0.2) }
    }
}

/// A small number for each distinct word hash, for counting in arrays: open addressing on the
/// hash's own bits (they are already well mixed), kept at most half full.
struct WordSlots {
    private(set) var count = 0
    private var keys = Array(repeating: 0, count: 1024)
    private var values = Array(repeating: -1, count: 1024)  // -1: empty

    /// The word's number, given in order of first use.
    mutating func number(_ word: Int) -> Int {
        let mask = keys.count - 1
        var slot = word & mask
        while values[slot] >= 0 {
            if keys[slot] == word { return values[slot] }
            slot = (slot + 1) & mask
        }
        keys[slot] = word
        values[slot] = count
        count += 1
        if 2 * count > keys.count { grow() }
        return count - 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: 2 * oldKeys.count)
        values = Array(repeating: -1, count: 2 * oldKeys.count)
        let mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldValues) where value >= 0 {
            var slot = key & mask
            while values[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
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
                let places = context.behaviours.filter(\.hasText)
                guard !places.isEmpty else { return [] }
                let firstPerson = places.filter { isFirstPerson($0) }
                let share = Double(firstPerson.count) / Double(places.count)
                let majority = context.number("majority")
                if share >= majority && share < 1 {
                    return places.filter { !isFirstPerson($0) }.map { place in
                        context.finding(
                            "\(Int((share * 100).rounded()))% of behaviours start with \"I\", this one does not; write it in the first person too",
                            at: place.location, track: place.track, role: place.role, anchor: place.id)
                    }
                } else if 1 - share >= majority && share > 0 {
                    return firstPerson.map { place in
                        context.finding(
                            "\(Int(((1 - share) * 100).rounded()))% of behaviours are not written in the first person, this one is; use the same style as the rest",
                            at: place.location, track: place.track, role: place.role, anchor: place.id)
                    }
                }
                return []
            }),
        CheckDefinition(
            "long-behaviour", .warning, "a behaviour is longer than the word limit",
            defaults: ["max_words": .number(40)],
            run: { context in
                let limit = Int(context.number("max_words"))
                return context.behaviours.compactMap { place in
                    let count = place.words.count
                    guard count > limit else { return nil }
                    return context.finding(
                        "this behaviour has \(count) words (the limit is \(limit)); split it, or move detail into examples",
                        at: place.location, track: place.track, role: place.role, anchor: place.id)
                }
            }),
        CheckDefinition(
            "vague-words", .warning, "a behaviour uses a word from the list of vague words",
            defaults: ["words": .words(defaultVagueWords)],
            run: { context in
                // Phrases as word hashes, so matching compares numbers.
                let phrases = context.words("words").map { (BehaviourDiff.comparableWords($0), WordHashes.of($0)) }
                    .filter { !$0.1.isEmpty }
                return context.behaviours.compactMap { place in
                    guard let phrase = phrases.first(where: { contains(place.words, $0.1) }) else { return nil }
                    return context.finding(
                        "'\(phrase.0.joined(separator: " "))' is vague; say what it means in practice",
                        at: place.location, track: place.track, role: place.role, anchor: place.id)
                }
            }),
    ]

    /// "I …", "I'm …", "I’ve …": the first word is "i" (apostrophes split words).
    static func isFirstPerson(_ place: BehaviourPlace) -> Bool { place.words.first == firstPersonWord }
    private static let firstPersonWord = WordHashes.word("i")

    static func contains<Word: Equatable>(_ words: [Word], _ phrase: [Word]) -> Bool {
        guard let first = phrase.first, phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == first {
            if words[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }
}
