import LadderModel

/// A spreadsheet with one row per behaviour: columns found by their header, in any order and
/// any case (`track`, `level`, `role`/`title`, `area`/`competency`, `area_key`, `behaviour`,
/// `example`). A blank cell in the track, level, role or area columns takes the value above it,
/// as merged cells export. `<track>/matrix.csv` of a built site is this shape.
enum RowsImport {
    static let columnNames: [String: Column] = [
        "track": .track, "level": .level, "role": .role, "title": .role, "role_title": .role, "area": .area,
        "competency": .area, "area_title": .area, "area_key": .areaKey, "key": .areaKey, "behaviour": .behaviour,
        "behavior": .behaviour, "example": .example, "examples": .example,
    ]

    enum Column: Hashable { case track, level, role, area, areaKey, behaviour, example }

    /// The columns of a header row, by what they hold; nil unless it names a behaviour column.
    static func columns(of header: [String]) -> [Column: Int]? {
        var found: [Column: Int] = [:]
        for (index, name) in header.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")
            if let column = columnNames[key], found[column] == nil { found[column] = index }
        }
        return found[.behaviour] == nil ? nil : found
    }

    static func read(_ sheet: SpreadsheetRows, defaultTrack: String) -> ImportResult {
        var diagnostics: [Diagnostic] = []
        guard let header = sheet.rows.first, let columns = columns(of: header) else {
            return ImportResult(framework: ImportedFramework(), diagnostics: [.error(
                "import-no-behaviour-column", "no column is named 'behaviour'; name the columns track, level, role, area, behaviour and example",
                at: SourceLocation(file: sheet.file))])
        }
        // Columns ladder has no place for: said once each, with how many cells they hold.
        let known = Set(columns.values)
        for index in header.indices where !known.contains(index) {
            let filled = sheet.rows.dropFirst().filter { !$0[index].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count
            guard filled > 0 || !header[index].trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            diagnostics.append(.warning(
                "import-unknown-column",
                "column '\(header[index])' is not one ladder reads, so its \(filled) filled cell\(filled == 1 ? " was" : "s were") left out; rename it to track, level, role, area, behaviour or example to use it",
                at: sheet.location(row: 0, column: index)))
        }
        var builder = FrameworkBuilder()
        var carried: [Column: String] = [:]
        for row in sheet.rows.indices.dropFirst() {
            func cell(_ column: Column) -> String {
                columns[column].map { sheet.rows[row][$0].trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            }
            for column in [Column.track, .level, .role, .area, .areaKey] where !cell(column).isEmpty {
                carried[column] = cell(column)
                // A new role or area starts afresh below it.
                if column == .level || column == .role { carried[.area] = nil; carried[.areaKey] = nil }
            }
            let behaviour = cell(.behaviour), examples = cell(.example)
            guard !behaviour.isEmpty || !examples.isEmpty else { continue }
            let exampleList = examples.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if behaviour.isEmpty {
                // Examples on a row of their own belong to the behaviour above.
                if !builder.addExamples(exampleList) {
                    diagnostics.append(.error(
                        "import-example-without-behaviour", "this example has no behaviour above it; put it on the row of its behaviour",
                        at: sheet.location(row: row, column: columns[.example]!)))
                }
                continue
            }
            let level = carried[.level] ?? "", area = carried[.area] ?? ""
            guard !level.isEmpty || carried[.role] != nil, !area.isEmpty else {
                let missing = [level.isEmpty && carried[.role] == nil ? "level" : nil, area.isEmpty ? "area" : nil].compactMap { $0 }
                diagnostics.append(.error(
                    "import-incomplete-row",
                    "this behaviour has no \(missing.joined(separator: " and ")) (none on its row or above it); fill in the \(missing.joined(separator: " and ")) column\(missing.count == 1 ? "" : "s")",
                    at: sheet.location(row: row, column: columns[.behaviour]!)))
                continue
            }
            builder.add(
                ImportedBehaviour(text: oneLine(behaviour), examples: exampleList),
                track: carried[.track] ?? defaultTrack, level: level, role: carried[.role] ?? level,
                area: area, areaKey: carried[.areaKey])
        }
        return ImportResult(framework: builder.framework(), diagnostics: diagnostics)
    }
}

/// Gathers behaviours into tracks, roles and areas in the order they first appear; levels sort
/// as level ids when they all are numbers or level codes, and keep their order otherwise.
struct FrameworkBuilder {
    private var tracks: [ImportedTrack] = []
    private var lastPlace: (track: Int, role: Int, area: Int, behaviour: Int)?

    mutating func add(
        _ behaviour: ImportedBehaviour, track: String, level: String, role: String, area: String, areaKey: String?,
        group: String? = nil
    ) {
        let t = tracks.firstIndex { $0.title == track } ?? {
            tracks.append(ImportedTrack(title: track))
            return tracks.count - 1
        }()
        let r = tracks[t].roles.firstIndex { $0.level == level && $0.title == role } ?? {
            tracks[t].roles.append(ImportedRole(title: role, level: level))
            return tracks[t].roles.count - 1
        }()
        let key = areaKey.flatMap { Slug.isValid($0) ? $0 : nil } ?? Slug.make(area, fallbackPrefix: "area")
        let a = tracks[t].roles[r].areas.firstIndex { $0.key == key } ?? {
            tracks[t].roles[r].areas.append(ImportedArea(key: key, title: area, group: group))
            return tracks[t].roles[r].areas.count - 1
        }()
        tracks[t].roles[r].areas[a].behaviours.append(behaviour)
        lastPlace = (t, r, a, tracks[t].roles[r].areas[a].behaviours.count - 1)
    }

    /// Adds examples to the last behaviour; false when there is none yet.
    mutating func addExamples(_ examples: [String]) -> Bool {
        guard let place = lastPlace else { return false }
        tracks[place.track].roles[place.role].areas[place.area].behaviours[place.behaviour].examples += examples
        return true
    }

    mutating func setIntro(_ intro: String, track: String) {
        if let t = tracks.firstIndex(where: { $0.title == track }) { tracks[t].intro = intro } else {
            tracks.append(ImportedTrack(title: track, intro: intro))
        }
    }

    func framework() -> ImportedFramework {
        ImportedFramework(tracks: tracks.map { track in
            var track = track
            if track.roles.allSatisfy({ Self.isSortable($0.level) }) {
                let order = track.roles.indices.sorted { Level(track.roles[$0].level) < Level(track.roles[$1].level) || (track.roles[$0].level == track.roles[$1].level && $0 < $1) }
                track.roles = order.map { track.roles[$0] }
            } else {
                // Levels named in words keep the order they appear in, as numbers.
                for index in track.roles.indices {
                    track.roles[index].level = String(index + 1)
                }
            }
            return track
        })
    }

    /// A number ("3", "2.1") or a level code ("L3", "IC2").
    static func isSortable(_ level: String) -> Bool {
        let isNumber = !level.isEmpty && level.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && level.first!.isNumber
        return isNumber || Level.named(in: level)?.id == level
    }
}
