/// A sortable level id such as "2.1" or "L3": compared piece by piece, numbers as numbers,
/// so "2.10" comes after "2.9" and "10" after "9".
public struct Level: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var id: String

    public init(_ id: String) { self.id = id }

    public var description: String { id }

    public static func < (a: Level, b: Level) -> Bool {
        let left = a.pieces, right = b.pieces
        for (x, y) in zip(left, right) where x != y {
            switch (x, y) {
            case let (.number(m), .number(n)): return m < n
            case (.number, .word): return true
            case (.word, .number): return false
            case let (.word(s), .word(t)): return s < t
            }
        }
        return left.count < right.count || (left.count == right.count && a.id < b.id)
    }

    private enum Piece: Equatable {
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
