import LadderModel

/// One verdict of a position's configuration health (the seed's ✅ / 🛑 list).
public struct CheckResult: Hashable, Sendable {
    public enum Status: String, Sendable, Comparable {
        case ok, warning, error

        private var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    public var check: String
    public var status: Status
    public var message: String

    public init(_ check: String, _ status: Status, _ message: String) {
        self.check = check
        self.status = status
        self.message = message
    }
}

/// The six position checks, in the seed's order. Each is a small function of the position.
public enum PositionChecks {
    public static func run(_ role: Role, mileage: PositionMileage, assignments: [Assignment]) -> [CheckResult] {
        let taken = Set(role.assignmentRefs.required + role.assignmentRefs.common)
        let inService = assignments.filter { taken.contains($0.slug) && $0.inServiceTo != nil }.count
        return [
            hasAssignments(taken.count),
            hasInServiceToAssignments(inService),
            hasAbilityNeeds(mileage),
            eligibilityCoversRequired(mileage),
            eligibilityWithinReach(mileage),
            eligibilityWithinPossible(mileage),
        ]
    }

    static func hasAssignments(_ count: Int) -> CheckResult {
        count > 0
            ? CheckResult("position-assignments", .ok, "Has \(count) \(plural(count, "assignment"))")
            : CheckResult("position-assignments", .warning, "Has no assignments: list required or common ones under 'assignments'")
    }

    static func hasInServiceToAssignments(_ count: Int) -> CheckResult {
        count > 0
            ? CheckResult("position-in-service-to", .ok, "Has \(count) 'in service to' \(plural(count, "assignment"))")
            : CheckResult(
                "position-in-service-to", .warning,
                "Has no 'in service to' assignments: say whom an assignment serves with 'in_service_to'")
    }

    static func hasAbilityNeeds(_ mileage: PositionMileage) -> CheckResult {
        mileage.requiredMiles > 0
            ? CheckResult("position-ability-needs", .ok, "Has abilities with mileage needs")
            : CheckResult(
                "position-ability-needs", .warning,
                "Has no abilities with mileage needs: add 'abilities.required' or required assignments that need abilities")
    }

    static func eligibilityCoversRequired(_ m: PositionMileage) -> CheckResult {
        m.threshold >= m.requiredMiles
            ? CheckResult(
                "eligibility-below-required", .ok,
                "Eligibility mileage (\(m.threshold) miles) covers required ability mileage needs (\(m.requiredMiles) miles)")
            : CheckResult(
                "eligibility-below-required", .error,
                "Eligibility mileage (\(m.threshold) miles) set below required ability mileage needs (\(m.requiredMiles) miles)")
    }

    static func eligibilityWithinReach(_ m: PositionMileage) -> CheckResult {
        m.threshold <= m.reachableMiles
            ? CheckResult(
                "eligibility-within-reach", .ok,
                "Eligibility mileage (\(m.threshold) miles) set within reach of required+optional ability mileage needs (\(m.reachableMiles) miles)")
            : CheckResult(
                "eligibility-within-reach", .warning,
                "Eligibility mileage (\(m.threshold) miles) set beyond required+optional ability mileage needs (\(m.reachableMiles) miles)")
    }

    static func eligibilityWithinPossible(_ m: PositionMileage) -> CheckResult {
        m.threshold <= m.possibleMiles
            ? CheckResult(
                "eligibility-within-possible", .ok,
                "Eligibility mileage (\(m.threshold) miles) set within the realm of mileage possibility (\(m.possibleMiles) miles)")
            : CheckResult(
                "eligibility-within-possible", .error,
                "Eligibility mileage (\(m.threshold) miles) set beyond the realm of mileage possibility (\(m.possibleMiles) miles)")
    }

    private static func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }
}

/// Mileage and checks of every position, computed once for the site, export and `check`.
public struct HealthReport: Sendable {
    public struct Position: Sendable {
        public var track: String
        public var role: String
        public var mileage: PositionMileage
        public var checks: [CheckResult]
    }

    public let table: MileageTable
    public let positions: [Position]
    /// Each track's alignment, in the order of the framework's tracks (the site uses them too).
    public let alignments: [TrackAlignment]
    /// What the model checks found, settings applied, in file order.
    public let findings: [Finding]
    /// Enabled checks that found nothing.
    public let checksPassed: Int
    private let index: [String: Int]

    /// `memo` keeps results between checks of a framework that changes a little at a time.
    public init(_ framework: Framework, memo: HealthMemo? = nil) {
        memo?.startCheck(framework)
        let table = MileageTable(framework)
        self.table = table
        // Each track's words first, on every core. Then the words are numbered (on one thread: the
        // slots come in role order) while the other cores make each track's positions and
        // alignment, which are independent of the others' and of the numbering.
        let rolesByTrack = profiled("words") { ConcurrentWork.map(framework.tracks) { Self.words(of: $0, memo: memo) } }
        let wordTable = memo?.wordTable ?? WordTable()
        enum Job: Sendable {
            case numbering, positions(Int), alignment(Int)  // of the track at this index
        }
        enum Part {
            case numbered, positions([Position], findings: [Finding]), alignment(TrackAlignment)
        }
        // A framework without abilities or assignments does not use positions: their checks would
        // only repeat "nothing configured" for every role.
        let usesPositions = !framework.abilities.isEmpty || !framework.assignments.isEmpty
        let jobs = [Job.numbering] + framework.tracks.indices.flatMap { [Job.positions($0), .alignment($0)] }
        let parts = profiled("word slots, positions and alignments") {
            ConcurrentWork.map(jobs) { job -> Part in
                switch job {
                case .numbering:
                    profiled("numbering") { wordTable.number(rolesByTrack.flatMap { $0 }) }
                    return .numbered
                case .positions(let index):
                    let track = framework.tracks[index]
                    let positions = Self.positions(of: track, table: table, assignments: framework.assignments, memo: memo)
                    let findings = usesPositions ? Self.findings(of: positions, in: track, settings: framework.checkSettings) : []
                    return .positions(positions, findings: findings)
                case .alignment(let index):
                    let track = framework.tracks[index]
                    return .alignment(memo?.alignments.value(index, for: track) { TrackAlignment(track) } ?? TrackAlignment(track))
                }
            }
        }
        var positions: [Position] = [], positionFindings: [Finding] = [], alignments: [TrackAlignment] = []
        for part in parts {
            switch part {
            case .numbered: break
            case .positions(let some, let findings):
                positions += some
                positionFindings += findings
            case .alignment(let alignment): alignments.append(alignment)
            }
        }
        self.positions = positions
        self.alignments = alignments
        let found = Self.findings(
            framework, positionFindings: positionFindings, alignments: alignments, rolesByTrack: rolesByTrack, wordTable: wordTable, memo: memo)
        findings = profiled("sorting findings") { found.sorted() }
        let failing = Set(findings.map(\.diagnostic.check))
        checksPassed = (HealthChecks.modelChecks + HealthChecks.positionChecks)
            .filter { framework.checkSettings[$0.id]?.enabled ?? true }
            .count { !failing.contains($0.id) }
        index = Dictionary(positions.enumerated().map { ("\($1.track)/\($1.role)", $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func positions(of track: Track, table: MileageTable, assignments: [Assignment], memo: HealthMemo?) -> [Position] {
        let bySlug = PositionMileage.bySlug(assignments)
        return track.roles.map { role in
            let make = {
                let mileage = PositionMileage(role, table: table, assignments: bySlug)
                return Position(
                    track: track.slug, role: role.slug, mileage: mileage,
                    checks: PositionChecks.run(role, mileage: mileage, assignments: assignments))
            }
            guard let memo else { return make() }
            return memo.positions.value(
                "\(track.slug)/\(role.slug)", for: .init(trackSlug: track.slug, trackTitle: track.title, role: role), make)
        }
    }

    /// What the checks of the whole framework read of each role of the track.
    private static func words(of track: Track, memo: HealthMemo?) -> [RoleWords] {
        track.roles.map { role in
            let make = { RoleWords(role, in: track) }
            guard let memo else { return make() }
            return memo.roles.value(
                "\(track.slug)/\(role.slug)", for: .init(trackSlug: track.slug, trackTitle: track.title, role: role), make)
        }
    }

    public func position(track: String, role: String) -> Position? {
        index["\(track)/\(role)"].map { positions[$0] }
    }
}
