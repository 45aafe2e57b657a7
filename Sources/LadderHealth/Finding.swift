import LadderAnalysis
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
/// table in docs/checks.md is made of these) and its default thresholds.
public struct CheckDefinition: Sendable {
    /// What a check looks at: the whole framework, or each track on its own. A check of one
    /// track at a time is run once per track (with a framework of that track alone), so its
    /// findings for a track that did not change can be kept (`HealthMemo`).
    enum Scope: Sendable {
        case framework
        case track
    }

    public var id: String
    public var severity: Diagnostic.Severity
    public var reason: String
    public var defaults: [String: CheckSetting.Value]
    let scope: Scope
    let run: @Sendable (CheckContext) -> [Finding]

    init(
        _ id: String, _ severity: Diagnostic.Severity, _ reason: String, defaults: [String: CheckSetting.Value] = [:],
        scope: Scope = .framework, run: @escaping @Sendable (CheckContext) -> [Finding] = { _ in [] }
    ) {
        self.id = id
        self.severity = severity
        self.reason = reason
        self.defaults = defaults
        self.scope = scope
        self.run = run
    }
}

/// What a check sees: the framework, each track's alignment, every behaviour's words, and its
/// settings. A check that looks at one track at a time sees a framework of that track alone.
public struct CheckContext: Sendable {
    public let framework: Framework
    /// Each track's alignment, in the order of the framework's tracks.
    public let alignments: [TrackAlignment]
    /// Each track's steps between consecutive levels (from the analysis), in the same order.
    public let steps: [[LevelStep]]
    /// Every role's behaviours with where they are and their words, made once for all checks.
    let roles: [RoleWords]
    /// The table `roles` number their words in.
    let wordTable: WordTable
    /// What the preview server keeps between checks, if this is one of its checks.
    let memo: HealthMemo?
    let setting: CheckSetting?
    let definition: CheckDefinition

    /// `roles` grouped by track, in the order of the framework's tracks.
    var rolesByTrack: [ArraySlice<RoleWords>] {
        var start = 0
        return framework.tracks.map { track in
            defer { start += track.roles.count }
            return roles[start..<min(roles.count, start + track.roles.count)]
        }
    }

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

    /// A finding of this check about one behaviour, linked to it on its role page.
    func finding(_ message: String, at place: BehaviourPlace) -> Finding {
        Finding(
            Diagnostic(setting?.severity ?? definition.severity, definition.id, message, at: place.location),
            track: place.trackSlug, role: place.role.slug, anchor: place.id)
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
