import Foundation
import LadderModel

/// One entry point for every shape `ladder import` reads: the format given, or the one the file
/// name and its header say, turned into an `ImportedFramework`.
public enum Importer {
    public enum Format: String, CaseIterable, Sendable {
        /// Comma- or semicolon-separated: one row per behaviour, or a grid of areas by level.
        case csv
        case tsv
        /// A Markdown pipe table: a grid of areas by level.
        case table
        /// The Financial Times' engineering-progression YAML.
        case ft
        /// Snowflake-style ability data as JSON.
        case snowflake
    }

    /// The format of `path` from its extension, when none is given.
    public static func format(of path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv", "txt": .csv
        case "tsv", "tab": .tsv
        case "md", "markdown": .table
        case "yml", "yaml": .ft
        case "json": .snowflake
        default: nil
        }
    }

    /// Reads one file. `track`: the track title for shapes that do not name one (default: the
    /// file name, made readable).
    public static func read(_ data: Data, path: String, shownAs shown: String, format: Format, track: String?) -> ImportResult {
        let trackTitle = track ?? readableName(path)
        let text = String(decoding: data, as: UTF8.self)
        switch format {
        case .csv, .tsv:
            do {
                let sheet = try SpreadsheetRows(text, file: shown, separator: format == .tsv ? .tab : nil)
                if let header = sheet.rows.first, RowsImport.columns(of: header) != nil {
                    return RowsImport.read(sheet, defaultTrack: trackTitle)
                }
                return GridImport.read(sheet, track: trackTitle)
            } catch {
                return ImportResult(framework: ImportedFramework(), diagnostics: [.error(
                    "import-unreadable", "this spreadsheet cannot be read (\(error)); check its quotes", at: SourceLocation(file: shown))])
            }
        case .table:
            guard let sheet = MarkdownGrid.rows(text, file: shown) else {
                return ImportResult(framework: ImportedFramework(), diagnostics: [.error(
                    "import-no-table", "this file holds no pipe table (a header row, a '| --- |' row, then a row per area)",
                    at: SourceLocation(file: shown))])
            }
            var result = GridImport.read(sheet, track: track ?? MarkdownGrid.title(text) ?? trackTitle, isMarkdown: true)
            let introduction = MarkdownGrid.introduction(text, sheet: sheet)
            for index in result.framework.tracks.indices where !introduction.isEmpty {
                result.framework.tracks[index].intro = introduction
                result.framework.tracks[index].introIsMarkdown = true
            }
            return result
        case .ft:
            return ProgressionYAMLImport.read(text, file: shown)
        case .snowflake:
            return AbilityJSONImport.read(data, file: shown, track: track ?? "Positions")
        }
    }

    /// "engineering-ladder.csv" → "Engineering ladder".
    static func readableName(_ path: String) -> String {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let words = stem.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
