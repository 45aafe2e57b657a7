import Foundation
import LadderAnalysis
import LadderHealth
import LadderModel
import LadderParser
import Testing

@testable import LadderSite

/// The built-in templates compiled to Swift (the EmbedTemplates plugin) against the same
/// templates through swift-mustache: every page of every fixture framework, and every template
/// with view models no page would make, must come out byte for byte the same.
@Suite struct CompiledTemplateTests {
    static let builtin = TemplateSet.load(overrides: nil, interpreted: false).0!
    static let interpreted = TemplateSet.load(overrides: nil, interpreted: true).0!

    @Test func everyBuiltinTemplateIsCompiled() {
        let names = Set(builtinTemplateFiles.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) })
        #expect(Set(Self.builtin.compiled.keys) == names)
        #expect(Self.interpreted.compiled.isEmpty)
    }

    // Rendered off Swift's few cooperative threads, which the preview server's tests, running
    // alongside, need to answer their requests.
    @Test(arguments: contentFolders())
    func everyPageIsTheSameEitherWay(_ content: String) async throws {
        if let problem = try await offPool({ try Self.compareEveryPage(content) }) { Issue.record(Comment(rawValue: problem)) }
    }

    /// The first page that differs, or nil.
    static func compareEveryPage(_ content: String) throws -> String? {
        let (files, _) = ContentLoader.load(contentFolder: content, displayedAs: "content")
        let (framework, diagnostics) = FrameworkParser.parse(files)
        let analysis = FrameworkAnalysis(framework)
        let report = HealthReport(framework, analysis: analysis)
        // The author's preview and a changes page too, so that their templates are compared.
        let changes = SiteChanges(changes: FrameworkChanges(from: Framework(title: "Before"), to: framework), revision: "v1", commit: "abc", date: "2026-01-01")
        for authorMode in [false, true] {
            func pages(_ templates: TemplateSet) -> [Page] {
                SiteRenderer.plan(
                    framework, analysis: analysis, report: report, otherDiagnostics: diagnostics, templates: templates,
                    authorMode: authorMode, changes: authorMode ? changes : nil
                ).renderAll()
            }
            let compiled = pages(Self.builtin), interpreted = pages(Self.interpreted)
            if compiled.map(\.path) != interpreted.map(\.path) { return "\(content): the two ways make different files" }
            for (mine, library) in zip(compiled, interpreted) where mine.bytes != library.bytes {
                return "\(content): \(mine.path) differs from the library's page:\n\(firstDifference(mine.bytes, library.bytes))"
            }
        }
        return nil
    }

    /// View models with what no page makes: text to escape (a combining mark after "&" makes one
    /// Character the library leaves alone), numbers, optionals, empty and odd lists, nested
    /// dictionaries of other types, names missing or found further out.
    @Test func oddViewModelsRenderTheSameEitherWay() {
        let odd: [Any] = [
            "<b>\"Tom\" & 'Jerry'</b>", "&\u{301}amp; <\u{301}", "", "plain", 42, 0, -1.5, true, false,
            Optional<String>.none as Any, Optional("wrapped") as Any, [String](), ["a", "<b>"], [[String: Any]](),
            [["title": "one"], ["title": "<two>"]], ["title": "nested", "href": "x&y"] as [String: String], Set([1]), NSNull(),
        ]
        let names = Set(builtinTemplateFiles.values.flatMap { text in
            TemplateTags(text).tags.filter { ["", "#", "^", "&", "{"].contains($0.kind) }
                .compactMap { $0.name.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ".").first.map(String.init) }
        })
        var checked = 0
        for name in Self.builtin.compiled.keys.sorted() {
            for (index, value) in odd.enumerated() {
                // Every name the templates use holds the odd value; some names hold it one level in.
                var model: [String: Any] = Dictionary(uniqueKeysWithValues: names.map { ($0, value) })
                model["track"] = ["title": value, "href": value] as [String: Any]
                model["role"] = index.isMultiple(of: 2) ? ["title": value] as [String: Any] : value
                model["levels"] = [["title": value], [:], ["areas": [value]]] as [[String: Any]]
                let mine = Self.builtin.render(model, template: name)
                let library = Self.interpreted.render(model, template: name)
                #expect(mine == library, "\(name) with \(String(reflecting: value)):\n\(firstDifference(Data(mine.utf8), Data(library.utf8)))")
                checked += 1
            }
        }
        #expect(checked == Self.builtin.compiled.count * odd.count)
    }

    @Test func aUsersTemplateSendsTheTemplatesThatUseItThroughTheLibrary() throws {
        let folder = try temporaryFolder()
        try "<section class=\"mine\">{{title}}</section>\n".write(to: folder.appendingPathComponent("area.mustache"), atomically: true, encoding: .utf8)
        // An unchanged copy of a built-in template keeps the compiled one.
        try builtinTemplateFiles["nav.mustache"]!.write(to: folder.appendingPathComponent("nav.mustache"), atomically: true, encoding: .utf8)
        let set = try #require(TemplateSet.load(overrides: folder.path).0)
        #expect(set.compiled["area"] == nil)
        #expect(set.compiled["areas"] == nil, "areas names area as a partial")
        #expect(set.compiled["role"] == nil, "role names area as a partial")
        #expect(set.compiled["nav"] != nil)
        #expect(set.compiled["matrix"] != nil)
        let html = set.render(["areas": [["title": "Delivery"]]], template: "areas")
        #expect(html.contains("<section class=\"mine\">Delivery</section>"))
    }

    /// Every fixture's content folder, and the example content.
    static func contentFolders() -> [String] {
        let root = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        var folders = [root.appendingPathComponent("content").path]
        if let walker = FileManager.default.enumerator(atPath: fixtures.path) {
            for case let path as String in walker where path.hasSuffix("/content") || path == "content" {
                folders.append(fixtures.appendingPathComponent(path).path)
            }
        }
        return folders.sorted()
    }
}

/// Where two renderings part: the 200 bytes of each from a little before the first difference.
func firstDifference(_ a: Data, _ b: Data) -> String {
    let a = [UInt8](a), b = [UInt8](b)
    let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    let start = max(0, at - 80)
    func excerpt(_ bytes: [UInt8]) -> String { String(decoding: bytes.dropFirst(start).prefix(200), as: UTF8.self) }
    return "at byte \(at) of \(a.count) and \(b.count):\n--- compiled\n\(excerpt(a))\n--- library\n\(excerpt(b))"
}
