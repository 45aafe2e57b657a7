import ArgumentParser
import Foundation
import LadderImport
import LadderModel
import LadderBuild

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring a framework kept in a spreadsheet or in another tool's data into content/.",
        discussion: """
            Shapes: a CSV or TSV with one row per behaviour (columns track, level, role, area, behaviour, example, \
            in any order); a grid of areas by level (CSV, TSV or a Markdown pipe table); the Financial Times' \
            engineering-progression YAML (ft); Snowflake-style ability JSON (snowflake). Existing files are never \
            overwritten.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, tsv, table, ft, snowflake
    }

    @Option(help: "csv, tsv, table, ft or snowflake (default: from each file's extension).")
    var format: Format?

    @Option(help: "The content folder to write into.")
    var into = "content"

    @Option(help: "The track's title, for shapes that do not name one (default: the file name).")
    var track: String?

    @Flag(help: "Print what would be written, and write nothing.")
    var dryRun = false

    @Argument(help: "The files to import.")
    var files: [String]

    func run() throws {
        var framework = ImportedFramework()
        var diagnostics: [Diagnostic] = []
        for path in files {
            guard let chosen = format.flatMap({ Importer.Format(rawValue: $0.rawValue) }) ?? Importer.format(of: path) else {
                Output.usageError("cannot tell the format of '\(Output.escaped(path))' from its name; pass --format csv, tsv, table, ft or snowflake")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                Output.fail("cannot read '\(Output.escaped(path))'; check that it exists and that its permissions allow reading")
            }
            let result = Importer.read(data, path: path, shownAs: path, format: chosen, track: track)
            framework.tracks += result.framework.tracks
            framework.abilities += result.framework.abilities
            diagnostics += result.diagnostics
        }
        DiagnosticPrinter.print(diagnostics.sorted())
        guard diagnostics.errorCount == 0 else {
            Output.fail("nothing was imported (\(DiagnosticPrinter.summary(diagnostics))); fix the rows named above and run it again")
        }
        guard !framework.tracks.isEmpty || !framework.abilities.isEmpty else { Output.fail("the files hold nothing to import") }
        let written = ContentWriter.files(framework)
        // Never overwrite: every file is checked before any is written.
        let existing = written.filter { file in
            var info = stat()
            return lstat("\(into)/\(file.path)", &info) == 0
        }
        if !existing.isEmpty {
            let names = existing.prefix(3).map { "\(into)/\($0.path)" }.joined(separator: ", ") + (existing.count > 3 ? " and \(existing.count - 3) more" : "")
            Output.fail("\(Output.escaped(names)) already exist\(existing.count == 1 ? "s" : ""); nothing was written. Import into another folder with --into, or use another --track")
        }
        let folders = Set(written.map { ($0.path as NSString).deletingLastPathComponent }).sorted()
        if dryRun {
            for file in written { print("would write \(into)/\(file.path) (\(Output.count(file.text.utf8.count, "byte")))") }
        } else {
            do {
                for file in written {
                    let url = URL(fileURLWithPath: into).appendingPathComponent(file.path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
                }
            } catch {
                Output.fail("cannot write into \(Output.escaped(into)): \(error.localizedDescription)")
            }
        }
        let place = folders.count == 1 ? "\(into)/\(folders[0])/" : "\(into)/"
        print("\(dryRun ? "Would import" : "Imported") \(framework.counts) into \(Output.escaped(place))")
    }
}
