import LadderAnalysis
import LadderModel

/// Rows are aligned areas, columns are levels.
enum MatrixView {
    static func make(_ track: Track, alignment: TrackAlignment) -> [String: Any] {
        // A row's group: its area's group at the first level that has it.
        let groups = alignment.rows.map { row in
            zip(track.roles, row.areaIndices).lazy.compactMap { role, index in index.flatMap { role.areas[$0].group } }.first
        }
        let groupTitles = alignment.rows.indices.map { index in
            groups[index] != nil && (index == 0 || groups[index - 1] != groups[index]) ? groups[index]! : ""
        }
        let areas = alignment.rows.map { row in
            zip(track.roles, row.areaIndices).map { role, index in index.map { role.areas[$0] } }
        }
        let rows: [[String: Any]] = zip(alignment.rows, areas).enumerated().map { index, pair in
            let (row, areas) = pair
            return [
                "title": row.title, "key": row.key, "groupTitle": groupTitles[index],
                "cells": areas.map { area in
                    guard let area else { return ["isEmpty": true] as [String: Any] }
                    return [
                        "ownTitle": area.title == row.title ? "" : area.title,
                        "behaviours": area.behaviours.map { ["html": $0.content.html] },
                        "isEmpty": area.behaviours.isEmpty,
                    ] as [String: Any]
                },
            ]
        }
        let printed = zip(alignment.rows, areas).enumerated().map { index, pair in
            MatrixPages.Row(
                title: pair.0.title,
                cells: pair.1.map { area in
                    guard let area else { return [] }
                    return (area.title == pair.0.title ? [] : [area.title]) + area.behaviours.map(\.content.text)
                },
                startsGroup: !groupTitles[index].isEmpty)
        }
        return [
            "track": ["title": track.title, "href": Links.track(track), "csvHref": "\(track.slug)/matrix.csv"],
            "levels": track.roles.map { ["level": $0.level.id, "title": $0.title, "href": Links.role($0, in: track)] },
            "columns": track.roles.count + 1, "hasLevelPairs": track.roles.count > 2,
            // Two neighbouring levels at a time, for a phone: the picker's choices.
            "levelPairs": zip(track.roles, track.roles.dropFirst()).enumerated().map { index, pair in
                ["index": index, "label": "\(pair.0.level.id) and \(pair.1.level.id): \(pair.0.title), \(pair.1.title)"] as [String: Any]
            },
            // Each page of rows is a `<tbody>` that print starts on a new landscape page.
            "pages": MatrixPages.groups(printed).enumerated().map { page, range in
                ["breaksPage": page > 0, "rows": range.map { rows[$0] }] as [String: Any]
            },
            "behaviours": counted(track.roles.reduce(0) { $0 + $1.behaviourCount }, "behaviour"),
        ]
    }
}

/// `<track>/matrix.csv`: one row per behaviour, RFC 4180 (CRLF, quoted where needed), UTF-8
/// with a byte-order mark so spreadsheets pick the right encoding.
enum MatrixCSV {
    static func make(_ track: Track, alignment: TrackAlignment) -> String {
        var csv = "\u{FEFF}"
        func line(_ fields: String...) {
            csv += fields.map(field).joined(separator: ",")
            csv += "\r\n"
        }
        line("track", "level", "role", "area_key", "area_title", "behaviour")
        for (roleIndex, role) in track.roles.enumerated() {
            for (area, key) in zip(role.areas, alignment.keys(ofRoleAt: roleIndex)) {
                for behaviour in area.behaviours {
                    line(track.title, role.level.id, role.title, key, area.title, behaviour.content.text)
                }
            }
        }
        return csv
    }

    /// A field, quoted when it holds a comma, a quote or a line break. Tested on bytes: by
    /// Character, every behaviour of a large framework took 4% of its build, and "\r\n" (one
    /// Character) went unquoted.
    static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// `<track>/<role>/next/`: what changes from one level to the next.
enum NextLevelView {
    static func make(from index: Int, in track: Track, alignment: TrackAlignment) -> [String: Any] {
        let from = track.roles[index], to = track.roles[index + 1]
        let comparison = RoleComparison(
            from: from, fromKeys: alignment.keys(ofRoleAt: index), to: to, toKeys: alignment.keys(ofRoleAt: index + 1))
        func role(_ role: Role) -> [String: Any] {
            ["title": role.title, "level": role.level.id, "href": Links.role(role, in: track)]
        }
        var view = DiffView.make(comparison)
        view["from"] = role(from)
        view["to"] = role(to)
        view["track"] = ["title": track.title, "href": Links.track(track)]
        if index + 2 < track.roles.count { view["nextDiff"] = ["title": track.roles[index + 2].title, "href": Links.next(to, in: track)] }
        if index > 0 { view["previousDiff"] = ["title": track.roles[index - 1].title, "href": Links.next(track.roles[index - 1], in: track)] }
        return view
    }
}

/// The parts of a diff page that the static pages and the compare page's script both draw.
enum DiffView {
    static func make(_ comparison: RoleComparison) -> [String: Any] {
        let growth = comparison.growth
        return [
            "summary": growth.description,
            "hasRewordings": growth.reworded > 0,
            "counts": [
                "restated": growth.restatedAreas, "added": growth.newBehaviours, "reworded": growth.reworded,
                "unlisted": growth.noLongerListed, "unchanged": growth.unchanged,
            ],
            "areas": comparison.areas.map { area in
                let changed = area.changes.filter { if case .unchanged = $0 { false } else { true } }
                let unchanged = area.changes.filter { if case .unchanged = $0 { true } else { false } }
                var view: [String: Any] = [
                    "key": area.key,
                    "title": area.toTitle ?? area.fromTitle ?? area.key,
                    "renamedFrom": area.fromTitle.flatMap { $0 == area.toTitle || area.toTitle == nil ? nil : $0 } ?? "",
                    "note": area.fromTitle == nil ? "New area" : area.toTitle == nil ? "No longer listed" : "",
                ]
                if let rows = area.restatement {
                    view["restated"] = ["rows": rows.map(restatedRow)]
                } else {
                    view["edited"] = [
                        "changes": changed.map(change), "hasChanges": !changed.isEmpty,
                        "unchanged": unchanged.map(change), "unchangedCount": unchanged.count, "hasUnchanged": !unchanged.isEmpty,
                    ] as [String: Any]
                }
                return view
            },
        ]
    }

    /// A row of a restated area: each side keeps its own words, with the words that differ
    /// from its partner marked; must match `restatedRow` in compare.js.
    static func restatedRow(_ row: Restatement.Row) -> [String: Any] {
        guard let from = row.from, let to = row.to else {
            return ["fromHTML": row.from.map(escapeHTML) ?? "", "toHTML": row.to.map(escapeHTML) ?? ""]
        }
        if from == to { return ["fromHTML": escapeHTML(from), "toHTML": escapeHTML(to)] }
        return [
            "fromHTML": marksHTML(row.marks.filter { if case .inserted = $0 { false } else { true } }),
            "toHTML": marksHTML(row.marks.filter { if case .removed = $0 { false } else { true } }),
        ]
    }

    static func change(_ change: BehaviourDiff.Change) -> [String: Any] {
        switch change {
        case .added(let text): return ["kind": "added", "label": "New", "html": escapeHTML(text)]
        case .dropped(let text): return ["kind": "unlisted", "label": "No longer listed at this level", "html": escapeHTML(text)]
        case .unchanged(let text): return ["kind": "unchanged", "label": "Unchanged", "html": escapeHTML(text)]
        case .reworded(_, _, let marks): return ["kind": "reworded", "label": "Reworded", "html": marksHTML(marks)]
        }
    }

    /// `<del>`/`<ins>` around what was removed and inserted; must match `marksHTML` in compare.js.
    static func marksHTML(_ marks: [BehaviourDiff.WordMark]) -> String {
        marks.map { mark in
            switch mark {
            case .same(let text): return escapeHTML(text)
            case .removed(let text): return "<del>\(escapeHTML(text))</del>"
            case .inserted(let text): return "<ins>\(escapeHTML(text))</ins>"
            }
        }.joined()
    }
}

/// `levels/`: the same level across tracks, side by side.
enum LevelsView {
    static func make(_ site: SiteContext) -> [String: Any] {
        let tracks = site.framework.tracks
        let levels = Set(tracks.flatMap { $0.roles.map(\.level) }).sorted()
        return [
            "levels": levels.map { level in
                [
                    "level": level.id, "anchor": "level-\(Slug.make(level.id, fallbackPrefix: "level"))",
                    "tracks": tracks.compactMap { track -> [String: Any]? in
                        let roles = track.roles.filter { $0.level == level }
                        guard !roles.isEmpty else { return nil }
                        return [
                            "title": track.title,
                            "roles": roles.map { role in
                                [
                                    "title": role.title, "href": Links.role(role, in: track), "summaryHTML": role.summary?.html ?? "",
                                    "areas": role.areas.map { ["title": $0.title, "count": $0.behaviours.count] },
                                ] as [String: Any]
                            },
                        ]
                    },
                ] as [String: Any]
            }
        ]
    }
}

/// `compare/`: any two roles, diffed in the browser with the same rules as `BehaviourDiff`.
enum CompareView {
    struct Payload: Encodable {
        struct RoleData: Encodable {
            var id: String
            var title: String
            var track: String
            var level: String
            var href: String
            var areas: [AreaData]
        }

        struct AreaData: Encodable {
            var key: String
            var title: String
            var behaviours: [String]
        }

        var threshold: Double
        var restatementThreshold: Double
        var roles: [RoleData]
    }

    static func make(_ site: SiteContext) -> [String: Any] {
        let roles = site.framework.tracks.flatMap { track in
            let alignment = site.alignments[track.slug]!
            return track.roles.enumerated().map { index, role in
                Payload.RoleData(
                    id: "\(track.slug)/\(role.slug)", title: role.title, track: track.title, level: role.level.id,
                    href: Links.role(role, in: track),
                    areas: zip(role.areas, alignment.keys(ofRoleAt: index)).map { area, key in
                        .init(key: key, title: area.title, behaviours: area.behaviours.map(\.content.text))
                    })
            }
        }
        return ["dataJSON": EmbeddedJSON.script(Payload(threshold: BehaviourDiff.threshold, restatementThreshold: Restatement.threshold, roles: roles))]
    }
}
