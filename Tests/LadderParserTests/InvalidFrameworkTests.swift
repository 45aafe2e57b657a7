import Foundation
import LadderModel
import LadderParser
import Testing

/// Every folder under Fixtures/invalid is a framework that is broken or hostile; its
/// `expected.txt` holds the exact diagnostics it must give, one per line, as `ladder check`
/// prints them (an empty file: it must read cleanly). `RECORD=1` rewrites them. Reading one must
/// never crash; that a failed build leaves the site alone is checked in LadderSiteTests.
@Suite struct InvalidFrameworkTests {
    static let cases: [String] = {
        let folder = fixtures.appendingPathComponent("invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func thereAreAtLeastThirtyCases() {
        #expect(Self.cases.count >= 30)
    }

    static func diagnostics(_ name: String) -> [String] {
        let folder = fixtures.appendingPathComponent("invalid/\(name)")
        let (files, loadDiagnostics) = ContentLoader.load(
            contentFolder: folder.appendingPathComponent("content").path, displayedAs: "content")
        let (_, parseDiagnostics) = FrameworkParser.parse(files)
        return (loadDiagnostics + parseDiagnostics).sorted().map(\.description)
    }

    @Test(arguments: cases)
    func givesExactlyItsExpectedDiagnostics(_ name: String) throws {
        let actual = Self.diagnostics(name)
        let expectedFile = fixtures.appendingPathComponent("invalid/\(name)/expected.txt")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try actual.map { $0 + "\n" }.joined().write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(actual == expected)
    }

    @Test func dangerousTitlesGetSafeReadableUniqueSlugs() throws {
        let folder = fixtures.appendingPathComponent("invalid/dangerous-titles/content")
        let (files, _) = ContentLoader.load(contentFolder: folder.path)
        let roles = try #require(FrameworkParser.parse(files).0.tracks.first?.roles)
        let slugs = roles.map(\.slug)
        #expect(slugs.count == 6 && Set(slugs).count == 6)
        #expect(slugs.allSatisfy(Slug.isValid))
        #expect(slugs.contains("con-role") && slugs.contains("rocket-rocket") && slugs.contains("gong-cheng-shi"))
    }
}

/// Inputs too large, or too odd, to keep in the repository: made on the spot.
@Suite struct GeneratedBadInputTests {
    func temporaryContent() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-bad-\(UUID().uuidString)/content")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("eng"), withIntermediateDirectories: true)
        return folder
    }

    @Test func aFiveMegabyteFileIsReadWithoutTrouble() throws {
        let content = try temporaryContent()
        let behaviours = (0..<60_000).map { "- I do thing number \($0) with care\n" }.joined()
        try ("# Engineer\n\n## Craft\n\n" + behaviours).write(to: content.appendingPathComponent("eng/a.md"), atomically: true, encoding: .utf8)
        let (files, _) = ContentLoader.load(contentFolder: content.path)
        #expect(files.first!.bytes.count > 2_000_000)
        let (framework, diagnostics) = FrameworkParser.parse(files)
        #expect(diagnostics.isEmpty)
        #expect(framework.tracks.first?.roles.first?.behaviourCount == 60_000)
    }

    @Test func aSymlinkLoopIsNotFollowed() throws {
        let content = try temporaryContent()
        try "# Engineer\n\n## Craft\n\n- a\n".write(to: content.appendingPathComponent("eng/a.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("eng/loop").path, withDestinationPath: "..")
        let (files, diagnostics) = ContentLoader.load(contentFolder: content.path, displayedAs: "content")
        #expect(files.map(\.relativePath) == ["eng/a.md"])
        #expect(diagnostics.map(\.description) == [
            "content/eng/loop:1:1: warning: folder links are not followed (they can loop); move the folder into content/ instead [symlinked-folder]"
        ])
    }

    @Test func anUnreadableFileIsAnErrorNotASilentDrop() throws {
        let content = try temporaryContent()
        let file = content.appendingPathComponent("eng/a.md")
        try "# Engineer\n\n## Craft\n\n- a\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path) }
        if getuid() == 0 {
            // root reads any file whatever its permissions: a link to nowhere cannot be read by anyone.
            try FileManager.default.removeItem(at: file)
            try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "gone.md")
        }
        let (files, diagnostics) = ContentLoader.load(contentFolder: content.path, displayedAs: "content")
        #expect(files.isEmpty)
        #expect(diagnostics.map(\.description) == [
            getuid() == 0
                ? "content/eng/a.md:1:1: warning: this link points to nothing, so it was skipped; fix or remove it [broken-link]"
                : "content/eng/a.md:1:1: error: cannot read this file (Permission denied); check that it exists and that its permissions allow reading [unreadable]"
        ])
    }
}
