import LadderAnalysis
import LadderModel

/// One behaviour of the framework for the checks: where it is, and its words. Made on demand
/// from its role's `RoleWords`, which hold what the checks read; a place is only a role and a
/// number.
struct BehaviourPlace: Sendable {
    let owner: RoleWords
    /// The behaviour's number in its role, counting through the areas in order.
    let index: Int

    /// `WordHashes` of the text.
    var words: ArraySlice<Int> { owner.words(of: index) }
    var trackSlug: String { owner.trackSlug }
    var trackTitle: String { owner.trackTitle }
    var role: Role { owner.role }

    /// The area the behaviour is in, and its place there (from 0).
    private var areaAndPosition: (area: Int, position: Int) {
        var position = index
        for (area, behaviours) in owner.role.areas.map({ $0.behaviours.count }).enumerated() {
            if position < behaviours { return (area, position) }
            position -= behaviours
        }
        preconditionFailure("behaviour \(index) is not in '\(owner.role.title)'")
    }

    var behaviour: Behaviour {
        let (area, position) = areaAndPosition
        return owner.role.areas[area].behaviours[position]
    }

    var location: SourceLocation { behaviour.location }

    /// The key of the behaviour's area (its `{#key}` or its title's slug).
    var areaKey: String { owner.role.areas[areaAndPosition.area].key }

    /// Whether `other` is at another level of the same area of the same track: a behaviour
    /// kept, or reworded, from one level to the next is how cumulative ladders are written.
    func isSameArea(atAnotherLevelAs other: BehaviourPlace) -> Bool {
        trackSlug == other.trackSlug && role.slug != other.role.slug && areaKey == other.areaKey
    }

    /// The behaviour's id on its role page; made only for the few that have findings.
    var id: String {
        let (area, position) = areaAndPosition
        return "\(owner.role.areaAnchors[area])-\(position + 1)"
    }
}

/// A role's behaviours for the checks of the whole framework, with what those checks read of
/// each behaviour in flat arrays: the preview server runs them on every rebuild, and reading
/// 20,000 objects scattered in memory cost more than the checks themselves (as did making and
/// freeing them).
final class RoleWords: @unchecked Sendable {  // `slots` is set once, before any check runs
    let trackSlug: String
    let trackTitle: String
    let role: Role
    /// Every behaviour's `WordHashes`, one behaviour after another: behaviour i's are
    /// `words[wordStarts[i]..<wordStarts[i + 1]]`.
    private let words: [Int]
    private let wordStarts: [Int]
    /// Per behaviour: its number of words, `BehaviourDiff.signature`, `WordList` hash, whether it
    /// has text, and whether it starts with "I".
    let counts: [Int]
    let signatures: [UInt64]
    let listHashes: [Int]
    let hasText: [Bool]
    let firstPerson: [Bool]
    /// `words` as slots of a `WordTable` (given by `WordTable.number`, on one thread).
    private(set) var slots: [Int32]?

    init(_ role: Role, in track: Track) {
        trackSlug = track.slug
        trackTitle = track.title
        self.role = role
        var words: [Int] = [], wordStarts = [0], hasText: [Bool] = []
        var counts: [Int] = [], signatures: [UInt64] = [], listHashes: [Int] = [], firstPerson: [Bool] = []
        let behaviourCount = role.behaviourCount
        wordStarts.reserveCapacity(behaviourCount + 1)
        hasText.reserveCapacity(behaviourCount)
        counts.reserveCapacity(behaviourCount)
        signatures.reserveCapacity(behaviourCount)
        listHashes.reserveCapacity(behaviourCount)
        firstPerson.reserveCapacity(behaviourCount)
        // The behaviours are read in place, by index: a `for` over the areas and behaviours
        // copied each one, retaining and releasing its strings and arrays (230,000 atomic
        // reference counts at 20,000 behaviours, from both cores).
        let areas = role.areas.indices
        words.reserveCapacity(areas.reduce(0) { total, a in
            role.areas[a].behaviours.indices.reduce(total) { $0 + role.areas[a].behaviours[$1].content.text.utf8.count }
        } / 5)
        // One pass: each behaviour's summaries are made while its words are still in cache.
        for a in areas {
            for b in role.areas[a].behaviours.indices {
                let start = words.count
                WordHashes.append(role.areas[a].behaviours[b].content.text, to: &words)
                let own = words[start...]
                wordStarts.append(words.count)
                hasText.append(!role.areas[a].behaviours[b].content.text.isEmpty)
                counts.append(own.count)
                signatures.append(BehaviourDiff.signature(own))
                listHashes.append(WordList.hash(own))
                firstPerson.append(own.first == WordingChecks.firstPersonWord)
            }
        }
        (self.words, self.wordStarts, self.hasText) = (words, wordStarts, hasText)
        (self.counts, self.signatures, self.listHashes, self.firstPerson) = (counts, signatures, listHashes, firstPerson)
    }

    func words(of behaviour: Int) -> ArraySlice<Int> { words[wordStarts[behaviour]..<wordStarts[behaviour + 1]] }

    func place(_ behaviour: Int) -> BehaviourPlace { BehaviourPlace(owner: self, index: behaviour) }

    /// Gives the role its words' slots, unless it has them from an earlier check.
    func number(_ slotsOfWords: ([Int]) -> [Int32]) {
        if slots == nil { slots = slotsOfWords(words) }
    }

    /// Every role of the framework, in order, its words numbered in `table` (for tests).
    static func all(in framework: Framework, table: WordTable) -> [RoleWords] {
        let roles = framework.tracks.flatMap { track in track.roles.map { RoleWords($0, in: track) } }
        table.number(roles)
        return roles
    }
}
