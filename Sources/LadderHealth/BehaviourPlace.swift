import LadderModel

/// One behaviour of the framework for the checks: where it is, and its words. A class, so the
/// checks pass thousands of these around without copying; the role is shared by all the
/// behaviours of a role, so making the places copies each role once.
final class BehaviourPlace: @unchecked Sendable {  // `slots` is set once, before any check runs
    private let owner: RolePlace
    private let areaIndex: Int
    /// The behaviour's place in its area (from 0).
    private let index: Int
    /// `WordHashes` of the text, and the same words' slots in a `WordTable` (given by `WordTable.number`).
    let words: [Int]
    var slots: [Int32] = []
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
    var text: String { behaviour.content.text }
    var location: SourceLocation { behaviour.location }

    /// The behaviour's id on its role page; made only for the few that have findings.
    var id: String { "\(owner.role.areaAnchors[areaIndex])-\(index + 1)" }

    /// The behaviours of one role, in order.
    static func all(of role: Role, in track: Track) -> [BehaviourPlace] {
        let owner = RolePlace(trackSlug: track.slug, trackTitle: track.title, role: role)
        return role.areas.enumerated().flatMap { areaIndex, area in
            area.behaviours.indices.map { index in
                BehaviourPlace(owner: owner, areaIndex: areaIndex, index: index, text: area.behaviours[index].content.text)
            }
        }
    }

    /// Every behaviour of the framework with where it is, in a stable order, its words numbered in `table` (for tests).
    static func all(in framework: Framework, table: WordTable) -> [BehaviourPlace] {
        let places = framework.tracks.flatMap { track in track.roles.flatMap { all(of: $0, in: track) } }
        table.number(places)
        return places
    }

    /// The words of one track's `places` (in the order `all(of:in:)` makes them) grouped by role and area.
    static func words(_ places: [BehaviourPlace], of track: Track) -> [[[[Int]]]] {
        var index = 0
        return track.roles.map { role in
            role.areas.map { area in
                area.behaviours.map { _ in
                    defer { index += 1 }
                    return places[index].words
                }
            }
        }
    }
}
