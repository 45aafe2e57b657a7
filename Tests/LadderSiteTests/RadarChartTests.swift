import Foundation
import LadderBuild
import LadderParser
import Testing

@testable import LadderSite

/// The position picture: one axis per ability, points where the milestones are.
struct RadarChartTests {
    static let axes = [
        RadarChart.Axis(title: "Testing", required: 2, reachable: 3, top: 4),
        RadarChart.Axis(title: "Design & <review>", required: 0, reachable: 2, top: 5),
        RadarChart.Axis(title: "Mentoring", required: 5, reachable: 5, top: 5),
        RadarChart.Axis(title: "Operations", required: 1, reachable: 1, top: 2),
    ]

    static func points(_ svg: String, _ kind: String) -> [(Double, Double)] {
        guard let match = svg.firstMatch(of: try! Regex("<polygon class=\"\(kind)\" points=\"([^\"]+)\"")) else { return [] }
        return String(match.output[1].substring!).split(separator: " ").map { pair in
            let xy = pair.split(separator: ",").map { Double($0)! }
            return (xy[0], xy[1])
        }
    }

    @Test func oneAxisPerAbilityAndPointsAtTheMilestones() throws {
        let svg = RadarChart.svg(Self.axes, title: "Engineer", describedBy: "abilities-table")
        #expect(svg.matches(of: /<line class="axis"/).count == 4)
        #expect(svg.contains("data-ability=\"Design &amp; &lt;review&gt;\""), "titles are escaped")
        let (cx, cy, r) = (RadarChart.centre.x, RadarChart.centre.y, RadarChart.radius)
        let required = Self.points(svg, "required"), reachable = Self.points(svg, "reachable")
        #expect(required.count == 4 && reachable.count == 4)
        // Axis 0 points up: milestone 2 of 4 is half the radius above the centre.
        #expect(abs(required[0].0 - cx) < 0.1 && abs(required[0].1 - (cy - r / 2)) < 0.1)
        // Axis 1 points right: no required milestone is the centre; reachable 2 of 5 is 0.4 out.
        #expect(abs(required[1].0 - cx) < 0.1 && abs(required[1].1 - cy) < 0.1)
        #expect(abs(reachable[1].0 - (cx + 0.4 * r)) < 0.1 && abs(reachable[1].1 - cy) < 0.1)
        // Axis 2 points down, at the top milestone: the whole radius.
        #expect(abs(required[2].1 - (cy + r)) < 0.1)
        // Axis 3 points left: 1 of 2 is half the radius.
        #expect(abs(required[3].0 - (cx - r / 2)) < 0.1)
        #expect(svg.contains("role=\"img\"") && svg.contains("<title id=\"radar-title\">Engineer</title>"))
        #expect(svg.contains("aria-describedby=\"abilities-table\""), "the chart names the table it draws")
    }

    @Test func fewerThanThreeAbilitiesMakeNoChart() {
        #expect(RadarChart.svg(Array(Self.axes.prefix(2)), title: "x", describedBy: "t").isEmpty)
    }

    @Test func aPositionPageShowsItsChartBesideItsTable() throws {
        let content = fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content")
        let (framework, _) = FrameworkParser.parse(ContentLoader.load(contentFolder: content.path).files)
        let templates = try #require(TemplateSet.load(overrides: nil).0)
        let pages = SiteRenderer.render(framework, templates: templates)
        let role = try #require(pages.first { $0.path == "engineering/senior-software-engineer/index.html" })
        let html = String(decoding: role.bytes, as: UTF8.self)
        #expect(html.matches(of: /<line class="axis"/).count == 7, "seven abilities, seven axes")
        #expect(html.contains("<table class=\"needs\" id=\"abilities-table\">"))
    }
}

/// The calculator draws the chosen position's chart in the browser: the same outlines as the
/// position page's, and the reader's milestones over them.
@Suite(.enabled(if: Chromium.path != nil, "needs Chromium (make test installs it)"))
struct CalculatorPictureTests {
    @Test func theCalculatorDrawsThePositionsChartAndTheReadersMilestones() async throws {
        let site = try temporaryFolder().appendingPathComponent("site")
        var pipeline = Pipeline(contentFolder: fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content").path)
        #expect(pipeline.build(to: DiskSink(folder: site)).written)
        let path = site.path
        let dom = try await offPool { try Chromium.dumpDOM("file://\(path)/calculator/index.html#code-quality=5&testing=1", virtualTime: 5_000) }
        let role = try String(contentsOf: site.appendingPathComponent("engineering/software-engineer-i/index.html"), encoding: .utf8)
        let drawn = RadarChartTests.points(dom, "required").map { "\($0.0),\($0.1)" }
        let built = RadarChartTests.points(role, "required").map { "\($0.0),\($0.1)" }
        #expect(!built.isEmpty && drawn == built, "the calculator's outline for Software Engineer I differs from its page's: \(drawn) against \(built)")
        #expect(RadarChartTests.points(dom, "reachable").map { "\($0.0),\($0.1)" } == RadarChartTests.points(role, "reachable").map { "\($0.0),\($0.1)" })
        // The reader's outline: code quality (the first axis, straight up) at its top milestone.
        let you = RadarChartTests.points(dom, "you")
        #expect(you.count == built.count)
        #expect(abs(you[0].0 - RadarChart.centre.x) < 0.1 && abs(you[0].1 - (RadarChart.centre.y - RadarChart.radius)) < 0.1, "\(you)")
    }
}
