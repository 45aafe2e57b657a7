import Foundation
import LadderHealth
import LadderModel
import LadderParser
import LadderSite
import Testing

@testable import LadderImport

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// Every folder of Fixtures/import holds an `input.*` in one shape and, in `expected.txt`, the
/// exact counts, files and diagnostics its import must give. `RECORD=1` rewrites them.
@Suite struct ImportShapeTests {
    static let cases: [String] = {
        let folder = fixtures.appendingPathComponent("import")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    static func input(_ name: String) throws -> URL {
        let folder = fixtures.appendingPathComponent("import/\(name)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("input.") })
        return folder.appendingPathComponent(file)
    }

    static func result(_ name: String) throws -> ImportResult {
        let url = try input(name)
        let format = try #require(Importer.format(of: url.path))
        return Importer.read(try Data(contentsOf: url), path: url.path, shownAs: url.lastPathComponent, format: format, track: nil)
    }

    @Test func thereIsACaseForEachShape() {
        #expect(Self.cases.count >= 6)
    }

    @Test(arguments: cases)
    func givesExactlyItsExpectedImport(_ name: String) throws {
        let result = try Self.result(name)
        var lines = [result.framework.counts]
        lines += ContentWriter.files(result.framework).map { "\($0.path) (\($0.text.split(separator: "\n").count) lines)" }
        lines.append("diagnostics:")
        lines += result.diagnostics.sorted().map(\.description)
        let actual = lines.joined(separator: "\n") + "\n"
        let expectedFile = fixtures.appendingPathComponent("import/\(name)/expected.txt")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        #expect(actual == (try String(contentsOf: expectedFile, encoding: .utf8)))
    }

    /// What an import writes reads back with no errors, and with every behaviour it imported.
    @Test(arguments: cases)
    func importedContentChecksWithoutErrors(_ name: String) throws {
        let result = try Self.result(name)
        guard result.diagnostics.errorCount == 0 else { return }
        let files = ContentWriter.files(result.framework).map {
            SourceFile(path: "content/\($0.path)", relativePath: $0.path, bytes: Array($0.text.utf8))
        }
        let (framework, diagnostics) = FrameworkParser.parse(files)
        let report = HealthReport(framework)
        #expect((diagnostics + report.findings.map(\.diagnostic)).errorCount == 0, "\(diagnostics)")
        let imported = result.framework.tracks.flatMap(\.roles).flatMap(\.areas).flatMap(\.behaviours)
        let read = framework.tracks.flatMap(\.roles).flatMap(\.areas).flatMap(\.behaviours)
        #expect(read.count == imported.count)
        #expect(read.map { $0.examples.count } == imported.map { $0.examples.count })
        #expect(framework.abilities.count == result.framework.abilities.count)
    }

    @Test func textThatLooksLikeMarkdownReadsBackAsItWas() throws {
        let texts = ["1. not a list", "- not a bullet", "# not a heading", "uses `git` & *stars* <b>", "> not a quote", "a | b", "+ plus", "R&amp;D"]
        var builder = FrameworkBuilder()
        for text in texts {
            builder.add(ImportedBehaviour(text: text), track: "T", level: "1", role: "R", area: "A", areaKey: nil)
        }
        let files = ContentWriter.files(builder.framework()).map {
            SourceFile(path: "content/\($0.path)", relativePath: $0.path, bytes: Array($0.text.utf8))
        }
        let behaviours = FrameworkParser.parse(files).0.tracks.first?.roles.first?.areas.first?.behaviours ?? []
        #expect(behaviours.map(\.content.text) == texts)
    }
}

/// `ladder import` of a track's matrix.csv gives content whose matrix.csv is the same bytes.
@Suite struct ImportRoundTripTests {
    static let repository = fixtures.deletingLastPathComponent().deletingLastPathComponent()

    /// Each track's matrix.csv of the content at `files`.
    func matrices(_ files: [SourceFile]) throws -> [String: Data] {
        let (framework, _) = FrameworkParser.parse(files)
        let templates = try #require(TemplateSet.load(overrides: nil).0)
        let pages = SiteRenderer.render(framework, templates: templates)
        return Dictionary(uniqueKeysWithValues: pages.filter { $0.path.hasSuffix("/matrix.csv") }.map { ($0.path, $0.bytes) })
    }

    func roundTrip(_ files: [SourceFile]) throws {
        let before = try matrices(files)
        #expect(!before.isEmpty)
        for (path, csv) in before {
            let result = Importer.read(csv, path: path, shownAs: path, format: .csv, track: nil)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            let imported = ContentWriter.files(result.framework).map {
                SourceFile(path: "content/\($0.path)", relativePath: $0.path, bytes: Array($0.text.utf8))
            }
            let after = try matrices(imported)
            // The imported track's folder is named after its title, which need not be the
            // folder the matrix came from, so the matrix is looked for by content.
            #expect(after.count == 1 && after.values.first == csv, "\(path) changed on its way through import")
        }
    }

    @Test func theExampleContent() throws {
        try roundTrip(ContentLoader.load(contentFolder: Self.repository.appendingPathComponent("content").path).files)
    }

    @Test func theSeedFramework() throws {
        let seeds = Self.repository.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        let seed = ((try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []).sorted().first { $0.hasPrefix("000_") }
        guard let seed else {
            print("Skipping the seed's round trip: ../shared/seeds is not beside the repository")
            return
        }
        let bytes = Array(try Data(contentsOf: seeds.appendingPathComponent(seed)))
        try roundTrip([SourceFile(path: "content/product/roles.md", relativePath: "product/roles.md", bytes: bytes)])
    }
}
