import Foundation
import LadderModel
import LadderParser
import LadderBuild
import LadderSite
import Testing

/// The regression guard of `make bench`'s figures: it counts work, not time, so it holds on any
/// machine. A build of the benchmark's size S reads each file once, makes each view model once
/// and renders each page once; a rebuild with nothing changed does none of it again.
@Suite struct WorkCountTests {
    let repository = fixtures.deletingLastPathComponent().deletingLastPathComponent()

    /// `make bench`'s size S (2 tracks × 5 levels, 8 areas of 6 behaviours), from its generator.
    func sizeS() throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("content")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository.appendingPathComponent("scripts/generate-framework.py").path, folder.path, "2", "5", "8", "6"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/generate-framework.py failed")
        return folder
    }

    @Test func aBuildReadsEachFileOnceAndRendersEachPageOnce() throws {
        let content = try sizeS()
        let files = try FileManager.default.subpathsOfDirectory(atPath: content.path)
            .filter { $0.hasSuffix(".md") || $0 == "framework.yml" }
        #expect(files.count == 10 + 16 + 12 + 1, "roles, abilities, assignments and framework.yml")

        let log = WorkLog()
        var pipeline = Pipeline(contentFolder: content.path)
        pipeline.workLog = log
        let sink = MemorySink()
        #expect(pipeline.build(to: sink).written)

        let reads = log.counts("read")
        #expect(Set(reads.keys) == Set(files.map { "\(content.path)/\($0)" }))
        #expect(reads.filter { $0.value != 1 }.isEmpty, "files read more than once: \(reads.filter { $0.value != 1 })")

        let pages = Set(sink.pages.keys.filter { $0.hasSuffix(".html") })
        // index, health, levels, compare, calculator, search, assess; abilities 1 + 16; assignments
        // 1 + 12; and per track its page, matrix and booklet, 5 roles and 4 next-level diffs.
        #expect(pages.count == 7 + 17 + 13 + 2 * (3 + 5 + 4))
        let renders = log.counts("render")
        #expect(Set(renders.keys) == pages)
        #expect(renders.filter { $0.value != 1 }.isEmpty, "pages rendered more than once: \(renders.filter { $0.value != 1 })")
        #expect(log.counts("view model") == renders, "each page's view model is made once, and only for a page")
    }

    @Test func aRebuildWithNothingChangedReadsNoRoleFileAndAPlanMakesOnlyWhatIsAskedFor() throws {
        let content = try sizeS()
        var pipeline = Pipeline(contentFolder: content.path)
        pipeline.session = BuildSession()
        #expect(pipeline.build(to: MemorySink()).written)

        let log = WorkLog()
        pipeline.workLog = log
        let plan = try #require(pipeline.plan().plan)
        let roleReads = log.counts("read").keys.filter { $0.contains("/track-") }
        #expect(roleReads.isEmpty, "role files read again: \(roleReads.sorted())")
        #expect(log.counts("render").isEmpty, "a plan renders nothing by itself")
        #expect(plan.page("track-00/index.html") != nil)
        #expect(log.counts("render") == ["track-00/index.html": 1])
    }
}
