import Foundation
import LadderBuild
import LadderModel
import LadderParser
import LadderSite
import Testing

/// Permanent behaviour ids, aliases, links between content files, git dates, edit links and
/// the pages' meta for chat previews and search engines.
@Suite struct FindAndLinkTests {
    /// `files` (path under content/ → text) built in memory.
    static func build(_ files: [String: String], git: Bool = false) throws -> (pages: [String: String], result: Pipeline.BuildResult) {
        let folder = try temporaryFolder().appendingPathComponent("content")
        try write(files, to: folder)
        var pipeline = Pipeline(contentFolder: folder.path)
        pipeline.readsGitHistory = git
        let sink = MemorySink()
        let result = pipeline.build(to: sink)
        return (sink.pages.mapValues { String(decoding: $0, as: UTF8.self) }, result)
    }

    static func write(_ files: [String: String], to folder: URL) throws {
        for (path, text) in files {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    /// framework.json's behaviour ids by their text.
    static func ids(_ pages: [String: String]) throws -> [String: String] {
        let json = try #require(pages["framework.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var ids: [String: String] = [:]
        for track in object["tracks"] as? [[String: Any]] ?? [] {
            for role in track["roles"] as? [[String: Any]] ?? [] {
                for area in role["areas"] as? [[String: Any]] ?? [] {
                    for behaviour in area["behaviours"] as? [[String: Any]] ?? [] {
                        ids["\(role["slug"]!)/\(behaviour["text"]!)"] = behaviour["id"] as? String
                    }
                }
            }
        }
        return ids
    }

    static let two = [
        "eng/1-engineer.md": "# Engineer\n\n## Craft\n\n- I write tests first\n- I review code kindly\n\n## Delivery\n\n- I ship small changes\n",
        "eng/2-senior.md": "# Senior Engineer\n\n## Craft\n\n- I write tests first\n- I design systems {#systems}\n",
    ]

    @Test func behaviourIDsStayWhenOthersAreAddedRemovedReorderedOrTheFileMoves() throws {
        let before = try Self.ids(Self.build(Self.two).pages)
        #expect(before["engineer/I review code kindly"] == "1-review-code-kindly")
        #expect(before["senior-engineer/I design systems"] == "systems", "an explicit {#id} is the id")
        // The same behaviour at two levels: two ids, so the track page that shows both has two.
        #expect(before["engineer/I write tests first"] == "1-write-tests-first")
        #expect(before["senior-engineer/I write tests first"] == "2-write-tests-first")

        var changed = Self.two
        changed["eng/1-engineer.md"] = "# Engineer\n\n## Delivery\n\n- I ship small changes\n- I estimate my work\n\n## Craft\n\n- I pair with others\n- I review code kindly\n- I write tests first\n"
        changed["eng/2-senior.md"] = nil
        changed["eng/levels/2-staff-level.md"] = Self.two["eng/2-senior.md"]!.replacingOccurrences(of: "# Senior Engineer", with: "# Senior Engineer\n\n## Delivery\n\n- I lead releases")
        let after = try Self.ids(Self.build(changed).pages)
        for (key, id) in before {
            #expect(after[key] == id, "\(key): \(id) became \(after[key] ?? "nothing") after an insertion, a removal, a reordering and a move")
        }
    }

    @Test func behaviourIDsAreAnchorsOnRoleAndTrackPagesAndNeverRepeatOnAPage() throws {
        let pages = try Self.build(Self.two).pages
        for id in try Self.ids(pages).values {
            let onRole = pages.filter { $0.key.hasSuffix("/index.html") && $0.value.contains("<li id=\"\(id)\">") }.map(\.key)
            #expect(!onRole.isEmpty, "no element has the id \(id)")
            #expect(pages["eng/index.html"]!.contains("<li id=\"\(id)\">"), "the track page lacks \(id)")
            #expect(pages["eng/index.html"]!.contains("href=\"#\(id)\""), "no link icon for \(id)")
        }
        for (path, page) in pages where path.hasSuffix(".html") {
            let ids = page.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
            #expect(Set(ids).count == ids.count, "\(path) repeats an id: \(ids.sorted())")
        }
    }

    @Test func anAliasRedirectsToItsRoleAndIsListedInRedirects() throws {
        var files = Self.two
        files["eng/2-senior.md"] = "---\naliases: [old/senior, /people/senior.html]\n---\n" + files["eng/2-senior.md"]!
        files["eng/_track.md"] = "---\ntitle: Engineering\naliases: [engineering]\n---\n"
        let pages = try Self.build(files).pages
        let redirect = try #require(pages["old/senior/index.html"])
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../eng/senior-engineer/index.html\">"))
        #expect(redirect.contains("<link rel=\"canonical\" href=\"../../eng/senior-engineer/index.html\">"))
        #expect(redirect.contains("<a href=\"../../eng/senior-engineer/index.html\">Senior Engineer</a>"))
        #expect(pages["people/senior.html"]?.contains("url=../eng/senior-engineer/index.html") == true)
        #expect(pages["engineering/index.html"]?.contains("url=../eng/index.html") == true)
        #expect(pages["_redirects"] == """
            # Old addresses of moved pages (aliases: in front matter), written by ladder.
            /engineering/ /eng/ 301
            /old/senior/ /eng/senior-engineer/ 301
            /people/senior.html /eng/senior-engineer/ 301

            """)
    }

    @Test func anAliasThatIsAPageIsAnErrorAndNothingIsWritten() throws {
        var files = Self.two
        files["eng/2-senior.md"] = "---\naliases: [eng/engineer]\n---\n" + files["eng/2-senior.md"]!
        let (pages, result) = try Self.build(files)
        #expect(pages.isEmpty && !result.written)
        let collision = try #require(result.diagnostics.first { $0.check == "alias-collision" })
        #expect(collision.severity == .error && collision.location.file.hasSuffix("content/eng/2-senior.md"))
        #expect((collision.location.line, collision.location.column) == (2, 11), "at the alias in the front matter")
        #expect(collision.message.contains("(eng/engineer/index.html)") && collision.message.contains("content/eng/1-engineer.md"))
    }

    @Test func aLinkToAContentFileLeadsToItsPageFromEveryPage() throws {
        var files = Self.two
        files["eng/1-engineer.md"] = files["eng/1-engineer.md"]!.replacingOccurrences(
            of: "- I review code kindly", with: "- I review code kindly, as [a senior does](2-senior.md#systems) and [mentors](../abilities/mentoring.md)")
        files["abilities/mentoring.md"] = "# Mentoring\n\n## Milestone 1\n\n- Answers questions\n"
        let (pages, result) = try Self.build(files)
        #expect(result.diagnostics.filter { $0.check == "broken-link" }.isEmpty)
        #expect(pages["eng/engineer/index.html"]!.contains("<a href=\"../../eng/senior-engineer/index.html#systems\">a senior does</a>"))
        #expect(pages["eng/index.html"]!.contains("<a href=\"../eng/senior-engineer/index.html#systems\">a senior does</a>"))
        #expect(pages["eng/matrix/index.html"]!.contains("<a href=\"../../abilities/mentoring/index.html\">mentors</a>"))
        #expect(pages["framework.json"]!.contains("href=\\\"eng/senior-engineer/index.html#systems\\\""))
        #expect(!pages.values.contains { $0.contains(ContentLink.markerPrefix) }, "a marker was left in a page")
    }

    @Test func pagesDescribeThemselvesAndAskNotToBeIndexedUnlessPublic() throws {
        var files = Self.two
        files["eng/1-engineer.md"] = "# Engineer\n\n> I turn small, clear tasks into working code.\n\n## Craft\n\n- I write tests first\n"
        let unlisted = try Self.build(files).pages["eng/engineer/index.html"]!
        #expect(unlisted.contains("<meta name=\"description\" content=\"I turn small, clear tasks into working code.\">"))
        #expect(unlisted.contains("<meta property=\"og:title\" content=\"Engineer · Eng\">"))
        #expect(unlisted.contains("<meta property=\"og:description\" content=\"I turn small, clear tasks into working code.\">"))
        #expect(unlisted.contains("<meta name=\"robots\" content=\"noindex\">"))
        files["framework.yml"] = "public: true\nedit_url: https://git.example.com/acme/careers/edit/main/\n"
        let published = try Self.build(files).pages
        #expect(!published["eng/engineer/index.html"]!.contains("noindex"))
        // Outside a repository, the file is named as diagnostics name it.
        #expect(published["eng/engineer/index.html"]!.contains(
            "<a href=\"https://git.example.com/acme/careers/edit/main/content/eng/1-engineer.md\">Edit this page</a>"))
        #expect(published["eng/index.html"]!.contains("Edit this page"))
    }
}

/// Dates from git: a temporary repository, two commits on different days.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "needs git"))
struct GitDateTests {
    static func git(_ arguments: [String], in folder: URL, date: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", folder.path, "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
            + arguments
        var environment = ProcessInfo.processInfo.environment
        if let date { environment["GIT_AUTHOR_DATE"] = date; environment["GIT_COMMITTER_DATE"] = date }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }

    @Test func eachRolePageShowsItsLastCommitAndTwoBuildsOfOneCommitAreIdentical() throws {
        let repository = try temporaryFolder()
        let content = repository.appendingPathComponent("content")
        try FindAndLinkTests.write(FindAndLinkTests.two, to: content)
        try "public: false\nedit_url: https://git.example.com/acme/careers/edit/main\n"
            .write(to: content.appendingPathComponent("framework.yml"), atomically: true, encoding: .utf8)
        try Self.git(["init", "-q"], in: repository)
        try Self.git(["add", "."], in: repository)
        try Self.git(["commit", "-q", "-m", "first"], in: repository, date: "2026-03-04T10:00:00Z")
        try "# Senior Engineer\n\n## Craft\n\n- I design systems\n".write(
            to: content.appendingPathComponent("eng/2-senior.md"), atomically: true, encoding: .utf8)
        try Self.git(["commit", "-q", "-am", "second"], in: repository, date: "2026-11-02T09:30:00Z")

        func build() -> [String: Data] {
            var pipeline = Pipeline(contentFolder: content.path)
            pipeline.readsGitHistory = true
            let sink = MemorySink()
            _ = pipeline.build(to: sink)
            return sink.pages
        }
        let first = build(), second = build()
        let engineer = String(decoding: first["eng/engineer/index.html"] ?? Data(), as: UTF8.self)
        let senior = String(decoding: first["eng/senior-engineer/index.html"] ?? Data(), as: UTF8.self)
        #expect(engineer.contains("<p class=\"updated\">Updated <time datetime=\"2026-03-04\">2026-03-04</time></p>"))
        #expect(senior.contains("<p class=\"updated\">Updated <time datetime=\"2026-11-02\">2026-11-02</time></p>"))
        #expect(senior.contains("<a href=\"https://git.example.com/acme/careers/edit/main/content/eng/2-senior.md\">Edit this page</a>"),
                "the edit link names the file by its path in the repository")
        #expect(first == second, "two builds of one commit differ")

        // Outside a repository there is no date, and no line for it.
        try FileManager.default.removeItem(at: repository.appendingPathComponent(".git"))
        #expect(!String(decoding: build()["eng/engineer/index.html"] ?? Data(), as: UTF8.self).contains("class=\"updated\""))
    }
}

extension GitDateTests {
    /// The preview keeps the history between rebuilds and reads it again after a commit.
    @Test func aPreviewSessionSeesANewCommit() throws {
        let repository = try temporaryFolder()
        let content = repository.appendingPathComponent("content")
        try FindAndLinkTests.write(FindAndLinkTests.two, to: content)
        try Self.git(["init", "-q"], in: repository)
        try Self.git(["add", "."], in: repository)
        try Self.git(["commit", "-q", "-m", "first"], in: repository, date: "2026-03-04T10:00:00Z")
        let session = BuildSession()
        func page() -> String {
            var pipeline = Pipeline(contentFolder: content.path)
            pipeline.session = session
            pipeline.readsGitHistory = true
            let sink = MemorySink()
            _ = pipeline.build(to: sink)
            return String(decoding: sink.pages["eng/senior-engineer/index.html"] ?? Data(), as: UTF8.self)
        }
        #expect(page().contains("datetime=\"2026-03-04\""))
        try "# Senior Engineer\n\n## Craft\n\n- I design systems\n- I lead reviews\n".write(
            to: content.appendingPathComponent("eng/2-senior.md"), atomically: true, encoding: .utf8)
        #expect(page().contains("datetime=\"2026-03-04\""), "an edit is not a commit")
        try Self.git(["commit", "-q", "-am", "second"], in: repository, date: "2026-11-02T09:30:00Z")
        #expect(page().contains("datetime=\"2026-11-02\""), "the commit is seen")
    }
}
