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

    /// `[track index or -1, level or "", title, href]`
    struct Place: Encodable {
        var track: Int, level: String, title: String, href: String

        func encode(to encoder: Encoder) throws {
            var list = encoder.unkeyedContainer()
            try list.encode(track)
            try list.encode(level)
            try list.encode(title)
            try list.encode(href)
        }
    }

    /// `[kind, place, area or -1, text, anchor]`
    struct Entry: Encodable {
        var kind: Kind, place: Int, area: Int, text: String, anchor: String

        func encode(to encoder: Encoder) throws {
            var list = encoder.unkeyedContainer()
            try list.encode(kind.rawValue)
            try list.encode(place)
            try list.encode(area)
            try list.encode(text)
            try list.encode(anchor)
        }
    }

    struct Index: Encodable {
        var tracks: [[String: String]]
        var places: [Place]
        var areas: [String]
        var entries: [Entry]
    }

    static func script(_ site: SiteContext) -> Data {
        var tracks: [[String: String]] = []
        var places: [Place] = []
        var areaTitles: [String] = [], areaIndex: [String: Int] = [:]
        var entries: [Entry] = []

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
                places.append(Place(track: trackNumber, level: role.level.id, title: role.title, href: Links.role(role, in: track)))
                entries.append(Entry(kind: .role, place: place, area: -1, text: role.title, anchor: ""))
                let ids = site.behaviourIDs(of: roleNumber, in: track)
                for (areaNumber, (roleArea, anchor)) in zip(role.areas, role.areaAnchors).enumerated() {
                    let areaNumberInIndex = area(roleArea.title)
                    entries.append(Entry(kind: .area, place: place, area: areaNumberInIndex, text: roleArea.title, anchor: anchor))
                    for (number, behaviour) in roleArea.behaviours.enumerated() {
                        let id = areaNumber < ids.count && number < ids[areaNumber].count ? ids[areaNumber][number] : anchor
                        entries.append(Entry(kind: .behaviour, place: place, area: areaNumberInIndex, text: behaviour.content.text, anchor: id))
                        for example in behaviour.examples where !example.text.isEmpty {
                            entries.append(Entry(kind: .example, place: place, area: areaNumberInIndex, text: example.text, anchor: id))
                        }
                    }
                }
            }
        }
        for ability in site.framework.abilities {
            let place = places.count
            places.append(Place(track: -1, level: "", title: ability.title, href: Links.ability(ability.slug)))
            entries.append(Entry(kind: .ability, place: place, area: -1, text: ability.title, anchor: ""))
            for milestone in ability.milestones {
                for behaviour in milestone.behaviours where !behaviour.text.isEmpty {
                    entries.append(Entry(kind: .milestone, place: place, area: -1, text: behaviour.text, anchor: "milestone-\(milestone.number)"))
                }
            }
        }
        for assignment in site.framework.assignments {
            let place = places.count
            places.append(Place(track: -1, level: "", title: assignment.title, href: Links.assignment(assignment.slug)))
            entries.append(Entry(kind: .assignment, place: place, area: -1, text: assignment.title, anchor: ""))
        }
        // Sorted keys and no slashes escaped: the same framework gives the same bytes. Codable
        // values: JSONSerialization over arrays of Any took twice as long.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var script = Data("// ladder's search index: made by `ladder build`, read by assets/site.js.\nwindow.ladderSearchIndex = ".utf8)
        script.append((try? encoder.encode(Index(tracks: tracks, places: places, areas: areaTitles, entries: entries))) ?? Data("{}".utf8))
        script.append(contentsOf: ";\n".utf8)
        return script
    }
}
