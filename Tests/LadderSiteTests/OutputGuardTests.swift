import Foundation
import LadderModel
import LadderBuild
import Testing

@testable import LadderSite

/// `ladder build` and `ladder pdf` refuse every output that would cost the user files, and
/// leave every file exactly as it was when they do.
@Suite(.enabled(if: ladderIsBuilt, "build ladder first")) struct OutputGuardTests {
    /// Runs `arguments` in a fresh project and checks that it is refused and changes nothing.
    func expectRefusal(_ arguments: [String], saying expected: String, prepare: (URL) throws -> Void = { _ in }) async throws {
        let project = try projectWithContent()
        try prepare(project)
        let before = snapshot(project.deletingLastPathComponent()).filter { $0.key.hasPrefix(project.lastPathComponent) }
        let result = try await runLadder(arguments, in: project)
        #expect(result.status == 1, "\(arguments): \(result.output)")
        #expect(result.output.contains(expected), "\(arguments): \(result.output)")
        let after = snapshot(project.deletingLastPathComponent()).filter { $0.key.hasPrefix(project.lastPathComponent) }
        #expect(after == before, "\(arguments) changed files")
    }

    @Test func theContentFolderIsNeverTheOutput() async throws {
        try await expectRefusal(["build", "--output", "content"], saying: "it is the content folder")
        try await expectRefusal(["build", "--output", "content/site"], saying: "lies inside the content folder")
        try await expectRefusal(["build", "--content", "work/content", "--output", "work"], saying: "holds the content folder") { project in
            try FileManager.default.createDirectory(at: project.appendingPathComponent("work"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: project.appendingPathComponent("content"), to: project.appendingPathComponent("work/content"))
        }
    }

    @Test func theTemplatesFolderIsNeverTheOutput() async throws {
        let makeTemplates: (URL) throws -> Void = { project in
            try FileManager.default.createDirectory(at: project.appendingPathComponent("templates"), withIntermediateDirectories: true)
            try "{{<layout}}{{/layout}}".write(to: project.appendingPathComponent("templates/index.mustache"), atomically: true, encoding: .utf8)
        }
        try await expectRefusal(["build", "--output", "templates"], saying: "it is the templates folder", prepare: makeTemplates)
        try await expectRefusal(["build", "--templates", "templates", "--output", "templates/out"], saying: "lies inside the templates folder",
                          prepare: makeTemplates)
    }

    @Test func theCurrentFolderAndItsAncestorsAreNeverTheOutput() async throws {
        try await expectRefusal(["build", "--output", "."], saying: "it is the current folder")
        try await expectRefusal(["build", "--output", "./"], saying: "it is the current folder")
        try await expectRefusal(["build", "--output", ".."], saying: "a folder that holds the current folder")
    }

    @Test func anExistingFileOrLinkIsNeverTheOutput() async throws {
        try await expectRefusal(["build", "--output", "notes.txt"], saying: "it is an existing file") { project in
            try "my notes".write(to: project.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        }
        try await expectRefusal(["build", "--output", "linked"], saying: "it is a link") { project in
            try FileManager.default.createDirectory(at: project.appendingPathComponent("real"), withIntermediateDirectories: true)
            try "keep".write(to: project.appendingPathComponent("real/keep.txt"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("linked").path, withDestinationPath: "real")
        }
    }

    @Test func aFolderOfSomeoneElsesFilesNeedsForce() async throws {
        let addDocs: (URL) throws -> Void = { project in
            let docs = project.appendingPathComponent("docs")
            try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
            try "careers.example.com".write(to: docs.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
            try Data([0x89, 0x50, 0x4E, 0x47]).write(to: docs.appendingPathComponent("logo.png"))
        }
        try await expectRefusal(["build", "--output", "docs"], saying: "holds files ladder did not write (CNAME, logo.png)", prepare: addDocs)
        let project = try projectWithContent()
        try addDocs(project)
        let forced = try await runLadder(["build", "--output", "docs", "--force"], in: project)
        #expect(forced.status == 0, "\(forced.output)")
        let site = filesUnder(project.appendingPathComponent("docs"))
        #expect(site["index.html"] != nil && site["CNAME"] == nil)
        #expect(site[OutputGuard.siteMarker] == Data(OutputGuard.markerText.utf8))
        // Now the folder is ladder's: the next build replaces it without --force.
        #expect(try await runLadder(["build", "--output", "docs"], in: project).status == 0)
    }

    @Test func anEmptyOrNewFolderIsFine() async throws {
        let project = try projectWithContent()
        try FileManager.default.createDirectory(at: project.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(try await runLadder(["build", "--output", "empty"], in: project).status == 0)
        #expect(try await runLadder(["build", "--output", "new/deeper/site"], in: project).status == 0)
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("new/deeper/site/index.html").path))
    }

    @Test func pdfOutputIsGuardedToo() async throws {
        try await expectRefusal(["pdf", "--output", "content", "--chromium", "/bin/true"], saying: "it is the content folder")
        try await expectRefusal(["pdf", "--output", ".", "--chromium", "/bin/true"], saying: "it is the current folder")
    }

    @Test func twoBuildsAtOnceGiveOneWholeSite() async throws {
        let project = try projectWithContent()
        #expect(try await runLadder(["build", "--output", "reference"], in: project).status == 0)
        let reference = filesUnder(project.appendingPathComponent("reference"))
        for _ in 0..<3 {
            let results = ResultsBox()
            try await offPool {
                DispatchQueue.concurrentPerform(iterations: 3) { _ in
                    results.add((try? runLadderBlocking(["build", "--output", "site"], in: project)) ?? (-1, "did not run"))
                }
            }
            for result in results.all { #expect(result.status == 0, "\(result.output)") }
            #expect(filesUnder(project.appendingPathComponent("site")) == reference)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: project.path).sorted()
        #expect(left == ["content", "reference", "site"], "no staging folder is left behind")
    }

    @Test func aKilledBuildsLeftoversAreCleanedByTheNext() async throws {
        let project = try projectWithContent()
        #expect(try await runLadder(["build"], in: project).status == 0)
        // What builds killed at different moments leave: a half-written staging folder of their own.
        for leftover in [".site.ladder-building-123-abcd", ".site.ladder-building-456-ef01"] {
            try FileManager.default.createDirectory(
                at: project.appendingPathComponent("\(leftover)/half"), withIntermediateDirectories: true)
        }
        #expect(try await runLadder(["build"], in: project).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path).sorted() == ["content", "site"])
    }
}

private final class ResultsBox: @unchecked Sendable {  // `results` is only touched under `lock`
    private let lock = NSLock()
    private var results: [(status: Int32, output: String)] = []
    func add(_ result: (status: Int32, output: String)) { lock.withLock { results.append(result) } }
    var all: [(status: Int32, output: String)] { lock.withLock { results } }
}

/// No page of the framework takes the place of another, or of one of the site's own.
@Suite struct PageCollisionTests {
    @Test func aRoleTitledMatrixKeepsItsPageBesideTheMatrix() async throws {
        let (framework, diagnostics, pages) = try renderFixture("invalid/reserved-role-slug")
        #expect(framework.tracks[0].roles.map(\.slug) == ["matrix-role", "print-role", "assets-role", "next-role"])
        #expect(diagnostics.filter { $0.check == "reserved-slug" }.count == 4)
        let paths = Set(pages.map(\.path))
        for path in ["eng/matrix/index.html", "eng/print/index.html", "eng/matrix-role/index.html", "eng/print-role/index.html"] {
            #expect(paths.contains(path), "\(path)")
        }
        let matrix = String(decoding: try #require(pages.first { $0.path == "eng/matrix/index.html" }).bytes, as: UTF8.self)
        #expect(matrix.contains("keeps the grid of systems in order"), "the matrix page is the track's matrix")
        let role = String(decoding: try #require(pages.first { $0.path == "eng/matrix-role/index.html" }).bytes, as: UTF8.self)
        #expect(role.contains("<h1>Matrix</h1>"))
    }

    @Test func twoFilesAtOnePathAreAnErrorNamingBoth() {
        let first = LadderModel.SourceLocation(file: "content/a.md", line: 3, column: 1)
        let second = LadderModel.SourceLocation(file: "content/b.md", line: 7, column: 1)
        let plan = SitePlan(
            [
                SitePlan.File(path: "eng/x/index.html", source: first) { Data("first".utf8) },
                SitePlan.File(path: "eng/x/index.html", source: second) { Data("second".utf8) },
                SitePlan.File(path: "index.html", source: nil) { Data() },
            ], profile: RenderProfile())
        #expect(plan.collisions == [SitePlan.Collision(path: "eng/x/index.html", first: first, second: second)])
        let error = Pipeline.collisionError(plan.collisions[0])
        #expect(error.description == "content/b.md:7:1: error: two pages of the site would be written to eng/x/index.html: the page from content/a.md:3:1 and the page from content/b.md:7:1; give one of them another title or a 'slug:' [page-collision]")
    }
}
