/// One problem found in the content, as data: printing it is the caller's business.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        /// What ladder did that is worth knowing but needs nothing done (shown with --verbose).
        case note
        case warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// A stable identifier, such as `mixed-area-depth`, for settings and for `[check-id]` in output.
    public var check: String
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ check: String, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.check = check
        self.message = message
        self.location = location
    }

    public static func error(_ check: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, check, message, at: location)
    }

    public static func warning(_ check: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, check, message, at: location)
    }

    public static func note(_ check: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.note, check, message, at: location)
    }

    /// `path:line:col: error: message [check-id]`, as a compiler prints it, with control
    /// characters in the path and message escaped (they come from the user's files).
    public var description: String {
        "\(TerminalText.escaped(location.description)): \(severity.rawValue): \(TerminalText.escaped(message)) [\(check)]"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.check, a.message) < (b.location, b.check, b.message)
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count(where: { $0.severity == .error }) }
    public var warningCount: Int { count(where: { $0.severity == .warning }) }
    /// Without notes: what a report shows unless asked for more.
    public var withoutNotes: [Diagnostic] { filter { $0.severity != .note } }
}
