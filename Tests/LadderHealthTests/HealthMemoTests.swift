import Foundation
import LadderModel
import LadderParser
import LadderBuild
import Testing

@testable import LadderHealth

/// The preview server's checks keep results between rebuilds (`HealthMemo`); they must give
/// exactly what a fresh check of the same content gives.
@Suite struct HealthMemoTests {
    /// `ladder check`'s diagnostics for a content folder, as the preview server runs it (with
    /// `memo` and `cache`) or fresh.
    /// `session`: a preview session's memory of earlier checks (nil: a fresh check).
    func diagnostics(_ content: URL, session: BuildSession? = nil) -> [String] {
        var pipeline = Pipeline(contentFolder: content.path)
        pipeline.session = session
        return pipeline.check().diagnostics.map(\.description)
    }

    @Test func aRememberedCheckOfEveryUnhealthyFixtureGivesWhatAFreshOneGives() {
        let session = BuildSession(), memo = session.healthMemo
        let folders = UnhealthyFrameworkTests.cases.map { fixtures.appendingPathComponent("unhealthy/\($0)/content") }
        // Forwards, then backwards, so that each check follows another framework's.
        for folder in folders + folders.reversed() {
            #expect(diagnostics(folder, session: session) == diagnostics(folder), "\(folder.lastPathComponent)")
        }
    }

    @Test func anEditIsCheckedAgainAndTheUnchangedTrackIsRemembered() throws {
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-memo-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("unhealthy/duplication/content"), to: content)
        defer { try? FileManager.default.removeItem(at: content) }
        let session = BuildSession(), memo = session.healthMemo
        /// Replaces text in a file, then checks with the memo; the result must be a fresh check's.
        func edit(_ path: String, _ old: String, _ new: String) throws -> [String] {
            let file = content.appendingPathComponent(path)
            try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: old, with: new)
                .write(to: file, atomically: true, encoding: .utf8)
            let remembered = diagnostics(content, session: session)
            #expect(remembered == diagnostics(content), "after editing \(path)")
            return remembered
        }

        _ = diagnostics(content, session: session)
        #expect(memo.lastTracksChecked == 2, "two tracks, nothing remembered yet")
        #expect(diagnostics(content, session: session) == diagnostics(content))
        #expect(memo.lastTracksChecked == 0, "nothing changed")

        // The senior engineer's duplicate becomes a copy of the analyst's behaviour instead.
        let remembered = try edit("eng/2-b.md", "- I keep the build green!", "- I clean data before using it")
        #expect(memo.lastTracksChecked == 1, "only the edited track is checked again")
        #expect(remembered.contains { $0.hasPrefix("\(content.path)/eng/2-b.md:7:1") && $0.contains("data/1-a.md:8:1") })
        #expect(!remembered.contains { $0.hasPrefix("\(content.path)/eng/2-b.md:7:1") && $0.contains("also written at \(content.path)/eng/1-a.md") })
        #expect(remembered.contains { $0.contains("[near-duplicate]") }, "the untouched near-duplicates are still found")

        // The analyst's near-duplicate is reworded, then written back: the pair goes and comes back.
        let reworded = try edit("data/1-a.md", "that others can change safely and quickly", "for dashboards")
        #expect(!reworded.contains { $0.contains("[near-duplicate]") })
        let restored = try edit("data/1-a.md", "for dashboards", "that others can change safely and quickly")
        #expect(restored.contains { $0.contains("[near-duplicate]") })
    }

    /// Thirty random edits to a framework of 300 behaviours drawn from 60 words, half of them
    /// near-copies of others: after each, the remembered check must be the fresh one. Words are
    /// few so that an edit moves other behaviours' rarest words.
    @Test func randomEditsGiveWhatAFreshCheckGives() {
        var seed: UInt64 = 7
        func random(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        let words = (0..<60).map { "word\($0)" }
        var texts: [String] = []
        func text() -> String {
            guard !texts.isEmpty, random(2) == 0 else { return (0..<8).map { _ in words[random(words.count)] }.joined(separator: " ") }
            var copy = texts[random(texts.count)].split(separator: " ").map(String.init)
            copy[random(copy.count)] = words[random(words.count)]
            return copy.joined(separator: " ")
        }
        var line = 0
        func behaviour() -> Behaviour {
            let written = text()
            texts.append(written)
            line += 1
            return Behaviour(content: RichText(text: written, html: written), location: SourceLocation(file: "f.md", line: line))
        }
        func role(_ track: Int, _ level: Int) -> Role {
            let location = SourceLocation(file: "t\(track).md", line: level)
            return Role(
                slug: "r\(level)", title: "R\(level)", level: Level("\(level)"),
                areas: (0..<3).map { area in Area(title: "A\(area)", behaviours: (0..<10).map { _ in behaviour() }, location: location) },
                location: location)
        }
        var framework = Framework(
            tracks: (0..<2).map { track in
                Track(slug: "t\(track)", title: "T\(track)", roles: (1...5).map { role(track, $0) }, location: SourceLocation(file: "t\(track).md"))
            })
        let memo = HealthMemo()
        _ = HealthReport(framework, memo: memo)
        for _ in 0..<30 {
            let track = random(2), level = random(5), area = random(3), index = random(10)
            framework.tracks[track].roles[level].areas[area].behaviours[index] = behaviour()
            let remembered = HealthReport(framework, memo: memo).findings.map(\.diagnostic.description)
            #expect(remembered == HealthReport(framework).findings.map(\.diagnostic.description))
        }
        let checks = HealthReport(framework).findings.map(\.diagnostic.check)
        #expect(checks.count { $0 == "near-duplicate" } > 10, "the framework keeps near-duplicates to find")
    }
}
