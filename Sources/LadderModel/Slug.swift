import Foundation

/// URL path segments made from titles: only `[a-z0-9-]`, so no title can name a path outside
/// the site. Other scripts are transliterated ("工程师" → "gong-cheng-shi"), emoji are named
/// ("🚀" → "rocket"), names that Windows reserves get a suffix ("CON" → "con-role"), and what
/// is left with no letters at all gets a stable fallback derived from its bytes.
public enum Slug {
    public static func make(_ title: String, fallbackPrefix: String = "item") -> String {
        if title.utf8.allSatisfy({ $0 < 0x80 }) { return finish(fold(title), title, fallbackPrefix) }
        // ICU's transliteration costs milliseconds a call, and area titles are slugged often.
        let key = fallbackPrefix + "\u{0}" + title
        if let known = cache.value(key) { return known }
        let slug = makeUncached(title, fallbackPrefix: fallbackPrefix)
        cache.store(slug, for: key)
        return slug
    }

    private static let cache = SlugCache()

    private static func finish(_ folded: String, _ title: String, _ fallbackPrefix: String) -> String {
        if folded.isEmpty { return "\(fallbackPrefix)-\(stableHash(title))" }
        return reservedNames.contains(folded) ? folded + "-\(fallbackPrefix)" : folded
    }

    private static func makeUncached(_ title: String, fallbackPrefix: String) -> String {
        var slug = fold(title)
        if slug.isEmpty || !title.unicodeScalars.allSatisfy(\.isASCII) && hasOtherScripts(title) {
            // Only titles outside ASCII pay for ICU: most titles never get here.
            let latin = title.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? title
            slug = fold(latin)
        }
        if slug.isEmpty, let names = title.applyingTransform(.toUnicodeName, reverse: false) {
            // "\N{ROCKET}\N{ROCKET}" → "rocket rocket"
            slug = fold(names.replacingOccurrences(of: "\\N{", with: " ").replacingOccurrences(of: "}", with: " "))
        }
        return finish(slug, title, fallbackPrefix)
    }

    /// Names the site gives its own pages and folders, at the top and inside a track or role
    /// (`eng/matrix/`, `eng/print/`, `eng/pm/next/`): a track or role is never given one, so no
    /// page of the framework can take the place of one of the site's own.
    public static let reservedForPages: Set<String> = [
        "abilities", "assess", "assets", "assignments", "calculator", "compare", "health", "index", "levels", "matrix",
        "next", "print", "search",
    ]

    /// A slug for a track or role that none of the site's own pages has: `matrix` → `matrix-role`.
    public static func avoidingPages(_ slug: String, suffix: String) -> String {
        reservedForPages.contains(slug) ? "\(slug)-\(suffix)" : slug
    }

    /// Names Windows will not create as files or folders, whatever the extension.
    static let reservedNames: Set<String> = Set(["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })

    /// Whether the title has letters that the Latin folding below would drop.
    private static func hasOtherScripts(_ title: String) -> Bool {
        title.unicodeScalars.contains { !$0.isASCII && $0.properties.isAlphabetic && fold(String($0)).isEmpty }
    }

    private static func fold(_ title: String) -> String {
        if let ascii = foldASCII(title) { return ascii }
        var slug = ""
        var pendingDash = false
        for scalar in title.lowercased().unicodeScalars {
            let folded = foldScalar(scalar)
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
        return slug
    }

    /// `fold` for a title of ASCII letters, digits, spaces and punctuation, on its bytes (area
    /// titles are slugged for every alignment, anchor and comparison); nil for anything else.
    private static func foldASCII(_ title: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count)
        var pendingDash = false
        for byte in title.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingDash && !bytes.isEmpty { bytes.append(0x2D) }
                bytes.append(lower)
                pendingDash = false
            } else if lower != 0x27 {  // "don't" -> "dont"
                pendingDash = true
            }
        }
        if bytes.count > 80 {
            bytes.removeLast(bytes.count - 80)
            while bytes.last == 0x2D { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a string is already a slug (for `slug:` and `{#key}` given by hand).
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && text.utf8.first != 0x2D && text.utf8.last != 0x2D
    }

    private static func foldScalar(_ scalar: Unicode.Scalar) -> String? {
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

/// Slugs of titles that needed ICU, by title (a pure function, so remembering is safe).
private final class SlugCache: @unchecked Sendable {  // `entries` is only touched under `lock`
    private let lock = NSLock()
    private var entries: [String: String] = [:]

    func value(_ key: String) -> String? { lock.withLock { entries[key] } }

    func store(_ slug: String, for key: String) {
        lock.withLock {
            if entries.count > 10_000 { entries.removeAll() }
            entries[key] = slug
        }
    }
}
