import Foundation
import LadderModel

/// What the preview server keeps from one check to the next, so that after an edit only what
/// the edit can change is checked again: the words of the roles that changed, the alignment and
/// one-track checks of the tracks that changed, the positions of the roles that changed, and the
/// near-duplicate buckets the edit touched. The rest of the checks of the whole framework
/// (duplicates, person, near-duplicates' counting) run every time, on flat arrays.
///
/// Each result is kept with the values it was made from and used only when they are equal, so
/// a result is never stale; equal values that share storage (a file the parser did not read
/// again) compare in a few instructions. Results the last check did not use are dropped.
public final class HealthMemo: @unchecked Sendable {  // used by one check at a time (rebuilds are serial)
    struct RoleInput: Equatable {
        var trackSlug: String
        var trackTitle: String
        var role: Role
    }

    /// A track, and the one-track checks that run on it with their settings.
    struct TrackInput: Equatable {
        var track: Track
        var checks: [String]
        var settings: [CheckSetting?]
    }

    /// What every position depends on besides its role; positions are kept only while it is equal.
    struct Catalog: Equatable {
        var abilities: [Ability]
        var assignments: [Assignment]
        var milestoneMiles: [Int]
    }

    let roles = Memo<String, RoleInput, RoleWords>()
    /// The table every kept role numbered its words in.
    let wordTable = WordTable()
    let alignments = Memo<Int, Track, TrackAlignment>()
    let trackFindings = Memo<Int, TrackInput, [Finding]>()
    let positions = Memo<String, RoleInput, HealthReport.Position>()
    let nearDuplicates = NearDuplicateMemo()
    private var catalog: Catalog?

    public init() {}

    func startCheck(_ framework: Framework) {
        roles.startCheck()
        alignments.startCheck()
        trackFindings.startCheck()
        let catalog = Catalog(
            abilities: framework.abilities, assignments: framework.assignments, milestoneMiles: framework.milestoneMiles)
        positions.startCheck(forgetting: catalog != self.catalog)
        self.catalog = catalog
    }

    /// Tracks whose one-track checks the last check ran (rather than remembered), for tests.
    public var lastTracksChecked: Int { trackFindings.misses }
}

/// Results by key, each with the input it was made from.
final class Memo<Key: Hashable, Input: Equatable, Output>: @unchecked Sendable {
    private let lock = NSLock()
    private var previous: [Key: (input: Input, output: Output)] = [:]
    private var current: [Key: (input: Input, output: Output)] = [:]
    private(set) var misses = 0

    func value(_ key: Key, for input: Input, _ make: () -> Output) -> Output {
        if let kept = lock.withLock({ current[key] ?? previous[key] }), kept.input == input {
            lock.withLock { current[key] = kept }
            return kept.output
        }
        let output = make()
        lock.withLock {
            current[key] = (input, output)
            misses += 1
        }
        return output
    }

    /// What the check before did not use is forgotten; with `forgetting`, everything is.
    func startCheck(forgetting: Bool = false) {
        lock.withLock {
            previous = forgetting ? [:] : current
            current = [:]
            misses = 0
        }
    }
}
