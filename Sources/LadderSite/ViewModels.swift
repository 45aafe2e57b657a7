import LadderAnalysis
import LadderModel

// View models: plain dictionaries made for the templates (swift-mustache reads them without
// reflection). Every `…HTML` value was rendered safely by cmark and is inserted unescaped;
// everything else is escaped by the templates. Every `href` is a path from the site root.

enum IndexView {
    static func make(_ site: SiteContext) -> [String: Any] {
        let framework = site.framework
        let levels = Set(framework.tracks.flatMap { $0.roles.map(\.level) }).sorted()
        return [
            "description": framework.description ?? "",
            "tracks": framework.tracks.map { track in
                [
                    "title": track.title, "href": Links.track(track), "roles": counted(track.roles.count, "role"),
                    "levelRange": levelRange(track), "intro": excerpt(track.introHTML),
                    "levels": track.roles.map { role in
                        ["level": role.level.id, "title": role.title, "href": Links.role(role, in: track)]
                    },
                ] as [String: Any]
            },
            "levels": levels.map { level in
                [
                    "level": level.id,
                    "cells": framework.tracks.map { track in
                        [
                            "roles": track.roles.filter { $0.level == level }.map { role in
                                ["title": role.title, "href": Links.role(role, in: track)]
                            }
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
            "hasTracks": !framework.tracks.isEmpty,
        ]
    }

    /// The first words of a track's introduction as plain text, for its card: at most about
    /// 160 characters, cut at a word.
    static func excerpt(_ html: String) -> String {
        let text = textOf(html)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")  // last, so "&amp;lt;" stays "&lt;"
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard text.count > 160 else { return text }
        let cut = text.prefix(160)
        let words = cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]
        return String(words.reversed().drop { ",;:".contains($0) }.reversed()) + "…"
    }

    /// cmark's HTML without its tags: blocks end with a space between them, inline tags go
    /// without one ("<em>why</em>," → "why,"). cmark writes a "<" in text as "&lt;", so every
    /// "<" opens a tag. (Two regular expressions did this, a twentieth of a large build.)
    private static func textOf(_ html: String) -> String {
        var text = ""
        var rest = html[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            text += rest[..<open]
            let tag = rest[rest.index(after: open)..<close]
            if blockEnds.contains(tag) || tag.hasPrefix("br") && ["", "/"].contains(tag.dropFirst(2).drop(while: \.isWhitespace)) {
                text += " "
            }
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }

    private static let blockEnds: Set<Substring> = ["/p", "/li", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/blockquote", "/td", "/th"]

    private static func levelRange(_ track: Track) -> String {
        guard let first = track.roles.first, let last = track.roles.last else { return "no levels yet" }
        return first.level == last.level ? "level \(first.level)" : "levels \(first.level)–\(last.level)"
    }
}

enum TrackView {
    static func make(_ track: Track, site: SiteContext) -> [String: Any] {
        [
            "track": [
                "title": track.title, "introHTML": track.introHTML, "roleCount": track.roles.count,
                "matrixHref": Links.matrix(track), "csvHref": "\(track.slug)/matrix.csv",
                "bookletHref": Links.booklet(track),
                "editHref": site.editHref(track.location.file),
            ] as [String: Any],
            "levels": track.roles.enumerated().map { index, role in
                [
                    "nextDiffHref": index + 1 < track.roles.count ? Links.next(role, in: track) : "",
                    "anchor": "level-\(role.slug)", "level": role.level.id, "title": role.title,
                    "href": Links.role(role, in: track),
                    "summaryHTML": role.summary?.html ?? "",
                    "areasHTML": AreaView.html(role, at: index, in: track, idPrefix: "\(role.slug)--", site: site),
                ] as [String: Any]
            },
        ]
    }
}

enum AreaView {
    /// The role's areas as HTML, rendered once for the track page and the booklet alike. The
    /// role is known by its place in the track, which no two roles share.
    static func html(_ role: Role, at index: Int, in track: Track, idPrefix: String, site: SiteContext) -> String {
        site.fragments.html("areas \(track.slug) \(index) \(idPrefix)") {
            site.templates.render(
                SiteRenderer.withoutEmptyText(["areas": make(role, behaviourIDs: site.behaviourIDs(of: index, in: track), idPrefix: idPrefix)]),
                template: "areas")
        }
    }

    /// `idPrefix` keeps area anchors unique on pages that show several roles; behaviour ids are
    /// unique in their track already, and the same on every page (`BehaviourIDs`).
    static func make(_ role: Role, behaviourIDs: [[String]], idPrefix: String = "") -> [[String: Any]] {
        zip(role.areas.indices, role.areaAnchors.map { idPrefix + $0 }).map { index, anchor in
            let area = role.areas[index]
            // A group's title heads the first of its areas.
            let startsGroup = area.group != nil && (index == 0 || role.areas[index - 1].group != area.group)
            return [
                "title": area.title, "anchor": anchor, "introHTML": area.introHTML, "noteHTML": area.noteHTML,
                "groupTitle": startsGroup ? area.group ?? "" : "",
                "behaviours": area.behaviours.enumerated().map { number, behaviour in
                    [
                        "id": index < behaviourIDs.count && number < behaviourIDs[index].count
                            ? behaviourIDs[index][number] : "\(anchor)-\(number + 1)",
                        "html": behaviour.content.html,
                        "examples": behaviour.examples.map { ["html": $0.html] },
                        "hasExamples": !behaviour.examples.isEmpty,
                    ] as [String: Any]
                },
            ] as [String: Any]
        }
    }
}

/// "1 role", "3 roles": a number with its noun, for the text of pages.
func counted(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
}
