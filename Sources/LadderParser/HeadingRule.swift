import Foundation
import LadderModel

/// The roles one Markdown file holds, grouped under the track heading (if any) above them.
struct DocumentTrack {
    var title: String?
    var location: SourceLocation?
    var introHTML = ""
    var roles: [Role] = []
}

/// Applies DESIGN.md's heading rule to one file's blocks. A list belongs to the nearest heading
/// above it, which makes that heading a competency area; the heading one level up is the role;
/// one more level up, the track. Area depth is found first, from where the lists are.
struct HeadingRule {
    let file: String
    /// Title for a role that has no heading of its own (front matter `title:` or the file name).
    let implicitRoleTitle: String
    var diagnostics: [Diagnostic] = []

    init(file: String, implicitRoleTitle: String) {
        self.file = file
        self.implicitRoleTitle = implicitRoleTitle
    }

    mutating func apply(to blocks: consuming [MarkdownBlock]) -> [DocumentTrack] {
        let areaDepth = findAreaDepth(blocks)
        var walker = Walker(file: file, areaDepth: areaDepth, implicitRoleTitle: implicitRoleTitle)
        // The walker takes the blocks' behaviours out of them into the model: copying them and
        // freeing the blocks afterwards was half a million atomic reference counts at 20,000
        // behaviours.
        for index in blocks.indices { walker.take(&blocks[index]) }
        let tracks = walker.finish()
        diagnostics += walker.diagnostics
        if tracks.allSatisfy({ $0.roles.isEmpty }) {
            diagnostics.append(.warning(
                "no-roles", "this file holds no role: add a heading with bulleted behaviours under it",
                at: SourceLocation(file: file)))
        }
        return tracks
    }

    /// The heading level that lists sit under, by majority; lists elsewhere are reported.
    private mutating func findAreaDepth(_ blocks: [MarkdownBlock]) -> Int {
        var heading: (level: Int, location: SourceLocation)?
        var listHeadings: [(level: Int, location: SourceLocation)] = []
        var shallowest = Int.max
        for block in blocks {
            switch block {
            case .heading(let level, _, let location):
                heading = (level, location)
                shallowest = min(shallowest, level)
            case .list(_, _, let location):
                if let heading {
                    listHeadings.append(heading)
                } else {
                    diagnostics.append(.error(
                        "list-without-heading",
                        "this list has no heading above it, so it belongs to no competency area; add an area heading (such as '## Delivery') above it",
                        at: location))
                }
            default:
                break
            }
        }
        guard !listHeadings.isEmpty else {
            // No areas at all: the shallowest heading is the role, deeper ones are prose sections.
            return shallowest == Int.max ? 1 : shallowest + 1
        }
        // The level most lists sit under; between levels with as many, the shallower.
        var counts = [Int](repeating: 0, count: listHeadings.map(\.level).max()! + 1)  // by heading level
        for entry in listHeadings { counts[entry.level] += 1 }
        let depth = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        var reported: Set<SourceLocation> = []
        for entry in listHeadings where entry.level != depth && reported.insert(entry.location).inserted {
            diagnostics.append(.error(
                "mixed-area-depth",
                "this level-\(entry.level) heading has a list under it, but this file's competency areas are level-\(depth) headings; make every area heading level \(depth)",
                at: entry.location))
        }
        return depth
    }
}

/// Walks the blocks in order, opening and closing tracks, roles, areas and prose sections.
private struct Walker {
    let file: String
    let areaDepth: Int
    let implicitRoleTitle: String
    var diagnostics: [Diagnostic] = []

    var tracks: [DocumentTrack] = [DocumentTrack()]
    var role: Role?
    var area: Area?
    var section: ProseSection?
    /// A heading at area depth whose kind (area or prose) is known only once a list follows or not.
    var pendingAreaHeading: (title: String, location: SourceLocation)?

    init(file: String, areaDepth: Int, implicitRoleTitle: String) {
        self.file = file
        self.areaDepth = areaDepth
        self.implicitRoleTitle = implicitRoleTitle
    }

    var roleDepth: Int { areaDepth - 1 }
    var trackDepth: Int { areaDepth - 2 }

    /// Takes what `block` holds: a list's items are moved out of it.
    mutating func take(_ block: inout MarkdownBlock) {
        switch block {
        case .heading(let level, let title, let location):
            takeHeading(level: level, title: title, location: location)
        case .list(let behaviours, let restHTML, let location):
            block = .other(html: "", location: location)  // so that `behaviours` is the array's only reference
            takeList(behaviours, restHTML: restHTML, at: location)
        case .quote(let text, _):
            // Changed in place: a copy of the role and its areas, made and dropped, was two dozen
            // reference counts.
            if role != nil, area == nil, section == nil, pendingAreaHeading == nil, role!.summary == nil, role!.areas.isEmpty {
                role!.summary = text
            } else {
                appendProse(block)
            }
        case .paragraph, .other:
            appendProse(block)
        }
    }

    private mutating func takeHeading(level: Int, title: String, location: SourceLocation) {
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

    private mutating func takeList(_ behaviours: [Behaviour], restHTML: [String], at location: SourceLocation) {
        if area == nil, let heading = pendingAreaHeading {
            let (title, key) = splitKey(heading.title, at: heading.location)
            area = Area(explicitKey: key, title: title, location: heading.location)
            pendingAreaHeading = nil
        }
        // Taken out, not copied: `current` holds the only reference, so appends do not copy.
        guard var current = area.take() else {
            // Mixed-depth or heading-less lists were reported by findAreaDepth; keep the text visible.
            appendProse(.list(behaviours: behaviours, restHTML: restHTML, location: location))
            return
        }
        for index in behaviours.indices {
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

    private mutating func appendProse(_ block: MarkdownBlock) {
        if let heading = pendingAreaHeading {
            section = ProseSection(title: heading.title, html: "", location: heading.location)
            pendingAreaHeading = nil
        }
        if area != nil {
            area!.noteHTML += block.html
        } else if section != nil {
            section!.html += block.html
        } else if role != nil {
            role!.descriptionHTML += block.html
        } else {
            tracks[tracks.count - 1].introHTML += block.html
        }
    }

    private mutating func openRole(title: String, location: SourceLocation) {
        role = Role(slug: "", title: title, level: Level(""), location: location)
    }

    private mutating func closeArea() {
        if let heading = pendingAreaHeading {
            if !heading.title.isEmpty {  // an empty heading was reported already
                diagnostics.append(.warning(
                    "empty-section",
                    "heading '\(heading.title)' has no list and no text under it; add behaviours as a bulleted list, or remove it",
                    at: heading.location))
            }
            section = ProseSection(title: heading.title, html: "", location: heading.location)
            pendingAreaHeading = nil
        }
        if let done = area.take() { role?.areas.append(done) }
        if let done = section.take() { role?.sections.append(done) }
    }

    private mutating func closeRole() {
        closeArea()
        guard let done = role.take() else { return }
        if done.areas.isEmpty {
            diagnostics.append(.warning(
                "role-without-areas",
                "role '\(done.title)' has no competency areas; add a heading with a bulleted list of behaviours under it",
                at: done.location))
        }
        tracks[tracks.count - 1].roles.append(done)
    }

    mutating func finish() -> [DocumentTrack] {
        closeRole()
        return tracks
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
