import Foundation
import LadderModel
import Testing

@testable import LadderParser

/// Frameworks in the shapes people already write them (a README with a table of contents,
/// labelled bullets, a Hugo section, two ladders in one folder, lead-ins between headings and
/// lists), each with the exact model and diagnostics it must give in `expected.txt`.
/// `RECORD=1` rewrites them.
@Suite struct RealShapesTests {
    static let cases: [String] = {
        let folder = fixtures.appendingPathComponent("real-shapes")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func thereIsACaseForEachShape() {
        #expect(Self.cases.count >= 5)
    }

    /// The model as counts a reader can check by eye, then the diagnostics.
    static func summary(_ name: String) -> String {
        let (files, loadDiagnostics) = ContentLoader.load(
            contentFolder: fixtures.appendingPathComponent("real-shapes/\(name)/content").path, displayedAs: "content")
        let (framework, diagnostics) = FrameworkParser.parse(files)
        var lines: [String] = []
        for track in framework.tracks {
            lines.append("track \(track.slug) '\(track.title)': \(track.roles.count) roles\(track.introHTML.isEmpty ? "" : ", introduction")"
                + (track.introHTML.contains("<table>") ? " with a table" : ""))
            for role in track.roles {
                let examples = role.areas.reduce(0) { $0 + $1.behaviours.reduce(0) { $0 + $1.examples.count } }
                lines.append("  level \(role.level) \(role.slug) '\(role.title)': \(role.areas.count) areas, \(role.behaviourCount) behaviours, "
                    + "\(examples) examples\(role.summary == nil ? ", no summary" : "")\(role.sections.isEmpty ? "" : ", \(role.sections.count) prose sections")")
                for area in role.areas {
                    lines.append("    \(area.key) '\(area.title)': \(area.behaviours.count)\(area.introHTML.isEmpty ? "" : " with a lead-in")"
                        + (area.group.map { " in group '\($0)'" } ?? ""))
                }
            }
        }
        lines.append("diagnostics:")
        lines += (loadDiagnostics + diagnostics).sorted().map(\.description)
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: cases)
    func givesExactlyItsExpectedModel(_ name: String) throws {
        let actual = Self.summary(name)
        let expectedFile = fixtures.appendingPathComponent("real-shapes/\(name)/expected.txt")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        #expect(actual == (try String(contentsOf: expectedFile, encoding: .utf8)))
    }
}
