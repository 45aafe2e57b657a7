import ArgumentParser
import Foundation
import LadderHealth
import LadderParser
import LadderBuild

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the framework's health; writes nothing.",
        discussion: "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 bad usage.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @OptionGroup var content: ContentOptions

    @Option(help: "text (compiler-style lines), json, or github (workflow annotations).")
    var format: Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        content.requireFolder()
        var pipeline = content.pipeline()
        let checked = pipeline.check(html: false, strict: strict)
        let (framework, diagnostics, report) = (checked.framework, checked.diagnostics.withoutNotes, checked.report)
        let output: String
        switch format {
        case .text: output = DiagnosticPrinter.text(diagnostics, report: report, colour: Terminal.wantsColour)
        case .json: output = DiagnosticPrinter.json(diagnostics, report: report)
        case .github: output = DiagnosticPrinter.github(diagnostics) + DiagnosticPrinter.summary(diagnostics, report: report) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if getenv("LADDER_PROFILE") != nil {
            FileHandle.standardError.write(Data("phases: \(pipeline.timingSummary)\n".utf8))
        }
        let failed = diagnostics.errorCount > 0 || (strict && diagnostics.warningCount > 0)
        exitWithoutFreeing(failed ? 1 : 0, keeping: framework, diagnostics, report)
    }
}

enum Terminal {
    /// Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var wantsColour: Bool {
        isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
    }
}
