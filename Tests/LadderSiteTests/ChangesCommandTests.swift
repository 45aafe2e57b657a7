import Foundation
import Testing

/// `ladder changes --since REF` on a temporary repository: a tag, then a behaviour added, one
/// removed and one reworded, a role renamed and an eligibility changed.
@Suite(.enabled(if: ladderIsBuilt && FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "needs git and .build/debug/ladder"))
struct ChangesCommandTests {
    static func repository() throws -> URL {
        let repository = try temporaryFolder()
        let content = repository.appendingPathComponent("content")
        try FindAndLinkTests.write([
            "eng/1-engineer.md": "---\neligibility_miles: 10\n---\n# Engineer\n\n## Craft\n\n- I write tests first\n- I review code kindly\n- I fix flaky tests\n",
            "eng/2-senior.md": "# Senior Engineer\n\n## Craft\n\n- I design systems\n",
        ], to: content)
        try GitDateTests.git(["init", "-q"], in: repository)
        try GitDateTests.git(["add", "."], in: repository)
        try GitDateTests.git(["commit", "-q", "-m", "first"], in: repository, date: "2026-06-30T10:00:00Z")
        try GitDateTests.git(["tag", "v2026-h1"], in: repository)
        try FindAndLinkTests.write([
            "eng/1-engineer.md": "---\neligibility_miles: 12\n---\n# Engineer\n\n## Craft\n\n- I write tests before the code\n- I review code kindly\n- I pair with newer teammates\n",
            "eng/2-senior.md": "# Staff Engineer\n\n## Craft\n\n- I design systems\n",
        ], to: content)
        return repository
    }

    @Test func textJSONAndMarkdownSayExactlyWhatChanged() async throws {
        let repository = try Self.repository()
        let content = repository.appendingPathComponent("content").path
        let text = try await runLadder(["changes", "--since", "v2026-h1", "--content", content])
        #expect(text.status == 0)
        #expect(text.output.components(separatedBy: "\n").dropFirst().joined(separator: "\n") == """

            Eng
              Engineer, level 1: changed
                eligibility: 10 → 12 miles
                Craft
                  ~ I write tests [-first-]{+before the code+}
                  + I pair with newer teammates
                  - I fix flaky tests
              Staff Engineer, level 2: renamed from Senior Engineer

            """)
        #expect(text.output.hasPrefix("Changes since v2026-h1 ("), "\(text.output)")

        let markdown = try await runLadder(["changes", "--since", "v2026-h1", "--content", content, "--format", "markdown"])
        #expect(markdown.output.contains("### Engineer, level 1: changed\n\n- eligibility: 10 → 12 miles\n\n**Craft**\n\n"))
        #expect(markdown.output.contains("- Reworded: I write tests ~~first~~**before the code**\n"), "\(markdown.output)")
        #expect(markdown.output.contains("- Added: I pair with newer teammates\n- Removed: ~~I fix flaky tests~~\n"))
        #expect(markdown.output.contains("### Staff Engineer, level 2: renamed from Senior Engineer"))

        let json = try await runLadder(["changes", "--since", "v2026-h1", "--content", content, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["since"] as? String == "v2026-h1" && object["date"] as? String == "2026-06-30")
        let roles = try #require((object["tracks"] as? [[String: Any]])?.first?["roles"] as? [[String: Any]])
        #expect(roles.map { $0["status"] as? String } == ["changed", "renamed"])
        #expect(roles[1]["old_title"] as? String == "Senior Engineer")
        #expect(roles[0]["position"] as? [String] == ["eligibility: 10 → 12 miles"])
        let changes = try #require((roles[0]["areas"] as? [[String: Any]])?.first?["behaviours"] as? [[String: Any]])
        #expect(changes.map { $0["change"] as? String } == ["reworded", "added", "removed"])
        #expect(changes[0]["from"] as? String == "I write tests first" && changes[0]["text"] as? String == "I write tests before the code")
    }

    @Test func aMissingRevisionOrRepositoryIsAClearErrorWithStatusTwo() async throws {
        let repository = try Self.repository()
        let content = repository.appendingPathComponent("content").path
        let missing = try await runLadder(["changes", "--since", "v1999", "--content", content])
        #expect(missing.status == 2 && missing.output.contains("no commit, tag or branch 'v1999'"))
        let option = try await runLadder(["changes", "--since", "--output=x", "--content", content])
        #expect(option.status == 2)
        try FileManager.default.removeItem(at: repository.appendingPathComponent(".git"))
        let outside = try await runLadder(["changes", "--since", "v2026-h1", "--content", content])
        #expect(outside.status == 2 && outside.output.contains("is not in a git repository"))
    }
}

extension ChangesCommandTests {
    @Test func changesSinceInFrameworkYmlAddsAPageAndBadges() async throws {
        let repository = try Self.repository()
        let content = repository.appendingPathComponent("content")
        try "changes_since: v2026-h1\n".write(to: content.appendingPathComponent("framework.yml"), atomically: true, encoding: .utf8)
        let site = repository.appendingPathComponent("site")
        let built = try await runLadder(["build", "--content", content.path, "--output", site.path])
        #expect(built.status == 0, "\(built.output)")
        let page = try String(contentsOf: site.appendingPathComponent("changes/index.html"), encoding: .utf8)
        #expect(page.contains("<h1>Changes since v2026-h1</h1>"))
        #expect(page.contains("I write tests <del>first</del><ins>before the code</ins>"), "word marks as on the next-level pages")
        #expect(page.contains("level 2, renamed from Senior Engineer"))
        let engineer = try String(contentsOf: site.appendingPathComponent("eng/engineer/index.html"), encoding: .utf8)
        #expect(engineer.contains("<a href=\"../../changes/index.html#eng--engineer\">Changed since v2026-h1</a>"))
        // A revision that does not exist: a warning at the setting, and no page.
        try "changes_since: v1999\n".write(to: content.appendingPathComponent("framework.yml"), atomically: true, encoding: .utf8)
        let again = try await runLadder(["build", "--content", content.path, "--output", site.path])
        #expect(again.status == 0 && again.output.contains("framework.yml:1:16: warning: 'changes_since: v1999'"), "\(again.output)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("changes/index.html").path))
    }
}
