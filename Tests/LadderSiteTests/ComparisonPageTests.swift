import Foundation
import LadderHealth
import LadderModel
import LadderParser
import LadderSite
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
        #expect(page.contains("2 new, 5 reworded, 2 dropped, 2 unchanged"))
        #expect(page.contains("I review code for <del>my team</del><ins>several teams</ins>"))
        #expect(page.contains("(was “Craft”)"))
        #expect(page.contains("(New area)"))
        #expect(page.contains("(Area dropped)"))
        #expect(page.contains("&quot;as I go&quot; <del>&amp;</del><ins>and</ins> share it"))
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
        ("diffs", "eng/senior-engineer", "eng/engineer"),
        ("golden", "operations/operator", "operations/senior-operator"),
        ("golden", "operations/operator", "research/lead-researcher"),
        ("golden", "research/researcher", "research/lead-researcher"),
    ]

    @Test(.enabled(if: Chromium.path != nil, "needs Chromium"), arguments: 0..<pairs.count)
    func browserAndSwiftDrawTheSameDiff(_ index: Int) throws {
        let (fixture, from, to) = Self.pairs[index]
        let (framework, _, pages) = try renderFixture(fixture)
        let folder = try temporaryFolder().appendingPathComponent("site")
        try DiskSink(folder: folder).write(pages)
        let dom = try Chromium.dumpDOM("file://\(folder.path)/compare/index.html#a=\(from)&b=\(to)")
        #expect(changes(inHTML: dom) == expectedChanges(framework, from: from, to: to))
        #expect(!changes(inHTML: dom).isEmpty)
    }

    /// (kind, inner HTML) of every change item, with quotes unescaped as a DOM serialiser leaves them.
    func changes(inHTML html: String) -> [String] {
        html.matches(of: /data-kind="([a-z]+)">(?:<span class="change-label">[A-Za-z]+<\/span> )?<span class="change-text">(.*?)<\/span><\/li>/)
            .map { "\($0.1): \($0.2)".replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'") }
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
        return comparison.areas.flatMap { area in
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
                case .dropped: "dropped"
                case .unchanged: "unchanged"
                case .reworded: "reworded"
                }
                return "\(kind): \(html)".replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            }
        }
    }
}
