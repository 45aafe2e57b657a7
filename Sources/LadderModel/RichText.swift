/// Inline Markdown held twice: as plain text (for search, CSV, diffs) and as safe inline HTML
/// rendered once by the parser, so that no later stage needs a Markdown renderer.
public struct RichText: Hashable, Sendable {
    public var text: String
    public var html: String

    public init(text: String, html: String) {
        self.text = text
        self.html = html
    }
}

/// Text made safe to place in HTML, in element content or a quoted attribute.
public func escapeHTML(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}
