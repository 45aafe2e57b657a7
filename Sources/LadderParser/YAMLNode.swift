import Yams

/// A YAML value as ladder reads it: text, a list or a mapping, each with the line and column
/// where it starts (from 1, columns in Unicode scalars, as Yams gives them).
///
/// Yams reads the YAML; its nodes are converted to these, which are all ladder needs of YAML.
///
/// Not `indirect`: lists and mappings hold their nodes in arrays, which are references already,
/// and boxing every scalar cost an allocation per value of every file's front matter.
enum YAMLNode {
    struct Mark: Equatable {
        var line: Int
        var column: Int
    }

    struct Scalar: Equatable {
        var string: String
        /// Written without quotes: only plain scalars are numbers.
        var isPlain: Bool
    }

    case scalar(Scalar, Mark)
    case sequence([YAMLNode], Mark)
    case mapping([(key: YAMLNode, value: YAMLNode)], Mark)

    /// The most nodes one document may expand to (the yaml-alias-limit message says 100,000).
    /// Aliases let a few lines name a tree of billions of nodes ("billion laughs"); no front matter or framework.yml comes near this.
    static let nodeLimit = 100_000

    /// A document whose aliases expand past `nodeLimit` nodes; `mark` is the alias that did it.
    struct AliasLimitExceeded: Error {
        var mark: Mark
    }

    /// The document's root node, or nil for a document with nothing in it.
    static func compose(_ yaml: String) throws -> YAMLNode? {
        // The basic resolver: ladder reads scalars as text and never asks for their tags, and
        // the default one compiles seven regular expressions on first use.
        guard let node = try Yams.compose(yaml: yaml, .basic) else { return nil }
        // Yams shares an anchored node among its aliases; converting copies it each time, so
        // the copy is counted and stopped at the limit.
        do {
            return try YAMLNode(node)
        } catch let exceeded as AliasLimitExceeded {
            throw AliasLimitExceeded(mark: aliasMark(in: yaml, after: exceeded.mark) ?? exceeded.mark)
        }
    }

    /// Yams' node, expanded to at most `nodeLimit` nodes.
    init(_ node: Node) throws {
        var budget = Self.nodeLimit
        try self.init(node, budget: &budget, aliasSite: nil)
    }

    /// `aliasSite`: the start of the outermost collection on the way down that holds an alias.
    private init(_ node: Node, budget: inout Int, aliasSite: Mark?) throws {
        budget -= 1
        let mark = Mark(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        if budget < 0 { throw AliasLimitExceeded(mark: aliasSite ?? mark) }
        // A node that starts before the collection holding it was written elsewhere: an alias.
        func child(_ item: Node) throws -> YAMLNode {
            let itemMark = Mark(line: item.mark?.line ?? 1, column: item.mark?.column ?? 1)
            let isAlias = (itemMark.line, itemMark.column) < (mark.line, mark.column)
            return try YAMLNode(item, budget: &budget, aliasSite: aliasSite ?? (isAlias ? mark : nil))
        }
        switch node {
        case .scalar(let scalar): self = .scalar(Scalar(string: scalar.string, isPlain: scalar.style == .plain), mark)
        case .sequence(let items): self = .sequence(try items.map(child), mark)
        case .mapping(let pairs): self = .mapping(try pairs.map { (try child($0.key), try child($0.value)) }, mark)
        }
    }

    /// The first alias (`*name`) at or after `start`, for a diagnostic that points at it.
    private static func aliasMark(in yaml: String, after start: Mark) -> Mark? {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= start.line {
            var column = 1
            var previous: Character = " "
            for character in line {
                let atStart = index + 1 > start.line || column >= start.column
                if atStart, character == "*", " [,{:-".contains(previous) || column == 1 {
                    return Mark(line: index + 1, column: column)
                }
                previous = character
                column += character.unicodeScalars.count
            }
        }
        return nil
    }

    var mark: Mark {
        switch self {
        case .scalar(_, let mark), .sequence(_, let mark), .mapping(_, let mark): return mark
        }
    }

    var scalar: Scalar? { if case .scalar(let scalar, _) = self { scalar } else { nil } }
    var mapping: [(key: YAMLNode, value: YAMLNode)]? { if case .mapping(let pairs, _) = self { pairs } else { nil } }

    /// `key:` with nothing after it, `~` or `null`: the value is not set (Yams' reading).
    var isNull: Bool {
        switch scalar?.string {
        case "", "~", "null", "Null", "NULL": true
        default: false
        }
    }

    /// `true`/`yes`/`on` or `false`/`no`/`off` in any case (Yams' reading).
    var bool: Bool? {
        switch scalar?.string.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }
}

extension YAMLNode: Equatable {
    static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        switch (a, b) {
        case (.scalar(let x, let markA), .scalar(let y, let markB)): x == y && markA == markB
        case (.sequence(let x, let markA), .sequence(let y, let markB)): x == y && markA == markB
        case (.mapping(let x, let markA), .mapping(let y, let markB)):
            markA == markB && x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}
