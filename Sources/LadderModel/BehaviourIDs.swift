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

    /// "I design systems that are simple to operate" → "design-systems-that-are-simple-to".
    static func opening(_ text: String) -> String {
        asciiOpening(text) ?? openingOfSlug(text)
    }

    /// `openingOfSlug` for ASCII text, folding only the words the id can take rather than the
    /// whole behaviour: a third of the preview's analysis after an edit went to slugging and
    /// splitting every behaviour of the track. nil where only the slug gives the answer (other
    /// text, a text of no letters or digits, or one word that is a reserved name).
    static func asciiOpening(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var parts: [[UInt8]] = []
        var word: [UInt8] = []
        // The words as Slug.make folds them: letters and digits, lowercased; an apostrophe
        // joins ("don't" → "dont"); anything else separates. One more word than the id can
        // take is enough to know whether the first is a lone "i".
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                word.append(lower)
            } else if lower != 0x27, !word.isEmpty {
                parts.append(word)
                word = []
                if parts.count > words + 1 { break }
            }
        }
        if !word.isEmpty, parts.count <= words + 1 { parts.append(word) }
        guard !parts.isEmpty, parts.count > 1 || !Slug.reservedNames.contains(String(decoding: parts[0], as: UTF8.self)) else { return nil }
        if parts.count > 1, parts[0] == [UInt8(ascii: "i")] { parts.removeFirst() }
        var id: [UInt8] = []
        for part in parts.prefix(words) {
            if !id.isEmpty && id.count + 1 + part.count > characters { break }
            if !id.isEmpty { id.append(UInt8(ascii: "-")) }
            id += part.prefix(characters)
        }
        return String(decoding: id, as: UTF8.self)
    }

    /// The opening from the behaviour's whole slug (see `Slug.make`).
    static func openingOfSlug(_ text: String) -> String {
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
