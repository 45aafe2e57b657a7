import Foundation
import LadderModel
import LadderParser
import LadderServe
import Testing

@testable import LadderHealth

/// The preview server's checks keep results between rebuilds (`HealthMemo`); they must give
/// exactly what a fresh check of the same content gives.
@Suite struct HealthMemoTests {
    /// `ladder check`'s diagnostics for a content folder, as the preview server runs it (with
    /// `memo` and `cache`) or fresh.
    func diagnostics(_ content: URL, memo: HealthMemo? = nil, cache: ParseCache? = nil) -> [String] {
        var pipeline = Pipeline(contentFolder: content.path)
        pipeline.healthMemo = memo
        pipeline.parseCache = cache
        return pipeline.check().diagnostics.map(\.description)
    }

    @Test func aRememberedCheckOfEveryUnhealthyFixtureGivesWhatAFreshOneGives() {
        let memo = HealthMemo(), cache = ParseCache()
        let folders = UnhealthyFrameworkTests.cases.map { fixtures.appendingPathComponent("unhealthy/\($0)/content") }
        // Forwards, then backwards, so that each check follows another framework's.
        for folder in folders + folders.reversed() {
            #expect(diagnostics(folder, memo: memo, cache: cache) == diagnostics(folder), "\(folder.lastPathComponent)")
        }
    }

    @Test func anEditIsCheckedAgainAndTheUnchangedTrackIsRemembered() throws {
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-memo-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("unhealthy/duplication/content"), to: content)
        defer { try? FileManager.default.removeItem(at: content) }
        let memo = HealthMemo(), cache = ParseCache()
        /// Replaces text in a file, then checks with the memo; the result must be a fresh check's.
        func edit(_ path: String, _ old: String, _ new: String) throws -> [String] {
            let file = content.appendingPathComponent(path)
            try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: old, with: new)
                .write(to: file, atomically: true, encoding: .utf8)
            let remembered = diagnostics(content, memo: memo, cache: cache)
            #expect(remembered == diagnostics(content), "after editing \(path)")
            return remembered
        }

        _ = diagnostics(content, memo: memo, cache: cache)
        #expect(memo.lastTracksChecked == 2, "two tracks, nothing remembered yet")
        #expect(diagnostics(content, memo: memo, cache: cache) == diagnostics(content))
        #expect(memo.lastTracksChecked == 0, "nothing changed")

        // The senior engineer's duplicate becomes a copy of the analyst's behaviour instead.
        let remembered = try edit("eng/2-b.md", "- I keep the build green!", "- I clean data before using it")
        #expect(memo.lastTracksChecked == 1, "only the edited track is checked again")
        #expect(remembered.contains { $0.hasPrefix("\(content.path)/eng/2-b.md:7:1") && $0.contains("data/1-a.md:8:1") })
        #expect(!remembered.contains { $0.contains("also written at \(content.path)/eng/1-a.md") })
        #expect(remembered.contains { $0.contains("[near-duplicate]") }, "the untouched near-duplicates are still found")

        // The analyst's near-duplicate is reworded, then written back: the pair goes and comes back.
        let reworded = try edit("data/1-a.md", "that others can change safely and quickly", "for dashboards")
        #expect(!reworded.contains { $0.contains("[near-duplicate]") })
        let restored = try edit("data/1-a.md", "for dashboards", "that others can change safely and quickly")
        #expect(restored.contains { $0.contains("[near-duplicate]") })
    }
}
