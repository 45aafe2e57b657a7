import Foundation
import LadderModel

/// Links between content files, made links between pages: `[Staff](../engineering/4-staff.md)`
/// leads to the Staff page, `#craft` to the area's anchor on it. The parser gave each such link
/// a marker address (`ContentLink.marker`) and found its destination (`ContentLinkCheck`); the
/// page renderer puts the page's address in the marker's place, relative to the page it is on.
/// A link that leads nowhere keeps the address as written (and was a `broken-link` warning).
public struct ContentLinks: Sendable {
    /// Marker → where it leads.
    private let resolved: [String: Resolution]

    public init(_ framework: Framework) {
        var resolved: [String: Resolution] = [:]
        for link in framework.contentLinks {
            guard let destination = link.destination else {
                resolved[link.marker] = resolved[link.marker] ?? .asWritten(link.written)
                continue
            }
            let path: String
            switch destination {
            case .track(let slug): path = Links.track(slug: slug)
            case .role(let track, let role): path = Links.role(slug: role, track: track)
            case .ability(let slug): path = Links.ability(slug)
            case .assignment(let slug): path = Links.assignment(slug)
            }
            resolved[link.marker] = .page(path + (link.anchor.map { "#" + $0 } ?? ""))
        }
        self.resolved = resolved
    }

    enum Resolution: Sendable {
        /// A page's path from the site's root, with its anchor.
        case page(String)
        /// A link that leads nowhere keeps the address its author wrote.
        case asWritten(String)
    }

    /// `text` (a page, or JSON in it) with every marker replaced by its page's address from
    /// `root`, the way back to the site's root from the page it is on.
    func resolving(_ text: String, root: String) -> String {
        guard mayHoldLinks(text.utf8) else { return text }
        var result = ""
        var rest = Substring(text)
        let inMarker = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "%-._~#".contains(c)) }
        while let start = rest.range(of: ContentLink.markerPrefix) {
            result += rest[..<start.lowerBound]
            let end = rest[start.upperBound...].firstIndex { !inMarker($0) } ?? rest.endIndex
            let marker = String(rest[start.lowerBound..<end])
            switch resolved[marker] {
            case .page(let path): result += escapeHTML(root + path)
            case .asWritten(let written): result += escapeHTML(written)
            case nil: result += marker
            }
            rest = rest[end...]
        }
        return result + rest
    }

    /// `resolving` for bytes: the same bytes when they hold no marker, without a copy (the
    /// framework.json of size L is 5 MB).
    func resolving(_ bytes: Data, root: String) -> Data {
        guard mayHoldLinks(bytes) else { return bytes }
        return Data(resolving(String(decoding: bytes, as: UTF8.self), root: root).utf8)
    }

    /// Most pages hold no link between content files: a search of the bytes says so without
    /// walking the page's characters (String.contains took a fifth of the role pages'
    /// rendering time at size L).
    private func mayHoldLinks(_ bytes: some Collection<UInt8>) -> Bool {
        !resolved.isEmpty && bytes.firstRange(of: ContentLink.markerPrefix.utf8) != nil
    }
}
