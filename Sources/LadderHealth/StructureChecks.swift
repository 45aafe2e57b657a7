import LadderAnalysis
import LadderModel

/// Checks of a framework's structure (the parser reports what it cannot read).
enum StructureChecks {
    static let all: [CheckDefinition] = [
        CheckDefinition(
            "role-without-summary", .warning, "a role has no block quote summary under its heading",
            scope: .track,
            run: { context in
                context.framework.tracks.flatMap { track in
                    // By index: `filter` copied every role to test it.
                    track.roles.indices.filter { (track.roles[$0].summary?.text ?? "").isEmpty }.map { track.roles[$0] }.map { role in
                        context.finding(
                            "role '\(role.title)' has no summary; add a one-paragraph block quote (> …) under its heading",
                            at: role.location, track: track, role: role)
                    }
                }
            }),
        CheckDefinition(
            "area-without-behaviours", .warning, "an area's list holds no behaviour with text",
            scope: .track,
            run: { context in
                context.framework.tracks.flatMap { track in
                    track.roles.indices.flatMap { roleIndex -> [Finding] in
                        let areas = track.roles[roleIndex].areas
                        let empty = areas.indices.filter { !areas[$0].behaviours.contains { !$0.content.text.isEmpty } }
                        guard !empty.isEmpty else { return [] }  // the role is read only when it has a finding
                        let role = track.roles[roleIndex], anchors = role.areaAnchors
                        return empty.map { index in
                            context.finding(
                                "area '\(role.areas[index].title)' of '\(role.title)' has no behaviours; write them as bullets or remove the area",
                                at: role.areas[index].location, track: track, role: role, anchor: anchors[index])
                        }
                    }
                }
            }),
        CheckDefinition(
            "single-level-track", .warning, "a track has only one level, so it is not yet a ladder",
            scope: .track,
            run: { context in
                context.framework.tracks.filter { $0.roles.count == 1 }.map { track in
                    context.finding(
                        "track '\(track.title)' has one level; add the levels around it, or move the role into another track",
                        at: track.roles[0].location, track: track, role: track.roles[0])
                }
            }),
    ]
}

/// Checks of how a track's levels fit together.
enum ShapeChecks {
    static let all: [CheckDefinition] = [
        CheckDefinition(
            "area-count-mismatch", .warning, "levels of a track have different numbers of areas",
            scope: .track,
            run: { context in
                zip(context.framework.tracks, context.alignments).flatMap { track, alignment -> [Finding] in
                    // Areas that start at some level and stay to the top make later levels larger:
                    // that is growth, not a mismatch.
                    if alignment.rows.allSatisfy({ row in
                        row.areaIndices.firstIndex { $0 != nil }.map { row.areaIndices[$0...].allSatisfy { $0 != nil } } ?? true
                    }) { return [] }
                    var counts: [Int: Int] = [:]
                    for index in track.roles.indices { counts[track.roles[index].areas.count, default: 0] += 1 }
                    guard counts.count > 1, let usual = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key else {
                        return []
                    }
                    return track.roles.indices.filter { track.roles[$0].areas.count != usual }.map { track.roles[$0] }.map { role in
                        context.finding(
                            "'\(role.title)' has \(role.areas.count) area\(role.areas.count == 1 ? "" : "s") where most levels of '\(track.title)' have \(usual); give every level the same areas so they can be compared",
                            at: role.location, track: track, role: role)
                    }
                }
            }),
        CheckDefinition(
            "unaligned-area", .warning, "an area appears at some levels of a track and not at others",
            scope: .track,
            run: { context in
                zip(context.framework.tracks, context.alignments).flatMap { track, alignment -> [Finding] in
                    guard track.roles.count > 1 else { return [] }
                    return alignment.rows.compactMap { row in
                        let missing = zip(track.roles, row.areaIndices).filter { $0.1 == nil }.map(\.0.title)
                        guard !missing.isEmpty, let first = row.areaIndices.indices.first(where: { row.areaIndices[$0] != nil }) else {
                            return nil
                        }
                        // An area that starts at some level and stays to the top (leadership from
                        // level 3 on) is how ladders grow; one with a gap is a mistake.
                        if row.areaIndices[first...].allSatisfy({ $0 != nil }) { return nil }
                        let role = track.roles[first], area = role.areas[row.areaIndices[first]!]
                        return context.finding(
                            "area '\(area.title)' has no counterpart at \(missing.joined(separator: ", ")); give the matching areas the same {#key} or title",
                            at: area.location, track: track, role: role, anchor: role.areaAnchors[row.areaIndices[first]!])
                    }
                }
            }),
        CheckDefinition(
            "areas-by-position", .warning, "levels of a track name their areas differently, so areas are matched by their order alone",
            scope: .track,
            run: { context in
                zip(context.framework.tracks, context.alignments).compactMap { track, alignment -> Finding? in
                    let guessed = alignment.rows.filter { row in row.byPosition && row.areaIndices.count { $0 != nil } > 1 }
                    guard let row = guessed.first else { return nil }
                    let levels = row.areaIndices.indices.filter { row.areaIndices[$0] != nil }
                    let earlier = track.roles[levels[0]], later = track.roles[levels[1]]
                    let earlierArea = row.areaIndices[levels[0]]!, laterArea = row.areaIndices[levels[1]]!
                    return context.finding(
                        "\(guessed.count) area\(guessed.count == 1 ? " is" : "s are") matched across levels of '\(track.title)' by order alone: "
                            + "'\(later.areas[laterArea].title)' ('\(later.title)') is taken as the next step of "
                            + "'\(earlier.areas[earlierArea].title)' ('\(earlier.title)'); give areas that are one competency "
                            + "the same {#key}, so the matrix and the diffs compare the right ones",
                        at: later.areas[laterArea].location, track: track, role: later, anchor: later.areaAnchors[laterArea])
                }
            }),
        CheckDefinition(
            "small-step", .warning, "the next level changes only a small share of the behaviours",
            defaults: ["threshold": .number(0.2)],
            scope: .track,
            run: { context in
                let threshold = context.number("threshold")
                return context.framework.tracks.enumerated().flatMap { trackIndex, track -> [Finding] in
                    let alignment = context.alignments[trackIndex]
                    return track.roles.indices.dropLast().compactMap { index in
                        let from = track.roles[index], to = track.roles[index + 1]
                        let fromKeys = alignment.keys(ofRoleAt: index), toKeys = alignment.keys(ofRoleAt: index + 1)
                        // The share of new and reworded behaviours is all but the unchanged ones, so
                        // rewordings are paired only for the message of a step that is too small.
                        let step = context.steps[trackIndex][index]
                        let (unchanged, total) = (step.unchanged, step.total)
                        guard total > 0, unchanged < total else { return nil }  // identical levels have their own check
                        let share = Double(total - unchanged) / Double(total)
                        guard share < threshold else { return nil }
                        let summary = RoleComparison.summary(from: from, fromKeys: fromKeys, to: to, toKeys: toKeys)
                        return context.finding(
                            "the step from '\(from.title)' to '\(to.title)' changes \(Int((share * 100).rounded()))% of the behaviours (\(summary.description)); a level should ask for noticeably more than the one before",
                            at: to.location, track: track, role: to)
                    }
                }
            }),
        CheckDefinition(
            "identical-levels", .warning, "two levels of a track ask for exactly the same behaviours",
            scope: .track,
            run: { context in
                zip(context.framework.tracks, context.rolesByTrack).flatMap { track, roleWords -> [Finding] in
                    // Levels are grouped by their words first (a cheap key), then compared by text.
                    var seen: [WordList: [Role]] = [:]
                    var findings: [Finding] = []
                    for (role, words) in zip(track.roles, roleWords) where role.behaviourCount > 0 {
                        let key = WordList(role.areas.map { $0.behaviours.count } + words.listHashes)
                        if let earlier = seen[key]?.first(where: { sameBehaviours($0, role) }) {
                            findings.append(context.finding(
                                "'\(role.title)' asks for exactly the same behaviours as '\(earlier.title)' (\(earlier.location)); say what changes between them",
                                at: role.location, track: track, role: role))
                        } else {
                            seen[key, default: []].append(role)
                        }
                    }
                    return findings
                }
            }),
    ]

    /// The same behaviour texts, area by area.
    static func sameBehaviours(_ a: Role, _ b: Role) -> Bool {
        a.areas.count == b.areas.count
            && zip(a.areas, b.areas).allSatisfy { $0.behaviours.map { $0.content.text } == $1.behaviours.map { $0.content.text } }
    }
}
