import Foundation
import LadderHealth
import LadderModel

/// The one place diagnostics become text, for every command: compiler-style lines
/// (`path:line:col: severity: message [check-id]`), `ladder check`'s JSON and GitHub
/// annotations, and the summaries. Pure functions of the diagnostics, but `print`.
public enum DiagnosticPrinter {
    /// The lines on standard error, as a compiler prints them.
    public static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(lines(diagnostics, colour: false).utf8))
    }

    /// "1 error, 2 warnings".
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    /// One line per diagnostic, control characters escaped; ANSI colours if asked.
    public static func lines(_ diagnostics: [Diagnostic], colour: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        return diagnostics.map { diagnostic in
            let severity = switch diagnostic.severity {
            case .error: paint("error:", "1;31")
            case .warning: paint("warning:", "1;33")
            case .note: paint("note:", "1;36")
            }
            let location = TerminalText.escaped(diagnostic.location.description), message = TerminalText.escaped(diagnostic.message)
            return "\(paint("\(location):", "1")) \(severity) \(message) \(paint("[\(diagnostic.check)]", "2"))\n"
        }.joined()
    }

    /// `ladder check --format text`: the lines and a summary.
    public static func text(_ diagnostics: [Diagnostic], report: HealthReport, colour: Bool) -> String {
        lines(diagnostics, colour: colour) + summary(diagnostics, report: report) + "\n"
    }

    /// "1 error, 2 warnings, 17 checks passed".
    public static func summary(_ diagnostics: [Diagnostic], report: HealthReport) -> String {
        summary(diagnostics) + ", \(report.checksPassed) check\(report.checksPassed == 1 ? "" : "s") passed"
    }

    /// GitHub workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    public static func github(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            let location = diagnostic.location
            let properties = [
                "file=\(escapeProperty(location.file))", "line=\(max(location.line, 1))", "col=\(max(location.column, 1))",
                "title=\(escapeProperty(diagnostic.check))",
            ].joined(separator: ",")
            let command = diagnostic.severity == .note ? "notice" : diagnostic.severity.rawValue
            return "::\(command) \(properties)::\(escapeData(diagnostic.message))\n"
        }.joined()
    }

    static func escapeData(_ text: String) -> String {
        // Line breaks are GitHub's to show; any other control character is escaped as on a terminal.
        TerminalText.escaped(
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A"))
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    struct JSONReport: Encodable {
        struct Entry: Encodable {
            var severity: String
            var check: String
            var message: String
            var file: String
            var line: Int
            var column: Int
        }

        struct Position: Encodable {
            var role: String
            var checks: [Check]
        }

        struct Check: Encodable {
            var check: String
            var status: String
            var message: String
        }

        var diagnostics: [Entry]
        var positions: [Position]
        var errors: Int
        var warnings: Int
    }

    public static func json(_ diagnostics: [Diagnostic], report: HealthReport) -> String {
        let document = JSONReport(
            diagnostics: diagnostics.map {
                .init(
                    severity: $0.severity.rawValue, check: $0.check, message: $0.message, file: $0.location.file,
                    line: $0.location.line, column: $0.location.column)
            },
            positions: report.positions.map { position in
                .init(
                    role: "\(position.track)/\(position.role)",
                    checks: position.checks.map { .init(check: $0.check, status: $0.status.rawValue, message: $0.message) })
            },
            errors: diagnostics.errorCount, warnings: diagnostics.warningCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }
}
