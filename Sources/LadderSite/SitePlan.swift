import Foundation
import LadderModel

/// Every file of a site, each made only when asked for. `ladder build` asks for all of them, on
/// every core; the preview server asks for a page when a browser does, so a rebuild costs the
/// pages someone looks at rather than the whole site.
public final class SitePlan: @unchecked Sendable {  // the makers only read the immutable site context
    /// Every file's path, sorted.
    public let paths: [String]
    private let makers: [String: () -> Data]
    private let profile: RenderProfile

    init(_ files: [(path: String, make: () -> Data)], profile: RenderProfile) {
        makers = Dictionary(files.map { ($0.path, $0.make) }, uniquingKeysWith: { first, _ in first })
        paths = makers.keys.sorted()
        self.profile = profile
    }

    public func contains(_ path: String) -> Bool { makers[path] != nil }

    /// The file at `path`, made now; nil when the site has no such file.
    public func page(_ path: String) -> Page? {
        makers[path].map { Page(path: path, bytes: $0()) }
    }

    /// Every file, made on every core, sorted by path.
    public func renderAll() -> [Page] {
        let pages = render(paths[...])
        reportProfile()
        return pages
    }

    /// The files at `paths` (all of the plan's), made on every core, in the same order.
    public func render(_ paths: ArraySlice<String>) -> [Page] {
        ConcurrentWork.map(Array(paths)) { Page(path: $0, bytes: makers[$0]!()) }
    }

    /// With LADDER_PROFILE set, prints each kind of page's making time on standard error.
    public func reportProfile() { profile.report() }
}
