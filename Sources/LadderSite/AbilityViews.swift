import Foundation
import LadderHealth
import LadderAnalysis
import LadderModel

enum AbilityViews {
    static func index(_ site: SiteContext) -> [String: Any] {
        let byCategory = Dictionary(grouping: site.framework.abilities) { $0.category ?? "Other" }
        return [
            "categories": byCategory.keys.sorted().map { category in
                [
                    "name": category,
                    "abilities": byCategory[category]!.sorted { $0.title < $1.title }.map { ability in
                        [
                            "title": ability.title, "href": Links.ability(ability.slug),
                            "milestones": counted(site.analysis.table.topMilestone(ability.slug), "milestone"),
                            "topMiles": counted(site.analysis.table.miles(ability.slug, at: Int.max), "mile"),
                            "positions": counted(
                                Set((site.abilityUses[ability.slug] ?? []).map(\.href)).count, "position"),
                        ] as [String: Any]
                    },
                ] as [String: Any]
            }
        ]
    }

    static func page(_ ability: Ability, site: SiteContext) -> [String: Any] {
        let table = site.analysis.table
        let described = Dictionary(ability.milestones.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return [
            "ability": [
                "title": ability.title, "category": ability.category ?? "", "descriptionHTML": ability.descriptionHTML,
                "top": table.topMilestone(ability.slug),
            ] as [String: Any],
            "milestones": (1...max(1, table.topMilestone(ability.slug))).map { number in
                let step = table.miles(ability.slug, at: number) - table.miles(ability.slug, at: number - 1)
                return [
                    "number": number,
                    "milesText": step == 1 ? "1 mile" : "\(step) miles",
                    "cumulative": table.miles(ability.slug, at: number),
                    "behaviours": (described[number]?.behaviours ?? []).map { ["html": $0.html] },
                    "isDescribed": described[number] != nil,
                ] as [String: Any]
            },
            "uses": uses(site.abilityUses[ability.slug] ?? []),
        ]
    }

    static func uses(_ uses: [SiteContext.Use]) -> [[String: Any]] {
        uses.map { use in
            var row: [String: Any] = [
                "track": use.trackTitle, "role": use.roleTitle, "level": use.level, "href": use.href, "kind": use.kind,
            ]
            if let milestone = use.milestone { row["milestone"] = milestone }
            return row
        }
    }
}

enum AssignmentViews {
    static func index(_ site: SiteContext) -> [String: Any] {
        [
            "assignments": site.framework.assignments.sorted { $0.title < $1.title }.map { assignment in
                [
                    "title": assignment.title, "href": Links.assignment(assignment.slug),
                    "inServiceTo": assignment.inServiceTo ?? "",
                    "positions": counted((site.assignmentUses[assignment.slug] ?? []).count, "position"),
                ] as [String: Any]
            }
        ]
    }

    static func page(_ assignment: Assignment, site: SiteContext) -> [String: Any] {
        [
            "assignment": [
                "title": assignment.title, "inServiceTo": assignment.inServiceTo ?? "",
                "descriptionHTML": assignment.descriptionHTML,
            ] as [String: Any],
            "needs": assignment.abilityNeeds.keys.sorted().map { slug in
                [
                    "title": site.abilityTitle(slug), "href": Links.ability(slug), "milestone": assignment.abilityNeeds[slug]!,
                    "miles": site.analysis.table.miles(slug, at: assignment.abilityNeeds[slug]!),
                ] as [String: Any]
            },
            "uses": AbilityViews.uses(site.assignmentUses[assignment.slug] ?? []),
        ]
    }
}

/// The calculator's data, embedded in its page (a `fetch` of framework.json fails from file://).
enum CalculatorView {
    struct Payload: Encodable {
        struct AbilityData: Encodable {
            var slug: String
            var title: String
            var category: String
            var cumulative: [Int]
        }

        struct PositionData: Encodable {
            var id: String
            var title: String
            var track: String
            var level: String
            var href: String
            var threshold: Int
            var required: [String: Int]
            /// The radar chart's axes, in the position page's order: [ability, required, reachable].
            var axes: [[String]]
        }

        var abilities: [AbilityData]
        var positions: [PositionData]
    }

    static func make(_ site: SiteContext) -> [String: Any] {
        let table = site.analysis.table
        let data = Payload(
            abilities: site.framework.abilities.map { ability in
                .init(
                    slug: ability.slug, title: ability.title, category: ability.category ?? "Other",
                    cumulative: table.cumulative[ability.slug] ?? [])
            },
            positions: site.framework.tracks.flatMap { track in
                track.roles.compactMap { role in
                    guard let mileage = site.analysis.mileage(track: track.slug, role: role.slug) else { return nil }
                    return .init(
                        id: "\(track.slug)/\(role.slug)", title: role.title, track: track.title, level: role.level.id,
                        href: Links.role(role, in: track), threshold: mileage.threshold,
                        required: Dictionary(mileage.required.map { ($0.ability, $0.milestone) }, uniquingKeysWith: max),
                        axes: RadarChart.axes(mileage).map { [$0.title, String($0.required), String($0.reachable)] })
                }
            })
        return ["dataJSON": EmbeddedJSON.script(data), "abilityCount": data.abilities.count, "positionCount": data.positions.count]
    }
}
