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

        _ = diagnostics(content, memo: memo, cache: cache)
        #expect(memo.lastTracksChecked == 2, "two tracks, nothing remembered yet")
        #expect(diagnostics(content, memo: memo, cache: cache) == diagnostics(content))
        #expect(memo.lastTracksChecked == 0, "nothing changed")

        // The senior engineer's duplicate becomes a copy of the analyst's behaviour instead.
        let file = content.appendingPathComponent("eng/2-b.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "- I keep the build green!", with: "- I clean data before using it")
            .write(to: file, atomically: true, encoding: .utf8)
        let remembered = diagnostics(content, memo: memo, cache: cache)
        #expect(remembered == diagnostics(content))
        #expect(memo.lastTracksChecked == 1, "only the edited track is checked again")
        #expect(remembered.contains { $0.hasPrefix("\(content.path)/eng/2-b.md:7:1") && $0.contains("data/1-a.md:8:1") })
        #expect(!remembered.contains { $0.contains("also written at \(content.path)/eng/1-a.md") })
        #expect(remembered.contains { $0.contains("[near-duplicate]") }, "the untouched near-duplicates are still found")

        // The analyst's near-duplicate is reworded, then written back: the pair goes and comes back.
        let analyst = content.appendingPathComponent("data/1-a.md")
        let original = try String(contentsOf: analyst, encoding: .utf8)
        try original.replacingOccurrences(of: "that others can change safely and quickly", with: "for dashboards")
            .write(to: analyst, atomically: true, encoding: .utf8)
        let reworded = diagnostics(content, memo: memo, cache: cache)
        #expect(reworded == diagnostics(content))
        #expect(!reworded.contains { $0.contains("[near-duplicate]") })
        try original.write(to: analyst, atomically: true, encoding: .utf8)
        let restored = diagnostics(content, memo: memo, cache: cache)
        #expect(restored == diagnostics(content))
        #expect(restored.contains { $0.contains("[near-duplicate]") })
    }
}
