import LadderAnalysis
import LadderModel

/// One verdict of a position's configuration health (the seed's ✅ / 🛑 list). The message is
/// made when it is asked for: `ladder check` shows only the verdicts that did not pass, and
/// making all six messages of every position was 9 M instructions at 20,000 behaviours.
public struct CheckResult: Hashable, Sendable {
    public enum Status: String, Sendable, Comparable {
        case ok, warning, error

        private var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    /// What was checked, with the figures its message gives.
    enum Subject: Hashable, Sendable {
        case assignments(Int)
        case inServiceTo(Int)
        case abilityNeeds
        case coversRequired(eligibility: Int, required: Int)
        case withinReach(eligibility: Int, reachable: Int)
        case withinPossible(eligibility: Int, possible: Int)
    }

    let subject: Subject
    public var status: Status

    init(_ subject: Subject, passes: Bool, otherwise failure: Status) {
        self.subject = subject
        status = passes ? .ok : failure
    }

    public var check: String {
        switch subject {
        case .assignments: "position-assignments"
        case .inServiceTo: "position-in-service-to"
        case .abilityNeeds: "position-ability-needs"
        case .coversRequired: "eligibility-below-required"
        case .withinReach: "eligibility-within-reach"
        case .withinPossible: "eligibility-within-possible"
        }
    }

    public var message: String {
        let ok = status == .ok
        switch subject {
        case .assignments(let count):
            return ok ? "Has \(count) \(Self.plural(count, "assignment"))" : "Has no assignments: list required or common ones under 'assignments'"
        case .inServiceTo(let count):
            return ok
                ? "Has \(count) 'in service to' \(Self.plural(count, "assignment"))"
                : "Has no 'in service to' assignments: say whom an assignment serves with 'in_service_to'"
        case .abilityNeeds:
            return ok
                ? "Has abilities with mileage needs"
                : "Has no abilities with mileage needs: add 'abilities.required' or required assignments that need abilities"
        case let .coversRequired(eligibility, required):
            return "Eligibility mileage (\(eligibility) miles) \(ok ? "covers" : "set below") required ability mileage needs (\(required) miles)"
        case let .withinReach(eligibility, reachable):
            return "Eligibility mileage (\(eligibility) miles) set \(ok ? "within reach of" : "beyond") required+optional ability mileage needs (\(reachable) miles)"
        case let .withinPossible(eligibility, possible):
            return "Eligibility mileage (\(eligibility) miles) set \(ok ? "within" : "beyond") the realm of mileage possibility (\(possible) miles)"
        }
    }

    private static func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }
}

/// The six position checks, in the seed's order. Each is a small function of the position.
public enum PositionChecks {
    public static func run(_ role: Role, mileage m: PositionMileage, assignments: [Assignment]) -> [CheckResult] {
        run(role, mileage: m, inServiceBySlug: inServiceBySlug(assignments))
    }

    /// How many assignments of each slug are in service to someone, made once for many positions.
    static func inServiceBySlug(_ assignments: [Assignment]) -> [String: Int] {
        assignments.reduce(into: [:]) { counts, assignment in
            if assignment.inServiceTo != nil { counts[assignment.slug, default: 0] += 1 }
        }
    }

    static func run(_ role: Role, mileage m: PositionMileage, inServiceBySlug: [String: Int]) -> [CheckResult] {
        let taken = Set(role.assignmentRefs.required + role.assignmentRefs.common)
        let inService = taken.reduce(0) { $0 + (inServiceBySlug[$1] ?? 0) }
        return [
            CheckResult(.assignments(taken.count), passes: taken.count > 0, otherwise: .warning),
            CheckResult(.inServiceTo(inService), passes: inService > 0, otherwise: .warning),
            CheckResult(.abilityNeeds, passes: m.requiredMiles > 0, otherwise: .warning),
            CheckResult(
                .coversRequired(eligibility: m.threshold, required: m.requiredMiles), passes: m.threshold >= m.requiredMiles,
                otherwise: .error),
            CheckResult(
                .withinReach(eligibility: m.threshold, reachable: m.reachableMiles), passes: m.threshold <= m.reachableMiles,
                otherwise: .warning),
            CheckResult(
                .withinPossible(eligibility: m.threshold, possible: m.possibleMiles), passes: m.threshold <= m.possibleMiles,
                otherwise: .error),
        ]
    }
}

/// The health of a framework: every finding of the checks, and each position's verdicts. It
/// judges what `FrameworkAnalysis` derives (alignments, mileage) and computes none of it.
public struct HealthReport: Sendable {
    public struct Position: Sendable {
        public var track: String
        public var role: String
        public var checks: [CheckResult]
    }

    public let positions: [Position]
    /// What the model checks found, settings applied, in file order.
    public let findings: [Finding]
    /// Enabled checks that found nothing.
    public let checksPassed: Int
    private let index: [String: Int]

    /// `analysis`: the framework's derived facts (made here when not given). `memo` keeps
    /// results between checks of a framework that changes a little at a time.
    public init(_ framework: Framework, analysis given: FrameworkAnalysis? = nil, memo: HealthMemo? = nil) {
        let analysis = given ?? FrameworkAnalysis(framework)
        memo?.startCheck(framework)
        // Each track's words first, on every core. Then the words are numbered (on one thread: the
        // slots come in role order) while the other cores judge each track's positions.
        let rolesByTrack = profiled("words") { ConcurrentWork.map(framework.tracks) { Self.words(of: $0, memo: memo) } }
        let wordTable = memo?.wordTable ?? WordTable()
        enum Job: Sendable {
            case numbering, positions(Int)  // of the track at this index
        }
        enum Part {
            case numbered, positions([Position], findings: [Finding])
        }
        // A framework without abilities or assignments does not use positions: their checks would
        // only repeat "nothing configured" for every role.
        let usesPositions = !framework.abilities.isEmpty || !framework.assignments.isEmpty
        let inService = PositionChecks.inServiceBySlug(framework.assignments)
        let jobs = [Job.numbering] + framework.tracks.indices.map { Job.positions($0) }
        let parts = profiled("word slots and positions") {
            ConcurrentWork.map(jobs) { job -> Part in
                switch job {
                case .numbering:
                    profiled("numbering") { wordTable.number(rolesByTrack.flatMap { $0 }) }
                    return .numbered
                case .positions(let index):
                    let track = framework.tracks[index]
                    let positions = track.roles.compactMap { role -> Position? in
                        guard let mileage = analysis.mileage(track: track.slug, role: role.slug) else { return nil }
                        return Position(
                            track: track.slug, role: role.slug, checks: PositionChecks.run(role, mileage: mileage, inServiceBySlug: inService))
                    }
                    let findings = usesPositions ? Self.findings(of: positions, in: track, settings: framework.checkSettings) : []
                    return .positions(positions, findings: findings)
                }
            }
        }
        var positions: [Position] = [], positionFindings: [Finding] = []
        for part in parts {
            if case .positions(let some, let findings) = part {
                positions += some
                positionFindings += findings
            }
        }
        self.positions = positions
        let found = Self.findings(
            framework, positionFindings: positionFindings, alignments: analysis.alignments, steps: analysis.steps,
            rolesByTrack: rolesByTrack,
            wordTable: wordTable, memo: memo)
        findings = profiled("sorting findings") { found.sorted() }
        let failing = Set(findings.map(\.diagnostic.check))
        checksPassed = (HealthChecks.modelChecks + HealthChecks.positionChecks)
            .filter { framework.checkSettings[$0.id]?.enabled ?? true }
            .count { !failing.contains($0.id) }
        index = Dictionary(positions.enumerated().map { ("\($1.track)/\($1.role)", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What the checks of the whole framework read of each role of the track.
    private static func words(of track: Track, memo: HealthMemo?) -> [RoleWords] {
        track.roles.map { role in
            func make() -> RoleWords { RoleWords(role, in: track) }
            guard let memo else { return make() }
            return memo.roles.value(
                "\(track.slug)/\(role.slug)", for: .init(trackSlug: track.slug, trackTitle: track.title, role: role), make)
        }
    }

    public func position(track: String, role: String) -> Position? {
        index["\(track)/\(role)"].map { positions[$0] }
    }
}
