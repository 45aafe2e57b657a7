import Foundation
import LadderAnalysis
import LadderHealth
import LadderModel
import LadderParser
import LadderBuild
import LadderSite
import Testing

@Suite struct OutputTrustTests {
    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let first = try renderFixture("golden").pages
        let second = try renderFixture("golden").pages
        #expect(first == second)
        let folderA = try temporaryFolder(), folderB = try temporaryFolder()
        try DiskSink(folder: folderA.appendingPathComponent("site")).write(first)
        try DiskSink(folder: folderB.appendingPathComponent("site")).write(second)
        #expect(filesUnder(folderA.appendingPathComponent("site")) == filesUnder(folderB.appendingPathComponent("site")))
    }

    @Test func aFailedBuildLeavesThePreviousSiteAsItWas() throws {
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("site")
        var good = Pipeline(contentFolder: fixtures.appendingPathComponent("golden/content").path)
        #expect(good.build(to: DiskSink(folder: output)).written)
        let before = filesUnder(output)
        #expect(before["index.html"] != nil)

        var broken = Pipeline(contentFolder: fixtures.appendingPathComponent("invalid/yaml-syntax/content").path)
        let result = broken.build(to: DiskSink(folder: output))
        #expect(!result.written)
        #expect(result.diagnostics.errorCount == 1)
        #expect(filesUnder(output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["site"])
    }

    @Test func theSinkRefusesPathsOutsideTheOutputFolder() throws {
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("site")
        try DiskSink(folder: output).write([Page(path: "index.html", text: "old")])
        for path in ["../escape.html", "/etc/passwd", "a/../../b", "", "a//b", ".hidden"] {
            #expect(throws: OutputError.self) { try DiskSink(folder: output).write([Page(path: path, text: "x")]) }
        }
        #expect(filesUnder(output) == ["index.html": Data("old".utf8)])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
    }

    @Test func hostileContentComesOutInert() throws {
        let (framework, _, pages) = try renderFixture("hostile")
        #expect(framework.tracks.first?.roles.count == 2)
        for page in pages {
            #expect(page.path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && !$0.isEmpty })
            // framework.json holds the text as data; only pages are read by a browser as HTML.
            guard page.path.hasSuffix(".html") else { continue }
            var text = String(decoding: page.bytes, as: UTF8.self).lowercased()
            // The site's own scripts: a file from assets/, and JSON data that cannot close its tag.
            for data in text.matches(of: /<script type="application\/json" id="[a-z-]+">([^<]*)<\/script>/) {
                #expect(!data.1.contains("<") && !data.1.contains(">"))
            }
            text.replace(/<script type="application\/json" id="[a-z-]+">[^<]*<\/script>/, with: "")
            text.replace(/<script src="(\.\.\/)*(assets\/[a-z]+|search\/index)\.js"( defer)?><\/script>/, with: "")
            #expect(!text.contains("<script"), "\(page.path) has a script tag")
            #expect(!text.contains("<iframe"), "\(page.path) has an iframe")
            #expect(!text.contains("<img"), "\(page.path) has a raw img tag")
            #expect(!text.contains("href=\"javascript:") && !text.contains("href=\"vbscript:") && !text.contains("href=\"data:"))
            #expect(text.firstMatch(of: /<[^>]*\son[a-z]+=/) == nil, "\(page.path) has an event handler attribute")
            #expect(text.contains("<meta http-equiv=\"content-security-policy\" content=\"default-src 'self'; script-src 'self';"),
                    "\(page.path) has no Content-Security-Policy")
            // The only style attribute holds CSS strings whose quotes are escaped: content cannot end them.
            for style in text.matches(of: /style="([^"]*)"/) {
                let css = String(style.1).replacingOccurrences(of: "&#39;", with: "'")
                #expect(css.filter { $0 == "'" }.count == 4, "\(page.path): \(css)")
            }
        }
        let role = try #require(pages.first { $0.path == "evil/script-alert-title-script/index.html" })
        let html = String(decoding: role.bytes, as: UTF8.self)
        #expect(html.contains("<h1>&quot;&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"))
        #expect(html.contains("{{siteTitle}}"), "Mustache tags in content are text, not template code")
        #expect(pages.allSatisfy { !$0.path.contains("tmp") || $0.path.hasPrefix("evil/tmp-escaped/") })
        #expect(pages.contains { $0.path == "evil/tmp-escaped/index.html" })
    }

    @Test func aUserTemplateOverridesTheBuiltInOfTheSameName() throws {
        let folder = try temporaryFolder()
        try "{{<layout}}{{$body}}<p id=\"custom\">{{siteTitle}}</p>{{/body}}{{/layout}}"
            .write(to: folder.appendingPathComponent("index.mustache"), atomically: true, encoding: .utf8)
        let (templates, diagnostics) = TemplateSet.load(overrides: folder.path)
        #expect(diagnostics.isEmpty)
        let (files, _) = ContentLoader.load(contentFolder: fixtures.appendingPathComponent("golden/content").path)
        let framework = FrameworkParser.parse(files).0
        let pages = SiteRenderer.render(framework, templates: try #require(templates))
        let index = String(decoding: try #require(pages.first { $0.path == "index.html" }).bytes, as: UTF8.self)
        #expect(index.contains("<p id=\"custom\">Golden fixture framework</p>"))
        #expect(index.contains("assets/style.css"), "the built-in layout is still used")
    }

    @Test func aTemplateSyntaxErrorIsADiagnosticWithItsPosition() throws {
        let folder = try temporaryFolder()
        try "line one\n{{#open}}never closed\n".write(to: folder.appendingPathComponent("role.mustache"), atomically: true, encoding: .utf8)
        let (templates, diagnostics) = TemplateSet.load(overrides: folder.path)
        #expect(templates == nil)
        #expect(diagnostics.map(\.check) == ["template-syntax"])
        #expect(diagnostics.first?.location.file == "\(folder.path)/role.mustache")
    }

    /// The site's compact framework.json is written a track at a time; `export` indents the
    /// document written whole. Both must be the same JSON.
    @Test(arguments: ["golden", "real-shapes/two-ladders", "mileage"])
    func compactAndIndentedJSONHoldTheSameDocument(_ fixture: String) throws {
        let (framework, _, _) = try renderFixture(fixture)
        let analysis = FrameworkAnalysis(framework)
        let report = HealthReport(framework, analysis: analysis)
        let compact = FrameworkExport.json(framework, analysis: analysis, report: report)
        let pretty = FrameworkExport.json(framework, analysis: analysis, report: report, pretty: true)
        #expect(compact.count < pretty.count)
        let parsed = try #require(try JSONSerialization.jsonObject(with: compact) as? NSDictionary)
        #expect(parsed.isEqual(try JSONSerialization.jsonObject(with: pretty) as? NSDictionary))
        #expect((parsed["tracks"] as? [Any])?.count == framework.tracks.count)
    }

    @Test func exportAndFrameworkJSONAreTheSameModel() throws {
        let (framework, _, pages) = try renderFixture("golden")
        let json = try #require(pages.first { $0.path == "framework.json" }).bytes
        let analysis = FrameworkAnalysis(framework)
        #expect(json == FrameworkExport.json(framework, analysis: analysis, report: HealthReport(framework, analysis: analysis)))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let tracks = try #require(object["tracks"] as? [[String: Any]])
        #expect(tracks.map { $0["slug"] as? String } == ["ops", "research"])
        let roles = try #require(tracks[0]["roles"] as? [[String: Any]])
        let titles = try #require(roles[0]["titles"] as? [String: Any])
        #expect(titles["internal"] as? String == "Operator 1")
        let areas = try #require(roles[0]["areas"] as? [[String: Any]])
        let behaviour = try #require((areas[0]["behaviours"] as? [[String: Any]])?.first)
        #expect(behaviour["id"] as? String == "1-follow-the-runbook-when-an-alert", "level 1, the behaviour's first words")
        #expect((behaviour["examples"] as? [[String: Any]])?.first?["text"] as? String == "the disk-full runbook")
    }
}

/// Every broken framework in Fixtures/invalid that gives an error leaves an existing site alone.
@Suite struct FailedBuildsLeaveTheSiteTests {
    static let erroneous: [String] = {
        let folder = fixtures.appendingPathComponent("invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().filter { name in
            let expected = (try? String(contentsOf: folder.appendingPathComponent("\(name)/expected.txt"), encoding: .utf8)) ?? ""
            return expected.contains(": error: ")
        }
    }()

    @Test func thereAreManyErroneousCases() {
        #expect(Self.erroneous.count >= 15)
    }

    @Test(arguments: erroneous)
    func theOutputFolderIsUntouched(_ name: String) throws {
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "the previous site".write(to: output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let before = filesUnder(output)
        var pipeline = Pipeline(contentFolder: fixtures.appendingPathComponent("invalid/\(name)/content").path)
        let result = pipeline.build(to: DiskSink(folder: output))
        #expect(!result.written)
        #expect(filesUnder(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"], "no staging folder is left behind")
    }

    @Test func aLinkPlantedInTheOutputFolderRedirectsNothing() throws {
        let folder = try temporaryFolder()
        let outside = folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // A link where a page will go, and a link where the build stages its pages.
        try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("ops"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent(".site.ladder-building"), withDestinationURL: outside)
        var pipeline = Pipeline(contentFolder: fixtures.appendingPathComponent("golden/content").path)
        #expect(pipeline.build(to: DiskSink(folder: output)).written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "nothing was written through a link")
        #expect(filesUnder(output)["ops/index.html"] != nil)
    }

    /// The inode of a file, to tell a reused (hard-linked) file from one written again.
    func inode(_ url: URL) throws -> UInt64 {
        var info = stat()
        try #require(lstat(url.path, &info) == 0)
        return UInt64(info.st_ino)
    }

    @Test func anUnchangedPageIsReusedAndAChangedOneWrittenAgain() throws {
        let output = try temporaryFolder().appendingPathComponent("site")
        let sink = DiskSink(folder: output)
        try sink.write([Page(path: "a/index.html", text: "same"), Page(path: "b/index.html", text: "old")])
        let (a, b) = (try inode(output.appendingPathComponent("a/index.html")), try inode(output.appendingPathComponent("b/index.html")))
        try sink.write([Page(path: "a/index.html", text: "same"), Page(path: "b/index.html", text: "new")])
        #expect(filesUnder(output) == ["a/index.html": Data("same".utf8), "b/index.html": Data("new".utf8)])
        #expect(try inode(output.appendingPathComponent("a/index.html")) == a, "the unchanged page is linked, not written")
        #expect(try inode(output.appendingPathComponent("b/index.html")) != b)
    }

    @Test func reuseHoldsAcrossMoreFoldersThanAreKeptOpen() throws {
        let output = try temporaryFolder().appendingPathComponent("site")
        let pages = (0..<150).map { Page(path: "t\($0 / 10)/r\($0)/index.html", text: "page \($0)") }
        try DiskSink(folder: output).write(pages)
        let before = try pages.map { try inode(output.appendingPathComponent($0.path)) }
        try DiskSink(folder: output).write(pages)
        #expect(try pages.map { try inode(output.appendingPathComponent($0.path)) } == before)
    }

    @Test func theOutputFoldersParentsAreMadeWhenMissing() throws {
        let output = try temporaryFolder().appendingPathComponent("not/yet/there/site")
        try DiskSink(folder: output).write([Page(path: "a/b/index.html", text: "deep")])
        #expect(filesUnder(output) == ["a/b/index.html": Data("deep".utf8)])
    }

    @Test func aFileLinkedFromOutsideIsNeverReused() throws {
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("site"), outside = folder.appendingPathComponent("outside.html")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "same".write(to: outside, atomically: true, encoding: .utf8)
        // The previous site's page is a second name of a file outside it, or a symbolic link to one.
        try #require(link(outside.path, output.appendingPathComponent("index.html").path) == 0)
        try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("other.html"), withDestinationURL: outside)
        try DiskSink(folder: output).write([Page(path: "index.html", text: "same"), Page(path: "other.html", text: "same")])
        #expect(try inode(output.appendingPathComponent("index.html")) != (try inode(outside)))
        #expect(try inode(output.appendingPathComponent("other.html")) != (try inode(outside)))
        #expect(try String(contentsOf: outside, encoding: .utf8) == "same")
        #expect(filesUnder(output) == ["index.html": Data("same".utf8), "other.html": Data("same".utf8)])
    }

    @Test func theNextBuildCleansUpAfterAnInterruptedOne() throws {
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("site")
        // What a build killed half-way leaves: a half-written staging folder, and a retired site.
        for leftover in [".site.ladder-building", ".site.ladder-old"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("\(leftover)/half"), withIntermediateDirectories: true)
        }
        var pipeline = Pipeline(contentFolder: fixtures.appendingPathComponent("golden/content").path)
        #expect(pipeline.build(to: DiskSink(folder: output)).written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
    }
}

@Suite struct InterruptedSwapTests {
    /// A build killed between its two renames leaves only `.site.ladder-old`; the next write
    /// puts it back first and then swaps in the new site, leaving nothing else behind.
    @Test func aKilledSwapLeavesNothingBehindAfterTheNextWrite() throws {
        let folder = try temporaryFolder()
        let retired = folder.appendingPathComponent(".site.ladder-old")
        try FileManager.default.createDirectory(at: retired, withIntermediateDirectories: true)
        try "previous".write(to: retired.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try DiskSink(folder: folder.appendingPathComponent("site")).write([Page(path: "index.html", text: "new")])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
        #expect(filesUnder(folder.appendingPathComponent("site")) == ["index.html": Data("new".utf8)])
    }
}
