/// A reader for the YAML most front matter is: `key: value` lines at the left margin, where a
/// value is plain text, text in quotes without escapes, or a one-line `{ … }` or `[ … ]` of
/// the same. It gives up (nil) on anything else — comments, anchors, block lists, multi-line
/// values, escapes, empty values, unusual characters — and Yams reads the file instead, so
/// this reader only has to be right about what it accepts: a test compares the two on every
/// front matter of the fixtures and on thousands of generated ones.
///
/// Yams builds a tree of classes through libyaml's events; this is a scan over the bytes, and
/// front matter was a sixth of the time `ladder check` spent parsing.
struct SimpleYAML {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    /// Column of `position`, counted in Unicode scalars (as libyaml counts).
    private var column = 1

    static func read(_ yaml: String) -> YAMLNode? {
        var reader = SimpleYAML(bytes: Array(yaml.utf8))
        guard reader.bytes.allSatisfy(isAllowed), !reader.hasSpecialScalars() else { return nil }
        return reader.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: The block mapping

    private mutating func document() -> YAMLNode? {
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var start: YAMLNode.Mark?
        while position < bytes.count {
            if skipBlankLine() { continue }
            guard peek != space, let key = plainKey() else { return nil }
            start = start ?? key.mark
            guard take(colon), take(space) else { return nil }
            skipSpaces()
            guard let value = blockValue() else { return nil }
            skipSpaces()
            guard atLineEnd else { return nil }
            advance()  // the newline, if any
            pairs.append((key, value))
        }
        guard let start else { return nil }  // an empty document: Yams says what that is
        return .mapping(pairs, start)
    }

    /// A key at the left margin: plain text up to `: `.
    private mutating func plainKey() -> YAMLNode? {
        let mark = here
        let begin = position
        while let byte = peek, byte != colon, byte != newline, !isFlowIndicator(byte) { advance() }
        guard position > begin, peek == colon, bytes[position - 1] != space, startsPlain(bytes[begin]) else { return nil }
        return .scalar(YAMLNode.Scalar(string: text(begin..<position), isPlain: true), mark)
    }

    /// What follows `key: ` on its line.
    private mutating func blockValue() -> YAMLNode? {
        switch peek {
        case nil, newline?: return nil  // an empty value: Yams' rules for what follows are subtle
        case openBrace?: return flowMapping()
        case openBracket?: return flowSequence()
        case doubleQuote?, singleQuote?: return quoted()
        default:
            // Plain text to the end of the line, without trailing spaces; `: ` inside would open a mapping.
            let mark = here
            let begin = position
            guard startsPlain(bytes[begin]) else { return nil }
            var end = position
            while let byte = peek, byte != newline {
                if byte == colon && (position + 1 == bytes.count || bytes[position + 1] == space || bytes[position + 1] == newline) {
                    return nil
                }
                advance()
                if byte != space { end = position }
            }
            return .scalar(YAMLNode.Scalar(string: text(begin..<end), isPlain: true), mark)
        }
    }

    // MARK: Flow collections, on one line

    private mutating func flowMapping() -> YAMLNode? {
        let mark = here
        advance()  // {
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        skipSpaces()
        if take(closeBrace) { return .mapping(pairs, mark) }
        while true {
            guard let key = flowScalar(), key.scalar?.isPlain == true, take(colon), take(space) else { return nil }
            skipSpaces()
            guard let value = flowValue() else { return nil }
            pairs.append((key, value))
            skipSpaces()
            if take(closeBrace) { return .mapping(pairs, mark) }
            guard take(comma) else { return nil }
            skipSpaces()
        }
    }

    private mutating func flowSequence() -> YAMLNode? {
        let mark = here
        advance()  // [
        var items: [YAMLNode] = []
        skipSpaces()
        if take(closeBracket) { return .sequence(items, mark) }
        while true {
            guard let item = flowValue() else { return nil }
            items.append(item)
            skipSpaces()
            if take(closeBracket) { return .sequence(items, mark) }
            guard take(comma) else { return nil }
            skipSpaces()
        }
    }

    private mutating func flowValue() -> YAMLNode? {
        switch peek {
        case openBrace?: return flowMapping()
        case openBracket?: return flowSequence()
        default: return flowScalar()
        }
    }

    /// Quoted text, or plain text up to a flow indicator or `:` (trailing spaces not included).
    private mutating func flowScalar() -> YAMLNode? {
        if peek == doubleQuote || peek == singleQuote { return quoted() }
        let mark = here
        let begin = position
        guard let first = peek, startsPlain(first) else { return nil }
        var end = position
        while let byte = peek, byte != newline, byte != colon, !isFlowIndicator(byte) {
            advance()
            if byte != space { end = position }
        }
        return .scalar(YAMLNode.Scalar(string: text(begin..<end), isPlain: true), mark)
    }

    /// `"…"` or `'…'` on one line, without escapes (no backslash; no doubled single quote).
    private mutating func quoted() -> YAMLNode? {
        let mark = here
        guard let quote = peek else { return nil }
        advance()
        let begin = position
        while let byte = peek, byte != quote, byte != newline { advance() }
        guard take(quote) else { return nil }
        if quote == singleQuote && peek == singleQuote { return nil }
        return .scalar(YAMLNode.Scalar(string: text(begin..<(position - 1)), isPlain: false), mark)
    }

    // MARK: Bytes

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
    private var here: YAMLNode.Mark { YAMLNode.Mark(line: line, column: column) }
    private var atLineEnd: Bool { peek == nil || peek == newline }

    /// Past the scalar at `position` (which is always the first byte of one).
    private mutating func advance() {
        guard position < bytes.count else { return }
        let byte = bytes[position]
        position += 1
        if byte == newline {
            line += 1
            column = 1
            return
        }
        column += 1
        guard byte >= 0x80 else { return }
        // A continuation byte belongs to the scalar just counted.
        while position < bytes.count && bytes[position] & 0xC0 == 0x80 { position += 1 }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        advance()
        return true
    }

    private mutating func skipSpaces() { while peek == space { advance() } }

    /// Skips a line of nothing but spaces (and its newline).
    private mutating func skipBlankLine() -> Bool {
        var end = position
        while end < bytes.count && bytes[end] == space { end += 1 }
        guard end == bytes.count || bytes[end] == newline else { return false }
        while position <= end && position < bytes.count { advance() }
        return true
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Plain text may not start with an indicator, nor with `-`, `?` or `:` (which start a
    /// list item, a complex key or a value before any text).
    private func startsPlain(_ byte: UInt8) -> Bool { byte != space && !Self.indicators.contains(byte) }

    /// Bytes whose meaning this reader does not take on anywhere in the text: control
    /// characters and tabs, comments and escapes. (Anchors, aliases, tags, block scalars and
    /// directives are indicators only where a value starts; `startsPlain` turns those away.)
    private static func isAllowed(_ byte: UInt8) -> Bool {
        (byte >= 0x20 || byte == 0x0A) && byte != 0x7F && byte != UInt8(ascii: "#") && byte != UInt8(ascii: "\\")
    }

    /// Characters outside ASCII that libyaml treats apart: C1 controls (including NEL, a line
    /// break in YAML 1.1), the line and paragraph separators, the byte-order mark and non-characters.
    private func hasSpecialScalars() -> Bool {
        for index in bytes.indices where bytes[index] >= 0xC2 {
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0, third = index + 2 < bytes.count ? bytes[index + 2] : 0
            if bytes[index] == 0xC2 && next < 0xA0 { return true }  // U+0080–U+009F
            if bytes[index] == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return true }  // U+2028, U+2029
            if bytes[index] == 0xEF && ((next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE)) { return true }
        }
        return false
    }

    private static let indicators: [UInt8] = Array("-?:,[]{}#&*!|>'\"%@`".utf8)

    /// `,[]{}`, tested for every byte of a key or a flow scalar.
    private func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == comma || byte == openBracket || byte == closeBracket || byte == openBrace || byte == closeBrace
    }
}

// Constants rather than stored properties: as properties they were loaded from the reader for
// every byte compared.
private let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
private let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
private let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
