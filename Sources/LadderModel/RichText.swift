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
    // Byte by byte: the five characters are ASCII, and no byte of a longer UTF-8 sequence is.
    let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
    guard text.utf8.contains(where: special) else { return text }
    var result: [UInt8] = []
    result.reserveCapacity(text.utf8.count + 16)
    for byte in text.utf8 {
        switch byte {
        case 0x26: result += Array("&amp;".utf8)
        case 0x3C: result += Array("&lt;".utf8)
        case 0x3E: result += Array("&gt;".utf8)
        case 0x22: result += Array("&quot;".utf8)
        case 0x27: result += Array("&#39;".utf8)
        default: result.append(byte)
        }
    }
    return String(decoding: result, as: UTF8.self)
}
