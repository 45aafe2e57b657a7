import Foundation
import Testing

/// The `ladder` binary itself, where a test needs its exit status and output.
@Suite struct CommandLineTests {
    func ladder(_ arguments: [String]) async throws -> (status: Int32, output: String) { try await runLadder(arguments) }

    @Test(.enabled(if: ladderIsBuilt, "build ladder first"))
    func initWritesAHealthyFrameworkAndNeverOverwrites() async throws {
        let folder = try temporaryFolder()
        #expect(try await ladder(["init", folder.path]).status == 0)
        let check = try await ladder(["check", "--content", folder.appendingPathComponent("content").path])
        #expect(check.status == 0)
        #expect(check.output.contains("0 errors, 0 warnings"))
        let again = try await ladder(["init", folder.path])
        #expect(again.status == 1 && again.output.contains("already exists"))
    }

    @Test(.enabled(if: ladderIsBuilt, "build ladder first"))
    func exitStatusesAreZeroOneAndTwo() async throws {
        #expect(try await ladder(["check", "--content", fixtures.appendingPathComponent("seed-shape/content").path]).status == 0)
        #expect(try await ladder(["check", "--content", fixtures.appendingPathComponent("golden/content").path]).status == 1, "a health error")
        #expect(try await ladder(["check", "--content", fixtures.appendingPathComponent("invalid/yaml-syntax/content").path]).status == 1)
        #expect(try await ladder(["check", "--format", "yaml"]).status == 2)
        #expect(try await ladder(["check", "--no-such-flag"]).status == 2)
    }
}
