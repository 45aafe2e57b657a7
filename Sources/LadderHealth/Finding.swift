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

/// What a check sees: the framework, each track's alignment, every behaviour's words, and its settings.
public struct CheckContext: Sendable {
    public let framework: Framework
    public let alignments: [String: TrackAlignment]
    /// Every behaviour with where it is and its comparable words, made once for all checks.
    let behaviours: [BehaviourPlace]
    /// `behaviours`' words grouped by track, role, area and behaviour index (slugs may clash).
    let wordsByTrack: [[[[[Int]]]]]
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

/// One behaviour of the framework for the checks: where it is, and its words. A class, so the
/// checks pass thousands of these around without copying; the track and role are shared by all
/// the behaviours of a role, so making the places copies each role once.
final class BehaviourPlace: Sendable {
    private let owner: RolePlace
    private let areaIndex: Int
    /// The behaviour's place in its area (from 0).
    private let index: Int
    /// `WordHashes` of the text.
    let words: [Int]
    let hasText: Bool

    private final class RolePlace: Sendable {
        let track: Track
        let role: Role

        init(track: Track, role: Role) {
            self.track = track
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

    var track: Track { owner.track }
    var role: Role { owner.role }
    var behaviour: Behaviour { owner.role.areas[areaIndex].behaviours[index] }
    var text: String { behaviour.content.text }
    var location: SourceLocation { behaviour.location }

    /// The behaviour's id on its role page; made only for the few that have findings.
    var id: String { "\(owner.role.areaAnchors[areaIndex])-\(index + 1)" }

    /// Every behaviour of the framework with where it is, in a stable order (tracks on every core).
    static func all(in framework: Framework) -> [BehaviourPlace] {
        ConcurrentWork.map(framework.tracks) { track in
            var places: [BehaviourPlace] = []
            for role in track.roles {
                let owner = RolePlace(track: track, role: role)
                for (areaIndex, area) in role.areas.enumerated() {
                    for (index, behaviour) in area.behaviours.enumerated() {
                        places.append(BehaviourPlace(owner: owner, areaIndex: areaIndex, index: index, text: behaviour.content.text))
                    }
                }
            }
            return places
        }.flatMap { $0 }
    }

    /// The words of `places` (made by `all(in:)`, in the same order) grouped by track, role and area.
    static func wordsByTrack(_ places: [BehaviourPlace], in framework: Framework) -> [[[[[Int]]]]] {
        var index = 0
        return framework.tracks.map { track in
            track.roles.map { role in
                role.areas.map { area in
                    area.behaviours.map { _ in
                        defer { index += 1 }
                        return places[index].words
                    }
                }
            }
        }
    }
}
