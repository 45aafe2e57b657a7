/// Swift source for the built-in templates: one function per template that writes its page
/// through `TemplateRun` (LadderSite), in place of swift-mustache's walk over parsed tokens.
/// The functions do what the library does for each tag; `TemplateRun` holds the lookups.
struct TemplateCompiler {
    /// Template name → its tree.
    let templates: [String: [MustacheNode]]
    private var functionNames: [String: String] = [:]
    private var keys: [String: String] = [:]

    init(templates: [String: [MustacheNode]]) {
        self.templates = templates
        for (index, name) in templates.keys.sorted().enumerated() {
            functionNames[name] = "template\(index)_" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        }
    }

    mutating func source() -> String {
        var functions = ""
        for name in templates.keys.sorted() {
            functions += "\n    /// templates/\(name).mustache\n"
            functions += "    static func \(functionNames[name]!)(_ run: inout TemplateRun) {\n"
            functions += statements(templates[name]!, indent: 2)
            functions += "    }\n"
        }
        var source = "// Generated from templates/ by the EmbedTemplates plugin. Do not edit.\n\n"
        source += "enum CompiledTemplates {\n"
        source += "    /// Each built-in template, compiled.\n"
        source += "    static let renderers: [String: @Sendable (inout TemplateRun) -> Void] = [\n"
        for name in templates.keys.sorted() { source += "        \(quoted(name)): \(functionNames[name]!),\n" }
        source += "    ]\n\n"
        source += "    /// The templates each template names as a partial or parent.\n"
        source += "    static let references: [String: [String]] = [\n"
        for name in templates.keys.sorted() {
            let names = Set(references(templates[name]!)).sorted().map(quoted).joined(separator: ", ")
            source += "        \(quoted(name)): [\(names)],\n"
        }
        source += "    ]\n"
        for (key, constant) in keys.sorted(by: { $0.value < $1.value }) {
            source += "    private static let \(constant) = \(pathKey(key))\n"
        }
        return source + functions + "}\n"
    }

    private func references(_ nodes: [MustacheNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .text, .variable: []
            case .section(_, _, let body), .block(_, let body), .blockDefinition(_, let body): references(body)
            case .partial(let name): [name]
            case .parent(let name, let blocks): [name] + blocks.values.flatMap(references)
            }
        }
    }

    private mutating func statements(_ nodes: [MustacheNode], indent: Int) -> String {
        let pad = String(repeating: "    ", count: indent)
        var code = ""
        var pendingText = ""
        func flushText() {
            if !pendingText.isEmpty { code += "\(pad)run.text(\(quoted(pendingText)))\n" }
            pendingText = ""
        }
        for node in nodes {
            if case .text(let text) = node {
                pendingText += text
                continue
            }
            flushText()
            switch node {
            case .text: break
            case .variable(let name, let escaped):
                code += "\(pad)run.\(escaped ? "escaped" : "unescaped")(\(key(name)))\n"
            case .section(let name, let inverted, let body):
                code += "\(pad)run.\(inverted ? "invertedSection" : "section")(\(key(name))) { run in\n"
                code += statements(body, indent: indent + 1)
                code += "\(pad)}\n"
            case .partial(let name):
                // The library renders a partial it does not have as nothing.
                if let function = functionNames[name] { code += "\(pad)\(function)(&run)\n" }
            case .parent(let name, let blocks):
                code += "\(pad)run.inheriting([\n"
                for block in blocks.keys.sorted() {
                    code += "\(pad)    \(quoted(block)): { run in\n"
                    code += statements(blocks[block]!, indent: indent + 2)
                    code += "\(pad)    },\n"
                }
                code += "\(pad)]) { run in\n"
                if let function = functionNames[name] { code += "\(pad)    \(function)(&run)\n" }
                code += "\(pad)}\n"
            case .block(let name, let defaultBody):
                code += "\(pad)run.block(\(quoted(name))) { run in\n"
                code += statements(defaultBody, indent: indent + 1)
                code += "\(pad)}\n"
            case .blockDefinition:
                break  // only inside a parent, where the parser collected it
            }
        }
        flushText()
        return code
    }

    /// A `TemplateKey` for a tag's name; dotted names are made once, as constants.
    private mutating func key(_ name: String) -> String {
        // As the library splits names: "." and "" are the current object, ".a" is looked up in it only.
        if name.split(separator: ".").isEmpty { return ".current" }
        if !name.contains(".") { return ".name(\(quoted(name)))" }
        if let constant = keys[name] { return constant }
        let constant = "key\(keys.count)"
        keys[name] = constant
        return constant
    }

    private func pathKey(_ name: String) -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: true).map { quoted(String($0)) }.joined(separator: ", ")
        return name.hasPrefix(".") ? "TemplateKey.inCurrent([\(parts)])" : "TemplateKey.path([\(parts)])"
    }
}

/// A Swift string literal that holds exactly `text`.
func quoted(_ text: String) -> String {
    var literal = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": literal += "\\\\"
        case "\"": literal += "\\\""
        case "\n": literal += "\\n"
        case "\r": literal += "\\r"
        case "\t": literal += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: literal += "\\u{\(String(scalar.value, radix: 16))}"
        default: literal.unicodeScalars.append(scalar)
        }
    }
    return literal + "\""
}
