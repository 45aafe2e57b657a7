import Foundation
import LadderModel
import Mustache

/// The Mustache templates and static assets a site is rendered with: the set built into the
/// binary, with any file of the same name in the user's templates folder taking its place.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Files under `assets/`, copied into the site as they are.
    let assets: [Page]

    /// Reads `overrides` (if it exists) over the built-in set. Template syntax errors come back
    /// as diagnostics with the template's `file:line:col`. With a `cache`, a set made from the
    /// very same files is reused rather than parsed again; with `unchanged` (the caller knows
    /// no file of `overrides` changed since the cache's last load), that load is not even read.
    public static func load(
        overrides folder: String?, cache: TemplateCache? = nil, unchanged: Bool = false
    ) -> (TemplateSet?, [Diagnostic]) {
        if unchanged, let last = cache?.lastLoad { return last }
        let result = read(overrides: folder, cache: cache)
        cache?.lastLoad = result
        return result
    }

    private static func read(overrides folder: String?, cache: TemplateCache?) -> (TemplateSet?, [Diagnostic]) {
        var files: [String: (text: String, path: String)] = [:]
        for (name, text) in builtinTemplateFiles { files[name] = (text, "built-in templates/\(name)") }
        var diagnostics: [Diagnostic] = []
        if let folder, FileManager.default.fileExists(atPath: folder) {
            let (userFiles, loadDiagnostics) = UserTemplateReader.read(folder)
            diagnostics += loadDiagnostics
            for (name, text) in userFiles { files[name] = (text, "\(folder)/\(name)") }
        }
        let key = files.mapValues { "\($0.path)\n\($0.text)" }
        if let reused = cache?.set(for: key) { return (reused, diagnostics) }
        let (set, parseDiagnostics) = parse(files)
        if let set { cache?.keep(set, for: key) }
        return (set, diagnostics + parseDiagnostics)
    }

    private static func parse(_ files: [String: (text: String, path: String)]) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var assets: [Page] = []
        for name in files.keys.sorted() {
            let (text, path) = files[name]!
            if name.hasPrefix("assets/") {
                assets.append(Page(path: name, text: text))
            } else if name.hasSuffix(".mustache") {
                do {
                    library.register(try MustacheTemplate(string: text), named: String(name.dropLast(".mustache".count)))
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(.error(
                        "template-syntax", "template error: \(error.error)",
                        at: SourceLocation(file: path, line: error.context.lineNumber, column: error.context.columnNumber)))
                } catch {
                    diagnostics.append(.error("template-syntax", "template error: \(error)", at: SourceLocation(file: path)))
                }
            }
        }
        if diagnostics.errorCount > 0 { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets), diagnostics)
    }

    func render(_ viewModel: [String: Any], template: String) -> String {
        library.render(viewModel, withTemplate: template) ?? "<!-- template '\(template)' is missing -->"
    }
}

/// The last template set made, for the preview server: a rebuild whose template files did not
/// change reuses it (parsing the templates took most of a small site's rebuild).
public final class TemplateCache: @unchecked Sendable {  // `last` is only touched under `lock`
    private let lock = NSLock()
    private var last: (key: [String: String], set: TemplateSet)?
    private var lastResult: (TemplateSet?, [Diagnostic])?

    public init() {}

    /// What the last load gave, diagnostics included.
    var lastLoad: (TemplateSet?, [Diagnostic])? {
        get { lock.withLock { lastResult } }
        set { lock.withLock { lastResult = newValue } }
    }

    func set(for key: [String: String]) -> TemplateSet? {
        lock.withLock { last?.key == key ? last?.set : nil }
    }

    func keep(_ set: TemplateSet, for key: [String: String]) {
        lock.withLock { last = (key, set) }
    }
}

/// Reads a user's templates folder as text files keyed by relative path.
private enum UserTemplateReader {
    static func read(_ folder: String) -> ([String: String], [Diagnostic]) {
        var result: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return ([:], [])
        }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
            else {
                diagnostics.append(.error(
                    "unreadable", "cannot read this template as UTF-8 text", at: SourceLocation(file: "\(folder)/\(relative)")))
                continue
            }
            result[relative] = text
        }
        return (result, diagnostics)
    }
}
