import LadderModel
import Testing

@testable import LadderParser

@Suite struct FrontMatterTests {
    @Test func roleFrontMatterFillsTheModel() throws {
        let (framework, diagnostics) = parse([
            "product/pm.md": """
                ---
                level: "2.1"
                slug: pm
                titles: { internal: Product Manager - 2.1, external: Product Manager, alternatives: [PM] }
                eligibility_miles: "+15%"
                abilities: { required: { discovery: 3 }, optional: { mentoring: 2 } }
                assignments: { required: [squad-lead], common: [hiring-panel] }
                ---
                # Product Manager

                ## Discovery

                - a
                """
        ])
        #expect(diagnostics.isEmpty)
        let role = try #require(framework.track("product")?.roles.first)
        #expect(role.slug == "pm")
        #expect(role.level == Level("2.1"))
        #expect(role.titles == Titles(official: "Product Manager - 2.1", external: "Product Manager", alternatives: ["PM"]))
        #expect(role.eligibility == .aboveRequired(percent: 15))
        #expect(role.abilityNeeds == AbilityNeeds(required: ["discovery": 3], optional: ["mentoring": 2]))
        #expect(role.assignmentRefs == AssignmentRefs(required: ["squad-lead"], common: ["hiring-panel"]))
        #expect(role.areas.first?.behaviours.first?.location.line == 13)
    }

    @Test func levelsOrderByFrontMatterThenFilePrefixThenOrderInFile() throws {
        let (framework, _) = parse([
            "eng/a.md": "---\nlevel: \"2.10\"\n---\n# Ten\n\n## C\n\n- a\n",
            "eng/b.md": "---\nlevel: 2.9\n---\n# Nine\n\n## C\n\n- a\n",
            "eng/1-junior.md": "# Junior\n\n## C\n\n- a\n",
        ])
        let roles = try #require(framework.track("eng")?.roles)
        #expect(roles.map(\.title) == ["Junior", "Nine", "Ten"])
        #expect(roles.map(\.level.id) == ["1", "2.9", "2.10"])
    }

    @Test func levelIdsCompareNumbersAsNumbers() {
        #expect(Level("2.9") < Level("2.10"))
        #expect(Level("9") < Level("10"))
        #expect(Level("L2") < Level("L10"))
        #expect(!(Level("3") < Level("3")))
    }

    @Test func draftsAreLeftOutUnlessAskedFor() {
        let files = [
            "eng/1-a.md": "# A\n\n## C\n\n- a\n",
            "eng/2-b.md": "---\ndraft: true\n---\n# B\n\n## C\n\n- b\n",
        ]
        #expect(parse(files).0.track("eng")?.roles.map(\.title) == ["A"])
        #expect(parse(files, drafts: true).0.track("eng")?.roles.map(\.title) == ["A", "B"])
    }

    @Test func unknownKeysAreWarningsWithTheirPosition() {
        let (_, diagnostics) = parse(["eng/a.md": "---\nlevel: 1\ncolour: blue\n---\n# A\n\n## C\n\n- a\n"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.check == "unknown-key")
        #expect(diagnostics.first?.location == SourceLocation(file: "content/eng/a.md", line: 3, column: 1))
    }

    @Test func wrongTypesAreErrorsAtTheValue() {
        let (_, diagnostics) = parse(["eng/a.md": "---\ndraft: sometimes\ntitles: [a, b]\n---\n# A\n\n## C\n\n- a\n"])
        #expect(diagnostics.map(\.description) == [
            "content/eng/a.md:2:8: error: 'draft' must be true or false, not 'sometimes' [wrong-type]",
            "content/eng/a.md:3:9: error: 'titles' must be a mapping of keys to values, not a list [wrong-type]",
        ])
    }

    @Test func eligibilityIsMilesOrAPercentageAboveRequired() {
        var diagnostics: [Diagnostic] = []
        let here = SourceLocation(file: "f")
        #expect(RoleFrontMatter.parseEligibility("40", at: here, diagnostics: &diagnostics) == .miles(40))
        #expect(RoleFrontMatter.parseEligibility("+10%", at: here, diagnostics: &diagnostics) == .aboveRequired(percent: 10))
        #expect(diagnostics.isEmpty)
        #expect(RoleFrontMatter.parseEligibility("lots", at: here, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.map(\.check) == ["wrong-type"])
    }

    @Test func trackAndFrameworkSettingsAreRead() throws {
        let (framework, diagnostics) = parse([
            "framework.yml": "title: Acme ladders\nmilestone_miles: [1, 1, 2]\n",
            "eng/_track.md": "---\ntitle: Engineering\norder: 2\ncompetencies: [craft, delivery]\n---\n",
            "eng/a.md": "# A\n\n## C\n\n- a\n",
            "ops/_track.md": "---\ntitle: Operations\norder: 1\n---\n",
            "ops/a.md": "# B\n\n## C\n\n- a\n",
        ])
        #expect(diagnostics.isEmpty)
        #expect(framework.title == "Acme ladders")
        #expect(framework.milestoneMiles == [1, 1, 2])
        #expect(framework.tracks.map(\.title) == ["Operations", "Engineering"])
        #expect(framework.track("engineering")?.competencies == ["craft", "delivery"])
    }

    @Test func lineEndingsAndByteOrderMarksDoNotMovePositions() throws {
        let text = "---\r\nlevel: 1\r\nbogus: 1\r\n---\r\n# A\r\n\r\n## C\r\n\r\n- a\r\n"
        let (framework, diagnostics) = parse(bytes: ["eng/a.md": [0xEF, 0xBB, 0xBF] + Array(text.utf8)])
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "content/eng/a.md", line: 3, column: 1)])
        #expect(framework.track("eng")?.roles.first?.areas.first?.behaviours.first?.location.line == 9)
    }

    @Test func slugsAreSafeAndStable() {
        #expect(Slug.make("Senior Product Manager") == "senior-product-manager")
        #expect(Slug.make("Ingénieur Logiciel") == "ingenieur-logiciel")
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make("🚀🚀", fallbackPrefix: "role") == Slug.make("🚀🚀", fallbackPrefix: "role"))
        #expect(Slug.make("🚀🚀", fallbackPrefix: "role").hasPrefix("role-"))
        #expect(Slug.make("🚀🚀") != Slug.make("🌱"))
        #expect(Slug.isValid(Slug.make("工程师", fallbackPrefix: "role")))
    }
}
