import Foundation
import Testing

/// The `ladder` binary itself, where a test needs its exit status and output.
@Suite struct CommandLineTests {
    func ladder(_ arguments: [String]) throws -> (status: Int32, output: String) { try runLadder(arguments) }

    @Test(.enabled(if: ladderIsBuilt, "build ladder first"))
    func initWritesAHealthyFrameworkAndNeverOverwrites() throws {
        let folder = try temporaryFolder()
        #expect(try ladder(["init", folder.path]).status == 0)
        let check = try ladder(["check", "--content", folder.appendingPathComponent("content").path])
        #expect(check.status == 0)
        #expect(check.output.contains("0 errors, 0 warnings"))
        let again = try ladder(["init", folder.path])
        #expect(again.status == 1 && again.output.contains("already exists"))
    }

    @Test(.enabled(if: ladderIsBuilt, "build ladder first"))
    func exitStatusesAreZeroOneAndTwo() throws {
        #expect(try ladder(["check", "--content", fixtures.appendingPathComponent("seed-shape/content").path]).status == 0)
        #expect(try ladder(["check", "--content", fixtures.appendingPathComponent("golden/content").path]).status == 1, "a health error")
        #expect(try ladder(["check", "--content", fixtures.appendingPathComponent("invalid/yaml-syntax/content").path]).status == 1)
        #expect(try ladder(["check", "--format", "yaml"]).status == 2)
        #expect(try ladder(["check", "--no-such-flag"]).status == 2)
    }
}
