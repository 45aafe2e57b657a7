import Ccmark
import CmarkArena
import Foundation
import LadderModel

/// The Markdown of one file as Swift values with positions. Every call into libcmark is in this
/// file, and the C tree is gone before `MarkdownDocument.parse` returns.
struct MarkdownDocument {
    var blocks: [MarkdownBlock]
    /// Links to other content files and to anchors, which the site resolves to its pages.
    var links: [ContentLink] = []

    /// Parses `text` (the body after any front matter). `firstLine` is the body's line in the
    /// file, so positions point into the file the user edits. Without `html`, only plain text
    /// is made (for `ladder check`, which shows no HTML).
    static func parse(_ text: Substring, file: String, firstLine: Int, html: Bool = true) -> MarkdownDocument {
        // cmark allocates from this thread's arena, which is emptied at once when the document
        // has been converted: the parser and the tree are not freed piece by piece, and nothing
        // of cmark's outlives this function.
        let memory = ArenaClaim()
        defer { memory.release() }
        // Safe mode (no CMARK_OPT_UNSAFE): raw HTML is omitted, javascript: and similar links are emptied.
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, memory.allocator) else { return MarkdownDocument(blocks: []) }
        var text = text  // withUTF8 needs a mutable string; it copies only a bridged one
        text.withUTF8 { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        guard let root = cmark_parser_finish(parser) else { return MarkdownDocument(blocks: []) }
        defer { memory.free(parser: parser, root: root) }
        // Only a document with a "]" can hold a link: most behaviours have none.
        let links = text.utf8.contains(UInt8(ascii: "]")) ? markContentLinks(root, file: file, lineOffset: firstLine - 1) : []
        let converter = Converter(file: file, lineOffset: firstLine - 1, makesHTML: html, source: text)
        return MarkdownDocument(blocks: converter.children(of: root).map(converter.block), links: links)
    }

    /// Finds the links to content files (`../engineering/4-staff.md#craft`) and to anchors
    /// (`#craft`), gives each the address `ContentLink.marker`, which the site replaces with
    /// the linked page's, and returns them with their positions.
    private static func markContentLinks(_ root: OpaquePointer, file: String, lineOffset: Int) -> [ContentLink] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var links: [ContentLink] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_LINK,
                let url = cmark_node_get_url(node).map({ String(cString: $0) }),
                let link = ContentLink(url, from: file, at: SourceLocation(
                    file: file, line: Int(cmark_node_get_start_line(node)) + lineOffset,
                    column: max(1, Int(cmark_node_get_start_column(node)))))
            else { continue }
            cmark_node_set_url(node, link.marker)
            links.append(link)
        }
        return links
    }

    /// Every list item of `text` as cmark sees it: where it starts, how many lists hold it (1:
    /// a top-level item, 2: an item of a list inside one, …), where its list starts, and whether
    /// that list is links alone. The tests hold the model to this count, so that no bullet can
    /// leave it unnoticed.
    static func listItems(_ text: Substring, file: String, firstLine: Int) -> [ListItem] {
        let memory = ArenaClaim()
        defer { memory.release() }
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, memory.allocator) else { return [] }
        var text = text
        text.withUTF8 { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        guard let root = cmark_parser_finish(parser) else { return [] }
        defer { memory.free(parser: parser, root: root) }
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        let converter = Converter(file: file, lineOffset: firstLine - 1, makesHTML: false, source: "")
        var items: [ListItem] = []
        var depth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_ITEM else { continue }
            if event == CMARK_EVENT_EXIT {
                depth -= 1
                continue
            }
            depth += 1
            guard let list = cmark_node_parent(node) else { continue }
            let isNavigation = converter.children(of: list).allSatisfy(converter.isLinkOnly)
            items.append(ListItem(location: converter.location(node), depth: depth, list: converter.location(list), inNavigation: isNavigation))
        }
        return items
    }
}

/// A top-level block, as the heading rule needs to see it.
enum MarkdownBlock {
    case heading(level: Int, title: String, location: SourceLocation)
    case list(MarkdownList)
    case quote(RichText, location: SourceLocation)
    case paragraph(RichText, location: SourceLocation)
    /// Code blocks, thematic breaks and tables: kept as rendered HTML.
    case other(html: String, location: SourceLocation)
    /// Raw HTML (comments, `<picture>`, `<img>`): omitted by safe mode, and never content.
    case rawHTML(location: SourceLocation)

    var location: SourceLocation {
        switch self {
        case .list(let list): return list.location
        case .heading(_, _, let location), .quote(_, let location),
            .paragraph(_, let location), .other(_, let location), .rawHTML(let location):
            return location
        }
    }

    /// Block-level HTML, for prose that is shown as it was written.
    var html: String {
        switch self {
        case .heading(let level, let title, _): return "<h\(level + 1)>\(escapeHTML(title))</h\(level + 1)>\n"
        case .list(let list): return list.html
        case .quote(let text, _): return "<blockquote>\n\(text.html)</blockquote>\n"
        case .paragraph(let text, _): return "<p>\(text.html)</p>\n"
        case .other(let html, _): return html
        case .rawHTML: return ""
        }
    }
}

/// A list's items as behaviours (their own paragraphs as text, their first nested list as
/// examples), and item by item the block HTML of anything else inside them.
struct MarkdownList {
    var behaviours: [Behaviour]
    var restHTML: [String]
    /// Item by item, the bold label it starts with (`**Delivery:** …`), without the colon.
    var labels: [String?]
    var location: SourceLocation
    /// Every item is a link alone: navigation (a table of contents, a footer of links).
    var isNavigation: Bool

    var html: String {
        "<ul>\n" + zip(behaviours, restHTML).map { "<li>\($0.content.html)\($1)</li>\n" }.joined() + "</ul>\n"
    }

    /// Most items start with a bold label: the list names an area per item.
    var isLabelled: Bool {
        let labelled = labels.count { $0 != nil }
        return labelled > 0 && labelled * 2 >= labels.count
    }
}

private struct Converter {
    let file: String
    let lineOffset: Int
    let makesHTML: Bool
    /// The Markdown's lines, for what cmark does not read itself (pipe tables).
    let lines: [Substring]
    /// One buffer for every plain text of the document, rather than one grown for each.
    private let scratch = Scratch()

    private final class Scratch {
        var bytes: [UInt8] = []
    }

    init(file: String, lineOffset: Int, makesHTML: Bool, source: Substring) {
        self.file = file
        self.lineOffset = lineOffset
        self.makesHTML = makesHTML
        // Only a document with a pipe in it can hold a table: most are never split into lines.
        lines = source.utf8.contains(UInt8(ascii: "|")) ? source.split(separator: "\n", omittingEmptySubsequences: false) : []
    }

    func location(_ node: OpaquePointer) -> SourceLocation {
        SourceLocation(
            file: file,
            line: Int(cmark_node_get_start_line(node)) + lineOffset,
            column: max(1, Int(cmark_node_get_start_column(node))))
    }

    func children(of node: OpaquePointer) -> Children { Children(parent: node) }

    /// A node's children, walked in place (no array for each node).
    struct Children: Sequence, IteratorProtocol {
        private var upcoming: OpaquePointer?

        init(parent: OpaquePointer) { upcoming = cmark_node_first_child(parent) }

        /// The number of children, counted by walking them: `map` makes its array at this size.
        var underestimatedCount: Int {
            var count = 0
            var node = upcoming
            while let this = node {
                count += 1
                node = cmark_node_next(this)
            }
            return count
        }

        mutating func next() -> OpaquePointer? {
            defer { upcoming = upcoming.flatMap(cmark_node_next) }
            return upcoming
        }
    }

    func block(_ node: OpaquePointer) -> MarkdownBlock {
        let here = location(node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), title: plainText(node), location: here)
        case CMARK_NODE_LIST:
            // Made as the model's behaviours, so that the heading rule can take the array as it is.
            let items = children(of: node), count = items.underestimatedCount
            var list = MarkdownList(behaviours: [], restHTML: [], labels: [], location: here, isNavigation: count > 0)
            list.behaviours.reserveCapacity(count)
            list.restHTML.reserveCapacity(count)
            for child in items {
                let (behaviour, rest) = item(child)
                list.behaviours.append(behaviour)
                list.restHTML.append(rest)
                list.labels.append(label(child))
                list.isNavigation = list.isNavigation && isLinkOnly(child)
            }
            return .list(list)
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(RichText(text: plainText(node), html: renderHTML(childrenOf: node)), location: here)
        case CMARK_NODE_PARAGRAPH:
            if let table = table(node) { return .other(html: table, location: here) }
            if isRawHTMLOnly(node) { return .rawHTML(location: here) }
            return .paragraph(inline(node), location: here)
        case CMARK_NODE_HTML_BLOCK:
            return .rawHTML(location: here)
        default:
            return .other(html: renderHTML(node), location: here)
        }
    }

    /// A behaviour's own paragraphs become its text; items of its first nested list become
    /// examples; everything deeper is rendered by cmark as HTML (iteratively, so deep nesting
    /// cannot exhaust the stack), the item's rest.
    func item(_ node: OpaquePointer) -> (Behaviour, rest: String) {
        // Most items are one paragraph: the first needs no array.
        var first: RichText?
        var more: [RichText] = []
        var examples: [RichText] = []
        var rest = ""
        for child in children(of: node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_PARAGRAPH where examples.isEmpty && rest.isEmpty:
                if first == nil { first = inline(child) } else { more.append(inline(child)) }
            case CMARK_NODE_LIST where rest.isEmpty:
                for example in children(of: child) {
                    let exampleParts = Array(children(of: example))
                    let first = exampleParts.first.flatMap { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH ? $0 : nil }
                    var text = first.map(inline) ?? RichText(text: "", html: "")
                    for extra in exampleParts where extra != first {
                        text.text += (text.text.isEmpty ? "" : " ") + plainText(extra)
                        text.html += renderHTML(extra)
                    }
                    examples.append(text)
                }
            default:
                rest += renderHTML(child)
            }
        }
        let content: RichText
        if let first, !more.isEmpty {  // the paragraphs joined, made only for the few items that have several
            let paragraphs = [first] + more
            content = RichText(
                text: paragraphs.map { $0.text }.joined(separator: " "),
                html: paragraphs.map { $0.html }.joined(separator: "<br>\n"))
        } else {
            content = first.take() ?? RichText(text: "", html: "")  // moved, not copied
        }
        return (Behaviour(content: content, examples: examples, location: location(node)), rest)
    }

    /// A paragraph of inline HTML alone (`<picture>…</picture>` on one line), which safe mode omits.
    func isRawHTMLOnly(_ paragraph: OpaquePointer) -> Bool {
        var sawHTML = false
        for child in children(of: paragraph) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_HTML_INLINE: sawHTML = true
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: continue
            case CMARK_NODE_TEXT:
                let literal = cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
                if !literal.allSatisfy(\.isWhitespace) { return false }
            default: return false
            }
        }
        return sawHTML
    }

    /// The bold label an item starts with: `**Delivery:** …` or `**Delivery**: …`.
    func label(_ item: OpaquePointer) -> String? {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let strong = cmark_node_first_child(paragraph), cmark_node_get_type(strong) == CMARK_NODE_STRONG
        else { return nil }
        var label = plainText(strong)
        if label.hasSuffix(":") {
            label.removeLast()
        } else {
            guard let after = cmark_node_next(strong), cmark_node_get_type(after) == CMARK_NODE_TEXT,
                cmark_node_get_literal(after).map({ String(cString: $0).hasPrefix(":") }) == true
            else { return nil }
        }
        label = label.trimmingSpacesAndNewlines()
        return label.isEmpty || label.count > 60 ? nil : label
    }

    /// Whether a list item is a link and nothing else (its text may end with punctuation).
    func isLinkOnly(_ item: OpaquePointer) -> Bool {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return false }
        var sawLink = false
        for child in children(of: paragraph) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_LINK: sawLink = true
            case CMARK_NODE_TEXT:
                let literal = cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
                if literal.contains(where: { $0.isLetter || $0.isNumber }) { return false }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: continue
            default: return false
            }
        }
        return sawLink
    }

    /// A paragraph that is a GitHub-style pipe table, as an HTML table; nil for any other
    /// paragraph. libcmark has no table extension, so the table is read from the paragraph's
    /// source lines: a header row, a delimiter row (`| --- | :-: |`) with as many cells, then
    /// body rows. Cells are Markdown, rendered inline.
    /// Made in `ladder check` too (tables are rare): the matrix-table check reads the header.
    func table(_ paragraph: OpaquePointer) -> String? {
        guard !lines.isEmpty else { return nil }
        let first = Int(cmark_node_get_start_line(paragraph)) - 1, last = Int(cmark_node_get_end_line(paragraph)) - 1
        guard first >= 0, last > first, last < lines.count else { return nil }
        let rows = lines[first...last].map(PipeTable.cells)
        guard rows[0].count > 0, PipeTable.isDelimiterRow(rows[1], columns: rows[0].count),
            lines[first].contains("|")
        else { return nil }
        var html = "<table>\n<thead>\n<tr>" + rows[0].map { "<th>\(inlineHTML($0))</th>" }.joined() + "</tr>\n</thead>\n"
        if rows.count > 2 {
            html += "<tbody>\n"
            for row in rows[2...] {
                // GFM: a row has the header's number of cells, cut or filled with empty ones.
                let cells = (row + Array(repeating: "", count: max(0, rows[0].count - row.count))).prefix(rows[0].count)
                html += "<tr>" + cells.map { "<td>\(inlineHTML($0))</td>" }.joined() + "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table>\n"
    }

    /// One table cell's Markdown as inline HTML, in safe mode.
    private func inlineHTML(_ cell: String) -> String {
        guard !cell.isEmpty, let rendered = cell.withCString({ cmark_markdown_to_html($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return ""
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        if html.hasPrefix("<p>") { html.removeFirst(3) }
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasSuffix("</p>") { html.removeLast(4) }
        return html
    }

    /// A paragraph as plain text and as inline HTML (cmark's `<p>` wrapper removed).
    func inline(_ paragraph: OpaquePointer) -> RichText {
        guard makesHTML else { return RichText(text: plainText(paragraph), html: "") }
        var html = renderHTML(paragraph)
        if html.hasPrefix("<p>") { html.removeFirst(3) }
        if html.hasSuffix("</p>\n") { html.removeLast(5) }
        return RichText(text: plainText(paragraph), html: html)
    }

    func renderHTML(_ node: OpaquePointer) -> String {
        // The text is in the document's arena: it is not freed on its own.
        guard makesHTML, let rendered = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        return String(cString: rendered)
    }

    func renderHTML(childrenOf node: OpaquePointer) -> String {
        children(of: node).map { renderHTML($0) }.joined()
    }

    /// The text a reader sees, without markup: literals joined, breaks as spaces, and leading
    /// and trailing spaces, tabs and newlines removed. Gathered as bytes, made a string once.
    func plainText(_ node: OpaquePointer) -> String {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        // Most headings and paragraphs are one run of text: its literal is the whole text.
        if let only = cmark_node_first_child(node), cmark_node_next(only) == nil, cmark_node_get_type(only) == CMARK_NODE_TEXT {
            guard let literal = cmark_node_get_literal(only) else { return "" }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
            guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
            else { return "" }
            return String(decoding: bytes[first...last], as: UTF8.self)
        }
        let space = UInt8(ascii: " ")
        var bytes = scratch.bytes
        scratch.bytes = []  // so that `bytes` is the only reference and appends do not copy
        defer {
            bytes.removeAll(keepingCapacity: true)
            scratch.bytes = bytes
        }
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if event == CMARK_EVENT_EXIT {
                // Paragraphs inside a quote or an item read as one line.
                if type == CMARK_NODE_PARAGRAPH, current != node, bytes.last != space { bytes.append(space) }
                continue
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(current) {
                    bytes += UnsafeRawBufferPointer(start: literal, count: strlen(literal))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                bytes.append(space)
            default:
                break
            }
        }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}

/// The memory one document is parsed in: the thread's arena when no other document on the thread
/// is using it, which is emptied at once afterwards; cmark's own allocator for a document parsed
/// while another is (a parse inside a parse), whose tree is then freed node by node.
private struct ArenaClaim {
    let owns = ladder_arena_claim() != 0

    var allocator: UnsafeMutablePointer<cmark_mem> { owns ? arenaAllocator : cmark_get_default_mem_allocator() }

    /// Frees what was parsed, unless the arena's reset will.
    func free(parser: OpaquePointer, root: OpaquePointer) {
        guard !owns else { return }
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    func release() {
        ladder_arena_release()
        if owns { ladder_arena_reset() }
    }
}

/// cmark's memory: the thread-local arena of `CmarkArena`, emptied after each document.
/// `nonisolated(unsafe)`: the pointer and the struct it points to are written once, when first
/// used, and only read after; each thread's arena is its own.
nonisolated(unsafe) private let arenaAllocator: UnsafeMutablePointer<cmark_mem> = {
    let allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
    allocator.initialize(to: cmark_mem(calloc: ladder_arena_calloc, realloc: ladder_arena_realloc, free: ladder_arena_free))
    return allocator
}()
