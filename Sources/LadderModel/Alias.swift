import Foundation

/// An old address of a page (front matter's `aliases:`, as in Hugo): the site keeps a small
/// page there that sends readers on, so links made before a role or track moved still work.
public struct Alias: Hashable, Sendable {
    /// The file the redirect page is written to, from the site's root: `old/path/index.html`,
    /// or `old.html` for an alias that names an HTML file.
    public var file: String
    public var location: SourceLocation

    public init(file: String, location: SourceLocation) {
        self.file = file
        self.location = location
    }

    /// The address as a host's redirect rules name it: `/old/path/` or `/old.html`.
    public var urlPath: String {
        file.hasSuffix("/index.html") ? "/" + file.dropLast("index.html".count) : "/" + file
    }

    /// `aliases:` as written → the file of its redirect page, or why it cannot be one.
    public static func file(for written: String) -> Result<String, AliasProblem> {
        var path = Substring(written.trimmingCharacters(in: .whitespaces))
        if path.contains("://") || path.hasPrefix("//") { return .failure(.notAPath) }
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.isEmpty { return .failure(.home) }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = { (byte: UInt8) in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x7E
        }
        for segment in segments where segment.isEmpty || segment.hasPrefix(".") || !segment.utf8.allSatisfy(allowed) {
            return .failure(.badSegment(String(segment)))
        }
        let last = segments.last!.lowercased()
        return .success(last.hasSuffix(".html") || last.hasSuffix(".htm") ? String(path) : "\(path)/index.html")
    }

    public enum AliasProblem: Error, Equatable {
        case notAPath, home, badSegment(String)

        public var explanation: String {
            switch self {
            case .notAPath: "an alias is a path of this site, such as old/path/, not a whole address"
            case .home: "the site's home page cannot be an alias"
            case .badSegment(let segment):
                "'\(segment)' cannot be part of an alias: use letters, digits, '-', '_', '.' and '~', with no part empty or starting with '.'"
            }
        }
    }
}
