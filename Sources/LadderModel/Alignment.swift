/// Which areas of a track's levels are "the same area", for matrices and diffs.
///
/// An area's row key is, in order of precedence: its `{#key}`; the track's `competencies:` entry
/// at its position; its title's slug when another level of the track has an area with the same
/// title; else its position (`position-N`). Rows are ordered by first appearance, levels in order.
public struct TrackAlignment: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var key: String
        /// The row's name: the title the area has at the first level that has it.
        public var title: String
        /// For each role of the track (in level order), the index of its area in this row, if any.
        public var areaIndices: [Int?]
        /// The row was formed by the areas' positions alone: no key, competency or shared title
        /// says these areas are the same.
        public var byPosition = false
    }

    public var rows: [Row]

    public init(_ track: Track) {
        // Titles are counted only when some area has neither a key nor a competency to go by.
        var titleCounts: [String: Int] = [:]
        let keyedByTitle = track.roles.contains { role in
            role.areas.indices.contains { role.areas[$0].explicitKey == nil && $0 >= track.competencies.count }
        }
        // Roles and areas are read in place, by index: a `for` over them copied each, with a
        // reference count for every string and array it holds.
        for roleIndex in track.roles.indices where keyedByTitle {
            for title in Set(track.roles[roleIndex].areas.map { Slug.make($0.title, fallbackPrefix: "area") }) {
                titleCounts[title, default: 0] += 1
            }
        }
        var rows: [Row] = []
        var rowOfKey: [String: Int] = [:]
        for roleIndex in track.roles.indices {
            for areaIndex in track.roles[roleIndex].areas.indices {
                let area = track.roles[roleIndex].areas[areaIndex]
                let (key, byPosition) = Self.key(of: area, at: areaIndex, competencies: track.competencies, titleCounts: titleCounts)
                let row: Int
                if let existing = rowOfKey[key], rows[existing].areaIndices[roleIndex] == nil {
                    row = existing
                } else if rowOfKey[key] != nil {
                    // Two areas of one role claim the same key: the second gets a row of its own.
                    row = rows.count
                    rows.append(Row(key: "\(key)-\(areaIndex + 1)", title: area.title, areaIndices: Array(repeating: nil, count: track.roles.count)))
                } else {
                    row = rows.count
                    rowOfKey[key] = row
                    rows.append(Row(
                        key: key, title: area.title, areaIndices: Array(repeating: nil, count: track.roles.count), byPosition: byPosition))
                }
                rows[row].areaIndices[roleIndex] = areaIndex
            }
        }
        self.rows = rows
    }

    /// The area's row key, and whether it is only its position.
    static func key(of area: Area, at index: Int, competencies: [String], titleCounts: [String: Int]) -> (String, Bool) {
        if let explicit = area.explicitKey { return (explicit, false) }
        if index < competencies.count { return (competencies[index], false) }
        let titleKey = Slug.make(area.title, fallbackPrefix: "area")
        if titleCounts[titleKey, default: 0] > 1 { return (titleKey, false) }
        return ("position-\(index + 1)", true)
    }

    /// Row key of each area of the role at `roleIndex`, in the role's area order.
    public func keys(ofRoleAt roleIndex: Int) -> [String] {
        // Every area of the role is in exactly one row, so their indices are 0..<count.
        var keys = [String](repeating: "", count: rows.count { $0.areaIndices[roleIndex] != nil })
        for row in rows.indices {
            if let areaIndex = rows[row].areaIndices[roleIndex] { keys[areaIndex] = rows[row].key }
        }
        return keys
    }
}
