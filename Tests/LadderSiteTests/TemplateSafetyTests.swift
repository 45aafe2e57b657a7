import Foundation
import LadderModel
import LadderSite
import Testing

/// Templates a user writes cannot crash a build: loops of partials, missing or dynamic partials
/// and syntax errors are diagnostics at the tag, in ladder's own words.
@Suite struct TemplateSafetyTests {
    func load(_ files: [String: String]) throws -> (TemplateSet?, [String], folder: String) {
        let folder = try temporaryFolder()
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let (set, diagnostics) = TemplateSet.load(overrides: folder.path)
        return (set, diagnostics.map(\.description).map { $0.replacingOccurrences(of: folder.path, with: "templates") }, folder.path)
    }

    @Test func aPartialThatIncludesItselfIsADiagnostic() async throws {
        let (set, diagnostics, _) = try load(["area.mustache": "<li>\n  {{> area}}\n</li>\n"])
        #expect(set == nil)
        #expect(diagnostics == [
            "templates/area.mustache:2:3: error: this partial includes itself (area → area), which would recurse without end; break the loop [template-recursion]"
        ])
    }

    @Test func aLoopThroughOtherPartialsIsADiagnostic() async throws {
        let (set, diagnostics, _) = try load([
            "area.mustache": "{{> behaviour}}\n", "behaviour.mustache": "{{#examples}}{{> example}}{{/examples}}\n",
            "example.mustache": "x {{> area}}\n",
        ])
        #expect(set == nil)
        #expect(diagnostics == [
            "templates/example.mustache:1:3: error: this partial includes itself (area → behaviour → example → area), which would recurse without end; break the loop [template-recursion]"
        ])
    }

    @Test func aMissingPartialNamesTheTemplateAndLine() async throws {
        let (set, diagnostics, _) = try load(["role.mustache": "{{<layout}}{{$body}}\n<p>{{> sidebar }}</p>{{/body}}{{/layout}}\n"])
        #expect(set == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix(
            "templates/role.mustache:2:4: error: there is no template 'sidebar' for {{> sidebar}}; add sidebar.mustache to the templates folder") == true)
    }

    @Test func aDynamicPartialIsRefused() async throws {
        let (_, diagnostics, _) = try load(["role.mustache": "{{>*chosen}}\n"])
        #expect(diagnostics.first?.contains("[template-dynamic-partial]") == true)
    }

    @Test func anUnclosedSectionIsReportedWhereItOpens() async throws {
        let (_, diagnostics, _) = try load(["role.mustache": "<h1>{{title}}</h1>\n\n    {{#areas}}\n<p>x</p>\n"])
        #expect(diagnostics == [
            "templates/role.mustache:3:5: error: a section opened here ({{#areas}}) is never closed; add {{/areas}} where it ends [template-syntax]"
        ])
        let (_, mismatched, _) = try load(["role.mustache": "{{#areas}}\n{{/behaviours}}\n"])
        #expect(mismatched == [
            "templates/role.mustache:2:1: error: {{/behaviours}} closes the section {{#areas}} opened on line 1; close that one with {{/areas}} first [template-syntax]"
        ])
    }

    @Test func otherDelimitersAreFollowed() async throws {
        let (set, diagnostics, _) = try load(["area.mustache": "{{=<% %>=}}\n<%> area %>\n"])
        #expect(set == nil)
        #expect(diagnostics.first?.contains("[template-recursion]") == true)
    }

    @Test func aPipeOrAnOutsideLinkInTheTemplatesFolderIsSkipped() async throws {
        let folder = try temporaryFolder()
        #expect(mkfifo(folder.appendingPathComponent("nav.mustache").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("role.mustache").path, withDestinationPath: "/etc/hostname")
        let (set, diagnostics) = TemplateSet.load(overrides: folder.path)
        #expect(set != nil, "the built-in nav and role are used")
        #expect(diagnostics.map(\.check) == ["not-a-file", "link-outside-templates"])
    }

    @Test func theBuiltInTemplatesAreClean() {
        let (set, diagnostics) = TemplateSet.load(overrides: nil)
        #expect(set != nil)
        #expect(diagnostics.isEmpty)
    }

    @Test(.enabled(if: ladderIsBuilt, "build ladder first"))
    func aTemplatesFolderThatDoesNotExistIsAnError() async throws {
        let project = try projectWithContent()
        let result = try await runLadder(["build", "--templates", "my-templates"], in: project)
        #expect(result.status == 1)
        #expect(result.output == "ladder: error: templates folder 'my-templates' not found; pass --templates with a folder of .mustache files, or leave it out to use the built-in templates\n")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test(.enabled(if: ladderIsBuilt, "build ladder first"))
    func aSelfIncludingPartialFailsTheBuildWithItsPosition() async throws {
        let project = try projectWithContent()
        try FileManager.default.createDirectory(at: project.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "{{> nav}}\n".write(to: project.appendingPathComponent("templates/nav.mustache"), atomically: true, encoding: .utf8)
        let result = try await runLadder(["build"], in: project)
        #expect(result.status == 1)
        #expect(result.output.contains("templates/nav.mustache:1:1: error: this partial includes itself (nav → nav)"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }
}
