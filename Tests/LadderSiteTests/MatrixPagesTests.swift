import Testing

@testable import LadderSite

/// How the matrix's rows are grouped into print pages, from their estimated heights.
struct MatrixPagesTests {
    @Test func rowsThatFitOnePageStayTogether() {
        #expect(MatrixPages.balanced([100, 100, 100], capacity: 500, firstPageHeading: 40) == [0..<3])
    }

    @Test func aLoneLastRowIsGivenCompanyAndTheLastPageIsBalanced() {
        // Greedy filling would put four rows on the first page and the fifth alone on the second.
        let groups = MatrixPages.balanced([100, 100, 100, 100, 100], capacity: 450, firstPageHeading: 20)
        #expect(groups.count == 2)
        #expect(groups.allSatisfy { $0.count >= 2 }, "\(groups)")
        #expect(groups == [0..<2, 2..<5] || groups == [0..<3, 3..<5], "\(groups)")
    }

    @Test func theFirstPageLeavesRoomForItsHeading() {
        // 4 × 100 fit a page of 420, but not below a heading of 40.
        let groups = MatrixPages.balanced([100, 100, 100, 100], capacity: 420, firstPageHeading: 40)
        #expect(groups == [0..<2, 2..<4])
    }

    @Test func theFullestPageIsAsSmallAsItCanBe() {
        let heights: [Double] = [50, 50, 300, 50, 50, 60, 70, 80]
        let groups = MatrixPages.balanced(heights, capacity: 420, firstPageHeading: 0)
        let sums = groups.map { $0.map { heights[$0] }.reduce(0, +) }
        #expect(groups.count == 2 && sums.max()! <= 420, "\(groups): \(sums)")
        #expect(sums.max()! == 400, "the best split is 50+50+300 | 50+50+60+70+80 = 400 | 310: \(sums)")
    }

    @Test func rowsTooTallToPairHavePagesOfTheirOwn() {
        #expect(MatrixPages.balanced([300, 300, 300, 300], capacity: 400, firstPageHeading: 0) == [0..<1, 1..<2, 2..<3, 3..<4])
        // A short row pairs with a tall neighbour where the two fit.
        let groups = MatrixPages.balanced([300, 90, 300, 300], capacity: 400, firstPageHeading: 0)
        #expect(groups.count == 3 && groups.contains { $0.contains(1) && $0.count == 2 }, "\(groups)")
        // A row taller than a page is a group of its own, which the browser breaks.
        #expect(MatrixPages.balanced([100, 900, 100, 100], capacity: 400, firstPageHeading: 0) == [0..<1, 1..<2, 2..<4])
    }

    @Test func aShortRowBetweenTallOnesIsAloneOnlyWhenItMustBe() {
        // 150 fits with neither 300, so it is alone rather than the split failing.
        #expect(MatrixPages.balanced([300, 150, 300], capacity: 400, firstPageHeading: 0) == [0..<1, 1..<2, 2..<3])
    }

    @Test func longerBehavioursMakeTallerRows() {
        let paper = MatrixPages.Paper()
        let short = MatrixPages.Row(title: "Craft", cells: [["I write tests"], ["I review code"]], startsGroup: false)
        var long = short
        long.cells[1] = [String(repeating: "I review the design of a system before it is built ", count: 4)]
        #expect(MatrixPages.height(of: long, paper: paper) > MatrixPages.height(of: short, paper: paper))
        #expect(MatrixPages.lines("", width: 100, paper: paper) == 1)
        #expect(MatrixPages.lines(String(repeating: "x", count: 200), width: 43, paper: paper) == 20, "an unbroken word wraps anyway")
    }
}
