import Foundation
import LadderAnalysis
import LadderModel

/// What the preview server keeps from one check to the next, so that after an edit only what
/// the edit can change is checked again: the words of the roles that changed, the alignment and
/// one-track checks of the tracks that changed, and the near-duplicate buckets the edit touched
/// (what the analysis derives, alignments and mileage, `AnalysisMemo` keeps). The rest of the checks of the whole framework
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

    let roles = Memo<String, RoleInput, RoleWords>()
    /// The table every kept role numbered its words in.
    let wordTable = WordTable()
    let trackFindings = Memo<Int, TrackInput, [Finding]>()
    let nearDuplicates = NearDuplicateMemo()

    public init() {}

    func startCheck(_ framework: Framework) {
        roles.startCheck()
        trackFindings.startCheck()
    }

    /// Tracks whose one-track checks the last check ran (rather than remembered), for tests.
    public var lastTracksChecked: Int { trackFindings.misses }
}
