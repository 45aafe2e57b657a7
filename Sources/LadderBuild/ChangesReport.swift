import Foundation
import LadderAnalysis
import LadderModel

/// `FrameworkChanges` as `ladder changes` prints them: text for a terminal, Markdown for a
/// review document or a pull request, JSON for tools.
public enum ChangesReport {
    /// "v2025-h2 (3f2a1c9, 2025-06-30)"
    public static func heading(_ changes: FrameworkChanges, since revision: String, commit: String, date: String) -> String {
        changes.isEmpty ? "No changes since \(revision) (\(commit), \(date))." : "Changes since \(revision) (\(commit), \(date))"
    }

    public static func text(_ changes: FrameworkChanges, since revision: String, commit: String, date: String) -> String {
        var lines = [heading(changes, since: revision, commit: commit, date: date)]
        for track in changes.tracks {
            lines.append("")
            lines.append(track.title + (track.status == .changed ? "" : " (track \(track.status.rawValue))"))
            for role in track.roles {
                lines.append("  \(role.title), level \(role.level): \(role.statusText)")
                for line in role.position { lines.append("    \(line)") }
                for area in role.areas {
                    lines.append("    \(area.title)\((area.statusText.isEmpty ? "" : " (\(area.statusText))"))")
                    for change in area.behaviours {
                        switch change {
                        case .added(let text): lines.append("      + \(text)")
                        case .dropped(let text): lines.append("      - \(text)")
                        case .reworded(_, _, let marks): lines.append("      ~ " + marked(marks, removed: ("[-", "-]"), inserted: ("{+", "+}")))
                        case .unchanged: continue
                        }
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ changes: FrameworkChanges, since revision: String, commit: String, date: String) -> String {
        var lines = ["# " + heading(changes, since: revision, commit: commit, date: date)]
        for track in changes.tracks {
            lines += ["", "## \(escape(track.title))" + (track.status == .changed ? "" : " (track \(track.status.rawValue))")]
            for role in track.roles {
                lines += ["", "### \(escape(role.title)), level \(escape(role.level)): \(role.statusText)"]
                if !role.position.isEmpty { lines.append("") }
                for line in role.position { lines.append("- \(escape(line))") }
                for area in role.areas {
                    lines += ["", "**\(escape(area.title))**\((area.statusText.isEmpty ? "" : " (\(area.statusText))"))", ""]
                    for change in area.behaviours {
                        switch change {
                        case .added(let text): lines.append("- Added: \(escape(text))")
                        case .dropped(let text): lines.append("- Removed: ~~\(escape(text))~~")
                        case .reworded(_, _, let marks):
                            lines.append("- Reworded: " + marked(marks, removed: ("~~", "~~"), inserted: ("**", "**"), escaping: true))
                        case .unchanged: continue
                        }
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ changes: FrameworkChanges, since revision: String, commit: String, date: String) -> Data {
        func behaviour(_ change: BehaviourDiff.Change) -> [String: Any] {
            switch change {
            case .added(let text): return ["change": "added", "text": text]
            case .dropped(let text): return ["change": "removed", "text": text]
            case .unchanged(let text): return ["change": "unchanged", "text": text]
            case .reworded(let from, let to, let marks):
                return ["change": "reworded", "from": from, "text": to, "marks": marks.map { mark -> [String: String] in
                    switch mark {
                    case .same(let text): return ["same": text]
                    case .removed(let text): return ["removed": text]
                    case .inserted(let text): return ["inserted": text]
                    }
                }]
            }
        }
        let object: [String: Any] = [
            "since": revision, "commit": commit, "date": date,
            "tracks": changes.tracks.map { track in
                [
                    "slug": track.slug, "title": track.title, "status": track.status.rawValue,
                    "roles": track.roles.map { role in
                        var entry: [String: Any] = [
                            "slug": role.slug, "title": role.title, "level": role.level, "status": role.status.rawValue,
                            "position": role.position,
                            "areas": role.areas.map { area in
                                var entry: [String: Any] = [
                                    "key": area.key, "title": area.title, "status": area.status.rawValue,
                                    "behaviours": area.behaviours.map(behaviour),
                                ]
                                if let old = area.oldTitle { entry["old_title"] = old }
                                return entry
                            },
                        ]
                        if let old = role.oldTitle { entry["old_title"] = old }
                        if let old = role.oldTrack { entry["old_track"] = old }
                        return entry
                    },
                ] as [String: Any]
            },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data + Data("\n".utf8)
    }

    static func marked(_ marks: [BehaviourDiff.WordMark], removed: (String, String), inserted: (String, String), escaping: Bool = false) -> String {
        // Spaces go outside the markers: Markdown's `**` does not close after a space.
        func wrap(_ text: String, _ markers: (String, String)) -> String {
            let core = text.trimmingCharacters(in: .whitespaces)
            guard !core.isEmpty else { return text }
            let lead = text.prefix { $0 == " " }, trail = String(text.reversed().prefix { $0 == " " })
            return lead + markers.0 + (escaping ? escape(core) : core) + markers.1 + trail
        }
        return marks.map { mark in
            switch mark {
            case .same(let text): escaping ? escape(text) : text
            case .removed(let text): wrap(text, removed)
            case .inserted(let text): wrap(text, inserted)
            }
        }.joined()
    }

    /// Markdown's punctuation in content, escaped so that it reads as written.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#~|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
