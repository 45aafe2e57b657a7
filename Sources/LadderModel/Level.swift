/// A sortable level id such as "2.1" or "L3": compared piece by piece, numbers as numbers,
/// so "2.10" comes after "2.9" and "10" after "9".
public struct Level: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var id: String

    public init(_ id: String) { self.id = id }

    public var description: String { id }

    /// The level a title names, if it names one: "L3: Senior Engineer" → L3, "EM5 Director" →
    /// EM5, "Engineer (Level 4)" → 4, "D1 - Developer 1" → D1, "Senior Engineer, IC3" → IC3.
    public static func named(in title: String) -> Level? {
        let words = title.split { !$0.isLetter && !$0.isNumber && $0 != "." }.map(String.init)
        // "Level 4", "Lvl 4", "Grade 4", "Band 4".
        for (index, word) in words.enumerated().dropLast()
        where ["level", "lvl", "grade", "band"].contains(word.lowercased()) && isNumber(words[index + 1]) {
            return Level(words[index + 1])
        }
        // A code of one to three capitals and a number, such as L3, IC2, EM5, D1, P2.1.
        for word in words {
            let letters = word.prefix { $0.isUppercase && $0.isASCII }
            let rest = word.dropFirst(letters.count)
            if (1...3).contains(letters.count), isNumber(String(rest)) { return Level(word) }
        }
        return nil
    }

    private static func isNumber(_ text: String) -> Bool {
        !text.isEmpty && text.first!.isASCII && text.first!.isNumber && text.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." }
            && !text.hasSuffix(".")
    }

    public static func < (a: Level, b: Level) -> Bool { a.sortKey < b.sortKey }

    /// The level split into its pieces once, for sorting many levels: `<` splits both levels
    /// every time it compares them.
    public var sortKey: SortKey { SortKey(pieces: pieces, id: id) }

    public struct SortKey: Comparable, Sendable {
        fileprivate let pieces: [Piece]
        fileprivate let id: String

        public static func < (a: SortKey, b: SortKey) -> Bool {
            for (x, y) in zip(a.pieces, b.pieces) where x != y {
                switch (x, y) {
                case let (.number(m), .number(n)): return m < n
                case (.number, .word): return true
                case (.word, .number): return false
                case let (.word(s), .word(t)): return s < t
                }
            }
            return a.pieces.count < b.pieces.count || (a.pieces.count == b.pieces.count && a.id < b.id)
        }

        public static func == (a: SortKey, b: SortKey) -> Bool { a.id == b.id }
    }

    fileprivate enum Piece: Equatable, Sendable {
        case number(Int)
        case word(String)
    }

    private var pieces: [Piece] {
        var result: [Piece] = []
        var current = ""
        var currentIsDigit = false
        func flush() {
            guard !current.isEmpty else { return }
            result.append(currentIsDigit ? .number(Int(current.prefix(18)) ?? 0) : .word(current.lowercased()))
            current = ""
        }
        for character in id {
            if character == "." || character == "-" || character == " " || character == "_" {
                flush()
                continue
            }
            let isDigit = character.isASCII && character.isNumber
            if isDigit != currentIsDigit { flush() }
            currentIsDigit = isDigit
            current.append(character)
        }
        flush()
        return result
    }
}
