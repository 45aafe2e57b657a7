/// How the matrix's rows fall onto landscape pages in print: groups of rows, each group starting
/// a page, so that no page holds a lone row and the last page is about as full as the others.
///
/// A browser breaks a table wherever the page runs out, which can leave the last area alone on
/// a page. The groups are chosen from an estimate of each row's printed height, made with the
/// print style's figures below (print.css: 8pt text on landscape A4 or Letter), kept on the
/// generous side so that a group estimated to fit a page does fit it.
enum MatrixPages {
    /// The printed figures, in points: landscape A4 less print.css's `@page matrix` margins
    /// (Letter is narrower but taller: about the same rows fit), and the columns' widths.
    struct Paper {
        var width = 773.0, height = 516.0
        var areaColumn = 68.0, cellPadding = (horizontal: 8.0, vertical: 6.0), listIndent = 10.0
        var lineHeight = 11.6, itemGap = 2.0, averageCharacterWidth = 4.3
        /// The table's heading row, and the section heading above the first page's table.
        var headerRow = 32.0, firstPageHeading = 44.0
        /// The share of a page a group may be estimated to fill.
        var fill = 0.92
    }

    struct Row {
        var title: String
        /// Per level: the area's own title there, if it differs, and its behaviours.
        var cells: [[String]]
        var startsGroup: Bool
    }

    /// Rows → the index ranges of consecutive rows that each start a page.
    static func groups(_ rows: [Row], paper: Paper = Paper()) -> [Range<Int>] {
        let heights = rows.map { height(of: $0, paper: paper) }
        return balanced(heights, capacity: (paper.height - paper.headerRow) * paper.fill, firstPageHeading: paper.firstPageHeading)
    }

    /// Splits `heights` into the fewest consecutive groups, and among those the split whose
    /// fullest page is smallest, so the last page is about as full as the others. A group holds
    /// two rows or more that fit `capacity` (the first group below its heading), or one row too
    /// tall to share a page; only when that cannot be done does a shorter row get a page alone.
    /// A row taller than a page is broken by the browser, between behaviours.
    static func balanced(_ heights: [Double], capacity: Double, firstPageHeading: Double) -> [Range<Int>] {
        let tall = { (row: Int) in heights[row] > capacity / 2 }
        return split(heights, capacity: capacity, firstPageHeading: firstPageHeading) { $0.count >= 2 || tall($0.lowerBound) }
            ?? split(heights, capacity: capacity, firstPageHeading: firstPageHeading) { _ in true }
            ?? [heights.indices]
    }

    /// The split whose groups all pass `allowed` and fit (a lone row always fits: it has pages
    /// of its own), with the fewest groups and then the smallest fullest page, or nil. Best
    /// (groups, fullest) for each prefix of the rows; the rows are few (one track's areas).
    private static func split(
        _ heights: [Double], capacity: Double, firstPageHeading: Double, allowed: (Range<Int>) -> Bool
    ) -> [Range<Int>]? {
        let n = heights.count
        guard n > 0 else { return [0..<0] }
        var prefix = [0.0]
        for height in heights { prefix.append(prefix.last! + height) }
        var best: [(groups: Int, fullest: Double, start: Int)?] = Array(repeating: nil, count: n + 1)
        best[0] = (0, 0, 0)
        for end in 1...n {
            for start in 0..<end {
                guard let before = best[start], allowed(start..<end) else { continue }
                let page = prefix[end] - prefix[start] + (start == 0 ? firstPageHeading : 0)
                guard page <= capacity || end - start == 1 else { continue }
                let candidate = (groups: before.groups + 1, fullest: max(before.fullest, min(page, capacity)), start: start)
                if let current = best[end], (current.groups, current.fullest) <= (candidate.groups, candidate.fullest) { continue }
                best[end] = candidate
            }
        }
        guard best[n] != nil else { return nil }
        var groups: [Range<Int>] = []
        var end = n
        while end > 0, let step = best[end] {
            groups.insert(step.start..<end, at: 0)
            end = step.start
        }
        return groups
    }

    /// A row's estimated printed height: its tallest cell, every behaviour wrapped word by word.
    static func height(of row: Row, paper: Paper) -> Double {
        let levelColumn = (paper.width - paper.areaColumn) / Double(max(row.cells.count, 1))
        let textWidth = levelColumn - paper.cellPadding.horizontal - paper.listIndent
        let cells = row.cells.map { behaviours in
            behaviours.reduce(0.0) { sum, text in
                sum + Double(lines(text, width: textWidth, paper: paper)) * paper.lineHeight + paper.itemGap
            }
        }
        let title = Double(lines(row.title, width: paper.areaColumn - paper.cellPadding.horizontal, paper: paper)) * paper.lineHeight
        let group = row.startsGroup ? paper.lineHeight + paper.cellPadding.vertical : 0
        return max(title, cells.max() ?? 0) + paper.cellPadding.vertical + group
    }

    /// The lines `text` takes in a column `width` points wide, breaking between words. A word's
    /// length is its Unicode scalars, counted on UTF-8 bytes: by Character, splitting the
    /// behaviours of a large framework was 5% of its build.
    static func lines(_ text: String, width: Double, paper: Paper) -> Int {
        let perLine = max(1, Int(width / paper.averageCharacterWidth))
        var lines = 1, used = 0
        func add(word length: Int) {
            if used == 0 {
                lines += (length - 1) / perLine
                used = length % perLine == 0 ? perLine : length % perLine
            } else if used + 1 + length <= perLine {
                used += 1 + length
            } else {
                lines += 1 + (length - 1) / perLine
                used = length % perLine == 0 ? perLine : length % perLine
            }
        }
        var length = 0
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                if length > 0 { add(word: length) }
                length = 0
            case 0x80...0xBF: continue  // a continuation byte: part of the scalar before it
            default: length += 1
            }
        }
        if length > 0 { add(word: length) }
        return lines
    }
}
