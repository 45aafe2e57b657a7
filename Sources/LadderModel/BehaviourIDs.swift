/// Every behaviour's permanent id in a track: the anchor of its element on its role page and
/// on its track page, and its `id` in framework.json, so a link to one expectation keeps working.
///
/// An id is made from the behaviour alone: its level and its first words
/// (`3-design-systems-that-are-simple`), or the author's `{#id}` as written. So it stays the
/// same when other behaviours are added, removed or reordered and when files are renamed or
/// moved; only rewording the behaviour's opening (or moving it to another level) changes it,
/// which `{#id}` prevents. The level keeps a behaviour repeated at several levels (a
/// cumulative ladder's way of writing) apart on the track page, which shows every level.
public struct BehaviourIDs: Sendable, Equatable {
    /// By role, area and behaviour, in the track's order.
    public let ids: [[[String]]]
    /// Behaviours whose `{#id}` another behaviour of the track already had: their id has a
    /// suffix, and the author is told. (A made id repeats only where a level says the same
    /// thing twice, which the health checks report.)
    public let repeats: [(id: String, location: SourceLocation, first: SourceLocation)]

    public static func == (a: BehaviourIDs, b: BehaviourIDs) -> Bool { a.ids == b.ids }

    /// How many of a behaviour's words its id keeps, and at most how many characters.
    static let words = 6, characters = 48

    public init(_ track: Track) {
        var seen: [String: SourceLocation] = [:]
        var repeats: [(id: String, location: SourceLocation, first: SourceLocation)] = []
        ids = track.roles.map { role in
            let level = Slug.make(role.level.id, fallbackPrefix: "level")
            return role.areas.map { area in
                area.behaviours.map { behaviour in
                    let base = behaviour.explicitID ?? "\(level)-\(Self.opening(behaviour.content.text))"
                    var id = base, count = 1
                    while seen[id] != nil {
                        count += 1
                        id = "\(base)-\(count)"
                    }
                    if count > 1, behaviour.explicitID != nil, let first = seen[base] { repeats.append((base, behaviour.location, first)) }
                    seen[id] = behaviour.location
                    return id
                }
            }
        }
        self.repeats = repeats
    }

    /// "I design systems that are simple to operate" → "design-systems-that-are-simple".
    static func opening(_ text: String) -> String {
        var parts = Slug.make(text, fallbackPrefix: "behaviour").split(separator: "-")
        // Nearly every behaviour starts "I …": the word tells one from another not at all.
        if parts.count > 1, parts.first == "i" { parts.removeFirst() }
        var id = ""
        for part in parts.prefix(words) {
            if !id.isEmpty && id.count + 1 + part.count > characters { break }
            id += (id.isEmpty ? "" : "-") + part.prefix(characters)
        }
        return id
    }
}
