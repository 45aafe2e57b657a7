import LadderModel

/// The facts derived from a framework that several parts of ladder read: each track's area
/// alignment (for matrices, diffs and the structure checks), how much each step from one level
/// to the next keeps, the mileage table, and every position's mileage (for position pages, the
/// calculator, the export and the position checks).
/// Computed once, below the health checks, which judge them, and the site, which shows them.
public struct FrameworkAnalysis: Sendable {
    public let table: MileageTable
    /// Each track's alignment, in the order of the framework's tracks.
    public let alignments: [TrackAlignment]
    /// Each track's steps between consecutive levels, in level order.
    public let steps: [[LevelStep]]
    /// Each track's behaviour ids: anchors on its pages and ids in framework.json.
    public let behaviourIDs: [BehaviourIDs]
    private let mileages: [String: PositionMileage]

    /// `memo` keeps the alignments and mileage of unchanged tracks and roles between analyses
    /// of a framework that changes a little at a time (the preview server's). `behaviourIDs`:
    /// whether to make them (pages and framework.json show them; `ladder check` does not).
    public init(_ framework: Framework, memo: AnalysisMemo? = nil, behaviourIDs makesIDs: Bool = true) {
        memo?.start(framework)
        let table = MileageTable(framework)
        self.table = table
        let needs = PositionMileage.needsBySlug(framework.assignments)
        // Each track's alignment and positions are independent of the others': on every core.
        let perTrack = ConcurrentWork.map(Array(framework.tracks.indices)) {
            index -> (TrackAlignment, [LevelStep], [(String, PositionMileage)], BehaviourIDs) in
            let track = framework.tracks[index]
            let alignment = memo?.alignments.value(index, for: track) { TrackAlignment(track) } ?? TrackAlignment(track)
            func makeSteps() -> [LevelStep] { LevelStep.all(of: track, alignment: alignment) }
            let steps = memo?.steps.value(index, for: track, makeSteps) ?? makeSteps()
            let mileages = track.roles.map { role -> (String, PositionMileage) in
                let key = "\(track.slug)/\(role.slug)"
                func make() -> PositionMileage { PositionMileage(role, table: table, assignmentNeeds: needs) }
                return (key, memo?.mileages.value(key, for: role, make) ?? make())
            }
            // Without ids: those of a track with no roles, none.
            let ids = !makesIDs ? BehaviourIDs(Track(slug: track.slug, title: track.title, location: track.location))
                : memo?.behaviourIDs.value(index, for: track) { BehaviourIDs(track) } ?? BehaviourIDs(track)
            return (alignment, steps, mileages, ids)
        }
        alignments = perTrack.map(\.0)
        steps = perTrack.map(\.1)
        behaviourIDs = perTrack.map(\.3)
        mileages = Dictionary(perTrack.flatMap(\.2), uniquingKeysWith: { first, _ in first })
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
    let steps = Memo<Int, Track, [LevelStep]>()
    let behaviourIDs = Memo<Int, Track, BehaviourIDs>()
    let mileages = Memo<String, Role, PositionMileage>()
    private let catalog = Memo<Int, Catalog, Bool>()

    public init() {}

    func start(_ framework: Framework) {
        alignments.startCheck()
        steps.startCheck()
        behaviourIDs.startCheck()
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

/// A step from one level of a track to the next: how many of the later level's behaviours are
/// kept word for word (in the area of the same key) out of how many it has. The next-level page
/// shows the whole comparison; checks need only these counts.
public struct LevelStep: Sendable, Equatable {
    public var unchanged: Int
    public var total: Int

    static func all(of track: Track, alignment: TrackAlignment) -> [LevelStep] {
        track.roles.indices.dropLast().map { index in
            let (unchanged, total) = RoleComparison.unchangedCount(
                from: track.roles[index], fromKeys: alignment.keys(ofRoleAt: index),
                to: track.roles[index + 1], toKeys: alignment.keys(ofRoleAt: index + 1))
            return LevelStep(unchanged: unchanged, total: total)
        }
    }
}
