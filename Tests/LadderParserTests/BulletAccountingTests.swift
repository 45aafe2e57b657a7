import Foundation
import LadderModel
import Testing

@testable import LadderParser

/// Every bullet of every role file is a behaviour, an example of one, or named by a diagnostic
/// (at the list it is in), or is part of a list of links alone (a table of contents): held to
/// cmark's own count of list items, over every content folder in the repository.
@Suite struct BulletAccountingTests {
    static let repository = fixtures.deletingLastPathComponent().deletingLastPathComponent()

    /// Every folder named `content` under Tests/Fixtures, and the example content.
    static let contentFolders: [String] = {
        var folders = [repository.appendingPathComponent("content").path]
        let walker = FileManager.default.enumerator(atPath: fixtures.path)
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix("/content") || relative == "content" { folders.append(fixtures.appendingPathComponent(relative).path) }
        }
        return folders.sorted()
    }()

    @Test func everyFixtureIsCovered() {
        #expect(Self.contentFolders.count >= 45)
    }

    @Test(arguments: contentFolders)
    func everyBulletIsAccountedFor(_ folder: String) {
        let (files, _) = ContentLoader.load(contentFolder: folder)
        let (framework, diagnostics) = FrameworkParser.parse(files, options: ParseOptions(includeDrafts: true))
        var behaviours: [LadderModel.SourceLocation: Behaviour] = [:]
        for track in framework.tracks {
            for role in track.roles {
                for area in role.areas { for behaviour in area.behaviours { behaviours[behaviour.location] = behaviour } }
            }
        }
        let named = Set(diagnostics.map(\.location))
        // A role outside any track is an error naming the role, and its bullets with it.
        let unplaced = Set(diagnostics.filter { $0.check == "role-without-track" }.map(\.location.file))
        for file in files where isRoleFile(file.relativePath) && !unplaced.contains(file.path) {
            let items = file.listItems
            for (index, item) in items.enumerated() where item.depth == 1 {
                if item.inNavigation || named.contains(item.list) || named.contains(item.location) { continue }
                guard let behaviour = behaviours[item.location] else {
                    Issue.record("\(item.location): this bullet is neither a behaviour nor named by a diagnostic")
                    continue
                }
                // Its own nested items, up to the next top-level item, are its examples.
                let nested = items[(index + 1)...].prefix { $0.depth > 1 }.filter { $0.depth == 2 }
                let inFirstLists = nested.count
                #expect(behaviour.examples.count == inFirstLists || named.contains(nested.first?.list ?? item.location),
                        "\(item.location): \(inFirstLists) nested bullets, \(behaviour.examples.count) examples")
            }
        }
    }

    /// Role files: not abilities, assignments, framework settings or track descriptions.
    func isRoleFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        let name = parts.last.map(String.init) ?? ""
        return !["abilities", "assignments"].contains(parts.first ?? "") && name != "_track.md" && name != "_index.md"
            && (name.hasSuffix(".md") || name.hasSuffix(".markdown") || name.hasSuffix(".txt"))
    }

    @Test func everyKindOfBlockBetweenAHeadingAndItsListKeepsTheList() {
        let blocks = [
            "Tech leads are responsible for:", "<!-- reviewed in March -->", "![diagram](ladder.png)",
            "<picture><source srcset=\"a.webp\"><img src=\"a.png\" alt=\"\"></picture>", "> Quoted guidance.", "| a | b |\n|---|---|\n| 1 | 2 |",
        ]
        for block in blocks {
            let (framework, diagnostics) = parse([
                "eng/1-lead.md": "# Tech Lead\n\n> Leads.\n\n## Craft\n\n\(block)\n\n- reviews designs\n- sets standards\n"
            ])
            let area = framework.tracks.first?.roles.first?.areas.first
            #expect(area?.behaviours.count == 2, "\(block)")
            #expect(diagnostics.isEmpty, "\(block): \(diagnostics)")
            if block.hasPrefix("Tech leads") { #expect(area?.introHTML == "<p>Tech leads are responsible for:</p>\n") }
            if block.hasPrefix("<") { #expect(area?.introHTML == "", "raw HTML is not shown") }
            if block.hasPrefix("|") { #expect(area?.introHTML.contains("<table>") == true) }
        }
    }
}
