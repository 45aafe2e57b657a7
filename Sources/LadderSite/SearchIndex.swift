import Foundation
import LadderModel

/// `search/index.js`: everything the search box searches, as a script that sets
/// `window.ladderSearchIndex`. A script rather than JSON because pages opened from `file://`
/// may load scripts but not fetch files. Compact: places (a role, an ability, an assignment)
/// and area titles are listed once and entries point at them, so the index stays a small
/// part of the pages it covers. site.js reads it; `SearchIndexTests` holds the shape.
enum SearchIndex {
    /// What an entry is: the search page shows it and ranks titles above text.
    enum Kind: String {
        case behaviour = "b", example = "e", role = "r", area = "a", ability = "ab", milestone = "m", assignment = "as"
    }

    static func script(_ site: SiteContext) -> Data {
        var tracks: [[String: String]] = []
        // [track index or -1, level or "", title, href]
        var places: [[Any]] = []
        var areaTitles: [String] = [], areaIndex: [String: Int] = [:]
        // [kind, place, area or -1, text, anchor]
        var entries: [[Any]] = []

        func area(_ title: String) -> Int {
            if let known = areaIndex[title] { return known }
            areaTitles.append(title)
            areaIndex[title] = areaTitles.count - 1
            return areaTitles.count - 1
        }

        for (trackNumber, track) in site.framework.tracks.enumerated() {
            tracks.append(["title": track.title, "href": Links.track(track)])
            for (roleNumber, role) in track.roles.enumerated() {
                let place = places.count
                places.append([trackNumber, role.level.id, role.title, Links.role(role, in: track)])
                entries.append([Kind.role.rawValue, place, -1, role.title, ""])
                let ids = site.behaviourIDs(of: roleNumber, in: track)
                for (areaNumber, (roleArea, anchor)) in zip(role.areas, role.areaAnchors).enumerated() {
                    let areaNumberInIndex = area(roleArea.title)
                    entries.append([Kind.area.rawValue, place, areaNumberInIndex, roleArea.title, anchor])
                    for (number, behaviour) in roleArea.behaviours.enumerated() {
                        let id = areaNumber < ids.count && number < ids[areaNumber].count ? ids[areaNumber][number] : anchor
                        entries.append([Kind.behaviour.rawValue, place, areaNumberInIndex, behaviour.content.text, id])
                        for example in behaviour.examples where !example.text.isEmpty {
                            entries.append([Kind.example.rawValue, place, areaNumberInIndex, example.text, id])
                        }
                    }
                }
            }
        }
        for ability in site.framework.abilities {
            let place = places.count
            places.append([-1, "", ability.title, Links.ability(ability.slug)])
            entries.append([Kind.ability.rawValue, place, -1, ability.title, ""])
            for milestone in ability.milestones {
                for behaviour in milestone.behaviours where !behaviour.text.isEmpty {
                    entries.append([Kind.milestone.rawValue, place, -1, behaviour.text, "milestone-\(milestone.number)"])
                }
            }
        }
        for assignment in site.framework.assignments {
            let place = places.count
            places.append([-1, "", assignment.title, Links.assignment(assignment.slug)])
            entries.append([Kind.assignment.rawValue, place, -1, assignment.title, ""])
        }
        let index: [String: Any] = ["tracks": tracks, "places": places, "areas": areaTitles, "entries": entries]
        // Sorted keys and no slashes escaped: the same framework gives the same bytes.
        let json = (try? JSONSerialization.data(withJSONObject: index, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Data("// ladder's search index: made by `ladder build`, read by assets/site.js.\nwindow.ladderSearchIndex = ".utf8)
            + json + Data(";\n".utf8)
    }
}
