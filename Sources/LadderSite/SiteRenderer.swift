import Foundation
import LadderModel

/// Framework + templates → every file of the site. A pure function: no I/O, no clock, and the
/// pages come back sorted by path, so the same input gives the same bytes.
public enum SiteRenderer {
    public static func render(_ framework: Framework, templates: TemplateSet) -> [Page] {
        let links = Links(framework: framework)
        var pages: [Page] = []

        pages.append(page(at: "index.html", title: framework.title, kind: "index",
                          IndexView.make(framework, links: links), framework, links, templates))
        for track in framework.tracks {
            pages.append(page(at: links.track(track), title: track.title, kind: "track",
                              TrackView.make(track, links: links), framework, links, templates))
            for (index, role) in track.roles.enumerated() {
                pages.append(page(at: links.role(role, in: track), title: "\(role.title) · \(track.title)", kind: "role",
                                  RoleView.make(role, at: index, in: track, links: links), framework, links, templates))
            }
        }
        pages.append(Page(path: "framework.json", bytes: FrameworkExport.json(framework)))
        pages += templates.assets
        return pages.sorted { $0.path < $1.path }
    }

    private static func page(
        at path: String, title: String, kind: String, _ content: [String: Any], _ framework: Framework, _ links: Links,
        _ templates: TemplateSet
    ) -> Page {
        let root = Links.root(of: path)
        var view = content
        view["root"] = root
        view["siteTitle"] = framework.title
        view["pageTitle"] = title
        view["pageKind"] = kind
        view["isHome"] = kind == "index"
        view["nav"] = framework.tracks.map { track in
            ["title": track.title, "href": root + links.track(track), "current": path.hasPrefix(track.slug + "/")] as [String: Any]
        }
        return Page(path: path, text: templates.render(view, template: kind))
    }
}

/// Site paths, all relative and ending in `index.html` so they work from `file://` too.
struct Links {
    let framework: Framework

    func track(_ track: Track) -> String { "\(track.slug)/index.html" }
    func role(_ role: Role, in track: Track) -> String { "\(track.slug)/\(role.slug)/index.html" }

    /// The way back to the site root from a page: "", "../", "../../".
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}
