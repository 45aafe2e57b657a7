import Foundation
import LadderModel
import LadderParser

/// A grid: one row per area, one column per level. The header row names the levels (the role
/// titles), the first column the areas; a cell holds one behaviour, or several on separate lines,
/// separated by `<br>`, or each starting with `- ` or `• `. A row whose level cells are all empty
/// is a group heading for the areas below it.
enum GridImport {
    /// `isMarkdown`: the cells are Markdown (a pipe table) rather than plain text.
    static func read(_ sheet: SpreadsheetRows, track: String, isMarkdown: Bool = false) -> ImportResult {
        var diagnostics: [Diagnostic] = []
        guard let header = sheet.rows.first, header.count >= 2 else {
            return ImportResult(framework: ImportedFramework(), diagnostics: [.error(
                "import-no-levels", "a grid needs a header row of levels after its first column; name one level per column",
                at: SourceLocation(file: sheet.file))])
        }
        let levelColumns = header.indices.dropFirst().filter { !header[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        let titles = levelColumns.map { oneLine(header[$0]) }
        // Level ids: what the titles name when every one names one ("L3 Senior"), else 1, 2, 3 ….
        let named = titles.map { Level.named(in: $0)?.id }
        let levels = named.allSatisfy({ $0 != nil }) && Set(named).count == named.count ? named.map { $0! } : titles.indices.map { String($0 + 1) }
        var builder = FrameworkBuilder()
        var group: String?
        var groupRows: [(title: String, row: Int)] = []
        for row in sheet.rows.indices.dropFirst() {
            let cells = sheet.rows[row]
            let area = oneLine(cells[0])
            for column in header.indices.dropFirst() where !levelColumns.contains(column) && !cells[column].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                diagnostics.append(.warning(
                    "import-cell-without-level", "this cell is in a column with no level in its header, so it was left out; name the level in the header row",
                    at: sheet.location(row: row, column: column)))
            }
            let filled = levelColumns.filter { !cells[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if filled.isEmpty {
                if !area.isEmpty {  // a group heading, or a blank row
                    group = area
                    groupRows.append((area, row))
                }
                continue
            }
            guard !area.isEmpty else {
                diagnostics.append(.error(
                    "import-incomplete-row", "this row has behaviours but no area in its first column; name the area",
                    at: sheet.location(row: row, column: filled[0])))
                continue
            }
            for column in filled {
                let index = levelColumns.firstIndex(of: column)!
                for text in behaviours(in: cells[column], isMarkdown: isMarkdown) {
                    builder.add(
                        ImportedBehaviour(text: text, isMarkdown: isMarkdown), track: track, level: levels[index], role: titles[index],
                        area: area, areaKey: nil, group: group)
                }
            }
        }
        var framework = builder.framework()
        let allGrouped = framework.tracks.allSatisfy { $0.roles.allSatisfy { $0.areas.allSatisfy { $0.group != nil } } }
        if !groupRows.isEmpty && (Set(groupRows.map(\.title)).count < 2 || !allGrouped) {
            diagnostics.append(.warning(
                "import-groups-not-kept",
                "this row has no behaviours, so it was read as a group heading, but groups are kept only when every area is in one of two or more; its areas are imported without a group",
                at: sheet.location(row: groupRows[0].row, column: 0)))
        }
        // The grid's columns are its levels, in the order written, whatever they sort as.
        for index in framework.tracks.indices {
            framework.tracks[index].roles.sort { a, b in
                (titles.firstIndex(of: a.title) ?? 0) < (titles.firstIndex(of: b.title) ?? 0)
            }
            if !named.allSatisfy({ $0 != nil }) {
                for (position, role) in framework.tracks[index].roles.enumerated() {
                    framework.tracks[index].roles[position].level = levels[titles.firstIndex(of: role.title) ?? position]
                }
            }
        }
        return ImportResult(framework: framework, diagnostics: diagnostics)
    }

    /// A cell's behaviours: one per line, per `<br>`, or per leading bullet.
    static func behaviours(in cell: String, isMarkdown: Bool) -> [String] {
        let broken = cell.replacing(/(?i)<br\s*\/?>/, with: "\n")
        return broken.split(whereSeparator: \.isNewline).map { line -> String in
            var text = line.trimmingCharacters(in: .whitespaces)
            for bullet in ["- ", "• ", "* ", "·"] where text.hasPrefix(bullet) {
                text = String(text.dropFirst(bullet.count)).trimmingCharacters(in: .whitespaces)
            }
            return text
        }.filter { !$0.isEmpty }
    }
}

/// A Markdown file's first pipe table as rows of cells, for a grid kept in Markdown; its first
/// `# ` heading names the track, and the rest of its text is the track's introduction.
enum MarkdownGrid {
    static func title(_ text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("# ") }.map { $0.dropFirst(2).trimmingCharacters(in: .whitespaces) }
    }

    /// The Markdown around the table, without the title.
    static func introduction(_ text: String, sheet: SpreadsheetRows) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let table = Set((sheet.lines.first! - 1)...(sheet.lines.last! - 1)).union([sheet.lines.first!])  // the delimiter row too
        let kept = lines.indices.filter { !table.contains($0) && !lines[$0].hasPrefix("# ") }.map { String(lines[$0]) }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func rows(_ text: String, file: String) -> SpreadsheetRows? {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for start in lines.indices.dropLast() {
            let header = cells(lines[start])
            guard header.count >= 2, isDelimiterRow(cells(lines[start + 1]), columns: header.count) else { continue }
            var rows = [header], numbers = [start + 1]
            var next = start + 2
            while next < lines.count, lines[next].contains("|"), !lines[next].trimmingCharacters(in: .whitespaces).isEmpty {
                let row = cells(lines[next])
                rows.append(Array(row.prefix(header.count)) + Array(repeating: "", count: max(0, header.count - row.count)))
                numbers.append(next + 1)
                next += 1
            }
            return SpreadsheetRows(rows: rows, lines: numbers, file: file)
        }
        return nil
    }

    static func cells(_ line: Substring) -> [String] { PipeTable.cells(line) }

    static func isDelimiterRow(_ cells: [String], columns: Int) -> Bool { PipeTable.isDelimiterRow(cells, columns: columns) }
}

extension SpreadsheetRows {
    init(rows: [[String]], lines: [Int], file: String) {
        self.rows = rows
        self.lines = lines
        self.file = file
    }
}
