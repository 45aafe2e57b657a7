/// Text from content (file names, titles, messages that quote them) made safe to print on a
/// terminal or in a CI log: control characters, C1 controls and the bidirectional overrides
/// that can reorder a line are shown as `\u{1B}`-style escapes, so a file name with a newline or
/// an ESC in it cannot forge a `file:1:1: error:` line or recolour the terminal.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
