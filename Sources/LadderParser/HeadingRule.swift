import Foundation
import LadderModel

/// The roles one Markdown file holds, grouped under the track heading (if any) above them.
struct DocumentTrack {
    var title: String?
    var location: SourceLocation?
    var introHTML = ""
    var roles: [Role] = []
}

/// Applies the heading rule (README.md, "Content format") to one file's blocks. A list belongs
/// to the nearest heading above it, which makes that heading a competency area; the heading
/// one level up is the role; one more level up, the track. Area depth is found first, from
/// where the lists are. Every list item ends up a behaviour or an example, or is named by a
/// diagnostic; lists of links alone (a table of contents) are the document's furniture.
struct HeadingRule {
    let file: String
    /// Title for a role that has no heading of its own (front matter `title:` or the file name).
    let implicitRoleTitle: String
    /// The front matter names the role: a file without areas is that one role, and its headings
    /// are prose sections rather than roles of their own.
    let titledByFrontMatter: Bool
    var diagnostics: [Diagnostic] = []

    init(file: String, implicitRoleTitle: String, titledByFrontMatter: Bool = false) {
        self.file = file
        self.implicitRoleTitle = implicitRoleTitle
        self.titledByFrontMatter = titledByFrontMatter
    }

    mutating func apply(to blocks: consuming [MarkdownBlock], quietWhenEmpty: Bool = false) -> [DocumentTrack] {
        var layout = findLayout(blocks)
        let firstHeading = blocks.lazy.compactMap { block -> Int? in
            if case .heading(let level, _, _) = block { return level } else { return nil }
        }.first
        let hasLists = blocks.contains { if case .list = $0 { true } else { false } }
        layout.implicitRole = firstHeading.map { $0 >= layout.areaDepth } ?? ((hasLists || titledByFrontMatter) && !quietWhenEmpty)
        layout.groups = Self.hasAreaGroups(blocks, layout: layout)
        var walker = Walker(file: file, layout: layout, implicitRoleTitle: implicitRoleTitle)
        // The walker takes the blocks' behaviours out of them into the model: copying them and
        // freeing the blocks afterwards was half a million atomic reference counts at 20,000
        // behaviours.
        for index in blocks.indices { walker.take(&blocks[index]) }
        let tracks = walker.finish(proseWithoutAreas: quietWhenEmpty)
        diagnostics += walker.diagnostics
        if tracks.allSatisfy({ $0.roles.isEmpty }) && !quietWhenEmpty {
            diagnostics.append(.warning(
                "no-roles", "this file holds no role: add a heading with bulleted behaviours under it",
                at: SourceLocation(file: file)))
        }
        return tracks
    }
}

/// A labelled list item without its label: `**Delivery:** Ships small changes` → "Ships small changes".
enum LabelledItem {
    static func unlabelled(_ behaviour: Behaviour) -> Behaviour {
        var rest = behaviour
        rest.content.text = afterColon(behaviour.content.text)
        if let close = behaviour.content.html.range(of: "</strong>") {
            var html = String(behaviour.content.html[close.upperBound...])
            if html.hasPrefix(":") { html.removeFirst() }
            rest.content.html = html.trimmingSpacesAndNewlines()
        }
        return rest
    }

    private static func afterColon(_ text: String) -> String {
        guard let colon = text.firstIndex(of: ":") else { return text }
        return String(text[text.index(after: colon)...]).trimmingSpacesAndNewlines()
    }
}

extension String {
    func trimmingSpacesAndNewlines() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

/// Walks the blocks in order, opening and closing tracks, roles, areas and prose sections.
private struct Walker {
    let file: String
    let layout: HeadingRule.Layout
    let implicitRoleTitle: String
    var diagnostics: [Diagnostic] = []

    var tracks: [DocumentTrack] = [DocumentTrack()]
    var role: Role?
    var area: Area?
    var section: ProseSection?
    /// A heading at area depth whose kind (area or prose) is known only once a list follows or not.
    var pendingAreaHeading: (title: String, location: SourceLocation)?
    /// Blocks after the pending heading and before its list: the area's lead-in, or the prose
    /// section's text if no list comes.
    var leadIn = ""
    /// Each table's header cells (as text) and position, to spot a matrix of levels and areas.
    var tables: [(header: [String], location: SourceLocation)] = []
    /// The area group the next areas belong to, in a file whose areas are grouped.
    var group: String?
    /// Whether anything has been taken since the role heading (a first paragraph is its summary).
    var roleHasContent = false
    var seenHeading = false

    init(file: String, layout: HeadingRule.Layout, implicitRoleTitle: String) {
        self.file = file
        self.layout = layout
        self.implicitRoleTitle = implicitRoleTitle
        if layout.implicitRole { openRole(title: implicitRoleTitle, location: SourceLocation(file: file)) }
    }

    var areaDepth: Int { layout.areaDepth }
    var roleDepth: Int { areaDepth - 1 }
    var trackDepth: Int { areaDepth - 2 }

    /// Takes what `block` holds: a list's items are moved out of it.
    mutating func take(_ block: inout MarkdownBlock) {
        switch block {
        case .heading(let level, let title, let location):
            takeHeading(level: level, title: title, location: location)
        case .list(let list):
            block = .other(html: "", location: list.location)  // so that the list's arrays have one reference
            takeList(list)
        case .quote(let text, _), .paragraph(let text, _):
            // A block quote right under the role heading is its summary; without one, the first
            // paragraph is. Changed in place: a copy of the role and its areas, made and dropped,
            // was two dozen reference counts.
            if role != nil, area == nil, section == nil, pendingAreaHeading == nil, role!.summary == nil, role!.areas.isEmpty,
                !roleHasContent
            {
                role!.summary = text
                roleHasContent = true
            } else {
                appendProse(block)
            }
        case .other(let html, let location):
            if html.hasPrefix("<table>") { tables.append((Self.headerCells(of: html), location)) }
            appendProse(block)
        case .rawHTML:
            break  // comments and raw HTML (omitted by safe mode) are not content
        }
    }

    private mutating func takeHeading(level: Int, title: String, location: SourceLocation) {
        seenHeading = true
        if title.isEmpty {
            diagnostics.append(.warning(
                "empty-heading", "this heading has no text; give it a title", at: location))
        }
        if level > areaDepth {
            appendProse(.heading(level: level, title: title, location: location))  // a sub-heading inside an area or prose section
            return
        }
        closeArea()
        if level == areaDepth {
            if role == nil { openRole(title: implicitRoleTitle, location: SourceLocation(file: file)) }
            pendingAreaHeading = (title, location)
            return
        }
        if layout.groups {
            // Grouped areas: the heading above the groups is the role.
            if level == roleDepth {
                group = title
            } else {
                closeRole()
                group = nil
                openRole(title: title, location: location)
            }
            return
        }
        closeRole()
        if level == roleDepth {
            openRole(title: title, location: location)
        } else if level == trackDepth {
            if tracks.last!.title != nil || !tracks.last!.roles.isEmpty { tracks.append(DocumentTrack()) }
            tracks[tracks.count - 1].title = title
            tracks[tracks.count - 1].location = location
        }
        // Headings above the track level are document titles: they name nothing in the model.
    }

    private mutating func takeList(_ list: consuming MarkdownList) {
        // Links alone (a table of contents, "see also") are never behaviours.
        if list.isNavigation && area == nil {
            appendProse(.list(list))
            return
        }
        if area == nil, let heading = pendingAreaHeading {
            let (title, key) = splitKey(heading.title, at: heading.location)
            area = Area(explicitKey: key, title: title, group: group, introHTML: leadIn, location: heading.location)
            pendingAreaHeading = nil
            leadIn = ""
        }
        // Taken out, not copied: `current` holds the only reference, so appends do not copy.
        guard var current = area.take() else {
            if layout.labelled, list.isLabelled {
                takeLabelled(list)
            } else {
                placeOutsideArea(list)
            }
            return
        }
        var behaviours = list.behaviours
        let restHTML = list.restHTML
        list.behaviours = []
        for index in behaviours.indices {
            takeExplicitID(&behaviours[index])
            if !restHTML[index].isEmpty { current.noteHTML += restHTML[index] }
            if behaviours[index].content.text.isEmpty {
                diagnostics.append(.warning(
                    "empty-behaviour", "this behaviour has no text; write it or remove the bullet", at: behaviours[index].location))
            }
        }
        // An area's first list (most areas have one) becomes its behaviours as it is, unchanged.
        if current.behaviours.isEmpty { current.behaviours = behaviours } else { current.behaviours += behaviours }
        area = current
    }

    /// A list that is in no area: in an introduction or a prose section it is prose (a warning
    /// names it unless it is links alone); under a role heading, before its areas, likewise.
    private mutating func placeOutsideArea(_ list: MarkdownList) {
        // A list before any heading was reported by findLayout already.
        if !list.isNavigation && seenHeading {
            let fix = role == nil
                ? "to make its items behaviours, put it under an area heading of a role"
                : "to make its items behaviours, put it under an area heading (a level-\(areaDepth) heading such as '\(String(repeating: "#", count: areaDepth)) Delivery')"
            diagnostics.append(.warning(
                "list-outside-area", "this list is in no competency area, so its items are shown as prose, not read as behaviours; \(fix)",
                at: list.location))
        }
        appendProse(.list(list))
    }

    /// Labelled items become areas named by their labels, one behaviour each, in order.
    private mutating func takeLabelled(_ list: MarkdownList) {
        if role == nil { openRole(title: implicitRoleTitle, location: SourceLocation(file: file)) }
        roleHasContent = true
        for index in list.behaviours.indices {
            let behaviour = list.behaviours[index], rest = list.restHTML[index]
            guard let label = list.labels[index] else {
                diagnostics.append(.warning(
                    "unlabelled-behaviour",
                    "the other items of this list start with a bold label naming their area, but this one has none, so it is shown as prose; start it with one, such as '**Delivery:**'",
                    at: behaviour.location))
                role!.descriptionHTML += "<ul><li>\(behaviour.content.html)\(rest)</li></ul>\n"
                continue
            }
            var unlabelled = LabelledItem.unlabelled(behaviour)
            takeExplicitID(&unlabelled)
            var labelledArea = Area(title: label, noteHTML: rest, behaviours: [unlabelled], location: behaviour.location)
            if let last = role!.areas.last, last.title == label {
                labelledArea = role!.areas.removeLast()
                labelledArea.behaviours.append(unlabelled)
                labelledArea.noteHTML += rest
            }
            role!.areas.append(labelledArea)
        }
    }

    private mutating func appendProse(_ block: MarkdownBlock) {
        if pendingAreaHeading != nil {
            leadIn += block.html  // the area's lead-in, or the section's text if no list follows
            return
        }
        if area != nil {
            area!.noteHTML += block.html
        } else if section != nil {
            section!.html += block.html
        } else if role != nil {
            role!.descriptionHTML += block.html
            roleHasContent = true
        } else {
            tracks[tracks.count - 1].introHTML += block.html
        }
    }

    private mutating func openRole(title: String, location: SourceLocation) {
        role = Role(slug: "", title: title, level: Level(""), location: location)
        roleHasContent = false
    }

    private mutating func closeArea() {
        if let heading = pendingAreaHeading {
            if !heading.title.isEmpty && leadIn.isEmpty {  // an empty heading was reported already
                diagnostics.append(.warning(
                    "empty-section",
                    "heading '\(heading.title)' has no list and no text under it; add behaviours as a bulleted list, or remove it",
                    at: heading.location))
            }
            section = ProseSection(title: heading.title, html: leadIn, location: heading.location)
            pendingAreaHeading = nil
            leadIn = ""
        }
        if let done = area.take() { role?.areas.append(done) }
        if let done = section.take() { role?.sections.append(done) }
    }

    private mutating func closeRole() {
        closeArea()
        guard let done = role.take() else { return }
        tracks[tracks.count - 1].roles.append(done)
    }

    /// Headings at role depth with no areas under them are the document's own sections (an
    /// overview, a FAQ, further reading) when other roles have areas: their text joins the
    /// track's introduction. Otherwise a role without areas is reported.
    /// `proseWithoutAreas`: a README's or index's headings without areas are always prose.
    mutating func finish(proseWithoutAreas: Bool = false) -> [DocumentTrack] {
        closeRole()
        // A table whose columns are the levels is a matrix kept as a table: its cells are not read.
        let roleTitles = Set(tracks.flatMap { $0.roles.map { $0.title.lowercased() } })
        for table in tables where table.header.count >= 3 {
            let levels = table.header.dropFirst().filter { roleTitles.contains($0.lowercased()) || Level.named(in: $0) != nil }
            if levels.count >= 2 && levels.count * 2 >= table.header.count - 1 {
                diagnostics.append(.warning(
                    "matrix-table",
                    "this table looks like a matrix of areas by level, which is shown as a table, not read as behaviours; 'ladder import --format table' turns it into one role file per level",
                    at: table.location))
            }
        }
        let anyAreas = proseWithoutAreas || tracks.contains { $0.roles.contains { !$0.areas.isEmpty } }
        for index in tracks.indices {
            var kept: [Role] = []
            for role in tracks[index].roles {
                if !role.areas.isEmpty {
                    kept.append(role)
                } else if anyAreas {
                    tracks[index].introHTML += Self.prose(of: role, headingLevel: roleDepth)
                } else {
                    diagnostics.append(.warning(
                        "role-without-areas",
                        "role '\(role.title)' has no competency areas; add a heading with a bulleted list of behaviours under it",
                        at: role.location))
                    kept.append(role)
                }
            }
            tracks[index].roles = kept
        }
        return tracks
    }

    /// The text of a table's `<th>` cells.
    static func headerCells(of html: String) -> [String] {
        guard let head = html.range(of: "</thead>") else { return [] }
        return html[..<head.lowerBound].components(separatedBy: "<th>").dropFirst().map { cell in
            let inner = cell.components(separatedBy: "</th>").first ?? ""
            return inner.replacing(/<[^>]*>/, with: "").trimmingSpacesAndNewlines()
        }
    }

    /// A would-be role as the prose it is: its heading, summary, description and sections.
    static func prose(of role: Role, headingLevel: Int) -> String {
        let level = min(6, max(2, headingLevel + 1))
        var html = "<h\(level)>\(escapeHTML(role.title))</h\(level)>\n"
        if let summary = role.summary { html += "<p>\(summary.html)</p>\n" }
        html += role.descriptionHTML
        for section in role.sections {
            html += "<h\(min(6, level + 1))>\(escapeHTML(section.title))</h\(min(6, level + 1))>\n\(section.html)"
        }
        return html
    }

    /// Takes a trailing `{#id}` off a behaviour's text: the id its links keep for good.
    private mutating func takeExplicitID(_ behaviour: inout Behaviour) {
        let text = behaviour.content.text
        guard text.utf8.last == UInt8(ascii: "}"), let open = text.lastRange(ofASCII: "{#") else { return }
        let id = String(text[open.upperBound..<text.utf8.index(before: text.utf8.endIndex)])
        guard Slug.isValid(id) else {
            diagnostics.append(.warning(
                "invalid-behaviour-id",
                "behaviour id '{#\(id)}' may hold only lowercase letters, digits and dashes, such as {#\(Slug.make(id, fallbackPrefix: "behaviour"))}; it is shown as text until then",
                at: behaviour.location))
            return
        }
        behaviour.explicitID = id
        behaviour.content.text = text[..<open.lowerBound].trimmingSpaces()
        let html = behaviour.content.html
        if let written = html.range(of: "{#\(id)}", options: .backwards) {
            behaviour.content.html = html[..<written.lowerBound].trimmingSpaces() + html[written.upperBound...]
        }
    }

    /// Reads a trailing `{#key}` from an area heading: the key aligns areas across levels.
    private mutating func splitKey(_ heading: String, at location: SourceLocation) -> (String, String?) {
        // On the bytes: String's own hasSuffix and index(before:) follow grapheme rules, which cost
        // more than the rest of reading an area heading.
        guard heading.utf8.last == UInt8(ascii: "}"), let open = heading.lastRange(ofASCII: "{#") else {
            return (heading, nil)
        }
        let key = String(heading[open.upperBound..<heading.utf8.index(before: heading.utf8.endIndex)])
        let title = heading[..<open.lowerBound].trimmingSpaces()
        guard Slug.isValid(key) else {
            diagnostics.append(.error(
                "invalid-area-key",
                "area key '{#\(key)}' may hold only lowercase letters, digits and dashes, such as {#\(Slug.make(key, fallbackPrefix: "area"))}",
                at: location))
            return (title, nil)
        }
        return (title.isEmpty ? key : title, key)
    }
}
