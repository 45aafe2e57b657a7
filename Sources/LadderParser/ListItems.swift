import LadderModel

/// One list item of a Markdown file, for the tests that account for every bullet.
public struct ListItem: Sendable {
    public var location: SourceLocation
    /// 1 for an item of a top-level list, 2 for an item of a list inside an item, …
    public var depth: Int
    /// Where the item's list starts (a diagnostic about a list is given there).
    public var list: SourceLocation
    /// The list is links alone: a table of contents or a footer, not content.
    public var inNavigation: Bool
}

extension SourceFile {
    /// The list items of this file's Markdown (after any front matter), as cmark counts them.
    public var listItems: [ListItem] {
        var ignored: [Diagnostic] = []
        guard let text = text(diagnostics: &ignored) else { return [] }
        let split = FrontMatterSplit(text, file: path, diagnostics: &ignored)
        return MarkdownDocument.listItems(split.body, file: path, firstLine: split.bodyFirstLine)
    }
}
