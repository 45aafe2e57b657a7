import Yams

/// A YAML value as ladder reads it: text, a list or a mapping, each with the line and column
/// where it starts (from 1, columns in Unicode scalars, as Yams gives them).
///
/// Most front matter is a few `key: value` lines, which `SimpleYAML` reads directly; anything
/// else goes through Yams and is converted. Either way the same values come out (a test holds
/// the two to each other), and ladder never needs more of YAML than this.
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

    /// The document's root node, or nil for a document with nothing in it.
    static func compose(_ yaml: String) throws -> YAMLNode? {
        if let simple = SimpleYAML.read(yaml) { return simple }
        // The basic resolver: ladder reads scalars as text and never asks for their tags, and
        // the default one compiles seven regular expressions on first use.
        return try Yams.compose(yaml: yaml, .basic).map(YAMLNode.init)
    }

    init(_ node: Node) {
        let mark = Mark(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar): self = .scalar(Scalar(string: scalar.string, isPlain: scalar.style == .plain), mark)
        case .sequence(let items): self = .sequence(items.map(YAMLNode.init), mark)
        case .mapping(let pairs): self = .mapping(pairs.map { (YAMLNode($0.key), YAMLNode($0.value)) }, mark)
        }
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
