import Foundation
import LadderModel
import LadderParser
import Testing

/// Every folder under Fixtures/invalid is a broken framework; its `expected.txt` holds the exact
/// diagnostics it must give, one per line, as `ladder check` prints them. `RECORD=1` rewrites them.
@Suite struct InvalidFrameworkTests {
    static let cases: [String] = {
        let folder = fixtures.appendingPathComponent("invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func thereAreAtLeastTenCases() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases)
    func givesExactlyItsExpectedDiagnostics(_ name: String) throws {
        let folder = fixtures.appendingPathComponent("invalid/\(name)")
        let (files, loadDiagnostics) = ContentLoader.load(contentFolder: folder.appendingPathComponent("content").path)
        let (_, parseDiagnostics) = FrameworkParser.parse(files)
        let actual = (loadDiagnostics + parseDiagnostics).sorted()
            .map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        #expect(!actual.isEmpty, "an invalid framework must give at least one diagnostic")
        let expectedFile = folder.appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try (actual.joined(separator: "\n") + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(actual == expected)
    }
}
