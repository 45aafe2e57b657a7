import Foundation
import LadderBuild
import LadderSite
import Testing

@testable import LadderPrint

/// The booklet's landscape matrix pages, printed by Chromium: no page holds a lone row, rows
/// break between behaviours only, and the last page is about as full as the others.
@Suite(.serialized) struct BookletPagingTests {
    /// A track whose rows are marked: every behaviour starts "rAAbB" (area AA, behaviour B at
    /// level L) and ends "eAAbBlL"; `words` sets how tall the rows are. Per landscape page, the
    /// markers printed on it.
    static func printedMatrixPages(levels: Int, areas: Int, words: Int) throws -> [(rows: [String], ends: [String])] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-paging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content/eng")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let filler = "plan review ship mentor measure design write explain decide document simplify automate".split(separator: " ")
        for level in 1...levels {
            var text = "# Engineer \(level)\n"
            for area in 1...areas {
                text += "\n## Area \(area)\n\n"
                for behaviour in 1...(2 + (area + level) % 3) {
                    let count = words + (area * 7 + behaviour * 3 + level) % words
                    let body = (0..<count).map { String(filler[($0 + area + behaviour) % filler.count]) }.joined(separator: " ")
                    let marker = "\(String(format: "%02d", area))b\(behaviour)"
                    text += "- r\(marker) \(body) e\(marker)l\(level)\n"
                }
            }
            try text.write(to: content.appendingPathComponent("\(level)-engineer-\(level).md"), atomically: true, encoding: .utf8)
        }
        let site = folder.appendingPathComponent("site"), output = folder.appendingPathComponent("pdf")
        var pipeline = Pipeline(contentFolder: folder.appendingPathComponent("content").path)
        _ = pipeline.build(to: DiskSink(folder: site))
        let jobs = try PDFPrinter.jobs(site: site, targets: ["eng"]).filter { $0.fileName == "eng.pdf" }
        let failures = try PDFPrinter(chromium: Tools.chromium ?? "chromium").print(jobs, site: site, paper: .a4, output: output) { _, _, _, _ in }
        #expect(failures.isEmpty, "\(failures.map(\.1))")
        let booklet = output.appendingPathComponent("eng.pdf").path
        let info = try Tools.run("pdfinfo", ["-f", "1", "-l", "999", booklet])
        // "Page   7 size: 841.92 x 595.28 pts (A4)": landscape pages are wider than tall.
        let landscape = info.matches(of: /Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/).compactMap { match in
            Double(match.2)! > Double(match.3)! ? Int(match.1)! : nil
        }
        return try landscape.map { page in
            let text = try Tools.run("pdftotext", ["-f", "\(page)", "-l", "\(page)", booklet, "-"])
            return (text.matches(of: /\br(\d\d)b\d/).map { String($0.1) }, text.matches(of: /\be\d\db\dl\d/).map { String($0.0) })
        }
    }

    /// `loneFirst`: an odd number of rows of which two at most fit a page leaves one alone, and
    /// that is the first, below the section's heading.
    /// `printedMatrixPages`, waited for off Swift's cooperative threads.
    static func printed(levels: Int, areas: Int, words: Int) async throws -> [(rows: [String], ends: [String])] {
        try await Tools.offPool { try printedMatrixPages(levels: levels, areas: areas, words: words) }
    }

    static func expectNoLoneRowAndABalancedEnd(_ printed: [(rows: [String], ends: [String])], _ shape: String, loneFirst: Bool = false) {
        let pages = printed.map(\.rows)
        #expect(!pages.isEmpty, "\(shape): the booklet has no landscape page")
        for (index, markers) in pages.enumerated() where !(loneFirst && index == 0) {
            #expect(Set(markers).count >= 2, "\(shape): landscape page \(index + 1) of \(pages.count) holds one row: \(markers)")
        }
        if pages.count > 1, let last = pages.last, let fullest = pages.map(\.count).max() {
            #expect(Double(last.count) >= 0.4 * Double(fullest),
                    "\(shape): the last page holds \(last.count) behaviours, the fullest \(fullest)")
        }
    }

    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func rowsOfAFewBehavioursFillBalancedPages() async throws {
        // Left to the browser, the last of these pages held one behaviour of one row.
        let pages = try await Self.printed(levels: 4, areas: 8, words: 10)
        #expect(pages.count >= 2, "eight areas of four levels should need more than one page")
        Self.expectNoLoneRowAndABalancedEnd(pages, "4 levels × 8 areas")
        Self.expectNoLoneRowAndABalancedEnd(try await Self.printed(levels: 3, areas: 9, words: 8), "3 levels × 9 areas")
    }

    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func manyShortRowsShareEachPage() async throws {
        Self.expectNoLoneRowAndABalancedEnd(try await Self.printed(levels: 3, areas: 16, words: 5), "3 levels × 16 areas")
    }

    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func anUnavoidableLoneRowIsTheFirstNotTheLast() async throws {
        // Five rows of which two fit a page: left to the browser, the last page held one
        // behaviour; now the first area stands below the heading and the rest go in pairs.
        let pages = try await Self.printed(levels: 4, areas: 5, words: 10)
        #expect(pages.count == 3 && Set(pages[0].rows) == ["01"], "\(pages.map { Set($0.rows).sorted() })")
        Self.expectNoLoneRowAndABalancedEnd(pages, "4 levels × 5 areas", loneFirst: true)
    }

    @Test(.enabled(if: Tools.available, "needs chromium and poppler-utils"))
    func rowsTooTallToShareAPageBreakBetweenBehavioursOnly() async throws {
        // Rows of six levels with long behaviours: the browser breaks them across pages. A
        // behaviour's last word is on the page of its first, and every behaviour is printed.
        let printed = try await Self.printed(levels: 6, areas: 6, words: 24)
        #expect(printed.count >= 3, "rows this tall should take several pages")
        let behaviours = (1...6).map { level in (1...6).map { area in 2 + (area + level) % 3 }.reduce(0, +) }.reduce(0, +)
        let ends = Set(printed.flatMap(\.ends))
        #expect(ends.count == behaviours, "every behaviour's end is printed: \(ends.count) of \(behaviours)")
        for (page, markers) in printed.enumerated() {
            let starts = markers.rows.count, ends = markers.ends.count
            #expect(starts == ends, "landscape page \(page + 1): \(starts) behaviours begin and \(ends) end, so one is split")
        }
    }
}
