import Foundation
import LadderBuild
import LadderSite
import Testing

/// The preview server reuses a parsed template set only while its files are the same.
@Suite struct TemplateCacheTests {
    @Test func anEditedTemplateIsParsedAgainAndAnUnchangedOneIsNot() throws {
        let folder = try temporaryFolder()
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let override = templates.appendingPathComponent("index.mustache")
        let session = BuildSession()
        func home() throws -> String {
            var pipeline = Pipeline(
                contentFolder: fixtures.appendingPathComponent("golden/content").path, templatesFolder: templates.path)
            pipeline.session = session
            let plan = try #require(pipeline.plan().plan)
            return String(decoding: try #require(plan.page("index.html")).bytes, as: UTF8.self)
        }
        try "first {{siteTitle}}".write(to: override, atomically: true, encoding: .utf8)
        #expect(try home() == "first Golden fixture framework")
        #expect(try home() == "first Golden fixture framework")
        try "second {{siteTitle}}".write(to: override, atomically: true, encoding: .utf8)
        #expect(try home() == "second Golden fixture framework", "a changed template is never served from the cache")
        try "{{#broken}}".write(to: override, atomically: true, encoding: .utf8)
        var pipeline = Pipeline(contentFolder: fixtures.appendingPathComponent("golden/content").path, templatesFolder: templates.path)
        pipeline.session = session
        let failed = pipeline.plan()
        #expect(failed.plan == nil)
        #expect(failed.diagnostics.contains { $0.check == "template-syntax" && $0.location.file.hasSuffix("index.mustache") })
    }
}
