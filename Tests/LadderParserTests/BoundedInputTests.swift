import Foundation
import LadderHealth
import LadderModel
import Testing

@testable import LadderParser
import CmarkArena

/// What a content folder can hold that must not hang, exhaust or mislead the reader: pipes,
/// devices, links out of the folder, huge files, exploding YAML, one enormous behaviour.
@Suite struct BoundedInputTests {
    func content(with role: String = "# Engineer\n\n> Builds.\n\n## Craft\n\n- writes code\n") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-bounded-\(UUID().uuidString)/content")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("eng"), withIntermediateDirectories: true)
        try role.write(to: folder.appendingPathComponent("eng/1-engineer.md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aPipeAndALinkToADeviceAreSkippedUnopened() throws {
        let folder = try content()
        #expect(mkfifo(folder.appendingPathComponent("eng/2-pipe.md").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("eng/3-zero.md").path, withDestinationPath: "/dev/zero")
        // Opening the pipe would wait for a writer for ever; reading /dev/zero would never end.
        let (files, diagnostics) = ContentLoader.load(contentFolder: folder.path, displayedAs: "content")
        #expect(files.map(\.relativePath) == ["eng/1-engineer.md"])
        #expect(diagnostics.map(\.description) == [
            "content/eng/2-pipe.md:1:1: warning: this is a named pipe, not a regular file, so it was skipped without being opened; remove it from the content folder [not-a-file]",
            "content/eng/3-zero.md:1:1: warning: this link leads out of the content folder, so it was skipped; copy the file into the content folder instead [link-outside-content]",
        ])
    }

    @Test func aLinkToAFileOutsideTheContentFolderIsSkipped() throws {
        let folder = try content()
        let outside = folder.deletingLastPathComponent().appendingPathComponent("secret.md")
        try "# Secret\n\n## Keys\n\n- the admin password\n".write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("eng/2-secret.md").path, withDestinationPath: outside.path)
        // A link that stays inside is read as the file it points to.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("eng/3-alias.md").path, withDestinationPath: "1-engineer.md")
        let (files, diagnostics) = ContentLoader.load(contentFolder: folder.path, displayedAs: "content")
        #expect(files.map(\.relativePath) == ["eng/1-engineer.md", "eng/3-alias.md"])
        #expect(diagnostics.map(\.check) == ["link-outside-content"])
        #expect(diagnostics.first?.location.file == "content/eng/2-secret.md")
    }

    @Test func aFileOverTheLimitIsAnErrorNotARead() throws {
        let folder = try content()
        let big = folder.appendingPathComponent("eng/2-big.md")
        try Data(count: 3 << 20).write(to: big)
        let (files, diagnostics) = ContentLoader.load(contentFolder: folder.path, displayedAs: "content", maximumFileSize: 2 << 20)
        #expect(files.map(\.relativePath) == ["eng/1-engineer.md"])
        #expect(diagnostics.map(\.description) == [
            "content/eng/2-big.md:1:1: error: this file is 3 MB, over the 2 MB limit for a content file, so it was not read; split it into smaller files, or raise the limit with --max-file-size [file-too-large]"
        ])
        #expect(ContentLoader.load(contentFolder: folder.path).diagnostics.isEmpty, "under the default limit it is read")
    }

    @Test func anEmptyContentFolderSaysHowToStart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (_, diagnostics) = ContentLoader.load(contentFolder: folder.path, displayedAs: "content")
        #expect(diagnostics.map(\.description) == [
            "content: warning: the content folder is empty; run 'ladder init' to start a framework, or pass --content with the folder that holds your tracks [empty-content]"
        ])
    }

    @Test func aBillionLaughsIsStoppedAtTheAlias() throws {
        var yaml = "level: \"1\"\ntitles:\n  a: &a [\"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            yaml += "  \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        var before = rusage()
        getrusage(RUSAGE_SELF.rawValue, &before)
        let (_, diagnostics) = parse(["eng/1-engineer.md": "---\n\(yaml)---\n# Engineer\n\n## Craft\n\n- writes code\n"])
        var after = rusage()
        getrusage(RUSAGE_SELF.rawValue, &after)
        #expect(diagnostics.map(\.description).contains(
            "content/eng/1-engineer.md:8:10: error: this alias makes the YAML expand past 100,000 values, so it was not read; write the values out instead of nesting aliases [yaml-alias-limit]"))
        #expect(after.ru_maxrss - before.ru_maxrss < 100 * 1024, "peak memory grew by \(after.ru_maxrss - before.ru_maxrss) KB")
    }

    @Test func aFewAliasesStillReadAsYAMLMeansThem() throws {
        let yaml = "level: \"2\"\nabilities:\n  required: &needs { discovery: 2 }\n  optional: *needs\n"
        let (framework, diagnostics) = parse(["eng/1-engineer.md": "---\n\(yaml)---\n# Engineer\n\n## Craft\n\n- writes code\n"])
        #expect(!diagnostics.contains { $0.check == "yaml-alias-limit" })
        #expect(framework.tracks.first?.roles.first?.abilityNeeds.optional == ["discovery": 2])
    }

    /// Two roles whose one behaviour is a whole megabyte on one line, almost the same in both:
    /// every check (near-duplicates among them) and the diff stay linear in its length.
    @Test func aMegabyteBehaviourIsCheckedAndCompared() throws {
        var words: [String] = []
        var seed: UInt64 = 42
        for _ in 0..<150_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            words.append("word\(seed >> 50)")
        }
        let long = words.joined(separator: " ")
        let changed = words[..<75_000].joined(separator: " ") + " changed " + words[75_000...].joined(separator: " ")
        let (framework, diagnostics) = parse([
            "eng/1-engineer.md": "# Engineer\n\n> Builds.\n\n## Craft\n\n- \(long)\n",
            "eng/2-senior.md": "# Senior Engineer\n\n> Builds more.\n\n## Craft\n\n- \(changed)\n",
        ])
        #expect(diagnostics.isEmpty)
        let report = HealthReport(framework)
        #expect(report.findings.contains { $0.diagnostic.check == "long-behaviour" })
        let roles = framework.tracks[0].roles
        let comparison = RoleComparison(from: roles[0], fromKeys: ["craft"], to: roles[1], toKeys: ["craft"])
        #expect(comparison.summary.reworded == 1)
    }

    @Test func theLongestCommonSubsequenceIsExactWhenSmallAndBoundedWhenHuge() {
        #expect(BehaviourDiff.lcsLength([1, 2, 3, 4, 5], [1, 3, 9, 5]) == 3)
        #expect(BehaviourDiff.lcsLength(Array(0..<10), Array(0..<10)) == 10)
        let huge = Array(0..<200_000), other = Array(0..<100_000) + [-1] + Array(100_000..<200_000)
        #expect(BehaviourDiff.lcsLength(huge, other) == 200_000, "the common start and end")
        let marks = BehaviourDiff.wordMarks(String(repeating: "a ", count: 100_000) + "x", String(repeating: "a ", count: 100_000) + "y")
        #expect(marks == [.same(String(repeating: "a ", count: 100_000)), .removed("x"), .inserted("y")])
    }
}

/// cmark allocates from one arena per thread, emptied when a document is done: a document
/// parsed while another is in progress must not empty it under the first.
@Suite struct CmarkArenaTests {
    @Test func aParseInsideAParseUsesItsOwnMemory() {
        // What an outer parse does first: it claims the arena.
        #expect(ladder_arena_claim() == 1)
        defer { ladder_arena_release() }
        let (framework, diagnostics) = parse(["eng/a.md": "# Engineer\n\n## Craft\n\n- writes code\n- reviews code\n"])
        #expect(diagnostics.isEmpty)
        #expect(framework.tracks.first?.roles.first?.behaviourCount == 2)
        #expect(ladder_arena_claim() == 0, "the outer claim still holds")
        ladder_arena_release()
    }
}
