import LadderModel

/// A health finding: a diagnostic, and the role (and anchor on its page) it concerns, so the
/// health page can link to it.
public struct Finding: Hashable, Sendable, Comparable {
    public var diagnostic: Diagnostic
    public var track: String?
    public var role: String?
    /// An area anchor or behaviour id on the role's page.
    public var anchor: String?

    public init(_ diagnostic: Diagnostic, track: String? = nil, role: String? = nil, anchor: String? = nil) {
        self.diagnostic = diagnostic
        self.track = track
        self.role = role
        self.anchor = anchor
    }

    public static func < (a: Finding, b: Finding) -> Bool { a.diagnostic < b.diagnostic }
}

/// One check of the health report: a stable id, a default severity, a one-line reason (the
/// README's table is made of these) and its default thresholds.
public struct CheckDefinition: Sendable {
    public var id: String
    public var severity: Diagnostic.Severity
    public var reason: String
    public var defaults: [String: CheckSetting.Value]
    let run: @Sendable (CheckContext) -> [Finding]

    init(
        _ id: String, _ severity: Diagnostic.Severity, _ reason: String, defaults: [String: CheckSetting.Value] = [:],
        run: @escaping @Sendable (CheckContext) -> [Finding] = { _ in [] }
    ) {
        self.id = id
        self.severity = severity
        self.reason = reason
        self.defaults = defaults
        self.run = run
    }
}

/// What a check sees: the framework, each track's alignment, the positions' mileage, and its settings.
public struct CheckContext: Sendable {
    public let framework: Framework
    public let alignments: [String: TrackAlignment]
    /// Every behaviour with where it is and its comparable words, made once for all checks.
    let behaviours: [BehaviourPlace]
    /// Comparable words as numbers, by track, role, area and behaviour index (slugs may clash).
    let numberedWords: [[[[[Int]]]]]
    /// The number of each word in `numberedWords` and `BehaviourPlace.numbers`.
    let vocabulary: [String: Int]
    let setting: CheckSetting?
    let definition: CheckDefinition

    /// A numeric option: the framework's setting, else the check's default.
    func number(_ name: String) -> Double {
        if let value = setting?.number(name) { return value }
        if case .number(let value)? = definition.defaults[name] { return value }
        return 0
    }

    func words(_ name: String) -> [String] {
        if let value = setting?.words(name) { return value }
        if case .words(let value)? = definition.defaults[name] { return value }
        return []
    }

    /// A finding of this check at its configured severity.
    func finding(
        _ message: String, at location: SourceLocation, track: Track? = nil, role: Role? = nil, anchor: String? = nil
    ) -> Finding {
        Finding(
            Diagnostic(setting?.severity ?? definition.severity, definition.id, message, at: location),
            track: track?.slug, role: role?.slug, anchor: anchor)
    }
}

/// A class, so the checks pass thousands of these around without copying the model values inside.
final class BehaviourPlace: @unchecked Sendable {  // `numbers` is set once, before any check runs
    let track: Track
    let role: Role
    let area: Area
    let behaviour: Behaviour
    /// The area's anchor on the role page, and the behaviour's place in the area (from 0).
    private let anchor: String
    private let index: Int
    /// `BehaviourDiff.comparableWords` of the text.
    let words: [String]
    /// The same words as numbers, shared across the framework (for fast comparisons).
    var numbers: [Int] = []

    init(track: Track, role: Role, area: Area, behaviour: Behaviour, anchor: String, index: Int, words: [String]) {
        self.track = track
        self.role = role
        self.area = area
        self.behaviour = behaviour
        self.anchor = anchor
        self.index = index
        self.words = words
    }

    /// The behaviour's id on its role page; made only for the few that have findings.
    var id: String { "\(anchor)-\(index + 1)" }

    /// Numbers every distinct word of `places`, in order of first use, and returns the numbering.
    @discardableResult
    static func numberWords(_ places: [BehaviourPlace]) -> [String: Int] {
        var ids: [String: Int] = [:]
        for place in places {
            place.numbers = place.words.map { word in
                if let id = ids[word] { return id }
                ids[word] = ids.count
                return ids.count - 1
            }
        }
        return ids
    }

    /// Numbers the words of `places` (made by `all(in:)`, in the same order) and groups them by
    /// track, role and area; also returns the numbering.
    static func number(_ places: [BehaviourPlace], in framework: Framework) -> ([[[[[Int]]]]], [String: Int]) {
        let vocabulary = numberWords(places)
        var index = 0
        let grouped = framework.tracks.map { track in
            track.roles.map { role in
                role.areas.map { area in
                    area.behaviours.map { _ in
                        defer { index += 1 }
                        return places[index].numbers
                    }
                }
            }
        }
        return (grouped, vocabulary)
    }

    /// Every behaviour of the framework with where it is, in a stable order (tracks on every core).
    static func all(in framework: Framework) -> [BehaviourPlace] {
        ConcurrentWork.map(framework.tracks) { track in
            track.roles.flatMap { role in
                zip(role.areas, role.areaAnchors).flatMap { area, anchor in
                    area.behaviours.enumerated().map { index, behaviour in
                        BehaviourPlace(
                            track: track, role: role, area: area, behaviour: behaviour, anchor: anchor, index: index,
                            words: BehaviourDiff.comparableWords(behaviour.content.text))
                    }
                }
            }
        }.flatMap { $0 }
    }

    var text: String { behaviour.content.text }
    var location: SourceLocation { behaviour.location }
}
