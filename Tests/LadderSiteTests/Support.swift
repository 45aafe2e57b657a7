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
    return (framework, loadDiagnostics + diagnostics, SiteRenderer.render(framework, templates: templates))
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

/// The `ladder` binary that `make test` builds before the tests.
let ladderBinary = fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/ladder")
let ladderIsBuilt = FileManager.default.isExecutableFile(atPath: ladderBinary.path)

/// Runs ladder in `directory` and returns its exit status and its output (standard output and
/// error together, through a file so that a full pipe never blocks it). The wait happens on a
/// Dispatch thread: blocking Swift concurrency's few threads would starve the preview servers
/// that other tests run at the same time.
func runLadder(_ arguments: [String], in directory: URL? = nil) async throws -> (status: Int32, output: String) {
    try await offPool { try runLadderBlocking(arguments, in: directory) }
}

/// `work` on a Dispatch thread, awaited.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

func runLadderBlocking(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-cli-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = ladderBinary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
}

/// Every file, folder and link under `folder` (hidden ones too), with the bytes of each file
/// and the target of each link: what a guard must leave exactly as it was.
func snapshot(_ folder: URL) -> [String: String] {
    var result: [String: String] = [:]
    func walk(_ path: String, _ relative: String) {
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
            let child = path + "/" + name, key = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                result[key + "/"] = "folder"
                walk(child, key)
            case S_IFLNK: result[key] = "link to " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: child)) ?? "?")
            default: result[key] = (FileManager.default.contents(atPath: child) ?? Data()).base64EncodedString()
            }
        }
    }
    walk(folder.path, "")
    return result
}

/// A project folder with a copy of a fixture's content/ in it.
func projectWithContent(_ fixture: String = "golden") throws -> URL {
    let project = try temporaryFolder()
    try FileManager.default.copyItem(
        at: fixtures.appendingPathComponent("\(fixture)/content"), to: project.appendingPathComponent("content"))
    return project
}
