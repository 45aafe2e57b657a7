import LadderModel
import Yams

/// A file split into its YAML front matter (between `---` lines) and its Markdown body.
struct FrontMatterSplit {
    var yaml: String?
    /// Line of the file on which the YAML text starts.
    var yamlFirstLine: Int
    /// The rest of the file, as a slice of it: a copy would be a second copy of every file, for
    /// text that cmark copies anyway.
    var body: Substring
    /// Line of the file on which the body starts.
    var bodyFirstLine: Int
    /// The front matter was opened but never closed: nothing after it can be trusted.
    var isUnclosed = false

    init(_ text: String, file: String, diagnostics: inout [Diagnostic]) {
        yaml = nil
        yamlFirstLine = 2
        body = text[...]
        bodyFirstLine = 1
        guard text.hasPrefix("---\n") || text == "---" else { return }
        // Scan the UTF-8 bytes for the closing line: splitting the whole file into Characters
        // costs more than parsing it.
        let utf8 = text.utf8
        var lineStart = utf8.index(utf8.startIndex, offsetBy: 4, limitedBy: utf8.endIndex) ?? utf8.endIndex
        let yamlStart = lineStart
        var lineNumber = 2
        while true {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            let line = utf8[lineStart..<lineEnd]
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                // The YAML ends before the closing line's newline (an empty mapping has none).
                let yamlEnd = lineStart > yamlStart ? utf8.index(before: lineStart) : yamlStart
                yaml = String(text[yamlStart..<yamlEnd])
                body = lineEnd < utf8.endIndex ? text[utf8.index(after: lineEnd)...] : ""
                bodyFirstLine = lineNumber + 1
                return
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            lineNumber += 1
        }
        diagnostics.append(.error(
            "front-matter-unclosed",
            "front matter starts with '---' but never ends; add a line '---' after the last YAML line",
            at: SourceLocation(file: file)))
        body = ""
        isUnclosed = true
    }
}

/// Typed, position-aware reads from a YAML mapping. Every wrong type becomes an error naming
/// the key and what was expected; keys nobody asked for become warnings.
struct YAMLFields {
    let mapping: [(key: YAMLNode, value: YAMLNode)]
    let file: String
    let lineOffset: Int
    let context: String
    /// The keys asked for: a handful, so a list (a set hashed each key of every file).
    private(set) var read: [String] = []
    var diagnostics: [Diagnostic] = []

    init(mapping: [(key: YAMLNode, value: YAMLNode)], file: String, lineOffset: Int, context: String) {
        self.mapping = mapping
        self.file = file
        self.lineOffset = lineOffset
        self.context = context
        read.reserveCapacity(12)  // a role's front matter asks for about ten keys
    }

    /// Parses `yaml`; nil (with a diagnostic) when it is not YAML or not a mapping.
    static func parse(
        _ yaml: String, file: String, firstLine: Int, context: String, diagnostics: inout [Diagnostic]
    ) -> YAMLFields? {
        let lineOffset = firstLine - 1
        let node: YAMLNode?
        do {
            node = try YAMLNode.compose(yaml)
        } catch let error as YAMLNode.AliasLimitExceeded {
            diagnostics.append(.error(
                "yaml-alias-limit",
                "this alias makes the YAML expand past 100,000 values, so it was not read; write the values out instead of nesting aliases",
                at: SourceLocation(file: file, line: error.mark.line + lineOffset, column: error.mark.column)))
            return nil
        } catch let error as YamlError {
            diagnostics.append(yamlDiagnostic(error, file: file, lineOffset: lineOffset))
            return nil
        } catch {
            diagnostics.append(.error("yaml-syntax", "cannot read YAML: \(error)", at: SourceLocation(file: file, line: firstLine)))
            return nil
        }
        guard let node else { return YAMLFields(mapping: [], file: file, lineOffset: lineOffset, context: context) }
        guard let mapping = node.mapping else {
            diagnostics.append(.error(
                "wrong-type", "\(context) must be a mapping of keys to values (key: value), not \(describe(node))",
                at: location(of: node, file: file, lineOffset: lineOffset)))
            return nil
        }
        return YAMLFields(mapping: mapping, file: file, lineOffset: lineOffset, context: context)
    }

    func location(of node: YAMLNode) -> SourceLocation {
        Self.location(of: node, file: file, lineOffset: lineOffset)
    }

    /// The value under `key` (the last, if written twice).
    func value(_ key: String) -> YAMLNode? {
        var last: YAMLNode?
        for (candidate, value) in mapping where candidate.scalar?.string == key { last = value }
        return last
    }

    mutating func node(_ key: String) -> YAMLNode? {
        if !read.contains(key) { read.append(key) }
        guard let value = value(key) else { return nil }
        if value.isNull { return nil }  // `key:` with nothing after it means "not set"
        return value
    }

    /// A scalar as it was written (so `level: 2.10` stays "2.10").
    mutating func text(_ key: String) -> (String, SourceLocation)? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar else {
            wrongType(key, expected: "text", value)
            return nil
        }
        return (scalar.string, location(of: value))
    }

    mutating func string(_ key: String) -> String? { text(key)?.0 }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        guard let bool = value.bool else {
            wrongType(key, expected: "true or false", value)
            return nil
        }
        return bool
    }

    mutating func int(_ key: String) -> Int? {
        guard let value = node(key) else { return nil }
        return integer(value)
    }

    func integer(_ value: YAMLNode) -> Int? {
        guard let scalar = value.scalar, scalar.isPlain, let number = Int(scalar.string) else { return nil }
        return number
    }

    mutating func stringList(_ key: String) -> [String]? { locatedStringList(key)?.map(\.0) }

    /// A list of text, each item with its position (for references that may not resolve).
    mutating func locatedStringList(_ key: String) -> [(String, SourceLocation)]? {
        guard let value = node(key) else { return nil }
        guard case .sequence(let sequence, _) = value else {
            wrongType(key, expected: "a list of text", value)
            return nil
        }
        var result: [(String, SourceLocation)] = []
        for (index, item) in sequence.enumerated() {
            guard let scalar = item.scalar else {
                wrongType("\(key)[\(index)]", expected: "text", item)
                continue
            }
            result.append((scalar.string, location(of: item)))
        }
        return result
    }

    mutating func intList(_ key: String) -> [Int]? {
        guard let value = node(key) else { return nil }
        guard case .sequence(let sequence, _) = value else {
            wrongType(key, expected: "a list of whole numbers", value)
            return nil
        }
        var result: [Int] = []
        for (index, item) in sequence.enumerated() {
            guard let number = integer(item) else {
                wrongType("\(key)[\(index)]", expected: "a whole number", item)
                return nil
            }
            result.append(number)
        }
        return result
    }

    /// A nested mapping, read with the same rules; its diagnostics are merged by `finish`.
    mutating func fields(_ key: String) -> YAMLFields? {
        guard let value = node(key) else { return nil }
        guard let nested = value.mapping else {
            wrongType(key, expected: "a mapping of keys to values", value)
            return nil
        }
        return YAMLFields(mapping: nested, file: file, lineOffset: lineOffset, context: "'\(key)'")
    }

    /// `name: number` pairs, such as ability milestones.
    mutating func numberMap(_ key: String) -> [String: Int]? {
        locatedNumberMap(key).map { Dictionary($0.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }) }
    }

    /// `name: number` pairs in the order written, each with the position of its name.
    mutating func locatedNumberMap(_ key: String) -> [(name: String, value: Int, location: SourceLocation)]? {
        guard let value = node(key) else { return nil }
        guard let nested = value.mapping else {
            wrongType(key, expected: "a mapping of names to whole numbers", value)
            return nil
        }
        var result: [(name: String, value: Int, location: SourceLocation)] = []
        for (name, number) in nested {
            guard let nameText = name.scalar?.string, let milestone = integer(number) else {
                wrongType("\(key).\(name.scalar?.string ?? "?")", expected: "a whole number", number)
                continue
            }
            result.append((nameText, milestone, location(of: name)))
        }
        return result
    }

    mutating func wrongType(_ key: String, expected: String, _ value: YAMLNode) {
        diagnostics.append(.error(
            "wrong-type", "'\(key)' must be \(expected), not \(Self.describe(value))", at: location(of: value)))
    }

    /// The key whose value holds the most text in lists (content kept as data), with how many
    /// items of text it holds.
    func keyHoldingLists() -> (key: String, items: Int, location: SourceLocation)? {
        func listedText(_ node: YAMLNode, inList: Bool) -> Int {
            switch node {
            case .scalar: return inList ? 1 : 0
            case .sequence(let items, _): return items.reduce(0) { $0 + listedText($1, inList: true) }
            case .mapping(let pairs, _): return pairs.reduce(0) { $0 + listedText($1.value, inList: inList) }
            }
        }
        let counted = mapping.filter { !read.contains($0.key.scalar?.string ?? "?") }.map {
            (key: $0.key.scalar?.string ?? "?", items: listedText($0.value, inList: false), location: location(of: $0.key))
        }
        return counted.max { $0.items < $1.items }.flatMap { $0.items >= 3 ? $0 : nil }
    }

    /// Keys that other static site generators (Hugo, Jekyll, Docusaurus) put in front matter:
    /// known, and quietly ignored where they mean nothing to ladder.
    static let siteGeneratorKeys = [
        "linktitle", "description", "date", "lastmod", "weight", "tags", "categories", "aliases", "layout", "menu", "toc",
        "sidebar", "type", "url", "author", "authors", "summary", "keywords", "image", "permalink", "excerpt", "nav_order",
        "parent", "has_children", "published", "sidebar_position", "sidebar_label", "id", "hide_title",
    ]

    mutating func ignoreSiteGeneratorKeys() {
        ignoresSiteGeneratorKeys = true
    }

    private var ignoresSiteGeneratorKeys = false

    /// One warning for the keys that were never read (at the first of them), then every
    /// diagnostic collected. A front matter written for another tool names many keys ladder
    /// does not use: one line says so, rather than one line each.
    func finish(nested: [YAMLFields] = []) -> [Diagnostic] {
        var result = diagnostics
        let unknown = mapping.map(\.key).filter { key in
            let name = key.scalar?.string ?? "?"
            return !read.contains(name) && !(ignoresSiteGeneratorKeys && Self.siteGeneratorKeys.contains(name))
        }
        if let first = unknown.first {
            let known = read.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let names = unknown.map { "'\($0.scalar?.string ?? "?")'" }
            let listed = names.count == 1 ? "key \(names[0]) in \(context) is" : "keys \(names.dropLast().joined(separator: ", ")) and \(names.last!) in \(context) are"
            result.append(.warning("unknown-key", "unknown \(listed) ignored; known keys: \(known)", at: location(of: first)))
        }
        return result + nested.flatMap { $0.finish() }
    }

    static func location(of node: YAMLNode, file: String, lineOffset: Int) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line + lineOffset, column: node.mark.column)
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar, _): return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    static func yamlDiagnostic(_ error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // The context (such as "while parsing a flow mapping") starts where the fix is usually
            // needed, so it is the position given; the problem's own position can be the file's end.
            let position = context?.mark ?? mark
            let detail = [problem, context.map { "\($0.text) that starts here" }].compactMap { $0 }.joined(separator: " ")
            return .error(
                "yaml-syntax", "invalid YAML: \(detail); check the indentation and quoting",
                at: SourceLocation(file: file, line: position.line + lineOffset, column: position.column))
        default:
            return .error("yaml-syntax", "invalid YAML: \(error)", at: SourceLocation(file: file, line: lineOffset + 1))
        }
    }
}
