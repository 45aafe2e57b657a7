import Foundation

/// A Markdown link from one content file to another (`[Staff](../engineering/4-staff.md)`) or
/// to an anchor (`[mentoring](#mentoring)`, `[craft](3-senior.md#craft)`). The site links it to
/// the page that file became; one that leads nowhere is a `broken-link` diagnostic.
public struct ContentLink: Hashable, Sendable {
    /// The linked file as the content's files are named (`content/abilities/mentoring.md`):
    /// the file the link is in, for an anchor alone.
    public var target: String
    /// The anchor, without its `#`, if any.
    public var fragment: String?
    /// The address as written, for messages (and for the page, if it leads nowhere).
    public var written: String
    public var location: SourceLocation
    /// The page it leads to, once the framework is read (`ContentLinkCheck`); nil when broken.
    public var destination: Destination?
    /// The anchor on that page: the fragment, unless it named a role (GitHub's anchor for a
    /// role's heading, `#p1-platform-engineer`), which is then the page itself.
    public var anchor: String?

    /// A page of the site that a content file becomes, by slugs.
    public enum Destination: Hashable, Sendable {
        case track(String)
        case role(track: String, role: String)
        case ability(String)
        case assignment(String)
    }

    /// Content files are Markdown or text: a link to one of these is a link to its page.
    static let contentExtensions: Set<String> = ["md", "markdown", "txt"]

    /// `url` as written in `file`: a content link, or nil for any other address (a whole
    /// address, a path from the site's root, an image or a file that is not content).
    public init?(_ url: String, from file: String, at location: SourceLocation) {
        guard !url.isEmpty, !url.hasPrefix("/"), !url.hasPrefix("\\") else { return nil }
        // A scheme ("https:", "mailto:") comes before any slash, query or anchor.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains(where: { "/?#".contains($0) }) { return nil }
        let hash = url.firstIndex(of: "#")
        let pathPart = String(url[..<(hash ?? url.endIndex)]).split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let fragment = hash.map { String(url[url.index(after: $0)...]) }
        let path = pathPart.removingPercentEncoding ?? pathPart
        if path.isEmpty {
            guard let fragment, !fragment.isEmpty else { return nil }
            target = file
        } else {
            let ext = (path as NSString).pathExtension.lowercased()
            guard Self.contentExtensions.contains(ext) else { return nil }
            target = Self.resolve(path, from: file)
        }
        self.fragment = fragment.flatMap { $0.isEmpty ? nil : ($0.removingPercentEncoding ?? $0) }
        written = url
        self.location = location
    }

    /// `path` relative to the folder of `file`, with `.` and `..` taken out. A path that climbs
    /// above the first folder of `file` keeps its `..`: no content file has that name.
    static func resolve(_ path: String, from file: String) -> String {
        var parts = file.split(separator: "/", omittingEmptySubsequences: true).dropLast().map(String.init)
        // A file named from the root keeps its root: its folders are not climbed above.
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if parts.isEmpty || parts.last == ".." { parts.append("..") } else { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return (file.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// The address the page HTML carries until the site puts the linked page's in its place:
    /// percent-encoded throughout, so neither cmark's escaping nor JSON's changes it.
    public var marker: String { Self.marker(target: target, fragment: fragment) }

    public static let markerPrefix = "ladder-link:"

    static func marker(target: String, fragment: String?) -> String {
        markerPrefix + encode(target) + (fragment.map { "#" + encode($0) } ?? "")
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7F}"))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
