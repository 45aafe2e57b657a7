import Testing

@testable import LadderModel

private func role(_ title: String, _ areas: [(String, String?)]) -> Role {
    Role(
        slug: Slug.make(title), title: title, level: Level("1"),
        areas: areas.map { Area(explicitKey: $0.1, title: $0.0, behaviours: [], location: SourceLocation(file: "f")) },
        location: SourceLocation(file: "f"))
}

private func track(_ roles: [Role], competencies: [String] = []) -> Track {
    Track(slug: "t", title: "T", competencies: competencies, roles: roles, location: SourceLocation(file: "f"))
}

@Suite struct AlignmentTests {
    @Test func explicitKeysWin() {
        let alignment = TrackAlignment(track([
            role("A", [("Craft", "craft"), ("Delivery", "delivery")]),
            role("B", [("Shipping", "delivery"), ("Engineering craft", "craft")]),
        ]))
        #expect(alignment.rows.map(\.key) == ["craft", "delivery"])
        #expect(alignment.rows.map(\.areaIndices) == [[0, 1], [1, 0]])
        #expect(alignment.rows.map(\.title) == ["Craft", "Delivery"])
    }

    @Test func competenciesNameAreasByPosition() {
        let alignment = TrackAlignment(track(
            [role("A", [("Craft", nil), ("Delivery", nil)]), role("B", [("Quality", nil), ("Shipping", nil)])],
            competencies: ["craft", "delivery"]))
        #expect(alignment.rows.map(\.key) == ["craft", "delivery"])
        #expect(alignment.rows.map(\.areaIndices) == [[0, 0], [1, 1]])
    }

    @Test func repeatedTitlesAlignByTitle() {
        let alignment = TrackAlignment(track([
            role("A", [("Craft", nil), ("Delivery", nil)]),
            role("B", [("Delivery", nil), ("Craft", nil), ("Leadership", nil)]),
        ]))
        #expect(alignment.rows.map(\.key) == ["craft", "delivery", "position-3"])
        #expect(alignment.rows.map(\.areaIndices) == [[0, 1], [1, 0], [nil, 2]])
    }

    @Test func unrepeatedTitlesAlignByPosition() {
        // The seed's shape: five areas per level, every title different.
        let titles = [["Discover", "Direct", "Remove barriers", "Outcome", "Craft"],
                      ["Network", "Advocates", "Team", "Customers", "Mentor"]]
        let alignment = TrackAlignment(track(titles.enumerated().map { index, names in
            role("R\(index)", names.map { ($0, nil) })
        }))
        #expect(alignment.rows.count == 5)
        #expect(alignment.rows.map(\.key) == (1...5).map { "position-\($0)" })
        #expect(alignment.rows.allSatisfy { $0.areaIndices.allSatisfy { $0 != nil } })
        #expect(alignment.rows[1].title == "Direct")
    }

    @Test func aKeyUsedTwiceInOneRoleGetsASecondRow() {
        let alignment = TrackAlignment(track([role("A", [("Craft", "craft"), ("More craft", "craft")])]))
        #expect(alignment.rows.map(\.key) == ["craft", "craft-2"])
        #expect(alignment.keys(ofRoleAt: 0) == ["craft", "craft-2"])
    }
}

@Suite struct BehaviourDiffTests {
    @Test func identicalBehavioursInAnyOrderAreUnchanged() {
        let changes = BehaviourDiff.compare(["Writes tests", "Reviews code"], ["Reviews code", "Writes tests"])
        #expect(changes == [.unchanged("Reviews code"), .unchanged("Writes tests")])
    }

    @Test func aRewordedBehaviourIsPairedAndMarkedByWord() {
        let changes = BehaviourDiff.compare(["I review code for my team"], ["I review code for several teams"])
        #expect(changes == [.reworded(
            from: "I review code for my team", to: "I review code for several teams",
            marks: [.same("I review code for "), .removed("my team"), .inserted("several teams")])])
    }

    @Test func punctuationOnlyChangesAreRewordingsThatMarkThePunctuation() {
        let changes = BehaviourDiff.compare(["I ship, often."], ["I ship often"])
        guard case .reworded(_, _, let marks) = changes.first else {
            Issue.record("expected a rewording, got \(changes)")
            return
        }
        #expect(marks == [.same("I ship"), .removed(","), .same(" often"), .removed(".")])
        #expect(BehaviourDiff.similarity(BehaviourDiff.comparableWords("I ship, often."), BehaviourDiff.comparableWords("I ship often")) == 1)
    }

    @Test func unrelatedBehavioursAreAddedAndDropped() {
        let changes = BehaviourDiff.compare(["Writes tests"], ["Leads incident response"])
        #expect(changes == [.added("Leads incident response"), .dropped("Writes tests")])
    }

    @Test func aSplitBulletIsOneRewordingAndOneAddition() {
        let changes = BehaviourDiff.compare(
            ["I write tests and I review code"], ["I write tests", "I review code"])
        var summary = BehaviourDiff.Summary()
        summary.count(changes)
        #expect(summary.reworded == 1)
        #expect(summary.added == 1)
        #expect(summary.dropped == 0)
    }

    @Test func mergedBulletsAreOneRewordingAndOneDrop() {
        let changes = BehaviourDiff.compare(["I write tests", "I review code"], ["I write tests and I review code"])
        var summary = BehaviourDiff.Summary()
        summary.count(changes)
        #expect(summary.description == "0 new, 1 reworded, 1 dropped, 0 unchanged")
    }

    @Test func theMostSimilarPairIsTakenFirst() {
        let changes = BehaviourDiff.compare(
            ["I plan my own work", "I plan the work of my team"], ["I plan the work of my whole team"])
        #expect(changes.first == .reworded(
            from: "I plan the work of my team", to: "I plan the work of my whole team",
            marks: [.same("I plan the work of my "), .inserted("whole "), .same("team")]))
        #expect(changes.last == .dropped("I plan my own work"))
    }

    @Test func marksRebuildBothTexts() {
        let old = "I mentor one engineer, sometimes.", new = "I mentor two or three engineers regularly!"
        let marks = BehaviourDiff.wordMarks(old, new)
        let rebuiltOld = marks.map { if case .same(let t) = $0 { t } else if case .removed(let t) = $0 { t } else { "" } }.joined()
        let rebuiltNew = marks.map { if case .same(let t) = $0 { t } else if case .inserted(let t) = $0 { t } else { "" } }.joined()
        #expect(rebuiltOld == old)
        #expect(rebuiltNew == new)
    }

    /// The small-step check counts unchanged behaviours without pairing rewordings; its counts
    /// must be the full comparison's, whatever the texts, repeats and keys.
    @Test func unchangedCountAgreesWithTheFullSummary() {
        var generator = SystemRandomNumberGenerator()
        let texts = ["I ship", "I ship often", "I review code", "I review code!", "I plan", ""]
        func randomRole(_ keys: [String]) -> Role {
            Role(
                slug: "r", title: "R", level: Level("1"),
                areas: keys.map { key in
                    Area(
                        explicitKey: key, title: key,
                        behaviours: (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                            Behaviour(content: RichText(text: texts.randomElement(using: &generator)!, html: ""), location: SourceLocation(file: "f"))
                        },
                        location: SourceLocation(file: "f"))
                },
                location: SourceLocation(file: "f"))
        }
        for _ in 0..<300 {
            let keys = ["a", "b", "c"]
            let fromKeys = (0..<Int.random(in: 0...3)).map { _ in keys.randomElement()! }
            let toKeys = (0..<Int.random(in: 0...3)).map { _ in keys.randomElement()! }
            let from = randomRole(fromKeys), to = randomRole(toKeys)
            let summary = RoleComparison.summary(from: from, fromKeys: fromKeys, to: to, toKeys: toKeys)
            let (unchanged, total) = RoleComparison.unchangedCount(from: from, fromKeys: fromKeys, to: to, toKeys: toKeys)
            #expect(unchanged == summary.unchanged)
            #expect(total == summary.added + summary.reworded + summary.unchanged)
        }
    }
}
