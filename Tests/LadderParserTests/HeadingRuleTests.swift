import LadderModel
import Testing

@testable import LadderParser

/// One test per rule of the heading rule (README.md, "Content format").
@Suite struct HeadingRuleTests {
    @Test func listUnderNearestHeadingIsAnAreaAndItsItemsAreBehaviours() throws {
        let (framework, diagnostics) = parse([
            "eng/senior.md": "# Senior Engineer\n\n## Craft\n\n- Writes tests\n- Reviews code\n\n## Delivery\n\n1. Ships weekly\n"
        ])
        #expect(diagnostics.isEmpty)
        let role = try #require(framework.track("eng")?.roles.first)
        #expect(role.title == "Senior Engineer")
        #expect(role.areas.map(\.title) == ["Craft", "Delivery"])
        #expect(role.areas.map { $0.behaviours.map(\.content.text) } == [["Writes tests", "Reviews code"], ["Ships weekly"]])
        #expect(role.areas[0].behaviours[1].location == SourceLocation(file: "content/eng/senior.md", line: 6, column: 1))
    }

    @Test func nestedItemsAreExamplesOfTheirBehaviour() throws {
        let (framework, _) = parse([
            "eng/a.md": "# A\n\n## Craft\n\n- Tests well\n  - unit tests\n  - *property* tests\n- Next\n"
        ])
        let behaviours = try #require(framework.track("eng")?.roles.first?.areas.first?.behaviours)
        #expect(behaviours.count == 2)
        #expect(behaviours[0].examples.map(\.text) == ["unit tests", "property tests"])
        #expect(behaviours[0].examples[1].html == "<em>property</em> tests")
        #expect(behaviours[1].examples.isEmpty)
    }

    @Test func quoteUnderRoleIsSummaryAndParagraphsAreDescription() throws {
        let (framework, _) = parse([
            "eng/a.md": "# Engineer\n\n> Builds things.\n\nA paragraph.\n\n## Craft\n\n- x\n"
        ])
        let role = try #require(framework.track("eng")?.roles.first)
        #expect(role.summary?.text == "Builds things.")
        #expect(role.descriptionHTML == "<p>A paragraph.</p>\n")
    }

    @Test func headingAboveRolesIsTheTrack() throws {
        let (framework, diagnostics) = parse([
            "roles.md": "# Design Roles\n\nIntro.\n\n## Designer\n\n### Craft\n\n- a\n\n## Senior Designer\n\n### Craft\n\n- b\n"
        ])
        #expect(diagnostics.isEmpty)
        let track = try #require(framework.tracks.first)
        #expect(track.title == "Design Roles")
        #expect(track.slug == "design-roles")
        #expect(track.introHTML == "<p>Intro.</p>\n")
        #expect(track.roles.map(\.title) == ["Designer", "Senior Designer"])
        #expect(track.roles.map(\.level.id) == ["1", "2"])
    }

    @Test func folderIsTheTrackWhenNoHeadingNamesIt() throws {
        let (framework, _) = parse([
            "data-science/a.md": "# Analyst\n\n## Craft\n\n- a\n",
            "platform/_track.md": "---\ntitle: Platform Engineering\n---\nWe run the platform.\n",
            "platform/b.md": "# SRE\n\n## Craft\n\n- b\n",
        ])
        #expect(framework.tracks.map(\.title) == ["Data science", "Platform Engineering"])
        #expect(framework.tracks.map(\.slug) == ["data-science", "platform"], "a folder track's URL is its folder's name")
        #expect(framework.track("platform")?.introHTML == "<p>We run the platform.</p>\n")
    }

    @Test func aTrackSlugInItsSettingsWinsOverItsFolderName() throws {
        let (framework, _) = parse([
            "2024-eng/_track.md": "---\ntitle: Engineering\nslug: engineering\n---\n",
            "2024-eng/a.md": "# Engineer\n\n## Craft\n\n- a\n",
            "Design Team/a.md": "# Designer\n\n## Craft\n\n- a\n",
        ])
        #expect(framework.tracks.map(\.slug).sorted() == ["design-team", "engineering"])
    }

    @Test func headingAtAreaDepthWithProseAndNoListIsAProseSection() throws {
        let (framework, diagnostics) = parse([
            "eng/a.md": "# A\n\n## Craft\n\n- a\n\n## How to use this\n\nRead it **slowly**.\n"
        ])
        #expect(diagnostics.isEmpty)
        let role = try #require(framework.track("eng")?.roles.first)
        #expect(role.areas.map(\.title) == ["Craft"])
        #expect(role.sections.map(\.title) == ["How to use this"])
        #expect(role.sections[0].html == "<p>Read it <strong>slowly</strong>.</p>\n")
    }

    @Test func explicitAreaKeyIsReadAndStripped() throws {
        let (framework, _) = parse(["eng/a.md": "# A\n\n## Technical craft {#craft}\n\n- a\n\n## Delivery\n\n- b\n"])
        let areas = try #require(framework.track("eng")?.roles.first?.areas)
        #expect(areas[0].title == "Technical craft")
        #expect(areas[0].explicitKey == "craft")
        #expect(areas[0].key == "craft")
        #expect(areas[1].explicitKey == nil)
        #expect(areas[1].key == "delivery")
    }

    @Test func areasWithNoRoleHeadingMakeOneRoleNamedByTheFile() throws {
        let (framework, _) = parse([
            "eng/3-staff-engineer.md": "## Craft\n\n- a\n",
            "eng/4-principal.md": "---\ntitle: Principal Engineer\n---\n# Craft\n\n- b\n",
        ])
        let roles = try #require(framework.track("eng")?.roles)
        #expect(roles.map(\.title) == ["Staff engineer", "Principal Engineer"])
        #expect(roles.map(\.level.id) == ["3", "4"])
    }

    @Test func inlineMarkdownIsRenderedSafely() throws {
        let (framework, _) = parse([
            "eng/a.md": "# A\n\n## Craft\n\n- Uses `git` and [docs](https://example.com) <b onclick=\"x()\">bold</b> [bad](javascript:alert(1))\n"
        ])
        let html = try #require(framework.track("eng")?.roles.first?.areas.first?.behaviours.first?.content.html)
        #expect(html.contains("<code>git</code>"))
        #expect(html.contains("<a href=\"https://example.com\">docs</a>"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<a href=\"\">bad</a>"))
    }

    @Test func headingsAboveTheTrackAreDocumentTitles() throws {
        let (framework, diagnostics) = parse([
            "all.md": "# Our Framework\n\n## Product\n\n### PM\n\n#### Discovery\n\n- a\n"
        ])
        #expect(diagnostics.isEmpty)
        #expect(framework.tracks.map(\.title) == ["Product"])
        #expect(framework.tracks.first?.roles.first?.areas.first?.title == "Discovery")
    }

    @Test func mixedAreaDepthsAreReportedAtTheOddList() {
        let (_, diagnostics) = parse(["eng/a.md": "# A\n\n## Craft\n\n- a\n\n## Delivery\n\n- b\n\n### Extra\n\n- c\n"])
        #expect(diagnostics.map(\.description) == [
            "content/eng/a.md:13:1: error: this list sits under a level-3 heading, but this file's competency areas are level-2 headings; make its heading level 2, or make the list part of the area above [mixed-area-depth]"
        ])
    }

    @Test func aListWithNoHeadingIsAnError() {
        let (_, diagnostics) = parse(["eng/a.md": "- floating\n\n# A\n\n## Craft\n\n- a\n"])
        #expect(diagnostics.map(\.check) == ["list-without-heading"])
        #expect(diagnostics.first?.location.line == 1)
    }

    @Test func aRoleWithNoAreasIsReported() {
        let (framework, diagnostics) = parse(["eng/a.md": "# Engineer\n\nJust prose.\n"])
        #expect(diagnostics.map(\.description) == [
            "content/eng/a.md:1:1: warning: role 'Engineer' has no competency areas; add a heading with a bulleted list of behaviours under it [role-without-areas]"
        ])
        #expect(framework.track("eng")?.roles.count == 1)
    }

    @Test func seedShapeParsesIntoOneTrackOfTwoRoles() throws {
        let text = try String(contentsOf: fixtures.appendingPathComponent("seed-shape/content/roles.md"), encoding: .utf8)
        let (framework, diagnostics) = parse(["roles.md": text])
        #expect(diagnostics.isEmpty)
        #expect(framework.tracks.count == 1)
        let track = try #require(framework.tracks.first)
        #expect(track.title == "Design Roles")
        #expect(track.roles.map(\.title) == ["Product Designer", "Senior Product Designer"])
        #expect(track.roles.allSatisfy { $0.summary?.text.isEmpty == false })
        #expect(track.roles[0].areas.map(\.behaviours.count) == [4, 4, 5, 4, 3])
        #expect(track.roles[1].areas.map(\.behaviours.count) == [4, 4, 5, 3, 4])
    }
}

@Suite struct SiteTitleTests {
    @Test func aFrameworkOfOneTrackIsCalledByItsTitleWhenFrameworkYmlNamesNone() {
        let document = "# Product Roles\n\n## Product Manager\n\n### Discovery\n\n- talks to customers\n"
        #expect(parse(["product/roles.md": document]).0.title == "Product Roles")
        #expect(parse(["product/roles.md": document, "framework.yml": "title: Acme careers\n"]).0.title == "Acme careers")
        let two = parse(["product/roles.md": document, "eng/a.md": "# Engineer\n\n## Craft\n\n- writes code\n"]).0
        #expect(two.title == "Career framework", "with several tracks, no one of them names the site")
    }
}
