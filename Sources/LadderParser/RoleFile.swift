import Foundation
import LadderModel

/// A role as read from its file, before it is placed in a track.
struct PendingRole {
    var role: Role
    var orderInFile: Int
    /// Where the level came from, to tell the user how to fix a clash.
    var levelSource: LevelSource
    /// The `slug:` given in front matter, if any; otherwise the slug comes from the title.
    var explicitSlug: String?

    enum LevelSource { case frontMatter, fileName, title, orderInFile }
}

/// The roles of one file, grouped under their track heading (if any).
struct RoleGroup {
    var trackTitle: String?
    var trackLocation: SourceLocation?
    var introHTML: String
    var roles: [PendingRole]
    /// The file's links to other content files and anchors (on its first group).
    var links: [ContentLink] = []
}

/// One role document: front matter, then Markdown read by the heading rule.
enum RoleFile {
    static func read(
        _ text: String, file: SourceFile, catalog: Catalog, html: Bool = true, isIndex: Bool = false, diagnostics: inout [Diagnostic]
    ) -> [RoleGroup] {
        let split = FrontMatterSplit(text, file: file.path, diagnostics: &diagnostics)
        if split.isUnclosed { return [] }
        var frontMatter: RoleFrontMatter?
        // A file of several roles gives each its front matter under `roles:`, keyed by role title or slug.
        var perRole: [(name: String, frontMatter: RoleFrontMatter, location: SourceLocation)] = []
        if let yaml = split.yaml,
            var fields = YAMLFields.parse(
                yaml, file: file.path, firstLine: split.yamlFirstLine, context: "role front matter", diagnostics: &diagnostics)
        {
            if let roles = fields.value("roles") {
                _ = fields.node("roles")
                perRole = readPerRole(roles, fields: fields, catalog: catalog, diagnostics: &diagnostics)
                diagnostics += fields.finish()
            } else {
                frontMatter = RoleFrontMatter.read(&fields, catalog: catalog, diagnostics: &diagnostics)
            }
            // Content kept as data (lists of text under keys ladder does not read, over an almost
            // empty body) is not read as behaviours: say so once, at the key that holds it.
            if yaml.utf8.count > 3 * split.body.utf8.count, let data = fields.keyHoldingLists() {
                diagnostics.append(.warning(
                    "content-in-front-matter",
                    "'\(data.key)' holds \(data.items) items of text in the front matter, which ladder does not read as behaviours; write them as bulleted lists under area headings in the Markdown below the front matter",
                    at: data.location))
            }
        }
        let (prefix, stem) = splitLevelPrefix(fileStem(file.relativePath))

        let document = MarkdownDocument.parse(split.body, file: file.path, firstLine: split.bodyFirstLine, html: html)
        let links = document.links
        var rule = HeadingRule(file: file.path, implicitRoleTitle: frontMatter?.title ?? humanize(stem), titledByFrontMatter: frontMatter?.title != nil)
        // A README of prose alone is an introduction, not a file missing its roles.
        let tracks = rule.apply(to: (consume document).blocks, quietWhenEmpty: isIndex)  // the only reference, so the rule can move blocks out
        diagnostics += rule.diagnostics

        let roleCount = tracks.reduce(0) { $0 + $1.roles.count }
        if let frontMatter, roleCount > 1, frontMatter.setsAnything {
            diagnostics.append(.warning(
                "front-matter-several-roles",
                "this file holds \(roleCount) roles, so its front matter applies to none of them; put each role's keys under 'roles:' and its title, such as 'roles: { \(tracks.flatMap(\.roles).first?.title ?? "Role"): { level: 1 } }'",
                at: SourceLocation(file: file.path, line: split.yamlFirstLine - 1)))
        }

        var unmatched = perRole
        var order = 0
        var groups = tracks.map { track in
            RoleGroup(
                trackTitle: track.title, trackLocation: track.location, introHTML: track.introHTML,
                roles: track.roles.map { role in
                    order += 1
                    var pending = PendingRole(role: role, orderInFile: order, levelSource: .orderInFile)
                    pending.role.level = Level(String(order))
                    if let fromTitle = Level.named(in: role.title) {
                        pending.role.level = fromTitle
                        pending.levelSource = .title
                    } else if roleCount == 1, let weight = frontMatter?.weight {
                        pending.role.level = Level(weight)
                        pending.levelSource = .frontMatter
                    }
                    if roleCount == 1, let prefix {
                        pending.role.level = Level(prefix)
                        pending.levelSource = .fileName
                    }
                    if roleCount == 1, let frontMatter {
                        frontMatter.apply(to: &pending)
                    }
                    if let match = unmatched.firstIndex(where: { $0.name == role.title || $0.name == Slug.make(role.title) }) {
                        unmatched.remove(at: match).frontMatter.apply(to: &pending)
                    }
                    return pending
                })
        }
        for entry in unmatched {
            diagnostics.append(.warning(
                "unknown-role", "no role '\(entry.name)' in this file; use a role's title or slug as written in its heading",
                at: entry.location))
        }
        // A file the heading rule made nothing of shows nothing, so its links lead from nowhere.
        if !groups.isEmpty { groups[0].links = links }
        return groups
    }

    private static func readPerRole(
        _ node: YAMLNode, fields: YAMLFields, catalog: Catalog, diagnostics: inout [Diagnostic]
    ) -> [(name: String, frontMatter: RoleFrontMatter, location: SourceLocation)] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(
                "wrong-type", "'roles' must map each role's title to its keys, not \(YAMLFields.describe(node))",
                at: fields.location(of: node)))
            return []
        }
        return mapping.compactMap { key, value in
            let name = key.scalar?.string ?? ""
            guard let roleMapping = value.mapping else {
                diagnostics.append(.error(
                    "wrong-type", "'roles.\(name)' must be a mapping of front matter keys, not \(YAMLFields.describe(value))",
                    at: fields.location(of: value)))
                return nil
            }
            var roleFields = YAMLFields(
                mapping: roleMapping, file: fields.file, lineOffset: fields.lineOffset, context: "the front matter of role '\(name)'")
            return (name, RoleFrontMatter.read(&roleFields, catalog: catalog, diagnostics: &diagnostics), fields.location(of: key))
        }
    }

    /// "10-senior-engineer" → ("10", "senior-engineer"); "2.1_pm" → ("2.1", "pm").
    static func splitLevelPrefix(_ stem: String) -> (String?, String) {
        // On the bytes: the prefix is ASCII, and counting characters costs more than the rest.
        let bytes = stem.utf8
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let end = bytes.firstIndex { !isDigit($0) && $0 != UInt8(ascii: ".") } ?? bytes.endIndex
        guard let first = bytes.first, isDigit(first), end != bytes.endIndex,
            [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: " ")].contains(bytes[end])
        else { return (nil, stem) }
        let digits = stem[..<end]
        let level = digits.hasSuffix(".") ? String(digits.dropLast()) : String(digits)
        return (level, String(stem[bytes.index(after: end)...]))
    }

    /// "senior-engineer" → "Senior engineer": a readable title when the file gives none.
    static func humanize(_ stem: String) -> String {
        let words = String(decoding: stem.utf8.map { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// The keys a role file's front matter may hold.
struct RoleFrontMatter {
    var title: String?
    var slug: String?
    var level: String?
    var titles = Titles()
    var eligibility: Eligibility?
    var abilityNeeds = AbilityNeeds()
    var assignmentRefs = AssignmentRefs()
    var draft = false
    var aliases: [Alias] = []
    /// Hugo's and Jekyll's `weight:`, a level when nothing else gives one.
    var weight: String?

    var setsAnything: Bool {
        title != nil || slug != nil || level != nil || titles != Titles() || eligibility != nil
            || abilityNeeds != AbilityNeeds() || assignmentRefs != AssignmentRefs() || draft || !aliases.isEmpty
    }

    static func read(_ fields: inout YAMLFields, catalog: Catalog, diagnostics: inout [Diagnostic]) -> RoleFrontMatter {
        var result = RoleFrontMatter()
        var nested: [YAMLFields] = []
        result.title = fields.string("title")
        result.slug = validSlug(&fields, file: fields.file, diagnostics: &diagnostics)
        if let (level, location) = fields.text("level") {
            // Most levels are digits: an ASCII test first, as Unicode properties are looked up.
            let asciiLetterOrDigit = { (byte: UInt8) in (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39 }
            if level.utf8.contains(where: asciiLetterOrDigit) || level.contains(where: { $0.isLetter || $0.isNumber }) {
                result.level = level
            } else {
                diagnostics.append(.error(
                    "invalid-level", "level '\(level)' has no letters or digits to sort by; use a level such as \"3\", \"2.1\" or \"L3\"",
                    at: location))
            }
        }
        result.draft = fields.bool("draft") ?? false
        result.aliases = readAliases(&fields, diagnostics: &diagnostics)
        result.weight = fields.string("weight")
        fields.ignoreSiteGeneratorKeys()
        if var titles = fields.fields("titles") {
            result.titles = Titles(
                official: titles.string("internal"), external: titles.string("external"),
                alternatives: titles.stringList("alternatives") ?? [])
            nested.append(titles)
        }
        if let (value, location) = fields.text("eligibility_miles") {
            result.eligibility = parseEligibility(value, at: location, diagnostics: &diagnostics)
        }
        if var abilities = fields.fields("abilities") {
            let required = abilities.locatedNumberMap("required") ?? []
            let optional = abilities.locatedNumberMap("optional") ?? []
            catalog.checkAbilityNeeds(required + optional, diagnostics: &diagnostics)
            result.abilityNeeds = AbilityNeeds(
                required: Dictionary(required.map { ($0.name, $0.value) }, uniquingKeysWith: max),
                optional: Dictionary(optional.map { ($0.name, $0.value) }, uniquingKeysWith: max))
            nested.append(abilities)
        }
        if var assignments = fields.fields("assignments") {
            let required = assignments.locatedStringList("required") ?? []
            let common = assignments.locatedStringList("common") ?? []
            catalog.checkAssignments(required + common, diagnostics: &diagnostics)
            result.assignmentRefs = AssignmentRefs(required: required.map(\.0), common: common.map(\.0))
            nested.append(assignments)
        }
        diagnostics += fields.finish(nested: nested)
        return result
    }

    /// `40` or `"+15%"` (15% above the required miles).
    static func parseEligibility(_ value: String, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> Eligibility? {
        let trimmed = value.trimmingSpaces()
        if let miles = Int(trimmed), miles >= 0 { return .miles(miles) }
        if trimmed.hasPrefix("+"), trimmed.hasSuffix("%"), let percent = Int(trimmed.dropFirst().dropLast()), percent >= 0 {
            return .aboveRequired(percent: percent)
        }
        diagnostics.append(.error(
            "wrong-type",
            "'eligibility_miles' must be a whole number of miles (such as 40) or a percentage above the required miles (such as \"+10%\"), not '\(value)'",
            at: location))
        return nil
    }

    func apply(to pending: inout PendingRole) {
        if let title { pending.role.title = title }
        if let level {
            pending.role.level = Level(level)
            pending.levelSource = .frontMatter
        }
        pending.explicitSlug = slug
        pending.role.titles = titles
        pending.role.eligibility = eligibility
        pending.role.abilityNeeds = abilityNeeds
        pending.role.assignmentRefs = assignmentRefs
        pending.role.draft = draft
        pending.role.aliases = aliases
    }
}
