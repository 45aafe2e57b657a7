import Foundation
import LadderModel

/// What an import read, before it is written as content: tracks of roles of areas of
/// behaviours, and abilities. Value types only; the readers make it, `ContentWriter` writes it.
public struct ImportedFramework: Sendable, Equatable {
    public var tracks: [ImportedTrack] = []
    public var abilities: [ImportedAbility] = []

    public init(tracks: [ImportedTrack] = [], abilities: [ImportedAbility] = []) {
        self.tracks = tracks
        self.abilities = abilities
    }

    /// "1 track, 5 roles, 10 areas, 50 behaviours, 4 examples", for the closing line.
    public var counts: String {
        let roles = tracks.flatMap(\.roles), areas = roles.flatMap(\.areas), behaviours = areas.flatMap(\.behaviours)
        var parts = [
            counted(tracks.count, "track"), counted(roles.count, "role"), counted(areas.count, "area"),
            counted(behaviours.count, "behaviour"), counted(behaviours.reduce(0) { $0 + $1.examples.count }, "example"),
        ]
        if !abilities.isEmpty { parts.append(counted(abilities.count, "ability", "abilities")) }
        return parts.joined(separator: ", ")
    }

    private func counted(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }
}

public struct ImportedTrack: Sendable, Equatable {
    public var title: String
    public var intro: String = ""
    /// The introduction is Markdown already (from a Markdown file); plain text is escaped.
    public var introIsMarkdown = false
    public var roles: [ImportedRole] = []
}

public struct ImportedRole: Sendable, Equatable {
    public var title: String
    /// The level id written to front matter.
    public var level: String
    public var summary: String = ""
    public var eligibilityMiles: Int?
    public var areas: [ImportedArea] = []
}

public struct ImportedArea: Sendable, Equatable {
    /// The `{#key}` that aligns this area across levels.
    public var key: String
    public var title: String
    public var group: String?
    public var intro: String = ""
    public var behaviours: [ImportedBehaviour] = []
}

public struct ImportedBehaviour: Sendable, Equatable {
    public var text: String
    public var examples: [String] = []
    /// The text is Markdown already (from a pipe table); plain text is escaped when written.
    public var isMarkdown = false
}

public struct ImportedAbility: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var category: String?
    public var description: String = ""
    /// Miles earned at each milestone, when they differ from the framework's.
    public var miles: [Int]?
    /// Bullets of milestones 1…n.
    public var milestones: [[String]]
}

/// One import's result: what it read, and what it could not place (with positions in the file).
public struct ImportResult: Sendable {
    public var framework: ImportedFramework
    public var diagnostics: [Diagnostic]
}

/// A cell's text as one line: line breaks (a spreadsheet's Alt-Enter) become spaces.
func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
}
