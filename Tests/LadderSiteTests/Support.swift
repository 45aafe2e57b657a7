import Foundation
import LadderHealth
import LadderModel
import LadderParser
import LadderSite

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// Parses a fixture's `content/` folder and renders it with the built-in templates.
func renderFixture(_ name: String) throws -> (framework: Framework, diagnostics: [Diagnostic], pages: [Page]) {
    let (files, loadDiagnostics) = ContentLoader.load(
        contentFolder: fixtures.appendingPathComponent("\(name)/content").path, displayedAs: "content")
    let (framework, diagnostics) = FrameworkParser.parse(files)
    let (templates, templateDiagnostics) = TemplateSet.load(overrides: nil)
    guard let templates else { throw FixtureError.templates(templateDiagnostics) }
    return (framework, loadDiagnostics + diagnostics, SiteRenderer.render(framework, report: HealthReport(framework), templates: templates))
}

enum FixtureError: Error {
    case templates([Diagnostic])
}

/// A fresh empty folder under the system's temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every file under `folder`, by relative path.
func filesUnder(_ folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
        return result
    }
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
        result[relative] = FileManager.default.contents(atPath: url.path)
    }
    return result
}
