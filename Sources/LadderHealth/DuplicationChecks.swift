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
                    let key = place.numbers  // the words, numbered: equal lists are equal texts
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
        // Words as the integers numbered once for all checks, so comparisons compare numbers.
        let words = places.map(\.numbers)
        let vocabulary = (words.lazy.flatMap { $0 }.max() ?? -1) + 1
        let sortedWords = words.map { $0.sorted() }
        var frequency = Array(repeating: 0, count: vocabulary)
        var lastCounted = Array(repeating: -1, count: vocabulary)  // counts a word once per behaviour
        for (index, list) in words.enumerated() {
            for word in list where lastCounted[word] != index {
                lastCounted[word] = index
                frequency[word] += 1
            }
        }
        // A word shared by more behaviours than this is too common to tell anything apart.
        let bucketLimit = max(32, Int(Double(places.count).squareRoot()))
        func rarer(_ a: Int, _ b: Int) -> Bool { (frequency[a], a) < (frequency[b], b) }
        // Each behaviour's few rarest words, rarest first.
        let rare: [[Int]] = words.map { list in
            guard list.count >= minimumWords else { return [] }
            var chosen: [Int] = []
            for word in list where frequency[word] <= bucketLimit && !chosen.contains(word) {
                if chosen.count < wordsPerBehaviour {
                    chosen.append(word)
                } else if let worst = chosen.max(by: rarer), rarer(word, worst) {
                    chosen[chosen.firstIndex(of: worst)!] = word
                }
            }
            return chosen.sorted(by: rarer)
        }
        var buckets: [Int: [Int]] = [:]
        for (index, words) in rare.enumerated() {
            for word in words { buckets[word, default: []].append(index) }
        }
        let signatures = words.map(BehaviourDiff.signature)
        let shared = buckets.filter { $0.value.count > 1 }.map { (word: $0.key, members: $0.value) }
        // Buckets are independent: compare their pairs on every core.
        let found = ConcurrentWork.map(shared) { word, members -> [(Int, Int, Double)] in
            var pairs: [(Int, Int, Double)] = []
            for (position, i) in members.enumerated() {
                for j in members[(position + 1)...] {
                    let a = words[i], b = words[j]
                    let total = Double(a.count + b.count)
                    // Cheap upper bounds on the words in common first (LCS cannot exceed them).
                    guard 2 * Double(BehaviourDiff.commonBound(a, signatures[i], b, signatures[j])) / total >= threshold,
                        // Compare a pair once: in the bucket of the rarest word the two share.
                        rare[i].first(where: { rare[j].contains($0) }) == word,
                        2 * Double(BehaviourDiff.commonCount(sortedWords[i], sortedWords[j])) / total >= threshold,
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
                let places = context.behaviours.filter { !$0.text.isEmpty }
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
                // Phrases as word numbers; one with a word no behaviour uses cannot match.
                let phrases = context.words("words").map { BehaviourDiff.comparableWords($0) }.compactMap { words in
                    let numbers = words.compactMap { context.vocabulary[$0] }
                    return !words.isEmpty && numbers.count == words.count ? (words, numbers) : nil
                }
                return context.behaviours.compactMap { place in
                    guard let phrase = phrases.first(where: { contains(place.numbers, $0.1) }) else { return nil }
                    return context.finding(
                        "'\(phrase.0.joined(separator: " "))' is vague; say what it means in practice",
                        at: place.location, track: place.track, role: place.role, anchor: place.id)
                }
            }),
    ]

    /// "I …", "I'm …", "I’ve …": the first word is "i" (apostrophes split words).
    static func isFirstPerson(_ place: BehaviourPlace) -> Bool { place.words.first == "i" }

    static func contains<Word: Equatable>(_ words: [Word], _ phrase: [Word]) -> Bool {
        guard let first = phrase.first, phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == first {
            if words[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }
}
