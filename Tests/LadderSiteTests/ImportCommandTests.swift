import Foundation
import Testing

/// `ladder import` from the command line: what it writes, what it refuses, what it says.
@Suite(.enabled(if: ladderIsBuilt, "build ladder first")) struct ImportCommandTests {
    static let input = fixtures.appendingPathComponent("import/rows-excel/input.csv").path

    @Test func importsOnceAndNeverOverwrites() async throws {
        let project = try temporaryFolder()
        let first = try await runLadder(["import", Self.input], in: project)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.hasSuffix("Imported 1 track, 2 roles, 4 areas, 5 behaviours, 3 examples into content/support/\n"))
        let before = snapshot(project)
        let second = try await runLadder(["import", Self.input], in: project)
        #expect(second.status == 1)
        #expect(second.output.contains("content/support/_track.md, content/support/1-support-specialist.md, content/support/2-senior-support-specialist.md already exist; nothing was written"))
        #expect(snapshot(project) == before, "nothing was changed")
        #expect(try await runLadder(["check"], in: project).status == 0, "the imported content checks without errors")
    }

    @Test func aDryRunWritesNothing() async throws {
        let project = try temporaryFolder()
        let result = try await runLadder(["import", "--dry-run", Self.input], in: project)
        #expect(result.status == 0)
        #expect(result.output.contains("would write content/support/1-support-specialist.md ("))
        #expect(result.output.hasSuffix("Would import 1 track, 2 roles, 4 areas, 5 behaviours, 3 examples into content/support/\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path).isEmpty)
    }

    @Test func anIncompleteRowStopsTheImportAtItsPosition() async throws {
        let project = try temporaryFolder()
        let input = fixtures.appendingPathComponent("import/rows-incomplete/input.csv").path
        let result = try await runLadder(["import", input], in: project)
        #expect(result.status == 1)
        #expect(result.output.contains("rows-incomplete/input.csv:2:5: error: this behaviour has no level and area"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path).isEmpty)
    }

    @Test func helpNamesEveryShape() async throws {
        let help = try await runLadder(["import", "--help"])
        for word in ["csv", "tsv", "table", "ft", "snowflake", "--into", "--track", "--dry-run"] {
            #expect(help.output.contains(word), "\(word)")
        }
    }
}
