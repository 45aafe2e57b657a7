/// URL path segments made from titles: only `[a-z0-9-]`, so no title can name a path outside
/// the site. Titles with no such letters get a stable, short fallback derived from their bytes.
public enum Slug {
    public static func make(_ title: String, fallbackPrefix: String = "item") -> String {
        var slug = ""
        var pendingDash = false
        for scalar in title.lowercased().unicodeScalars {
            let folded = fold(scalar)
            if let folded {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.append(folded)
                pendingDash = false
            } else if scalar.properties.generalCategory == .nonspacingMark || scalar == "'" || scalar == "’" {
                continue  // "don't" -> "dont"; a combining accent keeps the letter before it
            } else {
                pendingDash = true
            }
        }
        if slug.count > 80 {
            slug = String(slug.prefix(80))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? "\(fallbackPrefix)-\(stableHash(title))" : slug
    }

    /// Whether a string is already a slug (for `slug:` and `{#key}` given by hand).
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && !text.hasPrefix("-") && !text.hasSuffix("-")
    }

    private static func fold(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39: return String(scalar)
        default: break
        }
        // Latin letters with accents keep their base letter: "Ingénieur" -> "ingenieur".
        if let base = latinBase[scalar] { return String(base) }
        switch scalar {
        case "ß": return "ss"
        case "æ": return "ae"
        case "ø": return "o"
        case "œ": return "oe"
        default: return nil
        }
    }

    /// FNV-1a over the UTF-8 bytes: the same title gives the same slug on every machine and run.
    public static func stableHash(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

private let latinBase: [Unicode.Scalar: Unicode.Scalar] = {
    let groups: [(Unicode.Scalar, String)] = [
        ("a", "àáâãäåāăą"), ("c", "çćĉċč"), ("d", "ďđð"), ("e", "èéêëēĕėęě"),
        ("g", "ĝğġģ"), ("h", "ĥħ"), ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"),
        ("l", "ĺļľŀł"), ("n", "ñńņňŉ"), ("o", "òóôõöōŏő"), ("r", "ŕŗř"),
        ("s", "śŝşšș"), ("t", "ţťŧț"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"),
        ("y", "ýÿŷ"), ("z", "źżž"), ("t", "þ"),
    ]
    var table: [Unicode.Scalar: Unicode.Scalar] = [:]
    for (base, letters) in groups {
        for scalar in letters.unicodeScalars { table[scalar] = base }
    }
    return table
}()
