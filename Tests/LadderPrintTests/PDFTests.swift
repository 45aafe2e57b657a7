import Foundation
import LadderBuild
import LadderSite
import Testing

@testable import LadderPrint
import LadderPlatform

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

enum Tools {
    static func find(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        return nil
    }

    static let chromium = PDFPrinter.findChromium(explicit: nil)
    static let pdftotext = find("pdftotext")
    static let available: Bool = {
        if chromium == nil || pdftotext == nil {
            print("Skipping PDF tests: they need chromium and poppler-utils (make test installs both)")
            return false
        }
        return true
    }()

    /// `work` on a Dispatch thread, awaited: printing blocks for seconds, and blocking Swift's
    /// few cooperative threads would starve the preview servers that other tests run.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// A tool's standard output, through a file (reading a Pipe beside other tests' processes
    /// has crashed Foundation on Linux).
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-tool-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: find(tool) ?? tool)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }
}

/// Builds the golden fixture and prints its operations track (folder `ops/`: a booklet and two roles) once.
final class PrintedFixture: @unchecked Sendable {
    static let shared = PrintedFixture()
    let output: URL
    let failures: [String]

    private init() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-pdf-test-\(UUID().uuidString)")
        let site = folder.appendingPathComponent("site")
        output = folder.appendingPathComponent("pdf")
        var pipeline = Pipeline(contentFolder: fixtures.appendingPathComponent("golden/content").path)
        _ = pipeline.build(to: DiskSink(folder: site))
        let printer = PDFPrinter(chromium: Tools.chromium ?? "chromium")
        let jobs = (try? PDFPrinter.jobs(site: site, targets: ["ops"])) ?? []
        failures = ((try? printer.print(jobs, site: site, paper: .a4, output: output) { _, _, _, _ in }) ?? [])
            .map { "\($0.0.fileName): \($0.1)" }
    }

    /// The fixture, printed off Swift's cooperative threads the first time.
    static func ready() async throws -> PrintedFixture {
        try await Tools.offPool { shared }
    }

    func text(_ name: String) throws -> String {
        try Tools.run("pdftotext", ["-layout", output.appendingPathComponent(name).path, "-"])
    }
}

@Suite(.serialized) struct PDFTests {
    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func aTrackPrintsABookletAndOnePDFPerRole() async throws {
        let printed = try await PrintedFixture.ready()
        #expect(printed.failures.isEmpty, "\(printed.failures)")
        let files = try FileManager.default.contentsOfDirectory(atPath: printed.output.path).sorted()
        #expect(files == [PDFPrinter.marker, "ops-operator.pdf", "ops-senior-operator.pdf", "ops.pdf"])
    }

    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func pdfsHoldTheRolesAndBehavioursAndNoNavigation() throws {
        let booklet = try PrintedFixture.shared.text("ops.pdf")
        for expected in ["Operations", "Operator", "Senior Operator", "I follow the runbook when an alert fires",
                         "All levels side by side", "Page 2 of", "Golden fixture framework"] {
            #expect(booklet.contains(expected), "the booklet lacks \(expected)")
        }
        let role = try PrintedFixture.shared.text("ops-operator.pdf")
        #expect(role.contains("Operator") && role.contains("I write down what I did in the incident log"))
        for screenOnly in ["Skip to content", "Jump to a level", "Back to top", "Levels by track", "What changes at the next level",
                           "Booklet for print"] {
            #expect(!booklet.contains(screenOnly) && !role.contains(screenOnly), "navigation text '\(screenOnly)' was printed")
        }
    }

    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func theBookletHasASanePageCountAndTitle() throws {
        let info = try Tools.run("pdfinfo", [PrintedFixture.shared.output.appendingPathComponent("ops.pdf").path])
        let pages = info.firstMatch(of: /Pages:\s+(\d+)/).map { Int($0.1)! } ?? 0
        #expect((4...12).contains(pages), "the booklet has \(pages) pages")
        #expect(info.contains("Title:") && info.contains("Operations booklet"), "the PDF carries the page title")
    }

    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func theFirstPageIsNotBlank() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-ppm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try Tools.run("pdftoppm", [
            "-gray", "-r", "30", "-f", "1", "-l", "1",
            PrintedFixture.shared.output.appendingPathComponent("ops.pdf").path, folder.appendingPathComponent("page").path,
        ])
        let image = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let bytes = try Data(contentsOf: folder.appendingPathComponent(image))
        // A binary PGM: the pixels follow the header; ink is anything well below white.
        let inked = bytes.suffix(from: min(bytes.count, 20)).count { $0 < 128 }
        #expect(inked > 50, "the first page has \(inked) dark pixels")
    }

    @Test func aMissingChromiumIsAClearError() {
        #expect(PDFPrinter.findChromium(explicit: "/no/such/chromium") == nil)
        #expect(PDFPrinter.findChromium(explicit: nil, path: "/no/such/folder") == nil)
        #expect(PDFError.noChromium.description.contains("apt-get install chromium"))
        #expect(PDFError.noChromium.description.contains("--chromium"))
    }

    @Test func theCommandExitsWithOneAndSaysHowToInstall() throws {
        let binary = fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/ladder")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build ladder first")
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["pdf", "--chromium", "/no/such/chromium"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(try String(contentsOf: errors, encoding: .utf8).contains("install it with 'sudo apt-get install chromium'"))
    }

    @Test func targetsNameTracksOrRoles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-jobs-\(UUID().uuidString)")
        var pipeline = Pipeline(contentFolder: fixtures.appendingPathComponent("golden/content").path)
        _ = pipeline.build(to: DiskSink(folder: folder))
        #expect(try PDFPrinter.jobs(site: folder, targets: []).count == 2 + 4)
        #expect(try PDFPrinter.jobs(site: folder, targets: ["research/lead-researcher"]).map(\.fileName) == ["research-lead-researcher.pdf"])
        #expect(throws: PDFError.self) { try PDFPrinter.jobs(site: folder, targets: ["nope"]) }
        #expect(throws: PDFError.notASite("/no/site")) { try PDFPrinter.jobs(site: URL(fileURLWithPath: "/no/site"), targets: []) }
    }
}

/// Every document of a run goes through one browser.
@Suite(.serialized) struct OneBrowserTests {
    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func twentyDocumentsThroughOneBrowser() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-one-browser-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site"), output = folder.appendingPathComponent("pdf")
        var pipeline = Pipeline(contentFolder: fixtures.appendingPathComponent("golden/content").path)
        _ = pipeline.build(to: DiskSink(folder: site))
        let pages = try PDFPrinter.jobs(site: site, targets: []).map(\.page)
        let jobs = (0..<20).map { PDFJob(fileName: "document-\($0).pdf", page: pages[$0 % pages.count]) }
        let printer = PDFPrinter(chromium: Tools.chromium ?? "chromium")
        let failures = try await Tools.offPool { try printer.print(jobs, site: site, paper: .a4, output: output) { _, _, _, _ in } }
        #expect(failures.isEmpty, "\(failures.map(\.1))")
        #expect(printer.browsersStarted.value == 1, "one browser for the whole run")
        for job in jobs {
            let size = (try? FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(job.fileName).path)[.size] as? Int) ?? 0
            #expect(size > 1000, "\(job.fileName) is \(size) bytes")
        }
    }
}

/// Processes ladder starts (git, tar, Chromium) get none of its open descriptors: a browser
/// that held a copy of a preview server's socket would keep its connections from closing.
struct ChildDescriptorTests {
    @Test func aChildSeesOnlyTheDescriptorsItIsGiven() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-fds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(LadderPlatform.Platform.run(["sh", "-c", "ls /proc/$$/fd"], outputFile: output.path) == 0)
        let open = Set(try String(contentsOf: output, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) })
        #expect(!open.contains(ends[0]) && !open.contains(ends[1]), "the child holds \(open.sorted()), the pipe is \(ends)")
        #expect(open.isSuperset(of: [0, 1, 2]))
    }
}
