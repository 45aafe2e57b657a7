import Foundation
import LadderAnalysis
import LadderHealth
import LadderModel
import LadderParser
import LadderSite
import Testing

/// Finds a Chromium to drive, as `ladder pdf` will: on PATH under its usual names.
enum Chromium {
    static let path: String? = {
        let names = ["chromium", "chromium-browser", "google-chrome"]
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in names {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        print("Skipping browser tests: no chromium on PATH (make test installs it)")
        return nil
    }()

    /// The DOM of a page after its scripts ran. Chromium writes it to a file: reading a Pipe
    /// while other tests run processes has crashed Foundation on Linux.
    /// `fileAccess`: a page may read the documents of its frames from file:// (for measuring).
    /// `reducedMotion`: the reader asks for less motion, so anchors are jumped to, not scrolled
    /// to smoothly (which headless Chromium's virtual time does not play).
    static func dumpDOM(_ url: String, virtualTime: Int? = nil, fileAccess: Bool = false, reducedMotion: Bool = false) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-dom-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: output) }
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu"]
            + (virtualTime.map { ["--virtual-time-budget=\($0)"] } ?? []) + (fileAccess ? ["--allow-file-access-from-files"] : [])
            + (reducedMotion ? ["--force-prefers-reduced-motion"] : [])
            + ["--dump-dom", url]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A hung browser must fail the test, not hold CI until its time runs out.
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        return try String(contentsOf: output, encoding: .utf8)
    }
}

/// The calculator page's JavaScript must give the answers PositionMileage.evaluate gives.
@Suite(.serialized) struct CalculatorAgreementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var hash: String
        /// The milestones the hash means once the page has clamped it.
        var milestones: [String: Int]
        var testDescription: String { hash.isEmpty ? "(no hash)" : hash }
    }

    static let cases: [Case] = [
        Case(hash: "", milestones: [:]),
        Case(hash: "listening=5&discovery=5&delivery=4&writing=3",
             milestones: ["listening": 5, "discovery": 5, "delivery": 4, "writing": 3]),
        Case(hash: "listening=5&discovery=5&delivery=3&writing=3",
             milestones: ["listening": 5, "discovery": 5, "delivery": 3, "writing": 3]),
        Case(hash: "hiring=5&pricing=5", milestones: ["hiring": 5, "pricing": 5]),
        Case(hash: "listening=99&discovery=-1&delivery=abc&bogus=3&writing=2",
             milestones: ["listening": 5, "discovery": 0, "delivery": 0, "writing": 2]),
    ]

    @Test(.enabled(if: Chromium.path != nil, "needs Chromium"), arguments: cases)
    func browserAndSwiftAgree(_ testCase: Case) async throws {
        let (files, _) = ContentLoader.load(contentFolder: fixtures.appendingPathComponent("mileage/content").path)
        let framework = FrameworkParser.parse(files).0
        let analysis = FrameworkAnalysis(framework)
        let (templates, _) = TemplateSet.load(overrides: nil)
        let folder = try temporaryFolder().appendingPathComponent("site")
        try DiskSink(folder: folder).write(SiteRenderer.render(framework, templates: try #require(templates)))

        let url = "file://\(folder.path)/calculator/index.html#\(testCase.hash)"
        let dom = try await offPool { try Chromium.dumpDOM(url) }
        let total = dom.firstMatch(of: /data-total="(\d+)"/).map { Int($0.1)! }
        // Each ability's milestones are radio buttons with their miles in sight, not a dropdown.
        let form = dom.firstMatch(of: /<form class="calculator-form"[\s\S]*?<\/form>/).map { String($0.0) } ?? ""
        #expect(!form.isEmpty && !form.contains("<select"))
        #expect(dom.matches(of: /<input type="radio"[^>]*aria-label="Not yet"/).count == framework.abilities.count, "one group per ability")
        #expect(dom.matches(of: /<input type="radio"[^>]*aria-label="Milestone \d+, \d+ miles?"/).count >= framework.abilities.count)
        for track in framework.tracks {
          for role in track.roles {
            let mileage = try #require(analysis.mileage(track: track.slug, role: role.slug))
            let expected = mileage.evaluate(testCase.milestones, table: analysis.table)
            #expect(total == expected.miles)
            let id = "\(track.slug)/\(role.slug)"
            let row = try #require(dom.firstMatch(of: try Regex("<tr[^>]*data-position=\"\(id)\"[^>]*>")), "no row for \(id)")
            let attributes = String(dom[row.range])
            #expect(attributes.contains("data-eligible=\"\(expected.isEligible)\""), "\(attributes)")
            #expect(attributes.contains("data-miles-short=\"\(expected.milesShort)\""), "\(attributes)")
            let below = expected.abilitiesBelow.map { "\($0.ability):\($0.has)/\($0.needs)" }.joined(separator: ",")
            #expect(attributes.contains("data-below=\"\(below)\""), "\(attributes)")
            // What is missing reads as "ability: milestone X → Y", one item each.
            for shortfall in expected.abilitiesBelow {
                let title = try #require(framework.abilities.first { $0.slug == shortfall.ability }).title
                #expect(dom.contains("<li>\(title): milestone \(shortfall.has) → \(shortfall.needs)</li>"))
            }
          }
        }
    }
}
