import Foundation
import LadderSite
import Testing

/// The whole site of a small framework, compared file by file with Fixtures/golden/expected
/// (assets are compared with templates/assets, their source, rather than kept a third time).
/// Run with `RECORD=1` to re-record after a deliberate change, and review the diff. A failure
/// shows a unified diff of the first file that differs.
@Suite struct GoldenSiteTests {
    static let templateAssets = fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates/assets")

    @Test func wholeSiteMatchesTheRecordedOutput() throws {
        let (_, diagnostics, all) = try renderFixture("golden")
        #expect(diagnostics.isEmpty)
        let pages = all.filter { !$0.path.hasPrefix("assets/") }
        let expectedFolder = fixtures.appendingPathComponent("golden/expected")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try? FileManager.default.removeItem(at: expectedFolder)
            try DiskSink(folder: expectedFolder).write(pages)
            return
        }
        let expected = filesUnder(expectedFolder)
        #expect(Set(pages.map(\.path)) == Set(expected.keys), "the site has other files than were recorded")
        if let first = pages.first(where: { expected[$0.path] != nil && expected[$0.path] != $0.bytes }) {
            Issue.record("\(first.path) differs from the recording (RECORD=1 re-records):\n\(try unifiedDiff(expected[first.path]!, first.bytes))")
        }
        let different = pages.filter { expected[$0.path] != nil && expected[$0.path] != $0.bytes }.map(\.path)
        #expect(different.count <= 1, "other files that differ: \(different.dropFirst().joined(separator: ", "))")
        // The assets are the templates' own files, as they are.
        for asset in all where asset.path.hasPrefix("assets/") {
            let source = try Data(contentsOf: Self.templateAssets.appendingPathComponent(String(asset.path.dropFirst("assets/".count))))
            #expect(asset.bytes == source, "\(asset.path) is not templates/\(asset.path)")
        }
    }

    /// `diff -u` of the recorded and the new file, at most 60 lines.
    func unifiedDiff(_ recorded: Data, _ new: Data) throws -> String {
        let folder = try temporaryFolder()
        let a = folder.appendingPathComponent("recorded"), b = folder.appendingPathComponent("built")
        try recorded.write(to: a)
        try new.write(to: b)
        let output = folder.appendingPathComponent("diff")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", a.path, b.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        return (try String(contentsOf: output, encoding: .utf8)).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(60).joined(separator: "\n")
    }

    @Test func theSiteHasEveryPageKind() throws {
        let (_, _, pages) = try renderFixture("golden")
        let paths = Set(pages.map(\.path))
        for path in [
            "index.html", "ops/index.html", "ops/operator/index.html",
            "ops/senior-operator/index.html", "research/index.html", "research/lead-researcher/index.html",
            "framework.json", "assets/style.css",
        ] {
            #expect(paths.contains(path), "missing \(path)")
        }
    }

    @Test func linksAreRelativeAndResolveToPagesOfTheSite() throws {
        let (_, _, pages) = try renderFixture("golden")
        let paths = Set(pages.map(\.path))
        let pattern = /(?:href|src)="([^"]*)"/
        for page in pages where page.path.hasSuffix(".html") {
            let html = String(decoding: page.bytes, as: UTF8.self)
            let base = URL(fileURLWithPath: "/site/" + page.path).deletingLastPathComponent()
            for match in html.matches(of: pattern) {
                let link = String(match.1)
                if link.hasPrefix("#") || link.hasPrefix("https://") { continue }
                #expect(!link.hasPrefix("/"), "\(page.path) links to an absolute path \(link)")
                let target = URL(fileURLWithPath: String(link.split(whereSeparator: { $0 == "#" || $0 == "?" }).first ?? ""), relativeTo: base)
                    .standardizedFileURL.path
                #expect(target.hasPrefix("/site/") && paths.contains(String(target.dropFirst(6))), "\(page.path) has a broken link \(link)")
            }
        }
    }
}
