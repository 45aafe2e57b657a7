/// A built-in template as a tree, read the way swift-mustache 2.1.1 reads it (its
/// `Template+Parser.swift`): the same rules for standalone lines, whitespace before tags and
/// the indentation of `{{$block}}` definitions, so that the Swift compiled from the tree writes
/// the bytes the library writes. `CompiledTemplateTests` renders every page both ways.
///
/// Only what the built-in templates use is read; anything else (set delimiters, transforms,
/// dynamic partials, `{{%…}}`, an indented standalone partial or block) stops the build with a
/// message, and the template is then to be written without it.
indirect enum MustacheNode: Equatable {
    case text(String)
    case variable(name: String, escaped: Bool)
    case section(name: String, inverted: Bool, body: [MustacheNode])
    case partial(name: String)
    /// `{{<name}}…{{/name}}`: the template `name` with these blocks in place of its own.
    case parent(name: String, blocks: [String: [MustacheNode]])
    /// `{{$name}}default{{/name}}` outside a parent: an inherited block, or its default.
    case block(name: String, defaultBody: [MustacheNode])
    /// A `{{$name}}` definition inside a parent (collected into `.parent`'s blocks).
    case blockDefinition(name: String, body: [MustacheNode])
}

struct MustacheSyntaxError: Error, CustomStringConvertible {
    var message: String
    var line: Int
    var description: String { "line \(line): \(message)" }
}

struct MustacheSyntax {
    private let characters: [Character]
    private var position = 0

    static func parse(_ text: String) throws -> [MustacheNode] {
        var syntax = MustacheSyntax(characters: Array(text))
        return try syntax.parse(State())
    }

    private init(characters: [Character]) { self.characters = characters }

    private struct State {
        var sectionName: String?
        /// Where the open section's tag is, for the message if it is never closed.
        var sectionStart = 0
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: [Character]?

        func withSection(_ name: String, at start: Int, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.sectionStart = start
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withParent(_ name: String, at start: Int) -> State {
            var state = self
            state.sectionName = name
            state.sectionStart = start
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    private var atEnd: Bool { position == characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    /// An error at `at` (a position in the text; the current one if not given).
    private func failure(_ message: String, at: Int? = nil) -> MustacheSyntaxError {
        MustacheSyntaxError(message: message, line: characters[..<(at ?? position)].filter(\.isNewline).count + 1)
    }

    private mutating func parse(_ initial: State) throws -> [MustacheNode] {
        var nodes: [MustacheNode] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty { nodes.append(.text(String(whiteSpaceBefore))) }
            whiteSpaceBefore = []
        }
        while !atEnd {
            if state.newLine {
                let whiteSpace = read { $0 == " " || $0 == "\t" }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = readText()
            if current.isNewline {
                nodes.append(.text(String(whiteSpaceBefore + text + [current])))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(String(whiteSpaceBefore + text)))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            let sigil = current, tagStart = position
            switch sigil {
            case "#", "^":
                position += 1
                let name = try readName()
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let body = try parse(state.withSection(name, at: tagStart, newLine: setNewLine))
                nodes.append(.section(name: name, inverted: sigil == "^", body: body))
            case "/":
                position += 1
                let name = try readName()
                guard name == state.sectionName else { throw failure("{{/\(name)}} closes a section that is not open") }
                if !isStandalone(state) { flushWhiteSpace() }
                return nodes
            case "!":
                position += 1
                try skipComment()
                setNewLine = isStandalone(state)
            case "{", "&":
                flushWhiteSpace()
                position += 1
                let name = try readName()
                if sigil == "{" {
                    guard current == "}" else { throw failure("{{{\(name)}} is not closed with }}}") }
                    position += 1
                }
                nodes.append(.variable(name: name, escaped: false))
            case ">":
                position += 1
                let name = try readPartialName()
                let indentation = whiteSpaceBefore
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(state) {
                    setNewLine = true
                    guard indentation.isEmpty else { throw failure("indented standalone {{>\(name)}}: start it at the line's beginning", at: tagStart) }
                }
                nodes.append(.partial(name: name))
                whiteSpaceBefore = []
            case "<":
                position += 1
                let name = try readPartialName()
                guard whiteSpaceBefore.isEmpty else { throw failure("indented {{<\(name)}}: start it at the line's beginning", at: tagStart) }
                if isStandalone(state) { setNewLine = true }
                var blocks: [String: [MustacheNode]] = [:]
                for node in try parse(state.withParent(name, at: tagStart)) {
                    switch node {
                    case .blockDefinition(let block, let body): blocks[block] = body
                    case .text: continue
                    default: throw failure("only {{$block}} sections may appear inside {{<\(name)}}")
                    }
                }
                nodes.append(.parent(name: name, blocks: blocks))
            case "$":
                position += 1
                let name = try readName()
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    nodes.append(.blockDefinition(name: name, body: try parse(state.withSection(name, at: tagStart, newLine: setNewLine))))
                } else {
                    guard whiteSpaceBefore.isEmpty else { throw failure("indented {{$\(name)}}: start it at the line's beginning", at: tagStart) }
                    if isStandalone(state) { setNewLine = true }
                    nodes.append(.block(name: name, defaultBody: try parse(state.withSection(name, at: tagStart, newLine: setNewLine))))
                }
            case "=", "%":
                throw failure("{{\(sigil)…}} tags are not compiled; write the template without them")
            default:
                flushWhiteSpace()
                nodes.append(.variable(name: try readName(), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName { throw failure("{{#\(open)}} is never closed", at: state.sectionStart) }
        return nodes
    }

    /// Text up to a newline or the next `{{` (which is consumed).
    private mutating func readText() -> [Character] {
        var text: [Character] = []
        while !atEnd {
            text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
            if current.isNewline { break }
            if current == "{" {
                if position + 1 < characters.count, characters[position + 1] == "{" {
                    position += 2
                    break
                }
                text.append("{")
                position += 1
            }
        }
        return text
    }

    private mutating func read(while matches: (Character) -> Bool) -> [Character] {
        let start = position
        while !atEnd, matches(characters[position]) { position += 1 }
        return Array(characters[start..<position])
    }

    private mutating func readName() throws -> String {
        _ = read(while: \.isWhitespace)
        let name = String(read { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || ".-_?*".contains($0) })
        if current == "(" { throw failure("transforms such as {{\(name)(…)}} are not compiled") }
        _ = read(while: \.isWhitespace)
        try readClose(after: name)
        return name
    }

    private mutating func readPartialName() throws -> String {
        _ = read(while: \.isWhitespace)
        if current == "*" { throw failure("dynamic partials are not compiled") }
        let name = String(read { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || ".-_?/".contains($0) })
        _ = read(while: \.isWhitespace)
        try readClose(after: name)
        return name
    }

    private mutating func readClose(after name: String) throws {
        guard position + 1 < characters.count, characters[position] == "}", characters[position + 1] == "}" else {
            throw failure("the tag {{\(name) is not finished with }}")
        }
        position += 2
    }

    private mutating func skipComment() throws {
        while position + 1 < characters.count {
            if characters[position] == "}" && characters[position + 1] == "}" {
                position += 2
                return
            }
            position += 1
        }
        throw failure("a comment is not closed with }}")
    }

    /// A tag alone on its line: the rest of the line (spaces, tabs and the newline) is consumed.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var ahead = position
        while ahead < characters.count, characters[ahead] == " " || characters[ahead] == "\t" { ahead += 1 }
        guard ahead < characters.count, characters[ahead].isNewline else { return false }
        position = ahead + 1
        return true
    }
}
