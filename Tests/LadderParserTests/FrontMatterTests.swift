import LadderModel
import Testing

@testable import LadderParser

@Suite struct FrontMatterTests {
    @Test func roleFrontMatterFillsTheModel() throws {
        let (framework, diagnostics) = parse([
            "abilities/discovery.md": "---\ntitle: Discovery\n---\n",
            "abilities/mentoring.md": "---\ntitle: Mentoring\n---\n",
            "assignments/squad-lead.md": "---\ntitle: Squad lead\n---\n",
            "assignments/hiring-panel.md": "---\ntitle: Hiring panel\n---\n",
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
        #expect(framework.track("eng")?.competencies == ["craft", "delivery"])
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
        #expect(Slug.make("🚀🚀", fallbackPrefix: "role") == "rocket-rocket")
        #expect(Slug.make("🚀") != Slug.make("🌱"))
        #expect(Slug.make("工程师", fallbackPrefix: "role") == "gong-cheng-shi")
        #expect(Slug.make("Старший инженер") == "starsij-inzener")
        #expect(Slug.make("Senior 工程师") == "senior-gong-cheng-shi")
        #expect(Slug.make("CON", fallbackPrefix: "role") == "con-role")
        #expect(Slug.make("..", fallbackPrefix: "role").hasPrefix("role-"))
        #expect(Slug.make("/", fallbackPrefix: "role") == Slug.make("/", fallbackPrefix: "role"))
        for title in ["🚀🚀", "工程师", "CON", "..", "/", "  ", "Ingénieur"] { #expect(Slug.isValid(Slug.make(title)), "\(title)") }
    }

    /// ASCII titles are slugged on their bytes; a combining mark (which slugging drops) sends the
    /// same title through the Unicode path, and both must agree.
    @Test func asciiTitlesSlugAsTheUnicodePathDoes() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("abcXYZ09 -_'’.,:/{}#&()!?\t".unicodeScalars.filter(\.isASCII))
        var titles = ["Don't Panic", "  Leading and trailing  ", String(repeating: "word ", count: 30), "CON", "a--b"]
        for _ in 0..<2_000 {
            titles.append(String(String.UnicodeScalarView((0..<Int.random(in: 0...100, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            })))
        }
        for title in titles where !Slug.make(title).hasPrefix("item-") {
            #expect(Slug.make(title) == Slug.make(title + "\u{301}"), "\(title)")
        }
    }
}

@Suite struct AbilityAndAssignmentFileTests {
    @Test func anAbilityHasMilestonesOfBullets() throws {
        let (framework, diagnostics) = parse([
            "abilities/2-discovery.md": """
                ---
                title: Discovery
                category: Product craft
                miles: [1, 2, 4]
                ---
                Finding the problems worth solving.

                ## Milestone 2

                - Runs interviews alone

                ## Milestone 1

                - Joins interviews
                - Takes *notes*
                """
        ])
        #expect(diagnostics.isEmpty)
        let ability = try #require(framework.abilities.first)
        #expect(ability.slug == "discovery")
        #expect(ability.category == "Product craft")
        #expect(ability.miles == [1, 2, 4])
        #expect(ability.descriptionHTML == "<p>Finding the problems worth solving.</p>\n")
        #expect(ability.milestones.map(\.number) == [1, 2])
        #expect(ability.milestones[0].behaviours.map(\.html) == ["Joins interviews", "Takes <em>notes</em>"])
    }

    @Test func anAssignmentSaysWhomItServesAndWhatItNeeds() throws {
        let (framework, diagnostics) = parse([
            "abilities/coaching.md": "# Coaching\n",
            "assignments/buddy.md": "---\ntitle: Onboarding buddy\nin_service_to: New joiners\nabilities: { coaching: 2 }\n---\nHelps a new joiner settle in.\n",
        ])
        #expect(diagnostics.isEmpty)
        #expect(framework.abilities.first?.title == "Coaching")
        let assignment = try #require(framework.assignments.first)
        #expect(assignment.slug == "buddy")
        #expect(assignment.title == "Onboarding buddy")
        #expect(assignment.inServiceTo == "New joiners")
        #expect(assignment.abilityNeeds == ["coaching": 2])
        #expect(assignment.descriptionHTML == "<p>Helps a new joiner settle in.</p>\n")
    }
}

@Suite struct SeveralRolesInOneFileTests {
    @Test func eachRoleGetsItsKeysUnderRoles() throws {
        let (framework, diagnostics) = parse([
            "roles.md": """
                ---
                roles:
                  Designer: { level: "1", titles: { internal: Designer I } }
                  senior-designer: { level: "3" }
                  Ghost: { level: "9" }
                ---
                # Design

                ## Designer

                ### Craft

                - a

                ## Senior Designer

                ### Craft

                - b
                """
        ])
        let roles = try #require(framework.tracks.first?.roles)
        #expect(roles.map(\.level.id) == ["1", "3"])
        #expect(roles[0].titles.official == "Designer I")
        #expect(diagnostics.map(\.description) == [
            "content/roles.md:5:3: warning: no role 'Ghost' in this file; use a role's title or slug as written in its heading [unknown-role]"
        ])
    }
}
