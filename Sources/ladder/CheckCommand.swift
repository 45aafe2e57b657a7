import ArgumentParser
import Foundation
import LadderHealth
import LadderParser
import LadderServe

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
        CheckRequest(self).run()
    }
}

/// What `ladder check` was asked to do.
struct CheckRequest: Equatable {
    var content = "content"
    var drafts = false
    var format = CheckCommand.Format.text
    var strict = false
    var maximumFileSize = ContentLoader.defaultMaximumFileSize

    /// The plain spellings of check's options, read without ArgumentParser. `ladder check` runs
    /// before every commit and in CI, and ArgumentParser's reflection over the commands took
    /// 1.2 ms of its start-up (8% of all its time on a 10-role framework). Anything
    /// else — help, a repeated or unknown option, a missing or invalid value — gives nil, and
    /// ArgumentParser reads the arguments and says what is wrong.
    init?(plainArguments arguments: ArraySlice<String>) {
        guard arguments.first == "check" else { return nil }
        var seen: [String] = []
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            let (name, inlineValue) = Self.split(argument)
            guard !seen.contains(name) else { return nil }
            seen.append(name)
            func value() -> String? {
                if let inlineValue { return inlineValue }
                guard let next = rest.popFirst(), !next.hasPrefix("-") else { return nil }
                return next
            }
            switch name {
            case "--content": guard let folder = value(), !folder.isEmpty else { return nil }; content = folder
            case "--format": guard let format = value().flatMap(CheckCommand.Format.init(rawValue:)) else { return nil }; self.format = format
            case "--drafts" where inlineValue == nil: drafts = true
            case "--strict" where inlineValue == nil: strict = true
            default: return nil
            }
        }
    }

    init(_ command: CheckCommand) {
        (content, drafts, format, strict) = (command.content.content, command.content.drafts, command.format, command.strict)
        maximumFileSize = command.content.maximumFileSize
    }

    private static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    func run() -> Never {
        if let problem = ContentOptions.problem(with: content) { Output.fail(problem) }
        var pipeline = Pipeline(contentFolder: content, includeDrafts: drafts)
        pipeline.maximumFileSize = maximumFileSize
        let (framework, all, report) = pipeline.check(html: false)
        let diagnostics = all.withoutNotes
        let output: String
        switch format {
        case .text: output = HealthOutput.text(diagnostics, report: report, colour: Terminal.wantsColour)
        case .json: output = HealthOutput.json(diagnostics, report: report)
        case .github: output = HealthOutput.github(diagnostics) + HealthOutput.summary(diagnostics, report: report) + "\n"
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
