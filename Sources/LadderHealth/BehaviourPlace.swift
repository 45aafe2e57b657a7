import LadderModel

/// One behaviour of the framework for the checks: where it is, and its words. A class, so the
/// checks pass thousands of these around without copying; the role is shared by all the
/// behaviours of a role, so making the places copies each role once.
final class BehaviourPlace: Sendable {
    private let owner: RolePlace
    private let areaIndex: Int
    /// The behaviour's place in its area (from 0).
    private let index: Int
    /// `WordHashes` of the text.
    let words: [Int]
    let hasText: Bool

    private final class RolePlace: Sendable {
        let trackSlug: String
        let trackTitle: String
        let role: Role

        init(trackSlug: String, trackTitle: String, role: Role) {
            self.trackSlug = trackSlug
            self.trackTitle = trackTitle
            self.role = role
        }
    }

    private init(owner: RolePlace, areaIndex: Int, index: Int, text: String) {
        self.owner = owner
        self.areaIndex = areaIndex
        self.index = index
        words = WordHashes.of(text)
        hasText = !text.isEmpty
    }

    var trackSlug: String { owner.trackSlug }
    var trackTitle: String { owner.trackTitle }
    var role: Role { owner.role }
    var behaviour: Behaviour { owner.role.areas[areaIndex].behaviours[index] }
    var location: SourceLocation { behaviour.location }

    /// The behaviour's id on its role page; made only for the few that have findings.
    var id: String { "\(owner.role.areaAnchors[areaIndex])-\(index + 1)" }

    /// The behaviours of one role, in order.
    static func all(of role: Role, in track: Track) -> [BehaviourPlace] {
        let owner = RolePlace(trackSlug: track.slug, trackTitle: track.title, role: role)
        var places: [BehaviourPlace] = []
        places.reserveCapacity(role.behaviourCount)
        for (areaIndex, area) in role.areas.enumerated() {
            for (index, behaviour) in area.behaviours.enumerated() {
                places.append(BehaviourPlace(owner: owner, areaIndex: areaIndex, index: index, text: behaviour.content.text))
            }
        }
        return places
    }
}

/// A role's behaviours for the checks of the whole framework, with what those checks read of
/// each behaviour in flat arrays: the preview server runs them on every rebuild, and reading
/// 20,000 objects scattered in memory would cost more than the checks themselves.
final class RoleWords: @unchecked Sendable {  // `slots` is set once, before any check runs
    let places: [BehaviourPlace]
    /// Per behaviour: its number of words, `BehaviourDiff.signature`, `WordList` hash, whether it
    /// has text, and whether it starts with "I".
    let counts: [Int]
    let signatures: [UInt64]
    let listHashes: [Int]
    let hasText: [Bool]
    let firstPerson: [Bool]
    /// Every behaviour's words as slots of a `WordTable`, one behaviour after another (given by
    /// `WordTable.number`, on one thread).
    private(set) var slots: [Int32]?

    init(_ role: Role, in track: Track) {
        places = BehaviourPlace.all(of: role, in: track)
        // Closures rather than key paths: `map(\.words.count)` projected its key path at run time,
        // a tenth of the checks' time at 20,000 behaviours.
        counts = places.map { $0.words.count }
        signatures = places.map { BehaviourDiff.signature($0.words) }
        listHashes = places.map { WordList.hash($0.words) }
        hasText = places.map { $0.hasText }
        firstPerson = places.map { $0.words.first == WordingChecks.firstPersonWord }
    }

    /// Gives the role its words' slots, unless it has them from an earlier check.
    func number(_ slot: (Int) -> Int32) {
        guard slots == nil else { return }
        var slots: [Int32] = []
        slots.reserveCapacity(counts.reduce(0, +))
        for place in places {
            for word in place.words { slots.append(slot(word)) }
        }
        self.slots = slots
    }

    /// Every role of the framework, in order, its words numbered in `table` (for tests).
    static func all(in framework: Framework, table: WordTable) -> [RoleWords] {
        let roles = framework.tracks.flatMap { track in track.roles.map { RoleWords($0, in: track) } }
        table.number(roles)
        return roles
    }
}
