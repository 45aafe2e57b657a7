import Foundation
import LadderHealth
import LadderModel
import LadderParser
@testable import LadderSite
import Testing

@Suite struct ComparisonPageTests {
    @Test func theSeedShapeMakesAMatrixOfFiveRowsAndTwoColumns() throws {
        let (_, _, pages) = try renderFixture("seed-shape")
        let matrix = String(decoding: try #require(pages.first { $0.path == "design-roles/matrix/index.html" }).bytes, as: UTF8.self)
        #expect(matrix.matches(of: /<tr id="row-/).count == 5)
        #expect(matrix.matches(of: /<th scope="col"><a href/).count == 2)
        let body = try #require(matrix.firstMatch(of: /<tbody>([\s\S]*)<\/tbody>/)).1
        #expect(body.matches(of: /<li>/).count == 40)
        #expect(pages.contains { $0.path == "design-roles/product-designer/next/index.html" })
        #expect(!pages.contains { $0.path == "design-roles/senior-product-designer/next/index.html" }, "the top level has no next step")
    }

    @Test func theCSVReadsBackInARealCSVParser() throws {
        let python = "/usr/bin/env"
        let (_, _, pages) = try renderFixture("diffs")
        let csv = try #require(pages.first { $0.path == "eng/matrix.csv" }).bytes
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark tells spreadsheets the text is UTF-8")
        let file = try temporaryFolder().appendingPathComponent("matrix.csv")
        try csv.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["python3", "-c", """
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                print(json.dumps(list(csv.reader(f))))
            """, file.path]
        let jsonFile = file.deletingLastPathComponent().appendingPathComponent("rows.json")
        FileManager.default.createFile(atPath: jsonFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: jsonFile)
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: jsonFile)
        try #require(process.terminationStatus == 0, "python3's csv module could not read the file")
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
        #expect(rows.first == ["track", "level", "role", "area_key", "area_title", "behaviour"])
        #expect(rows.count == 1 + 9 + 9)
        #expect(rows.allSatisfy { $0.count == 6 })
        #expect(rows.contains(["Eng", "1", "Engineer", "craft", "Craft", "I document my work \"as I go\" & share it"]))
        #expect(rows.contains(["Eng", "1", "Engineer", "culture", "Café culture", "Je bois un café avec l'équipe"]))
        #expect(rows.contains(["Eng", "1", "Engineer", "craft", "Craft", "I write tests, often."]))
    }

    @Test func theNextLevelPageSummarisesAndMarksTheChanges() throws {
        let (_, _, pages) = try renderFixture("diffs")
        let page = String(decoding: try #require(pages.first { $0.path == "eng/engineer/next/index.html" }).bytes, as: UTF8.self)
        #expect(page.contains("2 new behaviours, 5 reworded, 2 no longer listed, 2 unchanged"))
        #expect(!page.localizedCaseInsensitiveContains("dropped"), "what a level no longer lists is not loss")
        #expect(page.contains("I review code for <del>my team</del><ins>several teams</ins>"))
        #expect(page.contains("(was “Craft”)"))
        #expect(page.contains("(New area)"))
        #expect(page.contains("(No longer listed)"))
        #expect(page.contains("&quot;as I go&quot; <del>&amp;</del><ins>and</ins> share it"))
    }

    @Test func aLevelThatRestatesItsAreasReadsAsGrowthInTwoColumns() throws {
        let (_, _, pages) = try renderFixture("seed-shape")
        let page = String(decoding: try #require(pages.first { $0.path == "design-roles/product-designer/next/index.html" }).bytes, as: UTF8.self)
        #expect(!page.localizedCaseInsensitiveContains("dropped"))
        #expect(page.contains(">5 areas restated, "))
        let rows = page.matches(of: /<tr data-kind="restated"><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/)
        #expect(rows.count >= 20, "every behaviour of both levels has a row")
        #expect(rows.contains { !$0.1.isEmpty && !$0.2.isEmpty }, "related behaviours sit side by side")
        let compare = String(decoding: try #require(pages.first { $0.path == "compare/index.html" }).bytes, as: UTF8.self)
        #expect(!compare.localizedCaseInsensitiveContains("dropped"), "the compare page speaks of growth too")
    }

    @Test func restatedPairsAreTheBestMatchLeftForBoth() {
        let old = ["I talk to customers about their needs", "I write release notes", "I run the team's planning meeting"]
        let new = ["I plan the quarter with several teams", "I build relationships with key customers and learn their needs", "I coach others"]
        let rows = Restatement.rows(old, new)
        #expect(rows.map(\.to) == new.map(Optional.some) + [nil], "pairs, then what is new, then what is no longer listed")
        #expect(rows[0].from == old[2], "plan and planning, team and teams share topics")
        #expect(rows[1].from == old[0])
        #expect(rows[2].from == nil, "coaching shares no topic with anything before")
        #expect(rows.last?.from == old[1])
        #expect(Restatement.restates(BehaviourDiff.compare(old, new)))
        #expect(!Restatement.restates(BehaviourDiff.compare(old, old + ["I coach others"])))
    }

    @Test func theLevelsPageGroupsRolesByLevelAcrossTracks() throws {
        let (_, _, pages) = try renderFixture("golden")
        let page = String(decoding: try #require(pages.first { $0.path == "levels/index.html" }).bytes, as: UTF8.self)
        let levelOne = try #require(page.firstMatch(of: /id="level-1"[\s\S]*?<\/section>/)).0
        #expect(levelOne.contains("Operator") && levelOne.contains("Researcher"))
        #expect(!levelOne.contains("Senior Operator"))
    }
}

/// The compare page's script must draw the same diff as the Swift engine.
@Suite(.serialized) struct CompareAgreementTests {
    static let pairs: [(String, String, String)] = [
        ("diffs", "eng/engineer", "eng/senior-engineer"),
        ("seed-shape", "design-roles/product-designer", "design-roles/senior-product-designer"),
        ("diffs", "eng/senior-engineer", "eng/engineer"),
        ("golden", "ops/operator", "ops/senior-operator"),
        ("golden", "ops/operator", "research/lead-researcher"),
        ("golden", "research/researcher", "research/lead-researcher"),
    ]

    @Test(.enabled(if: Chromium.path != nil, "needs Chromium"), arguments: 0..<pairs.count)
    func browserAndSwiftDrawTheSameDiff(_ index: Int) async throws {
        let (fixture, from, to) = Self.pairs[index]
        let (framework, _, pages) = try renderFixture(fixture)
        let folder = try temporaryFolder().appendingPathComponent("site")
        try DiskSink(folder: folder).write(pages)
        // Chromium is waited for off Swift's cooperative threads, which the preview server's
        // tests, running alongside, need to answer their requests.
        let url = "file://\(folder.path)/compare/index.html#a=\(from)&b=\(to)"
        let dom = try await offPool { try Chromium.dumpDOM(url) }
        #expect(changes(inHTML: dom) == expectedChanges(framework, from: from, to: to))
        #expect(!changes(inHTML: dom).isEmpty)
    }

    /// (kind, inner HTML) of every change item and restated row, with quotes unescaped as a DOM
    /// serialiser leaves them.
    func changes(inHTML html: String) -> [String] {
        html.matches(of: /data-kind="([a-z]+)">(?:<span class="change-label">[A-Za-z ]+<\/span> )?<span class="change-text">(.*?)<\/span><\/li>|<tr data-kind="restated"><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/)
            .map { match in
                let item = match.1.map { "\($0): \(match.2 ?? "")" } ?? "restated: \(match.3 ?? "") | \(match.4 ?? "")"
                return item.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            }
    }

    func expectedChanges(_ framework: Framework, from: String, to: String) -> [String] {
        func find(_ id: String) -> (Role, [String])? {
            for track in framework.tracks {
                let alignment = TrackAlignment(track)
                for (index, role) in track.roles.enumerated() where "\(track.slug)/\(role.slug)" == id {
                    return (role, alignment.keys(ofRoleAt: index))
                }
            }
            return nil
        }
        guard let (a, aKeys) = find(from), let (b, bKeys) = find(to) else { return [] }
        let comparison = RoleComparison(from: a, fromKeys: aKeys, to: b, toKeys: bKeys)
        return comparison.areas.flatMap { area -> [String] in
            if let rows = area.restatement {
                return rows.map { row in
                    let html = DiffView.restatedRow(row)
                    return "restated: \(html["fromHTML"] as! String) | \(html["toHTML"] as! String)"
                        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                }
            }
            let isUnchanged: (BehaviourDiff.Change) -> Bool = { if case .unchanged = $0 { true } else { false } }
            return (area.changes.filter { !isUnchanged($0) } + area.changes.filter(isUnchanged)).map { change -> String in
                let html: String
                switch change {
                case .added(let t), .dropped(let t), .unchanged(let t): html = escapeHTML(t)
                case .reworded(_, _, let marks):
                    html = marks.map {
                        switch $0 {
                        case .same(let t): escapeHTML(t)
                        case .removed(let t): "<del>\(escapeHTML(t))</del>"
                        case .inserted(let t): "<ins>\(escapeHTML(t))</ins>"
                        }
                    }.joined()
                }
                let kind = switch change {
                case .added: "added"
                case .dropped: "unlisted"
                case .unchanged: "unchanged"
                case .reworded: "reworded"
                }
                return "\(kind): \(html)".replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            }
        }
    }
}
