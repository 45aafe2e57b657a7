import Foundation
import LadderSite
import Testing

/// The whole site of a small framework, compared file by file with Fixtures/golden/expected.
/// Run with `RECORD=1` to re-record after a deliberate change, and review the diff.
@Suite struct GoldenSiteTests {
    @Test func wholeSiteMatchesTheRecordedOutput() throws {
        let (_, diagnostics, pages) = try renderFixture("golden")
        #expect(diagnostics.isEmpty)
        let expectedFolder = fixtures.appendingPathComponent("golden/expected")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try? FileManager.default.removeItem(at: expectedFolder)
            try DiskSink(folder: expectedFolder).write(pages)
            return
        }
        let expected = filesUnder(expectedFolder)
        #expect(Set(pages.map(\.path)) == Set(expected.keys), "the site has other files than were recorded")
        for page in pages {
            let recorded = expected[page.path].map { String(decoding: $0, as: UTF8.self) }
            #expect(String(decoding: page.bytes, as: UTF8.self) == recorded, "\(page.path) differs from the recording")
        }
    }

    @Test func theSiteHasEveryPageKind() throws {
        let (_, _, pages) = try renderFixture("golden")
        let paths = Set(pages.map(\.path))
        for path in [
            "index.html", "operations/index.html", "operations/operator/index.html",
            "operations/senior-operator/index.html", "research/index.html", "research/lead-researcher/index.html",
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
                let target = URL(fileURLWithPath: String(link.split(separator: "#").first ?? ""), relativeTo: base)
                    .standardizedFileURL.path
                #expect(target.hasPrefix("/site/") && paths.contains(String(target.dropFirst(6))), "\(page.path) has a broken link \(link)")
            }
        }
    }
}
