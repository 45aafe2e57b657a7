import Foundation
import LadderModel
import LadderParser
@testable import LadderBuild
import Testing

@testable import LadderHealth

/// `ladder check` on a fixture, with file paths from the fixture's folder.
func check(_ folder: URL) -> (diagnostics: [Diagnostic], report: HealthReport, lines: [String]) {
    var pipeline = Pipeline(contentFolder: folder.appendingPathComponent("content").path)
    let checked = pipeline.check()
    let (diagnostics, report) = (checked.diagnostics, checked.report)
    let relative = diagnostics.map { diagnostic -> Diagnostic in
        var copy = diagnostic
        copy.location.file = copy.location.file.replacingOccurrences(of: folder.path + "/", with: "")
        copy.message = copy.message.replacingOccurrences(of: folder.path + "/", with: "")
        return copy
    }
    return (relative, report, relative.map(\.description))
}

/// Every folder under Fixtures/unhealthy is a framework that reads fine but is unhealthy; its
/// `expected.txt` holds exactly the findings `ladder check` must give. `RECORD=1` rewrites them.
@Suite struct UnhealthyFrameworkTests {
    static let cases: [String] = {
        let folder = fixtures.appendingPathComponent("unhealthy")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test(arguments: cases)
    func givesExactlyItsExpectedFindings(_ name: String) throws {
        let folder = fixtures.appendingPathComponent("unhealthy/\(name)")
        let (_, _, lines) = check(folder)
        #expect(!lines.isEmpty)
        let expectedFile = folder.appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try (lines.joined(separator: "\n") + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == expected)
    }

    @Test func theExampleContentIsHealthy() {
        let root = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        let (diagnostics, _, lines) = check(root)
        #expect(diagnostics.isEmpty, "\(lines)")
    }
}

/// The three output formats, recorded whole.
@Suite struct CheckOutputTests {
    let folder = fixtures.appendingPathComponent("unhealthy/settings")

    func compare(_ output: String, _ name: String) throws {
        let file = fixtures.appendingPathComponent("check-output/\(name)")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try output.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(output == (try String(contentsOf: file, encoding: .utf8)))
    }

    @Test func text() throws {
        let (diagnostics, report, _) = check(folder)
        try compare(DiagnosticPrinter.text(diagnostics, report: report, colour: false), "check.txt")
        let coloured = DiagnosticPrinter.text(diagnostics, report: report, colour: true)
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(!DiagnosticPrinter.text(diagnostics, report: report, colour: false).contains("\u{1B}"))
    }

    @Test func json() throws {
        let (diagnostics, report, _) = check(folder)
        let output = DiagnosticPrinter.json(diagnostics, report: report)
        try compare(output, "check.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == diagnostics.errorCount)
        #expect((object["positions"] as? [[String: Any]])?.count == 2)
    }

    @Test func github() throws {
        let (diagnostics, _, _) = check(folder)
        try compare(DiagnosticPrinter.github(diagnostics), "check.github")
        #expect(DiagnosticPrinter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }
}

@Suite struct SettingsTests {
    @Test func settingsTurnChecksOffAndChangeSeverityAndThresholds() {
        let (diagnostics, _, _) = check(fixtures.appendingPathComponent("unhealthy/settings"))
        let checks = diagnostics.map(\.check)
        #expect(!checks.contains("role-without-summary"), "turned off")
        #expect(!checks.contains("unknown-key"), "a parser warning turned off")
        #expect(diagnostics.first { $0.check == "vague-words" }?.severity == .error)
        #expect(diagnostics.filter { $0.check == "vague-words" }.map(\.message) == ["'synergy' is vague; say what it means in practice"])
        #expect(diagnostics.count { $0.check == "long-behaviour" } == 2, "max_words: 3 flags the two four-word behaviours")
        #expect(diagnostics.filter { $0.check == "unknown-setting" }.map(\.message) == [
            "no check 'no-such-check'; the checks are listed in docs/checks.md",
            "check 'small-step' has no option 'treshold'; its options: threshold",
        ])
    }
}

@Suite struct NearDuplicateTests {
    /// The texts as the behaviours of one area, whose ids are a-1, a-2, …
    let table = WordTable()

    func roles(_ texts: [String]) -> [RoleWords] {
        let location = SourceLocation(file: "f.md", line: 1)
        let behaviours = texts.map { Behaviour(content: RichText(text: $0, html: $0), location: location) }
        let role = Role(
            slug: "r", title: "R", level: Level("1"), areas: [Area(title: "A", behaviours: behaviours, location: location)],
            location: location)
        return RoleWords.all(in: Framework(tracks: [Track(slug: "t", title: "T", roles: [role], location: location)]), table: table)
    }

    @Test func findsNearlyIdenticalBehavioursAndNotUnrelatedOnes() {
        let pairs = NearDuplicates.find(
            roles([
                "I write clear code that others can change safely",
                "I write clear code that others can change safely and quickly",
                "I explain results to leaders in plain words",
                "I write clear code",
            ]), table: table, threshold: 0.85)
        #expect(pairs.map { ($0.0.id, $0.1.id) }.elementsEqual([("a-1", "a-2")], by: ==))
    }

    @Test func findsAPlantedPairAmongTwentyThousandBehaviours() {
        var texts: [String] = []
        var seed: UInt64 = 42
        let vocabulary = (0..<3000).map { "word\($0)" }
        for _ in 0..<20_000 {
            let words = (0..<10).map { _ -> String in
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return vocabulary[Int(seed >> 33) % vocabulary.count]
            }
            texts.append(words.joined(separator: " "))
        }
        texts.append(texts[1234] + " again")
        let pairs = NearDuplicates.find(roles(texts), table: table, threshold: 0.85)
        #expect(pairs.contains { $0.0.id == "a-1235" && $0.1.id == "a-20001" })
        #expect(pairs.count < 10, "random texts are not near-duplicates")
    }
}

@Suite struct CheckTableTests {
    /// docs/checks.md has the table; the six position checks are in README.md's, with mileage.
    @Test func theDocumentationListsEveryCheck() throws {
        let root = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        let tables = try ["README.md", "docs/checks.md"].map {
            try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        for check in HealthChecks.all {
            #expect(tables.contains("| `\(check.id)` |"), "no table of checks lists \(check.id)")
        }
    }
}

/// Inputs the fuzzer found crashing (`make fuzz`), kept so they never crash again.
@Suite struct FuzzRegressionTests {
    static let crashers: [String] = {
        let folder = fixtures.appendingPathComponent("fuzz")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }()

    @Test(arguments: crashers)
    func aFormerCrasherIsReadAndChecked(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("fuzz/\(name)")))
        let files = ["eng/a.md", "eng/_track.md", "abilities/x.md", "assignments/y.md"].map {
            SourceFile(path: "content/\($0)", relativePath: $0, bytes: bytes)
        }
        let (framework, _) = FrameworkParser.parse(files, options: ParseOptions(includeDrafts: true))
        let report = HealthReport(framework)
        #expect(report.positions.count == framework.tracks.reduce(0) { $0 + $1.roles.count })
    }
}
