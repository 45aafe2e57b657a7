import Foundation
import LadderModel
import Yams

/// The Financial Times' engineering-progression YAML: `levels` (id, name), `themes` (id, name,
/// summary) and `competencies` (level, theme, summary). Levels whose ids end in `-ic` and `-pm`
/// fork the ladder: they become two tracks that share the levels without a branch.
enum ProgressionYAMLImport {
    static func read(_ text: String, file: String) -> ImportResult {
        var diagnostics: [Diagnostic] = []
        func at(_ node: Node?) -> SourceLocation {
            SourceLocation(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { throw ImportFailure.empty }
            root = composed
        } catch {
            return ImportResult(framework: ImportedFramework(), diagnostics: [.error(
                "import-unreadable", "this is not YAML that ladder can read (\(error)); check its indentation", at: SourceLocation(file: file))])
        }
        let name = root["name"]?.string ?? "Engineering"
        let levels = (root["levels"]?.sequence ?? []).compactMap { node -> (id: String, name: String, node: Node)? in
            guard let id = node["id"]?.string else { return nil }
            return (id, node["name"]?.string ?? id, node)
        }
        let themes = (root["themes"]?.sequence ?? []).compactMap { node -> (id: String, name: String, summary: String)? in
            guard let id = node["id"]?.string else { return nil }
            return (id, node["name"]?.string ?? id, node["summary"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        }
        guard !levels.isEmpty else {
            return ImportResult(framework: ImportedFramework(), diagnostics: [.error(
                "import-no-levels", "this file has no 'levels:' list of ids and names, so it is not progression data ladder knows", at: at(root))])
        }
        // Branches: the suffix after the last dash of a forked level's id.
        let branchNames = ["ic": "Individual Contributor", "pm": "People Manager"]
        func branch(_ id: String) -> String? { id.split(separator: "-").last.map(String.init).flatMap { branchNames[$0] == nil ? nil : $0 } }
        let branches = Array(Set(levels.compactMap { branch($0.id) })).sorted()
        let trackTitles = branches.isEmpty ? [nil] : branches.map { Optional($0) }
        var framework = ImportedFramework()
        var notPlaced: [String: (count: Int, first: SourceLocation)] = [:]
        for (key, value) in keyed(root) where !["name", "summary", "levels", "themes", "competencies"].contains(key) {
            notPlaced["'\(key)'", default: (0, at(value))].count += 1
        }
        for trackBranch in trackTitles {
            let title = trackBranch.map { "\(name) (\(branchNames[$0]!))" } ?? name
            var track = ImportedTrack(title: title, intro: root["summary"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
            for (position, level) in levels.enumerated() where branch(level.id) == nil || branch(level.id) == trackBranch {
                var role = ImportedRole(title: level.name, level: String(position + 1))
                for theme in themes {
                    let competencies = (root["competencies"]?.sequence ?? []).filter {
                        $0["level"]?.string == level.id && $0["theme"]?.string == theme.id
                    }
                    var area = ImportedArea(key: Slug.make(theme.id, fallbackPrefix: "area"), title: theme.name, intro: theme.summary)
                    for competency in competencies {
                        area.behaviours += numberedItems(competency["summary"]?.string ?? "").map { ImportedBehaviour(text: $0) }
                    }
                    if !area.behaviours.isEmpty { role.areas.append(area) }
                }
                track.roles.append(role)
            }
            // Renumber the levels of this track in order.
            for index in track.roles.indices { track.roles[index].level = String(index + 1) }
            framework.tracks.append(track)
        }
        for competency in root["competencies"]?.sequence ?? [] {
            for (key, value) in keyed(competency) where !["id", "level", "theme", "summary"].contains(key) {
                notPlaced["'\(key)' of competencies", default: (0, at(value))].count += 1
            }
        }
        // Competencies that name a level or theme the file does not define.
        let levelIDs = Set(levels.map(\.id)), themeIDs = Set(themes.map(\.id))
        for competency in root["competencies"]?.sequence ?? [] {
            let level = competency["level"]?.string ?? "", theme = competency["theme"]?.string ?? ""
            if !levelIDs.contains(level) || !themeIDs.contains(theme) {
                diagnostics.append(.warning(
                    "import-unknown-reference",
                    "this competency names \(levelIDs.contains(level) ? "theme '\(theme)'" : "level '\(level)'"), which the file does not define, so it was left out; add it to 'levels:' or 'themes:'",
                    at: at(competency)))
            }
        }
        for (kind, entry) in notPlaced.sorted(by: { $0.value.first < $1.value.first }) {
            diagnostics.append(.warning(
                "import-not-placed",
                "\(kind) has no place in ladder, so it was left out (\(entry.count) value\(entry.count == 1 ? "" : "s")); keep it in the source if you need it",
                at: entry.first))
        }
        return ImportResult(framework: framework, diagnostics: diagnostics)
    }

    /// A mapping's keys as text, with their values.
    static func keyed(_ node: Node) -> [(String, Node)] {
        guard let mapping = node.mapping else { return [] }
        return mapping.compactMap { pair in pair.key.string.map { ($0, pair.value) } }
    }

    /// "1. A\n2. B" → ["A", "B"]; anything else is one behaviour.
    static func numberedItems(_ summary: String) -> [String] {
        let trimmed = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = trimmed.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let numbered = lines.filter { $0.firstMatch(of: /^\d+[.)]\s/) != nil }
        guard numbered.count >= 2, numbered.count == lines.count else { return trimmed.isEmpty ? [] : [oneLine(trimmed)] }
        return numbered.map { $0.replacing(/^\d+[.)]\s+/, with: "") }
    }
}

/// Snowflake-style ability data as JSON: `tracks` (an object or a list) of abilities, each with
/// `displayName`, `category`, `description` and five `milestones` ({summary, signals,
/// examples}); `titles` ({label, minPoints, maxPoints}) become positions whose eligibility is
/// their `minPoints`; `milestoneToPoints` gives the cumulative miles.
enum AbilityJSONImport {
    static func read(_ data: Data, file: String, track: String) -> ImportResult {
        var diagnostics: [Diagnostic] = []
        let here = SourceLocation(file: file)
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return ImportResult(framework: ImportedFramework(), diagnostics: [.error(
                "import-unreadable", "this is not a JSON object with 'tracks' and 'titles'; check that it is JSON", at: here)])
        }
        var entries: [(key: String, value: [String: Any])] = []
        if let object = root["tracks"] as? [String: Any] {
            entries = object.keys.sorted().compactMap { key in (object[key] as? [String: Any]).map { (key, $0) } }
        } else if let list = root["tracks"] as? [[String: Any]] {
            entries = list.enumerated().map { (($0.element["id"] as? String) ?? ($0.element["displayName"] as? String) ?? "ability-\($0.offset + 1)", $0.element) }
        }
        var framework = ImportedFramework()
        // Cumulative points at milestones 0…n → the miles each milestone adds.
        let cumulative = (root["milestoneToPoints"] as? [Int]) ?? []
        let perMilestone = zip(cumulative.dropFirst(), cumulative).map { $0 - $1 }
        let miles = perMilestone.isEmpty || perMilestone == Framework.defaultMilestoneMiles ? nil : perMilestone
        var leftOut: [String: Int] = [:]
        for (key, ability) in entries {
            let title = (ability["displayName"] as? String) ?? key
            let milestones = (ability["milestones"] as? [[String: Any]] ?? []).map { milestone -> [String] in
                var bullets = [(milestone["summary"] as? String).map(oneLine)].compactMap { $0 }.filter { !$0.isEmpty }
                bullets += (milestone["signals"] as? [String] ?? []).map(oneLine)
                bullets += (milestone["examples"] as? [String] ?? []).map { "For example, \(oneLine($0))" }
                for other in milestone.keys where !["summary", "signals", "examples"].contains(other) { leftOut["milestone '\(other)'", default: 0] += 1 }
                return bullets
            }
            for other in ability.keys where !["displayName", "category", "description", "milestones", "id"].contains(other) {
                leftOut["ability '\(other)'", default: 0] += 1
            }
            framework.abilities.append(ImportedAbility(
                slug: Slug.make(key.lowercased(), fallbackPrefix: "ability"), title: title, category: ability["category"] as? String,
                description: (ability["description"] as? String).map(oneLine) ?? "", miles: miles, milestones: milestones))
        }
        var positions = ImportedTrack(title: track)
        for (index, entry) in (root["titles"] as? [[String: Any]] ?? []).enumerated() {
            guard let label = entry["label"] as? String else { continue }
            var role = ImportedRole(title: label, level: String(index + 1))
            role.eligibilityMiles = entry["minPoints"] as? Int
            if let maximum = entry["maxPoints"] as? Int {
                role.summary = "From \(role.eligibilityMiles ?? 0) to \(maximum) miles."
            }
            positions.roles.append(role)
        }
        if !positions.roles.isEmpty { framework.tracks.append(positions) }
        for other in root.keys where !["tracks", "titles", "milestoneToPoints"].contains(other) { leftOut["'\(other)'", default: 0] += 1 }
        for (kind, count) in leftOut.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(.warning(
                "import-not-placed", "\(kind) has no place in ladder, so it was left out (\(count) value\(count == 1 ? "" : "s"))", at: here))
        }
        return ImportResult(framework: framework, diagnostics: diagnostics)
    }
}

enum ImportFailure: Error { case empty }
