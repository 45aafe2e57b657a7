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
