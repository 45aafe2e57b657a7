import Foundation
import LadderModel

public struct ParseOptions: Sendable {
    /// Keep roles marked `draft: true` (they are left out of a published site by default).
    public var includeDrafts: Bool

    public init(includeDrafts: Bool = false) {
        self.includeDrafts = includeDrafts
    }
}

/// content folder files → (Framework, [Diagnostic]). Pure: the files were read by `ContentLoader`.
public enum FrameworkParser {
    static let markdownExtensions: Set<String> = ["md", "markdown", "txt"]
    /// Folders of `content/` that hold something other than a track.
    static let reservedFolders: Set<String> = ["abilities", "assignments"]

    public static func parse(_ files: [SourceFile], options: ParseOptions = ParseOptions()) -> (Framework, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var framework = Framework()
        var trackSettings: [String: TrackSettings] = [:]
        var roleFiles: [(file: SourceFile, folder: String, text: String)] = []

        for file in files {
            let parts = file.relativePath.split(separator: "/").map(String.init)
            let name = parts.last ?? ""
            let folder = parts.count > 1 ? parts[0] : ""
            let ext = (name as NSString).pathExtension.lowercased()
            if file.relativePath == "framework.yml" || file.relativePath == "framework.yaml" {
                guard let text = file.text(diagnostics: &diagnostics) else { continue }
                readFrameworkSettings(text, file: file.path, into: &framework, diagnostics: &diagnostics)
            } else if reservedFolders.contains(folder) || name.lowercased() == "readme.md" {
                continue  // abilities and assignments are read by their own parsers; READMEs document the repo
            } else if !markdownExtensions.contains(ext) {
                diagnostics.append(.warning(
                    "not-markdown", "ignored: ladder reads only .md, .markdown and .txt files here (and content/framework.yml)",
                    at: SourceLocation(file: file.path)))
            } else if name == "_track.md" {
                guard let text = file.text(diagnostics: &diagnostics) else { continue }
                if folder.isEmpty {
                    diagnostics.append(.warning(
                        "misplaced-track-file", "_track.md describes the track folder it is in; move it into a track folder",
                        at: SourceLocation(file: file.path)))
                    continue
                }
                trackSettings[folder] = TrackSettings.read(text, file: file.path, diagnostics: &diagnostics)
            } else if let text = file.text(diagnostics: &diagnostics) {
                roleFiles.append((file, folder, text))
            }
        }

        var assembler = TrackAssembler(settings: trackSettings)
        for (file, folder, text) in roleFiles {
            let roles = RoleFile.read(text, file: file, diagnostics: &diagnostics)
            for group in roles {
                assembler.add(group, folder: folder, file: file, includeDrafts: options.includeDrafts)
            }
        }
        framework.tracks = assembler.finish(diagnostics: &diagnostics)
        diagnostics.sort()
        return (framework, diagnostics)
    }

    static func readFrameworkSettings(
        _ text: String, file: String, into framework: inout Framework, diagnostics: inout [Diagnostic]
    ) {
        guard var fields = YAMLFields.parse(text, file: file, firstLine: 1, context: "framework.yml", diagnostics: &diagnostics)
        else { return }
        if let title = fields.string("title") { framework.title = title }
        framework.description = fields.string("description")
        if let miles = fields.intList("milestone_miles") {
            if miles.isEmpty || miles.contains(where: { $0 < 0 }) {
                diagnostics.append(.error(
                    "invalid-miles", "'milestone_miles' must list the miles of each milestone as whole numbers of 0 or more, such as [1, 2, 3, 6, 8]",
                    at: fields.location(of: fields.mapping["milestone_miles"]!)))
            } else {
                framework.milestoneMiles = miles
            }
        }
        _ = fields.node("checks")  // check settings belong to the health report
        diagnostics += fields.finish()
    }
}

/// What `_track.md` says about its folder.
struct TrackSettings {
    var title: String?
    var slug: String?
    var order: Int?
    var competencies: [String] = []
    var introHTML = ""
    var location: SourceLocation

    static func read(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> TrackSettings {
        var settings = TrackSettings(location: SourceLocation(file: file))
        let split = FrontMatterSplit(text, file: file, diagnostics: &diagnostics)
        if let yaml = split.yaml,
            var fields = YAMLFields.parse(yaml, file: file, firstLine: split.yamlFirstLine, context: "_track.md front matter", diagnostics: &diagnostics)
        {
            settings.title = fields.string("title")
            settings.slug = validSlug(&fields, file: file, diagnostics: &diagnostics)
            settings.order = fields.int("order")
            settings.competencies = fields.stringList("competencies") ?? []
            diagnostics += fields.finish()
        }
        let body = MarkdownDocument.parse(split.body, file: file, firstLine: split.bodyFirstLine)
        settings.introHTML = body.blocks.map(\.html).joined()
        return settings
    }
}

/// Reads `slug:` and checks that it is usable in a URL.
func validSlug(_ fields: inout YAMLFields, file: String, diagnostics: inout [Diagnostic]) -> String? {
    guard let (slug, location) = fields.text("slug") else { return nil }
    guard Slug.isValid(slug) else {
        diagnostics.append(.error(
            "invalid-slug", "'slug' may hold only lowercase letters, digits and dashes, such as '\(Slug.make(slug))'",
            at: location))
        return nil
    }
    return slug
}
