import Foundation
import LadderAnalysis
import LadderHealth
import LadderModel
import LadderParser
@testable import LadderSite
import Testing

/// Pages are for readers: behaviours first, no health findings, no emoji for meaning; the
/// author panel exists only in the preview.
@Suite struct ReaderPageTests {
    func pages(_ fixture: String, authorMode: Bool = false, settings: String? = nil) throws -> [String: String] {
        let (files, _) = ContentLoader.load(contentFolder: fixtures.appendingPathComponent("\(fixture)/content").path)
        var all = files
        if let settings {
            all.removeAll { $0.relativePath == "framework.yml" }
            all.append(SourceFile(path: "content/framework.yml", relativePath: "framework.yml", bytes: Array(settings.utf8)))
        }
        let framework = FrameworkParser.parse(all).0
        let analysis = FrameworkAnalysis(framework)
        let templates = try #require(TemplateSet.load(overrides: nil).0)
        let plan = SiteRenderer.plan(
            framework, analysis: analysis, report: HealthReport(framework, analysis: analysis), templates: templates, authorMode: authorMode)
        return Dictionary(uniqueKeysWithValues: plan.renderAll().map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    @Test func aRolePageLeadsWithItsBehaviours() throws {
        let page = try #require(try pages("mileage")["product/product-manager/index.html"])
        let firstBehaviour = try #require(page.range(of: "class=\"behaviours\""))
        let eligibility = try #require(page.range(of: "id=\"eligibility-heading\""))
        #expect(firstBehaviour.lowerBound < eligibility.lowerBound)
        #expect(page.contains("<th scope=\"col\">Need</th>"), "required and optional abilities in one table")
    }

    @Test func readerPagesHoldNoHealthFindings() throws {
        // The golden fixture has findings (a health error among them).
        for (path, html) in try pages("golden") where path.hasSuffix(".html") && !path.hasPrefix("health/") {
            #expect(!html.contains("class=\"finding"), "\(path) shows a finding")
            #expect(!html.contains("author-panel"), "\(path) has the author panel")
            #expect(!html.contains("Configuration health"))
        }
    }

    @Test func thePreviewShowsAuthorsTheirFindings() throws {
        let role = try #require(try pages("mileage", authorMode: true)["product/product-manager/index.html"])
        #expect(role.contains("class=\"author-panel"))
        #expect(role.contains("set below required ability mileage needs"))
    }

    @Test func theHealthReportIsInTheFooterAndInTheNavigationOnlyWhenAsked() throws {
        let hidden = try #require(try pages("golden")["index.html"])
        let navigation = try #require(hidden.firstMatch(of: /<nav class="site-nav"[\s\S]*?<\/nav>/))
        #expect(!navigation.0.contains("health/index.html"))
        #expect(hidden.contains("<a href=\"health/index.html\">Health report</a>"), "the footer links it")
        let visible = try #require(try pages("golden", settings: "title: Golden\nhealth: visible\n")["index.html"])
        #expect(try #require(visible.firstMatch(of: /<nav class="site-nav"[\s\S]*?<\/nav>/)).0.contains("health/index.html"))
    }

    @Test func noPageUsesEmojiForMeaning() throws {
        for (path, text) in try pages("golden", authorMode: true) {
            let emoji = text.unicodeScalars.filter { (0x1F300...0x1FAFF).contains($0.value) || (0x2600...0x27BF).contains($0.value) }
            #expect(emoji.isEmpty, "\(path) uses \(String(String.UnicodeScalarView(emoji)))")
        }
    }

    @Test func theIndexCardsListEachTracksLevelsAndOpenWithItsIntroduction() throws {
        let index = try #require(try pages("golden")["index.html"])
        let card = try #require(index.firstMatch(of: /<li class="track-card">[\s\S]*?<\/ol>/)).0
        #expect(card.contains("class=\"card-levels\""))
        #expect(card.contains("class=\"level-id\""))
    }

    @Test func anExcerptIsPlainTextCutAtAWord() {
        #expect(IndexView.excerpt("<p>Ships <em>why</em>, not &amp;lt;how&amp;gt;.</p><p>Then</p>") == "Ships why, not &lt;how&gt;. Then")
        let long = IndexView.excerpt("<p>" + String(repeating: "word ", count: 60) + "</p>")
        #expect(long.count <= 161 && long.hasSuffix("word…"))
        #expect(IndexView.excerpt(String(repeating: "task, ", count: 40)).hasSuffix("task…"), "no comma before the ellipsis")
    }

    @Test func manyTracksFoldIntoOneMenuSoTheNavigationKeepsOneLine() throws {
        func navigation(tracks: [String]) throws -> String {
            let files = tracks.map { title in
                SourceFile(
                    path: "content/\(title).md", relativePath: "\(title).md",
                    bytes: Array("# \(title)\n\n## One\n\n### Craft\n\n- I learn\n\n## Two\n\n### Craft\n\n- I teach\n".utf8))
            }
            let framework = FrameworkParser.parse(files).0
            let analysis = FrameworkAnalysis(framework)
            let templates = try #require(TemplateSet.load(overrides: nil).0)
            let page = try #require(SiteRenderer.plan(framework, analysis: analysis, report: HealthReport(framework, analysis: analysis), templates: templates)
                .renderAll().first { $0.path == "index.html" })
            return String(try #require(String(decoding: page.bytes, as: UTF8.self).firstMatch(of: /<nav class="site-nav"[\s\S]*?<\/nav>/)).0)
        }
        let few = try navigation(tracks: ["Design", "Data"])
        #expect(!few.contains("nav-menu") && few.contains(">Design</a>"))
        let many = try navigation(tracks: ["Design", "Data", "Sales", "Support"])
        #expect(many.contains("<details class=\"nav-menu\">"))
        let menu = try #require(many.firstMatch(of: /<details class="nav-menu">[\s\S]*?<\/details>/)).0
        #expect(menu.matches(of: /<li><a href=/).count == 4, "each track is in the menu")
        #expect(!many.contains(">Levels</a></li>\n      </ul>\n    </details>"), "the site's own pages stay outside it")
    }

    @Test func aSiteOfOneTrackNamedLikeItSaysTheNameOnceInItsBreadcrumbs() throws {
        let page = try #require(try pages("seed-shape")["design-roles/product-designer/index.html"])
        let crumbs = try #require(page.firstMatch(of: /<nav class="breadcrumbs"[\s\S]*?<\/nav>/)).0
        #expect(crumbs.matches(of: /Design Roles/).count == 1, "\(crumbs)")
        let golden = try #require(try pages("golden")["research/researcher/index.html"])
        #expect(try #require(golden.firstMatch(of: /<nav class="breadcrumbs"[\s\S]*?<\/nav>/)).0.contains(">Research</a>"), "several tracks keep the track's crumb")
    }
}
