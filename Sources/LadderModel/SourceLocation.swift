/// A position in a content file: the path as the user named it (relative to the content
/// folder's parent when possible), 1-based line and column. Line 0 stands for the file as a whole
/// (a file that cannot be written, a folder that is missing), shown without line and column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { line == 0 ? file : "\(file):\(line):\(column)" }

    /// The file or folder as a whole.
    public static func whole(_ file: String) -> SourceLocation { SourceLocation(file: file, line: 0, column: 0) }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
