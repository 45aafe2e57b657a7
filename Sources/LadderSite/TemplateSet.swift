import Foundation
import LadderAnalysis
import LadderModel
import Mustache

/// The Mustache templates and static assets a site is rendered with: the set built into the
/// binary, with any file of the same name in the user's templates folder taking its place.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Files under `assets/`, copied into the site as they are.
    let assets: [Page]
    /// The templates rendered by their compiled Swift: those that neither are, nor name as a
    /// partial or parent, a template from the user's folder. The rest go through the library.
    let compiled: [String: @Sendable (inout TemplateRun) -> Void]

    /// Reads `overrides` (if it exists) over the built-in set. Template syntax errors come back
    /// as diagnostics with the template's `file:line:col`. With a `cache`, a set made from the
    /// very same files is reused rather than parsed again; with `unchanged` (the caller knows
    /// no file of `overrides` changed since the cache's last load), that load is not even read.
    ///
    /// `interpreted` sends every template through the library, for the test that both ways give
    /// the same bytes; LADDER_INTERPRET_TEMPLATES does the same, to measure what compiling them
    /// buys (`make bench` reports both).
    public static func load(
        overrides folder: String?, cache: TemplateCache? = nil, unchanged: Bool = false,
        interpreted: Bool = getenv("LADDER_INTERPRET_TEMPLATES") != nil
    ) -> (TemplateSet?, [Diagnostic]) {
        if unchanged, let last = cache?.lastLoad { return last }
        let result = read(overrides: folder, cache: cache, interpreted: interpreted)
        cache?.lastLoad = result
        return result
    }

    private static func read(overrides folder: String?, cache: TemplateCache?, interpreted: Bool) -> (TemplateSet?, [Diagnostic]) {
        var files: [String: (text: String, path: String)] = [:]
        for (name, text) in builtinTemplateFiles { files[name] = (text, "\(builtinPrefix)\(name)") }
        var diagnostics: [Diagnostic] = []
        if let folder, FileManager.default.fileExists(atPath: folder) {
            let (userFiles, loadDiagnostics) = UserTemplateReader.read(folder)
            diagnostics += loadDiagnostics
            for (name, text) in userFiles { files[name] = (text, "\(folder)/\(name)") }
        }
        let key = files.mapValues { "\(interpreted)\n\($0.path)\n\($0.text)" }
        if let reused = cache?.set(for: key) { return (reused, diagnostics) }
        let (set, parseDiagnostics) = parse(files, interpreted: interpreted)
        if let set { cache?.keep(set, for: key) }
        return (set, diagnostics + parseDiagnostics)
    }

    private static func parse(_ files: [String: (text: String, path: String)], interpreted: Bool) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var assets: [Page] = []
        var templates: [String: (text: String, path: String)] = [:]
        for name in files.keys.sorted() {
            let (text, path) = files[name]!
            if name.hasPrefix("assets/") {
                assets.append(Page(path: name, text: text))
            } else if name.hasSuffix(".mustache") {
                templates[String(name.dropLast(".mustache".count))] = (text, path)
            }
        }
        // A user's copy of a built-in template, unchanged, keeps the compiled one.
        let usersOwn = Set(templates.filter { name, template in builtinTemplateFiles[name + ".mustache"] != template.text }.keys)
        let compiled = interpreted ? [:] : compiledTemplates(replacing: usersOwn)
        // The library reads the templates only when it will render one (parsing them all took
        // 10 ms of every build); then it reads them all, as a user's template may name any.
        for name in templates.keys.sorted() where compiled.count < templates.count {
            let (text, path) = templates[name]!
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(syntaxError(error, text: text, path: path))
            } catch {
                diagnostics.append(.error("template-syntax", "this template cannot be read: \(error)", at: .whole(path)))
            }
        }
        diagnostics += TemplateReferences.check(templates)
        if diagnostics.errorCount > 0 { return (nil, diagnostics.sorted()) }
        return (TemplateSet(library: library, assets: assets, compiled: compiled), diagnostics)
    }

    private static let builtinPrefix = "built-in templates/"

    /// The compiled templates whose every partial and parent, all the way down, is built in.
    private static func compiledTemplates(replacing usersOwn: Set<String>) -> [String: @Sendable (inout TemplateRun) -> Void] {
        CompiledTemplates.renderers.filter { name, _ in
            var seen: Set<String> = [], waiting = [name]
            while let next = waiting.popLast() {
                guard seen.insert(next).inserted else { continue }
                if usersOwn.contains(next) || CompiledTemplates.renderers[next] == nil { return false }
                waiting += CompiledTemplates.references[next] ?? []
            }
            return true
        }
    }

    /// The library's parse error as a sentence at the place to fix: for sections, the tag that
    /// opened or wrongly closed one (the library stops at the end of the file).
    static func syntaxError(_ error: MustacheTemplate.ParserError, text: String, path: String) -> Diagnostic {
        let at = SourceLocation(file: path, line: error.context.lineNumber, column: error.context.columnNumber)
        let message: String
        switch error.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?, .expectedSectionEnd?:
            if let problem = TemplateTags(text).sectionProblem() {
                return .error("template-syntax", problem.message, at: SourceLocation(file: path, line: problem.line, column: problem.column))
            }
            message = "a section is not closed as it was opened; close each {{#name}} with {{/name}}"
        case .unfinishedName?: message = "a tag is not finished; end it with }}"
        case .invalidSetDelimiter?: message = "a {{=…=}} tag must give two delimiters, such as {{=<% %>=}}"
        case .transformAppliedToInheritanceSection?: message = "a transform cannot be applied to an inherited section"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            message = "inside {{<parent}}…{{/parent}} only {{$block}}…{{/block}} sections may appear"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?:
            message = "a {{% …}} configuration tag is not one the template library knows"
        case nil: message = "this template cannot be read (\(error.error))"
        }
        return .error("template-syntax", message, at: at)
    }

    func render(_ viewModel: [String: Any], template: String) -> String {
        if let compiled = compiled[template] {
            var run = TemplateRun(viewModel)
            compiled(&run)
            return run.output
        }
        return library.render(viewModel, withTemplate: template) ?? "<!-- template '\(template)' is missing -->"
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

/// Reads a user's templates folder as text files keyed by relative path, with the content
/// folder's rules: hidden files are skipped, folder links are not followed, and only regular
/// files inside the folder are read (a pipe, a device or a link out of the folder is skipped
/// with a warning), each at most `maximumSize` bytes.
private enum UserTemplateReader {
    static let maximumSize = 16 << 20

    static func read(_ folder: String) -> ([String: String], [Diagnostic]) {
        var result: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let root = realpath(folder, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? folder
        func walk(_ path: String, _ relative: String) {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let child = path + "/" + name, key = relative.isEmpty ? name : relative + "/" + name
                let location = SourceLocation(file: "\(folder)/\(key)")
                var info = stat()
                guard lstat(child, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    walk(child, key)
                    continue
                }
                if info.st_mode & S_IFMT == S_IFLNK {
                    let target = realpath(child, nil).map { pointer in
                        defer { free(pointer) }
                        return String(cString: pointer)
                    }
                    guard let target, target.hasPrefix(root + "/"), stat(child, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else {
                        diagnostics.append(.warning(
                            "link-outside-templates",
                            "this link leads out of the templates folder, to a folder, or nowhere, so it was skipped; copy the file in instead",
                            at: location))
                        continue
                    }
                }
                switch readRegularFile(child) {
                case .text(let text): result[key] = text
                case .skipped(let why): diagnostics.append(.warning("not-a-file", "\(why), so it was skipped; remove it", at: location))
                case .failed(let why): diagnostics.append(.error("unreadable", why, at: location))
                }
            }
        }
        walk(folder, "")
        return (result, diagnostics)
    }

    enum Read {
        case text(String)
        case skipped(String)
        case failed(String)
    }

    /// Opened without blocking (a pipe would wait for a writer) and looked at before it is read.
    static func readRegularFile(_ path: String) -> Read {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failed("cannot open this template (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .skipped("this is not a regular file") }
        guard Int(info.st_size) <= maximumSize else {
            return .failed("this template is over 16 MB, so it was not read; templates are small text files")
        }
        guard let data = try? handle.read(upToCount: maximumSize + 1), data.count <= maximumSize,
            let text = String(data: data, encoding: .utf8)
        else { return .failed("cannot read this template as UTF-8 text") }
        return .text(text)
    }
}
