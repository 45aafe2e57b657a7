import LadderModel

/// The lines of a GitHub-style pipe table (also read by `ladder import` for grids in Markdown).
public enum PipeTable {
    /// A row's cells: split at pipes that are not escaped (`\|` is a pipe in a cell, also in a
    /// code span, as GFM has it), with the outer pipes and each cell's spaces removed.
    public static func cells(_ line: Substring) -> [String] {
        var trimmed = line.trimmingSpaces()
        if trimmed.hasPrefix("|") { trimmed.removeFirst() }
        if trimmed.hasSuffix("|") && !trimmed.hasSuffix("\\|") { trimmed.removeLast() }
        guard !trimmed.isEmpty || line.contains("|") else { return [] }
        var cells: [String] = [], current = ""
        var escaped = false
        for character in trimmed {
            if escaped {
                current += character == "|" ? "|" : "\\\(character)"
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current += "\\" }
        cells.append(current.trimmingSpaces())
        return cells
    }

    /// `---`, `:--`, `--:` or `:-:` in every cell, as many cells as the header.
    public static func isDelimiterRow(_ cells: [String], columns: Int) -> Bool {
        cells.count == columns && cells.allSatisfy { cell in
            var core = Substring(cell)
            if core.hasPrefix(":") { core.removeFirst() }
            if core.hasSuffix(":") { core.removeLast() }
            return !core.isEmpty && core.allSatisfy { $0 == "-" }
        }
    }
}
