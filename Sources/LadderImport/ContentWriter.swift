import Foundation
import LadderModel

/// An import as content files: per track a folder with `_track.md` and one file per role,
/// `<n>-<role-slug>.md`, whose `## Area {#key}` headings align the areas across levels; per
/// ability a file in `abilities/`. A pure function: the command writes the files.
public enum ContentWriter {
    public struct File: Sendable, Equatable {
        /// Inside the content folder: `engineering/2-senior-engineer.md`.
        public var path: String
        public var text: String
    }

    public static func files(_ framework: ImportedFramework) -> [File] {
        var files: [File] = []
        var usedFolders: Set<String> = []
        for track in framework.tracks {
            var folder = Slug.avoidingPages(Slug.make(track.title, fallbackPrefix: "track"), suffix: "track")
            while !usedFolders.insert(folder).inserted { folder += "-2" }
            var trackText = "---\ntitle: \(yamlString(track.title))\n---\n"
            if !track.intro.isEmpty { trackText += "\(track.introIsMarkdown ? track.intro : markdownParagraphs(track.intro))\n" }
            files.append(File(path: "\(folder)/_track.md", text: trackText))
            var usedNames: Set<String> = []
            for (index, role) in track.roles.enumerated() {
                var name = "\(index + 1)-\(Slug.make(role.title, fallbackPrefix: "role")).md"
                if !usedNames.insert(name).inserted { name = "\(index + 1)-\(Slug.make(role.title, fallbackPrefix: "role"))-\(index + 1).md" }
                files.append(File(path: "\(folder)/\(name)", text: roleText(role)))
            }
        }
        for ability in framework.abilities {
            files.append(File(path: "abilities/\(ability.slug).md", text: abilityText(ability)))
        }
        return files
    }

    static func roleText(_ role: ImportedRole) -> String {
        var text = "---\nlevel: \(yamlString(role.level))\ntitle: \(yamlString(role.title))\n"
        if let miles = role.eligibilityMiles { text += "eligibility_miles: \(miles)\n" }
        text += "---\n# \(escapeMarkdown(role.title))\n"
        if !role.summary.isEmpty { text += "\n> \(escapeMarkdown(role.summary))\n" }
        // Groups are written when every area has one and there are two or more: then ladder reads
        // `## Group` over `### Area` as a group of areas, not as roles.
        let groups = role.areas.map(\.group)
        let grouped = groups.allSatisfy { $0 != nil } && Set(groups).count >= 2
        var group: String?
        for area in role.areas {
            if grouped, let areaGroup = area.group, areaGroup != group {
                group = areaGroup
                text += "\n## \(escapeMarkdown(areaGroup))\n"
            }
            text += "\n\(grouped ? "###" : "##") \(escapeMarkdown(area.title)) {#\(area.key)}\n"
            if !area.intro.isEmpty { text += "\n\(markdownParagraphs(area.intro))\n" }
            text += "\n"
            for behaviour in area.behaviours {
                text += "- \(behaviour.isMarkdown ? behaviour.text : escapeMarkdown(behaviour.text))\n"
                for example in behaviour.examples { text += "  - \(escapeMarkdown(example))\n" }
            }
        }
        return text
    }

    static func abilityText(_ ability: ImportedAbility) -> String {
        var text = "---\ntitle: \(yamlString(ability.title))\n"
        if let category = ability.category { text += "category: \(yamlString(category))\n" }
        if let miles = ability.miles { text += "miles: [\(miles.map(String.init).joined(separator: ", "))]\n" }
        text += "---\n"
        if !ability.description.isEmpty { text += "\(markdownParagraphs(ability.description))\n" }
        for (index, bullets) in ability.milestones.enumerated() {
            text += "\n## Milestone \(index + 1)\n\n"
            for bullet in bullets { text += "- \(escapeMarkdown(bullet))\n" }
        }
        return text
    }

    /// A YAML double-quoted string: JSON's escapes are YAML's.
    static func yamlString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// Plain text as Markdown that reads back as the same text: every character that could
    /// start markup is escaped (CommonMark lets any ASCII punctuation be escaped with `\`).
    static func escapeMarkdown(_ text: String) -> String {
        var result = ""
        for character in oneLine(text) {
            if "\\`*_[]<>!|&#~".contains(character) { result.append("\\") }
            result.append(character)
        }
        // What would open a block at the start of a line: a list marker, a numbered item, a quote.
        if let first = result.first, "-+=".contains(first) { result.insert("\\", at: result.startIndex) }
        if let match = result.firstMatch(of: /^(\d{1,9})([.)])/) {
            result.replaceSubrange(match.range, with: "\(match.1)\\\(match.2)")
        }
        return result
    }

    /// Text kept as paragraphs (a blank line between them), each escaped.
    static func markdownParagraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n").map { escapeMarkdown($0) }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}
