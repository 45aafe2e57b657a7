import LadderModel

/// Where a file's areas are, found before the heading rule walks it: the heading level its lists
/// sit under, whether its bullets are labelled with their areas, whether headings group areas.
extension HeadingRule {
    /// Where the areas are: the heading level lists sit under (by majority, lists of links left
    /// out), and whether they are labelled lists (`- **Delivery:** …`) under role headings.
    struct Layout {
        var areaDepth: Int
        var labelled: Bool
        /// The file's first heading is an area's (or it has none): the whole file is one role,
        /// named by its front matter or file name, from its first line.
        var implicitRole = false
        /// The headings above the areas group them ("Functional competencies" over "Management"
        /// and "Delivery"), and the heading above those is the role.
        var groups = false
    }

    /// Whether the headings one level above the areas are area groups rather than roles: there
    /// are two or more, none has text of its own, one heading stands above them all, and no area
    /// title repeats from one to the next (levels of a ladder repeat their areas; groups do not).
    static func hasAreaGroups(_ blocks: [MarkdownBlock], layout: Layout) -> Bool {
        let roleDepth = layout.areaDepth - 1
        guard roleDepth >= 1, !layout.labelled else { return false }
        var above = 0
        var groups: [(hasText: Bool, areas: Set<String>)] = []
        var afterGroupHeading = false
        for block in blocks {
            switch block {
            case .heading(let level, let title, _):
                if level == roleDepth - 1 {
                    above += 1
                } else if level < roleDepth - 1 {
                    return false
                } else if level == roleDepth {
                    groups.append((false, []))
                } else if level == layout.areaDepth, !groups.isEmpty {
                    groups[groups.count - 1].areas.insert(Slug.make(title, fallbackPrefix: "area"))
                }
                afterGroupHeading = level == roleDepth
            case .paragraph, .quote, .list, .other:
                if afterGroupHeading { groups[groups.count - 1].hasText = true }
            case .rawHTML:
                continue
            }
        }
        guard above == 1, groups.count >= 2, groups.allSatisfy({ !$0.hasText && !$0.areas.isEmpty }) else { return false }
        var seen: Set<String> = []
        for group in groups {
            if !seen.isDisjoint(with: group.areas) { return false }
            seen.formUnion(group.areas)
        }
        return true
    }

    mutating func findLayout(_ blocks: [MarkdownBlock]) -> Layout {
        var headings: [(level: Int, location: SourceLocation)] = []
        // Each list with the index of the heading above it.
        var lists: [(heading: Int, location: SourceLocation, labelled: Bool)] = []
        var unheadedLabelled = false
        for block in blocks {
            switch block {
            case .heading(let level, _, let location):
                headings.append((level, location))
            case .list(let list):
                guard !list.isNavigation else { continue }
                if !headings.isEmpty {
                    lists.append((headings.count - 1, list.location, list.isLabelled))
                } else if list.isLabelled {
                    unheadedLabelled = true
                } else {
                    diagnostics.append(.error(
                        "list-without-heading",
                        "this list has no heading above it, so it belongs to no competency area; add an area heading (such as '## Delivery') above it",
                        at: list.location))
                }
            default:
                break
            }
        }
        let shallowest = headings.map(\.level).min() ?? Int.max
        // Frameworks without area headings label each bullet with its area instead.
        if !lists.isEmpty || unheadedLabelled, lists.allSatisfy(\.labelled) {
            return Layout(areaDepth: (lists.map { headings[$0.heading].level }.min() ?? 0) + 1, labelled: true)
        }
        // A list under a heading whose own sub-headings hold lists (a role's bullets before its
        // areas) is a lead-in, not an area: it does not vote.
        let withLists = Set(lists.map(\.heading))
        func holdsDeeperLists(_ index: Int) -> Bool {
            let level = headings[index].level
            var next = index + 1
            while next < headings.count, headings[next].level > level {
                if withLists.contains(next) { return true }
                next += 1
            }
            return false
        }
        let areaLists = lists.filter { !$0.labelled && !holdsDeeperLists($0.heading) }
        guard !areaLists.isEmpty else {
            // No areas at all: the shallowest heading is the role, deeper ones are prose sections;
            // unless the front matter names the role, and then every heading is a section of it.
            if titledByFrontMatter { return Layout(areaDepth: shallowest == Int.max ? 1 : shallowest, labelled: false) }
            return Layout(areaDepth: shallowest == Int.max ? 1 : shallowest + 1, labelled: false)
        }
        // The level most lists sit under; between levels with as many, the shallower.
        let levels = areaLists.map { headings[$0.heading].level }
        var counts = [Int](repeating: 0, count: levels.max()! + 1)
        for level in levels { counts[level] += 1 }
        let depth = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        for entry in areaLists where headings[entry.heading].level > depth {
            diagnostics.append(.error(
                "mixed-area-depth",
                "this list sits under a level-\(headings[entry.heading].level) heading, but this file's competency areas are level-\(depth) headings; make its heading level \(depth), or make the list part of the area above",
                at: entry.location))
        }
        return Layout(areaDepth: depth, labelled: false)
    }
}
