import Foundation
import LadderModel

/// What the commands print outside a diagnostic list: errors, notes and the text of paths and
/// names taken from the user, with control characters escaped so that no file name or title can
/// forge a line of output or send the terminal an escape sequence.
enum Output {
    static func escaped(_ text: String) -> String { TerminalText.escaped(text) }

    /// `ladder: error: …` on standard error, then exit status 1.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("ladder: error: \(message)\n".utf8))
        exitWithoutFreeing(1)
    }

    /// `ladder: error: …` on standard error, then exit status 2 (bad usage).
    static func usageError(_ message: String) -> Never {
        FileHandle.standardError.write(Data("ladder: error: \(message)\n".utf8))
        exitWithoutFreeing(2)
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("ladder: \(message)\n".utf8))
    }

    /// "1 warning", "2 warnings".
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }
}
