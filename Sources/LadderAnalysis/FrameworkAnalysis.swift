import LadderModel

/// The facts derived from a framework that several parts of ladder read: each track's area
/// alignment (for matrices, diffs and the structure checks), the mileage table, and every
/// position's mileage (for position pages, the calculator, the export and the position checks).
/// Computed once, below the health checks, which judge them, and the site, which shows them.
public struct FrameworkAnalysis: Sendable {
    public let table: MileageTable
    /// Each track's alignment, in the order of the framework's tracks.
    public let alignments: [TrackAlignment]
    private let mileages: [String: PositionMileage]

    /// `memo` keeps the alignments and mileage of unchanged tracks and roles between analyses
    /// of a framework that changes a little at a time (the preview server's).
    public init(_ framework: Framework, memo: AnalysisMemo? = nil) {
        memo?.start(framework)
        let table = MileageTable(framework)
        self.table = table
        let needs = PositionMileage.needsBySlug(framework.assignments)
        // Each track's alignment and positions are independent of the others': on every core.
        let perTrack = ConcurrentWork.map(Array(framework.tracks.indices)) { index -> (TrackAlignment, [(String, PositionMileage)]) in
            let track = framework.tracks[index]
            let alignment = memo?.alignments.value(index, for: track) { TrackAlignment(track) } ?? TrackAlignment(track)
            let mileages = track.roles.map { role -> (String, PositionMileage) in
                let key = "\(track.slug)/\(role.slug)"
                func make() -> PositionMileage { PositionMileage(role, table: table, assignmentNeeds: needs) }
                return (key, memo?.mileages.value(key, for: role, make) ?? make())
            }
            return (alignment, mileages)
        }
        alignments = perTrack.map(\.0)
        mileages = Dictionary(perTrack.flatMap(\.1), uniquingKeysWith: { first, _ in first })
    }

    /// The mileage of the position at `track`/`role` (slugs).
    public func mileage(track: String, role: String) -> PositionMileage? {
        mileages["\(track)/\(role)"]
    }
}

/// What the preview server keeps from one analysis to the next: a result is used again only
/// while what it was made from is equal, so it is never stale.
public final class AnalysisMemo: Sendable {
    /// What every position's mileage depends on besides its role.
    struct Catalog: Equatable {
        var abilities: [Ability]
        var assignments: [Assignment]
        var milestoneMiles: [Int]
    }

    let alignments = Memo<Int, Track, TrackAlignment>()
    let mileages = Memo<String, Role, PositionMileage>()
    private let catalog = Memo<Int, Catalog, Bool>()

    public init() {}

    func start(_ framework: Framework) {
        alignments.startCheck()
        let catalog = Catalog(abilities: framework.abilities, assignments: framework.assignments, milestoneMiles: framework.milestoneMiles)
        // The mileage of every role depends on the abilities and assignments: when they change, all is forgotten.
        var changed = false
        self.catalog.startCheck()
        _ = self.catalog.value(0, for: catalog) {
            changed = true
            return true
        }
        mileages.startCheck(forgetting: changed)
    }
}
