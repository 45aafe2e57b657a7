import Foundation
import LadderModel
import LadderParser
import Testing

@testable import LadderAnalysis
@testable import LadderHealth

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func loadFixture(_ name: String) -> (Framework, [Diagnostic]) {
    let (files, loadDiagnostics) = ContentLoader.load(contentFolder: fixtures.appendingPathComponent("\(name)/content").path)
    let (framework, diagnostics) = FrameworkParser.parse(files)
    return (framework, loadDiagnostics + diagnostics)
}

@Suite struct MileageTests {
    /// The position-page seed's numbers, rebuilt from a fixture of 16 abilities and 17 assignments.
    @Test func theSeedPositionComesOutAsOnTheSeed() throws {
        let (framework, diagnostics) = loadFixture("mileage")
        #expect(diagnostics.isEmpty)
        #expect(framework.abilities.count == 16)
        #expect(framework.assignments.count == 17)
        let analysis = FrameworkAnalysis(framework)
        let report = HealthReport(framework, analysis: analysis)
        let position = try #require(report.position(track: "product", role: "product-manager"))
        let mileage = try #require(analysis.mileage(track: "product", role: "product-manager"))
        #expect(mileage.requiredMiles == 58)
        #expect(mileage.reachableMiles == 67)
        #expect(mileage.possibleMiles == 320)
        #expect(mileage.threshold == 40)
        #expect(position.checks.map(\.status) == [.ok, .ok, .ok, .error, .ok, .ok])
        #expect(position.checks.map(\.message) == [
            "Has 17 assignments",
            "Has 9 'in service to' assignments",
            "Has abilities with mileage needs",
            "Eligibility mileage (40 miles) set below required ability mileage needs (58 miles)",
            "Eligibility mileage (40 miles) set within reach of required+optional ability mileage needs (67 miles)",
            "Eligibility mileage (40 miles) set within the realm of mileage possibility (320 miles)",
        ])
        #expect(Set(position.checks.map(\.check)).count == 6, "check ids are distinct")
    }

    @Test func neededMilestoneIsTheHighestAskedByThePositionOrItsRequiredAssignments() throws {
        let (framework, _) = loadFixture("mileage")
        let mileage = try #require(FrameworkAnalysis(framework).mileage(track: "product", role: "product-manager"))
        let writing = try #require(mileage.required.first { $0.ability == "writing" })
        #expect(writing.milestone == 3)
        #expect(writing.miles == 6)
        #expect(writing.askedBy == ["duty-01"])
        #expect(mileage.optional.map(\.ability) == ["analysis", "facilitation"])
    }

    @Test func cumulativeMilesFollowTheFrameworkAndAbilityMiles() {
        var framework = Framework(milestoneMiles: [1, 2, 3, 6, 8])
        framework.abilities = [
            Ability(slug: "a", title: "A", location: SourceLocation(file: "a")),
            Ability(slug: "b", title: "B", miles: [5, 5], location: SourceLocation(file: "b")),
        ]
        let table = MileageTable(framework)
        #expect((0...6).map { table.miles("a", at: $0) } == [0, 1, 3, 6, 12, 20, 20])
        #expect(table.miles("b", at: 2) == 10)
        #expect(table.topMilestone("b") == 2)
        #expect(table.possibleMiles == 30)
        #expect(table.miles("missing", at: 3) == 0)
    }

    @Test(arguments: [(0, 58), (10, 63), (15, 66), (100, 116)])
    func percentageEligibilityRoundsDown(percent: Int, threshold: Int) throws {
        var (framework, _) = loadFixture("mileage")
        framework.tracks[0].roles[0].eligibility = .aboveRequired(percent: percent)
        let role = framework.tracks[0].roles[0]
        let mileage = try #require(FrameworkAnalysis(framework).mileage(track: framework.tracks[0].slug, role: role.slug))
        #expect(mileage.threshold == threshold)
    }

    @Test func noEligibilityMeansTheRequiredMiles() throws {
        var (framework, _) = loadFixture("mileage")
        framework.tracks[0].roles[0].eligibility = nil
        let role = framework.tracks[0].roles[0]
        let mileage = try #require(FrameworkAnalysis(framework).mileage(track: framework.tracks[0].slug, role: role.slug))
        #expect(mileage.threshold == 58)
        #expect(try #require(HealthReport(framework).positions.first).checks[3].status == .ok)
    }

    @Test func impossibleEligibilityIsAnErrorAndUnreachableAWarning() throws {
        var (framework, _) = loadFixture("mileage")
        framework.tracks[0].roles[0].eligibility = .miles(321)
        var checks = try #require(HealthReport(framework).positions.first).checks
        #expect(checks.map(\.status) == [.ok, .ok, .ok, .ok, .warning, .error])
        framework.tracks[0].roles[0].eligibility = .miles(68)
        checks = try #require(HealthReport(framework).positions.first).checks
        #expect(checks.map(\.status) == [.ok, .ok, .ok, .ok, .warning, .ok])
    }

    @Test func aPositionWithNothingConfiguredWarns() {
        let role = Role(slug: "r", title: "R", level: Level("1"), location: SourceLocation(file: "r"))
        let table = MileageTable(Framework())
        let mileage = PositionMileage(role, table: table, assignments: [])
        let checks = PositionChecks.run(role, mileage: mileage, assignments: [])
        #expect(checks.map(\.status) == [.warning, .warning, .warning, .ok, .ok, .ok])
    }

    @Test func eligibilityNeedsTheMilesAndEveryRequiredMilestone() throws {
        let (framework, _) = loadFixture("mileage")
        let analysis = FrameworkAnalysis(framework)
        let first = try #require(framework.tracks.first?.roles.first)
        let mileage = try #require(analysis.mileage(track: framework.tracks[0].slug, role: first.slug))
        let needed = ["listening": 5, "discovery": 5, "delivery": 4, "writing": 3]
        #expect(mileage.evaluate(needed, table: analysis.table).isEligible)

        var short = needed
        short["delivery"] = 3
        let result = mileage.evaluate(short, table: analysis.table)
        #expect(!result.isEligible)
        #expect(result.miles == 52)
        #expect(result.milesShort == 0)
        #expect(result.abilitiesBelow == [.init(ability: "delivery", has: 3, needs: 4)])

        let beginner = mileage.evaluate(["hiring": 5], table: analysis.table)
        #expect(beginner.miles == 20)
        #expect(beginner.milesShort == 20)
        #expect(beginner.abilitiesBelow.count == 4)
    }
}
