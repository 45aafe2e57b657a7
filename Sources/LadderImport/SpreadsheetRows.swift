import CSV
import Foundation
import LadderModel

/// A spreadsheet export read into rows of cells, each row with the line it starts on, so that
/// every cell can be named as `file:line:column`. CSV.swift reads the quoting; this type only
/// removes a byte-order mark, guesses the separator, and drops trailing empty rows and columns.
struct SpreadsheetRows {
    var rows: [[String]]
    /// The line each row starts on (a quoted cell with line breaks spans several).
    var lines: [Int]
    let file: String

    enum Separator: Equatable {
        case comma, semicolon, tab

        var scalar: UnicodeScalar {
            switch self {
            case .comma: ","
            case .semicolon: ";"
            case .tab: "\t"
            }
        }
    }

    /// `separator`: nil to guess from the header line (the one of `,`, `;` and tab it holds most
    /// of outside quotes; Excel in much of Europe writes `;`).
    init(_ text: String, file: String, separator: Separator? = nil) throws {
        self.file = file
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let chosen = separator ?? Self.guessSeparator(text)
        let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: chosen.scalar)
        var rows: [[String]] = [], lines: [Int] = []
        var line = 1
        while let row = reader.next() {
            rows.append(row.map { $0.replacingOccurrences(of: "\r\n", with: "\n") })
            lines.append(line)
            // The next row starts after this one's line breaks, including those inside quoted cells.
            line += 1 + row.reduce(0) { $0 + $1.filter(\.isNewline).count }
        }
        if let error = reader.error { throw error }
        // Trailing empty rows and columns are what spreadsheets pad with.
        while let last = rows.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            rows.removeLast()
            lines.removeLast()
        }
        let width = rows.map { row in (row.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? -1) + 1 }.max() ?? 0
        self.rows = rows.map { Array($0.prefix(width)) + Array(repeating: "", count: max(0, width - $0.count)) }
        self.lines = lines
    }

    static func guessSeparator(_ text: String) -> Separator {
        let header = text.prefix { $0 != "\n" && $0 != "\r" }
        var counts: [Separator: Int] = [.comma: 0, .semicolon: 0, .tab: 0]
        var quoted = false
        for character in header {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted: counts[.comma]! += 1
            case ";" where !quoted: counts[.semicolon]! += 1
            case "\t" where !quoted: counts[.tab]! += 1
            default: break
            }
        }
        return [Separator.comma, .semicolon, .tab].max { counts[$0]! < counts[$1]! }.flatMap { counts[$0]! > 0 ? $0 : nil } ?? .comma
    }

    /// Where a cell is: its row's line, and its column counted from 1.
    func location(row: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: lines[row], column: column + 1)
    }
}

extension SpreadsheetRows.Separator: Hashable {}
